/* The summary as one self-contained, printable HTML page: inline CSS, inline SVG bar charts,
 * no scripts and nothing fetched from anywhere; landmarks, captioned tables and charts that
 * repeat a table for the eye, so that it reads as well aloud as on paper. The markup is also
 * well-formed XML (every element closed, only numeric character references), so strict
 * parsers check it. The sections are written by report_doc.c; this file is the HTML writer,
 * the page shell, its CSS and the SVG charts. */
#include <string.h>

#include "report_doc.h"

/* Public-sector plain: dark text on white, one accent colour, tables with captions. Sizes in
 * rem and em, so that text resized to 200 % reflows; at 320 CSS px nothing but a wide table's
 * own region scrolls sideways. In print, headings stay with what follows them and every page
 * is numbered in its margin. */
static const char style[] =
	"*,*::before,*::after{box-sizing:border-box}\n"
	"body{font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;"
	"color:#0b0c0c;background:#fff;max-width:60rem;margin:0 auto;padding:0 1rem 1rem}\n"
	"a.skip{position:absolute;left:-100vw;top:0}\n"
	"a.skip:focus{position:static;display:inline-block;margin-top:.5rem;padding:.25rem .5rem;"
	"background:#fd0;color:#0b0c0c}\n"
	":focus-visible{outline:3px solid #0b0c0c;outline-offset:2px;box-shadow:0 0 0 6px #fd0}\n"
	"header{border-bottom:.4rem solid #1d4f76;padding:1.25rem 0 .75rem}\n"
	"h1{font-size:1.75rem;line-height:1.2;margin:0 0 .5rem}\n"
	"h2{font-size:1.375rem;line-height:1.25;border-bottom:2px solid #1d4f76;"
	"padding-bottom:.15em;margin:2rem 0 .75rem;break-after:avoid}\n"
	"h3{font-size:1.125rem;line-height:1.3;margin:1.25rem 0 .5rem;break-after:avoid}\n"
	"p.meta{margin:.2em 0}\n"
	"p.note{border-left:.3rem solid #1d4f76;background:#eef4f8;padding:.5em .8em}\n"
	".table-scroll{position:relative;overflow-x:auto;margin:.5rem 0 1.25rem}\n"
	"table{border-collapse:collapse}\n"
	"caption{text-align:left;font-weight:bold;padding:0 0 .35em;break-after:avoid}\n"
	/* A wide table's caption stays in sight, wrapped to the screen, while the table scrolls. */
	"caption span{display:inline-block;max-width:calc(100vw - 2.5rem);position:sticky;left:0}\n"
	"th,td{border:1px solid #b1b4b6;padding:.25em .6em;text-align:left;vertical-align:top;"
	"overflow-wrap:break-word}\n"
	"thead th{background:#f3f2f1}\n"
	"tbody th{font-weight:normal}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"td.empty{text-align:center;color:#942514;background:#fbeaea}\n"
	"tr.total th,tr.total td{font-weight:bold}\n"
	"@media (max-width:30rem){th,td{padding:.2em .35em}}\n"
	".visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}\n"
	"span.rag{display:inline-block;padding:0 .4em;border-radius:3px;font-weight:bold}\n"
	"span.red{background:#b10e1e;color:#fff}\n"
	"span.amber{background:#f4b400;color:#0b0c0c}\n"
	"span.green{background:#00703c;color:#fff}\n"
	"code{font-size:.9em;overflow-wrap:anywhere}\n"
	"figure.chart{margin:.5rem 0 .25rem;max-width:30rem}\n"
	"div.bar{margin:0 0 .4rem;font-variant-numeric:tabular-nums}\n"
	".bar-label{display:block;font-size:.9375rem}\n"
	"div.bar svg{vertical-align:-.15em}\n"
	"div.bar rect{fill:#1d4f76}\n"
	"footer{border-top:1px solid #b1b4b6;margin-top:2rem;padding-top:.75rem;"
	"font-size:.875rem;color:#505a5f}\n"
	"@page{size:A4;margin:15mm 14mm 18mm;@bottom-right{content:\"Page \" counter(page) "
	"\" of \" counter(pages);font:9pt system-ui,Arial,sans-serif;color:#505a5f}}\n"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}a.skip{display:none}"
	"header{padding-top:0}.table-scroll{overflow:visible}th,td{padding:.15em .35em}"
	"p:has(+ .table-scroll),p:has(+ figure){break-after:avoid}footer{break-before:avoid}"
	"tr,figure,li,table{break-inside:avoid}figure.chart{max-width:20rem}}\n";

