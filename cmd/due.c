/* tip due: reviews, actions and milestones that are overdue or due soon, soonest first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "due.h"
#include "jsonw.h"
#include "reading.h"
#include "records.h"

enum { FORMAT_TEXT, FORMAT_JSON }; /* in the order of --format's choices */

struct due_options {
	const char *within_text;
	long within;
	bool strict;
	int format;
};

static const struct cmd_option due_options[] = {
	CMD_STRING("within", 0, "DAYS", NULL, struct due_options, within_text,
		"how far ahead to look, in days (0: only what is overdue or due\n"
		"today)"),
	CMD_FLAG("strict", 0, struct due_options, strict, "exit 1 when anything is overdue"),
	CMD_CHOICE("format", "F", "text|json", struct due_options, format,
		"text (one line each, a count on stderr) or json ({\"format\": 1,\n"
		"\"items\": [...]})"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_due = {
	.name = "due",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--within DAYS] [--strict] [--format text|json]", { NULL }, false }, { NULL } },
	.about = "Lists what is overdue or due within DAYS days (default 30), soonest first:\n"
		 "course reviews (next_review, courses not retired), champion record reviews\n"
		 "(review_by), action due dates (actions neither done nor cancelled) and their\n"
		 "milestones not yet done. Today is the local date, or TIP_TODAY (YYYY-MM-DD).\n\n",
	.options = due_options,
	.column = 17,
	.after = "\nExit status: 0 success, 1 something overdue with --strict, or some record\n"
		 "files do not load (left out, their findings on stderr), 2 usage, I/O or\n"
		 "repository errors.\n",
	.in_order = true,
};

/* The number of days of --within, 0 to 36500. */
static int parse_within(struct due_options *o)
{
	char *end;
	errno = 0;
	long n = strtol(o->within_text, &end, 10);
	if (errno || *o->within_text == '\0' || *end || n < 0 || n > 36500)
		return cmd_bad_value(&usage_due, "--within", "a number of days from 0 to 36500",
			o->within_text);
	o->within = n;
	return -1;
}

static int parse_options(struct due_options *o, int argc, char **argv)
{
	int status = cmd_parse_options_only(&usage_due, o, argc, argv);
	if (status < 0 && o->within_text)
		status = parse_within(o);
	return status;
}

/* "3 days overdue", "today", "in 1 day" */
static void when_text(char *out, size_t cap, long days)
{
	if (days == 0)
		snprintf(out, cap, "today");
	else if (days < 0)
		snprintf(out, cap, "%ld day%s overdue", -days, days == -1 ? "" : "s");
	else
		snprintf(out, cap, "in %ld day%s", days, days == 1 ? "" : "s");
}

static int record_width(const tip_due_item *items, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(items[i].record->type->name) + 1 + strlen(items[i].record->id);
		if (len > w)
			w = len;
	}
	return (int)w;
}

static void print_item(const tip_due_item *item, tip_date today, int width)
{
	char date[TIP_DATE_LEN], when[32], record[160];
	tip_date_format(date, item->date);
	when_text(when, sizeof(when), (long)item->date - today);
	snprintf(record, sizeof(record), "%s %s", item->record->type->name, item->record->id);
	const char *what = item->kind == TIP_DUE_MILESTONE ? item->milestone : item->title;
	cmd_printf(stdout, "%s  %-16s  %-*s  %s: %s", date, when, width, record,
		tip_due_kind_name(item->kind), what ? what : "");
	if (item->kind == TIP_DUE_ACTION && item->status)
		cmd_printf(stdout, " (%s)", item->status);
	putchar('\n');
}

static const char *kind_key(tip_due_kind kind)
{
	switch (kind) {
	case TIP_DUE_COURSE_REVIEW: return "course-review";
	case TIP_DUE_CHAMPION_REVIEW: return "champion-review";
	case TIP_DUE_ACTION: return "action";
	case TIP_DUE_MILESTONE: break;
	}
	return "milestone";
}

static tip_error *print_json(const tip_due_item *items, size_t n, tip_date today)
{
	tip_buf out = TIP_BUF_INIT;
	tip_jsonw w;
	tip_jsonw_begin(&w, &out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	tip_jsonw_array(&w, "items");
	for (size_t i = 0; i < n; i++) {
		char date[TIP_DATE_LEN];
		tip_date_format(date, items[i].date);
		tip_jsonw_object(&w, NULL);
		tip_jsonw_string(&w, "date", date);
		tip_jsonw_number(&w, "days", (int64_t)items[i].date - today);
		tip_jsonw_bool(&w, "overdue", items[i].date < today);
		tip_jsonw_string(&w, "kind", kind_key(items[i].kind));
		tip_jsonw_string(&w, "type", items[i].record->type->name);
		tip_jsonw_string(&w, "id", items[i].record->id);
		tip_jsonw_string(&w, "path", items[i].record->path);
		tip_jsonw_string(&w, "title", items[i].title);
		tip_jsonw_string(&w, "status", items[i].status);
		tip_jsonw_string(&w, "milestone", items[i].milestone);
		tip_jsonw_close(&w, '}');
	}
	tip_jsonw_close(&w, ']');
	tip_jsonw_close(&w, '}');
	tip_error *err = tip_jsonw_end(&w);
	if (!err)
		cmd_puts(stdout, tip_buf_str(&out));
	tip_buf_dispose(&out);
	return err;
}

/* Prints the items up to today + within; returns how many are overdue. */
static tip_error *print_due(size_t *overdue, const tip_due_item *items, size_t n,
	tip_date today, const struct due_options *o)
{
	size_t shown = 0;
	while (shown < n && items[shown].date <= today + o->within)
		shown++;
	*overdue = 0;
	while (*overdue < shown && items[*overdue].date < today)
		(*overdue)++;
	if (o->format == FORMAT_JSON)
		return print_json(items, shown, today);
	int width = record_width(items, shown);
	for (size_t i = 0; i < shown; i++)
		print_item(&items[i], today, width);
	char ahead[48];
	if (o->within == 0)
		snprintf(ahead, sizeof(ahead), "today");
	else
		snprintf(ahead, sizeof(ahead), "in the next %ld day%s", o->within,
			o->within == 1 ? "" : "s");
	if (shown)
		fprintf(stderr, "%zu overdue, %zu due %s\n", *overdue, shown - *overdue, ahead);
	else
		fprintf(stderr, "nothing overdue or due %s\n", ahead);
	return NULL;
}

static int run_due(tip_store *store, const struct due_options *o)
{
	tip_date today;
	tip_error *err = tip_date_today(&today);
	if (err)
		return cmd_fail(err);
	struct reading r;
	int status = cmd_read_records(&r, store, NULL);
	if (status != EXIT_OK)
		return status;
	tip_due_item *items = NULL;
	size_t n = 0, overdue = 0;
	err = tip_due_collect(&items, &n, r.snapshot, today);
	if (!err)
		err = print_due(&overdue, items, n, today, o);
	free(items);
	cmd_reading_dispose(&r);
	if (err)
		return cmd_fail(err);
	if (fflush(stdout) != 0) {
		cmd_error("cannot write the list");
		return EXIT_TROUBLE;
	}
	return o->strict && overdue ? EXIT_FINDINGS : r.status;
}

int cmd_due(int argc, char **argv)
{
	struct due_options o = { .within = 30, .format = FORMAT_TEXT };
	int status = parse_options(&o, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	status = run_due(store, &o);
	tip_store_free(store);
	return status;
}
