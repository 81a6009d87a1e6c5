/* Between the writers in lib/ (write.c, undo.c, init.c): commits with libgit2 types. */
#ifndef TIP_WRITE_INT_H
#define TIP_WRITE_INT_H

#include <git2.h>

#include "write.h"

/* The branch HEAD points to ("refs/heads/main"; freed by the caller), even before its first
 * commit. Refused when HEAD is detached or names no branch. */
tip_error *tip_write_branch(char **branch, git_repository *repo);

/* tip_store_write without no_commit. When expected is not NULL, the branch must still be at
 * that commit when the write starts (undo reverts onto the commit it read). The new commit's
 * id goes into *made when that is not NULL. */
tip_error *tip_write_commit(tip_store *store, const tip_file_change *changes, size_t count,
	const char *message, const git_oid *expected, git_oid *made);

#endif
