/* Unit tests for filters and sort orders (lib/query.c): each operator on text, numbers, dates,
 * true/false and lists, what a filter refuses, and the orders records come out in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "query.h"
#include "schema.h"
#include "yaml.h"

static const char schema_text[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  level: {enum: [informed, skilled]}\n"
	"  minutes: {type: integer}\n"
	"  score: {type: number}\n"
	"  due: {type: string, format: date}\n"
	"  topics: {type: array, items: {type: string}}\n"
	"  tags: {type: array, items: {type: string, enum: [red, blue]}}\n"
	"  online: {type: boolean}\n"
	"  name: {type: string, x-tip-personal: true}\n"
	"  sessions: {type: array, items: {type: object}}\n";

static const struct { const char *id, *text; } record_texts[] = {
	{ "alpha", "title: Attachment basics\nlevel: informed\nminutes: 45\ndue: '2026-03-01'\n"
		   "topics: [trauma, attachment]\ntags: [red]\nonline: true\nname: Ann\n" },
	{ "beta", "title: beta course\nlevel: skilled\nminutes: 120\nscore: 2.5\n"
		  "due: '2025-12-31'\ntopics: [aces]\nonline: false\n" },
	{ "delta", "title: Delta\nlevel: skilled\ndue: '2026-13-01'\ntopics: []\n" },
	{ "gamma", "title: Gamma of TRAUMA\nminutes: 45.0\nscore: -1\nname: ''\n"
		   "sessions: [{date: '2026-01-01'}]\n" },
};
enum { RECORDS = sizeof(record_texts) / sizeof(record_texts[0]) };

typedef struct fixture {
	tip_doc *schema_doc;
	tip_schema *schema;
	tip_type type;
	tip_doc *docs[RECORDS];
	tip_snapshot_record records[RECORDS];
	const tip_snapshot_record *pointers[RECORDS + 1];
	tip_query *query;
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
	f->type = (tip_type){ .name = "note", .collection = "notes", .schema = f->schema };
	for (size_t i = 0; i < RECORDS; i++) {
		f->docs[i] = load(record_texts[i].text);
		f->records[i] = (tip_snapshot_record){ &f->type, record_texts[i].id, "x.yaml",
			f->docs[i]->root };
		f->pointers[i] = &f->records[i];
	}
	/* A record whose file does not load is never chosen. */
	static const tip_snapshot_record broken = { NULL, "broken", "broken.yaml", NULL };
	f->pointers[RECORDS] = &broken;
	assert_null(tip_query_new(&f->query, &f->type, false));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	tip_query_free(f->query);
	for (size_t i = 0; i < RECORDS; i++)
		tip_doc_free(f->docs[i]);
	tip_schema_free(f->schema);
	tip_doc_free(f->schema_doc);
	free(f);
	return 0;
}

/* The ids the query chooses, in order, separated by spaces. */
static char *chosen(const tip_query *query, const fixture *f)
{
	const tip_snapshot_record **out;
	size_t n;
	assert_null(tip_query_select(&out, &n, query, f->pointers, RECORDS + 1));
	tip_buf ids = TIP_BUF_INIT;
	for (size_t i = 0; i < n; i++)
		assert_null(tip_buf_addf(&ids, "%s%s", i ? " " : "", out[i]->id));
	free(out);
	char *text = strdup(tip_buf_str(&ids));
	tip_buf_dispose(&ids);
	return text;
}

/* The ids matched by the filters (NULL-terminated) and the sort spec (NULL = id). */
static void expect_ids(fixture *f, const char *const *filters, const char *sort,
	const char *expected)
{
	tip_query *q;
	assert_null(tip_query_new(&q, &f->type, false));
	for (size_t i = 0; filters[i]; i++) {
		tip_error *err = tip_query_where(q, filters[i]);
		if (err)
			fail_msg("'%s': %s", filters[i], tip_error_message(err));
	}
	if (sort)
		assert_null(tip_query_sort(q, sort));
	char *ids = chosen(q, f);
	if (strcmp(ids, expected) != 0)
		fail_msg("%s%s: expected '%s', got '%s'", filters[0] ? filters[0] : "(all)",
			filters[0] && filters[1] ? " ..." : "", expected, ids);
	free(ids);
	tip_query_free(q);
}

static void expect_where(fixture *f, const char *filter, const char *expected)
{
	const char *filters[] = { filter, NULL };
	expect_ids(f, filters, NULL, expected);
}

static void expect_refused(fixture *f, const char *filter, const char *message)
{
	tip_error *err = tip_query_where(f->query, filter);
	if (!err)
		fail_msg("'%s' should be refused", filter);
	if (!strstr(tip_error_message(err), message))
		fail_msg("'%s': expected '%s' in '%s'", filter, message, tip_error_message(err));
	tip_error_free(err);
}

