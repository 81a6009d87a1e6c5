#include "regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* PCRE2's JIT code reads the subject a word at a time, past its end into bytes that are
 * allocated but never written; the answer does not depend on them, but valgrind reports every
 * such read. Under valgrind the interpreter is used instead, when valgrind's header is there
 * to tell. */
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() (RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() false
#endif

struct tip_regex {
	pcre2_code *code;
};

struct tip_regex_scratch {
	pcre2_match_data *match;
	pcre2_match_context *limits;
};

/* PCRE2_ALT_BSUX: \uXXXX is a code point and \U, \u without hex are literal letters, as in
 * ECMAScript. No PCRE2_UCP, so \d, \w and \b stay ASCII like ECMAScript's. */
enum { REGEX_OPTIONS = PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_BSUX };

/* ECMAScript writes General_Category values long or short, optionally as gc=X or
 * General_Category=X; PCRE2 (before 10.43) only knows the short names. */
static const char *const category_names[][2] = {
	{ "Cased_Letter", "LC" }, { "Close_Punctuation", "Pe" },
	{ "Connector_Punctuation", "Pc" }, { "Control", "Cc" }, { "cntrl", "Cc" },
	{ "Currency_Symbol", "Sc" }, { "Dash_Punctuation", "Pd" }, { "Decimal_Number", "Nd" },
	{ "digit", "Nd" }, { "Enclosing_Mark", "Me" }, { "Final_Punctuation", "Pf" },
	{ "Format", "Cf" }, { "Initial_Punctuation", "Pi" }, { "Letter", "L" },
	{ "Letter_Number", "Nl" }, { "Line_Separator", "Zl" }, { "Lowercase_Letter", "Ll" },
	{ "Mark", "M" }, { "Combining_Mark", "M" }, { "Math_Symbol", "Sm" },
	{ "Modifier_Letter", "Lm" }, { "Modifier_Symbol", "Sk" }, { "Nonspacing_Mark", "Mn" },
	{ "Number", "N" }, { "Open_Punctuation", "Ps" }, { "Other", "C" },
	{ "Other_Letter", "Lo" }, { "Other_Number", "No" }, { "Other_Punctuation", "Po" },
	{ "Other_Symbol", "So" }, { "Paragraph_Separator", "Zp" }, { "Private_Use", "Co" },
	{ "Punctuation", "P" }, { "punct", "P" }, { "Separator", "Z" },
	{ "Space_Separator", "Zs" }, { "Spacing_Mark", "Mc" }, { "Surrogate", "Cs" },
	{ "Symbol", "S" }, { "Titlecase_Letter", "Lt" }, { "Unassigned", "Cn" },
	{ "Uppercase_Letter", "Lu" },
};

/* The name PCRE2 reads for the property written in name[0..n): *out, *out_len. False to keep
 * it as written. */
static bool short_category(const char *name, size_t n, const char **out, size_t *out_len)
{
	const char *eq = memchr(name, '=', n);
	if (eq) {
		size_t k = (size_t)(eq - name);
		bool gc = (k == 2 && memcmp(name, "gc", 2) == 0) ||
			(k == 16 && memcmp(name, "General_Category", 16) == 0);
		if (!gc)
			return false;
		n -= k + 1;
		name = eq + 1;
	}
	*out = name; /* gc=Lu: the short name itself, without the prefix PCRE2 does not read */
	*out_len = n;
	for (size_t i = 0; i < sizeof(category_names) / sizeof(category_names[0]); i++) {
		if (strlen(category_names[i][0]) == n && memcmp(category_names[i][0], name, n) == 0) {
			*out = category_names[i][1];
			*out_len = strlen(*out);
			return true;
		}
	}
	return eq != NULL;
}

/* Copies pattern into out (room for len + 1 bytes: names only get shorter), rewriting
 * \p{Long_Name} and \p{gc=X} into the short names PCRE2 reads. Other escapes are copied
 * untouched. */
static size_t translate(char *out, const char *p, size_t len)
{
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		out[k++] = p[i];
		if (p[i] != '\\' || i + 1 >= len)
			continue;
		out[k++] = p[++i];
		if ((p[i] != 'p' && p[i] != 'P') || i + 1 >= len || p[i + 1] != '{')
			continue;
		const char *close = memchr(p + i + 2, '}', len - i - 2);
		const char *name;
		size_t n;
		if (!close || !short_category(p + i + 2, (size_t)(close - (p + i + 2)), &name, &n))
			continue;
		out[k++] = '{';
		memcpy(out + k, name, n);
		k += n;
		out[k++] = '}';
		i = (size_t)(close - p);
	}
	return k;
}

