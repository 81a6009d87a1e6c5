/* The pages of figures: home, the learning-needs matrix, the strategy, the champion network
 * (counts only) and the downloads. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "matrix.h"
#include "schema.h"
#include "site_data.h"
#include "site_int.h"

static const site_crumb home_crumb[] = { { "index.html", "Home" } };

/* How many of the records have value in field (a text field, or a list of them). */
static size_t count_value(const tip_snapshot_record *const *records, size_t n,
	const char *field, const char *value)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const tip_node *v = site_field(records[i], field);
		if (!v)
			count += value == NULL;
		else if (v->type == TIP_NODE_STR)
			count += value && strcmp(v->str, value) == 0;
		for (size_t k = 0; v && value && v->type == TIP_NODE_SEQ && k < v->count; k++)
			count += v->items[k]->type == TIP_NODE_STR
				&& strcmp(v->items[k]->str, value) == 0;
	}
	return count;
}

/* A table of how many records have each value of field, in the schema's order; a row for
 * those without it when there are some. link (may be NULL) makes each count a link to
 * link + value. */
static void counts_table(site_html *h, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, const char *field,
	const char *caption, const char *heading, const char *none, const char *link)
{
	const char *const *values;
	size_t count;
	site_enum(&values, &count, type, field);
	h_table_open(h, caption);
	h_raw(h, "<thead><tr><th scope=\"col\">");
	h_text(h, heading);
	h_raw(h, "</th><th scope=\"col\" class=\"n\">Number</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i <= count; i++) {
		size_t k = count_value(records, n, field, i < count ? values[i] : NULL);
		if (i == count && (!k || !none))
			break;
		h_raw(h, "<tr><th scope=\"row\">");
		if (i < count)
			h_value(h, type, field, values[i]);
		else
			h_text(h, none);
		h_raw(h, "</th><td class=\"n\">");
		if (link && k) {
			h_raw(h, "<a href=\"");
			h_text(h, link);
			h_text(h, i < count ? values[i] : "none");
			h_rawf(h, "\">%zu</a>", k);
		} else {
			h_rawf(h, "%zu", k);
		}
		h_raw(h, "</td></tr>\n");
	}
	h_raw(h, "</tbody>\n");
	h_table_close(h);
}

typedef struct all_records {
	const tip_snapshot_record **courses, **terms, **actions, **champions;
	size_t course_count, term_count, action_count, champion_count;
} all_records;

static tip_error *read_all(all_records *a, const site *s)
{
	tip_error *err = site_records(&a->courses, &a->course_count, s, s->course);
	if (!err)
		err = site_records(&a->terms, &a->term_count, s, s->definition);
	if (!err)
		err = site_records(&a->actions, &a->action_count, s, s->action);
	if (!err)
		err = site_records(&a->champions, &a->champion_count, s, s->champion);
	return err;
}

static void all_records_dispose(all_records *a)
{
	free(a->courses);
	free(a->terms);
	free(a->actions);
	free(a->champions);
}

/* ---- home ---- */

static void home_sections(site_html *h)
{
	h_raw(h, "<h2>In this site</h2>\n<ul>\n"
		 "<li><a href=\"courses/index.html\">Courses by level</a> and "
		 "<a href=\"courses/by-audience.html\">by audience</a>: the training offer</li>\n"
		 "<li><a href=\"glossary/index.html\">Glossary</a>: the shared terms, A to Z</li>\n"
		 "<li><a href=\"matrix.html\">Learning needs</a>: courses by level and audience, "
		 "and where there is none</li>\n"
		 "<li><a href=\"strategy.html\">Strategy</a>: the strategy's actions and how they "
		 "stand</li>\n"
		 "<li><a href=\"champions.html\">Champions</a>: the champion network in "
		 "numbers</li>\n"
		 "<li><a href=\"downloads.html\">Downloads</a>: the data behind these pages</li>\n"
		 "</ul>\n");
}

