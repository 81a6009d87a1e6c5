/* lib/parallel: every item once, each worker with its own context, the first error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "parallel.h"

enum { ITEMS = 10000 };

struct tally {
	unsigned char *seen; /* shared: each item is written by the one worker that got it */
	size_t done;         /* this worker's items */
	size_t fail_at;      /* an item that fails, or ITEMS for none */
};

static tip_error *visit(void *context, size_t item)
{
	struct tally *t = context;
	if (item == t->fail_at)
		return tip_error_new("item %zu failed", item);
	t->seen[item]++;
	t->done++;
	return NULL;
}

static void run(size_t workers, size_t fail_at, tip_error **err, size_t *done, size_t *seen)
{
	unsigned char *marks = calloc(ITEMS, 1);
	assert_non_null(marks);
	struct tally tallies[TIP_PARALLEL_MAX_WORKERS];
	void *contexts[TIP_PARALLEL_MAX_WORKERS];
	for (size_t w = 0; w < workers; w++) {
		tallies[w] = (struct tally){ marks, 0, fail_at };
		contexts[w] = &tallies[w];
	}
	*err = tip_parallel_for(ITEMS, workers, contexts, visit);
	*done = 0;
	for (size_t w = 0; w < workers; w++)
		*done += tallies[w].done;
	*seen = 0;
	for (size_t i = 0; i < ITEMS; i++) {
		assert_true(marks[i] <= 1);
		*seen += marks[i];
	}
	free(marks);
}

static void test_every_item_once(void **state)
{
	(void)state;
	const size_t counts[] = { 1, 2, 3, 8, TIP_PARALLEL_MAX_WORKERS };
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		tip_error *err;
		size_t done, seen;
		run(counts[k], ITEMS, &err, &done, &seen);
		assert_null(err);
		assert_int_equal(done, ITEMS);
		assert_int_equal(seen, ITEMS);
	}
}

static void test_first_error_stops(void **state)
{
	(void)state;
	tip_error *err;
	size_t done, seen;
	run(4, 5000, &err, &done, &seen);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err), "item 5000 failed");
	tip_error_free(err);
	assert_true(done < ITEMS);
	assert_int_equal(done, seen);
}

static void test_no_items(void **state)
{
	(void)state;
	struct tally t = { NULL, 0, ITEMS };
	void *contexts[] = { &t, &t };
	assert_null(tip_parallel_for(0, 2, contexts, visit));
	assert_int_equal(t.done, 0);
}

static void test_workers_from_tip_jobs(void **state)
{
	(void)state;
	size_t n;
	setenv("TIP_JOBS", "3", 1);
	assert_null(tip_parallel_workers(&n, 100));
	assert_int_equal(n, 3);
	assert_null(tip_parallel_workers(&n, 2));
	assert_int_equal(n, 2); /* never more workers than items */
	assert_null(tip_parallel_workers(&n, 0));
	assert_int_equal(n, 1);
	const char *bad[] = { "0", "65", "2x", "-1", "many" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("TIP_JOBS", bad[i], 1);
		tip_error *err = tip_parallel_workers(&n, 100);
		assert_non_null(err);
		tip_error_free(err);
	}
	unsetenv("TIP_JOBS");
	assert_null(tip_parallel_workers(&n, 1000));
	assert_true(n >= 1 && n <= TIP_PARALLEL_MAX_WORKERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item_once),
		cmocka_unit_test(test_first_error_stops),
		cmocka_unit_test(test_no_items),
		cmocka_unit_test(test_workers_from_tip_jobs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
