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

/* Whether the regex matches anywhere in len bytes of subject (an unanchored search). A subject
 * that is not valid UTF-8 counts as no match. A pattern that backtracks catastrophically on
 * this subject ("(a|a)+b" on many a's) gives TIP_REGEX_TOO_COSTLY, which is no verdict: the
 * caller must say that the value could not be checked. */
tip_regex_result tip_regex_search(const tip_regex *re, tip_regex_scratch *scratch,
	const char *subject, size_t len);

#endif
