#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "emit.h"
#include "node_hash.h"

/* Which side a conflict is settled by while the merge runs: each field of the record is
 * merged our way and, when that met a conflict, their way too; the field is then a conflict
 * between the two results. */
typedef enum merge_side { SIDE_OURS, SIDE_THEIRS } merge_side;

struct merge {
	tip_doc *doc;     /* the result's document: new collections live in its arena */
	merge_side prefer;
	size_t conflicts; /* found during one field's merge */
};

static tip_error *merge_value(const tip_node **out, struct merge *m, const tip_node *base,
	const tip_node *ours, const tip_node *theirs, const tip_field *field);

/* Absent values (NULL) are equal to each other only. */
static bool same(const tip_node *a, const tip_node *b)
{
	return a == b || (a && b && tip_node_equal(a, b));
}

static tip_node *new_collection(struct merge *m, tip_node_type type)
{
	tip_node *node = tip_arena_calloc(m->doc->arena, 1, sizeof(*node));
	if (node) {
		node->type = type;
		node->style = TIP_STYLE_BLOCK;
	}
	return node;
}

static const tip_node *side_value(const struct merge *m, const tip_node *ours,
	const tip_node *theirs)
{
	return m->prefer == SIDE_OURS ? ours : theirs;
}

/* ---- mappings: field by field ---- */

static const tip_pair *pair_named(const tip_node *map, const tip_node *key)
{
	for (size_t i = 0; map && i < map->count; i++)
		if (map->pairs[i].key->len == key->len &&
		    memcmp(map->pairs[i].key->str, key->str, key->len) == 0)
			return &map->pairs[i];
	return NULL;
}

static const tip_node *value_named(const tip_node *map, const tip_node *key)
{
	const tip_pair *p = pair_named(map, key);
	return p ? p->value : NULL;
}

/* The keys of the three mappings, each once: base's order, then ours' new ones, then theirs'. */
static tip_error *union_keys(const tip_node ***out, size_t *count, tip_arena *arena,
	const tip_node *const maps[3])
{
	size_t cap = 0, n = 0;
	for (int i = 0; i < 3; i++)
		cap += maps[i] ? maps[i]->count : 0;
	const tip_node **keys = tip_arena_calloc(arena, cap + 1, sizeof(*keys));
	if (!keys)
		return tip_error_nomem();
	for (int i = 0; i < 3; i++)
		for (size_t j = 0; maps[i] && j < maps[i]->count; j++) {
			const tip_node *key = maps[i]->pairs[j].key;
			bool seen = false;
			for (size_t k = 0; k < n && !seen; k++)
				seen = keys[k]->len == key->len &&
				       memcmp(keys[k]->str, key->str, key->len) == 0;
			if (!seen)
				keys[n++] = key;
		}
	*out = keys;
	*count = n;
	return NULL;
}

static const tip_field *field_of(const tip_field *fields, size_t count, const tip_node *key)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(fields[i].name) == key->len && memcmp(fields[i].name, key->str, key->len) == 0)
			return &fields[i];
	return NULL;
}

static tip_error *merge_maps(const tip_node **out, struct merge *m, const tip_node *base,
	const tip_node *ours, const tip_node *theirs, const tip_subschema *schema)
{
	const tip_node *const maps[3] = { base, ours, theirs };
	const tip_node **keys = NULL;
	size_t count = 0, field_count = 0;
	tip_field *fields = NULL;
	tip_node *map = new_collection(m, TIP_NODE_MAP);
	tip_error *err = map ? union_keys(&keys, &count, m->doc->arena, maps) : tip_error_nomem();
	if (!err && schema)
		err = tip_subschema_fields(&fields, &field_count, schema);
	if (!err && !(map->pairs = tip_arena_calloc(m->doc->arena, count + 1, sizeof(tip_pair))))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < count; i++) {
		const tip_node *value = NULL;
		err = merge_value(&value, m, value_named(base, keys[i]), value_named(ours, keys[i]),
			value_named(theirs, keys[i]), field_of(fields, field_count, keys[i]));
		if (!err && value) {
			map->pairs[map->count].key = (tip_node *)keys[i];
			map->pairs[map->count++].value = (tip_node *)value;
		}
	}
	free(fields);
	*out = map;
	return err;
}

/* ---- lists: item by item ---- */

