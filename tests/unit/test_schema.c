/* Unit tests for the JSON Schema engine (lib/schema.c, lib/schema_validate.c, their formats,
 * URI resolution and regular expressions). Schemas and instances are written in YAML so that
 * the line and column of each finding can be checked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "schema.h"
#include "schema_format.h"
#include "uri.h"
#include "yaml.h"

/* Each test compiles a schema (as if it were the file dir/t.schema.yaml, so that sibling
 * files written into dir resolve) and validates instances, collecting the findings. */
struct fixture {
	char dir[64];
	char schema_path[128];
	char files[8][160]; /* files written into dir, removed by teardown */
	size_t file_count;
	tip_doc *schema_doc;
	tip_schema *schema;
	tip_doc *instance;
	tip_diag_list *findings;
	char error[2048];
	bool with_refs;  /* pass ref_exists to validation */
	size_t ref_calls;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	strcpy(f->dir, "/tmp/tip-schema-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->schema_path, sizeof(f->schema_path), "%s/t.schema.yaml", f->dir);
	assert_null(tip_diag_list_new(&f->findings));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tip_schema_free(f->schema);
	tip_doc_free(f->schema_doc);
	tip_doc_free(f->instance);
	tip_diag_list_free(f->findings);
	for (size_t i = 0; i < f->file_count; i++)
		unlink(f->files[i]);
	rmdir(f->dir);
	free(f);
	return 0;
}

static tip_doc *load_text(const char *text, const char *name)
{
	tip_yaml_opts opts = { .any_root = true };
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), name, &opts));
	if (!doc)
		fail_msg("the YAML did not load: %s", text);
	return doc;
}

static void drop_schema(struct fixture *f)
{
	tip_schema_free(f->schema);
	tip_doc_free(f->schema_doc);
	f->schema = NULL;
	f->schema_doc = NULL;
}

/* Compiles the schema text; NULL on success, else the error's message (kept in f). */
static const char *try_compile(struct fixture *f, const char *text)
{
	drop_schema(f);
	f->schema_doc = load_text(text, f->schema_path);
	tip_error *err = tip_schema_compile_node(&f->schema, f->schema_doc->root, f->schema_path);
	if (!err)
		return NULL;
	assert_null(f->schema);
	snprintf(f->error, sizeof(f->error), "%s", tip_error_message(err));
	tip_error_free(err);
	return f->error;
}

static void compile(struct fixture *f, const char *text)
{
	const char *err = try_compile(f, text);
	if (err)
		fail_msg("schema refused: %s", err);
}

/* Asserts that the schema is refused with exactly this message after "<schema file>:". */
static void assert_refused(struct fixture *f, const char *text, const char *expected)
{
	const char *err = try_compile(f, text);
	if (!err)
		fail_msg("schema accepted, expected: %s", expected);
	char want[2048];
	snprintf(want, sizeof(want), "%s:%s", f->schema_path, expected);
	assert_string_equal(err, want);
}

static const char *const known_ids[] = { "course/trauma-101", "course/pace-basics",
	"definition/wave", NULL };

static bool fake_ref_exists(void *ctx, const char *type, const char *id)
{
	struct fixture *f = ctx;
	f->ref_calls++;
	char key[256];
	snprintf(key, sizeof(key), "%s/%s", type, id);
	for (size_t i = 0; known_ids[i]; i++)
		if (strcmp(known_ids[i], key) == 0)
			return true;
	return false;
}

static void fake_ref_ids(void *ctx, const char *type, const char *const **ids, size_t *count)
{
	(void)ctx;
	static const char *const courses[] = { "trauma-101", "pace-basics" };
	static const char *const definitions[] = { "wave" };
	bool course = strcmp(type, "course") == 0;
	*ids = course ? courses : definitions;
	*count = course ? 2 : strcmp(type, "definition") == 0 ? 1 : 0;
}

/* Validates the instance text against the compiled schema; returns the number of findings,
 * which must equal the number reported. */
static size_t validate(struct fixture *f, const char *text)
{
	tip_doc_free(f->instance);
	f->instance = load_text(text, "r.yaml");
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	tip_validate_opts opts = {
		.file = "r.yaml",
		.finding = tip_diag_list_collect,
		.finding_ctx = f->findings,
		.ref_exists = f->with_refs ? fake_ref_exists : NULL,
		.ref_ids = f->with_refs ? fake_ref_ids : NULL,
		.ref_ctx = f,
	};
	size_t n = tip_schema_validate(f->schema, f->instance->root, &opts);
	assert_int_equal(n, tip_diag_list_count(f->findings));
	return n;
}

static size_t validate_counting(struct fixture *f, const char *text, size_t max_steps,
	size_t *steps);

static void assert_valid(struct fixture *f, const char *text)
{
	if (validate(f, text) != 0) {
		const tip_finding *g = tip_diag_list_get(f->findings, 0);
		fail_msg("expected valid: %s\nfirst finding: %s [%s] at %s", text, g->message,
			g->keyword, g->path);
	}
}

static void assert_invalid(struct fixture *f, const char *text)
{
	if (validate(f, text) == 0)
		fail_msg("expected invalid: %s", text);
}

/* Asserts every field of finding i. */
static void assert_finding(struct fixture *f, size_t i, const char *keyword, const char *path,
	unsigned line, unsigned col, const char *message)
{
	if (i >= tip_diag_list_count(f->findings))
		fail_msg("no finding %zu (there are %zu)", i, tip_diag_list_count(f->findings));
	const tip_finding *g = tip_diag_list_get(f->findings, i);
	assert_string_equal(g->file, "r.yaml");
	assert_string_equal(g->keyword, keyword);
	assert_string_equal(g->path, path);
	assert_string_equal(g->message, message);
	assert_int_equal(g->line, line);
	assert_int_equal(g->col, col);
	assert_int_equal(g->severity, TIP_SEVERITY_ERROR);
}

/* Asserts that the instance gives exactly one finding, with these fields. */
static void assert_one(struct fixture *f, const char *text, const char *keyword,
	const char *path, unsigned line, unsigned col, const char *message)
{
	size_t n = validate(f, text);
	if (n != 1) {
		const tip_finding *g = n ? tip_diag_list_get(f->findings, 0) : NULL;
		fail_msg("expected one finding for %s, got %zu%s%s", text, n, g ? "; first: " : "",
			g ? g->message : "");
	}
	assert_finding(f, 0, keyword, path, line, col, message);
}

