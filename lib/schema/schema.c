/* Compiling a JSON Schema (2020-12) into a tree of checks.
 *
 * Compilation runs in three steps:
 * 1. scan: every document (the schema file and each sibling file a $ref loads) is walked
 *    through the keywords that hold subschemas, recording for each schema node its base URI
 *    (from the enclosing $id resources) and refusing keywords tip does not support;
 * 2. compile: each schema node becomes one snode, exactly once (a table keyed by node), so
 *    that recursive $refs close into cycles instead of unfolding forever; $refs are queued and
 *    linked when the rest is built;
 * 3. check: references that loop without descending into the instance (a schema that is its
 *    own $ref) are refused, since validating them could never finish. */
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "regex.h"
#include "schema_format.h"
#include "schema_int.h"
#include "uri.h"

/* Things the schema owns besides its arena: loaded documents and compiled regexes. */
struct owned {
	struct owned *next;
	tip_doc *doc;
	tip_regex *re;
};

/* What the scan learnt about one schema node, and its compiled form once there is one. */
typedef struct entry {
	const tip_node *node;
	const char *base; /* base URI for $refs inside it */
	const char *file; /* the file it is in, as shown to users */
	snode *compiled;
} entry;

/* A schema resource: a document root or a subschema with an $id. */
typedef struct resource {
	struct resource *next;
	const char *uri; /* absolute, without fragment */
	const tip_node *node;
	const char *file;
} resource;

typedef struct pending_ref {
	struct pending_ref *next;
	snode *from;
	const tip_node *ref; /* the $ref value */
	const char *base, *file;
} pending_ref;

typedef struct name_list {
	struct name_list *next;
	const char *name;
} name_list;

typedef struct compiler {
	tip_schema *schema;
	tip_arena *arena;
	const tip_node *root;
	entry *table; /* open addressing on node pointers */
	size_t table_cap, table_used;
	resource *resources;
	pending_ref *pending;
	name_list *ref_types;
	size_t ref_type_count;
	const char *dir_abs;     /* the root file's folder, absolute */
	const char *dir_display; /* the same folder as the user named it ("" = current) */
} compiler;

/* The part of the scan's knowledge a keyword compiler needs. */
typedef struct site {
	compiler *c;
	snode *s;
	const char *base, *file;
} site;

/* ---- errors ---- */

static tip_error *vfail(const char *file, const tip_node *at, const char *fmt, va_list ap)
{
	char msg[1024];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (!at)
		return tip_error_invalid("%s: %s", file, msg);
	return tip_error_invalid("%s:%u:%u: %s", file, at->line, at->col, msg);
}

/* An error about the schema at node `at` of `file`: "file:line:col: message". */
static tip_error *fail(const char *file, const tip_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static tip_error *fail(const char *file, const tip_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = vfail(file, at, fmt, ap);
	va_end(ap);
	return err;
}

static tip_error *site_fail(const site *st, const tip_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static tip_error *site_fail(const site *st, const tip_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = vfail(st->file, at, fmt, ap);
	va_end(ap);
	return err;
}

/* ---- ownership ---- */

static tip_error *own(compiler *c, tip_doc *doc, tip_regex *re)
{
	struct owned *o = tip_arena_alloc(c->arena, sizeof(*o));
	if (!o) {
		tip_doc_free(doc);
		tip_regex_free(re);
		return tip_error_nomem();
	}
	o->doc = doc;
	o->re = re;
	o->next = c->schema->owned;
	c->schema->owned = o;
	return NULL;
}

/* ---- the node table ---- */

static size_t ptr_hash(const void *p)
{
	uintptr_t v = (uintptr_t)p;
	v ^= v >> 17;
	v *= (uintptr_t)0x9E3779B97F4A7C15ull;
	return (size_t)(v ^ (v >> 29));
}

static entry *table_find(const compiler *c, const tip_node *node)
{
	if (!c->table)
		return NULL;
	for (size_t i = ptr_hash(node) & (c->table_cap - 1);; i = (i + 1) & (c->table_cap - 1)) {
		if (c->table[i].node == node)
			return &c->table[i];
		if (!c->table[i].node)
			return NULL;
	}
}

static entry *table_slot(entry *table, size_t cap, const tip_node *node)
{
	size_t i = ptr_hash(node) & (cap - 1);
	while (table[i].node && table[i].node != node)
		i = (i + 1) & (cap - 1);
	return &table[i];
}

static tip_error *table_grow(compiler *c)
{
	size_t cap = c->table_cap ? c->table_cap * 2 : 256;
	entry *t = calloc(cap, sizeof(*t));
	if (!t)
		return tip_error_nomem();
	for (size_t i = 0; i < c->table_cap; i++)
		if (c->table[i].node)
			*table_slot(t, cap, c->table[i].node) = c->table[i];
	free(c->table);
	c->table = t;
	c->table_cap = cap;
	return NULL;
}

/* Adds an entry for node with base and file, unless it has one. */
static tip_error *table_put(compiler *c, const tip_node *node, const char *base,
	const char *file)
{
	if ((c->table_used + 1) * 2 > c->table_cap) {
		tip_error *err = table_grow(c);
		if (err)
			return err;
	}
	entry *e = table_slot(c->table, c->table_cap, node);
	if (!e->node) {
		e->node = node;
		e->base = base;
		e->file = file;
		c->table_used++;
	}
	return NULL;
}

/* ---- small helpers on nodes ---- */

static bool node_is(const tip_node *n, const char *s)
{
	return n->type == TIP_NODE_STR && n->len == strlen(s) && memcmp(n->str, s, n->len) == 0;
}

static const tip_node *map_get(const tip_node *map, const char *key)
{
	if (!map || map->type != TIP_NODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++)
		if (node_is(map->pairs[i].key, key))
			return map->pairs[i].value;
	return NULL;
}

static bool is_number(const tip_node *n)
{
	return n->type == TIP_NODE_INT || n->type == TIP_NODE_FLOAT;
}

/* A string value without NUL bytes, usable as a C string. */
static bool is_text(const tip_node *n)
{
	return n->type == TIP_NODE_STR && strlen(n->str) == n->len;
}

/* ---- URIs and files ---- */

static const char *arena_printf(tip_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static const char *arena_printf(tip_arena *arena, const char *fmt, ...)
{
	va_list ap, copy;
	va_start(ap, fmt);
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *s = n < 0 ? NULL : tip_arena_alloc(arena, (size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, copy);
	va_end(copy);
	return s;
}

/* An absolute path for path (taken relative to the current directory). */
static const char *absolute_path(tip_arena *arena, const char *path)
{
	if (path[0] == '/')
		return tip_arena_strdup(arena, path);
	char cwd[4096];
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	return arena_printf(arena, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, path);
}

/* The folder part of path, without the last "/"; "" when there is none. */
static const char *dir_of(tip_arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return "";
	return tip_arena_strndup(arena, path, slash == path ? 1 : (size_t)(slash - path));
}

static bool uri_path_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		(c != '\0' && strchr("-._~!$&'()*+,;=:@/", c) != NULL);
}

/* "file://" and the absolute path, percent-encoded where URI syntax needs it. */
static const char *file_uri(tip_arena *arena, const char *abs)
{
	size_t n = strlen(abs);
	char *s = tip_arena_alloc(arena, 7 + 3 * n + 1);
	if (!s)
		return NULL;
	memcpy(s, "file://", 7);
	size_t k = 7;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)abs[i];
		if (uri_path_char(ch)) {
			s[k++] = (char)ch;
		} else {
			snprintf(s + k, 4, "%%%02X", ch);
			k += 3;
		}
	}
	s[k] = '\0';
	return s;
}

static int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decodes len bytes of s into the arena; *out_len gets the decoded length. NULL when
 * out of memory; an invalid escape is kept as written. */
static char *percent_decode(tip_arena *arena, const char *s, size_t len, size_t *out_len)
{
	char *d = tip_arena_alloc(arena, len + 1);
	if (!d)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < len &&
			(hi = hex_value((unsigned char)s[i + 1])) >= 0 &&
			(lo = hex_value((unsigned char)s[i + 2])) >= 0) {
			d[k++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			d[k++] = s[i];
		}
	}
	d[k] = '\0';
	*out_len = k;
	return d;
}

