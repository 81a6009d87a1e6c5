/* The differences between two versions of a record, field by field: what tip log, tip diff and
 * the summary tell of a change. Needs no git: two documents in, their differences out. */
#ifndef TIP_FIELD_DIFF_H
#define TIP_FIELD_DIFF_H

#include <stddef.h>

#include "error.h"
#include "yaml.h"

/* ---- one record, two versions ---- */

/* How a field changed. */
typedef enum tip_field_change {
	TIP_FIELD_VALUE,  /* the value was replaced, added (from NULL) or removed (to NULL) */
	TIP_FIELD_ITEMS,  /* a list (either side may be absent, taken as an empty list): the items
			   * in added and removed */
	TIP_FIELD_ORDER,  /* a list with the same items in another order */
	TIP_FIELD_NESTED, /* a mapping on both sides: something inside it changed */
} tip_field_change;

/* A change of one top-level field. The nodes belong to the documents compared. */
typedef struct tip_field_diff {
	const char *field;
	tip_field_change change;
	const tip_node *from; /* the old value; NULL when the field was absent */
	const tip_node *to;   /* the new value; NULL when the field is absent now */
	/* TIP_FIELD_ITEMS: the items of to that from does not have, and those of from that to
	 * does not have, each in its list's order. Lists are compared as multisets with
	 * tip_node_equal, so an item may be a mapping (a session, a milestone): one changed
	 * inside shows as the old item removed and the new one added. Empty otherwise. */
	const tip_node *const *added;
	size_t added_count;
	const tip_node *const *removed;
	size_t removed_count;
} tip_field_diff;

/* Receives each change; what it points to lives only for the call. A non-NULL return stops
 * the diff and is returned by it. */
typedef tip_error *(*tip_field_diff_fn)(void *ctx, const tip_field_diff *diff);

/* Compares two versions of a record (mappings; NULL stands for a record that does not exist,
 * so every field of the other is added or removed) and calls fn for each top-level field whose
 * value differs by tip_node_equal (numbers by value, mappings regardless of key order): first
 * the fields of after in its order, then those only before has, in its order. Nothing is
 * reported for equal records. */
tip_error *tip_record_diff(const tip_node *before, const tip_node *after, tip_field_diff_fn fn,
	void *ctx);

/* The changes tip_record_diff reports, kept (each one's item arrays copied; the nodes still
 * belong to the documents compared). Start from all zeros. */
typedef struct tip_field_diffs {
	tip_field_diff *items;
	size_t count, cap;
	const char *only; /* keep only this field's change; NULL = every field's */
} tip_field_diffs;

/* A tip_field_diff_fn whose ctx is a tip_field_diffs. */
tip_error *tip_field_diffs_keep(void *ctx, const tip_field_diff *diff);
/* Forgets the changes kept, keeping the memory for more. */
void tip_field_diffs_reset(tip_field_diffs *diffs);
void tip_field_diffs_dispose(tip_field_diffs *diffs);

#endif
