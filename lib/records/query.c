#include "query.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "buf.h"
#include "date.h"
#include "fold.h"
#include "schema.h"
#include "suggest.h"

typedef enum op { OP_EQ, OP_NE, OP_MATCH, OP_LT, OP_LE, OP_GT, OP_GE } op;

/* How a field's values compare. */
typedef enum cmp { CMP_TEXT, CMP_NUMBER, CMP_DATE, CMP_BOOL } cmp;

typedef struct filter {
	const char *field; /* belongs to the schema, or "id" */
	bool is_id;
	op op;
	cmp cmp;
	char *value;
	size_t value_len;
	tip_folded folded; /* OP_MATCH: the value folded (tip_fold) */
	double number;  /* CMP_NUMBER */
	bool boolean;   /* CMP_BOOL */
} filter;

struct tip_query {
	const tip_type *type;
	bool include_personal;
	tip_field *fields;
	size_t field_count;
	filter *filters;
	size_t filter_count;
	const char *sort_field; /* NULL: by id */
	bool descending;
};

tip_error *tip_query_new(tip_query **out, const tip_type *type, bool include_personal)
{
	*out = NULL;
	if (!type->schema)
		return tip_error_invalid("%s does not compile: run tip validate to see why",
			type->schema_file);
	tip_query *q = calloc(1, sizeof(*q));
	if (!q)
		return tip_error_nomem();
	q->type = type;
	q->include_personal = include_personal;
	tip_error *err = tip_subschema_fields(&q->fields, &q->field_count,
		tip_schema_root(type->schema));
	if (err) {
		tip_query_free(q);
		return err;
	}
	*out = q;
	return NULL;
}

void tip_query_free(tip_query *query)
{
	if (!query)
		return;
	for (size_t i = 0; i < query->filter_count; i++) {
		free(query->filters[i].value);
		tip_folded_dispose(&query->filters[i].folded);
	}
	free(query->filters);
	free(query->fields);
	free(query);
}

/* ---- which field ---- */

static const tip_field *find_field(const tip_query *q, const char *name, size_t len)
{
	for (size_t i = 0; i < q->field_count; i++)
		if (strlen(q->fields[i].name) == len && memcmp(q->fields[i].name, name, len) == 0)
			return &q->fields[i];
	return NULL;
}

static tip_error *unknown_field(const tip_query *q, const char *name, size_t len)
{
	char word[128];
	snprintf(word, sizeof(word), "%.*s", (int)len, name);
	tip_suggestions close;
	tip_suggest_start(&close, len < sizeof(word) ? word : "");
	tip_suggest_consider(&close, "id");
	tip_buf names = TIP_BUF_INIT;
	tip_error *err = tip_buf_adds(&names, "id");
	for (size_t i = 0; !err && i < q->field_count; i++) {
		err = tip_buf_addf(&names, ", %s", q->fields[i].name);
		tip_suggest_consider(&close, q->fields[i].name);
	}
	char hint[256];
	if (!err)
		err = tip_error_not_found("%s has no field '%.*s' (its fields: %s)%s",
			q->type->name, (int)len, name, tip_buf_str(&names),
			tip_suggest_text(hint, sizeof(hint), &close, '\''));
	tip_buf_dispose(&names);
	return err;
}

/* The kind of one value of the field: a list's items, or the field's own. */
static tip_value_kind value_kind(const tip_field *f)
{
	return f->kind == TIP_VALUE_ARRAY ? f->item_kind : f->kind;
}

/* The field named name[0..len) when it can be filtered and sorted on: *field NULL for "id". */
static tip_error *usable_field(const tip_field **field, const tip_query *q, const char *name,
	size_t len)
{
	*field = NULL;
	if (len == 2 && memcmp(name, "id", 2) == 0)
		return NULL;
	const tip_field *f = find_field(q, name, len);
	if (!f)
		return unknown_field(q, name, len);
	if (f->personal && !q->include_personal)
		return tip_error_usage("'%s' is personal data: add --include-personal to use it",
			f->name);
	tip_value_kind kind = value_kind(f);
	if (kind == TIP_VALUE_OBJECT || kind == TIP_VALUE_ARRAY)
		return tip_error_invalid("'%s' holds groups of fields: only text, numbers, dates, "
			"true/false and lists of them can be compared", f->name);
	*field = f;
	return NULL;
}

