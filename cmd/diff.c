/* tip diff: what a change does to the records, in words: for a terminal, a pull request's job
 * summary (Markdown) or a script (JSON). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "change_words.h"
#include "changes.h"
#include "cmd.h"
#include "jsonw.h"
#include "record.h"
#include "records.h"

struct diff_options {
	int format; /* an enum format */
	bool exit_code;
};

static const struct cmd_option diff_options[] = {
	CMD_CHOICE("format", "F", "text|md|json", struct diff_options, format,
		"text (default: one line a change, the count on stderr), md (for\n"
		"a GitHub job summary) or json"),
	CMD_FLAG("exit-code", 0, struct diff_options, exit_code,
		"exit 1 when records differ, 0 when they do not (as git diff\n"
		"--exit-code does)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_diff = {
	.name = "diff",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--format text|md|json] [--exit-code] [REV1 [REV2]]", { "REV1", "REV2" }, false },
		{ NULL } },
	.about = "What a change does to the records, in words: the records added and removed,\n"
		 "and each field changed (course wave-aces: level skilled → enhanced), from the\n"
		 "commit REV1 to the commit REV2, or to the working tree (uncommitted and new\n"
		 "files too) when REV2 is not given. Without REV1, from the merge base of HEAD\n"
		 "and the default branch (origin/HEAD, else origin/main, origin/master, main or\n"
		 "master); on the default branch itself, from HEAD. Personal fields show only as\n"
		 "changed, never their values.\n\n",
	.options = diff_options,
	.column = 16,
	.after = "\nExit status: 0 success (whether or not anything changed; with --exit-code,\n"
		 "nothing changed), 1 with --exit-code, records changed, 2 usage, repository or\n"
		 "I/O errors.\n",
};

/* In the order of --format's choices. */
enum format { FORMAT_TEXT, FORMAT_MD, FORMAT_JSON };

struct diff {
	tip_buf out;
	const tip_changes *changes;
};

/* ---- counts ---- */

/* "3 records changed: 1 added, 2 changed", or "no record changes". */
static tip_error *add_count(tip_buf *b, const tip_changes *changes)
{
	size_t total = tip_changes_record_count(changes);
	size_t by_change[TIP_HISTORY_UNREADABLE + 1] = { 0 };
	if (!total)
		return tip_buf_adds(b, "no record changes");
	for (size_t i = 0; i < total; i++)
		by_change[tip_changes_record_at(changes, i)->change]++;
	tip_error *err = tip_buf_addf(b, "%zu record%s changed", total, total == 1 ? "" : "s");
	const char *sep = ": ";
	const tip_history_change order[] = { TIP_HISTORY_ADDED, TIP_HISTORY_REMOVED,
		TIP_HISTORY_CHANGED, TIP_HISTORY_UNREADABLE };
	for (size_t i = 0; !err && i < sizeof(order) / sizeof(*order); i++) {
		if (!by_change[order[i]])
			continue;
		err = tip_buf_addf(b, "%s%zu %s", sep, by_change[order[i]],
			tip_changes_change_name(order[i]));
		sep = ", ";
	}
	return err;
}

/* What happened to a record that is not changed field by field: "removed",
 * "unreadable (after)", "added \"Title\"". */
static tip_error *add_record_words(tip_buf *b, const tip_history_record *r)
{
	tip_error *err = tip_buf_adds(b, tip_changes_change_name(r->change));
	const char *side = tip_changes_unreadable_side(r->unreadable);
	const char *title = r->change == TIP_HISTORY_ADDED ? tip_record_title_of(r->type, r->after)
							   : NULL;
	if (!err && side)
		err = tip_buf_addf(b, " (%s)", side);
	if (!err && title)
		err = tip_buf_addc(b, ' ');
	if (!err && title)
		err = tip_buf_add_json_string(b, title, strlen(title));
	return err;
}

/* ---- text: one line a change ---- */

static tip_error *text_record(tip_buf *b, const tip_history_record *r)
{
	bool by_field = r->change == TIP_HISTORY_CHANGED;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < (by_field ? r->field_count : 1); i++) {
		err = tip_buf_addf(b, "%s %s: ", r->type->name, r->id);
		if (!err)
			err = by_field ? tip_changes_add_field_words(b, r->type, &r->fields[i], " ", true)
				       : add_record_words(b, r);
		if (!err)
			err = tip_buf_addc(b, '\n');
	}
	return err;
}

/* ---- md: for a pull request's job summary ---- */

/* "### Courses" and the head of its table, before the first record of each type. */
static tip_error *md_section(tip_buf *b, const tip_history_record *r,
	const tip_history_record *previous)
{
	if (previous && previous->type == r->type)
		return NULL;
	const char *name = r->type->collection;
	char first = name[0] >= 'a' && name[0] <= 'z' ? (char)(name[0] - 'a' + 'A') : name[0];
	tip_error *err = tip_buf_addf(b, "\n### %c", first);
	if (!err)
		err = tip_buf_add_markdown(b, name + 1, strlen(name + 1), false);
	return err ? err : tip_buf_adds(b, "\n\n| Record | Change |\n| --- | --- |\n");
}

