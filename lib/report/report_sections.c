/* The summary's sections after the headline: exceptions, training offer, reach, champion
 * network, glossary, alignment and housekeeping. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "due.h"
#include "report_int.h"

/* The level of a course that has none. */
#define NOT_ASSESSED "not-assessed"

/* The records of type at the end that load, one at a time: i is the cursor (start at 0). */
static const tip_snapshot_record *next_of(const tip_report *r, const tip_type *type, size_t *i)
{
	while (type && *i < tip_snapshot_count(r->end_snapshot)) {
		const tip_snapshot_record *rec = tip_snapshot_get(r->end_snapshot, (*i)++);
		if (rec->type == type && rec->root && rec->root->type == TIP_NODE_MAP)
			return rec;
	}
	return NULL;
}

static const tip_type *type_named(tip_store *store, const char *name)
{
	return tip_store_type_named(store, name);
}

/* ---- 2 exceptions ---- */

static tip_error *red_amber(tip_report *r, const char *rag)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(r->end_snapshot); i++) {
		const tip_snapshot_record *rec = tip_snapshot_get(r->end_snapshot, i);
		if (strcmp(rec->type->name, "action") != 0 || !rec->root ||
		    !report_text_is(rec->root, "rag", rag) ||
		    tip_due_action_finished(rec->root, r->period.to))
			continue;
		tip_report_entry e = report_entry(rec);
		e.detail = rag;
		e.detail_field = "rag";
		e.date = report_text(rec->root, "due");
		err = report_list_add(r, &r->red_amber, &e);
	}
	return err;
}

/* An overdue or upcoming action or milestone into the list it belongs to. */
static tip_error *sort_due(tip_report *r, const tip_due_item *item)
{
	bool overdue = item->date <= r->period.to;
	if (!overdue && !tip_period_contains(&r->next, item->date))
		return NULL;
	tip_report_entry e = report_entry(item->record);
	e.date = report_date(r, item->date);
	if (!e.date)
		return tip_error_nomem();
	if (item->kind == TIP_DUE_ACTION) {
		e.detail = item->status;
		e.detail_field = "status";
		return report_list_add(r, overdue ? &r->overdue_actions : &r->due_actions, &e);
	}
	e.detail = item->milestone;
	return report_list_add(r, overdue ? &r->overdue_milestones : &r->due_milestones, &e);
}

tip_error *report_exceptions(tip_report *r)
{
	tip_error *err = red_amber(r, "red");
	if (!err)
		err = red_amber(r, "amber");
	tip_due_item *items = NULL;
	size_t n = 0;
	if (!err)
		err = tip_due_collect(&items, &n, r->end_snapshot, r->period.to);
	for (size_t i = 0; !err && i < n; i++)
		if (items[i].kind == TIP_DUE_ACTION || items[i].kind == TIP_DUE_MILESTONE)
			err = sort_due(r, &items[i]);
	free(items);
	return err;
}

/* ---- 3 training offer ---- */

/* The display name of a course's level; a course without one has its level not yet assessed,
 * which level_status names. */
static const char *level_name(const tip_type *course, const char *level)
{
	const char *field = strcmp(level, NOT_ASSESSED) == 0 ? "level_status" : "level";
	return tip_schema_value_title(course ? course->schema : NULL, field, level);
}

/* Counts by level named by level_name. */
static void name_levels(tip_counts *counts, const tip_type *course)
{
	for (size_t i = 0; i < counts->len; i++)
		counts->items[i].name = level_name(course, counts->items[i].label);
}

/* The display names of the matrix's levels (rows) and audiences (columns). */
static tip_error *name_matrix(tip_report *r, const tip_type *course)
{
	const tip_matrix *m = &r->matrix;
	r->matrix_row_names = tip_arena_calloc(r->arena, m->row_count + 1, sizeof(char *));
	r->matrix_col_names = tip_arena_calloc(r->arena, m->col_count + 1, sizeof(char *));
	if (!r->matrix_row_names || !r->matrix_col_names)
		return tip_error_nomem();
	for (size_t i = 0; i < m->row_count; i++)
		r->matrix_row_names[i] = level_name(course, m->rows[i]);
	for (size_t i = 0; i < m->col_count; i++)
		r->matrix_col_names[i] = tip_schema_value_title(course->schema, "audience",
			m->cols[i]);
	return NULL;
}

