/* Unit tests for the value syntax (lib/assign.c) against a real schema. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "schema.h"

static const char schema_text[] =
	"type: object\n"
	"required: [title]\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  code: {type: string}\n"
	"  minutes: {type: integer}\n"
	"  ratio: {type: number}\n"
	"  open: {type: boolean}\n"
	"  tags: {type: array, items: {type: string}}\n"
	"  counts: {type: array, items: {type: integer}}\n"
	"  sessions:\n"
	"    type: array\n"
	"    items:\n"
	"      type: object\n"
	"      properties:\n"
	"        date: {type: string}\n"
	"        attendees: {type: integer}\n"
	"        done: {anyOf: [{type: boolean}, {type: string}]}\n"
	"        who: {type: string}\n"
	"  notes: {type: array, items: {type: object}}\n"
	"  place: {type: object}\n"
	"  helpers: {type: array, items: {type: string}, x-tip-personal: true}\n";

/* Choices, references and a date, for values as people write them. */
static const char values_schema_text[] =
	"type: object\n"
	"properties:\n"
	"  code: {type: string}\n"
	"  open: {type: boolean}\n"
	"  level: {enum: [informed, skilled]}\n"
	"  audience: {type: array, items: {enum: [police, parents, Early Years]}}\n"
	"  due: {type: string, format: date}\n"
	"  topics: {type: array, items: {type: string, x-tip-ref: topic}}\n"
	"  cases: {enum: [Mixed, mixed, MIXED]}\n";

struct fixture {
	tip_doc *schema_doc;
	tip_schema *schema;
	tip_field *fields;
	size_t count;
	tip_doc *record;
};

static int setup_schema(void **state, const char *text)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	assert_null(tip_yaml_load(&f->schema_doc, text, strlen(text), "s.yaml", NULL));
	assert_null(tip_schema_compile_node(&f->schema, f->schema_doc->root, NULL));
	assert_null(tip_subschema_fields(&f->fields, &f->count, tip_schema_root(f->schema)));
	assert_null(tip_doc_new(&f->record, "r.yaml"));
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_schema(state, schema_text);
}

static int setup_values(void **state)
{
	return setup_schema(state, values_schema_text);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tip_doc_free(f->record);
	free(f->fields);
	tip_schema_free(f->schema);
	tip_doc_free(f->schema_doc);
	free(f);
	return 0;
}

/* Applies text; returns the error message, else its notes when want_notes, else NULL. What is
 * returned is kept until the next call. */
static const char *assign_text(struct fixture *f, const char *text, bool want_notes)
{
	static char out[512];
	tip_assignment a;
	tip_error *err = tip_assignment_parse(&a, text);
	if (!err)
		err = tip_assign(f->record, f->fields, f->count, &a);
	snprintf(out, sizeof(out), "%s", err ? tip_error_message(err) : tip_buf_str(&a.notes));
	bool failed = err != NULL;
	tip_assignment_dispose(&a);
	tip_error_free(err);
	return failed || want_notes ? out : NULL;
}

/* Applies text; returns the error message or NULL. */
static const char *apply(struct fixture *f, const char *text)
{
	return assign_text(f, text, false);
}

static const tip_node *get(struct fixture *f, const char *key)
{
	return tip_node_get(f->record->root, key);
}

/* Applies text; returns its notes, or the error message. */
static const char *notes_of(struct fixture *f, const char *text)
{
	return assign_text(f, text, true);
}

