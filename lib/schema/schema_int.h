/* The compiled form of a schema, shared by the compiler (schema.c) and the validator
 * (schema_validate.c). Not part of the public API. */
#ifndef TIP_SCHEMA_INT_H
#define TIP_SCHEMA_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "regex.h"
#include "schema.h"
#include "schema_format.h"

/* Instance kinds as bits, for `type`. An integer instance satisfies "integer" and "number". */
enum {
	SK_NULL = 1 << 0,
	SK_BOOLEAN = 1 << 1,
	SK_INTEGER = 1 << 2,
	SK_NUMBER = 1 << 3,
	SK_STRING = 1 << 4,
	SK_ARRAY = 1 << 5,
	SK_OBJECT = 1 << 6,
};

/* Which optional numeric keywords a schema has. */
enum {
	HAS_MINIMUM = 1 << 0,
	HAS_MAXIMUM = 1 << 1,
	HAS_EXCLUSIVE_MINIMUM = 1 << 2,
	HAS_EXCLUSIVE_MAXIMUM = 1 << 3,
	HAS_MULTIPLE_OF = 1 << 4,
};

typedef enum snode_kind { SN_TRUE, SN_FALSE, SN_SCHEMA } snode_kind;

typedef struct snode snode;

/* A numeric limit as written: an exact integer when the schema wrote one, else a double. */
typedef struct snum {
	bool is_int;
	int64_t i;
	double d;
	const tip_node *src;
} snum;

typedef struct sprop {
	const tip_node *name; /* a string node: str, len */
	uint32_t hash;
	snode *schema;
} sprop;

typedef struct spattern {
	const tip_node *src; /* the pattern's string node */
	const tip_regex *re;
	snode *schema;
} spattern;

typedef struct sdepreq {
	const tip_node *name;
	const tip_node *names; /* a sequence of string nodes */
} sdepreq;

struct snode {
	snode_kind kind;
	unsigned types;         /* SK_* bits allowed by `type`; 0 = no `type` keyword */
	unsigned has;           /* HAS_* bits */
	const tip_node *src;    /* the schema node itself */
	const char *file;       /* the file it was written in */

	const tip_node *enum_values; /* a sequence, or NULL */
	const char *const *enum_strings; /* the enum's values when all are text, else NULL */
	const char *const *enum_titles;  /* x-tip-titles: each value's display name or NULL */
	const tip_node *titles;          /* the x-tip-titles mapping, until checked */
	size_t enum_string_count;
	const tip_node *const_value; /* NULL when absent (a `const: null` is a null node) */

	snum minimum, maximum, exclusive_minimum, exclusive_maximum, multiple_of;

	size_t min_length, max_length; /* max SIZE_MAX = none */
	const spattern *pattern;       /* schema unused */
	tip_format format;

	size_t min_items, max_items;
	bool unique_items;
	snode **prefix_items;
	size_t prefix_count;
	snode *items;
	snode *contains;
	size_t min_contains, max_contains;

	size_t min_properties, max_properties;
	const tip_node **required;
	size_t required_count;
	sprop *properties;
	size_t property_count;
	uint32_t *property_table; /* open addressing over properties (index + 1), or NULL */
	uint32_t property_mask;
	spattern *pattern_properties;
	size_t pattern_count;
	snode *additional_properties;
	snode *property_names;
	sdepreq *dependent_required;
	size_t dependent_required_count;
	sprop *dependent_schemas;
	size_t dependent_schema_count;

	snode **all_of, **any_of, **one_of;
	size_t all_count, any_count, one_count;
	snode *not_schema, *if_schema, *then_schema, *else_schema;
	snode *ref;
	const tip_node *ref_src; /* the $ref string, for messages */

	const char *tip_ref; /* x-tip-ref: the record type */
	bool personal;       /* x-tip-personal */
	const char *message; /* x-tip-message: what to say when the value fails this schema */
	unsigned char mark;  /* used while compiling, to find $ref loops */
};

struct tip_schema {
	struct tip_arena *arena;
	snode *root;
	bool uses_regex;
	const char *collection;
	const char *title;
	const char **ref_types;
	size_t ref_type_count;
	const char **personal;  /* root properties with x-tip-personal: true */
	size_t personal_count;
	struct owned *owned; /* documents and regexes to free with the schema */
	struct tip_field *fields; /* the root's properties, for display names */
	size_t field_count;
};

/* FNV-1a, for property lookups. */
static inline uint32_t tip_schema_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

#endif
