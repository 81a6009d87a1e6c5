/* Between lib/store/undo.c and undo_list.c: the changes tip made as libgit2 sees them. */
#ifndef TIP_UNDO_INT_H
#define TIP_UNDO_INT_H

#include <git2.h>

#include "buf.h"
#include "undo.h"

/* What c changed against its first parent (against nothing for a first commit). */
tip_error *tip_undo_commit_diff(git_diff **out, git_repository *repo, git_commit *c);

/* c's subject with each value of a personal field of the records it changed as
 * "[personal]". */
tip_error *tip_undo_hidden_subject(tip_buf *out, tip_store *store, git_commit *c);

/* The commit of a listed change. */
const git_oid *tip_undo_list_oid(const tip_undo_list *list, size_t i);

/* Lists changes as tip_store_undo_list does, from head, until max are listed (0: no bound)
 * or, when to_undo, until one that stands and is not an undo is listed. */
tip_error *tip_undo_list_from(tip_undo_list **out, tip_store *store, git_commit *head,
	size_t max, bool to_undo);

/* True when the change is what a plain tip undo takes back. */
bool tip_undo_is_candidate(const tip_undo_change *change);

#endif
