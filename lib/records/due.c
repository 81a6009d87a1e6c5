#include "due.h"

#include <stdlib.h>
#include <string.h>

const char *tip_due_kind_name(tip_due_kind kind)
{
	switch (kind) {
	case TIP_DUE_COURSE_REVIEW: return "next review";
	case TIP_DUE_CHAMPION_REVIEW: return "review by";
	case TIP_DUE_ACTION: return "due";
	case TIP_DUE_MILESTONE: break;
	}
	return "milestone";
}

const char *tip_due_text(const tip_node *map, const char *key)
{
	const tip_node *v = tip_node_get(map, key);
	return v && v->type == TIP_NODE_STR ? v->str : NULL;
}

static bool text_is(const tip_node *map, const char *key, const char *value)
{
	const char *s = tip_due_text(map, key);
	return s && strcmp(s, value) == 0;
}

bool tip_due_action_finished(const tip_node *action, tip_date asof)
{
	if (text_is(action, "status", "cancelled"))
		return true;
	if (!text_is(action, "status", "done"))
		return false;
	tip_date completed;
	return !tip_date_of_node(&completed, tip_node_get(action, "completed")) || completed <= asof;
}

bool tip_due_milestone_done(const tip_node *milestone, tip_date asof)
{
	const tip_node *done = tip_node_get(milestone, "done");
	tip_date when;
	if (done && done->type == TIP_NODE_BOOL)
		return done->boolean;
	return tip_date_of_node(&when, done) && when <= asof;
}

struct items {
	tip_due_item *items;
	size_t count, cap;
};

static tip_error *push(struct items *list, const tip_due_item *item)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 32;
		tip_due_item *items = realloc(list->items, cap * sizeof(*items));
		if (!items)
			return tip_error_nomem();
		list->items = items;
		list->cap = cap;
	}
	list->items[list->count] = *item;
	list->items[list->count].order = list->count;
	list->count++;
	return NULL;
}

/* Adds the item when the field holds a real date. */
static tip_error *push_dated(struct items *list, tip_due_item item, const tip_node *map,
	const char *key)
{
	if (!tip_date_of_node(&item.date, tip_node_get(map, key)))
		return NULL;
	return push(list, &item);
}

static tip_error *collect_action(struct items *list, const tip_snapshot_record *r,
	tip_date asof)
{
	if (tip_due_action_finished(r->root, asof))
		return NULL;
	tip_due_item item = { 0, TIP_DUE_ACTION, r, tip_due_text(r->root, "title"),
		tip_due_text(r->root, "status"), NULL, 0 };
	tip_error *err = push_dated(list, item, r->root, "due");
	const tip_node *milestones = tip_node_get(r->root, "milestones");
	for (size_t i = 0; !err && milestones && milestones->type == TIP_NODE_SEQ &&
	     i < milestones->count; i++) {
		const tip_node *m = milestones->items[i];
		if (m->type != TIP_NODE_MAP || tip_due_milestone_done(m, asof))
			continue;
		item.kind = TIP_DUE_MILESTONE;
		item.milestone = tip_due_text(m, "title");
		err = push_dated(list, item, m, "due");
	}
	return err;
}

static tip_error *collect_record(struct items *list, const tip_snapshot_record *r,
	tip_date asof)
{
	const char *type = r->type->name;
	const char *status = tip_due_text(r->root, "status");
	if (strcmp(type, "action") == 0)
		return collect_action(list, r, asof);
	if (strcmp(type, "course") == 0 && !(status && strcmp(status, "retired") == 0)) {
		tip_due_item item = { 0, TIP_DUE_COURSE_REVIEW, r, tip_due_text(r->root, "title"),
			status, NULL, 0 };
		return push_dated(list, item, r->root, "next_review");
	}
	if (strcmp(type, "champion") == 0) {
		tip_due_item item = { 0, TIP_DUE_CHAMPION_REVIEW, r,
			tip_due_text(r->root, "organisation"), status, NULL, 0 };
		return push_dated(list, item, r->root, "review_by");
	}
	return NULL;
}

static int compare_items(const void *pa, const void *pb)
{
	const tip_due_item *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	int c = strcmp(a->record->type->name, b->record->type->name);
	if (c == 0)
		c = strcmp(a->record->id, b->record->id);
	if (c == 0)
		c = a->order < b->order ? -1 : a->order > b->order;
	return c;
}

tip_error *tip_due_collect(tip_due_item **out, size_t *count, const tip_snapshot *snapshot,
	tip_date asof)
{
	struct items list = { NULL, 0, 0 };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(snapshot); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (r->root && r->root->type == TIP_NODE_MAP)
			err = collect_record(&list, r, asof);
	}
	if (err) {
		free(list.items);
		return err;
	}
	if (list.count > 1)
		qsort(list.items, list.count, sizeof(*list.items), compare_items);
	*out = list.items;
	*count = list.count;
	return NULL;
}
