/* Unit tests for dates and periods (lib/date.c): real calendar dates, leap years, calendar and
 * UK financial quarters and their boundaries, the last complete quarter, what comes next, the
 * tip.yaml setting and the messages for bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "settings.h"

/* ---- helpers ---- */

static tip_date day(const char *text)
{
	tip_date d = 0;
	tip_error *err = tip_date_parse(&d, text);
	if (err)
		fail_msg("%s", tip_error_message(err));
	return d;
}

static char *text_of(tip_date d)
{
	static char out[4][TIP_DATE_LEN];
	static int next;
	next = (next + 1) % 4;
	tip_date_format(out[next], d);
	return out[next];
}

/* The error's message for parsing text, which must fail. */
static void assert_date_error(const char *text, const char *message)
{
	tip_date d;
	tip_error *err = tip_date_parse(&d, text);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err), message);
	tip_error_free(err);
}

static void assert_period(const tip_period *p, const char *from, const char *to,
	const char *label, const char *name)
{
	assert_string_equal(text_of(p->from), from);
	assert_string_equal(text_of(p->to), to);
	assert_string_equal(p->label, label);
	assert_string_equal(p->name, name);
}

/* ---- dates ---- */

static void test_epoch_and_round_trip(void **state)
{
	(void)state;
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("1970-01-02"), 1);
	assert_int_equal(day("1969-12-31"), -1);
	assert_int_equal(day("2000-03-01") - day("2000-02-28"), 2);
	assert_int_equal(tip_date_seconds(day("2026-07-01")), 1782864000);
	/* Every day from 1899 to 2101 formats back to itself and follows the one before. */
	tip_date prev = day("1899-12-31");
	for (int y = 1900; y <= 2100; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				tip_date t;
				if (!tip_date_from_ymd(&t, y, m, d))
					continue;
				char want[TIP_DATE_LEN];
				snprintf(want, sizeof(want), "%04d-%02d-%02d", y, m, d);
				assert_string_equal(text_of(t), want);
				assert_int_equal(t, prev + 1);
				prev = t;
			}
}

static void test_leap_years(void **state)
{
	(void)state;
	tip_date d;
	assert_true(tip_date_from_ymd(&d, 2024, 2, 29));
	assert_string_equal(text_of(d), "2024-02-29");
	assert_false(tip_date_from_ymd(&d, 2026, 2, 29));
	assert_true(tip_date_from_ymd(&d, 2000, 2, 29));  /* divisible by 400 */
	assert_false(tip_date_from_ymd(&d, 1900, 2, 29)); /* by 100, not 400 */
	assert_false(tip_date_from_ymd(&d, 2100, 2, 29));
	assert_int_equal(day("2025-03-01") - day("2024-03-01"), 365);
	assert_int_equal(day("2024-03-01") - day("2023-03-01"), 366);
	assert_date_error("2026-02-29", "'2026-02-29' is not a date: February 2026 has 28 days");
	assert_date_error("2024-02-30", "'2024-02-30' is not a date: February 2024 has 29 days");
}

static void test_bad_dates(void **state)
{
	(void)state;
	assert_date_error("2026-04-31", "'2026-04-31' is not a date: April 2026 has 30 days");
	assert_date_error("2026-13-01", "'2026-13-01' is not a date: there is no month 13");
	assert_date_error("2026-00-10", "'2026-00-10' is not a date: there is no month 00");
	assert_date_error("2026-01-00", "'2026-01-00' is not a date: there is no day 00");
	const char *forms[] = { "2026-1-05", "26-01-05", "2026/01/05", "2026-01-05T10:00",
		"", "2026-01-0x", " 2026-01-05", "+2026-01-05", "2026-01-5 " };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char want[96];
		snprintf(want, sizeof(want),
			"'%s' is not a date: write it YYYY-MM-DD, e.g. 2026-09-30", forms[i]);
		assert_date_error(forms[i], want);
	}
	tip_date d;
	assert_false(tip_date_from_ymd(&d, 10000, 1, 1));
	assert_false(tip_date_from_ymd(&d, 2026, 12, 32));
}

/* What tip_date_read makes of text, as YYYY-MM-DD, or its error message. */
static const char *read_as(const char *text)
{
	static char out[256];
	tip_date d;
	tip_error *err = tip_date_read(&d, text);
	if (err) {
		snprintf(out, sizeof(out), "%s", tip_error_message(err));
		tip_error_free(err);
	} else {
		tip_date_format(out, d);
	}
	return out;
}

