#include "site_data.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "date.h"
#include "export.h"
#include "jsonw.h"
#include "schema.h"
#include "skos.h"
#include "uri.h"
#include "workfile.h"

/* ---- addresses ---- */

tip_error *tip_site_page_path(tip_buf *out, const char *folder, const char *id)
{
	return tip_buf_addf(out, "%s/%s.html", folder, id);
}

tip_error *tip_site_url(tip_buf *out, const char *base_url, const char *path)
{
	if (!base_url || !*base_url)
		return tip_buf_adds(out, path);
	tip_error *err = tip_buf_adds(out, base_url);
	if (!err && base_url[strlen(base_url) - 1] != '/')
		err = tip_buf_addc(out, '/');
	return err ? err : tip_buf_adds(out, path);
}

/* Whether url can be a node's @id or url in JSON-LD. JSON-LD 1.1 does allow a relative IRI
 * there: it is resolved against the document's base IRI, which for a script element inside
 * HTML is the page's own address (or its <base>). The URLs given here are relative to the
 * site's root, not to the page, so "courses/a.html" inside courses/a.html would resolve to
 * courses/courses/a.html; and schema.org's consumers (search engines' structured data) want
 * absolute URLs. Without one the node has no @id: a blank node, which JSON-LD allows. */
static bool is_absolute(const char *url)
{
	return url && tip_uri_has_scheme(url);
}

/* ---- reading a record's fields ---- */

/* The value of field name in root, or NULL when absent or personal (x-tip-personal). */
static const tip_node *field_of(const tip_type *type, const tip_node *root, const char *name)
{
	if (tip_schema_is_personal(type->schema, name))
		return NULL;
	return tip_node_get(root, name);
}

/* Text that is there and not empty, else NULL. */
static const char *text_of(const tip_node *v)
{
	return v && v->type == TIP_NODE_STR && v->len && !memchr(v->str, '\0', v->len)
		? v->str : NULL;
}

static const char *text_field(const tip_type *type, const tip_node *root, const char *name)
{
	return text_of(field_of(type, root, name));
}

/* The display name of value, an enum value of field (x-tip-titles), else the value itself:
 * what a person reads on the page, not the code kept in the record. */
static const char *display_name(const tip_type *type, const char *field, const char *value)
{
	return tip_schema_value_title(type->schema, field, value);
}

/* An id that can stand in a page's path: a valid record id (an invalid record may refer to
 * anything). */
static bool is_id(const tip_node *v)
{
	return text_of(v) && tip_record_id_valid(v->str, NULL);
}

/* A type without a compiled schema is refused: what is personal in it is not known. */
static tip_error *check_schema(const tip_type *type)
{
	if (!type || type->schema)
		return NULL;
	return tip_error_invalid("%s does not compile: run tip validate to see why",
		type->schema_file);
}

/* ---- JSON-LD ---- */

/* Appends json to out with every "</" written "<\/" (a JSON escape of '/'), so that the text
 * cannot close the script element it stands in, and "<!--" written "\u003C!--", which would
 * otherwise put the HTML parser into the script's escaped state. Both occur only inside
 * strings, where these escapes mean the same characters. */
static tip_error *add_for_script(tip_buf *out, const tip_buf *json)
{
	const char *s = tip_buf_str(json);
	tip_error *err = NULL;
	for (const char *lt; !err && (lt = strchr(s, '<')); s = lt + 1) {
		err = tip_buf_add(out, s, (size_t)(lt - s));
		if (!err && lt[1] == '/')
			err = tip_buf_adds(out, "<\\");
		else if (!err && strncmp(lt, "<!--", 4) == 0)
			err = tip_buf_adds(out, "\\u003C");
		else if (!err)
			err = tip_buf_addc(out, '<');
	}
	return err ? err : tip_buf_adds(out, s);
}

static void begin_node(tip_jsonw *w, tip_buf *json, const char *schema_type)
{
	tip_jsonw_begin(w, json);
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "@context", "https://schema.org");
	tip_jsonw_string(w, "@type", schema_type);
}

