/* tip status: where this clone stands with the others: commits not yet sent or received,
 * conflicts in words, uncommitted record files, the merge driver, and what to do next. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "emit.h"
#include "jsonw.h"
#include "records.h"
#include "resolve.h"
#include "schema.h"
#include "store.h"
#include "sync.h"

enum { FORMAT_TEXT, FORMAT_JSON };

struct status_options {
	int format;
	bool include_personal;
};

static const struct cmd_option status_options[] = {
	CMD_CHOICE("format", "F", "text|json", struct status_options, format,
		"text (the default) or json (\"format\": 1)"),
	CMD_FLAG("include-personal", 0, struct status_options, include_personal,
		"show the values of personal fields in conflict"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_status = {
	.name = "status",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--format text|json] [--include-personal]", { NULL }, false }, { NULL } },
	.about = "Where this clone stands: commits not yet sent and not yet received (from the\n"
		 "last fetch, whose time it gives), records with conflicts not yet settled, each\n"
		 "conflicting field in words, record files changed and not committed, whether\n"
		 "record-aware merging is set up, and what to do next. The values of a personal\n"
		 "field in conflict are not shown unless --include-personal.\n\n",
	.options = status_options,
	.column = 26,
	.after = "\nExit status: 0 nothing to settle, 1 conflicts to settle, 2 usage, repository\n"
		 "or I/O errors.\n",
};

/* Who last changed something on the other side, and when. */
struct changed_by {
	char *author; /* NULL: cannot be told */
	char date[11];
};

/* One conflicted record as read: its conflicts, or why it cannot be read; who last changed
 * each conflicting field on the other side (by[i]), and the record (by[conflict_count]). */
struct conflicted_record {
	tip_record_conflicts c;
	char *problem;
	struct changed_by *by;
};

struct status {
	tip_sync_status s;
	struct conflicted_record *records;
	const struct status_options *o;
};

/* A value for a person: "skilled" (quoted text), 12, [..] as JSON; NULL: not there. */
static tip_error *value_text(tip_buf *out, const tip_node *v, bool bare_scalar)
{
	if (bare_scalar && v->type != TIP_NODE_SEQ && v->type != TIP_NODE_MAP)
		return tip_buf_add(out, v->str, v->len);
	return tip_emit_json(out, v);
}

static bool hide_field(const struct status *st, const tip_record_conflicts *c, const char *f)
{
	return !st->o->include_personal &&
	       (!c->type->schema || tip_schema_is_personal(c->type->schema, f));
}

static tip_error *read_one(struct conflicted_record *r, tip_store *store, const char *path,
	bool ours_is_other)
{
	tip_error *err = tip_record_conflicts_read(&r->c, store, path, ours_is_other);
	if (err && !tip_error_is(err, TIP_ENOMEM)) {
		r->problem = strdup(tip_error_message(err));
		tip_error_free(err);
		err = r->problem ? NULL : tip_error_nomem();
	}
	size_t n = r->problem ? 0 : r->c.read.conflict_count;
	if (!err && !(r->by = calloc(n + 1, sizeof(*r->by))))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i <= n; i++)
		err = tip_sync_other_change(&r->by[i].author, r->by[i].date, store, path,
			i < n ? r->c.read.conflicts[i].field : NULL);
	return err;
}

static tip_error *read_status(struct status *st, tip_store *store)
{
	tip_error *err = tip_sync_status_read(&st->s, store);
	if (!err && st->s.conflicted_count &&
	    !(st->records = calloc(st->s.conflicted_count, sizeof(*st->records))))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < st->s.conflicted_count; i++)
		err = read_one(&st->records[i], store, st->s.conflicted[i], st->s.ours_is_other);
	return err;
}

