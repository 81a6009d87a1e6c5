/* A change set (changes.h, history.h) in words and as JSON, as tip log and tip diff tell it.
 * Needs no git: it reads the differences the store found. */
#ifndef TIP_CHANGE_WORDS_H
#define TIP_CHANGE_WORDS_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"
#include "field_diff.h"
#include "history.h"
#include "store.h"

/* ---- changes in words, as tip log and tip diff tell them ---- */

/* "added", "removed", "changed" or "unreadable". */
const char *tip_changes_change_name(tip_history_change change);

/* Which versions do not load: "before", "after", "both"; NULL when none. */
const char *tip_changes_unreadable_side(unsigned sides);

/* True when the field holds personal data (x-tip-personal in its type's schema), or when the
 * type's schema does not compile, so that it is not known. */
bool tip_changes_is_personal(const tip_type *type, const char *field);

/* Appends a value for people: "(none)" when absent, text as it is, anything else as JSON. */
tip_error *tip_changes_add_value(tip_buf *out, const tip_node *value);

/* Appends how the field changed: "skilled → enhanced" (an absent value is "(none)"),
 * "+ parents-carers, - staff" for a list's items, "reordered", or "changed" for a mapping.
 * Text shows as it is; other values, and text that is empty, has spaces at either end or
 * control characters, as JSON. */
tip_error *tip_changes_add_words(tip_buf *out, const tip_field_diff *diff);

/* "field: " and how it changed (tip_changes_add_words), joined by between (": ", " "); for a
 * personal field of type when hide_personal, "changed" instead of its values. */
tip_error *tip_changes_add_field_words(tip_buf *out, const tip_type *type,
	const tip_field_diff *diff, const char *between, bool hide_personal);

/* Appends the record as one JSON object: type, id, path, change, unreadable (the versions
 * that do not load, else null) and fields, each {field, from, to, added, removed, personal}
 * (personal: whether the field holds personal data). With hide_personal a personal field's
 * from, to, added and removed are null: its values are not shown. */
tip_error *tip_changes_add_json(tip_buf *out, const tip_history_record *record,
	bool hide_personal);

/* Appends only the array of the record's fields, each as tip_changes_add_json gives it. */
tip_error *tip_changes_add_fields_json(tip_buf *out, const tip_history_record *record,
	bool hide_personal);

#endif
