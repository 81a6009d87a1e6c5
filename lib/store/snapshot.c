#include "snapshot.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "git_int.h"
#include "node_hash.h"
#include "schema.h"
#include "snapshot_int.h"

tip_error *tip_snapshot_new(tip_snapshot **out, tip_store *store)
{
	*out = calloc(1, sizeof(**out));
	if (!*out || !((*out)->arena = tip_arena_new())) {
		free(*out);
		*out = NULL;
		return tip_error_nomem();
	}
	(*out)->store = store;
	return NULL;
}

void tip_snapshot_free(tip_snapshot *snapshot)
{
	if (!snapshot)
		return;
	tip_arena_free(snapshot->arena);
	for (size_t i = 0; i < snapshot->kept_count; i++)
		tip_arena_free(snapshot->kept[i]);
	free(snapshot->entries);
	free(snapshot);
}

size_t tip_snapshot_count(const tip_snapshot *snapshot)
{
	return snapshot->count;
}

size_t tip_snapshot_unloaded(const tip_snapshot *snapshot)
{
	size_t n = 0;
	for (size_t i = 0; i < snapshot->count; i++)
		n += snapshot->entries[i].record.root == NULL;
	return n;
}

const tip_snapshot_record *tip_snapshot_get(const tip_snapshot *snapshot, size_t i)
{
	return i < snapshot->count ? &snapshot->entries[i].record : NULL;
}

uint64_t tip_snapshot_record_hash(const tip_snapshot_record *record)
{
	return ((const struct entry *)record)->hash;
}

bool tip_snapshot_record_breaks_schema(const tip_snapshot_record *record)
{
	return ((const struct entry *)record)->breaks_schema;
}

static size_t type_index(const tip_store *store, const tip_type *type)
{
	for (size_t i = 0; i < tip_store_type_count(store); i++)
		if (tip_store_type_at(store, i) == type)
			return i;
	return (size_t)-1;
}

/* A record's place in the order: its type's index in the store, then its id. */
struct record_key {
	size_t type;
	const char *id;
};

static int compare_key(const struct record_key *a, const struct record_key *b)
{
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	return strcmp(a->id, b->id);
}

static const tip_store *sorting_store; /* qsort has no context argument */

static int compare_records(const void *pa, const void *pb)
{
	const tip_snapshot_record *a = &((const struct entry *)pa)->record;
	const tip_snapshot_record *b = &((const struct entry *)pb)->record;
	struct record_key ka = { type_index(sorting_store, a->type), a->id };
	struct record_key kb = { type_index(sorting_store, b->type), b->id };
	return compare_key(&ka, &kb);
}

static void sort_records(tip_snapshot *s)
{
	/* Listings come sorted by file name, which is not quite id order ("a-b.yaml" sorts
	 * before "a.yaml"); one sort makes lookups simple. Not thread-safe, like the rest of a
	 * snapshot's construction. */
	sorting_store = s->store;
	if (s->count > 1)
		qsort(s->entries, s->count, sizeof(*s->entries), compare_records);
	sorting_store = NULL;
}

tip_error *tip_snapshot_done(tip_snapshot **out, tip_error *err)
{
	if (err) {
		tip_snapshot_free(*out);
		*out = NULL;
		return err;
	}
	sort_records(*out);
	return NULL;
}

const tip_snapshot_record *tip_snapshot_find(const tip_snapshot *snapshot,
	const char *type_name, const char *id)
{
	const tip_type *type = tip_store_type_named(snapshot->store, type_name);
	if (!type)
		return NULL;
	struct record_key want = { type_index(snapshot->store, type), id };
	size_t lo = 0, hi = snapshot->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const tip_snapshot_record *r = &snapshot->entries[mid].record;
		struct record_key key = { type_index(snapshot->store, r->type), r->id };
		int c = compare_key(&key, &want);
		if (c == 0)
			return r;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

tip_error *tip_snapshot_push(tip_snapshot *s, const tip_type *type, const char *id,
	const char *path, const tip_node *root, const git_oid *blob)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		struct entry *entries = realloc(s->entries, cap * sizeof(*entries));
		if (!entries)
			return tip_error_nomem();
		s->entries = entries;
		s->cap = cap;
	}
	struct entry *e = &s->entries[s->count++];
	memset(e, 0, sizeof(*e));
	e->record = (tip_snapshot_record){ type, id, path, root };
	if (blob)
		git_oid_cpy(&e->blob, blob);
	return NULL;
}

