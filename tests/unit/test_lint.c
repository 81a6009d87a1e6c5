/* Unit tests for tip lint's checks (lib/lint.c): the vocabulary and how its terms are found in
 * text, places inside every kind of scalar, the glossary's integrity, contact details, what a
 * record's schema leaves out, and dates that have passed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "lint.h"
#include "schema.h"
#include "yaml.h"

enum { MAX_DOCS = 8 };

/* Documents loaded for one test, and what they make. */
struct fixture {
	tip_doc *docs[MAX_DOCS];
	const char *files[MAX_DOCS];
	const tip_node *roots[MAX_DOCS];
	size_t count;
	tip_lint_vocab *vocab;
	tip_schema *schema;
	tip_diag_list *findings;
	tip_buf rendered;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	assert_null(tip_diag_list_new(&f->findings));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	tip_lint_vocab_free(f->vocab);
	tip_schema_free(f->schema);
	for (size_t i = 0; i < f->count; i++)
		tip_doc_free(f->docs[i]);
	tip_diag_list_free(f->findings);
	tip_buf_dispose(&f->rendered);
	free(f);
	return 0;
}

static const tip_node *load(struct fixture *f, const char *file, const char *text)
{
	assert_true(f->count < MAX_DOCS);
	tip_doc **doc = &f->docs[f->count];
	assert_null(tip_yaml_load(doc, text, strlen(text), file, NULL));
	assert_non_null(*doc);
	f->files[f->count] = file;
	f->roots[f->count] = (*doc)->root;
	return f->roots[f->count++];
}

/* The vocabulary of every document loaded so far. */
static void build(struct fixture *f)
{
	assert_null(tip_lint_vocab_build(&f->vocab, f->files, f->roots, f->count));
}

static const char *rendered(struct fixture *f)
{
	tip_diag_list_sort(f->findings);
	tip_buf_reset(&f->rendered);
	assert_null(tip_diag_list_render(&f->rendered, f->findings, TIP_DIAG_TEXT));
	return tip_buf_str(&f->rendered);
}

static const char ebsa[] =
	"term: Emotionally based school absence\n"
	"alt_labels: [EBSA, emotionally based school avoidance]\n"
	"hidden_labels: [emotionally-based school absence]\n"
	"avoid:\n"
	"  - term: school  refusal\n"
	"  - term: school phobia\n"
	"    use_instead: EBSA\n";

static const char cla[] =
	"term: Children looked after\n"
	"alt_labels: [CLA]\n"
	"avoid: [{term: LAC, use_instead: CLA}]\n";

/* The hits in text, one a line: "start-end role label -> replacement". */
static const char *hits(struct fixture *f, const char *text)
{
	tip_buf_reset(&f->rendered);
	size_t from = 0;
	tip_lint_hit hit;
	while (tip_lint_vocab_next(f->vocab, text, strlen(text), &from, &hit))
		assert_null(tip_buf_addf(&f->rendered, "%zu-%zu %s %s -> %s\n", hit.start, hit.end,
			hit.role == TIP_LINT_AVOID ? "avoid" : "hidden", hit.label,
			hit.replacement ? hit.replacement : "(none)"));
	return tip_buf_str(&f->rendered);
}

struct hit_case {
	const char *text, *hits;
};

#define check_hits(f, cases) check_hit_cases(f, cases, sizeof(cases) / sizeof(cases[0]))

static void check_hit_cases(struct fixture *f, const struct hit_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(hits(f, cases[i].text), cases[i].hits) != 0)
			fail_msg("in '%s': '%s', expected '%s'", cases[i].text,
				tip_buf_str(&f->rendered), cases[i].hits);
}

#define SCHOOL_REFUSAL "avoid school  refusal -> Emotionally based school absence\n"

