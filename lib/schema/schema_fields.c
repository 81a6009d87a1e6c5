/* Looking inside a compiled schema: the properties of an object schema and what each one's
 * schema says, for prompts, the value syntax and the canonical emitter.
 *
 * A tip_subschema is a compiled snode. Properties are gathered through `$ref` and `allOf` in
 * the order the keywords are written; what a property's schema says is read from the schema
 * itself first, then from its `$ref` target, then from its `allOf` branches, so that a title or
 * description written beside a `$ref` wins over the target's. Compilation has already refused
 * `$ref`/`allOf` loops; the depth bound below is only a safety net. */
#include "schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema_format.h"
#include "schema_int.h"

enum { MAX_DEPTH = 64 };

static const snode *as_snode(const tip_subschema *s)
{
	return (const snode *)s;
}

static const tip_subschema *as_subschema(const snode *s)
{
	return (const tip_subschema *)s;
}

const tip_subschema *tip_schema_root(const tip_schema *schema)
{
	return as_subschema(schema->root);
}

/* ---- what one schema says ---- */

static const tip_node *src_get(const snode *s, const char *key)
{
	const tip_node *map = s->src;
	size_t n = strlen(key);
	for (size_t i = 0; map && map->type == TIP_NODE_MAP && i < map->count; i++) {
		const tip_node *k = map->pairs[i].key;
		if (k->len == n && memcmp(k->str, key, n) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

static const char *src_text(const snode *s, const char *key)
{
	const tip_node *v = src_get(s, key);
	return v && v->type == TIP_NODE_STR && strlen(v->str) == v->len ? v->str : NULL;
}

static tip_value_kind kind_of(unsigned types)
{
	switch (types) {
	case SK_STRING: return TIP_VALUE_STRING;
	case SK_INTEGER: return TIP_VALUE_INTEGER;
	case SK_NUMBER: return TIP_VALUE_NUMBER;
	case SK_BOOLEAN: return TIP_VALUE_BOOLEAN;
	case SK_ARRAY: return TIP_VALUE_ARRAY;
	case SK_OBJECT: return TIP_VALUE_OBJECT;
	case SK_NULL: return TIP_VALUE_NULL;
	default: return TIP_VALUE_ANY;
	}
}

/* What is known so far about one value's schema; the first schema to say a thing wins. */
typedef struct desc {
	const char *title, *description, *format, *ref_type;
	const tip_node *default_value;
	tip_value_kind kind;
	bool kind_known;
	const char *const *enum_values, *const *enum_titles;
	size_t enum_count;
	bool personal;
	size_t max_length; /* SIZE_MAX: none said yet */
	const snode *items;
} desc;

static void describe(desc *d, const snode *s, unsigned depth);

static void describe_own(desc *d, const snode *s)
{
	if (!d->title)
		d->title = src_text(s, "title");
	if (!d->description)
		d->description = src_text(s, "description");
	if (!d->default_value)
		d->default_value = src_get(s, "default");
	if (!d->kind_known && s->types) {
		d->kind = kind_of(s->types);
		d->kind_known = true;
	}
	if (!d->enum_values && s->enum_strings) {
		d->enum_values = s->enum_strings;
		d->enum_titles = s->enum_titles;
		d->enum_count = s->enum_string_count;
	}
	if (!d->format && s->format != TIP_FORMAT_NONE)
		d->format = tip_format_name(s->format);
	if (!d->ref_type)
		d->ref_type = s->tip_ref;
	d->personal = d->personal || s->personal;
	if (d->max_length == SIZE_MAX)
		d->max_length = s->max_length;
	if (!d->items)
		d->items = s->items;
}

static void describe(desc *d, const snode *s, unsigned depth)
{
	if (!s || s->kind != SN_SCHEMA || depth > MAX_DEPTH)
		return;
	describe_own(d, s);
	describe(d, s->ref, depth + 1);
	for (size_t i = 0; i < s->all_count; i++)
		describe(d, s->all_of[i], depth + 1);
}

static void fill_field(tip_field *f, const tip_node *name, const snode *schema)
{
	desc d = { .max_length = SIZE_MAX };
	describe(&d, schema, 0);
	*f = (tip_field){
		.name = name->str,
		.title = d.title,
		.description = d.description,
		.default_value = d.default_value,
		.kind = d.kind,
		.enum_values = d.enum_values,
		.enum_titles = d.enum_titles,
		.enum_count = d.enum_count,
		.format = d.format,
		.ref_type = d.ref_type,
		.personal = d.personal,
		.max_length = d.max_length,
		.schema = as_subschema(schema),
		.items = as_subschema(d.items),
	};
	if (!d.items)
		return;
	desc item = { 0 };
	describe(&item, d.items, 0);
	f->item_kind = item.kind;
	f->item_enum_values = item.enum_values;
	f->item_enum_titles = item.enum_titles;
	f->item_enum_count = item.enum_count;
	f->item_title = item.title;
	if (!f->ref_type)
		f->ref_type = item.ref_type;
}

/* ---- gathering the properties ---- */

typedef struct gather {
	tip_field *fields;
	size_t count, cap;
	const tip_node **required;
	size_t required_count, required_cap;
} gather;

static bool same_name(const tip_node *a, const char *b)
{
	return strlen(b) == a->len && memcmp(a->str, b, a->len) == 0;
}

static tip_error *add_field(gather *g, const sprop *p)
{
	for (size_t i = 0; i < g->count; i++)
		if (same_name(p->name, g->fields[i].name))
			return NULL; /* the first place that names a property decides */
	if (g->count == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		tip_field *f = realloc(g->fields, cap * sizeof(*f));
		if (!f)
			return tip_error_nomem();
		g->fields = f;
		g->cap = cap;
	}
	fill_field(&g->fields[g->count++], p->name, p->schema);
	return NULL;
}

static tip_error *add_required(gather *g, const snode *s)
{
	if (g->required_count + s->required_count > g->required_cap) {
		size_t cap = (g->required_count + s->required_count) * 2;
		const tip_node **r = realloc(g->required, cap * sizeof(*r));
		if (!r)
			return tip_error_nomem();
		g->required = r;
		g->required_cap = cap;
	}
	for (size_t i = 0; i < s->required_count; i++)
		g->required[g->required_count++] = s->required[i];
	return NULL;
}

static tip_error *gather_from(gather *g, const snode *s, unsigned depth);

static tip_error *gather_all_of(gather *g, const snode *s, unsigned depth)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < s->all_count; i++)
		err = gather_from(g, s->all_of[i], depth + 1);
	return err;
}

static tip_error *gather_keyword(gather *g, const snode *s, const tip_node *key,
	unsigned depth)
{
	tip_error *err = NULL;
	if (same_name(key, "properties"))
		for (size_t i = 0; !err && i < s->property_count; i++)
			err = add_field(g, &s->properties[i]);
	else if (same_name(key, "required"))
		err = add_required(g, s);
	else if (same_name(key, "$ref"))
		err = gather_from(g, s->ref, depth + 1);
	else if (same_name(key, "allOf"))
		err = gather_all_of(g, s, depth);
	return err;
}

/* The keywords in the order written, so that properties come in that order too. */
static tip_error *gather_from(gather *g, const snode *s, unsigned depth)
{
	if (!s || s->kind != SN_SCHEMA || depth > MAX_DEPTH || s->src->type != TIP_NODE_MAP)
		return NULL;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < s->src->count; i++)
		err = gather_keyword(g, s, s->src->pairs[i].key, depth);
	return err;
}

