/* Email addresses and phone numbers in text: records must not hold them outside personal
 * fields (tip lint), and findings never quote text that holds one. */
#ifndef TIP_CONTACT_H
#define TIP_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tip_contact { TIP_CONTACT_EMAIL, TIP_CONTACT_PHONE } tip_contact;

/* Finds the next email address or phone number in len bytes of text at or after *from, its
 * bytes in [*start, *end), and moves *from past it; false when there is none. Phone numbers:
 * UK numbers (01234 567890, 020 7946 0958, (01234) 567890: 10 or 11 digits from 0 then 1 to
 * 9, groups after the first of at least 3 digits) and international ones (+44 20 7946 0958,
 * +44 (0)20 7946 0958, 0033 1 23 45 67 89: 8 to 15 digits after + or 00), digits grouped by
 * single spaces, hyphens or dots. A number run on from a word, a hyphen, a slash or a currency
 * sign is not one: dates, years, ranges, codes and money are left alone. */
bool tip_contact_next(const char *text, size_t len, size_t *from, size_t *start, size_t *end,
	tip_contact *kind);

/* "an email address" or "a phone number". */
const char *tip_contact_words(tip_contact kind);

#endif