/* The record's path, records/<collection>/<id>.yaml, in arena; NULL when out of memory. */
static char *record_path(tip_arena *arena, const tip_type *type, const char *id)
{
	size_t len = strlen("records//.yaml") + strlen(type->collection) + strlen(id) + 1;
	char *path = tip_arena_alloc(arena, len);
	if (path)
		snprintf(path, len, "records/%s/%s.yaml", type->collection, id);
	return path;
}

/* The record's id and path, kept in arena. */
static tip_error *keep_names(char **kept_id, char **kept_path, tip_arena *arena,
	const tip_type *type, const char *id)
{
	*kept_path = record_path(arena, type, id);
	*kept_id = *kept_path ? tip_arena_strdup(arena, id) : NULL;
	return *kept_id ? NULL : tip_error_nomem();
}

static tip_error *load_file(tip_doc **doc, tip_store *store, const char *path,
	const tip_yaml_opts *opts);
static tip_error *keep_root(struct entry *e, tip_arena *a, const tip_node *root,
	const tip_snapshot_keep *keep, tip_node *const *keys, bool *wanted);

/* Loads the record's file (the loader's own reading, with its size bound) and keeps it whole,
 * in the snapshot's arena. */
static tip_error *add_file(tip_snapshot *s, const tip_type *type, const char *id,
	tip_diag_list *findings)
{
	char *kept_id, *kept_path;
	tip_error *err = keep_names(&kept_id, &kept_path, s->arena, type, id);
	tip_yaml_opts opts = { .finding = findings ? tip_diag_list_collect : NULL,
		.finding_ctx = findings, .arena = s->arena };
	tip_doc *doc = NULL;
	if (!err)
		err = load_file(&doc, s->store, kept_path, &opts);
	if (!err)
		err = tip_snapshot_push(s, type, kept_id, kept_path, NULL, NULL);
	bool wanted;
	if (!err)
		err = keep_root(&s->entries[s->count - 1], s->arena, doc ? doc->root : NULL, NULL, NULL,
			&wanted);
	tip_doc_free(doc); /* the nodes stay: they live in the snapshot's arena */
	return err;
}

static tip_error *add_worktree_type(tip_snapshot *s, const tip_type *type, void *findings)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < type->id_count; i++)
		err = add_file(s, type, type->ids[i], findings);
	return err;
}

tip_error *tip_snapshot_each_type(tip_snapshot *s, const char *type_name,
	tip_error *(*add)(tip_snapshot *, const tip_type *, void *), void *ctx)
{
	if (type_name) {
		const tip_type *type = tip_store_type_named(s->store, type_name);
		if (!type)
			return tip_store_no_type(s->store, type_name);
		return add(s, type, ctx);
	}
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_store_type_count(s->store); i++)
		err = add(s, tip_store_type_at(s->store, i), ctx);
	return err;
}

/* The records of the working tree as add makes them, in a snapshot's order. */
static tip_error *worktree_of(tip_snapshot **out, tip_store *store, const char *type_name,
	tip_error *(*add)(tip_snapshot *, const tip_type *, void *), void *ctx)
{
	tip_error *err = tip_store_list_records(store);
	if (!err)
		err = tip_snapshot_new(out, store);
	if (!err)
		err = tip_snapshot_each_type(*out, type_name, add, ctx);
	return tip_snapshot_done(out, err);
}

tip_error *tip_snapshot_worktree(tip_snapshot **out, tip_store *store, const char *type_name,
	tip_diag_list *findings)
{
	return worktree_of(out, store, type_name, add_worktree_type, findings);
}

