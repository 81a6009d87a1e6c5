/* The records of a commit's tree: the tree walked on the calling thread, the records read on
 * every processor (snapshot.c's reading); and the commits at a moment. */
#include "snapshot.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "git_int.h"
#include "snapshot_int.h"

/* The record of like with this blob, already parsed: most records are the same at both
 * ends of a quarter, and parsing is most of what reading them costs. */
static const tip_snapshot_record *same_blob(const tip_snapshot *like, const tip_type *type,
	const char *id, const git_oid *blob)
{
	const tip_snapshot_record *r = tip_snapshot_find(like, type->name, id);
	return r && git_oid_equal(&((const struct entry *)r)->blob, blob) ? r : NULL;
}

struct tree_load {
	git_tree *tree;
	const char *commit_id;
};

/* A link in a commit is refused as in the working tree: its text is a path, which a checkout
 * makes a link that may lead outside the repository. */
static tip_error *refuse_link(const git_tree_entry *entry, const struct tree_load *load,
	const char *folder, bool file)
{
	if (git_tree_entry_filemode(entry) != GIT_FILEMODE_LINK)
		return NULL;
	return tip_error_invalid("'%s%s%s' in commit %s is a symbolic link: tip reads and writes "
				 "only the repository's own files, and a link may lead outside it; "
				 "replace the link with the %s itself", folder, *folder ? "/" : "",
		git_tree_entry_name(entry), load->commit_id, file ? "file" : "folder");
}

/* Names the record of entry (a blob of folder) in s, to be read; or takes it from like when its
 * blob is the same there. */
static tip_error *add_blob(tip_snapshot *s, const tip_type *type, const git_tree_entry *entry,
	const struct tree_load *load, const char *folder)
{
	const char *name = git_tree_entry_name(entry);
	size_t stem;
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || !tip_record_is_yaml_name(name, &stem))
		return NULL;
	tip_error *err = refuse_link(entry, load, folder, true);
	if (err)
		return err;
	const char *id = tip_arena_strndup(s->arena, name, stem);
	if (!id)
		return tip_error_nomem();
	const git_oid *oid = git_tree_entry_id(entry);
	const tip_snapshot_record *same = s->like ? same_blob(s->like, type, id, oid) : NULL;
	if (!same)
		return tip_snapshot_push(s, type, id, NULL, NULL, oid);
	err = tip_snapshot_push(s, type, same->id, same->path, same->root, oid);
	if (!err) {
		s->entries[s->count - 1].hash = tip_snapshot_record_hash(same);
		s->entries[s->count - 1].breaks_schema = tip_snapshot_record_breaks_schema(same);
	}
	return err;
}

/* A tip_snapshot_load_fn: the record's blob, from the worker's own repository. */
static tip_error *load_blob(tip_doc **doc, const tip_snapshot *s, git_repository *repo,
	const struct entry *e, const tip_yaml_opts *opts)
{
	(void)s;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, repo, &e->blob) < 0)
		return tip_git_error("cannot read '%s'", e->record.path);
	tip_error *err = tip_yaml_load(doc, git_blob_rawcontent(blob),
		(size_t)git_blob_rawsize(blob), e->record.path, opts);
	git_blob_free(blob);
	return err;
}

static tip_error *add_tree_type(tip_snapshot *s, const tip_type *type, void *ctx)
{
	struct tree_load *load = ctx;
	char folder[512];
	snprintf(folder, sizeof(folder), "records/%s", type->collection);
	const git_tree_entry *top = git_tree_entry_byname(load->tree, "records");
	tip_error *err = top ? refuse_link(top, load, "", false) : NULL;
	if (err)
		return err;
	git_tree_entry *entry = NULL;
	int rc = git_tree_entry_bypath(&entry, load->tree, folder);
	if (rc == GIT_ENOTFOUND)
		return NULL;
	if (rc < 0)
		return tip_git_error("cannot look up '%s'", folder);
	git_tree *records = NULL;
	err = refuse_link(entry, load, "records", false);
	if (!err && git_tree_entry_type(entry) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&records, tip_store_repository(s->store), git_tree_entry_id(entry)) < 0)
		err = tip_git_error("cannot read '%s'", folder);
	for (size_t i = 0; !err && records && i < git_tree_entrycount(records); i++)
		err = add_blob(s, type, git_tree_entry_byindex(records, i), load, folder);
	git_tree_free(records);
	git_tree_entry_free(entry);
	return err;
}

static tip_error *snapshot_of_commit(tip_snapshot **out, tip_store *store, git_commit *commit,
	const char *type_name, const tip_snapshot_keep *keep, const tip_snapshot *like,
	tip_diag_list *findings)
{
	char commit_id[GIT_OID_HEXSZ + 1] = "";
	if (commit)
		git_oid_tostr(commit_id, sizeof(commit_id), git_commit_id(commit));
	struct tree_load load = { NULL, commit_id };
	tip_error *err = tip_snapshot_new(out, store);
	if (!err)
		(*out)->like = like;
	if (!err && commit && git_commit_tree(&load.tree, commit) < 0)
		err = tip_git_error("cannot read the tree of commit %s",
			git_oid_tostr_s(git_commit_id(commit)));
	/* The tree is walked here, naming the records; the workers read them. libgit2 hashes
	 * every object it reads again to check it, a tenth of the cost of reading thousands of
	 * records; git itself does not on reading, and a report is no place for it. */
	if (!err && load.tree) {
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
		err = tip_snapshot_each_type(*out, type_name, add_tree_type, &load);
		if (!err)
			err = tip_snapshot_read_named(*out, keep, load_blob, true, findings);
		git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	}
	git_tree_free(load.tree);
	return tip_snapshot_done(out, err);
}

