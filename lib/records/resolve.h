/* A record left conflicted by a merge or a rebase (docs/merging.md's conflict format), read in
 * this clone's terms ("here" and the other side) for tip status, and settled field by field
 * for tip resolve. */
#ifndef TIP_RESOLVE_H
#define TIP_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "merge.h"
#include "store.h"

typedef struct tip_record_conflicts {
	const tip_type *type;
	char *id;
	char *path;            /* records/<collection>/<id>.yaml */
	tip_buf text;          /* the working file as read */
	tip_conflicted read;   /* its fields, the conflicted ones with both sides */
	bool ours_is_other;    /* the file's "ours" side is the other side's (a rebase) */
} tip_record_conflicts;

/* Reads the working file of path (records/<collection>/<id>.yaml) as a conflicted record;
 * ours_is_other as tip_sync_status says. A file with no markers has no conflicts; a file
 * that is not there is a TIP_ENOTFOUND error. */
tip_error *tip_record_conflicts_read(tip_record_conflicts *out, tip_store *store,
	const char *path, bool ours_is_other);
void tip_record_conflicts_dispose(tip_record_conflicts *c);

/* Conflict i's value on this clone's side and on the other (NULL: the field removed there). */
const tip_node *tip_conflict_here(const tip_record_conflicts *c, size_t i);
const tip_node *tip_conflict_there(const tip_record_conflicts *c, size_t i);

/* Settles conflicts by choices "FIELD=ours" (this clone's value), "FIELD=theirs" (the other
 * side's) or "FIELD=VALUE" (as tip set reads it) into out: the record in canonical form, with
 * the conflicts not chosen still between markers (*left of them). A choice for a field that
 * is not in conflict is an error naming the fields that are. */
tip_error *tip_record_conflicts_settle(tip_buf *out, size_t *left, tip_record_conflicts *c,
	char *const *choices, size_t count);

#endif