static void write_file(struct fixture *f, const char *name, const char *text)
{
	assert_true(f->file_count < sizeof(f->files) / sizeof(f->files[0]));
	char path[sizeof(f->files[0])];
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	memcpy(f->files[f->file_count++], path, sizeof(path));
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* ---- type, enum, const ---- */

static void test_type(void **state)
{
	struct fixture *f = *state;
	compile(f, "type: string\n");
	assert_valid(f, "hello\n");
	assert_one(f, "12\n", "type", "", 1, 1, "expected string, got integer");
	compile(f, "properties:\n  n: {type: integer}\n  m: {type: [string, 'null']}\n");
	assert_valid(f, "n: 1.0\nm: null\n");
	assert_one(f, "n: 1.5\n", "type", "/n", 1, 4, "expected integer, got number");
	assert_one(f, "m: true\n", "type", "/m", 1, 4, "expected null or string, got boolean");
	compile(f, "type: [number, object, array]\n");
	assert_valid(f, "7\n");
	assert_one(f, "x\n", "type", "", 1, 1, "expected number, array or object, got string");
}

static void test_enum(void **state)
{
	struct fixture *f = *state;
	compile(f, "properties:\n  level:\n    enum: [informed, skilled, enhanced, specialist]\n");
	assert_valid(f, "level: skilled\n");
	assert_one(f, "level: skiled\n", "enum", "/level", 1, 8,
		"\"skiled\" is not one of informed, skilled, enhanced, specialist: did you mean "
		"\"skilled\"?");
	assert_one(f, "title: x\nlevel: levell\n", "enum", "/level", 2, 8,
		"\"levell\" is not one of informed, skilled, enhanced, specialist");
	compile(f, "enum: [1, 'two', null, [1]]\n");
	assert_valid(f, "1.0\n");
	assert_valid(f, "[1]\n");
	assert_one(f, "2\n", "enum", "", 1, 1, "2 is not one of the 4 allowed values");
	compile(f, "enum: [false]\n");
	assert_one(f, "0\n", "enum", "", 1, 1, "0 is not one of false");
}

static void test_const(void **state)
{
	struct fixture *f = *state;
	compile(f, "const: done\n");
	assert_valid(f, "done\n");
	assert_one(f, "'done '\n", "const", "", 1, 1, "\"done \" is not equal to the constant \"done\"");
	compile(f, "const: {a: [1, 2]}\n");
	assert_valid(f, "{a: [1.0, 2]}\n");
	assert_one(f, "{a: [2, 1]}\n", "const", "", 1, 1,
		"the object is not equal to the constant value");
	compile(f, "const: null\n");
	assert_valid(f, "~\n");
	assert_one(f, "0\n", "const", "", 1, 1, "0 is not equal to the constant null");
}

/* ---- objects ---- */

static void test_required(void **state)
{
	struct fixture *f = *state;
	compile(f, "required: [title, owner]\n");
	assert_valid(f, "title: a\nowner: b\n");
	assert_valid(f, "[1]\n"); /* only objects are checked */
	assert_int_equal(validate(f, "status: x\n"), 2);
	assert_finding(f, 0, "required", "", 1, 1, "missing required property \"title\"");
	assert_finding(f, 1, "required", "", 1, 1, "missing required property \"owner\"");
	compile(f, "properties:\n  inner: {required: [id]}\n");
	assert_one(f, "inner:\n  name: x\n", "required", "/inner", 2, 3,
		"missing required property \"id\"");
}

static void test_properties_and_path_escapes(void **state)
{
	struct fixture *f = *state;
	compile(f, "properties:\n  a/b:\n    properties:\n      c~d: {type: integer}\n");
	assert_valid(f, "a/b: {c~d: 3}\n");
	assert_one(f, "a/b:\n  c~d: x\n", "type", "/a~1b/c~0d", 2, 8,
		"expected integer, got string");
	/* more than eight properties: looked up through the hash table */
	compile(f, "properties:\n  p1: {type: integer}\n  p2: {type: integer}\n  p3: {type: integer}\n"
		   "  p4: {type: integer}\n  p5: {type: integer}\n  p6: {type: integer}\n"
		   "  p7: {type: integer}\n  p8: {type: integer}\n  p9: {type: integer}\n"
		   "  p10: {type: string}\nadditionalProperties: false\n");
	assert_valid(f, "p1: 1\np9: 9\np10: x\n");
	assert_one(f, "p7: 1\np10: 2\n", "type", "/p10", 2, 6, "expected string, got integer");
	assert_one(f, "p11: 1\n", "additionalProperties", "/p11", 1, 1, "unknown property \"p11\"");
}

static void test_additional_properties(void **state)
{
	struct fixture *f = *state;
	compile(f, "properties:\n  title: {}\nadditionalProperties: false\n");
	assert_valid(f, "title: x\n");
	assert_one(f, "title: x\ntitel: y\n", "additionalProperties", "/titel", 2, 1,
		"unknown property \"titel\"");
	compile(f, "properties:\n  a: {}\npatternProperties:\n  ^x-: {}\n"
		   "additionalProperties: {type: integer}\n");
	assert_valid(f, "a: s\nx-b: s\nc: 1\n");
	assert_one(f, "a: s\nc: s\n", "type", "/c", 2, 4, "expected integer, got string");
}

static void test_pattern_properties(void **state)
{
	struct fixture *f = *state;
	compile(f, "patternProperties:\n  ^n_: {type: number}\n  _s$: {type: string}\n");
	assert_valid(f, "n_a: 1\nb_s: x\nother: true\n");
	assert_one(f, "n_a: x\n", "type", "/n_a", 1, 6, "expected number, got string");
	/* a name matching both patterns is checked against both */
	assert_one(f, "n_s: 1\n", "type", "/n_s", 1, 6, "expected string, got integer");
	compile(f, "patternProperties:\n  ^secret: false\n");
	assert_one(f, "secret_key: 1\n", "patternProperties", "/secret_key", 1, 1,
		"property \"secret_key\" is not allowed");
}

static void test_property_names(void **state)
{
	struct fixture *f = *state;
	compile(f, "propertyNames:\n  pattern: ^[a-z_]+$\n  maxLength: 5\n");
	assert_valid(f, "abc: 1\n");
	assert_one(f, "abc: 1\nAbc: 2\n", "propertyNames", "/Abc", 2, 1,
		"invalid property name \"Abc\"");
	assert_one(f, "abcdef: 1\n", "propertyNames", "/abcdef", 1, 1,
		"invalid property name \"abcdef\"");
}

static void test_min_max_properties(void **state)
{
	struct fixture *f = *state;
	compile(f, "minProperties: 1\nmaxProperties: 2\n");
	assert_valid(f, "a: 1\n");
	assert_one(f, "{}\n", "minProperties", "", 1, 1, "too few properties (0, minimum 1)");
	assert_one(f, "a: 1\nb: 2\nc: 3\n", "maxProperties", "", 1, 1,
		"too many properties (3, maximum 2)");
}

static void test_dependent_required_and_schemas(void **state)
{
	struct fixture *f = *state;
	compile(f, "dependentRequired:\n  rag: [status]\n");
	assert_valid(f, "status: x\nrag: red\n");
	assert_valid(f, "other: 1\n");
	assert_one(f, "rag: red\n", "dependentRequired", "", 1, 1,
		"property \"status\" is required when \"rag\" is present");
	compile(f, "dependentSchemas:\n  completed:\n    properties:\n      status: {const: done}\n");
	assert_valid(f, "status: planned\n");
	assert_valid(f, "status: done\ncompleted: 2024-01-01\n");
	assert_one(f, "status: planned\ncompleted: 2024-01-01\n", "const", "/status", 1, 9,
		"\"planned\" is not equal to the constant \"done\"");
}

/* ---- arrays ---- */

static void test_items_and_prefix_items(void **state)
{
	struct fixture *f = *state;
	compile(f, "items: {type: string}\n");
	assert_valid(f, "[a, b]\n");
	assert_one(f, "- a\n- 2\n", "type", "/1", 2, 3, "expected string, got integer");
	compile(f, "prefixItems: [{type: integer}, {type: string}]\n");
	assert_valid(f, "[1, a, true]\n");
	assert_valid(f, "[1]\n");
	assert_one(f, "[x, a]\n", "type", "/0", 1, 2, "expected integer, got string");
	compile(f, "prefixItems: [{}, {}]\nitems: false\n");
	assert_valid(f, "[1, 2]\n");
	assert_one(f, "[1, 2, 3, 4]\n", "items", "/2", 1, 8, "too many items (4, at most 2)");
}

static void test_min_max_items(void **state)
{
	struct fixture *f = *state;
	compile(f, "minItems: 1\nmaxItems: 2\n");
	assert_valid(f, "[1]\n");
	assert_valid(f, "not an array\n");
	assert_one(f, "[]\n", "minItems", "", 1, 1, "too few items (0, minimum 1)");
	assert_one(f, "[1, 2, 3]\n", "maxItems", "", 1, 1, "too many items (3, maximum 2)");
}

static void test_unique_items(void **state)
{
	struct fixture *f = *state;
	compile(f, "uniqueItems: true\n");
	assert_valid(f, "[1, '1', {a: 1}, {a: 2}]\n");
	/* items are counted from 1 in the message, as people count; the path stays 0-based */
	assert_one(f, "- a\n- b\n- a\n", "uniqueItems", "/2", 3, 3,
		"item 3 is the same as item 1");
	assert_one(f, "[{a: 1, b: 2}, {b: 2, a: 1.0}]\n", "uniqueItems", "/1", 1, 16,
		"item 2 is the same as item 1");
	compile(f, "uniqueItems: false\n");
	assert_valid(f, "[1, 1]\n");
	/* JSON Schema equality: numbers by value, objects whatever their order, arrays in order */
	compile(f, "uniqueItems: true\n");
	assert_valid(f, "[1, 1.5, '1', true, null, [1, 2], [2, 1], {a: [1]}, {a: [1, 1]}, 0, false,"
		       " '', [], {}, [[]], -0.5]\n");
	assert_one(f, "[0, -0.0]\n", "uniqueItems", "/1", 1, 5, "item 2 is the same as item 1");
	assert_one(f, "[[1, {x: 2.0}], 3, [1.0, {x: 2}]]\n", "uniqueItems", "/2", 1, 20,
		"item 3 is the same as item 1");
	assert_one(f, "[1e300, 1.0e300]\n", "uniqueItems", "/1", 1, 9,
		"item 2 is the same as item 1");
	/* each duplicate names the first of its equals */
	assert_int_equal(validate(f, "[a, b, a, b, a]\n"), 3);
	assert_finding(f, 0, "uniqueItems", "/2", 1, 8, "item 3 is the same as item 1");
	assert_finding(f, 1, "uniqueItems", "/3", 1, 11, "item 4 is the same as item 2");
	assert_finding(f, 2, "uniqueItems", "/4", 1, 14, "item 5 is the same as item 1");
}

/* uniqueItems on 100,000 items costs a few steps per item, not one per pair. */
static void test_unique_items_scale(void **state)
{
	struct fixture *f = *state;
	compile(f, "uniqueItems: true\n");
	size_t n = 100000, len = n * 20 + 16, k = 0;
	char *text = malloc(len);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++)
		k += (size_t)snprintf(text + k, len - k, "- [c-%zu, %zu]\n", i, i % 7);
	snprintf(text + k, len - k, "- [c-5, 5.0]\n");
	size_t steps = 0;
	assert_int_equal(validate_counting(f, text, 0, &steps), 1);
	assert_finding(f, 0, "uniqueItems", "/100000", 100001, 3,
		"item 100001 is the same as item 6");
	if (steps > 4 * n)
		fail_msg("%zu items took %zu steps", n, steps);
	free(text);
}

static void test_contains(void **state)
{
	struct fixture *f = *state;
	compile(f, "contains: {type: integer}\n");
	assert_valid(f, "[a, 1]\n");
	assert_one(f, "[a, b]\n", "contains", "", 1, 1, "no item matches the \"contains\" schema");
	compile(f, "contains: {type: integer}\nminContains: 2\nmaxContains: 3\n");
	assert_valid(f, "[1, 2, a]\n");
	assert_one(f, "[1, a]\n", "minContains", "", 1, 1,
		"1 item matches the \"contains\" schema, at least 2 required");
	assert_one(f, "[1, 2, 3, 4]\n", "maxContains", "", 1, 1,
		"4 items match the \"contains\" schema, at most 3 allowed");
	compile(f, "contains: {type: integer}\nminContains: 0\n");
	assert_valid(f, "[]\n");
	compile(f, "contains: {type: integer}\nminContains: 0\nmaxContains: 0\n");
	assert_one(f, "[1, a]\n", "maxContains", "", 1, 1,
		"1 item matches the \"contains\" schema, at most 0 allowed");
}

/* ---- strings ---- */

static void test_length_counts_code_points(void **state)
{
	struct fixture *f = *state;
	compile(f, "minLength: 2\nmaxLength: 3\n");
	assert_valid(f, "\"日本\"\n");
	assert_valid(f, "\"héé\"\n");
	assert_one(f, "\"é\"\n", "minLength", "", 1, 1, "\"é\" is too short (1 character, minimum 2)");
	assert_one(f, "abcd\n", "maxLength", "", 1, 1,
		"\"abcd\" is too long (4 characters, maximum 3)");
	assert_valid(f, "12345\n"); /* not a string */
	compile(f, "maxLength: 0\n");
	assert_one(f, "a\n", "maxLength", "", 1, 1, "\"a\" is too long (1 character, maximum 0)");
}

static void test_pattern(void **state)
{
	struct fixture *f = *state;
	compile(f, "pattern: '[0-9]{4}'\n");
	assert_valid(f, "year 2024 or so\n"); /* a search, not a whole-string match */
	assert_one(f, "year\n", "pattern", "", 1, 1, "\"year\" does not match the pattern \"[0-9]{4}\"");
	/* ECMAScript: \d is ASCII only, $ matches only at the very end */
	compile(f, "pattern: '^\\d+$'\n");
	assert_valid(f, "'123'\n");
	assert_invalid(f, "\"١٢٣\"\n");
	assert_invalid(f, "\"123\\n\"\n");
	/* \u escapes and Unicode property names as ECMAScript writes them */
	compile(f, "pattern: '^\\u00e9\\p{Letter}+$'\n");
	assert_valid(f, "\"éπx\"\n");
	assert_invalid(f, "\"é1\"\n");
	compile(f, "pattern: '^\\p{gc=Lu}'\n");
	assert_valid(f, "Abc\n");
	assert_invalid(f, "abc\n");
}

/* ---- numbers ---- */

