/* What the files of lib/site share: the site being written, the HTML writer and the page
 * chrome. Internal to lib/site. */
#ifndef TIP_SITE_INT_H
#define TIP_SITE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "snapshot.h"
#include "store.h"

/* The site being written. */
typedef struct site {
	tip_store *store;
	const tip_snapshot *snap;
	const char *dir;      /* the new folder the pages go into */
	const char *name;     /* the programme's name */
	const char *base_url; /* or NULL */
	char commit[41];
	char records_on[TIP_DATE_LEN]; /* the day of the commit: two builds of it are the same */
	tip_date today;
	const tip_type *course, *definition, *action, *champion; /* NULL when the type is absent */
	char **pages;         /* the pages written, relative to the folder: for the sitemap */
	size_t page_count;
} site;

/* HTML written into a buffer. The first failure sticks in err and later writes do nothing, so
 * a page is written straight through and its error looked at once at the end. */
typedef struct site_html {
	tip_buf buf;
	tip_error *err;
} site_html;

void h_raw(site_html *h, const char *markup);
/* printf into the page as markup: only for numbers and text that needs no escaping. */
void h_rawf(site_html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Text, escaped for an element's content or an attribute's value. */
void h_text(site_html *h, const char *text);
/* <tag>text</tag>, or <tag attrs>text</tag>. */
void h_elem(site_html *h, const char *tag, const char *attrs, const char *text);
/* <a href="prefix + href">text</a>: href and text escaped. */
void h_link(site_html *h, const char *prefix, const char *href, const char *text);
/* The link to a record's page: <a href="prefix folder/id.html">text</a>. */
void h_record_link(site_html *h, const char *prefix, const char *folder, const char *id,
	const char *text);
/* A field's value by its display name (the schema's x-tip-titles), or the value itself. */
void h_value(site_html *h, const tip_type *type, const char *field, const char *value);
/* The values of a list field by their display names, joined with ", ". */
void h_values(site_html *h, const tip_type *type, const char *field, const tip_node *list);
/* A date as people read it, in a <time> element: "30 September 2026". */
void h_date(site_html *h, tip_date date);
/* A date field's value (h_date), or the text as it is when it is not a date. */
void h_date_node(site_html *h, const tip_node *node);
/* "<dt>term</dt><dd>" ... the caller writes the value and "</dd>". */
void h_dt(site_html *h, const char *term);
/* A fact of a record as <dt>term</dt><dd>value</dd>: the field's text as it is, or its value
 * by its display name; nothing when the record does not have the field. */
void h_fact_text(site_html *h, const tip_snapshot_record *r, const char *term,
	const char *field);
void h_fact_value(site_html *h, const tip_snapshot_record *r, const char *term,
	const char *field);
/* The opening of a table that may be wider than the screen: a labelled, focusable box that
 * scrolls on its own, then <table> and its <caption>. */
void h_table_open(site_html *h, const char *caption);
void h_table_close(site_html *h);
void h_dispose(site_html *h);

/* A page of the site. */
typedef struct site_crumb {
	const char *href; /* relative to the site's root */
	const char *text;
} site_crumb;

typedef struct site_page {
	const char *path;    /* relative to the site's root: "courses/x.html" */
	const char *title;   /* the h1, and the first part of <title> */
	const char *tab;     /* the first part of <title> instead, or NULL */
	const char *section; /* the nav entry it belongs to ("courses"), or NULL */
	const site_crumb *crumbs; /* the pages above it, from the home page; NULL for none */
	size_t crumb_count;
	const char *jsonld;  /* JSON-LD for the page's <script type="application/ld+json">, or
			      * NULL */
	site_html body;      /* what goes in <main> after the h1 */
} site_page;

/* "" for a page at the root, "../" for one in a folder: what makes links relative. */
const char *site_prefix(const site_page *page);
/* Wraps page->body in the chrome (head, skip link, header, nav, breadcrumbs, h1, footer) and
 * writes it to its file; disposes of the body. */
tip_error *site_page_write(site *s, site_page *page);

/* Adds path to the site's pages. */
tip_error *site_note_page(site *s, const char *path);

/* Writes len bytes to the file path (relative to the site's folder), making its folder. */
tip_error *site_write_file(const site *s, const char *path, const char *data, size_t len);

/* A record's top-level field, or NULL when it has none or the schema marks it personal: every
 * page reads records through these, so that no personal field reaches the site. */
const tip_node *site_field(const tip_snapshot_record *r, const char *field);
const char *site_str(const tip_snapshot_record *r, const char *field);

/* True when list (a list field's value) holds the text value. */
bool site_has_value(const tip_node *list, const char *value);

/* The records of type that loaded, in id order; *out freed with free(). */
tip_error *site_records(const tip_snapshot_record ***out, size_t *count, const site *s,
	const tip_type *type);
/* The record of type with that id, or NULL. */
const tip_snapshot_record *site_find(const site *s, const tip_type *type, const char *id);
/* A course's title, a definition's term: what names a record, or its id. */
const char *site_record_name(const tip_snapshot_record *r);
/* The enum of a top-level field (or of its items). */
void site_enum(const char *const **values, size_t *count, const tip_type *type,
	const char *field);

/* Which records name an id in a list field (site_links.c): the courses that teach a term, the
 * courses that ask for a course first, found without reading every record for every page. */
typedef struct site_backlinks {
	const tip_snapshot_record *const *records; /* the records given, not owned */
	struct site_backlink *links;               /* sorted by the id named, then by record */
	size_t count;
} site_backlinks;
tip_error *site_backlinks_build(site_backlinks *out, const tip_snapshot_record *const *records,
	size_t n, const char *field);
/* How many records name id; *first is where they start, for site_backlinks_record, in the
 * order of the records given. */
size_t site_backlinks_find(const site_backlinks *b, const char *id, size_t *first);
const tip_snapshot_record *site_backlinks_record(const site_backlinks *b, size_t i);
void site_backlinks_dispose(site_backlinks *b);

extern const char site_css[];

tip_error *site_write_courses(site *s);
tip_error *site_write_glossary(site *s);
tip_error *site_write_home(site *s);
tip_error *site_write_matrix(site *s);
tip_error *site_write_strategy(site *s);
tip_error *site_write_champions(site *s);
tip_error *site_write_downloads(site *s);

#endif
