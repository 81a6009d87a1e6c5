/* tip edit: change a record in the user's editor, validated on save, as one commit. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "reading.h"
#include "editor.h"
#include "records.h"
#include "write.h"
#include "resolving.h"

struct edit_options {
	struct write_options w;
};

static const struct cmd_option edit_options[] = {
	CMD_FORCE_OPTION(struct edit_options),
	CMD_MESSAGE_OPTION(struct edit_options),
	CMD_NO_COMMIT_OPTION(struct edit_options, "write the file only"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_edit = {
	.name = "edit",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID [--force] [-m REASON] [--no-commit]", { "TYPE", "ID" }, false },
		{ NULL } },
	.about = "Opens the record in $VISUAL, else $EDITOR, else vi. When the saved text is not\n"
		 "a valid record it opens again, your own text with the findings as comments\n"
		 "above it, until it is valid or you save it unchanged or empty (then nothing is\n"
		 "changed and your text is kept in a temporary file). No change, no commit.\n"
		 "Before the editor opens, what would stop the commit anyway is checked (a merge,\n"
		 "rebase or cherry-pick in progress, git's index.lock, uncommitted changes to the\n"
		 "file); when the commit still fails, your text is kept and its path printed.\n"
		 "tip lint's errors in the result refuse it (your text is kept) unless --force.\n"
		 "A record left conflicted by tip sync or a merge opens with both sides of each\n"
		 "conflicting field between markers; once none is left it is marked resolved\n"
		 "(as tip resolve does) rather than committed.\n\n",
	.options = edit_options,
	.column = 24,
	.after = "\nExit status: 0 changed (or nothing to change), 2 stopped (saved unchanged or\n"
		 "empty: as aborting at tip add's prompt), usage, repository or I/O errors, 130\n"
		 "interrupted with Ctrl-C in the editor (nothing is changed).\n",
	.more = cmd_print_record_types,
};

/* What the commit would refuse whatever the text, said before the user spends time in the
 * editor; writing the file only (--no-commit) is what is left, and resolves a conflict. */
static int check_writable(tip_store *store, const tip_record *record)
{
	tip_error *err = tip_store_check_writable(store, record->path);
	if (!err)
		return EXIT_OK;
	int status = cmd_fail(err);
	cmd_error("nothing was opened; tip edit --no-commit %s %s changes the file without a "
		  "commit (to resolve a conflict in it, say)", record->type->name, record->id);
	return status;
}

/* The edited text in canonical form, committed; or for a conflicted record, marked
 * resolved. */
static int save_edit(tip_store *store, tip_record *record, const tip_buf *text,
	const struct write_options *w, bool conflicted)
{
	tip_buf canonical = TIP_BUF_INIT;
	int status = EXIT_OK;
	tip_error *err = tip_record_replace(record, tip_buf_str(text), text->len);
	if (!err)
		err = tip_record_render(&canonical, record);
	if (err)
		status = cmd_fail(err);
	else if (conflicted)
		status = cmd_mark_resolved(store, record, &canonical);
	else if (canonical.len == record->text.len &&
		 memcmp(canonical.data, tip_buf_str(&record->text), canonical.len) == 0)
		cmd_error("%s %s: no change, nothing to commit", record->type->name, record->id);
	else
		status = cmd_commit_record(store, record, "edit", &canonical, w, w->force);
	tip_buf_dispose(&canonical);
	return status;
}

/* A conflicted record's text without the comment lines the merge wrote above it (the note
 * said in their place is tip's own). */
static const char *after_comments(const char *text)
{
	while (*text == '#') {
		const char *nl = strchr(text, '\n');
		text = nl ? nl + 1 : text + strlen(text);
	}
	return text;
}

/* The file may be broken (that is often why it is edited): it is opened all the same. */
static int edit_and_commit(tip_store *store, tip_record *record, void *ctx)
{
	const struct write_options *w = ctx;
	tip_buf text = TIP_BUF_INIT;
	bool conflicted = false, changed = false;
	int status = cmd_conflict_note(&conflicted, &text, store, record->path);
	/* a conflicted record is settled, not committed: what would stop a commit does not count */
	if (status == EXIT_OK && !conflicted && !w->no_commit)
		status = check_writable(store, record);
	const char *own = tip_buf_str(&record->text);
	tip_error *err = status != EXIT_OK ? NULL :
		conflicted ? tip_buf_adds(&text, after_comments(own)) :
			     tip_buf_add(&text, own, record->text.len);
	if (status == EXIT_OK)
		status = err ? cmd_fail(err) : cmd_edit_until_valid(store, record, &text, &changed);
	if (status == EXIT_OK && !changed) {
		cmd_error("%s %s: no change, nothing to %s", record->type->name, record->id,
			conflicted ? "resolve" : "commit");
	} else if (status == EXIT_OK) {
		status = save_edit(store, record, &text, w, conflicted);
		if (status != EXIT_OK && cmd_keep_draft(record->id, &text, NULL) != EXIT_OK)
			status = EXIT_TROUBLE;
	}
	tip_buf_dispose(&text);
	return status;
}

int cmd_edit(int argc, char **argv)
{
	struct edit_options o = { { 0 } };
	int status = cmd_parse_options(&usage_edit, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	return cmd_on_located_record(argc, argv, &usage_edit, "edit", edit_and_commit, &o.w);
}