static void dispose_status(struct status *st)
{
	for (size_t i = 0; st->records && i < st->s.conflicted_count; i++) {
		struct conflicted_record *r = &st->records[i];
		for (size_t j = 0; r->by && j <= (r->problem ? 0 : r->c.read.conflict_count); j++)
			free(r->by[j].author);
		free(r->by);
		tip_record_conflicts_dispose(&r->c);
		free(r->problem);
	}
	free(st->records);
	tip_sync_status_dispose(&st->s);
}

/* ---- what to do next ---- */

static void next_step(tip_buf *out, const struct status *st)
{
	const struct conflicted_record *first = st->s.conflicted_count ? &st->records[0] : NULL;
	tip_error *err;
	if (first && first->problem)
		err = tip_buf_addf(out, "settle %s by hand (keep one side, remove the markers), "
					"then %sgit add %s", st->s.conflicted[0],
			strncmp(st->s.conflicted[0], "records/", 8) == 0 ? "tip validate and " : "",
			st->s.conflicted[0]);
	else if (first && first->c.read.conflict_count)
		err = tip_buf_addf(out, "tip resolve %s %s %s=ours|theirs|VALUE", first->c.type->name,
			first->c.id, first->c.read.conflicts[0].field);
	else if (first)
		err = tip_buf_addf(out, "tip resolve %s %s (it has no conflict markers left)",
			first->c.type->name, first->c.id);
	else if (st->s.operation && strcmp(st->s.operation, "rebase") == 0)
		err = tip_buf_adds(out, "tip sync --continue");
	else if (st->s.operation)
		err = tip_buf_addf(out, "finish the %s (git %s --continue) or abort it",
			st->s.operation, st->s.operation);
	else if (st->s.uncommitted_count)
		err = tip_buf_addf(out, "commit %s (tip edit, or git add and git commit)",
			st->s.uncommitted[0]);
	else if (!st->s.branch)
		err = tip_buf_adds(out, "check out a branch (git switch main)");
	else if (!st->s.upstream)
		err = tip_buf_addf(out, "set an upstream: git push -u origin %s", st->s.branch);
	else if (st->s.ahead || st->s.behind || !st->s.fetched_upstream)
		err = tip_buf_adds(out, "tip sync");
	else
		err = tip_buf_adds(out, "nothing: in step with the last fetch (tip sync fetches again)");
	tip_error_free(err);
}

/* ---- text ---- */

