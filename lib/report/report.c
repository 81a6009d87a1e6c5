/* The summary's computation: which records at the period's start and end, the headline, and
 * the order of the sections. The helpers the sections share are in report_common.c, the other
 * sections in report_sections.c, the formats in report_md.c, report_html.c and report_json.c. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "due.h"
#include "report_int.h"

/* ---- what the sections read ---- */

/* The fields the sections read, of the records of any type (report_sections.c, report_entry,
 * tip_due_collect and tip_matrix_build): each record is reduced to these as it is read and its
 * document freed, so that memory grows with what the summary counts, not with every byte of
 * every record. A change of any other field still counts as a change: whether a record
 * changed is told by the hash of the whole (tip_snapshot_record_hash). */
static const char *const read_fields[] = {
	"title", "term", "status",
	"rag", "due", "completed", "milestones", "drivers",                /* actions */
	"level", "level_status", "audience", "next_review", "sessions",    /* courses */
	"sector", "service_area", "organisation", "review_by",             /* champions */
};

/* Of a course's sessions, those of the period: the only ones the reach counts. Of an
 * action's milestones, those not done by the period's end: the only ones tip_due_collect
 * lists. */
static bool read_item(void *report, const char *field, const tip_node *item)
{
	const tip_report *r = report;
	if (strcmp(field, "sessions") == 0)
		return report_in_period(&r->period, item);
	if (strcmp(field, "milestones") == 0)
		return item->type == TIP_NODE_MAP && !tip_due_milestone_done(item, r->period.to);
	return true;
}

static tip_snapshot_keep read_keep(tip_report *r)
{
	return (tip_snapshot_keep){ .fields = read_fields,
		.field_count = sizeof(read_fields) / sizeof(*read_fields), .ctx = r,
		.keep_item = read_item };
}

/* ---- which records ---- */

/* History is walked back from r->tip ("": HEAD). */
static tip_error *walk_history(const tip_report *r, char *at, char *oldest, tip_store *store,
	int64_t when)
{
	return tip_store_commit_at(at, oldest, store, r->tip, when);
}

/* The records of type at commit id (41 bytes), or at HEAD for "", reduced as keep says;
 * those of like (may be NULL) with the same file are not read again. Why a file does not
 * load goes to findings (may be NULL). */
static tip_error *snapshot_of(tip_snapshot **out, const tip_snapshot_keep *keep,
	tip_store *store, const char *id, const tip_type *type, const tip_snapshot *like,
	tip_diag_list *findings)
{
	return tip_snapshot_at_rev_kept(out, store, *id ? id : "HEAD", type->name, keep, like,
		findings);
}

/* The commits at the period's end and start, and how much history there is. No commit by
 * the end: the records as committed now, or the working tree. */
static tip_error *find_commits(tip_report *r, tip_store *store)
{
	int64_t end = tip_date_seconds(r->period.to + 1) - 1;
	int64_t start = tip_date_seconds(r->period.from) - 1;
	char oldest[41];
	tip_error *err = walk_history(r, r->end_commit, oldest, store, end);
	if (!err && !*r->end_commit) {
		err = walk_history(r, r->end_commit, oldest, store, INT64_MAX);
		r->history = *r->end_commit ? TIP_REPORT_AFTER : TIP_REPORT_NO_COMMITS;
		return err;
	}
	if (!err) /* the start is no later than the end: walk on from there */
		err = tip_store_commit_at(r->start_commit, oldest, store, r->end_commit, start);
	r->history = *r->start_commit ? TIP_REPORT_FULL : TIP_REPORT_YOUNGER;
	if (!err && !*r->start_commit) {
		/* The oldest commit is inside the period: changes are counted from it. */
		err = walk_history(r, r->start_commit, oldest, store, INT64_MIN);
		memcpy(r->start_commit, oldest, sizeof(r->start_commit));
	}
	r->changes_known = true;
	r->quiet = strcmp(r->start_commit, r->end_commit) == 0;
	return err;
}