static void test_values_as_people_write_them(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, "level=Skilled"));
	assert_string_equal(get(f, "level")->str, "skilled");
	assert_null(apply(f, "audience=POLICE,early years"));
	assert_null(apply(f, "audience+=Parents"));
	const tip_node *audience = get(f, "audience");
	assert_int_equal(audience->count, 3);
	assert_string_equal(audience->items[0]->str, "police");
	assert_string_equal(audience->items[1]->str, "Early Years");
	assert_string_equal(audience->items[2]->str, "parents");
	assert_null(apply(f, "audience-=Police"));
	assert_int_equal(get(f, "audience")->count, 2);
	assert_null(apply(f, "topics=ACEs,Café"));
	assert_string_equal(get(f, "topics")->items[0]->str, "aces");
	assert_string_equal(get(f, "topics")->items[1]->str, "cafe");
	assert_null(apply(f, "open=TRUE"));
	assert_true(get(f, "open")->boolean);
	assert_null(apply(f, "code=Skilled"));
	assert_string_equal(get(f, "code")->str, "Skilled"); /* text stays as written */
	assert_null(apply(f, "cases=Mixed"));
	assert_string_equal(get(f, "cases")->str, "Mixed");
	assert_null(apply(f, "cases=mIxEd")); /* several choices fold the same: as written */
	assert_string_equal(get(f, "cases")->str, "mIxEd");
	assert_null(apply(f, "level=expert")); /* left to the schema's check */
	assert_string_equal(get(f, "level")->str, "expert");
}

static void test_dates_as_people_write_them(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(notes_of(f, "due=1/3/2026"), "read 1/3/2026 as 1 March 2026 (2026-03-01)\n");
	assert_string_equal(get(f, "due")->str, "2026-03-01");
	assert_string_equal(notes_of(f, "due=2026-12-31"), "");
	assert_string_equal(get(f, "due")->str, "2026-12-31");
	assert_string_equal(notes_of(f, "due=31/06/2026"),
		"due: '31/06/2026' is not a date: June 2026 has 30 days");
	assert_string_equal(get(f, "due")->str, "2026-12-31");
	assert_string_equal(notes_of(f, "code=1/3/2026"), ""); /* not a date field */
	assert_string_equal(get(f, "code")->str, "1/3/2026");
}

static void test_parse_forms(void **state)
{
	(void)state;
	tip_assignment a;
	assert_null(tip_assignment_parse(&a, "tags+=x,y"));
	assert_string_equal(a.field, "tags");
	assert_string_equal(a.value, "x,y");
	assert_int_equal(a.op, TIP_ASSIGN_APPEND);
	tip_assignment_dispose(&a);
	assert_null(tip_assignment_parse(&a, "tags-=x"));
	assert_int_equal(a.op, TIP_ASSIGN_REMOVE);
	tip_assignment_dispose(&a);
	assert_null(tip_assignment_parse(&a, "note=a=b"));
	assert_string_equal(a.field, "note");
	assert_string_equal(a.value, "a=b");
	tip_assignment_dispose(&a);
	const char *bad[] = { "title", "=x", "+=x", NULL };
	for (size_t i = 0; bad[i]; i++) {
		tip_error *err = tip_assignment_parse(&a, bad[i]);
		assert_non_null(err);
		tip_error_free(err);
	}
}

static void test_text_stays_text(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, "code=12"));
	assert_int_equal(get(f, "code")->type, TIP_NODE_STR);
	assert_null(apply(f, "title=true"));
	assert_int_equal(get(f, "title")->type, TIP_NODE_STR);
	assert_string_equal(get(f, "title")->str, "true");
}

static void test_numbers_and_booleans_where_the_schema_says(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, "minutes=90"));
	assert_int_equal(get(f, "minutes")->type, TIP_NODE_INT);
	assert_int_equal(get(f, "minutes")->integer, 90);
	assert_null(apply(f, "ratio=0.5"));
	assert_int_equal(get(f, "ratio")->type, TIP_NODE_FLOAT);
	assert_null(apply(f, "open=false"));
	assert_int_equal(get(f, "open")->type, TIP_NODE_BOOL);
	assert_false(get(f, "open")->boolean);
	assert_string_equal(apply(f, "minutes=ninety"), "minutes: 'ninety' is not a whole number");
	assert_string_equal(apply(f, "minutes=1.5"), "minutes: '1.5' is not a whole number");
	assert_string_equal(apply(f, "ratio=x"), "ratio: 'x' is not a number");
	assert_string_equal(apply(f, "open=yes"), "open: 'yes' is not true or false");
}

