#include "uri.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ascii.h"

/* A URI reference split into its five components (RFC 3986 appendix B). A component that is
 * absent has a NULL pointer; one that is present but empty has length 0. */
typedef struct span {
	const char *p;
	size_t n;
} span;

typedef struct uri_parts {
	span scheme, authority, path, query, fragment;
} uri_parts;

static bool is_scheme_char(int c)
{
	return tip_is_alpha(c) || tip_is_digit(c) || c == '+' || c == '-' || c == '.';
}

/* Length of the scheme at the start of s (before its ':'), or 0 when there is none. */
static size_t scheme_len(const char *s, size_t n)
{
	if (n == 0 || !tip_is_alpha((unsigned char)s[0]))
		return 0;
	size_t i = 1;
	while (i < n && is_scheme_char((unsigned char)s[i]))
		i++;
	return i < n && s[i] == ':' ? i : 0;
}

bool tip_uri_has_scheme(const char *s)
{
	return scheme_len(s, strlen(s)) > 0;
}

static size_t span_until(const char *s, size_t n, size_t i, const char *stops)
{
	while (i < n && !strchr(stops, s[i]))
		i++;
	return i;
}

static void uri_split(uri_parts *u, const char *s, size_t n)
{
	memset(u, 0, sizeof(*u));
	size_t i = scheme_len(s, n);
	if (i) {
		u->scheme = (span){ s, i };
		i++;
	}
	if (n - i >= 2 && s[i] == '/' && s[i + 1] == '/') {
		size_t end = span_until(s, n, i + 2, "/?#");
		u->authority = (span){ s + i + 2, end - i - 2 };
		i = end;
	}
	size_t end = span_until(s, n, i, "?#");
	u->path = (span){ s + i, end - i };
	i = end;
	if (i < n && s[i] == '?') {
		end = span_until(s, n, i + 1, "#");
		u->query = (span){ s + i + 1, end - i - 1 };
		i = end;
	}
	if (i < n && s[i] == '#')
		u->fragment = (span){ s + i + 1, n - i - 1 };
}

/* A string being built into a buffer known to be large enough. */
typedef struct out {
	char *p;
	size_t n;
} out;

static void out_add(out *o, const char *s, size_t n)
{
	memcpy(o->p + o->n, s, n);
	o->n += n;
}

/* Drops the last segment and its preceding "/" from the output (RFC 3986 5.2.4, step 2C). */
static void out_drop_segment(out *o)
{
	while (o->n > 0 && o->p[o->n - 1] != '/')
		o->n--;
	if (o->n > 0)
		o->n--;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);
	return n >= k && memcmp(s, prefix, k) == 0;
}

static bool equals(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(s, word, n) == 0;
}

/* RFC 3986 5.2.4 remove_dot_segments, appending to o. */
static void remove_dots(out *o, const char *s, size_t n)
{
	size_t start = o->n;
	while (n > 0) {
		if (starts(s, n, "../") || starts(s, n, "./")) {
			size_t k = s[0] == '.' && s[1] == '.' ? 3 : 2;
			s += k, n -= k;
		} else if (starts(s, n, "/./")) {
			s += 2, n -= 2;
		} else if (equals(s, n, "/.")) {
			s = "/", n = 1;
		} else if (starts(s, n, "/../") || equals(s, n, "/..")) {
			bool last = n == 3;
			s += 3, n -= 3;
			if (last)
				s = "/", n = 1;
			out tail = { o->p + start, o->n - start };
			out_drop_segment(&tail);
			o->n = start + tail.n;
		} else if (equals(s, n, ".") || equals(s, n, "..")) {
			n = 0;
		} else {
			size_t k = span_until(s, n, 1, "/");
			out_add(o, s, k);
			s += k, n -= k;
		}
	}
}

/* RFC 3986 5.2.3: the base path up to its last "/", then the reference's path; dot segments
 * removed. False when out of memory. */
static bool merge_paths(out *o, const uri_parts *base, const span *ref)
{
	char *tmp = malloc(base->path.n + ref->n + 2);
	if (!tmp)
		return false;
	out t = { tmp, 0 };
	if (base->authority.p && base->path.n == 0) {
		out_add(&t, "/", 1);
	} else {
		size_t k = base->path.n;
		while (k > 0 && base->path.p[k - 1] != '/')
			k--;
		out_add(&t, base->path.p, k);
	}
	out_add(&t, ref->p, ref->n);
	remove_dots(o, t.p, t.n);
	free(tmp);
	return true;
}

static void add_part(out *o, const char *prefix, const span *part)
{
	if (!part->p)
		return;
	out_add(o, prefix, strlen(prefix));
	out_add(o, part->p, part->n);
}