/* ---- filters ---- */

static void test_no_filter_chooses_every_loaded_record_by_id(void **state)
{
	const char *none[] = { NULL };
	expect_ids(*state, none, NULL, "alpha beta delta gamma");
}

static void test_text(void **state)
{
	fixture *f = *state;
	expect_where(f, "title=Delta", "delta");
	expect_where(f, "title=delta", "");
	expect_where(f, "title!=Delta", "alpha beta gamma");
	expect_where(f, "title~TRAUMA", "gamma");
	expect_where(f, "title~a", "alpha beta delta gamma");
	expect_where(f, "title~course", "beta");
	expect_where(f, "title~Course", "beta");
	expect_where(f, "id=beta", "beta");
	expect_where(f, "id~ta", "beta delta");
	expect_where(f, "id!=beta", "alpha delta gamma");
	expect_where(f, "title=Attachment basics", "alpha");
}

static void test_enum_values(void **state)
{
	fixture *f = *state;
	expect_where(f, "level=skilled", "beta delta");
	/* A record without the field is not equal to anything. */
	expect_where(f, "level!=skilled", "alpha gamma");
}

static void test_numbers(void **state)
{
	fixture *f = *state;
	expect_where(f, "minutes=45", "alpha gamma"); /* 45.0 is 45 */
	expect_where(f, "minutes=45.0", "alpha gamma");
	expect_where(f, "minutes>45", "beta");
	expect_where(f, "minutes>=45", "alpha beta gamma");
	expect_where(f, "minutes<100", "alpha gamma");
	expect_where(f, "minutes<=45", "alpha gamma");
	expect_where(f, "score<0", "gamma");
	expect_where(f, "score>=2.5", "beta");
	expect_where(f, "score>-1e3", "beta gamma");
	expect_where(f, "minutes~12", "beta"); /* ~ reads the number as written */
}

static void test_dates(void **state)
{
	fixture *f = *state;
	expect_where(f, "due<2026-01-01", "beta");
	expect_where(f, "due<=2026-03-01", "alpha beta");
	expect_where(f, "due>2025-12-31", "alpha"); /* delta's 2026-13-01 is no date */
	expect_where(f, "due>=2025-12-31", "alpha beta");
	expect_where(f, "due=2026-03-01", "alpha");
	expect_where(f, "due~2026", "alpha delta");
}

static void test_lists_match_when_any_item_does(void **state)
{
	fixture *f = *state;
	expect_where(f, "topics=trauma", "alpha");
	expect_where(f, "topics=attachment", "alpha");
	expect_where(f, "topics~AC", "alpha beta"); /* attachment, aces */
	expect_where(f, "topics!=trauma", "beta delta gamma");
	expect_where(f, "tags=red", "alpha");
	expect_where(f, "tags!=blue", "alpha beta delta gamma");
}

static void test_true_false(void **state)
{
	fixture *f = *state;
	expect_where(f, "online=true", "alpha");
	expect_where(f, "online=false", "beta");
	expect_where(f, "online!=true", "beta delta gamma");
}

static void test_empty_value_means_absent(void **state)
{
	fixture *f = *state;
	expect_where(f, "minutes=", "delta");
	expect_where(f, "minutes!=", "alpha beta gamma");
	expect_where(f, "topics=", "delta gamma"); /* an empty list counts as none */
	expect_where(f, "due!=", "alpha beta delta");
	expect_where(f, "online=", "delta gamma");
}

static void test_several_filters_all_apply(void **state)
{
	fixture *f = *state;
	const char *both[] = { "minutes>=45", "title~a", "level!=informed", NULL };
	expect_ids(f, both, NULL, "beta gamma");
	const char *none[] = { "level=informed", "level=skilled", NULL };
	expect_ids(f, none, NULL, "");
}

static void test_personal_fields_only_when_asked(void **state)
{
	fixture *f = *state;
	expect_refused(f, "name=Ann", "'name' is personal data: add --include-personal");
	tip_query *q;
	assert_null(tip_query_new(&q, &f->type, true));
	assert_null(tip_query_where(q, "name=Ann"));
	char *ids = chosen(q, f);
	assert_string_equal(ids, "alpha");
	free(ids);
	tip_query_free(q);
}

