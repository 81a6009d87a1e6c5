/* A command's options as one table: each option's long and short name, what it takes, its
 * help and what it sets. The table drives the parsing of the command line, the usage text
 * (-h), completion and the manual page's check, so that none can drift from the others. */
#ifndef TIP_CMD_OPTIONS_H
#define TIP_CMD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum cmd_option_kind {
	CMD_OPT_END,    /* ends a table */
	CMD_OPT_FLAG,   /* sets a bool to true */
	CMD_OPT_STRING, /* sets a const char * to its value */
	CMD_OPT_CHOICE, /* sets an int to the index of its value among choices */
	CMD_OPT_LIST,   /* adds its value to a struct cmd_strings; may be given again */
	CMD_OPT_REST,   /* ends the options: the words after it are arguments, even "-x" */
};

/* The values of an option that may be given more than once; free items with free(). */
struct cmd_strings {
	const char **items;
	size_t count;
};

struct cmd_option {
	enum cmd_option_kind kind;
	const char *name;    /* the long name, without "--" */
	char short_name;     /* 'm' for -m, or 0 */
	const char *arg;     /* what the help line calls its value ("REASON"); NULL for a flag */
	const char *takes;   /* what completion offers for the value: choices "text|json",
			      * or a placeholder ("TYPE", "F=V", "FILE"); NULL: as arg */
	const char *help;    /* lines after the first are indented to the help column */
	size_t offset;       /* where in the command's options struct it sets its value */
	const char *fallback; /* what it stands at when not given, where completion needs it */
	unsigned synopses;   /* the synopsis lines it belongs to, one bit each; 0: every one */
};

/* A synopsis line and the arguments in it that are not options, for completion. */
struct cmd_synopsis {
	const char *text;      /* after "tip NAME ": "TYPE ID [-m REASON]"; '\n' wraps */
	const char *args[4];   /* "TYPE", "ID", "FIELD=VALUE" (alternatives: "TYPE|all") */
	bool repeats;          /* the last argument may be given any number of times */
};

struct cmd_usage {
	const char *name;                    /* "rm" */
	const struct cmd_synopsis *synopses; /* ends with a NULL text */
	const char *about;                   /* printed between the synopsis and the options */
	const struct cmd_option *options;    /* ends with CMD_OPT_END */
	int column;                          /* where the options' help starts */
	const char *after;                   /* printed after the options */
	bool in_order;                       /* options end at the first argument */
	void (*more)(FILE *out);             /* prints what follows the usage, or NULL */
};

#define CMD_OPT(kind_, long_, short_, arg_, takes_, type_, member_, help_) \
	{ .kind = (kind_), .name = (long_), .short_name = (short_), .arg = (arg_), \
	  .takes = (takes_), .help = (help_), .offset = offsetof(type_, member_) }
#define CMD_FLAG(long_, short_, type_, member_, help_) \
	CMD_OPT(CMD_OPT_FLAG, long_, short_, NULL, NULL, type_, member_, help_)
#define CMD_STRING(long_, short_, arg_, takes_, type_, member_, help_) \
	CMD_OPT(CMD_OPT_STRING, long_, short_, arg_, takes_, type_, member_, help_)
#define CMD_CHOICE(long_, arg_, choices_, type_, member_, help_) \
	CMD_OPT(CMD_OPT_CHOICE, long_, 0, arg_, choices_, type_, member_, help_)
#define CMD_LIST(long_, arg_, takes_, type_, member_, help_) \
	CMD_OPT(CMD_OPT_LIST, long_, 0, arg_, takes_, type_, member_, help_)
#define CMD_OPT_TABLE_END { .kind = CMD_OPT_END }

/* Parses argv[1..argc) by u's table into opts, whose members the table names. The arguments
 * that are not options end up in argv[0..*count), in their order. Returns -1 to go on, or the
 * exit status: EXIT_OK after -h or --help (the usage printed on stdout), EXIT_TROUBLE after
 * a complaint (said on stderr, with the usage, or for a mistake in a value where it is). */
int cmd_parse_options(const struct cmd_usage *u, void *opts, int argc, char **argv, int *count);

/* The same for a command that takes options only: an argument is a usage error. */
int cmd_parse_options_only(const struct cmd_usage *u, void *opts, int argc, char **argv);

/* Prints the usage text: the synopsis, the about text, each option's help, the after text. */
void cmd_print_usage(const struct cmd_usage *u, FILE *out);

/* The option that word[0..len) names ("--format", "-m"), or NULL. */
const struct cmd_option *cmd_option_named(const struct cmd_usage *u, const char *word,
	size_t len);

/* A mistake in an option's value: the complaint, then only "see tip NAME -h", so that the
 * complaint is the last thing on the screen rather than above the whole usage; returns
 * EXIT_TROUBLE. */
int cmd_value_error(const struct cmd_usage *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* For a value the table takes but the command then finds wrong: "--within must be a number
 * of days, not 'soon'" (cmd_value_error); returns EXIT_TROUBLE. */
int cmd_bad_value(const struct cmd_usage *u, const char *option, const char *what,
	const char *value);

#endif
