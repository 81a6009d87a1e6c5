/* What an undo did, in words and as data. */
#include "undo_words.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "change_words.h"
#include "changes.h"
#include "write.h"

struct tip_undo_effects {
	tip_arena *arena;
	tip_undo_effect *items;
	size_t count, cap;
	tip_buf words; /* scratch */
};

static const char *const verb_words[] = {
	[TIP_UNDO_BROUGHT_BACK] = "brought back",
	[TIP_UNDO_TOOK_AWAY] = "took away",
	[TIP_UNDO_PUT_BACK] = "put back",
};

static tip_error *grow(tip_undo_effects *e)
{
	if (e->count < e->cap)
		return NULL;
	size_t cap = e->cap ? e->cap * 2 : 8;
	tip_undo_effect *items = realloc(e->items, cap * sizeof(*items));
	if (!items)
		return tip_error_nomem();
	e->items = items;
	e->cap = cap;
	return NULL;
}

/* A copy in the arena of a value in words; NULL stays NULL. */
static tip_error *value_words(const char **out, tip_undo_effects *e, const tip_node *value)
{
	*out = NULL;
	if (!value)
		return NULL;
	tip_buf_reset(&e->words);
	tip_error *err = tip_changes_add_value(&e->words, value);
	if (!err && !(*out = tip_arena_strdup(e->arena, tip_buf_str(&e->words))))
		err = tip_error_nomem();
	return err;
}

/* "<verb> [the <field> of ]<type> <id>[: <value>][ (was <was>)]", or for a file
 * "<verb> <path>[ as it was]". */
static tip_error *sentence(tip_undo_effects *e, tip_undo_effect *x)
{
	tip_buf *b = &e->words;
	tip_buf_reset(b);
	tip_error *err = tip_buf_addf(b, "%s ", x->verb_words);
	if (!err && x->field)
		err = tip_buf_addf(b, "the %s of ", x->field);
	if (!err && x->type)
		err = tip_buf_addf(b, "%s %s", x->type, x->id);
	else if (!err)
		err = tip_buf_addf(b, "%s%s", x->path, x->verb == TIP_UNDO_PUT_BACK ?
			" as it was" : "");
	if (!err && x->value)
		err = tip_buf_addf(b, ": %s", x->value);
	if (!err && x->was)
		err = tip_buf_addf(b, " (was %s)", x->was);
	if (!err && !(x->sentence = tip_arena_strdup(e->arena, tip_buf_str(b))))
		err = tip_error_nomem();
	return err;
}

static tip_error *add_effect(tip_undo_effects *e, const tip_undo_effect *x)
{
	tip_error *err = grow(e);
	if (err)
		return err;
	tip_undo_effect *slot = &e->items[e->count];
	*slot = *x;
	slot->verb_words = verb_words[x->verb];
	err = sentence(e, slot);
	if (!err)
		e->count++;
	return err;
}

static tip_error *add_field(tip_undo_effects *e, const tip_history_record *r,
	const tip_field_diff *d)
{
	tip_undo_effect x = { .verb = d->to ? TIP_UNDO_PUT_BACK : TIP_UNDO_TOOK_AWAY,
		.type = r->type->name, .id = r->id, .path = r->path, .field = d->field,
		.personal = tip_changes_is_personal(r->type, d->field) };
	tip_error *err = x.personal ? NULL : value_words(&x.value, e, d->to);
	if (!err && !x.personal)
		err = value_words(&x.was, e, d->from);
	return err ? err : add_effect(e, &x);
}

static tip_error *add_record(tip_undo_effects *e, const tip_history_record *r)
{
	tip_undo_effect x = { .verb = TIP_UNDO_PUT_BACK, .type = r->type->name, .id = r->id,
		.path = r->path };
	if (r->change == TIP_HISTORY_ADDED || r->change == TIP_HISTORY_REMOVED) {
		x.verb = r->change == TIP_HISTORY_ADDED ? TIP_UNDO_BROUGHT_BACK : TIP_UNDO_TOOK_AWAY;
		return add_effect(e, &x);
	}
	if (r->change == TIP_HISTORY_UNREADABLE) {
		x.type = x.id = NULL;
		return add_effect(e, &x);
	}
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < r->field_count; i++)
		err = add_field(e, r, &r->fields[i]);
	return err;
}

static bool is_record_change(const tip_changes *changes, const char *path)
{
	for (size_t i = 0; i < tip_changes_record_count(changes); i++)
		if (strcmp(tip_changes_record_at(changes, i)->path, path) == 0)
			return true;
	return false;
}

static tip_error *add_file(tip_undo_effects *e, tip_store *store, const char *path,
	const char *before, const char *after)
{
	bool was = tip_store_commit_has_file(store, before, path);
	bool is = tip_store_commit_has_file(store, after, path);
	tip_undo_effect x = { .verb = was && is ? TIP_UNDO_PUT_BACK
				 : is ? TIP_UNDO_BROUGHT_BACK : TIP_UNDO_TOOK_AWAY,
		.path = tip_arena_strdup(e->arena, path) };
	return x.path ? add_effect(e, &x) : tip_error_nomem();
}

static tip_error *describe(tip_undo_effects *e, tip_store *store, const char *before,
	const char *after)
{
	tip_changes *changes = NULL;
	tip_error *err = tip_changes_records(&changes, store, before, after);
	for (size_t i = 0; !err && i < tip_changes_record_count(changes); i++)
		err = add_record(e, tip_changes_record_at(changes, i));
	for (size_t i = 0; !err && i < tip_changes_file_count(changes); i++) {
		const char *path = tip_changes_file_at(changes, i);
		if (!is_record_change(changes, path))
			err = add_file(e, store, path, before, after);
	}
	/* the records' names and values live in changes: copied before it goes */
	for (size_t i = 0; !err && i < e->count; i++) {
		tip_undo_effect *x = &e->items[i];
		x->id = x->id ? tip_arena_strdup(e->arena, x->id) : NULL;
		x->path = tip_arena_strdup(e->arena, x->path);
		x->field = x->field ? tip_arena_strdup(e->arena, x->field) : NULL;
		if (!x->path)
			err = tip_error_nomem();
	}
	tip_changes_free(changes);
	return err;
}

tip_error *tip_undo_describe(tip_undo_effects **out, tip_store *store, const char *before,
	const char *after)
{
	*out = calloc(1, sizeof(**out));
	if (!*out || !((*out)->arena = tip_arena_new())) {
		tip_undo_effects_free(*out);
		*out = NULL;
		return tip_error_nomem();
	}
	tip_error *err = describe(*out, store, before, after);
	tip_buf_dispose(&(*out)->words);
	if (err) {
		tip_undo_effects_free(*out);
		*out = NULL;
	}
	return err;
}

size_t tip_undo_effect_count(const tip_undo_effects *effects)
{
	return effects->count;
}

const tip_undo_effect *tip_undo_effect_at(const tip_undo_effects *effects, size_t i)
{
	return &effects->items[i];
}

void tip_undo_effects_free(tip_undo_effects *effects)
{
	if (!effects)
		return;
	free(effects->items);
	tip_buf_dispose(&effects->words);
	tip_arena_free(effects->arena);
	free(effects);
}
