/* Unit tests for the record diff (tip_record_diff in lib/history.c): scalars, fields added and
 * removed, lists (items added and removed, order, absent lists), nested mappings and lists of
 * mappings, whole records added or removed, and what stops it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "emit.h"
#include "history.h"
#include "yaml.h"

/* ---- helpers ---- */

static tip_doc *load(const char *text)
{
	if (!text)
		return NULL;
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "r.yaml", NULL));
	assert_non_null(doc);
	return doc;
}

static const char *change_name(tip_field_change change)
{
	switch (change) {
	case TIP_FIELD_VALUE: return "value";
	case TIP_FIELD_ITEMS: return "items";
	case TIP_FIELD_ORDER: return "order";
	case TIP_FIELD_NESTED: return "nested";
	}
	return "?";
}

static void add_node(tip_buf *b, const tip_node *n)
{
	if (n)
		assert_null(tip_emit_json(b, n));
	else
		assert_null(tip_buf_adds(b, "-"));
}

/* Each change as "field change from>to +added -removed;". */
static tip_error *describe(void *ctx, const tip_field_diff *d)
{
	tip_buf *b = ctx;
	assert_null(tip_buf_addf(b, "%s %s ", d->field, change_name(d->change)));
	add_node(b, d->from);
	assert_null(tip_buf_addc(b, '>'));
	add_node(b, d->to);
	for (size_t i = 0; i < d->added_count; i++) {
		assert_null(tip_buf_adds(b, " +"));
		add_node(b, d->added[i]);
	}
	for (size_t i = 0; i < d->removed_count; i++) {
		assert_null(tip_buf_adds(b, " -"));
		add_node(b, d->removed[i]);
	}
	assert_null(tip_buf_adds(b, ";"));
	return NULL;
}

/* The changes from before to after (YAML texts; NULL = no record), described. */
static char *diff(const char *before, const char *after)
{
	tip_doc *old_doc = load(before), *new_doc = load(after);
	tip_buf b = TIP_BUF_INIT;
	assert_null(tip_record_diff(old_doc ? old_doc->root : NULL,
		new_doc ? new_doc->root : NULL, describe, &b));
	tip_doc_free(old_doc);
	tip_doc_free(new_doc);
	char *text = strdup(tip_buf_str(&b));
	tip_buf_dispose(&b);
	assert_non_null(text);
	return text;
}

static void expect_diff(const char *before, const char *after, const char *expected)
{
	char *got = diff(before, after);
	assert_string_equal(got, expected);
	free(got);
}

/* ---- tests ---- */

static void test_equal_records(void **state)
{
	(void)state;
	expect_diff("a: 1\nb: x\n", "a: 1\nb: x\n", "");
	expect_diff("a: 1\nb: x\n", "b: x\na: 1\n", "");   /* key order */
	expect_diff("a: 1\n", "a: 1.0\n", "");              /* numbers by value */
	expect_diff("a: 'x'\n", "a: \"x\"\n", "");          /* how text is quoted */
	expect_diff("m: {p: 1, q: 2}\n", "m: {q: 2, p: 1}\n", "");
	expect_diff("{}\n", "{}\n", "");
	expect_diff(NULL, NULL, "");
}

static void test_scalars(void **state)
{
	(void)state;
	expect_diff("status: in-progress\n", "status: done\n",
		"status value \"in-progress\">\"done\";");
	expect_diff("minutes: 45\n", "minutes: 60\n", "minutes value 45>60;");
	expect_diff("minutes: '45'\n", "minutes: 45\n", "minutes value \"45\">45;"); /* type */
	expect_diff("open: true\n", "open: false\n", "open value true>false;");
	expect_diff("x: null\n", "x: 0\n", "x value null>0;");
	expect_diff("a: 1\nb: 2\nc: 3\n", "a: 1\nb: 5\nc: 4\n", "b value 2>5;c value 3>4;");
}

static void test_fields_added_and_removed(void **state)
{
	(void)state;
	expect_diff("status: done\n", "status: done\ncompleted: 2026-11-20\n",
		"completed value ->\"2026-11-20\";");
	expect_diff("status: done\nrag: amber\n", "status: done\n", "rag value \"amber\">-;");
	/* the fields of after in its order, then those only before has, in its order */
	expect_diff("a: 1\nx: 1\nb: 2\ny: 1\n", "n: 1\nb: 3\nm: 1\n",
		"n value ->1;b value 2>3;m value ->1;a value 1>-;x value 1>-;y value 1>-;");
}

static void test_lists(void **state)
{
	(void)state;
	expect_diff("audience: [education, police]\n", "audience: [education, housing]\n",
		"audience items [\"education\",\"police\"]>[\"education\",\"housing\"] "
		"+\"housing\" -\"police\";");
	expect_diff("t: [a]\n", "t: [a, b, c]\n", "t items [\"a\"]>[\"a\",\"b\",\"c\"] +\"b\" +\"c\";");
	expect_diff("t: [a, b, c]\n", "t: [c]\n", "t items [\"a\",\"b\",\"c\"]>[\"c\"] -\"a\" -\"b\";");
	/* the same items in another order */
	expect_diff("t: [a, b]\n", "t: [b, a]\n", "t order [\"a\",\"b\"]>[\"b\",\"a\"];");
	/* lists are multisets: a second equal item is an item of its own */
	expect_diff("t: [a, a, b]\n", "t: [a, b]\n", "t items [\"a\",\"a\",\"b\"]>[\"a\",\"b\"] -\"a\";");
	expect_diff("t: [a]\n", "t: [a, a]\n", "t items [\"a\"]>[\"a\",\"a\"] +\"a\";");
	/* items compare by value */
	expect_diff("t: [1, 2]\n", "t: [2.0, 1.0, 3]\n", "t items [1,2]>[2.0,1.0,3] +3;");
}