/* A row of the table: the id, and what changed, a field a line. */
static tip_error *md_record(tip_buf *b, const tip_history_record *r, tip_buf *words)
{
	bool by_field = r->change == TIP_HISTORY_CHANGED;
	tip_error *err = tip_buf_adds(b, "| `");
	if (!err)
		err = tip_buf_add_markdown(b, r->id, strlen(r->id), true);
	if (!err)
		err = tip_buf_adds(b, "` | ");
	for (size_t i = 0; !err && i < (by_field ? r->field_count : 1); i++) {
		tip_buf_reset(words);
		err = i ? tip_buf_adds(b, "<br>") : NULL;
		if (!err)
			err = by_field ? tip_changes_add_field_words(words, r->type, &r->fields[i],
						 ": ", true)
				       : add_record_words(words, r);
		if (!err)
			err = tip_buf_add_markdown(b, tip_buf_str(words), words->len, false);
	}
	return err ? err : tip_buf_adds(b, " |\n");
}

static tip_error *render_md(struct diff *d)
{
	tip_buf *b = &d->out, words = TIP_BUF_INIT;
	tip_error *err = tip_buf_adds(b, "## Record changes\n\n");
	size_t count = tip_changes_record_count(d->changes);
	if (!err && !count)
		err = tip_buf_adds(b, "No record changes.\n");
	if (!err && count)
		err = add_count(b, d->changes);
	if (!err && count)
		err = tip_buf_addc(b, '\n');
	for (size_t i = 0; !err && i < count; i++) {
		const tip_history_record *r = tip_changes_record_at(d->changes, i);
		err = md_section(b, r, i ? tip_changes_record_at(d->changes, i - 1) : NULL);
		if (!err)
			err = md_record(b, r, &words);
	}
	tip_buf_dispose(&words);
	return err;
}

/* ---- json ---- */

static tip_error *render_json(struct diff *d)
{
	tip_buf *b = &d->out;
	const char *to = tip_changes_to(d->changes);
	tip_error *err = tip_buf_addf(b, "{\n  \"format\": %d,\n  \"from\": \"%s\",\n  \"to\": ",
		TIP_JSON_FORMAT, tip_changes_from(d->changes));
	if (!err)
		err = to ? tip_buf_addf(b, "\"%s\"", to) : tip_buf_adds(b, "null");
	if (!err)
		err = tip_buf_adds(b, ",\n  \"records\": [");
	size_t count = tip_changes_record_count(d->changes);
	for (size_t i = 0; !err && i < count; i++) {
		err = tip_buf_adds(b, i ? ",\n    " : "\n    ");
		if (!err)
			err = tip_changes_add_json(b, tip_changes_record_at(d->changes, i), true);
	}
	return err ? err : tip_buf_adds(b, count ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- the command ---- */

static tip_error *render(struct diff *d, enum format format)
{
	if (format == FORMAT_MD)
		return render_md(d);
	if (format == FORMAT_JSON)
		return render_json(d);
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_changes_record_count(d->changes); i++)
		err = text_record(&d->out, tip_changes_record_at(d->changes, i));
	return err;
}

static int print(struct diff *d, enum format format)
{
	tip_error *err = render(d, format);
	if (err)
		return cmd_fail(err);
	cmd_puts(stdout, tip_buf_str(&d->out));
	if (fflush(stdout) != 0) {
		cmd_error("cannot write the changes");
		return EXIT_TROUBLE;
	}
	if (format != FORMAT_TEXT)
		return EXIT_OK;
	tip_buf_reset(&d->out);
	err = add_count(&d->out, d->changes);
	if (err)
		return cmd_fail(err);
	cmd_printf(stderr, "%s\n", tip_buf_str(&d->out));
	return EXIT_OK;
}

/* REV1, or the merge base with the default branch when it is not given. */
static int base_of(char id[TIP_CHANGES_ID_LEN], tip_store *store, const char *rev)
{
	if (rev) {
		tip_error *err = tip_changes_resolve(id, store, rev);
		return err ? cmd_fail(err) : EXIT_OK;
	}
	char branch[256];
	tip_error *err = tip_changes_default_base(id, branch, sizeof(branch), store);
	if (!err)
		return EXIT_OK;
	cmd_error("%s: name the revision to compare with, as in 'tip diff main'",
		tip_error_message(err));
	tip_error_free(err);
	return EXIT_TROUBLE;
}

static int run(const char *rev1, const char *rev2, const struct diff_options *o)
{
	enum format format = (enum format)o->format;
	tip_store *store;
	int status = cmd_open_history_store(&store);
	if (status != EXIT_OK)
		return status;
	char from[TIP_CHANGES_ID_LEN];
	struct diff d = { TIP_BUF_INIT, NULL };
	tip_changes *changes = NULL;
	status = base_of(from, store, rev1);
	if (status == EXIT_OK) {
		tip_error *err = tip_changes_records(&changes, store, from, rev2);
		d.changes = changes;
		status = err ? cmd_fail(err) : print(&d, format);
	}
	if (status == EXIT_OK && o->exit_code && tip_changes_record_count(changes))
		status = EXIT_FINDINGS;
	tip_buf_dispose(&d.out);
	tip_changes_free(changes);
	tip_store_free(store);
	return status;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_options o = { FORMAT_TEXT, false };
	int status = cmd_parse_options(&usage_diff, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc > 2)
		return cmd_usage_error(&usage_diff, "tip diff takes at most REV1 and REV2");
	return run(argc > 0 ? argv[0] : NULL, argc > 1 ? argv[1] : NULL, &o);
}