static cmp compare_as(const tip_field *f)
{
	if (!f)
		return CMP_TEXT;
	switch (value_kind(f)) {
	case TIP_VALUE_INTEGER:
	case TIP_VALUE_NUMBER: return CMP_NUMBER;
	case TIP_VALUE_BOOLEAN: return CMP_BOOL;
	default: break;
	}
	return f->kind != TIP_VALUE_ARRAY && f->format && strcmp(f->format, "date") == 0
		? CMP_DATE : CMP_TEXT;
}

/* ---- parsing a filter ---- */

static const char *const op_names[] = { "=", "!=", "~", "<", "<=", ">", ">=" };

/* The operator at s: its length, or 0 when there is none. */
static size_t parse_op(op *o, const char *s)
{
	static const op two[] = { OP_NE, OP_LE, OP_GE };
	static const char *const two_text[] = { "!=", "<=", ">=" };
	for (size_t i = 0; i < 3; i++)
		if (strncmp(s, two_text[i], 2) == 0) {
			*o = two[i];
			return 2;
		}
	const char *one = strchr("=~<>", *s);
	if (!*s || !one)
		return 0;
	static const op one_op[] = { OP_EQ, OP_MATCH, OP_LT, OP_GT };
	*o = one_op[one - "=~<>"];
	return 1;
}

static bool is_ordering(op o)
{
	return o == OP_LT || o == OP_LE || o == OP_GT || o == OP_GE;
}

static bool parse_number(double *out, const char *s)
{
	if (!*s || strchr(" \t\n\r\f\v", *s))
		return false;
	char *end;
	*out = strtod(s, &end);
	return *end == '\0' && isfinite(*out);
}

/* Makes text the filter's value. */
static tip_error *set_value(filter *fl, const char *text)
{
	char *copy = strdup(text);
	if (!copy)
		return tip_error_nomem();
	free(fl->value);
	fl->value = copy;
	fl->value_len = strlen(copy);
	return NULL;
}

/* The filter's value as the field's enum spells it (Skilled: skilled), or an error naming the
 * choices when it is none of them. */
static tip_error *check_enum(filter *fl, const tip_field *f)
{
	const char *const *values = f->kind == TIP_VALUE_ARRAY ? f->item_enum_values
		: f->enum_values;
	size_t count = f->kind == TIP_VALUE_ARRAY ? f->item_enum_count : f->enum_count;
	if (!values)
		return NULL;
	const char *choice = tip_assign_choice(values, count, fl->value);
	if (choice)
		return set_value(fl, choice);
	tip_buf list = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count; i++)
		err = tip_buf_addf(&list, "%s%s", i ? ", " : "", values[i]);
	tip_suggestions close;
	tip_suggest_among(&close, fl->value, values, count);
	char hint[256];
	if (!err)
		err = tip_error_invalid("'%s' is not one of %s%s", fl->value, tip_buf_str(&list),
			tip_suggest_text(hint, sizeof(hint), &close, '\''));
	tip_buf_dispose(&list);
	return err;
}

/* A date as people write it (tip_date_read), kept as YYYY-MM-DD, which compares as text. */
static tip_error *date_value(filter *fl)
{
	tip_date day;
	tip_error *err = tip_date_read(&day, fl->value);
	if (err)
		return err;
	char iso[TIP_DATE_LEN];
	tip_date_format(iso, day);
	return set_value(fl, iso);
}

/* Reads the filter's value as its field's values compare. */
static tip_error *parse_value(filter *fl, const tip_field *f)
{
	const char *v = fl->value;
	if (is_ordering(fl->op) && fl->cmp != CMP_NUMBER && fl->cmp != CMP_DATE)
		return tip_error_invalid("'%s' is not a date or a number: %s compares only those",
			fl->field, op_names[fl->op]);
	if (is_ordering(fl->op) && !*v)
		return tip_error_invalid("a value is needed after '%s'", op_names[fl->op]);
	if (fl->op == OP_MATCH)
		return tip_fold(&fl->folded, v, fl->value_len, false);
	if (!*v)
		return NULL;
	if (fl->cmp == CMP_NUMBER && !parse_number(&fl->number, v))
		return tip_error_invalid("'%s' is not a number", v);
	if (fl->cmp == CMP_DATE)
		return date_value(fl);
	if (fl->cmp == CMP_BOOL) {
		const char *truth = tip_assign_choice((const char *const[]){ "true", "false" }, 2, v);
		if (!truth)
			return tip_error_invalid("'%s' is not true or false", v);
		fl->boolean = strcmp(truth, "true") == 0;
		return NULL;
	}
	return f ? check_enum(fl, f) : NULL;
}

static tip_error *bad_expression(const char *expr)
{
	return tip_error_invalid("'%s' is not a filter: write FIELD=VALUE, FIELD!=VALUE, "
				 "FIELD~TEXT, FIELD<VALUE, FIELD<=VALUE, FIELD>VALUE or "
				 "FIELD>=VALUE", expr);
}

