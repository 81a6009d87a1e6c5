/* Folding with utf8proc's tables (case folding, decomposition, the marks to strip), one code
 * point at a time so that each folded byte can be traced back to the text it came from. */
#include "fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ascii.h"

enum {
	FOLD_OPTIONS = UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_DECOMPOSE |
		UTF8PROC_COMPAT,
	MAX_EXPANSION = 32, /* code points one code point may fold to (utf8proc's longest is 18) */
};

/* The folded form of the code point at s (n bytes): written to out (4 bytes a code point);
 * its length. *used: how many bytes of s it took. */
static size_t fold_one(char *out, size_t *used, const unsigned char *s, size_t n)
{
	if (*s < 0x80) {
		*out = (char)tip_to_lower(*s);
		*used = 1;
		return 1;
	}
	utf8proc_int32_t cp, folded[MAX_EXPANSION];
	utf8proc_ssize_t took = utf8proc_iterate(s, (utf8proc_ssize_t)n, &cp);
	int boundclass = UTF8PROC_BOUNDCLASS_START;
	utf8proc_ssize_t count = took > 0 ? utf8proc_decompose_char(cp, folded, MAX_EXPANSION,
		(utf8proc_option_t)FOLD_OPTIONS, &boundclass) : -1;
	if (count < 0 || count > MAX_EXPANSION) { /* not UTF-8: the byte as it is */
		*out = (char)*s;
		*used = 1;
		return 1;
	}
	*used = (size_t)took;
	size_t len = 0;
	for (utf8proc_ssize_t i = 0; i < count; i++)
		len += (size_t)utf8proc_encode_char(folded[i], (utf8proc_uint8_t *)out + len);
	return len;
}

/* Room for the folded text: grows as needed. */
static bool reserve(tip_folded *f, size_t *cap, size_t need, bool want_origin)
{
	if (need <= *cap)
		return true;
	size_t grown = *cap * 2 > need ? *cap * 2 : need;
	char *text = realloc(f->text, grown + 1);
	if (text)
		f->text = text;
	size_t *origin = want_origin && text ? realloc(f->origin, (grown + 1) * sizeof(*origin))
					     : f->origin;
	if (want_origin && text && origin)
		f->origin = origin;
	if (!text || (want_origin && !origin))
		return false;
	*cap = grown;
	return true;
}

tip_error *tip_fold(tip_folded *out, const char *text, size_t len, bool want_origin)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	if (!reserve(out, &cap, len + 16, want_origin)) {
		tip_folded_dispose(out);
		return tip_error_nomem();
	}
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0; i < len;) {
		char one[4 * MAX_EXPANSION];
		size_t used, n = fold_one(one, &used, s + i, len - i);
		if (!reserve(out, &cap, out->len + n, want_origin)) {
			tip_folded_dispose(out);
			return tip_error_nomem();
		}
		memcpy(out->text + out->len, one, n);
		for (size_t k = 0; want_origin && k < n; k++)
			out->origin[out->len + k] = i;
		out->len += n;
		i += used;
	}
	out->text[out->len] = '\0';
	if (want_origin)
		out->origin[out->len] = len;
	return NULL;
}

void tip_folded_dispose(tip_folded *folded)
{
	free(folded->text);
	free(folded->origin);
	memset(folded, 0, sizeof(*folded));
}

size_t tip_fold_find(const tip_folded *hay, const tip_folded *needle, size_t from)
{
	for (size_t i = from; i + needle->len <= hay->len; i++)
		if (memcmp(hay->text + i, needle->text, needle->len) == 0)
			return i;
	return SIZE_MAX;
}

/* Folds a and b and compares them: all of a with b's beginning when prefix. */
static bool folded_equal(const char *a, const char *b, bool prefix)
{
	tip_folded fa, fb;
	tip_error *err = tip_fold(&fa, a, strlen(a), false);
	if (err) {
		tip_error_free(err);
		return false;
	}
	if ((err = tip_fold(&fb, b, strlen(b), false))) {
		tip_error_free(err);
		tip_folded_dispose(&fa);
		return false;
	}
	bool same = (prefix ? fa.len <= fb.len : fa.len == fb.len) &&
		memcmp(fa.text, fb.text, fa.len) == 0;
	tip_folded_dispose(&fa);
	tip_folded_dispose(&fb);
	return same;
}

bool tip_fold_same(const char *a, const char *b)
{
	return folded_equal(a, b, false);
}

bool tip_fold_starts(const char *text, const char *prefix)
{
	return folded_equal(prefix, text, true);
}
