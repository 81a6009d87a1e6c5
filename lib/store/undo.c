/* tip undo: a commit that reverts the last tip commit, made like every other write. */
#include "write.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "init.h"
#include "schema.h"
#include "git_int.h"
#include "write_int.h"

struct undo {
	git_repository *repo;
	git_commit *head;
	const char *subject; /* the original's */
	git_message_trailer_array trailers;
	git_diff *diff;           /* parent → head: the paths to revert */
	tip_file_change *changes; /* their contents in the parent */
	git_blob **blobs;         /* which hold those contents */
	size_t count;
	tip_buf message;
};

static void undo_dispose(struct undo *u)
{
	for (size_t i = 0; u->blobs && i < u->count; i++)
		git_blob_free(u->blobs[i]);
	free(u->blobs);
	free(u->changes);
	git_diff_free(u->diff);
	git_message_trailer_array_free(&u->trailers);
	git_commit_free(u->head);
	tip_buf_dispose(&u->message);
}

static tip_error *load_head(struct undo *u)
{
	char *branch = NULL;
	tip_error *err = tip_write_branch(&branch, u->repo);
	if (err)
		return err;
	git_oid id;
	int rc = git_reference_name_to_id(&id, u->repo, branch);
	if (rc == GIT_ENOTFOUND)
		err = tip_error_not_found("the branch '%s' has no commits yet: nothing to undo",
			branch + strlen("refs/heads/"));
	else if (rc < 0 || git_commit_lookup(&u->head, u->repo, &id) < 0)
		err = tip_git_error("cannot read the last commit");
	free(branch);
	if (!err) {
		u->subject = git_commit_summary(u->head);
		if (!u->subject)
			u->subject = "";
	}
	return err;
}

static bool is_tip_commit(const git_message_trailer_array *trailers)
{
	for (size_t i = 0; i < trailers->count; i++)
		if (strcasecmp(trailers->trailers[i].key, "Tip-Action") == 0)
			return true;
	return false;
}

static tip_error *check_undoable(struct undo *u)
{
	const char *message = git_commit_message(u->head);
	if (git_message_trailers(&u->trailers, message ? message : "") < 0)
		return tip_git_error("cannot read the trailers of the last commit");
	if (!is_tip_commit(&u->trailers))
		return tip_error_invalid("the last commit '%s' was not made by tip: nothing to "
					 "undo", u->subject);
	if (git_commit_parentcount(u->head) > 1)
		return tip_error_invalid("the last commit '%s' is a merge: tip undoes only its own "
					 "commits", u->subject);
	return NULL;
}

static tip_error *diff_with_parent(struct undo *u)
{
	git_commit *parent = NULL;
	git_tree *before = NULL, *after = NULL;
	int rc = git_commit_parentcount(u->head) ? git_commit_parent(&parent, u->head, 0) : 0;
	if (rc == 0 && parent)
		rc = git_commit_tree(&before, parent);
	if (rc == 0)
		rc = git_commit_tree(&after, u->head);
	if (rc == 0)
		rc = git_diff_tree_to_tree(&u->diff, u->repo, before, after, NULL);
	git_tree_free(before);
	git_tree_free(after);
	git_commit_free(parent);
	if (rc < 0)
		return tip_git_error("cannot compare the last commit with the one before");
	u->count = git_diff_num_deltas(u->diff);
	if (!u->count)
		return tip_error_invalid("the last commit '%s' changed no files: nothing to undo",
			u->subject);
	return NULL;
}

/* records/<collection>/<name>.yaml, a file: what tip's own writes change. */
static bool is_record_file(const char *path, uint16_t mode)
{
	const char *collection = strchr(path, '/');
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return false;
	if (strncmp(path, "records/", 8) != 0 || collection != path + 7)
		return false;
	const char *name = strchr(collection + 1, '/');
	return name && name > collection + 1 && !strchr(name + 1, '/') &&
	       tip_record_is_yaml_name(name + 1, NULL);
}

static bool has_action(const git_message_trailer_array *trailers, const char *action)
{
	for (size_t i = 0; i < trailers->count; i++)
		if (strcasecmp(trailers->trailers[i].key, "Tip-Action") == 0 &&
		    strcmp(trailers->trailers[i].value, action) == 0)
			return true;
	return false;
}

/* A commit with the trailer may still hold other work (a squash merge of a branch, a commit
 * amended by hand): reverting it would take that away too, so only commits that changed what
 * tip writes are undone: records, and the files of tip init (for its commit, and an undo's,
 * which may have taken it back). */
static tip_error *check_only_tips_files(const struct undo *u)
{
	bool init_files = has_action(&u->trailers, "init") || has_action(&u->trailers, "undo");
	for (size_t i = 0; i < u->count; i++) {
		const git_diff_delta *d = git_diff_get_delta(u->diff, i);
		const git_diff_file *sides[] = { &d->old_file, &d->new_file };
		for (size_t s = 0; s < 2; s++)
			if (sides[s]->mode && !is_record_file(sides[s]->path, sides[s]->mode) &&
			    !(init_files && sides[s]->mode == GIT_FILEMODE_BLOB &&
				    tip_init_writes(sides[s]->path)))
				return tip_error_invalid("the last commit '%s' changed '%s', which "
							 "is not a record: tip undoes only its own "
							 "changes to records; revert it with "
							 "git revert", u->subject, sides[s]->path);
	}
	return NULL;
}

