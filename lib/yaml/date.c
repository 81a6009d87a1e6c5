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