/* ---- the working tree, read on every processor ---- */

/* Records are read a batch at a time before they are written out in turn: at first a few per
 * worker, then as many as make about EACH_BUDGET bytes of text, at most EACH_BATCH. */
enum { EACH_FIRST = 4, EACH_BUDGET = 1 << 20, EACH_BATCH = 1024 };

/* A record handed out one at a time by tip_snapshot_worktree_each, until written out. */
struct each_item {
	tip_buf path, text;
	tip_doc *doc;
};

/* What the workers of tip_snapshot_worktree_each share: the batch being read. */
struct each_run {
	struct each_item *items;
	size_t base; /* the batch's first record in the snapshot */
	tip_snapshot_render_fn render;
	void *ctx;
};

/* Where the findings of one record are: count of them from first in worker's list. */
struct finding_span {
	size_t worker, first, count;
};

/* One worker's part of a reading: it gathers findings and, for tip_snapshot_read_named, what
 * it keeps of its records in an arena of its own, so that no worker waits on another. */
struct reader {
	tip_snapshot *s; /* the records to read, named but not yet read */
	const tip_snapshot_keep *keep;
	tip_node *const *keys; /* one key node per field of keep, shared by every reduced record */
	tip_snapshot_load_fn load;
	git_repository *repo; /* a commit's records: the worker's own (libgit2's rule) */
	bool *wanted;         /* per record of s, whether keep wants it */
	struct finding_span *spans; /* per record of s, where its findings are */
	struct each_run *each;
	tip_arena *arena;
	tip_diag_list *findings;
	size_t index; /* the worker's place among the readers */
};

struct readers {
	struct reader reader[TIP_PARALLEL_MAX_WORKERS];
	void *contexts[TIP_PARALLEL_MAX_WORKERS];
	size_t count;
};

/* A worker a processor (or TIP_JOBS) for count records, each like like, with an arena of its
 * own when with_arena. */
static tip_error *readers_start(struct readers *rs, size_t count, const struct reader *like,
	bool with_arena)
{
	size_t workers;
	rs->count = 0;
	tip_error *err = tip_parallel_workers(&workers, count);
	for (; !err && rs->count < workers; rs->count++) {
		struct reader *r = &rs->reader[rs->count];
		*r = *like;
		r->index = rs->count;
		rs->contexts[rs->count] = r;
		err = tip_diag_list_new(&r->findings);
		if (!err && with_arena && !(r->arena = tip_arena_new()))
			err = tip_error_nomem();
	}
	return err;
}

/* A repository for each worker: the first's share is done by one thread only, so it has
 * repo itself; the others open it again, as libgit2 wants no object or repository used from
 * two threads at once. */
static tip_error *readers_open_repositories(struct readers *rs, git_repository *repo)
{
	const char *path = git_repository_path(repo);
	unsigned flags = GIT_REPOSITORY_OPEN_NO_SEARCH | GIT_REPOSITORY_OPEN_BARE;
	rs->reader[0].repo = repo;
	for (size_t i = 1; i < rs->count; i++)
		if (git_repository_open_ext(&rs->reader[i].repo, path, flags, NULL) < 0)
			return tip_git_error("cannot open the repository '%s' again", path);
	return NULL;
}

static void readers_close_repositories(struct readers *rs)
{
	for (size_t i = 1; i < rs->count; i++) {
		git_repository_free(rs->reader[i].repo);
		rs->reader[i].repo = NULL;
	}
}

/* Gathers the workers' findings into findings (may be NULL): record by record in the order
 * of s when the readers noted where each record's are, else worker by worker. */