/* Closes the node begun by begin_node and appends it to out, made safe for a script. */
static tip_error *end_node(tip_buf *out, tip_jsonw *w, tip_buf *json)
{
	tip_jsonw_close(w, '}');
	tip_error *err = tip_jsonw_end(w);
	if (!err)
		err = add_for_script(out, json);
	tip_buf_dispose(json);
	return err;
}

/* "@id" and "url", when url is absolute (is_absolute says why only then). */
static void id_and_url(tip_jsonw *w, const char *url)
{
	if (!is_absolute(url))
		return;
	tip_jsonw_string(w, "@id", url);
	tip_jsonw_string(w, "url", url);
}

/* A reference to another node: its type, its code and, when known, its address. */
static void reference(tip_jsonw *w, const char *schema_type, const char *code_key,
	const char *code, const char *url)
{
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "@type", schema_type);
	id_and_url(w, url);
	tip_jsonw_string(w, code_key, code);
	tip_jsonw_close(w, '}');
}

/* The address of ref resolved against page_url, when that is absolute; else NULL. */
static const char *resolved(tip_arena *arena, const char *page_url, const char *ref)
{
	return is_absolute(page_url) ? tip_uri_resolve(arena, page_url, ref) : NULL;
}

/* The ids in field (a list) as references to pages beside page_url: "../glossary/<id>.html"
 * for definitions, "<id>.html" for courses. */
static tip_error *references(tip_jsonw *w, const tip_node *list, const char *key,
	const char *schema_type, const char *code_key, const char *folder, const char *page_url)
{
	if (!list || list->type != TIP_NODE_SEQ || !list->count)
		return NULL;
	tip_arena *arena = tip_arena_new();
	if (!arena)
		return tip_error_nomem();
	tip_error *err = NULL;
	tip_buf ref = TIP_BUF_INIT;
	tip_jsonw_array(w, key);
	for (size_t i = 0; !err && i < list->count; i++) {
		const tip_node *item = list->items[i];
		if (!is_id(item))
			continue;
		tip_buf_reset(&ref);
		err = tip_buf_adds(&ref, "../");
		if (!err)
			err = tip_site_page_path(&ref, folder, item->str);
		if (!err)
			reference(w, schema_type, code_key, item->str,
				resolved(arena, page_url, tip_buf_str(&ref)));
	}
	tip_jsonw_close(w, ']');
	tip_buf_dispose(&ref);
	tip_arena_free(arena);
	return err;
}

/* An ISO 8601 duration ("PT3H", "PT1H30M", "PT45M") of minutes > 0. */
static void duration(tip_jsonw *w, const tip_node *minutes)
{
	if (!minutes || minutes->type != TIP_NODE_INT || minutes->integer <= 0)
		return;
	char text[64];
	int64_t h = minutes->integer / 60, m = minutes->integer % 60;
	int n = snprintf(text, sizeof(text), "PT");
	if (h)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%" PRId64 "H", h);
	if (m)
		snprintf(text + n, sizeof(text) - (size_t)n, "%" PRId64 "M", m);
	tip_jsonw_string(w, "timeRequired", text);
}

/* One Audience a sector. */
static void audiences(tip_jsonw *w, const tip_type *type, const tip_node *sectors)
{
	if (!sectors || sectors->type != TIP_NODE_SEQ || !sectors->count)
		return;
	tip_jsonw_array(w, "audience");
	for (size_t i = 0; i < sectors->count; i++) {
		const char *sector = text_of(sectors->items[i]);
		if (!sector)
			continue;
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "@type", "Audience");
		tip_jsonw_string(w, "audienceType", display_name(type, "audience", sector));
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
}

/* A CourseInstance for each session with a real date. */
static void instances(tip_jsonw *w, const tip_type *type, const tip_node *root)
{
	const tip_node *sessions = field_of(type, root, "sessions");
	const char *delivery = text_field(type, root, "delivery");
	bool open = false;
	for (size_t i = 0; sessions && sessions->type == TIP_NODE_SEQ && i < sessions->count;
		i++) {
		const tip_node *date = tip_node_get(sessions->items[i], "date");
		tip_date day;
		if (!text_of(date) || !tip_date_of_node(&day, date))
			continue;
		if (!open)
			tip_jsonw_array(w, "hasCourseInstance");
		open = true;
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "@type", "CourseInstance");
		tip_jsonw_string(w, "startDate", date->str);
		if (delivery)
			tip_jsonw_string(w, "courseMode", display_name(type, "delivery", delivery));
		tip_jsonw_close(w, '}');
	}
	if (open)
		tip_jsonw_close(w, ']');
}

