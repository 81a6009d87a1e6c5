/* The changes tip made, newest first, and which of them are undone: what tip undo --list
 * shows and what tip undo chooses from. */
#include "undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "git_int.h"
#include "schema.h"
#include "undo_int.h"

struct listed {
	tip_undo_change change;
	git_oid id;
	git_oid undoes; /* for an undo: the commit it took back */
	bool takes_back; /* undoes is set */
};

struct tip_undo_list {
	tip_arena *arena;
	struct listed *items;
	size_t count, cap;
};

/* ---- what a commit changed ---- */

tip_error *tip_undo_commit_diff(git_diff **out, git_repository *repo, git_commit *c)
{
	git_commit *parent = NULL;
	git_tree *before = NULL, *after = NULL;
	*out = NULL;
	tip_error *err = tip_git_first_parent(&parent, c);
	int rc = err ? 0 : parent ? git_commit_tree(&before, parent) : 0;
	if (!err && rc == 0)
		rc = git_commit_tree(&after, c);
	if (!err && rc == 0)
		rc = git_diff_tree_to_tree(out, repo, before, after, NULL);
	git_tree_free(before);
	git_tree_free(after);
	git_commit_free(parent);
	if (!err && rc < 0)
		err = tip_git_error("cannot compare commit %.7s with the one before",
			git_oid_tostr_s(git_commit_id(c)));
	return err;
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

/* The personal values of one version of a record; one that does not load has none. */
static tip_error *add_values(tip_buf *values, git_repository *repo, const tip_type *type,
	const git_diff_file *side)
{
	git_blob *blob = NULL;
	if (!side->mode || git_oid_is_zero(&side->id))
		return NULL;
	if (git_blob_lookup(&blob, repo, &side->id) < 0)
		return tip_git_error("cannot read '%s'", side->path);
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, git_blob_rawcontent(blob),
		(size_t)git_blob_rawsize(blob), side->path, NULL);
	if (!err && doc)
		err = tip_schema_personal_values(values, type->schema, doc->root);
	tip_doc_free(doc);
	git_blob_free(blob);
	return err;
}

/* The values of personal fields of the records diff changed, before and after it, each
 * followed by a NUL (for tip_buf_add_hiding). */
static tip_error *personal_values(tip_buf *values, git_repository *repo,
	const tip_store *store, git_diff *diff)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const tip_type *type = record_type(store, d->old_file.path);
		if (type)
			err = add_values(values, repo, type, &d->old_file);
		if (!err && type)
			err = add_values(values, repo, type, &d->new_file);
	}
	return err;
}

tip_error *tip_undo_hidden_subject(tip_buf *out, tip_store *store, git_commit *c)
{
	git_repository *repo = tip_store_repository(store);
	git_diff *diff = NULL;
	tip_buf values = TIP_BUF_INIT;
	const char *summary = git_commit_summary(c);
	tip_error *err = tip_undo_commit_diff(&diff, repo, c);
	if (!err)
		err = personal_values(&values, repo, store, diff);
	if (!err)
		err = tip_buf_add_hiding(out, summary ? summary : "", &values);
	git_diff_free(diff);
	tip_buf_dispose(&values);
	return err;
}

static tip_error *hidden_subject(const char **out, tip_undo_list *list, tip_store *store,
	git_commit *c)
{
	tip_buf subject = TIP_BUF_INIT;
	tip_error *err = tip_undo_hidden_subject(&subject, store, c);
	if (!err && !(*out = tip_arena_strdup(list->arena, tip_buf_str(&subject))))
		err = tip_error_nomem();
	tip_buf_dispose(&subject);
	return err;
}

/* ---- the list ---- */

static const char *trailer(const git_message_trailer_array *trailers, const char *key)
{
	for (size_t i = 0; i < trailers->count; i++)
		if (strcasecmp(trailers->trailers[i].key, key) == 0)
			return trailers->trailers[i].value;
	return NULL;
}

