/* Unit tests for "did you mean" (lib/util/suggest.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "suggest.h"

static void assert_suggests(const char *word, const char *const *names, size_t count,
	const char *expected)
{
	tip_suggestions s;
	char text[256];
	tip_suggest_among(&s, word, names, count);
	assert_string_equal(tip_suggest_text(text, sizeof(text), &s, '\''), expected);
}

#define SUGGESTS(word, expected, ...)                                                      \
	do {                                                                                \
		static const char *const names_[] = { __VA_ARGS__ };                        \
		assert_suggests(word, names_, sizeof(names_) / sizeof(names_[0]), expected); \
	} while (0)

static void test_a_slip(void **state)
{
	(void)state;
	SUGGESTS("courses", ": did you mean 'course'?", "action", "champion", "course",
		"definition");
	SUGGESTS("ace", ": did you mean 'aces'?", "aces", "cla", "cbc", "cpd");
	SUGGESTS("availble", ": did you mean 'available'?", "available", "in-development",
		"planned", "retired");
	SUGGESTS("statsu", ": did you mean 'status'?", "title", "status", "notes");
	SUGGESTS("Course", ": did you mean 'course'?", "course", "champion");
}

static void test_what_holds_the_word(void **state)
{
	(void)state;
	SUGGESTS("wave", ": did you mean 'wave-trust-training'?", "attachment-aware",
		"wave-trust-training", "cbc");
	SUGGESTS("traum", ": did you mean 'trauma', 'trauma-informed-practice' or "
			   "'re-traumatisation'?",
		"re-traumatisation", "trauma-informed-practice", "trauma", "aces");
}

static void test_closest_first_at_most_three(void **state)
{
	(void)state;
	/* a slip beats a name that starts with the word, which beats one that holds it */
	SUGGESTS("level", ": did you mean 'levels', 'level-status' or 'the-level'?",
		"the-level", "level-status", "levels");
	SUGGESTS("abc", ": did you mean 'abc-1', 'abc-2' or 'abc-3'?", "abc-1", "abc-2",
		"abc-3", "abc-4");
}

static void test_nothing_close(void **state)
{
	(void)state;
	SUGGESTS("expert", "", "informed", "skilled", "enhanced", "specialist");
	SUGGESTS("x", "", "a", "xy", "y");
	SUGGESTS("ab", "", "abc", "ba-x");
	SUGGESTS("course", "", "course"); /* the word itself is no suggestion */
	tip_suggestions s;
	char text[256];
	tip_suggest_among(&s, "anything", NULL, 0);
	assert_string_equal(tip_suggest_text(text, sizeof(text), &s, '"'), "");
}

static void test_quotes(void **state)
{
	(void)state;
	static const char *const names[] = { "aces" };
	tip_suggestions s;
	char text[256];
	tip_suggest_among(&s, "ace", names, 1);
	assert_string_equal(tip_suggest_text(text, sizeof(text), &s, '"'),
		": did you mean \"aces\"?");
	assert_string_equal(tip_suggest_text(text, sizeof(text), &s, 0), ": did you mean aces?");
	/* no room: nothing rather than half a suggestion */
	assert_string_equal(tip_suggest_text(text, 10, &s, 0), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_slip),
		cmocka_unit_test(test_what_holds_the_word),
		cmocka_unit_test(test_closest_first_at_most_three),
		cmocka_unit_test(test_nothing_close),
		cmocka_unit_test(test_quotes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