static tip_error *course_matrix(tip_report *r, const tip_type *course)
{
	const char *status = tip_matrix_has_status(course, "available") ? "available" : NULL;
	tip_error *err = tip_matrix_build(&r->matrix, r->end_snapshot, course, "level",
		"audience", status);
	if (err) {
		/* A schema without level or audience: no matrix, the rest still holds. */
		tip_error_free(err);
		return NULL;
	}
	r->has_matrix = true;
	/* A course without a level is one whose level is not yet assessed. Labels may be the
	 * records' own text, which is freed once the figures are made. */
	bool failed = false;
	for (size_t i = 0; i < r->matrix.row_count; i++)
		r->matrix.rows[i] = strcmp(r->matrix.rows[i], TIP_MATRIX_NONE) == 0 ? NOT_ASSESSED
			: report_copy(r, r->matrix.rows[i], &failed);
	for (size_t i = 0; i < r->matrix.col_count; i++)
		r->matrix.cols[i] = report_copy(r, r->matrix.cols[i], &failed);
	return failed ? tip_error_nomem() : name_matrix(r, course);
}

static tip_error *course_counts(tip_report *r, const tip_type *course)
{
	tip_error *err = report_counts_init(r, &r->courses_by_status, course, "status");
	if (!err)
		err = report_counts_init(r, &r->courses_by_level, course, "level");
	const tip_snapshot_record *rec;
	for (size_t i = 0; !err && (rec = next_of(r, course, &i));) {
		const char *status = report_text(rec->root, "status");
		const char *level = report_text(rec->root, "level");
		err = report_counts_add(r, &r->courses_by_status, status ? status : REPORT_NONE,
			1, 0);
		if (err || report_text_is(rec->root, "status", "retired"))
			continue;
		err = report_counts_add(r, &r->courses_by_level, level ? level : NOT_ASSESSED, 1, 0);
		if (!err && (!level || report_text_is(rec->root, "level_status", NOT_ASSESSED))) {
			tip_report_entry e = report_entry(rec);
			e.detail = status;
			e.detail_field = "status";
			err = report_list_add(r, &r->not_assessed, &e);
		}
	}
	name_levels(&r->courses_by_level, course);
	return err;
}

static tip_error *course_reviews_overdue(tip_report *r, const tip_type *course)
{
	const tip_snapshot_record *rec;
	tip_error *err = NULL;
	for (size_t i = 0; !err && (rec = next_of(r, course, &i));) {
		tip_date d;
		if (report_text_is(rec->root, "status", "retired") ||
		    !tip_date_of_node(&d, tip_node_get(rec->root, "next_review")) || d > r->period.to)
			continue;
		tip_report_entry e = report_entry(rec);
		e.date = report_text(rec->root, "next_review");
		err = report_list_add(r, &r->reviews_overdue, &e);
	}
	return err;
}

/* Courses added in the period, and those retired (or removed) in it. */
static tip_error *course_changes(tip_report *r, const tip_type *course)
{
	const tip_snapshot_record *rec;
	tip_error *err = NULL;
	for (size_t i = 0; !err && (rec = next_of(r, course, &i));) {
		const tip_snapshot_record *before = report_find(r->start_snapshot, course, rec->id);
		tip_report_entry e = report_entry(rec);
		e.detail = report_text(rec->root, "status");
		e.detail_field = "status";
		if (!before)
			err = report_list_add(r, &r->new_courses, &e);
		bool retired = report_text_is(rec->root, "status", "retired");
		if (!err && retired && !(before && report_text_is(before->root, "status", "retired")))
			err = report_list_add(r, &r->retired_courses, &e);
	}
	for (size_t i = 0; !err && r->start_snapshot &&
	     i < tip_snapshot_count(r->start_snapshot); i++) {
		const tip_snapshot_record *before = tip_snapshot_get(r->start_snapshot, i);
		if (before->type != course || report_find(r->end_snapshot, course, before->id))
			continue;
		tip_report_entry e = report_entry(before);
		e.detail = "removed";
		err = report_list_add(r, &r->retired_courses, &e);
	}
	return err;
}

