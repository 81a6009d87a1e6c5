/* Unit tests for the record-aware merge (lib/records/merge.c, merge_file.c): each rule of
 * docs/merging.md, the conflicted record as written, and reading it back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "merge.h"
#include "merge_file.h"
#include "schema.h"
#include "yaml.h"

/* sessions' items have the key field date (their first required property). */
static const char schema_text[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  level: {enum: [informed, skilled, enhanced]}\n"
	"  review: {type: string}\n"
	"  topics: {type: array, items: {type: string}, uniqueItems: true, maxItems: 3}\n"
	"  sessions:\n"
	"    type: array\n"
	"    items:\n"
	"      type: object\n"
	"      required: [date, attendees]\n"
	"      properties:\n"
	"        date: {type: string}\n"
	"        attendees: {type: integer}\n"
	"  contact: {type: object}\n";

static tip_doc *load(const char *text)
{
	if (!text)
		return NULL;
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "test.yaml", NULL));
	assert_non_null(doc);
	return doc;
}

static tip_doc *schema_doc;
static tip_schema *schema;

static int setup(void **state)
{
	(void)state;
	schema_doc = load(schema_text);
	return tip_schema_compile_node(&schema, schema_doc->root, NULL) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	tip_schema_free(schema);
	tip_doc_free(schema_doc);
	return 0;
}

/* Merges the three texts (NULL: no record) with the test schema (or none) and checks the
 * written result and the number of conflicts. */
static void check_merge_with(const tip_subschema *root, const char *base, const char *ours,
	const char *theirs, const char *expected, size_t conflicts)
{
	tip_doc *docs[3] = { load(base), load(ours), load(theirs) };
	tip_merge_result r;
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_merge_records(&r, docs[0], docs[1], docs[2], root));
	assert_null(tip_merge_render(&out, &r, root, NULL));
	assert_string_equal(tip_buf_str(&out), expected);
	assert_int_equal(r.conflict_count, conflicts);
	tip_merge_result_dispose(&r);
	tip_buf_dispose(&out);
	for (int i = 0; i < 3; i++)
		tip_doc_free(docs[i]);
}

static void check_merge(const char *base, const char *ours, const char *theirs,
	const char *expected, size_t conflicts)
{
	check_merge_with(tip_schema_root(schema), base, ours, theirs, expected, conflicts);
}

#define HEADER(fields) \
	"# tip: conflicting changes to " fields ": keep one side of each\n" \
	"# (between <<<<<<< ours and >>>>>>> theirs), remove the markers and this comment,\n" \
	"# then tip validate and git add the file\n"

static void test_different_fields_both_changes(void **state)
{
	(void)state;
	check_merge("title: A\nlevel: informed\nreview: '2027'\n",
		"title: A\nlevel: skilled\nreview: '2027'\n",
		"title: A\nlevel: informed\nreview: '2028'\n",
		"title: A\nlevel: skilled\nreview: '2028'\n", 0);
}

static void test_same_change_once(void **state)
{
	(void)state;
	check_merge("title: A\nlevel: informed\n", "title: A\nlevel: skilled\n",
		"title: A\nlevel: skilled\n", "title: A\nlevel: skilled\n", 0);
	check_merge("title: A\nlevel: informed\n", "title: A\n", "title: A\n", "title: A\n", 0);
}

static void test_same_scalar_two_values_conflict(void **state)
{
	(void)state;
	check_merge("title: A\nlevel: informed\nreview: x\n", "title: A\nlevel: skilled\nreview: x\n",
		"title: A\nlevel: enhanced\nreview: z\n",
		HEADER("level") "title: A\n<<<<<<< ours\nlevel: skilled\n=======\n"
				"level: enhanced\n>>>>>>> theirs\nreview: z\n", 1);
}

static void test_removed_field(void **state)
{
	(void)state;
	check_merge("title: A\nlevel: informed\n", "title: A\n", "title: A\nlevel: informed\n",
		"title: A\n", 0);
	check_merge("title: A\nlevel: informed\n", "title: A\n", "title: A\nlevel: skilled\n",
		HEADER("level") "title: A\n<<<<<<< ours\n=======\nlevel: skilled\n"
				">>>>>>> theirs\n", 1);
	check_merge("title: A\n", "title: A\nreview: x\n", "title: A\nlevel: skilled\n",
		"title: A\nlevel: skilled\nreview: x\n", 0);
}