/* A text field as a member, when it holds text. */
static void text_member(tip_jsonw *w, const char *key, const tip_type *type,
	const tip_node *root, const char *field)
{
	const char *text = text_field(type, root, field);
	if (text)
		tip_jsonw_string(w, key, text);
}

tip_error *tip_site_jsonld_course(tip_buf *out, const tip_type *type, const char *id,
	const tip_node *root, const char *page_url)
{
	tip_error *err = check_schema(type);
	if (err)
		return err;
	tip_jsonw w;
	tip_buf json = TIP_BUF_INIT;
	begin_node(&w, &json, "Course");
	id_and_url(&w, page_url);
	tip_jsonw_string(&w, "courseCode", id);
	text_member(&w, "name", type, root, "title");
	text_member(&w, "description", type, root, "description");
	const char *provider = text_field(type, root, "provider");
	if (provider) {
		tip_jsonw_object(&w, "provider");
		tip_jsonw_string(&w, "@type", "Organization");
		tip_jsonw_string(&w, "name", provider);
		tip_jsonw_close(&w, '}');
	}
	const char *level = text_field(type, root, "level");
	if (level)
		tip_jsonw_string(&w, "educationalLevel", display_name(type, "level", level));
	audiences(&w, type, field_of(type, root, "audience"));
	duration(&w, field_of(type, root, "duration"));
	text_member(&w, "sameAs", type, root, "url");
	err = references(&w, field_of(type, root, "teaches"), "teaches", "DefinedTerm",
		"termCode", "glossary", page_url);
	if (!err)
		err = references(&w, field_of(type, root, "prerequisites"), "coursePrerequisites",
			"Course", "courseCode", "courses", page_url);
	instances(&w, type, root);
	tip_error *end = end_node(out, &w, &json);
	if (err)
		tip_error_free(end);
	return err ? err : end;
}

/* The members of a DefinedTerm that a term page and the glossary's index share. */
static void term_members(tip_jsonw *w, const tip_type *type, const char *id,
	const tip_node *root, const char *page_url)
{
	id_and_url(w, page_url);
	tip_jsonw_string(w, "termCode", id);
	text_member(w, "name", type, root, "term");
}

tip_error *tip_site_jsonld_term(tip_buf *out, const tip_type *type, const char *id,
	const tip_node *root, const char *page_url, const char *set_url)
{
	tip_error *err = check_schema(type);
	if (err)
		return err;
	tip_jsonw w;
	tip_buf json = TIP_BUF_INIT;
	begin_node(&w, &json, "DefinedTerm");
	term_members(&w, type, id, root, page_url);
	text_member(&w, "description", type, root, "definition");
	const tip_node *alt = field_of(type, root, "alt_labels");
	bool open = false;
	for (size_t i = 0; alt && alt->type == TIP_NODE_SEQ && i < alt->count; i++) {
		const char *label = text_of(alt->items[i]);
		if (label && !open)
			tip_jsonw_array(&w, "alternateName");
		if (label)
			tip_jsonw_string(&w, NULL, label);
		open = open || label;
	}
	if (open)
		tip_jsonw_close(&w, ']');
	if (is_absolute(set_url))
		tip_jsonw_string(&w, "inDefinedTermSet", set_url);
	return end_node(out, &w, &json);
}

