/* The walk over HEAD's history that reports each commit's record changes, field by field
 * (tip_record_diff, field_diff.c). */
#include "history.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "buf.h"
#include "date.h"
#include "git_int.h"
#include "write_int.h"

/* ---- the walk ---- */

struct walk {
	git_repository *repo;
	tip_store *store;
	const tip_history_opts *opts;
	tip_history_fn fn;
	void *ctx;
	const tip_type *type;  /* opts->type_name's */
	tip_buf scope;         /* what is compared: records, records/<collection> or one file */
	tip_history_commit commit;
	bool described;        /* commit filled in for the current git commit */
	char id[GIT_OID_HEXSZ + 1];
	char date[48];
	git_buf short_id;
	tip_buf reason;
	tip_buf path;          /* the current record's */
	tip_buf record_id;
	tip_field_diffs fields;
};

static void walk_dispose(struct walk *w)
{
	tip_buf_dispose(&w->scope);
	git_buf_dispose(&w->short_id);
	tip_buf_dispose(&w->reason);
	tip_buf_dispose(&w->path);
	tip_buf_dispose(&w->record_id);
	tip_field_diffs_dispose(&w->fields);
}

static tip_error *check_date(const char *date, const char *name)
{
	tip_date day;
	tip_error *err = date ? tip_date_parse(&day, date) : NULL;
	return err ? tip_error_wrap(err, "%s", name) : NULL;
}

static tip_error *check_opts(struct walk *w)
{
	const tip_history_opts *o = w->opts;
	tip_error *err = check_date(o->since, "since");
	if (!err)
		err = check_date(o->until, "until");
	if (err)
		return err;
	if (o->id && !o->type_name)
		return tip_error_invalid("a record id needs its type");
	const char *why = NULL;
	if (o->id && !tip_record_id_valid(o->id, &why))
		return tip_error_invalid("'%s' is not a valid id: %s", o->id, why);
	if (o->type_name && !(w->type = tip_store_type_named(w->store, o->type_name)))
		return tip_store_no_type(w->store, o->type_name);
	err = tip_buf_adds(&w->scope, "records");
	if (!err && w->type)
		err = tip_buf_addf(&w->scope, "/%s", w->type->collection);
	if (!err && o->id)
		err = tip_buf_addf(&w->scope, "/%s.yaml", o->id);
	return err;
}