static void when_text(char *out, size_t cap, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	if (!when || !localtime_r(&t, &tm) || !strftime(out, cap, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, cap, "when cloned");
}

static void print_where(const struct status *st)
{
	const tip_sync_status *s = &st->s;
	char when[64];
	when_text(when, sizeof(when), s->fetched_at);
	if (!s->branch)
		cmd_printf(stdout, "HEAD is detached (not on a branch)\n");
	else if (!s->upstream)
		cmd_printf(stdout, "on branch %s, which has no upstream\n", s->branch);
	else if (!s->fetched_upstream)
		cmd_printf(stdout, "on branch %s, following %s (not fetched yet)\n", s->branch,
			s->upstream);
	else
		cmd_printf(stdout, "on branch %s, following %s (fetched %s)\n"
				   "%zu commit%s not yet sent, %zu not yet received\n", s->branch,
			s->upstream, when, s->ahead, s->ahead == 1 ? "" : "s", s->behind);
	if (s->operation)
		cmd_printf(stdout, "a %s is in progress%s\n", s->operation,
			strcmp(s->operation, "rebase") == 0 ?
				": your commits are being replayed on the others' (git rebase --abort "
				"goes back)" : "");
}

static void print_field(const struct status *st, const struct conflicted_record *r, size_t i)
{
	const tip_record_conflicts *c = &r->c;
	const char *field = c->read.conflicts[i].field;
	const tip_node *here = tip_conflict_here(c, i), *there = tip_conflict_there(c, i);
	tip_buf h = TIP_BUF_INIT, t = TIP_BUF_INIT;
	cmd_printf(stdout, "  %s %s: ", c->type->name, c->id);
	if (hide_field(st, c, field))
		cmd_printf(stdout, "%s (personal: values not shown) differs here and in %s", field,
			st->s.other);
	else if (!here || !there) {
		tip_error_free(value_text(&h, here ? here : there, false));
		cmd_printf(stdout, "%s is %s %s and removed %s", field, tip_buf_str(&h),
			here ? "here" : "in", here ? "in" : "here");
		if (here)
			cmd_printf(stdout, " %s", st->s.other);
		else
			cmd_printf(stdout, " (in %s)", st->s.other);
	} else {
		tip_error_free(value_text(&h, here, false));
		tip_error_free(value_text(&t, there, false));
		cmd_printf(stdout, "%s is %s here and %s in %s", field, tip_buf_str(&h),
			tip_buf_str(&t), st->s.other);
	}
	if (r->by[i].author)
		cmd_printf(stdout, " (changed by %s on %s)", r->by[i].author, r->by[i].date);
	cmd_printf(stdout, "\n");
	tip_buf_dispose(&h);
	tip_buf_dispose(&t);
}

/* A conflicted record without markers: changed on one side and removed on the other, or
 * settled by hand. */
static void print_no_markers(const struct status *st, size_t r)
{
	const tip_record_conflicts *c = &st->records[r].c;
	bool here = st->s.removed_here[r], there = st->s.removed_there[r];
	cmd_printf(stdout, "  %s %s: ", c->type->name, c->id);
	if (here || there)
		cmd_printf(stdout, "%s here and %s in %s", here ? "removed" : "changed",
			here ? "changed" : "removed", st->s.other);
	else
		cmd_printf(stdout, "no markers left (settled by hand?)");
	cmd_printf(stdout, ": tip resolve %s %s keeps it, git rm %s removes it\n", c->type->name,
		c->id, c->path);
}

static void print_conflicts(const struct status *st)
{
	if (!st->s.conflicted_count)
		return;
	cmd_printf(stdout, "conflicts to settle (tip resolve TYPE ID FIELD=ours|theirs|VALUE;\n"
			   "ours keeps the value here, theirs the one in %s):\n", st->s.other);
	for (size_t r = 0; r < st->s.conflicted_count; r++) {
		const struct conflicted_record *rec = &st->records[r];
		if (rec->problem)
			cmd_printf(stdout, "  %s: %s\n", st->s.conflicted[r], rec->problem);
		else if (!rec->c.read.conflict_count)
			print_no_markers(st, r);
		for (size_t i = 0; !rec->problem && i < rec->c.read.conflict_count; i++)
			print_field(st, rec, i);
	}
}

static void print_text(const struct status *st)
{
	tip_buf next = TIP_BUF_INIT;
	print_where(st);
	print_conflicts(st);
	if (st->s.uncommitted_count && st->s.operation)
		cmd_printf(stdout, "record files changed, for the %s's next commit:\n",
			st->s.operation);
	else if (st->s.uncommitted_count)
		cmd_printf(stdout, "record files changed and not committed:\n");
	for (size_t i = 0; i < st->s.uncommitted_count; i++)
		cmd_printf(stdout, "  %s\n", st->s.uncommitted[i]);
	cmd_printf(stdout, "record-aware merging: %s\n",
		st->s.setup.driver && st->s.setup.attributes ? "set up" :
		"not set up in this clone (tip setup, or tip sync, sets it up)");
	next_step(&next, st);
	cmd_printf(stdout, "next: %s\n", tip_buf_str(&next));
	tip_buf_dispose(&next);
}

/* ---- json ---- */

static void json_value(tip_jsonw *w, const char *key, const tip_node *v)
{
	tip_buf text = TIP_BUF_INIT;
	if (!v)
		tip_jsonw_null(w, key);
	else if (!value_text(&text, v, true))
		tip_jsonw_string(w, key, tip_buf_str(&text));
	tip_buf_dispose(&text);
}

static void json_record(tip_jsonw *w, const struct status *st, size_t r)
{
	const struct conflicted_record *rec = &st->records[r];
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "path", st->s.conflicted[r]);
	tip_jsonw_string(w, "type", rec->problem ? NULL : rec->c.type->name);
	tip_jsonw_string(w, "id", rec->problem ? NULL : rec->c.id);
	tip_jsonw_string(w, "problem", rec->problem);
	const struct changed_by *by = &rec->by[rec->problem ? 0 : rec->c.read.conflict_count];
	tip_jsonw_string(w, "changed_by", by->author);
	tip_jsonw_string(w, "changed_on", by->author ? by->date : NULL);
	tip_jsonw_bool(w, "removed_here", st->s.removed_here[r]);
	tip_jsonw_bool(w, "removed_there", st->s.removed_there[r]);
	tip_jsonw_array(w, "fields");
	for (size_t i = 0; !rec->problem && i < rec->c.read.conflict_count; i++) {
		const char *field = rec->c.read.conflicts[i].field;
		bool hidden = hide_field(st, &rec->c, field);
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "field", field);
		tip_jsonw_bool(w, "personal", hidden);
		tip_jsonw_string(w, "changed_by", rec->by[i].author);
		tip_jsonw_string(w, "changed_on", rec->by[i].author ? rec->by[i].date : NULL);
		if (!hidden) {
			json_value(w, "here", tip_conflict_here(&rec->c, i));
			json_value(w, "there", tip_conflict_there(&rec->c, i));
		}
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
	tip_jsonw_close(w, '}');
}

