#include "assign.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "fold.h"
#include "store.h"
#include "suggest.h"

tip_error *tip_assignment_parse(tip_assignment *out, const char *text)
{
	memset(out, 0, sizeof(*out));
	const char *eq = strchr(text, '=');
	if (!eq || eq == text)
		return tip_error_invalid("'%s' is not FIELD=VALUE (or FIELD+=VALUE, FIELD-=VALUE, "
					 "FIELD= to remove)", text);
	const char *name_end = eq;
	out->op = TIP_ASSIGN_SET;
	if (eq[-1] == '+' || eq[-1] == '-') {
		out->op = eq[-1] == '+' ? TIP_ASSIGN_APPEND : TIP_ASSIGN_REMOVE;
		name_end--;
	}
	if (name_end == text)
		return tip_error_invalid("'%s' names no field before '='", text);
	out->field = strndup(text, (size_t)(name_end - text));
	out->value = strdup(eq + 1);
	if (!out->field || !out->value) {
		tip_assignment_dispose(out);
		return tip_error_nomem();
	}
	return NULL;
}

void tip_assignment_dispose(tip_assignment *a)
{
	free(a->field);
	free(a->value);
	a->field = a->value = NULL;
	tip_buf_dispose(&a->notes);
}

void tip_assign_items_free(char **items, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(items[i]);
	free(items);
}

