#include "matrix.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/* The fixed values of a top-level field: an enum of text, or a list of such. */
struct field_values {
	const char *const *values;
	size_t count;
	bool list;
};

static tip_error *not_fixed(const tip_type *type, const char *name)
{
	char *choices = NULL;
	tip_error *err = tip_matrix_fields(&choices, type);
	if (!err)
		err = tip_error_not_found("'%s' is not a field of %s with a fixed set of values: "
					  "choose from %s", name, type->name, choices);
	free(choices);
	return err;
}

/* The fixed values of the type's field name: a TIP_ENOTFOUND error when it is no field with
 * a fixed set of values. */
static tip_error *field_values(struct field_values *out, const tip_type *type,
	const char *name)
{
	*out = (struct field_values){ NULL, 0, false };
	tip_field *fields = NULL;
	size_t n = 0;
	tip_error *err = type->schema
		? tip_subschema_fields(&fields, &n, tip_schema_root(type->schema)) : NULL;
	for (size_t i = 0; !err && i < n && !out->values; i++) {
		const tip_field *f = &fields[i];
		if (strcmp(f->name, name) != 0)
			continue;
		if (f->kind == TIP_VALUE_STRING && f->enum_count)
			*out = (struct field_values){ f->enum_values, f->enum_count, false };
		else if (f->kind == TIP_VALUE_ARRAY && f->item_enum_count)
			*out = (struct field_values){ f->item_enum_values, f->item_enum_count, true };
	}
	free(fields);
	return err || out->values ? err : not_fixed(type, name);
}

tip_error *tip_matrix_field_values(const char *const **values, size_t *count,
	const tip_type *type, const char *field)
{
	struct field_values v;
	tip_error *err = field_values(&v, type, field);
	tip_error_catch(&err, TIP_ENOTFOUND);
	*values = v.values;
	*count = v.count;
	return err;
}

tip_error *tip_matrix_fields(char **out, const tip_type *type)
{
	*out = NULL;
	tip_field *fields = NULL;
	size_t n = 0;
	tip_error *err = type->schema
		? tip_subschema_fields(&fields, &n, tip_schema_root(type->schema)) : NULL;
	tip_buf text = TIP_BUF_INIT;
	for (size_t i = 0; !err && i < n; i++) {
		const tip_field *f = &fields[i];
		bool fixed = (f->kind == TIP_VALUE_STRING && f->enum_count) ||
			(f->kind == TIP_VALUE_ARRAY && f->item_enum_count);
		if (fixed && !f->personal)
			err = tip_buf_addf(&text, "%s%s", text.len ? ", " : "", f->name);
	}
	free(fields);
	if (!err && !(*out = strdup(text.len ? tip_buf_str(&text) : "none")))
		err = tip_error_nomem();
	tip_buf_dispose(&text);
	return err;
}

bool tip_matrix_has_status(const tip_type *type, const char *status)
{
	struct field_values v;
	tip_error_free(field_values(&v, type, "status"));
	for (size_t i = 0; !v.list && i < v.count; i++)
		if (strcmp(v.values[i], status) == 0)
			return true;
	return false;
}

/* ---- one axis ---- */

struct axis {
	const char *field;
	struct field_values fixed;
	const char **labels;
	size_t count, cap;
	bool none; /* some record lacks the field */
};

static size_t label_index(const struct axis *a, const char *label)
{
	for (size_t i = 0; i < a->count; i++)
		if (strcmp(a->labels[i], label) == 0)
			return i;
	return (size_t)-1;
}

static tip_error *add_label(struct axis *a, const char *label)
{
	if (label_index(a, label) != (size_t)-1)
		return NULL;
	if (a->count == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 16;
		const char **labels = realloc(a->labels, cap * sizeof(*labels));
		if (!labels)
			return tip_error_nomem();
		a->labels = labels;
		a->cap = cap;
	}
	a->labels[a->count++] = label;
	return NULL;
}

static tip_error *axis_start(struct axis *a, const tip_type *type, const char *field)
{
	a->field = field;
	tip_error *err = field_values(&a->fixed, type, field);
	for (size_t i = 0; !err && i < a->fixed.count; i++)
		err = add_label(a, a->fixed.values[i]);
	return err;
}

/* The values of the axis's field in a record: one text, the texts of a list, or none. */
static size_t record_values(const tip_node *root, const struct axis *a, const tip_node **one,
	const tip_node *const **items)
{
	const tip_node *v = tip_node_get(root, a->field);
	*one = NULL;
	*items = NULL;
	if (v && v->type == TIP_NODE_STR) {
		*one = v;
		return 1;
	}
	if (v && v->type == TIP_NODE_SEQ) {
		*items = (const tip_node *const *)v->items;
		return v->count;
	}
	return 0;
}

static const tip_node *value_at(const tip_node *one, const tip_node *const *items, size_t i)
{
	return one ? one : items[i];
}