/* The local path a file: URI names, or NULL when it names another host. */
static const char *file_uri_path(tip_arena *arena, const char *uri)
{
	const char *p = uri + 5; /* after "file:" */
	if (strncmp(p, "//", 2) == 0) {
		p += 2;
		const char *slash = strchr(p, '/');
		if (!slash)
			return NULL;
		size_t host = (size_t)(slash - p);
		if (host != 0 && !(host == 9 && strncmp(p, "localhost", 9) == 0))
			return NULL;
		p = slash;
	}
	size_t n;
	char *path = percent_decode(arena, p, strlen(p), &n);
	return path && strlen(path) == n ? path : NULL;
}

/* How a loaded file is named in messages: relative to the root file's folder as the user
 * wrote it when it is inside that folder, else its absolute path. */
static const char *display_name(compiler *c, const char *abs)
{
	size_t n = strlen(c->dir_abs);
	if (strncmp(abs, c->dir_abs, n) == 0 && abs[n] == '/') {
		if (c->dir_display[0] == '\0')
			return abs + n + 1;
		return arena_printf(c->arena, "%s/%s", c->dir_display, abs + n + 1);
	}
	return abs;
}

static resource *find_resource(const compiler *c, const char *uri, size_t len)
{
	for (resource *r = c->resources; r; r = r->next)
		if (strlen(r->uri) == len && memcmp(r->uri, uri, len) == 0)
			return r;
	return NULL;
}

static tip_error *add_resource(compiler *c, const char *uri, const tip_node *node,
	const char *file, const tip_node *at)
{
	size_t len = strcspn(uri, "#");
	resource *old = find_resource(c, uri, len);
	if (old) {
		if (old->node == node)
			return NULL;
		return fail(file, at, "duplicate $id \"%.*s\" (also used at %s:%u:%u)", (int)len, uri,
			old->file, old->node->line, old->node->col);
	}
	resource *r = tip_arena_alloc(c->arena, sizeof(*r));
	if (!r || !(r->uri = tip_arena_strndup(c->arena, uri, len)))
		return tip_error_nomem();
	r->node = node;
	r->file = file;
	r->next = c->resources;
	c->resources = r;
	return NULL;
}

/* ---- keywords ---- */

/* Where a keyword's value holds subschemas, for the scan. */
typedef enum sub_kind { SUB_NONE, SUB_ONE, SUB_LIST, SUB_MAP } sub_kind;

typedef tip_error *(*keyword_fn)(site *st, const tip_node *key, const tip_node *value);

typedef struct keyword {
	const char *name;
	keyword_fn compile;
	sub_kind sub;
} keyword;

static const keyword *find_keyword(const tip_node *key);

/* Keywords of JSON Schema that tip knows and refuses, so that the error says "unsupported"
 * rather than suggesting a typo. */
static const char *const unsupported_keywords[] = {
	"$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary", "$recursiveRef",
	"$recursiveAnchor", "unevaluatedItems", "unevaluatedProperties", "contentEncoding",
	"contentMediaType", "contentSchema", "dependencies", "additionalItems", "definitions",
	"readOnly", "writeOnly",
};

static bool is_unsupported_keyword(const char *name)
{
	for (size_t i = 0; i < sizeof(unsupported_keywords) / sizeof(unsupported_keywords[0]); i++)
		if (strcmp(name, unsupported_keywords[i]) == 0)
			return true;
	return false;
}

static bool is_extension(const tip_node *key)
{
	return key->len >= 2 && key->str[0] == 'x' && key->str[1] == '-';
}

static bool is_tip_keyword(const tip_node *key)
{
	return key->len >= 6 && memcmp(key->str, "x-tip-", 6) == 0;
}

/* ---- step 1: the scan ---- */

static tip_error *scan(compiler *c, const tip_node *node, const char *base, const char *file);

static tip_error *scan_keyword_value(compiler *c, const keyword *kw, const tip_node *value,
	const char *base, const char *file)
{
	tip_error *err = NULL;
	switch (kw->sub) {
	case SUB_ONE:
		err = scan(c, value, base, file);
		break;
	case SUB_LIST:
		for (size_t i = 0; !err && value->type == TIP_NODE_SEQ && i < value->count; i++)
			err = scan(c, value->items[i], base, file);
		break;
	case SUB_MAP:
		for (size_t i = 0; !err && value->type == TIP_NODE_MAP && i < value->count; i++)
			err = scan(c, value->pairs[i].value, base, file);
		break;
	case SUB_NONE:
		break;
	}
	return err;
}

/* The base URI inside node: its $id resolved against the outer base, when it has one. */
static tip_error *scan_id(compiler *c, const tip_node *node, const char *file,
	const char **base)
{
	const tip_node *id = map_get(node, "$id");
	if (!id)
		return NULL;
	if (!is_text(id))
		return fail(file, id, "\"$id\" must be a string");
	const char *hash = strchr(id->str, '#');
	if (hash && hash[1] != '\0')
		return fail(file, id,
			"$id \"%s\" has a fragment: plain-name fragments need \"$anchor\", which is "
			"not supported",
			id->str);
	const char *uri = tip_uri_resolve(c->arena, *base, id->str);
	if (!uri)
		return tip_error_nomem();
	tip_error *err = add_resource(c, uri, node, file, id);
	if (err)
		return err;
	*base = tip_arena_strndup(c->arena, uri, strcspn(uri, "#"));
	return *base ? NULL : tip_error_nomem();
}

static tip_error *unknown_keyword(const char *file, const tip_node *key)
{
	if (is_unsupported_keyword(key->str))
		return fail(file, key, "unsupported keyword \"%s\"", key->str);
	return fail(file, key, "unknown keyword \"%s\"", key->str);
}

static tip_error *scan(compiler *c, const tip_node *node, const char *base, const char *file)
{
	if (table_find(c, node))
		return NULL;
	tip_error *err = NULL;
	if (node->type == TIP_NODE_MAP)
		err = scan_id(c, node, file, &base);
	if (!err)
		err = table_put(c, node, base, file);
	for (size_t i = 0; !err && node->type == TIP_NODE_MAP && i < node->count; i++) {
		const tip_node *key = node->pairs[i].key;
		if (is_extension(key))
			continue;
		const keyword *kw = find_keyword(key);
		if (!kw)
			return unknown_keyword(file, key);
		err = scan_keyword_value(c, kw, node->pairs[i].value, base, file);
	}
	return err;
}

