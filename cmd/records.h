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

/* -m REASON, --no-commit, and how what was written is said. */
struct write_options {
	const char *reason;
	bool no_commit;
	int format; /* CMD_WRITE_TEXT or CMD_WRITE_JSON, as --format's choices */
	bool include_personal;
	bool force; /* write even though tip lint finds errors in the record */
};

enum { CMD_WRITE_TEXT, CMD_WRITE_JSON };

/* -m REASON and --no-commit in the options table of a command whose options struct (type_)
 * holds a struct write_options w. */
#define CMD_MESSAGE_OPTION(type_) \
	CMD_STRING("message", 'm', "REASON", NULL, type_, w.reason, \
		"why, kept as the commit message's body")
#define CMD_NO_COMMIT_OPTION(type_, help_) CMD_FLAG("no-commit", 0, type_, w.no_commit, help_)
/* --format text|json and --include-personal, for what a write prints. */
#define CMD_WRITE_FORMAT_OPTIONS(type_) \
	CMD_CHOICE("format", "F", "text|json", type_, w.format, \
		"text (one line, the default) or json: one object saying\n" \
		"what was written (docs/commands.md)"), \
	CMD_FLAG("include-personal", 0, type_, w.include_personal, \
		"--format json: the values of personal fields too")

/* Prints, for --format json, one object on stdout: {"format": 1, "command", "type", "id",
 * "path", "commit" (HEAD's id, null when not committed), "change" (added, changed or
 * removed), "changes" (each field's, as tip log --format json gives them)}. The record is
 * the one at path, or with path NULL the only record the commit changed (type, id, path and
 * change null, changes empty when there is not one). */
int cmd_print_write_json(tip_store *store, const char *command, const char *path,
	bool committed, bool include_personal);

/* The same object for a write that found nothing to change: commit and change null, no
 * changes. */
int cmd_print_unchanged_json(const tip_record *record, const char *command);

#define CMD_FORCE_OPTION(type_) CMD_FLAG("force", 'f', type_, w.force, \
	"write it even though tip lint finds new errors in it")

/* Opens the repository around the current directory and loads its types; prints the error
 * and returns EXIT_TROUBLE when it cannot. */
int cmd_open_store(tip_store **out);

/* The same for a command that reads only history (tip log, tip diff): a bare repository too. */
int cmd_open_history_store(tip_store **out);

/* Prints findings (sorted, text format) on stderr; returns EXIT_FINDINGS. */
int cmd_print_findings(tip_diag_list *findings);

/* Prints on stderr, as "note: FIELD: ...", each line of notes: how tip_assign read values that
 * it did not take as written. */
void cmd_print_value_notes(const char *field, const tip_buf *notes);

/* Loads the YAML mapping in file (- for stdin), in arena when it is not NULL (the nodes can
 * then go into a document of that arena). A file that does not load, or whose comments
 * the canonical form would drop, is reported (findings on stderr) and *doc left NULL. */
int cmd_load_mapping(tip_doc **doc, const char *file, struct tip_arena *arena);

/* The errors tip lint finds in text that the record did not have before, appended to out:
 * what cmd_commit_record would refuse without force. */
int cmd_lint_refusals(tip_store *store, const tip_record *record, const tip_buf *text,
	tip_diag_list *out);

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
