#include "export.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "schema.h"
#include "utf8.h"

/* ---- the fields of a type ---- */

typedef struct fieldset {
	tip_field *all;
	size_t count;
} fieldset;

static tip_error *fieldset_of(fieldset *out, const tip_type *type)
{
	*out = (fieldset){ NULL, 0 };
	if (!type->schema)
		return tip_error_invalid("%s does not compile: run tip validate to see why",
			type->schema_file);
	return tip_subschema_fields(&out->all, &out->count, tip_schema_root(type->schema));
}

static bool same_key(const tip_node *key, const char *name)
{
	return strlen(name) == key->len && memcmp(key->str, name, key->len) == 0;
}

static bool is_field(const fieldset *fs, const tip_node *key)
{
	for (size_t i = 0; i < fs->count; i++)
		if (same_key(key, fs->all[i].name))
			return true;
	return false;
}

/* Root's pairs in the schema's order, then the keys it does not know in their order. */
static void order_pairs(tip_node *view, const tip_node *root, const fieldset *fs,
	bool include_personal)
{
	for (size_t f = 0; f < fs->count; f++) {
		if (fs->all[f].personal && !include_personal)
			continue;
		for (size_t i = 0; i < root->count; i++)
			if (same_key(root->pairs[i].key, fs->all[f].name))
				view->pairs[view->count++] = root->pairs[i];
	}
	for (size_t i = 0; i < root->count; i++)
		if (!is_field(fs, root->pairs[i].key))
			view->pairs[view->count++] = root->pairs[i];
}

/* A mapping node like root, its fields in the schema's order and without the personal ones:
 * its pairs are allocated, its nodes root's. */
static tip_error *shown_fields(tip_node *view, const tip_node *root, const tip_type *type,
	bool include_personal)
{
	*view = (tip_node){ .type = TIP_NODE_MAP };
	if (!root || root->type != TIP_NODE_MAP)
		return tip_error_invalid("a %s record that does not load cannot be written out",
			type->name);
	fieldset fs;
	tip_error *err = fieldset_of(&fs, type);
	*view = *root;
	view->pairs = err ? NULL : malloc((root->count ? root->count : 1) * sizeof(tip_pair));
	if (!err && !view->pairs)
		err = tip_error_nomem();
	view->count = 0;
	if (!err)
		order_pairs(view, root, &fs, include_personal);
	free(fs.all);
	return err;
}

/* ---- YAML and JSON ---- */

tip_error *tip_export_yaml(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal)
{
	tip_node view;
	tip_error *err = shown_fields(&view, record->root, record->type, include_personal);
	if (!err)
		err = tip_emit_record(out, &view, tip_schema_root(record->type->schema));
	free(view.pairs);
	return err;
}

static tip_error *add_json_key(tip_buf *out, const char *key, size_t len)
{
	tip_error *err = tip_buf_addc(out, ',');
	if (!err)
		err = tip_buf_add_json_string(out, key, len);
	return err ? err : tip_buf_addc(out, ':');
}

tip_error *tip_export_json_record(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal)
{
	tip_node view;
	tip_error *err = shown_fields(&view, record->root, record->type, include_personal);
	if (!err)
		err = tip_buf_adds(out, "{\"id\":");
	if (!err)
		err = tip_buf_add_json_string(out, record->id, strlen(record->id));
	if (!err)
		err = add_json_key(out, "type", 4);
	if (!err)
		err = tip_buf_add_json_string(out, record->type->name, strlen(record->type->name));
	for (size_t i = 0; !err && i < view.count; i++) {
		err = add_json_key(out, view.pairs[i].key->str, view.pairs[i].key->len);
		if (!err)
			err = tip_emit_json(out, view.pairs[i].value);
	}
	free(view.pairs);
	return err ? err : tip_buf_addc(out, '}');
}

tip_error *tip_export_json(tip_buf *out, const tip_snapshot_record *const *records, size_t n,
	bool include_personal)
{
	tip_error *err = tip_buf_addc(out, '[');
	for (size_t i = 0; !err && i < n; i++) {
		err = tip_buf_adds(out, i ? ",\n" : "\n");
		if (!err)
			err = tip_export_json_record(out, records[i], include_personal);
	}
	if (!err && n)
		err = tip_buf_addc(out, '\n');
	return err ? err : tip_buf_addc(out, ']');
}

