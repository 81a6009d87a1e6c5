/* The course pages: the catalogue by level and by audience, and a page for each course. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site_data.h"
#include "site_int.h"

#define NOT_ASSESSED "Level not yet assessed"

static const site_crumb course_crumbs[] = { { "index.html", "Home" },
	{ "courses/index.html", "Courses" } };

/* "Skilled (agreed)", "Skilled (proposed)" or "Level not yet assessed". */
static void level_words(site_html *h, const site *s, const tip_snapshot_record *r)
{
	const char *level = site_str(r, "level");
	const char *status = site_str(r, "level_status");
	if (!level) {
		h_text(h, NOT_ASSESSED);
		return;
	}
	h_value(h, s->course, "level", level);
	if (status) {
		h_raw(h, " (");
		h_text(h, strcmp(status, "agreed") == 0 ? "agreed" : "proposed, not yet agreed");
		h_raw(h, ")");
	}
}

static void fact_list(site_html *h, const site *s, const tip_snapshot_record *r,
	const char *term, const char *field)
{
	const tip_node *list = site_field(r, field);
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	h_dt(h, term);
	h_values(h, s->course, field, list);
	h_raw(h, "</dd>\n");
}

/* One course in a list: its title linked, provider, audiences, status and level. */
static void course_card(site_html *h, const site *s, const char *prefix,
	const tip_snapshot_record *r)
{
	h_raw(h, "<li>\n<h3>");
	h_record_link(h, prefix, "courses", r->id, site_record_name(r));
	h_raw(h, "</h3>\n<dl class=\"facts\">\n");
	h_fact_text(h, r, "Provider", "provider");
	fact_list(h, s, r, "Audiences", "audience");
	h_fact_value(h, r, "Status", "status");
	h_dt(h, "Level");
	level_words(h, s, r);
	h_raw(h, "</dd>\n</dl>\n</li>\n");
}

/* A section of courses: those for which keep(r, value) holds. */
typedef bool (*course_filter)(const tip_snapshot_record *r, const char *value);

static bool at_level(const tip_snapshot_record *r, const char *level)
{
	const char *own = site_str(r, "level");
	return level ? own && strcmp(own, level) == 0 : !own;
}

static bool for_audience(const tip_snapshot_record *r, const char *sector)
{
	return site_has_value(site_field(r, "audience"), sector);
}

static void course_section(site_html *h, const site *s, const tip_snapshot_record *const *all,
	size_t n, const char *anchor, const char *heading_value, const char *field,
	course_filter keep, const char *value)
{
	h_raw(h, "<section>\n<h2 id=\"");
	h_text(h, anchor);
	h_raw(h, "\">");
	if (heading_value)
		h_value(h, s->course, field, heading_value);
	else
		h_text(h, NOT_ASSESSED);
	h_raw(h, "</h2>\n");
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!keep(all[i], value))
			continue;
		if (!shown++)
			h_raw(h, "<ul class=\"cards\">\n");
		course_card(h, s, "../", all[i]);
	}
	h_raw(h, shown ? "</ul>\n" : "<p>No course yet.</p>\n");
	h_raw(h, "</section>\n");
}

/* The contents: a link to each section of the page. */
static void contents(site_html *h, const site *s, const char *field, const char *const *values,
	size_t count, bool none)
{
	h_raw(h, "<nav aria-label=\"On this page\">\n<ul>\n");
	for (size_t i = 0; i < count; i++) {
		h_rawf(h, "<li><a href=\"#%s-", field);
		h_text(h, values[i]);
		h_raw(h, "\">");
		h_value(h, s->course, field, values[i]);
		h_raw(h, "</a></li>\n");
	}
	if (none)
		h_rawf(h, "<li><a href=\"#%s-none\">%s</a></li>\n", field, NOT_ASSESSED);
	h_raw(h, "</ul>\n</nav>\n");
}