/* The records of type at the end and, when changes are known, at the start. */
static tip_error *load_type(tip_report *r, tip_store *store, const tip_type *type)
{
	tip_snapshot_keep keep = read_keep(r);
	if (r->history == TIP_REPORT_NO_COMMITS)
		return tip_snapshot_worktree_kept(&r->end_snapshot, store, type->name, &keep,
			r->end_findings);
	tip_error *err = snapshot_of(&r->end_snapshot, &keep, store, r->end_commit, type, NULL,
		r->end_findings);
	if (!err && r->changes_known) /* most records are the same at both ends: read once */
		err = snapshot_of(&r->start_snapshot, &keep, store, r->start_commit, type,
			r->end_snapshot, NULL);
	return err;
}

static tip_error *commit_days(tip_report *r, tip_store *store)
{
	char at[41], oldest[41] = "";
	tip_error *err = NULL;
	/* The first commit's day matters only when the repository is younger than the period;
	 * finding it means walking the whole history, which a long one makes costly. */
	if (r->history != TIP_REPORT_FULL)
		err = walk_history(r, at, oldest, store, INT64_MIN);
	if (!err && *oldest)
		err = tip_store_commit_day(r->first_date, store, oldest);
	if (!err && *r->start_commit)
		err = tip_store_commit_day(r->start_date, store, r->start_commit);
	if (!err && *r->end_commit)
		err = tip_store_commit_day(r->end_date, store, r->end_commit);
	r->shallow = tip_store_is_shallow(store);
	return err;
}

/* ---- 1 headline ---- */

/* Every collection with none yet, in the store's order: the figures come a type at a time. */
static tip_error *begin_counts(tip_report *r, tip_store *store)
{
	size_t n = tip_store_type_count(store);
	tip_error *err = NULL;
	for (size_t t = 0; !err && t < n; t++)
		err = report_counts_add(r, &r->records, tip_store_type_at(store, t)->collection, 0, 0);
	r->changes = tip_arena_calloc(r->arena, n + 1, sizeof(*r->changes));
	return err ? err : r->changes ? NULL : tip_error_nomem();
}

static tip_error *count_records(tip_report *r, const tip_type *type)
{
	return report_counts_add(r, &r->records, type->collection,
		tip_snapshot_count(r->end_snapshot), 0);
}

static tip_error *count_actions(tip_report *r, const tip_type *action)
{
	tip_error *err = report_counts_init(r, &r->actions_by_status, action, "status");
	if (!err)
		err = report_counts_init(r, &r->rag, action, "rag");
	for (size_t i = 0; !err && i < tip_snapshot_count(r->end_snapshot); i++) {
		const tip_snapshot_record *rec = tip_snapshot_get(r->end_snapshot, i);
		if (rec->type != action || !rec->root)
			continue;
		const char *status = report_text(rec->root, "status");
		err = report_counts_add(r, &r->actions_by_status, status ? status : REPORT_NONE,
			1, 0);
		const char *rag = report_text(rec->root, "rag");
		if (!err && status && strcmp(status, "in-progress") == 0)
			err = report_counts_add(r, &r->rag, rag ? rag : REPORT_NONE, 1, 0);
	}
	return err;
}

/* A status change of a record of a personal type: one line per change, counted. */
static tip_error *add_counted_change(tip_report *r, const tip_report_entry *e)
{
	for (size_t i = 0; i < r->status_changes.len; i++) {
		tip_report_entry *x = &r->status_changes.items[i];
		if (!x->id && strcmp(x->type, e->type) == 0 && strcmp(x->from, e->from) == 0 &&
		    strcmp(x->to, e->to) == 0) {
			x->count++;
			return NULL;
		}
	}
	return report_list_add(r, &r->status_changes, e);
}