/* ---- cells: one value as text ---- */

static tip_error *add_scalar(tip_buf *out, const tip_node *v)
{
	switch (v->type) {
	case TIP_NODE_NULL: return NULL;
	case TIP_NODE_STR: return tip_buf_add(out, v->str, v->len);
	default: return tip_emit_json(out, v);
	}
}

static tip_error *add_item(tip_buf *out, const tip_node *item)
{
	return item->type == TIP_NODE_SEQ || item->type == TIP_NODE_MAP ? tip_emit_json(out, item)
									 : add_scalar(out, item);
}

/* The text of s with each '\\' and ';' after a backslash, so that "; " between items is
 * never taken for part of one. */
static tip_error *add_escaped(tip_buf *out, const char *s, size_t len)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < len; i++) {
		if (s[i] == '\\' || s[i] == ';')
			err = tip_buf_addc(out, '\\');
		if (!err)
			err = tip_buf_addc(out, s[i]);
	}
	return err;
}

/* A value as the text of one cell: a list's items joined by sep (with escaped: each item's
 * '\\' and ';' escaped), groups of fields as JSON. */
static tip_error *add_cell(tip_buf *out, const tip_node *v, const char *sep, bool escaped)
{
	if (!v)
		return NULL;
	if (v->type == TIP_NODE_MAP)
		return tip_emit_json(out, v);
	if (v->type != TIP_NODE_SEQ)
		return add_scalar(out, v);
	tip_error *err = NULL;
	tip_buf item = TIP_BUF_INIT;
	for (size_t i = 0; !err && i < v->count; i++) {
		if (i)
			err = tip_buf_adds(out, sep);
		tip_buf_reset(&item);
		if (!err)
			err = escaped ? add_item(&item, v->items[i]) : add_item(out, v->items[i]);
		if (!err && escaped)
			err = add_escaped(out, tip_buf_str(&item), item.len);
	}
	tip_buf_dispose(&item);
	return err;
}

/* ---- columns ---- */

/* The fields shown as columns after the id. */
typedef struct columns {
	fieldset fs;
	const tip_field **shown;
	size_t count;
} columns;

static bool is_flat(const tip_field *f)
{
	tip_value_kind kind = f->kind == TIP_VALUE_ARRAY ? f->item_kind : f->kind;
	return kind != TIP_VALUE_OBJECT && kind != TIP_VALUE_ARRAY;
}

static tip_error *columns_of(columns *out, const tip_type *type, bool include_personal,
	bool flat_only)
{
	*out = (columns){ { NULL, 0 }, NULL, 0 };
	tip_error *err = fieldset_of(&out->fs, type);
	if (!err && !(out->shown = malloc((out->fs.count + 1) * sizeof(*out->shown))))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < out->fs.count; i++) {
		const tip_field *f = &out->fs.all[i];
		if ((include_personal || !f->personal) && (!flat_only || is_flat(f)))
			out->shown[out->count++] = f;
	}
	return err;
}

static void columns_dispose(columns *c)
{
	free(c->fs.all);
	free(c->shown);
}

tip_error *tip_export_columns(const char ***out, size_t *count, const tip_type *type,
	bool include_personal, bool table)
{
	columns cols;
	*count = 0;
	tip_error *err = columns_of(&cols, type, include_personal, table);
	*out = err ? NULL : malloc((cols.count + 1) * sizeof(**out));
	if (!err && !*out)
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < cols.count; i++)
		(*out)[(*count)++] = cols.shown[i]->name;
	columns_dispose(&cols);
	return err;
}

/* ---- CSV ---- */

static bool is_number(const tip_node *value)
{
	return value && (value->type == TIP_NODE_INT || value->type == TIP_NODE_FLOAT);
}

/* A field; text that a spreadsheet would take for a formula (OWASP's CSV injection: it starts
 * with = + - @, a tab or CR) gets a leading ', unless it is known to be a number. */
