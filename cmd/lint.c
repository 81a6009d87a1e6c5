/* tip lint: the records' wording against the glossary, the glossary's consistency, contact
 * details kept out of records, and dates that have passed. */
#include <stdio.h>
#include <string.h>

#include "checking.h"
#include "cmd.h"
#include "date.h"
#include "diag.h"
#include "lint.h"
#include "store.h"

struct lint_options {
	int format; /* a tip_diag_format */
	bool strict;
	bool quiet;
};

static const struct cmd_option lint_options[] = {
	CMD_DIAG_FORMAT_OPTION(struct lint_options,
		"text (path:line:col: severity: message [rule]), json, or\n"
		"github (workflow annotations); default text"),
	CMD_FLAG("strict", 0, struct lint_options, strict, "warnings fail too"),
	CMD_FLAG("quiet", 'q', struct lint_options, quiet, "no count of what was checked on stderr"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_lint = {
	.name = "lint",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--format text|json|github] [--strict] [-q] [PATH...]", { "PATH" }, true },
		{ NULL } },
	.about = "Checks the wording of records against the glossary: terms to avoid (errors) and\n"
		 "hidden labels (warnings) in their text, whole words in any case. Also checks the\n"
		 "glossary itself (a preferred term used twice, a label in two roles), email\n"
		 "addresses and phone numbers in fields not marked personal, and warns about\n"
		 "champion reviews and actions past their dates (today is the local date, or\n"
		 "TIP_TODAY). With no PATH, every record; a PATH may be a record file or a folder.\n"
		 "The glossary always comes from every definition.\n\n",
	.options = lint_options,
	.column = 17,
	.after = "\nRules: avoid-term, duplicate-term, label-clash, personal-data, review-dates,\n"
		 "unreadable (errors); hidden-label, review-overdue, action-overdue (warnings).\n\n"
		 "Exit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage, I/O or\n"
		 "repository errors.\n",
	.in_order = true,
};

/* "checked 71 records (30 actions, ...): 1 error, 2 warnings" */
static void print_counts(const tip_store *store, const tip_validate_counts *counts,
	const tip_diag_list *findings)
{
	cmd_print_checked(store, counts);
	fputs(": ", stderr);
	size_t errors = tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR);
	size_t warnings = tip_diag_list_count_severity(findings, TIP_SEVERITY_WARNING);
	if (errors)
		fprintf(stderr, "%zu error%s%s", errors, errors == 1 ? "" : "s", warnings ? ", " : "");
	if (warnings)
		fprintf(stderr, "%zu warning%s", warnings, warnings == 1 ? "" : "s");
	fputs(errors || warnings ? "\n" : "no findings\n", stderr);
}

static int lint(const struct lint_options *o, int argc, char **argv, tip_diag_list *findings)
{
	tip_store *store = NULL;
	tip_validate_counts counts = { 0 };
	tip_date today;
	tip_error *err = tip_date_today(&today);
	if (!err)
		err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_lint_repository(store, (const char *const *)argv, (size_t)argc, today,
			findings, &counts);
	int status = err ? cmd_fail(err) : cmd_print_diag(stdout, findings, o->format);
	if (status == EXIT_OK && !o->quiet)
		print_counts(store, &counts, findings);
	if (status == EXIT_OK && (tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR) ||
		(o->strict && tip_diag_list_count(findings))))
		status = EXIT_FINDINGS;
	tip_validate_counts_dispose(&counts);
	tip_store_free(store);
	return status;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_options o = { TIP_DIAG_TEXT, false, false };
	int status = cmd_parse_options(&usage_lint, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (err)
		return cmd_fail(err);
	status = lint(&o, argc, argv, findings);
	tip_diag_list_free(findings);
	return status;
}
