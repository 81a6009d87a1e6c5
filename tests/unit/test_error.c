/* Unit tests for error objects (lib/error.c): messages, the code each constructor gives, that
 * wrapping keeps the code, and NULL as no error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static void test_new_is_failed(void **state)
{
	(void)state;
	tip_error *err = tip_error_new("cannot %s", "do it");
	assert_string_equal(tip_error_message(err), "cannot do it");
	assert_int_equal(tip_error_get_code(err), TIP_EFAILED);
	assert_true(tip_error_is(err, TIP_EFAILED));
	assert_false(tip_error_is(err, TIP_ENOTFOUND));
	tip_error_free(err);
}

static void test_coded(void **state)
{
	(void)state;
	const tip_error_code codes[] = { TIP_EFAILED, TIP_ENOTFOUND, TIP_EINVALID, TIP_ECONFLICT,
		TIP_EUSAGE, TIP_ELIMIT, TIP_EIO, TIP_EGIT, TIP_ENOMEM };
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		tip_error *err = tip_error_coded(codes[i], "there is no %s '%s'", "note", "a");
		assert_string_equal(tip_error_message(err), "there is no note 'a'");
		assert_int_equal(tip_error_get_code(err), codes[i]);
		assert_true(tip_error_is(err, codes[i]));
		tip_error_free(err);
	}
}

static void test_from_errno(void **state)
{
	(void)state;
	struct { int e; tip_error_code code; } cases[] = {
		{ ENOENT, TIP_ENOTFOUND }, { EACCES, TIP_EIO }, { EIO, TIP_EIO },
		{ ENOMEM, TIP_ENOMEM },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		errno = cases[i].e;
		tip_error *err = tip_error_from_errno("cannot read '%s'", "x");
		char expected[256];
		snprintf(expected, sizeof(expected), "cannot read 'x': %s", strerror(cases[i].e));
		assert_string_equal(tip_error_message(err), expected);
		assert_int_equal(tip_error_get_code(err), cases[i].code);
		tip_error_free(err);
	}
}

static void test_wrap_keeps_code(void **state)
{
	(void)state;
	tip_error *err = tip_error_coded(TIP_ECONFLICT, "the branch moved");
	err = tip_error_wrap(err, "cannot commit %d file%s", 2, "s");
	assert_string_equal(tip_error_message(err), "cannot commit 2 files: the branch moved");
	assert_true(tip_error_is(err, TIP_ECONFLICT));
	tip_error_free(err);
}

static void test_nomem_and_null(void **state)
{
	(void)state;
	tip_error *err = tip_error_nomem();
	assert_string_equal(tip_error_message(err), "out of memory");
	assert_true(tip_error_is(err, TIP_ENOMEM));
	err = tip_error_wrap(err, "cannot load");
	assert_ptr_equal(err, tip_error_nomem());
	tip_error_free(err);
	assert_int_equal(tip_error_get_code(NULL), TIP_OK);
	assert_true(tip_error_is(NULL, TIP_OK));
	assert_false(tip_error_is(NULL, TIP_ENOTFOUND));
	assert_string_equal(tip_error_message(NULL), "no error");
}

static void test_catch(void **state)
{
	(void)state;
	tip_error *err = tip_error_not_found("there is no note 'a'");
	assert_false(tip_error_catch(&err, TIP_ECONFLICT));
	assert_non_null(err);
	assert_true(tip_error_catch(&err, TIP_ENOTFOUND));
	assert_null(err);
	assert_false(tip_error_catch(&err, TIP_ENOTFOUND));
	assert_null(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_is_failed),
		cmocka_unit_test(test_coded),
		cmocka_unit_test(test_from_errno),
		cmocka_unit_test(test_wrap_keeps_code),
		cmocka_unit_test(test_nomem_and_null),
		cmocka_unit_test(test_catch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