static void test_read_as_people_write(void **state)
{
	(void)state;
	const struct { const char *text, *date; } cases[] = {
		{ "2026-12-31", "2026-12-31" },
		{ "31/12/2026", "2026-12-31" },
		{ "31-12-2026", "2026-12-31" },
		{ "31.12.2026", "2026-12-31" },
		{ "1/3/2026", "2026-03-01" },
		{ "01/03/2026", "2026-03-01" },
		{ "1/3/26", "2026-03-01" },
		{ "2026/3/1", "2026-03-01" },
		{ "1 March 2026", "2026-03-01" },
		{ "1 Mar 2026", "2026-03-01" },
		{ "1st march, 2026", "2026-03-01" },
		{ "March 1 2026", "2026-03-01" },
		{ "March 1st, 2026", "2026-03-01" },
		{ "23 SEPT 2026", "2026-09-23" },
		{ "29 February 2028", "2028-02-29" },
		{ "1-Mar-26", "2026-03-01" },
		{ " 1 / 3 / 2026 ", "2026-03-01" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(read_as(cases[i].text), cases[i].date);
}

static void test_read_refusals(void **state)
{
	(void)state;
	assert_string_equal(read_as("12/31/2026"), "'12/31/2026' is not a date: dates are read "
		"day first, and there is no month 31 (for 31 December 2026 write 31/12/2026)");
	assert_string_equal(read_as("10/11/12"), "'10/11/12' could be 10 November 2012 (day "
		"first) or 12 November 2010 (year first): write the year in full, e.g. 10/11/2012");
	assert_string_equal(read_as("30/02/2026"),
		"'30/02/2026' is not a date: February 2026 has 28 days");
	assert_string_equal(read_as("31 June 2026"),
		"'31 June 2026' is not a date: June 2026 has 30 days");
	assert_string_equal(read_as("13/13/2026"), "'13/13/2026' is not a date: there is no month 13");
	assert_string_equal(read_as("1/13/2026"), "'1/13/2026' is not a date: dates are read day "
		"first, and there is no month 13 (for 13 January 2026 write 13/1/2026)");
	assert_string_equal(read_as("2026-02-30"),
		"'2026-02-30' is not a date: February 2026 has 28 days");
	const char *forms[] = { "", "soon", "March 2026", "1 Ma 2026", "1/3", "1/3/2026/4",
		"1/3-2026", "1 March", "1 March 20266", "32 March 2026x", "1 2 3 4", "2026", "1/3/2026/",
		"1//3/2026x", "1/3.2026", "1 3 2026", "2026 March 1", "-1/3/2026" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		char want[128];
		snprintf(want, sizeof(want), "'%s' is not a date: write it like 2026-12-31, "
			"31/12/2026 or 31 December 2026", forms[i]);
		assert_string_equal(read_as(forms[i]), want);
	}
}

static void test_long_form(void **state)
{
	(void)state;
	char out[24];
	tip_date_format_long(out, sizeof(out), day("2026-09-30"));
	assert_string_equal(out, "30 September 2026");
	tip_date_format_long(out, sizeof(out), day("2027-01-01"));
	assert_string_equal(out, "1 January 2027");
}

static void test_date_of_node(void **state)
{
	(void)state;
	tip_node n = { .type = TIP_NODE_STR, .str = "2024-02-29", .len = 10 };
	tip_date d;
	assert_true(tip_date_of_node(&d, &n));
	assert_string_equal(text_of(d), "2024-02-29");
	n.str = "2026-02-29";
	assert_false(tip_date_of_node(&d, &n));
	n.str = "2026-2-1";
	n.len = 8;
	assert_false(tip_date_of_node(&d, &n));
	n.type = TIP_NODE_INT;
	assert_false(tip_date_of_node(&d, &n));
	assert_false(tip_date_of_node(&d, NULL));
}

static void test_today(void **state)
{
	(void)state;
	tip_date d;
	setenv("TIP_TODAY", "2024-02-29", 1);
	assert_null(tip_date_today(&d));
	assert_string_equal(text_of(d), "2024-02-29");
	setenv("TIP_TODAY", "2026-02-29", 1);
	tip_error *err = tip_date_today(&d);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err),
		"TIP_TODAY: '2026-02-29' is not a date: February 2026 has 28 days");
	tip_error_free(err);
	unsetenv("TIP_TODAY");
	assert_null(tip_date_today(&d));
	assert_true(d > day("2020-01-01"));
}