static void test_whole_words_in_any_case(void **state)
{
	static const struct hit_case cases[] = {
		{ "It was School Refusal then.", "7-21 " SCHOOL_REFUSAL },
		{ "LAC, lac and Lac-related",
			"0-3 avoid LAC -> CLA\n5-8 avoid LAC -> CLA\n13-16 avoid LAC -> CLA\n" },
		{ "school phobia", "0-13 avoid school phobia -> EBSA\n" },
		/* no part of a word, no other form of it, no hyphen for a space */
		{ "LACK, BLAC, LAC2, LAC_X, caf\xc3\xa9LAC, LAC\xc3\xa9", "" },
		{ "preschool refusal, school refusals, school-refusal", "" },
		/* letters beyond ASCII are part of a word; dashes, quotation marks, spaces not */
		{ "caf\xc3\xa9 LAC", "6-9 avoid LAC -> CLA\n" },
		{ "a\xe2\x80\x94LAC\xe2\x80\xa6 \xc2\xabLAC\xc2\xa0team",
			"4-7 avoid LAC -> CLA\n13-16 avoid LAC -> CLA\n" },
	};
	struct fixture *f = *state;
	load(f, "definitions/ebsa.yaml", ebsa);
	load(f, "definitions/cla.yaml", cla);
	build(f);
	check_hits(f, cases);
}

static void test_spaces_match_any_whitespace(void **state)
{
	static const struct hit_case cases[] = {
		{ "school\n    refusal", "0-18 " SCHOOL_REFUSAL },
		{ "a school \t\r\n refusal", "2-20 " SCHOOL_REFUSAL },
		{ "school\xc2\xa0refusal", "0-15 " SCHOOL_REFUSAL },
		{ "schoolrefusal", "" },
	};
	struct fixture *f = *state;
	load(f, "definitions/ebsa.yaml", ebsa);
	build(f);
	check_hits(f, cases);
}

static void test_quoted_terms_are_mentions(void **state)
{
	static const struct hit_case cases[] = {
		{ "say \"school refusal\" no more", "" },
		{ "not 'school refusal', but", "" },
		{ "\xe2\x80\x98school refusal\xe2\x80\x99", "" },
		{ "\xe2\x80\x9cschool phobia,\xe2\x80\x9d she said", "" },
		{ "(\"school\nrefusal\")", "" },
		/* marks that do not pair up, an apostrophe, or a longer quotation are no mention */
		{ "\"school phobia", "1-14 avoid school phobia -> EBSA\n" },
		{ "\xe2\x80\x98school refusal", "3-17 " SCHOOL_REFUSAL },
		{ "\"school phobia\xe2\x80\x9d", "1-14 avoid school phobia -> EBSA\n" },
		{ "pupils'school phobia'", "7-20 avoid school phobia -> EBSA\n" },
		{ "\"so-called school phobia\"", "11-24 avoid school phobia -> EBSA\n" },
	};
	struct fixture *f = *state;
	load(f, "definitions/ebsa.yaml", ebsa);
	build(f);
	check_hits(f, cases);
}

static void test_longest_label_wins(void **state)
{
	static const struct hit_case cases[] = {
		{ "through the Challenging Behaviour\n  Consultation process", "" },
		{ "challenging behaviour in class",
			"0-21 avoid challenging behaviour -> Distressed behaviour\n" },
		/* ACE is alternative and hidden (a clash): the alternative label wins the tie */
		{ "ACE and ACEs and ACE's", "17-22 hidden ACE's -> Adverse childhood experiences\n" },
		{ "emotionally-based school absence", "0-32 hidden emotionally-based school absence "
			"-> Emotionally based school absence\n" },
	};
	struct fixture *f = *state;
	load(f, "definitions/cbc.yaml", "term: Challenging Behaviour Consultation\n");
	load(f, "definitions/behaviour.yaml",
		"term: Distressed behaviour\n"
		"avoid: [{term: challenging behaviour}]\n");
	load(f, "definitions/aces.yaml",
		"term: Adverse childhood experiences\n"
		"alt_labels: [ACE, ACEs]\n"
		"hidden_labels: [ACE's, ACE]\n");
	load(f, "definitions/ebsa.yaml", ebsa);
	build(f);
	check_hits(f, cases);
}

