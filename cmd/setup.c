/* tip setup: record-aware merging in an existing clone. */
#include <stdio.h>

#include "cmd.h"
#include "merge_setup.h"
#include "store.h"

static const struct cmd_option setup_options[] = { CMD_OPT_TABLE_END };

const struct cmd_usage usage_setup = {
	.name = "setup",
	.synopses = (const struct cmd_synopsis[]){ { "", { NULL }, false }, { NULL } },
	.about = "\nSets up record-aware merging in this clone, so that git merge, pull, rebase\n"
		 "and cherry-pick merge records field by field (tip merge-file) rather than\n"
		 "line by line: merge.tip.name and merge.tip.driver in the repository's config\n"
		 "(git does not copy config into a clone), and, when .gitattributes does not\n"
		 "name the driver for records yet, the line\n"
		 "  " "records/**/*.yaml merge=tip" "\n"
		 "added to it in a commit. Running it again changes nothing.\n",
	.options = setup_options,
	.after = "\nExit status: 0 set up, 2 usage, repository or I/O errors.\n",
};

int cmd_setup(int argc, char **argv)
{
	int status = cmd_parse_options_only(&usage_setup, NULL, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store = NULL;
	tip_merge_setup done;
	tip_error *err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_store_setup_merge(&done, store);
	tip_store_free(store);
	if (err)
		return cmd_fail(err);
	if (done.attributes)
		printf("added '%s' to .gitattributes, committed\n", "records/**/*.yaml merge=tip");
	if (done.driver)
		printf("set merge.tip.driver in the repository's config: %s (git merge-file where "
		       "tip is not on PATH)\n", TIP_MERGE_COMMAND);
	if (!done.attributes && !done.driver)
		puts("record-aware merging is set up already: nothing to do");
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
