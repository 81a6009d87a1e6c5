/* tip undo: a commit that reverts one change tip made, onto HEAD, made like every other
 * write. */
#include "undo.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "init.h"
#include "git_int.h"
#include "undo_int.h"
#include "write.h"
#include "write_int.h"

struct undo {
	git_repository *repo;
	tip_store *store;
	git_commit *head;
	tip_undo_list *list;             /* the changes up to the one undone */
	const tip_undo_change *change;   /* the one undone */
	git_commit *target;              /* its commit */
	const char *subject;             /* its subject, personal values hidden */
	git_message_trailer_array trailers;
	git_diff *diff;           /* its parent → it: the paths to revert */
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
	git_commit_free(u->target);
	git_commit_free(u->head);
	tip_undo_list_free(u->list);
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
	return err;
}

/* The change asked for by number, else the newest that stands and is not an undo. */
static tip_error *find_change(struct undo *u, size_t number)
{
	tip_error *err = tip_undo_list_from(&u->list, u->store, u->head, number, number == 0);
	size_t count = err ? 0 : tip_undo_list_count(u->list);
	if (err)
		return err;
	if (number && count < number)
		return tip_error_not_found("there is no change %zu: tip made %zu change%s on this "
					   "branch (tip undo --list shows them)", number, count,
			count == 1 ? "" : "s");
	if (!number && (!count || !tip_undo_is_candidate(tip_undo_list_at(u->list, count - 1))))
		return tip_error_not_found(count ? "nothing to undo: every change tip made is "
						   "undone already (tip undo --list shows them)"
						 : "nothing to undo: no commit on this branch was "
						   "made by tip");
	size_t i = number ? number - 1 : count - 1;
	u->change = tip_undo_list_at(u->list, i);
	u->subject = u->change->subject;
	if (git_commit_lookup(&u->target, u->repo, tip_undo_list_oid(u->list, i)) < 0)
		return tip_git_error("cannot read commit %.7s", u->change->id);
	const char *message = git_commit_message(u->target);
	if (git_message_trailers(&u->trailers, message ? message : "") < 0)
		return tip_git_error("cannot read the trailers of commit %.7s", u->change->id);
	return NULL;
}

static tip_error *check_undoable(struct undo *u)
{
	if (u->change->undone_by)
		return tip_error_invalid("change %zu '%s' is undone already, by change %zu: to "
					 "bring it back, undo that one (tip undo %zu)",
			u->change->number, u->subject, u->change->undone_by, u->change->undone_by);
	if (git_commit_parentcount(u->target) > 1)
		return tip_error_invalid("the commit '%s' is a merge: tip undoes only its own "
					 "commits", u->subject);
	return NULL;
}