static tip_error *html_text(tip_buf *out, const char *s)
{
	return s ? tip_buf_add_markup_text(out, s) : NULL;
}

static tip_error *html_code(tip_buf *out, const char *s)
{
	tip_error *err = tip_buf_adds(out, "<code>");
	if (!err)
		err = html_text(out, s);
	return err ? err : tip_buf_adds(out, "</code>");
}

/* A record by its title, which is what people know it by; by its id only when it has none. */
static tip_error *html_record(tip_buf *out, const tip_report_entry *e)
{
	return e->title ? html_text(out, e->title) : html_code(out, e->id);
}

/* ---- charts ---- */

/* The longest bar's share of the chart's width, in tenths of a per cent: the rest is room for
 * its number. */
enum { LONGEST_BAR = 850 };

/* A bar under its label. The label and the number are the page's own text, so they wrap and
 * grow with it; the bar is a small SVG (drawn in print, where backgrounds are not) as wide as
 * its count's share of the largest. */
static tip_error *chart_bar(tip_buf *out, const tip_count *c, size_t max)
{
	size_t width = max ? c->n * LONGEST_BAR / max : 0;
	tip_error *err = tip_buf_adds(out, "<div class=\"bar\"><span class=\"bar-label\">");
	if (!err)
		err = html_text(out, c->name);
	if (!err)
		err = tip_buf_addf(out, "</span><svg width=\"%zu.%zu%%\" height=\"1em\" "
			"viewBox=\"0 0 1 1\" preserveAspectRatio=\"none\" focusable=\"false\">"
			"<rect width=\"1\" height=\"1\"/></svg> %zu</div>\n", width / 10, width % 10,
			c->n);
	return err;
}

/* A horizontal bar chart of the counts, as wide as the page up to a limit. It is a picture of
 * the table that follows it, so screen readers are sent to the table (the accessible form)
 * instead. */
static tip_error *bar_chart(tip_buf *out, const tip_counts *c)
{
	size_t max = 0;
	for (size_t i = 0; i < c->len; i++)
		if (c->items[i].n > max)
			max = c->items[i].n;
	tip_error *err = tip_buf_adds(out, "<figure class=\"chart\" aria-hidden=\"true\">\n");
	for (size_t i = 0; !err && i < c->len; i++)
		err = chart_bar(out, &c->items[i], max);
	return err ? err : tip_buf_adds(out, "</figure>\n");
}

/* ---- the page ---- */

/* Every page's start, up to its h1 in the header (British English, as the site): a skip link
 * to the main part first when skip is given. */
static tip_error *page_begin(tip_buf *out, const char *title, const char *extra_style,
	const char *skip)
{
	tip_error *err = tip_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
		"<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, "
		"initial-scale=1\"/>\n<title>");
	if (!err)
		err = html_text(out, title);
	if (!err)
		err = tip_buf_addf(out, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", style,
			extra_style ? extra_style : "");
	if (!err && skip)
		err = tip_buf_addf(out, "<a class=\"skip\" href=\"#main\">%s</a>\n", skip);
	if (!err)
		err = tip_buf_adds(out, "<header>\n<h1>");
	if (!err)
		err = html_text(out, title);
	return err ? err : tip_buf_adds(out, "</h1>\n");
}

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
	tip_buf title = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&title, "Quarterly progress summary: %s", r->period.name);
	if (!err)
		err = page_begin(out, tip_buf_str(&title), NULL, "Skip to the summary");
	tip_buf_dispose(&title);
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
	return err ? err : tip_buf_adds(out, "</p>\n</header>\n<main id=\"main\">\n");
}

static tip_error *foot(tip_buf *out, const tip_report *r)
{
	char today[TIP_DATE_LEN];
	tip_date_format(today, r->today);
	return tip_buf_addf(out, "</main>\n<footer>\n<p>Quarterly progress summary: %s. Written "
		"by tip summary on %s from the programme&#8217;s records; personal data is only "
		"counted.</p>\n</footer>\n</body>\n</html>\n", r->period.name, today);
}

/* ---- the document writer ---- */

