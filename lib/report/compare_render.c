/* The comparison for people: plain text for a terminal, Markdown, and one accessible HTML page
 * built from the summary's own pieces (its style, escaping and page shell). Every finding says
 * in words what it is: nothing depends on colour. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "report_doc.h"
#include "utf8.h"

#define LQ "\xe2\x80\x9c" /* “ */
#define RQ "\xe2\x80\x9d" /* ” */

/* ---- the writer: the markup of each format ---- */

static tip_error *plain(tip_buf *out, const char *s)
{
	return tip_buf_adds(out, s ? s : "");
}

static const cmp_markup text_markup = {
	.h_begin = { "\n", "\n" }, .h_end = { "\n", "\n" },
	.p_begin = "\n", .p_end = "\n",
	.ul_begin = "", .li_begin = "  - ", .li_end = "", .ul_end = "",
	.ul2_begin = "\n", .li2_begin = "      ", .li2_end = "\n", .ul2_end = "",
	.strong_begin = "", .strong_end = "", .code_begin = "", .code_end = "",
	.escape = plain, .format = TIP_COMPARE_TEXT,
};

static const cmp_markup md_markup = {
	.h_begin = { "## ", "### " }, .h_end = { "\n\n", "\n\n" },
	.p_begin = "", .p_end = "\n\n",
	.ul_begin = "", .li_begin = "- ", .li_end = "", .ul_end = "\n",
	.ul2_begin = "\n", .li2_begin = "  - ", .li2_end = "\n", .ul2_end = "",
	.strong_begin = "**", .strong_end = "**", .code_begin = "`", .code_end = "`",
	.escape = report_md_escape, .format = TIP_COMPARE_MD,
};

static const cmp_markup html_markup = {
	.h_begin = { "<h2>", "<h3>" }, .h_end = { "</h2>\n", "</h3>\n" },
	.p_begin = "<p>", .p_end = "</p>\n",
	.ul_begin = "<ul>\n", .li_begin = "<li>", .li_end = "</li>\n", .ul_end = "</ul>\n",
	.ul2_begin = "<ul>\n", .li2_begin = "<li>", .li2_end = "</li>\n", .ul2_end = "</ul>\n",
	.strong_begin = "<strong>", .strong_end = "</strong>", .code_begin = "<code>",
	.code_end = "</code>", .escape = report_html_escape, .format = TIP_COMPARE_HTML,
};

const cmp_markup *cmp_markup_of(tip_compare_format format)
{
	return format == TIP_COMPARE_MD ? &md_markup : format == TIP_COMPARE_HTML ? &html_markup
		: &text_markup;
}

tip_error *cmp_put(const cmp_writer *w, const char *markup)
{
	return tip_buf_adds(w->out, markup);
}

tip_error *cmp_text(const cmp_writer *w, const char *s)
{
	return w->m->escape(w->out, s);
}

/* Markup, escaped text, markup. */
static tip_error *wrap(const cmp_writer *w, const char *begin, const char *s, const char *end)
{
	tip_error *err = cmp_put(w, begin);
	if (!err)
		err = cmp_text(w, s);
	return err ? err : cmp_put(w, end);
}

/* ---- plain text folded to a width a terminal or an email shows whole ---- */

enum { TEXT_WIDTH = 80 };

/* The indent under which a folded line goes on: that of the list item ("  - ") or of the
 * line, two more for a line in a list's list, so that it does not look like the next one. */
static size_t going_on_indent(const char *line)
{
	size_t lead = strspn(line, " ");
	if (line[lead] == '-' && line[lead + 1] == ' ')
		return lead + 2;
	return lead ? lead + 2 : 0;
}

/* The length of the word at p, or of the cell of the matrix it begins ("Skilled × Health,"),
 * which is not cut in two. */