/* The place of the first occurrence of word in the value of key. */
static void place_of(struct fixture *f, const char *text, const char *key, const char *word,
	unsigned line, unsigned col)
{
	const tip_node *root = load(f, "t.yaml", text);
	const tip_node *value = tip_node_get(root, key);
	assert_non_null(value);
	const char *at = strstr(value->str, word);
	assert_non_null(at);
	unsigned got_line, got_col;
	tip_lint_position(&got_line, &got_col, text, strlen(text), value,
		(size_t)(at - value->str));
	if (got_line != line || got_col != col)
		fail_msg("'%s' in %s: %u:%u, expected %u:%u", word, key, got_line, got_col, line,
			col);
	tip_doc_free(f->docs[--f->count]);
}

static void test_places_in_every_style(void **state)
{
	struct fixture *f = *state;
	place_of(f, "a: one two\n", "a", "two", 1, 8);
	place_of(f, "x: 1\na: one two\n  three four\n", "a", "four", 3, 9);
	place_of(f, "a: >\n  one two\n\n  three\n    four\n", "a", "four", 5, 5);
	place_of(f, "a: |-  # a comment: with words\n  words\n  more words\n", "a", "more", 3, 3);
	place_of(f, "a: >2\n    indented\n  words\n", "a", "words", 3, 3);
	place_of(f, "a: 'it''s ''the'' word'\n", "a", "word", 1, 19);
	place_of(f, "a: 'one\n\n   two'\n", "a", "two", 3, 4);
	place_of(f, "a: \"one 'two' three\"\n", "a", "three", 1, 15);
	place_of(f, "a: \"one\n  two\"\n", "a", "two", 2, 3);
	/* characters count as one column each; a byte order mark takes none */
	place_of(f, "a: caf\xc3\xa9 \xe2\x80\x9cword\xe2\x80\x9d\n", "a", "word", 1, 10);
	place_of(f, "\xef\xbb\xbf" "a: one two\n", "a", "two", 1, 8);
	/* CR LF line ends, and a flow sequence */
	place_of(f, "b: x\r\na: >\r\n  one\r\n  two\r\n", "a", "two", 4, 3);
	place_of(f, "{x: 1, a: one two}\n", "a", "two", 1, 15);
}

static void test_places_past_an_escape_fall_back(void **state)
{
	struct fixture *f = *state;
	/* before the escape the place is exact; after it, the scalar's own */
	place_of(f, "a: \"one \\t two\"\n", "a", "one", 1, 5);
	place_of(f, "a: \"one \\t two\"\n", "a", "two", 1, 4);
	place_of(f, "a: \"one \\\n  two\"\n", "a", "two", 1, 4);
	/* text that is not the scalar's source: the scalar's place */
	const tip_node *root = load(f, "t.yaml", "a: one two\n");
	unsigned line, col;
	tip_lint_position(&line, &col, "a: uno dos\n", 11, tip_node_get(root, "a"), 4);
	assert_int_equal(line, 1);
	assert_int_equal(col, 4);
	tip_lint_position(&line, &col, NULL, 0, tip_node_get(root, "a"), 4);
	assert_int_equal(col, 4);
}

static void check_vocab(struct fixture *f)
{
	build(f);
	assert_null(tip_lint_vocab_check(f->vocab, tip_diag_list_collect, f->findings));
}