/* ---- step 2: compiling ---- */

static tip_error *compile_at(compiler *c, const tip_node *node, const char *base,
	const char *file, snode **out);

static tip_error *sub(site *st, const tip_node *node, snode **out)
{
	return compile_at(st->c, node, st->base, st->file, out);
}

/* A count keyword's value: a non-negative integer (1.0 counts as 1). */
static tip_error *get_count(site *st, const tip_node *key, const tip_node *v, size_t *out)
{
	double d = v->number;
	if (!is_number(v) || !(d >= 0) || floor(d) != d)
		return site_fail(st, v, "\"%s\" must be a non-negative integer", key->str);
	if (v->type == TIP_NODE_INT)
		*out = (uint64_t)v->integer > SIZE_MAX ? SIZE_MAX : (size_t)v->integer;
	else
		*out = d >= (double)SIZE_MAX ? SIZE_MAX : (size_t)d;
	return NULL;
}

static tip_error *get_number(site *st, const tip_node *key, const tip_node *v, snum *out)
{
	if (!is_number(v) || isnan(v->number))
		return site_fail(st, v, "\"%s\" must be a number", key->str);
	out->src = v;
	out->d = v->number;
	out->is_int = v->type == TIP_NODE_INT;
	out->i = out->is_int ? v->integer : 0;
	/* An integral float in int64 range compares exactly as an integer. */
	if (!out->is_int && floor(v->number) == v->number && fabs(v->number) < 9.2e18) {
		out->is_int = true;
		out->i = (int64_t)v->number;
	}
	return NULL;
}

static tip_error *need_schema_list(site *st, const tip_node *key, const tip_node *v,
	snode ***out, size_t *count)
{
	if (v->type != TIP_NODE_SEQ || v->count == 0)
		return site_fail(st, v, "\"%s\" must be a non-empty list of schemas", key->str);
	snode **list = tip_arena_calloc(st->c->arena, v->count, sizeof(*list));
	if (!list)
		return tip_error_nomem();
	for (size_t i = 0; i < v->count; i++) {
		tip_error *err = sub(st, v->items[i], &list[i]);
		if (err)
			return err;
	}
	*out = list;
	*count = v->count;
	return NULL;
}

static const struct {
	const char *name;
	unsigned bits;
} type_names[] = {
	{ "null", SK_NULL },
	{ "boolean", SK_BOOLEAN },
	{ "integer", SK_INTEGER },
	{ "number", SK_NUMBER },
	{ "string", SK_STRING },
	{ "array", SK_ARRAY },
	{ "object", SK_OBJECT },
};

static tip_error *type_bit(site *st, const tip_node *v, unsigned *bits)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++) {
		if (node_is(v, type_names[i].name)) {
			if (*bits & type_names[i].bits)
				return site_fail(st, v, "type \"%s\" is listed twice", v->str);
			*bits |= type_names[i].bits;
			return NULL;
		}
	}
	if (v->type != TIP_NODE_STR)
		return site_fail(st, v, "\"type\" must be a type name or a list of them");
	return site_fail(st, v,
		"unknown type \"%s\" (expected null, boolean, integer, number, string, array or "
		"object)",
		v->str);
}

static tip_error *kw_type(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	unsigned bits = 0;
	tip_error *err = NULL;
	if (v->type == TIP_NODE_SEQ) {
		if (v->count == 0)
			return site_fail(st, v, "\"type\" must not be an empty list");
		for (size_t i = 0; !err && i < v->count; i++)
			err = type_bit(st, v->items[i], &bits);
	} else {
		err = type_bit(st, v, &bits);
	}
	st->s->types = bits;
	return err;
}

static tip_error *kw_enum(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	if (v->type != TIP_NODE_SEQ)
		return site_fail(st, v, "\"enum\" must be a list of values");
	st->s->enum_values = v;
	for (size_t i = 0; i < v->count; i++)
		if (!is_text(v->items[i]))
			return NULL;
	const char **names = tip_arena_calloc(st->c->arena, v->count + 1, sizeof(*names));
	if (!names)
		return tip_error_nomem();
	for (size_t i = 0; i < v->count; i++)
		names[i] = v->items[i]->str;
	st->s->enum_strings = names;
	st->s->enum_string_count = v->count;
	return NULL;
}

static tip_error *kw_const(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	st->s->const_value = v;
	return NULL;
}

static tip_error *string_list(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_SEQ)
		return site_fail(st, v, "\"%s\" must be a list of property names", key->str);
	for (size_t i = 0; i < v->count; i++) {
		if (v->items[i]->type != TIP_NODE_STR)
			return site_fail(st, v->items[i], "\"%s\" must list property names (strings)",
				key->str);
		for (size_t j = 0; j < i; j++)
			if (tip_node_equal(v->items[i], v->items[j]))
				return site_fail(st, v->items[i], "\"%s\" lists \"%s\" twice", key->str,
					v->items[i]->str);
	}
	return NULL;
}

static tip_error *kw_required(site *st, const tip_node *key, const tip_node *v)
{
	tip_error *err = string_list(st, key, v);
	if (err)
		return err;
	const tip_node **names = tip_arena_calloc(st->c->arena, v->count + 1, sizeof(*names));
	if (!names)
		return tip_error_nomem();
	for (size_t i = 0; i < v->count; i++)
		names[i] = v->items[i];
	st->s->required = names;
	st->s->required_count = v->count;
	return NULL;
}

/* Builds the hash table over s->properties when there are enough to be worth it. */
static tip_error *index_properties(compiler *c, snode *s)
{
	if (s->property_count <= 8)
		return NULL;
	size_t cap = 16;
	while (cap < s->property_count * 2)
		cap *= 2;
	uint32_t *table = tip_arena_calloc(c->arena, cap, sizeof(*table));
	if (!table)
		return tip_error_nomem();
	for (size_t i = 0; i < s->property_count; i++) {
		size_t j = s->properties[i].hash & (cap - 1);
		while (table[j])
			j = (j + 1) & (cap - 1);
		table[j] = (uint32_t)i + 1;
	}
	s->property_table = table;
	s->property_mask = (uint32_t)(cap - 1);
	return NULL;
}

/* A mapping of names to schemas, as in properties and dependentSchemas. */
static tip_error *schema_map(site *st, const tip_node *key, const tip_node *v, sprop **out,
	size_t *count)
{
	if (v->type != TIP_NODE_MAP)
		return site_fail(st, v, "\"%s\" must be a mapping of names to schemas", key->str);
	sprop *props = tip_arena_calloc(st->c->arena, v->count + 1, sizeof(*props));
	if (!props)
		return tip_error_nomem();
	for (size_t i = 0; i < v->count; i++) {
		const tip_node *name = v->pairs[i].key;
		props[i].name = name;
		props[i].hash = tip_schema_hash(name->str, name->len);
		tip_error *err = sub(st, v->pairs[i].value, &props[i].schema);
		if (err)
			return err;
	}
	*out = props;
	*count = v->count;
	return NULL;
}