static tip_error *parse_filter(filter *fl, const tip_query *q, const char *expr)
{
	size_t name_len = strcspn(expr, "=!<>~");
	size_t op_len = name_len ? parse_op(&fl->op, expr + name_len) : 0;
	if (!op_len)
		return bad_expression(expr);
	const tip_field *f;
	tip_error *err = usable_field(&f, q, expr, name_len);
	if (err)
		return err;
	fl->field = f ? f->name : "id";
	fl->is_id = !f;
	fl->cmp = compare_as(f);
	fl->value = strdup(expr + name_len + op_len);
	if (!fl->value)
		return tip_error_nomem();
	fl->value_len = strlen(fl->value);
	return parse_value(fl, f);
}

tip_error *tip_query_where(tip_query *query, const char *expr)
{
	filter fl = { 0 };
	tip_error *err = parse_filter(&fl, query, expr);
	filter *grown = err ? NULL
		: realloc(query->filters, (query->filter_count + 1) * sizeof(*grown));
	if (!err && !grown)
		err = tip_error_nomem();
	if (err) {
		free(fl.value);
		tip_folded_dispose(&fl.folded);
		return err;
	}
	query->filters = grown;
	query->filters[query->filter_count++] = fl;
	return NULL;
}

tip_error *tip_query_sort(tip_query *query, const char *spec)
{
	bool descending = spec[0] == '-';
	const char *name = spec + descending;
	const tip_field *f;
	tip_error *err = usable_field(&f, query, name, strlen(name));
	if (err)
		return err;
	query->sort_field = f ? f->name : NULL;
	query->descending = descending;
	return NULL;
}

tip_error *tip_query_fields(const char ***out, size_t *count, const tip_query *query)
{
	*count = 0;
	*out = malloc((query->filter_count + 1) * sizeof(**out));
	if (!*out)
		return tip_error_nomem();
	for (size_t i = 0; i < query->filter_count; i++)
		if (!query->filters[i].is_id)
			(*out)[(*count)++] = query->filters[i].field;
	if (query->sort_field)
		(*out)[(*count)++] = query->sort_field;
	return NULL;
}

/* ---- matching ---- */

/* No value: missing, null, an empty list or empty text. */
static bool absent(const tip_node *v)
{
	return !v || v->type == TIP_NODE_NULL || (v->type == TIP_NODE_SEQ && v->count == 0) ||
		(v->type == TIP_NODE_STR && v->len == 0);
}

static bool is_scalar(const tip_node *v)
{
	return v->type != TIP_NODE_SEQ && v->type != TIP_NODE_MAP;
}

static bool is_number(const tip_node *v)
{
	return v->type == TIP_NODE_INT || v->type == TIP_NODE_FLOAT;
}

static char fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether the filter's folded text occurs in v's, folded the same way. Without the memory
 * to fold v, the record does not match. */
static bool contains_folded(const filter *f, const tip_node *v)
{
	tip_folded hay;
	tip_error *err = tip_fold(&hay, v->str, v->len, false);
	if (err) {
		tip_error_free(err);
		return false;
	}
	bool found = tip_fold_find(&hay, &f->folded, 0) != SIZE_MAX;
	tip_folded_dispose(&hay);
	return found;
}

static bool equal(const filter *f, const tip_node *v)
{
	switch (f->cmp) {
	case CMP_NUMBER: return is_number(v) && v->number == f->number;
	case CMP_BOOL: return v->type == TIP_NODE_BOOL && v->boolean == f->boolean;
	default: break;
	}
	return v->len == f->value_len && memcmp(v->str, f->value, v->len) == 0;
}

/* -2 when v cannot be compared with the filter's value, else -1, 0 or 1. */
static int order(const filter *f, const tip_node *v)
{
	if (f->cmp == CMP_NUMBER)
		return !is_number(v) ? -2 : (v->number > f->number) - (v->number < f->number);
	tip_date day;
	if (!tip_date_of_node(&day, v))
		return -2;
	int c = strcmp(v->str, f->value);
	return (c > 0) - (c < 0);
}

static bool item_matches(const filter *f, const tip_node *v)
{
	if (!is_scalar(v))
		return false;
	if (f->op == OP_EQ || f->op == OP_NE)
		return equal(f, v);
	if (f->op == OP_MATCH)
		return contains_folded(f, v);
	int c = order(f, v);
	switch (f->op) {
	case OP_LT: return c == -1;
	case OP_LE: return c == -1 || c == 0;
	case OP_GT: return c == 1;
	default: return c == 1 || c == 0;
	}
}