/* Items found by hash: each entry an item's hash and place, sorted by hash, then place, so
 * that the equal items of a list are found in their order without comparing every pair. */
typedef struct hashed {
	uint64_t hash;
	size_t at;
} hashed;

typedef struct hash_index {
	hashed *entries;
	size_t count;
} hash_index;

static int compare_hashed(const void *a, const void *b)
{
	const hashed *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* The index of nodes[first..end), leaving out NULL ones. */
static tip_error *index_nodes(hash_index *out, tip_arena *arena, const tip_node *const *nodes,
	size_t first, size_t end)
{
	out->count = 0;
	out->entries = tip_arena_calloc(arena, end - first + 1, sizeof(*out->entries));
	if (!out->entries)
		return tip_error_nomem();
	for (size_t i = first; i < end; i++)
		if (nodes[i])
			out->entries[out->count++] = (hashed){ tip_node_hash(nodes[i]), i };
	qsort(out->entries, out->count, sizeof(*out->entries), compare_hashed);
	return NULL;
}

/* The first entry whose hash is hash (count when none). */
static size_t first_with_hash(const hash_index *index, uint64_t hash)
{
	size_t lo = 0, hi = index->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (index->entries[mid].hash < hash)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first place in the index, not used, whose node equals node; SIZE_MAX when none. */
static size_t find_equal(const hash_index *index, const tip_node *const *nodes, const bool *used,
	const tip_node *node)
{
	uint64_t hash = tip_node_hash(node);
	for (size_t e = first_with_hash(index, hash);
	     e < index->count && index->entries[e].hash == hash; e++) {
		size_t at = index->entries[e].at;
		if (!(used && used[at]) && tip_node_equal(nodes[at], node))
			return at;
	}
	return SIZE_MAX;
}

/* One list and what the merge knows of its items. */
struct list {
	const tip_node *seq;
	size_t count;
	const tip_node **keys; /* each item's key field's value, or NULL */
	bool *used;            /* matched to a base item */
	hash_index by_value, by_key;
};

/* The key field of a list of objects: the first required property of its items' schema
 * (NULL: without a schema, the first field of each object as written). */
static tip_error *key_field(const char **out, const tip_subschema *items)
{
	*out = NULL;
	tip_field *fields = NULL;
	size_t count = 0;
	tip_error *err = items ? tip_subschema_fields(&fields, &count, items) : NULL;
	for (size_t i = 0; !err && i < count && !*out; i++)
		if (fields[i].required)
			*out = fields[i].name;
	free(fields);
	return err;
}

static const tip_node *item_key(const tip_node *item, const char *field)
{
	if (item->type != TIP_NODE_MAP || item->count == 0)
		return NULL;
	return field ? tip_node_get(item, field) : item->pairs[0].value;
}

static tip_error *list_start(struct list *l, tip_arena *arena, const tip_node *seq,
	const char *field)
{
	memset(l, 0, sizeof(*l));
	l->seq = seq;
	l->count = seq ? seq->count : 0;
	l->keys = tip_arena_calloc(arena, l->count + 1, sizeof(*l->keys));
	l->used = tip_arena_calloc(arena, l->count + 1, sizeof(*l->used));
	if (!l->keys || !l->used)
		return tip_error_nomem();
	for (size_t i = 0; i < l->count; i++)
		l->keys[i] = item_key(seq->items[i], field);
	const tip_node *const *items = seq ? (const tip_node *const *)seq->items : NULL;
	tip_error *err = index_nodes(&l->by_value, arena, items, 0, l->count);
	return err ? err : index_nodes(&l->by_key, arena, l->keys, 0, l->count);
}

/* The side's item that base item i became (match[i]), or SIZE_MAX when the side removed it:
 * first the equal items, in order, then an item with the same key for each base item left. */
static tip_error *match_items(size_t **out, tip_arena *arena, const struct list *base,
	struct list *side)
{
	size_t *match = tip_arena_calloc(arena, base->count + 1, sizeof(*match));
	if (!match)
		return tip_error_nomem();
	const tip_node *const *items = side->seq ? (const tip_node *const *)side->seq->items : NULL;
	for (size_t i = 0; i < base->count; i++) {
		match[i] = find_equal(&side->by_value, items, side->used, base->seq->items[i]);
		if (match[i] != SIZE_MAX)
			side->used[match[i]] = true;
	}
	for (size_t i = 0; i < base->count; i++) {
		if (match[i] != SIZE_MAX || !base->keys[i])
			continue;
		match[i] = find_equal(&side->by_key, side->keys, side->used, base->keys[i]);
		if (match[i] != SIZE_MAX)
			side->used[match[i]] = true;
	}
	*out = match;
	return NULL;
}

static const tip_node *matched(const struct list *side, const size_t *match, size_t i)
{
	return match[i] == SIZE_MAX ? NULL : side->seq->items[match[i]];
}

/* The merged list being built: its items and their keys. */
struct merged_list {
	tip_node *seq;
	const tip_node **keys;
};

static void add_item(struct merged_list *r, const tip_node *item, const tip_node *key)
{
	if (item) {
		r->keys[r->seq->count] = key;
		r->seq->items[r->seq->count++] = (tip_node *)item;
	}
}

/* Theirs' additions after ours' (which start at first_added): one equal to one of ours' is
 * there once; one with the same key as one of ours' and another value is a conflict. */
static tip_error *add_theirs(struct merge *m, struct merged_list *r, size_t first_added,
	const struct list *theirs)
{
	hash_index values, keys;
	size_t ours_end = r->seq->count;
	const tip_node *const *items = (const tip_node *const *)r->seq->items;
	tip_error *err = index_nodes(&values, m->doc->arena, items, first_added, ours_end);
	if (!err)
		err = index_nodes(&keys, m->doc->arena, r->keys, first_added, ours_end);
	for (size_t j = 0; !err && j < theirs->count; j++) {
		const tip_node *item = theirs->seq->items[j], *key = theirs->keys[j];
		if (theirs->used[j] || find_equal(&values, items, NULL, item) != SIZE_MAX)
			continue;
		size_t same_key = key ? find_equal(&keys, r->keys, NULL, key) : SIZE_MAX;
		if (same_key == SIZE_MAX) {
			add_item(r, item, key);
			continue;
		}
		m->conflicts++;
		if (m->prefer == SIDE_THEIRS)
			r->seq->items[same_key] = (tip_node *)item;
	}
	return err;
}

/* Each base item as the sides left it (kept, changed or removed), in the base's order. */
static void merge_base_items(struct merge *m, struct merged_list *r, const struct list *b,
	const struct list *o, const size_t *match_o, const struct list *t, const size_t *match_t)
{
	for (size_t i = 0; i < b->count; i++) {
		const tip_node *mine = matched(o, match_o, i), *other = matched(t, match_t, i);
		const tip_node *was = b->seq->items[i];
		if (same(mine, other) || same(was, other))
			add_item(r, mine, b->keys[i]);
		else if (same(was, mine))
			add_item(r, other, b->keys[i]);
		else {
			m->conflicts++;
			add_item(r, side_value(m, mine, other), b->keys[i]);
		}
	}
}

static tip_error *merge_lists(const tip_node **out, struct merge *m, const tip_node *base,
	const tip_node *ours, const tip_node *theirs, const tip_subschema *items)
{
	tip_arena *arena = m->doc->arena;
	const char *key = NULL;
	struct list b, o, t;
	size_t *match_o = NULL, *match_t = NULL;
	tip_error *err = key_field(&key, items);
	if (!err)
		err = list_start(&b, arena, base, key);
	if (!err)
		err = list_start(&o, arena, ours, key);
	if (!err)
		err = list_start(&t, arena, theirs, key);
	if (!err)
		err = match_items(&match_o, arena, &b, &o);
	if (!err)
		err = match_items(&match_t, arena, &b, &t);
	size_t cap = b.count + o.count + t.count + 1;
	struct merged_list r = { err ? NULL : new_collection(m, TIP_NODE_SEQ), NULL };
	if (!err && (!r.seq || !(r.seq->items = tip_arena_calloc(arena, cap, sizeof(tip_node *))) ||
			    !(r.keys = tip_arena_calloc(arena, cap, sizeof(*r.keys)))))
		err = tip_error_nomem();
	if (err)
		return err;
	merge_base_items(m, &r, &b, &o, match_o, &t, match_t);
	size_t first_added = r.seq->count;
	for (size_t j = 0; j < o.count; j++)
		if (!o.used[j])
			add_item(&r, o.seq->items[j], o.keys[j]);
	*out = r.seq;
	return add_theirs(m, &r, first_added, &t);
}

/* ---- any value ---- */

static bool both(const tip_node *a, const tip_node *b, tip_node_type type)
{
	return a && b && a->type == type && b->type == type;
}

static tip_error *merge_value(const tip_node **out, struct merge *m, const tip_node *base,
	const tip_node *ours, const tip_node *theirs, const tip_field *field)
{
	if (same(ours, theirs) || same(base, theirs)) {
		*out = ours;
		return NULL;
	}
	if (same(base, ours)) {
		*out = theirs;
		return NULL;
	}
	if (both(ours, theirs, TIP_NODE_MAP) && (!base || base->type == TIP_NODE_MAP))
		return merge_maps(out, m, base, ours, theirs, field ? field->schema : NULL);
	if (both(ours, theirs, TIP_NODE_SEQ) && (!base || base->type == TIP_NODE_SEQ))
		return merge_lists(out, m, base, ours, theirs, field ? field->items : NULL);
	m->conflicts++;
	*out = side_value(m, ours, theirs);
	return NULL;
}

/* ---- the record ---- */

static const tip_node *root_of(const tip_doc *doc)
{
	return doc ? doc->root : NULL;
}

static tip_error *add_conflict(tip_merge_result *r, size_t *cap, const tip_node *key,
	const tip_node *ours, const tip_node *theirs)
{
	if (r->conflict_count == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		tip_merge_conflict *grown = realloc(r->conflicts, *cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		r->conflicts = grown;
	}
	r->conflicts[r->conflict_count++] = (tip_merge_conflict){ key->str, ours, theirs };
	return NULL;
}

/* One field of the record: merged once settling conflicts our way; when there were any, once
 * more their way, and the field is a conflict between the two. */
static tip_error *merge_field(tip_merge_result *r, size_t *cap, struct merge *m,
	const tip_node *const roots[3], const tip_node *key, const tip_field *field)
{
	const tip_node *mine = NULL, *other = NULL;
	const tip_node *values[3];
	for (int i = 0; i < 3; i++)
		values[i] = value_named(roots[i], key);
	*m = (struct merge){ r->doc, SIDE_OURS, 0 };
	tip_error *err = merge_value(&mine, m, values[0], values[1], values[2], field);
	if (!err && m->conflicts) {
		*m = (struct merge){ r->doc, SIDE_THEIRS, 0 };
		err = merge_value(&other, m, values[0], values[1], values[2], field);
		if (!err)
			err = add_conflict(r, cap, key, mine, other);
	}
	const tip_node *kept = mine ? mine : other;
	if (!err && kept)
		err = tip_doc_map_set(r->doc, r->doc->root, key->str, (tip_node *)kept);
	return err;
}

/* A record that one side removed: gone when the other left it as it was; otherwise each of
 * the other side's fields is a conflict with nothing. */
static tip_error *merge_removed(tip_merge_result *r, const tip_doc *base, const tip_doc *ours,
	const tip_doc *theirs)
{
	const tip_doc *kept = ours ? ours : theirs;
	if (!kept || (base && tip_node_equal(base->root, kept->root)))
		return NULL;
	tip_error *err = tip_doc_new(&r->doc, kept->file);
	size_t cap = 0;
	for (size_t i = 0; !err && i < kept->root->count; i++) {
		const tip_pair *p = &kept->root->pairs[i];
		err = add_conflict(r, &cap, p->key, ours ? p->value : NULL, ours ? NULL : p->value);
		if (!err)
			err = tip_doc_map_set(r->doc, r->doc->root, p->key->str, p->value);
	}
	return err;
}

tip_error *tip_merge_records(tip_merge_result *out, const tip_doc *base, const tip_doc *ours,
	const tip_doc *theirs, const tip_subschema *schema)
{
	memset(out, 0, sizeof(*out));
	tip_error *err = NULL;
	if (!ours || !theirs) {
		err = merge_removed(out, base, ours, theirs);
	} else {
		const tip_node *const roots[3] = { root_of(base), ours->root, theirs->root };
		const tip_node **keys = NULL;
		tip_field *fields = NULL;
		size_t count = 0, field_count = 0, cap = 0;
		struct merge m;
		err = tip_doc_new(&out->doc, ours->file);
		if (!err && schema)
			err = tip_subschema_fields(&fields, &field_count, schema);
		if (!err)
			err = union_keys(&keys, &count, out->doc->arena, roots);
		for (size_t i = 0; !err && i < count; i++)
			err = merge_field(out, &cap, &m, roots, keys[i],
				field_of(fields, field_count, keys[i]));
		free(fields);
	}
	if (err)
		tip_merge_result_dispose(out);
	return err;
}

tip_error *tip_merge_conflict_all(tip_merge_result *result, const tip_doc *ours,
	const tip_doc *theirs)
{
	const tip_node *const roots[3] = { NULL, root_of(ours), root_of(theirs) };
	const tip_node **keys = NULL;
	size_t count = 0, cap = result->conflict_count;
	result->conflict_count = 0;
	tip_error *err = result->doc ? union_keys(&keys, &count, result->doc->arena, roots)
				     : tip_error_new("there is no merged record to mark");
	for (size_t i = 0; !err && i < count; i++) {
		const tip_node *mine = value_named(roots[1], keys[i]);
		const tip_node *other = value_named(roots[2], keys[i]);
		if (!same(mine, other))
			err = add_conflict(result, &cap, keys[i], mine, other);
		if (!err && !same(mine, other))
			err = tip_doc_map_set(result->doc, result->doc->root, keys[i]->str,
				(tip_node *)(mine ? mine : other));
	}
	return err;
}

void tip_merge_result_dispose(tip_merge_result *result)
{
	tip_doc_free(result->doc);
	free(result->conflicts);
	memset(result, 0, sizeof(*result));
}

/* ---- writing the result ---- */

static const tip_merge_conflict *conflict_of(const tip_merge_result *r, const tip_node *key)
{
	for (size_t i = 0; i < r->conflict_count; i++)
		if (strlen(r->conflicts[i].field) == key->len &&
		    memcmp(r->conflicts[i].field, key->str, key->len) == 0)
			return &r->conflicts[i];
	return NULL;
}

/* "FIELD: VALUE" in canonical form, as one field of the record (nothing for no value). */
static tip_error *render_field(tip_buf *out, const tip_node *key, const tip_node *value,
	const tip_subschema *schema)
{
	tip_pair pair = { (tip_node *)key, (tip_node *)value };
	tip_node one = { .type = TIP_NODE_MAP, .style = TIP_STYLE_BLOCK, .count = 1,
		.pairs = &pair };
	return value ? tip_emit_record(out, &one, schema) : NULL;
}

static tip_error *render_conflict(tip_buf *out, const tip_merge_conflict *c,
	const tip_node *key, const tip_subschema *schema)
{
	tip_error *err = tip_buf_adds(out, TIP_MERGE_OURS "\n");
	if (!err)
		err = render_field(out, key, c->ours, schema);
	if (!err)
		err = tip_buf_adds(out, TIP_MERGE_BETWEEN "\n");
	if (!err)
		err = render_field(out, key, c->theirs, schema);
	return err ? err : tip_buf_adds(out, TIP_MERGE_THEIRS "\n");
}

/* The comment above a conflicted record: note's lines, the conflicted fields, what to do. */
static tip_error *render_header(tip_buf *out, const tip_merge_result *r, const char *note)
{
	tip_error *err = NULL;
	for (const char *line = note; !err && line && *line;) {
		size_t n = strcspn(line, "\n");
		err = tip_buf_addf(out, "# %.*s\n", (int)n, line);
		line += n + (line[n] == '\n');
	}
	if (!err)
		err = tip_buf_adds(out, "# tip: conflicting changes to");
	for (size_t i = 0; !err && i < r->conflict_count; i++)
		err = tip_buf_addf(out, "%s %s", i ? "," : "", r->conflicts[i].field);
	if (!err)
		err = tip_buf_adds(out, ": keep one side of each\n# (between "
				       TIP_MERGE_OURS " and " TIP_MERGE_THEIRS "), remove the "
				       "markers and this comment,\n# then tip validate and git add "
				       "the file\n");
	return err;
}

tip_error *tip_merge_render(tip_buf *out, const tip_merge_result *result,
	const tip_subschema *schema, const char *note)
{
	if (!result->doc)
		return NULL;
	if (!result->conflict_count)
		return tip_emit_record(out, result->doc->root, schema);
	const tip_node *root = result->doc->root;
	tip_field *fields = NULL;
	size_t field_count = 0;
	bool *done = calloc(root->count + 1, sizeof(*done));
	tip_error *err = done ? render_header(out, result, note) : tip_error_nomem();
	if (!err && schema)
		err = tip_subschema_fields(&fields, &field_count, schema);
	/* the schema's fields in its order, then the rest as they are */
	for (size_t f = 0; !err && f <= field_count; f++)
		for (size_t i = 0; !err && i < root->count; i++) {
			const tip_pair *p = &root->pairs[i];
			if (done[i] || (f < field_count && field_of(&fields[f], 1, p->key) == NULL))
				continue;
			done[i] = true;
			const tip_merge_conflict *c = conflict_of(result, p->key);
			err = c ? render_conflict(out, c, p->key, schema)
				: render_field(out, p->key, p->value, schema);
		}
	free(fields);
	free(done);
	return err;
}

/* ---- reading a conflicted record ---- */

enum marker { MARK_NONE, MARK_OURS, MARK_BETWEEN, MARK_THEIRS };

static enum marker marker_of(const char *line, size_t len)
{
	static const char *const marks[] = { NULL, "<<<<<<<", "=======", ">>>>>>>" };
	for (int i = MARK_OURS; i <= MARK_THEIRS; i++)
		if (len >= 7 && memcmp(line, marks[i], 7) == 0 && (len == 7 || line[7] == ' '))
			return (enum marker)i;
	return MARK_NONE;
}

/* The text read so far, a block's two sides, and where the reading is. */
struct reader {
	tip_conflicted *out;
	const char *file;
	tip_buf common, sides[2];
	unsigned line, block_line;
	enum marker state; /* MARK_NONE outside a block, MARK_OURS or MARK_BETWEEN inside */
	size_t side_cap, conflict_cap;
};

static tip_error *load_text(tip_doc **out, const struct reader *rd, const tip_buf *text)
{
	tip_diag_list *findings = NULL;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect };
	tip_error *err = tip_diag_list_new(&findings);
	opts.finding_ctx = findings;
	*out = NULL;
	if (!err)
		err = tip_yaml_load(out, text->len ? text->data : "", text->len, rd->file, &opts);
	if (!err && !*out && tip_diag_list_count(findings)) {
		const tip_finding *f = tip_diag_list_get(findings, 0);
		err = tip_error_invalid("%s:%u:%u: %s: fix it by hand, then tip validate", rd->file,
			f->line, f->col, f->message);
	}
	tip_diag_list_free(findings);
	return err;
}

/* True when text holds nothing but blank lines and comments. */
static bool blank(const tip_buf *text)
{
	for (size_t i = 0; i < text->len; i++) {
		if (text->data[i] == '#')
			while (i < text->len && text->data[i] != '\n')
				i++;
		else if (text->data[i] != ' ' && text->data[i] != '\n' && text->data[i] != '\r')
			return false;
	}
	return true;
}

static tip_error *load_side(tip_doc **out, struct reader *rd, const tip_buf *text)
{
	tip_conflicted *c = rd->out;
	*out = NULL;
	if (blank(text))
		return NULL;
	if (c->side_count == rd->side_cap) {
		rd->side_cap = rd->side_cap ? rd->side_cap * 2 : 8;
		tip_doc **grown = realloc(c->sides, rd->side_cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		c->sides = grown;
	}
	tip_error *err = load_text(out, rd, text);
	if (!err)
		c->sides[c->side_count++] = *out;
	return err;
}

static tip_error *add_read_conflict(struct reader *rd, const tip_node *key, const tip_doc *ours,
	const tip_doc *theirs)
{
	tip_conflicted *c = rd->out;
	for (size_t i = 0; i < c->conflict_count; i++)
		if (strcmp(c->conflicts[i].field, key->str) == 0)
			return NULL;
	if (c->conflict_count == rd->conflict_cap) {
		rd->conflict_cap = rd->conflict_cap ? rd->conflict_cap * 2 : 8;
		tip_merge_conflict *grown = realloc(c->conflicts,
			rd->conflict_cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		c->conflicts = grown;
	}
	c->conflicts[c->conflict_count++] = (tip_merge_conflict){ key->str,
		tip_node_get(root_of(ours), key->str), tip_node_get(root_of(theirs), key->str) };
	return NULL;
}

/* A block has ended: each field of its two sides is a conflict. */
static tip_error *end_block(struct reader *rd)
{
	tip_doc *docs[2] = { NULL, NULL };
	tip_error *err = NULL;
	for (int s = 0; !err && s < 2; s++)
		err = load_side(&docs[s], rd, &rd->sides[s]);
	for (int s = 0; !err && s < 2; s++)
		for (size_t i = 0; !err && docs[s] && i < docs[s]->root->count; i++)
			err = add_read_conflict(rd, docs[s]->root->pairs[i].key, docs[0], docs[1]);
	for (int s = 0; s < 2; s++)
		tip_buf_reset(&rd->sides[s]);
	return err;
}

/* Blank lines up to the current one, so that a side's values keep the file's line numbers. */
static tip_error *pad_lines(tip_buf *text, unsigned lines)
{
	tip_error *err = NULL;
	while (!err && text->len < lines - 1)
		err = tip_buf_addc(text, '\n');
	return err;
}

static tip_error *read_line(struct reader *rd, const char *line, size_t len)
{
	enum marker mark = marker_of(line, len);
	static const enum marker expected[] = { [MARK_NONE] = MARK_OURS,
		[MARK_OURS] = MARK_BETWEEN, [MARK_BETWEEN] = MARK_THEIRS };
	if (mark != MARK_NONE && mark != expected[rd->state])
		return tip_error_invalid("%s:%u: a conflict marker out of place ('%.7s' where "
					 "'%.7s' was due): put the markers right by hand",
			rd->file, rd->line, line, mark == MARK_OURS ? ">>>>>>>" : "<<<<<<<");
	tip_error *err = NULL;
	if (mark == MARK_OURS)
		rd->block_line = rd->line;
	if (mark == MARK_THEIRS)
		err = end_block(rd);
	if (mark != MARK_NONE) {
		rd->state = mark == MARK_THEIRS ? MARK_NONE : mark;
		return err ? err : tip_buf_addc(&rd->common, '\n');
	}
	tip_buf *into = rd->state == MARK_NONE ? &rd->common : &rd->sides[rd->state == MARK_BETWEEN];
	if (into != &rd->common)
		err = tip_buf_addc(&rd->common, '\n');
	if (!err && into->len == 0)
		err = pad_lines(into, rd->line);
	if (!err)
		err = tip_buf_add(into, line, len);
	return err ? err : tip_buf_addc(into, '\n');
}

/* A field outside the markers that is in a conflict too. */
static tip_error *refuse_doubled(const tip_conflicted *c, const char *file)
{
	for (size_t i = 0; i < c->conflict_count; i++) {
		const tip_node *outside = tip_node_get(c->common->root, c->conflicts[i].field);
		if (outside)
			return tip_error_invalid("%s:%u: '%s' is both outside and between the "
						 "conflict markers: keep one by hand", file,
				outside->line, c->conflicts[i].field);
	}
	return NULL;
}

tip_error *tip_merge_read_conflicts(tip_conflicted *out, const char *text, size_t len,
	const char *file)
{
	memset(out, 0, sizeof(*out));
	struct reader rd = { .out = out, .file = file ? file : "-" };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		rd.line++;
		err = read_line(&rd, text + i, n && text[i + n - 1] == '\r' ? n - 1 : n);
		i += n + 1;
	}
	if (!err && rd.state != MARK_NONE)
		err = tip_error_invalid("%s:%u: a conflict marked here has no end (>>>>>>> theirs)",
			rd.file, rd.block_line);
	if (!err && !blank(&rd.common))
		err = load_text(&out->common, &rd, &rd.common);
	else if (!err)
		err = tip_doc_new(&out->common, rd.file);
	if (!err)
		err = refuse_doubled(out, rd.file);
	tip_buf_dispose(&rd.common);
	tip_buf_dispose(&rd.sides[0]);
	tip_buf_dispose(&rd.sides[1]);
	if (err)
		tip_conflicted_dispose(out);
	return err;
}

void tip_conflicted_dispose(tip_conflicted *conflicted)
{
	tip_doc_free(conflicted->common);
	for (size_t i = 0; i < conflicted->side_count; i++)
		tip_doc_free(conflicted->sides[i]);
	free(conflicted->sides);
	free(conflicted->conflicts);
	memset(conflicted, 0, sizeof(*conflicted));
}
