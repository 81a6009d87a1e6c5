/* The summary as JSON, stable for scripts: docs/reports.md ("The summary as JSON") documents
 * every key. */
#include <string.h>

#include "jsonw.h"
#include "report.h"

static const char *history_name(tip_report_history history)
{
	switch (history) {
	case TIP_REPORT_FULL: return "full";
	case TIP_REPORT_YOUNGER: return "younger";
	case TIP_REPORT_AFTER: return "after";
	case TIP_REPORT_NO_COMMITS: break;
	}
	return "no-commits";
}

static void string_or_null(tip_jsonw *w, const char *key, const char *s)
{
	tip_jsonw_string(w, key, s && *s ? s : NULL);
}

static void period(tip_jsonw *w, const char *key, const tip_period *p)
{
	char from[TIP_DATE_LEN], to[TIP_DATE_LEN];
	tip_date_format(from, p->from);
	tip_date_format(to, p->to);
	tip_jsonw_object(w, key);
	tip_jsonw_string(w, "kind", tip_period_kind_name(p->kind));
	tip_jsonw_string(w, "label", p->label);
	tip_jsonw_string(w, "name", p->name);
	tip_jsonw_string(w, "from", from);
	tip_jsonw_string(w, "to", to);
	tip_jsonw_close(w, '}');
}

static void history(tip_jsonw *w, const tip_report *r)
{
	tip_buf note = TIP_BUF_INIT;
	tip_error *err = tip_report_provenance(&note, r);
	tip_jsonw_object(w, "history");
	tip_jsonw_string(w, "state", history_name(r->history));
	string_or_null(w, "start_commit", r->start_commit);
	string_or_null(w, "start_date", r->start_date);
	string_or_null(w, "end_commit", r->end_commit);
	string_or_null(w, "end_date", r->end_date);
	string_or_null(w, "first_commit_date", r->first_date);
	if (r->changes_known)
		tip_jsonw_bool(w, "commits_in_period", !r->quiet);
	else
		tip_jsonw_null(w, "commits_in_period");
	tip_jsonw_bool(w, "changes_known", r->changes_known);
	tip_jsonw_bool(w, "shallow", r->shallow);
	tip_jsonw_string(w, "note", err ? NULL : tip_buf_str(&note));
	tip_jsonw_close(w, '}');
	tip_error_free(err);
	tip_buf_dispose(&note);
}

/* {"label": n, ...} */
static void counts(tip_jsonw *w, const char *key, const tip_counts *c)
{
	tip_jsonw_object(w, key);
	for (size_t i = 0; i < c->len; i++)
		tip_jsonw_number(w, c->items[i].label, (int64_t)c->items[i].n);
	tip_jsonw_close(w, '}');
}

/* {"label": {"<n_key>": n, "<m_key>": m}, ...} */
static void pairs(tip_jsonw *w, const char *key, const tip_counts *c, const char *n_key,
	const char *m_key)
{
	tip_jsonw_object(w, key);
	for (size_t i = 0; i < c->len; i++) {
		tip_jsonw_object(w, c->items[i].label);
		tip_jsonw_number(w, n_key, (int64_t)c->items[i].n);
		tip_jsonw_number(w, m_key, (int64_t)c->items[i].m);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, '}');
}

/* Which members an entry list writes: id and title always (title under title_key), the date
 * and the detail under their keys when given. */
struct shape {
	const char *title_key;
	const char *date_key;
	const char *detail_key;
};

static void entries(tip_jsonw *w, const char *key, const tip_report_list *list,
	const struct shape *s, bool known)
{
	if (!known) {
		tip_jsonw_null(w, key);
		return;
	}
	tip_jsonw_array(w, key);
	for (size_t i = 0; i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "id", e->id);
		tip_jsonw_string(w, s->title_key, e->title);
		if (s->date_key)
			tip_jsonw_string(w, s->date_key, e->date);
		if (s->detail_key)
			tip_jsonw_string(w, s->detail_key, e->detail);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
}

static void changes(tip_jsonw *w, const tip_report *r)
{
	if (!r->changes_known) {
		tip_jsonw_null(w, "changes");
		tip_jsonw_null(w, "status_changes");
		return;
	}
	tip_jsonw_array(w, "changes");
	for (size_t i = 0; i < r->change_count; i++) {
		const tip_report_change *c = &r->changes[i];
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "type", c->type);
		tip_jsonw_number(w, "at_start", (int64_t)c->at_start);
		tip_jsonw_number(w, "at_end", (int64_t)c->at_end);
		tip_jsonw_number(w, "added", (int64_t)c->added);
		tip_jsonw_number(w, "removed", (int64_t)c->removed);
		tip_jsonw_number(w, "changed", (int64_t)c->changed);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
	tip_jsonw_array(w, "status_changes");
	for (size_t i = 0; i < r->status_changes.len; i++) {
		const tip_report_entry *e = &r->status_changes.items[i];
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "type", e->type);
		tip_jsonw_string(w, "id", e->id);
		tip_jsonw_string(w, "title", e->title);
		tip_jsonw_string(w, "from", e->from);
		tip_jsonw_string(w, "to", e->to);
		tip_jsonw_number(w, "count", (int64_t)e->count);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
}

static void headline(tip_jsonw *w, const tip_report *r)
{
	tip_jsonw_object(w, "headline");
	counts(w, "records", &r->records);
	counts(w, "actions_by_status", &r->actions_by_status);
	counts(w, "rag_in_progress", &r->rag);
	changes(w, r);
	tip_jsonw_close(w, '}');
}