static void test_absent_and_empty_lists(void **state)
{
	(void)state;
	/* an absent list counts as an empty one for its items */
	expect_diff("x: 1\n", "x: 1\nt: [a, b]\n", "t items ->[\"a\",\"b\"] +\"a\" +\"b\";");
	expect_diff("t: [a]\n", "{}\n", "t items [\"a\"]>- -\"a\";");
	expect_diff("t: []\n", "t: [a]\n", "t items []>[\"a\"] +\"a\";");
	/* but an empty list that appears or goes is a change of value, not of items */
	expect_diff("x: 1\n", "x: 1\nt: []\n", "t value ->[];");
	expect_diff("t: []\n", "{}\n", "t value []>-;");
	/* a list that becomes something else */
	expect_diff("t: [a]\n", "t: a\n", "t value [\"a\"]>\"a\";");
	expect_diff("t: a\n", "t: [a]\n", "t value \"a\">[\"a\"];");
}

static void test_nested(void **state)
{
	(void)state;
	/* a mapping on both sides: changed inside */
	expect_diff("m: {p: 1, q: 2}\n", "m: {p: 1, q: 3}\n", "m nested {\"p\":1,\"q\":2}>{\"p\":1,\"q\":3};");
	/* a mapping that appears, goes, or replaces a scalar: its value */
	expect_diff("{}\n", "m: {p: 1}\n", "m value ->{\"p\":1};");
	expect_diff("m: {p: 1}\n", "m: x\n", "m value {\"p\":1}>\"x\";");
	/* a list of mappings: an item changed inside is the old one removed, the new added */
	expect_diff("sessions:\n  - {date: '2026-01-10', attendees: 12}\n"
		    "  - {date: '2026-02-10', attendees: 9}\n",
		"sessions:\n  - {date: '2026-01-10', attendees: 12}\n"
		"  - {date: '2026-02-10', attendees: 11}\n"
		"  - {date: '2026-03-10', attendees: 7}\n",
		"sessions items [{\"date\":\"2026-01-10\",\"attendees\":12},"
		"{\"date\":\"2026-02-10\",\"attendees\":9}]>[{\"date\":\"2026-01-10\",\"attendees\":12},"
		"{\"date\":\"2026-02-10\",\"attendees\":11},{\"date\":\"2026-03-10\",\"attendees\":7}] "
		"+{\"date\":\"2026-02-10\",\"attendees\":11} +{\"date\":\"2026-03-10\",\"attendees\":7} "
		"-{\"date\":\"2026-02-10\",\"attendees\":9};");
	/* key order inside an item does not matter */
	expect_diff("s:\n  - {a: 1, b: 2}\n", "s:\n  - {b: 2, a: 1}\n", "");
}

/* Past 16 fields a version's fields are sorted to be found: the same answers, in the same
 * order (after's fields in its order, then those only before has). */
static void test_many_fields(void **state)
{
	(void)state;
	char before[1024], after[1024];
	size_t b = 0, a = 0;
	for (size_t i = 0; i < 30; i++) {
		b += (size_t)snprintf(before + b, sizeof(before) - b, "f%zu: %zu\n", i, i);
		size_t j = 29 - i; /* after: reversed, f3 changed, f7 gone, g1 new */
		if (j != 7)
			a += (size_t)snprintf(after + a, sizeof(after) - a, "f%zu: %zu\n", j,
				j == 3 ? 33 : j);
	}
	snprintf(after + a, sizeof(after) - a, "g1: new\n");
	expect_diff(before, after, "f3 value 3>33;g1 value ->\"new\";f7 value 7>-;");
	expect_diff(after, after, "");
}

static void test_whole_records(void **state)
{
	(void)state;
	expect_diff(NULL, "title: X\ntopics: [a]\n",
		"title value ->\"X\";topics items ->[\"a\"] +\"a\";");
	expect_diff("title: X\ntopics: [a]\n", NULL,
		"title value \"X\">-;topics items [\"a\"]>- -\"a\";");
	expect_diff(NULL, "{}\n", "");
}

static tip_error *stop_at_second(void *ctx, const tip_field_diff *d)
{
	int *calls = ctx;
	(void)d;
	return ++*calls == 2 ? tip_error_new("enough") : NULL;
}

static void test_callback_stops_it(void **state)
{
	(void)state;
	tip_doc *a = load("a: 1\nb: 1\nc: 1\n"), *b = load("a: 2\nb: 2\nc: 2\n");
	int calls = 0;
	tip_error *err = tip_record_diff(a->root, b->root, stop_at_second, &calls);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err), "enough");
	assert_int_equal(calls, 2);
	tip_error_free(err);
	tip_doc_free(a);
	tip_doc_free(b);
}

static void test_not_a_mapping(void **state)
{
	(void)state;
	tip_doc *a = NULL;
	tip_yaml_opts opts = { .any_root = true };
	assert_null(tip_yaml_load(&a, "[1]\n", 4, "r.yaml", &opts));
	int calls = 0;
	tip_error *err = tip_record_diff(a->root, NULL, stop_at_second, &calls);
	assert_non_null(err);
	assert_int_equal(calls, 0);
	tip_error_free(err);
	tip_doc_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_records),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_fields_added_and_removed),
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_absent_and_empty_lists),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_many_fields),
		cmocka_unit_test(test_whole_records),
		cmocka_unit_test(test_callback_stops_it),
		cmocka_unit_test(test_not_a_mapping),
	};
	return cmocka_run_group_tests_name("history", tests, NULL, NULL);
}
