/* Unit tests for the website's parts for machines (lib/site/site_data.c): JSON-LD for courses,
 * terms and the glossary (parsed back), what may close a script element, relative page URLs,
 * personal fields, the downloads and the sitemap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "repo_fixture.h"

#include "buf.h"
#include "schema.h"
#include "site_data.h"
#include "snapshot.h"
#include "yaml.h"

static tip_doc *load(const char *text)
{
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { .any_root = true };
	assert_null(tip_yaml_load(&doc, text, strlen(text), "t", &opts));
	if (!doc)
		fail_msg("does not load as JSON:\n%s", text);
	return doc;
}

/* The value at a path of keys and indexes ("teaches", "0", "@id"), NULL-terminated. */
static const tip_node *at(const tip_node *node, ...)
{
	va_list ap;
	va_start(ap, node);
	for (const char *step; node && (step = va_arg(ap, const char *));)
		node = node->type == TIP_NODE_SEQ ? (size_t)atoi(step) < node->count
			? node->items[atoi(step)] : NULL : tip_node_get(node, step);
	va_end(ap);
	return node;
}

static const char *str_at(const tip_node *node, const char *key)
{
	const tip_node *v = tip_node_get(node, key);
	return v && v->type == TIP_NODE_STR ? v->str : NULL;
}

/* Each key of node holds its text: pairs of key and text, then NULL. */
static void expect_texts(const tip_node *node, const char *const *pairs)
{
	for (; pairs[0]; pairs += 2) {
		const char *got = str_at(node, pairs[0]);
		if (!got || strcmp(got, pairs[1]) != 0)
			fail_msg("%s: expected '%s', got '%s'", pairs[0], pairs[1],
				got ? got : "(none)");
	}
}

/* A record type whose schema is text. */
struct fixture_type {
	tip_doc *doc;
	tip_type type;
};

static void type_new(struct fixture_type *t, const char *name, const char *schema_text)
{
	t->doc = load(schema_text);
	tip_schema *schema = NULL;
	expect_ok(tip_schema_compile_node(&schema, t->doc->root, NULL));
	t->type = (tip_type){ .name = name, .collection = "x", .schema_file = "x.schema.yaml",
		.schema = schema };
}

static void type_free(struct fixture_type *t)
{
	tip_schema_free(t->type.schema);
	tip_doc_free(t->doc);
}