/* The committer date as YYYY-MM-DD in the committer's time zone. */
static void commit_date(char *out, size_t cap, const git_commit *c)
{
	time_t t = (time_t)(git_commit_time(c) + (git_time_t)git_commit_time_offset(c) * 60);
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(out, cap, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static bool in_range(const struct walk *w)
{
	const char *since = w->opts->since, *until = w->opts->until;
	return (!since || strcmp(w->date, since) >= 0) && (!until || strcmp(w->date, until) <= 0);
}

/* "Key: value", the form of a trailer (or a continuation line of one). */
static bool is_trailer_line(const char *line, size_t len)
{
	if (len && (line[0] == ' ' || line[0] == '\t'))
		return true;
	size_t key = 0;
	while (key < len && (line[key] == '-' || (line[key] >= '0' && line[key] <= '9') ||
			     ((line[key] | 0x20) >= 'a' && (line[key] | 0x20) <= 'z')))
		key++;
	return key > 0 && key < len && line[key] == ':';
}

/* True when every line of the paragraph text[0..len) is a trailer. */
static bool is_trailer_block(const char *text, size_t len)
{
	while (len) {
		const char *nl = memchr(text, '\n', len);
		size_t line = nl ? (size_t)(nl - text) : len;
		if (!is_trailer_line(text, line))
			return false;
		len -= nl ? line + 1 : line;
		text += nl ? line + 1 : line;
	}
	return true;
}

/* The body of a tip commit without its last paragraph, the trailers. */
static tip_error *reason_of(tip_buf *out, const char *body)
{
	size_t len = body ? strlen(body) : 0;
	const char *last = body;
	for (const char *p = body; p && (p = strstr(p, "\n\n")); p++)
		last = p + 2;
	if (len && is_trailer_block(last, len - (size_t)(last - body)))
		len = last > body ? (size_t)(last - body) : 0;
	while (len && strchr(" \t\r\n", body[len - 1]))
		len--;
	return len ? tip_buf_add(out, body, len) : NULL;
}

static bool has_tip_action(const char *message)
{
	git_message_trailer_array trailers = { 0 };
	bool found = false;
	if (git_message_trailers(&trailers, message ? message : "") == 0)
		for (size_t i = 0; !found && i < trailers.count; i++)
			found = strcasecmp(trailers.trailers[i].key, "Tip-Action") == 0;
	git_message_trailer_array_free(&trailers);
	return found;
}

/* Fills w->commit for c (its date is there already). */
static tip_error *describe(struct walk *w, git_commit *c)
{
	tip_history_commit *h = &w->commit;
	git_oid_tostr(w->id, sizeof(w->id), git_commit_id(c));
	if (git_object_short_id(&w->short_id, (const git_object *)c) < 0)
		return tip_git_error("cannot abbreviate commit %s", w->id);
	const git_signature *author = git_commit_author(c);
	const char *subject = git_commit_summary(c);
	h->id = w->id;
	h->short_id = w->short_id.ptr;
	h->date = w->date;
	h->time = (int64_t)git_commit_time(c);
	h->offset = git_commit_time_offset(c);
	h->author = author && author->name ? author->name : "";
	h->subject = subject ? subject : "";
	h->by_tip = has_tip_action(git_commit_message(c));
	tip_buf_reset(&w->reason);
	tip_error *err = h->by_tip ? reason_of(&w->reason, git_commit_body(c)) : NULL;
	h->reason = w->reason.len ? tip_buf_str(&w->reason) : NULL;
	w->described = !err;
	return err;
}

/* One version of a record: *doc NULL and *unreadable when it does not load. */
static tip_error *load_version(tip_doc **doc, bool *unreadable, struct walk *w,
	const git_oid *id, uint32_t mode)
{
	*doc = NULL;
	*unreadable = true;
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return NULL;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, w->repo, id) < 0)
		return tip_git_error("cannot read '%s' at commit %s", tip_buf_str(&w->path), w->id);
	tip_error *err = tip_yaml_load(doc, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
		tip_buf_str(&w->path), NULL);
	git_blob_free(blob);
	*unreadable = !*doc;
	return err;
}

/* One side of a change to a file: its blob id and mode; mode 0 when the file is absent. */
struct side {
	const git_oid *id;
	uint32_t mode;
};

static bool should_report(const struct walk *w, const tip_history_record *r)
{
	if (r->change == TIP_HISTORY_UNREADABLE)
		return !w->opts->field;
	if (r->change == TIP_HISTORY_CHANGED || w->opts->field)
		return r->field_count > 0;
	return true;
}

static tip_history_change change_of(struct side before, struct side after, unsigned unreadable)
{
	if (unreadable)
		return TIP_HISTORY_UNREADABLE;
	return !before.mode ? TIP_HISTORY_ADDED
		: !after.mode ? TIP_HISTORY_REMOVED : TIP_HISTORY_CHANGED;
}

/* Compares the two versions of the record at w->path and reports it through fn. */
static tip_error *visit_record(struct walk *w, git_commit *c, const tip_type *type,
	struct side before, struct side after)
{
	tip_doc *old_doc = NULL, *new_doc = NULL;
	bool old_bad = false, new_bad = false;
	tip_error *err = before.mode ? load_version(&old_doc, &old_bad, w, before.id, before.mode)
				     : NULL;
	if (!err && after.mode)
		err = load_version(&new_doc, &new_bad, w, after.id, after.mode);
	tip_history_record r = {
		.type = type, .id = tip_buf_str(&w->record_id), .path = tip_buf_str(&w->path),
		.unreadable = (old_bad ? TIP_HISTORY_BEFORE : 0u) | (new_bad ? TIP_HISTORY_AFTER : 0u),
		.before = old_doc ? old_doc->root : NULL, .after = new_doc ? new_doc->root : NULL,
	};
	r.change = change_of(before, after, r.unreadable);
	tip_field_diffs_reset(&w->fields);
	if (!err && !r.unreadable)
		err = tip_record_diff(r.before, r.after, tip_field_diffs_keep, &w->fields);
	r.fields = w->fields.items;
	r.field_count = w->fields.count;
	if (!err && should_report(w, &r) && !w->described)
		err = describe(w, c);
	if (!err && should_report(w, &r))
		err = w->fn(w->ctx, &w->commit, &r);
	tip_field_diffs_reset(&w->fields);
	tip_doc_free(old_doc);
	tip_doc_free(new_doc);
	return err;
}