tip_error *report_training(tip_report *r, tip_store *store)
{
	const tip_type *course = type_named(store, "course");
	if (!course)
		return NULL;
	tip_error *err = course_matrix(r, course);
	if (!err)
		err = course_counts(r, course);
	if (!err)
		err = course_reviews_overdue(r, course);
	if (!err && r->changes_known)
		err = course_changes(r, course);
	return err;
}

/* ---- 4 reach ---- */

static tip_error *reach_session(tip_report *r, const char *level, const tip_node *session)
{
	const tip_node *attendees = tip_node_get(session, "attendees");
	if (!report_in_period(&r->period, session))
		return NULL;
	size_t n = attendees && attendees->type == TIP_NODE_INT && attendees->integer > 0
		? (size_t)attendees->integer : 0;
	const char *sector = report_text(session, "sector");
	r->sessions++;
	r->attendees += n;
	tip_error *err = report_counts_add(r, &r->reach_by_level, level, 1, n);
	if (!err)
		err = report_counts_add(r, &r->reach_by_sector, sector ? sector : "not recorded", 1,
			n);
	return err;
}

tip_error *report_reach(tip_report *r, tip_store *store)
{
	const tip_type *course = type_named(store, "course");
	tip_error *err = report_counts_init(r, &r->reach_by_level, course, "level");
	if (!err)
		err = report_counts_init(r, &r->reach_by_sector, course, "audience");
	const tip_snapshot_record *rec;
	for (size_t i = 0; !err && (rec = next_of(r, course, &i));) {
		const char *level = report_text(rec->root, "level");
		const tip_node *sessions = tip_node_get(rec->root, "sessions");
		for (size_t s = 0; !err && sessions && sessions->type == TIP_NODE_SEQ &&
		     s < sessions->count; s++)
			err = reach_session(r, level ? level : NOT_ASSESSED, sessions->items[s]);
	}
	name_levels(&r->reach_by_level, course);
	return err;
}

/* ---- 5 champion network ---- */

/* Counts organisation once: orgs holds those seen (n of them, room for all). */
static void count_organisation(tip_report *r, const char **orgs, size_t *n,
	const char *organisation)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(orgs[i], organisation) == 0)
			return;
	orgs[(*n)++] = organisation;
	r->organisations++;
}

static tip_error *count_champion(tip_report *r, const tip_snapshot_record *rec)
{
	const char *status = report_text(rec->root, "status");
	const char *sector = report_text(rec->root, "sector");
	const char *area = report_text(rec->root, "service_area");
	r->champions++;
	tip_error *err = report_counts_add(r, &r->champions_by_status,
		status ? status : REPORT_NONE, 1, 0);
	if (!err)
		err = report_counts_add(r, &r->champions_by_sector, sector ? sector : REPORT_NONE,
			1, 0);
	if (!err)
		err = report_counts_add(r, &r->champions_by_service_area, area ? area : REPORT_NONE,
			1, 0);
	return err;
}

tip_error *report_champions(tip_report *r, tip_store *store)
{
	const tip_type *champion = type_named(store, "champion");
	tip_error *err = report_counts_init(r, &r->champions_by_status, champion, "status");
	if (!err)
		err = report_counts_init(r, &r->champions_by_sector, champion, "sector");
	if (!err)
		err = report_counts_init(r, &r->champions_by_service_area, champion, "service_area");
	const char **orgs = calloc(tip_snapshot_count(r->end_snapshot) + 1, sizeof(*orgs));
	size_t n = 0;
	if (!err && !orgs)
		err = tip_error_nomem();
	const tip_snapshot_record *rec;
	for (size_t i = 0; !err && (rec = next_of(r, champion, &i));) {
		err = count_champion(r, rec);
		const char *organisation = report_text(rec->root, "organisation");
		if (organisation && !report_text_is(rec->root, "status", "left"))
			count_organisation(r, orgs, &n, organisation);
	}
	free(orgs);
	return err;
}

/* ---- 6 glossary ---- */

/* A definition whose status became status in the period (or that was added with it). */
static tip_error *became(tip_report *r, tip_report_list *list, const tip_snapshot_record *rec,
	const tip_snapshot_record *before, const char *status)
{
	if (!report_text_is(rec->root, "status", status) ||
	    (before && report_text_is(before->root, "status", status)))
		return NULL;
	tip_report_entry e = report_entry(rec);
	e.from = before ? report_text(before->root, "status") : NULL;
	e.to = status;
	return report_list_add(r, list, &e);
}