static const char course_schema[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  provider: {type: string}\n"
	"  level: {type: string, enum: [informed, skilled],\n"
	"    x-tip-titles: {informed: Informed, skilled: Skilled}}\n"
	"  audience: {type: array, items: {type: string, enum: [education, health],\n"
	"    x-tip-titles: {education: Education, health: Health and care}}}\n"
	"  duration: {type: integer}\n"
	"  description: {type: string}\n"
	"  teaches: {type: array, items: {type: string}}\n"
	"  prerequisites: {type: array, items: {type: string}}\n"
	"  url: {type: string}\n"
	"  delivery: {type: string, enum: [online], x-tip-titles: {online: Online (live)}}\n"
	"  sessions: {type: array}\n"
	"  notes: {type: string, x-tip-personal: true}\n";

/* The JSON-LD of a course, checked to hold no "</" and parsed back. */
static tip_doc *course_jsonld(const char *record, const char *page_url)
{
	struct fixture_type t;
	type_new(&t, "course", course_schema);
	tip_doc *doc = load(record);
	tip_buf out = TIP_BUF_INIT;
	expect_ok(tip_site_jsonld_course(&out, &t.type, "c1", doc->root, page_url));
	assert_null(strstr(tip_buf_str(&out), "</"));
	assert_null(strstr(tip_buf_str(&out), "<!--"));
	tip_doc *json = load(tip_buf_str(&out));
	tip_buf_dispose(&out);
	tip_doc_free(doc);
	type_free(&t);
	return json;
}

static void test_a_course(void **state)
{
	(void)state;
	tip_doc *json = course_jsonld("title: Attachment\nprovider: EPS\nlevel: skilled\n"
		"audience: [education, health]\nduration: 90\ndescription: What it covers\n"
		"teaches: [attachment, 'not an id']\nprerequisites: [basics]\n"
		"url: https://eps.example/attachment\ndelivery: online\n"
		"sessions: [{date: '2026-03-02', attendees: 12}, {date: 'soon'}]\n"
		"notes: Ask Zebedee Plantname\n",
		"https://tip.example/site/courses/c1.html");
	const tip_node *r = json->root;
	expect_texts(r, (const char *const[]){ "@context", "https://schema.org",
		"@type", "Course", "@id", "https://tip.example/site/courses/c1.html",
		"url", "https://tip.example/site/courses/c1.html", "courseCode", "c1",
		"name", "Attachment", "description", "What it covers", "educationalLevel", "Skilled",
		"timeRequired", "PT1H30M", "sameAs", "https://eps.example/attachment", NULL });
	assert_string_equal(str_at(at(r, "provider", NULL), "@type"), "Organization");
	assert_string_equal(str_at(at(r, "provider", NULL), "name"), "EPS");
	assert_string_equal(str_at(at(r, "audience", "1", NULL), "audienceType"),
		"Health and care");
	assert_int_equal(at(r, "teaches", NULL)->count, 1);
	assert_string_equal(str_at(at(r, "teaches", "0", NULL), "@type"), "DefinedTerm");
	assert_string_equal(str_at(at(r, "teaches", "0", NULL), "termCode"), "attachment");
	assert_string_equal(str_at(at(r, "teaches", "0", NULL), "@id"),
		"https://tip.example/site/glossary/attachment.html");
	assert_string_equal(str_at(at(r, "coursePrerequisites", "0", NULL), "@id"),
		"https://tip.example/site/courses/basics.html");
	assert_string_equal(str_at(at(r, "coursePrerequisites", "0", NULL), "courseCode"),
		"basics");
	assert_int_equal(at(r, "hasCourseInstance", NULL)->count, 1);
	assert_string_equal(str_at(at(r, "hasCourseInstance", "0", NULL), "startDate"),
		"2026-03-02");
	assert_string_equal(str_at(at(r, "hasCourseInstance", "0", NULL), "courseMode"),
		"Online (live)");
	assert_null(tip_node_get(r, "notes"));
	tip_doc_free(json);
}

static void test_durations(void **state)
{
	(void)state;
	const struct { const char *minutes, *iso; } cases[] = {
		{ "180", "PT3H" }, { "45", "PT45M" }, { "61", "PT1H1M" }, { "1500", "PT25H" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char record[64];
		snprintf(record, sizeof(record), "duration: %s\n", cases[i].minutes);
		tip_doc *json = course_jsonld(record, NULL);
		assert_string_equal(str_at(json->root, "timeRequired"), cases[i].iso);
		tip_doc_free(json);
	}
	tip_doc *json = course_jsonld("duration: 0\n", NULL);
	assert_null(tip_node_get(json->root, "timeRequired"));
	tip_doc_free(json);
}

/* With no base URL the page's URL is relative to the site's root, not to the page: no @id or
 * url anywhere, the references by their codes only. */
static void test_a_relative_page_url_gives_no_ids(void **state)
{
	(void)state;
	tip_doc *json = course_jsonld("title: A\nteaches: [attachment]\nprerequisites: [b]\n",
		"courses/c1.html");
	const tip_node *r = json->root;
	assert_null(tip_node_get(r, "@id"));
	assert_null(tip_node_get(r, "url"));
	assert_null(tip_node_get(at(r, "teaches", "0", NULL), "@id"));
	assert_string_equal(str_at(at(r, "teaches", "0", NULL), "termCode"), "attachment");
	assert_null(tip_node_get(at(r, "coursePrerequisites", "0", NULL), "url"));
	tip_doc_free(json);
}

/* Text that would close the script element, or open an HTML comment in it, is escaped and
 * reads back the same. */
static void test_script_closers_are_escaped(void **state)
{
	(void)state;
	tip_doc *json = course_jsonld("title: \"</script><script>alert(1)</script>\"\n"
		"description: \"a <!-- b </SCRIPT c <d\"\n", NULL);
	assert_string_equal(str_at(json->root, "name"), "</script><script>alert(1)</script>");
	assert_string_equal(str_at(json->root, "description"), "a <!-- b </SCRIPT c <d");
	tip_doc_free(json);
}

static void test_personal_fields_never_appear(void **state)
{
	(void)state;
	struct fixture_type t;
	type_new(&t, "course", "type: object\nproperties:\n"
		"  title: {type: string}\n  provider: {type: string, x-tip-personal: true}\n");
	tip_doc *doc = load("title: T\nprovider: Zebedee Plantname\n");
	tip_buf out = TIP_BUF_INIT;
	expect_ok(tip_site_jsonld_course(&out, &t.type, "c", doc->root, NULL));
	assert_null(strstr(tip_buf_str(&out), "Zebedee"));
	assert_non_null(strstr(tip_buf_str(&out), "\"T\""));
	tip_buf_dispose(&out);
	/* a type whose schema does not compile: what is personal is not known */
	tip_type broken = { .name = "course", .schema_file = "schemas/course.schema.yaml" };
	expect_error(tip_site_jsonld_course(&out, &broken, "c", doc->root, NULL),
		"schemas/course.schema.yaml does not compile");
	assert_int_equal(out.len, 0);
	tip_doc_free(doc);
	type_free(&t);
}

static const char term_schema[] =
	"type: object\n"
	"properties:\n"
	"  term: {type: string}\n"
	"  definition: {type: string}\n"
	"  alt_labels: {type: array, items: {type: string}}\n"
	"  notes: {type: string, x-tip-personal: true}\n";

static void test_a_term(void **state)
{
	(void)state;
	struct fixture_type t;
	type_new(&t, "definition", term_schema);
	tip_doc *doc = load("term: Adverse childhood experiences\ndefinition: Stressful </p>\n"
		"alt_labels: [ACEs, ACE]\nnotes: Zebedee Plantname\n");
	tip_buf out = TIP_BUF_INIT;
	expect_ok(tip_site_jsonld_term(&out, &t.type, "aces", doc->root,
		"https://tip.example/glossary/aces.html", "https://tip.example/glossary.html"));
	assert_null(strstr(tip_buf_str(&out), "</"));
	assert_null(strstr(tip_buf_str(&out), "Zebedee"));
	tip_doc *json = load(tip_buf_str(&out));
	const tip_node *r = json->root;
	expect_texts(r, (const char *const[]){ "@type", "DefinedTerm",
		"@id", "https://tip.example/glossary/aces.html",
		"name", "Adverse childhood experiences", "description", "Stressful </p>",
		"termCode", "aces", "inDefinedTermSet", "https://tip.example/glossary.html", NULL });
	assert_int_equal(at(r, "alternateName", NULL)->count, 2);
	assert_string_equal(at(r, "alternateName", "1", NULL)->str, "ACE");
	tip_doc_free(json);
	/* relative: neither @id nor the set */
	tip_buf_reset(&out);
	expect_ok(tip_site_jsonld_term(&out, &t.type, "aces", doc->root, "glossary/aces.html",
		"glossary.html"));
	json = load(tip_buf_str(&out));
	assert_null(tip_node_get(json->root, "@id"));
	assert_null(tip_node_get(json->root, "inDefinedTermSet"));
	tip_doc_free(json);
	tip_buf_dispose(&out);
	tip_doc_free(doc);
	type_free(&t);
}

static void test_the_term_set(void **state)
{
	(void)state;
	struct fixture_type t;
	type_new(&t, "definition", term_schema);
	tip_doc *a = load("term: Attachment\nnotes: Zebedee Plantname\n");
	tip_doc *b = load("term: Trauma\n");
	tip_snapshot_record recs[] = {
		{ &t.type, "attachment", "records/definitions/attachment.yaml", a->root },
		{ &t.type, "broken", "records/definitions/broken.yaml", NULL },
		{ &t.type, "trauma", "records/definitions/trauma.yaml", b->root },
	};
	const tip_snapshot_record *ptrs[] = { &recs[0], &recs[1], &recs[2] };
	tip_buf out = TIP_BUF_INIT;
	expect_ok(tip_site_jsonld_term_set(&out, "https://tip.example/glossary.html", "Glossary",
		ptrs, 3, "https://tip.example"));
	assert_null(strstr(tip_buf_str(&out), "Zebedee"));
	tip_doc *json = load(tip_buf_str(&out));
	const tip_node *r = json->root;
	expect_texts(r, (const char *const[]){ "@type", "DefinedTermSet",
		"@id", "https://tip.example/glossary.html", "name", "Glossary", NULL });
	assert_int_equal(at(r, "hasDefinedTerm", NULL)->count, 2);
	assert_string_equal(str_at(at(r, "hasDefinedTerm", "1", NULL), "name"), "Trauma");
	assert_string_equal(str_at(at(r, "hasDefinedTerm", "1", NULL), "@id"),
		"https://tip.example/glossary/trauma.html");
	assert_string_equal(str_at(at(r, "hasDefinedTerm", "0", NULL), "termCode"), "attachment");
	tip_doc_free(json);
	/* no base URL */
	tip_buf_reset(&out);
	expect_ok(tip_site_jsonld_term_set(&out, "glossary.html", "Glossary", ptrs, 3, NULL));
	json = load(tip_buf_str(&out));
	assert_null(tip_node_get(json->root, "@id"));
	assert_null(tip_node_get(at(json->root, "hasDefinedTerm", "0", NULL), "@id"));
	tip_doc_free(json);
	tip_buf_dispose(&out);
	tip_doc_free(a);
	tip_doc_free(b);
	type_free(&t);
}

/* ---- the sitemap ---- */

static void test_the_sitemap(void **state)
{
	(void)state;
	const char *paths[] = { "index.html", "courses/a&b.html" };
	tip_buf out = TIP_BUF_INIT;
	expect_ok(tip_site_sitemap(&out, "https://tip.example/site", paths, 2));
	assert_string_equal(tip_buf_str(&out),
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
		"  <url><loc>https://tip.example/site/index.html</loc></url>\n"
		"  <url><loc>https://tip.example/site/courses/a&amp;b.html</loc></url>\n"
		"</urlset>\n");
	tip_buf_reset(&out);
	expect_ok(tip_site_sitemap(&out, "https://tip.example/", paths, 1));
	assert_non_null(strstr(tip_buf_str(&out), "<loc>https://tip.example/index.html</loc>"));
	tip_buf_dispose(&out);
}

static void test_a_sitemap_needs_an_absolute_base(void **state)
{
	(void)state;
	const char *paths[] = { "index.html" };
	tip_buf out = TIP_BUF_INIT;
	expect_error(tip_site_sitemap(&out, NULL, paths, 1), "--base-url");
	expect_error(tip_site_sitemap(&out, "", paths, 1), "--base-url");
	expect_error(tip_site_sitemap(&out, "site/", paths, 1), "'site/' is not the address");
	expect_error(tip_site_sitemap(&out, "ftp://x.example/", paths, 1), "https://");
	expect_error(tip_site_sitemap(&out, "https://x.example/a b", paths, 1), "not the address");
	expect_error(tip_site_sitemap(&out, "https://x.example/?q", paths, 1), "no ? or #");
	expect_error(tip_site_sitemap(&out, "https://x.example/", paths,
		TIP_SITEMAP_MAX_URLS + 1), "at most 50000 addresses");
	assert_int_equal(out.len, 0);
	tip_buf_dispose(&out);
}

/* ---- the downloads ---- */

static const char *file_text(const char *path)
{
	return out("cat '%s'", path);
}

static void test_the_downloads(void **state)
{
	(void)state;
	new_repo();
	sh("cp -R '%s/schemas' .", source_root());
	put("records/courses/c1.yaml", "title: Course one\nprovider: EPS\nprovider_type: internal\n"
		"level_status: not-assessed\naudience: [education]\nstatus: available\n"
		"teaches: [d1]\n");
	put("records/definitions/d1.yaml", "term: Trauma\ndefinition: What happens\n"
		"status: draft\n");
	put("records/definitions/d2.yaml", "term: [not: loaded\n");
	put("records/champions/ch1.yaml", "organisation: A school\nname: Zebedee Plantname\n"
		"sector: education\nservice_area: children\nstatus: active\n"
		"review_by: '2027-01-01'\n");
	put("records/champions/ch2.yaml", "organisation: A surgery\nname: Yolanda Plantname\n"
		"sector: health\nservice_area: adults\nstatus: active\nreview_by: '2027-01-01'\n");
	tip_store *store = open_loaded_store();
	tip_snapshot *snapshot = NULL;
	expect_ok(tip_snapshot_worktree(&snapshot, store, NULL, NULL));
	char site[PATH_MAX];
	snprintf(site, sizeof(site), "%s", fixture_path("site1"));
	expect_ok(tip_site_write_data(site, store, snapshot));
	assert_string_equal(out("cd '%s/downloads' && ls | tr '\\n' ' '", site),
		"actions.csv actions.json champions-counts.json courses.csv courses.json "
		"definitions.csv definitions.json glossary.ttl ");
	assert_string_equal(out("grep -rl Plantname '%s' || echo none", site), "none");
	assert_string_equal(out("grep -rl ch1 '%s' || echo none", site), "none");
	const char *courses = file_text(fixture_path("site1/downloads/courses.json"));
	assert_memory_equal(courses, "{\"format\":1,\"records\":[\n{\"id\":\"c1\",\"type\":\"course\"",
		41);
	assert_string_equal(file_text(fixture_path("site1/downloads/definitions.csv")),
		"id,term,definition,status,alt_labels,hidden_labels,avoid,scope_note,broader,"
		"narrower,related,source,notes\r\nd1,Trauma,What happens,draft,,,,,,,,,\r");
	assert_string_equal(file_text(fixture_path("site1/downloads/champions-counts.json")),
		"{\n  \"format\": 1,\n  \"champions\": 2,\n  \"status\": {\n    \"active\": 2\n  },\n"
		"  \"sector\": {\n    \"education\": 1,\n    \"health\": 1\n  }\n}");
	assert_non_null(strstr(file_text(fixture_path("site1/downloads/glossary.ttl")),
		"skos:prefLabel \"Trauma\"@en"));
	if (system("command -v rapper >/dev/null 2>&1") == 0)
		sh("rapper -q -i turtle -c '%s/downloads/glossary.ttl'", site);
	if (system("command -v python3 >/dev/null 2>&1") == 0)
		sh("for f in '%s'/downloads/*.json; do python3 -m json.tool \"$f\" >/dev/null "
		   "|| exit 1; done", site);
	tip_snapshot_free(snapshot);
	tip_store_free(store);
}

/* A file that cannot be written leaves none written. */
static void test_downloads_are_written_whole_or_not_at_all(void **state)
{
	(void)state;
	new_repo();
	sh("cp -R '%s/schemas' .", source_root());
	tip_store *store = open_loaded_store();
	tip_snapshot *snapshot = NULL;
	expect_ok(tip_snapshot_worktree(&snapshot, store, NULL, NULL));
	const char *site = fixture_path("site2");
	sh("mkdir -p '%s/downloads/glossary.ttl'", site);
	tip_error *err = tip_site_write_data(site, store, snapshot);
	assert_non_null(err);
	tip_error_free(err);
	assert_string_equal(out("ls '%s/downloads'", site), "glossary.ttl");
	tip_snapshot_free(snapshot);
	tip_store_free(store);
}

int main(void)
{
	fixture_start("site_data");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_course),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_a_relative_page_url_gives_no_ids),
		cmocka_unit_test(test_script_closers_are_escaped),
		cmocka_unit_test(test_personal_fields_never_appear),
		cmocka_unit_test(test_a_term),
		cmocka_unit_test(test_the_term_set),
		cmocka_unit_test(test_the_sitemap),
		cmocka_unit_test(test_a_sitemap_needs_an_absolute_base),
		cmocka_unit_test(test_the_downloads),
		cmocka_unit_test(test_downloads_are_written_whole_or_not_at_all),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