static void test_numeric_limits(void **state)
{
	struct fixture *f = *state;
	compile(f, "minimum: 1\nmaximum: 10.5\n");
	assert_valid(f, "1\n");
	assert_valid(f, "10.5\n");
	assert_one(f, "0.5\n", "minimum", "", 1, 1, "0.5 is less than the minimum 1");
	assert_one(f, "11\n", "maximum", "", 1, 1, "11 is greater than the maximum 10.5");
	compile(f, "exclusiveMinimum: 0\nexclusiveMaximum: 100\n");
	assert_valid(f, "50\n");
	assert_one(f, "0\n", "exclusiveMinimum", "", 1, 1, "0 is not greater than 0");
	assert_one(f, "100.0\n", "exclusiveMaximum", "", 1, 1, "100.0 is not less than 100");
	/* integers beyond a double's precision compare exactly */
	compile(f, "maximum: 9007199254740992\n");
	assert_valid(f, "9007199254740992\n");
	assert_invalid(f, "9007199254740993\n");
	assert_valid(f, "string\n");
}

static void test_multiple_of(void **state)
{
	struct fixture *f = *state;
	compile(f, "multipleOf: 0.0001\n");
	assert_valid(f, "0.0075\n");
	assert_valid(f, "19.99\n");
	assert_one(f, "0.00751\n", "multipleOf", "", 1, 1, "0.00751 is not a multiple of 0.0001");
	compile(f, "multipleOf: 0.01\n");
	assert_valid(f, "19.99\n");
	assert_invalid(f, "1000000000000.005\n");
	compile(f, "multipleOf: 3\n");
	assert_valid(f, "-9\n");
	assert_valid(f, "9.0\n");
	assert_invalid(f, "10\n");
	assert_invalid(f, "4.5\n");
	/* a quotient that overflows is no multiple, and does not crash */
	compile(f, "type: integer\nmultipleOf: 0.123456789\n");
	assert_one(f, "1e308\n", "multipleOf", "", 1, 1, "1e308 is not a multiple of 0.123456789");
	assert_invalid(f, ".inf\n");
}

/* ---- combinators ---- */

static void test_all_of_reports_each_branch(void **state)
{
	struct fixture *f = *state;
	compile(f, "allOf:\n  - required: [a]\n  - required: [b]\n");
	assert_valid(f, "a: 1\nb: 2\n");
	assert_int_equal(validate(f, "c: 1\n"), 2);
	assert_finding(f, 0, "required", "", 1, 1, "missing required property \"a\"");
	assert_finding(f, 1, "required", "", 1, 1, "missing required property \"b\"");
}

static void test_any_of(void **state)
{
	struct fixture *f = *state;
	compile(f, "anyOf:\n  - {type: string, maxLength: 2}\n  - {type: integer, minimum: 10}\n");
	assert_valid(f, "ab\n");
	assert_valid(f, "12\n");
	/* both alternatives accept neither type: one finding for the keyword */
	assert_one(f, "true\n", "anyOf", "", 1, 1, "does not match any of the 2 alternatives");
	/* only the string alternative accepts a string: its findings say what is wrong */
	assert_one(f, "abc\n", "maxLength", "", 1, 1,
		"\"abc\" is too long (3 characters, maximum 2)");
	assert_one(f, "5\n", "minimum", "", 1, 1, "5 is less than the minimum 10");
	/* failures of the alternatives that did not match never leak */
	compile(f, "anyOf:\n  - {type: string, minLength: 9}\n  - {type: string, maxLength: 1}\n");
	assert_one(f, "abc\n", "anyOf", "", 1, 1, "does not match any of the 2 alternatives");
	/* the type of an alternative is seen through its $ref */
	compile(f, "$defs:\n  date: {type: string, format: date}\n"
		   "anyOf:\n  - type: boolean\n  - $ref: '#/$defs/date'\n");
	assert_valid(f, "true\n");
	assert_one(f, "2021-02-30\n", "format", "", 1, 1, "\"2021-02-30\" is not a valid date");
}

static void test_one_of(void **state)
{
	struct fixture *f = *state;
	compile(f, "oneOf:\n  - {type: integer}\n  - {minimum: 2}\n");
	assert_valid(f, "1\n");
	assert_valid(f, "2.5\n");
	assert_one(f, "3\n", "oneOf", "", 1, 1,
		"matches more than one of the 2 alternatives (1 and 2), expected exactly one");
	compile(f, "oneOf:\n  - {type: integer}\n  - {type: string}\n");
	assert_one(f, "true\n", "oneOf", "", 1, 1, "does not match any of the 2 alternatives");
}

static void test_not(void **state)
{
	struct fixture *f = *state;
	compile(f, "not:\n  anyOf:\n    - pattern: '@'\n    - pattern: '[0-9]{5}'\n");
	assert_valid(f, "plain words\n");
	assert_one(f, "mail me@example.com\n", "not", "", 1, 1,
		"the text (not quoted: it holds an email address) matches the schema under \"not\", "
		"which it must not");
	compile(f, "properties:\n  x:\n    not: {}\n");
	assert_one(f, "x: 1\n", "not", "/x", 1, 4,
		"1 matches the schema under \"not\", which it must not");
}

static void test_if_then_else(void **state)
{
	struct fixture *f = *state;
	compile(f, "if:\n  properties:\n    status: {const: done}\n  required: [status]\n"
		   "then:\n  required: [completed]\nelse:\n  not: {required: [completed]}\n");
	assert_valid(f, "status: done\ncompleted: 2024-01-01\n");
	assert_valid(f, "status: planned\n");
	assert_one(f, "status: done\n", "required", "", 1, 1,
		"missing required property \"completed\"");
	assert_one(f, "status: planned\ncompleted: 2024-01-01\n", "not", "", 1, 1,
		"the object matches the schema under \"not\", which it must not");
	compile(f, "if: {type: string}\n"); /* without then or else: no effect */
	assert_valid(f, "1\n");
}

/* ---- boolean schemas ---- */

static void test_boolean_schemas(void **state)
{
	struct fixture *f = *state;
	compile(f, "true\n");
	assert_valid(f, "{any: [thing]}\n");
	compile(f, "false\n");
	assert_one(f, "1\n", "false", "", 1, 1, "no value is allowed here");
	compile(f, "properties:\n  legacy: false\n  ok: true\n");
	assert_valid(f, "ok: 1\n");
	assert_one(f, "ok: 1\nlegacy: 2\n", "properties", "/legacy", 2, 1,
		"property \"legacy\" is not allowed");
	compile(f, "items: {not: true}\n");
	assert_one(f, "[1]\n", "not", "/0", 1, 2,
		"1 matches the schema under \"not\", which it must not");
}

/* ---- $ref, $defs, $id ---- */

static void test_ref_pointers(void **state)
{
	struct fixture *f = *state;
	compile(f, "$defs:\n  a/b: {type: integer}\n  c~d: {type: string}\n  e%f: {type: boolean}\n"
		   "  '': {$defs: {'': {type: 'null'}}}\n"
		   "properties:\n  slash: {$ref: '#/$defs/a~1b'}\n  tilde: {$ref: '#/$defs/c~0d'}\n"
		   "  percent: {$ref: '#/$defs/e%25f'}\n  empty: {$ref: '#/$defs//$defs/'}\n"
		   "  again: {$ref: '#/properties/slash'}\n  first: {$ref: '#/prefixItems/0'}\n"
		   "prefixItems: [{const: 1}]\n");
	assert_valid(f, "slash: 1\ntilde: x\npercent: true\nempty: null\nagain: 2\nfirst: 1\n");
	assert_one(f, "again: x\n", "type", "/again", 1, 8, "expected integer, got string");
	assert_one(f, "first: 2\n", "const", "/first", 1, 8, "2 is not equal to the constant 1");
	assert_one(f, "empty: 0\n", "type", "/empty", 1, 8, "expected null, got integer");
	/* a $ref with sibling keywords: both apply */
	compile(f, "$defs:\n  s: {type: string}\nproperties:\n  t: {$ref: '#/$defs/s', maxLength: 2}\n");
	assert_one(f, "t: abc\n", "maxLength", "/t", 1, 4,
		"\"abc\" is too long (3 characters, maximum 2)");
	assert_one(f, "t: 1\n", "type", "/t", 1, 4, "expected string, got integer");
}

static void test_recursive_ref(void **state)
{
	struct fixture *f = *state;
	compile(f, "type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n"
		   "  children:\n    type: array\n    items: {$ref: '#'}\nadditionalProperties: false\n");
	assert_valid(f, "name: a\nchildren:\n  - name: b\n    children:\n      - name: c\n");
	assert_int_equal(validate(f, "name: a\nchildren:\n  - name: b\n    children:\n      - nam: c\n"),
		2);
	assert_finding(f, 0, "required", "/children/0/children/0", 5, 9,
		"missing required property \"name\"");
	assert_finding(f, 1, "additionalProperties", "/children/0/children/0/nam", 5, 9,
		"unknown property \"nam\"");
	/* mutual recursion through $defs */
	compile(f, "$defs:\n  a: {type: object, properties: {b: {$ref: '#/$defs/b'}}}\n"
		   "  b: {type: object, properties: {a: {$ref: '#/$defs/a'}}}\n$ref: '#/$defs/a'\n");
	assert_valid(f, "b: {a: {b: {}}}\n");
	assert_one(f, "b: {a: {b: 1}}\n", "type", "/b/a/b", 1, 12, "expected object, got integer");
}

/* Validates text with the work counted (and bounded by max_steps when not 0); returns the
 * findings and sets *steps. */
static size_t validate_counting(struct fixture *f, const char *text, size_t max_steps,
	size_t *steps)
{
	tip_doc_free(f->instance);
	f->instance = load_text(text, "r.yaml");
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	tip_validate_opts opts = { .file = "r.yaml", .finding = tip_diag_list_collect,
		.finding_ctx = f->findings, .steps = steps, .max_steps = max_steps };
	size_t n = tip_schema_validate(f->schema, f->instance->root, &opts);
	assert_int_equal(n, tip_diag_list_count(f->findings));
	return n;
}

/* open written levels times, then middle, then close levels times: nested values. */
static char *nested(size_t levels, const char *open, const char *middle, const char *close)
{
	size_t len = levels * (strlen(open) + strlen(close)) + strlen(middle) + 1, k = 0;
	char *text = malloc(len);
	assert_non_null(text);
	for (size_t i = 0; i < levels; i++)
		k += (size_t)snprintf(text + k, len - k, "%s", open);
	k += (size_t)snprintf(text + k, len - k, "%s", middle);
	for (size_t i = 0; i < levels; i++)
		k += (size_t)snprintf(text + k, len - k, "%s", close);
	return text;
}

/* A schema that applies itself twice at every level is checked once per (schema, value):
 * 40 levels take a few hundred steps, not 2^40, and the finding at the bottom is one. */
