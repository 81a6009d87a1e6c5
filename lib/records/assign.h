/* The value syntax of `tip add --set` and `tip set`, schema-aware:
 *   F=V    sets the field (for an array: the list, items split on commas, "\," is a comma)
 *   F+=V   appends to an array (V may list several, comma-separated)
 *   F-=V   removes matching items from an array
 *   F=     removes an optional field
 * In a list of groups of fields (sessions) an item is KEY=VALUE pairs separated by commas
 * (a value in quotation marks may hold commas) or a flow mapping {key: value, ...}; F+=
 * appends one, F-= removes the one item whose fields match those given.
 * Numbers and booleans are parsed only where the schema says the field is one; elsewhere "12"
 * and "true" stay text. Values are read as people write them and stored as the schema wants
 * them: a choice (an enum's value, true or false, a reference's id) in any case, as the schema
 * spells it; a date (format: date) as tip_date_read reads it, as YYYY-MM-DD. */
#ifndef TIP_ASSIGN_H
#define TIP_ASSIGN_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "schema.h"
#include "yaml.h"

typedef enum tip_assign_op { TIP_ASSIGN_SET, TIP_ASSIGN_APPEND, TIP_ASSIGN_REMOVE } tip_assign_op;

typedef struct tip_assignment {
	char *field;
	char *value; /* "" for F= */
	tip_assign_op op;
	tip_buf notes; /* after tip_assign: how values not taken as written were read, a line
	                * each ("read 1/3/2026 as 1 March 2026 (2026-03-01)") */
} tip_assignment;

/* Parses "F=V", "F+=V", "F-=V" or "F=". */
tip_error *tip_assignment_parse(tip_assignment *out, const char *text);
void tip_assignment_dispose(tip_assignment *a);

/* The value text converted for a field of this kind (the field's own, or its items'): a
 * string, an integer, a number or a boolean node in doc, or an error saying what was expected.
 * When the value is not taken as written (a date not written YYYY-MM-DD), a line saying how it
 * was read is added to notes (may be NULL). */
tip_error *tip_assign_value(tip_node **out, tip_buf *notes, tip_doc *doc,
	const tip_field *field, tip_value_kind kind, const char *text);

/* The one of choices that text stands for: itself, or the one choice that is the same once
 * case and accents are left aside (tip_fold); NULL when none or several are. */
const char *tip_assign_choice(const char *const *choices, size_t count, const char *text);

/* The field called name, or an error listing the fields there are. */
tip_error *tip_assign_field(const tip_field **out, const tip_field *fields, size_t count,
	const char *name);

/* Applies the assignment to the record doc (a mapping), given its type's fields. Unknown
 * fields, fields that hold groups of fields (objects), a required field removed, and values
 * of the wrong kind are errors naming the field. */
tip_error *tip_assign(tip_doc *doc, const tip_field *fields, size_t count,
	tip_assignment *a);

/* Sets each field of map (a mapping whose nodes live in doc's arena) in the record doc;
 * a null removes the field. Unknown fields and a required field removed are errors. */
tip_error *tip_assign_merge(tip_doc *doc, const tip_field *fields, size_t count,
	const tip_node *map);

/* The assignment a to field, a list of groups of fields whose list in doc is seq (NULL when
 * the record has none): F+=ITEM appends the item, F-=ITEM removes the one item whose fields
 * match ITEM's (an error naming them when several do), F=ITEM is refused when the list has
 * items (it would replace them). ITEM is "KEY=VALUE,..." or "{KEY: VALUE, ...}"; values are
 * read by the item schema's fields. Errors start with the field's name. */
tip_error *tip_assign_object_item(tip_doc *doc, const tip_field *field, tip_node *seq,
	tip_assignment *a);

/* Splits an array value on commas not escaped by a backslash; items are trimmed of spaces.
 * *items (and each item) are allocated; free with tip_assign_items_free. */
tip_error *tip_assign_split(char ***items, size_t *count, const char *text);
void tip_assign_items_free(char **items, size_t count);

#endif