/* A count's label, heading its row, escaped; an empty one shows a dash. */
static tip_error *html_label_cell(tip_buf *out, const char *label)
{
	tip_error *err = tip_buf_adds(out, "<th scope=\"row\">");
	if (!err)
		err = html_text(out, label && *label ? label : REPORT_DOC_DASH);
	return err ? err : tip_buf_adds(out, "</th>");
}

/* The rating's class colours it; its name says it in words. */
static tip_error *html_rag(tip_buf *out, const char *rating, const char *name)
{
	tip_error *err = tip_buf_adds(out, "<span class=\"rag ");
	if (!err)
		err = html_text(out, rating);
	if (!err)
		err = tip_buf_adds(out, "\">");
	if (!err)
		err = html_text(out, name);
	return err ? err : tip_buf_adds(out, "</span>");
}

static tip_error *html_section(tip_buf *out, const char *id, const char *title)
{
	return tip_buf_addf(out, "<section id=\"%s\" aria-labelledby=\"%s-title\">\n"
		"<h2 id=\"%s-title\">%s</h2>\n", id, id, id, title);
}

/* A table that does not fit a narrow screen (long titles do it to three columns) scrolls in
 * a region of its own, which the keyboard can reach and its caption names: without a script,
 * which table is too wide is not known, so each is in one. */
static tip_error *html_table(const report_doc *d, const char *caption)
{
	size_t n = ++*d->tables;
	tip_error *err = tip_buf_addf(d->out, "<div class=\"table-scroll\" role=\"region\" "
		"tabindex=\"0\" aria-labelledby=\"table-%zu\"><table><caption id=\"table-%zu\"><span>",
		n, n);
	if (!err)
		err = html_text(d->out, caption);
	return err ? err : tip_buf_adds(d->out, "</span></caption><thead><tr>");
}

/* The chart, then its table. */
static tip_error *html_chart(const report_doc *d, const report_chart *chart,
	const tip_counts *c)
{
	tip_error *err = bar_chart(d->out, c);
	return err ? err : report_doc_count_table(d, chart->title, chart->name, chart->what, c,
		false);
}

static const report_doc_format html = {
	.para_begin = "<p>", .para_end = "</p>\n",
	.strong_begin = "<strong>", .strong_end = "</strong>",
	.subheading_begin = "<h3>", .subheading_end = "</h3>\n",
	.section_end = "</section>\n",
	.list_begin = "<ul>\n", .item_begin = "<li>", .item_end = "</li>\n", .list_end = "</ul>\n",
	.head_cell_begin = { "<th scope=\"col\">", "<th scope=\"col\" class=\"n\">" },
	.head_cell_end = "</th>",
	.rule_begin = "", .rule_cell = { "", "" }, .head_end = "</tr></thead><tbody>\n",
	.row_begin = "<tr>", .row_end = "</tr>\n", .table_end = "</tbody></table></div>\n",
	.cell_begin = "<td>", .cell_end = "</td>",
	.row_head_begin = "<th scope=\"row\">", .row_head_end = "</th>",
	.count_begin = "<td class=\"n\">", .count_end = "</td>",
	.empty_count = "<td class=\"empty\"><span aria-hidden=\"true\">&#8211;</span>"
		"<span class=\"visually-hidden\">No course</span></td>",
	.empty_meaning = "a dash marks an empty cell",
	.total_row_begin = "<tr class=\"total\"><th scope=\"row\">total</th>",
	.times = "&#215;",
	.text = html_text,
	.value = html_text,
	.code = html_code,
	.record = html_record,
	.label_cell = html_label_cell,
	.rag = html_rag,
	.table_begin = html_table,
	.section_begin = html_section,
	.chart = html_chart,
};

tip_error *tip_report_html(tip_buf *out, const tip_report *r)
{
	size_t tables = 0;
	const report_doc doc = { out, &html, &tables };
	tip_error *err = head(out, r);
	if (!err)
		err = report_doc_sections(&doc, r);
	return err ? err : foot(out, r);
}

tip_error *report_html_escape(tip_buf *out, const char *s)
{
	return html_text(out, s);
}

tip_error *report_html_page_begin(tip_buf *out, const char *title, const char *extra_style)
{
	return page_begin(out, title, extra_style, NULL);
}

tip_error *report_html_page_end(tip_buf *out)
{
	return tip_buf_adds(out, "</main>\n</body>\n</html>\n");
}