static void test_clashes(void **state)
{
	struct fixture *f = *state;
	load(f, "a.yaml", "term: Trauma\nalt_labels: [ACE, LNA]\n");
	load(f, "b.yaml", "term: trauma\n");
	load(f, "c.yaml", "term: ACE\nhidden_labels: [PRACTICE]\n");
	load(f, "d.yaml", "term: Practice\nalt_labels:\n  - LNA\n  - practice\n");
	load(f, "e.yaml", "term: Other\navoid:\n  - term: lna\n");
	check_vocab(f);
	assert_string_equal(rendered(f),
		"a.yaml:1:7: error: \"Trauma\" is also the preferred term in b.yaml: preferred terms "
		"are unique [duplicate-term]\n"
		"a.yaml:2:14: error: \"ACE\" is an alternative label here and the preferred term in "
		"c.yaml [label-clash]\n"
		"a.yaml:2:19: error: \"LNA\" is an alternative label here and a term to avoid in "
		"e.yaml [label-clash]\n"
		"b.yaml:1:7: error: \"trauma\" is also the preferred term in a.yaml: preferred terms "
		"are unique [duplicate-term]\n"
		"c.yaml:1:7: error: \"ACE\" is the preferred term here and an alternative label in "
		"a.yaml [label-clash]\n"
		"c.yaml:2:17: error: \"PRACTICE\" is a hidden label here and an alternative label in "
		"d.yaml [label-clash]\n"
		"c.yaml:2:17: error: \"PRACTICE\" is a hidden label here and the preferred term in "
		"d.yaml [label-clash]\n"
		"d.yaml:1:7: error: \"Practice\" is the preferred term here and a hidden label in "
		"c.yaml [label-clash]\n"
		"d.yaml:1:7: error: \"Practice\" is the preferred term here and an alternative label "
		"on line 4 of this definition [label-clash]\n"
		"d.yaml:3:5: error: \"LNA\" is an alternative label here and a term to avoid in "
		"e.yaml [label-clash]\n"
		"d.yaml:4:5: error: \"practice\" is an alternative label here and a hidden label in "
		"c.yaml [label-clash]\n"
		"d.yaml:4:5: error: \"practice\" is an alternative label here and the preferred term "
		"on line 1 of this definition [label-clash]\n"
		"e.yaml:3:11: error: \"lna\" is a term to avoid here and an alternative label in "
		"a.yaml [label-clash]\n"
		"e.yaml:3:11: error: \"lna\" is a term to avoid here and an alternative label in "
		"d.yaml [label-clash]\n");
	assert_string_equal(tip_diag_list_get(f->findings, 2)->path, "/alt_labels/1");
	assert_string_equal(tip_diag_list_get(f->findings, 13)->path, "/avoid/0/term");
}

static void test_labels_that_may_be_shared(void **state)
{
	struct fixture *f = *state;
	/* an acronym with two expansions, a misspelling or a term to avoid of two concepts */
	load(f, "a.yaml", "term: Alpha\nalt_labels: [AB]\nhidden_labels: [alfa]\n"
		"avoid: [{term: bad}]\n");
	load(f, "b.yaml", "term: Beta\nalt_labels: [ab, AB]\nhidden_labels: [Alfa]\n"
		"avoid: [{term: Bad}]\n");
	load(f, "c.yaml", "term: 12\nalt_labels: [{x: y}, '   ']\n");
	check_vocab(f);
	assert_string_equal(rendered(f), "");
}

/* Each string's contacts: "start-end kind", one a line. */
static const char *contacts(struct fixture *f, const char *text)
{
	tip_buf_reset(&f->rendered);
	size_t from = 0, start, end;
	tip_contact kind;
	while (tip_contact_next(text, strlen(text), &from, &start, &end, &kind))
		assert_null(tip_buf_addf(&f->rendered, "%zu-%zu %s\n", start, end,
			kind == TIP_CONTACT_EMAIL ? "email" : "phone"));
	return tip_buf_str(&f->rendered);
}

