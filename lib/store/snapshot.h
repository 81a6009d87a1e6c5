/* The records of a repository as they stand at one moment: the working tree, or a commit's
 * tree. What the read-side commands (show, list, export, matrix, due, summary, log) work on. */
#ifndef TIP_SNAPSHOT_H
#define TIP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "error.h"
#include "store.h"
#include "yaml.h"

typedef struct tip_snapshot tip_snapshot;

typedef struct tip_snapshot_record {
	const tip_type *type;
	const char *id;
	const char *path; /* records/<collection>/<id>.yaml */
	const tip_node *root; /* the record's fields; NULL when the file does not load */
} tip_snapshot_record;

/* Every record of every type (type_name NULL) or of one type, from the working tree. Files
 * that do not load are kept with root NULL and their findings go to findings (may be NULL). */
tip_error *tip_snapshot_worktree(tip_snapshot **out, tip_store *store, const char *type_name,
	tip_diag_list *findings);

/* The same from the tree of a commit: rev is anything git_revparse_single takes ("HEAD",
 * "main~3", a hex id). The tree is walked on the calling thread and its records read on every
 * processor (or TIP_JOBS); findings come in the tree's order. */
tip_error *tip_snapshot_at_rev(tip_snapshot **out, tip_store *store, const char *rev,
	const char *type_name, tip_diag_list *findings);

/* Like tip_snapshot_at_rev for every type, sharing the parsed records of like (a snapshot of
 * another commit of the same store) whose files are the same: comparing two moments then
 * parses only what differs. The result must be freed before like. */
tip_error *tip_snapshot_at_rev_like(tip_snapshot **out, tip_store *store, const char *rev,
	const tip_snapshot *like);

/* ---- the working tree, read on every processor ---- */

/* What a reading keeps of each record of the working tree, so that memory grows with what a
 * command reports rather than with every byte of every record. */
typedef struct tip_snapshot_keep {
	/* The top-level fields kept, in the record's order; with fields NULL every field. */
	const char *const *fields;
	size_t field_count;
	/* When set, a record that loads is kept only when wanted says so. It sees the whole
	 * record, and is called from several threads at once. */
	bool (*wanted)(void *ctx, const tip_snapshot_record *record);
	void *ctx;
	/* When set, of a kept field whose value is a list, only the items keep_item says are
	 * kept (in their order): a field reduced to what a command reads of it, such as the
	 * sessions of one period. Called from several threads at once, with ctx. */
	bool (*keep_item)(void *ctx, const char *field, const tip_node *item);
	/* Each record that loads is checked against its type's schema (references aside)
	 * before it is reduced: tip_snapshot_record_breaks_schema says which broke it. */
	bool check_schema;
} tip_snapshot_keep;

/* Like tip_snapshot_worktree, reading the records on every processor (or TIP_JOBS) and
 * keeping of each only what keep says, each record's whole document freed once read. Records
 * that do not load are kept with root NULL; those not wanted are left out. */
tip_error *tip_snapshot_worktree_kept(tip_snapshot **out, tip_store *store,
	const char *type_name, const tip_snapshot_keep *keep, tip_diag_list *findings);

/* Like tip_snapshot_at_rev(_like), keeping of each record only what keep says (keep NULL:
 * everything), each record's document freed once read. Records whose blob is the same in
 * like (which must have been read with the same keep) are taken from like, not parsed; the
 * result must then be freed before like. */
tip_error *tip_snapshot_at_rev_kept(tip_snapshot **out, tip_store *store, const char *rev,
	const char *type_name, const tip_snapshot_keep *keep, const tip_snapshot *like,
	tip_diag_list *findings);

/* A hash of the record's whole value as read (tip_node_hash of its root before it was
 * reduced), so that whether a record changed can be told after its fields were dropped; 0 for
 * a record that did not load. record must be one of a snapshot (tip_snapshot_get, _find, or
 * as keep->wanted sees it). */
uint64_t tip_snapshot_record_hash(const tip_snapshot_record *record);

/* Whether the record, read with keep->check_schema, loaded but breaks its type's schema
 * (references aside, which need the other records); false otherwise. record as for
 * tip_snapshot_record_hash. */
bool tip_snapshot_record_breaks_schema(const tip_snapshot_record *record);

/* Called for each record of tip_snapshot_worktree_each: render on any of the workers, into
 * text (empty for it, record->root NULL when the file does not load); then write on the
 * calling thread, in the order of a snapshot, with what render made. */
typedef tip_error *(*tip_snapshot_render_fn)(void *ctx, tip_buf *text,
	const tip_snapshot_record *record);
typedef tip_error *(*tip_snapshot_write_fn)(void *ctx, const tip_snapshot_record *record,
	const tip_buf *text);

/* Reads the records of the working tree (type_name's, or every type's) on every processor a
 * batch at a time and hands each to render and then to write, freeing it after: memory stays
 * the same however many records there are. render may be NULL. The first error stops the
 * reading and is returned; findings get those of the files that do not load. */
tip_error *tip_snapshot_worktree_each(tip_store *store, const char *type_name,
	tip_snapshot_render_fn render, tip_snapshot_write_fn write, void *ctx,
	tip_diag_list *findings);

/* ---- commits at a moment ---- */

enum { TIP_COMMIT_ID_LEN = 41 }; /* a full hex commit id and its NUL */

/* Walks the first-parent line back from from (a commit id; "" = HEAD): into at, the id of the
 * last commit whose committer date is at or before when ("" when none); into oldest, the
 * oldest commit there is (the first, or where a shallow clone's history ends; "" when HEAD is
 * unborn). Both have TIP_COMMIT_ID_LEN bytes. */
tip_error *tip_store_commit_at(char *at, char *oldest, tip_store *store, const char *from,
	int64_t when);

/* The day (UTC) of the commit hex into out, TIP_DATE_LEN bytes. */
tip_error *tip_store_commit_day(char *out, tip_store *store, const char *hex);

/* True when the repository is a shallow clone: its history stops before the first commit. */
bool tip_store_is_shallow(tip_store *store);

/* The same at a moment: the tree of the last commit on HEAD's first-parent line whose committer
 * date is at or before when (seconds since the epoch). A TIP_ENOTFOUND error when the
 * repository has no commit that old (in a shallow clone: none that old among the commits it
 * holds). The commit's id goes into commit_id (cap >= 41; "" when none) when it is not
 * NULL. */
tip_error *tip_snapshot_at_time(tip_snapshot **out, tip_store *store, int64_t when,
	const char *type_name, char *commit_id, size_t cap);

void tip_snapshot_free(tip_snapshot *snapshot);

/* The records in order of type (the store's order) and id. */
size_t tip_snapshot_count(const tip_snapshot *snapshot);
const tip_snapshot_record *tip_snapshot_get(const tip_snapshot *snapshot, size_t i);
/* How many of its record files do not load (kept with root NULL). */
size_t tip_snapshot_unloaded(const tip_snapshot *snapshot);

/* The record type_name/id, or NULL. */
const tip_snapshot_record *tip_snapshot_find(const tip_snapshot *snapshot,
	const char *type_name, const char *id);

#endif
