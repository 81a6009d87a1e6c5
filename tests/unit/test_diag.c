/* Unit tests for findings and their formats (lib/diag.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "diag.h"

static int setup(void **state)
{
	tip_diag_list *list;
	assert_null(tip_diag_list_new(&list));
	*state = list;
	return 0;
}

static int teardown(void **state)
{
	tip_diag_list_free(*state);
	return 0;
}

static void add(tip_diag_list *list, const char *file, unsigned line, unsigned col,
	const char *keyword, const char *message)
{
	assert_null(tip_diag_list_addf(list, file, line, col, "/p", keyword, "%s", message));
}

static void assert_rendered(tip_diag_list *list, tip_diag_format format, const char *expected)
{
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_diag_list_render(&out, list, format));
	assert_string_equal(tip_buf_str(&out), expected);
	tip_buf_dispose(&out);
}

static void test_sorted_by_file_line_col_and_deduplicated(void **state)
{
	tip_diag_list *list = *state;
	add(list, "b.yaml", 1, 1, "type", "second file");
	add(list, "a.yaml", 10, 2, "enum", "later line");
	add(list, "a.yaml", 2, 9, "enum", "later column");
	add(list, "a.yaml", 2, 3, "required", "first");
	add(list, "a.yaml", 2, 3, "required", "first");
	tip_diag_list_sort(list);
	assert_int_equal(tip_diag_list_count(list), 4);
	assert_string_equal(tip_diag_list_get(list, 0)->message, "first");
	assert_string_equal(tip_diag_list_get(list, 1)->message, "later column");
	assert_string_equal(tip_diag_list_get(list, 2)->message, "later line");
	assert_string_equal(tip_diag_list_get(list, 3)->message, "second file");
	assert_null(tip_diag_list_get(list, 4));
}

static void test_text_format(void **state)
{
	tip_diag_list *list = *state;
	add(list, "records/a.yaml", 3, 7, "enum", "\"x\" is not one of a, b");
	add(list, "records/b.yaml", 0, 0, "id", "bad id");
	assert_rendered(list, TIP_DIAG_TEXT,
		"records/a.yaml:3:7: error: \"x\" is not one of a, b [enum]\n"
		"records/b.yaml: error: bad id [id]\n");
}

static void test_json_format_escapes(void **state)
{
	tip_diag_list *list = *state;
	add(list, "a\"b.yaml", 1, 2, "type", "tab\there\nnewline \\ back");
	assert_rendered(list, TIP_DIAG_JSON,
		"{\"format\":1,\"findings\":[\n"
		"  {\"file\": \"a\\\"b.yaml\", \"line\": 1, \"column\": 2, \"severity\": \"error\", "
		"\"keyword\": \"type\", \"path\": \"/p\", "
		"\"message\": \"tab\\there\\nnewline \\\\ back\"}\n]}\n");
}

static void test_json_format_empty(void **state)
{
	assert_rendered(*state, TIP_DIAG_JSON, "{\"format\":1,\"findings\":[]}\n");
}

static void test_github_format_escapes(void **state)
{
	tip_diag_list *list = *state;
	add(list, "dir,x/a:b.yaml", 4, 5, "enum", "100% wrong: a, b\nnext");
	assert_rendered(list, TIP_DIAG_GITHUB,
		"::error file=dir%2Cx/a%3Ab.yaml,line=4,col=5,title=enum::100%25 wrong: a, b%0Anext\n");
}

/* Column 0 (the whole line) and line 0 (the whole file) leave out what they do not know. */
static void test_github_format_without_column_or_line(void **state)
{
	tip_diag_list *list = *state;
	add(list, "a.yaml", 3, 0, "fmt", "not canonical");
	add(list, "b.yaml", 0, 0, "layout", "misplaced");
	assert_rendered(list, TIP_DIAG_GITHUB,
		"::error file=a.yaml,line=3,title=fmt::not canonical\n"
		"::error file=b.yaml,title=layout::misplaced\n");
}

static void test_warning_severity(void **state)
{
	tip_diag_list *list = *state;
	tip_finding f = { "a.yaml", 1, 1, "", "lint", "soft", TIP_SEVERITY_WARNING };
	tip_diag_list_collect(list, &f);
	assert_null(tip_diag_list_error(list));
	assert_int_equal(tip_diag_list_count_severity(list, TIP_SEVERITY_WARNING), 1);
	assert_int_equal(tip_diag_list_count_severity(list, TIP_SEVERITY_ERROR), 0);
	assert_rendered(list, TIP_DIAG_TEXT, "a.yaml:1:1: warning: soft [lint]\n");
}

static void test_format_names(void **state)
{
	(void)state;
	tip_diag_format format;
	assert_null(tip_diag_format_parse(&format, "github"));
	assert_int_equal(format, TIP_DIAG_GITHUB);
	tip_error *err = tip_diag_format_parse(&format, "xml");
	assert_non_null(err);
	assert_string_equal(tip_error_message(err),
		"unknown format 'xml' (expected text, json or github)");
	tip_error_free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sorted_by_file_line_col_and_deduplicated, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_text_format, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_format_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_format_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_github_format_without_column_or_line, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_github_format_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warning_severity, setup, teardown),
		cmocka_unit_test(test_format_names),
	};
	return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