/* The author date as YYYY-MM-DD in the author's time zone. */
static void author_date(char out[11], const git_signature *author)
{
	time_t t = author ? (time_t)(author->when.time + (git_time_t)author->when.offset * 60) : 0;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		memset(&tm, 0, sizeof(tm));
	if (strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		snprintf(out, 11, "%s", "?");
}

/* The newer undo that took back the commit id and stands itself: its number, else 0. */
static size_t undone_by(const tip_undo_list *list, const git_oid *id)
{
	for (size_t j = 0; j < list->count; j++) {
		const struct listed *l = &list->items[j];
		if (l->takes_back && !l->change.undone_by && git_oid_equal(&l->undoes, id))
			return l->change.number;
	}
	return 0;
}

static tip_error *grow(tip_undo_list *list)
{
	if (list->count < list->cap)
		return NULL;
	size_t cap = list->cap ? list->cap * 2 : 16;
	struct listed *items = realloc(list->items, cap * sizeof(*items));
	if (!items)
		return tip_error_nomem();
	list->items = items;
	list->cap = cap;
	return NULL;
}

/* Adds c when tip made it (a Tip-Action trailer). */
static tip_error *add_change(tip_undo_list *list, tip_store *store, git_commit *c)
{
	git_message_trailer_array trailers = { 0 };
	const char *message = git_commit_message(c);
	if (git_message_trailers(&trailers, message ? message : "") < 0)
		return tip_git_error("cannot read the trailers of commit %.7s",
			git_oid_tostr_s(git_commit_id(c)));
	const char *action = trailer(&trailers, "Tip-Action");
	/* tip setup changes .gitattributes, not records: git revert takes it back, and undo
	 * passes it by as it does a commit made without tip. */
	if (action && strcasecmp(action, "setup") == 0)
		action = NULL;
	const char *undoes = trailer(&trailers, "Tip-Undoes");
	tip_error *err = action ? grow(list) : NULL;
	if (err || !action) {
		git_message_trailer_array_free(&trailers);
		return err;
	}
	struct listed *l = &list->items[list->count];
	memset(l, 0, sizeof(*l));
	const git_signature *author = git_commit_author(c);
	l->id = *git_commit_id(c);
	l->change.number = list->count + 1;
	git_oid_tostr(l->change.id, sizeof(l->change.id), &l->id);
	author_date(l->change.date, author);
	l->change.author = tip_arena_strdup(list->arena, author && author->name ? author->name : "");
	l->change.action = tip_arena_strdup(list->arena, action);
	l->change.undone_by = undone_by(list, &l->id);
	if (strcasecmp(action, "undo") == 0 && undoes)
		l->takes_back = git_oid_fromstr(&l->undoes, undoes) == 0;
	else if (strcasecmp(action, "undo") == 0 && git_commit_parentcount(c))
		l->takes_back = (l->undoes = *git_commit_parent_id(c, 0), true);
	git_message_trailer_array_free(&trailers);
	if (!l->change.author || !l->change.action)
		return tip_error_nomem();
	err = hidden_subject(&l->change.subject, list, store, c);
	if (!err)
		list->count++;
	return err;
}

bool tip_undo_is_candidate(const tip_undo_change *change)
{
	return !change->undone_by && strcasecmp(change->action, "undo") != 0;
}

static bool listed_enough(const tip_undo_list *list, size_t max, bool to_undo)
{
	if (max && list->count >= max)
		return true;
	return to_undo && list->count &&
	       tip_undo_is_candidate(&list->items[list->count - 1].change);
}

static tip_error *walk(tip_undo_list *list, tip_store *store, git_commit *head, size_t max,
	bool to_undo)
{
	git_commit *c = NULL;
	tip_error *err = NULL;
	if (head && git_commit_dup(&c, head) < 0)
		err = tip_git_error("cannot read the last commit");
	while (!err && c && !listed_enough(list, max, to_undo)) {
		git_commit *parent = NULL;
		err = add_change(list, store, c);
		if (!err)
			err = tip_git_first_parent(&parent, c);
		/* a shallow clone's history ends at the last commit it holds */
		tip_error_catch(&err, TIP_ENOTFOUND);
		git_commit_free(c);
		c = parent;
	}
	git_commit_free(c);
	return err;
}

tip_error *tip_undo_list_from(tip_undo_list **out, tip_store *store, git_commit *head,
	size_t max, bool to_undo)
{
	*out = calloc(1, sizeof(**out));
	if (!*out || !((*out)->arena = tip_arena_new())) {
		tip_undo_list_free(*out);
		*out = NULL;
		return tip_error_nomem();
	}
	tip_error *err = walk(*out, store, head, max, to_undo);
	if (err) {
		tip_undo_list_free(*out);
		*out = NULL;
	}
	return err;
}

tip_error *tip_store_undo_list(tip_undo_list **out, tip_store *store, size_t max)
{
	git_commit *head = NULL;
	*out = NULL;
	tip_error *err = tip_git_head_commit(&head, tip_store_repository(store));
	if (!err)
		err = tip_undo_list_from(out, store, head, max ? max : 1, false);
	git_commit_free(head);
	return err;
}

size_t tip_undo_list_count(const tip_undo_list *list)
{
	return list->count;
}

const tip_undo_change *tip_undo_list_at(const tip_undo_list *list, size_t i)
{
	return &list->items[i].change;
}

const git_oid *tip_undo_list_oid(const tip_undo_list *list, size_t i)
{
	return &list->items[i].id;
}

void tip_undo_list_free(tip_undo_list *list)
{
	if (!list)
		return;
	free(list->items);
	tip_arena_free(list->arena);
	free(list);
}
