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

/* Whether the field's schema takes value (a field without one takes any). */
static bool schema_takes(const tip_field *field, const tip_node *value)
{
	tip_validate_opts opts = { .file = "" };
	return !field->schema || tip_subschema_validate(field->schema, value, &opts) == 0;
}

/* A value where the schema allows more than one kind (a milestone's done: true, false or a
 * date): the text as YAML reads a plain value when the schema takes that; otherwise yes or
 * no as true or false, or a date as a person writes it as YYYY-MM-DD, when the schema takes
 * that instead. Else the plain value, for the schema's check to say what is wrong. */
static tip_error *any_value(tip_node **out, tip_buf *notes, tip_doc *doc,
	const tip_field *field, const char *text)
{
	if (!(*out = tip_doc_new_scalar(doc, TIP_NODE_BOOL, text, strlen(text))))
		return tip_error_nomem();
	if (schema_takes(field, *out))
		return NULL;
	const char *truth = tip_fold_same(text, "yes") || tip_fold_same(text, "y") ? "true"
		: tip_fold_same(text, "no") || tip_fold_same(text, "n") ? "false" : NULL;
	tip_node *other = truth ? tip_doc_new_scalar(doc, TIP_NODE_BOOL, truth, strlen(truth))
		: NULL;
	tip_date day;
	char iso[TIP_DATE_LEN];
	tip_error *err = truth ? NULL : tip_date_read(&day, text);
	if (!truth && !err) {
		tip_date_format(iso, day);
		other = tip_doc_new_scalar(doc, TIP_NODE_STR, iso, strlen(iso));
	}
	tip_error_free(err);
	if (!other || !schema_takes(field, other))
		return NULL;
	*out = other;
	char written[24];
	if (truth || strcmp(iso, text) == 0 || !notes)
		return NULL;
	tip_date_format_long(written, sizeof(written), day);
	return tip_buf_addf(notes, "read %s as %s (%s)\n", text, written, iso);
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
	case TIP_VALUE_ANY:
		err = spelled(&text, own, notes, field, kind, text);
		return err ? err : any_value(out, notes, doc, field, text);
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

tip_error *tip_assign_field(const tip_field **out, const tip_field *fields, size_t count,
	const char *name)
{
	if ((*out = tip_field_named(fields, count, name)))
		return NULL;
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
	tip_assignment *a)
{
	tip_node *map = doc->root;
	tip_node *seq = (tip_node *)tip_node_get(map, field->name);
	if (seq && seq->type != TIP_NODE_SEQ)
		return tip_error_invalid("%s is not a list in this record: fix it with tip edit",
			field->name);
	if (field->item_kind == TIP_VALUE_OBJECT)
		return tip_assign_object_item(doc, field, seq, a);
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

static tip_error *remove_field(tip_doc *doc, const tip_field *field)
{
	if (field->required)
		return tip_error_invalid("%s is required: it cannot be removed", field->name);
	tip_doc_map_remove(doc->root, field->name);
	return NULL;
}

tip_error *tip_assign(tip_doc *doc, const tip_field *fields, size_t count,
	tip_assignment *a)
{
	const tip_field *field;
	tip_error *err = tip_assign_field(&field, fields, count, a->field);
	if (err)
		return err;
	if (a->op == TIP_ASSIGN_SET && !*a->value)
		return remove_field(doc, field);
	if (field->kind == TIP_VALUE_ARRAY)
		return assign_array(doc, &a->notes, field, a);
	if (a->op != TIP_ASSIGN_SET)
		return tip_error_invalid("%s is not a list: use %s=VALUE",
			field->name, field->name);
	if (field->kind == TIP_VALUE_OBJECT)
		return tip_error_invalid("%s is a group of fields: set it with --file or tip edit",
			field->name);
	tip_node *value;
	err = tip_assign_value(&value, &a->notes, doc, field, field->kind, a->value);
	return err ? err : tip_doc_map_set(doc, doc->root, field->name, value);
}

tip_error *tip_assign_merge(tip_doc *doc, const tip_field *fields, size_t count,
	const tip_node *map)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < map->count; i++) {
		const tip_field *field;
		tip_node *value = map->pairs[i].value;
		err = tip_assign_field(&field, fields, count, map->pairs[i].key->str);
		if (!err && value->type == TIP_NODE_NULL)
			err = remove_field(doc, field);
		else if (!err)
			err = tip_doc_map_set(doc, doc->root, field->name, value);
	}
	return err;
}

