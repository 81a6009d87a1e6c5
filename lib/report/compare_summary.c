/* tip summary --peers: the quarterly summary across the authorities. Each authority's headline
 * figures, worked out on its own records by the summary (tip_report), side by side; the
 * learning-needs matrix of them all (the cells no authority covers); and the alignment
 * findings. Figures only: no record of a personal type is named, no personal field shown. */
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "report_doc.h"

static size_t count_of(const tip_counts *c, const char *label)
{
	for (size_t i = 0; i < c->len; i++)
		if (strcmp(c->items[i].label, label) == 0)
			return c->items[i].n;
	return 0;
}

static size_t total_of(const tip_counts *c)
{
	return report_doc_total(c);
}

static size_t records(const tip_report *r) { return total_of(&r->records); }
static size_t actions(const tip_report *r) { return total_of(&r->actions_by_status); }
static size_t done(const tip_report *r) { return count_of(&r->actions_by_status, "done"); }
static size_t red(const tip_report *r) { return count_of(&r->rag, "red"); }
static size_t amber(const tip_report *r) { return count_of(&r->rag, "amber"); }
static size_t overdue(const tip_report *r) { return r->overdue_actions.len; }
static size_t available(const tip_report *r) { return r->has_matrix ? r->matrix.records : 0; }
static size_t not_assessed(const tip_report *r) { return r->not_assessed.len; }
static size_t reviews(const tip_report *r) { return r->reviews_overdue.len; }
static size_t sessions(const tip_report *r) { return r->sessions; }
static size_t attendees(const tip_report *r) { return r->attendees; }
static size_t champions(const tip_report *r) { return r->champions; }
static size_t organisations(const tip_report *r) { return r->organisations; }
static size_t agreed(const tip_report *r)
{
	return count_of(&r->definitions_by_status, "agreed");
}
static size_t hips(const tip_report *r)
{
	return count_of(&r->drivers, TIP_COMPARE_HIPS_DRIVER);
}

/* The headline figures, in the order of the summary's sections. */
static const struct figure {
	const char *key;   /* its JSON member */
	const char *label; /* its row */
	size_t (*of)(const tip_report *r);
} figures[] = {
	{ "records", "Records", records },
	{ "actions", "Actions", actions },
	{ "actions_done", "Actions done", done },
	{ "actions_red", "Actions in progress rated red", red },
	{ "actions_amber", "Actions in progress rated amber", amber },
	{ "actions_overdue", "Actions overdue", overdue },
	{ "courses_available", "Courses available", available },
	{ "courses_not_assessed", "Courses whose level is not assessed", not_assessed },
	{ "course_reviews_overdue", "Course reviews overdue", reviews },
	{ "sessions", "Sessions delivered", sessions },
	{ "attendees", "Attendees", attendees },
	{ "champions", "Champions", champions },
	{ "champion_organisations", "Organisations with champions", organisations },
	{ "definitions_agreed", "Definitions agreed", agreed },
	{ "actions_hips_strategy", "Actions serving the HIPS strategy", hips },
};
enum { FIGURES = sizeof(figures) / sizeof(figures[0]) };

static tip_error *figure_row(cmp_table *t, const struct figure *f,
	const tip_report *const *reports, size_t n)
{
	tip_error *err = cmp_table_cell(t, "%s", f->label);
	for (size_t a = 0; !err && a < n; a++)
		err = reports[a] ? cmp_table_cell(t, "%zu", f->of(reports[a]))
			: cmp_table_cell(t, "not fetched");
	t->rows++;
	return err;
}

static tip_error *headline(const cmp_writer *w, const tip_compare *c,
	const tip_report *const *reports)
{
	size_t n = tip_compare_authority_count(c);
	const char **heads = calloc(n + 1, sizeof(*heads));
	if (!heads)
		return tip_error_nomem();
	heads[0] = "Figure";
	for (size_t a = 0; a < n; a++)
		heads[a + 1] = tip_compare_authority(c, a)->name;
	cmp_table t = { .caption = "Each authority's figures at the period's end", .heads = heads,
		.cols = n + 1 };
	tip_error *err = cmp_heading(w, 0, "Headline figures side by side");
	for (size_t i = 0; !err && i < FIGURES; i++)
		err = figure_row(&t, &figures[i], reports, n);
	if (!err)
		err = cmp_table_write(w, &t);
	cmp_table_dispose(&t);
	free(heads);
	return err;
}

/* One sentence per authority: where its figures come from. */
static tip_error *provenance(const cmp_writer *w, const tip_compare *c,
	const tip_report *const *reports)
{
	tip_error *err = NULL;
	for (size_t a = 0; !err && a < tip_compare_authority_count(c); a++) {
		tip_buf s = TIP_BUF_INIT;
		err = tip_buf_addf(&s, "%s: ", tip_compare_authority(c, a)->name);
		if (!err)
			err = reports[a] ? tip_report_provenance(&s, reports[a])
				: tip_buf_adds(&s, "never fetched, so not summarised.");
		if (!err)
			err = cmp_para(w, tip_buf_str(&s));
		tip_buf_dispose(&s);
	}
	return err;
}

static tip_error *json(tip_buf *out, const tip_compare *c, const tip_report *const *reports)
{
	tip_jsonw w;
	tip_jsonw_begin(&w, out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	const tip_report *any = NULL;
	for (size_t a = 0; !any && a < tip_compare_authority_count(c); a++)
		any = reports[a];
	tip_jsonw_string(&w, "period", any ? any->period.name : NULL);
	tip_jsonw_array(&w, "figures");
	for (size_t a = 0; a < tip_compare_authority_count(c); a++) {
		tip_jsonw_object(&w, NULL);
		tip_jsonw_string(&w, "authority", tip_compare_authority(c, a)->name);
		for (size_t i = 0; reports[a] && i < FIGURES; i++)
			tip_jsonw_number(&w, figures[i].key, (int64_t)figures[i].of(reports[a]));
		tip_jsonw_close(&w, '}');
	}
	tip_jsonw_close(&w, ']');
	tip_jsonw_object(&w, "alignment");
	cmp_json_members(&w, c);
	tip_jsonw_close(&w, '}');
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}

tip_error *tip_compare_summary(tip_buf *out, const tip_compare *c,
	const tip_report *const *reports, tip_compare_format format)
{
	if (format == TIP_COMPARE_JSON)
		return json(out, c, reports);
	const tip_report *any = NULL;
	for (size_t a = 0; !any && a < tip_compare_authority_count(c); a++)
		any = reports[a];
	tip_buf title = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&title, "Quarterly progress summary across the authorities%s%s",
		any ? ": " : "", any ? any->period.name : "");
	cmp_writer w = { out, cmp_markup_of(format) };
	if (!err)
		err = cmp_page_begin(&w, c, tip_buf_str(&title));
	if (!err)
		err = provenance(&w, c, reports);
	if (!err)
		err = headline(&w, c, reports);
	if (!err)
		err = cmp_render_sections(&w, c);
	if (!err)
		err = cmp_page_end(&w);
	tip_buf_dispose(&title);
	return err;
}
