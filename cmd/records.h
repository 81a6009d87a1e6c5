/* Shared by the commands that change records (add, set, edit, rm). */
#ifndef TIP_CMD_RECORDS_H
#define TIP_CMD_RECORDS_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "cmd.h"
#include "diag.h"
#include "record.h"
#include "store.h"
#include "yaml.h"

/* -m REASON and --no-commit. */
struct write_options {
	const char *reason;
	bool no_commit;
	bool force; /* write even though tip lint finds errors in the record */
};

/* -m REASON and --no-commit in the options table of a command whose options struct (type_)
 * holds a struct write_options w. */
#define CMD_MESSAGE_OPTION(type_) \
	CMD_STRING("message", 'm', "REASON", NULL, type_, w.reason, \
		"why, kept as the commit message's body")
#define CMD_NO_COMMIT_OPTION(type_, help_) CMD_FLAG("no-commit", 0, type_, w.no_commit, help_)
#define CMD_FORCE_OPTION(type_) CMD_FLAG("force", 'f', type_, w.force, \
	"write it even though tip lint finds new errors in it")

/* Opens the repository around the current directory and loads its types; prints the error
 * and returns EXIT_TROUBLE when it cannot. */
int cmd_open_store(tip_store **out);

/* The same for a command that reads only history (tip log, tip diff): a bare repository too. */
int cmd_open_history_store(tip_store **out);

/* Prints findings (sorted, text format) on stderr; returns EXIT_FINDINGS. */
int cmd_print_findings(tip_diag_list *findings);

/* Loads the YAML mapping in file (- for stdin), in arena when it is not NULL (the nodes can
 * then go into a document of that arena). A file that does not load, or whose comments
 * the canonical form would drop, is reported (findings on stderr) and *doc left NULL. */
int cmd_load_mapping(tip_doc **doc, const char *file, struct tip_arena *arena);

/* Commits text (NULL removes the record; force: even though other records refer to it) and
 * says so on stdout. What is committed is checked against the records of the commit it goes
 * on: when it would not be valid, or others refer to a removed record, the findings are
 * printed and EXIT_FINDINGS returned with nothing changed. Text is first linted as tip lint
 * would (the findings printed): an error refuses it (EXIT_FINDINGS) unless force, and then
 * the commit message's body ends with "Forced past: RULE at FIELD, ...". */
int cmd_commit_record(tip_store *store, const tip_record *record, const char *verb,
	const tip_buf *text, const struct write_options *w, bool force);

/* For commands on one existing record (TYPE ID): opens the repository, locates the record
 * (its file may not load: then record->doc is NULL) and runs act on it. */
int cmd_on_located_record(int argc, char **argv, const struct cmd_usage *usage,
	const char *name,
	int (*act)(tip_store *store, tip_record *record, void *ctx), void *ctx);

#endif