/* ---- items of a list of groups of fields (a course's sessions, an action's milestones):
 * "KEY=VALUE,KEY=VALUE" or a flow mapping "{key: value, ...}", each value read by the item
 * schema's field as a top-level value is read by its field ---- */

/* The list being changed and its items' fields. */
struct item_run {
	tip_doc *doc;
	tip_buf *notes; /* how values were read, as tip_assign_value says */
	const tip_field *field;
	tip_field *subs;
	size_t count;
};

/* Reads one KEY=VALUE of a comma list. A value (or key) that starts with a quotation mark
 * ("..." or '...') runs to the matching one, commas and equals signs included; elsewhere a
 * quotation mark is itself (the city's, "a, b"). A backslash keeps the comma, quotation mark,
 * equals sign or backslash after it. *p moves to the comma that ends the pair, or the end. */
static tip_error *read_pair(tip_buf *key, tip_buf *value, bool *has_value, const char **p)
{
	tip_buf *into = key;
	char quote = 0;
	bool at_start = true; /* nothing but spaces yet in this key or value */
	tip_error *err = NULL;
	for (; !err && **p && (quote || **p != ','); (*p)++) {
		char c = **p;
		if (quote && c == quote) {
			quote = 0;
		} else if (at_start && (c == '"' || c == '\'')) {
			quote = c;
		} else if (c == '\\' && (*p)[1] && strchr(",\"'=\\", (*p)[1])) {
			err = tip_buf_addc(into, *++*p);
		} else if (!quote && c == '=' && into == key) {
			into = value;
			at_start = true;
			continue;
		} else {
			err = tip_buf_addc(into, c);
		}
		at_start = at_start && (c == ' ' || c == '\t');
	}
	*has_value = into == value;
	if (!err && quote)
		return tip_error_invalid("a quotation mark (%c) is not closed", quote);
	return err;
}

/* The buffer's text without the spaces around it. */
static const char *trimmed(tip_buf *b)
{
	const char *s = tip_buf_str(b);
	while (*s == ' ' || *s == '\t')
		s++;
	while (b->len && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t'))
		b->data[--b->len] = '\0';
	return s;
}

/* A sub-field's value from its text. Where the schema allows more than one kind (a milestone's
 * done: true or a date), the text is read as YAML reads a plain value. */
static tip_error *sub_value(tip_node **out, tip_buf *notes, tip_doc *doc, const tip_field *sub,
	const char *text)
{
	return tip_assign_value(out, notes, doc, sub, sub->kind, text);
}

static tip_error *add_pair(struct item_run *r, tip_node *item, const char *key,
	const tip_node *given, const char *text)
{
	/* items whose schema names no fields take any, read as YAML reads a plain value */
	tip_field any = { .name = key, .kind = TIP_VALUE_ANY };
	const tip_field *sub = &any;
	tip_error *err = r->count ? tip_assign_field(&sub, r->subs, r->count, key) : NULL;
	if (!err && tip_node_get(item, key))
		return tip_error_invalid("%s is given twice", key);
	tip_node *value = (tip_node *)given;
	if (!err && !given)
		err = sub_value(&value, r->notes, r->doc, sub, text);
	return err ? err : tip_doc_map_set(r->doc, item, sub->name, value);
}

static tip_error *item_from_pairs(struct item_run *r, tip_node *item, const char *text)
{
	tip_buf key = TIP_BUF_INIT, value = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (const char *p = text; !err;) {
		const char *start = p;
		bool has_value;
		err = read_pair(&key, &value, &has_value, &p);
		if (!err && !has_value)
			err = tip_error_invalid("'%.*s' is not KEY=VALUE", (int)(p - start), start);
		if (!err)
			err = add_pair(r, item, trimmed(&key), NULL, trimmed(&value));
		if (!*p)
			break;
		p++;
		tip_buf_reset(&key);
		tip_buf_reset(&value);
	}
	tip_buf_dispose(&key);
	tip_buf_dispose(&value);
	return err;
}

/* Scalars are read by the sub-field's schema from their text ({attendees: "7"} is a number);
 * a null leaves the sub-field out; lists and mappings are kept as written. */
static tip_error *item_from_flow(struct item_run *r, tip_node *item, const char *text)
{
	tip_yaml_opts opts = { .arena = r->doc->arena };
	tip_doc *flow = NULL;
	tip_error *err = tip_yaml_load(&flow, text, strlen(text), "--set", &opts);
	if (!err && !flow)
		return tip_error_invalid("'%s' is not a mapping: write {KEY: VALUE, ...}", text);
	for (size_t i = 0; !err && i < flow->root->count; i++) {
		const tip_pair *pair = &flow->root->pairs[i];
		bool nested = pair->value->type == TIP_NODE_SEQ || pair->value->type == TIP_NODE_MAP;
		if (pair->value->type != TIP_NODE_NULL)
			err = add_pair(r, item, pair->key->str, nested ? pair->value : NULL,
				pair->value->str);
	}
	tip_doc_free(flow);
	return err;
}

static tip_error *parse_item(tip_node **out, struct item_run *r, const char *text)
{
	const char *start = text + strspn(text, " \t");
	if (!*start)
		return tip_error_invalid("give the item as KEY=VALUE,KEY=VALUE or {KEY: VALUE, ...}");
	*out = tip_doc_new_map(r->doc);
	if (!*out)
		return tip_error_nomem();
	return *start == '{' ? item_from_flow(r, *out, start) : item_from_pairs(r, *out, start);
}

/* True when every field of pattern has the same value in item. */
static bool matches(const tip_node *item, const tip_node *pattern)
{
	if (item->type != TIP_NODE_MAP)
		return false;
	for (size_t i = 0; i < pattern->count; i++) {
		const tip_node *v = tip_node_get(item, pattern->pairs[i].key->str);
		if (!v || !tip_node_equal(v, pattern->pairs[i].value))
			return false;
	}
	return true;
}

/* "{date: 2026-11-20, attendees: 18}". (A schema cannot mark a field inside a list's items
 * personal: none is hidden.) */
static tip_error *describe_item(tip_buf *out, const tip_node *item)
{
	tip_error *err = tip_buf_adds(out, "{");
	for (size_t i = 0; !err && i < item->count; i++) {
		const tip_pair *pair = &item->pairs[i];
		const tip_node *v = pair->value;
		const char *shown = v->type == TIP_NODE_SEQ ? "[...]"
			: v->type == TIP_NODE_MAP ? "{...}" : v->str;
		err = tip_buf_addf(out, "%s%s: %s", i ? ", " : "", pair->key->str, shown);
	}
	return err ? err : tip_buf_adds(out, "}");
}

static tip_error *ambiguous(const tip_node *seq, const tip_node *pattern, const char *text,
	size_t found)
{
	tip_buf list = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < seq->count; i++)
		if (matches(seq->items[i], pattern) && !(err = tip_buf_adds(&list,
				list.len ? ", " : "")))
			err = describe_item(&list, seq->items[i]);
	if (!err)
		err = tip_error_invalid("%zu items match %s: %s: give more fields to pick one",
			found, text, tip_buf_str(&list));
	tip_buf_dispose(&list);
	return err;
}

