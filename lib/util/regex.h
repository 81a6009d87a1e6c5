/* Regular expressions for JSON Schema's `pattern` and `patternProperties`, on PCRE2 set up to
 * behave as close to ECMA-262 as it can: UTF-8, `$` only at the very end, `\uXXXX` escapes, and
 * ASCII-only `\d` `\w` `\s` classes as in JavaScript without the `u` flag's Unicode sets. */
#ifndef TIP_REGEX_H
#define TIP_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct tip_regex tip_regex;

/* Compiles len bytes of pattern (JIT-compiled when the platform allows). A pattern that does
 * not compile is an error naming the pattern and the offset of the problem. */
tip_error *tip_regex_compile(tip_regex **out, const char *pattern, size_t len);
void tip_regex_free(tip_regex *re);

/* Scratch space for matching; one per thread (or per validation) so that a compiled regex can
 * be shared between threads. */
typedef struct tip_regex_scratch tip_regex_scratch;

tip_regex_scratch *tip_regex_scratch_new(void);
void tip_regex_scratch_free(tip_regex_scratch *scratch);

typedef enum tip_regex_result {
	TIP_REGEX_NO_MATCH,
	TIP_REGEX_MATCH,
	TIP_REGEX_TOO_COSTLY, /* the search hit PCRE2's backtracking limits: no answer either way */
} tip_regex_result;

/* The most matching work one search may do: PCRE2's own default match limit. */
#define TIP_REGEX_MAX_WORK ((size_t)10 * 1000 * 1000)

/* Whether the regex matches anywhere in len bytes of subject (an unanchored search), doing at
 * most max_work units of PCRE2's matching work (its match limit; 0 or more than
 * TIP_REGEX_MAX_WORK = TIP_REGEX_MAX_WORK). A subject that is not valid UTF-8 counts as no
 * match. A pattern that backtracks catastrophically on this subject ("(a|a)+b" on many a's)
 * gives TIP_REGEX_TOO_COSTLY, which is no verdict: the caller must say that the value could
 * not be checked.
 *
 * PCRE2 does not tell the work a search did, so the search starts with a small limit and is
 * run again with ten times the limit while it runs out, the limits tried adding up to at most
 * max_work: *work receives their sum, which is at least the work done and, past the first
 * small limit, at most about eleven times it. Callers add it up to bound the work of many
 * searches. */
tip_regex_result tip_regex_search(const tip_regex *re, tip_regex_scratch *scratch,
	const char *subject, size_t len, size_t max_work, size_t *work);

#endif
