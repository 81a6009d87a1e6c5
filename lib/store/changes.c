/* Which files and records differ between two moments, found with libgit2's diff, and the
 * words for a record's changes that tip diff and tip log share. */
#include "changes.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot.h"
#include "git_int.h"
#include "write_int.h"

/* ---- the commits compared ---- */

static tip_error *lookup_commit(git_commit **out, git_repository *repo, const char *rev)
{
	*out = NULL;
	git_object *object = NULL;
	int rc = git_revparse_single(&object, repo, rev);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EUNBORNBRANCH)
		return tip_error_not_found("unknown revision '%s'", rev);
	if (rc == GIT_EAMBIGUOUS)
		return tip_error_invalid("ambiguous revision '%s': give more of its id", rev);
	if (rc < 0)
		return tip_git_error("cannot read the revision '%s'", rev);
	rc = git_object_peel((git_object **)out, object, GIT_OBJECT_COMMIT);
	git_object_free(object);
	return rc < 0 ? tip_error_invalid("'%s' is not a commit", rev) : NULL;
}

tip_error *tip_changes_resolve(char id[TIP_CHANGES_ID_LEN], tip_store *store, const char *rev)
{
	git_commit *commit = NULL;
	tip_error *err = lookup_commit(&commit, tip_store_repository(store), rev);
	if (!err)
		git_oid_tostr(id, TIP_CHANGES_ID_LEN, git_commit_id(commit));
	git_commit_free(commit);
	return err;
}

/* Where the default branch may be, after origin/HEAD, in the order tried. */
static const char *const default_branches[] = {
	"refs/remotes/origin/main",
	"refs/remotes/origin/master",
	"refs/heads/main",
	"refs/heads/master",
};

/* The reference name, followed to a direct reference; false when it is not there. */
static bool lookup_resolved(git_reference **out, git_repository *repo, const char *name)
{
	git_reference *ref = NULL;
	*out = NULL;
	if (git_reference_lookup(&ref, repo, name) == 0 && git_reference_resolve(out, ref) < 0)
		*out = NULL;
	git_reference_free(ref);
	return *out != NULL;
}

/* The default branch as a direct reference, or NULL when there is none. origin/HEAD may name
 * a branch that is not there: then the others are tried. */
static void find_default_branch(git_reference **out, git_repository *repo)
{
	if (lookup_resolved(out, repo, "refs/remotes/origin/HEAD"))
		return;
	for (size_t i = 0; i < sizeof(default_branches) / sizeof(*default_branches); i++)
		if (lookup_resolved(out, repo, default_branches[i]))
			return;
}

/* The branch's name without refs/heads/ or refs/remotes/origin/. */
static const char *branch_name(const char *ref)
{
	static const char *const prefixes[] = { "refs/heads/", "refs/remotes/origin/" };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++)
		if (strncmp(ref, prefixes[i], strlen(prefixes[i])) == 0)
			return ref + strlen(prefixes[i]);
	return ref;
}

/* True when HEAD is the branch named like the default branch. */
static bool head_is_branch(git_reference *head, const git_reference *branch)
{
	return git_reference_is_branch(head) &&
	       strcmp(branch_name(git_reference_name(head)),
		       branch_name(git_reference_name(branch))) == 0;
}

static tip_error *merge_base(git_oid *out, git_repository *repo, git_reference *head,
	const git_reference *branch)
{
	const git_oid *head_id = git_reference_target(head);
	if (head_is_branch(head, branch)) {
		git_oid_cpy(out, head_id);
		return NULL;
	}
	int rc = git_merge_base(out, repo, head_id, git_reference_target(branch));
	if (rc == GIT_ENOTFOUND)
		return tip_error_not_found("HEAD and '%s' have no commit in common",
			git_reference_shorthand(branch));
	return rc < 0 ? tip_git_error("cannot find the merge base of HEAD and '%s'",
				git_reference_shorthand(branch))
		      : NULL;
}

tip_error *tip_changes_default_base(char id[TIP_CHANGES_ID_LEN], char *branch_out, size_t cap,
	tip_store *store)
{
	git_repository *repo = tip_store_repository(store);
	git_reference *head = NULL, *branch = NULL;
	int rc = git_repository_head(&head, repo);
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
		return tip_error_not_found("HEAD has no commit yet");
	if (rc < 0)
		return tip_git_error("cannot read HEAD");
	find_default_branch(&branch, repo);
	git_oid base;
	tip_error *err = branch ? merge_base(&base, repo, head, branch)
				: tip_error_not_found("there is no default branch (origin/HEAD, "
						      "origin/main, origin/master, main or "
						      "master)");
	if (!err) {
		git_oid_tostr(id, TIP_CHANGES_ID_LEN, &base);
		snprintf(branch_out, cap, "%s", git_reference_shorthand(branch));
	}
	git_reference_free(branch);
	git_reference_free(head);
	return err;
}

/* ---- what differs ---- */

/* One record that differs. */
struct change {
	tip_history_record record;
	size_t type_index; /* the record's type's place in the store */
	tip_field_diffs fields;
};