static void test_lists(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, "tags=a, b ,c\\,d"));
	const tip_node *tags = get(f, "tags");
	assert_int_equal(tags->count, 3);
	assert_string_equal(tags->items[0]->str, "a");
	assert_string_equal(tags->items[1]->str, "b");
	assert_string_equal(tags->items[2]->str, "c,d");
	assert_null(apply(f, "tags+=e,f"));
	assert_int_equal(get(f, "tags")->count, 5);
	assert_null(apply(f, "tags-=b"));
	assert_int_equal(get(f, "tags")->count, 4);
	assert_string_equal(apply(f, "tags-=zzz"), "tags has no item 'zzz'");
	assert_null(apply(f, "tags+=attachment"));
	assert_string_equal(apply(f, "tags-=atachment"),
		"tags has no item 'atachment': did you mean 'attachment'?");
	/* the items of a personal field are never shown */
	assert_null(apply(f, "helpers=Ann Smith"));
	assert_string_equal(apply(f, "helpers-=Ann Smyth"), "helpers has no item 'Ann Smyth'");
	assert_null(apply(f, "counts=1,2"));
	assert_int_equal(get(f, "counts")->items[1]->type, TIP_NODE_INT);
	assert_string_equal(apply(f, "counts+=x"), "counts: 'x' is not a whole number");
	assert_null(apply(f, "tags="));
	assert_null(get(f, "tags"));
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(apply(f, "titel=x"),
		"there is no field 'titel' (fields: title, code, minutes, ratio, open, tags, "
		"counts, sessions, notes, place, helpers): did you mean 'title'?");
	assert_string_equal(apply(f, "title="), "title is required: it cannot be removed");
	assert_string_equal(apply(f, "title+=x"), "title is not a list: use title=VALUE");
	assert_string_equal(apply(f, "place=x"),
		"place is a group of fields: set it with --file or tip edit");
	assert_string_equal(apply(f, "sessions=x"), "sessions: 'x' is not KEY=VALUE");
	assert_null(apply(f, "code=x"));
	assert_null(apply(f, "code="));
	assert_null(get(f, "code"));
}

/* An item of a list of groups of fields: pairs or a flow mapping, each value read by the
 * item's schema; removal by the fields given, which must pick one item. */