/* Each changed path back as the parent had it: its content then, or removed. */
static tip_error *restore_paths(struct undo *u)
{
	u->changes = calloc(u->count, sizeof(*u->changes));
	u->blobs = calloc(u->count, sizeof(*u->blobs));
	if (!u->changes || !u->blobs)
		return tip_error_nomem();
	for (size_t i = 0; i < u->count; i++) {
		const git_diff_delta *d = git_diff_get_delta(u->diff, i);
		tip_file_change *c = &u->changes[i];
		if (d->status == GIT_DELTA_ADDED) {
			c->path = d->new_file.path;
			continue;
		}
		c->path = d->old_file.path;
		if (git_blob_lookup(&u->blobs[i], u->repo, &d->old_file.id) < 0)
			return tip_git_error("cannot read '%s' as it was before", c->path);
		c->content = git_blob_rawcontent(u->blobs[i]);
		c->len = (size_t)git_blob_rawsize(u->blobs[i]);
		if (!c->content)
			c->content = "";
	}
	return NULL;
}

/* The type of the record at path (records/<collection>/<file>), or NULL. */
static const tip_type *record_type(const tip_store *store, const char *path)
{
	const char *collection = path + 8;
	const char *slash = strncmp(path, "records/", 8) == 0 ? strchr(collection, '/') : NULL;
	if (!slash || strchr(slash + 1, '/'))
		return NULL;
	char name[256];
	snprintf(name, sizeof(name), "%.*s", (int)(slash - collection), collection);
	return tip_store_type_for_collection(store, name);
}

static tip_error *add_values(tip_buf *values, const tip_type *type, const void *text,
	size_t len, const char *path)
{
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, text, len, path, NULL);
	if (!err && doc)
		err = tip_schema_personal_values(values, type->schema, doc->root);
	tip_doc_free(doc);
	return err;
}

/* The personal values of the records the commit changed, before and after it: the original
 * subject may name a person (an older tip took a name for a title), and the undo's must not. */
static tip_error *personal_values(struct undo *u, const tip_store *store, tip_buf *values)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < u->count; i++) {
		const git_diff_delta *d = git_diff_get_delta(u->diff, i);
		const tip_file_change *before = &u->changes[i];
		const tip_type *type = record_type(store, before->path);
		if (type && before->content)
			err = add_values(values, type, before->content, before->len, before->path);
		git_blob *after = NULL;
		if (!err && type && d->status != GIT_DELTA_DELETED &&
		    git_blob_lookup(&after, u->repo, &d->new_file.id) < 0)
			err = tip_git_error("cannot read '%s' as the commit left it", before->path);
		if (!err && after)
			err = add_values(values, type, git_blob_rawcontent(after),
				(size_t)git_blob_rawsize(after), before->path);
		git_blob_free(after);
	}
	return err;
}

static tip_error *undo_message(struct undo *u, const tip_store *store, const char *reason)
{
	tip_buf values = TIP_BUF_INIT;
	tip_error *err = personal_values(u, store, &values);
	if (!err)
		err = tip_buf_adds(&u->message, "undo: ");
	if (!err)
		err = tip_buf_add_hiding(&u->message, u->subject, &values);
	tip_buf_dispose(&values);
	if (!err)
		err = tip_buf_adds(&u->message, "\n\n");
	size_t len = reason ? strlen(reason) : 0;
	while (len && strchr(" \t\r\n", reason[len - 1]))
		len--;
	if (!err && len) {
		err = tip_buf_add(&u->message, reason, len);
		if (!err)
			err = tip_buf_adds(&u->message, "\n\n");
	}
	if (!err)
		err = tip_buf_adds(&u->message, "Tip-Action: undo\n");
	for (size_t i = 0; !err && i < u->trailers.count; i++)
		if (strcasecmp(u->trailers.trailers[i].key, "Tip-Record") == 0)
			err = tip_buf_addf(&u->message, "Tip-Record: %s\n",
				u->trailers.trailers[i].value);
	return err;
}

tip_error *tip_store_undo(char **subject, tip_store *store, const char *reason)
{
	*subject = NULL;
	struct undo u;
	memset(&u, 0, sizeof(u));
	u.repo = tip_store_repository(store);
	tip_error *err = load_head(&u);
	if (!err)
		err = check_undoable(&u);
	if (!err)
		err = diff_with_parent(&u);
	if (!err)
		err = check_only_tips_files(&u);
	if (!err)
		err = restore_paths(&u);
	if (!err)
		err = undo_message(&u, store, reason);
	if (!err)
		err = tip_write_commit(store, u.changes, u.count, tip_buf_str(&u.message),
			git_commit_id(u.head));
	if (!err) {
		const char *end = strchr(tip_buf_str(&u.message), '\n');
		*subject = strndup(tip_buf_str(&u.message), (size_t)(end - u.message.data));
		if (!*subject)
			err = tip_error_nomem();
	}
	undo_dispose(&u);
	return err;
}
