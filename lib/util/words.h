/* Words in text as tip lint and the contact checks read it: UTF-8 code points, and what words
 * are made of. */
#ifndef TIP_WORDS_H
#define TIP_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ascii.h"

/* one or many as n says: "1 course", "2 courses". */
static inline const char *tip_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The code point of the character that starts at s[i], its length in *n; a byte that does
 * not start valid UTF-8 stands for itself. */
static inline uint32_t char_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = s[i];
	size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	uint32_t cp = want == 1 ? c : c & (0x7f >> want);
	for (size_t k = 1; k < want; k++) {
		if (i + k >= len || (s[i + k] & 0xc0) != 0x80) {
			*n = 1;
			return c;
		}
		cp = cp << 6 | (s[i + k] & 0x3f);
	}
	*n = want;
	return cp;
}

/* The code point of the character that ends just before s[i] (i > 0). */
static inline uint32_t char_before(const unsigned char *s, size_t i)
{
	size_t start = i - 1, n;
	while (start > 0 && i - start < 4 && (s[start] & 0xc0) == 0x80)
		start--;
	uint32_t cp = char_at(s, i, start, &n);
	return start + n == i ? cp : s[i - 1];
}

/* What words are made of: ASCII letters and digits, '_', and the characters beyond ASCII
 * (so "café" is one word) except punctuation: Latin-1's (no-break space, « », £ ...), the
 * general punctuation block (dashes, ‘ ’ “ ”, …) and CJK punctuation. */
static inline bool is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '_' || tip_is_alnum((int)cp);
	return !(cp >= 0xa0 && cp <= 0xbf) && !(cp >= 0x2000 && cp <= 0x206f) &&
		!(cp >= 0x3000 && cp <= 0x303f);
}

static inline bool word_at(const char *text, size_t len, size_t i)
{
	size_t n;
	return i < len && is_word_char(char_at((const unsigned char *)text, len, i, &n));
}

static inline bool word_before(const char *text, size_t i)
{
	return i > 0 && is_word_char(char_before((const unsigned char *)text, i));
}

#endif
