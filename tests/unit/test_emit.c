/* Unit tests for the canonical YAML emitter (tip_emit_record in lib/emit.c): how each kind of
 * scalar is written, literal blocks, key order from a schema, and the round trip: loading the
 * output gives the same values, and writing them again gives the same bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "emit.h"
#include "schema.h"
#include "yaml.h"

/* ---- helpers ---- */

/* Same values, same types (an integer stays an integer), same key order; NaN equals NaN. */
static bool same_tree(const tip_node *a, const tip_node *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TIP_NODE_NULL: return true;
	case TIP_NODE_BOOL: return a->boolean == b->boolean;
	case TIP_NODE_INT: return a->integer == b->integer;
	case TIP_NODE_FLOAT:
		return (isnan(a->number) && isnan(b->number)) || a->number == b->number;
	case TIP_NODE_STR: return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case TIP_NODE_SEQ:
	case TIP_NODE_MAP: break;
	}
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		bool same = a->type == TIP_NODE_SEQ
			? same_tree(a->items[i], b->items[i])
			: same_tree(a->pairs[i].key, b->pairs[i].key) &&
				same_tree(a->pairs[i].value, b->pairs[i].value);
		if (!same)
			return false;
	}
	return true;
}

static void print_finding(void *ctx, const tip_finding *f)
{
	(void)ctx;
	print_message("finding: %u:%u: %s [%s]\n", f->line, f->col, f->message, f->keyword);
}

static tip_doc *load_any(const char *text, size_t len)
{
	tip_yaml_opts opts = { .any_root = true, .finding = print_finding };
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, len, "t.yaml", &opts));
	return doc;
}

static char *emit(const tip_node *node, const tip_subschema *schema)
{
	tip_buf out = TIP_BUF_INIT;
	tip_error *err = tip_emit_record(&out, node, schema);
	if (err)
		fail_msg("emit failed: %s", tip_error_message(err));
	char *text = strdup(tip_buf_str(&out));
	assert_non_null(text);
	tip_buf_dispose(&out);
	return text;
}

/* Emits node, checks that the text loads back to the same values (tip_node_equal and, with
 * no schema to reorder keys, the same order and types), that emitting that again gives the
 * same bytes, and that the text ends in exactly one newline. Returns the text. */
static char *round_trip(const tip_node *node, const tip_subschema *schema)
{
	char *text = emit(node, schema);
	size_t len = strlen(text);
	assert_true(len >= 1 && text[len - 1] == '\n');
	if (len >= 2 && text[len - 2] == '\n')
		fail_msg("output ends in more than one newline:\n%s", text);
	tip_doc *again = load_any(text, len);
	if (!again)
		fail_msg("output does not load:\n%s", text);
	if (!tip_node_equal(node, again->root) && !(same_tree(node, again->root)))
		fail_msg("output loads to other values:\n%s", text);
	if (!schema && !same_tree(node, again->root))
		fail_msg("output loads to other values or order:\n%s", text);
	char *second = emit(again->root, schema);
	if (strcmp(text, second) != 0)
		fail_msg("not idempotent:\n%s\n---- then ----\n%s", text, second);
	free(second);
	tip_doc_free(again);
	return text;
}

static tip_node str_node(const char *s, size_t len)
{
	return (tip_node){ .type = TIP_NODE_STR, .str = s, .len = len };
}

/* How the string is written as the value of "v" in {v: s, w: 1}. */
static char *emit_value_bytes(const char *s, size_t len)
{
	tip_node key_v = str_node("v", 1), key_w = str_node("w", 1), value = str_node(s, len);
	tip_node one = { .type = TIP_NODE_INT, .str = "1", .len = 1, .integer = 1, .number = 1 };
	tip_pair pairs[] = { { &key_v, &value }, { &key_w, &one } };
	tip_node map = { .type = TIP_NODE_MAP, .count = 2, .pairs = pairs };
	return round_trip(&map, NULL);
}

