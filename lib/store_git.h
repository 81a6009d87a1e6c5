/* The store's libgit2 repository, for the library's own git work (writes, history). Not for
 * cmd/, which never touches libgit2. */
#ifndef TIP_STORE_GIT_H
#define TIP_STORE_GIT_H

#include <git2.h>

#include "store.h"

git_repository *tip_store_repository(tip_store *store);

#endif