static size_t unit_len(const char *p)
{
	size_t len = strcspn(p, " ");
	while (p[len] == ' ' && (strncmp(p + len + 1, "\xc3\x97 ", 3) == 0 ||
		(len >= 2 && strncmp(p + len - 2, "\xc3\x97", 2) == 0)))
		len += 1 + strcspn(p + len + 1, " ");
	return len;
}

/* Adds line (no newline in it) to out, folded at spaces to TEXT_WIDTH characters; a word
 * wider than that stands whole on a line of its own. */
static tip_error *add_folded(tip_buf *out, const char *line)
{
	size_t indent = going_on_indent(line), lead = strspn(line, " ");
	size_t at = 0; /* characters on the line being written */
	tip_error *err = tip_buf_add(out, line, lead);
	at = lead;
	const char *p = line + lead;
	bool first = true;
	while (!err && *p) {
		size_t len = unit_len(p);
		size_t wide = tip_utf8_count(p, len);
		if (!first && at + 1 + wide > TEXT_WIDTH) {
			err = tip_buf_addc(out, '\n');
			for (size_t i = 0; !err && i < indent; i++)
				err = tip_buf_addc(out, ' ');
			at = indent;
		} else if (!first) {
			err = tip_buf_addc(out, ' ');
			at++;
		}
		if (!err)
			err = tip_buf_add(out, p, len);
		at += wide;
		first = false;
		p += len;
		p += *p == ' ';
	}
	return err;
}

/* Folds what w wrote from start on, a line at a time, when it is plain text: prose only, as
 * a table's rows must stay whole to line up. */
static tip_error *fold_from(const cmp_writer *w, size_t start)
{
	if (w->m->format != TIP_COMPARE_TEXT || w->out->len - start <= TEXT_WIDTH)
		return NULL;
	char *written = strdup(tip_buf_str(w->out) + start);
	if (!written)
		return tip_error_nomem();
	tip_buf_truncate(w->out, start);
	tip_error *err = NULL;
	for (char *line = written; !err && line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		err = add_folded(w->out, line);
		if (!err && end)
			err = tip_buf_addc(w->out, '\n');
		line = end ? end + 1 : NULL;
	}
	free(written);
	return err;
}

tip_error *cmp_heading(const cmp_writer *w, int level, const char *title)
{
	size_t start = w->out->len;
	tip_error *err = wrap(w, w->m->h_begin[level], title, w->m->h_end[level]);
	return err ? err : fold_from(w, start);
}

tip_error *cmp_para(const cmp_writer *w, const char *s)
{
	size_t start = w->out->len;
	tip_error *err = wrap(w, w->m->p_begin, s, w->m->p_end);
	return err ? err : fold_from(w, start);
}

/* ---- tables: the first column heads each row ---- */

static size_t width_of(const char *s)
{
	return tip_utf8_count(s, strlen(s));
}

static tip_error *text_table(const cmp_writer *w, const cmp_table *t)
{
	size_t *widths = calloc(t->cols, sizeof(*widths));
	if (!widths)
		return tip_error_nomem();
	for (size_t k = 0; k < t->cols; k++) {
		widths[k] = width_of(t->heads[k]);
		for (size_t r = 0; r < t->rows; r++)
			if (width_of(t->cells[r * t->cols + k]) > widths[k])
				widths[k] = width_of(t->cells[r * t->cols + k]);
	}
	tip_error *err = tip_buf_addf(w->out, "\n%s:\n", t->caption);
	for (size_t r = 0; !err && r <= t->rows; r++) {
		const char *const *row = r ? &t->cells[(r - 1) * t->cols] : t->heads;
		err = tip_buf_adds(w->out, "  ");
		for (size_t k = 0; !err && k < t->cols; k++) {
			bool last = k + 1 == t->cols;
			err = tip_buf_addf(w->out, "%s%*s", row[k], last ? 0
				: (int)(widths[k] - width_of(row[k]) + 2), "");
		}
		if (!err)
			err = tip_buf_addc(w->out, '\n');
	}
	free(widths);
	return err;
}