/* ---- quarters ---- */

static void test_calendar_quarters(void **state)
{
	(void)state;
	tip_period p;
	assert_null(tip_period_parse_quarter(&p, "2026-Q1"));
	assert_int_equal(p.kind, TIP_PERIOD_CALENDAR);
	assert_period(&p, "2026-01-01", "2026-03-31", "2026-Q1", "Q1 2026");
	assert_null(tip_period_parse_quarter(&p, "2026-Q3"));
	assert_period(&p, "2026-07-01", "2026-09-30", "2026-Q3", "Q3 2026");
	assert_null(tip_period_parse_quarter(&p, "2026-q4"));
	assert_period(&p, "2026-10-01", "2026-12-31", "2026-Q4", "Q4 2026");
	assert_null(tip_period_parse_quarter(&p, "2024-Q1"));
	assert_period(&p, "2024-01-01", "2024-03-31", "2024-Q1", "Q1 2024");
	assert_true(tip_period_contains(&p, day("2024-02-29")));
	assert_true(tip_period_contains(&p, day("2024-01-01")));
	assert_true(tip_period_contains(&p, day("2024-03-31")));
	assert_false(tip_period_contains(&p, day("2023-12-31")));
	assert_false(tip_period_contains(&p, day("2024-04-01")));
}

