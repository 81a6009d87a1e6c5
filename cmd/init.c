/* tip init: a new records repository. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "init.h"

void usage_init(FILE *out)
{
	fputs("usage: tip init [DIR]\n\n"
	      "Sets up a records repository in DIR (default: the current folder), creating\n"
	      "DIR when needed and a git repository when DIR is not one yet, in one commit:\n"
	      "  schemas/                     the default schemas (course, champion, ...)\n"
	      "  records/<collection>/        one empty folder per record type\n"
	      "  .vscode/settings.json        maps each record folder to its schema for\n"
	      "                               YAML-aware editors\n"
	      "  .github/workflows/tip.yaml   CI: tip validate --format github on pull\n"
	      "                               requests (set TIP_SOURCE in it)\n"
	      "  tip.yaml                     settings (quarters: financial)\n"
	      "Files of the last three that exist already are kept as they are. Refused when\n"
	      "DIR has schemas/ or records/ already, or lies inside another repository.\n\n"
	      "Exit status: 0 set up, 2 usage, repository or I/O errors.\n", out);
}

int cmd_init(int argc, char **argv)
{
	int i = 1;
	if (i < argc && cmd_wants_help(argv[i])) {
		usage_init(stdout);
		return EXIT_OK;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-' && argv[i][1])
		return cmd_usage_error(usage_init, "unknown option '%s'", argv[i]);
	if (argc - i > 1)
		return cmd_usage_error(usage_init, "init takes one DIR at most");
	const char *dir = i < argc ? argv[i] : ".";
	tip_init_result result;
	tip_error *err = tip_init(&result, dir);
	if (err)
		return cmd_fail(err);
	printf("initialised '%s'%s: record types %s\n", dir,
		result.created_repository ? " (a new git repository)" : "", result.types);
	if (result.kept)
		printf("kept as they were: %s\n", result.kept);
	tip_init_result_free(&result);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
