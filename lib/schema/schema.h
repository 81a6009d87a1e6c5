/* A JSON Schema (2020-12) engine for schemas written in YAML or JSON.
 *
 * A schema is compiled once into a tree of checks, then validates any number of documents,
 * reporting every finding (not only the first). Keywords that tip does not support are refused
 * at compile time with an error naming them; keywords starting with "x-" are extensions and
 * ignored, except tip's own: x-tip-ref, x-tip-personal, x-tip-message, x-tip-titles,
 * x-tip-collection. */
#ifndef TIP_SCHEMA_H
#define TIP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "yaml.h"

typedef struct tip_schema tip_schema;

/* Compiles the schema file at path (YAML or JSON). `$ref`s to sibling files
 * ("common.schema.yaml#/$defs/level") are loaded relative to path's folder, and only from
 * that folder itself (tip_schema_load_file). Problems with the
 * schema (YAML findings, unknown keywords, bad values, unresolvable references) are returned as
 * one error whose message names the file, line and column and the keyword. */
tip_error *tip_schema_compile_file(tip_schema **out, const char *path);

/* The most a schema file may hold: schemas are a few kilobytes. */
#define TIP_SCHEMA_MAX_BYTES (1 << 20)

/* Loads a schema file as tip_yaml_load does (shown names it in findings and errors; NULL =
 * path), reading only a regular file: never through a symbolic link, never waiting on a FIFO
 * or device, never more than TIP_SCHEMA_MAX_BYTES. A refusal is an error that says why
 * without quoting anything of the file. */
tip_error *tip_schema_load_file(tip_doc **out, const char *path, const char *shown,
	const tip_yaml_opts *opts);

/* Compiles a schema from an already loaded node. base_path is where relative `$ref`s to other
 * files resolve from (a file path; NULL = the current directory) and names the schema in
 * errors. The node must outlive the schema.
 *
 * `$id` sets the base URI of its subschema (RFC 3986 resolution); a `$ref` resolves against it
 * to a resource of the schema itself or, for a file: URI, to a file that is then loaded once,
 * which must lie in base_path's own folder (not below it) and is read by
 * tip_schema_load_file.
 * Any other target (an http URI that is no `$id` here) is refused: "cannot resolve $ref ...
 * (remote references are not supported)". JSON Pointer fragments are %-decoded; plain-name
 * fragments (anchors) are refused. A `$ref` cycle that never descends into the instance is
 * refused as a loop. */
tip_error *tip_schema_compile_node(tip_schema **out, const tip_node *root, const char *base_path);

void tip_schema_free(tip_schema *schema);

/* Looks up whether a record exists, for x-tip-ref: return true when `type` has a record `id`. */
typedef bool (*tip_ref_exists_fn)(void *ctx, const char *type, const char *id);

/* Gives the ids of type's records, for "did you mean" when an x-tip-ref names none: *ids
 * (owned by ctx) and *count; *count 0 when they are not known. */
typedef void (*tip_ref_ids_fn)(void *ctx, const char *type, const char *const **ids,
	size_t *count);

typedef struct tip_validate_opts {
	const char *file;            /* names the document in findings */
	tip_finding_fn finding;      /* receives every finding */
	void *finding_ctx;
	tip_ref_exists_fn ref_exists; /* NULL: x-tip-ref is not checked */
	tip_ref_ids_fn ref_ids;       /* NULL: no "did you mean" for a broken reference */
	void *ref_ctx;
	size_t max_steps; /* the work allowed for one value; 0 = TIP_SCHEMA_MAX_STEPS */
	size_t *steps;    /* when not NULL, receives the work done, in steps (for tests) */
} tip_validate_opts;

/* The work one validation may do, in steps: a schema applied to a value, two items of a
 * uniqueItems array compared, a value compared with one of an enum's, or eight units of a
 * pattern's matching work (as PCRE2's match limit counts them) is a step. Far beyond any
 * record's needs (a 100,000-item record takes a few hundred thousand), and a few seconds' work
 * at most. */
#define TIP_SCHEMA_MAX_STEPS ((size_t)50 * 1000 * 1000)

/* Validates instance and reports each finding: the instance path (JSON Pointer), the keyword
 * that failed, and the line and column of the offending value. Returns the number of
 * findings (0 = valid). Safe to call from several threads at once on one schema.
 *
 * Subschemas whose failures are part of the answer rather than findings (under anyOf, oneOf,
 * not, if, contains and propertyNames) report nothing themselves. When no alternative of anyOf
 * or oneOf matches and exactly one of them accepts the value's type (seen through $ref), that
 * alternative's findings are reported; otherwise one finding names the keyword. A value of the
 * wrong type gets only the `type` finding from that schema. The findings of a subschema with
 * x-tip-message become one finding with that message, at the place and with the keyword of
 * the first of them. */
