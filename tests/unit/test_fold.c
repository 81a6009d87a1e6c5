/* Unit tests for folding (lib/util/fold.c): case and accents do not count, compatibility
 * forms fold to their plain letters, bytes that are not UTF-8 stay, and the map back to the
 * source text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "fold.h"

static void assert_folds(const char *text, const char *expected)
{
	tip_folded f;
	tip_error *err = tip_fold(&f, text, strlen(text), false);
	if (err)
		fail_msg("%s", tip_error_message(err));
	assert_string_equal(f.text, expected);
	assert_int_equal(f.len, strlen(expected));
	tip_folded_dispose(&f);
}

static void test_case_and_accents(void **state)
{
	(void)state;
	assert_folds("Café", "cafe");
	assert_folds("CAFÉ", "cafe");
	assert_folds("cafe\xcc\x81", "cafe"); /* e and a combining acute accent */
	assert_folds("Straße", "strasse");
	assert_folds("ÅNGSTRÖM Ñandú", "angstrom nandu");
	assert_folds("ΣΟΦΊΑ", "σοφια");
	assert_folds("", "");
}

static void test_compatibility_forms(void **state)
{
	(void)state;
	assert_folds("\xef\xac\x81le", "file");       /* the fi ligature */
	assert_folds("\xef\xbd\x86ull", "full");      /* a full-width f */
}

static void test_not_utf8_kept(void **state)
{
	(void)state;
	assert_folds("A\xff" "B", "a\xff" "b");
	assert_folds("\xc3", "\xc3");
}

static void test_origin(void **state)
{
	(void)state;
	const char *text = "Xé ß!";
	tip_folded f;
	assert_null(tip_fold(&f, text, strlen(text), true));
	assert_string_equal(f.text, "xe ss!");
	size_t expected[] = { 0, 1, 3, 4, 4, 6, 7 };
	for (size_t i = 0; i <= f.len; i++)
		assert_int_equal(f.origin[i], expected[i]);
	tip_folded_dispose(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_and_accents),
		cmocka_unit_test(test_compatibility_forms),
		cmocka_unit_test(test_not_utf8_kept),
		cmocka_unit_test(test_origin),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
