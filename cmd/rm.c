/* tip rm: remove a record, as one commit; refused while other committed records refer to
 * it. */
#include <stdio.h>

#include "cmd.h"
#include "reading.h"
#include "records.h"

struct rm_options {
	struct write_options w;
	bool force;
};

static const struct cmd_option rm_options[] = {
	CMD_FLAG("force", 'f', struct rm_options, force,
		"remove it even though others refer to it"),
	CMD_MESSAGE_OPTION(struct rm_options),
	CMD_NO_COMMIT_OPTION(struct rm_options, "remove the file only"),
	CMD_WRITE_FORMAT_OPTIONS(struct rm_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_rm = {
	.name = "rm",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID [--force] [-m REASON] [--no-commit]\n"
		  "[--format text|json] [--include-personal]", { "TYPE", "ID" }, false },
		{ NULL } },
	.about = "Removes a record and commits the removal. Refused while other committed\n"
		 "records refer to it (they are listed) unless --force.\n\n",
	.options = rm_options,
	.column = 24,
	.after = "\nExit status: 0 removed, 1 refused because of references, 2 usage, repository\n"
		 "or I/O errors.\n",
	.more = cmd_print_record_types,
};

static int remove_record(tip_store *store, tip_record *record, void *ctx)
{
	const struct rm_options *o = ctx;
	return cmd_commit_record(store, record, "rm", NULL, &o->w, o->force);
}

int cmd_rm(int argc, char **argv)
{
	struct rm_options o = { { 0 }, false };
	int status = cmd_parse_options(&usage_rm, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	return cmd_on_located_record(argc, argv, &usage_rm, "rm", remove_record, &o);
}
