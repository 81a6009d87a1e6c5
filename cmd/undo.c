/* tip undo: a commit that reverts one change tip made, and says what that did. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "records.h"
#include "store.h"
#include "undo.h"
#include "undo_words.h"

enum { LISTED = 20 }; /* the changes tip undo --list shows */

struct undo_options {
	struct write_options w;
	bool list;
};

static const struct cmd_option undo_options[] = {
	CMD_FLAG("list", 0, struct undo_options, list,
		"list the last 20 changes tip made, newest first, numbered"),
	CMD_MESSAGE_OPTION(struct undo_options),
	CMD_WRITE_FORMAT_OPTIONS(struct undo_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_undo = {
	.name = "undo",
	.synopses = (const struct cmd_synopsis[]){ { "[N] [-m REASON] [--format text|json] [--include-personal]", { NULL }, false },
		{ "--list", { NULL }, false }, { NULL } },
	.about = "Takes back a change tip made (add, set, edit, rm, undo, init): a new commit puts\n"
		 "every file it changed back as it was before it, with the subject \"undo: <its\n"
		 "subject>\"; prints that subject, then what it brought back, took away or put\n"
		 "back. Without N, the newest change that is not undone and is not an undo\n"
		 "itself: a second tip undo goes one change further back. N is a change's number\n"
		 "in tip undo --list (each with its subject, author, date and whether it is\n"
		 "undone); undoing an undo, by its number, redoes. Commits made without tip stay\n"
		 "as they are. Refused, with nothing changed, when a later commit changed the same\n"
		 "record again (it is named), when the change is undone already, when those files\n"
		 "have uncommitted changes, HEAD is detached, or a merge or rebase is in progress.\n\n",
	.options = undo_options,
	.column = 24,
	.after = "\nExit status: 0 undone (or listed), 2 usage, repository or I/O errors.\n",
};

static int print_list(tip_store *store)
{
	tip_undo_list *list = NULL;
	tip_error *err = tip_store_undo_list(&list, store, LISTED);
	if (err)
		return cmd_fail(err);
	size_t count = tip_undo_list_count(list);
	int width = count >= 10 ? 2 : 1;
	if (!count)
		cmd_error("no commit on this branch was made by tip: nothing to undo");
	for (size_t i = 0; i < count; i++) {
		const tip_undo_change *c = tip_undo_list_at(list, i);
		cmd_printf(stdout, "%*zu  %s  %s  %s", width, c->number, c->date, c->author,
			c->subject);
		if (c->undone_by)
			cmd_printf(stdout, "  (undone by %zu)", c->undone_by);
		cmd_printf(stdout, "\n");
	}
	tip_undo_list_free(list);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

/* The subject of the new commit, then what the undo did, one line each. */
static int print_done(tip_store *store, const tip_undo_done *done)
{
	tip_undo_effects *effects = NULL;
	cmd_printf(stdout, "%s\n", done->subject);
	tip_error *err = tip_undo_describe(&effects, store, done->before, done->commit);
	if (err)
		return cmd_fail(err);
	for (size_t i = 0; i < tip_undo_effect_count(effects); i++)
		cmd_printf(stdout, "%s\n", tip_undo_effect_at(effects, i)->sentence);
	tip_undo_effects_free(effects);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

/* N: a change's number, 1 or more. */
static int parse_number(size_t *number, const char *word)
{
	char *end = NULL;
	unsigned long long n = word[0] >= '1' && word[0] <= '9' ? strtoull(word, &end, 10) : 0;
	if (!n || *end || n > 1000000000ULL)
		return cmd_bad_value(&usage_undo, "N", "the number of a change in tip undo --list",
			word);
	*number = (size_t)n;
	return -1;
}

int cmd_undo(int argc, char **argv)
{
	struct undo_options o = { { 0 }, false };
	tip_undo_opts opts = { 0, NULL };
	int status = cmd_parse_options(&usage_undo, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc > 1 || (argc == 1 && o.list))
		return cmd_usage_error(&usage_undo, "unexpected argument '%s'", argv[o.list ? 0 : 1]);
	if (argc == 1 && (status = parse_number(&opts.number, argv[0])) >= 0)
		return status;
	tip_store *store = NULL;
	status = cmd_open_store(&store); /* the types: their personal fields */
	if (status != EXIT_OK)
		return status;
	if (o.list) {
		status = print_list(store);
		tip_store_free(store);
		return status;
	}
	tip_undo_done done;
	opts.reason = o.w.reason;
	tip_error *err = tip_store_undo(&done, store, &opts);
	if (err)
		status = cmd_fail(err);
	else if (o.w.format == CMD_WRITE_JSON)
		status = cmd_print_write_json(store, "undo", NULL, true, o.w.include_personal);
	else
		status = print_done(store, &done);
	tip_undo_done_dispose(&done);
	tip_store_free(store);
	return status;
}
