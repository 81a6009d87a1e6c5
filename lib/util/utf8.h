/* UTF-8, strictly: what a record's text must be, and what a terminal is given as text. */
#ifndef TIP_UTF8_H
#define TIP_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 sequence at s (at most n bytes, n >= 1), or 0 when it is not valid
 * UTF-8 (overlong forms, surrogates and code points past U+10FFFF included). */
size_t tip_utf8_length(const unsigned char *s, size_t n);

/* The characters (code points) in len bytes of UTF-8: the bytes that do not continue a
 * sequence. */
size_t tip_utf8_count(const char *s, size_t len);

#endif