static void test_list_of_scalars(void **state)
{
	(void)state;
	/* base's order, then ours' additions, then theirs'; one added on both sides once; one
	 * removed on one side removed */
	check_merge("topics: [a, b, c]\n", "topics: [a, c, x, z]\n", "topics: [b, c, v, z, a]\n",
		"topics:\n  - a\n  - c\n  - x\n  - z\n  - v\n", 0);
	check_merge("topics: [a]\n", "topics: []\n", "topics: [a, b]\n", "topics:\n  - b\n", 0);
	/* a list that only one side has: taken */
	check_merge("title: T\n", "title: T\ntopics: [a]\n", "title: T\n",
		"title: T\ntopics:\n  - a\n", 0);
	/* a list added on both sides: the union */
	check_merge("title: T\n", "title: T\ntopics: [a, b]\n", "title: T\ntopics: [b, c]\n",
		"title: T\ntopics:\n  - a\n  - b\n  - c\n", 0);
}

#define S(date, n) "  - date: '" date "-10'\n    attendees: " #n "\n"

static void test_list_of_objects_by_key(void **state)
{
	(void)state;
	const char *base = "sessions:\n" S("2026-01", 1) S("2026-02", 2);
	/* ours changes a session (found by its date), theirs adds one */
	check_merge(base, "sessions:\n" S("2026-01", 1) S("2026-02", 20),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3),
		"sessions:\n" S("2026-01", 1) S("2026-02", 20) S("2026-03", 3), 0);
	/* each side adds one: ours' first */
	check_merge(base, "sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-04", 4),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-04", 4) S("2026-03", 3), 0);
	/* the same session added on both sides: once */
	check_merge(base, "sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3), 0);
	/* removed on one side, left on the other: removed */
	check_merge(base, "sessions:\n" S("2026-02", 2), base, "sessions:\n" S("2026-02", 2), 0);
}

static void test_list_item_conflicts(void **state)
{
	(void)state;
	const char *base = "sessions:\n" S("2026-01", 1) S("2026-02", 2);
	/* changed on both sides differently: the field's two versions, each with the rest merged */
	check_merge(base, "sessions:\n" S("2026-01", 10) S("2026-02", 2),
		"sessions:\n" S("2026-01", 11) S("2026-02", 2) S("2026-03", 3),
		HEADER("sessions") "<<<<<<< ours\nsessions:\n" S("2026-01", 10) S("2026-02", 2)
			S("2026-03", 3) "=======\nsessions:\n" S("2026-01", 11) S("2026-02", 2)
			S("2026-03", 3) ">>>>>>> theirs\n", 1);
	/* changed on one side, removed on the other */
	check_merge(base, "sessions:\n" S("2026-01", 10) S("2026-02", 2),
		"sessions:\n" S("2026-02", 2),
		HEADER("sessions") "<<<<<<< ours\nsessions:\n" S("2026-01", 10) S("2026-02", 2)
			"=======\nsessions:\n" S("2026-02", 2) ">>>>>>> theirs\n", 1);
	/* added on both sides with the same key and different values */
	check_merge(base, "sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 3),
		"sessions:\n" S("2026-01", 1) S("2026-02", 2) S("2026-03", 4),
		HEADER("sessions") "<<<<<<< ours\nsessions:\n" S("2026-01", 1) S("2026-02", 2)
			S("2026-03", 3) "=======\nsessions:\n" S("2026-01", 1) S("2026-02", 2)
			S("2026-03", 4) ">>>>>>> theirs\n", 1);
}

static void test_without_schema_first_field_is_key(void **state)
{
	(void)state;
	check_merge_with(NULL, "s:\n  - d: 1\n    c: 1\n", "s:\n  - d: 1\n    c: 2\n",
		"s:\n  - d: 1\n    c: 1\n  - d: 2\n    c: 5\n",
		"s:\n  - d: 1\n    c: 2\n  - d: 2\n    c: 5\n", 0);
	check_merge_with(NULL, "s:\n  - d: 1\n    c: 1\n", "s:\n  - d: 1\n    c: 2\n",
		"s:\n  - d: 1\n    c: 3\n",
		HEADER("s") "<<<<<<< ours\ns:\n  - d: 1\n    c: 2\n=======\ns:\n  - d: 1\n"
			    "    c: 3\n>>>>>>> theirs\n", 1);
}