static tip_error *kw_properties(site *st, const tip_node *key, const tip_node *v)
{
	tip_error *err = schema_map(st, key, v, &st->s->properties, &st->s->property_count);
	return err ? err : index_properties(st->c, st->s);
}

static tip_error *kw_dependent_schemas(site *st, const tip_node *key, const tip_node *v)
{
	return schema_map(st, key, v, &st->s->dependent_schemas, &st->s->dependent_schema_count);
}

static tip_error *compile_regex(site *st, const tip_node *src, const tip_regex **out)
{
	tip_regex *re;
	tip_error *err = tip_regex_compile(&re, src->str, src->len);
	if (err) {
		tip_error *located = site_fail(st, src, "%s", tip_error_message(err));
		tip_error_free(err);
		return located;
	}
	err = own(st->c, NULL, re);
	if (err)
		return err;
	st->c->schema->uses_regex = true;
	*out = re;
	return NULL;
}

static tip_error *kw_pattern(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_STR)
		return site_fail(st, v, "\"%s\" must be a regular expression (a string)", key->str);
	spattern *p = tip_arena_calloc(st->c->arena, 1, sizeof(*p));
	if (!p)
		return tip_error_nomem();
	p->src = v;
	st->s->pattern = p;
	return compile_regex(st, v, &p->re);
}

static tip_error *kw_pattern_properties(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_MAP)
		return site_fail(st, v, "\"%s\" must be a mapping of patterns to schemas", key->str);
	spattern *list = tip_arena_calloc(st->c->arena, v->count + 1, sizeof(*list));
	if (!list)
		return tip_error_nomem();
	st->s->pattern_properties = list;
	st->s->pattern_count = v->count;
	for (size_t i = 0; i < v->count; i++) {
		list[i].src = v->pairs[i].key;
		tip_error *err = compile_regex(st, v->pairs[i].key, &list[i].re);
		if (!err)
			err = sub(st, v->pairs[i].value, &list[i].schema);
		if (err)
			return err;
	}
	return NULL;
}

static tip_error *kw_dependent_required(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_MAP)
		return site_fail(st, v, "\"%s\" must map property names to lists of names", key->str);
	sdepreq *list = tip_arena_calloc(st->c->arena, v->count + 1, sizeof(*list));
	if (!list)
		return tip_error_nomem();
	for (size_t i = 0; i < v->count; i++) {
		tip_error *err = string_list(st, key, v->pairs[i].value);
		if (err)
			return err;
		list[i].name = v->pairs[i].key;
		list[i].names = v->pairs[i].value;
	}
	st->s->dependent_required = list;
	st->s->dependent_required_count = v->count;
	return NULL;
}

/* One keyword whose value is a single schema, stored in the field at offset. */
#define SCHEMA_KEYWORD(fn, field)                                                          \
	static tip_error *fn(site *st, const tip_node *key, const tip_node *v)             \
	{                                                                                  \
		(void)key;                                                                 \
		return sub(st, v, &st->s->field);                                          \
	}

SCHEMA_KEYWORD(kw_additional_properties, additional_properties)
SCHEMA_KEYWORD(kw_property_names, property_names)
SCHEMA_KEYWORD(kw_contains, contains)
SCHEMA_KEYWORD(kw_not, not_schema)
SCHEMA_KEYWORD(kw_if, if_schema)
SCHEMA_KEYWORD(kw_then, then_schema)
SCHEMA_KEYWORD(kw_else, else_schema)

static tip_error *kw_items(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	if (v->type == TIP_NODE_SEQ)
		return site_fail(st, v,
			"\"items\" must be a schema; a list of schemas is \"prefixItems\" in 2020-12");
	return sub(st, v, &st->s->items);
}

static tip_error *kw_prefix_items(site *st, const tip_node *key, const tip_node *v)
{
	return need_schema_list(st, key, v, &st->s->prefix_items, &st->s->prefix_count);
}

static tip_error *kw_all_of(site *st, const tip_node *key, const tip_node *v)
{
	return need_schema_list(st, key, v, &st->s->all_of, &st->s->all_count);
}

static tip_error *kw_any_of(site *st, const tip_node *key, const tip_node *v)
{
	return need_schema_list(st, key, v, &st->s->any_of, &st->s->any_count);
}

static tip_error *kw_one_of(site *st, const tip_node *key, const tip_node *v)
{
	return need_schema_list(st, key, v, &st->s->one_of, &st->s->one_count);
}

/* A count keyword stored in the size_t field of the snode. */
#define COUNT_KEYWORD(fn, field)                                                           \
	static tip_error *fn(site *st, const tip_node *key, const tip_node *v)             \
	{                                                                                  \
		return get_count(st, key, v, &st->s->field);                               \
	}

COUNT_KEYWORD(kw_min_length, min_length)
COUNT_KEYWORD(kw_max_length, max_length)
COUNT_KEYWORD(kw_min_items, min_items)
COUNT_KEYWORD(kw_max_items, max_items)
COUNT_KEYWORD(kw_min_contains, min_contains)
COUNT_KEYWORD(kw_max_contains, max_contains)
COUNT_KEYWORD(kw_min_properties, min_properties)
COUNT_KEYWORD(kw_max_properties, max_properties)

/* A numeric limit keyword: the snum field and the HAS_* bit. */
#define NUMBER_KEYWORD(fn, field, bit)                                                     \
	static tip_error *fn(site *st, const tip_node *key, const tip_node *v)             \
	{                                                                                  \
		st->s->has |= bit;                                                         \
		return get_number(st, key, v, &st->s->field);                              \
	}

NUMBER_KEYWORD(kw_minimum, minimum, HAS_MINIMUM)
NUMBER_KEYWORD(kw_maximum, maximum, HAS_MAXIMUM)
NUMBER_KEYWORD(kw_exclusive_minimum, exclusive_minimum, HAS_EXCLUSIVE_MINIMUM)
NUMBER_KEYWORD(kw_exclusive_maximum, exclusive_maximum, HAS_EXCLUSIVE_MAXIMUM)

static tip_error *kw_multiple_of(site *st, const tip_node *key, const tip_node *v)
{
	st->s->has |= HAS_MULTIPLE_OF;
	tip_error *err = get_number(st, key, v, &st->s->multiple_of);
	if (!err && !(v->number > 0) )
		err = site_fail(st, v, "\"multipleOf\" must be greater than 0");
	if (!err && isinf(v->number))
		err = site_fail(st, v, "\"multipleOf\" must be finite");
	return err;
}

static tip_error *kw_unique_items(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_BOOL)
		return site_fail(st, v, "\"%s\" must be true or false", key->str);
	st->s->unique_items = v->boolean;
	return NULL;
}

static tip_error *kw_format(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	if (!is_text(v))
		return site_fail(st, v, "\"format\" must be a string");
	st->s->format = tip_format_from_name(v->str);
	if (st->s->format == TIP_FORMAT_NONE)
		return site_fail(st, v,
			"unsupported format \"%s\" (tip checks date, date-time, email and uri)", v->str);
	return NULL;
}

static tip_error *kw_ref(site *st, const tip_node *key, const tip_node *v)
{
	(void)key;
	if (!is_text(v))
		return site_fail(st, v, "\"$ref\" must be a string");
	pending_ref *p = tip_arena_alloc(st->c->arena, sizeof(*p));
	if (!p)
		return tip_error_nomem();
	*p = (pending_ref){ st->c->pending, st->s, v, st->base, st->file };
	st->c->pending = p;
	st->s->ref_src = v;
	return NULL;
}