static void test_contacts(void **state)
{
	struct fixture *f = *state;
	assert_string_equal(contacts(f, "mail jo.bloggs+tip@mail.example.org."), "5-35 email\n");
	assert_string_equal(contacts(f, "a@b.co, x.y@sub-domain.example.ac.uk"),
		"0-6 email\n8-36 email\n");
	assert_string_equal(contacts(f, "call 01234 567890 or 020 7946 0958, 0117-496-0000"),
		"5-17 phone\n21-34 phone\n36-49 phone\n");
	assert_string_equal(contacts(f, "07700 900123; 07700900123; (01234) 567890"),
		"0-12 phone\n14-25 phone\n27-41 phone\n");
	assert_string_equal(contacts(f, "+44 20 7946 0958, +44 (0)20 7946 0958, +1 555 123 4567"),
		"0-16 phone\n18-37 phone\n39-54 phone\n");
	assert_string_equal(contacts(f, "+33 1 23 45 67 89 or 0033 1 23 45 67 89"),
		"0-17 phone\n21-39 phone\n");
	assert_string_equal(contacts(f, "tel:01234 567890"), "4-16 phone\n");
	assert_string_equal(contacts(f, "\xe2\x80\x9c" "07700 900123\xe2\x80\x9d"), "3-15 phone\n");
}

static void test_not_contacts(void **state)
{
	struct fixture *f = *state;
	const char *none[] = {
		"@tip, x@y, a@localhost, a@b.c, name @ example.org, @example.org",
		"2026-09-30, 2026-10-01..2026-12-31, 30.09.2026, 01/10/2026, 01-10-2026",
		"2026, 2026/27, 2026-2027, FY 2026/27 Q2, 2026-Q3, 09:00-17:00",
		"\xc2\xa3" "01234 567890, $0123456789, \xe2\x82\xac" "0123456789, 0.50, 1,200.00",
		"EPS-01234-567890, TIP0123456789, v0.1.0, ISBN 0-19-280157-3, 0 19 280157 3",
		"0123 4567 89, 01234 56 78 90, 012345678, 012345678901, 0800 123",
		"+44, +1 555, 1+1, 12 +44 1234, 01234 567890abc, 01234 567890@x",
		"a 0.5 day course for 0-19 year olds; course 01 of 02",
	};
	for (size_t i = 0; i < sizeof(none) / sizeof(none[0]); i++)
		if (*contacts(f, none[i]))
			fail_msg("'%s': %s", none[i], tip_buf_str(&f->rendered));
}

static const char note_schema[] =
	"$schema: https://json-schema.org/draft/2020-12/schema\n"
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  name: {type: string, x-tip-personal: true}\n"
	"  level: {enum: [LAC, informed]}\n"
	"  topic: {type: string, x-tip-ref: topic}\n"
	"  given: {type: string, format: date}\n"
	"  url: {type: string, format: uri}\n"
	"  tags: {type: array, items: {type: string}}\n"
	"  topics: {type: array, items: {type: string, x-tip-ref: topic}}\n"
	"  kinds: {type: array, items: {enum: [LAC]}}\n"
	"  contact: {type: object, properties: {who: {type: string}}}\n"
	"  sessions:\n"
	"    type: array\n"
	"    items:\n"
	"      type: object\n"
	"      properties:\n"
	"        note: {type: string}\n"
	"        count: {type: integer}\n";

/* Lints text as a record of a type whose schema is schema_text. */
static const char *lint_text(struct fixture *f, const char *type_name, const char *schema_text,
	const char *text)
{
	const tip_node *schema_root = load(f, "s.yaml", schema_text);
	assert_null(tip_schema_compile_node(&f->schema, schema_root, NULL));
	tip_type type = { type_name, "records", "s.yaml", f->schema, NULL, 0 };
	const tip_node *root = load(f, "r.yaml", text);
	assert_null(tip_lint_record(f->vocab, &type, "r.yaml", root, text, strlen(text),
		tip_diag_list_collect, f->findings));
	return rendered(f);
}

