/* Shared by the commands that change records (add, set, edit, rm). */
#ifndef TIP_CMD_RECORDS_H
#define TIP_CMD_RECORDS_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"
#include "record.h"
#include "store.h"

/* -m REASON and --no-commit. */
struct write_options {
	const char *reason;
	bool no_commit;
};

struct option;

/* Parses -m/--message and --no-commit (and the command's own options through on_extra, which
 * returns -1 to go on or an exit status). Returns -1 to go on, else the exit status. */
int cmd_parse_write_options(struct write_options *w, int argc, char **argv,
	void (*usage)(FILE *), const char *extra_short, const struct option *extra_long,
	int (*on_extra)(int opt, const char *arg, void *ctx), void *ctx);

/* Opens the repository around the current directory and loads its types; prints the error
 * and returns EXIT_TROUBLE when it cannot. */
int cmd_open_store(tip_store **out);

/* The same for a command that reads only history (tip log, tip diff): a bare repository too. */
int cmd_open_history_store(tip_store **out);

/* Prints findings (sorted, text format) on stderr; returns EXIT_FINDINGS. */
int cmd_print_findings(tip_diag_list *findings);

/* Commits text (NULL removes the record; force: even though other records refer to it) and
 * says so on stdout. What is committed is checked against the records of the commit it goes
 * on: when it would not be valid, or others refer to a removed record, the findings are
 * printed and EXIT_FINDINGS returned with nothing changed. */
int cmd_commit_record(tip_store *store, const tip_record *record, const char *verb,
	const tip_buf *text, const struct write_options *w, bool force);

/* For commands on one existing record (TYPE ID): opens the repository, locates the record
 * (its file may not load: then record->doc is NULL) and runs act on it. */
int cmd_on_located_record(int argc, char **argv, void (*usage)(FILE *), const char *name,
	int (*act)(tip_store *store, tip_record *record, void *ctx), void *ctx);

#endif
