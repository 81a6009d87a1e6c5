/* The helpers that the summary's sections share (declared in report_int.h). */
#include "report_int.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* Room for one more item in an array that grows by doubling from 8: the arena keeps no
 * capacity, so the array is copied when len reaches a power of two. */
static void *grow(tip_arena *arena, void *items, size_t len, size_t size)
{
	if (len >= 8 && (len & (len - 1)) != 0)
		return items;
	if (len > 0 && len < 8)
		return items;
	size_t cap = len ? len * 2 : 8;
	void *bigger = tip_arena_alloc(arena, cap * size);
	if (bigger && len)
		memcpy(bigger, items, len * size);
	return bigger;
}

tip_error *report_counts_add(tip_report *r, tip_counts *counts, const char *label, size_t n,
	size_t m)
{
	for (size_t i = 0; i < counts->len; i++)
		if (strcmp(counts->items[i].label, label) == 0) {
			counts->items[i].n += n;
			counts->items[i].m += m;
			return NULL;
		}
	tip_count *items = grow(r->arena, counts->items, counts->len, sizeof(*items));
	label = tip_arena_strdup(r->arena, label); /* the records are freed once read */
	if (!items || !label)
		return tip_error_nomem();
	const char *name = tip_schema_value_title(counts->schema, counts->field, label);
	items[counts->len++] = (tip_count){ label, name, n, m };
	counts->items = items;
	return NULL;
}

tip_error *report_counts_init(tip_report *r, tip_counts *counts, const tip_type *type,
	const char *field)
{
	const char *const *values = NULL;
	size_t n = 0;
	counts->schema = type ? type->schema : NULL;
	counts->field = field;
	tip_error *err = type ? tip_matrix_field_values(&values, &n, type, field) : NULL;
	for (size_t i = 0; !err && i < n; i++)
		err = report_counts_add(r, counts, values[i], 0, 0);
	return err;
}

const char *report_copy(tip_report *r, const char *text, bool *failed)
{
	const char *copy = text ? tip_arena_strdup(r->arena, text) : NULL;
	*failed |= text && !copy;
	return copy;
}

/* Room in r's registry of lists for one more. */
static tip_error *registry_room(tip_report *r)
{
	if (r->list_count < r->list_cap)
		return NULL;
	size_t cap = r->list_cap ? r->list_cap * 2 : 16;
	tip_report_list **lists = realloc(r->lists, cap * sizeof(*lists));
	if (!lists)
		return tip_error_nomem();
	r->lists = lists;
	r->list_cap = cap;
	return NULL;
}

/* Room for one more entry in list: its items grow by doubling outside the arena (which would
 * keep every smaller copy) and are cut to fit once the report is built; a list is registered
 * with r when it first gets items, so that it is fitted and freed with the others. */
static tip_error *list_room(tip_report *r, tip_report_list *list)
{
	if (list->len < list->cap)
		return NULL;
	tip_error *err = list->cap ? NULL : registry_room(r);
	if (err)
		return err;
	size_t cap = list->cap ? list->cap * 2 : 8;
	tip_report_entry *items = realloc(list->items, cap * sizeof(*items));
	if (!items)
		return tip_error_nomem();
	if (!list->cap)
		r->lists[r->list_count++] = list;
	list->items = items;
	list->cap = cap;
	return NULL;
}

void report_lists_fit(tip_report *r)
{
	for (size_t i = 0; i < r->list_count; i++) {
		tip_report_list *list = r->lists[i];
		if (!list->len)
			continue;
		tip_report_entry *items = realloc(list->items, list->len * sizeof(*items));
		if (items) /* else the larger block is still the list's: nothing is lost */
			list->items = items;
		list->cap = list->len;
	}
}

void report_lists_free(tip_report *r)
{
	for (size_t i = 0; i < r->list_count; i++)
		free(r->lists[i]->items);
	free(r->lists);
	r->lists = NULL;
	r->list_count = r->list_cap = 0;
}

tip_error *report_list_add(tip_report *r, tip_report_list *list, const tip_report_entry *e)
{
	tip_error *err = list_room(r, list);
	if (err)
		return err;
	/* The text of the records is freed once the figures are made: the report keeps its
	 * own copy of what it shows. */
	bool failed = false;
	tip_report_entry copy = *e;
	copy.id = report_copy(r, e->id, &failed);
	copy.title = report_copy(r, e->title, &failed);
	copy.date = report_copy(r, e->date, &failed);
	copy.detail = report_copy(r, e->detail, &failed);
	copy.from = report_copy(r, e->from, &failed);
	copy.to = report_copy(r, e->to, &failed);
	if (failed)
		return tip_error_nomem();
	list->items[list->len++] = copy;
	return NULL;
}

const char *report_text(const tip_node *map, const char *key)
{
	const tip_node *v = tip_node_get(map, key);
	return v && v->type == TIP_NODE_STR ? v->str : NULL;
}

bool report_text_is(const tip_node *map, const char *key, const char *value)
{
	const char *s = report_text(map, key);
	return s && strcmp(s, value) == 0;
}

tip_report_entry report_entry(const tip_snapshot_record *record)
{
	const char *title = report_text(record->root, "title");
	return (tip_report_entry){ .type = record->type->name,
		.collection = record->type->collection, .id = record->id,
		.title = title ? title : report_text(record->root, "term"), .count = 1,
		.schema = record->type->schema };
}

bool report_in_period(const tip_period *period, const tip_node *session)
{
	tip_date d;
	return tip_date_of_node(&d, tip_node_get(session, "date")) &&
		tip_period_contains(period, d);
}

const char *report_date(tip_report *r, tip_date date)
{
	char text[TIP_DATE_LEN];
	tip_date_format(text, date);
	return tip_arena_strdup(r->arena, text);
}

bool report_personal(const tip_type *type)
{
	const char *const *names;
	size_t n = 0;
	if (type->schema)
		tip_schema_personal_properties(type->schema, &names, &n);
	return n > 0;
}

const tip_snapshot_record *report_find(const tip_snapshot *snapshot, const tip_type *type,
	const char *id)
{
	return snapshot ? tip_snapshot_find(snapshot, type->name, id) : NULL;
}
