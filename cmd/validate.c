/* tip validate: check records, or any documents against any schema. */
#include <stdio.h>
#include <string.h>

#include "checking.h"
#include "cmd.h"
#include "diag.h"
#include "merge_setup.h"
#include "store.h"
#include "validate.h"

struct validate_options {
	int format; /* a tip_diag_format */
	const char *changed_since;
	const char *schema;
	bool quiet;
};

static const struct cmd_option validate_options[] = {
	CMD_DIAG_FORMAT_OPTION(struct validate_options,
		"text (path:line:col: error: message [keyword]), json, or\n"
		"github (workflow annotations); default text"),
	CMD_STRING("changed-since", 0, "REV", NULL, struct validate_options, changed_since,
		"report only on what changed since the commit REV: record\n"
		"files changed or added, records of a type whose schema\n"
		"changed, and records referring to a changed or removed\n"
		"record (references still resolve against all records)"),
	CMD_STRING("schema", 0, "FILE", NULL, struct validate_options, schema,
		"validate FILE... against this schema"),
	CMD_FLAG("quiet", 'q', struct validate_options, quiet,
		"no count of what was checked on stderr"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_validate = {
	.name = "validate",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--format text|json|github] [-q] [--changed-since REV] [PATH...]", { "PATH" },
			true },
		{ "--schema SCHEMA [--format text|json|github] FILE...", { "FILE" }, true },
		{ NULL } },
	.about = "Checks records: strict YAML, their type's schema, ids (the file names) and\n"
		 "references to other records. With no PATH, every record in the repository;\n"
		 "a PATH may be a record file or a folder. With --schema, checks any YAML or\n"
		 "JSON documents against the schema file SCHEMA instead.\n\n",
	.options = validate_options,
	.column = 17,
	.after = "\nExit status: 0 valid, 1 findings, 2 usage, I/O or repository errors.\n",
	.in_order = true,
};

static void print_counts(const tip_store *store, const tip_validate_counts *counts,
	const tip_diag_list *findings, const char *changed_since)
{
	cmd_print_checked(store, counts);
	size_t n = tip_diag_list_count(findings);
	if (changed_since)
		fprintf(stderr, ", %zu in scope of the changes since %s", counts->in_scope,
			changed_since);
	fputs(": ", stderr);
	if (n)
		fprintf(stderr, "%zu finding%s\n", n, n == 1 ? "" : "s");
	else
		fputs("no findings\n", stderr);
}

static int report(tip_diag_list *findings, tip_diag_format format)
{
	int status = cmd_print_diag(stdout, findings, format);
	if (status != EXIT_OK)
		return status;
	return tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR) ? EXIT_FINDINGS : EXIT_OK;
}

/* A clone's config is not cloned: where .gitattributes names tip's merge driver and git has
 * no such driver, merges of records would go line by line. Said once, where a person checks
 * records (text findings, not CI's json or github), rather than on every command. */
static void note_merge_setup(tip_store *store)
{
	tip_merge_setup setup;
	tip_error *err = tip_store_merge_setup(&setup, store);
	if (!err && setup.attributes && !setup.driver)
		fputs("note: record-aware merging is not set up here: run tip setup\n", stderr);
	tip_error_free(err);
}

static int validate_repository(const struct validate_options *o, int argc, char **argv,
	tip_diag_list *findings)
{
	tip_store *store = NULL;
	tip_validate_counts counts = { 0 };
	tip_error *err = tip_store_open(&store, NULL);
	const char *const *paths = (const char *const *)argv;
	if (!err && !o->quiet && o->format == TIP_DIAG_TEXT)
		note_merge_setup(store);
	if (!err && o->changed_since)
		err = tip_validate_changed_since(store, o->changed_since, paths, (size_t)argc,
			findings, &counts);
	else if (!err)
		err = tip_validate_repository(store, paths, (size_t)argc, findings, &counts);
	int status = err ? cmd_fail(err) : report(findings, o->format);
	if (!err && !o->quiet && status != EXIT_TROUBLE)
		print_counts(store, &counts, findings, o->changed_since);
	tip_validate_counts_dispose(&counts);
	tip_store_free(store);
	return status;
}

int cmd_validate(int argc, char **argv)
{
	struct validate_options o = { TIP_DIAG_TEXT, NULL, NULL, false };
	int status = cmd_parse_options(&usage_validate, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (o.schema && argc == 0)
		return cmd_usage_error(&usage_validate, "--schema needs at least one FILE to check");
	if (o.schema && o.changed_since)
		return cmd_usage_error(&usage_validate, "--changed-since is for records, not --schema");
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (err)
		return cmd_fail(err);
	if (o.schema) {
		err = tip_validate_with_schema(o.schema, (const char *const *)argv, (size_t)argc,
			findings);
		status = err ? cmd_fail(err) : report(findings, o.format);
	} else {
		status = validate_repository(&o, argc, argv, findings);
	}
	tip_diag_list_free(findings);
	return status;
}
