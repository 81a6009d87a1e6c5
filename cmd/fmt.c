/* tip fmt: write records in canonical form, or list those that are not (--check). */
#include <stdio.h>
#include <string.h>

#include "checking.h"
#include "cmd.h"
#include "diag.h"
#include "fmt.h"
#include "store.h"

struct fmt_options {
	bool check;
	int format; /* a tip_diag_format */
};

static const struct cmd_option fmt_options[] = {
	CMD_FLAG("check", 0, struct fmt_options, check,
		"change nothing: print the paths of the records that are not in\n"
		"canonical form, one a line"),
	CMD_DIAG_FORMAT_OPTION(struct fmt_options,
		"text (as above), or json or github: the records not in\n"
		"canonical form and the records left alone, all as findings on\n"
		"stdout (github: workflow annotations at the first line that\n"
		"differs)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_fmt = {
	.name = "fmt",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--check] [--format text|json|github] [PATH...]", { "PATH" }, true }, { NULL } },
	.about = "Writes records in canonical form: keys in their schema's order, then any\n"
		 "others; block style with two-space indentation; text quoted only where a\n"
		 "YAML reader could take it for something else; multi-line text as literal\n"
		 "blocks. With no PATH, every record in the repository; a PATH may be a record\n"
		 "file or a folder. Files are rewritten in place and nothing is printed.\n"
		 "A record with comments (which formatting would lose) or that does not load\n"
		 "is left alone and reported on stderr as path:line:col: error: message.\n\n",
	.options = fmt_options,
	.column = 14,
	.after = "\nExit status: 0 done (with --check: all canonical), 1 findings or records not\n"
		 "in canonical form, 2 usage, I/O or repository errors.\n",
	.in_order = true,
};

struct changes {
	const struct fmt_options *o;
	tip_diag_list *findings;
	size_t count;
	tip_error *err;
};

/* In text form the paths go to stdout and findings to stderr, for people and scripts; in the
 * other forms a record not in canonical form is one more finding, so CI can annotate it. */
static void on_changed(void *ctx, const char *path, unsigned line)
{
	struct changes *c = ctx;
	c->count++;
	if (!c->o->check)
		return;
	if (c->o->format == TIP_DIAG_TEXT)
		cmd_printf(stdout, "%s\n", path);
	else if (!c->err)
		c->err = tip_diag_list_addf(c->findings, path, line, 0, "", "fmt",
			"not in canonical form: run tip fmt %s", path);
}

/* Every finding, a record not in canonical form included, on stdout in the chosen form. */
static int report_as_findings(tip_diag_list *findings, tip_diag_format format)
{
	int status = cmd_print_diag(stdout, findings, format);
	if (status != EXIT_OK)
		return status;
	return tip_diag_list_count(findings) ? EXIT_FINDINGS : EXIT_OK;
}

static int report(tip_diag_list *findings, const struct changes *changes)
{
	int status = changes->err ? cmd_fail(changes->err) : EXIT_OK;
	if (status == EXIT_OK && changes->o->format != TIP_DIAG_TEXT)
		return report_as_findings(findings, changes->o->format);
	if (status == EXIT_OK)
		status = cmd_print_diag(stderr, findings, TIP_DIAG_TEXT);
	if (status == EXIT_OK && fflush(stdout) != 0) {
		cmd_error("cannot write the list of records");
		status = EXIT_TROUBLE;
	}
	if (status != EXIT_OK)
		return status;
	bool differ = changes->o->check && changes->count > 0;
	return tip_diag_list_count(findings) || differ ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_fmt(int argc, char **argv)
{
	struct fmt_options o = { false, TIP_DIAG_TEXT };
	int status = cmd_parse_options(&usage_fmt, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	tip_store *store = NULL;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	struct changes changes = { &o, findings, 0, NULL };
	tip_fmt_opts opts = { .check = o.check, .changed = on_changed, .ctx = &changes };
	if (!err)
		err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_fmt_repository(store, (const char *const *)argv, (size_t)argc, &opts,
			findings);
	status = err ? cmd_fail(err) : report(findings, &changes);
	tip_diag_list_free(findings);
	tip_store_free(store);
	return status;
}
