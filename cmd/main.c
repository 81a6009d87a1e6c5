/* tip: records of a Trauma Informed Practice programme, kept in git. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "reading.h"

#ifndef TIP_VERSION
#define TIP_VERSION "unknown"
#endif

static const struct cmd commands[] = {
	{ "add", cmd_add, &usage_add, "add a record (asks for each field on a terminal)" },
	{ "set", cmd_set, &usage_set, "change fields of a record: tip set TYPE ID F=V..." },
	{ "edit", cmd_edit, &usage_edit, "edit a record in $VISUAL or $EDITOR" },
	{ "rm", cmd_rm, &usage_rm, "remove a record" },
	{ "undo", cmd_undo, &usage_undo, "revert the last tip commit" },
	{ "show", cmd_show, &usage_show, "print one record as YAML or JSON" },
	{ "list", cmd_list, &usage_list,
		"list the records of a type, filtered and sorted: table, csv, json or ids" },
	{ "search", cmd_search, &usage_search,
		"find text in every record, case and accents aside, best first" },
	{ "export", cmd_export, &usage_export,
		"every record of a type or of all as CSV or JSON; the glossary as SKOS" },
	{ "validate", cmd_validate, &usage_validate,
		"check records against their schemas, ids and references" },
	{ "fmt", cmd_fmt, &usage_fmt, "write records in canonical form" },
	{ "lint", cmd_lint, &usage_lint,
		"check the records' wording against the glossary, and their hygiene" },
	{ "diff", cmd_diff, &usage_diff, "what a change does to the records, in words" },
	{ "summary", cmd_summary, &usage_summary,
		"the quarterly progress summary (Markdown, HTML or JSON)" },
	{ "matrix", cmd_matrix, &usage_matrix,
		"count courses by level and audience (the learning-needs matrix)" },
	{ "site", cmd_site, &usage_site,
		"write the programme's accessible public website (static HTML)" },
	{ "due", cmd_due, &usage_due, "reviews, actions and milestones due or overdue" },
	{ "log", cmd_log, &usage_log, "the history of records as field changes, from git" },
	{ "merge-file", cmd_merge_file, &usage_merge_file,
		"merge three versions of a record field by field (git's merge driver)" },
	{ "sync", cmd_sync, &usage_sync,
		"bring in the others' changes and send yours (fetch, replay, push)" },
	{ "status", cmd_status, &usage_status,
		"commits not yet sent or received, conflicts, uncommitted records" },
	{ "resolve", cmd_resolve, &usage_resolve,
		"settle a record's conflicts field by field: tip resolve TYPE ID F=ours..." },
	{ "init", cmd_init, &usage_init, "create a records repository" },
	{ "setup", cmd_setup, &usage_setup, "set up record-aware merging in a clone" },
	{ "completion", cmd_completion, &usage_completion,
		"print a bash or zsh completion script" },
};

static const size_t command_count = sizeof(commands) / sizeof(commands[0]);

static void usage_main(FILE *out)
{
	fputs("usage: tip [-C DIR] COMMAND [ARGS]...\n"
	      "       tip --version | --help | help COMMAND\n\n"
	      "Records of a Trauma Informed Practice programme, kept as YAML in git.\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; i < command_count; i++)
		fprintf(out, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fputs("\nOptions:\n"
	      "  -C DIR     run as if tip was started in DIR\n\n"
	      "Exit status: 0 success, 1 findings, 2 usage, I/O or repository errors.\n", out);
	cmd_print_record_types(out);
}

static const struct cmd *find_command(const char *name)
{
	for (size_t i = 0; i < command_count; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	cmd_error("'%s' is not a tip command: see 'tip --help'", name);
	return EXIT_TROUBLE;
}

static int help(int argc, char **argv)
{
	if (argc < 2) {
		usage_main(stdout);
		return EXIT_OK;
	}
	const struct cmd *c = find_command(argv[1]);
	if (!c)
		return unknown_command(argv[1]);
	cmd_print_usage(c->usage, stdout);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	cmd_table_set(commands, command_count);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-C") == 0 && i + 1 < argc) {
			if (chdir(argv[++i]) != 0) {
				cmd_error("cannot change to '%s': %s", argv[i], strerror(errno));
				return EXIT_TROUBLE;
			}
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("tip %s\n", TIP_VERSION);
			return EXIT_OK;
		} else if (cmd_wants_help(argv[i])) {
			usage_main(stdout);
			return EXIT_OK;
		} else {
			cmd_error("unknown option '%s'", argv[i]);
			usage_main(stderr);
			return EXIT_TROUBLE;
		}
	}
	if (i == argc) {
		usage_main(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[i], "help") == 0)
		return help(argc - i, argv + i);
	const struct cmd *c = find_command(argv[i]);
	if (!c)
		return unknown_command(argv[i]);
	return c->run(argc - i, argv + i);
}