static tip_error *add_csv_field(tip_buf *out, const char *text, size_t len, bool number)
{
	bool formula = !number && len > 0 && text[0] && strchr("=+-@\t\r", text[0]);
	bool quote = false;
	for (size_t i = 0; i < len && !quote; i++)
		quote = strchr(",\"\r\n", text[i]) != NULL && text[i] != '\0';
	tip_error *err = quote ? tip_buf_addc(out, '"') : NULL;
	if (!err && formula)
		err = tip_buf_addc(out, '\'');
	for (size_t i = 0; !err && i < len; i++)
		err = text[i] == '"' ? tip_buf_adds(out, "\"\"") : tip_buf_addc(out, text[i]);
	return err || !quote ? err : tip_buf_addc(out, '"');
}

static tip_error *add_csv_row(tip_buf *out, const columns *cols,
	const tip_snapshot_record *record, tip_buf *cell)
{
	tip_error *err = NULL;
	for (size_t c = 0; !err && c <= cols->count; c++) {
		tip_buf_reset(cell);
		const char *name = c ? cols->shown[c - 1]->name : "id";
		const tip_node *value = c && record ? tip_node_get(record->root, name) : NULL;
		if (record)
			err = c ? add_cell(cell, value, "; ", true) : tip_buf_adds(cell, record->id);
		else
			err = tip_buf_adds(cell, name);
		if (!err && c)
			err = tip_buf_addc(out, ',');
		if (!err)
			err = add_csv_field(out, tip_buf_str(cell), cell->len, is_number(value));
	}
	return err ? err : tip_buf_adds(out, "\r\n");
}

/* The header row (record NULL) or the row of record, of type's CSV. */
static tip_error *csv_row_of(tip_buf *out, const tip_type *type,
	const tip_snapshot_record *record, bool include_personal)
{
	columns cols;
	tip_buf cell = TIP_BUF_INIT;
	tip_error *err = columns_of(&cols, type, include_personal, false);
	if (!err)
		err = add_csv_row(out, &cols, record, &cell);
	tip_buf_dispose(&cell);
	columns_dispose(&cols);
	return err;
}

tip_error *tip_export_csv_header(tip_buf *out, const tip_type *type, bool include_personal)
{
	return csv_row_of(out, type, NULL, include_personal);
}

tip_error *tip_export_csv_row(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal)
{
	return csv_row_of(out, record->type, record, include_personal);
}

tip_error *tip_csv_field(tip_buf *out, const char *text)
{
	return add_csv_field(out, text, strlen(text), false);
}

tip_error *tip_export_csv(tip_buf *out, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, bool include_personal)
{
	columns cols;
	tip_buf cell = TIP_BUF_INIT;
	tip_error *err = columns_of(&cols, type, include_personal, false);
	if (!err)
		err = add_csv_row(out, &cols, NULL, &cell);
	for (size_t i = 0; !err && i < n; i++)
		err = add_csv_row(out, &cols, records[i], &cell);
	tip_buf_dispose(&cell);
	columns_dispose(&cols);
	return err;
}

/* ---- tables ---- */

enum {
	TABLE_GAP = 2,       /* spaces between columns */
	TABLE_CELL_MAX = 40, /* a column's width while others need the room */
	TABLE_CELL_MIN = 8,  /* the narrowest a column is cut to rather than left out */
};

typedef struct table {
	size_t rows, cols;
	char **cells;   /* rows * cols, row 0 the header */
	size_t *natural; /* each column's widest cell */
	size_t *width;   /* each column's width as shown */
	size_t shown;    /* the columns shown: the first `shown` */
} table;

/* A cell's text on one line: control characters (line breaks, tabs) become spaces. */
static char *one_line(const tip_buf *cell)
{
	char *text = malloc(cell->len + 1);
	if (!text)
		return NULL;
	const char *s = tip_buf_str(cell);
	for (size_t i = 0; i <= cell->len; i++)
		text[i] = i < cell->len && ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? ' ' : s[i];
	return text;
}