tip_error *tip_regex_compile(tip_regex **out, const char *pattern, size_t len)
{
	*out = NULL;
	int code = 0;
	PCRE2_SIZE offset = 0;
	char *translated = malloc(len + 1);
	if (!translated)
		return tip_error_nomem();
	size_t tlen = translate(translated, pattern, len);
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)translated, tlen, REGEX_OPTIONS, &code, &offset,
		NULL);
	free(translated);
	if (!re) {
		PCRE2_UCHAR msg[256];
		if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
			msg[0] = '\0';
		return tip_error_invalid("invalid regular expression \"%.*s\": %s at offset %zu",
			(int)len, pattern, (const char *)msg, (size_t)offset);
	}
	/* JIT is an optimisation only: when it is unavailable the interpreter gives the same
	 * answers, so a failure here is not worth reporting. */
	if (!UNDER_VALGRIND())
		(void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	tip_regex *r = malloc(sizeof(*r));
	if (!r) {
		pcre2_code_free(re);
		return tip_error_nomem();
	}
	r->code = re;
	*out = r;
	return NULL;
}

void tip_regex_free(tip_regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re);
}

tip_regex_scratch *tip_regex_scratch_new(void)
{
	tip_regex_scratch *s = malloc(sizeof(*s));
	if (!s)
		return NULL;
	/* One pair of offsets is enough: only whether there is a match matters. */
	s->match = pcre2_match_data_create(1, NULL);
	s->limits = pcre2_match_context_create(NULL);
	if (!s->match || !s->limits) {
		tip_regex_scratch_free(s);
		return NULL;
	}
	return s;
}

void tip_regex_scratch_free(tip_regex_scratch *scratch)
{
	if (!scratch)
		return;
	pcre2_match_data_free(scratch->match);
	pcre2_match_context_free(scratch->limits);
	free(scratch);
}

/* The first limit tried: enough for the patterns of records (ids, dates, codes) on their
 * values, so that a search is mostly charged little. */
enum { FIRST_LIMIT = 100 };

static bool out_of_limits(int rc)
{
	return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
		rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
		rc == PCRE2_ERROR_NOMEMORY;
}

tip_regex_result tip_regex_search(const tip_regex *re, tip_regex_scratch *scratch,
	const char *subject, size_t len, size_t max_work, size_t *work)
{
	if (max_work == 0 || max_work > TIP_REGEX_MAX_WORK)
		max_work = TIP_REGEX_MAX_WORK;
	*work = 0;
	for (size_t limit = FIRST_LIMIT;; limit *= 10) {
		if (limit > max_work - *work)
			limit = max_work - *work;
		*work += limit;
		pcre2_set_match_limit(scratch->limits, (uint32_t)limit);
		int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, 0, 0, scratch->match,
			scratch->limits);
		/* rc == 0 means a match whose offsets did not fit, which is still a match. */
		if (rc >= 0)
			return TIP_REGEX_MATCH;
		if (!out_of_limits(rc))
			return TIP_REGEX_NO_MATCH;
		if (*work == max_work)
			return TIP_REGEX_TOO_COSTLY;
	}
}
