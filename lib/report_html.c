/* The summary as one self-contained, printable HTML page: inline CSS, inline SVG bar charts,
 * no scripts and nothing fetched from anywhere. The markup is also well-formed XML (every
 * element closed, only numeric character references), so strict parsers check it. */
#include <string.h>

#include "report.h"

#define EMPTY_MARK "\xc2\xb7" /* · */
#define ARROW " \xe2\x86\x92 " /* → */
#define DASH "\xe2\x80\x94"    /* — */

static const char style[] =
	"body{font:11pt/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
	"color:#1b1b1b;max-width:62em;margin:2em auto;padding:0 1em}\n"
	"h1{font-size:1.6em;margin:0 0 .3em}\n"
	"h2{font-size:1.25em;border-bottom:2px solid #28597a;padding-bottom:.15em;"
	"margin-top:1.6em;break-after:avoid}\n"
	"h3{font-size:1.05em;margin:1.1em 0 .4em;break-after:avoid}\n"
	"p.meta{margin:.2em 0;color:#444}\n"
	"p.note{border-left:4px solid #28597a;background:#eef4f8;padding:.5em .8em}\n"
	"table{border-collapse:collapse;margin:.4em 0 1em;break-inside:avoid}\n"
	"th,td{border:1px solid #b8b8b8;padding:.2em .55em;text-align:left;vertical-align:top}\n"
	"th{background:#f0f0f0}\n"
	"td.n,th.n{text-align:right}\n"
	"td.empty{text-align:center;color:#a11;background:#fbeaea}\n"
	"tr.total td{font-weight:bold}\n"
	"span.rag{padding:0 .4em;border-radius:3px;font-weight:bold}\n"
	"span.red{background:#c62828;color:#fff}\n"
	"span.amber{background:#f4b400;color:#1b1b1b}\n"
	"span.green{background:#2e7d32;color:#fff}\n"
	"code{font-size:.9em}\n"
	"figure{margin:.4em 0 1em;break-inside:avoid}\n"
	"figcaption{font-size:.9em;color:#444}\n"
	"svg text{font:11px system-ui,Arial,sans-serif;fill:#1b1b1b}\n"
	"svg rect.bar{fill:#28597a}\n"
	"@media print{body{margin:0;max-width:none;font-size:10pt}"
	"@page{size:A4;margin:14mm}h2{break-before:auto}}\n";

static tip_error *html_text(tip_buf *out, const char *s)
{
	tip_error *err = NULL;
	for (; !err && s && *s; s++) {
		switch (*s) {
		case '&': err = tip_buf_adds(out, "&amp;"); break;
		case '<': err = tip_buf_adds(out, "&lt;"); break;
		case '>': err = tip_buf_adds(out, "&gt;"); break;
		case '"': err = tip_buf_adds(out, "&quot;"); break;
		case '\'': err = tip_buf_adds(out, "&#39;"); break;
		default: err = tip_buf_addc(out, *s); break;
		}
	}
	return err;
}

/* "Title <code>id</code>" */
static tip_error *html_record(tip_buf *out, const tip_report_entry *e)
{
	tip_error *err = NULL;
	if (e->title) {
		err = html_text(out, e->title);
		if (!err)
			err = tip_buf_addc(out, ' ');
	}
	if (!err)
		err = tip_buf_adds(out, "<code>");
	if (!err)
		err = html_text(out, e->id);
	return err ? err : tip_buf_adds(out, "</code>");
}

static tip_error *cell_text(tip_buf *out, const char *s)
{
	tip_error *err = tip_buf_adds(out, "<td>");
	if (!err)
		err = html_text(out, s && *s ? s : DASH);
	return err ? err : tip_buf_adds(out, "</td>");
}

static tip_error *cell_count(tip_buf *out, size_t n, bool mark_empty)
{
	if (!n && mark_empty)
		return tip_buf_adds(out, "<td class=\"empty\">" EMPTY_MARK "</td>");
	return tip_buf_addf(out, "<td class=\"n\">%zu</td>", n);
}

static size_t total(const tip_counts *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->len; i++)
		n += c->items[i].n;
	return n;
}