static tip_error *kw_defs(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_MAP)
		return site_fail(st, v, "\"%s\" must be a mapping of names to schemas", key->str);
	/* Compiled even when nothing refers to them, so that their mistakes are found. */
	for (size_t i = 0; i < v->count; i++) {
		snode *unused;
		tip_error *err = sub(st, v->pairs[i].value, &unused);
		if (err)
			return err;
	}
	return NULL;
}

static tip_error *kw_string(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_STR)
		return site_fail(st, v, "\"%s\" must be a string", key->str);
	return NULL;
}

static tip_error *kw_schema(site *st, const tip_node *key, const tip_node *v)
{
	tip_error *err = kw_string(st, key, v);
	if (err)
		return err;
	if (!node_is(v, "https://json-schema.org/draft/2020-12/schema") &&
		!node_is(v, "https://json-schema.org/draft/2020-12/schema#"))
		return site_fail(st, v,
			"unsupported $schema \"%s\" (tip reads JSON Schema 2020-12: "
			"https://json-schema.org/draft/2020-12/schema)",
			v->str);
	return NULL;
}

static tip_error *kw_any(site *st, const tip_node *key, const tip_node *v)
{
	(void)st, (void)key, (void)v;
	return NULL;
}

static tip_error *kw_examples(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_SEQ)
		return site_fail(st, v, "\"%s\" must be a list", key->str);
	return NULL;
}

static tip_error *kw_deprecated(site *st, const tip_node *key, const tip_node *v)
{
	if (v->type != TIP_NODE_BOOL)
		return site_fail(st, v, "\"%s\" must be true or false", key->str);
	return NULL;
}

static const keyword keywords[] = {
	{ "$schema", kw_schema, SUB_NONE },
	{ "$id", kw_string, SUB_NONE },
	{ "$ref", kw_ref, SUB_NONE },
	{ "$defs", kw_defs, SUB_MAP },
	{ "$comment", kw_string, SUB_NONE },
	{ "title", kw_string, SUB_NONE },
	{ "description", kw_string, SUB_NONE },
	{ "default", kw_any, SUB_NONE },
	{ "examples", kw_examples, SUB_NONE },
	{ "deprecated", kw_deprecated, SUB_NONE },
	{ "type", kw_type, SUB_NONE },
	{ "enum", kw_enum, SUB_NONE },
	{ "const", kw_const, SUB_NONE },
	{ "required", kw_required, SUB_NONE },
	{ "properties", kw_properties, SUB_MAP },
	{ "additionalProperties", kw_additional_properties, SUB_ONE },
	{ "patternProperties", kw_pattern_properties, SUB_MAP },
	{ "propertyNames", kw_property_names, SUB_ONE },
	{ "minProperties", kw_min_properties, SUB_NONE },
	{ "maxProperties", kw_max_properties, SUB_NONE },
	{ "dependentRequired", kw_dependent_required, SUB_NONE },
	{ "dependentSchemas", kw_dependent_schemas, SUB_MAP },
	{ "items", kw_items, SUB_ONE },
	{ "prefixItems", kw_prefix_items, SUB_LIST },
	{ "contains", kw_contains, SUB_ONE },
	{ "minContains", kw_min_contains, SUB_NONE },
	{ "maxContains", kw_max_contains, SUB_NONE },
	{ "minItems", kw_min_items, SUB_NONE },
	{ "maxItems", kw_max_items, SUB_NONE },
	{ "uniqueItems", kw_unique_items, SUB_NONE },
	{ "minLength", kw_min_length, SUB_NONE },
	{ "maxLength", kw_max_length, SUB_NONE },
	{ "pattern", kw_pattern, SUB_NONE },
	{ "format", kw_format, SUB_NONE },
	{ "minimum", kw_minimum, SUB_NONE },
	{ "maximum", kw_maximum, SUB_NONE },
	{ "exclusiveMinimum", kw_exclusive_minimum, SUB_NONE },
	{ "exclusiveMaximum", kw_exclusive_maximum, SUB_NONE },
	{ "multipleOf", kw_multiple_of, SUB_NONE },
	{ "allOf", kw_all_of, SUB_LIST },
	{ "anyOf", kw_any_of, SUB_LIST },
	{ "oneOf", kw_one_of, SUB_LIST },
	{ "not", kw_not, SUB_ONE },
	{ "if", kw_if, SUB_ONE },
	{ "then", kw_then, SUB_ONE },
	{ "else", kw_else, SUB_ONE },
};

static const keyword *find_keyword(const tip_node *key)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (node_is(key, keywords[i].name))
			return &keywords[i];
	return NULL;
}

/* ---- tip's own keywords ---- */

static bool valid_type_name(const tip_node *v)
{
	if (!is_text(v) || v->len == 0 || v->len > 64)
		return false;
	for (size_t i = 0; i < v->len; i++) {
		char ch = v->str[i];
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			(ch == '-' && i > 0 && i + 1 < v->len && v->str[i - 1] != '-');
		if (!ok)
			return false;
	}
	return true;
}

static tip_error *note_ref_type(compiler *c, const char *type)
{
	for (name_list *n = c->ref_types; n; n = n->next)
		if (strcmp(n->name, type) == 0)
			return NULL;
	name_list *n = tip_arena_alloc(c->arena, sizeof(*n));
	if (!n)
		return tip_error_nomem();
	n->name = type;
	n->next = c->ref_types;
	c->ref_types = n;
	c->ref_type_count++;
	return NULL;
}

static tip_error *tip_keyword(site *st, const tip_node *node, const tip_node *key,
	const tip_node *v)
{
	if (node_is(key, "x-tip-ref")) {
		if (!valid_type_name(v))
			return site_fail(st, v, "\"x-tip-ref\" must name a record type, e.g. course");
		st->s->tip_ref = v->str;
		return note_ref_type(st->c, v->str);
	}
	if (node_is(key, "x-tip-personal")) {
		if (v->type != TIP_NODE_BOOL)
			return site_fail(st, v, "\"x-tip-personal\" must be true or false");
		st->s->personal = v->boolean;
		return NULL;
	}
	if (node_is(key, "x-tip-message")) {
		if (!is_text(v) || v->len == 0)
			return site_fail(st, v,
				"\"x-tip-message\" must be text: what to tell the user when a value "
				"does not fit this part of the schema");
		st->s->message = v->str;
		return NULL;
	}
	if (node_is(key, "x-tip-titles")) {
		if (v->type != TIP_NODE_MAP)
			return site_fail(st, v,
				"\"x-tip-titles\" must map each value of the enum beside it to its "
				"display name, e.g. not-assessed: Not assessed");
		st->s->titles = v;
		return NULL;
	}
	if (node_is(key, "x-tip-collection")) {
		if (node != st->c->root)
			return site_fail(st, key,
				"\"x-tip-collection\" belongs at the root of a record schema");
		if (!valid_type_name(v))
			return site_fail(st, v,
				"\"x-tip-collection\" must be a folder name of lower-case letters, digits "
				"and hyphens");
		st->c->schema->collection = v->str;
		return NULL;
	}
	return site_fail(st, key,
		"unknown tip keyword \"%s\" (tip has x-tip-ref, x-tip-personal, x-tip-message, "
		"x-tip-titles and x-tip-collection)",
		key->str);
}

