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

/* ---- changes in words, as tip log and tip diff tell them ---- */

/* "added", "removed", "changed" or "unreadable". */
const char *tip_changes_change_name(tip_history_change change);

/* Which versions do not load: "before", "after", "both"; NULL when none. */
const char *tip_changes_unreadable_side(unsigned sides);

/* True when the field holds personal data (x-tip-personal in its type's schema), or when the
 * type's schema does not compile, so that it is not known. */
bool tip_changes_is_personal(const tip_type *type, const char *field);

/* Appends how the field changed: "skilled → enhanced" (an absent value is "(none)"),
 * "+ parents-carers, - staff" for a list's items, "reordered", or "changed" for a mapping.
 * Text shows as it is; other values, and text that is empty, has spaces at either end or
 * control characters, as JSON. */
tip_error *tip_changes_add_words(tip_buf *out, const tip_field_diff *diff);

/* "field: " and how it changed (tip_changes_add_words), joined by between (": ", " "); for a
 * personal field of type when hide_personal, "changed" instead of its values. */
tip_error *tip_changes_add_field_words(tip_buf *out, const tip_type *type,
	const tip_field_diff *diff, const char *between, bool hide_personal);

/* Compact JSON members for one-line objects: ',' unless first, the key, ':', and then the
 * value: a string (null when value is NULL), or nothing (tip_changes_json_key). */
tip_error *tip_changes_json_key(tip_buf *out, const char *key, bool first);
tip_error *tip_changes_json_string(tip_buf *out, const char *key, const char *value,
	bool first);

/* Appends the record as one JSON object: type, id, path, change, unreadable (the versions
 * that do not load, else null) and fields, each {field, from, to, added, removed, personal}
 * (personal: whether the field holds personal data). With hide_personal a personal field's
 * from, to, added and removed are null: its values are not shown. */
tip_error *tip_changes_add_json(tip_buf *out, const tip_history_record *record,
	bool hide_personal);

#endif