tip_error *tip_site_jsonld_term_set(tip_buf *out, const char *set_url, const char *name,
	const tip_snapshot_record *const *terms, size_t n, const char *base_url)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < n; i++)
		err = terms[i]->root ? check_schema(terms[i]->type) : NULL;
	if (err)
		return err;
	tip_jsonw w;
	tip_buf json = TIP_BUF_INIT, path = TIP_BUF_INIT, url = TIP_BUF_INIT;
	begin_node(&w, &json, "DefinedTermSet");
	id_and_url(&w, set_url);
	tip_jsonw_string(&w, "name", name);
	tip_jsonw_array(&w, "hasDefinedTerm");
	for (size_t i = 0; !err && i < n; i++) {
		const tip_snapshot_record *r = terms[i];
		if (!r->root)
			continue;
		tip_buf_reset(&path);
		tip_buf_reset(&url);
		err = tip_site_page_path(&path, "glossary", r->id);
		if (!err)
			err = tip_site_url(&url, base_url, tip_buf_str(&path));
		if (err)
			break;
		tip_jsonw_object(&w, NULL);
		tip_jsonw_string(&w, "@type", "DefinedTerm");
		term_members(&w, r->type, r->id, r->root, tip_buf_str(&url));
		tip_jsonw_close(&w, '}');
	}
	tip_jsonw_close(&w, ']');
	tip_buf_dispose(&path);
	tip_buf_dispose(&url);
	tip_error *end = end_node(out, &w, &json);
	if (err)
		tip_error_free(end);
	return err ? err : end;
}

/* ---- downloads ---- */

/* The files of the downloads, each built in memory before any is written. */
struct download {
	tip_buf path; /* relative to the site's root */
	tip_buf text;
};

struct downloads {
	struct download files[8];
	size_t count;
};

static struct download *new_file(struct downloads *d, const char *name, const char *ext)
{
	struct download *f = &d->files[d->count++];
	tip_error *err = tip_buf_addf(&f->path, TIP_SITE_DOWNLOADS "/%s%s", name, ext);
	if (err) {
		tip_error_free(err);
		return NULL;
	}
	return f;
}

/* The records of snapshot of the type called name that loaded; *out freed with free(). */
static tip_error *records_named(const tip_snapshot_record ***out, size_t *n,
	const tip_snapshot *snapshot, const char *name)
{
	size_t total = tip_snapshot_count(snapshot);
	*n = 0;
	*out = malloc((total ? total : 1) * sizeof(**out));
	if (!*out)
		return tip_error_nomem();
	for (size_t i = 0; i < total; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (r->root && strcmp(r->type->name, name) == 0)
			(*out)[(*n)++] = r;
	}
	return NULL;
}

/* <collection>.csv and .json of type, as tip export TYPE --format csv|json writes them. */
static tip_error *add_records(struct downloads *d, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n)
{
	struct download *csv = new_file(d, type->collection, ".csv");
	struct download *json = new_file(d, type->collection, ".json");
	if (!csv || !json)
		return tip_error_nomem();
	tip_error *err = tip_export_csv(&csv->text, type, records, n, false);
	if (!err)
		err = tip_json_begin_output(&json->text, "records");
	if (!err)
		err = tip_export_json(&json->text, records, n, false);
	return err ? err : tip_buf_adds(&json->text, "}\n");
}

static tip_error *add_glossary(struct downloads *d, const tip_snapshot_record *const *records,
	size_t n)
{
	struct download *f = new_file(d, "glossary", ".ttl");
	return f ? tip_skos_turtle(&f->text, records, n, NULL) : tip_error_nomem();
}

/* {"<value>": count, ...} of a text field over the records, in order of first appearance. */
static void counts_by(tip_jsonw *w, const char *field, const tip_snapshot_record *const *records,
	size_t n)
{
	tip_jsonw_object(w, field);
	for (size_t i = 0; i < n; i++) {
		const char *value = text_field(records[i]->type, records[i]->root, field);
		bool seen = false;
		for (size_t j = 0; value && j < i && !seen; j++) {
			const char *earlier = text_field(records[j]->type, records[j]->root, field);
			seen = earlier && strcmp(earlier, value) == 0;
		}
		if (!value || seen)
			continue;
		int64_t count = 0;
		for (size_t j = i; j < n; j++) {
			const char *other = text_field(records[j]->type, records[j]->root, field);
			count += other && strcmp(other, value) == 0;
		}
		tip_jsonw_number(w, value, count);
	}
	tip_jsonw_close(w, '}');
}