static tip_error *status_change(tip_report *r, const tip_snapshot_record *before,
	const tip_snapshot_record *after)
{
	const char *from = report_text(before->root, "status");
	const char *to = report_text(after->root, "status");
	if (!from || !to || strcmp(from, to) == 0)
		return NULL;
	tip_report_entry e = report_entry(after);
	e.from = from;
	e.to = to;
	if (!report_personal(after->type))
		return report_list_add(r, &r->status_changes, &e);
	e.id = NULL;
	e.title = NULL;
	return add_counted_change(r, &e);
}

/* One end record against its start version. */
static tip_error *compare_record(tip_report *r, tip_report_change *c,
	const tip_snapshot_record *after)
{
	const tip_snapshot_record *before = report_find(r->start_snapshot, after->type, after->id);
	if (!before) {
		c->added++;
		return NULL;
	}
	/* The records hold only what the sections read: the hash is of the whole. */
	bool same = before->root && after->root ?
		tip_snapshot_record_hash(before) == tip_snapshot_record_hash(after)
		: before->root == after->root;
	if (same)
		return NULL;
	c->changed++;
	return before->root && after->root ? status_change(r, before, after) : NULL;
}

static tip_error *compare_type(tip_report *r, tip_report_change *c, const tip_type *type)
{
	tip_error *err = NULL;
	*c = (tip_report_change){ .type = type->name, .collection = type->collection };
	for (size_t i = 0; !err && i < tip_snapshot_count(r->end_snapshot); i++) {
		const tip_snapshot_record *after = tip_snapshot_get(r->end_snapshot, i);
		if (after->type == type) {
			c->at_end++;
			err = compare_record(r, c, after);
		}
	}
	for (size_t i = 0; r->start_snapshot && i < tip_snapshot_count(r->start_snapshot); i++) {
		const tip_snapshot_record *before = tip_snapshot_get(r->start_snapshot, i);
		if (before->type != type)
			continue;
		c->at_start++;
		c->removed += !report_find(r->end_snapshot, type, before->id);
	}
	return err;
}

/* The headline's figures of the records of type. */
static tip_error *headline(tip_report *r, const tip_type *type)
{
	tip_error *err = count_records(r, type);
	if (!err && strcmp(type->name, "action") == 0)
		err = count_actions(r, type);
	/* even when what changed is not known, the records now are counted by type, each
	 * with its name for one and its collection for several ("1 course, 2 champions") */
	if (!err)
		err = compare_type(r, &r->changes[r->change_count++], type);
	return err;
}

/* ---- the whole ---- */

/* The sections' figures of the records of type (the sections of other types leave them). */
static tip_error *sections(tip_report *r, tip_store *store, const tip_type *type)
{
	const char *name = type->name;
	tip_error *err = headline(r, type);
	if (!err && strcmp(name, "action") == 0)
		err = report_exceptions(r);
	if (!err && strcmp(name, "course") == 0)
		err = report_training(r, store);
	if (!err && strcmp(name, "course") == 0)
		err = report_reach(r, store);
	if (!err && strcmp(name, "champion") == 0)
		err = report_champions(r, store);
	if (!err && strcmp(name, "definition") == 0)
		err = report_glossary(r, store);
	if (!err && strcmp(name, "action") == 0)
		err = report_alignment(r, store);
	if (!err)
		err = report_housekeeping(r);
	return err;
}

/* The records are read a type at a time, each type's freed once its figures are made (which
 * hold their own copies of what they show): memory grows with the largest type, not with
 * every record. */
static tip_error *build(tip_report *r, tip_store *store)
{
	tip_error *err = find_commits(r, store);
	if (!err)
		err = commit_days(r, store);
	if (!err)
		err = begin_counts(r, store);
	for (size_t t = 0; !err && t < tip_store_type_count(store); t++) {
		const tip_type *type = tip_store_type_at(store, t);
		err = load_type(r, store, type);
		if (!err)
			err = sections(r, store, type);
		if (r->end_snapshot)
			r->unloaded += tip_snapshot_unloaded(r->end_snapshot);
		tip_snapshot_free(r->start_snapshot);
		tip_snapshot_free(r->end_snapshot);
		r->start_snapshot = r->end_snapshot = NULL;
	}
	return err;
}

