/* Unit tests for record ids and the JSON writer (lib/record.c, lib/emit.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "emit.h"
#include "record.h"
#include "yaml.h"

static void test_valid_ids(void **state)
{
	(void)state;
	const char *valid[] = { "a", "wave-aces", "ebsa-2021", "0", "a-b-c-1",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL };
	for (size_t i = 0; valid[i]; i++)
		if (!tip_record_id_valid(valid[i], NULL))
			fail_msg("'%s' should be a valid id", valid[i]);
}

static void test_invalid_ids_say_why(void **state)
{
	(void)state;
	const struct { const char *id, *why; } cases[] = {
		{ "", "an id cannot be empty" },
		{ "-a", "an id cannot start or end with '-'" },
		{ "a-", "an id cannot start or end with '-'" },
		{ "a--b", "an id cannot have two '-' in a row" },
		{ "Wave", "an id has only lower-case letters a-z, digits and '-'" },
		{ "a_b", "an id has only lower-case letters a-z, digits and '-'" },
		{ "caf\xc3\xa9", "an id has only lower-case letters a-z, digits and '-'" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"an id has at most 64 characters" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = NULL;
		assert_false(tip_record_id_valid(cases[i].id, &why));
		assert_string_equal(why, cases[i].why);
	}
}

static void test_slugs(void **state)
{
	(void)state;
	char id[TIP_ID_MAX + 1];
	const struct { const char *title, *slug; } cases[] = {
		{ "WAVE Trust trauma informed practice training",
			"wave-trust-trauma-informed-practice-training" },
		{ "  EBSA: a package -- for schools!  ", "ebsa-a-package-for-schools" },
		{ "Caf\xc3\xa9 r\xc3\xa9sum\xc3\xa9", "cafe-resume" },
		{ "STRA\xc3\x9f" "E \xe2\x80\x94 \xef\xac\x81ve \xe6\x97\xa5", "strasse-five" },
		{ "!!!", "" },
		{ "", "" },
		{ "Attachment and trauma in education settings across all age phases of the city "
		  "programme", "attachment-and-trauma-in-education-settings-across-all-age" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tip_record_slug(id, sizeof(id), cases[i].title);
		assert_string_equal(id, cases[i].slug);
		assert_true(!*id || tip_record_id_valid(id, NULL));
	}
}

static void test_yaml_names(void **state)
{
	(void)state;
	size_t stem;
	assert_true(tip_record_is_yaml_name("wave-aces.yaml", &stem));
	assert_int_equal(stem, 9);
	assert_false(tip_record_is_yaml_name(".yaml", &stem));
	assert_false(tip_record_is_yaml_name("a.yml", &stem));
}

static void test_json_of_a_document(void **state)
{
	(void)state;
	const char *text = "title: \"Caf\\u00e9 \\\"x\\\"\"\nn: [1, -2.50, .5, .inf, 0x10]\n"
			   "ok: true\nnone: ~\nwhen: 2026-01-01\n";
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "t.yaml", NULL));
	assert_non_null(doc);
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_emit_json(&out, doc->root));
	assert_string_equal(tip_buf_str(&out),
		"{\"title\":\"Caf\xc3\xa9 \\\"x\\\"\",\"n\":[1,-2.50,0.5,null,16],\"ok\":true,"
		"\"none\":null,\"when\":\"2026-01-01\"}");
	tip_buf_dispose(&out);
	tip_doc_free(doc);
}

/* What the JSON writer writes loads back as the same value, C1 controls included. */
static void test_json_round_trip_of_control_characters(void **state)
{
	(void)state;
	const char *text = "v: \"a\\u0085b\\u009f\\u0001\xc2\xa0\"\n";
	tip_doc *doc = NULL, *again = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "t.yaml", NULL));
	assert_non_null(doc);
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_emit_json(&out, doc->root));
	assert_string_equal(tip_buf_str(&out), "{\"v\":\"a\\u0085b\\u009f\\u0001\xc2\xa0\"}");
	assert_null(tip_yaml_load(&again, out.data, out.len, "again.json", NULL));
	assert_non_null(again);
	assert_true(tip_node_equal(doc->root, again->root));
	tip_buf_dispose(&out);
	tip_doc_free(doc);
	tip_doc_free(again);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_ids),
		cmocka_unit_test(test_invalid_ids_say_why),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_yaml_names),
		cmocka_unit_test(test_json_of_a_document),
		cmocka_unit_test(test_json_round_trip_of_control_characters),
	};
	return cmocka_run_group_tests_name("record", tests, NULL, NULL);
}
