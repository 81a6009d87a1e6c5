/* tip init: a new records repository. */
#include <stdio.h>

#include "cmd.h"
#include "init.h"

static const struct cmd_option init_options[] = { CMD_OPT_TABLE_END };

const struct cmd_usage usage_init = {
	.name = "init",
	.synopses = (const struct cmd_synopsis[]){ { "[DIR]", { "DIR" }, false }, { NULL } },
	.about = "Sets up a records repository in DIR (default: the current folder), creating\n"
		 "DIR when needed and a git repository when DIR is not one yet, in one commit:\n"
		 "  schemas/                     the default schemas (course, champion, ...)\n"
		 "  records/<collection>/        one empty folder per record type\n"
		 "  .vscode/settings.json        maps each record folder to its schema for\n"
		 "                               YAML-aware editors\n"
		 "  .github/workflows/tip.yaml   CI: tip validate --format github on pull\n"
		 "                               requests (set TIP_SOURCE in it)\n"
		 "  tip.yaml                     settings (quarters: financial)\n"
		 "  .gitattributes               records merge with tip merge-file\n"
		 "and sets that merge driver up in the repository's config (as tip setup does).\n"
		 "Files of the last four that exist already are kept as they are. Refused when\n"
		 "DIR has schemas/ or records/ already, or lies inside another repository.\n",
	.options = init_options,
	.after = "\nExit status: 0 set up, 2 usage, repository or I/O errors.\n",
	.in_order = true,
};

int cmd_init(int argc, char **argv)
{
	int status = cmd_parse_options(&usage_init, NULL, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc > 1)
		return cmd_usage_error(&usage_init, "init takes one DIR at most");
	const char *dir = argc > 0 ? argv[0] : ".";
	tip_init_result result;
	tip_error *err = tip_init(&result, dir);
	if (err)
		return cmd_fail(err);
	printf("initialised '%s'%s: record types %s\n", dir,
		result.created_repository ? " (a new git repository)" : "", result.types);
	if (result.kept)
		printf("kept as they were: %s\n", result.kept);
	tip_init_result_dispose(&result);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
