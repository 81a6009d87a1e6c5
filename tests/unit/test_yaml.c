/* Unit tests for the strict YAML loader (lib/yaml.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "yaml.h"

/* Each test loads text into a fixture that collects findings. */
struct fixture {
	tip_diag_list *findings;
	tip_doc *doc;
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
	tip_doc_free(f->doc);
	tip_diag_list_free(f->findings);
	free(f);
	return 0;
}

static const tip_node *load_opts(struct fixture *f, const char *text, size_t len, bool any_root)
{
	tip_yaml_opts opts = { .any_root = any_root, .finding = tip_diag_list_collect,
		.finding_ctx = f->findings };
	tip_doc_free(f->doc);
	f->doc = NULL;
	assert_null(tip_yaml_load(&f->doc, text, len, "t.yaml", &opts));
	return f->doc ? f->doc->root : NULL;
}

static const tip_node *load(struct fixture *f, const char *text)
{
	return load_opts(f, text, strlen(text), false);
}

static const tip_node *load_any(struct fixture *f, const char *text)
{
	return load_opts(f, text, strlen(text), true);
}

/* Asserts that loading failed with exactly one finding of this keyword at line:col. */
static void assert_finding(struct fixture *f, const char *keyword, unsigned line, unsigned col)
{
	assert_null(f->doc);
	assert_int_equal(tip_diag_list_count(f->findings), 1);
	const tip_finding *got = tip_diag_list_get(f->findings, 0);
	assert_string_equal(got->keyword, keyword);
	assert_string_equal(got->file, "t.yaml");
	assert_int_equal(got->line, line);
	assert_int_equal(got->col, col);
}

static void test_mapping_with_positions(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load(f, "title: Trauma\nlevel: skilled\nlist:\n  - a\n  - b\n");
	assert_non_null(root);
	assert_int_equal(root->type, TIP_NODE_MAP);
	assert_int_equal(root->count, 3);
	assert_string_equal(root->pairs[1].key->str, "level");
	const tip_node *list = tip_node_get(root, "list");
	assert_int_equal(list->type, TIP_NODE_SEQ);
	assert_int_equal(list->count, 2);
	assert_int_equal(list->items[1]->line, 5);
	assert_int_equal(list->items[1]->col, 5);
	assert_int_equal(tip_node_get(root, "level")->line, 2);
	assert_int_equal(tip_node_get(root, "level")->col, 8);
	assert_null(tip_node_get(root, "missing"));
}

static void assert_type(struct fixture *f, const char *value, tip_node_type type)
{
	char text[128];
	snprintf(text, sizeof(text), "v: %s\n", value);
	const tip_node *root = load(f, text);
	assert_non_null(root);
	const tip_node *v = tip_node_get(root, "v");
	if (v->type != type)
		fail_msg("'%s' resolved to type %d, expected %d", value, v->type, type);
}

static void test_core_schema_resolution(void **state)
{
	struct fixture *f = *state;
	/* YAML 1.1 booleans and dates are text under the 1.2 core schema */
	const char *strings[] = { "no", "yes", "on", "off", "y", "2021-09-01", "1_000", "0b101",
		"+.5e", "1.2.3", "0x", "NaN", "'12'", "\"true\"", "12:30", "-x", "Null!", NULL };
	for (size_t i = 0; strings[i]; i++)
		assert_type(f, strings[i], TIP_NODE_STR);
	const char *nulls[] = { "null", "Null", "NULL", "~", "", NULL };
	for (size_t i = 0; nulls[i]; i++)
		assert_type(f, nulls[i], TIP_NODE_NULL);
	const char *bools[] = { "true", "True", "TRUE", "false", "False", "FALSE", NULL };
	for (size_t i = 0; bools[i]; i++)
		assert_type(f, bools[i], TIP_NODE_BOOL);
	const char *ints[] = { "0", "12", "-7", "+3", "0o17", "0x1F", NULL };
	for (size_t i = 0; ints[i]; i++)
		assert_type(f, ints[i], TIP_NODE_INT);
	const char *floats[] = { "1.5", "-0.25", ".5", "1e3", "6.02E+23", ".inf", "-.Inf", ".nan",
		"99999999999999999999", NULL };
	for (size_t i = 0; floats[i]; i++)
		assert_type(f, floats[i], TIP_NODE_FLOAT);
}

