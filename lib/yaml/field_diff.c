/* Two versions of a record compared field by field, and the changes kept. */
#include "field_diff.h"

#include <stdlib.h>
#include <string.h>

#include "node_hash.h"

/* ---- tip_record_diff ---- */

/* A record's fields, for finding each field of the other version: in sorted order when there
 * are many, so that a record of 100,000 fields compares in n log n, not n * n. */
typedef struct fields {
	const tip_node *map; /* NULL: no record */
	const tip_pair **sorted; /* NULL: few fields, looked through in order */
} fields;

enum { FEW_FIELDS = 16 };

static int compare_keys(const tip_node *a, const tip_node *b)
{
	int c = memcmp(a->str, b->str, a->len < b->len ? a->len : b->len);
	return c ? c : (a->len > b->len) - (a->len < b->len);
}

static int compare_pairs(const void *a, const void *b)
{
	return compare_keys((*(const tip_pair *const *)a)->key, (*(const tip_pair *const *)b)->key);
}

static tip_error *fields_init(fields *f, const tip_node *map)
{
	*f = (fields){ map, NULL };
	if (!map || map->count <= FEW_FIELDS)
		return NULL;
	if (!(f->sorted = malloc(map->count * sizeof(*f->sorted))))
		return tip_error_nomem();
	for (size_t i = 0; i < map->count; i++)
		f->sorted[i] = &map->pairs[i];
	qsort(f->sorted, map->count, sizeof(*f->sorted), compare_pairs);
	return NULL;
}

