/* The store's libgit2 repository, for the library's own git work (writes, history). Not for
 * cmd/, which never touches libgit2. */
#ifndef TIP_STORE_GIT_H
#define TIP_STORE_GIT_H

#include <git2.h>

#include "store.h"

git_repository *tip_store_repository(tip_store *store);

/* libgit2's last error message; for an index it cannot read (split or sparse, as git can make
 * it), what the repository uses and the git commands that make it readable. */
const char *tip_git_last_message(void);

#endif