struct tip_changes {
	char from[TIP_CHANGES_ID_LEN], to[TIP_CHANGES_ID_LEN]; /* to: "" for the working tree */
	char **files; /* sorted */
	size_t file_count;
	struct change *records;
	size_t record_count, record_cap;
	/* The records at both moments, which the changes' nodes belong to; after may share
	 * before's parsed records (tip_snapshot_at_rev_like), so it is freed first. */
	tip_snapshot *before, *after;
};

void tip_changes_free(tip_changes *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->file_count; i++)
		free(c->files[i]);
	free(c->files);
	for (size_t i = 0; i < c->record_count; i++)
		tip_field_diffs_dispose(&c->records[i].fields);
	free(c->records);
	tip_snapshot_free(c->after);
	tip_snapshot_free(c->before);
	free(c);
}

static int compare_paths(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps the deltas' paths, sorted, each once (a file that became a folder, or the other way,
 * is two deltas). */
static tip_error *keep_paths(tip_changes *c, git_diff *diff)
{
	size_t count = git_diff_num_deltas(diff);
	if (!(c->files = calloc(count + 1, sizeof(*c->files))))
		return tip_error_nomem();
	for (size_t i = 0; i < count; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
		if (!(c->files[c->file_count] = strdup(path)))
			return tip_error_nomem();
		c->file_count++;
	}
	if (c->file_count > 1)
		qsort(c->files, c->file_count, sizeof(*c->files), compare_paths);
	size_t kept = 0;
	for (size_t i = 0; i < c->file_count; i++) {
		if (kept && strcmp(c->files[kept - 1], c->files[i]) == 0)
			free(c->files[i]);
		else
			c->files[kept++] = c->files[i];
	}
	c->file_count = kept;
	return NULL;
}

/* The deltas between from and to (NULL: the working tree), under records/ and schemas/. */
static tip_error *diff_files(tip_changes *c, git_repository *repo, git_tree *from, git_tree *to)
{
	char records[] = "records", schemas[] = "schemas";
	char *scope[] = { records, schemas };
	git_diff_options opts;
	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.pathspec.strings = scope;
	opts.pathspec.count = 2;
	opts.flags = GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	/* tip reads every file in the working tree, whatever git makes of it. */
	if (!to)
		opts.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
			      GIT_DIFF_INCLUDE_IGNORED | GIT_DIFF_RECURSE_IGNORED_DIRS;
	git_diff *diff = NULL;
	int rc = to ? git_diff_tree_to_tree(&diff, repo, from, to, &opts)
		    : git_diff_tree_to_workdir(&diff, repo, from, &opts);
	tip_error *err = rc < 0 ? tip_git_error("cannot compare the records of %s with %s",
					  c->from, to ? c->to : "the working tree")
				: keep_paths(c, diff);
	git_diff_free(diff);
	return err;
}

static tip_error *commit_tree(git_tree **out, git_repository *repo, const char *id)
{
	git_oid oid;
	git_commit *commit = NULL;
	*out = NULL;
	if (git_oid_fromstr(&oid, id) < 0 || git_commit_lookup(&commit, repo, &oid) < 0 ||
	    git_commit_tree(out, commit) < 0) {
		git_commit_free(commit);
		return tip_git_error("cannot read the tree of commit %s", id);
	}
	git_commit_free(commit);
	return NULL;
}

static tip_error *find_files(tip_changes **out, tip_store *store, const char *from_rev,
	const char *to_rev)
{
	git_repository *repo = tip_store_repository(store);
	tip_changes *c = calloc(1, sizeof(*c));
	*out = c;
	if (!c)
		return tip_error_nomem();
	tip_error *err = NULL;
	if (!to_rev && tip_store_is_bare(store))
		err = tip_error_invalid("'%s' is a bare repository, with no working tree to "
					"compare with: name two commits, as in tip diff HEAD~1 "
					"HEAD", git_repository_path(repo));
	if (!err)
		err = tip_changes_resolve(c->from, store, from_rev);
	if (!err && to_rev)
		err = tip_changes_resolve(c->to, store, to_rev);
	git_tree *from = NULL, *to = NULL;
	if (!err)
		err = commit_tree(&from, repo, c->from);
	if (!err && to_rev)
		err = commit_tree(&to, repo, c->to);
	if (!err)
		err = diff_files(c, repo, from, to);
	git_tree_free(from);
	git_tree_free(to);
	return err;
}

tip_error *tip_changes_files(tip_changes **out, tip_store *store, const char *from_rev,
	const char *to_rev)
{
	tip_error *err = find_files(out, store, from_rev, to_rev);
	if (err) {
		tip_changes_free(*out);
		*out = NULL;
	}
	return err;
}

static size_t type_index(const tip_store *store, const tip_type *type)
{
	size_t i = 0;
	while (i < tip_store_type_count(store) && tip_store_type_at(store, i) != type)
		i++;
	return i;
}

static int compare_changes(const void *pa, const void *pb)
{
	const struct change *a = pa, *b = pb;
	if (a->type_index != b->type_index)
		return a->type_index < b->type_index ? -1 : 1;
	return strcmp(a->record.id, b->record.id);
}