static void test_repeated_refs_are_checked_once(void **state)
{
	struct fixture *f = *state;
	compile(f, "$defs:\n  n:\n    type: object\n    properties:\n"
		   "      c: {allOf: [{$ref: '#/$defs/n'}, {$ref: '#/$defs/n'}]}\n$ref: '#/$defs/n'\n");
	size_t steps = 0;
	char *doc = nested(20, "{c: ", "{}", "}");
	assert_int_equal(validate_counting(f, doc, 0, &steps), 0);
	if (steps > 1000)
		fail_msg("20 levels took %zu steps", steps);
	free(doc);
	doc = nested(40, "{c: ", "1", "}");
	assert_int_equal(validate_counting(f, doc, 0, &steps), 1);
	assert_true(steps < 2000);
	assert_finding(f, 0, "type", "/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c/c"
				     "/c/c/c/c/c/c/c/c", 1, 161, "expected object, got integer");
	free(doc);
}

/* The work is bounded: past the budget (here a small one) the value gets one finding that
 * says it could not be checked, and no verdict from what was left unchecked. */
static void test_work_is_bounded(void **state)
{
	struct fixture *f = *state;
	char *text = nested(30, "anyOf: [{type: integer}, {minLength: 2, ", "const: 1", "}]");
	compile(f, text);
	size_t steps = 0;
	assert_int_equal(validate_counting(f, "abc\n", 0, &steps), 1);
	assert_finding(f, 0, "const", "", 1, 1, "\"abc\" is not equal to the constant 1");
	assert_true(steps > 50);
	assert_int_equal(validate_counting(f, "abc\n", 50, &steps), 1);
	assert_true(steps <= 50);
	assert_finding(f, 0, "schema", "", 1, 1,
		"could not be checked: the schema needs too much work for this value (more than "
		"50 steps)");
	free(text);
}

/* Looking a value up in an enum is work too: 200 values for each of 100 items exceed a
 * budget of 10,000 steps. */
static void test_enum_lookups_count_as_work(void **state)
{
	struct fixture *f = *state;
	char schema[4096] = "items: {enum: [", doc[1024] = "[";
	for (size_t i = 0; i < 200; i++)
		snprintf(schema + strlen(schema), sizeof(schema) - strlen(schema), "%sv%zu",
			i ? ", " : "", i);
	strcat(schema, "]}\n");
	for (size_t i = 0; i < 100; i++)
		strcat(doc, i ? ", v199" : "v199");
	strcat(doc, "]\n");
	compile(f, schema);
	size_t steps = 0;
	assert_int_equal(validate_counting(f, doc, 0, &steps), 0);
	assert_true(steps > 100 * 200);
	assert_int_equal(validate_counting(f, doc, 10000, &steps), 1);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->keyword, "schema");
}

static void test_ref_loops_refused(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "$ref: '#'\n",
		"1:7: $ref loop: the schema applies itself to the same value again without looking "
		"inside it, so validation could never finish");
	const char *err = try_compile(f, "$defs:\n  a: {allOf: [{$ref: '#/$defs/b'}]}\n"
					 "  b: {anyOf: [{$ref: '#/$defs/a'}]}\n");
	assert_non_null(err);
	assert_non_null(strstr(err, "$ref loop"));
}

static void test_id_sets_the_base(void **state)
{
	struct fixture *f = *state;
	compile(f, "$id: http://example.com/root.json\n"
		   "$defs:\n  x:\n    $id: sub/x.json\n    $defs: {y: {type: integer}}\n"
		   "    $ref: '#/$defs/y'\n"
		   "properties:\n  a: {$ref: 'http://example.com/sub/x.json'}\n"
		   "  b: {$ref: 'sub/x.json#/$defs/y'}\n");
	assert_valid(f, "a: 1\nb: 2\n");
	assert_one(f, "a: x\n", "type", "/a", 1, 4, "expected integer, got string");
	assert_one(f, "b: x\n", "type", "/b", 1, 4, "expected integer, got string");
	compile(f, "$id: urn:uuid:deadbeef-1234\nproperties:\n  n: {$ref: 'urn:uuid:deadbeef-1234'}\n"
		   "minProperties: 1\n");
	assert_valid(f, "n: {m: 1}\n");
	assert_one(f, "n: {}\n", "minProperties", "/n", 1, 4, "too few properties (0, minimum 1)");
}

static void test_remote_ref_refused(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "properties:\n  a: {$ref: 'https://example.com/x.json#/y'}\n",
		"2:13: cannot resolve $ref \"https://example.com/x.json#/y\" (remote references are "
		"not supported)");
	/* a relative reference under an http $id is remote too */
	assert_refused(f, "$id: http://example.com/s/\n$ref: other.json\n",
		"2:7: cannot resolve $ref \"other.json\" (remote references are not supported)");
	char want[512];
	snprintf(want, sizeof(want), "1:7: cannot resolve $ref \"#/$defs/missing\": %s has nothing "
		"at \"/$defs/missing\"", f->schema_path);
	assert_refused(f, "$ref: '#/$defs/missing'\n", want);
}

static void test_sibling_file_ref(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml",
		"$defs:\n  level:\n    type: string\n    enum: [informed, skilled]\n"
		"  levels:\n    type: array\n    items: {$ref: '#/$defs/level'}\n"
		"  back: {$ref: 't.schema.yaml#/$defs/local'}\n");
	compile(f, "$defs:\n  local: {type: integer}\n"
		   "properties:\n  level: {$ref: 'common.schema.yaml#/$defs/level'}\n"
		   "  levels: {$ref: 'common.schema.yaml#/$defs/levels'}\n"
		   "  n: {$ref: './common.schema.yaml#/$defs/back'}\n");
	assert_valid(f, "level: skilled\nlevels: [informed]\nn: 3\n");
	assert_one(f, "levels: [informed, expert]\n", "enum", "/levels/1", 1, 20,
		"\"expert\" is not one of informed, skilled");
	assert_one(f, "n: x\n", "type", "/n", 1, 4, "expected integer, got string");
}

static void test_sibling_file_errors(void **state)
{
	struct fixture *f = *state;
	const char *err = try_compile(f, "$ref: 'nothere.schema.yaml#/$defs/x'\n");
	assert_non_null(err);
	char want[256];
	snprintf(want, sizeof(want), "%s:1:7: cannot resolve $ref \"nothere.schema.yaml#/$defs/x\": ",
		f->schema_path);
	assert_memory_equal(err, want, strlen(want));
	/* a mistake inside the sibling file names that file */
	write_file(f, "bad.schema.yaml", "$defs:\n  x:\n    typ: string\n");
	err = try_compile(f, "$ref: 'bad.schema.yaml#/$defs/x'\n");
	assert_non_null(err);
	snprintf(want, sizeof(want), "%s/bad.schema.yaml:3:5: unknown keyword \"typ\"", f->dir);
	assert_string_equal(err, want);
}

/* A $ref reads only schema files beside the schema: nothing outside its folder, no symbolic
 * link, no FIFO or device, nothing huge; and the error never quotes what it refused. */
static void assert_ref_refused(struct fixture *f, const char *ref, const char *reason)
{
	char text[512];
	snprintf(text, sizeof(text), "$ref: '%s'\n", ref);
	const char *err = try_compile(f, text);
	if (!err)
		fail_msg("$ref %s was followed", ref);
	if (strstr(err, "top-secret"))
		fail_msg("the error quotes the refused file: %s", err);
	if (!strstr(err, reason))
		fail_msg("expected \"%s\" in: %s", reason, err);
}

static void test_refs_stay_in_the_folder(void **state)
{
	struct fixture *f = *state;
	char outside[64] = "/tmp/tip-schema-outside-XXXXXX";
	assert_non_null(mkdtemp(outside));
	char secret[128], ref[256];
	snprintf(secret, sizeof(secret), "%s/secret.schema.yaml", outside);
	FILE *fp = fopen(secret, "w");
	assert_non_null(fp);
	fputs("top-secret-value: 1\n", fp);
	fclose(fp);
	const char *outside_only = "only schema files in the schema's own folder";
	assert_ref_refused(f, secret, outside_only);
	snprintf(ref, sizeof(ref), "file://%s#/x", secret);
	assert_ref_refused(f, ref, outside_only);
	snprintf(ref, sizeof(ref), "..%s", secret + 4); /* "/tmp" is the parent of both */
	assert_ref_refused(f, ref, outside_only);
	assert_ref_refused(f, "/etc/passwd", outside_only);
	assert_ref_refused(f, "sub/x.schema.yaml", outside_only);
	snprintf(ref, sizeof(ref), "$id: 'file://%s/'\n$ref: secret.schema.yaml\n", outside);
	const char *err = try_compile(f, ref);
	assert_non_null(err);
	assert_null(strstr(err, "top-secret"));
	assert_non_null(strstr(err, outside_only));
	/* inside the folder: a symbolic link, a folder and an oversized file are refused too */
	char link[sizeof(f->files[0])];
	snprintf(link, sizeof(link), "%s/link.schema.yaml", f->dir);
	assert_int_equal(symlink(secret, link), 0);
	memcpy(f->files[f->file_count++], link, sizeof(link));
	assert_ref_refused(f, "link.schema.yaml", "is a symbolic link, not a regular file");
	assert_ref_refused(f, ".", outside_only);
	char folder[sizeof(f->files[0])];
	snprintf(folder, sizeof(folder), "%s/d.schema.yaml", f->dir);
	assert_int_equal(mkdir(folder, 0700), 0);
	assert_ref_refused(f, "d.schema.yaml", "is not a regular file");
	rmdir(folder);
	char *big = malloc(2 << 20);
	assert_non_null(big);
	memset(big, '#', (2 << 20) - 1);
	big[(2 << 20) - 1] = '\0';
	write_file(f, "big.schema.yaml", big);
	free(big);
	assert_ref_refused(f, "big.schema.yaml", "is larger than");
	unlink(secret);
	rmdir(outside);
}