static tip_error *md_table(const cmp_writer *w, const cmp_table *t)
{
	tip_error *err = wrap(w, "**", t->caption, "**\n\n|");
	for (size_t k = 0; !err && k < t->cols; k++)
		err = wrap(w, " ", t->heads[k], " |");
	if (!err)
		err = cmp_put(w, "\n|");
	for (size_t k = 0; !err && k < t->cols; k++)
		err = cmp_put(w, " --- |");
	for (size_t r = 0; !err && r < t->rows; r++) {
		err = cmp_put(w, "\n|");
		for (size_t k = 0; !err && k < t->cols; k++)
			err = wrap(w, " ", t->cells[r * t->cols + k], " |");
	}
	return err ? err : cmp_put(w, "\n\n");
}

static tip_error *html_table(const cmp_writer *w, const cmp_table *t)
{
	/* A region that scrolls on its own on a narrow screen, reachable by keyboard. */
	tip_error *err = wrap(w, "<div class=\"wide\" role=\"region\" tabindex=\"0\" "
		"aria-label=\"", t->caption, "\">");
	if (!err)
		err = wrap(w, "<table><caption>", t->caption, "</caption>\n<thead><tr>");
	for (size_t k = 0; !err && k < t->cols; k++)
		err = wrap(w, "<th scope=\"col\">", t->heads[k], "</th>");
	if (!err)
		err = cmp_put(w, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; !err && r < t->rows; r++) {
		const char *const *row = &t->cells[r * t->cols];
		err = wrap(w, "<tr><th scope=\"row\">", row[0], "</th>");
		for (size_t k = 1; !err && k < t->cols; k++)
			err = wrap(w, "<td>", row[k], "</td>");
		if (!err)
			err = cmp_put(w, "</tr>\n");
	}
	return err ? err : cmp_put(w, "</tbody></table></div>\n");
}

tip_error *cmp_table_write(const cmp_writer *w, const cmp_table *t)
{
	switch (w->m->format) {
	case TIP_COMPARE_MD: return md_table(w, t);
	case TIP_COMPARE_HTML: return html_table(w, t);
	default: return text_table(w, t);
	}
}

tip_error *cmp_table_cell(cmp_table *t, const char *fmt, ...)
{
	tip_buf cell = TIP_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = tip_buf_vaddf(&cell, fmt, ap);
	va_end(ap);
	char **slot = err ? NULL : cmp_push(&t->store, sizeof(char *));
	if (!err && !slot)
		err = tip_error_nomem();
	if (err) {
		tip_buf_dispose(&cell);
		return err;
	}
	*slot = cell.data ? cell.data : strdup("");
	t->cells = t->store.items;
	return *slot ? NULL : tip_error_nomem();
}

void cmp_table_dispose(cmp_table *t)
{
	char **cells = t->store.items;
	for (size_t i = 0; i < t->store.len; i++)
		free(cells[i]);
	free(t->store.items);
}

/* ---- the parts ---- */

static const char *name_of(const tip_compare *c, size_t authority)
{
	return tip_compare_authority(c, authority)->name;
}

/* A term or title in quotes, and the record's id. */
static tip_error *quoted_record(const cmp_writer *w, const char *title, const char *id)
{
	tip_error *err = wrap(w, LQ, title, RQ);
	if (!err && id)
		err = wrap(w, w->m->code_begin[0] ? " " : " (", id, w->m->code_begin[0] ? "" : ")");
	return err;
}

/* " (id)" in text, the id as code elsewhere. */
static tip_error *record_id(const cmp_writer *w, const char *id)
{
	if (!w->m->code_begin[0])
		return wrap(w, " (", id, ")");
	tip_error *err = cmp_put(w, " ");
	return err ? err : wrap(w, w->m->code_begin, id, w->m->code_end);
}

static tip_error *code_id(const cmp_writer *w, const char *title, const char *id)
{
	if (!w->m->code_begin[0])
		return quoted_record(w, title, id);
	tip_error *err = wrap(w, LQ, title, RQ " ");
	return err ? err : wrap(w, w->m->code_begin, id, w->m->code_end);
}

