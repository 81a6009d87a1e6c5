#include "parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

tip_error *tip_parallel_workers(size_t *out, size_t count)
{
	long n;
	const char *jobs = getenv("TIP_JOBS");
	if (jobs && *jobs) {
		char *end;
		n = strtol(jobs, &end, 10);
		if (*end || n < 1 || n > TIP_PARALLEL_MAX_WORKERS)
			return tip_error_usage("TIP_JOBS must be a whole number from 1 to %d, "
					       "not '%s'", TIP_PARALLEL_MAX_WORKERS, jobs);
	} else {
		n = sysconf(_SC_NPROCESSORS_ONLN);
		if (n < 1)
			n = 1;
		if (n > TIP_PARALLEL_MAX_WORKERS)
			n = TIP_PARALLEL_MAX_WORKERS;
	}
	*out = (size_t)n < count ? (size_t)n : count ? count : 1;
	return NULL;
}

struct shared {
	size_t count;
	tip_parallel_fn fn;
	atomic_size_t next;  /* the next item to hand out */
	atomic_bool stopped; /* an item failed: hand out no more */
};

struct worker {
	struct shared *shared;
	void *context;
	tip_error *err; /* this worker's first failure */
	pthread_t thread;
	bool started;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *s = w->shared;
	while (!atomic_load(&s->stopped)) {
		size_t item = atomic_fetch_add(&s->next, 1);
		if (item >= s->count)
			break;
		if ((w->err = s->fn(w->context, item))) {
			atomic_store(&s->stopped, true);
			break;
		}
	}
	return NULL;
}

tip_error *tip_parallel_for(size_t count, size_t workers, void *const *contexts,
	tip_parallel_fn fn)
{
	struct shared shared = { .count = count, .fn = fn };
	atomic_init(&shared.next, 0);
	atomic_init(&shared.stopped, false);
	if (workers < 1)
		workers = 1;
	struct worker *w = calloc(workers, sizeof(*w));
	if (!w)
		return tip_error_nomem();
	for (size_t i = 0; i < workers; i++)
		w[i] = (struct worker){ .shared = &shared, .context = contexts[i] };
	for (size_t i = 1; i < workers; i++)
		w[i].started = pthread_create(&w[i].thread, NULL, work, &w[i]) == 0;
	work(&w[0]);
	tip_error *err = w[0].err;
	for (size_t i = 1; i < workers; i++) {
		if (w[i].started)
			pthread_join(w[i].thread, NULL);
		if (!err)
			err = w[i].err;
		else
			tip_error_free(w[i].err);
	}
	free(w);
	return err;
}
