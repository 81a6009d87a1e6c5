/* What changed in records: the history of the records read from git as differences field by
 * field (tip_history_walk, with tip_record_diff of field_diff.h), for tip log and tip
 * summary. */
#ifndef TIP_HISTORY_H
#define TIP_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "field_diff.h"
#include "store.h"
#include "yaml.h"

/* ---- the history of the records ---- */

typedef struct tip_history_opts {
	const char *type_name; /* only records of this type; NULL = every type */
	const char *id;        /* with type_name: only this record */
	const char *field;     /* only changes of this top-level field; NULL = every field */
	const char *since;     /* YYYY-MM-DD: only commits dated on or after it; NULL = any */
	const char *until;     /* YYYY-MM-DD: only commits dated on or before it; NULL = any */
} tip_history_opts;

typedef struct tip_history_commit {
	const char *id;       /* the full hex id */
	const char *short_id; /* the shortest unique abbreviation, at least 7 characters */
	const char *date;     /* the committer date, YYYY-MM-DD in the committer's time zone */
	int64_t time;         /* the committer time, seconds since the epoch */
	int offset;           /* the committer's time zone, minutes east of UTC */
	const char *author;   /* the author's name */
	const char *subject;  /* the first paragraph of the message, on one line */
	bool by_tip;          /* the message has a Tip-Action trailer */
	const char *reason;   /* by_tip: the body between the subject and the trailers; NULL
			       * when there is none or the commit was not made by tip */
} tip_history_commit;

typedef enum tip_history_change {
	TIP_HISTORY_ADDED,
	TIP_HISTORY_REMOVED,
	TIP_HISTORY_CHANGED,
	TIP_HISTORY_UNREADABLE, /* a side that exists does not load as a record (see unreadable) */
} tip_history_change;

/* Which versions of an unreadable record do not load. */
enum { TIP_HISTORY_BEFORE = 1, TIP_HISTORY_AFTER = 2 };

typedef struct tip_history_record {
	const tip_type *type;
	const char *id;
	const char *path; /* records/<collection>/<id>.yaml */
	tip_history_change change;
	unsigned unreadable; /* TIP_HISTORY_BEFORE and/or TIP_HISTORY_AFTER; 0 unless
			      * change is TIP_HISTORY_UNREADABLE */
	const tip_node *before; /* the old version; NULL when absent or unreadable */
	const tip_node *after;  /* the new version; NULL when absent or unreadable */
	/* What tip_record_diff(before, after) reports: for an added record every field from
	 * NULL, for a removed one every field to NULL; none for an unreadable one. With
	 * opts->field, only that field's change. */
	const tip_field_diff *fields;
	size_t field_count;
} tip_history_record;

/* Receives one record changed by one commit. Records of one commit come one after the other
 * (the same commit->id), in path order. What both point to lives only for the call. A
 * non-NULL return stops the walk and is returned by it. */
typedef tip_error *(*tip_history_fn)(void *ctx, const tip_history_commit *commit,
	const tip_history_record *record);

/* Walks HEAD's first-parent line from HEAD back to the first commit (newest first; a merge is
 * compared with its first parent only) and calls fn for every record that a commit changed
 * against its first parent (the first commit: against nothing), whoever made the commit. In
 * a shallow clone the walk ends before the last commit it holds, whose parent is missing.
 *
 * A record is a file records/<collection>/<id>.yaml whose collection is one of the store's
 * types (tip_store_load_types first); other files under records/ are left out. No rename
 * detection: a renamed record is one removed and one added. A file whose text changed but
 * whose values did not (formatting, comments, key order) is left out. A version that does not
 * load (not strict YAML, not a mapping) makes the record TIP_HISTORY_UNREADABLE, which opts->field
 * leaves out. Dates are compared as the text of the committer date in its own time zone;
 * since and until must be real dates (else an error). An unborn HEAD has no history: fn is
 * never called. Memory does not grow with the length of the history: each commit's objects
 * are freed before the next. */
tip_error *tip_history_walk(tip_store *store, const tip_history_opts *opts, tip_history_fn fn,
	void *ctx);

#endif