static tip_error *table_cell(table *t, size_t r, size_t c, const columns *cols,
	const tip_snapshot_record *record, tip_buf *cell)
{
	tip_buf_reset(cell);
	const char *name = c ? cols->shown[c - 1]->name : "id";
	tip_error *err = !record ? tip_buf_adds(cell, name)
		: c ? add_cell(cell, tip_node_get(record->root, name), ", ", false)
		: tip_buf_adds(cell, record->id);
	char *text = err ? NULL : one_line(cell);
	if (!err && !text)
		err = tip_error_nomem();
	if (err)
		return err;
	t->cells[r * t->cols + c] = text;
	size_t w = tip_utf8_count(text, strlen(text));
	if (w > t->natural[c])
		t->natural[c] = w;
	return NULL;
}

static void table_dispose(table *t)
{
	for (size_t i = 0; t->cells && i < t->rows * t->cols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->natural);
	free(t->width);
}

static tip_error *table_fill(table *t, const columns *cols,
	const tip_snapshot_record *const *records, size_t n)
{
	*t = (table){ .rows = n + 1, .cols = cols->count + 1 };
	t->cells = calloc(t->rows * t->cols, sizeof(*t->cells));
	t->natural = calloc(t->cols, sizeof(*t->natural));
	t->width = calloc(t->cols, sizeof(*t->width));
	if (!t->cells || !t->natural || !t->width)
		return tip_error_nomem();
	tip_buf cell = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t r = 0; !err && r < t->rows; r++)
		for (size_t c = 0; !err && c < t->cols; c++)
			err = table_cell(t, r, c, cols, r ? records[r - 1] : NULL, &cell);
	tip_buf_dispose(&cell);
	return err;
}

/* Room left over when every column shows goes to the columns cut at TABLE_CELL_MAX. */
static void table_widen(table *t, size_t room)
{
	for (size_t c = 1; c < t->shown && room; c++) {
		size_t more = t->natural[c] - t->width[c];
		more = more < room ? more : room;
		t->width[c] += more;
		room -= more;
	}
}

/* Chooses the columns that show and their widths, in total at most `total` characters. */
static void table_fit(table *t, size_t total)
{
	size_t used = t->natural[0] < total ? t->natural[0] : total;
	t->width[0] = used ? used : 1;
	t->shown = 1;
	for (size_t c = 1; c < t->cols; c++) {
		size_t want = t->natural[c] < TABLE_CELL_MAX ? t->natural[c] : TABLE_CELL_MAX;
		size_t room = total > used + TABLE_GAP ? total - used - TABLE_GAP : 0;
		if (want > room && room < TABLE_CELL_MIN)
			return;
		t->width[c] = want < room ? want : room;
		used += TABLE_GAP + t->width[c];
		t->shown++;
		if (want > room)
			return;
	}
	table_widen(t, total - used);
}

/* Appends text in width characters: cut with "…" when longer, padded with spaces. */
static tip_error *add_fitted(tip_buf *out, const char *text, size_t width)
{
	size_t len = tip_utf8_count(text, strlen(text));
	if (len <= width)
		return tip_buf_addf(out, "%s%*s", text, (int)(width - len), "");
	size_t keep = 0, chars = 0;
	while (chars < width - 1) {
		keep++;
		while (((unsigned char)text[keep] & 0xc0) == 0x80)
			keep++;
		chars++;
	}
	tip_error *err = tip_buf_add(out, text, keep);
	return err ? err : tip_buf_adds(out, "\xe2\x80\xa6");
}

static tip_error *add_table_row(tip_buf *out, const table *t, size_t r)
{
	size_t start = out->len;
	tip_error *err = NULL;
	for (size_t c = 0; !err && c < t->shown; c++) {
		if (c)
			err = tip_buf_addf(out, "%*s", TABLE_GAP, "");
		if (!err)
			err = add_fitted(out, t->cells[r * t->cols + c], t->width[c]);
	}
	while (!err && out->len > start && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	return err ? err : tip_buf_addc(out, '\n');
}

tip_error *tip_export_table(tip_buf *out, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, bool include_personal,
	size_t width)
{
	columns cols;
	table t = { 0 };
	tip_error *err = columns_of(&cols, type, include_personal, true);
	if (!err)
		err = table_fill(&t, &cols, records, n);
	if (!err)
		table_fit(&t, width);
	for (size_t r = 0; !err && r < t.rows; r++)
		err = add_table_row(out, &t, r);
	table_dispose(&t);
	columns_dispose(&cols);
	return err;
}
