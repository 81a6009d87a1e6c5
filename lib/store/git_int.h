/* What the store's modules share about libgit2 (git.c, and the store's repository in store.c):
 * the one translation of libgit2's errors, HEAD or no commit yet, the first-parent walk.
 * Internal to lib/store/: nothing above the store sees a libgit2 type. */
#ifndef TIP_GIT_INT_H
#define TIP_GIT_INT_H

#include <git2.h>
#include <stdbool.h>

#include "store.h"

git_repository *tip_store_repository(tip_store *store);

/* libgit2's last error message; for an index it cannot read (split or sparse, as git can make
 * it), what the repository uses and the git commands that make it readable. */
const char *tip_git_last_message(void);

/* The last error libgit2 reported, with context in front: "<context>: <libgit2's message>". */
tip_error *tip_git_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* HEAD's commit into *out, or NULL there when HEAD is unborn (no commit yet). */
tip_error *tip_git_head_commit(git_commit **out, git_repository *repo);

/* The first parent of c into *parent: NULL at a first commit. Where a shallow clone's
 * history ends (c has a parent the repository does not hold) *parent is NULL and the error is
 * TIP_ENOTFOUND, which a walk that ends there catches (tip_error_catch). */
tip_error *tip_git_first_parent(git_commit **parent, git_commit *c);

/* A store of home's repository (opened again, for the caller to free with tip_store_free)
 * with no working tree, whose record types (once tip_store_load_types) are those of the
 * schemas/ folder of commit (a hex id): the schemas of a peer as it fetched them. A commit
 * without schemas/ is a TIP_ENOTFOUND error. */
tip_error *tip_store_open_commit(tip_store **out, tip_store *home, const char *commit);

#endif