tip_error *tip_report_build(tip_report **out, tip_store *store, const tip_period *period,
	tip_date today)
{
	return tip_report_build_from(out, store, period, today, "");
}

tip_error *tip_report_build_from(tip_report **out, tip_store *store, const tip_period *period,
	tip_date today, const char *tip)
{
	*out = NULL;
	tip_report *r = calloc(1, sizeof(*r));
	if (!r || !(r->arena = tip_arena_new())) {
		free(r);
		return tip_error_nomem();
	}
	r->period = *period;
	snprintf(r->tip, sizeof(r->tip), "%s", tip);
	tip_period_next(&r->next, period);
	r->today = today;
	r->open = period->to >= today;
	tip_error *err = tip_diag_list_new(&r->end_findings);
	if (!err)
		err = build(r, store);
	if (err) {
		tip_report_free(r);
		return err;
	}
	report_lists_fit(r);
	*out = r;
	return NULL;
}

void tip_report_free(tip_report *report)
{
	if (!report)
		return;
	if (report->has_matrix)
		tip_matrix_dispose(&report->matrix);
	tip_diag_list_free(report->end_findings);
	report_lists_free(report);
	tip_arena_free(report->arena);
	free(report);
}

size_t tip_report_unloaded(const tip_report *report, tip_diag_list **findings)
{
	*findings = report->end_findings;
	return report->unloaded;
}

/* ---- where the figures come from ---- */

static const char *period_word(const tip_report *r)
{
	return r->period.kind == TIP_PERIOD_RANGE ? "period" : "quarter";
}

/* Why the history does not reach back to the period's start. */
static const char *younger(const tip_report *r)
{
	if (r->shallow)
		return "This clone's history is cut short (a shallow clone)";
	return r->period.kind == TIP_PERIOD_RANGE ? "The repository is younger than the period"
		: "The repository is younger than the quarter";
}

static tip_error *provenance_history(tip_buf *out, const tip_report *r)
{
	const char *word = period_word(r);
	switch (r->history) {
	case TIP_REPORT_FULL:
		if (r->quiet)
			return tip_buf_addf(out, "No commit falls within the %s: the records at its "
				"end are those of commit %.7s (%s), unchanged since its start.", word,
				r->end_commit, r->end_date);
		return tip_buf_addf(out, "The records at the %s's end are those of commit %.7s "
			"(%s); at its start, those of commit %.7s (%s).", word, r->end_commit,
			r->end_date, r->start_commit, r->start_date);
	case TIP_REPORT_YOUNGER:
		return tip_buf_addf(out, "%s: its %s commit, %.7s, is dated %s, so changes are "
			"counted from that commit. The records at the %s's end are those of commit "
			"%.7s (%s).", younger(r), r->shallow ? "oldest" : "first", r->start_commit,
			r->first_date, word, r->end_commit, r->end_date);
	case TIP_REPORT_AFTER:
		return tip_buf_addf(out, "%s: its %s commit is dated %s, after the %s ended, so "
			"what changed during it is not known. The figures are the records as "
			"committed now (commit %.7s, %s), with sessions, due dates and reviews read "
			"against the %s's dates.", younger(r), r->shallow ? "oldest" : "first",
			r->first_date, word, r->end_commit, r->end_date, word);
	case TIP_REPORT_NO_COMMITS:
		break;
	}
	return tip_buf_addf(out, "The repository has no commits yet, so what changed during the "
		"%s is not known. The figures are the records in the working tree, with sessions, "
		"due dates and reviews read against the %s's dates.", word, word);
}

tip_error *tip_report_provenance(tip_buf *out, const tip_report *r)
{
	tip_error *err = provenance_history(out, r);
	if (!err && r->open) {
		char today[TIP_DATE_LEN];
		tip_date_format(today, r->today);
		err = tip_buf_addf(out, " The %s has not ended yet (today is %s): the figures are "
			"as of today.", period_word(r), today);
	}
	return err;
}