/* "; note" when there is one. */
static tip_error *then(const cmp_writer *w, const char *lead, const char *s)
{
	return s ? wrap(w, lead, s, "") : NULL;
}

/* "uses “X” as its preferred term (id)", "uses “X” as an alternative label of “T” (id)":
 * and what it means there. */
static tip_error *side_uses(const cmp_writer *w, const tip_compare_side *s)
{
	bool preferred = s->role && strcmp(s->role, "preferred") == 0;
	tip_error *err = wrap(w, "uses " LQ, s->value, RQ);
	if (!err && preferred)
		err = cmp_put(w, " as its preferred term");
	if (!err && !preferred)
		err = tip_buf_addf(w->out, " as %s label of ", s->role && strcmp(s->role,
			"alternative") == 0 ? "an alternative" : "a hidden");
	if (!err)
		err = preferred ? record_id(w, s->id) : code_id(w, s->title, s->id);
	return err ? err : then(w, ", meaning: ", s->note);
}

/* "avoids “X” in “T” (id), saying “Y” instead. Why: reason" */
static tip_error *side_avoids(const cmp_writer *w, const tip_compare_side *s)
{
	tip_error *err = wrap(w, "avoids " LQ, s->value, RQ " in ");
	if (!err)
		err = code_id(w, s->title, s->id);
	if (!err && s->instead)
		err = wrap(w, ", saying " LQ, s->instead, RQ " instead");
	if (!err)
		err = cmp_put(w, ".");
	return err ? err : then(w, " Why: ", s->note);
}

static tip_error *side_misunderstanding(const cmp_writer *w, const tip_compare_side *s)
{
	bool avoids = s->role && strcmp(s->role, "avoided") == 0;
	return avoids ? side_avoids(w, s) : side_uses(w, s);
}

/* A value by its display name when the schema gives one. */
static const char *shown(const char *title, const char *value)
{
	return title ? title : value;
}

static tip_error *side_course(const cmp_writer *w, const tip_compare_side *s)
{
	tip_error *err = code_id(w, s->title, s->id);
	if (!err)
		err = then(w, ": ", s->value ? shown(s->value_title, s->value) : "no level");
	return err ? err : then(w, ", level status ", s->note ? shown(s->note_title, s->note)
		: "not given");
}

static tip_error *side_words(const cmp_writer *w, tip_compare_kind kind,
	const tip_compare_side *s)
{
	switch (kind) {
	case TIP_COMPARE_MISUNDERSTANDING:
		return side_misunderstanding(w, s);
	case TIP_COMPARE_PREFERRED_DIFFERS:
		return code_id(w, s->title, s->id);
	case TIP_COMPARE_DEFINITION_DIFFERS:
	case TIP_COMPARE_TERM_ONLY: {
		tip_error *err = code_id(w, s->title, s->id);
		return err ? err : then(w, ": ", s->value);
	}
	case TIP_COMPARE_COURSE_LEVEL:
	case TIP_COMPARE_COURSE_AGREED:
		return side_course(w, s);
	case TIP_COMPARE_MATRIX_GAP:
		return tip_buf_addf(w->out, "%s available course%s", s->value,
			strcmp(s->value, "1") == 0 ? "" : "s");
	case TIP_COMPARE_NOT_COMPARED:
		break;
	}
	return cmp_text(w, "not compared");
}

