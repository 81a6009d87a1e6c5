/* The formats tip asserts (JSON Schema `format`), each a check of len bytes of text. */
#ifndef TIP_SCHEMA_FORMAT_H
#define TIP_SCHEMA_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum tip_format {
	TIP_FORMAT_NONE,
	TIP_FORMAT_DATE,      /* RFC 3339 full-date, a real calendar date */
	TIP_FORMAT_DATE_TIME, /* RFC 3339 date-time, leap seconds only at 23:59:60 UTC */
	TIP_FORMAT_EMAIL,     /* RFC 5321 mailbox: dot-atom or quoted local part, host or literal */
	TIP_FORMAT_URI,       /* RFC 3986 URI (absolute, with a scheme) */
} tip_format;

/* The format called name, or TIP_FORMAT_NONE when tip does not assert it. */
tip_format tip_format_from_name(const char *name);
const char *tip_format_name(tip_format format);

/* The noun used in messages: "date", "date-time", "email address", "URL". */
const char *tip_format_noun(tip_format format);

/* For a web address written without its scheme (www.council.gov.uk/training): writes the
 * URL that was meant, "https://" in front, into out (cap bytes) and returns true; false when
 * s is not such an address or out has no room. */
bool tip_format_uri_meant(char *out, size_t cap, const char *s, size_t len);

bool tip_format_check(tip_format format, const char *s, size_t len);

bool tip_format_date(const char *s, size_t len);
bool tip_format_date_time(const char *s, size_t len);
bool tip_format_email(const char *s, size_t len);

#endif