static void test_number_values(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load(f, "a: 0x1F\nb: -12\nc: 1.0\nd: 0o17\ne: true\n");
	assert_int_equal(tip_node_get(root, "a")->integer, 31);
	assert_int_equal(tip_node_get(root, "b")->integer, -12);
	assert_true(tip_node_get(root, "c")->number == 1.0);
	assert_string_equal(tip_node_json_type(tip_node_get(root, "c")), "integer");
	assert_int_equal(tip_node_get(root, "d")->integer, 15);
	assert_true(tip_node_get(root, "e")->boolean);
	root = load(f, "x: -9223372036854775808\ny: 9223372036854775808\n");
	assert_int_equal(tip_node_get(root, "x")->type, TIP_NODE_INT);
	assert_true(tip_node_get(root, "x")->integer == INT64_MIN);
	assert_int_equal(tip_node_get(root, "y")->type, TIP_NODE_FLOAT);
	assert_string_equal(tip_node_json_type(tip_node_get(root, "y")), "integer");
}

static void test_quoted_and_block_scalars_are_text(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load(f, "a: '12'\nb: \"null\"\nc: |\n  line one\n  line two\n"
				       "d: \"nul\\0inside\"\n");
	assert_int_equal(tip_node_get(root, "a")->type, TIP_NODE_STR);
	assert_int_equal(tip_node_get(root, "b")->type, TIP_NODE_STR);
	const tip_node *c = tip_node_get(root, "c");
	assert_string_equal(c->str, "line one\nline two\n");
	assert_int_equal(c->style, TIP_STYLE_LITERAL);
	const tip_node *d = tip_node_get(root, "d");
	assert_int_equal(d->len, 10);
	assert_memory_equal(d->str, "nul\0inside", 10);
}

static void test_json_document(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load_any(f, "[{\"a\": 1, \"b\": [true, null, \"x\"]}, 2.5]");
	assert_non_null(root);
	assert_int_equal(root->type, TIP_NODE_SEQ);
	assert_int_equal(root->items[0]->type, TIP_NODE_MAP);
	assert_int_equal(root->items[1]->type, TIP_NODE_FLOAT);
	root = load_any(f, "\"just text\"");
	assert_int_equal(root->type, TIP_NODE_STR);
}

static void test_json_surrogate_pairs(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load_any(f, "[\"\\uD83D\\uDCA9 x\", \"\\\\uD83D\\\\uDCA9\"]");
	assert_non_null(root);
	assert_string_equal(root->items[0]->str, "\xf0\x9f\x92\xa9 x");
	/* escaped backslashes are text, not an escape */
	assert_string_equal(root->items[1]->str, "\\uD83D\\uDCA9");
	/* a lone surrogate is still refused */
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load_any(f, "[\"\\uD83D x\"]");
	assert_null(f->doc);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->keyword, "yaml-syntax");
}

static void test_crlf_and_bom_accepted(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load(f, "\xef\xbb\xbftitle: a\r\nlevel: b\r\n");
	assert_non_null(root);
	assert_string_equal(tip_node_get(root, "title")->str, "a");
	assert_string_equal(tip_node_get(root, "level")->str, "b");
	assert_int_equal(tip_node_get(root, "level")->line, 2);
	assert_int_equal(tip_node_get(root, "title")->col, 8);
}

