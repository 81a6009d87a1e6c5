#include "skos.h"

#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "schema.h"

/* ---- checking what goes into the document ---- */

tip_error *tip_skos_check_iri(const char *iri)
{
	size_t scheme = 0;
	if (tip_is_alpha(iri[0]))
		scheme = 1 + strspn(iri + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789+-.");
	if (!scheme || iri[scheme] != ':')
		return tip_error_invalid("'%s' is not an absolute IRI: it needs a scheme, as in "
			"urn:example:glossary: or https://example.org/glossary/", iri);
	for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|^`\\", *p))
			return tip_error_invalid("'%s' cannot be an IRI: it holds '%c', which "
						 "IRIs do not allow", iri,
				*p > 0x20 && *p != 0x7f ? *p : '?');
	return NULL;
}

tip_error *tip_skos_check_lang(const char *tag)
{
	const char *p = tag;
	size_t n = 0;
	while (tip_is_alpha(*p))
		p++, n++;
	bool ok = n > 0 && n <= 8;
	while (ok && *p == '-') {
		size_t part = 0;
		for (p++; tip_is_alpha(*p) || tip_is_digit(*p); p++)
			part++;
		ok = part > 0 && part <= 8;
	}
	if (!ok || *p)
		return tip_error_invalid("'%s' is not a language tag (such as en or en-GB)", tag);
	return NULL;
}

/* ---- Turtle terms ---- */

tip_error *tip_skos_add_string(tip_buf *out, const char *text, size_t len)
{
	tip_error *err = tip_buf_addc(out, '"');
	for (size_t i = 0; !err && i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		switch (c) {
		case '"': err = tip_buf_adds(out, "\\\""); break;
		case '\\': err = tip_buf_adds(out, "\\\\"); break;
		case '\n': err = tip_buf_adds(out, "\\n"); break;
		case '\r': err = tip_buf_adds(out, "\\r"); break;
		case '\t': err = tip_buf_adds(out, "\\t"); break;
		default:
			err = c < 0x20 || c == 0x7f ? tip_buf_addf(out, "\\u%04X", c)
				: tip_buf_addc(out, (char)c);
		}
	}
	return err ? err : tip_buf_addc(out, '"');
}

/* <base + id>, with any byte outside A-Z a-z 0-9 - . _ ~ %-encoded (ids never have one, but a
 * reference in an invalid record might). */
static tip_error *add_concept_iri(tip_buf *out, const char *base, const char *id, size_t len)
{
	tip_error *err = tip_buf_addf(out, "<%s", base);
	for (size_t i = 0; !err && i < len; i++) {
		char c = id[i];
		err = tip_is_alpha(c) || tip_is_digit(c) || (c && strchr("-._~", c))
			? tip_buf_addc(out, c) : tip_buf_addf(out, "%%%02X", (unsigned char)c);
	}
	return err ? err : tip_buf_addc(out, '>');
}

/* ---- statements: a subject, then predicates and their objects ---- */

typedef struct turtle {
	tip_buf *out;
	const tip_skos_opts *opts;
	bool first; /* no predicate yet for this subject */
	tip_buf objects;
} turtle;

static tip_error *subject(turtle *t, const char *id)
{
	t->first = true;
	return id ? add_concept_iri(t->out, t->opts->base, id, strlen(id))
		: tip_buf_addf(t->out, "<%s>", t->opts->base);
}

/* The predicate with the objects gathered in t->objects, if there are any. */
static tip_error *predicate(turtle *t, const char *name)
{
	if (!t->objects.len)
		return NULL;
	tip_error *err = tip_buf_addf(t->out, "%s\n    %s %s", t->first ? "" : " ;", name,
		tip_buf_str(&t->objects));
	t->first = false;
	tip_buf_reset(&t->objects);
	return err;
}

static tip_error *end_subject(turtle *t)
{
	return tip_buf_adds(t->out, " .\n");
}

static tip_error *object_separator(turtle *t)
{
	return t->objects.len ? tip_buf_adds(&t->objects, ", ") : NULL;
}

static tip_error *literal(turtle *t, const char *text, size_t len)
{
	tip_error *err = object_separator(t);
	if (!err)
		err = tip_skos_add_string(&t->objects, text, len);
	return err ? err : tip_buf_addf(&t->objects, "@%s", t->opts->lang);
}

/* Text fields: one value or a list of them; anything that is not text is left out. */
static tip_error *literals(turtle *t, const tip_node *v, const char *name)
{
	tip_error *err = NULL;
	if (v && v->type == TIP_NODE_STR && v->len)
		err = literal(t, v->str, v->len);
	for (size_t i = 0; !err && v && v->type == TIP_NODE_SEQ && i < v->count; i++)
		if (v->items[i]->type == TIP_NODE_STR && v->items[i]->len)
			err = literal(t, v->items[i]->str, v->items[i]->len);
	return err ? err : predicate(t, name);
}

static tip_error *concepts(turtle *t, const tip_node *v, const char *name)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && v && v->type == TIP_NODE_SEQ && i < v->count; i++) {
		const tip_node *item = v->items[i];
		if (item->type != TIP_NODE_STR || !item->len)
			continue;
		err = object_separator(t);
		if (!err)
			err = add_concept_iri(&t->objects, t->opts->base, item->str, item->len);
	}
	return err ? err : predicate(t, name);
}

/* ---- the document ---- */

static const struct mapping {
	const char *field, *property;
	bool concept; /* the values are ids of concepts */
} mappings[] = {
	{ "term", "skos:prefLabel", false },
	{ "alt_labels", "skos:altLabel", false },
	{ "hidden_labels", "skos:hiddenLabel", false },
	{ "definition", "skos:definition", false },
	{ "scope_note", "skos:scopeNote", false },
	{ "broader", "skos:broader", true },
	{ "narrower", "skos:narrower", true },
	{ "related", "skos:related", true },
	{ "source", "dct:source", false },
	{ "notes", "skos:editorialNote", false },
};

static bool lists(const tip_node *ids, const char *id)
{
	for (size_t i = 0; ids && ids->type == TIP_NODE_SEQ && i < ids->count; i++)
		if (ids->items[i]->type == TIP_NODE_STR && strcmp(ids->items[i]->str, id) == 0)
			return true;
	return false;
}

/* A top concept: no broader concept, and no other concept names it as narrower. */
static bool is_top(const tip_snapshot_record *r, const tip_snapshot_record *const *records,
	size_t n)
{
	const tip_node *broader = tip_node_get(r->root, "broader");
	if (broader && broader->type == TIP_NODE_SEQ && broader->count)
		return false;
	for (size_t i = 0; i < n; i++)
		if (records[i]->root && lists(tip_node_get(records[i]->root, "narrower"), r->id))
			return false;
	return true;
}

static tip_error *scheme(turtle *t, const tip_snapshot_record *const *records, size_t n)
{
	tip_error *err = tip_buf_adds(t->out,
		"@prefix dct: <http://purl.org/dc/terms/> .\n"
		"@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
		"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n");
	if (!err)
		err = subject(t, NULL);
	if (!err)
		err = tip_buf_adds(&t->objects, "skos:ConceptScheme");
	if (!err)
		err = predicate(t, "rdf:type");
	if (!err)
		err = literal(t, t->opts->title, strlen(t->opts->title));
	if (!err)
		err = predicate(t, "dct:title");
	for (size_t i = 0; !err && i < n; i++)
		if (records[i]->root && is_top(records[i], records, n)) {
			err = t->objects.len ? tip_buf_adds(&t->objects, ",\n        ") : NULL;
			if (!err)
				err = add_concept_iri(&t->objects, t->opts->base, records[i]->id,
					strlen(records[i]->id));
		}
	if (!err)
		err = predicate(t, "skos:hasTopConcept");
	return err ? err : end_subject(t);
}

static bool is_shown(const tip_field *fields, size_t count, const char *name, bool personal)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].name, name) == 0)
			return personal || !fields[i].personal;
	return true;
}

/* The concept r, one of records[0..n) whose fields are fields[0..count). */
static tip_error *concept(turtle *t, const tip_snapshot_record *r,
	const tip_snapshot_record *const *records, size_t n, const tip_field *fields,
	size_t count)
{
	tip_error *err = tip_buf_addc(t->out, '\n');
	if (!err)
		err = subject(t, r->id);
	if (!err)
		err = tip_buf_addf(&t->objects, "skos:Concept");
	if (!err)
		err = predicate(t, "rdf:type");
	const char *scheme_iri = t->opts->base;
	if (!err)
		err = tip_buf_addf(&t->objects, "<%s>", scheme_iri);
	if (!err)
		err = predicate(t, "skos:inScheme");
	if (!err && is_top(r, records, n))
		err = tip_buf_addf(&t->objects, "<%s>", scheme_iri);
	if (!err)
		err = predicate(t, "skos:topConceptOf");
	for (size_t i = 0; !err && i < sizeof(mappings) / sizeof(mappings[0]); i++) {
		const struct mapping *m = &mappings[i];
		if (!is_shown(fields, count, m->field, t->opts->include_personal))
			continue;
		const tip_node *v = tip_node_get(r->root, m->field);
		err = m->concept ? concepts(t, v, m->property) : literals(t, v, m->property);
	}
	return err ? err : end_subject(t);
}

static tip_error *check_opts(tip_skos_opts *o, const tip_skos_opts *given)
{
	*o = given ? *given : (tip_skos_opts){ 0 };
	o->base = o->base ? o->base : TIP_SKOS_BASE;
	o->lang = o->lang ? o->lang : "en";
	o->title = o->title ? o->title : "Glossary";
	tip_error *err = tip_skos_check_iri(o->base);
	return err ? err : tip_skos_check_lang(o->lang);
}

tip_error *tip_skos_turtle(tip_buf *out, const tip_snapshot_record *const *records, size_t n,
	const tip_skos_opts *opts)
{
	tip_skos_opts o;
	tip_error *err = check_opts(&o, opts);
	tip_field *fields = NULL;
	size_t count = 0;
	const tip_type *type = n ? records[0]->type : NULL;
	if (!err && type && !type->schema)
		err = tip_error_invalid("%s does not compile: run tip validate to see why",
			type->schema_file);
	if (!err && type)
		err = tip_subschema_fields(&fields, &count, tip_schema_root(type->schema));
	turtle t = { out, &o, true, TIP_BUF_INIT };
	if (!err)
		err = scheme(&t, records, n);
	for (size_t i = 0; !err && i < n; i++)
		if (records[i]->root)
			err = concept(&t, records[i], records, n, fields, count);
	tip_buf_dispose(&t.objects);
	free(fields);
	return err;
}
