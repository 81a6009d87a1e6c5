/* The summary's sections written once against a small document writer, which Markdown
 * (report_md.c) and HTML (report_html.c) each implement: fixed markup as strings, the rest
 * (escaping, records, charts) as functions. What only one format has (the page shell, the
 * heading block, Mermaid charts, inline SVG) stays in that format's file. */
#ifndef TIP_REPORT_DOC_H
#define TIP_REPORT_DOC_H

#include <stdbool.h>

#include "report.h"

#define REPORT_DOC_DASH "\xe2\x80\x94"  /* — */
#define REPORT_DOC_EMPTY "\xc2\xb7"     /* · */

typedef struct report_doc report_doc;

/* A chart of counts: a title, and the columns of the table a format may show with it. */
typedef struct report_chart {
	const char *title; /* "Actions by status" */
	const char *name;  /* the table's label column, "Status" */
	const char *what;  /* the table's count column, "Actions" */
	const char *axis;  /* what the counts are, "Courses"; NULL for a pie */
} report_chart;

typedef struct report_doc_format {
	/* Markup around things; "" where a format has none. */
	const char *para_begin, *para_end;
	const char *strong_begin, *strong_end;
	const char *subheading_begin, *subheading_end;
	const char *section_end;
	const char *list_begin, *item_begin, *item_end, *list_end;
	/* A table (table_begin below): its header cells (by alignment: [0] text, [1] numbers),
	 * then the rule under the header (Markdown's alignment row), then rows of cells. */
	const char *head_cell_begin[2], *head_cell_end;
	const char *rule_begin, *rule_cell[2], *head_end;
	const char *row_begin, *row_end, *table_end;
	const char *cell_begin, *cell_end;   /* a cell of text */
	const char *row_head_begin, *row_head_end; /* a row's label in a matrix */
	const char *count_begin, *count_end; /* a cell with a count */
	const char *empty_count;             /* a cell with no count, where that is marked */
	const char *empty_meaning;           /* "· marks an empty cell" */
	const char *total_row_begin;         /* a matrix's row of totals, with its label */
	const char *times;                   /* the sign × */

	/* Text with the format's special characters escaped. */
	tip_error *(*text)(tip_buf *out, const char *s);
	/* A field's value (a date, a status): as it is, or escaped where the format must. */
	tip_error *(*value)(tip_buf *out, const char *s);
	/* Code: an id, a command. */
	tip_error *(*code)(tip_buf *out, const char *s);
	/* A record: its title and id. */
	tip_error *(*record)(tip_buf *out, const tip_report_entry *e);
	/* A table cell holding a count's label. */
	tip_error *(*label_cell)(tip_buf *out, const char *label);
	/* A RAG rating (its code, and its display name), highlighted. */
	tip_error *(*rag)(tip_buf *out, const char *rating, const char *name);
	/* A table's start, up to its first header cell, with its caption where the format has
	 * them. */
	tip_error *(*table_begin)(const report_doc *d, const char *caption);
	/* A section's start: its id and numbered title. */
	tip_error *(*section_begin)(tip_buf *out, const char *id, const char *title);
	/* A chart of counts (with its table, where the format shows one). */
	tip_error *(*chart)(const report_doc *d, const report_chart *chart, const tip_counts *c);
} report_doc_format;

struct report_doc {
	tip_buf *out;
	const report_doc_format *f;
	size_t *tables; /* the tables written so far, which number their ids */
};

/* The eight sections, from the headline to housekeeping. */
tip_error *report_doc_sections(const report_doc *d, const tip_report *r);

/* A table of counts under its caption: | name | what |, one row per label; rows with 0 are
 * left out when skip_zero. */
tip_error *report_doc_count_table(const report_doc *d, const char *caption, const char *name,
	const char *what, const tip_counts *c, bool skip_zero);

/* The sum of the counts. */
size_t report_doc_total(const tip_counts *c);

/* Pieces of the summary's pages that the other pages of lib/report (the comparison) share:
 * text escaped for Markdown and for HTML, and an HTML page's start (the summary's own start,
 * in en-GB: its head with the summary's style and extra_style, the body's header with the one
 * h1, left open for the caller's lines and then "</header><main>") and end (closing main). */
tip_error *report_md_escape(tip_buf *out, const char *s);
tip_error *report_html_escape(tip_buf *out, const char *s);
tip_error *report_html_page_begin(tip_buf *out, const char *title, const char *extra_style);
tip_error *report_html_page_end(tip_buf *out);

#endif