static tip_error *remove_item(tip_node *seq, const tip_node *pattern, const char *text)
{
	size_t found = 0, at = 0;
	for (size_t i = 0; seq && i < seq->count; i++)
		if (matches(seq->items[i], pattern)) {
			found++;
			at = i;
		}
	if (!found)
		return tip_error_not_found("no item matches %s", text);
	if (found > 1)
		return ambiguous(seq, pattern, text, found);
	memmove(&seq->items[at], &seq->items[at + 1], (seq->count - at - 1) * sizeof(*seq->items));
	seq->count--;
	return NULL;
}

static tip_error *change_list(struct item_run *r, tip_node *seq, const tip_assignment *a)
{
	if (a->op == TIP_ASSIGN_SET && seq && seq->count)
		return tip_error_invalid("it has %zu item%s, which this would replace: add one with "
					 "%s+=KEY=VALUE,..., remove one with %s-=KEY=VALUE",
			seq->count, seq->count == 1 ? "" : "s", r->field->name, r->field->name);
	tip_node *item = NULL;
	tip_error *err = parse_item(&item, r, a->value);
	if (err || a->op == TIP_ASSIGN_REMOVE)
		return err ? err : remove_item(seq, item, a->value);
	if (!seq && !(seq = tip_doc_new_seq(r->doc)))
		return tip_error_nomem();
	err = tip_doc_seq_append(r->doc, seq, item);
	return err ? err : tip_doc_map_set(r->doc, r->doc->root, r->field->name, seq);
}

tip_error *tip_assign_object_item(tip_doc *doc, const tip_field *field, tip_node *seq,
	tip_assignment *a)
{
	struct item_run r = { .doc = doc, .notes = &a->notes, .field = field };
	tip_error *err = field->items ? tip_subschema_fields(&r.subs, &r.count, field->items)
				      : NULL;
	if (!err)
		err = change_list(&r, seq, a);
	free(r.subs);
	return err ? tip_error_wrap(err, "%s", field->name) : NULL;
}
