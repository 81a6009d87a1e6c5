/* What tip resolve and tip edit share for a record left conflicted by a sync or a merge. */
#ifndef TIP_CMD_RESOLVING_H
#define TIP_CMD_RESOLVING_H

#include <stdbool.h>

#include "buf.h"
#include "record.h"
#include "store.h"

/* Whether path has conflicts not yet resolved; when it has, note gets "# tip: " lines that say
 * which side of the markers is this clone's (during a rebase git writes the other side's
 * first). EXIT_OK, or the status after the error is said. */
int cmd_conflict_note(bool *conflicted, tip_buf *note, tip_store *store, const char *path);

/* Checks text as the record's settled content (the schema, references among the committed
 * records): invalid, the findings are printed and EXIT_FINDINGS returned with nothing
 * written; valid, it is written, marked resolved for git, and tip says what comes next. */
int cmd_mark_resolved(tip_store *store, const tip_record *record, const tip_buf *text);

#endif