tip_error *report_glossary(tip_report *r, tip_store *store)
{
	const tip_type *definition = type_named(store, "definition");
	tip_error *err = report_counts_init(r, &r->definitions_by_status, definition, "status");
	const tip_snapshot_record *rec;
	for (size_t i = 0; !err && (rec = next_of(r, definition, &i));) {
		const char *status = report_text(rec->root, "status");
		err = report_counts_add(r, &r->definitions_by_status, status ? status : REPORT_NONE,
			1, 0);
		if (err || !r->changes_known)
			continue;
		const tip_snapshot_record *before = report_find(r->start_snapshot, definition,
			rec->id);
		tip_report_entry e = report_entry(rec);
		e.detail = status;
		e.detail_field = "status";
		if (!before)
			err = report_list_add(r, &r->definitions_added, &e);
		if (!err)
			err = became(r, &r->definitions_agreed, rec, before, "agreed");
		if (!err)
			err = became(r, &r->definitions_superseded, rec, before, "superseded");
	}
	return err;
}

/* ---- 7 alignment ---- */

tip_error *report_alignment(tip_report *r, tip_store *store)
{
	const tip_type *action = type_named(store, "action");
	tip_error *err = report_counts_init(r, &r->drivers, action, "drivers");
	const tip_snapshot_record *rec;
	for (size_t i = 0; !err && (rec = next_of(r, action, &i));) {
		const tip_node *drivers = tip_node_get(rec->root, "drivers");
		size_t open = !tip_due_action_finished(rec->root, r->period.to), named = 0;
		for (size_t d = 0; !err && drivers && drivers->type == TIP_NODE_SEQ &&
		     d < drivers->count; d++) {
			if (drivers->items[d]->type != TIP_NODE_STR)
				continue;
			named++;
			err = report_counts_add(r, &r->drivers, drivers->items[d]->str, 1, open);
		}
		r->actions_without_driver += named == 0;
	}
	return err;
}

/* ---- 8 housekeeping ---- */

static tip_error *review_due(tip_report *r, const tip_due_item *item)
{
	bool overdue = item->date <= r->period.to;
	if (!overdue && !tip_period_contains(&r->next, item->date))
		return NULL;
	if (item->kind == TIP_DUE_CHAMPION_REVIEW) {
		*(overdue ? &r->champion_reviews_overdue : &r->champion_reviews_due) += 1;
		return NULL;
	}
	tip_report_entry e = report_entry(item->record);
	e.date = report_date(r, item->date);
	e.detail = overdue ? "overdue" : "due";
	return e.date ? report_list_add(r, &r->course_reviews, &e) : tip_error_nomem();
}

/* Records that do not load: listed by path, or counted for a personal type. */
static tip_error *unreadable(tip_report *r)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(r->end_snapshot); i++) {
		const tip_snapshot_record *rec = tip_snapshot_get(r->end_snapshot, i);
		if (rec->root && rec->root->type == TIP_NODE_MAP)
			continue;
		tip_report_entry e = { .type = rec->type->name,
			.collection = rec->type->collection, .id = rec->id, .count = 1 };
		if (!report_personal(rec->type)) {
			err = report_list_add(r, &r->unreadable, &e);
			continue;
		}
		size_t j = 0;
		while (j < r->unreadable.len && (r->unreadable.items[j].id ||
			strcmp(r->unreadable.items[j].type, e.type) != 0))
			j++;
		e.id = NULL;
		if (j < r->unreadable.len)
			r->unreadable.items[j].count++;
		else
			err = report_list_add(r, &r->unreadable, &e);
	}
	return err;
}

tip_error *report_housekeeping(tip_report *r)
{
	tip_due_item *items = NULL;
	size_t n = 0;
	tip_error *err = tip_due_collect(&items, &n, r->end_snapshot, r->period.to);
	for (size_t i = 0; !err && i < n; i++)
		if (items[i].kind == TIP_DUE_COURSE_REVIEW || items[i].kind == TIP_DUE_CHAMPION_REVIEW)
			err = review_due(r, &items[i]);
	free(items);
	return err ? err : unreadable(r);
}