static void test_nested_objects_field_by_field(void **state)
{
	(void)state;
	check_merge("contact: {a: 1, b: 2}\n", "contact: {a: 3, b: 2}\n", "contact: {a: 1, b: 4}\n",
		"contact:\n  a: 3\n  b: 4\n", 0);
	check_merge("contact: {a: 1}\n", "contact: {a: 3}\n", "contact: {a: 4}\n",
		HEADER("contact") "<<<<<<< ours\ncontact:\n  a: 3\n=======\ncontact:\n  a: 4\n"
				  ">>>>>>> theirs\n", 1);
}

static void test_removed_record(void **state)
{
	(void)state;
	/* removed on one side, unchanged on the other: removed (nothing written) */
	check_merge("title: A\n", NULL, "title: A\n", "", 0);
	check_merge("title: A\n", "title: A\n", NULL, "", 0);
	/* removed on one side, changed on the other: each field of the other a conflict */
	check_merge("title: A\n", NULL, "title: B\nlevel: skilled\n",
		HEADER("title, level") "<<<<<<< ours\n=======\ntitle: B\n>>>>>>> theirs\n"
				       "<<<<<<< ours\n=======\nlevel: skilled\n>>>>>>> theirs\n", 2);
	check_merge("title: A\n", "title: B\n", NULL,
		HEADER("title") "<<<<<<< ours\ntitle: B\n=======\n>>>>>>> theirs\n", 1);
}

static void test_added_on_both_sides(void **state)
{
	(void)state;
	check_merge(NULL, "title: A\nlevel: skilled\ntopics: [a]\n", "title: A\ntopics: [b]\n",
		"title: A\nlevel: skilled\ntopics:\n  - a\n  - b\n", 0);
	check_merge(NULL, "title: A\n", "title: B\n",
		HEADER("title") "<<<<<<< ours\ntitle: A\n=======\ntitle: B\n>>>>>>> theirs\n", 1);
}

static void test_canonical_order(void **state)
{
	(void)state;
	check_merge("review: x\ntitle: A\n", "review: z\ntitle: A\n",
		"extra: 1\nreview: x\ntitle: A\n", "title: A\nreview: z\nextra: 1\n", 0);
}

/* ---- merging texts: the schema's check, and what is not a record ---- */

static void merge_texts(tip_merged_file *m, const char *base, const char *ours,
	const char *theirs)
{
	assert_null(tip_merge_file(m, (tip_text){ base, strlen(base) },
		(tip_text){ ours, strlen(ours) }, (tip_text){ theirs, strlen(theirs) }, schema,
		"records/notes/a.yaml"));
}

static void test_invalid_merge_is_a_conflict(void **state)
{
	(void)state;
	tip_merged_file m;
	merge_texts(&m, "title: A\ntopics: [a]\n", "title: A\ntopics: [a, b, c]\n",
		"title: A\ntopics: [a, d]\n");
	assert_false(m.clean);
	assert_true(m.invalid);
	assert_string_equal(tip_buf_str(&m.fields), "topics");
	assert_string_equal(tip_buf_str(&m.text),
		"# tip: each side's changes are valid, but together they make the record invalid:\n"
		"#   /topics: too many items (4, maximum 3) [maxItems]\n"
		HEADER("topics") "title: A\n<<<<<<< ours\ntopics:\n  - a\n  - b\n  - c\n=======\n"
				 "topics:\n  - a\n  - d\n>>>>>>> theirs\n");
	tip_merged_file_dispose(&m);
	/* a side that is invalid already is not the merge's doing: merged as it is */
	merge_texts(&m, "title: A\n", "title: A\nlevel: nine\n", "title: B\n");
	assert_true(m.clean);
	assert_string_equal(tip_buf_str(&m.text), "title: B\nlevel: nine\n");
	tip_merged_file_dispose(&m);
}

