/* The summary as Markdown that renders on GitHub: headings, tables, lists, and Mermaid charts
 * (a pie of actions by status, a bar chart of courses by level). The sections are written by
 * report_doc.c; this file is the Markdown writer, the heading block and the charts. */
#include <string.h>

#include "report_doc.h"

/* Appends text with Markdown's special characters escaped (and line breaks as spaces). */
static tip_error *md_text(tip_buf *out, const char *s)
{
	return tip_buf_add_markdown(out, s, s ? strlen(s) : 0, false);
}

/* A code span; an id that is no id (a file's name) may hold a | a table must not take. */
static tip_error *md_code(tip_buf *out, const char *s)
{
	tip_error *err = tip_buf_addc(out, '`');
	if (!err)
		err = tip_buf_add_markdown(out, s, strlen(s), true);
	return err ? err : tip_buf_addc(out, '`');
}

/* "Title (`id`)", or "`id`" when there is no title. */
static tip_error *md_record(tip_buf *out, const tip_report_entry *e)
{
	tip_error *err = e->title ? md_text(out, e->title) : NULL;
	if (!err && e->title)
		err = tip_buf_adds(out, " (");
	if (!err)
		err = md_code(out, e->id);
	return err || !e->title ? err : tip_buf_addc(out, ')');
}

/* ---- heading ---- */

static tip_error *md_period(tip_buf *out, const tip_period *p)
{
	char from[24], to[24];
	tip_date_format_long(from, sizeof(from), p->from);
	tip_date_format_long(to, sizeof(to), p->to);
	return tip_buf_addf(out, "%s (%s to %s)", p->name, from, to);
}

static tip_error *heading(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "# Quarterly progress summary: %s\n\n", r->period.name);
	if (!err)
		err = tip_buf_adds(out, "**Period:** ");
	if (!err)
		err = md_period(out, &r->period);
	if (!err)
		err = tip_buf_adds(out, "  \n**Next:** ");
	if (!err)
		err = md_period(out, &r->next);
	char today[TIP_DATE_LEN];
	tip_date_format(today, r->today);
	if (!err)
		err = tip_buf_addf(out, "  \n**Today:** %s\n\n> ", today);
	if (!err)
		err = tip_report_provenance(out, r);
	return err ? err : tip_buf_adds(out, "\n\n");
}

/* ---- the document writer ---- */

/* A cell of a count's label, escaped (an empty label stays empty). */
static tip_error *md_label_cell(tip_buf *out, const char *label)
{
	tip_error *err = tip_buf_addc(out, ' ');
	if (!err)
		err = md_text(out, label);
	return err ? err : tip_buf_adds(out, " |");
}

static tip_error *md_rag(tip_buf *out, const char *rating, const char *name)
{
	(void)rating;
	return tip_buf_addf(out, "**%s**", name);
}

/* A table opens its header row; Markdown has no caption. */
static tip_error *md_table(const report_doc *d, const char *caption)
{
	(void)caption;
	return tip_buf_addc(d->out, '|');
}

static tip_error *md_section(tip_buf *out, const char *id, const char *title)
{
	(void)id;
	return tip_buf_addf(out, "## %s\n\n", title);
}

/* A label Mermaid can quote: one holding a quote or a line break (only an invalid record's)
 * is shown as "?". */
static const char *mermaid_label(const char *label)
{
	return strpbrk(label, "\"\n\r") ? "?" : label;
}

static tip_error *mermaid_pie(tip_buf *out, const char *title, const tip_counts *c)
{
	tip_error *err = tip_buf_addf(out, "```mermaid\npie showData title %s\n", title);
	for (size_t i = 0; !err && i < c->len; i++)
		if (c->items[i].n)
			err = tip_buf_addf(out, "    \"%s\" : %zu\n", mermaid_label(c->items[i].name),
				c->items[i].n);
	return err ? err : tip_buf_adds(out, "```\n\n");
}

static tip_error *mermaid_bars(tip_buf *out, const report_chart *chart, const tip_counts *c)
{
	size_t max = 1;
	for (size_t i = 0; i < c->len; i++)
		if (c->items[i].n > max)
			max = c->items[i].n;
	tip_error *err = tip_buf_addf(out, "```mermaid\nxychart-beta\n    title \"%s\"\n"
		"    x-axis [", chart->title);
	for (size_t i = 0; !err && i < c->len; i++)
		err = tip_buf_addf(out, "%s\"%s\"", i ? ", " : "", mermaid_label(c->items[i].name));
	if (!err)
		err = tip_buf_addf(out, "]\n    y-axis \"%s\" 0 --> %zu\n    bar [", chart->axis,
			max);
	for (size_t i = 0; !err && i < c->len; i++)
		err = tip_buf_addf(out, "%s%zu", i ? ", " : "", c->items[i].n);
	return err ? err : tip_buf_adds(out, "]\n```\n\n");
}

/* The table of counts, then (when any) a Mermaid pie or bar chart. */
static tip_error *md_chart(const report_doc *d, const report_chart *chart, const tip_counts *c)
{
	tip_error *err = report_doc_count_table(d, chart->title, chart->name, chart->what, c,
		false);
	if (err || !report_doc_total(c))
		return err;
	return chart->axis ? mermaid_bars(d->out, chart, c) : mermaid_pie(d->out, chart->title, c);
}

static const report_doc_format markdown = {
	.para_begin = "", .para_end = "\n\n",
	.strong_begin = "**", .strong_end = "**",
	.subheading_begin = "### ", .subheading_end = "\n\n",
	.section_end = "",
	.list_begin = "", .item_begin = "- ", .item_end = "\n", .list_end = "\n",
.head_cell_begin = { " ", " " }, .head_cell_end = " |",
	.rule_begin = "\n|", .rule_cell = { " --- |", " ---: |" }, .head_end = "\n",
	.row_begin = "|", .row_end = "\n", .table_end = "\n",
	.cell_begin = " ", .cell_end = " |",
	.row_head_begin = " ", .row_head_end = " |",
	.count_begin = " ", .count_end = " |",
	.empty_count = " " REPORT_DOC_EMPTY " |",
	.empty_meaning = REPORT_DOC_EMPTY " marks an empty cell",
	.total_row_begin = "| **total** |",
	.times = "\xc3\x97",
	.text = md_text,
	.value = md_text, /* a record that does not validate may hold anything */
	.code = md_code,
	.record = md_record,
	.label_cell = md_label_cell,
	.rag = md_rag,
	.table_begin = md_table,
	.section_begin = md_section,
	.chart = md_chart,
};

tip_error *tip_report_markdown(tip_buf *out, const tip_report *r)
{
	size_t tables = 0;
	const report_doc doc = { out, &markdown, &tables };
	tip_error *err = heading(out, r);
	return err ? err : report_doc_sections(&doc, r);
}

tip_error *report_md_escape(tip_buf *out, const char *s)
{
	return md_text(out, s);
}