size_t tip_schema_validate(const tip_schema *schema, const tip_node *instance,
	const tip_validate_opts *opts);

/* x-tip-collection of the root schema, or NULL. */
const char *tip_schema_collection(const tip_schema *schema);

/* The root schema's `title`, or NULL. */
const char *tip_schema_title(const tip_schema *schema);

/* The names of the types that x-tip-ref anywhere in the schema points at, for callers that need
 * to load those records first. *out is owned by the schema; *count its length. */
void tip_schema_ref_types(const tip_schema *schema, const char *const **out, size_t *count);

/* The names of the root schema's properties marked `x-tip-personal: true` (personal data),
 * in the order written. *out is owned by the schema; *count its length. */
void tip_schema_personal_properties(const tip_schema *schema, const char *const **out,
	size_t *count);

/* True when the root property name is marked x-tip-personal, or when schema is NULL (a
 * schema that does not compile, so that what is personal is not known). */
bool tip_schema_is_personal(const tip_schema *schema, const char *name);

/* Adds to values (each followed by a NUL) the text of every personal field of root, a record
 * of schema's type (root may be NULL; every field when schema is NULL): each string and
 * number inside such a field's value, for tip_buf_add_hiding. */
tip_error *tip_schema_personal_values(tip_buf *values, const tip_schema *schema,
	const tip_node *root);

/* ---- looking inside a schema: for prompts, the value syntax and the canonical emitter ---- */

/* The schema that applies at one place in a record (the root, a property, an array's items). */
typedef struct tip_subschema tip_subschema;

typedef enum tip_value_kind {
	TIP_VALUE_ANY, /* no single `type` (absent, or several) */
	TIP_VALUE_STRING,
	TIP_VALUE_INTEGER,
	TIP_VALUE_NUMBER,
	TIP_VALUE_BOOLEAN,
	TIP_VALUE_ARRAY,
	TIP_VALUE_OBJECT,
	TIP_VALUE_NULL,
} tip_value_kind;

/* One property of an object schema, with what its own schema says once $ref and allOf are
 * followed (a title or description beside a $ref wins over the target's). */
typedef struct tip_field {
	const char *name;
	const char *title;             /* NULL when none */
	const char *description;       /* NULL when none */
	const tip_node *default_value; /* NULL when none */
	tip_value_kind kind;
	const char *const *enum_values; /* the enum, when every value is a string */
	const char *const *enum_titles; /* x-tip-titles: each value's display name, or NULL */
	size_t enum_count;
	const char *format;       /* "date", "date-time", "email", "uri" or NULL */
	const char *ref_type;     /* x-tip-ref of the value, or of an array's items */
	tip_value_kind item_kind; /* for arrays: the items' kind */
	const char *const *item_enum_values; /* for arrays of enum strings */
	const char *const *item_enum_titles; /* their display names, as enum_titles */
	size_t item_enum_count;
	const char *item_title; /* for arrays: the items' title, or NULL */
	bool required;
	bool personal;                /* x-tip-personal */
	size_t max_length;            /* maxLength, SIZE_MAX when none */
	const tip_subschema *schema;  /* the property's schema */
	const tip_subschema *items;   /* for arrays: the items' schema, else NULL */
} tip_field;

/* The root schema. */
const tip_subschema *tip_schema_root(const tip_schema *schema);

/* The properties of an object schema, in the order written (following $ref, and allOf in
 * order). *out is allocated and the caller frees it with free(); the strings and nodes in it
 * belong to the schema. A schema without properties gives *count 0. */
tip_error *tip_subschema_fields(tip_field **out, size_t *count, const tip_subschema *schema);

/* The display name the schema gives value (x-tip-titles beside the enum of field, or of its
 * items), or NULL when it gives none. field may be NULL. */
const char *tip_field_value_title(const tip_field *field, const char *value);

/* The same for a top-level field of a record schema by name; value itself when the schema gives
 * no display name (so the result can always be shown). */
const char *tip_schema_value_title(const tip_schema *schema, const char *field, const char *value);

/* The field called name among count fields, or NULL. */
const tip_field *tip_field_named(const tip_field *fields, size_t count, const char *name);

/* Validates one value against a part of a schema, as tip_schema_validate does for a whole
 * record: a prompt checks each answer with it at once. */
size_t tip_subschema_validate(const tip_subschema *schema, const tip_node *value,
	const tip_validate_opts *opts);

#endif