/* Sets w->path to dir/rel (just rel when dir is NULL) and, when that is a record
 * (records/<collection>/<id>.yaml of a known type), w->record_id and *type; else *type is
 * NULL. */
static tip_error *record_at(const tip_type **type, struct walk *w, const char *dir,
	const char *rel)
{
	*type = NULL;
	tip_buf_reset(&w->path);
	tip_buf_reset(&w->record_id);
	tip_error *err = dir ? tip_buf_add_path(&w->path, dir, rel) : tip_buf_adds(&w->path, rel);
	if (err || strncmp(tip_buf_str(&w->path), "records/", 8) != 0)
		return err;
	const char *collection = tip_buf_str(&w->path) + 8;
	const char *slash = strchr(collection, '/');
	size_t stem = 0;
	if (!slash || strchr(slash + 1, '/') || !tip_record_is_yaml_name(slash + 1, &stem))
		return err;
	if (!(err = tip_buf_add(&w->record_id, collection, (size_t)(slash - collection))))
		*type = tip_store_type_for_collection(w->store, tip_buf_str(&w->record_id));
	tip_buf_reset(&w->record_id);
	return err ? err : tip_buf_add(&w->record_id, slash + 1, stem);
}

static tip_error *visit_delta(struct walk *w, git_commit *c, const git_diff_delta *d)
{
	struct side before = { &d->old_file.id, d->status == GIT_DELTA_ADDED ? 0 : d->old_file.mode };
	struct side after = { &d->new_file.id, d->status == GIT_DELTA_DELETED ? 0 : d->new_file.mode };
	const tip_type *type = NULL;
	tip_error *err = record_at(&type, w, tip_buf_str(&w->scope),
		before.mode ? d->old_file.path : d->new_file.path);
	return err || !type ? err : visit_record(w, c, type, before, after);
}

/* The tree at w->scope in tree, or NULL when there is none. */
static tip_error *scope_tree(git_tree **out, struct walk *w, const git_tree_entry *entry)
{
	*out = NULL;
	if (!entry || git_tree_entry_type(entry) != GIT_OBJECT_TREE)
		return NULL;
	if (git_tree_lookup(out, w->repo, git_tree_entry_id(entry)) < 0)
		return tip_git_error("cannot read '%s' at commit %s", tip_buf_str(&w->scope), w->id);
	return NULL;
}

/* The changes between the scope's trees (either may be absent). */
static tip_error *visit_trees(struct walk *w, git_commit *c, const git_tree_entry *old_entry,
	const git_tree_entry *new_entry)
{
	git_tree *old_tree = NULL, *new_tree = NULL;
	git_diff *diff = NULL;
	tip_error *err = scope_tree(&old_tree, w, old_entry);
	if (!err)
		err = scope_tree(&new_tree, w, new_entry);
	if (!err && git_diff_tree_to_tree(&diff, w->repo, old_tree, new_tree, NULL) < 0)
		err = tip_git_error("cannot compare commit %s with its parent", w->id);
	for (size_t i = 0; !err && diff && i < git_diff_num_deltas(diff); i++)
		err = visit_delta(w, c, git_diff_get_delta(diff, i));
	git_diff_free(diff);
	git_tree_free(old_tree);
	git_tree_free(new_tree);
	return err;
}

/* The one record of opts->id: the file's entries at both sides. */
static tip_error *visit_file(struct walk *w, git_commit *c, const git_tree_entry *old_entry,
	const git_tree_entry *new_entry)
{
	struct side before = { old_entry ? git_tree_entry_id(old_entry) : NULL,
		old_entry ? (uint32_t)git_tree_entry_filemode(old_entry) : 0 };
	struct side after = { new_entry ? git_tree_entry_id(new_entry) : NULL,
		new_entry ? (uint32_t)git_tree_entry_filemode(new_entry) : 0 };
	const tip_type *type = NULL;
	tip_error *err = record_at(&type, w, NULL, tip_buf_str(&w->scope));
	return err || !type ? err : visit_record(w, c, type, before, after);
}