static void gather_findings(struct readers *rs, tip_diag_list *findings, const tip_snapshot *s)
{
	const struct finding_span *spans = rs->reader[0].spans;
	for (size_t i = 0; findings && spans && i < s->count; i++)
		for (size_t f = 0; f < spans[i].count; f++)
			tip_diag_list_collect(findings, tip_diag_list_get(
				rs->reader[spans[i].worker].findings, spans[i].first + f));
	for (size_t i = 0; findings && !spans && i < rs->count; i++) {
		struct reader *r = &rs->reader[i];
		for (size_t f = 0; r->findings && f < tip_diag_list_count(r->findings); f++)
			tip_diag_list_collect(findings, tip_diag_list_get(r->findings, f));
	}
}

/* Gathers the workers' findings into findings (may be NULL) and hands their arenas to s (or
 * frees them, s NULL). */
static void readers_finish(struct readers *rs, tip_diag_list *findings, tip_snapshot *s)
{
	if (rs->count)
		gather_findings(rs, findings, s);
	for (size_t i = 0; i < rs->count; i++) {
		struct reader *r = &rs->reader[i];
		tip_diag_list_free(r->findings);
		if (s && r->arena)
			s->kept[s->kept_count++] = r->arena;
		else
			tip_arena_free(r->arena);
	}
	rs->count = 0;
}

/* Loads the record's file at path (records/<collection>/<id>.yaml) with opts. */
static tip_error *load_file(tip_doc **doc, tip_store *store, const char *path,
	const tip_yaml_opts *opts)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&full, tip_store_root(store), path);
	if (!err)
		err = tip_yaml_load_file_at(doc, AT_FDCWD, tip_buf_str(&full), path, opts);
	tip_buf_dispose(&full);
	return err;
}

/* A tip_snapshot_load_fn: the record's file in the working tree. */
static tip_error *load_worktree_file(tip_doc **doc, const tip_snapshot *s,
	git_repository *unused, const struct entry *e, const tip_yaml_opts *opts)
{
	(void)unused;
	return load_file(doc, s->store, e->record.path, opts);
}

static tip_node *copy_node(tip_arena *a, const tip_node *node);

/* The items or pairs of a collection copied into a. */
static bool copy_children(tip_arena *a, tip_node *to, const tip_node *from)
{
	size_t n = from->count ? from->count : 1;
	if (from->type == TIP_NODE_SEQ) {
		to->items = tip_arena_alloc(a, n * sizeof(*to->items));
		for (size_t i = 0; to->items && i < from->count; i++)
			if (!(to->items[i] = copy_node(a, from->items[i])))
				return false;
		return to->items != NULL;
	}
	if (from->type != TIP_NODE_MAP)
		return true;
	to->pairs = tip_arena_alloc(a, n * sizeof(*to->pairs));
	for (size_t i = 0; to->pairs && i < from->count; i++) {
		to->pairs[i].key = copy_node(a, from->pairs[i].key);
		to->pairs[i].value = copy_node(a, from->pairs[i].value);
		if (!to->pairs[i].key || !to->pairs[i].value)
			return false;
	}
	return to->pairs != NULL;
}

/* A copy of node and all below it in a; NULL when out of memory. */
static tip_node *copy_node(tip_arena *a, const tip_node *node)
{
	tip_node *copy = tip_arena_alloc(a, sizeof(*copy));
	if (!copy)
		return NULL;
	*copy = *node;
	if (node->str && !(copy->str = tip_arena_strndup(a, node->str, node->len)))
		return NULL;
	return copy_children(a, copy, node) ? copy : NULL;
}

/* Which of keep's fields key names: keep->field_count when none. */
static size_t kept_field(const tip_snapshot_keep *keep, const tip_node *key)
{
	for (size_t i = 0; i < keep->field_count; i++)
		if (strlen(keep->fields[i]) == key->len &&
		    memcmp(keep->fields[i], key->str, key->len) == 0)
			return i;
	return keep->field_count;
}

static bool is_kept_field(const tip_snapshot_keep *keep, const tip_node *key)
{
	return kept_field(keep, key) < keep->field_count;
}

/* One key node per field of keep, in a, which every reduced record points at rather than
 * copying its own: at 100,000 records the copies were a third of what was kept. They carry no
 * line or column (nothing reads a kept key's position) and are read-only once made. */
