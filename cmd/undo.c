/* tip undo: a commit that reverts the last tip commit. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "records.h"
#include "store.h"
#include "write.h"

struct undo_options {
	struct write_options w;
};

static const struct cmd_option undo_options[] = {
	CMD_MESSAGE_OPTION(struct undo_options),
	CMD_WRITE_FORMAT_OPTIONS(struct undo_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_undo = {
	.name = "undo",
	.synopses = (const struct cmd_synopsis[]){ { "[-m REASON] [--format text|json] [--include-personal]", { NULL }, false }, { NULL } },
	.about = "Reverts the last commit when tip made it (add, set, edit, rm, undo, init): a\n"
		 "new commit puts every file it changed back as it was, with the subject\n"
		 "\"undo: <its subject>\", and prints that subject. Undoing an undo redoes.\n"
		 "Refused, with nothing changed, when the last commit was not made by tip, when\n"
		 "those files have uncommitted changes, HEAD is detached, or a merge or rebase is\n"
		 "in progress.\n\n",
	.options = undo_options,
	.column = 24,
	.after = "\nExit status: 0 undone, 2 usage, repository or I/O errors.\n",
	.in_order = true,
};

/* The subject of the undo commit, or with --format json what it changed. */
static int print_undone(tip_store *store, const char *subject, const struct write_options *w)
{
	if (w->format == CMD_WRITE_JSON)
		return cmd_print_write_json(store, "undo", NULL, true, w->include_personal);
	cmd_printf(stdout, "%s\n", subject);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

int cmd_undo(int argc, char **argv)
{
	struct undo_options o = { { 0 } };
	int status = cmd_parse_options_only(&usage_undo, &o, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store = NULL;
	char *subject = NULL;
	status = cmd_open_store(&store); /* the types: their personal fields */
	if (status != EXIT_OK)
		return status;
	tip_error *err = tip_store_undo(&subject, store, o.w.reason);
	if (!err)
		status = print_undone(store, subject, &o.w);
	tip_store_free(store);
	free(subject);
	return err ? cmd_fail(err) : status;
}
