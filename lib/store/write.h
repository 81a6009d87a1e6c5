/* Writes are commits: each change to the records is one commit built with libgit2 from HEAD's
 * tree (never from the index), then the working files and index entries of the paths written,
 * all under git's index.lock. After any failure the repository (files, index, HEAD) is as it
 * was. */
#ifndef TIP_WRITE_H
#define TIP_WRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "store.h"

typedef struct tip_file_change {
	const char *path;    /* relative to the root, e.g. "records/courses/wave-aces.yaml" */
	const char *content; /* the new bytes; NULL removes the file */
	size_t len;
} tip_file_change;

typedef struct tip_write_opts {
	bool no_commit;   /* write the working files only (--no-commit) */
	const char *base; /* the commit (hex id) at which the caller read what it changes: the
			   * write is refused when a commit since then changed one of the paths,
			   * so no change is lost; NULL or "" = no such check */
	/* Checks the change against the records of the commit it goes on (hex id; "" on a
	 * branch with no commit yet): called under the lock before anything is written, and
	 * again whenever the commit is rebuilt on a newer tip of the branch. An error stops the
	 * write with nothing changed. NULL: no such check. Not called with no_commit. */
	tip_error *(*check)(void *ctx, const char *commit);
	void *check_ctx;
} tip_write_opts;

/* HEAD's commit id in hex into out (cap >= 41), "" before the first commit. */
tip_error *tip_store_head_id(char *out, size_t cap, tip_store *store);

/* Commits changes as one commit on the current branch with message, then updates the working
 * file (written to a temporary file and renamed) and index entry of each path, all while
 * holding git's index.lock, which git commands respect: one that exists is waited for, and
 * reported when it does not change for five seconds (left by a stopped process). Refused, with
 * nothing changed, when a path has uncommitted changes (in the index or the working tree),
 * HEAD is detached, a merge, rebase, cherry-pick or revert is in progress, or no identity is
 * set (GIT_AUTHOR_* / GIT_COMMITTER_* / user.name and user.email). The branch moves by
 * compare-and-swap: when another writer moved it first, the commit is rebuilt on the new tip
 * and tried again, unless that writer changed one of the same paths. Works on an unborn
 * branch (the first commit). */
tip_error *tip_store_write(tip_store *store, const tip_file_change *changes, size_t count,
	const char *message, const tip_write_opts *opts);

/* Whether tip_store_write could commit now, for a command that takes the user a while first
 * (tip add's questions, tip edit's editor): refused, with the reason and what to do, when HEAD
 * is detached, a merge (rebase, cherry-pick, revert) is in progress, no identity is set, the
 * working tree or the repository's folder cannot be written, git's index.lock was left by a
 * stopped command (one held by a running command is waited for, as a write waits), or path
 * (when not NULL) has uncommitted changes or a conflict. Changes nothing. */
tip_error *tip_store_check_writable(tip_store *store, const char *path);

/* Whether a merge is in progress (git left MERGE_HEAD): a file written without a commit may be
 * the resolution of one of its conflicts. */
bool tip_store_is_merging(tip_store *store);

/* The commit message of a change to one record:
 *   <verb> <type> <id>: <title>
 *
 *   <reason>
 *
 *   Tip-Action: <verb>
 *   Tip-Record: <collection>/<id>
 * title and reason may be NULL. */
tip_error *tip_commit_message(tip_buf *out, const char *verb, const char *type, const char *id,
	const char *title, const char *reason, const char *collection);

/* Reads the file at path (relative to the root) as HEAD has it: a TIP_ENOTFOUND error when
 * HEAD has no such file or there is no commit yet. */
tip_error *tip_store_read_head(tip_buf *out, tip_store *store, const char *path);

/* True when the tree of commit (a hex id; "" = none) has a file at path. */
bool tip_store_commit_has_file(tip_store *store, const char *commit, const char *path);

/* True when the working file or the index entry of path differs from HEAD. */
tip_error *tip_store_path_is_dirty(bool *dirty, tip_store *store, const char *path);

/* tip undo is in undo.h. */

/* For tests of crash safety: called after each step of a write with the step's name: "blob"
 * (the new contents stored), "tree" and "commit" (built; again on each retry after losing a
 * race), "ref" (the branch moved: the commit point), "file" (the working files; with
 * no_commit, the only step), "index" (the new index in place, which lets go of index.lock).
 * NULL (the default) does nothing. What a crash after each step leaves is described at the
 * top of lib/write.c. */
typedef void (*tip_write_hook)(const char *step);
void tip_write_set_hook(tip_write_hook hook);

/* For tests: how long (milliseconds) a lock file that does not change is waited for before it
 * is reported as left by a stopped process; 0 restores the default, five seconds. */
void tip_write_set_lock_patience(long ms);

#endif