/* The value of the field named key (which may hold NULs), or NULL. */
static const tip_node *value_of(const fields *f, const tip_node *key)
{
	if (!f->map)
		return NULL;
	if (!f->sorted) {
		for (size_t i = 0; i < f->map->count; i++)
			if (compare_keys(f->map->pairs[i].key, key) == 0)
				return f->map->pairs[i].value;
		return NULL;
	}
	size_t lo = 0, hi = f->map->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare_keys(f->sorted[mid]->key, key);
		if (c == 0)
			return f->sorted[mid]->value;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static size_t list_count(const tip_node *list)
{
	return list ? list->count : 0;
}

/* Items of to not matched by an equal item of from (added) and the other way (removed), each
 * item of from matching at most one of to: the first of its equals not matched yet. Equal
 * items are found through tip_node_first_equal over both lists, so that lists of 100,000
 * items compare in linear time: each value's items of from wait in a queue, in order. */
static tip_error *list_diff(tip_field_diff *d, const tip_node **added, const tip_node **removed)
{
	size_t from_count = list_count(d->from), to_count = list_count(d->to);
	size_t all = from_count + to_count;
	const tip_node **items = malloc((all + 1) * sizeof(*items));
	size_t *first = malloc((all + 1) * sizeof(*first));
	size_t *next = malloc((from_count + 1) * sizeof(*next)); /* next equal item of from */
	size_t *head = malloc((from_count + 1) * sizeof(*head)); /* a queue's first unmatched */
	size_t *tail = malloc((from_count + 1) * sizeof(*tail));
	bool *matched = calloc(from_count + 1, sizeof(*matched));
	tip_error *err = items && first && next && head && tail && matched ? NULL
									   : tip_error_nomem();
	for (size_t i = 0; !err && i < all; i++)
		items[i] = i < from_count ? d->from->items[i] : d->to->items[i - from_count];
	if (!err)
		err = tip_node_first_equal(first, items, all, NULL);
	for (size_t f = 0; !err && f < from_count; f++) {
		size_t q = first[f]; /* the queue of f's value, named by its first item */
		next[f] = SIZE_MAX;
		if (q == f)
			head[q] = f;
		else
			next[tail[q]] = f;
		tail[q] = f;
	}
	for (size_t t = 0; !err && t < to_count; t++) {
		size_t q = first[from_count + t];
		if (q < from_count && head[q] != SIZE_MAX) {
			matched[head[q]] = true;
			head[q] = next[head[q]];
		} else {
			added[d->added_count++] = d->to->items[t];
		}
	}
	for (size_t f = 0; !err && f < from_count; f++)
		if (!matched[f])
			removed[d->removed_count++] = d->from->items[f];
	free(items);
	free(first);
	free(next);
	free(head);
	free(tail);
	free(matched);
	return err;
}

static bool is_list_or_absent(const tip_node *node)
{
	return !node || node->type == TIP_NODE_SEQ;
}

/* Reports a list field through fn, its items compared. */
static tip_error *report_list(tip_field_diff *d, tip_field_diff_fn fn, void *ctx)
{
	const tip_node **added = malloc((list_count(d->to) + 1) * sizeof(*added));
	const tip_node **removed = malloc((list_count(d->from) + 1) * sizeof(*removed));
	tip_error *err = added && removed ? list_diff(d, added, removed) : tip_error_nomem();
	if (!err) {
		d->added = added;
		d->removed = removed;
		if (d->added_count || d->removed_count)
			d->change = TIP_FIELD_ITEMS;
		else
			d->change = d->from && d->to ? TIP_FIELD_ORDER : TIP_FIELD_VALUE;
		err = fn(ctx, d);
	}
	free(added);
	free(removed);
	return err;
}

static tip_error *diff_field(const char *field, const tip_node *from, const tip_node *to,
	tip_field_diff_fn fn, void *ctx)
{
	if (from && to && tip_node_equal(from, to))
		return NULL;
	tip_field_diff d = { .field = field, .change = TIP_FIELD_VALUE, .from = from, .to = to };
	if (is_list_or_absent(from) && is_list_or_absent(to))
		return report_list(&d, fn, ctx);
	if (from && to && from->type == TIP_NODE_MAP && to->type == TIP_NODE_MAP)
		d.change = TIP_FIELD_NESTED;
	return fn(ctx, &d);
}

tip_error *tip_record_diff(const tip_node *before, const tip_node *after, tip_field_diff_fn fn,
	void *ctx)
{
	if ((before && before->type != TIP_NODE_MAP) || (after && after->type != TIP_NODE_MAP))
		return tip_error_invalid("a record to compare is not a mapping");
	fields old_fields, new_fields;
	tip_error *err = fields_init(&old_fields, before);
	if (!err && (err = fields_init(&new_fields, after)))
		free(old_fields.sorted);
	if (err)
		return err;
	for (size_t i = 0; !err && after && i < after->count; i++) {
		const tip_pair *p = &after->pairs[i];
		err = diff_field(p->key->str, value_of(&old_fields, p->key), p->value, fn, ctx);
	}
	for (size_t i = 0; !err && before && i < before->count; i++) {
		const tip_pair *p = &before->pairs[i];
		if (!value_of(&new_fields, p->key))
			err = diff_field(p->key->str, p->value, NULL, fn, ctx);
	}
	free(old_fields.sorted);
	free(new_fields.sorted);
	return err;
}

/* ---- the changes of one record, kept ---- */

void tip_field_diffs_reset(tip_field_diffs *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free((void *)l->items[i].added);
		free((void *)l->items[i].removed);
	}
	l->count = 0;
}

void tip_field_diffs_dispose(tip_field_diffs *l)
{
	tip_field_diffs_reset(l);
	free(l->items);
	l->items = NULL;
	l->cap = 0;
}

static const tip_node **copy_nodes(const tip_node *const *nodes, size_t count)
{
	const tip_node **copy = malloc((count + 1) * sizeof(*copy));
	if (copy && count)
		memcpy(copy, nodes, count * sizeof(*copy));
	return copy;
}

tip_error *tip_field_diffs_keep(void *ctx, const tip_field_diff *diff)
{
	tip_field_diffs *l = ctx;
	if (l->only && strcmp(l->only, diff->field) != 0)
		return NULL;
	if (l->count == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		tip_field_diff *items = realloc(l->items, cap * sizeof(*items));
		if (!items)
			return tip_error_nomem();
		l->items = items;
		l->cap = cap;
	}
	tip_field_diff *d = &l->items[l->count];
	*d = *diff;
	d->added = copy_nodes(diff->added, diff->added_count);
	d->removed = copy_nodes(diff->removed, diff->removed_count);
	l->count++;
	return d->added && d->removed ? NULL : tip_error_nomem();
}