static size_t enum_index(const snode *s, const char *value)
{
	for (size_t i = 0; i < s->enum_string_count; i++)
		if (strcmp(s->enum_strings[i], value) == 0)
			return i;
	return SIZE_MAX;
}

/* x-tip-titles beside an enum of text: each key a value of the enum, each value text. */
static tip_error *compile_titles(site *st, const tip_node *node)
{
	snode *s = st->s;
	if (!s->enum_strings)
		return site_fail(st, map_get(node, "x-tip-titles"),
			"\"x-tip-titles\" belongs beside an \"enum\" of text values: it gives each "
			"value's display name");
	const char **titles = tip_arena_calloc(st->c->arena, s->enum_string_count + 1,
		sizeof(*titles));
	if (!titles)
		return tip_error_nomem();
	for (size_t i = 0; i < s->titles->count; i++) {
		const tip_node *k = s->titles->pairs[i].key, *v = s->titles->pairs[i].value;
		size_t at = is_text(k) ? enum_index(s, k->str) : SIZE_MAX;
		if (at == SIZE_MAX)
			return site_fail(st, k, "\"x-tip-titles\" names %s%s%s, which is not a value "
				"of the enum beside it", is_text(k) ? "\"" : "", is_text(k) ? k->str :
				"a value that is not text", is_text(k) ? "\"" : "");
		if (!is_text(v) || v->len == 0)
			return site_fail(st, v, "a display name in \"x-tip-titles\" must be text");
		titles[at] = v->str;
	}
	s->enum_titles = titles;
	return NULL;
}

/* Checks that need the whole schema object: keywords that only make sense together. */
static tip_error *check_combination(site *st, const tip_node *node)
{
	snode *s = st->s;
	if (s->titles) {
		tip_error *err = compile_titles(st, node);
		if (err)
			return err;
	}
	if (s->tip_ref && s->types && !(s->types & SK_STRING))
		return site_fail(st, map_get(node, "x-tip-ref"),
			"\"x-tip-ref\" belongs on a string schema (for a list of ids, on its items)");
	if (s->min_length > s->max_length)
		return site_fail(st, map_get(node, "minLength"),
			"\"minLength\" is greater than \"maxLength\"");
	return NULL;
}

static tip_error *compile_object(site *st, const tip_node *node)
{
	snode *s = st->s;
	s->kind = SN_SCHEMA;
	s->max_length = s->max_items = s->max_properties = s->max_contains = SIZE_MAX;
	s->min_contains = 1;
	for (size_t i = 0; i < node->count; i++) {
		const tip_node *key = node->pairs[i].key, *value = node->pairs[i].value;
		tip_error *err = NULL;
		if (is_tip_keyword(key)) {
			err = tip_keyword(st, node, key, value);
		} else if (!is_extension(key)) {
			const keyword *kw = find_keyword(key);
			err = kw ? kw->compile(st, key, value) : unknown_keyword(st->file, key);
		}
		if (err)
			return err;
	}
	return check_combination(st, node);
}

static tip_error *compile_at(compiler *c, const tip_node *node, const char *base,
	const char *file, snode **out)
{
	entry *e = table_find(c, node);
	if (!e) {
		/* Reached through a JSON Pointer into a place the scan did not walk. */
		tip_error *err = scan(c, node, base, file);
		if (err)
			return err;
		e = table_find(c, node);
	}
	if (e->compiled) {
		*out = e->compiled;
		return NULL;
	}
	snode *s = tip_arena_calloc(c->arena, 1, sizeof(*s));
	if (!s)
		return tip_error_nomem();
	s->src = node;
	s->file = e->file;
	e->compiled = s;
	*out = s;
	if (node->type == TIP_NODE_BOOL) {
		s->kind = node->boolean ? SN_TRUE : SN_FALSE;
		return NULL;
	}
	if (node->type != TIP_NODE_MAP)
		return fail(e->file, node, "a schema must be a mapping or true or false, not %s",
			tip_node_json_type(node));
	site st = { c, s, e->base, e->file };
	return compile_object(&st, node);
}

/* ---- $ref ---- */

/* The node a JSON Pointer (already percent-decoded) names under root, or NULL. */
static const tip_node *pointer_get(const tip_node *root, const char *p, size_t len)
{
	const tip_node *n = root;
	size_t i = 0;
	if (len > 0 && p[0] != '/')
		return NULL;
	while (i < len && n) {
		size_t start = ++i;
		while (i < len && p[i] != '/')
			i++;
		char token[1024];
		size_t k = 0;
		for (size_t j = start; j < i; j++) {
			if (k + 1 >= sizeof(token))
				return NULL;
			if (p[j] == '~') {
				if (j + 1 >= i || (p[j + 1] != '0' && p[j + 1] != '1'))
					return NULL;
				token[k++] = p[++j] == '0' ? '~' : '/';
			} else {
				token[k++] = p[j];
			}
		}
		const tip_node *next = NULL;
		if (n->type == TIP_NODE_MAP) {
			for (size_t m = 0; m < n->count && !next; m++) {
				const tip_node *key = n->pairs[m].key;
				if (key->len == k && memcmp(key->str, token, k) == 0)
					next = n->pairs[m].value;
			}
		} else if (n->type == TIP_NODE_SEQ && k > 0 && k <= 9 &&
			(token[0] != '0' || k == 1)) {
			size_t index = 0;
			for (size_t m = 0; m < k && index != SIZE_MAX; m++)
				index = token[m] >= '0' && token[m] <= '9'
					? index * 10 + (size_t)(token[m] - '0')
					: SIZE_MAX;
			next = index < n->count ? n->items[index] : NULL;
		}
		n = next;
	}
	return n;
}

static void collect_first(void *ctx, const tip_finding *f)
{
	char *first = ctx;
	if (first[0] == '\0')
		snprintf(first, 512, "%s:%u:%u: %s", f->file, f->line, f->col, f->message);
}

/* The name of path within the root schema's folder, or NULL when path lies anywhere else
 * (another folder, a subfolder, the folder itself): a $ref reads only the schema's siblings,
 * so that a schema cannot read files from elsewhere on the machine. */
static const char *sibling_name(const compiler *c, const char *path)
{
	size_t n = strlen(c->dir_abs);
	if (strncmp(path, c->dir_abs, n) != 0 || path[n] != '/')
		return NULL;
	const char *name = path + n + 1;
	if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return NULL;
	return name;
}

