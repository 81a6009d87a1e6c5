/* The glossary pages: the terms A to Z, and a page for each term. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "site_data.h"
#include "site_int.h"

static const site_crumb glossary_crumbs[] = { { "index.html", "Home" },
	{ "glossary/index.html", "Glossary" } };

static bool superseded(const tip_snapshot_record *r)
{
	const char *status = site_str(r, "status");
	return status && strcmp(status, "superseded") == 0;
}

/* The letter a term is listed under: its first letter in capitals, '#' for anything else. */
static char letter_of(const tip_snapshot_record *r)
{
	unsigned char c = (unsigned char)site_record_name(r)[0];
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 'A');
	return c >= 'A' && c <= 'Z' ? (char)c : '#';
}

static int by_term(const void *a, const void *b)
{
	const tip_snapshot_record *x = *(const tip_snapshot_record *const *)a;
	const tip_snapshot_record *y = *(const tip_snapshot_record *const *)b;
	char lx = letter_of(x), ly = letter_of(y);
	if (lx != ly)
		return lx == '#' ? 1 : ly == '#' ? -1 : lx - ly;
	int c = strcasecmp(site_record_name(x), site_record_name(y));
	return c ? c : strcmp(x->id, y->id);
}

static void letter_jumps(site_html *h, const tip_snapshot_record *const *terms, size_t n)
{
	h_raw(h, "<nav aria-label=\"Letters\">\n<ul class=\"letters\">\n");
	for (char c = 'A'; c <= 'Z' + 1; c++) {
		char letter = c > 'Z' ? '#' : c;
		bool any = false;
		for (size_t i = 0; i < n && !any; i++)
			any = letter_of(terms[i]) == letter;
		if (letter == '#' && !any)
			break;
		if (any)
			h_rawf(h, "<li><a href=\"#letter-%s\">%c</a></li>\n",
				letter == '#' ? "other" : (char[]){ letter, 0 }, letter);
		else
			h_rawf(h, "<li><span>%c</span></li>\n", letter); /* no term: no link */
	}
	h_raw(h, "</ul>\n</nav>\n");
}

static tip_error *write_index(site *s, const tip_snapshot_record *const *terms, size_t n)
{
	tip_buf set_url = TIP_BUF_INIT, name = TIP_BUF_INIT, jsonld = TIP_BUF_INIT;
	tip_error *err = tip_site_url(&set_url, s->base_url, "glossary/index.html");
	if (!err)
		err = tip_buf_addf(&name, "Glossary of the %s", s->name);
	if (!err)
		err = tip_site_jsonld_term_set(&jsonld, tip_buf_str(&set_url), tip_buf_str(&name),
			terms, n, s->base_url);
	site_page page = { .path = "glossary/index.html", .title = "Glossary",
		.section = "glossary", .crumbs = glossary_crumbs, .crumb_count = 1,
		.jsonld = tip_buf_str(&jsonld) };
	site_html *h = &page.body;
	h->err = err;
	h_rawf(h, "<p class=\"lead\">The %zu term%s the programme uses, with what each means, "
		  "its other names and the words to avoid.</p>\n", n, n == 1 ? "" : "s");
	letter_jumps(h, terms, n);
	char open = 0;
	for (size_t i = 0; i < n; i++) {
		char letter = letter_of(terms[i]);
		if (letter != open) {
			h_raw(h, open ? "</ul>\n</section>\n" : "");
			h_rawf(h, "<section>\n<h2 id=\"letter-%s\">%c</h2>\n<ul>\n",
				letter == '#' ? "other" : (char[]){ letter, 0 }, letter);
			open = letter;
		}
		h_raw(h, "<li>");
		h_record_link(h, "../", "glossary", terms[i]->id, site_record_name(terms[i]));
		if (superseded(terms[i]))
			h_raw(h, " (superseded)");
		h_raw(h, "</li>\n");
	}
	h_raw(h, open ? "</ul>\n</section>\n" : "<p>The glossary has no terms yet.</p>\n");
	err = site_page_write(s, &page);
	tip_buf_dispose(&set_url);
	tip_buf_dispose(&name);
	tip_buf_dispose(&jsonld);
	return err;
}

/* ---- a term's own page ---- */

static void term_links(site_html *h, const site *s, const tip_snapshot_record *r,
	const char *field, const char *heading)
{
	const tip_node *list = site_field(r, field);
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	h_dt(h, heading);
	h_raw(h, "<ul>\n");
	for (size_t i = 0; i < list->count; i++) {
		if (list->items[i]->type != TIP_NODE_STR)
			continue;
		const tip_snapshot_record *t = site_find(s, s->definition, list->items[i]->str);
		h_raw(h, "<li>");
		h_record_link(h, "../", "glossary", list->items[i]->str,
			t ? site_record_name(t) : list->items[i]->str);
		if (t && superseded(t))
			h_raw(h, " (superseded)");
		h_raw(h, "</li>\n");
	}
	h_raw(h, "</ul></dd>\n");
}

/* A superseded term says so in words and names what replaces it: the related terms that are
 * not superseded themselves (the schema asks for the replacement there or in the scope
 * note). */