static void test_alias_refused(void **state)
{
	struct fixture *f = *state;
	load(f, "a: x\nb: *anchor\n");
	/* libyaml itself rejects an undefined alias; a defined one reaches our check */
	assert_null(f->doc);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "a: &v x\nb: *v\n");
	assert_null(f->doc);
	assert_int_equal(tip_diag_list_count(f->findings), 2);
	tip_diag_list_sort(f->findings);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->keyword, "yaml-anchor");
	assert_int_equal(tip_diag_list_get(f->findings, 0)->line, 1);
	assert_string_equal(tip_diag_list_get(f->findings, 1)->keyword, "yaml-alias");
	assert_int_equal(tip_diag_list_get(f->findings, 1)->line, 2);
	assert_int_equal(tip_diag_list_get(f->findings, 1)->col, 4);
}

/* The "billion laughs": each alias is refused, never expanded. */
static void test_alias_bomb_costs_nothing(void **state)
{
	struct fixture *f = *state;
	char text[4096] = "a: &a [x, x, x, x, x, x, x, x, x]\n";
	for (char c = 'b'; c <= 'j'; c++) {
		char line[128];
		snprintf(line, sizeof(line), "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
			c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
		strcat(text, line);
	}
	load(f, text);
	assert_null(f->doc);
	assert_int_equal(tip_diag_list_count(f->findings), 10 + 9 * 8);
}

static void test_duplicate_key_names_both_lines(void **state)
{
	struct fixture *f = *state;
	load(f, "title: a\nlevel: b\ntitle: c\n");
	assert_finding(f, "yaml-duplicate-key", 3, 1);
	const char *message = tip_diag_list_get(f->findings, 0)->message;
	assert_non_null(strstr(message, "\"title\""));
	assert_non_null(strstr(message, "line 1"));
	assert_non_null(strstr(message, "line 3"));
}

static void test_duplicate_keys_in_a_large_mapping(void **state)
{
	struct fixture *f = *state;
	char text[8192] = "";
	for (int i = 0; i < 200; i++) {
		char line[32];
		snprintf(line, sizeof(line), "k%d: %d\n", i, i);
		strcat(text, line);
	}
	strcat(text, "k17: again\n");
	load(f, text);
	assert_finding(f, "yaml-duplicate-key", 201, 1);
	assert_non_null(strstr(tip_diag_list_get(f->findings, 0)->message, "line 18"));
}

static void test_non_text_keys_refused(void **state)
{
	struct fixture *f = *state;
	load(f, "title: a\n12: b\n");
	assert_finding(f, "yaml-key-type", 2, 1);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "? [a, b]\n: c\n");
	assert_finding(f, "yaml-key-type", 1, 3);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	assert_non_null(load(f, "'12': quoted keys are text\n"));
}

static void test_custom_tag_refused(void **state)
{
	struct fixture *f = *state;
	load(f, "a: !secret x\n");
	assert_finding(f, "yaml-tag", 1, 4);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "a: !!python/object x\n");
	assert_finding(f, "yaml-tag", 1, 4);
}

static void test_several_documents_refused(void **state)
{
	struct fixture *f = *state;
	load(f, "a: 1\n---\nb: 2\n");
	assert_finding(f, "yaml-documents", 2, 1);
}

static void test_root_must_be_mapping(void **state)
{
	struct fixture *f = *state;
	load(f, "- a\n- b\n");
	assert_finding(f, "yaml-root", 1, 1);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "just text\n");
	assert_finding(f, "yaml-root", 1, 1);
}

static void test_empty_file_refused(void **state)
{
	struct fixture *f = *state;
	const char *empties[] = { "", "\n\n", "# only a comment\n", "---\n", NULL };
	for (size_t i = 0; empties[i]; i++) {
		tip_diag_list_free(f->findings);
		assert_null(tip_diag_list_new(&f->findings));
		load(f, empties[i]);
		assert_finding(f, "yaml-empty", 1, 1);
	}
}

static void test_invalid_utf8_refused(void **state)
{
	struct fixture *f = *state;
	const char *bad[] = { "a: \xff\n", "a: ok\nb: x\xc3\x28\n", "a: \xc0\xaf\n",
		"a: \xed\xa0\x80\n", "a: \xf4\x90\x80\x80\n", NULL };
	const unsigned lines[] = { 1, 2, 1, 1, 1 };
	const unsigned cols[] = { 4, 5, 4, 4, 4 };
	for (size_t i = 0; bad[i]; i++) {
		tip_diag_list_free(f->findings);
		assert_null(tip_diag_list_new(&f->findings));
		load(f, bad[i]);
		assert_finding(f, "yaml-utf8", lines[i], cols[i]);
	}
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	assert_non_null(load(f, "a: caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\n"));
}

