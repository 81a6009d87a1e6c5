#include "date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ascii.h"
#include "buf.h"

static const char *const month_names[] = { "January", "February", "March", "April", "May",
	"June", "July", "August", "September", "October", "November", "December" };

static bool leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar (H. Hinnant's
 * days_from_civil). */
static tip_date days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool tip_date_from_ymd(tip_date *out, int y, int m, int d)
{
	if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*out = days_from_civil(y, m, d);
	return true;
}

void tip_date_to_ymd(tip_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* The date y-m-d, or the error that says why there is none. */
static tip_error *checked_day(tip_date *out, const char *text, int y, int m, int d)
{
	if (m < 1 || m > 12)
		return tip_error_invalid("'%s' is not a date: there is no month %02d", text, m);
	if (d < 1)
		return tip_error_invalid("'%s' is not a date: there is no day 00", text);
	if (d > days_in_month(y, m))
		return tip_error_invalid("'%s' is not a date: %s %04d has %d days", text,
			month_names[m - 1], y, days_in_month(y, m));
	*out = days_from_civil(y, m, d);
	return NULL;
}

tip_error *tip_date_parse(tip_date *out, const char *text)
{
	int y = -1, m = -1, d = -1;
	if (strlen(text) == 10 && text[4] == '-' && text[7] == '-') {
		y = tip_digits(text, 4);
		m = tip_digits(text + 5, 2);
		d = tip_digits(text + 8, 2);
	}
	if (y < 0 || m < 0 || d < 0)
		return tip_error_invalid("'%s' is not a date: write it YYYY-MM-DD, e.g. 2026-09-30",
			text);
	return checked_day(out, text, y, m, d);
}

/* ---- dates as people write them ---- */

enum { MAX_PARTS = 3 };

/* One part of a written date: a number (with how many digits it had) or a month's name. */
typedef struct date_part {
	int number; /* -1 for a month's name */
	size_t digits;
	int month; /* 1-12 for a month's name */
} date_part;

typedef struct date_parts {
	date_part part[MAX_PARTS];
	size_t count;
	char gap[MAX_PARTS]; /* what separates part i from the one before: '/', '-', '.', ' '
	                      * (spaces and commas only), or 0 (a mixture) */
} date_parts;

static bool same_letters(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (tip_to_lower((unsigned char)a[i]) != tip_to_lower((unsigned char)b[i]))
			return false;
	return true;
}

/* The month whose name starts with word[0..n) (three letters at least), or 0. */
static int month_named(const char *word, size_t n)
{
	for (int m = 0; n >= 3 && m < 12; m++)
		if (n <= strlen(month_names[m]) && same_letters(word, month_names[m], n))
			return m + 1;
	return 0;
}

/* The length of an ordinal's ending at s after a day's number (1st, 2nd, 23rd, 4th), or 0. */
static size_t ordinal_ending(const char *s)
{
	static const char *const endings[] = { "st", "nd", "rd", "th" };
	for (size_t i = 0; i < 4; i++)
		if (same_letters(s, endings[i], 2) && !tip_is_alpha(s[2]))
			return 2;
	return 0;
}

/* The separators at *s, skipped: ' ' for spaces and commas ("1 Mar, 2026"), the one other
 * separator when there is one ("Mar. 1", "1-Mar-26"), 0 for two different ones or none. */
static char read_gap(const char **s)
{
	char kind = ' ', seen = 0;
	for (; **s && tip_is_one_of(**s, " ,/-."); (*s)++) {
		seen = 1;
		if (**s == ' ' || **s == ',')
			continue;
		if (kind != ' ' && kind != **s)
			return 0;
		kind = **s;
	}
	return seen ? kind : 0;
}

/* One number (a day's may have its ordinal ending) or month's name at *s, skipped. */
static bool read_part(date_part *part, const char **s)
{
	size_t n = 0;
	if (tip_is_digit(**s)) {
		while (tip_is_digit((*s)[n]))
			n++;
		if (n > 4)
			return false;
		part->number = tip_digits(*s, n);
		part->digits = n;
		*s += n;
		*s += ordinal_ending(*s);
		return true;
	}
	while (tip_is_alpha((*s)[n]))
		n++;
	part->number = -1;
	part->month = month_named(*s, n);
	*s += n;
	return part->month != 0;
}

/* Splits text into three parts, numbers and months' names; false when it holds anything
 * else, or fewer or more parts. */
static bool split_date(date_parts *p, const char *s)
{
	memset(p, 0, sizeof(*p));
	while (*s == ' ')
		s++;
	while (*s) {
		if (p->count == MAX_PARTS || !read_part(&p->part[p->count], &s))
			return false;
		p->count++;
		char gap = read_gap(&s);
		if ((*s && p->count < MAX_PARTS && !gap) || (p->count == MAX_PARTS && gap > ' '))
			return false;
		if (p->count < MAX_PARTS)
			p->gap[p->count] = gap;
	}
	return p->count == MAX_PARTS;
}

/* A two-digit year is in this century. */
static int full_year(const date_part *year)
{
	return year->digits == 2 ? 2000 + year->number : year->number;
}

static bool is_year(const date_part *part)
{
	return part->number >= 0 && (part->digits == 4 || part->digits == 2);
}

static bool is_day(const date_part *part)
{
	return part->number >= 0 && part->digits <= 2;
}

static tip_error *not_readable(const char *text)
{
	return tip_error_invalid("'%s' is not a date: write it like 2026-12-31, 31/12/2026 or "
				 "31 December 2026", text);
}

/* 31 December 2026, 1 Mar 26, March 1st, 2026. */
static tip_error *read_named_month(tip_date *out, const char *text, const date_parts *p)
{
	const date_part *a = &p->part[0], *b = &p->part[1], *c = &p->part[2];
	if (c->number < 0 || !is_year(c))
		return not_readable(text);
	if (b->number < 0 && is_day(a))
		return checked_day(out, text, full_year(c), b->month, a->number);
	if (a->number < 0 && is_day(b))
		return checked_day(out, text, full_year(c), a->month, b->number);
	return not_readable(text);
}

/* A day-first reading that cannot be right when the month-first one could: say how dates are
 * read rather than guess. */
static tip_error *month_first(const char *text, int y, int m, int d)
{
	tip_date day;
	if (m <= 12 || d > 12 || !tip_date_from_ymd(&day, y, d, m))
		return NULL;
	return tip_error_invalid("'%s' is not a date: dates are read day first, and there is no "
				 "month %d (for %d %s %d write %d/%d/%d)", text, m, m,
				 month_names[d - 1], y, m, d, y);
}

/* 31/12/2026, 31-12-2026, 31.12.2026, 1/3/26, 2026/3/1. A two-digit year where the first
 * number could be a two-digit year too (10/11/12) is refused with both readings. */
static tip_error *read_numbers(tip_date *out, const char *text, const date_parts *p)
{
	const date_part *a = &p->part[0], *b = &p->part[1], *c = &p->part[2];
	if (p->gap[1] == ' ' || p->gap[1] != p->gap[2] || !is_day(b))
		return not_readable(text);
	if (a->digits == 4 && is_day(c))
		return checked_day(out, text, a->number, b->number, c->number);
	if (!is_day(a) || !is_year(c))
		return not_readable(text);
	int y = full_year(c);
	tip_error *err = month_first(text, y, b->number, a->number);
	if (err)
		return err;
	tip_date other;
	if (a->digits == 2 && c->digits == 2 &&
	    tip_date_from_ymd(&other, 2000 + a->number, b->number, c->number) &&
	    tip_date_from_ymd(out, y, b->number, a->number) && other != *out) {
		char day_first[24], year_first[24];
		tip_date_format_long(day_first, sizeof(day_first), *out);
		tip_date_format_long(year_first, sizeof(year_first), other);
		return tip_error_invalid("'%s' could be %s (day first) or %s (year first): write "
					 "the year in full, e.g. %d/%d/%d", text, day_first,
					 year_first, a->number, b->number, y);
	}
	return checked_day(out, text, y, b->number, a->number);
}

tip_error *tip_date_read(tip_date *out, const char *text)
{
	size_t len = strlen(text);
	if (len == 10 && tip_is_digit(text[0]) && text[4] == '-' && text[7] == '-')
		return tip_date_parse(out, text);
	date_parts p;
	if (!split_date(&p, text))
		return not_readable(text);
	bool named = p.part[0].number < 0 || p.part[1].number < 0 || p.part[2].number < 0;
	return named ? read_named_month(out, text, &p) : read_numbers(out, text, &p);
}

bool tip_date_of_node(tip_date *out, const tip_node *node)
{
	if (!node || node->type != TIP_NODE_STR || node->len != 10)
		return false;
	int y = tip_digits(node->str, 4), m = tip_digits(node->str + 5, 2), d = tip_digits(node->str + 8, 2);
	if (node->str[4] != '-' || node->str[7] != '-')
		return false;
	return tip_date_from_ymd(out, y, m, d);
}

void tip_date_format(char *out, tip_date date)
{
	int y, m, d;
	tip_date_to_ymd(date, &y, &m, &d);
	int parts[] = { y / 1000 % 10, y / 100 % 10, y / 10 % 10, y % 10, -1, m / 10, m % 10, -1,
		d / 10, d % 10 };
	for (size_t i = 0; i < 10; i++)
		out[i] = parts[i] < 0 ? '-' : (char)('0' + parts[i]);
	out[10] = '\0';
}

void tip_date_format_long(char *out, size_t cap, tip_date date)
{
	int y, m, d;
	tip_date_to_ymd(date, &y, &m, &d);
	snprintf(out, cap, "%d %s %d", d, month_names[m - 1], y);
}

int64_t tip_date_seconds(tip_date date)
{
	return (int64_t)date * 86400;
}

tip_error *tip_date_today(tip_date *out)
{
	const char *fixed = getenv("TIP_TODAY");
	if (fixed && *fixed) {
		tip_error *err = tip_date_parse(out, fixed);
		return err ? tip_error_wrap(err, "TIP_TODAY") : NULL;
	}
	time_t now = time(NULL);
	struct tm tm;
	if (now == (time_t)-1 || !localtime_r(&now, &tm))
		return tip_error_new("cannot tell today's date");
	tip_date_from_ymd(out, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return NULL;
}

/* ---- periods ---- */

const char *tip_period_kind_name(tip_period_kind kind)
{
	switch (kind) {
	case TIP_PERIOD_FINANCIAL: return "financial";
	case TIP_PERIOD_CALENDAR: return "calendar";
	case TIP_PERIOD_RANGE: break;
	}
	return "range";
}

/* Calendar quarter q (1-4) of year y, labelled as kind says. */
static void set_quarter(tip_period *out, int y, int q, tip_period_kind kind)
{
	int last = q * 3;
	out->kind = kind;
	tip_date_from_ymd(&out->from, y, last - 2, 1);
	tip_date_from_ymd(&out->to, y, last, days_in_month(y, last));
	if (kind == TIP_PERIOD_CALENDAR) {
		snprintf(out->label, sizeof(out->label), "%04d-Q%d", y, q);
		snprintf(out->name, sizeof(out->name), "Q%d %04d", q, y);
		return;
	}
	int fy = q == 1 ? y - 1 : y, fq = q == 1 ? 4 : q - 1;
	snprintf(out->label, sizeof(out->label), "%04d/%02d-Q%d", fy, (fy + 1) % 100, fq);
	snprintf(out->name, sizeof(out->name), "FY %04d/%02d Q%d", fy, (fy + 1) % 100, fq);
}

static bool quarter_digit(const char *s, int *q)
{
	if ((s[0] != 'Q' && s[0] != 'q') || s[1] < '1' || s[1] > '4' || s[2] != '\0')
		return false;
	*q = s[1] - '0';
	return true;
}

/* A summary covers the period after the one asked for too (tip_period_next), so a period whose
 * next one would end past the last day tip knows is refused. */
static tip_error *check_next_fits(const tip_period *p, const char *text)
{
	tip_date last = days_from_civil(9999, 12, 31);
	bool fits = p->kind == TIP_PERIOD_RANGE ? p->to <= last - (p->to - p->from + 1)
						: p->to < last;
	if (fits)
		return NULL;
	return tip_error_invalid("'%s' is too late: the period after it, which a summary also "
				 "covers, would end past 9999-12-31, the last date tip knows",
				 text);
}

tip_error *tip_period_parse_quarter(tip_period *out, const char *text)
{
	int y = strlen(text) == 7 && text[4] == '-' ? tip_digits(text, 4) : -1, q;
	if (y < 0 || !quarter_digit(text + 5, &q))
		return tip_error_invalid("'%s' is not a calendar quarter: write it YYYY-Qn with n "
					 "from 1 to 4, e.g. 2026-Q3 (July to September 2026)",
					 text);
	set_quarter(out, y, q, TIP_PERIOD_CALENDAR);
	return check_next_fits(out, text);
}

tip_error *tip_period_parse_fy(tip_period *out, const char *text)
{
	bool form = strlen(text) == 10 && text[4] == '/' && text[7] == '-';
	int y = form ? tip_digits(text, 4) : -1, next = form ? tip_digits(text + 5, 2) : -1, q;
	if (y < 0 || next < 0 || !quarter_digit(text + 8, &q))
		return tip_error_invalid("'%s' is not a financial quarter: write it YYYY/YY-Qn "
					 "with n from 1 to 4, e.g. 2026/27-Q1 (April to June 2026)",
					 text);
	if (next != (y + 1) % 100)
		return tip_error_invalid("'%s' is not a financial quarter: the year that starts in "
			"April %04d is %04d/%02d", text, y, y, (y + 1) % 100);
	if (y == 9999 && q == 4)
		return tip_error_invalid("'%s' is past the last date tip knows, 9999-12-31", text);
	set_quarter(out, q == 4 ? y + 1 : y, q == 4 ? 1 : q + 1, TIP_PERIOD_FINANCIAL);
	return check_next_fits(out, text);
}

static void set_range(tip_period *out, tip_date from, tip_date to)
{
	char a[TIP_DATE_LEN], b[TIP_DATE_LEN];
	tip_date_format(a, from);
	tip_date_format(b, to);
	out->kind = TIP_PERIOD_RANGE;
	out->from = from;
	out->to = to;
	snprintf(out->label, sizeof(out->label), "%s..%s", a, b);
	snprintf(out->name, sizeof(out->name), "%s to %s", a, b);
}

tip_error *tip_period_parse_range(tip_period *out, const char *from, const char *to)
{
	tip_date a, b;
	tip_error *err = tip_date_parse(&a, from);
	if (err)
		return tip_error_wrap(err, "start of the period");
	if ((err = tip_date_parse(&b, to)))
		return tip_error_wrap(err, "end of the period");
	if (a > b)
		return tip_error_invalid("the period's start, %s, is after its end, %s", from, to);
	set_range(out, a, b);
	return check_next_fits(out, out->label);
}

void tip_period_quarter_of(tip_period *out, tip_date date, tip_period_kind kind)
{
	int y, m, d;
	tip_date_to_ymd(date, &y, &m, &d);
	set_quarter(out, y, (m - 1) / 3 + 1, kind == TIP_PERIOD_RANGE ? TIP_PERIOD_FINANCIAL : kind);
}

void tip_period_last_complete(tip_period *out, tip_date today, tip_period_kind kind)
{
	tip_period_quarter_of(out, today, kind);
	tip_period_quarter_of(out, out->from - 1, kind);
}

void tip_period_next(tip_period *out, const tip_period *p)
{
	if (p->kind == TIP_PERIOD_RANGE)
		set_range(out, p->to + 1, p->to + (p->to - p->from + 1));
	else
		tip_period_quarter_of(out, p->to + 1, p->kind);
}

bool tip_period_contains(const tip_period *p, tip_date date)
{
	return date >= p->from && date <= p->to;
}