static void test_not_records_merge_by_lines(void **state)
{
	(void)state;
	tip_merged_file m;
	merge_texts(&m, "a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\n", "a\nb\nc\nD\ne\n");
	assert_true(m.by_lines);
	assert_true(m.clean);
	assert_string_equal(tip_buf_str(&m.text), "a\nB\nc\nD\ne\n");
	tip_merged_file_dispose(&m);
	merge_texts(&m, "title: A\n", "title: [x\n", "title: A\nlevel: skilled\n");
	assert_true(m.by_lines);
	assert_false(m.clean);
	assert_non_null(strstr(tip_buf_str(&m.text), "<<<<<<< ours\ntitle: [x\n"));
	tip_merged_file_dispose(&m);
	merge_texts(&m, "x: 1\n", "<<<<<<< ours\nx: 2\n=======\nx: 3\n>>>>>>> theirs\n",
		"x: 1\n");
	assert_true(m.by_lines);
	assert_true(m.clean);
	tip_merged_file_dispose(&m);
}

/* ---- reading a conflicted record back ---- */

static void test_read_conflicts(void **state)
{
	(void)state;
	const char *text = HEADER("level, sessions")
		"title: A\n<<<<<<< ours\nlevel: skilled\n=======\nlevel: enhanced\n>>>>>>> theirs\n"
		"review: x\n<<<<<<< ours\n=======\nsessions:\n" S("2026-01", 1) ">>>>>>> theirs\n";
	tip_conflicted c;
	assert_null(tip_merge_read_conflicts(&c, text, strlen(text), "a.yaml"));
	assert_int_equal(c.conflict_count, 2);
	assert_string_equal(c.conflicts[0].field, "level");
	assert_string_equal(c.conflicts[0].ours->str, "skilled");
	assert_string_equal(c.conflicts[0].theirs->str, "enhanced");
	assert_int_equal(c.conflicts[0].theirs->line, 8);
	assert_string_equal(c.conflicts[1].field, "sessions");
	assert_null(c.conflicts[1].ours);
	assert_int_equal(c.conflicts[1].theirs->count, 1);
	assert_int_equal(c.common->root->count, 2);
	assert_string_equal(tip_node_get(c.common->root, "review")->str, "x");
	tip_conflicted_dispose(&c);

	assert_null(tip_merge_read_conflicts(&c, "title: A\n", 9, "a.yaml"));
	assert_int_equal(c.conflict_count, 0);
	tip_conflicted_dispose(&c);
}

static void check_read_error(const char *text, const char *message)
{
	tip_conflicted c;
	tip_error *err = tip_merge_read_conflicts(&c, text, strlen(text), "a.yaml");
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), message));
	tip_error_free(err);
}

static void test_read_conflicts_refuses(void **state)
{
	(void)state;
	check_read_error("a: 1\n=======\n", "a.yaml:2: a conflict marker out of place ('=======' "
					    "where '<<<<<<<' was due): put the markers right by hand");
	check_read_error("<<<<<<< ours\na: 1\n", "a.yaml:1: a conflict marked here has no end "
						"(>>>>>>> theirs)");
	check_read_error("a: 1\n<<<<<<< ours\na: 2\n=======\n>>>>>>> theirs\n",
		"a.yaml:1: 'a' is both outside and between the conflict markers: keep one by hand");
	check_read_error("<<<<<<< ours\na: [\n=======\n>>>>>>> theirs\n", "a.yaml:3:1: ");
	check_read_error("<<<<<<< ours\na: 1\n=======\n>>>>>>> theirs\n"
			 "<<<<<<< ours\n=======\na: 2\n>>>>>>> theirs\n",
		"a.yaml: 'a' is in two conflicts: keep one by hand");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_different_fields_both_changes),
		cmocka_unit_test(test_same_change_once),
		cmocka_unit_test(test_same_scalar_two_values_conflict),
		cmocka_unit_test(test_removed_field),
		cmocka_unit_test(test_list_of_scalars),
		cmocka_unit_test(test_list_of_objects_by_key),
		cmocka_unit_test(test_list_item_conflicts),
		cmocka_unit_test(test_without_schema_first_field_is_key),
		cmocka_unit_test(test_nested_objects_field_by_field),
		cmocka_unit_test(test_removed_record),
		cmocka_unit_test(test_added_on_both_sides),
		cmocka_unit_test(test_canonical_order),
		cmocka_unit_test(test_invalid_merge_is_a_conflict),
		cmocka_unit_test(test_not_records_merge_by_lines),
		cmocka_unit_test(test_read_conflicts),
		cmocka_unit_test(test_read_conflicts_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