static void test_financial_quarters(void **state)
{
	(void)state;
	tip_period p;
	assert_null(tip_period_parse_fy(&p, "2026/27-Q1"));
	assert_int_equal(p.kind, TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-04-01", "2026-06-30", "2026/27-Q1", "FY 2026/27 Q1");
	assert_null(tip_period_parse_fy(&p, "2026/27-Q2"));
	assert_period(&p, "2026-07-01", "2026-09-30", "2026/27-Q2", "FY 2026/27 Q2");
	assert_null(tip_period_parse_fy(&p, "2026/27-Q3"));
	assert_period(&p, "2026-10-01", "2026-12-31", "2026/27-Q3", "FY 2026/27 Q3");
	/* Q4 is in the next calendar year. */
	assert_null(tip_period_parse_fy(&p, "2026/27-Q4"));
	assert_period(&p, "2027-01-01", "2027-03-31", "2026/27-Q4", "FY 2026/27 Q4");
	assert_null(tip_period_parse_fy(&p, "2023/24-Q4"));
	assert_period(&p, "2024-01-01", "2024-03-31", "2023/24-Q4", "FY 2023/24 Q4");
	/* The century wraps in the second year. */
	assert_null(tip_period_parse_fy(&p, "1999/00-Q4"));
	assert_period(&p, "2000-01-01", "2000-03-31", "1999/00-Q4", "FY 1999/00 Q4");
	assert_null(tip_period_parse_fy(&p, "2099/00-Q1"));
	assert_period(&p, "2099-04-01", "2099-06-30", "2099/00-Q1", "FY 2099/00 Q1");
}

static void assert_period_error(tip_error *(*parse)(tip_period *, const char *),
	const char *text, const char *message)
{
	tip_period p;
	tip_error *err = parse(&p, text);
	assert_non_null(err);
	assert_string_equal(tip_error_message(err), message);
	tip_error_free(err);
}

static void test_bad_quarters(void **state)
{
	(void)state;
	const char *cal = "' is not a calendar quarter: write it YYYY-Qn with n from 1 to 4, "
		"e.g. 2026-Q3 (July to September 2026)";
	const char *bad[] = { "2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-Q3 ", "2026-3",
		"2026/27-Q2", "" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char want[160];
		snprintf(want, sizeof(want), "'%s%s", bad[i], cal);
		assert_period_error(tip_period_parse_quarter, bad[i], want);
	}
	const char *fy = "' is not a financial quarter: write it YYYY/YY-Qn with n from 1 to "
		"4, e.g. 2026/27-Q1 (April to June 2026)";
	const char *bad_fy[] = { "2026-Q2", "2026/2027-Q2", "2026/27-Q5", "2026/27Q2",
		"2026-27-Q2", "2026/7-Q2", "" };
	for (size_t i = 0; i < sizeof(bad_fy) / sizeof(bad_fy[0]); i++) {
		char want[160];
		snprintf(want, sizeof(want), "'%s%s", bad_fy[i], fy);
		assert_period_error(tip_period_parse_fy, bad_fy[i], want);
	}
	assert_period_error(tip_period_parse_fy, "2026/28-Q2", "'2026/28-Q2' is not a financial "
		"quarter: the year that starts in April 2026 is 2026/27");
	assert_period_error(tip_period_parse_fy, "1999/99-Q1", "'1999/99-Q1' is not a financial "
		"quarter: the year that starts in April 1999 is 1999/00");
	assert_period_error(tip_period_parse_fy, "9999/00-Q4",
		"'9999/00-Q4' is past the last date tip knows, 9999-12-31");
}

static void test_ranges(void **state)
{
	(void)state;
	tip_period p, next;
	assert_null(tip_period_parse_range(&p, "2024-02-01", "2024-02-29"));
	assert_int_equal(p.kind, TIP_PERIOD_RANGE);
	assert_period(&p, "2024-02-01", "2024-02-29", "2024-02-01..2024-02-29",
		"2024-02-01 to 2024-02-29");
	tip_period_next(&next, &p);
	assert_period(&next, "2024-03-01", "2024-03-29", "2024-03-01..2024-03-29",
		"2024-03-01 to 2024-03-29");
	assert_null(tip_period_parse_range(&p, "2026-05-05", "2026-05-05"));
	tip_period_next(&next, &p);
	assert_period(&next, "2026-05-06", "2026-05-06", "2026-05-06..2026-05-06",
		"2026-05-06 to 2026-05-06");

	tip_error *err = tip_period_parse_range(&p, "2026-10-01", "2026-09-30");
	assert_string_equal(tip_error_message(err),
		"the period's start, 2026-10-01, is after its end, 2026-09-30");
	tip_error_free(err);
	err = tip_period_parse_range(&p, "2026-02-29", "2026-03-31");
	assert_string_equal(tip_error_message(err),
		"start of the period: '2026-02-29' is not a date: February 2026 has 28 days");
	tip_error_free(err);
	err = tip_period_parse_range(&p, "2026-01-01", "2026-3-31");
	assert_string_equal(tip_error_message(err), "end of the period: '2026-3-31' is not a "
		"date: write it YYYY-MM-DD, e.g. 2026-09-30");
	tip_error_free(err);
}

static void test_quarter_of_and_next(void **state)
{
	(void)state;
	tip_period p, next;
	tip_period_quarter_of(&p, day("2026-03-31"), TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-01-01", "2026-03-31", "2025/26-Q4", "FY 2025/26 Q4");
	tip_period_next(&next, &p);
	assert_period(&next, "2026-04-01", "2026-06-30", "2026/27-Q1", "FY 2026/27 Q1");
	tip_period_quarter_of(&p, day("2026-04-01"), TIP_PERIOD_CALENDAR);
	assert_period(&p, "2026-04-01", "2026-06-30", "2026-Q2", "Q2 2026");
	tip_period_quarter_of(&p, day("2026-12-31"), TIP_PERIOD_CALENDAR);
	tip_period_next(&next, &p);
	assert_period(&next, "2027-01-01", "2027-03-31", "2027-Q1", "Q1 2027");
}

static void test_last_complete(void **state)
{
	(void)state;
	tip_period p;
	tip_period_last_complete(&p, day("2026-11-26"), TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-07-01", "2026-09-30", "2026/27-Q2", "FY 2026/27 Q2");
	tip_period_last_complete(&p, day("2026-11-26"), TIP_PERIOD_CALENDAR);
	assert_period(&p, "2026-07-01", "2026-09-30", "2026-Q3", "Q3 2026");
	/* On a quarter's first day the quarter before it is the last complete one. */
	tip_period_last_complete(&p, day("2026-10-01"), TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-07-01", "2026-09-30", "2026/27-Q2", "FY 2026/27 Q2");
	tip_period_last_complete(&p, day("2026-09-30"), TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-04-01", "2026-06-30", "2026/27-Q1", "FY 2026/27 Q1");
	/* Across the financial year's end and the calendar year's. */
	tip_period_last_complete(&p, day("2026-04-01"), TIP_PERIOD_FINANCIAL);
	assert_period(&p, "2026-01-01", "2026-03-31", "2025/26-Q4", "FY 2025/26 Q4");
	tip_period_last_complete(&p, day("2027-01-15"), TIP_PERIOD_CALENDAR);
	assert_period(&p, "2026-10-01", "2026-12-31", "2026-Q4", "Q4 2026");
	tip_period_last_complete(&p, day("2024-03-01"), TIP_PERIOD_CALENDAR);
	assert_period(&p, "2023-10-01", "2023-12-31", "2023-Q4", "Q4 2023");
}

/* A summary covers the period after the one asked for too, so a period whose next one would
 * end past 9999-12-31 is refused: its next one had no dates. */
static void test_periods_at_the_end_of_time(void **state)
{
	(void)state;
	const char *late = " is too late: the period after it, which a summary also covers, "
			   "would end past 9999-12-31, the last date tip knows";
	char want[200];
	snprintf(want, sizeof(want), "'9999-Q4'%s", late);
	assert_period_error(tip_period_parse_quarter, "9999-Q4", want);
	snprintf(want, sizeof(want), "'9999/00-Q3'%s", late);
	assert_period_error(tip_period_parse_fy, "9999/00-Q3", want);
	tip_period p, next;
	tip_error *err = tip_period_parse_range(&p, "9999-07-01", "9999-12-31");
	snprintf(want, sizeof(want), "'9999-07-01..9999-12-31'%s", late);
	assert_string_equal(tip_error_message(err), want);
	tip_error_free(err);
	err = tip_period_parse_range(&p, "9999-09-30", "9999-11-15");
	snprintf(want, sizeof(want), "'9999-09-30..9999-11-15'%s", late);
	assert_string_equal(tip_error_message(err), want);
	tip_error_free(err);
	/* The last periods whose next one still fits. */
	assert_null(tip_period_parse_quarter(&p, "9999-Q3"));
	tip_period_next(&next, &p);
	assert_period(&next, "9999-10-01", "9999-12-31", "9999-Q4", "Q4 9999");
	assert_null(tip_period_parse_fy(&p, "9999/00-Q2"));
	tip_period_next(&next, &p);
	assert_period(&next, "9999-10-01", "9999-12-31", "9999/00-Q3", "FY 9999/00 Q3");
	assert_null(tip_period_parse_range(&p, "9999-09-30", "9999-11-14"));
	tip_period_next(&next, &p);
	assert_period(&next, "9999-11-15", "9999-12-30", "9999-11-15..9999-12-30",
		"9999-11-15 to 9999-12-30");
}

/* ---- tip.yaml ---- */

static char dir[64];

static void write_setting(const char *text)
{
	char path[96];
	snprintf(path, sizeof(path), "%s/tip.yaml", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_setting(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/tip-date.XXXXXX");
	assert_non_null(mkdtemp(dir));
	tip_period_kind kind = TIP_PERIOD_RANGE;
	assert_null(tip_period_kind_setting(&kind, dir));
	assert_int_equal(kind, TIP_PERIOD_FINANCIAL); /* no file */
	write_setting("quarters: calendar\n");
	assert_null(tip_period_kind_setting(&kind, dir));
	assert_int_equal(kind, TIP_PERIOD_CALENDAR);
	write_setting("quarters: financial\n");
	assert_null(tip_period_kind_setting(&kind, dir));
	assert_int_equal(kind, TIP_PERIOD_FINANCIAL);
	write_setting("other: 1\n");
	kind = TIP_PERIOD_CALENDAR;
	assert_null(tip_period_kind_setting(&kind, dir));
	assert_int_equal(kind, TIP_PERIOD_FINANCIAL); /* no setting */

	write_setting("# settings\nquarters: fiscal\n");
	tip_error *err = tip_period_kind_setting(&kind, dir);
	assert_string_equal(tip_error_message(err),
		"tip.yaml:2:11: quarters must be financial or calendar, not 'fiscal'");
	tip_error_free(err);
	write_setting("quarters: a\nquarters: b\n");
	err = tip_period_kind_setting(&kind, dir);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "tip.yaml:2:1: "));
	tip_error_free(err);

	char path[96];
	snprintf(path, sizeof(path), "%s/tip.yaml", dir);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_and_round_trip),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_bad_dates),
		cmocka_unit_test(test_read_as_people_write),
		cmocka_unit_test(test_read_refusals),
		cmocka_unit_test(test_long_form),
		cmocka_unit_test(test_date_of_node),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_calendar_quarters),
		cmocka_unit_test(test_financial_quarters),
		cmocka_unit_test(test_bad_quarters),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_quarter_of_and_next),
		cmocka_unit_test(test_last_complete),
		cmocka_unit_test(test_periods_at_the_end_of_time),
		cmocka_unit_test(test_setting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
