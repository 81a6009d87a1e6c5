/* ASCII character classes, the same whatever the locale (the <ctype.h> functions follow it,
 * and take an int that must not be a negative char). */
#ifndef TIP_ASCII_H
#define TIP_ASCII_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

static inline bool tip_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline bool tip_is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

static inline bool tip_is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static inline bool tip_is_alpha(int c)
{
	return tip_is_lower(c) || tip_is_upper(c);
}

static inline bool tip_is_alnum(int c)
{
	return tip_is_alpha(c) || tip_is_digit(c);
}

static inline bool tip_is_hex(int c)
{
	return tip_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Space, tab and the two line ends. */
static inline bool tip_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* True when c is one of the characters of set (never for '\0'). */
static inline bool tip_is_one_of(int c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

/* c in lower case when it is an ASCII capital, else c. */
static inline unsigned char tip_to_lower(unsigned char c)
{
	return tip_is_upper(c) ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* The value of exactly n decimal digits at s, or -1 when any is not a digit. */
static inline int tip_digits(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!tip_is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

#endif