static void superseded_notice(site_html *h, const site *s, const tip_snapshot_record *r)
{
	h_raw(h, "<div class=\"notice\" role=\"note\">\n<strong>This term is superseded: do not "
		 "use it.</strong>\n");
	const tip_node *related = site_field(r, "related");
	size_t shown = 0;
	for (size_t i = 0; related && related->type == TIP_NODE_SEQ && i < related->count; i++) {
		const tip_snapshot_record *t = related->items[i]->type == TIP_NODE_STR
			? site_find(s, s->definition, related->items[i]->str) : NULL;
		if (!t || superseded(t))
			continue;
		h_raw(h, shown++ ? ", " : "Use instead: ");
		h_record_link(h, "../", "glossary", t->id, site_record_name(t));
	}
	h_raw(h, shown ? ".\n" : site_str(r, "scope_note") ? "The scope note below says what "
		"replaces it.\n" : "");
	h_raw(h, "</div>\n");
}

static void text_list(site_html *h, const tip_snapshot_record *r, const char *field,
	const char *heading)
{
	const tip_node *list = site_field(r, field);
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	h_dt(h, heading);
	for (size_t i = 0; i < list->count; i++) {
		if (list->items[i]->type != TIP_NODE_STR)
			continue;
		h_raw(h, i ? ", " : "");
		h_text(h, list->items[i]->str);
	}
	h_raw(h, "</dd>\n");
}

static void avoid_table(site_html *h, const tip_snapshot_record *r)
{
	const tip_node *list = site_field(r, "avoid");
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return;
	h_raw(h, "<h2>Terms to avoid</h2>\n");
	h_table_open(h, "Terms to avoid, what to say instead and why");
	h_raw(h, "<thead><tr><th scope=\"col\">Avoid</th><th scope=\"col\">Say instead</th>"
		 "<th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < list->count; i++) {
		const tip_node *term = tip_node_get(list->items[i], "term");
		const tip_node *instead = tip_node_get(list->items[i], "use_instead");
		const tip_node *reason = tip_node_get(list->items[i], "reason");
		h_raw(h, "<tr><th scope=\"row\">");
		h_text(h, term && term->type == TIP_NODE_STR ? term->str : "");
		h_raw(h, "</th><td>");
		h_text(h, instead && instead->type == TIP_NODE_STR ? instead->str
								 : site_record_name(r));
		h_raw(h, "</td><td>");
		h_text(h, reason && reason->type == TIP_NODE_STR ? reason->str : "");
		h_raw(h, "</td></tr>\n");
	}
	h_raw(h, "</tbody>\n");
	h_table_close(h);
}

static void taught_in(site_html *h, const site *s, const tip_snapshot_record *r)
{
	const tip_snapshot_record **courses;
	size_t n, shown = 0;
	if (h->err || (h->err = site_records(&courses, &n, s, s->course)))
		return;
	for (size_t i = 0; i < n; i++) {
		if (!site_has_value(site_field(courses[i], "teaches"), r->id))
			continue;
		h_raw(h, shown++ ? "" : "<h2>Courses that teach it</h2>\n<ul>\n");
		h_raw(h, "<li>");
		h_record_link(h, "../", "courses", courses[i]->id, site_record_name(courses[i]));
		h_raw(h, "</li>\n");
	}
	h_raw(h, shown ? "</ul>\n" : "");
	free(courses);
}

static tip_error *write_term(site *s, const tip_snapshot_record *r)
{
	char path[TIP_ID_MAX + 32];
	snprintf(path, sizeof path, "glossary/%s.html", r->id);
	tip_buf url = TIP_BUF_INIT, set_url = TIP_BUF_INIT, jsonld = TIP_BUF_INIT;
	tip_error *err = tip_site_url(&url, s->base_url, path);
	if (!err)
		err = tip_site_url(&set_url, s->base_url, "glossary/index.html");
	if (!err)
		err = tip_site_jsonld_term(&jsonld, r->type, r->id, r->root, tip_buf_str(&url),
			tip_buf_str(&set_url));
	site_page page = { .path = path, .title = site_record_name(r), .section = "glossary",
		.crumbs = glossary_crumbs, .crumb_count = 2, .jsonld = tip_buf_str(&jsonld) };
	site_html *h = &page.body;
	h->err = err;
	if (superseded(r))
		superseded_notice(h, s, r);
	const char *definition = site_str(r, "definition");
	if (definition)
		h_elem(h, "p", "class=\"lead\"", definition);
	h_raw(h, "<dl class=\"facts\">\n");
	text_list(h, r, "alt_labels", "Other names");
	h_fact_value(h, r, "Status", "status");
	h_fact_text(h, r, "How it is used", "scope_note");
	term_links(h, s, r, "broader", "Broader terms");
	term_links(h, s, r, "narrower", "Narrower terms");
	term_links(h, s, r, "related", "Related terms");
	h_fact_text(h, r, "Source", "source");
	h_raw(h, "</dl>\n");
	avoid_table(h, r);
	taught_in(h, s, r);
	err = site_page_write(s, &page);
	tip_buf_dispose(&url);
	tip_buf_dispose(&set_url);
	tip_buf_dispose(&jsonld);
	return err;
}

tip_error *site_write_glossary(site *s)
{
	const tip_snapshot_record **terms;
	size_t n;
	tip_error *err = site_records(&terms, &n, s, s->definition);
	if (!err)
		qsort(terms, n, sizeof *terms, by_term);
	if (!err)
		err = write_index(s, terms, n);
	for (size_t i = 0; !err && i < n; i++)
		err = write_term(s, terms[i]);
	free(terms);
	return err;
}