static void mark_required(gather *g)
{
	for (size_t i = 0; i < g->count; i++)
		for (size_t j = 0; j < g->required_count && !g->fields[i].required; j++)
			if (same_name(g->required[j], g->fields[i].name))
				g->fields[i].required = true;
}

tip_error *tip_subschema_fields(tip_field **out, size_t *count, const tip_subschema *schema)
{
	*out = NULL;
	*count = 0;
	gather g = { 0 };
	tip_error *err = gather_from(&g, as_snode(schema), 0);
	if (err) {
		free(g.fields);
		free(g.required);
		return err;
	}
	mark_required(&g);
	free(g.required);
	*out = g.fields;
	*count = g.count;
	return NULL;
}

const tip_field *tip_field_named(const tip_field *fields, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

static const char *title_among(const char *const *values, const char *const *titles, size_t count,
	const char *value)
{
	if (!titles)
		return NULL;
	for (size_t i = 0; i < count; i++)
		if (strcmp(values[i], value) == 0)
			return titles[i];
	return NULL;
}

const char *tip_field_value_title(const tip_field *field, const char *value)
{
	if (!field || !value)
		return NULL;
	const char *title = title_among(field->enum_values, field->enum_titles, field->enum_count,
		value);
	if (!title)
		title = title_among(field->item_enum_values, field->item_enum_titles,
			field->item_enum_count, value);
	return title;
}

const char *tip_schema_value_title(const tip_schema *schema, const char *field, const char *value)
{
	const char *title = NULL;
	if (schema && field)
		title = tip_field_value_title(
			tip_field_named(schema->fields, schema->field_count, field), value);
	return title ? title : value;
}
