#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
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

/* The fields of three mappings (any may be NULL), each once, in the order of the first that
 * has it (base's, then ours' new ones, then theirs'), with each mapping's value of it (NULL
 * where it has none). Found by sorting, so that 100,000 fields take no longer than reading
 * them. */
typedef struct joined_field {
	const tip_node *key;
	const tip_node *values[3];
	size_t order;
} joined_field;

typedef struct joined_fields {
	joined_field *fields;
	size_t count;
} joined_fields;

static int compare_keys(const tip_node *a, const tip_node *b)
{
	int c = memcmp(a->str, b->str, a->len < b->len ? a->len : b->len);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int by_key_then_order(const void *a, const void *b)
{
	const joined_field *x = a, *y = b;
	int c = compare_keys(x->key, y->key);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int by_order(const void *a, const void *b)
{
	const joined_field *x = a, *y = b;
	return (x->order > y->order) - (x->order < y->order);
}

static tip_error *join_fields(joined_fields *out, tip_arena *arena, const tip_node *const maps[3])
{
	size_t all = 0, n = 0;
	for (int m = 0; m < 3; m++)
		all += maps[m] ? maps[m]->count : 0;
	joined_field *each = tip_arena_calloc(arena, all + 1, sizeof(*each));
	if (!each)
		return tip_error_nomem();
	for (int m = 0; m < 3; m++)
		for (size_t i = 0; maps[m] && i < maps[m]->count; i++, n++) {
			each[n].key = maps[m]->pairs[i].key;
			each[n].values[m] = maps[m]->pairs[i].value;
			each[n].order = n;
		}
	qsort(each, all, sizeof(*each), by_key_then_order);
	/* each run of one key becomes its first entry, with the values of the others */
	size_t kept = 0;
	for (size_t i = 0; i < all; i++) {
		if (kept && compare_keys(each[kept - 1].key, each[i].key) == 0) {
			for (int m = 0; m < 3; m++)
				if (each[i].values[m])
					each[kept - 1].values[m] = each[i].values[m];
		} else {
			each[kept++] = each[i];
		}
	}
	qsort(each, kept, sizeof(*each), by_order);
	out->fields = each;
	out->count = kept;
	return NULL;
}

/* A new mapping with room for count pairs. */
static tip_node *new_map(tip_doc *doc, size_t count)
{
	tip_node *map = tip_arena_calloc(doc->arena, 1, sizeof(*map));
	if (map) {
		map->type = TIP_NODE_MAP;
		map->style = TIP_STYLE_BLOCK;
		map->pairs = tip_arena_calloc(doc->arena, count + 1, sizeof(tip_pair));
	}
	return map && map->pairs ? map : NULL;
}

static void add_pair(tip_node *map, const tip_node *key, const tip_node *value)
{
	if (value) {
		map->pairs[map->count].key = (tip_node *)key;
		map->pairs[map->count++].value = (tip_node *)value;
	}
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
	joined_fields joined;
	size_t field_count = 0;
	tip_field *fields = NULL;
	tip_node *map = NULL;
	tip_error *err = join_fields(&joined, m->doc->arena, maps);
	if (!err && schema)
		err = tip_subschema_fields(&fields, &field_count, schema);
	if (!err && !(map = new_map(m->doc, joined.count)))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < joined.count; i++) {
		const joined_field *f = &joined.fields[i];
		const tip_node *value = NULL;
		err = merge_value(&value, m, f->values[0], f->values[1], f->values[2],
			field_of(fields, field_count, f->key));
		if (!err)
			add_pair(map, f->key, value);
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
	const joined_field *f, const tip_field *field)
{
	const tip_node *mine = NULL, *other = NULL;
	*m = (struct merge){ r->doc, SIDE_OURS, 0 };
	tip_error *err = merge_value(&mine, m, f->values[0], f->values[1], f->values[2], field);
	if (!err && m->conflicts) {
		*m = (struct merge){ r->doc, SIDE_THEIRS, 0 };
		err = merge_value(&other, m, f->values[0], f->values[1], f->values[2], field);
		if (!err)
			err = add_conflict(r, cap, f->key, mine, other);
	}
	if (!err)
		add_pair(r->doc->root, f->key, mine ? mine : other);
	return err;
}

/* The result's document, its root a mapping with room for count fields. */
static tip_error *start_result(tip_merge_result *r, const char *file, size_t count)
{
	tip_error *err = r->doc ? NULL : tip_doc_new(&r->doc, file);
	if (!err && !(r->doc->root = new_map(r->doc, count)))
		err = tip_error_nomem();
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
	tip_error *err = start_result(r, kept->file, kept->root->count);
	size_t cap = 0;
	for (size_t i = 0; !err && i < kept->root->count; i++) {
		const tip_pair *p = &kept->root->pairs[i];
		err = add_conflict(r, &cap, p->key, ours ? p->value : NULL, ours ? NULL : p->value);
		if (!err)
			add_pair(r->doc->root, p->key, p->value);
	}
	return err;
}

static tip_error *merge_both(tip_merge_result *r, const tip_doc *base, const tip_doc *ours,
	const tip_doc *theirs, const tip_subschema *schema)
{
	const tip_node *const roots[3] = { root_of(base), ours->root, theirs->root };
	joined_fields joined;
	tip_field *fields = NULL;
	size_t field_count = 0, cap = 0;
	struct merge m;
	tip_error *err = tip_doc_new(&r->doc, ours->file);
	if (!err)
		err = join_fields(&joined, r->doc->arena, roots);
	if (!err)
		err = start_result(r, ours->file, joined.count);
	if (!err && schema)
		err = tip_subschema_fields(&fields, &field_count, schema);
	for (size_t i = 0; !err && i < joined.count; i++)
		err = merge_field(r, &cap, &m, &joined.fields[i],
			field_of(fields, field_count, joined.fields[i].key));
	free(fields);
	return err;
}

tip_error *tip_merge_records(tip_merge_result *out, const tip_doc *base, const tip_doc *ours,
	const tip_doc *theirs, const tip_subschema *schema)
{
	memset(out, 0, sizeof(*out));
	tip_error *err = ours && theirs ? merge_both(out, base, ours, theirs, schema)
					: merge_removed(out, base, ours, theirs);
	if (err)
		tip_merge_result_dispose(out);
	return err;
}

tip_error *tip_merge_conflict_all(tip_merge_result *result, const tip_doc *ours,
	const tip_doc *theirs)
{
	const tip_node *const roots[3] = { NULL, root_of(ours), root_of(theirs) };
	joined_fields joined;
	size_t cap = result->conflict_count;
	result->conflict_count = 0;
	if (!result->doc)
		return tip_error_new("there is no merged record to mark");
	tip_error *err = join_fields(&joined, result->doc->arena, roots);
	if (!err)
		err = start_result(result, NULL, joined.count);
	for (size_t i = 0; !err && i < joined.count; i++) {
		const tip_node *mine = joined.fields[i].values[1], *other = joined.fields[i].values[2];
		if (!same(mine, other))
			err = add_conflict(result, &cap, joined.fields[i].key, mine, other);
		add_pair(result->doc->root, joined.fields[i].key, mine ? mine : other);
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

static int by_field(const void *a, const void *b)
{
	return strcmp((*(const tip_merge_conflict *const *)a)->field,
		(*(const tip_merge_conflict *const *)b)->field);
}

/* The conflicts sorted by field, to find each field's by halving. */
static tip_error *sort_conflicts(const tip_merge_conflict ***out, const tip_merge_result *r)
{
	const tip_merge_conflict **sorted = calloc(r->conflict_count + 1, sizeof(*sorted));
	if (!sorted)
		return tip_error_nomem();
	for (size_t i = 0; i < r->conflict_count; i++)
		sorted[i] = &r->conflicts[i];
	qsort(sorted, r->conflict_count, sizeof(*sorted), by_field);
	*out = sorted;
	return NULL;
}

static const tip_merge_conflict *conflict_of(const tip_merge_conflict **sorted, size_t count,
	const tip_node *key)
{
	tip_merge_conflict wanted = { key->str, NULL, NULL };
	const tip_merge_conflict *w = &wanted;
	const tip_merge_conflict **found = bsearch(&w, sorted, count, sizeof(*sorted), by_field);
	return found ? *found : NULL;
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
	const tip_merge_conflict **sorted = NULL;
	tip_field *fields = NULL;
	size_t field_count = 0;
	bool *done = calloc(root->count + 1, sizeof(*done));
	tip_error *err = done ? sort_conflicts(&sorted, result) : tip_error_nomem();
	if (!err)
		err = render_header(out, result, note);
	if (!err && schema)
		err = tip_subschema_fields(&fields, &field_count, schema);
	/* the schema's fields in its order, then the rest as they are */
	for (size_t f = 0; !err && f <= field_count; f++)
		for (size_t i = 0; !err && i < root->count; i++) {
			const tip_pair *p = &root->pairs[i];
			if (done[i] || (f < field_count && field_of(&fields[f], 1, p->key) == NULL))
				continue;
			done[i] = true;
			const tip_merge_conflict *c = conflict_of(sorted, result->conflict_count,
				p->key);
			err = c ? render_conflict(out, c, p->key, schema)
				: render_field(out, p->key, p->value, schema);
		}
	free(fields);
	free(done);
	free(sorted);
	return err;
}