static tip_error *shared_keys(tip_node ***out, tip_arena *a, const tip_snapshot_keep *keep)
{
	*out = NULL;
	if (!keep || !keep->fields)
		return NULL;
	tip_node **keys = tip_arena_alloc(a, (keep->field_count + 1) * sizeof(*keys));
	for (size_t i = 0; keys && i < keep->field_count; i++) {
		keys[i] = tip_arena_alloc(a, sizeof(*keys[i]));
		const char *name = tip_arena_strdup(a, keep->fields[i]);
		if (!keys[i] || !name)
			return tip_error_nomem();
		*keys[i] = (tip_node){ .type = TIP_NODE_STR, .style = TIP_STYLE_PLAIN,
			.str = name, .len = strlen(name) };
	}
	*out = keys;
	return keys ? NULL : tip_error_nomem();
}

/* The key of a kept pair: the shared one when the record wrote it plainly, else its own copy
 * (so that a record that quoted it is still emitted as written). */
static tip_node *kept_key(tip_arena *a, tip_node *const *keys, const tip_node *key, size_t field)
{
	return keys && key->style == TIP_STYLE_PLAIN ? keys[field] : copy_node(a, key);
}

/* A copy of a list or mapping in a with none of its items or pairs yet, and room for room of
 * them. */
static tip_node *empty_copy(tip_arena *a, const tip_node *from, size_t room)
{
	tip_node *copy = tip_arena_alloc(a, sizeof(*copy));
	if (!copy)
		return NULL;
	*copy = *from;
	copy->count = 0;
	size_t n = room ? room : 1;
	if (from->type == TIP_NODE_SEQ)
		return (copy->items = tip_arena_alloc(a, n * sizeof(*copy->items))) ? copy : NULL;
	return (copy->pairs = tip_arena_alloc(a, n * sizeof(*copy->pairs))) ? copy : NULL;
}

/* A kept field's value copied into a: of a list, only the items keep->keep_item wants. */
static tip_node *reduced_value(tip_arena *a, const tip_node *key, const tip_node *value,
	const tip_snapshot_keep *keep)
{
	if (!keep->keep_item || value->type != TIP_NODE_SEQ)
		return copy_node(a, value);
	tip_node *list = empty_copy(a, value, value->count);
	for (size_t i = 0; list && i < value->count; i++)
		if (keep->keep_item(keep->ctx, key->str, value->items[i]) &&
		    !(list->items[list->count++] = copy_node(a, value->items[i])))
			return NULL;
	return list;
}

/* The record's fields that keep names, copied into a, their keys keys' (NULL: copied too). */
static tip_node *reduced(tip_arena *a, const tip_node *root, const tip_snapshot_keep *keep,
	tip_node *const *keys)
{
	if (!keep->fields || root->type != TIP_NODE_MAP)
		return copy_node(a, root);
	size_t kept = 0; /* room for those alone: most records have many more fields */
	for (size_t i = 0; i < root->count; i++)
		kept += is_kept_field(keep, root->pairs[i].key);
	tip_node *map = empty_copy(a, root, kept);
	for (size_t i = 0; map && i < root->count; i++) {
		size_t field = kept_field(keep, root->pairs[i].key);
		if (field == keep->field_count)
			continue;
		tip_pair *pair = &map->pairs[map->count++];
		pair->key = kept_key(a, keys, root->pairs[i].key, field);
		pair->value = reduced_value(a, root->pairs[i].key, root->pairs[i].value, keep);
		if (!pair->key || !pair->value)
			return NULL;
	}
	return map;
}

/* Whether keep keeps every record whole: then a record is parsed straight into the
 * snapshot's memory, with nothing to copy. */
static bool keeps_all(const tip_snapshot_keep *keep)
{
	return !keep || (!keep->fields && !keep->wanted);
}

/* Into e, which names the record, what keep wants of root (the record as loaded, NULL when it
 * did not load; copied into a unless keep keeps all) and the hash of the whole; into *wanted
 * whether keep wants it (a record that does not load is always kept). */
