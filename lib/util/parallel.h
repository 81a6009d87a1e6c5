/* Work spread over the machine's processors: items handed out one at a time to a few worker
 * threads, each with its own context, so that a slow item holds no other back. For reading,
 * parsing and checking thousands of record files at once (tip validate). */
#ifndef TIP_PARALLEL_H
#define TIP_PARALLEL_H

#include <stddef.h>

#include "error.h"

enum { TIP_PARALLEL_MAX_WORKERS = 64 };

/* How many workers to use for count items: TIP_JOBS when it is set (a whole number from 1 to
 * TIP_PARALLEL_MAX_WORKERS; anything else is an error naming it), else the processors online;
 * never more than count (at least 1). */
tip_error *tip_parallel_workers(size_t *out, size_t count);

/* Does the work of one item with the context of the worker doing it. */
typedef tip_error *(*tip_parallel_fn)(void *worker_context, size_t item);

/* Calls fn(contexts[w], i) once for every i < count, from `workers` threads (the calling thread
 * is one of them) in no particular order; worker w always passes contexts[w], so what a worker
 * gathers needs no lock. After the first error no more items are handed out; that error is
 * returned and any later ones freed. A thread that cannot be started leaves its share to the
 * others. */
tip_error *tip_parallel_for(size_t count, size_t workers, void *const *contexts,
	tip_parallel_fn fn);

#endif