char *tip_uri_resolve(tip_arena *arena, const char *base, const char *ref)
{
	uri_parts b, r;
	size_t bn = strlen(base), rn = strlen(ref);
	uri_split(&b, base, bn);
	uri_split(&r, ref, rn);
	/* Every component comes from base or ref, plus a few separators. */
	size_t cap = bn + rn + 16;
	char *buf = malloc(cap);
	if (!buf)
		return NULL;
	out o = { buf, 0 };
	const span *scheme = r.scheme.p ? &r.scheme : &b.scheme;
	add_part(&o, "", scheme);
	if (scheme->p)
		out_add(&o, ":", 1);
	if (r.scheme.p || r.authority.p) {
		add_part(&o, "//", &r.authority);
		remove_dots(&o, r.path.p, r.path.n);
		add_part(&o, "?", &r.query);
	} else {
		add_part(&o, "//", &b.authority);
		if (r.path.n == 0) {
			out_add(&o, b.path.p, b.path.n);
			add_part(&o, "?", r.query.p ? &r.query : &b.query);
		} else {
			if (r.path.p[0] == '/')
				remove_dots(&o, r.path.p, r.path.n);
			else if (!merge_paths(&o, &b, &r.path)) {
				free(buf);
				return NULL;
			}
			add_part(&o, "?", &r.query);
		}
	}
	add_part(&o, "#", &r.fragment);
	char *res = tip_arena_strndup(arena, buf, o.n);
	free(buf);
	return res;
}

/* ---- the grammar, for the "uri" format ---- */

static bool is_unreserved(int c)
{
	return tip_is_alpha(c) || tip_is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static bool is_sub_delim(int c)
{
	return c != '\0' && strchr("!$&'()*+,;=", c) != NULL;
}

/* Whether s[0..n) consists of unreserved, sub-delims, %XX and the characters in extra. */
static bool chars_ok(const char *s, size_t n, const char *extra)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return false;
			if (!tip_is_hex((unsigned char)s[i + 1]) || !tip_is_hex((unsigned char)s[i + 2]))
				return false;
			i += 2;
		} else if (!is_unreserved(c) && !is_sub_delim(c) &&
			(c == '\0' || !strchr(extra, c))) {
			return false;
		}
	}
	return true;
}

bool tip_uri_ipv4_valid(const char *s, size_t n)
{
	size_t i = 0;
	for (int part = 0; part < 4; part++) {
		if (part > 0) {
			if (i >= n || s[i] != '.')
				return false;
			i++;
		}
		size_t start = i;
		unsigned v = 0;
		while (i < n && tip_is_digit((unsigned char)s[i]) && i - start < 3)
			v = v * 10 + (unsigned)(s[i++] - '0');
		size_t len = i - start;
		if (len == 0 || v > 255 || (len > 1 && s[start] == '0'))
			return false;
	}
	return i == n;
}

static bool h16_ok(const char *s, size_t n)
{
	if (n == 0 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!tip_is_hex((unsigned char)s[i]))
			return false;
	return true;
}

bool tip_uri_ipv6_valid(const char *s, size_t n)
{
	size_t i = 0, groups = 0;
	bool elided = false;
	if (starts(s, n, "::")) {
		elided = true;
		i = 2;
	} else if (n > 0 && s[0] == ':') {
		return false;
	}
	while (i < n) {
		size_t j = span_until(s, n, i, ":");
		if (memchr(s + i, '.', j - i)) {
			/* An embedded IPv4 address ends the address and counts as two groups. */
			if (j != n || !tip_uri_ipv4_valid(s + i, j - i))
				return false;
			groups += 2;
			break;
		}
		if (!h16_ok(s + i, j - i))
			return false;
		groups++;
		if (j == n)
			break;
		if (j + 1 < n && s[j + 1] == ':') {
			if (elided)
				return false;
			elided = true;
			i = j + 2;
		} else {
			i = j + 1;
			if (i == n)
				return false;
		}
	}
	return elided ? groups <= 7 : groups == 8;
}

static bool ip_literal_ok(const char *s, size_t n)
{
	if (n > 0 && (s[0] == 'v' || s[0] == 'V')) {
		/* IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" ) */
		size_t i = 1;
		while (i < n && tip_is_hex((unsigned char)s[i]))
			i++;
		if (i == 1 || i >= n || s[i] != '.' || i + 1 == n)
			return false;
		for (i++; i < n; i++)
			if (!is_unreserved((unsigned char)s[i]) && !is_sub_delim((unsigned char)s[i]) &&
				s[i] != ':')
				return false;
		return true;
	}
	return tip_uri_ipv6_valid(s, n);
}

static bool authority_ok(const char *s, size_t n)
{
	const char *at = memchr(s, '@', n);
	if (at) {
		if (!chars_ok(s, (size_t)(at - s), ":"))
			return false;
		n -= (size_t)(at - s) + 1;
		s = at + 1;
	}
	size_t host_end;
	if (n > 0 && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close || !ip_literal_ok(s + 1, (size_t)(close - s) - 1))
			return false;
		host_end = (size_t)(close - s) + 1;
	} else {
		host_end = span_until(s, n, 0, ":");
		if (!chars_ok(s, host_end, ""))
			return false;
	}
	if (host_end == n)
		return true;
	if (s[host_end] != ':')
		return false;
	for (size_t i = host_end + 1; i < n; i++)
		if (!tip_is_digit((unsigned char)s[i]))
			return false;
	return true;
}

bool tip_uri_valid(const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return false;
	uri_parts u;
	uri_split(&u, s, n);
	if (!u.scheme.p)
		return false;
	if (u.authority.p && !authority_ok(u.authority.p, u.authority.n))
		return false;
	if (!chars_ok(u.path.p, u.path.n, ":@/"))
		return false;
	if (u.query.p && !chars_ok(u.query.p, u.query.n, ":@/?"))
		return false;
	return !u.fragment.p || chars_ok(u.fragment.p, u.fragment.n, ":@/?");
}
