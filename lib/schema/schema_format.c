#include "schema_format.h"

#include <string.h>

#include "ascii.h"
#include "uri.h"

static const char *const format_names[] = {
	[TIP_FORMAT_DATE] = "date",
	[TIP_FORMAT_DATE_TIME] = "date-time",
	[TIP_FORMAT_EMAIL] = "email",
	[TIP_FORMAT_URI] = "uri",
};

tip_format tip_format_from_name(const char *name)
{
	for (size_t i = 1; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (strcmp(format_names[i], name) == 0)
			return (tip_format)i;
	return TIP_FORMAT_NONE;
}

const char *tip_format_name(tip_format format)
{
	return format == TIP_FORMAT_NONE ? "" : format_names[format];
}

const char *tip_format_noun(tip_format format)
{
	if (format == TIP_FORMAT_URI)
		return "URL"; /* what people call the web addresses it holds */
	return format == TIP_FORMAT_EMAIL ? "email address" : tip_format_name(format);
}

/* A host name as people type one: letters, digits, hyphens and at least one inner dot. */
static bool looks_like_host(const char *s, size_t len)
{
	bool dot = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.' && i > 0 && i + 1 < len && s[i - 1] != '.')
			dot = true;
		else if (!tip_is_alnum((unsigned char)s[i]) && s[i] != '-')
			return false;
	}
	return dot;
}

bool tip_format_uri_meant(char *out, size_t cap, const char *s, size_t len)
{
	static const char scheme[] = "https://";
	size_t host = strcspn(s, "/?#");
	if (strlen(s) != len || host > len || !looks_like_host(s, host) ||
		len + sizeof(scheme) > cap)
		return false;
	memcpy(out, scheme, sizeof(scheme) - 1);
	memcpy(out + sizeof(scheme) - 1, s, len + 1);
	return tip_uri_valid(out, len + sizeof(scheme) - 1);
}

bool tip_format_check(tip_format format, const char *s, size_t len)
{
	switch (format) {
	case TIP_FORMAT_DATE:
		return tip_format_date(s, len);
	case TIP_FORMAT_DATE_TIME:
		return tip_format_date_time(s, len);
	case TIP_FORMAT_EMAIL:
		return tip_format_email(s, len);
	case TIP_FORMAT_URI:
		return tip_uri_valid(s, len);
	case TIP_FORMAT_NONE:
		break;
	}
	return true;
}

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* full-date = date-fullyear "-" date-month "-" date-mday, exactly 10 characters. */
static bool full_date(const char *s)
{
	int y = tip_digits(s, 4), m = tip_digits(s + 5, 2), d = tip_digits(s + 8, 2);
	if (y < 0 || m < 1 || m > 12 || d < 1 || s[4] != '-' || s[7] != '-')
		return false;
	return d <= days_in_month(y, m);
}

bool tip_format_date(const char *s, size_t len)
{
	return len == 10 && full_date(s);
}

/* time-numoffset or Z; *minutes receives the offset east of UTC. Returns the length read, 0
 * when invalid. */
static size_t time_offset(const char *s, size_t len, int *minutes)
{
	*minutes = 0;
	if (len >= 1 && (s[0] == 'Z' || s[0] == 'z'))
		return 1;
	if (len < 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return 0;
	int h = tip_digits(s + 1, 2), m = tip_digits(s + 4, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return 0;
	*minutes = (h * 60 + m) * (s[0] == '-' ? -1 : 1);
	return 6;
}

/* full-time = partial-time time-offset, with the leap second rule of RFC 3339 section 5.7:
 * second 60 only in the last minute of a UTC day. */
static bool full_time(const char *s, size_t len)
{
	if (len < 9 || s[2] != ':' || s[5] != ':')
		return false;
	int h = tip_digits(s, 2), m = tip_digits(s + 3, 2), sec = tip_digits(s + 6, 2);
	if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60)
		return false;
	size_t i = 8;
	if (i < len && s[i] == '.') {
		size_t start = ++i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start)
			return false;
	}
	int offset;
	size_t n = time_offset(s + i, len - i, &offset);
	if (n == 0 || i + n != len)
		return false;
	if (sec == 60) {
		int utc = ((h * 60 + m - offset) % 1440 + 1440) % 1440;
		return utc == 23 * 60 + 59;
	}
	return true;
}

bool tip_format_date_time(const char *s, size_t len)
{
	if (len < 11 || (s[10] != 'T' && s[10] != 't'))
		return false;
	return full_date(s) && full_time(s + 11, len - 11);
}

static bool is_atext(int c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* Dot-string = Atom *("." Atom): no leading, trailing or doubled dots. */
static bool dot_atom(const char *s, size_t n)
{
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!is_atext((unsigned char)s[i])) {
			return false;
		}
	}
	return true;
}

/* Quoted-string at s, which starts with '"'; returns its length including both quotes, 0 when
 * it is not one. */
static size_t quoted_string(const char *s, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"')
			return i + 1;
		if (c == '\\') {
			i++;
			if (i >= n || (unsigned char)s[i] < 32 || (unsigned char)s[i] > 126)
				return 0;
		} else if (c < 32 || c > 126) {
			return 0;
		}
	}
	return 0;
}

/* A domain name: labels of letters, digits and inner hyphens, each at most 63 long. */
static bool hostname(const char *s, size_t n)
{
	if (n == 0 || n > 253)
		return false;
	size_t label = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (label == 0 || label > 63 || s[i - 1] == '-')
				return false;
			label = 0;
			continue;
		}
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9');
		if (!alnum && !(c == '-' && label > 0))
			return false;
		label++;
	}
	return true;
}

static bool address_literal(const char *s, size_t n)
{
	if (n < 2 || s[0] != '[' || s[n - 1] != ']')
		return false;
	s++, n -= 2;
	if (n > 5 && memcmp(s, "IPv6:", 5) == 0)
		return tip_uri_ipv6_valid(s + 5, n - 5);
	return tip_uri_ipv4_valid(s, n);
}

bool tip_format_email(const char *s, size_t len)
{
	size_t local;
	if (len > 0 && s[0] == '"') {
		local = quoted_string(s, len);
		if (local == 0)
			return false;
	} else {
		const char *at = memchr(s, '@', len);
		if (!at || !dot_atom(s, (size_t)(at - s)))
			return false;
		local = (size_t)(at - s);
	}
	if (local > 64 || local >= len || s[local] != '@')
		return false;
	const char *domain = s + local + 1;
	size_t n = len - local - 1;
	return n > 0 && domain[0] == '[' ? address_literal(domain, n) : hostname(domain, n);
}