tip_error *site_write_home(site *s)
{
	all_records a = { 0 };
	tip_error *err = read_all(&a, s);
	if (err) {
		all_records_dispose(&a);
		return err;
	}
	site_page page = { .path = "index.html", .title = s->name, .section = "home" };
	site_html *h = &page.body;
	h_raw(h, "<p class=\"lead\">The city's programme of trauma informed practice at a glance: "
		 "the training offer at four levels, the shared glossary, the strategy's progress "
		 "and the champion network.</p>\n");
	h_raw(h, "<h2>Training offer</h2>\n");
	counts_table(h, s->course, a.courses, a.course_count, "level", "Courses by level",
		"Level", "Level not yet assessed", "courses/index.html#level-");
	h_raw(h, "<h2>Glossary</h2>\n");
	h_rawf(h, "<p>The <a href=\"glossary/index.html\">glossary</a> has %zu term%s (%zu "
		  "agreed).</p>\n", a.term_count, a.term_count == 1 ? "" : "s",
		count_value(a.terms, a.term_count, "status", "agreed"));
	h_raw(h, "<h2>Strategy</h2>\n");
	counts_table(h, s->action, a.actions, a.action_count, "status",
		"Strategy actions by status", "Status", NULL, "strategy.html#status-");
	counts_table(h, s->action, a.actions, a.action_count, "rag",
		"RAG ratings of the actions (red, amber, green)", "Rating", "No rating", NULL);
	h_raw(h, "<h2>Champion network</h2>\n");
	h_rawf(h, "<p>%zu champion%s, %zu of them active: see the "
		  "<a href=\"champions.html\">champion network</a> in numbers.</p>\n",
		a.champion_count, a.champion_count == 1 ? "" : "s",
		count_value(a.champions, a.champion_count, "status", "active"));
	home_sections(h);
	all_records_dispose(&a);
	return site_page_write(s, &page);
}

/* ---- the learning-needs matrix ---- */

static void matrix_label(site_html *h, const site *s, const char *field, const char *value)
{
	if (strcmp(value, TIP_MATRIX_NONE) == 0)
		h_text(h, strcmp(field, "level") == 0 ? "Level not yet assessed" : "Not given");
	else
		h_value(h, s->course, field, value);
}

static void matrix_table(site_html *h, const site *s, const tip_matrix *m)
{
	h_table_open(h, "Courses by practice level (rows) and audience (columns)");
	h_raw(h, "<thead><tr><th scope=\"col\">Level</th>");
	for (size_t c = 0; c < m->col_count; c++) {
		h_raw(h, "<th scope=\"col\" class=\"n\">");
		matrix_label(h, s, m->col_field, m->cols[c]);
		h_raw(h, "</th>");
	}
	h_raw(h, "<th scope=\"col\" class=\"n\">All audiences</th></tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < m->row_count; r++) {
		h_raw(h, "<tr><th scope=\"row\">");
		matrix_label(h, s, m->row_field, m->rows[r]);
		h_raw(h, "</th>");
		for (size_t c = 0; c < m->col_count; c++) {
			size_t k = tip_matrix_cell(m, r, c);
			if (k)
				h_rawf(h, "<td class=\"n\">%zu</td>", k);
			else
				h_raw(h, "<td class=\"n none\">No course</td>");
		}
		h_rawf(h, "<td class=\"n\">%zu</td></tr>\n", m->row_totals[r]);
	}
	h_raw(h, "</tbody>\n<tfoot><tr><th scope=\"row\">All levels</th>");
	for (size_t c = 0; c < m->col_count; c++)
		h_rawf(h, "<td class=\"n\">%zu</td>", m->col_totals[c]);
	h_rawf(h, "<td class=\"n\">%zu</td></tr></tfoot>\n", m->records);
	h_table_close(h);
}

tip_error *site_write_matrix(site *s)
{
	site_page page = { .path = "matrix.html", .title = "Learning needs",
		.section = "matrix", .crumbs = home_crumb, .crumb_count = 1 };
	site_html *h = &page.body;
	tip_matrix m;
	tip_error *err = s->course ? tip_matrix_build(&m, s->snap, s->course, "level",
		"audience", tip_matrix_has_status(s->course, "available") ? "available" : NULL)
				   : NULL;
	if (err) {
		h_dispose(h);
		return err;
	}
	if (!s->course) {
		h_raw(h, "<p>There are no courses yet.</p>\n");
		return site_page_write(s, &page);
	}
	h_rawf(h, "<p class=\"lead\">The courses available now, counted by practice level and "
		  "by the audience they are for. %zu of the %zu cells of a level and an audience "
		  "have no course: these are the gaps in the training offer.</p>\n", m.empty,
		m.enum_rows * m.enum_cols);
	h_raw(h, "<p>A course for several audiences counts once in each. See every course "
		 "<a href=\"courses/index.html\">by level</a> or "
		 "<a href=\"courses/by-audience.html\">by audience</a>.</p>\n");
	matrix_table(h, s, &m);
	tip_matrix_dispose(&m);
	return site_page_write(s, &page);
}