static tip_error *keep_root(struct entry *e, tip_arena *a, const tip_node *root,
	const tip_snapshot_keep *keep, tip_node *const *keys, bool *wanted)
{
	e->record.root = root;
	e->hash = root ? tip_node_hash(root) : 0;
	if (root && keep && keep->check_schema && e->record.type->schema) {
		tip_validate_opts opts = { .file = e->record.path };
		e->breaks_schema = tip_schema_validate(e->record.type->schema, root, &opts) > 0;
	}
	*wanted = !root || !keep || !keep->wanted || keep->wanted(keep->ctx, &e->record);
	if (!root || keeps_all(keep))
		return NULL;
	e->record.root = *wanted ? reduced(a, root, keep, keys) : NULL;
	return *wanted && !e->record.root ? tip_error_nomem() : NULL;
}

/* One record of tip_snapshot_read_named: read whole, then what keep wants of it kept. */
static tip_error *read_record(void *context, size_t item)
{
	struct reader *w = context;
	struct entry *e = &w->s->entries[item];
	w->wanted[item] = true;
	if (e->record.path)
		return NULL; /* taken from like */
	size_t before = tip_diag_list_count(w->findings);
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = w->findings,
		.arena = keeps_all(w->keep) ? w->arena : NULL };
	e->record.path = record_path(w->arena, e->record.type, e->record.id);
	tip_doc *doc = NULL;
	tip_error *err = e->record.path ? w->load(&doc, w->s, w->repo, e, &opts)
					: tip_error_nomem();
	w->spans[item] = (struct finding_span){ w->index, before,
		tip_diag_list_count(w->findings) - before };
	if (!err)
		err = keep_root(e, w->arena, doc ? doc->root : NULL, w->keep, w->keys,
			&w->wanted[item]);
	tip_doc_free(doc);
	return err ? err : tip_diag_list_error(w->findings);
}

static tip_error *add_worktree_names(tip_snapshot *s, const tip_type *type, void *unused)
{
	(void)unused;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < type->id_count; i++) {
		const char *id = tip_arena_strdup(s->arena, type->ids[i]);
		err = id ? tip_snapshot_push(s, type, id, NULL, NULL, NULL) : tip_error_nomem();
	}
	return err;
}

/* The records of the working tree in a snapshot's order, named but not read: their ids are
 * the store's. */
static tip_error *worktree_names(tip_snapshot **out, tip_store *store, const char *type_name)
{
	return worktree_of(out, store, type_name, add_worktree_names, NULL);
}

static void leave_out_unwanted(tip_snapshot *s, const bool *wanted)
{
	size_t kept = 0;
	for (size_t i = 0; i < s->count; i++)
		if (wanted[i])
			s->entries[kept++] = s->entries[i];
	s->count = kept;
}

tip_error *tip_snapshot_read_named(tip_snapshot *s, const tip_snapshot_keep *keep,
	tip_snapshot_load_fn load, bool with_repositories, tip_diag_list *findings)
{
	size_t n = s->count ? s->count : 1;
	bool *wanted = calloc(n, sizeof(*wanted));
	struct finding_span *spans = calloc(n, sizeof(*spans));
	struct reader like = { .s = s, .keep = keep, .load = load, .wanted = wanted,
		.spans = spans };
	struct readers rs = { .count = 0 };
	tip_node **keys = NULL;
	tip_error *err = wanted && spans ? shared_keys(&keys, s->arena, keep) : tip_error_nomem();
	like.keys = keys;
	if (!err)
		err = readers_start(&rs, s->count, &like, true);
	if (!err && with_repositories)
		err = readers_open_repositories(&rs, tip_store_repository(s->store));
	if (!err)
		err = tip_parallel_for(s->count, rs.count, rs.contexts, read_record);
	readers_close_repositories(&rs);
	readers_finish(&rs, findings, s);
	if (!err)
		leave_out_unwanted(s, wanted);
	free(wanted);
	free(spans);
	return err;
}

