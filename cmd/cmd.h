/* The command front end: one file per subcommand, each with cmd_<name> and usage_<name> (its
 * options table and usage text, options.h). */
#ifndef TIP_CMD_H
#define TIP_CMD_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"
#include "error.h"
#include "options.h"

/* Exit statuses (tip(1) EXIT STATUS, docs/commands.md "Exit status"). */
enum { EXIT_OK = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2, EXIT_INTERRUPTED = 130 /* Ctrl-C */ };

struct cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const struct cmd_usage *usage;
	const char *summary;
};

/* Every command, in the order of tip --help: main.c's table, which it hands over with
 * cmd_table_set before running a command. */
const struct cmd *cmd_table(size_t *count);
void cmd_table_set(const struct cmd *commands, size_t count);

/* Every print of text that may come from records (titles, values, subjects, findings, paths)
 * goes through these: they write text as it is, but a control character a terminal would act
 * on (C0 but tab and line feed, DEL, C1) as \u001b and a byte that is not UTF-8 as \x9b.
 * They return 0, or EOF when writing fails. */
int cmd_write(FILE *out, const char *text, size_t len);
int cmd_puts(FILE *out, const char *text);
int cmd_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cmd_vprintf(FILE *out, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Prints "tip: <message>" on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* cmd_error with a va_list. */
void cmd_verror(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Prints the error's message as cmd_error does, frees it and returns EXIT_TROUBLE. */
int cmd_fail(tip_error *err);
/* For a bad command line: the complaint, then the usage; returns EXIT_TROUBLE. */
int cmd_usage_error(const struct cmd_usage *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sorts findings and prints them to out in format; EXIT_OK, or EXIT_TROUBLE when writing
 * fails (said on stderr). */
int cmd_print_diag(FILE *out, tip_diag_list *findings, tip_diag_format format);
/* True when argv[i] is -h or --help. */
int cmd_wants_help(const char *arg);

int cmd_validate(int argc, char **argv);
extern const struct cmd_usage usage_validate;
int cmd_add(int argc, char **argv);
extern const struct cmd_usage usage_add;
int cmd_set(int argc, char **argv);
extern const struct cmd_usage usage_set;
int cmd_edit(int argc, char **argv);
extern const struct cmd_usage usage_edit;
int cmd_rm(int argc, char **argv);
extern const struct cmd_usage usage_rm;
int cmd_undo(int argc, char **argv);
extern const struct cmd_usage usage_undo;
int cmd_show(int argc, char **argv);
extern const struct cmd_usage usage_show;
int cmd_list(int argc, char **argv);
extern const struct cmd_usage usage_list;
int cmd_search(int argc, char **argv);
extern const struct cmd_usage usage_search;
int cmd_export(int argc, char **argv);
extern const struct cmd_usage usage_export;
int cmd_init(int argc, char **argv);
extern const struct cmd_usage usage_init;
int cmd_fmt(int argc, char **argv);
extern const struct cmd_usage usage_fmt;
int cmd_summary(int argc, char **argv);
extern const struct cmd_usage usage_summary;
int cmd_matrix(int argc, char **argv);
extern const struct cmd_usage usage_matrix;
int cmd_site(int argc, char **argv);
extern const struct cmd_usage usage_site;
int cmd_due(int argc, char **argv);
extern const struct cmd_usage usage_due;
int cmd_log(int argc, char **argv);
extern const struct cmd_usage usage_log;
int cmd_lint(int argc, char **argv);
extern const struct cmd_usage usage_lint;
int cmd_diff(int argc, char **argv);
extern const struct cmd_usage usage_diff;
int cmd_merge_file(int argc, char **argv);
extern const struct cmd_usage usage_merge_file;
int cmd_setup(int argc, char **argv);
extern const struct cmd_usage usage_setup;
int cmd_sync(int argc, char **argv);
extern const struct cmd_usage usage_sync;
int cmd_status(int argc, char **argv);
extern const struct cmd_usage usage_status;
int cmd_resolve(int argc, char **argv);
extern const struct cmd_usage usage_resolve;
int cmd_completion(int argc, char **argv);
extern const struct cmd_usage usage_completion;

#endif
