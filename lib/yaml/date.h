/* Calendar dates and reporting periods: ISO 8601 dates checked as real calendar dates, calendar
 * quarters (2026-Q3), UK financial quarters (2026/27-Q2: the year runs April to March), ranges
 * of dates, and the last complete quarter before a day. */
#ifndef TIP_DATE_H
#define TIP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "yaml.h"

/* A day, counted from 1970-01-01 (day 0); years 0000 to 9999. */
typedef int32_t tip_date;

enum { TIP_DATE_LEN = 11 }; /* "YYYY-MM-DD" and its NUL */

/* The day y-m-d; false when there is no such day (2026-02-29, month 13, year 10000). */
bool tip_date_from_ymd(tip_date *out, int y, int m, int d);
void tip_date_to_ymd(tip_date date, int *y, int *m, int *d);

/* Parses exactly "YYYY-MM-DD". The error says what is wrong: the form, a month that does not
 * exist, or a day the month does not have ("February 2026 has 28 days"). */
tip_error *tip_date_parse(tip_date *out, const char *text);

/* Reads a date as people in the UK write it: YYYY-MM-DD; numbers day first, separated by /, -
 * or . (31/12/2026, 1.3.2026, a two-digit year in this century: 1/3/26), or year first with a
 * four-digit year (2026/3/1); with the month's name or its first three letters or more, before
 * or after the day (1 March 2026, 1st Mar, 2026, March 1 2026). A date that could be read two
 * ways (10/11/12) is refused with both readings, one that is month first (12/31/2026) with how
 * dates are read. The error says what is wrong, as tip_date_parse's do. */
tip_error *tip_date_read(tip_date *out, const char *text);

/* True, with *out, when node is text holding a real date: for dates inside records. */
bool tip_date_of_node(tip_date *out, const tip_node *node);

/* "2026-09-30"; out has TIP_DATE_LEN bytes. */
void tip_date_format(char *out, tip_date date);
/* "30 September 2026"; out has cap bytes (24 is always enough). */
void tip_date_format_long(char *out, size_t cap, tip_date date);

/* Seconds since the epoch at the day's start (00:00:00 UTC). */
int64_t tip_date_seconds(tip_date date);

/* Today: TIP_TODAY (YYYY-MM-DD) when set, for tests and for reports as of another day; else
 * the local date. A TIP_TODAY that is not a date is an error. */
tip_error *tip_date_today(tip_date *out);

/* ---- periods ---- */

typedef enum tip_period_kind {
	TIP_PERIOD_FINANCIAL, /* a UK financial quarter: FY 2026/27 Q1 is April to June 2026 */
	TIP_PERIOD_CALENDAR,  /* a calendar quarter: 2026-Q1 is January to March 2026 */
	TIP_PERIOD_RANGE,     /* --from D --to D */
} tip_period_kind;

typedef struct tip_period {
	tip_period_kind kind;
	tip_date from, to; /* both included */
	char label[32];    /* as given on the command line: "2026-Q3", "2026/27-Q2",
	                    * "2026-07-01..2026-09-30" */
	char name[48];     /* for people: "Q3 2026", "FY 2026/27 Q2", "2026-07-01 to 2026-09-30" */
} tip_period;

/* "calendar", "financial" or "range". */
const char *tip_period_kind_name(tip_period_kind kind);

/* "2026-Q3": a calendar quarter. */
tip_error *tip_period_parse_quarter(tip_period *out, const char *text);
/* "2026/27-Q2": a UK financial quarter (the second year is the first plus one, two digits). */
tip_error *tip_period_parse_fy(tip_period *out, const char *text);
/* Two dates, from on or before to. */
tip_error *tip_period_parse_range(tip_period *out, const char *from, const char *to);

/* The quarter of the given kind (financial or calendar) that holds date. */
void tip_period_quarter_of(tip_period *out, tip_date date, tip_period_kind kind);
/* The last quarter of the given kind that ended before today. */
void tip_period_last_complete(tip_period *out, tip_date today, tip_period_kind kind);
/* What follows p: the next quarter of its kind; for a range, the range of the same number of
 * days that starts the day after it ends. */
void tip_period_next(tip_period *out, const tip_period *p);
bool tip_period_contains(const tip_period *p, tip_date date);

#endif