tip_error *tip_snapshot_worktree_kept(tip_snapshot **out, tip_store *store,
	const char *type_name, const tip_snapshot_keep *keep, tip_diag_list *findings)
{
	tip_error *err = worktree_names(out, store, type_name);
	if (!err)
		err = tip_snapshot_read_named(*out, keep, load_worktree_file, false, findings);
	return err ? tip_snapshot_done(out, err) : NULL;
}

/* One record of a batch of tip_snapshot_worktree_each: read and rendered. */
static tip_error *render_record(void *context, size_t item)
{
	struct reader *w = context;
	struct each_run *run = w->each;
	const tip_snapshot_record *r = &w->s->entries[run->base + item].record;
	struct each_item *it = &run->items[item];
	tip_error *err = tip_buf_addf(&it->path, "records/%s/%s.yaml", r->type->collection, r->id);
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = w->findings };
	if (!err)
		err = load_file(&it->doc, w->s->store, tip_buf_str(&it->path), &opts);
	tip_snapshot_record whole = { r->type, r->id, tip_buf_str(&it->path),
		it->doc ? it->doc->root : NULL };
	if (!err && run->render)
		err = run->render(run->ctx, &it->text, &whole);
	return err ? err : tip_diag_list_error(w->findings);
}

/* How many records the next batch reads, after one of n records that made bytes of text: a
 * few large records need fewer at once than many small ones. */
static size_t next_batch(size_t n, size_t bytes, size_t workers)
{
	size_t fit = bytes ? (size_t)((double)EACH_BUDGET * (double)n / (double)bytes) : EACH_BATCH;
	return fit < workers ? workers : fit > EACH_BATCH ? EACH_BATCH : fit;
}

/* Reads the batch of n records from run->base, then writes them out in order; each is freed
 * after, whatever happens. Into *bytes, the length of their text. */
static tip_error *each_batch(struct readers *rs, struct each_run *run, size_t n,
	tip_snapshot_write_fn write, size_t *bytes)
{
	*bytes = 0;
	tip_error *err = tip_parallel_for(n, rs->count, rs->contexts, render_record);
	const tip_snapshot *s = rs->reader[0].s;
	for (size_t i = 0; i < n; i++) {
		struct each_item *it = &run->items[i];
		const tip_snapshot_record *r = &s->entries[run->base + i].record;
		tip_snapshot_record whole = { r->type, r->id, tip_buf_str(&it->path),
			it->doc ? it->doc->root : NULL };
		if (!err)
			err = write(run->ctx, &whole, &it->text);
		*bytes += it->text.len;
		tip_doc_free(it->doc);
		it->doc = NULL;
		tip_buf_reset(&it->path);
		tip_buf_reset(&it->text);
	}
	return err;
}

tip_error *tip_snapshot_worktree_each(tip_store *store, const char *type_name,
	tip_snapshot_render_fn render, tip_snapshot_write_fn write, void *ctx,
	tip_diag_list *findings)
{
	tip_snapshot *s;
	tip_error *err = worktree_names(&s, store, type_name);
	if (err)
		return err;
	struct each_run run = { calloc(EACH_BATCH, sizeof(*run.items)), 0, render, ctx };
	struct reader like = { .s = s, .each = &run };
	struct readers rs = { .count = 0 };
	err = run.items ? readers_start(&rs, EACH_BATCH, &like, false) : tip_error_nomem();
	size_t batch = EACH_FIRST * rs.count, bytes = 0;
	while (!err && run.base < s->count) {
		size_t left = s->count - run.base, n = left < batch ? left : batch;
		err = each_batch(&rs, &run, n, write, &bytes);
		run.base += n;
		batch = next_batch(n, bytes, rs.count);
	}
	readers_finish(&rs, findings, NULL);
	for (size_t i = 0; run.items && i < EACH_BATCH; i++) {
		tip_buf_dispose(&run.items[i].path);
		tip_buf_dispose(&run.items[i].text);
	}
	free(run.items);
	tip_snapshot_free(s);
	return err;
}

