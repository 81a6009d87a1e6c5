/* Email addresses and phone numbers in text, which records must not hold outside personal
 * fields. */
#include "contact.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

/* ---- contact details ---- */

static bool is_local_part(unsigned char c)
{
	return tip_is_alnum(c) || tip_is_one_of(c, "._%+-");
}

/* An email address around the '@' at text[at]: a local part, then two or more domain labels
 * joined by dots, the last one (the top-level domain) of two letters or more. */
static bool email_at(const char *text, size_t len, size_t at, size_t from, size_t *start,
	size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t s = at;
	while (s > from && is_local_part(t[s - 1]))
		s--;
	while (s < at && t[s] == '.')
		s++;
	if (s == at)
		return false;
	size_t i = at + 1, labels = 0, last = i;
	for (;;) {
		size_t label = i;
		while (i < len && (tip_is_alnum(t[i]) || t[i] == '-'))
			i++;
		if (i == label)
			break;
		labels++;
		last = label;
		if (i + 1 < len && t[i] == '.' && tip_is_alnum(t[i + 1]))
			i++;
		else
			break;
	}
	if (labels < 2 || i - last < 2)
		return false;
	for (size_t k = last; k < i; k++)
		if (!tip_is_alpha(t[k]))
			return false;
	*start = s;
	*end = i;
	return true;
}

/* A number does not start right after these: a word (codes such as ABC0123), a hyphen or a
 * slash (ranges and dates), a dot (decimals and versions), a plus, or a currency sign (money:
 * $, and £, ¥ and the currency symbols block beyond ASCII). */
static bool runs_on(const char *text, size_t p)
{
	if (p == 0)
		return false;
	uint32_t c = char_before((const unsigned char *)text, p);
	return is_word_char(c) || (c < 0x80 && tip_is_one_of((unsigned char)c, "-/.+$")) ||
		c == 0xa3 || c == 0xa5 || (c >= 0x20a0 && c <= 0x20cf);
}

/* The digits of a number as groups: "+44 (0)20 7946 0958" is 44, 0, 20, 7946, 0958. */
struct digits {
	size_t count;       /* digits in all */
	size_t groups;
	size_t first_group; /* digits in the first group */
	size_t shortest;    /* digits in the shortest group after the first */
	char lead[2];       /* the first two digits */
	bool plus;
};

static void count_group(struct digits *d, const unsigned char *group, size_t n)
{
	for (size_t i = 0; i < n && d->count + i < 2; i++)
		d->lead[d->count + i] = (char)group[i];
	d->count += n;
	if (d->groups++ == 0)
		d->first_group = n;
	else if (n < d->shortest)
		d->shortest = n;
}

/* Reads groups of digits from p, separated by one space, hyphen or dot, a group possibly in
 * parentheses ("(01234) 567890", "+44 (0)20"); returns where the last group ends (p when
 * there is none). */
static size_t read_groups(const unsigned char *t, size_t len, size_t p, struct digits *d)
{
	size_t i = p, last_end = p;
	if (t[i] == '+') {
		d->plus = true;
		i++;
	}
	while (i < len) {
		bool paren = t[i] == '(';
		size_t start = i + paren, k = start;
		while (k < len && tip_is_digit(t[k]))
			k++;
		if (k == start || (paren && (k >= len || t[k] != ')')))
			break;
		count_group(d, t + start, k - start);
		i = last_end = k + paren;
		if (i + 1 < len && tip_is_one_of(t[i], " -.") && (tip_is_digit(t[i + 1]) || t[i + 1] == '('))
			i++;
		else if (!(paren && i < len && tip_is_digit(t[i])))
			break;
	}
	return last_end;
}

/* Whether the digits make a phone number (see tip_lint_contact_next). */
static bool is_phone(const struct digits *d)
{
	if (d->plus)
		return d->count >= 8 && d->count <= 15;
	if (d->count < 2 || d->lead[0] != '0')
		return false;
	if (d->lead[1] == '0')
		return d->count >= 10 && d->count <= 17;
	return d->count >= 10 && d->count <= 11 &&
		(d->groups == 1 || (d->first_group >= 3 && d->first_group <= 5 && d->shortest >= 3));
}

static bool phone_at(const char *text, size_t len, size_t p, size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	if (runs_on(text, p))
		return false;
	struct digits d = { .shortest = SIZE_MAX };
	size_t e = read_groups(t, len, p, &d);
	if (e == p || word_at(text, len, e) || (e < len && t[e] == '@') || !is_phone(&d))
		return false;
	*end = e;
	return true;
}

bool tip_contact_next(const char *text, size_t len, size_t *from, size_t *start, size_t *end,
	tip_contact *kind)
{
	for (size_t p = *from; p < len; p++) {
		unsigned char c = (unsigned char)text[p];
		if (c == '@' && email_at(text, len, p, *from, start, end)) {
			*kind = TIP_CONTACT_EMAIL;
			*from = *end;
			return true;
		}
		if ((c == '+' || c == '(' || c == '0') && phone_at(text, len, p, end)) {
			*start = p;
			*kind = TIP_CONTACT_PHONE;
			*from = *end;
			return true;
		}
	}
	*from = len;
	return false;
}

const char *tip_contact_words(tip_contact kind)
{
	return kind == TIP_CONTACT_EMAIL ? "an email address" : "a phone number";
}