static tip_error *write_by(site *s, const tip_snapshot_record *const *all, size_t n,
	const char *path, const char *title, const char *field, course_filter keep, bool none)
{
	const char *const *values;
	size_t count;
	site_enum(&values, &count, s->course, field);
	site_page page = { .path = path, .title = title, .section = "courses",
		.crumbs = course_crumbs,
		.crumb_count = strcmp(path, "courses/index.html") ? 2 : 1 };
	site_html *h = &page.body;
	h_rawf(h, "<p class=\"lead\">%zu course%s in the programme's training offer. ", n,
		n == 1 ? "" : "s");
	h_raw(h, strcmp(field, "level") == 0
		? "See the courses <a href=\"by-audience.html\">by audience</a>.</p>\n"
		: "See the courses <a href=\"index.html\">by level</a>.</p>\n");
	contents(h, s, field, values, count, none);
	tip_buf anchor = TIP_BUF_INIT;
	for (size_t i = 0; i <= count && !h->err; i++) {
		if (i == count && !none)
			break;
		tip_buf_reset(&anchor);
		h->err = tip_buf_addf(&anchor, "%s-%s", field, i < count ? values[i] : "none");
		const char *value = i < count ? values[i] : NULL;
		if (!h->err)
			course_section(h, s, all, n, tip_buf_str(&anchor), value, field, keep,
				value);
	}
	tip_buf_dispose(&anchor);
	return site_page_write(s, &page);
}

/* ---- a course's own page ---- */

static void duration_words(site_html *h, const tip_node *minutes)
{
	if (!minutes || minutes->type != TIP_NODE_INT || minutes->integer <= 0)
		return;
	long long m = (long long)minutes->integer, hours = m / 60, rest = m % 60;
	h_dt(h, "Duration");
	if (hours)
		h_rawf(h, "%lld hour%s", hours, hours == 1 ? "" : "s");
	if (hours && rest)
		h_raw(h, " ");
	if (rest)
		h_rawf(h, "%lld minute%s", rest, rest == 1 ? "" : "s");
	h_raw(h, "</dd>\n");
}

static void fact_date(site_html *h, const tip_snapshot_record *r, const char *term,
	const char *field)
{
	const tip_node *v = site_field(r, field);
	if (!v)
		return;
	h_dt(h, term);
	h_date_node(h, v);
	h_raw(h, "</dd>\n");
}

static void course_facts(site_html *h, const site *s, const tip_snapshot_record *r)
{
	h_raw(h, "<dl class=\"facts\">\n");
	h_fact_text(h, r, "Provider", "provider");
	h_fact_value(h, r, "Provider type", "provider_type");
	h_dt(h, "Level");
	level_words(h, s, r);
	h_raw(h, "</dd>\n");
	h_fact_value(h, r, "Status", "status");
	fact_list(h, s, r, "Audiences", "audience");
	fact_list(h, s, r, "Age phases", "age_phases");
	h_fact_value(h, r, "Delivery", "delivery");
	duration_words(h, site_field(r, "duration"));
	const char *url = site_str(r, "url");
	if (url) {
		h_dt(h, "Web page");
		h_link(h, "", url, url);
		h_raw(h, "</dd>\n");
	}
	fact_date(h, r, "Last reviewed", "last_reviewed");
	fact_date(h, r, "Next review", "next_review");
	h_raw(h, "</dl>\n");
}

/* A list of links to the records whose ids list holds, under a heading. */
static void linked_list(site_html *h, const site *s, const char *heading, const tip_node *list,
	const tip_type *type, const char *folder)
{
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	h_elem(h, "h2", NULL, heading);
	h_raw(h, "\n<ul>\n");
	for (size_t i = 0; i < list->count; i++) {
		const tip_node *id = list->items[i];
		if (id->type != TIP_NODE_STR)
			continue;
		const tip_snapshot_record *target = site_find(s, type, id->str);
		h_raw(h, "<li>");
		h_record_link(h, "../", folder, id->str,
			target ? site_record_name(target) : id->str);
		h_raw(h, "</li>\n");
	}
	h_raw(h, "</ul>\n");
}

static void leads_to(site_html *h, const tip_snapshot_record *r,
	const tip_snapshot_record *const *all, size_t n)
{
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (!site_has_value(site_field(all[i], "prerequisites"), r->id))
			continue;
		if (!shown++)
			h_raw(h, "<h2>What it leads to</h2>\n<p>Courses that ask for this one "
				 "first:</p>\n<ul>\n");
		h_raw(h, "<li>");
		h_record_link(h, "../", "courses", all[i]->id, site_record_name(all[i]));
		h_raw(h, "</li>\n");
	}
	if (shown)
		h_raw(h, "</ul>\n");
}

/* The sessions on the side of today that upcoming says, in order (soonest first upcoming,
 * newest first otherwise), as a table. */