tip_error *tip_snapshot_at_rev(tip_snapshot **out, tip_store *store, const char *rev,
	const char *type_name, tip_diag_list *findings)
{
	return tip_snapshot_at_rev_kept(out, store, rev, type_name, NULL, NULL, findings);
}

tip_error *tip_snapshot_at_rev_like(tip_snapshot **out, tip_store *store, const char *rev,
	const tip_snapshot *like)
{
	return tip_snapshot_at_rev_kept(out, store, rev, NULL, NULL, like, NULL);
}

tip_error *tip_snapshot_at_rev_kept(tip_snapshot **out, tip_store *store, const char *rev,
	const char *type_name, const tip_snapshot_keep *keep, const tip_snapshot *like,
	tip_diag_list *findings)
{
	*out = NULL;
	git_object *object = NULL;
	git_commit *commit = NULL;
	if (git_revparse_single(&object, tip_store_repository(store), rev) < 0)
		return tip_git_error("cannot find '%s'", rev);
	tip_error *err = NULL;
	if (git_object_peel((git_object **)&commit, object, GIT_OBJECT_COMMIT) < 0)
		err = tip_git_error("'%s' is not a commit", rev);
	git_object_free(object);
	if (!err)
		err = snapshot_of_commit(out, store, commit, type_name, keep, like, findings);
	git_commit_free(commit);
	return err;
}

/* ---- commits at a moment ---- */

/* The commit from (a hex id), or HEAD's when from is "" (NULL when HEAD is unborn). */
static tip_error *walk_start(git_commit **out, git_repository *repo, const char *from)
{
	git_oid id;
	if (!*from)
		return tip_git_head_commit(out, repo);
	if (git_oid_fromstr(&id, from) < 0 || git_commit_lookup(out, repo, &id) < 0)
		return tip_git_error("cannot read the history of HEAD");
	return NULL;
}

/* The object cache is off meanwhile: a long walk would fill it with commits never needed
 * again, so that memory grew with the length of history. */
tip_error *tip_store_commit_at(char *at, char *oldest, tip_store *store, const char *from,
	int64_t when)
{
	*at = *oldest = '\0';
	git_commit *commit = NULL;
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	tip_error *err = walk_start(&commit, tip_store_repository(store), from);
	while (!err && commit) {
		if (!*at && git_commit_time(commit) <= when)
			git_oid_tostr(at, TIP_COMMIT_ID_LEN, git_commit_id(commit));
		git_oid_tostr(oldest, TIP_COMMIT_ID_LEN, git_commit_id(commit));
		if (*at)
			break; /* found: the oldest is not needed */
		git_commit *parent = NULL;
		err = tip_git_first_parent(&parent, commit);
		tip_error_catch(&err, TIP_ENOTFOUND); /* a shallow clone's history ends there */
		git_commit_free(commit);
		commit = parent;
	}
	git_commit_free(commit);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
	return err;
}

tip_error *tip_store_commit_day(char *out, tip_store *store, const char *hex)
{
	git_oid oid;
	git_commit *commit = NULL;
	if (git_oid_fromstr(&oid, hex) < 0 ||
	    git_commit_lookup(&commit, tip_store_repository(store), &oid) < 0)
		return tip_git_error("cannot read a commit");
	int64_t t = git_commit_time(commit);
	git_commit_free(commit);
	tip_date_format(out, (tip_date)(t >= 0 ? t / 86400 : (t - 86399) / 86400));
	return NULL;
}

bool tip_store_is_shallow(tip_store *store)
{
	return git_repository_is_shallow(tip_store_repository(store)) == 1;
}

static tip_error *no_commit_that_old(int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char moment[32] = "that moment";
	if (gmtime_r(&t, &tm))
		strftime(moment, sizeof(moment), "%Y-%m-%d %H:%M:%S UTC", &tm);
	return tip_error_not_found("HEAD has no commit as old as %s", moment);
}

/* The last commit on HEAD's first-parent line at or before when; NULL when none. */
static tip_error *commit_at(git_commit **out, git_repository *repo, int64_t when)
{
	git_commit *commit = NULL;
	tip_error *err = tip_git_head_commit(&commit, repo);
	while (!err && commit && git_commit_time(commit) > when) {
		git_commit *parent = NULL;
		/* A shallow clone (CI's usual checkout) has parents it does not hold: its history
		 * ends there, as if it had begun there. */
		err = tip_git_first_parent(&parent, commit);
		tip_error_catch(&err, TIP_ENOTFOUND);
		git_commit_free(commit);
		commit = parent;
	}
	*out = commit; /* NULL after an error: the step back leaves no parent */
	return err;
}

tip_error *tip_snapshot_at_time(tip_snapshot **out, tip_store *store, int64_t when,
	const char *type_name, char *commit_id, size_t cap)
{
	*out = NULL;
	git_commit *commit = NULL;
	tip_error *err = commit_at(&commit, tip_store_repository(store), when);
	if (!err && !commit)
		err = no_commit_that_old(when);
	if (commit_id)
		snprintf(commit_id, cap, "%s", commit ? git_oid_tostr_s(git_commit_id(commit)) : "");
	if (!err)
		err = snapshot_of_commit(out, store, commit, type_name, NULL, NULL, NULL);
	git_commit_free(commit);
	return err;
}
