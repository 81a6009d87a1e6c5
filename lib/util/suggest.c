#include "suggest.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"

/* Words and names longer than this are only matched by what they hold, not by slips. */
enum { LONGEST = 96 };

/* Scores: lower is closer. A name nothing like the word scores NOT_CLOSE. */
enum { SAME_BUT_CASE = 0, ONE_SLIP = 2, STARTS_WITH = 3, TWO_SLIPS = 4, HOLDS = 5,
	NOT_CLOSE = 100 };

static char lower(char c)
{
	return tip_is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

/* The typing slips (a letter added, left out, changed, or two swapped) that turn a into b,
 * ignoring case; more than limit counts as limit + 1. */
static size_t slips(const char *a, size_t an, const char *b, size_t bn, size_t limit)
{
	size_t rows[3][LONGEST + 1];
	size_t *two_up = rows[0], *up = rows[1], *row = rows[2];
	for (size_t j = 0; j <= bn; j++)
		up[j] = j;
	for (size_t i = 1; i <= an; i++) {
		row[0] = i;
		size_t best = row[0];
		for (size_t j = 1; j <= bn; j++) {
			size_t cost = lower(a[i - 1]) != lower(b[j - 1]);
			size_t d = up[j - 1] + cost;
			if (up[j] + 1 < d)
				d = up[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
				lower(a[i - 2]) == lower(b[j - 1]) && two_up[j - 2] + 1 < d)
				d = two_up[j - 2] + 1;
			row[j] = d;
			if (d < best)
				best = d;
		}
		if (best > limit)
			return limit + 1;
		size_t *spare = two_up;
		two_up = up;
		up = row;
		row = spare;
	}
	return up[bn] > limit ? limit + 1 : up[bn];
}

/* Where the word stands in name, ignoring case: its offset, or -1. */
static long find_within(const char *name, size_t name_len, const char *word, size_t word_len)
{
	for (size_t at = 0; at + word_len <= name_len; at++) {
		size_t k = 0;
		while (k < word_len && lower(name[at + k]) == lower(word[k]))
			k++;
		if (k == word_len)
			return (long)at;
	}
	return -1;
}

static unsigned score(const tip_suggestions *s, const char *name)
{
	size_t n = strlen(name), w = s->word_len;
	if (n == w && strcmp(name, s->word) == 0)
		return NOT_CLOSE; /* the word itself suggests nothing */
	size_t limit = w <= 2 ? 0 : w <= 5 ? 1 : 2;
	if (n <= LONGEST && w <= LONGEST && (n > w ? n - w : w - n) <= limit) {
		size_t d = slips(s->word, w, name, n, limit);
		if (d <= limit)
			return d == 0 ? SAME_BUT_CASE : d == 1 ? ONE_SLIP : TWO_SLIPS;
	}
	long at = w >= 3 ? find_within(name, n, s->word, w) : -1;
	return at == 0 ? STARTS_WITH : at > 0 ? HOLDS : NOT_CLOSE;
}

void tip_suggest_start(tip_suggestions *s, const char *word)
{
	memset(s, 0, sizeof(*s));
	s->word = word;
	s->word_len = strlen(word);
}

void tip_suggest_consider(tip_suggestions *s, const char *name)
{
	unsigned sc = score(s, name);
	if (sc == NOT_CLOSE)
		return;
	size_t at = s->count;
	while (at > 0 && s->scores[at - 1] > sc)
		at--;
	if (at == TIP_SUGGEST_MAX)
		return;
	size_t last = s->count < TIP_SUGGEST_MAX ? s->count : TIP_SUGGEST_MAX - 1;
	memmove(&s->names[at + 1], &s->names[at], (last - at) * sizeof(s->names[0]));
	memmove(&s->scores[at + 1], &s->scores[at], (last - at) * sizeof(s->scores[0]));
	s->names[at] = name;
	s->scores[at] = sc;
	if (s->count < TIP_SUGGEST_MAX)
		s->count++;
}

void tip_suggest_among(tip_suggestions *s, const char *word, const char *const *names,
	size_t count)
{
	tip_suggest_start(s, word);
	for (size_t i = 0; i < count; i++)
		tip_suggest_consider(s, names[i]);
}

const char *tip_suggest_text(char *out, size_t cap, const tip_suggestions *s, char quote)
{
	const char q[2] = { quote, '\0' };
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < s->count; i++) {
		const char *sep = i == 0 ? ": did you mean " : i + 1 == s->count ? " or " : ", ";
		int n = snprintf(out + k, cap - k, "%s%s%.64s%s", sep, q, s->names[i], q);
		if (n < 0 || (size_t)n >= cap - k - 1) {
			out[0] = '\0';
			return out;
		}
		k += (size_t)n;
	}
	if (k)
		out[k++] = '?', out[k] = '\0';
	return out;
}