/* "5 planned, 9 in-progress" */
static tip_error *count_phrase(tip_buf *out, const tip_counts *c)
{
	tip_error *err = NULL;
	bool first = true;
	for (size_t i = 0; !err && i < c->len; i++) {
		if (!c->items[i].n)
			continue;
		err = tip_buf_addf(out, "%s%zu ", first ? "" : ", ", c->items[i].n);
		if (!err)
			err = html_text(out, c->items[i].label);
		first = false;
	}
	return err ? err : first ? tip_buf_adds(out, "none") : NULL;
}

/* ---- tables and charts ---- */

static tip_error *count_table(tip_buf *out, const char *name, const char *what,
	const tip_counts *c, bool skip_zero)
{
	tip_error *err = tip_buf_addf(out, "<table><thead><tr><th>%s</th><th class=\"n\">%s</th>"
		"</tr></thead><tbody>\n", name, what);
	for (size_t i = 0; !err && i < c->len; i++) {
		if (skip_zero && !c->items[i].n)
			continue;
		err = tip_buf_adds(out, "<tr>");
		if (!err)
			err = cell_text(out, c->items[i].label);
		if (!err)
			err = cell_count(out, c->items[i].n, false);
		if (!err)
			err = tip_buf_adds(out, "</tr>\n");
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

static tip_error *pair_table(tip_buf *out, const char *name, const char *n_name,
	const char *m_name, const tip_counts *c, bool skip_zero)
{
	tip_error *err = tip_buf_addf(out, "<table><thead><tr><th>%s</th><th class=\"n\">%s</th>"
		"<th class=\"n\">%s</th></tr></thead><tbody>\n", name, n_name, m_name);
	for (size_t i = 0; !err && i < c->len; i++) {
		if (skip_zero && !c->items[i].n)
			continue;
		err = tip_buf_adds(out, "<tr>");
		if (!err)
			err = cell_text(out, c->items[i].label);
		if (!err)
			err = cell_count(out, c->items[i].n, false);
		if (!err)
			err = cell_count(out, c->items[i].m, false);
		if (!err)
			err = tip_buf_adds(out, "</tr>\n");
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

enum { LABEL_W = 150, BAR_W = 320, ROW_H = 22 };

static tip_error *svg_bar(tip_buf *out, size_t i, const tip_count *c, size_t max)
{
	size_t y = 8 + i * ROW_H, w = max ? c->n * BAR_W / max : 0;
	tip_error *err = tip_buf_addf(out, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">",
		LABEL_W - 8, y + 14);
	if (!err)
		err = html_text(out, c->label);
	if (!err)
		err = tip_buf_addf(out, "</text><rect class=\"bar\" x=\"%d\" y=\"%zu\" width=\"%zu\" "
			"height=\"%d\"/><text x=\"%zu\" y=\"%zu\">%zu</text>\n", LABEL_W, y + 2, w,
			ROW_H - 6, LABEL_W + w + 6, y + 14, c->n);
	return err;
}

/* A horizontal bar chart of the counts, drawn inline. */
static tip_error *svg_bars(tip_buf *out, const char *caption, const tip_counts *c)
{
	size_t max = 0, height = 16 + c->len * ROW_H;
	for (size_t i = 0; i < c->len; i++)
		if (c->items[i].n > max)
			max = c->items[i].n;
	tip_error *err = tip_buf_addf(out, "<figure><svg width=\"%d\" height=\"%zu\" viewBox=\"0 0 "
		"%d %zu\" role=\"img\" aria-label=\"%s\"><title>%s</title>\n", LABEL_W + BAR_W + 50,
		height, LABEL_W + BAR_W + 50, height, caption, caption);
	for (size_t i = 0; !err && i < c->len; i++)
		err = svg_bar(out, i, &c->items[i], max);
	if (!err)
		err = tip_buf_addf(out, "</svg><figcaption>%s</figcaption></figure>\n", caption);
	return err;
}

/* A list of records, or a paragraph saying there are none. */
static tip_error *entry_list(tip_buf *out, const tip_report_list *list, const char *none,
	bool with_detail, bool with_date)
{
	if (!list->len)
		return tip_buf_addf(out, "<p>%s</p>\n", none);
	tip_error *err = tip_buf_adds(out, "<ul>\n");
	for (size_t i = 0; !err && i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		err = tip_buf_adds(out, "<li>");
		if (!err)
			err = html_record(out, e);
		if (!err && with_detail && e->detail) {
			err = tip_buf_adds(out, ", ");
			if (!err)
				err = html_text(out, e->detail);
		}
		if (!err && with_date && e->date)
			err = tip_buf_addf(out, ", %s", e->date);
		if (!err)
			err = tip_buf_adds(out, "</li>\n");
	}
	return err ? err : tip_buf_adds(out, "</ul>\n");
}

static tip_error *due_table(tip_buf *out, const tip_report_list *list, bool milestones,
	const char *none)
{
	if (!list->len)
		return tip_buf_addf(out, "<p>%s</p>\n", none);
	tip_error *err = tip_buf_adds(out, milestones
		? "<table><thead><tr><th>Milestone</th><th>Action</th><th>Due</th></tr></thead>"
		  "<tbody>\n"
		: "<table><thead><tr><th>Action</th><th>Due</th><th>Status</th></tr></thead>"
		  "<tbody>\n");
	for (size_t i = 0; !err && i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		err = tip_buf_adds(out, "<tr>");
		if (!err && milestones)
			err = cell_text(out, e->detail);
		if (!err)
			err = tip_buf_adds(out, "<td>");
		if (!err)
			err = html_record(out, e);
		if (!err)
			err = tip_buf_adds(out, "</td>");
		if (!err)
			err = cell_text(out, e->date);
		if (!err && !milestones)
			err = cell_text(out, e->detail);
		if (!err)
			err = tip_buf_adds(out, "</tr>\n");
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

/* ---- the page ---- */

static tip_error *html_period(tip_buf *out, const char *what, const tip_period *p)
{
	char from[24], to[24];
	tip_date_format_long(from, sizeof(from), p->from);
	tip_date_format_long(to, sizeof(to), p->to);
	return tip_buf_addf(out, "<p class=\"meta\"><strong>%s:</strong> %s (%s to %s)</p>\n", what,
		p->name, from, to);
}

static tip_error *head(tip_buf *out, const tip_report *r)
{
	char today[TIP_DATE_LEN];
	tip_date_format(today, r->today);
	tip_error *err = tip_buf_addf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\"/>\n<title>Quarterly progress summary: %s</title>\n<style>\n%s"
		"</style>\n</head>\n<body>\n<header>\n<h1>Quarterly progress summary: %s</h1>\n",
		r->period.name, style, r->period.name);
	if (!err)
		err = html_period(out, "Period", &r->period);
	if (!err)
		err = html_period(out, "Next", &r->next);
	if (!err)
		err = tip_buf_addf(out, "<p class=\"meta\"><strong>Today:</strong> %s</p>\n"
			"<p class=\"note\">", today);
	if (!err) {
		tip_buf note = TIP_BUF_INIT;
		err = tip_report_provenance(&note, r);
		if (!err)
			err = html_text(out, tip_buf_str(&note));
		tip_buf_free(&note);
	}
	return err ? err : tip_buf_adds(out, "</p>\n</header>\n");
}

static tip_error *change_table(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "<table><thead><tr><th>Records</th>"
		"<th class=\"n\">At the start</th><th class=\"n\">At the end</th>"
		"<th class=\"n\">Added</th><th class=\"n\">Removed</th><th class=\"n\">Changed</th>"
		"</tr></thead><tbody>\n");
	for (size_t i = 0; !err && i < r->change_count; i++) {
		const tip_report_change *c = &r->changes[i];
		err = tip_buf_addf(out, "<tr><td>%s</td><td class=\"n\">%zu</td><td class=\"n\">%zu"
			"</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
			"</tr>\n", c->collection, c->at_start, c->at_end, c->added, c->removed,
			c->changed);
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

static tip_error *status_changes(tip_buf *out, const tip_report *r)
{
	if (!r->status_changes.len)
		return tip_buf_adds(out, "<p>No record changed status.</p>\n");
	tip_error *err = tip_buf_adds(out, "<p>Status changes:</p>\n<ul>\n");
	for (size_t i = 0; !err && i < r->status_changes.len; i++) {
		const tip_report_entry *e = &r->status_changes.items[i];
		if (e->id) {
			err = tip_buf_addf(out, "<li>%s ", e->type);
			if (!err)
				err = html_record(out, e);
		} else {
			err = tip_buf_addf(out, "<li>%zu %s", e->count, e->type);
		}
		if (!err)
			err = tip_buf_adds(out, ": ");
		if (!err)
			err = html_text(out, e->from);
		if (!err)
			err = tip_buf_adds(out, ARROW);
		if (!err)
			err = html_text(out, e->to);
		if (!err)
			err = tip_buf_adds(out, "</li>\n");
	}
	return err ? err : tip_buf_adds(out, "</ul>\n");
}

static tip_error *section_headline(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<section id=\"headline\">\n<h2>1. Headline</h2>\n"
		"<p><strong>%zu actions:</strong> ", total(&r->actions_by_status));
	if (!err)
		err = count_phrase(out, &r->actions_by_status);
	if (!err)
		err = tip_buf_addf(out, ". RAG of the %zu in progress: ", total(&r->rag));
	if (!err)
		err = count_phrase(out, &r->rag);
	if (!err)
		err = tip_buf_adds(out, ".</p>\n");
	if (!err)
		err = svg_bars(out, "Actions by status", &r->actions_by_status);
	if (!err)
		err = tip_buf_adds(out, "<h3>Changes since the start</h3>\n");
	if (!err && !r->changes_known) {
		err = tip_buf_adds(out, "<p>Not known: the repository has no history for the "
			"period (see above). Records now: ");
		if (!err)
			err = count_phrase(out, &r->records);
		return err ? err : tip_buf_adds(out, ".</p>\n</section>\n");
	}
	if (!err)
		err = change_table(out, r);
	if (!err)
		err = status_changes(out, r);
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *red_amber_table(tip_buf *out, const tip_report *r)
{
	if (!r->red_amber.len)
		return tip_buf_adds(out, "<p>No action is rated red or amber.</p>\n");
	tip_error *err = tip_buf_adds(out, "<table><thead><tr><th>Action</th><th>RAG</th>"
		"<th>Due</th></tr></thead><tbody>\n");
	for (size_t i = 0; !err && i < r->red_amber.len; i++) {
		const tip_report_entry *e = &r->red_amber.items[i];
		err = tip_buf_adds(out, "<tr><td>");
		if (!err)
			err = html_record(out, e);
		if (!err)
			err = tip_buf_addf(out, "</td><td><span class=\"rag %s\">%s</span></td>",
				e->detail, e->detail);
		if (!err)
			err = cell_text(out, e->date);
		if (!err)
			err = tip_buf_adds(out, "</tr>\n");
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

static tip_error *section_exceptions(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "<section id=\"exceptions\">\n<h2>2. Exceptions</h2>\n"
		"<h3>Red and amber actions</h3>\n");
	if (!err)
		err = red_amber_table(out, r);
	if (!err)
		err = tip_buf_adds(out, "<h3>Overdue at the end of the period</h3>\n");
	if (!err)
		err = due_table(out, &r->overdue_actions, false, "No action is overdue.");
	if (!err)
		err = due_table(out, &r->overdue_milestones, true, "No milestone is overdue.");
	if (!err)
		err = tip_buf_addf(out, "<h3>Due next (%s)</h3>\n", r->next.name);
	if (!err)
		err = due_table(out, &r->due_actions, false, "No action falls due.");
	if (!err)
		err = due_table(out, &r->due_milestones, true, "No milestone falls due.");
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *matrix_row(tip_buf *out, const tip_matrix *m, size_t r)
{
	tip_error *err = tip_buf_adds(out, "<tr><th>");
	if (!err)
		err = html_text(out, m->rows[r]);
	if (!err)
		err = tip_buf_adds(out, "</th>");
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = cell_count(out, tip_matrix_cell(m, r, c), true);
	if (!err)
		err = tip_buf_addf(out, "<td class=\"n\">%zu</td></tr>\n", m->row_totals[r]);
	return err;
}

static tip_error *matrix_table(tip_buf *out, const tip_matrix *m)
{
	tip_error *err = tip_buf_addf(out, "<p>The learning-needs matrix: %zu %s%s%s by level "
		"(rows) and audience (columns); " EMPTY_MARK " marks an empty cell.</p>\n<table>"
		"<thead><tr><th>Level</th>", m->records, m->collection,
		m->status ? " with status " : "", m->status ? m->status : "");
	for (size_t c = 0; !err && c < m->col_count; c++) {
		err = tip_buf_adds(out, "<th class=\"n\">");
		if (!err)
			err = html_text(out, m->cols[c]);
		if (!err)
			err = tip_buf_adds(out, "</th>");
	}
	if (!err)
		err = tip_buf_adds(out, "<th class=\"n\">total</th></tr></thead><tbody>\n");
	for (size_t r = 0; !err && r < m->row_count; r++)
		err = matrix_row(out, m, r);
	if (!err)
		err = tip_buf_adds(out, "<tr class=\"total\"><td>total</td>");
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = cell_count(out, m->col_totals[c], false);
	if (!err)
		err = tip_buf_addf(out, "<td class=\"n\">%zu</td></tr>\n</tbody></table>\n<p>%zu of the "
			"%zu level &#215; audience cells are empty: no available course at that level "
			"for that audience.</p>\n", m->records, m->empty, m->enum_rows * m->enum_cols);
	return err;
}

static tip_error *training_lists(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<h3>Level not yet assessed (%zu)</h3>\n",
		r->not_assessed.len);
	if (!err)
		err = entry_list(out, &r->not_assessed, "Every course has a level.", true, false);
	if (!err)
		err = tip_buf_adds(out, "<h3>Reviews overdue at the end of the period</h3>\n");
	if (!err)
		err = entry_list(out, &r->reviews_overdue, "None.", false, true);
	if (!err)
		err = tip_buf_adds(out, "<h3>New and retired courses</h3>\n");
	if (!err && !r->changes_known)
		return tip_buf_adds(out, "<p>Not known: no history for the period.</p>\n");
	if (!err)
		err = tip_buf_adds(out, "<p>New:</p>\n");
	if (!err)
		err = entry_list(out, &r->new_courses, "None.", true, false);
	if (!err)
		err = tip_buf_adds(out, "<p>Retired or removed:</p>\n");
	if (!err)
		err = entry_list(out, &r->retired_courses, "None.", true, false);
	return err;
}

static tip_error *section_training(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "<section id=\"training\">\n"
		"<h2>3. Training offer</h2>\n");
	if (!err && r->has_matrix)
		err = matrix_table(out, &r->matrix);
	if (!err)
		err = tip_buf_addf(out, "<p><strong>%zu courses:</strong> ",
			total(&r->courses_by_status));
	if (!err)
		err = count_phrase(out, &r->courses_by_status);
	if (!err)
		err = tip_buf_adds(out, ".</p>\n");
	if (!err)
		err = svg_bars(out, "Courses by level (not retired)", &r->courses_by_level);
	if (!err)
		err = training_lists(out, r);
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *section_reach(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<section id=\"reach\">\n<h2>4. Reach</h2>\n<p><strong>"
		"%zu sessions, %zu attendees</strong> in the period (totals only: sessions recorded "
		"on courses, by their dates).</p>\n", r->sessions, r->attendees);
	if (!err && r->sessions)
		err = pair_table(out, "Level", "Sessions", "Attendees", &r->reach_by_level, true);
	if (!err && r->sessions)
		err = pair_table(out, "Sector", "Sessions", "Attendees", &r->reach_by_sector, true);
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *section_champions(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<section id=\"champions\">\n"
		"<h2>5. Champion network</h2>\n<p><strong>%zu champions</strong> in %zu organisation%s (champions who have left not "
		"counted); counts only, no names.</p>\n", r->champions, r->organisations,
		r->organisations == 1 ? "" : "s");
	if (!err)
		err = count_table(out, "Status", "Champions", &r->champions_by_status, false);
	if (!err)
		err = count_table(out, "Sector", "Champions", &r->champions_by_sector, true);
	if (!err)
		err = count_table(out, "Service area", "Champions", &r->champions_by_service_area,
			false);
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *section_glossary(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<section id=\"glossary\">\n<h2>6. Glossary</h2>\n"
		"<p><strong>%zu definitions:</strong> ", total(&r->definitions_by_status));
	if (!err)
		err = count_phrase(out, &r->definitions_by_status);
	if (!err)
		err = tip_buf_adds(out, ".</p>\n");
	if (!err && !r->changes_known)
		err = tip_buf_adds(out, "<p>Definitions added, agreed or superseded in the period: "
			"not known, no history for the period.</p>\n");
	if (!err && r->changes_known) {
		err = tip_buf_adds(out, "<p>Added:</p>\n");
		if (!err)
			err = entry_list(out, &r->definitions_added, "None.", true, false);
		if (!err)
			err = tip_buf_adds(out, "<p>Agreed:</p>\n");
		if (!err)
			err = entry_list(out, &r->definitions_agreed, "None.", false, false);
		if (!err)
			err = tip_buf_adds(out, "<p>Superseded:</p>\n");
		if (!err)
			err = entry_list(out, &r->definitions_superseded, "None.", false, false);
	}
	return err ? err : tip_buf_adds(out, "</section>\n");
}

static tip_error *section_alignment(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "<section id=\"alignment\">\n<h2>7. Alignment with "
		"national drivers</h2>\n");
	if (!err)
		err = pair_table(out, "Driver", "Actions", "Open", &r->drivers, false);
	if (!err)
		err = tip_buf_addf(out, "<p>%zu action%s name%s no driver. An action may serve "
			"several.</p>\n</section>\n", r->actions_without_driver,
			r->actions_without_driver == 1 ? "" : "s",
			r->actions_without_driver == 1 ? "s" : "");
	return err;
}

static tip_error *course_review_table(tip_buf *out, const tip_report *r)
{
	if (!r->course_reviews.len)
		return tip_buf_adds(out, "<p>No course review is overdue or due next.</p>\n");
	tip_error *err = tip_buf_adds(out, "<table><thead><tr><th>Course</th><th>Next review</th>"
		"<th>Review</th></tr></thead><tbody>\n");
	for (size_t i = 0; !err && i < r->course_reviews.len; i++) {
		const tip_report_entry *e = &r->course_reviews.items[i];
		err = tip_buf_adds(out, "<tr><td>");
		if (!err)
			err = html_record(out, e);
		if (!err)
			err = tip_buf_addf(out, "</td><td>%s</td><td>%s</td></tr>\n", e->date, e->detail);
	}
	return err ? err : tip_buf_adds(out, "</tbody></table>\n");
}

static tip_error *unreadable_list(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "<p>Records that do not load (run <code>tip validate"
		"</code>):</p>\n<ul>\n");
	for (size_t i = 0; !err && i < r->unreadable.len; i++) {
		const tip_report_entry *e = &r->unreadable.items[i];
		if (e->id) {
			err = tip_buf_addf(out, "<li>%s <code>", e->type);
			if (!err)
				err = html_text(out, e->id);
			if (!err)
				err = tip_buf_adds(out, "</code></li>\n");
		} else {
			err = tip_buf_addf(out, "<li>%zu %s</li>\n", e->count, e->type);
		}
	}
	return err ? err : tip_buf_adds(out, "</ul>\n");
}

static tip_error *section_housekeeping(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "<section id=\"housekeeping\">\n<h2>8. Housekeeping</h2>\n"
		"<p>Records due for review: overdue at the end of the period, or due in %s.</p>\n",
		r->next.name);
	if (!err)
		err = course_review_table(out, r);
	if (!err)
		err = tip_buf_addf(out, "<p>Champion records: %zu review%s overdue, %zu due next.</p>\n",
			r->champion_reviews_overdue, r->champion_reviews_overdue == 1 ? "" : "s",
			r->champion_reviews_due);
	if (!err && r->unreadable.len)
		err = unreadable_list(out, r);
	return err ? err : tip_buf_adds(out, "</section>\n");
}

tip_error *tip_report_html(tip_buf *out, const tip_report *r)
{
	tip_error *err = head(out, r);
	if (!err)
		err = section_headline(out, r);
	if (!err)
		err = section_exceptions(out, r);
	if (!err)
		err = section_training(out, r);
	if (!err)
		err = section_reach(out, r);
	if (!err)
		err = section_champions(out, r);
	if (!err)
		err = section_glossary(out, r);
	if (!err)
		err = section_alignment(out, r);
	if (!err)
		err = section_housekeeping(out, r);
	return err ? err : tip_buf_adds(out, "</body>\n</html>\n");
}
