/* Fuzz target: the reporting periods and dates: tip_period_parse_quarter, tip_period_parse_fy,
 * tip_period_parse_range and tip_date_parse. The input is one or two lines. Whatever parses
 * must be a real period: it holds its first and last days, starts no later than it ends, reads
 * back from its own label, and the period after it starts the day after it ends. */
#include "date.h"
#include "fuzz.h"

/* The promises every period makes. */
static void check_period(const tip_period *p)
{
	FUZZ_ASSERT(p->from <= p->to);
	FUZZ_ASSERT(tip_period_contains(p, p->from) && tip_period_contains(p, p->to));
	FUZZ_ASSERT(!tip_period_contains(p, p->from - 1) && !tip_period_contains(p, p->to + 1));
	FUZZ_ASSERT(memchr(p->label, '\0', sizeof(p->label)) && p->label[0]);
	FUZZ_ASSERT(memchr(p->name, '\0', sizeof(p->name)) && p->name[0]);
	int y, m, d;
	tip_date_to_ymd(p->to, &y, &m, &d);
	FUZZ_ASSERT(y >= 0 && y <= 9999);
	if (p->kind != TIP_PERIOD_RANGE) {
		int days = p->to - p->from + 1;
		FUZZ_ASSERT(days >= 90 && days <= 92);
		tip_period q;
		tip_period_quarter_of(&q, p->from, p->kind);
		FUZZ_ASSERT(q.from == p->from && q.to == p->to && strcmp(q.label, p->label) == 0);
	}
}

/* The label reads back as the same period (for a range: its two dates). A period after a parsed
 * one may be the last tip knows, which is refused as too late (its own next has no dates). */
static void check_label(const tip_period *p, bool may_be_last)
{
	tip_period again;
	tip_error *err;
	if (p->kind == TIP_PERIOD_RANGE) {
		char from[TIP_DATE_LEN], to[TIP_DATE_LEN];
		tip_date_format(from, p->from);
		tip_date_format(to, p->to);
		err = tip_period_parse_range(&again, from, to);
	} else if (p->kind == TIP_PERIOD_CALENDAR) {
		err = tip_period_parse_quarter(&again, p->label);
	} else {
		err = tip_period_parse_fy(&again, p->label);
	}
	if (err && may_be_last && strstr(tip_error_message(err), "is too late")) {
		tip_error_free(err);
		return;
	}
	FUZZ_ASSERT(err == NULL);
	FUZZ_ASSERT(again.from == p->from && again.to == p->to && again.kind == p->kind);
	FUZZ_ASSERT(strcmp(again.label, p->label) == 0 && strcmp(again.name, p->name) == 0);
}

/* A parsed period, and the one after it. */
static void check_parsed(const tip_period *p)
{
	check_period(p);
	check_label(p, false);
	tip_period next;
	tip_period_next(&next, p);
	FUZZ_ASSERT(next.from == p->to + 1);
	FUZZ_ASSERT(next.kind == p->kind);
	if (p->kind == TIP_PERIOD_RANGE)
		FUZZ_ASSERT(next.to - next.from == p->to - p->from);
	check_period(&next);
	check_label(&next, true);
}

/* A parsed date is written back exactly as it was given, and is a real day. */
static void check_date(const char *text)
{
	tip_date date;
	tip_error *err = tip_date_parse(&date, text);
	if (err) {
		FUZZ_ASSERT(strstr(tip_error_message(err), "is not a date") != NULL);
		tip_error_free(err);
		return;
	}
	char out[TIP_DATE_LEN];
	tip_date_format(out, date);
	FUZZ_ASSERT(strcmp(out, text) == 0);
	int y, m, d;
	tip_date_to_ymd(date, &y, &m, &d);
	tip_date same;
	FUZZ_ASSERT(tip_date_from_ymd(&same, y, m, d) && same == date);
	char words[24];
	tip_date_format_long(words, sizeof(words), date);
	for (int k = 0; k < 2; k++) {
		tip_period q;
		tip_period_quarter_of(&q, date, k ? TIP_PERIOD_CALENDAR : TIP_PERIOD_FINANCIAL);
		FUZZ_ASSERT(tip_period_contains(&q, date));
	}
}

typedef tip_error *parse_fn(tip_period *out, const char *text);

static void try_parse(parse_fn *parse, const char *text)
{
	tip_period p;
	tip_error *err = parse(&p, text);
	if (err) {
		FUZZ_ASSERT(tip_error_message(err)[0] != '\0');
		tip_error_free(err);
		return;
	}
	check_parsed(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);
	char *second = strchr(text, '\n');
	if (second)
		*second++ = '\0';
	try_parse(tip_period_parse_quarter, text);
	try_parse(tip_period_parse_fy, text);
	check_date(text);
	if (second) {
		check_date(second);
		tip_period p;
		tip_error *err = tip_period_parse_range(&p, text, second);
		if (err)
			tip_error_free(err);
		else
			check_parsed(&p);
	}
	free(text);
	return 0;
}