/* Asserts that {v: s, w: 1} is written "v: <expected>\nw: 1\n". */
static void assert_value_bytes(const char *s, size_t len, const char *expected)
{
	char *text = emit_value_bytes(s, len);
	char want[1024];
	snprintf(want, sizeof(want), "v: %s\nw: 1\n", expected);
	if (strcmp(text, want) != 0)
		fail_msg("for \"%.*s\": expected\n%s\ngot\n%s", (int)len, s, want, text);
	free(text);
}

static void assert_value(const char *s, const char *expected)
{
	assert_value_bytes(s, strlen(s), expected);
}

/* Loads text, emits it without a schema, and compares. */
static void assert_emits(const char *text, const char *expected)
{
	tip_doc *doc = load_any(text, strlen(text));
	if (!doc)
		fail_msg("does not load: %s", text);
	char *out = round_trip(doc->root, NULL);
	if (strcmp(out, expected) != 0)
		fail_msg("for:\n%s\nexpected:\n%s\ngot:\n%s", text, expected, out);
	free(out);
	tip_doc_free(doc);
}

/* ---- scalars ---- */

static void test_plain_text(void **state)
{
	(void)state;
	static const char *const plain[] = { "hello", "hello world", "a:b", "a#b", "foo-bar",
		"it's", "2021-09", "v1.0", "12 monkeys", "0.5 days", "Yes please", "no-reply",
		"null value", "~foo", "0:30", "é", "a, b", "a]b", "a -b", "1-2",
		"https://example.org/a?b=c#d", "yes!", "truely", "1e", "0x", "0xG", "e3", "._x",
		"2021-09-01x", "a'b", "a\"b", "a\\b", "...x", NULL };
	for (size_t i = 0; plain[i]; i++)
		assert_value(plain[i], plain[i]);
}

static void test_quoted_when_read_as_something_else(void **state)
{
	(void)state;
	static const char *const quoted[] = {
		/* dates and times (YAML 1.1 timestamps, sexagesimal numbers) */
		"2021-09-01", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 Z",
		"2001-12-14T21:59:43Z", "2001-1-2 1:02:03", "12:30", "190:20:30", "-1:30",
		"1:30.5", "0:30.5",
		/* null and booleans in any case */
		"~", "null", "Null", "NULL", "nUlL", "true", "True", "FALSE", "yes", "Yes", "YES",
		"no", "No", "on", "ON", "off", "Off", "y", "Y", "n", "N", "<<", "=",
		/* numbers of YAML 1.1 and 1.2 */
		"0", "12", "-1", "+1", "010", "08", "0o17", "0x1F", "0b101", "1_000", ".5", "-.5",
		"1.", "1.5", "1e3", "1E-3", "+1.5e+3", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
		"1.2.3", ".", "-0",
		/* syntax */
		"- item", "-x", "?", "?x", ":x", ",", "[a]", "]", "{", "}", "#c", "&a", "*a", "!t",
		"|", ">", "%p", "@a", "`b", "x: ", "a: b", "a #b", "ends:", " lead", "trail ",
		"\tx", "x\t", "a:\tb", "a\t#b", "a\tb", "-", "---", "...", "... x", "---x",
		NULL };
	for (size_t i = 0; quoted[i]; i++) {
		char want[128];
		snprintf(want, sizeof(want), "'%s'", quoted[i]);
		assert_value(quoted[i], want);
	}
	assert_value("", "''");
	assert_value("'q", "'''q'");
	assert_value("it's: here", "'it''s: here'");
	assert_value("\"q", "'\"q'");
}

