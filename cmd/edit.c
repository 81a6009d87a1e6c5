/* tip edit: change a record in the user's editor, validated on save, as one commit. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "editor.h"
#include "records.h"

void usage_edit(FILE *out)
{
	fputs("usage: tip edit TYPE ID [-m REASON] [--no-commit]\n\n"
	      "Opens the record in $VISUAL, else $EDITOR, else vi. When the saved text is not\n"
	      "a valid record it opens again, your own text with the findings as comments\n"
	      "above it, until it is valid or you save it unchanged or empty (then nothing is\n"
	      "changed and your text is kept in a temporary file). No change, no commit.\n\n"
	      "  -m, --message REASON  why, kept as the commit message's body\n"
	      "  --no-commit           write the file only\n\n"
	      "Exit status: 0 changed (or nothing to change), 1 stopped with the record\n"
	      "invalid, 2 usage, repository or I/O errors.\n", out);
}

/* The file may be broken (that is often why it is edited): it is opened all the same. */
static int edit_and_commit(tip_store *store, tip_record *record, void *ctx)
{
	const struct write_options *w = ctx;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_buf_add(&text, tip_buf_str(&record->text), record->text.len);
	bool changed = false;
	int status = err ? cmd_fail(err) : cmd_edit_until_valid(store, record, &text, &changed);
	if (status == EXIT_OK && !changed) {
		cmd_error("%s %s: no change, nothing to commit", record->type->name, record->id);
	} else if (status == EXIT_OK) {
		tip_buf canonical = TIP_BUF_INIT;
		err = tip_record_replace(record, tip_buf_str(&text), text.len);
		if (!err)
			err = tip_record_render(&canonical, record);
		if (err)
			status = cmd_fail(err);
		else if (canonical.len == record->text.len &&
			 memcmp(canonical.data, tip_buf_str(&record->text), canonical.len) == 0)
			cmd_error("%s %s: no change, nothing to commit", record->type->name,
				record->id);
		else
			status = cmd_commit_record(store, record, "edit", &canonical, w, false);
		tip_buf_free(&canonical);
	}
	tip_buf_free(&text);
	return status;
}

int cmd_edit(int argc, char **argv)
{
	struct write_options w = { 0 };
	int status = cmd_parse_write_options(&w, argc, argv, usage_edit, NULL, NULL, NULL, NULL);
	if (status >= 0)
		return status;
	return cmd_on_located_record(argc - optind, argv + optind, usage_edit, "edit",
		edit_and_commit, &w);
}
