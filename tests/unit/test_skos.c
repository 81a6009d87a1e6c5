/* Unit tests for the glossary as SKOS in Turtle (lib/skos.c): string escapes, IRIs and
 * language tags, top concepts, references that are no ids, and personal fields. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "skos.h"
#include "yaml.h"

static void test_strings_are_escaped(void **state)
{
	(void)state;
	static const char text[] = "a\"b\\c\nd\re\tf\x01g\x7f\xc3\xa9";
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_skos_add_string(&out, text, sizeof(text) - 1));
	assert_string_equal(tip_buf_str(&out),
		"\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u007F\xc3\xa9\"");
	tip_buf_dispose(&out);
}

static void test_iris(void **state)
{
	(void)state;
	const char *good[] = { "urn:tip:definition:", "https://example.org/glossary/",
		"http://example.org/g#", "x+y.z-1:a", NULL };
	for (size_t i = 0; good[i]; i++) {
		tip_error *err = tip_skos_check_iri(good[i]);
		if (err)
			fail_msg("'%s': %s", good[i], tip_error_message(err));
	}
	const struct { const char *iri, *message; } bad[] = {
		{ "", "'' is not an absolute IRI" },
		{ "glossary/", "'glossary/' is not an absolute IRI" },
		{ "1x:a", "'1x:a' is not an absolute IRI" },
		{ "urn:a b", "'urn:a b' cannot be an IRI: it holds '?'" },
		{ "urn:a<b", "it holds '<', which IRIs do not allow" },
		{ "urn:a\"b", "it holds '\"'" },
		{ "urn:a{b}", "it holds '{'" },
		{ "urn:a\\b", "it holds '\\'" },
		{ "urn:a\tb", "it holds '?'" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tip_error *err = tip_skos_check_iri(bad[i].iri);
		assert_non_null(err);
		if (!strstr(tip_error_message(err), bad[i].message))
			fail_msg("'%s': %s", bad[i].iri, tip_error_message(err));
		tip_error_free(err);
	}
}

static void test_language_tags(void **state)
{
	(void)state;
	const char *good[] = { "en", "en-GB", "cy", "sgn-BE-FR", "de-1996", NULL };
	for (size_t i = 0; good[i]; i++)
		assert_null(tip_skos_check_lang(good[i]));
	const char *bad[] = { "", "e n", "en-", "-en", "en--GB", "englishlanguage",
		"en_GB", "12", NULL };
	for (size_t i = 0; bad[i]; i++) {
		tip_error *err = tip_skos_check_lang(bad[i]);
		if (!err)
			fail_msg("'%s' should not be a language tag", bad[i]);
		tip_error_free(err);
	}
}

/* ---- documents ---- */

static tip_doc *load(const char *text)
{
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "t.yaml", NULL));
	assert_non_null(doc);
	return doc;
}

static const char schema_text[] =
	"type: object\n"
	"properties:\n"
	"  term: {type: string}\n"
	"  broader: {type: array, items: {type: string}}\n"
	"  narrower: {type: array, items: {type: string}}\n"
	"  notes: {type: string, x-tip-personal: true}\n";

static const char prefixes[] =
	"@prefix dct: <http://purl.org/dc/terms/> .\n"
	"@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
	"@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n";

/* The Turtle for records (id, text pairs) under opts, after the prefixes. */
static char *turtle(const char *const *records, size_t n, const tip_skos_opts *opts)
{
	tip_doc *schema_doc = load(schema_text);
	tip_schema *schema;
	assert_null(tip_schema_compile_node(&schema, schema_doc->root, NULL));
	tip_type type = { .name = "definition", .collection = "definitions", .schema = schema };
	tip_doc *docs[4];
	tip_snapshot_record recs[4];
	const tip_snapshot_record *ptrs[4];
	for (size_t i = 0; i < n; i++) {
		docs[i] = load(records[2 * i + 1]);
		recs[i] = (tip_snapshot_record){ &type, records[2 * i], "x.yaml", docs[i]->root };
		ptrs[i] = &recs[i];
	}
	tip_buf out = TIP_BUF_INIT;
	tip_error *err = tip_skos_turtle(&out, ptrs, n, opts);
	if (err)
		fail_msg("%s", tip_error_message(err));
	assert_memory_equal(tip_buf_str(&out), prefixes, strlen(prefixes));
	char *text = strdup(tip_buf_str(&out) + strlen(prefixes));
	tip_buf_dispose(&out);
	for (size_t i = 0; i < n; i++)
		tip_doc_free(docs[i]);
	tip_schema_free(schema);
	tip_doc_free(schema_doc);
	return text;
}

static void test_an_empty_glossary(void **state)
{
	(void)state;
	tip_skos_opts opts = { .title = "Empty" };
	char *text = turtle(NULL, 0, &opts);
	assert_string_equal(text, "<urn:tip:definition:>\n"
		"    rdf:type skos:ConceptScheme ;\n"
		"    dct:title \"Empty\"@en .\n");
	free(text);
}

static void test_top_concepts_odd_references_and_personal_fields(void **state)
{
	(void)state;
	/* b names a as narrower without a saying so: a is no top concept either. */
	const char *records[] = {
		"a", "term: A\nbroader: ['not an id>']\nnotes: private\n",
		"b", "term: B\nnarrower: [a, '']\n",
	};
	tip_skos_opts opts = { .base = "http://example.org/g#", .lang = "cy" };
	char *text = turtle(records, 2, &opts);
	assert_string_equal(text, "<http://example.org/g#>\n"
		"    rdf:type skos:ConceptScheme ;\n"
		"    dct:title \"Glossary\"@cy ;\n"
		"    skos:hasTopConcept <http://example.org/g#b> .\n"
		"\n<http://example.org/g#a>\n"
		"    rdf:type skos:Concept ;\n"
		"    skos:inScheme <http://example.org/g#> ;\n"
		"    skos:prefLabel \"A\"@cy ;\n"
		"    skos:broader <http://example.org/g#not%20an%20id%3E> .\n"
		"\n<http://example.org/g#b>\n"
		"    rdf:type skos:Concept ;\n"
		"    skos:inScheme <http://example.org/g#> ;\n"
		"    skos:topConceptOf <http://example.org/g#> ;\n"
		"    skos:prefLabel \"B\"@cy ;\n"
		"    skos:narrower <http://example.org/g#a> .\n");
	free(text);
	opts.include_personal = true;
	text = turtle(records, 2, &opts);
	assert_non_null(strstr(text, "    skos:editorialNote \"private\"@cy .\n"));
	free(text);
}

static void test_bad_options_are_refused(void **state)
{
	(void)state;
	tip_buf out = TIP_BUF_INIT;
	tip_skos_opts opts = { .base = "relative/" };
	tip_error *err = tip_skos_turtle(&out, NULL, 0, &opts);
	assert_non_null(err);
	tip_error_free(err);
	opts = (tip_skos_opts){ .lang = "en GB" };
	err = tip_skos_turtle(&out, NULL, 0, &opts);
	assert_non_null(err);
	tip_error_free(err);
	assert_int_equal(out.len, 0);
	tip_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_are_escaped),
		cmocka_unit_test(test_iris),
		cmocka_unit_test(test_language_tags),
		cmocka_unit_test(test_an_empty_glossary),
		cmocka_unit_test(test_top_concepts_odd_references_and_personal_fields),
		cmocka_unit_test(test_bad_options_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