static void test_nul_byte_refused(void **state)
{
	struct fixture *f = *state;
	load_opts(f, "a: x\nb: y\0z\n", 12, false);
	assert_finding(f, "yaml-nul", 2, 5);
}

static void test_tab_indentation_refused(void **state)
{
	struct fixture *f = *state;
	load(f, "a:\n\tb: 1\n");
	assert_finding(f, "yaml-tab", 2, 1);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "list:\n  - 1\n\t- 2\n");
	assert_finding(f, "yaml-tab", 3, 1);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	assert_non_null(load(f, "a: tabs\tinside text are fine\n"));
}

/* git's conflict markers at line starts: one finding per block, at its first line, naming its
 * lines, before libyaml's own complaint; markers inside text, or a block not closed, are not. */
static void test_conflict_markers_named(void **state)
{
	struct fixture *f = *state;
	load(f, "title: T\n<<<<<<< HEAD\nlevel: a\n||||||| base\nlevel: b\n=======\nlevel: c\n"
		">>>>>>> other\r\nminutes: 3\n");
	assert_finding(f, "conflict", 2, 1);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->message,
		"an unresolved merge conflict (lines 2-8): keep one side and remove the <<<<<<<, "
		"======= and >>>>>>> lines, or use your merge tool");
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	load(f, "<<<<<<<\na: 1\n=======\na: 2\n>>>>>>>\n<<<<<<< x\nb: 1\n=======\n>>>>>>> y");
	assert_int_equal(tip_diag_list_count(f->findings), 2);
	assert_int_equal(tip_diag_list_get(f->findings, 1)->line, 6);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	assert_non_null(load(f, "a: |\n  <<<<<<< x\n  =======\n  >>>>>>> y\nb: <<<<<<<\n"));
	assert_null(load(f, "<<<<<<<< no\na: 1\n=======\n>>>>>>> y\n"));
	assert_string_equal(tip_diag_list_get(f->findings, 0)->keyword, "yaml-syntax");
}

static void test_depth_bounded(void **state)
{
	struct fixture *f = *state;
	size_t n = 100000;
	char *text = malloc(n * 2 + 1);
	assert_non_null(text);
	for (size_t i = 0; i < n; i++) {
		text[i] = '[';
		text[n + i] = ']';
	}
	text[2 * n] = '\0';
	load_any(f, text);
	free(text);
	assert_finding(f, "yaml-depth", 1, TIP_YAML_MAX_DEPTH + 1);
	tip_diag_list_free(f->findings);
	assert_null(tip_diag_list_new(&f->findings));
	char ok[2 * TIP_YAML_MAX_DEPTH + 1];
	memset(ok, '[', TIP_YAML_MAX_DEPTH);
	memset(ok + TIP_YAML_MAX_DEPTH, ']', TIP_YAML_MAX_DEPTH);
	ok[2 * TIP_YAML_MAX_DEPTH] = '\0';
	assert_non_null(load_any(f, ok));
}

static void test_size_bounded(void **state)
{
	struct fixture *f = *state;
	tip_yaml_opts opts = { .max_bytes = 16, .finding = tip_diag_list_collect,
		.finding_ctx = f->findings };
	assert_null(tip_yaml_load(&f->doc, "title: seventeen!", 17, "t.yaml", &opts));
	assert_finding(f, "yaml-size", 1, 1);
}

static void test_size_bounded_file(void **state)
{
	struct fixture *f = *state;
	char path[] = "/tmp/tip-yaml-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t big = TIP_YAML_MAX_BYTES + 1;
	assert_int_equal(ftruncate(fd, (off_t)big), 0);
	close(fd);
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = f->findings };
	tip_error *err = tip_yaml_load_file(&f->doc, path, "t.yaml", &opts);
	unlink(path);
	assert_null(err);
	assert_finding(f, "yaml-size", 1, 1);
}