static void test_compile_file(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml", "$defs:\n  id: {type: string, pattern: '^[a-z]+$'}\n");
	write_file(f, "course.schema.yaml",
		"$schema: https://json-schema.org/draft/2020-12/schema\ntitle: Course\n"
		"x-tip-collection: courses\ntype: object\n"
		"properties:\n  id: {$ref: 'common.schema.yaml#/$defs/id'}\n"
		"  tutor: {type: string, x-tip-personal: true}\n"
		"  email: {type: string, format: email, x-tip-personal: true}\n"
		"  venue: {type: string, x-tip-personal: false}\n");
	char path[256];
	snprintf(path, sizeof(path), "%s/course.schema.yaml", f->dir);
	assert_null(tip_schema_compile_file(&f->schema, path));
	assert_string_equal(tip_schema_title(f->schema), "Course");
	assert_string_equal(tip_schema_collection(f->schema), "courses");
	const char *const *names;
	size_t count;
	tip_schema_personal_properties(f->schema, &names, &count);
	assert_int_equal(count, 2);
	assert_string_equal(names[0], "tutor");
	assert_string_equal(names[1], "email");
	assert_valid(f, "id: abc\n");
	assert_one(f, "id: Abc\n", "pattern", "/id", 1, 5,
		"\"Abc\" does not match the pattern \"^[a-z]+$\"");
	/* a YAML mistake in the schema file is an error with its position */
	write_file(f, "dup.schema.yaml", "type: object\ntype: string\n");
	snprintf(path, sizeof(path), "%s/dup.schema.yaml", f->dir);
	tip_schema *s = NULL;
	tip_error *err = tip_schema_compile_file(&s, path);
	assert_non_null(err);
	assert_null(s);
	char want[512];
	snprintf(want, sizeof(want), "%s:2:1: ", path);
	assert_memory_equal(tip_error_message(err), want, strlen(want));
	tip_error_free(err);
	err = tip_schema_compile_file(&s, "/nonexistent/x.schema.yaml");
	assert_non_null(err);
	tip_error_free(err);
}

/* ---- findings never quote personal data ---- */

static void test_findings_hide_personal_values(void **state)
{
	struct fixture *f = *state;
	compile(f, "type: object\nproperties:\n"
		   "  name:\n    $ref: '#/$defs/name'\n    x-tip-personal: true\n"
		   "  age: {type: integer, maximum: 120, x-tip-personal: true}\n"
		   "  kind: {enum: [a, b], x-tip-personal: true}\n"
		   "  site: {type: string, format: uri, x-tip-personal: true}\n"
		   "  notes: {type: string, pattern: '^[a-z ]*$'}\n"
		   "$defs:\n  name:\n    type: string\n    maxLength: 10\n"
		   "    not: {pattern: '[0-9]'}\n    format: email\n");
	static const char *const personal[] = {
		"name: Jane Secret 07700 900123\n", "age: 150\n", "kind: Jane Secret\n",
		NULL };
	for (size_t i = 0; personal[i]; i++) {
		size_t n = validate(f, personal[i]);
		assert_true(n > 0);
		for (size_t k = 0; k < n; k++) {
			const char *m = tip_diag_list_get(f->findings, k)->message;
			if (strstr(m, "Jane") || strstr(m, "150") || strstr(m, "07700") ||
			    strncmp(m, "the value of a personal field ", 30) != 0)
				fail_msg("finding %zu for %s: %s", k, personal[i], m);
		}
	}
	assert_one(f, "name: 1\n", "type", "/name", 1, 7, "expected string, got integer");
	/* nor hinted at by a choice close to it */
	assert_one(f, "kind: A\n", "enum", "/kind", 1, 7,
		"the value of a personal field is not one of a, b");
	assert_one(f, "site: www.jane-secret.org\n", "format", "/site", 1, 7,
		"the value of a personal field is not a valid URL");
	/* a contact detail in any field is not quoted either */
	assert_one(f, "notes: call 07700 900123\n", "pattern", "/notes", 1, 8,
		"the text (not quoted: it holds a phone number) does not match the pattern "
		"\"^[a-z ]*$\"");
	assert_one(f, "notes: jo@example.org\n", "pattern", "/notes", 1, 8,
		"the text (not quoted: it holds an email address) does not match the pattern "
		"\"^[a-z ]*$\"");
	assert_one(f, "notes: Plain Words\n", "pattern", "/notes", 1, 8,
		"\"Plain Words\" does not match the pattern \"^[a-z ]*$\"");
}

/* ---- what is refused at compile time ---- */

static void test_unknown_and_unsupported_keywords(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "type: object\nproperties:\n  a:\n    titel: x\n",
		"4:5: unknown keyword \"titel\"");
	assert_refused(f, "type: object\nunevaluatedProperties: false\n",
		"2:1: unsupported keyword \"unevaluatedProperties\"");
	const char *unsupported[] = { "$anchor: a", "$dynamicRef: '#a'", "$dynamicAnchor: a",
		"$vocabulary: {}", "dependencies: {}", "contentMediaType: text/html",
		"unevaluatedItems: false", "readOnly: true", NULL };
	for (size_t i = 0; unsupported[i]; i++) {
		char text[128], want[128];
		snprintf(text, sizeof(text), "%s\n", unsupported[i]);
		snprintf(want, sizeof(want), "1:1: unsupported keyword \"%.*s\"",
			(int)strcspn(unsupported[i], ":"), unsupported[i]);
		assert_refused(f, text, want);
	}
	/* found even where nothing refers to it */
	assert_refused(f, "$defs:\n  unused:\n    items:\n      $anchor: x\n",
		"4:7: unsupported keyword \"$anchor\"");
	/* but never inside values that are not schemas */
	compile(f, "enum: [{titel: 1}]\nconst: {$anchor: 1}\nexamples: [{foo: 1}]\ndefault: {x: 1}\n");
}

/* x-tip-titles: display names for the values of an enum, read back by field and value. */
static void test_tip_titles(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "x-tip-titles: [a]\n",
		"1:15: \"x-tip-titles\" must map each value of the enum beside it to its display "
		"name, e.g. not-assessed: Not assessed");
	assert_refused(f, "x-tip-titles: {a: A}\n",
		"1:15: \"x-tip-titles\" belongs beside an \"enum\" of text values: it gives each "
		"value's display name");
	assert_refused(f, "enum: [a, b]\nx-tip-titles: {a: A, c: C}\n",
		"2:22: \"x-tip-titles\" names \"c\", which is not a value of the enum beside it");
	assert_refused(f, "enum: [a]\nx-tip-titles: {a: 1}\n",
		"2:19: a display name in \"x-tip-titles\" must be text");
	compile(f, "properties:\n"
		   "  level: {$ref: '#/$defs/level'}\n"
		   "  phases: {type: array, items: {enum: [early-years, all-ages],\n"
		   "    x-tip-titles: {early-years: Early years}}}\n"
		   "  plain: {enum: [x]}\n"
		   "$defs:\n  level: {enum: [not-assessed, agreed], x-tip-titles: {not-assessed: "
		   "Not assessed}}\n");
	assert_string_equal(tip_schema_value_title(f->schema, "level", "not-assessed"),
		"Not assessed");
	/* a value the titles leave out, a field without titles, no such field: the value */
	assert_string_equal(tip_schema_value_title(f->schema, "level", "agreed"), "agreed");
	assert_string_equal(tip_schema_value_title(f->schema, "plain", "x"), "x");
	assert_string_equal(tip_schema_value_title(f->schema, "nothing", "y"), "y");
	assert_string_equal(tip_schema_value_title(f->schema, "phases", "early-years"),
		"Early years");
	/* titles are annotations: validation is the enum's */
	assert_valid(f, "level: agreed\n");
	assert_int_equal(validate(f, "level: Not assessed\n"), 1);
}

/* x-tip-message: a subschema's findings become one, in the schema writer's words. */
static void test_tip_message(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "x-tip-message: 3\n",
		"1:16: \"x-tip-message\" must be text: what to tell the user when a value does "
		"not fit this part of the schema");
	assert_refused(f, "x-tip-message: ''\n",
		"1:16: \"x-tip-message\" must be text: what to tell the user when a value does "
		"not fit this part of the schema");
	/* an if/then rule: at the place the then part failed, with its keyword */
	compile(f, "properties:\n  status: {enum: [planned, done]}\n  completed: {type: string}\n"
		   "allOf:\n  - if: {required: [status], properties: {status: {const: done}}}\n"
		   "    then: {required: [completed]}\n"
		   "    x-tip-message: a done action needs the date it was completed\n");
	assert_valid(f, "status: planned\n");
	assert_valid(f, "status: done\ncompleted: '2026-01-01'\n");
	assert_one(f, "status: done\n", "required", "", 1, 1,
		"a done action needs the date it was completed");
	/* the rule's own message leaves other findings as they were */
	assert_int_equal(validate(f, "status: done\ncompleted: 1\n"), 1);
	assert_finding(f, 0, "type", "/completed", 2, 12, "expected string, got integer");
	/* a dependentSchemas rule: at the field that breaks it */
	compile(f, "dependentSchemas:\n  level:\n    properties:\n"
		   "      level_status: {enum: [agreed, proposed]}\n"
		   "    x-tip-message: a course with a level has its level agreed or proposed\n");
	assert_one(f, "level: skilled\nlevel_status: not-assessed\n", "enum", "/level_status", 2,
		15, "a course with a level has its level agreed or proposed");
	/* not */
	compile(f, "not: {pattern: '@'}\nx-tip-message: notes must not hold an email address\n");
	assert_one(f, "jo@example.org\n", "not", "", 1, 1, "notes must not hold an email address");
	/* several findings become one, at the first */
	compile(f, "properties:\n  when:\n    type: object\n    required: [date, time]\n"
		   "    x-tip-message: when needs a date and a time\n");
	assert_one(f, "when: {}\n", "required", "/when", 1, 7, "when needs a date and a time");
	/* the outermost message wins */
	compile(f, "properties:\n  a:\n    minimum: 2\n    x-tip-message: inner\n"
		   "x-tip-message: outer\n");
	assert_one(f, "a: 1\n", "minimum", "/a", 1, 4, "outer");
	/* where failures are no findings (an alternative of anyOf), nor is the message */
	compile(f, "anyOf:\n  - {type: integer, x-tip-message: m1}\n  - {type: boolean}\n");
	assert_one(f, "x\n", "anyOf", "", 1, 1, "does not match any of the 2 alternatives");
	/* ... unless that alternative is the one that says what is wrong */
	compile(f, "anyOf:\n  - {type: boolean}\n  - {type: string, format: date, "
		   "x-tip-message: 'done is true, false or a date'}\n");
	assert_one(f, "soon\n", "format", "", 1, 1, "done is true, false or a date");
	/* a $ref target checked once: the message still stands wherever it applies */
	compile(f, "$defs:\n  n: {minimum: 2}\nallOf:\n  - {$ref: '#/$defs/n', x-tip-message: m1}\n"
		   "  - {$ref: '#/$defs/n'}\n");
	assert_int_equal(validate(f, "1\n"), 2);
	assert_finding(f, 0, "minimum", "", 1, 1, "m1");
	assert_finding(f, 1, "minimum", "", 1, 1, "1 is less than the minimum 2");
	compile(f, "$defs:\n  n: {minimum: 2}\nallOf:\n  - {$ref: '#/$defs/n'}\n"
		   "  - {$ref: '#/$defs/n', x-tip-message: m1}\n");
	assert_int_equal(validate(f, "1\n"), 2);
	assert_finding(f, 0, "minimum", "", 1, 1, "1 is less than the minimum 2");
	assert_finding(f, 1, "x-tip-message", "", 1, 1, "m1");
	/* what could not be checked is said as it is, never replaced */
	compile(f, "x-tip-message: m\nproperties: {a: {type: string}, b: {type: string}}\n");
	size_t steps = 0;
	assert_int_equal(validate_counting(f, "a: x\nb: y\n", 2, &steps), 1);
	assert_finding(f, 0, "schema", "", 1, 1,
		"could not be checked: the schema needs too much work for this value (more than 2 "
		"steps)");
}