/* Reads path into *text (malloc'd, *len bytes) as tip_schema_load_file describes. */
static tip_error *read_schema_file(char **text, size_t *len, const char *path,
	const char *shown)
{
	*text = NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		tip_error *err = errno == ELOOP
			? tip_error_invalid("\"%s\" is a symbolic link, not a regular file", shown)
			: tip_error_from_errno("cannot read \"%s\"", shown);
		if (fd >= 0)
			close(fd);
		return err;
	}
	tip_error *err = NULL;
	size_t size = (size_t)st.st_size, got = 0;
	if (!S_ISREG(st.st_mode))
		err = tip_error_invalid("\"%s\" is not a regular file", shown);
	else if (st.st_size > TIP_SCHEMA_MAX_BYTES)
		err = tip_error_limit("\"%s\" is larger than %d KiB, too large for a schema", shown,
			TIP_SCHEMA_MAX_BYTES / 1024);
	else if (!(*text = malloc(size + 1)))
		err = tip_error_nomem();
	while (!err) {
		ssize_t r = read(fd, *text + got, size + 1 - got);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = tip_error_from_errno("cannot read \"%s\"", shown);
		else if ((got += (size_t)r) > size) /* it grew past the size checked */
			err = tip_error_conflict("\"%s\" changed while it was read", shown);
	}
	close(fd);
	if (err) {
		free(*text);
		*text = NULL;
	}
	*len = got;
	return err;
}

tip_error *tip_schema_load_file(tip_doc **out, const char *path, const char *shown,
	const tip_yaml_opts *opts)
{
	*out = NULL;
	char *text;
	size_t len = 0;
	tip_error *err = read_schema_file(&text, &len, path, shown ? shown : path);
	if (err)
		return err;
	err = tip_yaml_load(out, text, len, shown ? shown : path, opts);
	free(text);
	return err;
}

/* Loads the schema file a file: URI names, as a new resource. */
static tip_error *load_file(compiler *c, const char *uri, const pending_ref *p,
	resource **out)
{
	const char *path = file_uri_path(c->arena, uri);
	if (!path)
		return fail(p->file, p->ref, "cannot resolve $ref \"%s\": \"%s\" is not a local file",
			p->ref->str, uri);
	if (!sibling_name(c, path))
		return fail(p->file, p->ref,
			"cannot resolve $ref \"%s\": only schema files in the schema's own folder (%s) "
			"can be referred to",
			p->ref->str, c->dir_display[0] ? c->dir_display : ".");
	const char *shown = display_name(c, path);
	if (!shown)
		return tip_error_nomem();
	char first[512] = "";
	tip_yaml_opts opts = { .any_root = true, .finding = collect_first, .finding_ctx = first };
	tip_doc *doc = NULL;
	tip_error *err = tip_schema_load_file(&doc, path, shown, &opts);
	if (err) {
		tip_error *located = fail(p->file, p->ref, "cannot resolve $ref \"%s\": %s",
			p->ref->str, tip_error_message(err));
		tip_error_free(err);
		return located;
	}
	if (!doc)
		return fail(p->file, p->ref, "cannot resolve $ref \"%s\": %s", p->ref->str, first);
	if ((err = own(c, doc, NULL)))
		return err;
	const char *file = tip_arena_strdup(c->arena, shown);
	if (!file || (err = add_resource(c, uri, doc->root, file, NULL)))
		return err ? err : tip_error_nomem();
	if ((err = scan(c, doc->root, uri, file)))
		return err;
	*out = c->resources;
	return NULL;
}

static tip_error *link_ref(compiler *c, const pending_ref *p)
{
	const char *target = tip_uri_resolve(c->arena, p->base, p->ref->str);
	if (!target)
		return tip_error_nomem();
	size_t len = strcspn(target, "#");
	resource *r = find_resource(c, target, len);
	tip_error *err = NULL;
	if (!r) {
		if (strncmp(target, "file:", 5) != 0)
			return fail(p->file, p->ref,
				"cannot resolve $ref \"%s\" (remote references are not supported)",
				p->ref->str);
		const char *uri = tip_arena_strndup(c->arena, target, len);
		if (!uri)
			return tip_error_nomem();
		if ((err = load_file(c, uri, p, &r)))
			return err;
	}
	const char *fragment = target[len] == '#' ? target + len + 1 : "";
	size_t flen;
	char *pointer = percent_decode(c->arena, fragment, strlen(fragment), &flen);
	if (!pointer)
		return tip_error_nomem();
	if (flen > 0 && pointer[0] != '/')
		return fail(p->file, p->ref,
			"cannot resolve $ref \"%s\": plain-name fragments need \"$anchor\", which is "
			"not supported",
			p->ref->str);
	const tip_node *node = pointer_get(r->node, pointer, flen);
	if (!node)
		return fail(p->file, p->ref, "cannot resolve $ref \"%s\": %s has nothing at \"%s\"",
			p->ref->str, r->file, pointer);
	entry *re = table_find(c, r->node);
	return compile_at(c, node, re ? re->base : r->uri, r->file, &p->from->ref);
}

static tip_error *link_refs(compiler *c)
{
	while (c->pending) {
		pending_ref *p = c->pending;
		c->pending = p->next;
		tip_error *err = link_ref(c, p);
		if (err)
			return err;
	}
	return NULL;
}

/* ---- step 3: loops ---- */

enum { MARK_NONE, MARK_ACTIVE, MARK_DONE, MARK_HONOURED };

static tip_error *visit(snode *s, unsigned depth);

static tip_error *visit_list(snode *const *list, size_t n, unsigned depth)
{
	for (size_t i = 0; i < n; i++) {
		tip_error *err = visit(list[i], depth);
		if (err)
			return err;
	}
	return NULL;
}

/* Depth-first search over the edges that apply a schema to the same instance: $ref, allOf,
 * anyOf, oneOf, not, if/then/else and dependentSchemas. A cycle among those would make
 * validation recurse forever, so it is refused here. */
static tip_error *visit(snode *s, unsigned depth)
{
	if (!s || s->kind != SN_SCHEMA || s->mark == MARK_DONE)
		return NULL;
	if (s->mark == MARK_ACTIVE)
		return fail(s->file, s->ref_src ? s->ref_src : s->src,
			"$ref loop: the schema applies itself to the same value again without "
			"looking inside it, so validation could never finish");
	if (depth > 1000)
		return fail(s->file, s->src, "schema references nested too deeply");
	s->mark = MARK_ACTIVE;
	depth++;
	tip_error *err = visit(s->ref, depth);
	if (!err)
		err = visit_list(s->all_of, s->all_count, depth);
	if (!err)
		err = visit_list(s->any_of, s->any_count, depth);
	if (!err)
		err = visit_list(s->one_of, s->one_count, depth);
	for (size_t i = 0; !err && i < s->dependent_schema_count; i++)
		err = visit(s->dependent_schemas[i].schema, depth);
	snode *const singles[] = { s->not_schema, s->if_schema, s->then_schema, s->else_schema };
	if (!err)
		err = visit_list(singles, 4, depth);
	s->mark = MARK_DONE;
	return err;
}

static tip_error *check_loops(compiler *c)
{
	for (size_t i = 0; i < c->table_cap; i++) {
		tip_error *err = c->table[i].compiled ? visit(c->table[i].compiled, 0) : NULL;
		if (err)
			return err;
	}
	return NULL;
}

/* ---- the results callers ask for ---- */

/* Marks s and what it takes in through $ref and allOf (what tip_subschema_fields reads a
 * field's x-tip-personal from) as the schema of a top-level field. */
static void mark_honoured(snode *s, unsigned depth)
{
	if (!s || s->kind != SN_SCHEMA || depth > 64 || s->mark == MARK_HONOURED)
		return;
	s->mark = MARK_HONOURED;
	mark_honoured(s->ref, depth + 1);
	for (size_t i = 0; i < s->all_count; i++)
		mark_honoured(s->all_of[i], depth + 1);
}