static void test_missing_file_is_an_error(void **state)
{
	struct fixture *f = *state;
	tip_error *err = tip_yaml_load_file(&f->doc, "/nonexistent/x.yaml", NULL, NULL);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "/nonexistent/x.yaml"));
	tip_error_free(err);
	assert_null(f->doc);
}

static void test_syntax_error_has_position(void **state)
{
	struct fixture *f = *state;
	load(f, "a: [1, 2\nb: 3\n");
	assert_null(f->doc);
	assert_int_equal(tip_diag_list_count(f->findings), 1);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->keyword, "yaml-syntax");
	assert_true(tip_diag_list_get(f->findings, 0)->line >= 1);
}

static void test_control_character_position(void **state)
{
	struct fixture *f = *state;
	load(f, "a: ok\nb: bad \x01 here\n");
	assert_finding(f, "yaml-syntax", 2, 8);
	assert_string_equal(tip_diag_list_get(f->findings, 0)->message,
		"control characters are not allowed");
}

static void test_equality_follows_json_schema(void **state)
{
	struct fixture *f = *state;
	const tip_node *root = load(f, "a: {x: 1, y: [1.0, b]}\nb: {y: [1, b], x: 1.0}\n"
				       "c: {x: 1}\nd: '1'\n");
	const tip_node *a = tip_node_get(root, "a"), *b = tip_node_get(root, "b");
	assert_true(tip_node_equal(a, b));
	assert_false(tip_node_equal(a, tip_node_get(root, "c")));
	assert_false(tip_node_equal(tip_node_get(root, "c")->pairs[0].value,
		tip_node_get(root, "d")));
}

/* Mappings with many keys, in the same order, reversed, and differing by one key or value
 * (past 16 keys out of place the keys are sorted rather than looked for one by one). */
static void test_equality_of_large_mappings(void **state)
{
	struct fixture *f = *state;
	char text[4096];
	size_t k = 0;
	const char *const names[] = { "same", "reversed", "other-value", "other-key" };
	for (size_t m = 0; m < 4; m++) {
		k += (size_t)snprintf(text + k, sizeof(text) - k, "%s: {", names[m]);
		for (size_t i = 0; i < 40; i++) {
			size_t key = m == 1 || m == 3 ? 39 - i : i;
			k += (size_t)snprintf(text + k, sizeof(text) - k, "%sk%zu%s: %zu", i ? ", " : "",
				key, m == 3 && key == 20 ? "x" : "", m == 2 && key == 30 ? 0 : key);
		}
		k += (size_t)snprintf(text + k, sizeof(text) - k, "}\n");
	}
	const tip_node *root = load(f, text);
	const tip_node *same = tip_node_get(root, "same");
	assert_true(tip_node_equal(same, same));
	assert_true(tip_node_equal(same, tip_node_get(root, "reversed")));
	assert_true(tip_node_equal(tip_node_get(root, "reversed"), same));
	assert_false(tip_node_equal(same, tip_node_get(root, "other-value")));
	assert_false(tip_node_equal(tip_node_get(root, "other-key"), same));
	assert_false(tip_node_equal(tip_node_get(root, "reversed"), tip_node_get(root, "other-key")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mapping_with_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_core_schema_resolution, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quoted_and_block_scalars_are_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_document, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_surrogate_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crlf_and_bom_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alias_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_alias_bomb_costs_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_key_names_both_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_keys_in_a_large_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_equality_of_large_mappings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_non_text_keys_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_custom_tag_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_several_documents_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_root_must_be_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nul_byte_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tab_indentation_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_depth_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_bounded, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_bounded_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error_has_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_markers_named, setup, teardown),
		cmocka_unit_test_setup_teardown(test_control_character_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_equality_follows_json_schema, setup, teardown),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