static void test_extensions(void **state)
{
	struct fixture *f = *state;
	compile(f, "x-editor-hint: {anything: [goes]}\ntype: string\n");
	assert_valid(f, "s\n");
	assert_refused(f, "x-tip-refs: course\n",
		"1:1: unknown tip keyword \"x-tip-refs\" (tip has x-tip-ref, x-tip-personal, "
		"x-tip-message, x-tip-titles and x-tip-collection)");
	assert_refused(f, "properties:\n  a: {x-tip-collection: as}\n",
		"2:7: \"x-tip-collection\" belongs at the root of a record schema");
	assert_refused(f, "x-tip-personal: yes\n", "1:17: \"x-tip-personal\" must be true or false");
	/* x-tip-personal is honoured on top-level fields only: anywhere else it is refused */
	static const char nested[] = ": \"x-tip-personal\" is only honoured on a top-level field "
		"of the record (or a schema such a field takes in through $ref or allOf), not inside "
		"a list's items or an object: make the personal data a field of its own";
	char want[512];
	snprintf(want, sizeof(want), "5:50%s", nested);
	assert_refused(f, "type: object\nproperties:\n  people:\n    type: array\n"
			  "    items: {properties: {pname: {x-tip-personal: true}}}\n", want);
	snprintf(want, sizeof(want), "3:42%s", nested);
	assert_refused(f, "properties:\n  meta:\n    properties: {phone: {x-tip-personal: true}}\n",
		want);
	snprintf(want, sizeof(want), "4:23%s", nested);
	assert_refused(f, "properties:\n  people: {items: {$ref: '#/$defs/p'}}\n$defs:\n"
			  "  p: {x-tip-personal: true}\n", want);
	snprintf(want, sizeof(want), "1:17%s", nested);
	assert_refused(f, "x-tip-personal: true\n", want);
	compile(f, "properties:\n  name: {$ref: '#/$defs/p'}\n$defs:\n  p: {x-tip-personal: true}\n");
	const char *const *names;
	size_t count;
	tip_schema_personal_properties(f->schema, &names, &count);
	assert_int_equal(count, 1);
	assert_string_equal(names[0], "name");
	assert_refused(f, "type: integer\nx-tip-ref: course\n",
		"2:12: \"x-tip-ref\" belongs on a string schema (for a list of ids, on its items)");
	assert_refused(f, "type: array\nx-tip-ref: course\n",
		"2:12: \"x-tip-ref\" belongs on a string schema (for a list of ids, on its items)");
}

/* A pattern that backtracks past PCRE2's limit gives no verdict either way: a finding of its
 * own, which no anyOf, oneOf, not, if, contains or propertyNames may swallow. */
static void test_costly_pattern_is_a_finding(void **state)
{
	struct fixture *f = *state;
	const char *costly = "could not be checked: the pattern \"(a|a)+b|x\" needs too much "
			     "backtracking";
	char value[64];
	snprintf(value, sizeof(value), "%.40sx\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	const char *const schemas[] = {
		"pattern: '(a|a)+b|x'\n",
		"not: {pattern: '(a|a)+b|x'}\n",
		"anyOf: [{pattern: '(a|a)+b|x'}, {type: integer}]\n",
		"anyOf: [{type: integer}, {pattern: '(a|a)+b|x', maxLength: 100}]\n",
		"oneOf: [{pattern: '(a|a)+b|x'}, {type: string}]\n",
		"if: {pattern: '(a|a)+b|x'}\nthen: false\n",
	};
	for (size_t i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
		compile(f, schemas[i]);
		size_t n = validate(f, value);
		if (n != 1)
			fail_msg("%s: %zu findings, expected one", schemas[i], n);
		assert_finding(f, 0, "pattern", "", 1, 1, costly);
	}
	char doc[128];
	compile(f, "items: {contains: {pattern: '(a|a)+b|x'}}\n");
	snprintf(doc, sizeof(doc), "- [%.*s]\n", 41, value);
	assert_int_equal(validate(f, doc), 1);
	assert_finding(f, 0, "pattern", "/0/0", 1, 4, costly);
	compile(f, "patternProperties: {'(a|a)+b|x': {type: integer}}\nadditionalProperties: false\n");
	snprintf(doc, sizeof(doc), "%.41s: 1\n", value);
	assert_int_equal(validate(f, doc), 1);
	char key[64];
	snprintf(key, sizeof(key), "/%.41s", value);
	assert_finding(f, 0, "patternProperties", key, 1, 1, costly);
	compile(f, "propertyNames: {pattern: '(a|a)+b|x'}\n");
	assert_int_equal(validate(f, doc), 1);
	assert_finding(f, 0, "pattern", key, 1, 1, costly);
}

static void test_bad_regex_refused(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "pattern: 'a(b'\n",
		"1:10: invalid regular expression \"a(b\": missing closing parenthesis at offset 3");
	const char *err = try_compile(f, "patternProperties:\n  '[z-a]': {}\n");
	assert_non_null(err);
	assert_non_null(strstr(err, ":2:3: invalid regular expression \"[z-a]\": "));
	assert_non_null(strstr(err, "at offset"));
}

/* A pattern's matching work counts towards the budget: twenty values that each take PCRE2 to
 * its limit are not twenty times its limit's work when the budget is smaller. */
static void test_costly_patterns_share_the_budget(void **state)
{
	struct fixture *f = *state;
	compile(f, "items: {pattern: '(a|a)+b|x'}\n");
	char doc[2048] = "[";
	for (size_t i = 0; i < 20; i++)
		snprintf(doc + strlen(doc), sizeof(doc) - strlen(doc), "%s%.40sx", i ? ", " : "",
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	strcat(doc, "]\n");
	size_t steps = 0;
	size_t n = validate_counting(f, doc, 5000000, &steps);
	assert_true(n < 20);
	assert_true(steps <= 5000000);
	const tip_finding *last = tip_diag_list_get(f->findings, n - 1);
	assert_string_equal(last->keyword, "schema");
	assert_finding(f, 0, "pattern", "/0", 1, 2,
		"could not be checked: the pattern \"(a|a)+b|x\" needs too much backtracking");
}

static void test_formats_refused_unless_supported(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "format: hostname\n",
		"1:9: unsupported format \"hostname\" (tip checks date, date-time, email and uri)");
	compile(f, "format: date-time\n");
	assert_refused(f, "$schema: http://json-schema.org/draft-07/schema#\n",
		"1:10: unsupported $schema \"http://json-schema.org/draft-07/schema#\" (tip reads "
		"JSON Schema 2020-12: https://json-schema.org/draft/2020-12/schema)");
}

static void test_bad_keyword_values_refused(void **state)
{
	struct fixture *f = *state;
	assert_refused(f, "minLength: -1\n", "1:12: \"minLength\" must be a non-negative integer");
	assert_refused(f, "maxItems: 1.5\n", "1:11: \"maxItems\" must be a non-negative integer");
	assert_refused(f, "items: [{}, {}]\n",
		"1:8: \"items\" must be a schema; a list of schemas is \"prefixItems\" in 2020-12");
	assert_refused(f, "type: strin\n",
		"1:7: unknown type \"strin\" (expected null, boolean, integer, number, string, "
		"array or object)");
	assert_refused(f, "required: [a, a]\n", "1:15: \"required\" lists \"a\" twice");
	assert_refused(f, "multipleOf: 0\n", "1:13: \"multipleOf\" must be greater than 0");
	assert_refused(f, "anyOf: []\n", "1:8: \"anyOf\" must be a non-empty list of schemas");
	assert_refused(f, "not: 3\n", "1:6: a schema must be a mapping or true or false, not integer");
	assert_refused(f, "minLength: 3\nmaxLength: 2\n", "1:12: \"minLength\" is greater than \"maxLength\"");
}

/* ---- formats ---- */

static void test_format_findings(void **state)
{
	struct fixture *f = *state;
	compile(f, "properties:\n  d: {format: date}\n  t: {format: date-time}\n"
		   "  e: {format: email}\n  u: {format: uri}\n");
	assert_valid(f, "d: '2024-02-29'\nt: 2024-02-29T23:59:60Z\ne: a.b@example.org\n"
			"u: https://example.org/a?b#c\n");
	assert_valid(f, "d: 20240229\n"); /* not a string: not checked */
	assert_one(f, "d: 2021-02-30\n", "format", "/d", 1, 4, "\"2021-02-30\" is not a valid date");
	assert_one(f, "t: 2021-02-01 10:00Z\n", "format", "/t", 1, 4,
		"\"2021-02-01 10:00Z\" is not a valid date-time");
	assert_one(f, "e: a..b@example.org\n", "format", "/e", 1, 4,
		"the text (not quoted: it holds an email address) is not a valid email address");
	assert_one(f, "u: /relative\n", "format", "/u", 1, 4, "\"/relative\" is not a valid URL");
	/* a web address without its scheme: the URL it means */
	assert_one(f, "u: www.council.gov.uk/training\n", "format", "/u", 1, 4,
		"\"www.council.gov.uk/training\" is not a valid URL: did you mean "
		"https://www.council.gov.uk/training ?");
	assert_one(f, "u: council.gov.uk\n", "format", "/u", 1, 4,
		"\"council.gov.uk\" is not a valid URL: did you mean https://council.gov.uk ?");
	assert_one(f, "u: council training\n", "format", "/u", 1, 4,
		"\"council training\" is not a valid URL");
	assert_one(f, "u: www.x.org/a b\n", "format", "/u", 1, 4,
		"\"www.x.org/a b\" is not a valid URL");
}

