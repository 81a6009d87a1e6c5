/* The summary as one self-contained, printable HTML page: inline CSS, inline SVG bar charts,
 * no scripts and nothing fetched from anywhere. The markup is also well-formed XML (every
 * element closed, only numeric character references), so strict parsers check it. The
 * sections are written by report_doc.c; this file is the HTML writer, the page shell, its CSS
 * and the SVG charts. */
#include <string.h>

#include "report_doc.h"

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
	return s ? tip_buf_add_markup_text(out, s) : NULL;
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

/* ---- charts ---- */

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
		tip_buf_dispose(&note);
	}
	return err ? err : tip_buf_adds(out, "</p>\n</header>\n");
}

/* ---- the document writer ---- */

static tip_error *html_code(tip_buf *out, const char *s)
{
	tip_error *err = tip_buf_adds(out, "<code>");
	if (!err)
		err = html_text(out, s);
	return err ? err : tip_buf_adds(out, "</code>");
}

/* A cell of a count's label, escaped; an empty one shows a dash. */
static tip_error *html_label_cell(tip_buf *out, const char *label)
{
	tip_error *err = tip_buf_adds(out, "<td>");
	if (!err)
		err = html_text(out, label && *label ? label : REPORT_DOC_DASH);
	return err ? err : tip_buf_adds(out, "</td>");
}

static tip_error *html_rag(tip_buf *out, const char *rating)
{
	return tip_buf_addf(out, "<span class=\"rag %s\">%s</span>", rating, rating);
}

static tip_error *html_section(tip_buf *out, const char *id, const char *title)
{
	return tip_buf_addf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", id, title);
}

/* A bar chart only: the page shows no table of the same counts. */
static tip_error *html_chart(const report_doc *d, const report_chart *chart,
	const tip_counts *c)
{
	return svg_bars(d->out, chart->title, c);
}

static const report_doc_format html = {
	.para_begin = "<p>", .para_end = "</p>\n",
	.strong_begin = "<strong>", .strong_end = "</strong>",
	.subheading_begin = "<h3>", .subheading_end = "</h3>\n",
	.section_end = "</section>\n",
	.list_begin = "<ul>\n", .item_begin = "<li>", .item_end = "</li>\n", .list_end = "</ul>\n",
	.table_begin = "<table><thead><tr>", .head_cell_begin = { "<th>", "<th class=\"n\">" },
	.head_cell_end = "</th>",
	.rule_begin = "", .rule_cell = { "", "" }, .head_end = "</tr></thead><tbody>\n",
	.row_begin = "<tr>", .row_end = "</tr>\n", .table_end = "</tbody></table>\n",
	.cell_begin = "<td>", .cell_end = "</td>",
	.row_head_begin = "<th>", .row_head_end = "</th>",
	.count_begin = "<td class=\"n\">", .count_end = "</td>",
	.empty_count = "<td class=\"empty\">" REPORT_DOC_EMPTY "</td>",
	.total_row_begin = "<tr class=\"total\"><td>total</td>",
	.times = "&#215;",
	.text = html_text,
	.value = html_text,
	.code = html_code,
	.record = html_record,
	.label_cell = html_label_cell,
	.rag = html_rag,
	.section_begin = html_section,
	.chart = html_chart,
};

tip_error *tip_report_html(tip_buf *out, const tip_report *r)
{
	const report_doc doc = { out, &html };
	tip_error *err = head(out, r);
	if (!err)
		err = report_doc_sections(&doc, r);
	return err ? err : tip_buf_adds(out, "</body>\n</html>\n");
}