/* For F!=V: whether any item equals V. */
static bool any_matches(const filter *f, const tip_node *v)
{
	if (v->type != TIP_NODE_SEQ)
		return item_matches(f, v);
	for (size_t i = 0; i < v->count; i++)
		if (item_matches(f, v->items[i]))
			return true;
	return false;
}

static bool filter_matches(const filter *f, const tip_node *v)
{
	if (f->value_len == 0 && (f->op == OP_EQ || f->op == OP_NE))
		return absent(v) == (f->op == OP_EQ);
	if (absent(v))
		return f->op == OP_NE;
	bool any = any_matches(f, v);
	return f->op == OP_NE ? !any : any;
}

bool tip_query_matches(const tip_query *query, const char *id, const tip_node *root)
{
	tip_node id_node = { .type = TIP_NODE_STR, .str = id, .len = strlen(id) };
	for (size_t i = 0; i < query->filter_count; i++) {
		const filter *f = &query->filters[i];
		const tip_node *v = f->is_id ? &id_node : tip_node_get(root, f->field);
		if (!filter_matches(f, v))
			return false;
	}
	return true;
}

/* ---- sorting ---- */

/* Text ignoring the case of ASCII letters, then byte by byte. */
static int compare_text(const tip_node *a, const tip_node *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	for (size_t i = 0; i < n; i++) {
		char x = fold(a->str[i]), y = fold(b->str[i]);
		if (x != y)
			return (unsigned char)x < (unsigned char)y ? -1 : 1;
	}
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	int c = memcmp(a->str, b->str, n);
	return (c > 0) - (c < 0);
}

/* Numbers, then true/false, then text, then anything else. */
static int rank(const tip_node *v)
{
	if (is_number(v))
		return 0;
	if (v->type == TIP_NODE_BOOL)
		return 1;
	return v->type == TIP_NODE_STR ? 2 : 3;
}

static int compare_scalars(const tip_node *a, const tip_node *b)
{
	int ra = rank(a), rb = rank(b);
	if (ra != rb)
		return ra < rb ? -1 : 1;
	switch (ra) {
	case 0: return (a->number > b->number) - (a->number < b->number);
	case 1: return (int)a->boolean - (int)b->boolean;
	case 2: return compare_text(a, b);
	default: return 0;
	}
}

/* Lists item by item, a shorter list first when it is the other's beginning. */
static int compare_values(const tip_node *a, const tip_node *b)
{
	bool la = a->type == TIP_NODE_SEQ, lb = b->type == TIP_NODE_SEQ;
	size_t na = la ? a->count : 1, nb = lb ? b->count : 1;
	for (size_t i = 0; i < na && i < nb; i++) {
		int c = compare_scalars(la ? a->items[i] : a, lb ? b->items[i] : b);
		if (c)
			return c;
	}
	return (na > nb) - (na < nb);
}

typedef struct sort_item {
	const tip_snapshot_record *record;
	const tip_query *query;
} sort_item;

static int compare_items(const void *pa, const void *pb)
{
	const sort_item *a = pa, *b = pb;
	const tip_query *q = a->query;
	if (q->sort_field) {
		const tip_node *va = tip_node_get(a->record->root, q->sort_field);
		const tip_node *vb = tip_node_get(b->record->root, q->sort_field);
		bool xa = absent(va), xb = absent(vb);
		if (xa != xb)
			return xa ? 1 : -1;
		int c = xa ? 0 : compare_values(va, vb);
		if (c)
			return q->descending ? -c : c;
	}
	int c = strcmp(a->record->id, b->record->id);
	return !q->sort_field && q->descending ? -c : c;
}

tip_error *tip_query_select(const tip_snapshot_record ***out, size_t *count,
	const tip_query *query, const tip_snapshot_record *const *records, size_t n)
{
	*out = NULL;
	*count = 0;
	sort_item *items = malloc((n ? n : 1) * sizeof(*items));
	const tip_snapshot_record **chosen = malloc((n ? n : 1) * sizeof(*chosen));
	if (!items || !chosen) {
		free(items);
		free(chosen);
		return tip_error_nomem();
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (records[i]->root && tip_query_matches(query, records[i]->id, records[i]->root))
			items[k++] = (sort_item){ records[i], query };
	qsort(items, k, sizeof(*items), compare_items);
	for (size_t i = 0; i < k; i++)
		chosen[i] = items[i].record;
	free(items);
	*out = chosen;
	*count = k;
	return NULL;
}
