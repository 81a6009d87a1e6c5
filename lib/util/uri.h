/* URI references (RFC 3986) as far as JSON Schema's `$id` and `$ref` need them, and the grammar
 * check behind the "uri" format. */
#ifndef TIP_URI_H
#define TIP_URI_H

#include <stdbool.h>
#include <stddef.h>

struct tip_arena;

/* Resolves ref against base (an absolute URI) by RFC 3986 section 5.2, fragment included.
 * The result lives in arena; NULL when out of memory. */
char *tip_uri_resolve(struct tip_arena *arena, const char *base, const char *ref);

/* Whether s starts with a scheme ("http:", "urn:", "file:"). */
bool tip_uri_has_scheme(const char *s);

/* Whether len bytes of s are a URI by RFC 3986's `URI` rule: absolute (a scheme), fragment
 * allowed, nothing outside the grammar (no spaces, no raw non-ASCII). */
bool tip_uri_valid(const char *s, size_t len);

/* Whether len bytes of s are an IPv6 address (RFC 3986 `IPv6address`). */
bool tip_uri_ipv6_valid(const char *s, size_t len);

/* Whether len bytes of s are a dotted IPv4 address without leading zeros. */
bool tip_uri_ipv4_valid(const char *s, size_t len);

#endif