static int by_date(const void *a, const void *b)
{
	const tip_node *x = *(const tip_node *const *)a, *y = *(const tip_node *const *)b;
	const tip_node *dx = tip_node_get(x, "date"), *dy = tip_node_get(y, "date");
	return strcmp(dx && dx->str ? dx->str : "", dy && dy->str ? dy->str : "");
}

static void sessions_table(site_html *h, const site *s, const tip_node **sorted, size_t n,
	bool upcoming)
{
	size_t shown = 0;
	for (size_t k = 0; k < n; k++) {
		const tip_node *item = sorted[upcoming ? k : n - 1 - k];
		tip_date date;
		if (!tip_date_of_node(&date, tip_node_get(item, "date"))
			|| (date >= s->today) != upcoming)
			continue;
		if (!shown++) {
			h_table_open(h, upcoming ? "Upcoming sessions" : "Recent sessions");
			h_raw(h, "<thead><tr><th scope=\"col\">Date</th>"
				 "<th scope=\"col\" class=\"n\">Attendees</th>"
				 "<th scope=\"col\">Sector</th></tr></thead>\n<tbody>\n");
		}
		const tip_node *attendees = tip_node_get(item, "attendees");
		const tip_node *sector = tip_node_get(item, "sector");
		h_raw(h, "<tr><th scope=\"row\">");
		h_date(h, date);
		h_raw(h, "</th><td class=\"n\">");
		if (attendees && attendees->type == TIP_NODE_INT)
			h_rawf(h, "%lld", (long long)attendees->integer);
		h_raw(h, "</td><td>");
		if (sector && sector->type == TIP_NODE_STR)
			h_value(h, s->course, "audience", sector->str);
		else
			h_raw(h, "Any");
		h_raw(h, "</td></tr>\n");
	}
	if (shown) {
		h_raw(h, "</tbody>\n");
		h_table_close(h);
	}
}

static void sessions(site_html *h, const site *s, const tip_snapshot_record *r)
{
	const tip_node *list = site_field(r, "sessions");
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	const tip_node **sorted = malloc(list->count * sizeof *sorted);
	if (!sorted) {
		h->err = h->err ? h->err : tip_error_nomem();
		return;
	}
	memcpy(sorted, list->items, list->count * sizeof *sorted);
	qsort(sorted, list->count, sizeof *sorted, by_date);
	h_raw(h, "<h2>Sessions</h2>\n");
	sessions_table(h, s, sorted, list->count, true);
	sessions_table(h, s, sorted, list->count, false);
	free(sorted);
}

static tip_error *write_course(site *s, const tip_snapshot_record *r,
	const tip_snapshot_record *const *all, size_t n)
{
	char path[TIP_ID_MAX + 32];
	snprintf(path, sizeof path, "courses/%s.html", r->id);
	tip_buf url = TIP_BUF_INIT, jsonld = TIP_BUF_INIT;
	tip_error *err = tip_site_url(&url, s->base_url, path);
	if (!err)
		err = tip_site_jsonld_course(&jsonld, r->type, r->id, r->root, tip_buf_str(&url));
	site_page page = { .path = path, .title = site_record_name(r), .section = "courses",
		.crumbs = course_crumbs, .crumb_count = 2, .jsonld = tip_buf_str(&jsonld) };
	site_html *h = &page.body;
	h->err = err;
	const char *description = site_str(r, "description");
	if (description)
		h_elem(h, "p", "class=\"lead\"", description);
	course_facts(h, s, r);
	linked_list(h, s, "What it teaches", site_field(r, "teaches"), s->definition, "glossary");
	linked_list(h, s, "Before this course", site_field(r, "prerequisites"), s->course,
		"courses");
	leads_to(h, r, all, n);
	sessions(h, s, r);
	err = site_page_write(s, &page);
	tip_buf_dispose(&url);
	tip_buf_dispose(&jsonld);
	return err;
}

tip_error *site_write_courses(site *s)
{
	const tip_snapshot_record **all;
	size_t n;
	tip_error *err = site_records(&all, &n, s, s->course);
	if (!err)
		err = write_by(s, all, n, "courses/index.html", "Courses by level", "level",
			at_level, true);
	if (!err)
		err = write_by(s, all, n, "courses/by-audience.html", "Courses by audience",
			"audience", for_audience, false);
	for (size_t i = 0; !err && i < n; i++)
		err = write_course(s, all[i], all, n);
	free(all);
	return err;
}