static void test_double_quoted_for_escapes(void **state)
{
	(void)state;
	assert_value("\x01", "\"\\x01\"");
	assert_value("bell\a", "\"bell\\a\"");
	assert_value("a\rb", "\"a\\rb\"");
	assert_value("a\r\nb", "\"a\\r\\nb\"");
	assert_value("\x7f", "\"\\x7F\"");
	assert_value("\x1b[1m", "\"\\e[1m\"");
	assert_value("\xc2\x85", "\"\\N\"");           /* NEL */
	assert_value("a\xe2\x80\xa8" "b", "\"a\\Lb\"");  /* line separator */
	assert_value("\xe2\x80\xa9", "\"\\P\"");        /* paragraph separator */
	assert_value("\xef\xbb\xbfx", "\"\\uFEFFx\"");  /* byte order mark */
	assert_value("\xef\xbf\xbe", "\"\\uFFFE\"");
	assert_value("\xc2\x9f", "\"\\x9F\"");
	assert_value("tab\tand\x02", "\"tab\\tand\\x02\"");
	assert_value("say \"hi\" \\ \x02", "\"say \\\"hi\\\" \\\\ \\x02\"");
	assert_value("\n", "\"\\n\"");
	assert_value("\n\n", "\"\\n\\n\"");
	assert_value("é\x01", "\"é\\x01\"");
	assert_value_bytes("a\0b", 3, "\"a\\0b\"");
	/* printable characters beyond ASCII stay as they are */
	assert_value("\xc2\xa0nbsp", "\xc2\xa0nbsp");
	assert_value("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}

static void test_literal_blocks(void **state)
{
	(void)state;
	assert_value("a\nb", "|-\n  a\n  b");
	assert_value("a\nb\n", "|\n  a\n  b");
	assert_value("a\nb\n\n", "|+\n  a\n  b\n");
	assert_value("a\n\n\n", "|+\n  a\n\n");
	assert_value("a\n\nb", "|-\n  a\n\n  b");
	assert_value("\nleading empty line", "|-\n\n  leading empty line");
	assert_value("  indented\nnext", "|2-\n    indented\n  next");
	assert_value("  indented\n", "|2\n    indented");
	assert_value("\n  x", "|2-\n\n    x");
	assert_value("   \nx", "|2-\n     \n  x");
	assert_value("x\n  y", "|-\n  x\n    y");
	assert_value("line \nwith trailing space ", "|-\n  line \n  with trailing space ");
	assert_value("tab\tin\n\tlit", "|-\n  tab\tin\n  \tlit");
	assert_value("\tfirst\nx", "|2-\n  \tfirst\n  x");
	assert_value("# not a comment\n- nor a list: x", "|-\n  # not a comment\n  - nor a list: x");
	assert_value("'quoted'\n\"too\"", "|-\n  'quoted'\n  \"too\"");
	/* at the very end a kept block would end the file in several newlines: quoted instead */
	tip_node key = str_node("notes", 5), value = str_node("a\n\n", 3);
	tip_pair pair = { &key, &value };
	tip_node map = { .type = TIP_NODE_MAP, .count = 1, .pairs = &pair };
	char *text = round_trip(&map, NULL);
	assert_string_equal(text, "notes: \"a\\n\\n\"\n");
	free(text);
	value = str_node("a\n", 2);
	text = round_trip(&map, NULL);
	assert_string_equal(text, "notes: |\n  a\n");
	free(text);
}

static void test_long_lines_are_not_folded(void **state)
{
	(void)state;
	char line[2001];
	for (size_t i = 0; i < 2000; i++)
		line[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
	line[2000] = '\0';
	char *text = emit_value_bytes(line, 2000);
	assert_int_equal(strlen(text), 3 + 2000 + 1 + 5);
	assert_non_null(strstr(text, line));
	free(text);
	line[1999] = ':'; /* then quoted, still on one line */
	text = emit_value_bytes(line, 2000);
	assert_int_equal(strlen(text), 3 + 2002 + 1 + 5);
	free(text);
}

static void test_non_strings(void **state)
{
	(void)state;
	assert_emits("a: 0x1F\nb: 0o17\nc: +12\nd: -0\ne: 007\n", "a: 31\nb: 15\nc: 12\nd: 0\ne: 7\n");
	assert_emits("a: 1.50\nb: +1.5\nc: .5\nd: 1e3\ne: 1E-7\nf: 0.\ng: -0.0\nh: 1e300\n",
		"a: 1.50\nb: 1.5\nc: 0.5\nd: 1000.0\ne: 1.0e-07\nf: 0.0\ng: -0.0\nh: 1.0e+300\n");
	assert_emits("a: 2.5E+3\nb: 0.1\nc: 3.0e-5\n", "a: 2.5E+3\nb: 0.1\nc: 3.0e-5\n");
	assert_emits("a: .inf\nb: -.Inf\nc: .NaN\nd: +.INF\n",
		"a: .inf\nb: -.inf\nc: .nan\nd: .inf\n");
	assert_emits("a: 12345678901234567890\nb: -99999999999999999999\n",
		"a: 12345678901234567890\nb: -99999999999999999999\n");
	assert_emits("a: True\nb: FALSE\nc: ~\nd:\ne: Null\n",
		"a: true\nb: false\nc: null\nd: null\ne: null\n");
	assert_emits("a: '12'\nb: \"true\"\nc: 'null'\n", "a: '12'\nb: 'true'\nc: 'null'\n");
}

/* ---- collections ---- */

static void test_collections(void **state)
{
	(void)state;
	assert_emits("{a: [x, y], b: {c: 1, d: [], e: {}}, f: [[1, 2], [], {g: h, i: [j]}]}\n",
		"a:\n  - x\n  - 'y'\nb:\n  c: 1\n  d: []\n  e: {}\nf:\n  - - 1\n    - 2\n  - []\n"
		"  - g: h\n    i:\n      - j\n");
	assert_emits("{}\n", "{}\n");
	assert_emits("[]\n", "[]\n");
	assert_emits("- a\n- b: c\n  d: e\n", "- a\n- b: c\n  d: e\n");
	assert_emits("plain text\n", "plain text\n");
	assert_emits("'2021-09-01'\n", "'2021-09-01'\n");
	assert_emits("\"a\\nb\"\n", "|-\n  a\n  b\n");
	assert_emits("\"  a\\nb\"\n", "|2-\n    a\n  b\n");
	assert_emits("a:\n  - |-\n    x\n    y\n  - k: |2\n       z\n",
		"a:\n  - |-\n    x\n    y\n  - k: |2\n       z\n");
	assert_emits("[[[\"  x\\ny\"]]]\n", "- - - |2-\n        x\n      y\n");
	/* keys are quoted by the same rules */
	assert_emits("{'yes': 1, '': 2, 'a: b': 3, \"x\\ty\": 4, \"k\\u0001\": 5}\n",
		"'yes': 1\n'': 2\n'a: b': 3\n'x\ty': 4\n\"k\\x01\": 5\n");
	/* a key that spans lines is an explicit key */
	assert_emits("{\"two\\nlines\": [a], \"  sp\\nx\": {b: c}}\n",
		"? |-\n  two\n  lines\n:\n  - a\n? |2-\n    sp\n  x\n:\n  b: c\n");
	assert_emits("- {\"a\\nb\": 1}\n", "- ? |-\n    a\n    b\n  : 1\n");
}

static void test_long_key_is_explicit(void **state)
{
	(void)state;
	char key[1501];
	memset(key, 'k', 1500);
	key[1500] = '\0';
	tip_node k = str_node(key, 1500), v = str_node("v", 1);
	tip_pair pair = { &k, &v };
	tip_node map = { .type = TIP_NODE_MAP, .count = 1, .pairs = &pair };
	char *text = round_trip(&map, NULL);
	assert_memory_equal(text, "? kkk", 5);
	assert_string_equal(text + 2 + 1500, "\n: v\n");
	free(text);
}

static void test_invalid_utf8_is_an_error(void **state)
{
	(void)state;
	tip_node v = str_node("\xff", 1);
	tip_buf out = TIP_BUF_INIT;
	tip_error *err = tip_emit_record(&out, &v, NULL);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "UTF-8"));
	tip_error_free(err);
	tip_buf_dispose(&out);
}

/* ---- key order from a schema ---- */

struct schema_fixture {
	char dir[64];
	char path[128], common[128];
	tip_doc *doc;
	tip_schema *schema;
};

static const char order_common[] =
	"$defs:\n"
	"  date: {type: string, format: date}\n"
	"  session:\n    type: object\n"
	"    properties:\n      date: {$ref: '#/$defs/date'}\n      attendees: {type: integer}\n"
	"      sector: {type: string}\n";

static const char order_schema[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  status: {type: string}\n"
	"  sessions:\n    type: array\n    items: {$ref: common.schema.yaml#/$defs/session}\n"
	"  milestones:\n    type: array\n"
	"    items:\n      type: object\n"
	"      properties:\n        due: {type: string}\n        what: {type: string}\n"
	"  meta:\n    type: object\n"
	"    properties:\n      z: {type: string}\n      a: {type: string}\n"
	"  notes: {type: string}\n";

static void compile_order_schema(struct schema_fixture *f)
{
	strcpy(f->dir, "/tmp/tip-emit-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/t.schema.yaml", f->dir);
	snprintf(f->common, sizeof(f->common), "%s/common.schema.yaml", f->dir);
	FILE *fp = fopen(f->common, "w");
	assert_non_null(fp);
	fputs(order_common, fp);
	assert_int_equal(fclose(fp), 0);
	f->doc = load_any(order_schema, strlen(order_schema));
	assert_non_null(f->doc);
	tip_error *err = tip_schema_compile_node(&f->schema, f->doc->root, f->path);
	if (err)
		fail_msg("%s", tip_error_message(err));
}

static void drop_order_schema(struct schema_fixture *f)
{
	tip_schema_free(f->schema);
	tip_doc_free(f->doc);
	unlink(f->common);
	rmdir(f->dir);
}

static void test_key_order_from_schema(void **state)
{
	(void)state;
	struct schema_fixture f = { 0 };
	compile_order_schema(&f);
	const char *record =
		"zz: unknown first\n"
		"notes: text\n"
		"meta: {a: 1, other: 2, z: 3}\n"
		"sessions:\n"
		"  - {sector: health, extra: x, attendees: 3, date: '2026-01-02'}\n"
		"milestones:\n"
		"  - {what: w, due: '2026-03-31'}\n"
		"aa: unknown last\n"
		"status: s\n"
		"title: t\n";
	tip_doc *doc = load_any(record, strlen(record));
	assert_non_null(doc);
	char *text = round_trip(doc->root, tip_schema_root(f.schema));
	assert_string_equal(text,
		"title: t\n"
		"status: s\n"
		"sessions:\n"
		"  - date: '2026-01-02'\n"
		"    attendees: 3\n"
		"    sector: health\n"
		"    extra: x\n"
		"milestones:\n"
		"  - due: '2026-03-31'\n"
		"    what: w\n"
		"meta:\n"
		"  z: 3\n"
		"  a: 1\n"
		"  other: 2\n"
		"notes: text\n"
		"zz: unknown first\n"
		"aa: unknown last\n");
	free(text);
	/* without a schema the keys keep their order */
	text = round_trip(doc->root, NULL);
	assert_memory_equal(text, "zz: unknown first\nnotes: text\nmeta:\n  a: 1\n", 43);
	free(text);
	tip_doc_free(doc);
	drop_order_schema(&f);
}

/* ---- the round trip as a property ---- */

/* A tiny deterministic generator (xorshift), so that failures reproduce. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (unsigned)(rng_state % n);
}

struct fragment {
	const char *s;
	size_t len;
};

#define F(text) { text, sizeof(text) - 1 }
static const struct fragment fragments[] = { F(""), F(" "), F("  "), F("a"), F("word"),
	F(":"), F(": "), F("#"), F(" #"), F("-"), F("- "), F("?"), F("'"), F("\""), F("\\"),
	F("\n"), F("\n\n"), F("\t"), F("\r"), F("0"), F("1"), F("12"), F("."), F("e"), F("x"),
	F("_"), F("yes"), F("No"), F("null"), F("~"), F("true"), F("é"), F("\xe2\x80\xa8"),
	F("\xc2\x85"), F("\x01"), F("\x7f"), F("\xef\xbb\xbf"), F("2021-09-01"), F("12:30"),
	F("|"), F(">"), F("{"), F("["), F("]"), F("&"), F("*"), F("!"), F("%"), F("@"), F("`"),
	F(","), F("---"), F("..."), F("0x1F"), F("1e3"), F(".inf"), F("<<"), F("="), F("  x"),
	F("\xc2\xa0"), F("\xf0\x9f\x98\x80"), F("\0"), F("a\nb"), F(" \n"), F("\n "),
	F("z "), F("\t\n"), F("... "), F("--- "), F("\n\t"), F(" \t"), F("? x"), F("#x"),
	F("\n  ") };
#undef F

struct pool {
	tip_node nodes[4096];
	size_t used;
	char text[65536];
	size_t text_used;
	tip_pair pairs[4096];
	size_t pairs_used;
	tip_node *items[4096];
	size_t items_used;
};

static tip_node *pool_node(struct pool *p)
{
	assert_true(p->used < sizeof(p->nodes) / sizeof(p->nodes[0]));
	tip_node *n = &p->nodes[p->used++];
	memset(n, 0, sizeof(*n));
	return n;
}

static tip_node *gen_string(struct pool *p)
{
	tip_node *n = pool_node(p);
	char *s = p->text + p->text_used;
	size_t len = 0;
	for (unsigned k = rnd(5); k > 0; k--) {
		const struct fragment *f = &fragments[rnd(sizeof(fragments) / sizeof(fragments[0]))];
		assert_true(p->text_used + len + f->len + 1 < sizeof(p->text));
		memcpy(s + len, f->s, f->len);
		len += f->len;
	}
	s[len] = '\0';
	p->text_used += len + 1;
	*n = str_node(s, len);
	return n;
}

static tip_node *gen_number(struct pool *p)
{
	tip_node *n = pool_node(p);
	static const double specials[] = { 0.0, -0.0, 0.1, 1e300, -2.5e-9, 1e21, 123456.789 };
	switch (rnd(4)) {
	case 0:
		n->type = TIP_NODE_INT;
		n->integer = (int64_t)rnd(2000000) - 1000000;
		n->number = (double)n->integer;
		break;
	case 1:
		n->type = TIP_NODE_FLOAT;
		n->number = specials[rnd(sizeof(specials) / sizeof(specials[0]))];
		break;
	case 2:
		n->type = TIP_NODE_FLOAT;
		n->number = rnd(3) == 0 ? NAN : rnd(2) ? INFINITY : -INFINITY;
		break;
	default:
		n->type = TIP_NODE_FLOAT;
		n->number = ((double)rnd(1u << 30) - (1u << 29)) / (double)(1u + rnd(100000));
	}
	n->str = ""; /* not written in any form: the emitter chooses */
	return n;
}

static tip_node *gen_value(struct pool *p, unsigned depth);

/* Children are made first and then copied into one run of the pool, since making them uses
 * the pool too. */
static tip_node *gen_collection(struct pool *p, unsigned depth, bool map)
{
	tip_pair pairs[5];
	tip_node *items[5];
	size_t count = 0;
	for (unsigned k = rnd(6); k > 0; k--) {
		if (!map) {
			items[count++] = gen_value(p, depth + 1);
			continue;
		}
		tip_node *key = gen_string(p);
		bool dup = strlen(key->str) != key->len; /* keys hold no NUL */
		for (size_t j = 0; j < count && !dup; j++)
			dup = same_tree(pairs[j].key, key);
		if (!dup)
			pairs[count++] = (tip_pair){ key, gen_value(p, depth + 1) };
	}
	tip_node *n = pool_node(p);
	n->type = map ? TIP_NODE_MAP : TIP_NODE_SEQ;
	n->count = count;
	if (map) {
		n->pairs = memcpy(&p->pairs[p->pairs_used], pairs, count * sizeof(*pairs));
		p->pairs_used += count;
	} else {
		n->items = memcpy(&p->items[p->items_used], items, count * sizeof(*items));
		p->items_used += count;
	}
	return n;
}

static tip_node *gen_value(struct pool *p, unsigned depth)
{
	unsigned pick = rnd(depth < 4 ? 10 : 7);
	if (pick < 4)
		return gen_string(p);
	if (pick == 4)
		return gen_number(p);
	if (pick == 5 || pick == 6) {
		tip_node *n = pool_node(p);
		n->type = pick == 5 ? TIP_NODE_NULL : TIP_NODE_BOOL;
		n->boolean = rnd(2);
		return n;
	}
	return gen_collection(p, depth, pick != 7);
}

static void test_round_trip_generated(void **state)
{
	(void)state;
	struct pool *p = malloc(sizeof(*p));
	assert_non_null(p);
	for (int i = 0; i < 3000; i++) {
		p->used = p->text_used = p->pairs_used = p->items_used = 0;
		tip_node *root = gen_value(p, 0);
		free(round_trip(root, NULL));
	}
	free(p);
}

/* Every shipped record (with its type's schema) and every schema file (as data). */
static size_t round_trip_folder(const char *dir, const tip_subschema *schema)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		tip_yaml_opts opts = { .any_root = true };
		tip_doc *doc = NULL;
		assert_null(tip_yaml_load_file(&doc, path, NULL, &opts));
		if (!doc)
			fail_msg("%s does not load", path);
		free(round_trip(doc->root, schema));
		tip_doc_free(doc);
		n++;
	}
	closedir(d);
	return n;
}