/* One item of a comma list: unescapes "\," and trims surrounding spaces. */
static char *list_item(const char *start, const char *end)
{
	while (start < end && (*start == ' ' || *start == '\t'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	char *item = malloc((size_t)(end - start) + 1);
	if (!item)
		return NULL;
	size_t n = 0;
	for (const char *p = start; p < end; p++) {
		if (*p == '\\' && p + 1 < end && p[1] == ',')
			p++;
		item[n++] = *p;
	}
	item[n] = '\0';
	return item;
}

tip_error *tip_assign_split(char ***items, size_t *count, const char *text)
{
	*items = NULL;
	*count = 0;
	if (!*text)
		return NULL;
	size_t cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == ',';
	char **list = calloc(cap, sizeof(*list));
	if (!list)
		return tip_error_nomem();
	const char *start = text;
	for (const char *p = text;; p++) {
		if (*p && !(*p == ',' && (p == text || p[-1] != '\\')))
			continue;
		if (!(list[*count] = list_item(start, p))) {
			tip_assign_items_free(list, *count);
			return tip_error_nomem();
		}
		(*count)++;
		if (!*p)
			break;
		start = p + 1;
	}
	*items = list;
	return NULL;
}

static bool parse_integer(const char *text)
{
	errno = 0;
	char *end;
	(void)strtoll(text, &end, 10);
	return *text && !errno && *end == '\0' && !strchr(text, ' ');
}

static bool parse_number(const char *text)
{
	errno = 0;
	char *end;
	double d = strtod(text, &end);
	return *text && !errno && *end == '\0' && isfinite(d) && !strchr(text, ' ');
}

/* How many bytes follow a UTF-8 sequence's first byte, or -1 when it cannot start one. */
static int utf8_continuations(unsigned char lead)
{
	if (lead < 0x80)
		return 0;
	if (lead >= 0xC2 && lead <= 0xDF)
		return 1;
	if ((lead & 0xF0) == 0xE0)
		return 2;
	return lead >= 0xF0 && lead <= 0xF4 ? 3 : -1;
}

/* True when s is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF):
 * what a record can hold. */
static bool is_utf8(const unsigned char *s)
{
	while (*s) {
		int extra = utf8_continuations(*s);
		if (extra < 0)
			return false;
		uint32_t cp = extra ? *s & (0x3Fu >> extra) : *s;
		for (int k = 1; k <= extra; k++) {
			if ((s[k] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[k] & 0x3Fu);
		}
		if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
			(extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return false;
		s += extra + 1;
	}
	return true;
}

/* Whether the YAML reader takes the node, made from text, for a value of this kind: strtoll
 * and strtod also accept leading white space and hexadecimal floats, which YAML reads as text. */
static bool reads_as(const tip_node *node, tip_value_kind kind)
{
	if (kind == TIP_VALUE_INTEGER)
		return node->type == TIP_NODE_INT;
	if (kind == TIP_VALUE_NUMBER)
		return node->type == TIP_NODE_INT || node->type == TIP_NODE_FLOAT;
	return true;
}

const char *tip_assign_choice(const char *const *choices, size_t count, const char *text)
{
	const char *found = NULL;
	size_t matches = 0;
	for (size_t i = 0; i < count; i++) {
		if (strcmp(choices[i], text) == 0)
			return choices[i];
		if (tip_fold_same(choices[i], text)) {
			found = choices[i];
			matches++;
		}
	}
	return matches == 1 ? found : NULL;
}

/* The enum a value of this kind comes from: the field's, or its items' for an item. */
static const char *const *enum_of(size_t *count, const tip_field *field, tip_value_kind kind)
{
	bool item = field->kind == TIP_VALUE_ARRAY && kind != TIP_VALUE_ARRAY;
	*count = item ? field->item_enum_count : field->enum_count;
	return item ? field->item_enum_values : field->enum_values;
}

static bool is_date_field(const tip_field *field, tip_value_kind kind)
{
	return kind == field->kind && field->format && strcmp(field->format, "date") == 0;
}

/* Text as the field keeps it: a choice as the schema spells it, a reference's id in lower
 * case, a date as YYYY-MM-DD (in iso) with a note of how it was read. */
static tip_error *spelled(const char **out, char *iso, tip_buf *notes, const tip_field *field,
	tip_value_kind kind, const char *text)
{
	size_t count;
	const char *const *choices = enum_of(&count, field, kind);
	const char *choice = choices ? tip_assign_choice(choices, count, text) : NULL;
	*out = choice ? choice : text;
	if (field->ref_type && !tip_record_id_valid(text, NULL)) {
		tip_folded folded;
		tip_error *err = tip_fold(&folded, text, strlen(text), false);
		if (err)
			return err;
		if (folded.len <= TIP_ID_MAX && tip_record_id_valid(folded.text, NULL))
			*out = memcpy(iso, folded.text, folded.len + 1);
		tip_folded_dispose(&folded);
	}
	if (!is_date_field(field, kind))
		return NULL;
	tip_date day;
	tip_error *err = tip_date_read(&day, text);
	if (err)
		return tip_error_wrap(err, "%s", field->name);
	tip_date_format(iso, day);
	*out = iso;
	char written[24];
	tip_date_format_long(written, sizeof(written), day);
	return strcmp(iso, text) == 0 || !notes ? NULL
		: tip_buf_addf(notes, "read %s as %s (%s)\n", text, written, iso);
}

tip_error *tip_assign_value(tip_node **out, tip_buf *notes, tip_doc *doc,
	const tip_field *field, tip_value_kind kind, const char *text)
{
	if (!is_utf8((const unsigned char *)text))
		return tip_error_invalid("%s: the value is not valid UTF-8", field->name);
	tip_node_type type = TIP_NODE_STR;
	const char *expected = NULL;
	char own[TIP_ID_MAX + TIP_DATE_LEN + 1];
	tip_error *err = NULL;
	switch (kind) {
	case TIP_VALUE_INTEGER:
		expected = "a whole number";
		if (!parse_integer(text))
			return tip_error_invalid("%s: '%s' is not %s", field->name, text, expected);
		type = TIP_NODE_INT;
		break;
	case TIP_VALUE_NUMBER:
		expected = "a number";
		if (!parse_number(text))
			return tip_error_invalid("%s: '%s' is not %s", field->name, text, expected);
		type = TIP_NODE_FLOAT;
		break;
	case TIP_VALUE_BOOLEAN: {
		const char *truth = tip_assign_choice((const char *const[]){ "true", "false" }, 2,
			text);
		if (!truth)
			return tip_error_invalid("%s: '%s' is not true or false",
				field->name, text);
		text = truth;
		type = TIP_NODE_BOOL;
		break;
	}
	case TIP_VALUE_OBJECT:
	case TIP_VALUE_ARRAY:
		return tip_error_invalid("%s: a list inside a list cannot be set this way: use "
					 "--file or tip edit", field->name);
	default:
		err = spelled(&text, own, notes, field, kind, text);
		break;
	}
	if (err)
		return err;
	*out = tip_doc_new_scalar(doc, type, text, strlen(text));
	if (!*out)
		return tip_error_nomem();
	if (!reads_as(*out, kind))
		return tip_error_invalid("%s: '%s' is not %s", field->name, text, expected);
	return NULL;
}

static tip_error *unknown_field(const tip_field *fields, size_t count, const char *name)
{
	tip_buf names = TIP_BUF_INIT;
	tip_error *err = NULL;
	tip_suggestions close;
	tip_suggest_start(&close, name);
	for (size_t i = 0; !err && i < count; i++) {
		err = tip_buf_addf(&names, "%s%s", i ? ", " : "", fields[i].name);
		tip_suggest_consider(&close, fields[i].name);
	}
	char hint[256];
	if (!err)
		err = tip_error_not_found("there is no field '%s' (fields: %s)%s", name,
			tip_buf_str(&names), tip_suggest_text(hint, sizeof(hint), &close, '\''));
	tip_buf_dispose(&names);
	return err;
}

/* The error for an item to remove that the list does not hold, with the items close to it
 * unless they are personal data. */
static tip_error *no_item(const tip_field *field, const tip_node *seq, const char *item)
{
	tip_suggestions close;
	tip_suggest_start(&close, item);
	for (size_t i = 0; !field->personal && i < seq->count; i++)
		if (seq->items[i]->type == TIP_NODE_STR)
			tip_suggest_consider(&close, seq->items[i]->str);
	char hint[256];
	return tip_error_not_found("%s has no item '%s'%s", field->name, item,
		tip_suggest_text(hint, sizeof(hint), &close, '\''));
}

/* The items of V as nodes appended to seq. */
static tip_error *append_items(tip_doc *doc, tip_buf *notes, tip_node *seq,
	const tip_field *field, const char *text)
{
	char **items;
	size_t count;
	tip_error *err = tip_assign_split(&items, &count, text);
	for (size_t i = 0; !err && i < count; i++) {
		tip_node *item;
		err = tip_assign_value(&item, notes, doc, field, field->item_kind, items[i]);
		if (!err)
			err = tip_doc_seq_append(doc, seq, item);
	}
	tip_assign_items_free(items, count);
	return err;
}

static tip_error *assign_array(tip_doc *doc, tip_buf *notes, const tip_field *field,
	const tip_assignment *a)
{
	tip_node *map = doc->root;
	tip_node *seq = (tip_node *)tip_node_get(map, field->name);
	if (seq && seq->type != TIP_NODE_SEQ)
		return tip_error_invalid("%s is not a list in this record: fix it with tip edit",
			field->name);
	if (a->op == TIP_ASSIGN_SET || !seq) {
		if (a->op == TIP_ASSIGN_REMOVE)
			return tip_error_invalid("%s has no items to remove", field->name);
		seq = tip_doc_new_seq(doc);
		if (!seq)
			return tip_error_nomem();
	}
	if (a->op != TIP_ASSIGN_REMOVE) {
		tip_error *err = append_items(doc, notes, seq, field, a->value);
		return err ? err : tip_doc_map_set(doc, map, field->name, seq);
	}
	tip_node *gone = tip_doc_new_seq(doc);
	tip_error *err = gone ? append_items(doc, notes, gone, field, a->value)
			      : tip_error_nomem();
	for (size_t i = 0; !err && i < gone->count; i++)
		if (!tip_doc_seq_remove(seq, gone->items[i]))
			err = no_item(field, seq, gone->items[i]->str);
	return err;
}

tip_error *tip_assign(tip_doc *doc, const tip_field *fields, size_t count,
	tip_assignment *a)
{
	const tip_field *field = tip_field_named(fields, count, a->field);
	if (!field)
		return unknown_field(fields, count, a->field);
	if (a->op == TIP_ASSIGN_SET && !*a->value) {
		if (field->required)
			return tip_error_invalid("%s is required: it cannot be removed",
				field->name);
		tip_doc_map_remove(doc->root, field->name);
		return NULL;
	}
	if (field->kind == TIP_VALUE_ARRAY)
		return assign_array(doc, &a->notes, field, a);
	if (a->op != TIP_ASSIGN_SET)
		return tip_error_invalid("%s is not a list: use %s=VALUE",
			field->name, field->name);
	if (field->kind == TIP_VALUE_OBJECT)
		return tip_error_invalid("%s is a group of fields: set it with --file or tip edit",
			field->name);
	tip_node *value;
	tip_error *err = tip_assign_value(&value, &a->notes, doc, field, field->kind, a->value);
	return err ? err : tip_doc_map_set(doc, doc->root, field->name, value);
}
