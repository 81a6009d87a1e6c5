/* tip log: the history of the records as field changes, read from git. */
#include <stdio.h>
#include <string.h>

#include "change_words.h"
#include "changes.h"
#include "cmd.h"
#include "reading.h"
#include "date.h"
#include "history.h"
#include "jsonw.h"
#include "records.h"

enum { FORMAT_TEXT, FORMAT_JSON }; /* in the order of --format's choices */

struct log_options {
	tip_history_opts history;
	int format;
	bool include_personal;
};

static const struct cmd_option log_options[] = {
	CMD_STRING("field", 0, "F", "FIELD", struct log_options, history.field,
		"only changes of the field F"),
	CMD_STRING("since", 0, "D", NULL, struct log_options, history.since,
		"only commits dated on or after D (YYYY-MM-DD, committer date)"),
	CMD_STRING("until", 0, "D", NULL, struct log_options, history.until,
		"only commits dated on or before D"),
	CMD_FLAG("include-personal", 0, struct log_options, include_personal,
		"the values of personal fields (x-tip-personal) too; without\n"
		"it such a field is only said to have changed, and its values\n"
		"are [personal] in subjects and reasons"),
	CMD_CHOICE("format", "F", "text|json", struct log_options, format,
		"text (default) or json"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_log = {
	.name = "log",
	.synopses = (const struct cmd_synopsis[]){
		{ "[TYPE [ID]] [--field F] [--since D] [--until D] [--include-personal]\n"
		  "[--format text|json]", { "TYPE", "ID" }, false },
		{ NULL } },
	.about = "The history of the records, read from git: each commit on HEAD's first-parent\n"
		 "line that changed records (newest first, made by tip or not) with its date,\n"
		 "author, subject and reason, and for each record it changed: added, removed, or\n"
		 "each field's change (a → b, list items + added and - removed).\n\n"
		 "  TYPE [ID]     only records of this type, or only this record\n",
	.options = log_options,
	.column = 16,
	.after = "\nExit status: 0 success, 2 usage, repository or I/O errors, or TYPE ID was never\n"
		 "changed by a commit (no such record in the history).\n",
	.more = cmd_print_record_types,
};

/* A commit's lines wait until all its records are seen: the values of their personal fields
 * are hidden in its subject and reason. */
struct held {
	char id[48], short_id[48], date[48];
	tip_buf author, subject, reason;
	bool has_reason;
	tip_buf records;  /* its records, as printed */
	tip_buf personal; /* the values to hide, each followed by a NUL */
};

struct log {
	FILE *out;
	bool json;
	bool include_personal;
	const tip_history_opts *opts;
	tip_buf buf;
	struct held held;
	bool printed;   /* a commit was printed */
	size_t records; /* of the held commit */
};

/* ---- text ---- */

static tip_error *text_field(struct log *l, const tip_history_record *r,
	const tip_field_diff *d)
{
	tip_buf *b = &l->held.records;
	tip_error *err = tip_buf_adds(b, "    ");
	if (!err)
		err = tip_changes_add_field_words(b, r->type, d, ": ", !l->include_personal);
	return err ? err : tip_buf_addc(b, '\n');
}

/* Each line of text, indented. */
static tip_error *add_indented(tip_buf *b, const char *text)
{
	tip_error *err = NULL;
	while (!err && *text) {
		size_t len = strcspn(text, "\n");
		err = len ? tip_buf_adds(b, "    ") : NULL;
		if (!err)
			err = tip_buf_add(b, text, len);
		if (!err)
			err = tip_buf_addc(b, '\n');
		text += len + (text[len] == '\n');
	}
	return err;
}

static tip_error *text_commit(struct log *l, const tip_history_commit *c)
{
	tip_error *err = tip_buf_addf(&l->buf, "%s%s %s %s\n", l->printed ? "\n" : "", c->short_id,
		c->date, c->author);
	if (!err)
		err = add_indented(&l->buf, c->subject);
	if (!err && c->reason)
		err = add_indented(&l->buf, c->reason);
	return err;
}

/* Fields of an added or removed record are listed only when --field asks for one. */
static bool lists_fields(const struct log *l, const tip_history_record *r)
{
	return r->change == TIP_HISTORY_CHANGED || l->opts->field;
}

static tip_error *text_record(struct log *l, const tip_history_record *r)
{
	tip_buf *b = &l->held.records;
	tip_error *err = tip_buf_addf(b, "  %s %s: %s", r->type->name, r->id,
		tip_changes_change_name(r->change));
	const char *side = tip_changes_unreadable_side(r->unreadable);
	if (!err && side)
		err = tip_buf_addf(b, " (%s)", side);
	if (!err)
		err = tip_buf_addc(b, '\n');
	for (size_t i = 0; !err && lists_fields(l, r) && i < r->field_count; i++)
		err = text_field(l, r, &r->fields[i]);
	return err;
}

/* ---- JSON ---- */

static tip_error *json_commit(struct log *l, const tip_history_commit *c)
{
	tip_buf *b = &l->buf;
	tip_error *err = tip_buf_adds(b, l->printed ? "]},\n  {" : "\n  {");
	if (!err)
		err = tip_json_add_string(b, "commit", c->id, true);
	if (!err)
		err = tip_json_add_string(b, "date", c->date, false);
	if (!err)
		err = tip_json_add_string(b, "author", c->author, false);
	if (!err)
		err = tip_json_add_string(b, "subject", c->subject, false);
	if (!err)
		err = tip_json_add_string(b, "reason", c->reason, false);
	if (!err)
		err = tip_json_add_key(b, "records", false);
	return err ? err : tip_buf_addc(b, '[');
}

static tip_error *json_record(struct log *l, const tip_history_record *r)
{
	tip_error *err = l->records ? tip_buf_addc(&l->held.records, ',') : NULL;
	return err ? err : tip_changes_add_json(&l->held.records, r, !l->include_personal);
}

/* ---- the walk ---- */

static tip_error *flush(struct log *l)
{
	size_t len = l->buf.len;
	bool ok = cmd_write(l->out, tip_buf_str(&l->buf), len) == 0;
	tip_buf_reset(&l->buf);
	return ok ? NULL : tip_error_from_errno("cannot write the log");
}

static void held_dispose(struct held *h)
{
	tip_buf_dispose(&h->author);
	tip_buf_dispose(&h->subject);
	tip_buf_dispose(&h->reason);
	tip_buf_dispose(&h->records);
	tip_buf_dispose(&h->personal);
}

/* Keeps what is printed of c until its last record is seen. */
static tip_error *hold(struct held *h, const tip_history_commit *c)
{
	snprintf(h->id, sizeof(h->id), "%s", c->id);
	snprintf(h->short_id, sizeof(h->short_id), "%s", c->short_id);
	snprintf(h->date, sizeof(h->date), "%s", c->date);
	tip_buf_reset(&h->author);
	tip_buf_reset(&h->subject);
	tip_buf_reset(&h->reason);
	tip_buf_reset(&h->records);
	tip_buf_reset(&h->personal);
	h->has_reason = c->reason != NULL;
	tip_error *err = tip_buf_adds(&h->author, c->author);
	if (!err)
		err = tip_buf_adds(&h->subject, c->subject);
	return err || !c->reason ? err : tip_buf_adds(&h->reason, c->reason);
}

/* Prints the held commit, the personal values of its records hidden in its subject and
 * reason, then its records. */
static tip_error *print_held(struct log *l)
{
	struct held *h = &l->held;
	tip_buf subject = TIP_BUF_INIT, reason = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_hiding(&subject, tip_buf_str(&h->subject), &h->personal);
	if (!err)
		err = tip_buf_add_hiding(&reason, tip_buf_str(&h->reason), &h->personal);
	tip_history_commit c = { .id = h->id, .short_id = h->short_id, .date = h->date,
		.author = tip_buf_str(&h->author), .subject = tip_buf_str(&subject),
		.reason = h->has_reason ? tip_buf_str(&reason) : NULL };
	if (!err)
		err = l->json ? json_commit(l, &c) : text_commit(l, &c);
	if (!err)
		err = tip_buf_add(&l->buf, h->records.data, h->records.len);
	l->printed = true;
	tip_buf_dispose(&subject);
	tip_buf_dispose(&reason);
	return err ? err : flush(l);
}

/* A tip_history_fn: holds the commit when the record is its first, then adds the record. */
static tip_error *print_record(void *ctx, const tip_history_commit *c,
	const tip_history_record *r)
{
	struct log *l = ctx;
	tip_error *err = NULL;
	if (strcmp(c->id, l->held.id) != 0) {
		err = *l->held.id ? print_held(l) : NULL;
		if (!err)
			err = hold(&l->held, c);
		l->records = 0;
	}
	for (size_t i = 0; !err && !l->include_personal && i < 2; i++)
		err = tip_schema_personal_values(&l->held.personal, r->type->schema,
			i ? r->after : r->before);
	if (!err)
		err = l->json ? json_record(l, r) : text_record(l, r);
	l->records++;
	return err;
}

static tip_error *finish(struct log *l)
{
	tip_error *err = *l->held.id ? print_held(l) : NULL;
	if (!err && l->json)
		err = tip_buf_adds(&l->buf, l->printed ? "]}\n]}\n" : "]}\n");
	if (!err)
		err = flush(l);
	if (!err && fflush(l->out) != 0)
		err = tip_error_from_errno("cannot write the log");
	return err;
}

/* A tip_history_fn that stops the walk at the first change it is given. */
static tip_error *stop_at_first(void *ctx, const tip_history_commit *c,
	const tip_history_record *r)
{
	(void)c;
	(void)r;
	*(bool *)ctx = true;
	return tip_error_new("found");
}

/* Whether any commit on HEAD's first-parent line changed the record type_name/id, whatever
 * the dates and field asked for. */
static tip_error *in_history(bool *found, tip_store *store, const char *type_name,
	const char *id)
{
	tip_history_opts all = { .type_name = type_name, .id = id };
	*found = false;
	tip_error *err = tip_history_walk(store, &all, stop_at_first, found);
	if (*found) {
		tip_error_free(err);
		return NULL;
	}
	return err;
}

/* A record named that no commit ever changed is most likely a mistyped id: say so rather
 * than print nothing. */
static tip_error *check_named(tip_store *store, const struct log *l)
{
	bool found = l->printed || !l->opts->id;
	tip_error *err = found ? NULL
		: in_history(&found, store, l->opts->type_name, l->opts->id);
	if (!err && !found)
		err = tip_error_not_found("no %s \"%s\" in the history: see tip list %s for the "
			"ids there are", l->opts->type_name, l->opts->id, l->opts->type_name);
	return err;
}

static int run(struct log_options *lo)
{
	tip_store *store;
	int status = cmd_open_history_store(&store);
	if (status != EXIT_OK)
		return status;
	struct log l = { .out = stdout, .json = lo->format == FORMAT_JSON, .include_personal = lo->include_personal,
		.opts = &lo->history, .buf = TIP_BUF_INIT,
		.held = { .author = TIP_BUF_INIT, .subject = TIP_BUF_INIT, .reason = TIP_BUF_INIT,
			.records = TIP_BUF_INIT, .personal = TIP_BUF_INIT } };
	tip_error *err = lo->format == FORMAT_JSON ? tip_json_begin_output(&l.buf, "commits") : NULL;
	if (!err && lo->format == FORMAT_JSON)
		err = tip_buf_addc(&l.buf, '[');
	if (!err)
		err = tip_history_walk(store, &lo->history, print_record, &l);
	if (!err)
		err = check_named(store, &l);
	if (!err)
		err = finish(&l);
	tip_buf_dispose(&l.buf);
	held_dispose(&l.held);
	tip_store_free(store);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* ---- the command line ---- */

static int check_date(const char *option, const char *text)
{
	tip_date day;
	tip_error *err = text ? tip_date_parse(&day, text) : NULL;
	return err ? cmd_fail(tip_error_wrap(err, "%s", option)) : EXIT_OK;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(struct log_options *o, int argc, char **argv)
{
	int status = cmd_parse_options(&usage_log, o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc > 2)
		return cmd_usage_error(&usage_log, "tip log takes at most TYPE and ID");
	o->history.type_name = argc > 0 ? argv[0] : NULL;
	o->history.id = argc > 1 ? argv[1] : NULL;
	status = check_date("--since", o->history.since);
	if (status == EXIT_OK)
		status = check_date("--until", o->history.until);
	return status == EXIT_OK ? -1 : status;
}

int cmd_log(int argc, char **argv)
{
	struct log_options o = { .format = FORMAT_TEXT };
	int status = parse_options(&o, argc, argv);
	return status >= 0 ? status : run(&o);
}
