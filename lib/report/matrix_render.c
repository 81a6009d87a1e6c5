/* The matrix as a table for the terminal, as CSV and as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "jsonw.h"
#include "matrix.h"
#include "words.h"

#define EMPTY_MARK "\xc2\xb7" /* U+00B7 MIDDLE DOT: one column wide, two bytes */

tip_error *tip_matrix_format_parse(tip_matrix_format *out, const char *name)
{
	if (strcmp(name, "table") == 0)
		*out = TIP_MATRIX_TABLE;
	else if (strcmp(name, "csv") == 0)
		*out = TIP_MATRIX_CSV;
	else if (strcmp(name, "json") == 0)
		*out = TIP_MATRIX_JSON;
	else
		return tip_error_usage("unknown format '%s': use table, csv or json", name);
	return NULL;
}

static size_t digits(size_t n)
{
	size_t d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/* ---- the table ---- */

struct layout {
	size_t label_width;
	size_t total_width;
	size_t *widths;    /* each column's */
	char **headings;   /* each column's, cut to fit */
	bool cut;          /* some heading was cut */
};

static size_t line_width(const tip_matrix *m, const struct layout *l)
{
	size_t w = l->label_width + 2 + l->total_width;
	for (size_t c = 0; c < m->col_count; c++)
		w += 2 + l->widths[c];
	return w;
}

static bool headings_unique(const tip_matrix *m, char **headings)
{
	for (size_t a = 0; a < m->col_count; a++)
		for (size_t b = a + 1; b < m->col_count; b++)
			if (strcmp(headings[a], headings[b]) == 0)
				return false;
	return true;
}

/* Cuts the headings to share what is left of width; numbers them when cutting makes two
 * alike. */
static void cut_headings(const tip_matrix *m, struct layout *l, size_t width)
{
	size_t fixed = l->label_width + 2 + l->total_width + 2 * m->col_count;
	size_t each = width > fixed ? (width - fixed) / (m->col_count ? m->col_count : 1) : 0;
	for (size_t c = 0; c < m->col_count; c++) {
		size_t need = digits(m->col_totals[c]);
		size_t w = each > need ? each : need;
		if (strlen(l->headings[c]) > w) {
			l->headings[c][w] = '\0';
			l->cut = true;
		}
	}
	bool number = !headings_unique(m, l->headings);
	for (size_t c = 0; number && c < m->col_count; c++)
		snprintf(l->headings[c], strlen(m->cols[c]) + 1, "%zu", c + 1);
	for (size_t c = 0; c < m->col_count; c++) {
		size_t need = digits(m->col_totals[c]), h = strlen(l->headings[c]);
		l->widths[c] = h > need ? h : need;
	}
}

static tip_error *layout_new(struct layout *l, const tip_matrix *m, size_t width)
{
	memset(l, 0, sizeof(*l));
	l->label_width = strlen(m->row_field) > 5 ? strlen(m->row_field) : 5;
	for (size_t r = 0; r < m->row_count; r++)
		if (strlen(m->rows[r]) > l->label_width)
			l->label_width = strlen(m->rows[r]);
	l->total_width = digits(m->records) > 5 ? digits(m->records) : 5;
	l->widths = calloc(m->col_count + 1, sizeof(*l->widths));
	l->headings = calloc(m->col_count + 1, sizeof(*l->headings));
	if (!l->widths || !l->headings)
		return tip_error_nomem();
	for (size_t c = 0; c < m->col_count; c++) {
		if (!(l->headings[c] = strdup(m->cols[c])))
			return tip_error_nomem();
		size_t need = digits(m->col_totals[c]), h = strlen(m->cols[c]);
		l->widths[c] = h > need ? h : need;
	}
	if (line_width(m, l) > width)
		cut_headings(m, l, width);
	return NULL;
}

static void layout_dispose(struct layout *l, size_t cols)
{
	for (size_t c = 0; l->headings && c < cols; c++)
		free(l->headings[c]);
	free(l->headings);
	free(l->widths);
}

/* A count right-aligned in width; an empty cell as the mark when mark_empty. */
static tip_error *add_count(tip_buf *out, size_t n, size_t width, bool mark_empty)
{
	if (n == 0 && mark_empty)
		return tip_buf_addf(out, "  %*s" EMPTY_MARK, (int)width - 1, "");
	return tip_buf_addf(out, "  %*zu", (int)width, n);
}

/* Appends text, its words wrapped at width, and a newline. */
static tip_error *add_wrapped(tip_buf *out, const char *text, size_t width)
{
	tip_error *err = NULL;
	size_t column = 0;
	while (!err && *text) {
		size_t word = strcspn(text, " ");
		if (column && column + 1 + word > width) {
			err = tip_buf_addc(out, '\n');
			column = 0;
		} else if (column) {
			err = tip_buf_addc(out, ' ');
			column++;
		}
		if (!err)
			err = tip_buf_add(out, text, word);
		column += word;
		text += word;
		text += strspn(text, " ");
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *table_heading(tip_buf *out, const tip_matrix *m, const struct layout *l,
	size_t width)
{
	tip_buf caption = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&caption, "%zu %s%s%s, by %s (rows) and %s (columns)",
		m->records, tip_plural(m->records, m->type, m->collection),
		m->status ? " with status " : "",
		m->status ? m->status : "", m->row_field, m->col_field);
	if (!err)
		err = add_wrapped(out, tip_buf_str(&caption), width);
	tip_buf_dispose(&caption);
	if (!err)
		err = tip_buf_addc(out, '\n');
	if (!err)
		err = tip_buf_addf(out, "%-*s", (int)l->label_width, m->row_field);
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = tip_buf_addf(out, "  %*s", (int)l->widths[c], l->headings[c]);
	if (!err)
		err = tip_buf_addf(out, "  %*s\n", (int)l->total_width, "total");
	return err;
}

static tip_error *table_rows(tip_buf *out, const tip_matrix *m, const struct layout *l)
{
	tip_error *err = NULL;
	for (size_t r = 0; !err && r < m->row_count; r++) {
		err = tip_buf_addf(out, "%-*s", (int)l->label_width, m->rows[r]);
		for (size_t c = 0; !err && c < m->col_count; c++)
			err = add_count(out, tip_matrix_cell(m, r, c), l->widths[c], true);
		if (!err)
			err = tip_buf_addf(out, "  %*zu\n", (int)l->total_width, m->row_totals[r]);
	}
	if (!err)
		err = tip_buf_addf(out, "%-*s", (int)l->label_width, "total");
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = add_count(out, m->col_totals[c], l->widths[c], false);
	if (!err)
		err = tip_buf_addf(out, "  %*zu\n", (int)l->total_width, m->records);
	return err;
}

/* The full names of the columns whose headings were cut, wrapped at width. */
static tip_error *table_key(tip_buf *out, const tip_matrix *m, const struct layout *l,
	size_t width)
{
	size_t column = 8;
	tip_error *err = tip_buf_adds(out, "columns:");
	bool first = true;
	for (size_t c = 0; !err && c < m->col_count; c++) {
		if (strcmp(l->headings[c], m->cols[c]) == 0)
			continue;
		size_t len = strlen(l->headings[c]) + strlen(m->cols[c]) + 5;
		bool wrap = !first && column + len > width;
		const char *gap = wrap ? "\n  " : first ? "" : " ";
		err = tip_buf_addf(out, "%s%s%s = %s", first ? " " : ",", gap, l->headings[c],
			m->cols[c]);
		column = (wrap ? 2 : column) + len;
		first = false;
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *table_notes(tip_buf *out, const tip_matrix *m, const struct layout *l,
	size_t width)
{
	tip_error *err = tip_buf_addf(out, "\n" EMPTY_MARK " empty: %zu of the %zu %s " "\xc3\x97"
		" %s cells\n", m->empty, m->enum_rows * m->enum_cols, m->row_field, m->col_field);
	if (!err && l->cut)
		err = table_key(out, m, l, width);
	return err;
}

static tip_error *render_table(tip_buf *out, const tip_matrix *m, size_t width)
{
	struct layout l;
	tip_error *err = layout_new(&l, m, width);
	if (!err)
		err = table_heading(out, m, &l, width);
	if (!err)
		err = table_rows(out, m, &l);
	if (!err)
		err = table_notes(out, m, &l, width);
	layout_dispose(&l, m->col_count);
	return err;
}

/* ---- CSV ---- */

static tip_error *render_csv(tip_buf *out, const tip_matrix *m)
{
	tip_error *err = tip_csv_field(out, m->row_field);
	for (size_t c = 0; !err && c < m->col_count; c++) {
		err = tip_buf_addc(out, ',');
		if (!err)
			err = tip_csv_field(out, m->cols[c]);
	}
	if (!err)
		err = tip_buf_adds(out, ",total\r\n");
	for (size_t r = 0; !err && r <= m->row_count; r++) {
		bool total = r == m->row_count;
		err = tip_csv_field(out, total ? "total" : m->rows[r]);
		for (size_t c = 0; !err && c < m->col_count; c++)
			err = tip_buf_addf(out, ",%zu",
				total ? m->col_totals[c] : tip_matrix_cell(m, r, c));
		if (!err)
			err = tip_buf_addf(out, ",%zu\r\n", total ? m->records : m->row_totals[r]);
	}
	return err;
}

/* ---- JSON ---- */

static void json_labels(tip_jsonw *w, const char *key, const char *const *labels, size_t n)
{
	tip_jsonw_array(w, key);
	for (size_t i = 0; i < n; i++)
		tip_jsonw_string(w, NULL, labels[i]);
	tip_jsonw_close(w, ']');
}

static void json_numbers(tip_jsonw *w, const char *key, const size_t *n, size_t count)
{
	tip_jsonw_array(w, key);
	for (size_t i = 0; i < count; i++)
		tip_jsonw_number(w, NULL, (int64_t)n[i]);
	tip_jsonw_close(w, ']');
}

static void json_members(tip_jsonw *w, const tip_matrix *m)
{
	tip_jsonw_string(w, "type", m->type);
	tip_jsonw_string(w, "rows_field", m->row_field);
	tip_jsonw_string(w, "cols_field", m->col_field);
	tip_jsonw_string(w, "status", m->status);
	tip_jsonw_number(w, "records", (int64_t)m->records);
	json_labels(w, "rows", m->rows, m->row_count);
	json_labels(w, "cols", m->cols, m->col_count);
	tip_jsonw_array(w, "cells");
	for (size_t r = 0; r < m->row_count; r++)
		json_numbers(w, NULL, m->cells + r * m->col_count, m->col_count);
	tip_jsonw_close(w, ']');
	json_numbers(w, "row_totals", m->row_totals, m->row_count);
	json_numbers(w, "col_totals", m->col_totals, m->col_count);
	tip_jsonw_number(w, "empty_cells", (int64_t)m->empty);
}

void tip_matrix_write_json(tip_jsonw *w, const char *key, const tip_matrix *m)
{
	tip_jsonw_object(w, key);
	json_members(w, m);
	tip_jsonw_close(w, '}');
}

/* tip matrix --format json: the matrix's object, its format version first. */
static tip_error *render_json(tip_buf *out, const tip_matrix *m)
{
	tip_jsonw w;
	tip_jsonw_begin(&w, out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	json_members(&w, m);
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}

tip_error *tip_matrix_render(tip_buf *out, const tip_matrix *matrix, tip_matrix_format format,
	size_t width)
{
	switch (format) {
	case TIP_MATRIX_TABLE: return render_table(out, matrix, width);
	case TIP_MATRIX_CSV: return render_csv(out, matrix);
	case TIP_MATRIX_JSON: break;
	}
	return render_json(out, matrix);
}