static void test_object_items(void **state)
{
	struct fixture *f = *state;
	assert_null(apply(f, "sessions+=date=2026-01-02, attendees=18,done=true"));
	const tip_node *item = get(f, "sessions")->items[0];
	assert_int_equal(tip_node_get(item, "attendees")->type, TIP_NODE_INT);
	assert_int_equal(tip_node_get(item, "done")->type, TIP_NODE_BOOL);
	assert_string_equal(tip_node_get(item, "date")->str, "2026-01-02");
	assert_null(apply(f, "sessions+={date: 2026-01-02, attendees: '4', who: Jo}"));
	assert_int_equal(tip_node_get(get(f, "sessions")->items[1], "attendees")->integer, 4);
	assert_null(apply(f, "sessions+=date=\"a, b\",who='x=y',done=c\\,d"));
	item = get(f, "sessions")->items[2];
	assert_string_equal(tip_node_get(item, "date")->str, "a, b");
	assert_string_equal(tip_node_get(item, "who")->str, "x=y");
	assert_string_equal(tip_node_get(item, "done")->str, "c,d");
	assert_null(apply(f, "sessions+=date=the city's, who=\"Jo's\""));
	item = get(f, "sessions")->items[3];
	assert_string_equal(tip_node_get(item, "date")->str, "the city's");
	assert_string_equal(tip_node_get(item, "who")->str, "Jo's");
	assert_null(apply(f, "sessions-=date=the city's"));
	assert_string_equal(apply(f, "sessions+=date=\"a"),
		"sessions: a quotation mark (\") is not closed");
	assert_string_equal(apply(f, "sessions+=date=1,date=2"), "sessions: date is given twice");
	assert_string_equal(apply(f, "sessions+=attendees=x"),
		"sessions: attendees: 'x' is not a whole number");
	assert_string_equal(apply(f, "sessions+="),
		"sessions: give the item as KEY=VALUE,KEY=VALUE or {KEY: VALUE, ...}");
	assert_string_equal(apply(f, "sessions-=date=2026-01-02"),
		"sessions: 2 items match date=2026-01-02: {date: 2026-01-02, attendees: 18, "
		"done: true}, {date: 2026-01-02, attendees: 4, who: Jo}: give more fields "
		"to pick one");
	assert_string_equal(apply(f, "sessions-=attendees=5"),
		"sessions: no item matches attendees=5");
	assert_null(apply(f, "sessions-=date=2026-01-02,attendees=4"));
	assert_int_equal(get(f, "sessions")->count, 2);
	assert_string_equal(apply(f, "sessions=date=x"), "sessions: it has 2 items, which this "
		"would replace: add one with sessions+=KEY=VALUE,..., remove one with "
		"sessions-=KEY=VALUE");
	assert_null(apply(f, "notes+=any=thing,n=3"));
	assert_int_equal(tip_node_get(get(f, "notes")->items[0], "n")->type, TIP_NODE_INT);
}

/* The value becomes a number only when the YAML reader would read it back as one: strtoll and
 * strtod alone take leading white space and hexadecimal floats, which would be written as text. */
static void test_numbers_as_yaml_reads_them(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(apply(f, "minutes=\t5"), "minutes: '\t5' is not a whole number");
	assert_string_equal(apply(f, "minutes=\r5"), "minutes: '\r5' is not a whole number");
	assert_string_equal(apply(f, "ratio=0x1p3"), "ratio: '0x1p3' is not a number");
	assert_string_equal(apply(f, "ratio=\v.5"), "ratio: '\v.5' is not a number");
	assert_string_equal(apply(f, "counts=1,\f2"), "counts: '\f2' is not a whole number");
	assert_null(get(f, "minutes"));
	assert_null(apply(f, "minutes=+5"));
	assert_int_equal(get(f, "minutes")->type, TIP_NODE_INT);
	assert_null(apply(f, "ratio=0x10"));
	assert_int_equal(get(f, "ratio")->type, TIP_NODE_FLOAT);
}

/* Text that is not UTF-8 cannot be written into a record: refused here, naming the field. */
static void test_text_not_utf8(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(apply(f, "title=caf\xe9"), "title: the value is not valid UTF-8");
	assert_string_equal(apply(f, "tags=a,\xc0\xaf"), "tags: the value is not valid UTF-8");
	assert_string_equal(apply(f, "code=\xed\xa0\x80"), "code: the value is not valid UTF-8");
	assert_string_equal(apply(f, "code=\xf4\x90\x80\x80"),
		"code: the value is not valid UTF-8");
	assert_null(get(f, "title"));
	assert_null(apply(f, "title=caf\xc3\xa9 \xf0\x9f\x98\x80"));
	assert_string_equal(get(f, "title")->str, "caf\xc3\xa9 \xf0\x9f\x98\x80");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test_setup_teardown(test_values_as_people_write_them, setup_values,
			teardown),
		cmocka_unit_test_setup_teardown(test_dates_as_people_write_them, setup_values,
			teardown),
		cmocka_unit_test_setup_teardown(test_text_stays_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_and_booleans_where_the_schema_says,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_object_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_as_yaml_reads_them, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_not_utf8, setup, teardown),
	};
	return cmocka_run_group_tests_name("assign", tests, NULL, NULL);
}