/* x-tip-personal anywhere but on a top-level field (inside a list's items or an object, or on
 * the record as a whole) would be accepted and then shown by every command: refused. */
static tip_error *personal_only_on_fields(compiler *c)
{
	for (size_t i = 0; i < c->table_cap; i++) {
		const snode *s = c->table[i].compiled;
		if (s && s->kind == SN_SCHEMA && s->personal && s->mark != MARK_HONOURED)
			return fail(s->file, map_get(s->src, "x-tip-personal"), "\"x-tip-personal\" "
				"is only honoured on a top-level field of the record (or a schema such "
				"a field takes in through $ref or allOf), not inside a list's items or an "
				"object: make the personal data a field of its own");
	}
	return NULL;
}

static tip_error *finish(compiler *c)
{
	tip_schema *schema = c->schema;
	const tip_node *title = map_get(c->root, "title");
	if (title && is_text(title))
		schema->title = title->str;
	schema->ref_types = tip_arena_calloc(c->arena, c->ref_type_count + 1, sizeof(char *));
	if (!schema->ref_types)
		return tip_error_nomem();
	size_t k = c->ref_type_count;
	for (name_list *n = c->ref_types; n; n = n->next)
		schema->ref_types[--k] = n->name; /* back in the order they were written */
	schema->ref_type_count = c->ref_type_count;
	tip_field *fields;
	size_t count;
	tip_error *err = tip_subschema_fields(&fields, &count, tip_schema_root(schema));
	if (err)
		return err;
	schema->personal = tip_arena_calloc(c->arena, count + 1, sizeof(char *));
	for (size_t i = 0; schema->personal && i < count; i++) {
		mark_honoured((snode *)fields[i].schema, 0);
		if (fields[i].personal)
			schema->personal[schema->personal_count++] = fields[i].name;
	}
	free(fields);
	return schema->personal ? personal_only_on_fields(c) : tip_error_nomem();
}

/* Where relative references resolve from: base_path's folder, or the current directory. */
static tip_error *set_base(compiler *c, const char *base_path, const char **base_uri)
{
	const char *abs = absolute_path(c->arena, base_path ? base_path : ".");
	if (!abs)
		return tip_error_from_errno("cannot find the current directory");
	/* Resolving drops "." and ".." segments, so that files reached by $ref are named
	 * consistently. Without a file, "<cwd>/." becomes "<cwd>/": relative references
	 * resolve to the current directory's files. */
	const char *uri = file_uri(c->arena, abs);
	*base_uri = uri ? tip_uri_resolve(c->arena, "file:///", uri) : NULL;
	abs = *base_uri ? file_uri_path(c->arena, *base_uri) : NULL;
	c->dir_abs = abs ? dir_of(c->arena, abs) : NULL;
	c->dir_display = base_path ? dir_of(c->arena, base_path) : "";
	return c->dir_abs && c->dir_display ? NULL : tip_error_nomem();
}

static tip_error *compile(compiler *c, const tip_node *root, const char *base_path)
{
	const char *base = NULL;
	const char *file = base_path ? tip_arena_strdup(c->arena, base_path) : "<schema>";
	tip_error *err = file ? set_base(c, base_path, &base) : tip_error_nomem();
	if (!err)
		err = add_resource(c, base, root, file, NULL);
	if (!err)
		err = scan(c, root, base, file);
	if (!err)
		err = compile_at(c, root, base, file, &c->schema->root);
	if (!err)
		err = link_refs(c);
	if (!err)
		err = check_loops(c);
	return err ? err : finish(c);
}

static tip_error *compile_root(tip_schema **out, const tip_node *root, const char *base_path,
	tip_doc *doc)
{
	*out = NULL;
	tip_schema *schema = calloc(1, sizeof(*schema));
	tip_arena *arena = tip_arena_new();
	if (!schema || !arena) {
		free(schema);
		tip_arena_free(arena);
		tip_doc_free(doc);
		return tip_error_nomem();
	}
	schema->arena = arena;
	compiler c = { .schema = schema, .arena = arena, .root = root };
	tip_error *err = doc ? own(&c, doc, NULL) : NULL;
	if (!err)
		err = compile(&c, root, base_path);
	free(c.table);
	if (!err)
		err = tip_subschema_fields(&schema->fields, &schema->field_count,
			tip_schema_root(schema));
	if (err) {
		tip_schema_free(schema);
		return err;
	}
	*out = schema;
	return NULL;
}

tip_error *tip_schema_compile_node(tip_schema **out, const tip_node *root, const char *base_path)
{
	return compile_root(out, root, base_path, NULL);
}

tip_error *tip_schema_compile_file(tip_schema **out, const char *path)
{
	*out = NULL;
	char first[512] = "";
	tip_yaml_opts opts = { .any_root = true, .finding = collect_first, .finding_ctx = first };
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load_file(&doc, path, NULL, &opts);
	if (err)
		return err;
	if (!doc)
		return tip_error_invalid("%s", first[0] ? first : "the schema could not be loaded");
	return compile_root(out, doc->root, path, doc);
}

void tip_schema_free(tip_schema *schema)
{
	if (!schema)
		return;
	for (struct owned *o = schema->owned; o; o = o->next) {
		tip_doc_free(o->doc);
		tip_regex_free(o->re);
	}
	free(schema->fields);
	tip_arena_free(schema->arena);
	free(schema);
}

const char *tip_schema_collection(const tip_schema *schema)
{
	return schema->collection;
}

const char *tip_schema_title(const tip_schema *schema)
{
	return schema->title;
}

void tip_schema_ref_types(const tip_schema *schema, const char *const **out, size_t *count)
{
	*out = schema->ref_types;
	*count = schema->ref_type_count;
}

bool tip_schema_is_personal(const tip_schema *schema, const char *name)
{
	for (size_t i = 0; schema && i < schema->personal_count; i++)
		if (strcmp(schema->personal[i], name) == 0)
			return true;
	return !schema;
}

static tip_error *add_scalars(tip_buf *values, const tip_node *n)
{
	tip_error *err = NULL;
	switch (n->type) {
	case TIP_NODE_STR:
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT:
		if (n->str && *n->str)
			err = tip_buf_add(values, n->str, strlen(n->str) + 1);
		break;
	case TIP_NODE_SEQ:
		for (size_t i = 0; !err && i < n->count; i++)
			err = add_scalars(values, n->items[i]);
		break;
	case TIP_NODE_MAP:
		for (size_t i = 0; !err && i < n->count; i++)
			err = add_scalars(values, n->pairs[i].value);
		break;
	case TIP_NODE_NULL:
	case TIP_NODE_BOOL:
		break;
	}
	return err;
}

tip_error *tip_schema_personal_values(tip_buf *values, const tip_schema *schema,
	const tip_node *root)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && root && root->type == TIP_NODE_MAP && i < root->count; i++)
		if (tip_schema_is_personal(schema, root->pairs[i].key->str))
			err = add_scalars(values, root->pairs[i].value);
	return err;
}

void tip_schema_personal_properties(const tip_schema *schema, const char *const **out,
	size_t *count)
{
	*out = schema->personal;
	*count = schema->personal_count;
}