/* ---- the strategy ---- */

static void rag_words(site_html *h, const site *s, const char *rag)
{
	if (!rag) {
		h_raw(h, "Not rated");
		return;
	}
	h_raw(h, "<span class=\"tag rag-");
	h_text(h, rag);
	h_raw(h, "\">");
	h_value(h, s->action, "rag", rag);
	h_raw(h, "</span>");
}

static void action_row(site_html *h, const site *s, const tip_snapshot_record *r)
{
	h_raw(h, "<tr><th scope=\"row\">");
	h_text(h, site_record_name(r));
	h_raw(h, "</th><td>");
	rag_words(h, s, site_str(r, "rag"));
	h_raw(h, "</td><td>");
	const tip_node *due = site_field(r, "due");
	if (due)
		h_date_node(h, due);
	else
		h_raw(h, "No date");
	h_raw(h, "</td><td>");
	h_values(h, s->action, "drivers", site_field(r, "drivers"));
	h_raw(h, "</td><td>");
	h_text(h, site_str(r, "owner"));
	h_raw(h, "</td></tr>\n");
}

tip_error *site_write_strategy(site *s)
{
	const tip_snapshot_record **actions;
	size_t n;
	tip_error *err = site_records(&actions, &n, s, s->action);
	if (err)
		return err;
	site_page page = { .path = "strategy.html", .title = "Strategy",
		.section = "strategy", .crumbs = home_crumb, .crumb_count = 1 };
	site_html *h = &page.body;
	h_rawf(h, "<p class=\"lead\">The %zu actions of the city's strategy and the working "
		  "group's remit, grouped by status. RAG is the rating of an action in progress: "
		  "green on track, amber at risk, red off track.</p>\n", n);
	const char *const *statuses;
	size_t count;
	site_enum(&statuses, &count, s->action, "status");
	tip_buf caption = TIP_BUF_INIT;
	for (size_t i = 0; i < count && !h->err; i++) {
		size_t k = count_value(actions, n, "status", statuses[i]);
		h_raw(h, "<section>\n<h2 id=\"status-");
		h_text(h, statuses[i]);
		h_raw(h, "\">");
		h_value(h, s->action, "status", statuses[i]);
		h_rawf(h, " (%zu)</h2>\n", k);
		if (!k) {
			h_raw(h, "<p>No action.</p>\n</section>\n");
			continue;
		}
		tip_buf_reset(&caption);
		h->err = tip_buf_addf(&caption, "Actions with status: %s",
			tip_schema_value_title(s->action->schema, "status", statuses[i]));
		h_table_open(h, tip_buf_str(&caption));
		h_raw(h, "<thead><tr><th scope=\"col\">Action</th><th scope=\"col\">RAG</th>"
			 "<th scope=\"col\">Due</th><th scope=\"col\">National drivers</th>"
			 "<th scope=\"col\">Owner</th></tr></thead>\n<tbody>\n");
		for (size_t a = 0; a < n; a++) {
			const char *status = site_str(actions[a], "status");
			if (status && strcmp(status, statuses[i]) == 0)
				action_row(h, s, actions[a]);
		}
		h_raw(h, "</tbody>\n");
		h_table_close(h);
		h_raw(h, "</section>\n");
	}
	tip_buf_dispose(&caption);
	free(actions);
	return site_page_write(s, &page);
}

/* ---- the champion network: counts only ---- */

/* A table for each field of the champion schema with a fixed set of values that is not
 * personal: the schema decides, so that a field marked personal later stays out too. */
static void champion_tables(site_html *h, const site *s,
	const tip_snapshot_record *const *champions, size_t n)
{
	tip_field *fields = NULL;
	size_t count = 0;
	if (!s->champion->schema || h->err
		|| (h->err = tip_subschema_fields(&fields, &count,
			    tip_schema_root(s->champion->schema))))
		return;
	tip_buf caption = TIP_BUF_INIT;
	for (size_t i = 0; i < count && !h->err; i++) {
		const tip_field *f = &fields[i];
		if (f->personal || (!f->enum_count && !f->item_enum_count))
			continue;
		const char *title = f->title ? f->title : f->name;
		tip_buf_reset(&caption);
		h->err = tip_buf_addf(&caption, "Champions by %s", title);
		h_elem(h, "h2", NULL, tip_buf_str(&caption));
		counts_table(h, s->champion, champions, n, f->name, tip_buf_str(&caption), title,
			"Not given", NULL);
	}
	tip_buf_dispose(&caption);
	free(fields);
}