static void test_format_checks(void **state)
{
	(void)state;
	const char *dates_ok[] = { "2020-02-29", "2000-02-29", "0001-01-01", "1999-12-31", NULL };
	const char *dates_bad[] = { "2100-02-29", "2021-02-29", "2021-04-31", "2021-13-01",
		"2021-00-10", "2021-1-01", "21-01-01", "2021-01-01T00:00:00Z", "2021/01/01", "", NULL };
	for (size_t i = 0; dates_ok[i]; i++)
		assert_true(tip_format_date(dates_ok[i], strlen(dates_ok[i])));
	for (size_t i = 0; dates_bad[i]; i++)
		assert_false(tip_format_date(dates_bad[i], strlen(dates_bad[i])));
	const char *times_ok[] = { "1985-04-12T23:20:50.52Z", "1996-12-19T16:39:57-08:00",
		"1990-12-31t15:59:60-08:00", "1937-01-01T12:00:27.87+00:20", NULL };
	const char *times_bad[] = { "1990-12-31T23:59:60+01:00", "1985-04-12T23:20:50",
		"1985-04-12T24:00:00Z", "1985-04-12T23:20:50.Z", "1985-04-12 23:20:50Z",
		"1985-04-12T23:20:50+0100", NULL };
	for (size_t i = 0; times_ok[i]; i++)
		assert_true(tip_format_date_time(times_ok[i], strlen(times_ok[i])));
	for (size_t i = 0; times_bad[i]; i++)
		assert_false(tip_format_date_time(times_bad[i], strlen(times_bad[i])));
	const char *emails_ok[] = { "a@b", "\"john doe\"@x.org", "x@[127.0.0.1]",
		"x@[IPv6:2001:db8::1]", "o'brien+tag@mail.example.co.uk", NULL };
	const char *emails_bad[] = { "a@", "@b", "a b@c", "a@-b.com", "a@b..com", "a@[300.1.1.1]",
		".a@b", "a.@b", NULL };
	for (size_t i = 0; emails_ok[i]; i++)
		assert_true(tip_format_email(emails_ok[i], strlen(emails_ok[i])));
	for (size_t i = 0; emails_bad[i]; i++)
		assert_false(tip_format_email(emails_bad[i], strlen(emails_bad[i])));
	const char *uris_ok[] = { "urn:isbn:0451450523", "http://[::1]:8080/", "mailto:a@b",
		"file:///etc/x", "http://a/%20b", NULL };
	const char *uris_bad[] = { "//a/b", "a b:c", "http://a/b c", "http://a/%2", "http://[::1",
		"http://a:b/", NULL };
	for (size_t i = 0; uris_ok[i]; i++)
		assert_true(tip_uri_valid(uris_ok[i], strlen(uris_ok[i])));
	for (size_t i = 0; uris_bad[i]; i++)
		assert_false(tip_uri_valid(uris_bad[i], strlen(uris_bad[i])));
}

/* ---- tip's keywords ---- */

static void test_x_tip_ref(void **state)
{
	struct fixture *f = *state;
	compile(f, "properties:\n  teaches:\n    type: string\n    x-tip-ref: definition\n"
		   "  prerequisites:\n    type: array\n    items: {type: string, x-tip-ref: course}\n"
		   "  related:\n    type: array\n    items: {x-tip-ref: course}\n");
	const char *const *types;
	size_t count;
	tip_schema_ref_types(f->schema, &types, &count);
	assert_int_equal(count, 2);
	assert_string_equal(types[0], "definition");
	assert_string_equal(types[1], "course");
	/* without ref_exists nothing is looked up */
	assert_valid(f, "teaches: wave-ace\n");
	f->with_refs = true;
	assert_valid(f, "teaches: wave\nprerequisites: [trauma-101]\nrelated: [pace-basics]\n");
	assert_one(f, "teaches: wave-ace\n", "x-tip-ref", "/teaches", 1, 10,
		"\"wave-ace\" is not an existing definition");
	assert_one(f, "prerequisites:\n  - trauma-101\n  - trauma-102\n", "x-tip-ref",
		"/prerequisites/1", 3, 5,
		"\"trauma-102\" is not an existing course: did you mean \"trauma-101\"?");
	assert_one(f, "related: [pace-basics, nope]\n", "x-tip-ref", "/related/1", 1, 24,
		"\"nope\" is not an existing course");
	/* ids with a "/" are never looked up */
	size_t calls = f->ref_calls;
	assert_one(f, "teaches: ../wave\n", "x-tip-ref", "/teaches", 1, 10,
		"\"../wave\" is not an existing definition");
	assert_int_equal(f->ref_calls, calls);
	/* a value of the wrong type is a type finding only */
	compile(f, "type: string\nx-tip-ref: course\n");
	assert_one(f, "12\n", "type", "", 1, 1, "expected string, got integer");
}

/* ---- reporting ---- */

static void test_every_finding_reported(void **state)
{
	struct fixture *f = *state;
	compile(f, "type: object\nrequired: [title, level]\nadditionalProperties: false\n"
		   "properties:\n  title: {type: string, minLength: 1}\n"
		   "  level: {enum: [informed, skilled]}\n  date: {type: string, format: date}\n"
		   "  tags: {type: array, items: {type: string}}\n");
	size_t n = validate(f, "titel: x\nlevel: levell\ndate: 2021-02-30\ntags: [a, 1, b, 2]\n");
	assert_int_equal(n, 6);
	assert_finding(f, 0, "required", "", 1, 1, "missing required property \"title\"");
	assert_finding(f, 1, "additionalProperties", "/titel", 1, 1, "unknown property \"titel\"");
	assert_finding(f, 2, "enum", "/level", 2, 8,
		"\"levell\" is not one of informed, skilled");
	assert_finding(f, 3, "format", "/date", 3, 7, "\"2021-02-30\" is not a valid date");
	assert_finding(f, 4, "type", "/tags/1", 4, 11, "expected string, got integer");
	assert_finding(f, 5, "type", "/tags/3", 4, 17, "expected string, got integer");
}