static tip_error *axis_learn(struct axis *a, const tip_node *root)
{
	const tip_node *one;
	const tip_node *const *items;
	size_t n = record_values(root, a, &one, &items);
	tip_error *err = NULL;
	size_t texts = 0;
	for (size_t i = 0; !err && i < n; i++) {
		const tip_node *v = value_at(one, items, i);
		if (v->type == TIP_NODE_STR) {
			texts++;
			err = add_label(a, v->str);
		}
	}
	if (!texts)
		a->none = true;
	return err;
}

/* ---- the matrix ---- */

static bool counted(const tip_snapshot_record *r, const tip_type *type, const char *status)
{
	if (r->type != type || !r->root)
		return false;
	const tip_node *s = tip_node_get(r->root, "status");
	return !status || (s && s->type == TIP_NODE_STR && strcmp(s->str, status) == 0);
}

/* Marks in seen[] the labels of the record's values on axis a (or "(none)"). */
static void mark(bool *seen, const struct axis *a, const tip_node *root)
{
	const tip_node *one;
	const tip_node *const *items;
	size_t n = record_values(root, a, &one, &items);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const tip_node *v = value_at(one, items, i);
		if (v->type == TIP_NODE_STR) {
			seen[label_index(a, v->str)] = true;
			any = true;
		}
	}
	if (!any)
		seen[label_index(a, TIP_MATRIX_NONE)] = true;
}

static void count_record(tip_matrix *m, const struct axis *rows, const struct axis *cols,
	const tip_node *root, bool *in_row, bool *in_col)
{
	memset(in_row, 0, rows->count * sizeof(*in_row));
	memset(in_col, 0, cols->count * sizeof(*in_col));
	mark(in_row, rows, root);
	mark(in_col, cols, root);
	for (size_t c = 0; c < cols->count; c++)
		m->col_totals[c] += in_col[c];
	for (size_t r = 0; r < rows->count; r++) {
		m->row_totals[r] += in_row[r];
		for (size_t c = 0; in_row[r] && c < cols->count; c++)
			m->cells[r * cols->count + c] += in_col[c];
	}
	m->records++;
}

static tip_error *count_all(tip_matrix *m, const tip_snapshot *snapshot, const tip_type *type,
	const struct axis *rows, const struct axis *cols)
{
	m->cells = calloc(rows->count * cols->count + 1, sizeof(size_t));
	m->row_totals = calloc(rows->count + 1, sizeof(size_t));
	m->col_totals = calloc(cols->count + 1, sizeof(size_t));
	bool *in_row = calloc(rows->count + 1, sizeof(bool));
	bool *in_col = calloc(cols->count + 1, sizeof(bool));
	tip_error *err = m->cells && m->row_totals && m->col_totals && in_row && in_col
		? NULL : tip_error_nomem();
	for (size_t i = 0; !err && i < tip_snapshot_count(snapshot); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (counted(r, type, m->status))
			count_record(m, rows, cols, r->root, in_row, in_col);
	}
	free(in_row);
	free(in_col);
	return err;
}

static tip_error *learn_all(struct axis *rows, struct axis *cols, const tip_snapshot *snapshot,
	const tip_type *type, const char *status)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(snapshot); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (!counted(r, type, status))
			continue;
		err = axis_learn(rows, r->root);
		if (!err)
			err = axis_learn(cols, r->root);
	}
	if (!err && rows->none)
		err = add_label(rows, TIP_MATRIX_NONE);
	if (!err && cols->none)
		err = add_label(cols, TIP_MATRIX_NONE);
	return err;
}

static void count_empty(tip_matrix *m)
{
	for (size_t r = 0; r < m->enum_rows; r++)
		for (size_t c = 0; c < m->enum_cols; c++)
			m->empty += tip_matrix_cell(m, r, c) == 0;
}

tip_error *tip_matrix_build(tip_matrix *out, const tip_snapshot *snapshot, const tip_type *type,
	const char *row_field, const char *col_field, const char *status)
{
	*out = (tip_matrix){ .type = type->name, .collection = type->collection,
		.row_field = row_field, .col_field = col_field, .status = status };
	struct axis rows = { 0 }, cols = { 0 };
	tip_error *err = axis_start(&rows, type, row_field);
	if (!err)
		err = axis_start(&cols, type, col_field);
	out->enum_rows = rows.fixed.count;
	out->enum_cols = cols.fixed.count;
	if (!err)
		err = learn_all(&rows, &cols, snapshot, type, status);
	if (!err)
		err = count_all(out, snapshot, type, &rows, &cols);
	out->rows = rows.labels;
	out->row_count = rows.count;
	out->cols = cols.labels;
	out->col_count = cols.count;
	if (err) {
		tip_matrix_dispose(out);
		return err;
	}
	count_empty(out);
	return NULL;
}

size_t tip_matrix_cell(const tip_matrix *matrix, size_t r, size_t c)
{
	return matrix->cells[r * matrix->col_count + c];
}

void tip_matrix_dispose(tip_matrix *matrix)
{
	free(matrix->rows);
	free(matrix->cols);
	free(matrix->cells);
	free(matrix->row_totals);
	free(matrix->col_totals);
	memset(matrix, 0, sizeof(*matrix));
}