static tip_error *finding_item(const cmp_writer *w, const tip_compare *c,
	const tip_compare_finding *f)
{
	size_t start = w->out->len;
	tip_error *err = cmp_put(w, w->m->li_begin);
	if (!err && f->kind == TIP_COMPARE_NOT_COMPARED) {
		err = wrap(w, w->m->strong_begin, name_of(c, f->sides[0].authority),
			w->m->strong_end);
		if (!err)
			err = wrap(w, ": ", f->subject, w->m->format == TIP_COMPARE_HTML ? "" : "\n");
		if (!err)
			err = fold_from(w, start);
		return err ? err : cmp_put(w, w->m->li_end);
	}
	if (!err)
		err = wrap(w, w->m->strong_begin, f->subject, w->m->strong_end);
	if (!err)
		err = cmp_put(w, w->m->ul2_begin);
	for (size_t i = 0; !err && i < f->side_count; i++) {
		start = w->out->len;
		err = cmp_put(w, w->m->li2_begin);
		if (!err)
			err = wrap(w, "", name_of(c, f->sides[i].authority), ": ");
		if (!err)
			err = side_words(w, f->kind, &f->sides[i]);
		if (!err)
			err = cmp_put(w, w->m->li2_end);
		if (!err)
			err = fold_from(w, start);
	}
	if (!err)
		err = cmp_put(w, w->m->ul2_end);
	return err ? err : cmp_put(w, w->m->li_end);
}

/* A kind's findings under its heading, or a line saying there are none. */
static tip_error *kind_list(const cmp_writer *w, const tip_compare *c, tip_compare_kind kind)
{
	size_t n = tip_compare_count(c, kind);
	tip_buf heading = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&heading, "%s (%zu)", tip_compare_kind_title(kind), n);
	if (!err)
		err = cmp_heading(w, 1, tip_buf_str(&heading));
	tip_buf_dispose(&heading);
	if (!err && !n)
		return cmp_para(w, "None.");
	if (!err)
		err = cmp_put(w, w->m->ul_begin);
	for (size_t i = 0; !err && i < tip_compare_finding_count(c); i++)
		if (tip_compare_finding_at(c, i)->kind == kind)
			err = finding_item(w, c, tip_compare_finding_at(c, i));
	return err ? err : cmp_put(w, w->m->ul_end);
}

static tip_error *kinds(const cmp_writer *w, const tip_compare *c, const char *title,
	tip_compare_kind from, tip_compare_kind to)
{
	tip_error *err = cmp_heading(w, 0, title);
	for (int k = from; !err && k <= (int)to; k++)
		err = kind_list(w, c, (tip_compare_kind)k);
	return err;
}

/* Where each authority's records come from. */
static tip_error *sources(const cmp_writer *w, const tip_compare *c)
{
	static const char *const heads[] = { "Authority", "Records", "Commit", "Fetched" };
	cmp_table t = { .caption = "Where each authority's records come from", .heads = heads,
		.cols = 4 };
	tip_error *err = NULL;
	for (size_t a = 0; !err && a < tip_compare_authority_count(c); a++) {
		const tip_compare_source *s = tip_compare_authority(c, a);
		err = cmp_table_cell(&t, "%s", s->name);
		if (!err && s->missing) {
			err = cmp_table_cell(&t, "never fetched");
			if (!err)
				err = cmp_table_cell(&t, "no commit");
			if (!err)
				err = cmp_table_cell(&t, "never");
			t.rows++;
			continue;
		}
		if (!err)
			err = cmp_table_cell(&t, "%s", a == 0 ? "this repository" : "fetched peer");
		if (!err)
			err = cmp_table_cell(&t, "%.12s%s%s%s", s->commit ? s->commit : "working tree",
				s->date ? " (" : "", s->date ? s->date : "", s->date ? ")" : "");
		if (!err)
			err = cmp_table_cell(&t, "%s", s->fetched ? s->fetched
				: a == 0 ? "not a peer" : "not known (fetched with git)");
		t.rows++;
	}
	if (!err)
		err = cmp_table_write(w, &t);
	cmp_table_dispose(&t);
	return err;
}

