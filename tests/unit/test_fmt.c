/* Unit tests for formatting one record's text (tip_fmt_text in lib/fmt.c): the canonical
 * text, files that do not load, and telling comments from '#' inside text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fmt.h"

struct result {
	bool formatted;
	char text[1024];
	char findings[1024]; /* "line:col keyword; " for each finding */
};

static void format(struct result *r, const char *text)
{
	tip_buf out = TIP_BUF_INIT;
	tip_diag_list *findings = NULL;
	assert_null(tip_diag_list_new(&findings));
	tip_error *err = tip_fmt_text(&out, &r->formatted, text, strlen(text), "r.yaml", NULL,
		findings);
	if (err)
		fail_msg("for:\n%s\nerror: %s", text, tip_error_message(err));
	snprintf(r->text, sizeof(r->text), "%s", tip_buf_str(&out));
	r->findings[0] = '\0';
	for (size_t i = 0; i < tip_diag_list_count(findings); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		assert_string_equal(f->file, "r.yaml");
		size_t n = strlen(r->findings);
		snprintf(r->findings + n, sizeof(r->findings) - n, "%u:%u %s; ", f->line, f->col,
			f->keyword);
	}
	tip_diag_list_free(findings);
	tip_buf_dispose(&out);
}

/* Asserts the comments found in text, as "line:col comment; " each ("" = none). */
static void assert_comments(const char *text, const char *expected)
{
	struct result r;
	format(&r, text);
	if (strcmp(r.findings, expected) != 0)
		fail_msg("for:\n%s\nexpected findings \"%s\", got \"%s\"", text, expected, r.findings);
	assert_int_equal(r.formatted, expected[0] == '\0');
	if (!r.formatted)
		assert_string_equal(r.text, "");
}

static void test_comments(void **state)
{
	(void)state;
	assert_comments("a: 1 # c\n", "1:6 comment; ");
	assert_comments("# top\na: 1\n", "1:1 comment; ");
	assert_comments("a: b\n#\n", "2:1 comment; ");
	assert_comments("a:\n  - x # c\n  - y\n", "2:7 comment; ");
	assert_comments("a: [x, # c\n  y]\n", "1:8 comment; ");
	assert_comments("a: \"é\" # c\n", "1:8 comment; ");
	assert_comments("a: 1\t# c\n", "1:6 comment; ");
	assert_comments("a: 1 # c\r\nb: 2 # d\r\n", "1:6 comment; 2:6 comment; ");
	assert_comments("\xEF\xBB\xBF# c\na: 1\n", "1:1 comment; ");
	assert_comments("a: .nan # not a number\n", "1:9 comment; ");
	assert_comments("a: |\n  b\n# after the block\n", "3:1 comment; ");
	assert_comments("a: 'x # y' # z\n", "1:12 comment; ");
	assert_comments("a: 1 # c # d\n# e # f\n", "1:6 comment; 2:1 comment; ");
	assert_comments("a: 'x # y' # z # w\n", "1:12 comment; ");
	/* '#' that is text */
	assert_comments("a: x#y\n", "");
	assert_comments("a: 'x # y'\n", "");
	assert_comments("a: \"x # y\"\n", "");
	assert_comments("a: |\n  # heading\n  b\n", "");
	assert_comments("a: |\n  b\n  # inside\n", "");
	assert_comments("a: >\n  folded # text\n", "");
	assert_comments("a: 'two\n  # lines'\n", "");
	assert_comments("a: \"two\n  # lines\"\n", "");
	assert_comments("'# key': 1\n", "");
	assert_comments("a: '#'\n", "");
}

static void test_canonical_text(void **state)
{
	(void)state;
	struct result r;
	format(&r, "b: [1, 'yes', 2021-09-01]\na: {c: \"x\\ny\\n\"}\n");
	assert_true(r.formatted);
	assert_string_equal(r.text,
		"b:\n  - 1\n  - 'yes'\n  - '2021-09-01'\na:\n  c: |\n    x\n    y\n");
	assert_string_equal(r.findings, "");
	format(&r, "\xEF\xBB\xBF" "a: 1\r\n");
	assert_true(r.formatted);
	assert_string_equal(r.text, "a: 1\n");
}

static void test_files_that_do_not_load(void **state)
{
	(void)state;
	struct result r;
	format(&r, "a: [1\nb: 2\n");
	assert_false(r.formatted);
	assert_string_equal(r.findings, "2:2 yaml-syntax; ");
	format(&r, "a: 1\na: 2\n");
	assert_false(r.formatted);
	assert_string_equal(r.findings, "2:1 yaml-duplicate-key; ");
	format(&r, "- a\n");
	assert_false(r.formatted);
	assert_string_equal(r.findings, "1:1 yaml-root; ");
	format(&r, "");
	assert_false(r.formatted);
	assert_string_equal(r.findings, "1:1 yaml-empty; ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_canonical_text),
		cmocka_unit_test(test_files_that_do_not_load),
	};
	return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