static void test_what_a_record_schema_leaves_out(void **state)
{
	struct fixture *f = *state;
	load(f, "cla.yaml", cla);
	load(f, "ebsa.yaml", ebsa);
	build(f);
	assert_string_equal(lint_text(f, "note", note_schema,
		"title: LAC\n"
		"name: LAC, jo@example.org\n"
		"level: LAC\n"
		"topic: LAC\n"
		"given: LAC\n"
		"url: https://example.org/LAC\n"
		"tags: [ok, LAC]\n"
		"topics: [LAC]\n"
		"kinds: [LAC]\n"
		"contact: {who: the team leaders, what: 07700 900123}\n"
		"sessions:\n"
		"  - note: |\n"
		"      two\n"
		"      for LAC\n"
		"    count: 07700900123\n"
		"    other: [LAC]\n"
		"unknown: {deep: [emotionally-based school absence]}\n"),
		"r.yaml:1:8: error: \"LAC\" is a term to avoid: use \"CLA\" instead [avoid-term]\n"
		"r.yaml:7:12: error: \"LAC\" is a term to avoid: use \"CLA\" instead [avoid-term]\n"
		"r.yaml:10:40: error: phone number in a field not marked personal: contact details "
		"are not kept in records [personal-data]\n"
		"r.yaml:14:11: error: \"LAC\" is a term to avoid: use \"CLA\" instead [avoid-term]\n"
		"r.yaml:15:12: error: phone number in a field not marked personal: contact details "
		"are not kept in records [personal-data]\n"
		"r.yaml:16:13: error: \"LAC\" is a term to avoid: use \"CLA\" instead [avoid-term]\n"
		"r.yaml:17:18: warning: \"emotionally-based school absence\" is a variant of the "
		"preferred term \"Emotionally based school absence\" [hidden-label]\n");
	const char *paths[] = { "/title", "/tags/1", "/contact/what", "/sessions/0/note",
		"/sessions/0/count", "/sessions/0/other/0", "/unknown/deep/0" };
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(tip_diag_list_get(f->findings, i)->path, paths[i]);
	assert_int_equal(tip_diag_list_get(f->findings, 6)->severity, TIP_SEVERITY_WARNING);
}

static const char definition_schema[] =
	"type: object\n"
	"properties:\n"
	"  term: {type: string}\n"
	"  alt_labels: {type: array, items: {type: string}}\n"
	"  avoid: {type: array, items: {type: object}}\n"
	"  scope_note: {type: string}\n";

static void test_definitions_may_name_their_labels(void **state)
{
	struct fixture *f = *state;
	load(f, "cla.yaml", cla);
	build(f);
	assert_string_equal(lint_text(f, "definition", definition_schema,
		"term: Not LAC\n"
		"alt_labels: [LAC team]\n"
		"avoid: [{term: LAC, reason: LAC reads as lack, use_instead: 01234 567890}]\n"
		"scope_note: Say \"CLA\", not \"LAC\"; LAC is\n  to be avoided.\n"),
		"r.yaml:3:61: error: phone number in a field not marked personal: contact details "
		"are not kept in records [personal-data]\n"
		"r.yaml:4:35: error: \"LAC\" is a term to avoid: use \"CLA\" instead [avoid-term]\n");
}

/* ---- dates that have passed, in a repository ---- */

static char dir[] = "/tmp/tip-lint-XXXXXX";

static void sh(const char *command)
{
	char line[4096];
	snprintf(line, sizeof(line), "cd %s && %s", dir, command);
	if (system(line) != 0)
		fail_msg("failed: %s", command);
}

static int setup_repo(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	sh("git init -q . && mkdir -p schemas records/champions records/actions "
	   "records/definitions && "
	   "for t in champion action definition; do "
	   "printf 'type: object\\nproperties:\\n  notes: {type: string}\\n' "
	   ">schemas/$t.schema.yaml; done && "
	   "printf 'review_by: 2026-03-31\\n' >records/champions/late.yaml && "
	   "printf 'review_by: 2026-04-01\\n' >records/champions/today.yaml && "
	   "printf 'status: in-progress\\ndue: 2026-03-30\\n' >records/actions/late.yaml && "
	   "printf 'status: done\\ndue: 2026-01-01\\n' >records/actions/done.yaml && "
	   "printf 'status: cancelled\\ndue: 2026-01-01\\n' >records/actions/dropped.yaml && "
	   "printf 'notes: LAC\\n' >records/actions/words.yaml && "
	   "printf 'term: CLA\\navoid: [{term: LAC}]\\n' >records/definitions/cla.yaml && "
	   "printf 'term: [broken\\n' >records/definitions/broken.yaml && "
	   "printf 'notes: [broken\\n' >records/actions/broken.yaml");
	return 0;
}

