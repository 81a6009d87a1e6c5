/* Shared by the commands that read records and print them (show, list, export, matrix, due,
 * summary). */
#ifndef TIP_CMD_READING_H
#define TIP_CMD_READING_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "snapshot.h"
#include "store.h"

/* The records of the working tree. */
struct reading {
	tip_snapshot *snapshot;
	int status; /* EXIT_FINDINGS when some files did not load (they are left out), else EXIT_OK */
};

/* Says on stderr which records of snapshot do not load and why (their findings, each naming
 * the file), then a line saying they are left out. Every reading command reports them this
 * way, and exits EXIT_FINDINGS at the end with its output otherwise complete. Returns
 * EXIT_OK when every record loads, EXIT_FINDINGS when some do not, EXIT_TROUBLE when stderr
 * cannot be written. */
int cmd_warn_unreadable(const tip_snapshot *snapshot, tip_diag_list *findings);

/* The same for unloaded records read one at a time (tip_snapshot_worktree_each). */
int cmd_warn_unloaded(size_t unloaded, tip_diag_list *findings);

/* Reads the records of type_name (NULL = every type), saying which do not load
 * (cmd_warn_unreadable: r->status). Returns EXIT_OK or, having said why, EXIT_TROUBLE. */
int cmd_read_records(struct reading *r, tip_store *store, const char *type_name);

/* The same on every processor, keeping of each record only what keep says
 * (tip_snapshot_worktree_kept): what a command that reports a few fields reads. */
int cmd_read_kept(struct reading *r, tip_store *store, const char *type_name,
	const tip_snapshot_keep *keep);
void cmd_reading_dispose(struct reading *r);

/* The records of type (NULL: of every type) that loaded, in id order: *out is freed by the caller with free(). */
int cmd_records_of(const tip_snapshot_record ***out, size_t *count, const struct reading *r,
	const tip_type *type);

/* Writes text to stdout; EXIT_OK, or EXIT_TROUBLE (said on stderr) when writing fails. */
int cmd_print_text(const tip_buf *text);

/* Prints "Record types here: action, champion, ..." after a blank line: the types of the
 * repository around the current directory (its schemas/); nothing outside one. For the help
 * of the commands that take a TYPE (struct cmd_usage's more). */
void cmd_print_record_types(FILE *out);

/* How wide the table may be: $COLUMNS, else the terminal's width on stdout, else 80. */
size_t cmd_terminal_width(void);

#endif