static size_t distinct_texts(const tip_snapshot_record *const *records, size_t n,
	const char *field)
{
	size_t distinct = 0;
	for (size_t i = 0; i < n; i++) {
		const char *v = site_str(records[i], field);
		bool seen = !v;
		for (size_t k = 0; k < i && !seen; k++) {
			const char *w = site_str(records[k], field);
			seen = w && strcmp(v, w) == 0;
		}
		distinct += !seen;
	}
	return distinct;
}

tip_error *site_write_champions(site *s)
{
	const tip_snapshot_record **champions;
	size_t n;
	tip_error *err = site_records(&champions, &n, s, s->champion);
	if (err)
		return err;
	site_page page = { .path = "champions.html", .title = "Champion network",
		.section = "champions", .crumbs = home_crumb, .crumb_count = 1 };
	site_html *h = &page.body;
	h_rawf(h, "<p class=\"lead\">Champions promote trauma informed practice in their own "
		  "services. The network has %zu champion%s", n, n == 1 ? "" : "s");
	if (s->champion && !tip_schema_is_personal(s->champion->schema, "organisation"))
		h_rawf(h, " in %zu organisation%s", distinct_texts(champions, n, "organisation"),
			distinct_texts(champions, n, "organisation") == 1 ? "" : "s");
	h_raw(h, ".</p>\n<p>This page gives numbers only: champions are not named.</p>\n");
	if (s->champion)
		champion_tables(h, s, champions, n);
	free(champions);
	return site_page_write(s, &page);
}

/* ---- downloads ---- */

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int visible(const struct dirent *e)
{
	return e->d_name[0] != '.';
}

/* What a download holds, from its name's stem, and its format, from its extension. */
static const char *download_subject(const char *name)
{
	static const struct {
		const char *stem, *subject;
	} known[] = {
		{ "courses.", "The courses" },
		{ "definitions.", "The glossary's terms" },
		{ "glossary.", "The glossary" },
		{ "actions.", "The strategy's actions" },
		{ "champions-counts.", "The champion network in numbers" },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strncmp(name, known[i].stem, strlen(known[i].stem)) == 0)
			return known[i].subject;
	return name;
}

static const char *download_format(const char *name)
{
	const char *ext = strrchr(name, '.');
	if (ext && strcmp(ext, ".csv") == 0)
		return "CSV, for a spreadsheet";
	if (ext && strcmp(ext, ".json") == 0)
		return "JSON";
	if (ext && strcmp(ext, ".ttl") == 0)
		return "SKOS in Turtle, for vocabulary tools";
	return "";
}

tip_error *site_write_downloads(site *s)
{
	site_page page = { .path = "downloads.html", .title = "Downloads",
		.section = "downloads", .crumbs = home_crumb, .crumb_count = 1 };
	site_html *h = &page.body;
	h_raw(h, "<p class=\"lead\">The records behind these pages, as files to download and "
		 "use in other tools. Champions are only counted here too.</p>\n");
	tip_buf dir = TIP_BUF_INIT;
	h->err = tip_buf_add_path(&dir, s->dir, TIP_SITE_DOWNLOADS);
	struct dirent **files = NULL;
	int n = h->err ? -1 : scandir(tip_buf_str(&dir), &files, visible, by_name);
	if (n > 0) {
		h_table_open(h, "Files to download");
		h_raw(h, "<thead><tr><th scope=\"col\">File</th><th scope=\"col\">What it "
			 "holds</th><th scope=\"col\">Format</th></tr></thead>\n<tbody>\n");
	} else {
		h_raw(h, "<p>There are no downloads yet.</p>\n");
	}
	for (int i = 0; i < n; i++) {
		h_raw(h, "<tr><th scope=\"row\">");
		h_link(h, TIP_SITE_DOWNLOADS "/", files[i]->d_name, files[i]->d_name);
		h_raw(h, "</th><td>");
		h_text(h, download_subject(files[i]->d_name));
		h_raw(h, "</td><td>");
		h_text(h, download_format(files[i]->d_name));
		h_raw(h, "</td></tr>\n");
		free(files[i]);
	}
	if (n > 0) {
		h_raw(h, "</tbody>\n");
		h_table_close(h);
	}
	free(files);
	tip_buf_dispose(&dir);
	return site_page_write(s, &page);
}