static void exceptions(tip_jsonw *w, const tip_report *r)
{
	static const struct shape rag = { "title", "due", "rag" };
	static const struct shape action = { "title", "due", "status" };
	static const struct shape milestone = { "title", "due", "milestone" };
	tip_jsonw_object(w, "exceptions");
	entries(w, "red_amber", &r->red_amber, &rag, true);
	entries(w, "overdue_actions", &r->overdue_actions, &action, true);
	entries(w, "overdue_milestones", &r->overdue_milestones, &milestone, true);
	tip_jsonw_object(w, "due_next_period");
	entries(w, "actions", &r->due_actions, &action, true);
	entries(w, "milestones", &r->due_milestones, &milestone, true);
	tip_jsonw_close(w, '}');
	tip_jsonw_close(w, '}');
}

static void training(tip_jsonw *w, const tip_report *r)
{
	static const struct shape status = { "title", NULL, "status" };
	static const struct shape review = { "title", "next_review", NULL };
	static const struct shape retired = { "title", NULL, "change" };
	tip_jsonw_object(w, "training");
	if (r->has_matrix)
		tip_matrix_write_json(w, "matrix", &r->matrix);
	else
		tip_jsonw_null(w, "matrix");
	counts(w, "courses_by_status", &r->courses_by_status);
	counts(w, "courses_by_level", &r->courses_by_level);
	entries(w, "level_not_assessed", &r->not_assessed, &status, true);
	entries(w, "reviews_overdue", &r->reviews_overdue, &review, true);
	entries(w, "new", &r->new_courses, &status, r->changes_known);
	entries(w, "retired", &r->retired_courses, &retired, r->changes_known);
	tip_jsonw_close(w, '}');
}

static void reach(tip_jsonw *w, const tip_report *r)
{
	tip_jsonw_object(w, "reach");
	tip_jsonw_number(w, "sessions", (int64_t)r->sessions);
	tip_jsonw_number(w, "attendees", (int64_t)r->attendees);
	pairs(w, "by_level", &r->reach_by_level, "sessions", "attendees");
	pairs(w, "by_sector", &r->reach_by_sector, "sessions", "attendees");
	tip_jsonw_close(w, '}');
}

static void champions(tip_jsonw *w, const tip_report *r)
{
	tip_jsonw_object(w, "champions");
	tip_jsonw_number(w, "total", (int64_t)r->champions);
	counts(w, "by_status", &r->champions_by_status);
	counts(w, "by_sector", &r->champions_by_sector);
	counts(w, "by_service_area", &r->champions_by_service_area);
	tip_jsonw_number(w, "organisations", (int64_t)r->organisations);
	tip_jsonw_close(w, '}');
}

static void glossary(tip_jsonw *w, const tip_report *r)
{
	static const struct shape term = { "term", NULL, "status" };
	static const struct shape plain = { "term", NULL, NULL };
	tip_jsonw_object(w, "glossary");
	counts(w, "by_status", &r->definitions_by_status);
	entries(w, "added", &r->definitions_added, &term, r->changes_known);
	entries(w, "agreed", &r->definitions_agreed, &plain, r->changes_known);
	entries(w, "superseded", &r->definitions_superseded, &plain, r->changes_known);
	tip_jsonw_close(w, '}');
}

static void alignment(tip_jsonw *w, const tip_report *r)
{
	tip_jsonw_object(w, "alignment");
	pairs(w, "by_driver", &r->drivers, "actions", "open");
	tip_jsonw_number(w, "without_driver", (int64_t)r->actions_without_driver);
	tip_jsonw_close(w, '}');
}

static void housekeeping(tip_jsonw *w, const tip_report *r)
{
	tip_jsonw_object(w, "housekeeping");
	tip_jsonw_array(w, "course_reviews");
	for (size_t i = 0; i < r->course_reviews.len; i++) {
		const tip_report_entry *e = &r->course_reviews.items[i];
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "id", e->id);
		tip_jsonw_string(w, "title", e->title);
		tip_jsonw_string(w, "next_review", e->date);
		tip_jsonw_bool(w, "overdue", strcmp(e->detail, "overdue") == 0);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
	tip_jsonw_number(w, "champion_reviews_overdue", (int64_t)r->champion_reviews_overdue);
	tip_jsonw_number(w, "champion_reviews_due_next_period", (int64_t)r->champion_reviews_due);
	tip_jsonw_array(w, "unreadable");
	for (size_t i = 0; i < r->unreadable.len; i++) {
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "type", r->unreadable.items[i].type);
		tip_jsonw_string(w, "id", r->unreadable.items[i].id);
		tip_jsonw_number(w, "count", (int64_t)r->unreadable.items[i].count);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
	tip_jsonw_close(w, '}');
}

tip_error *tip_report_json(tip_buf *out, const tip_report *r)
{
	return tip_report_json_drained(out, r, NULL, NULL);
}

tip_error *tip_report_json_drained(tip_buf *out, const tip_report *r, tip_jsonw_drain_fn drain,
	void *ctx)
{
	char today[TIP_DATE_LEN];
	tip_date_format(today, r->today);
	tip_jsonw w;
	tip_jsonw_begin(&w, out);
	tip_jsonw_drain_to(&w, drain, ctx);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	tip_jsonw_number(&w, "summary_version", 1); /* the same number, as scripts first knew it */
	period(&w, "period", &r->period);
	tip_jsonw_bool(&w, "period_open", r->open);
	period(&w, "next_period", &r->next);
	tip_jsonw_string(&w, "today", today);
	history(&w, r);
	headline(&w, r);
	exceptions(&w, r);
	training(&w, r);
	reach(&w, r);
	champions(&w, r);
	glossary(&w, r);
	alignment(&w, r);
	housekeeping(&w, r);
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}