static tip_error *entry_at(git_tree_entry **out, struct walk *w, git_tree *tree)
{
	*out = NULL;
	int rc = tree ? git_tree_entry_bypath(out, tree, tip_buf_str(&w->scope)) : GIT_ENOTFOUND;
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return tip_git_error("cannot read '%s' at commit %s", tip_buf_str(&w->scope), w->id);
	return NULL;
}

static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return !a && !b;
	return git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
	       git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

/* One commit of the walk, against its first parent's tree (NULL for the first commit). */
static tip_error *visit_commit(struct walk *w, git_commit *c, git_tree *tree, git_tree *parent)
{
	commit_date(w->date, sizeof(w->date), c);
	w->described = false;
	if (!in_range(w))
		return NULL;
	git_oid_tostr(w->id, sizeof(w->id), git_commit_id(c));
	git_tree_entry *old_entry = NULL, *new_entry = NULL;
	tip_error *err = entry_at(&old_entry, w, parent);
	if (!err)
		err = entry_at(&new_entry, w, tree);
	if (!err && !same_entry(old_entry, new_entry))
		err = w->opts->id ? visit_file(w, c, old_entry, new_entry)
				  : visit_trees(w, c, old_entry, new_entry);
	git_tree_entry_free(old_entry);
	git_tree_entry_free(new_entry);
	return err;
}

/* The first parent of c and its tree; both NULL for a first commit. A TIP_ENOTFOUND error
 * when c has a parent the repository does not hold (the edge of a shallow clone). */
static tip_error *first_parent(git_commit **parent, git_tree **tree, git_commit *c)
{
	*tree = NULL;
	tip_error *err = tip_git_first_parent(parent, c);
	if (err || !*parent || git_commit_tree(tree, *parent) == 0)
		return err;
	char id[GIT_OID_HEXSZ + 1];
	git_oid_tostr(id, sizeof(id), git_commit_id(c));
	return tip_git_error("cannot read the tree of commit %s", id);
}

static tip_error *head_commit(git_commit **out, git_tree **tree, git_repository *repo)
{
	*tree = NULL;
	tip_error *err = tip_git_head_commit(out, repo);
	if (err || !*out || git_commit_tree(tree, *out) == 0)
		return err;
	return tip_git_error("cannot read HEAD");
}

static tip_error *walk_history(struct walk *w)
{
	git_commit *c = NULL;
	git_tree *tree = NULL;
	tip_error *err = head_commit(&c, &tree, w->repo);
	while (!err && c) {
		git_commit *parent = NULL;
		git_tree *parent_tree = NULL;
		err = first_parent(&parent, &parent_tree, c);
		bool missing = tip_error_catch(&err, TIP_ENOTFOUND);
		/* What the last commit a shallow clone holds changed is unknown: the history
		 * shown ends before it. */
		if (!err && !missing)
			err = visit_commit(w, c, tree, parent_tree);
		git_tree_free(tree);
		git_commit_free(c);
		c = parent;
		tree = parent_tree;
	}
	git_tree_free(tree);
	git_commit_free(c);
	return err;
}

/* libgit2 keeps the objects it reads in a cache of up to 256 MiB (lowering that bound does
 * not stop it growing), which a long walk would fill with commits and trees it never needs
 * again: the walk turns the cache off, and on again after (tip never turns it off otherwise).
 * What then stays is bounded: libgit2's cache of delta bases (16 MiB) and one commit's objects. */
static void object_cache(bool on)
{
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, (int)on);
}

tip_error *tip_history_walk(tip_store *store, const tip_history_opts *opts, tip_history_fn fn,
	void *ctx)
{
	static const tip_history_opts none;
	struct walk w;
	memset(&w, 0, sizeof(w));
	w.repo = tip_store_repository(store);
	w.store = store;
	w.opts = opts ? opts : &none;
	w.fn = fn;
	w.ctx = ctx;
	w.fields.only = w.opts->field;
	tip_error *err = check_opts(&w);
	if (!err) {
		object_cache(false);
		err = walk_history(&w);
		object_cache(true);
	}
	walk_dispose(&w);
	return err;
}