static tip_history_change change_of(const tip_history_record *r)
{
	return r->unreadable ? TIP_HISTORY_UNREADABLE
		: !r->before ? TIP_HISTORY_ADDED : !r->after ? TIP_HISTORY_REMOVED
		: TIP_HISTORY_CHANGED;
}

/* Keeps the record unless both versions load and hold the same values. */
static tip_error *add_record(tip_changes *c, tip_store *store, const tip_snapshot_record *before,
	const tip_snapshot_record *after)
{
	const tip_snapshot_record *known = before ? before : after;
	struct change ch = { .type_index = type_index(store, known->type) };
	tip_history_record *r = &ch.record;
	*r = (tip_history_record){ .type = known->type, .id = known->id, .path = known->path,
		.unreadable = (before && !before->root ? TIP_HISTORY_BEFORE : 0u) |
			      (after && !after->root ? TIP_HISTORY_AFTER : 0u),
		.before = before ? before->root : NULL, .after = after ? after->root : NULL };
	r->change = change_of(r);
	tip_error *err = r->unreadable ? NULL
		: tip_record_diff(r->before, r->after, tip_field_diffs_keep, &ch.fields);
	if (err || (r->change == TIP_HISTORY_CHANGED && ch.fields.count == 0)) {
		tip_field_diffs_dispose(&ch.fields);
		return err;
	}
	if (c->record_count == c->record_cap) {
		size_t cap = c->record_cap ? 2 * c->record_cap : 16;
		struct change *records = realloc(c->records, cap * sizeof(*records));
		if (!records) {
			tip_field_diffs_dispose(&ch.fields);
			return tip_error_nomem();
		}
		c->records = records;
		c->record_cap = cap;
	}
	c->records[c->record_count++] = ch;
	return NULL;
}

/* The type and id of a record's path, records/<collection>/<id>.yaml; false when the path is
 * no record of one of the store's types. */
static bool record_of_path(const tip_type **type, char *id, size_t cap, const tip_store *store,
	const char *path)
{
	if (strncmp(path, "records/", 8) != 0)
		return false;
	const char *collection = path + 8, *slash = strchr(collection, '/');
	size_t stem;
	char folder[256];
	if (!slash || strchr(slash + 1, '/') || !tip_record_is_yaml_name(slash + 1, &stem) ||
	    stem >= cap || (size_t)(slash - collection) >= sizeof(folder))
		return false;
	snprintf(folder, sizeof(folder), "%.*s", (int)(slash - collection), collection);
	snprintf(id, cap, "%.*s", (int)stem, slash + 1);
	*type = tip_store_type_for_collection(store, folder);
	return *type != NULL;
}

static tip_error *compare_records(tip_changes *c, tip_store *store)
{
	tip_error *err = tip_snapshot_at_rev(&c->before, store, c->from, NULL, NULL);
	if (!err)
		err = *c->to ? tip_snapshot_at_rev_like(&c->after, store, c->to, c->before)
			     : tip_snapshot_worktree(&c->after, store, NULL, NULL);
	for (size_t i = 0; !err && i < c->file_count; i++) {
		const tip_type *type;
		char id[256];
		if (!record_of_path(&type, id, sizeof(id), store, c->files[i]))
			continue;
		const tip_snapshot_record *before = tip_snapshot_find(c->before, type->name, id);
		const tip_snapshot_record *after = tip_snapshot_find(c->after, type->name, id);
		if (before || after)
			err = add_record(c, store, before, after);
	}
	if (err)
		return err;
	if (c->record_count > 1)
		qsort(c->records, c->record_count, sizeof(*c->records), compare_changes);
	for (size_t i = 0; i < c->record_count; i++) {
		c->records[i].record.fields = c->records[i].fields.items;
		c->records[i].record.field_count = c->records[i].fields.count;
	}
	return NULL;
}

tip_error *tip_changes_records(tip_changes **out, tip_store *store, const char *from_rev,
	const char *to_rev)
{
	tip_error *err = find_files(out, store, from_rev, to_rev);
	if (!err)
		err = compare_records(*out, store);
	if (err) {
		tip_changes_free(*out);
		*out = NULL;
	}
	return err;
}

const char *tip_changes_from(const tip_changes *c)
{
	return c->from;
}

const char *tip_changes_to(const tip_changes *c)
{
	return *c->to ? c->to : NULL;
}

size_t tip_changes_file_count(const tip_changes *c)
{
	return c->file_count;
}

const char *tip_changes_file_at(const tip_changes *c, size_t i)
{
	return i < c->file_count ? c->files[i] : NULL;
}

bool tip_changes_has_file(const tip_changes *c, const char *path)
{
	return c->file_count &&
	       bsearch(&path, c->files, c->file_count, sizeof(*c->files), compare_paths);
}

size_t tip_changes_record_count(const tip_changes *c)
{
	return c->record_count;
}

const tip_history_record *tip_changes_record_at(const tip_changes *c, size_t i)
{
	return i < c->record_count ? &c->records[i].record : NULL;
}