static tip_error *strategy(const cmp_writer *w, const tip_compare *c)
{
	static const char *const heads[] = { "Authority", "Action", "Id", "Status" };
	cmp_table t = { .caption = "Actions that name the HIPS strategy as a driver",
		.heads = heads, .cols = 4 };
	tip_error *err = cmp_heading(w, 0, "Strategy: the HIPS strategy's actions side by side");
	for (size_t i = 0; !err && i < tip_compare_strategy_count(c); i++) {
		const tip_compare_side *s = tip_compare_strategy_at(c, i);
		err = cmp_table_cell(&t, "%s", name_of(c, s->authority));
		if (!err)
			err = cmp_table_cell(&t, "%s", s->title ? s->title : "");
		if (!err)
			err = cmp_table_cell(&t, "%s", s->id);
		if (!err)
			err = cmp_table_cell(&t, "%s", s->value ? shown(s->value_title, s->value) : "");
		t.rows++;
	}
	if (!err)
		err = t.rows ? cmp_table_write(w, &t) : cmp_para(w, "No authority has an action "
			"that names the HIPS strategy (" TIP_COMPARE_HIPS_DRIVER ") as a driver.");
	cmp_table_dispose(&t);
	return err;
}

static size_t cell_total(const tip_compare *c, size_t cell)
{
	size_t n = 0;
	for (size_t a = 0; a < tip_compare_authority_count(c); a++)
		if (tip_compare_matrix_of(c, a)->present)
			n += tip_compare_matrix_of(c, a)->cells[cell];
	return n;
}

/* One row of the matrix table: the cell's labels and each authority's count. */
static tip_error *matrix_row(cmp_table *t, const tip_compare *c, size_t cell)
{
	const char *const *rows, *const *cols;
	size_t nr, nc;
	tip_compare_matrix_labels(c, &rows, &nr, &cols, &nc);
	tip_compare_matrix_titles(c, &rows, &cols);
	tip_error *err = cmp_table_cell(t, "%s", rows[cell / nc]);
	if (!err)
		err = cmp_table_cell(t, "%s", cols[cell % nc]);
	for (size_t a = 0; !err && a < tip_compare_authority_count(c); a++) {
		const tip_compare_matrix *m = tip_compare_matrix_of(c, a);
		err = m->present ? cmp_table_cell(t, "%zu", m->cells[cell])
			: cmp_table_cell(t, "not compared");
	}
	t->rows++;
	return err;
}

/* "Cells no authority covers: informed × health, ..." */
static tip_error *uncovered(const cmp_writer *w, const tip_compare *c)
{
	const char *const *rows, *const *cols;
	size_t nr, nc, n = 0;
	tip_compare_matrix_labels(c, &rows, &nr, &cols, &nc);
	tip_compare_matrix_titles(c, &rows, &cols);
	tip_buf s = TIP_BUF_INIT;
	tip_error *err = tip_buf_adds(&s, "Cells no authority covers (no available course): ");
	for (size_t cell = 0; !err && cell < nr * nc; cell++)
		if (!cell_total(c, cell))
			err = tip_buf_addf(&s, "%s%s \xc3\x97 %s", n++ ? ", " : "", rows[cell / nc],
				cols[cell % nc]);
	if (!err)
		err = tip_buf_adds(&s, n ? "." : "none.");
	if (!err)
		err = cmp_para(w, tip_buf_str(&s));
	tip_buf_dispose(&s);
	return err;
}

/* The learning-needs matrix: each cell some authority covers, with every authority's count,
 * then the cells none covers. */
tip_error *cmp_matrix_table(const cmp_writer *w, const tip_compare *c, const char *caption)
{
	const char *const *rows, *const *cols;
	size_t nr, nc, na = tip_compare_authority_count(c);
	tip_compare_matrix_labels(c, &rows, &nr, &cols, &nc);
	tip_compare_matrix_titles(c, &rows, &cols);
	if (!nr || !nc)
		return cmp_para(w, "No authority's courses could be counted by level and audience.");
	const char **heads = calloc(na + 2, sizeof(*heads));
	if (!heads)
		return tip_error_nomem();
	heads[0] = "Level";
	heads[1] = "Audience";
	for (size_t a = 0; a < na; a++)
		heads[a + 2] = name_of(c, a);
	cmp_table t = { .caption = caption, .heads = heads, .cols = na + 2 };
	tip_error *err = NULL;
	for (size_t cell = 0; !err && cell < nr * nc; cell++)
		if (cell_total(c, cell))
			err = matrix_row(&t, c, cell);
	if (!err && t.rows)
		err = cmp_table_write(w, &t);
	if (!err)
		err = uncovered(w, c);
	cmp_table_dispose(&t);
	free(heads);
	return err;
}

