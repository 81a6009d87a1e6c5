/* The store's one door to libgit2's errors, and the walks every reader of history shares. */
#include "git_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* libgit2 refuses to read an index with an extension it does not know and git says must be
 * understood: its message names the extension, not what the user did or can do. */
static const struct {
	const char *extension, *message;
} unreadable_indexes[] = {
	{ "'link'", "the repository's index is split (git update-index --split-index or "
		    "core.splitIndex), which tip cannot read: run git config core.splitIndex false "
		    "and git update-index --no-split-index" },
	{ "'sdir'", "the repository's index is sparse (index.sparse), which tip cannot read: run "
		    "git sparse-checkout init --no-sparse-index (the sparse checkout stays, with a "
		    "full index) or git sparse-checkout disable" },
};

const char *tip_git_last_message(void)
{
	const git_error *e = git_error_last();
	const char *message = e && e->message ? e->message : "unknown libgit2 error";
	const char *extension = strstr(message, "unsupported mandatory extension: ");
	for (size_t i = 0; extension && i < sizeof(unreadable_indexes) / sizeof(*unreadable_indexes);
	     i++)
		if (strstr(extension, unreadable_indexes[i].extension))
			return unreadable_indexes[i].message;
	return message;
}

tip_error *tip_git_error(const char *fmt, ...)
{
	char context[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(context, sizeof(context), fmt, ap);
	va_end(ap);
	return tip_error_git("%s: %s", context, tip_git_last_message());
}

tip_error *tip_git_head_commit(git_commit **out, git_repository *repo)
{
	*out = NULL;
	git_oid id;
	int rc = git_reference_name_to_id(&id, repo, "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return NULL;
	if (rc < 0 || git_commit_lookup(out, repo, &id) < 0)
		return tip_git_error("cannot read HEAD");
	return NULL;
}

tip_error *tip_git_first_parent(git_commit **parent, git_commit *c)
{
	*parent = NULL;
	if (git_commit_parentcount(c) == 0)
		return NULL;
	int rc = git_commit_parent(parent, c, 0);
	if (rc == 0)
		return NULL;
	char id[GIT_OID_HEXSZ + 1];
	git_oid_tostr(id, sizeof(id), git_commit_id(c));
	if (rc == GIT_ENOTFOUND)
		return tip_error_not_found("the parent of commit %s is not in this clone", id);
	return tip_git_error("cannot read the parent of commit %s", id);
}