static tip_error *print_json(const struct status *st)
{
	const tip_sync_status *s = &st->s;
	tip_buf out = TIP_BUF_INIT, next = TIP_BUF_INIT;
	tip_jsonw w;
	char when[32] = "";
	time_t t = (time_t)s->fetched_at;
	struct tm tm;
	if (s->fetched_at && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	tip_jsonw_begin(&w, &out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", 1);
	tip_jsonw_string(&w, "branch", s->branch);
	tip_jsonw_string(&w, "upstream", s->upstream);
	tip_jsonw_number(&w, "ahead", (int64_t)s->ahead);
	tip_jsonw_number(&w, "behind", (int64_t)s->behind);
	tip_jsonw_string(&w, "fetched", when[0] ? when : NULL);
	tip_jsonw_string(&w, "operation", s->operation);
	tip_jsonw_string(&w, "other_side", s->conflicted_count ? s->other : NULL);
	tip_jsonw_array(&w, "conflicts");
	for (size_t r = 0; r < s->conflicted_count; r++)
		json_record(&w, st, r);
	tip_jsonw_close(&w, ']');
	tip_jsonw_array(&w, "uncommitted");
	for (size_t i = 0; i < s->uncommitted_count; i++)
		tip_jsonw_string(&w, NULL, s->uncommitted[i]);
	tip_jsonw_close(&w, ']');
	tip_jsonw_bool(&w, "merge_driver", s->setup.driver && s->setup.attributes);
	next_step(&next, st);
	tip_jsonw_string(&w, "next", tip_buf_str(&next));
	tip_jsonw_close(&w, '}');
	tip_error *err = tip_jsonw_end(&w);
	if (!err)
		cmd_puts(stdout, tip_buf_str(&out));
	tip_buf_dispose(&out);
	tip_buf_dispose(&next);
	return err;
}

int cmd_status(int argc, char **argv)
{
	struct status_options o = { .format = FORMAT_TEXT };
	int status = cmd_parse_options_only(&usage_status, &o, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store = NULL;
	struct status st = { .o = &o };
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	tip_error *err = read_status(&st, store);
	if (!err && o.format == FORMAT_JSON)
		err = print_json(&st);
	else if (!err)
		print_text(&st);
	status = st.s.conflicted_count ? EXIT_FINDINGS : EXIT_OK;
	dispose_status(&st);
	tip_store_free(store);
	if (err)
		return cmd_fail(err);
	return fflush(stdout) == 0 ? status : EXIT_TROUBLE;
}
