/* tip undo: a commit that reverts the last tip commit. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "records.h"
#include "store.h"
#include "write.h"

void usage_undo(FILE *out)
{
	fputs("usage: tip undo [-m REASON]\n\n"
	      "Reverts the last commit when tip made it (add, set, edit, rm, undo, init): a\n"
	      "new commit puts every file it changed back as it was, with the subject\n"
	      "\"undo: <its subject>\", and prints that subject. Undoing an undo redoes.\n"
	      "Refused, with nothing changed, when the last commit was not made by tip, when\n"
	      "those files have uncommitted changes, HEAD is detached, or a merge or rebase is\n"
	      "in progress.\n\n"
	      "  -m, --message REASON  why, kept as the commit message's body\n\n"
	      "Exit status: 0 undone, 2 usage, repository or I/O errors.\n", out);
}

int cmd_undo(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *reason = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:m:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': reason = optarg; break;
		case 'h': usage_undo(stdout); return EXIT_OK;
		case ':':
			return cmd_usage_error(usage_undo, "'%s' needs a REASON", argv[optind - 1]);
		default:
			return cmd_usage_error(usage_undo, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cmd_usage_error(usage_undo, "undo takes no arguments: '%s'", argv[optind]);
	tip_store *store = NULL;
	char *subject = NULL;
	int status = cmd_open_store(&store); /* the types: their personal fields */
	if (status != EXIT_OK)
		return status;
	tip_error *err = tip_store_undo(&subject, store, reason);
	tip_store_free(store);
	if (err)
		return cmd_fail(err);
	cmd_printf(stdout, "%s\n", subject);
	free(subject);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