static int teardown_repo(void **state)
{
	(void)state;
	char line[512];
	snprintf(line, sizeof(line), "rm -rf %s", dir);
	return system(line);
}

static tip_date day(const char *text)
{
	tip_date d;
	assert_null(tip_date_parse(&d, text));
	return d;
}

static void test_overdue(void **state)
{
	struct fixture *f = *state;
	tip_store *store = NULL;
	tip_snapshot *snapshot = NULL;
	assert_null(tip_store_open(&store, dir));
	assert_null(tip_store_load_types(store, f->findings));
	assert_null(tip_snapshot_worktree(&snapshot, store, NULL, NULL));
	assert_null(tip_lint_overdue(snapshot, day("2026-04-01"), tip_diag_list_collect,
		f->findings));
	assert_string_equal(rendered(f),
		"records/actions/late.yaml:2:6: warning: due date 2026-03-30 has passed (2 days "
		"overdue) and the action is neither done nor cancelled [action-overdue]\n"
		"records/champions/late.yaml:1:12: warning: review by date 2026-03-31 has passed "
		"(1 day overdue) [review-overdue]\n");
	tip_snapshot_free(snapshot);
	tip_store_free(store);
}

static void test_repository_with_paths(void **state)
{
	struct fixture *f = *state;
	tip_store *store = NULL;
	tip_validate_counts counts = { 0 };
	assert_null(tip_store_open(&store, dir));
	char path[512];
	snprintf(path, sizeof(path), "%s/records/actions", dir);
	const char *paths[] = { path };
	assert_null(tip_lint_repository(store, paths, 1, day("2026-04-01"), f->findings,
		&counts));
	/* the broken definition is reported though not asked for: the vocabulary lacks it */
	assert_string_equal(rendered(f),
		"records/actions/broken.yaml: error: not linted: the file is not strict YAML (tip "
		"validate says why) [unreadable]\n"
		"records/actions/late.yaml:2:6: warning: due date 2026-03-30 has passed (2 days "
		"overdue) and the action is neither done nor cancelled [action-overdue]\n"
		"records/actions/words.yaml:1:8: error: \"LAC\" is a term to avoid: use \"CLA\" "
		"instead [avoid-term]\n"
		"records/definitions/broken.yaml: error: not linted: the file is not strict YAML "
		"(tip validate says why) [unreadable]\n");
	assert_int_equal(counts.records, 5);
	tip_validate_counts_dispose(&counts);
	snprintf(path, sizeof(path), "%s/nowhere", dir);
	tip_error *err = tip_lint_repository(store, paths, 1, 0, f->findings, &counts);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "cannot open"));
	tip_error_free(err);
	tip_validate_counts_dispose(&counts);
	tip_store_free(store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_whole_words_in_any_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spaces_match_any_whitespace, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_terms_are_mentions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_longest_label_wins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_places_in_every_style, setup, teardown),
		cmocka_unit_test_setup_teardown(test_places_past_an_escape_fall_back, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_clashes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_that_may_be_shared, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_contacts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_what_a_record_schema_leaves_out, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_definitions_may_name_their_labels, setup,
			teardown),
	};
	const struct CMUnitTest repo_tests[] = {
		cmocka_unit_test_setup_teardown(test_overdue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repository_with_paths, setup, teardown),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	return failed + cmocka_run_group_tests(repo_tests, setup_repo, teardown_repo);
}