/* One line of the counts: "1 cross-boundary misunderstanding, 0 ...". */
static tip_error *overview(const cmp_writer *w, const tip_compare *c)
{
	size_t bad = tip_compare_count(c, TIP_COMPARE_MISUNDERSTANDING), missing = 0;
	for (size_t a = 0; a < tip_compare_authority_count(c); a++)
		missing += tip_compare_authority(c, a)->missing;
	tip_buf s = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&s, "%zu authorities compared", tip_compare_authority_count(c)
		- missing);
	if (!err && missing)
		err = tip_buf_addf(&s, " (%zu peer%s never fetched, so not compared)", missing,
			missing == 1 ? "" : "s");
	if (!err)
		err = tip_buf_addf(&s, ". %s", bad ? "" : "No cross-boundary misunderstanding was "
			"found.");
	if (!err && bad)
		err = tip_buf_addf(&s, "%zu cross-boundary misunderstanding%s: a term one authority "
			"uses is one another says to avoid.", bad, bad == 1 ? "" : "s");
	if (!err)
		err = cmp_para(w, tip_buf_str(&s));
	tip_buf_dispose(&s);
	return err;
}

tip_error *cmp_render_sections(const cmp_writer *w, const tip_compare *c)
{
	tip_error *err = kinds(w, c, "Glossary", TIP_COMPARE_MISUNDERSTANDING,
		TIP_COMPARE_TERM_ONLY);
	if (!err)
		err = kinds(w, c, "Training", TIP_COMPARE_COURSE_LEVEL, TIP_COMPARE_MATRIX_GAP);
	if (!err)
		err = cmp_matrix_table(w, c, "Available courses by level and audience: the cells some authority covers");
	if (!err)
		err = strategy(w, c);
	if (!err)
		err = cmp_heading(w, 0, "Not compared");
	return err ? err : kind_list(w, c, TIP_COMPARE_NOT_COMPARED);
}

/* The top of the page: title, sources and the overview. */
static tip_error *top(const cmp_writer *w, const tip_compare *c, const char *title)
{
	tip_error *err = NULL;
	if (w->m->format == TIP_COMPARE_HTML)
		err = report_html_page_begin(w->out, title, CMP_HTML_STYLE);
	else if (w->m->format == TIP_COMPARE_MD)
		err = wrap(w, "# ", title, "\n\n");
	else
		err = wrap(w, "", title, "\n");
	if (!err)
		err = overview(w, c);
	if (!err && w->m->format == TIP_COMPARE_HTML)
		err = cmp_put(w, "</header>\n<main>\n");
	return err ? err : sources(w, c);
}

tip_error *cmp_page_begin(const cmp_writer *w, const tip_compare *c, const char *title)
{
	return top(w, c, title);
}

tip_error *cmp_page_end(const cmp_writer *w)
{
	return w->m->format == TIP_COMPARE_HTML ? report_html_page_end(w->out) : NULL;
}

tip_error *tip_compare_render(tip_buf *out, const tip_compare *c, tip_compare_format format)
{
	if (format == TIP_COMPARE_JSON)
		return cmp_render_json(out, c);
	cmp_writer w = { out, cmp_markup_of(format) };
	tip_error *err = cmp_page_begin(&w, c, "Alignment across the HIPS authorities");
	if (!err)
		err = cmp_render_sections(&w, c);
	return err ? err : cmp_page_end(&w);
}