static void test_round_trip_shipped_files(void **state)
{
	(void)state;
	size_t files = round_trip_folder("schemas", NULL);
	DIR *d = opendir("records");
	if (!d) {
		skip();
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char type[256], schema_path[512], dir[512];
		snprintf(type, sizeof(type), "%s", e->d_name);
		size_t len = strlen(type);
		if (len > 1 && type[len - 1] == 's')
			type[len - 1] = '\0';
		snprintf(schema_path, sizeof(schema_path), "schemas/%s.schema.yaml", type);
		snprintf(dir, sizeof(dir), "records/%s", e->d_name);
		tip_schema *schema = NULL;
		struct stat st;
		if (stat(schema_path, &st) == 0)
			assert_null(tip_schema_compile_file(&schema, schema_path));
		files += round_trip_folder(dir, schema ? tip_schema_root(schema) : NULL);
		files += round_trip_folder(dir, NULL);
		tip_schema_free(schema);
	}
	closedir(d);
	assert_true(files > 40);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_quoted_when_read_as_something_else),
		cmocka_unit_test(test_double_quoted_for_escapes),
		cmocka_unit_test(test_literal_blocks),
		cmocka_unit_test(test_long_lines_are_not_folded),
		cmocka_unit_test(test_non_strings),
		cmocka_unit_test(test_collections),
		cmocka_unit_test(test_long_key_is_explicit),
		cmocka_unit_test(test_invalid_utf8_is_an_error),
		cmocka_unit_test(test_key_order_from_schema),
		cmocka_unit_test(test_round_trip_generated),
		cmocka_unit_test(test_round_trip_shipped_files),
	};
	return cmocka_run_group_tests_name("emit", tests, NULL, NULL);
}
