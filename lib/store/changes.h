/* Which records differ between two moments of a repository (two commits, or a commit and the
 * working tree): the files that differ, for tip validate --changed-since, and the records whose
 * values differ, field by field, for tip diff. Also the words and the JSON in which tip diff
 * and tip log both tell a record's changes. */
#ifndef TIP_CHANGES_H
#define TIP_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "history.h"
#include "store.h"

enum { TIP_CHANGES_ID_LEN = 41 }; /* a full hex commit id and its NUL */

/* ---- the commits compared ---- */

/* The commit rev names (anything git_revparse_single takes: "HEAD~2", "origin/main", a hex
 * id), as a full hex id. "unknown revision 'x'" when there is none, "'x' is not a commit"
 * when it names something else. */
tip_error *tip_changes_resolve(char id[TIP_CHANGES_ID_LEN], tip_store *store, const char *rev);

/* What a change is compared with when no revision is named: the merge base of HEAD and the
 * default branch, which is origin/HEAD's target when that exists, else the first of
 * origin/main, origin/master, main and master that exists; HEAD itself when HEAD is that
 * branch (or the local branch of that name), so that only what is not committed shows. The
 * branch's short name ("origin/main") goes into branch (cap bytes). An error asks for a
 * revision when there is no default branch or no merge base. */
tip_error *tip_changes_default_base(char id[TIP_CHANGES_ID_LEN], char *branch, size_t cap,
	tip_store *store);

/* ---- what differs ---- */

typedef struct tip_changes tip_changes;

/* The files under records/ and schemas/ that differ between the tree of from_rev and the tree
 * of to_rev, or the working tree when to_rev is NULL (where every file counts, tracked, new
 * or ignored, as every file counts to tip validate). Added, modified and removed alike; no
 * rename detection. The store's types must be loaded. */
tip_error *tip_changes_files(tip_changes **out, tip_store *store, const char *from_rev,
	const char *to_rev);

/* tip_changes_files, and of those files the records (records/<collection>/<id>.yaml of one
 * of today's types) whose values differ: added, removed, changed field by field as
 * tip_record_diff says, or unreadable (a version that does not load). A file whose text
 * changed but whose values did not (formatting, quotes, key order) is no record change. */
tip_error *tip_changes_records(tip_changes **out, tip_store *store, const char *from_rev,
	const char *to_rev);

void tip_changes_free(tip_changes *changes);

/* The commits compared, full hex ids; to is NULL for the working tree. */
const char *tip_changes_from(const tip_changes *changes);
const char *tip_changes_to(const tip_changes *changes);

/* The files that differ, sorted by path (bytes). */
size_t tip_changes_file_count(const tip_changes *changes);
const char *tip_changes_file_at(const tip_changes *changes, size_t i);
bool tip_changes_has_file(const tip_changes *changes, const char *path);

/* The records that differ (tip_changes_records only; else none), in the store's type order,
 * then by id. For an added record every field is in fields (from NULL), for a removed one
 * every field (to NULL); none for an unreadable one. */
size_t tip_changes_record_count(const tip_changes *changes);
const tip_history_record *tip_changes_record_at(const tip_changes *changes, size_t i);

#endif
