/* Unit tests for writing records out (lib/export.c): personal fields, key order, JSON, CSV
 * quoting and line ends, and tables cut to a width (in characters, not bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "export.h"
#include "schema.h"
#include "yaml.h"

static const char schema_text[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  who: {type: string, x-tip-personal: true}\n"
	"  count: {type: integer}\n"
	"  tags: {type: array, items: {type: string}}\n"
	"  group: {type: object}\n";

typedef struct fixture {
	tip_doc *schema_doc;
	tip_schema *schema;
	tip_type type;
	tip_doc *docs[8];
	size_t doc_count;
} fixture;

static tip_doc *load(const char *text)
{
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "t.yaml", NULL));
	assert_non_null(doc);
	return doc;
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	f->schema_doc = load(schema_text);
	assert_null(tip_schema_compile_node(&f->schema, f->schema_doc->root, NULL));
	f->type = (tip_type){ .name = "note", .collection = "notes",
		.schema_file = "schemas/note.schema.yaml", .schema = f->schema };
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	for (size_t i = 0; i < f->doc_count; i++)
		tip_doc_free(f->docs[i]);
	tip_schema_free(f->schema);
	tip_doc_free(f->schema_doc);
	free(f);
	return 0;
}

static tip_snapshot_record record(fixture *f, const char *id, const char *text)
{
	assert_true(f->doc_count < 8);
	tip_doc *doc = load(text);
	f->docs[f->doc_count++] = doc;
	return (tip_snapshot_record){ &f->type, id, "records/notes/x.yaml", doc->root };
}

/* The text written, checked against expected. */
static void expect_text(tip_buf *out, tip_error *err, const char *expected)
{
	if (err)
		fail_msg("%s", tip_error_message(err));
	assert_string_equal(tip_buf_str(out), expected);
	tip_buf_dispose(out);
}

static const char unordered[] =
	"extra: 1\ntags: [a, b]\nwho: Ann\ntitle: 'Tea: with milk'\ncount: 3\n";

static void test_yaml_leaves_out_personal_fields(void **state)
{
	fixture *f = *state;
	tip_snapshot_record r = record(f, "tea", unordered);
	tip_buf out = TIP_BUF_INIT;
	expect_text(&out, tip_export_yaml(&out, &r, false),
		"title: 'Tea: with milk'\ncount: 3\ntags:\n  - a\n  - b\nextra: 1\n");
	expect_text(&out, tip_export_yaml(&out, &r, true),
		"title: 'Tea: with milk'\nwho: Ann\ncount: 3\ntags:\n  - a\n  - b\nextra: 1\n");
}

static void test_json_in_schema_order(void **state)
{
	fixture *f = *state;
	tip_snapshot_record r = record(f, "tea", unordered);
	tip_buf out = TIP_BUF_INIT;
	expect_text(&out, tip_export_json_record(&out, &r, false),
		"{\"id\":\"tea\",\"type\":\"note\",\"title\":\"Tea: with milk\",\"count\":3,"
		"\"tags\":[\"a\",\"b\"],\"extra\":1}");
	expect_text(&out, tip_export_json_record(&out, &r, true),
		"{\"id\":\"tea\",\"type\":\"note\",\"title\":\"Tea: with milk\",\"who\":\"Ann\","
		"\"count\":3,\"tags\":[\"a\",\"b\"],\"extra\":1}");
}

static void test_json_arrays(void **state)
{
	fixture *f = *state;
	tip_snapshot_record a = record(f, "a", "title: A\n"), b = record(f, "b", "count: 2\n");
	const tip_snapshot_record *both[] = { &a, &b };
	tip_buf out = TIP_BUF_INIT;
	expect_text(&out, tip_export_json(&out, both, 0, false), "[]");
	expect_text(&out, tip_export_json(&out, both, 2, false),
		"[\n{\"id\":\"a\",\"type\":\"note\",\"title\":\"A\"},\n"
		"{\"id\":\"b\",\"type\":\"note\",\"count\":2}\n]");
}

static void test_csv_quotes_what_needs_it(void **state)
{
	fixture *f = *state;
	tip_snapshot_record a = record(f, "a",
		"title: \"comma, quote \\\" and\\rCR\"\ntags: ['x, y', z]\ngroup: {k: [1]}\n");
	tip_snapshot_record b = record(f, "b", "title: \"line\\nbreak\"\nwho: Bo\ncount: -4\n");
	const tip_snapshot_record *both[] = { &a, &b };
	tip_buf out = TIP_BUF_INIT;
	expect_text(&out, tip_export_csv(&out, &f->type, both, 2, false),
		"id,title,count,tags,group\r\n"
		"a,\"comma, quote \"\" and\rCR\",,\"x, y; z\",\"{\"\"k\"\":[1]}\"\r\n"
		"b,\"line\nbreak\",-4,,\r\n");
	expect_text(&out, tip_export_csv(&out, &f->type, both, 0, true),
		"id,title,who,count,tags,group\r\n");
}

static void test_table_fits_the_width(void **state)
{
	fixture *f = *state;
	tip_snapshot_record a = record(f, "a",
		"title: \"Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9""e\\tand more\"\ncount: 12\n"
		"tags: [x, y]\ngroup: {k: v}\n");
	tip_snapshot_record b = record(f, "bb", "title: Short\n");
	const tip_snapshot_record *both[] = { &a, &b };
	tip_buf out = TIP_BUF_INIT;
	/* Wide enough: every column but the group; a tab becomes a space. */
	expect_text(&out, tip_export_table(&out, &f->type, both, 2, false, 80),
		"id  title                       count  tags\n"
		"a   Caf\xc3\xa9 cr\xc3\xa8me br\xc3\xbbl\xc3\xa9""e and more  12     x, y\n"
		"bb  Short\n");
	/* 14 characters: the title cut to 10, ending in "…", counted in characters. */
	expect_text(&out, tip_export_table(&out, &f->type, both, 2, false, 14),
		"id  title\n"
		"a   Caf\xc3\xa9 cr\xc3\xa8m\xe2\x80\xa6\n"
		"bb  Short\n");
	/* Too narrow for anything after the id: only the id. */
	expect_text(&out, tip_export_table(&out, &f->type, both, 2, false, 9),
		"id\na\nbb\n");
	/* Narrower than the id: the id itself is cut. */
	expect_text(&out, tip_export_table(&out, &f->type, both, 2, false, 1),
		"\xe2\x80\xa6\na\n\xe2\x80\xa6\n");
}

static void test_records_and_types_that_cannot_be_written(void **state)
{
	fixture *f = *state;
	tip_snapshot_record unloaded = { &f->type, "x", "records/notes/x.yaml", NULL };
	tip_buf out = TIP_BUF_INIT;
	tip_error *err = tip_export_json_record(&out, &unloaded, false);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err),
		"a note record that does not load cannot be written out");
	tip_error_free(err);
	tip_type broken = { .name = "b", .collection = "bs",
		.schema_file = "schemas/b.schema.yaml" };
	err = tip_export_csv(&out, &broken, NULL, 0, false);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err),
		"schemas/b.schema.yaml does not compile: run tip validate to see why");
	tip_error_free(err);
	tip_buf_dispose(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_yaml_leaves_out_personal_fields),
		T(test_json_in_schema_order),
		T(test_json_arrays),
		T(test_csv_quotes_what_needs_it),
		T(test_table_fits_the_width),
		T(test_records_and_types_that_cannot_be_written),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