/* Champions as counts only: how many, by status and by sector. */
static tip_error *add_champion_counts(struct downloads *d,
	const tip_snapshot_record *const *records, size_t n)
{
	struct download *f = new_file(d, "champions-counts", ".json");
	if (!f)
		return tip_error_nomem();
	tip_jsonw w;
	tip_jsonw_begin(&w, &f->text);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	tip_jsonw_number(&w, "champions", (int64_t)n);
	counts_by(&w, "status", records, n);
	counts_by(&w, "sector", records, n);
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}

/* The files for the type called name, when the store has it. */
static tip_error *add_type(struct downloads *d, const tip_store *store,
	const tip_snapshot *snapshot, const char *name)
{
	const tip_type *type = tip_store_type_named(store, name);
	if (!type)
		return NULL;
	tip_error *err = check_schema(type);
	const tip_snapshot_record **records = NULL;
	size_t n = 0;
	if (!err)
		err = records_named(&records, &n, snapshot, name);
	if (!err && strcmp(name, "champion") == 0)
		err = add_champion_counts(d, records, n);
	else if (!err)
		err = add_records(d, type, records, n);
	if (!err && strcmp(name, "definition") == 0)
		err = add_glossary(d, records, n);
	free(records);
	return err;
}

tip_error *tip_site_write_data(const char *dir, const tip_store *store,
	const tip_snapshot *snapshot)
{
	static const char *const types[] = { "course", "definition", "action", "champion" };
	struct downloads d = { 0 };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < sizeof(types) / sizeof(types[0]); i++)
		err = add_type(&d, store, snapshot, types[i]);
	tip_file_change changes[sizeof(d.files) / sizeof(d.files[0])];
	for (size_t i = 0; i < d.count; i++)
		changes[i] = (tip_file_change){ tip_buf_str(&d.files[i].path),
			tip_buf_str(&d.files[i].text), d.files[i].text.len };
	if (!err && mkdir(dir, 0777) != 0 && errno != EEXIST)
		err = tip_error_from_errno("cannot create the folder '%s'", dir);
	if (!err)
		err = tip_workfiles_write(dir, changes, d.count);
	for (size_t i = 0; i < d.count; i++) {
		tip_buf_dispose(&d.files[i].path);
		tip_buf_dispose(&d.files[i].text);
	}
	return err;
}

/* ---- the sitemap ---- */

static tip_error *check_base_url(const char *base_url)
{
	if (!base_url || !*base_url)
		return tip_error_usage("a sitemap lists absolute addresses: give the site's "
				       "address with --base-url https://...");
	if ((strncmp(base_url, "https://", 8) != 0 && strncmp(base_url, "http://", 7) != 0) ||
		!tip_uri_valid(base_url, strlen(base_url)) || strchr(base_url, '#') ||
		strchr(base_url, '?'))
		return tip_error_usage("'%s' is not the address of a site: give one that starts "
				       "with https:// and has no ? or #, as in "
				       "https://example.org/tip/", base_url);
	return NULL;
}

tip_error *tip_site_sitemap(tip_buf *out, const char *base_url, const char *const *paths,
	size_t count)
{
	tip_error *err = check_base_url(base_url);
	if (!err && count > TIP_SITEMAP_MAX_URLS)
		err = tip_error_limit("a sitemap holds at most %d addresses, and the site has %zu "
				      "pages", TIP_SITEMAP_MAX_URLS, count);
	if (err)
		return err;
	tip_buf url = TIP_BUF_INIT;
	err = tip_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (size_t i = 0; !err && i < count; i++) {
		tip_buf_reset(&url);
		err = tip_site_url(&url, base_url, paths[i]);
		if (!err)
			err = tip_buf_adds(out, "  <url><loc>");
		if (!err)
			err = tip_buf_add_markup_text(out, tip_buf_str(&url));
		if (!err)
			err = tip_buf_adds(out, "</loc></url>\n");
	}
	tip_buf_dispose(&url);
	return err ? err : tip_buf_adds(out, "</urlset>\n");
}
