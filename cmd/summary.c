/* tip summary: the quarterly progress summary as Markdown, HTML or JSON. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "comparing.h"
#include "date.h"
#include "reading.h"
#include "records.h"
#include "report.h"
#include "settings.h"

enum summary_format { FORMAT_MD, FORMAT_HTML, FORMAT_JSON }; /* as --format's choices */

struct summary_options {
	const char *quarter;
	const char *fy;
	const char *from;
	const char *to;
	int format; /* an enum summary_format */
	bool peers;
};

static const struct cmd_option summary_options[] = {
	CMD_STRING("quarter", 0, "Q", NULL, struct summary_options, quarter,
		"a calendar quarter, e.g. 2026-Q3 (July to September 2026)"),
	CMD_STRING("fy", 0, "Q", NULL, struct summary_options, fy,
		"a UK financial quarter, e.g. 2026/27-Q2 (July to September 2026;\n"
		"the year runs April to March)"),
	CMD_STRING("from", 0, "DATE", NULL, struct summary_options, from,
		"any period, from DATE to --to's DATE, both days included\n"
		"(YYYY-MM-DD)"),
	CMD_STRING("to", 0, "DATE", NULL, struct summary_options, to,
		"the last day of the period that --from starts"),
	CMD_CHOICE("format", "F", "md|html|json", struct summary_options, format,
		"md (Markdown for GitHub, with Mermaid charts), html (one\n"
		"printable page) or json; default md"),
	CMD_FLAG("peers", 0, struct summary_options, peers,
		"across the authorities: this repository and every fetched peer\n"
		"of tip.yaml, figures side by side, with the alignment findings\n"
		"(docs/compare.md)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_summary = {
	.name = "summary",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--quarter YYYY-Qn | --fy YYYY/YY-Qn | --from DATE --to DATE]\n"
		  "[--format md|html|json] [--peers]", { NULL }, false },
		{ NULL } },
	.about = "The quarterly progress summary: headline, exceptions, training offer, reach,\n"
		 "champion network, glossary, alignment and housekeeping. What changed comes from\n"
		 "git: the records at the period's end (its last day, 23:59:59 UTC) against those at\n"
		 "its start. Personal data is never shown.\n\n",
	.options = summary_options,
	.column = 16,
	.after = "\nWith no period, the last complete quarter before today, financial or calendar as\n"
		 "tip.yaml's `quarters:` says (default financial). TIP_TODAY=YYYY-MM-DD sets today.\n\n"
		 "Exit status: 0 success, 1 some record files do not load at the period's end (left\n"
		 "out, their findings on stderr), 2 usage, I/O or repository errors.\n",
	.in_order = true,
};

/* The period the options name, or the last complete quarter. */
static tip_error *choose_period(tip_period *out, const struct summary_options *o,
	const tip_store *store, tip_date today)
{
	if (o->quarter)
		return tip_period_parse_quarter(out, o->quarter);
	if (o->fy)
		return tip_period_parse_fy(out, o->fy);
	if (o->from)
		return tip_period_parse_range(out, o->from, o->to);
	tip_period_kind kind;
	tip_error *err = tip_period_kind_setting(&kind, tip_store_root(store));
	if (!err)
		tip_period_last_complete(out, today, kind);
	return err;
}

static int check_choice(const struct summary_options *o)
{
	int given = (o->quarter != NULL) + (o->fy != NULL) + (o->from || o->to);
	if (given > 1)
		return cmd_usage_error(&usage_summary, "give one period: --quarter, --fy, or --from "
			"with --to");
	if ((o->from != NULL) != (o->to != NULL))
		return cmd_usage_error(&usage_summary, "--from and --to go together");
	return -1;
}

static tip_error *write_out(void *unused, const char *text, size_t len)
{
	(void)unused;
	return cmd_write(stdout, text, len) == 0 ? NULL
		: tip_error_io("cannot write the summary");
}

/* The summary into out, but JSON written to stdout as it is made: at 100,000 records its
 * text alone is some 16 MiB. */
static tip_error *render(tip_buf *out, const tip_report *report, enum summary_format format)
{
	switch (format) {
	case FORMAT_MD: return tip_report_markdown(out, report);
	case FORMAT_HTML: return tip_report_html(out, report);
	case FORMAT_JSON: break;
	}
	return tip_report_json_drained(out, report, write_out, NULL);
}

/* tip summary --peers: every authority's summary of the period, side by side. */
static int run_peers_summary(tip_store *store, const struct summary_options *o,
	const tip_period *period, tip_date today)
{
	static const tip_compare_format formats[] = { [FORMAT_MD] = TIP_COMPARE_MD,
		[FORMAT_HTML] = TIP_COMPARE_HTML, [FORMAT_JSON] = TIP_COMPARE_JSON };
	struct cmd_comparison cmp;
	int status = cmd_compare_build(&cmp, store, NULL, 0, period, today);
	if (status != EXIT_OK)
		return status;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_compare_summary(&text, cmp.compare,
		(const tip_report *const *)cmp.reports, formats[o->format]);
	status = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_dispose(&text);
	cmd_compare_dispose(&cmp);
	return status;
}

static int run_summary(tip_store *store, const struct summary_options *o)
{
	tip_date today;
	tip_period period;
	tip_report *report = NULL;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_date_today(&today);
	if (!err)
		err = choose_period(&period, o, store, today);
	if (!err && o->peers)
		return run_peers_summary(store, o, &period, today);
	if (!err)
		err = tip_report_build(&report, store, &period, today);
	int status = EXIT_OK;
	if (!err) {
		tip_diag_list *findings;
		size_t unloaded = tip_report_unloaded(report, &findings);
		status = cmd_warn_unloaded(unloaded, findings);
		err = render(&text, report, o->format);
	}
	if (!err) {
		cmd_puts(stdout, tip_buf_str(&text));
		if (fflush(stdout) != 0)
			err = tip_error_io("cannot write the summary");
	}
	tip_report_free(report);
	tip_buf_dispose(&text);
	return err ? cmd_fail(err) : status;
}

int cmd_summary(int argc, char **argv)
{
	struct summary_options o = { NULL, NULL, NULL, NULL, FORMAT_MD, false };
	int status = cmd_parse_options_only(&usage_summary, &o, argc, argv);
	if (status < 0)
		status = check_choice(&o);
	if (status >= 0)
		return status;
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	status = run_summary(store, &o);
	tip_store_free(store);
	return status;
}
