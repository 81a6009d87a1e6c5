/* A change set in words and as JSON, as tip log and tip diff tell it. */
#include "change_words.h"

#include <string.h>

#include "emit.h"
#include "jsonw.h"

/* ---- changes in words ---- */

const char *tip_changes_change_name(tip_history_change change)
{
	switch (change) {
	case TIP_HISTORY_ADDED: return "added";
	case TIP_HISTORY_REMOVED: return "removed";
	case TIP_HISTORY_CHANGED: return "changed";
	case TIP_HISTORY_UNREADABLE: break;
	}
	return "unreadable";
}

const char *tip_changes_unreadable_side(unsigned sides)
{
	return sides == (TIP_HISTORY_BEFORE | TIP_HISTORY_AFTER) ? "both"
		: sides == TIP_HISTORY_BEFORE ? "before" : sides == TIP_HISTORY_AFTER ? "after"
		: NULL;
}

bool tip_changes_is_personal(const tip_type *type, const char *field)
{
	return tip_schema_is_personal(type->schema, field);
}

/* Text that reads the same printed bare: not empty, no control characters, no spaces at
 * either end, not "(none)". */
static bool is_bare_text(const tip_node *n)
{
	if (n->type != TIP_NODE_STR || !n->len || n->str[0] == ' ' || n->str[n->len - 1] == ' ' ||
	    strcmp(n->str, "(none)") == 0)
		return false;
	for (size_t i = 0; i < n->len; i++)
		if ((unsigned char)n->str[i] < 0x20 || n->str[i] == 0x7f)
			return false;
	return true;
}

tip_error *tip_changes_add_value(tip_buf *b, const tip_node *n)
{
	if (!n)
		return tip_buf_adds(b, "(none)");
	return is_bare_text(n) ? tip_buf_add(b, n->str, n->len) : tip_emit_json(b, n);
}

static tip_error *add_items(tip_buf *b, const tip_field_diff *d)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < d->added_count + d->removed_count; i++) {
		bool added = i < d->added_count;
		err = tip_buf_adds(b, i ? ", " : "");
		if (!err)
			err = tip_buf_adds(b, added ? "+ " : "- ");
		if (!err)
			err = tip_changes_add_value(b,
				added ? d->added[i] : d->removed[i - d->added_count]);
	}
	return err;
}

tip_error *tip_changes_add_words(tip_buf *b, const tip_field_diff *d)
{
	tip_error *err = NULL;
	switch (d->change) {
	case TIP_FIELD_ITEMS: return add_items(b, d);
	case TIP_FIELD_ORDER: return tip_buf_adds(b, "reordered");
	case TIP_FIELD_NESTED: return tip_buf_adds(b, "changed");
	case TIP_FIELD_VALUE:
		err = tip_changes_add_value(b, d->from);
		if (!err)
			err = tip_buf_adds(b, " → ");
		if (!err)
			err = tip_changes_add_value(b, d->to);
		break;
	}
	return err;
}

tip_error *tip_changes_add_field_words(tip_buf *out, const tip_type *type,
	const tip_field_diff *diff, const char *between, bool hide_personal)
{
	tip_error *err = tip_buf_addf(out, "%s%s", diff->field, between);
	if (!err && hide_personal && tip_changes_is_personal(type, diff->field))
		return tip_buf_adds(out, "changed");
	return err ? err : tip_changes_add_words(out, diff);
}

/* ---- changes as JSON ---- */

static tip_error *json_value(tip_buf *b, const char *key, const tip_node *value)
{
	tip_error *err = tip_json_add_key(b, key, false);
	if (!err && !value)
		return tip_buf_adds(b, "null");
	return err ? err : tip_emit_json(b, value);
}

static tip_error *json_nodes(tip_buf *b, const char *key, const tip_node *const *nodes,
	size_t count)
{
	tip_error *err = tip_json_add_key(b, key, false);
	if (!err)
		err = tip_buf_addc(b, '[');
	for (size_t i = 0; !err && i < count; i++) {
		err = i ? tip_buf_addc(b, ',') : NULL;
		if (!err)
			err = tip_emit_json(b, nodes[i]);
	}
	return err ? err : tip_buf_addc(b, ']');
}

/* A personal field: its name, and null where its values would be. */
static tip_error *json_withheld(tip_buf *b, const tip_field_diff *d)
{
	tip_error *err = tip_json_add_string(b, "field", d->field, true);
	return err ? err : tip_buf_adds(b, ",\"from\":null,\"to\":null,\"added\":null,"
				       "\"removed\":null,\"personal\":true}");
}

static tip_error *json_field(tip_buf *b, const tip_field_diff *d, const tip_type *type,
	bool hide_personal)
{
	tip_error *err = tip_buf_addc(b, '{');
	bool personal = tip_changes_is_personal(type, d->field);
	if (!err && hide_personal && personal)
		return json_withheld(b, d);
	if (!err)
		err = tip_json_add_string(b, "field", d->field, true);
	if (!err)
		err = json_value(b, "from", d->from);
	if (!err)
		err = json_value(b, "to", d->to);
	if (!err)
		err = json_nodes(b, "added", d->added, d->added_count);
	if (!err)
		err = json_nodes(b, "removed", d->removed, d->removed_count);
	if (!err)
		err = tip_buf_adds(b, personal ? ",\"personal\":true" : ",\"personal\":false");
	return err ? err : tip_buf_addc(b, '}');
}

tip_error *tip_changes_add_json(tip_buf *b, const tip_history_record *r, bool hide_personal)
{
	tip_error *err = tip_buf_addc(b, '{');
	if (!err)
		err = tip_json_add_string(b, "type", r->type->name, true);
	if (!err)
		err = tip_json_add_string(b, "id", r->id, false);
	if (!err)
		err = tip_json_add_string(b, "path", r->path, false);
	if (!err)
		err = tip_json_add_string(b, "change", tip_changes_change_name(r->change), false);
	if (!err)
		err = tip_json_add_string(b, "unreadable",
			tip_changes_unreadable_side(r->unreadable), false);
	if (!err)
		err = tip_json_add_key(b, "fields", false);
	if (!err)
		err = tip_changes_add_fields_json(b, r, hide_personal);
	return err ? err : tip_buf_addc(b, '}');
}

tip_error *tip_changes_add_fields_json(tip_buf *b, const tip_history_record *r,
	bool hide_personal)
{
	tip_error *err = tip_buf_addc(b, '[');
	for (size_t i = 0; !err && i < r->field_count; i++) {
		err = i ? tip_buf_addc(b, ',') : NULL;
		if (!err)
			err = json_field(b, &r->fields[i], r->type, hide_personal);
	}
	return err ? err : tip_buf_addc(b, ']');
}
