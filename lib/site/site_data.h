/* The website's parts for machines: JSON-LD (schema.org) for each page, the downloads (the
 * records as CSV and JSON, the glossary as SKOS) and sitemap.xml. tip site writes the pages
 * and calls these.
 *
 * The site's pages sit at fixed places under its root: courses/<id>.html and
 * glossary/<id>.html (tip_site_page_path). A URL given here is absolute (https://...) when the
 * site has a base URL, else relative to the site's root; JSON-LD then leaves out what would
 * need an absolute one (see site_data.c). Personal fields (x-tip-personal) never reach any of
 * it, and champions' records not at all. */
#ifndef TIP_SITE_DATA_H
#define TIP_SITE_DATA_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "snapshot.h"
#include "store.h"
#include "yaml.h"

/* The folder of the downloads under the site's root. */
#define TIP_SITE_DOWNLOADS "downloads"

/* The most addresses one sitemap may hold (sitemaps.org). */
enum { TIP_SITEMAP_MAX_URLS = 50000 };

/* Appends the path of a record's page under the site's root: "courses/<id>.html" for a
 * course, "glossary/<id>.html" for a definition (folder is "courses" or "glossary"). */
tip_error *tip_site_page_path(tip_buf *out, const char *folder, const char *id);

/* Appends base_url (NULL or "": none) joined to path with one '/' between them; with no base
 * URL, path alone. */
tip_error *tip_site_url(tip_buf *out, const char *base_url, const char *path);

/* ---- JSON-LD: the text inside <script type="application/ld+json">, "</" written "<\/" ---- */

/* schema.org Course for the course id (root its fields, type its type), whose page is
 * page_url (courses/<id>.html under the site's root). */
tip_error *tip_site_jsonld_course(tip_buf *out, const tip_type *type, const char *id,
	const tip_node *root, const char *page_url);

/* schema.org DefinedTerm for the definition id, in the set at set_url (the glossary's index). */
tip_error *tip_site_jsonld_term(tip_buf *out, const tip_type *type, const char *id,
	const tip_node *root, const char *page_url, const char *set_url);

/* schema.org DefinedTermSet called name at set_url, with a DefinedTerm for each of the n
 * definitions (those that did not load are left out); their pages are glossary/<id>.html
 * under base_url (NULL: no base URL). */
tip_error *tip_site_jsonld_term_set(tip_buf *out, const char *set_url, const char *name,
	const tip_snapshot_record *const *terms, size_t n, const char *base_url);

/* ---- downloads and the sitemap ---- */

/* Writes dir/downloads/: courses, definitions and actions as .csv and .json (what tip export
 * writes for each type, personal fields left out), glossary.ttl (the definitions as SKOS,
 * tip export definition --format skos) and champions-counts.json (how many champions, by
 * status and by sector: no champion's record). A type the store does not have is left out.
 * The records are snapshot's that loaded. Every file is written whole, or none is. */
tip_error *tip_site_write_data(const char *dir, const tip_store *store,
	const tip_snapshot *snapshot);

/* sitemap.xml listing the count pages at paths (relative to the site's root) under
 * base_url, which must be an absolute http or https URL: a sitemap lists absolute URLs only,
 * so a site without a base URL has none. */
tip_error *tip_site_sitemap(tip_buf *out, const char *base_url, const char *const *paths,
	size_t count);

#endif