static void test_messages_quote_and_shorten(void **state)
{
	struct fixture *f = *state;
	compile(f, "const: x\n");
	assert_one(f, "'say \"hi\"\\n'\n", "const", "", 1, 1,
		"\"say \\\"hi\\\"\\\\n\" is not equal to the constant \"x\"");
	assert_one(f, "\"line\\nbreak\\u0001\"\n", "const", "", 1, 1,
		"\"line\\nbreak\\u0001\" is not equal to the constant \"x\"");
	compile(f, "maxLength: 3\n");
	assert_one(f, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
		"maxLength", "", 1, 1,
		"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" is too long (76 "
		"characters, maximum 3)");
}

static void test_no_options(void **state)
{
	struct fixture *f = *state;
	compile(f, "type: string\n");
	tip_doc *doc = load_text("1\n", "r.yaml");
	assert_int_equal(tip_schema_validate(f->schema, doc->root, NULL), 1);
	tip_validate_opts opts = { 0 };
	assert_int_equal(tip_schema_validate(f->schema, doc->root, &opts), 1);
	tip_doc_free(doc);
}

/* ---- threads ---- */

struct thread_job {
	const tip_schema *schema;
	const tip_node *good, *bad;
	size_t wrong;
};

static void *validate_many(void *arg)
{
	struct thread_job *job = arg;
	for (int i = 0; i < 2000; i++) {
		if (tip_schema_validate(job->schema, job->good, NULL) != 0)
			job->wrong++;
		if (tip_schema_validate(job->schema, job->bad, NULL) != 2)
			job->wrong++;
	}
	return NULL;
}

static void test_threads_share_a_schema(void **state)
{
	struct fixture *f = *state;
	compile(f, "patternProperties:\n  '^[a-z]+$': {type: string, pattern: '^\\w+$'}\n"
		   "additionalProperties: false\n");
	tip_doc *good = load_text("abc: word\nxyz: other\n", "g.yaml");
	tip_doc *bad = load_text("abc: two words\nX: y\n", "b.yaml");
	pthread_t threads[4];
	struct thread_job jobs[4];
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct thread_job){ f->schema, good->root, bad->root, 0 };
		assert_int_equal(pthread_create(&threads[i], NULL, validate_many, &jobs[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(threads[i], NULL), 0);
		assert_int_equal(jobs[i].wrong, 0);
	}
	tip_doc_free(good);
	tip_doc_free(bad);
}

/* ---- URI references ---- */

static void test_uri_resolution(void **state)
{
	(void)state;
	/* RFC 3986 section 5.4 */
	static const char *const cases[][2] = {
		{ "g:h", "g:h" }, { "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" }, { "/g", "http://a/g" }, { "//g", "http://g" },
		{ "?y", "http://a/b/c/d;p?y" }, { "g?y", "http://a/b/c/g?y" },
		{ "#s", "http://a/b/c/d;p?q#s" }, { "g#s", "http://a/b/c/g#s" },
		{ "", "http://a/b/c/d;p?q" }, { ".", "http://a/b/c/" }, { "..", "http://a/b/" },
		{ "../g", "http://a/b/g" }, { "../..", "http://a/" }, { "../../../g", "http://a/g" },
		{ "/./g", "http://a/g" }, { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." },
		{ "..g", "http://a/b/c/..g" }, { "./../g", "http://a/b/g" },
		{ "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" },
		{ "g;x=1/../y", "http://a/b/c/y" }, { "g?y/./x", "http://a/b/c/g?y/./x" },
		{ "g#s/../x", "http://a/b/c/g#s/../x" },
	};
	tip_arena *arena = tip_arena_new();
	assert_non_null(arena);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(tip_uri_resolve(arena, "http://a/b/c/d;p?q", cases[i][0]),
			cases[i][1]);
	assert_string_equal(tip_uri_resolve(arena, "urn:uuid:x-1", "#/$defs/a"),
		"urn:uuid:x-1#/$defs/a");
	assert_string_equal(tip_uri_resolve(arena, "file:///s/a.yaml", "b.yaml#/x"),
		"file:///s/b.yaml#/x");
	tip_arena_free(arena);
}

/* ---- looking inside a schema ---- */

static const char fields_common[] =
	"$defs:\n"
	"  text: {title: Text, description: Some text., type: string, minLength: 1}\n"
	"  id: {title: Record id, type: string, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'}\n"
	"  date: {title: Date, type: string, format: date}\n"
	"  level:\n    title: Practice level\n    description: One of four levels.\n"
	"    type: string\n    enum: [informed, skilled, enhanced, specialist]\n"
	"  sector: {type: string, enum: [education, health]}\n"
	"  sectors: {type: array, items: {$ref: '#/$defs/sector'}, minItems: 1}\n"
	"  base:\n    type: object\n    required: [owner]\n"
	"    properties:\n      owner: {type: string, x-tip-personal: true}\n";

static const char fields_course[] =
	"title: Course\ntype: object\n"
	"required: [title, audience, status]\n"
	"properties:\n"
	"  title:\n    title: Title\n    description: The course's name.\n"
	"    $ref: common.schema.yaml#/$defs/text\n    maxLength: 200\n"
	"  level:\n    $ref: common.schema.yaml#/$defs/level\n"
	"  level_status:\n    type: string\n    enum: [agreed, proposed, not-assessed]\n"
	"    default: not-assessed\n"
	"  audience:\n    title: Audience\n    $ref: common.schema.yaml#/$defs/sectors\n"
	"  status: {type: string, enum: [available, retired]}\n"
	"  duration: {type: integer, minimum: 1}\n"
	"  teaches:\n    type: array\n"
	"    items:\n      description: The id of a definition.\n"
	"      $ref: common.schema.yaml#/$defs/id\n      x-tip-ref: definition\n"
	"  lead: {type: string, x-tip-ref: champion}\n"
	"  sessions:\n    type: array\n"
	"    items:\n      type: object\n      required: [date, attendees]\n"
	"      properties:\n"
	"        date: {$ref: common.schema.yaml#/$defs/date}\n"
	"        attendees: {type: integer, minimum: 0}\n"
	"        sector: {$ref: common.schema.yaml#/$defs/sector}\n"
	"  tags: {type: [string, array]}\n"
	"  ratio: {type: number}\n  open: {type: boolean}\n  gone: {type: 'null'}\n"
	"  extra: {type: object}\n";

static const tip_field *find_field(const tip_field *fields, size_t n, const char *name)
{
	size_t i = 0;
	while (i < n && strcmp(fields[i].name, name) != 0)
		i++;
	if (i == n)
		fail_msg("no field %s", name);
	return fields + i;
}

static void test_fields_order_and_kinds(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml", fields_common);
	compile(f, fields_course);
	tip_field *fields;
	size_t n;
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	static const char *const order[] = { "title", "level", "level_status", "audience",
		"status", "duration", "teaches", "lead", "sessions", "tags", "ratio", "open", "gone",
		"extra" };
	assert_int_equal(n, sizeof(order) / sizeof(order[0]));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(fields[i].name, order[i]);
	static const tip_value_kind kinds[] = { TIP_VALUE_STRING, TIP_VALUE_STRING,
		TIP_VALUE_STRING, TIP_VALUE_ARRAY, TIP_VALUE_STRING, TIP_VALUE_INTEGER,
		TIP_VALUE_ARRAY, TIP_VALUE_STRING, TIP_VALUE_ARRAY, TIP_VALUE_ANY, TIP_VALUE_NUMBER,
		TIP_VALUE_BOOLEAN, TIP_VALUE_NULL, TIP_VALUE_OBJECT };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(fields[i].kind, kinds[i]);
	/* required from the object's list */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(fields[i].required, strcmp(order[i], "title") == 0 ||
			strcmp(order[i], "audience") == 0 || strcmp(order[i], "status") == 0);
	free(fields);
}

static void test_fields_through_ref(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml", fields_common);
	compile(f, fields_course);
	tip_field *fields;
	size_t n;
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	/* the property's own title and description beside a $ref win */
	const tip_field *title = find_field(fields, n, "title");
	assert_string_equal(title->title, "Title");
	assert_string_equal(title->description, "The course's name.");
	assert_null(title->enum_values);
	assert_null(title->items);
	/* maxLength beside a $ref (prompts offer the editor for a long text); none: SIZE_MAX */
	assert_int_equal(title->max_length, 200);
	assert_true(find_field(fields, n, "duration")->max_length == SIZE_MAX);
	/* else the target's */
	const tip_field *level = find_field(fields, n, "level");
	assert_string_equal(level->title, "Practice level");
	assert_string_equal(level->description, "One of four levels.");
	assert_int_equal(level->enum_count, 4);
	assert_string_equal(level->enum_values[0], "informed");
	assert_string_equal(level->enum_values[3], "specialist");
	const tip_field *status = find_field(fields, n, "level_status");
	assert_null(status->title);
	assert_non_null(status->default_value);
	assert_string_equal(status->default_value->str, "not-assessed");
	/* arrays: the items' kind and enum, through two $refs */
	const tip_field *audience = find_field(fields, n, "audience");
	assert_string_equal(audience->title, "Audience");
	assert_int_equal(audience->item_kind, TIP_VALUE_STRING);
	assert_int_equal(audience->item_enum_count, 2);
	assert_string_equal(audience->item_enum_values[1], "health");
	assert_non_null(audience->items);
	assert_null(audience->ref_type);
	/* x-tip-ref on the items, and on the value itself */
	const tip_field *teaches = find_field(fields, n, "teaches");
	assert_string_equal(teaches->ref_type, "definition");
	assert_int_equal(teaches->item_kind, TIP_VALUE_STRING);
	assert_null(teaches->format);
	assert_string_equal(find_field(fields, n, "lead")->ref_type, "champion");
	assert_null(find_field(fields, n, "duration")->items);
	assert_false(find_field(fields, n, "duration")->personal);
	free(fields);
}

static void test_fields_nested_and_validate(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml", fields_common);
	compile(f, fields_course);
	tip_field *fields, *inner;
	size_t n, m;
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	const tip_field *sessions = find_field(fields, n, "sessions");
	assert_int_equal(sessions->item_kind, TIP_VALUE_OBJECT);
	assert_null(tip_subschema_fields(&inner, &m, sessions->items));
	assert_int_equal(m, 3);
	assert_string_equal(inner[0].name, "date");
	assert_string_equal(inner[0].format, "date");
	assert_string_equal(inner[0].title, "Date");
	assert_true(inner[0].required);
	assert_string_equal(inner[1].name, "attendees");
	assert_true(inner[1].required);
	assert_string_equal(inner[2].name, "sector");
	assert_false(inner[2].required);
	assert_int_equal(inner[2].enum_count, 2);
	/* a part of the schema validates a value on its own */
	tip_doc *doc = load_text("2026-02-30\n", "answer");
	tip_validate_opts opts = { .file = "answer", .finding = tip_diag_list_collect,
		.finding_ctx = f->findings };
	assert_int_equal(tip_subschema_validate(inner[0].schema, doc->root, &opts), 1);
	const tip_finding *g = tip_diag_list_get(f->findings, 0);
	assert_string_equal(g->keyword, "format");
	assert_string_equal(g->path, "");
	tip_doc_free(doc);
	doc = load_text("- education\n- police\n", "answer");
	assert_int_equal(tip_subschema_validate(find_field(fields, n, "audience")->schema,
		doc->root, NULL), 1);
	tip_doc_free(doc);
	/* patterns work in a part too */
	doc = load_text("[Not-An-Id]\n", "answer");
	assert_int_equal(tip_subschema_validate(find_field(fields, n, "teaches")->schema,
		doc->root, NULL), 1);
	tip_doc_free(doc);
	/* a scalar schema has no fields */
	free(inner);
	assert_null(tip_subschema_fields(&inner, &m, find_field(fields, n, "title")->schema));
	assert_int_equal(m, 0);
	assert_null(inner);
	free(fields);
}

static void test_fields_all_of_and_ref(void **state)
{
	struct fixture *f = *state;
	write_file(f, "common.schema.yaml", fields_common);
	/* properties through $ref and allOf in the order written; the first place wins;
	 * required anywhere along the way */
	compile(f, "type: object\n"
		   "allOf:\n  - properties: {a: {type: string, title: First}}\n"
		   "  - $ref: common.schema.yaml#/$defs/base\n"
		   "  - required: [b]\n"
		   "properties:\n  b: {type: integer}\n  a: {type: integer, title: Second}\n");
	tip_field *fields;
	size_t n;
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	assert_int_equal(n, 3);
	assert_string_equal(fields[0].name, "a");
	assert_string_equal(fields[0].title, "First");
	assert_int_equal(fields[0].kind, TIP_VALUE_STRING);
	assert_false(fields[0].required);
	assert_string_equal(fields[1].name, "owner");
	assert_true(fields[1].required);
	assert_true(fields[1].personal);
	assert_string_equal(fields[2].name, "b");
	assert_true(fields[2].required);
	free(fields);
	/* a property's allOf: kind and enum from its branches; boolean schemas are fine */
	compile(f, "properties:\n  x:\n    allOf: [{type: string}, {enum: [p, q]}]\n"
		   "  y: true\n  z: {enum: [1, two]}\n");
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	assert_int_equal(n, 3);
	assert_int_equal(fields[0].kind, TIP_VALUE_STRING);
	assert_int_equal(fields[0].enum_count, 2);
	assert_int_equal(fields[1].kind, TIP_VALUE_ANY);
	assert_null(fields[2].enum_values); /* not every value is a string */
	free(fields);
	compile(f, "true\n");
	assert_null(tip_subschema_fields(&fields, &n, tip_schema_root(f->schema)));
	assert_int_equal(n, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_type),
		T(test_enum),
		T(test_const),
		T(test_required),
		T(test_properties_and_path_escapes),
		T(test_additional_properties),
		T(test_pattern_properties),
		T(test_property_names),
		T(test_min_max_properties),
		T(test_dependent_required_and_schemas),
		T(test_items_and_prefix_items),
		T(test_min_max_items),
		T(test_unique_items),
		T(test_unique_items_scale),
		T(test_contains),
		T(test_length_counts_code_points),
		T(test_pattern),
		T(test_numeric_limits),
		T(test_multiple_of),
		T(test_all_of_reports_each_branch),
		T(test_any_of),
		T(test_one_of),
		T(test_not),
		T(test_if_then_else),
		T(test_boolean_schemas),
		T(test_ref_pointers),
		T(test_recursive_ref),
		T(test_repeated_refs_are_checked_once),
		T(test_work_is_bounded),
		T(test_enum_lookups_count_as_work),
		T(test_ref_loops_refused),
		T(test_id_sets_the_base),
		T(test_remote_ref_refused),
		T(test_sibling_file_ref),
		T(test_sibling_file_errors),
		T(test_refs_stay_in_the_folder),
		T(test_compile_file),
		T(test_unknown_and_unsupported_keywords),
		T(test_extensions),
		T(test_tip_titles),
		T(test_tip_message),
		T(test_findings_hide_personal_values),
		T(test_bad_regex_refused),
		T(test_costly_pattern_is_a_finding),
		T(test_costly_patterns_share_the_budget),
		T(test_formats_refused_unless_supported),
		T(test_bad_keyword_values_refused),
		T(test_format_findings),
		T(test_format_checks),
		T(test_x_tip_ref),
		T(test_every_finding_reported),
		T(test_messages_quote_and_shorten),
		T(test_no_options),
		T(test_threads_share_a_schema),
		T(test_uri_resolution),
		T(test_fields_order_and_kinds),
		T(test_fields_through_ref),
		T(test_fields_nested_and_validate),
		T(test_fields_all_of_and_ref),
	};
#undef T
	return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