static tip_error *diff_with_parent(struct undo *u)
{
	tip_error *err = tip_undo_commit_diff(&u->diff, u->repo, u->target);
	if (err)
		return err;
	u->count = git_diff_num_deltas(u->diff);
	if (!u->count)
		return tip_error_invalid("the commit '%s' changed no files: nothing to undo",
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
				return tip_error_invalid("the commit '%s' changed '%s', which "
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

/* The tree entry at path in c's tree (NULL when it has none), compared by id and mode. */
static bool same_at(git_commit *a, git_commit *b, const char *path)
{
	git_tree *ta = NULL, *tb = NULL;
	git_tree_entry *ea = NULL, *eb = NULL;
	if (a && git_commit_tree(&ta, a) == 0)
		git_tree_entry_bypath(&ea, ta, path);
	if (b && git_commit_tree(&tb, b) == 0)
		git_tree_entry_bypath(&eb, tb, path);
	bool same = (!ea && !eb) || (ea && eb && git_tree_entry_filemode(ea) ==
		git_tree_entry_filemode(eb) && git_oid_equal(git_tree_entry_id(ea),
		git_tree_entry_id(eb)));
	git_tree_entry_free(ea);
	git_tree_entry_free(eb);
	git_tree_free(ta);
	git_tree_free(tb);
	return same;
}

/* The newest commit between HEAD and the change's that changed path (against its first
 * parent): what the refusal names. */
static tip_error *later_change(git_commit **out, struct undo *u, const char *path)
{
	git_commit *c = NULL;
	tip_error *err = NULL;
	*out = NULL;
	if (git_commit_dup(&c, u->head) < 0)
		return tip_git_error("cannot read the last commit");
	while (!err && c && !git_oid_equal(git_commit_id(c), git_commit_id(u->target))) {
		git_commit *parent = NULL;
		err = tip_git_first_parent(&parent, c);
		if (!err && !same_at(c, parent, path)) {
			*out = c;
			git_commit_free(parent);
			return NULL;
		}
		git_commit_free(c);
		c = parent;
	}
	git_commit_free(c);
	return err;
}

static tip_error *changed_later_error(struct undo *u, const char *path)
{
	git_commit *later = NULL;
	tip_buf subject = TIP_BUF_INIT;
	tip_error *err = later_change(&later, u, path);
	if (!err && later)
		err = tip_undo_hidden_subject(&subject, u->store, later);
	if (!err)
		err = tip_error_conflict("cannot undo '%s': '%s' was changed again after it, by "
					 "'%s' (commit %.7s): undo that change first, or change "
					 "the record by hand", u->subject, path,
			tip_buf_str(&subject), later ? git_oid_tostr_s(git_commit_id(later)) : "?");
	git_commit_free(later);
	tip_buf_dispose(&subject);
	return err;
}

/* Each path the change changed must be at HEAD as the change left it: else a later commit
 * changed it again, and reverting would throw that away. */
static tip_error *check_not_changed_since(struct undo *u)
{
	for (size_t i = 0; i < u->count; i++) {
		const git_diff_delta *d = git_diff_get_delta(u->diff, i);
		const char *path = d->status == GIT_DELTA_DELETED ? d->old_file.path
								  : d->new_file.path;
		if (!same_at(u->head, u->target, path))
			return changed_later_error(u, path);
	}
	return NULL;
}

static tip_error *undo_message(struct undo *u, const char *reason)
{
	tip_error *err = tip_buf_addf(&u->message, "undo: %s\n\n", u->subject);
	size_t len = reason ? strlen(reason) : 0;
	while (len && strchr(" \t\r\n", reason[len - 1]))
		len--;
	if (!err && len) {
		err = tip_buf_add(&u->message, reason, len);
		if (!err)
			err = tip_buf_adds(&u->message, "\n\n");
	}
	if (!err)
		err = tip_buf_addf(&u->message, "Tip-Action: undo\nTip-Undoes: %s\n",
			u->change->id);
	for (size_t i = 0; !err && i < u->trailers.count; i++)
		if (strcasecmp(u->trailers.trailers[i].key, "Tip-Record") == 0)
			err = tip_buf_addf(&u->message, "Tip-Record: %s\n",
				u->trailers.trailers[i].value);
	return err;
}

static tip_error *fill_done(tip_undo_done *done, struct undo *u, const git_oid *made)
{
	const char *message = tip_buf_str(&u->message);
	done->subject = strndup(message, strcspn(message, "\n"));
	done->number = u->change->number;
	snprintf(done->undone, sizeof(done->undone), "%s", u->change->id);
	git_oid_tostr(done->before, sizeof(done->before), git_commit_id(u->head));
	git_oid_tostr(done->commit, sizeof(done->commit), made);
	return done->subject ? NULL : tip_error_nomem();
}

tip_error *tip_store_undo(tip_undo_done *done, tip_store *store, const tip_undo_opts *opts)
{
	static const tip_undo_opts none;
	memset(done, 0, sizeof(*done));
	opts = opts ? opts : &none;
	struct undo u;
	memset(&u, 0, sizeof(u));
	u.repo = tip_store_repository(store);
	u.store = store;
	git_oid made;
	tip_error *err = load_head(&u);
	if (!err)
		err = find_change(&u, opts->number);
	if (!err)
		err = check_undoable(&u);
	if (!err)
		err = diff_with_parent(&u);
	if (!err)
		err = check_only_tips_files(&u);
	if (!err)
		err = check_not_changed_since(&u);
	if (!err)
		err = restore_paths(&u);
	if (!err)
		err = undo_message(&u, opts->reason);
	if (!err)
		err = tip_write_commit(store, u.changes, u.count, tip_buf_str(&u.message),
			git_commit_id(u.head), &made);
	if (!err)
		err = fill_done(done, &u, &made);
	undo_dispose(&u);
	return err;
}

void tip_undo_done_dispose(tip_undo_done *done)
{
	free(done->subject);
	done->subject = NULL;
}