static void test_refusals(void **state)
{
	fixture *f = *state;
	expect_refused(f, "title", "'title' is not a filter: write FIELD=VALUE");
	expect_refused(f, "=x", "'=x' is not a filter");
	expect_refused(f, "title!x", "'title!x' is not a filter");
	expect_refused(f, "", "'' is not a filter");
	expect_refused(f, "nope=1",
		"note has no field 'nope' (its fields: id, title, level, minutes, score, due, "
		"topics, tags, online, name, sessions)");
	expect_refused(f, "title<b", "'title' is not a date or a number: < compares only those");
	expect_refused(f, "topics>=a", "'topics' is not a date or a number: >= compares");
	expect_refused(f, "id>a", "'id' is not a date or a number");
	expect_refused(f, "due<2026-02-30", "'2026-02-30' is not a date: February 2026 has 28 days");
	expect_refused(f, "due=soon", "'soon' is not a date: write it like 2026-12-31");
	expect_refused(f, "due=12/31/2026", "dates are read day first");
	expect_refused(f, "due>", "a value is needed after '>'");
	expect_refused(f, "minutes>many", "'many' is not a number");
	expect_refused(f, "minutes= 4", "' 4' is not a number");
	expect_refused(f, "minutes<inf", "'inf' is not a number");
	expect_refused(f, "level=expert", "'expert' is not one of informed, skilled");
	expect_refused(f, "level=skiled", "'skiled' is not one of informed, skilled: did you mean "
					 "'skilled'?");
	expect_refused(f, "minute>5", "(its fields: id, title, level, minutes, score, due, topics, "
				      "tags, online, name, sessions): did you mean 'minutes'?");
	expect_refused(f, "tags=green", "'green' is not one of red, blue");
	expect_refused(f, "online=yes", "'yes' is not true or false");
	expect_refused(f, "sessions=x", "'sessions' holds groups of fields");
	/* Nothing refused was kept. */
	char *ids = chosen(f->query, f);
	assert_string_equal(ids, "alpha beta delta gamma");
	free(ids);
}

/* ---- sorting ---- */

static void expect_sorted(fixture *f, const char *sort, const char *expected)
{
	const char *none[] = { NULL };
	expect_ids(f, none, sort, expected);
}

static void test_sort_orders(void **state)
{
	fixture *f = *state;
	expect_sorted(f, "id", "alpha beta delta gamma");
	expect_sorted(f, "-id", "gamma delta beta alpha");
	/* Numbers by value; ties by id; records without the field last, either way. */
	expect_sorted(f, "minutes", "alpha gamma beta delta");
	expect_sorted(f, "-minutes", "beta alpha gamma delta");
	/* Text ignoring case. */
	expect_sorted(f, "title", "alpha beta delta gamma");
	expect_sorted(f, "-title", "gamma delta beta alpha");
	expect_sorted(f, "due", "beta alpha delta gamma");
	expect_sorted(f, "-due", "delta alpha beta gamma");
	expect_sorted(f, "online", "beta alpha delta gamma");
	/* Lists item by item; an empty list is none. */
	expect_sorted(f, "topics", "beta alpha delta gamma");
	expect_sorted(f, "-score", "beta gamma alpha delta");
}

static void test_sort_with_filter(void **state)
{
	const char *filters[] = { "minutes>=45", NULL };
	expect_ids(*state, filters, "-minutes", "beta alpha gamma");
}

static void test_sort_refusals(void **state)
{
	fixture *f = *state;
	const struct { const char *spec, *message; } cases[] = {
		{ "nope", "note has no field 'nope'" },
		{ "-nope", "note has no field 'nope'" },
		{ "", "note has no field ''" },
		{ "name", "'name' is personal data" },
		{ "sessions", "'sessions' holds groups of fields" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tip_error *err = tip_query_sort(f->query, cases[i].spec);
		assert_non_null(err);
		if (!strstr(tip_error_message(err), cases[i].message))
			fail_msg("sort '%s': %s", cases[i].spec, tip_error_message(err));
		tip_error_free(err);
	}
}

static void test_a_type_without_schema_is_refused(void **state)
{
	(void)state;
	tip_type type = { .name = "broken", .collection = "brokens",
		.schema_file = "schemas/broken.schema.yaml" };
	tip_query *q = (tip_query *)1;
	tip_error *err = tip_query_new(&q, &type, false);
	assert_non_null(err);
	assert_null(q);
	assert_string_equal(tip_error_message(err),
		"schemas/broken.schema.yaml does not compile: run tip validate to see why");
	tip_error_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_no_filter_chooses_every_loaded_record_by_id),
		T(test_text),
		T(test_enum_values),
		T(test_numbers),
		T(test_dates),
		T(test_lists_match_when_any_item_does),
		T(test_true_false),
		T(test_empty_value_means_absent),
		T(test_several_filters_all_apply),
		T(test_personal_fields_only_when_asked),
		T(test_refusals),
		T(test_sort_orders),
		T(test_sort_with_filter),
		T(test_sort_refusals),
#undef T
		cmocka_unit_test(test_a_type_without_schema_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
