/* The summary's sections, written once for every document format (report_doc.h). */
#include <stdarg.h>
#include <stdio.h>

#include "report_doc.h"

#include "words.h"

#define ARROW " \xe2\x86\x92 " /* → */

static tip_error *put(const report_doc *d, const char *s)
{
	return tip_buf_adds(d->out, s);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : REPORT_DOC_DASH;
}

/* A value of a field of an entry's record as people read it: its display name. */
static const char *entry_name(const tip_report_entry *e, const char *field, const char *value)
{
	return field && value ? tip_schema_value_title(e->schema, field, value) : value;
}

/* The entry's detail, by its display name where it is a code. */
static const char *detail_name(const tip_report_entry *e)
{
	return entry_name(e, e->detail_field, e->detail);
}

size_t report_doc_total(const tip_counts *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->len; i++)
		n += c->items[i].n;
	return n;
}

/* "5 planned, 9 in-progress" (labels with a count only), or "none". */
static tip_error *count_phrase(const report_doc *d, const tip_counts *c)
{
	tip_error *err = NULL;
	bool first = true;
	for (size_t i = 0; !err && i < c->len; i++) {
		if (!c->items[i].n)
			continue;
		err = tip_buf_addf(d->out, "%s%zu ", first ? "" : ", ", c->items[i].n);
		if (!err)
			err = d->f->text(d->out, c->items[i].name);
		first = false;
	}
	return err ? err : first ? put(d, "none") : NULL;
}

/* What formatted text may be wrapped in. */
typedef enum markup { PARA, SUBHEADING, STRONG } markup;

/* The text of fmt in a paragraph, a subheading or bold. */
__attribute__((format(printf, 3, 4)))
static tip_error *markf(const report_doc *d, markup m, const char *fmt, ...)
{
	const report_doc_format *f = d->f;
	const char *begin = m == PARA ? f->para_begin
		: m == SUBHEADING ? f->subheading_begin : f->strong_begin;
	const char *end = m == PARA ? f->para_end
		: m == SUBHEADING ? f->subheading_end : f->strong_end;
	tip_error *err = put(d, begin);
	va_list ap;
	va_start(ap, fmt);
	if (!err)
		err = tip_buf_vaddf(d->out, fmt, ap);
	va_end(ap);
	return err ? err : put(d, end);
}

/* A paragraph of plain text. */
static tip_error *para(const report_doc *d, const char *s)
{
	return markf(d, PARA, "%s", s);
}

/* "**n whats:** " (what is one of them: "action") and the counts as a phrase. */
static tip_error *count_lead(const report_doc *d, const char *what, const tip_counts *c)
{
	size_t n = report_doc_total(c);
	tip_error *err = markf(d, STRONG, "%zu %s%s:", n, what, tip_plural(n, "", "s"));
	if (!err)
		err = put(d, " ");
	return err ? err : count_phrase(d, c);
}

/* A paragraph of count_lead, ending in a full stop. */
static tip_error *count_para(const report_doc *d, const char *what, const tip_counts *c)
{
	tip_error *err = put(d, d->f->para_begin);
	if (!err)
		err = count_lead(d, what, c);
	if (!err)
		err = put(d, ".");
	return err ? err : put(d, d->f->para_end);
}

/* ---- tables ---- */

typedef struct column {
	const char *name;
	bool numeric;
} column;

static tip_error *head_cell(const report_doc *d, const char *name, bool numeric)
{
	tip_error *err = put(d, d->f->head_cell_begin[numeric]);
	if (!err)
		err = d->f->text(d->out, name);
	return err ? err : put(d, d->f->head_cell_end);
}

/* A table's start and header: its caption, the named columns. */
static tip_error *table_head(const report_doc *d, const char *caption, const column *cols,
	size_t n)
{
	tip_error *err = d->f->table_begin(d, caption);
	for (size_t i = 0; !err && i < n; i++)
		err = head_cell(d, cols[i].name, cols[i].numeric);
	if (!err)
		err = put(d, d->f->rule_begin);
	for (size_t i = 0; !err && i < n; i++)
		err = put(d, d->f->rule_cell[cols[i].numeric]);
	return err ? err : put(d, d->f->head_end);
}

static tip_error *count_cell(const report_doc *d, size_t n, bool mark_empty)
{
	if (!n && mark_empty)
		return put(d, d->f->empty_count);
	tip_error *err = put(d, d->f->count_begin);
	if (!err)
		err = tip_buf_addf(d->out, "%zu", n);
	return err ? err : put(d, d->f->count_end);
}

/* A cell of a value as it is (never escaped). */
static tip_error *raw_cell(const report_doc *d, const char *s)
{
	tip_error *err = put(d, d->f->cell_begin);
	if (!err)
		err = tip_buf_addf(d->out, "%s", s);
	return err ? err : put(d, d->f->cell_end);
}

static tip_error *value_cell(const report_doc *d, const char *s)
{
	tip_error *err = put(d, d->f->cell_begin);
	if (!err)
		err = d->f->value(d->out, or_dash(s));
	return err ? err : put(d, d->f->cell_end);
}

static tip_error *record_cell(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = put(d, d->f->cell_begin);
	if (!err)
		err = d->f->record(d->out, e);
	return err ? err : put(d, d->f->cell_end);
}

/* A row: the label, n, and m when two. */
static tip_error *count_row(const report_doc *d, const tip_count *c, bool two)
{
	tip_error *err = put(d, d->f->row_begin);
	if (!err)
		err = d->f->label_cell(d->out, c->name);
	if (!err)
		err = count_cell(d, c->n, false);
	if (!err && two)
		err = count_cell(d, c->m, false);
	return err ? err : put(d, d->f->row_end);
}

static tip_error *count_rows(const report_doc *d, const tip_counts *c, bool skip_zero,
	bool two)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < c->len; i++)
		if (!skip_zero || c->items[i].n)
			err = count_row(d, &c->items[i], two);
	return err ? err : put(d, d->f->table_end);
}

tip_error *report_doc_count_table(const report_doc *d, const char *caption, const char *name,
	const char *what, const tip_counts *c, bool skip_zero)
{
	const column cols[] = { { name, false }, { what, true } };
	tip_error *err = table_head(d, caption, cols, 2);
	return err ? err : count_rows(d, c, skip_zero, false);
}

/* | name | n_name | m_name |; rows whose n is 0 are left out when skip_zero. */
static tip_error *pair_table(const report_doc *d, const char *caption, const char *name,
	const char *n_name, const char *m_name, const tip_counts *c, bool skip_zero)
{
	const column cols[] = { { name, false }, { n_name, true }, { m_name, true } };
	tip_error *err = table_head(d, caption, cols, 3);
	return err ? err : count_rows(d, c, skip_zero, true);
}

/* ---- lists of records ---- */

/* "Title (id): detail, date" items, or a paragraph of the text for none. */
static tip_error *entry_list(const report_doc *d, const tip_report_list *list,
	const char *none, bool with_detail, bool with_date)
{
	if (!list->len)
		return para(d, none);
	tip_error *err = put(d, d->f->list_begin);
	for (size_t i = 0; !err && i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		err = put(d, d->f->item_begin);
		if (!err)
			err = d->f->record(d->out, e);
		if (!err && with_detail && e->detail) {
			err = put(d, ", ");
			if (!err)
				err = d->f->value(d->out, detail_name(e));
		}
		if (!err && with_date && e->date)
			err = tip_buf_addf(d->out, ", %s", e->date);
		if (!err)
			err = put(d, d->f->item_end);
	}
	return err ? err : put(d, d->f->list_end);
}

/* Writes the cells of an entry's row. */
typedef tip_error *entry_cells(const report_doc *d, const tip_report_entry *e);

/* A table with a row per entry, or a paragraph of the text for none. */
static tip_error *entry_table(const report_doc *d, const char *caption, const column cols[3],
	const tip_report_list *list, const char *none, entry_cells *cells)
{
	if (!list->len)
		return para(d, none);
	tip_error *err = table_head(d, caption, cols, 3);
	for (size_t i = 0; !err && i < list->len; i++) {
		err = put(d, d->f->row_begin);
		if (!err)
			err = cells(d, &list->items[i]);
		if (!err)
			err = put(d, d->f->row_end);
	}
	return err ? err : put(d, d->f->table_end);
}

/* | Action | Due | Status | */
static tip_error *due_action_cells(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = record_cell(d, e);
	if (!err)
		err = value_cell(d, e->date);
	return err ? err : value_cell(d, detail_name(e));
}

/* | Milestone | Action | Due | */
static tip_error *due_milestone_cells(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = d->f->label_cell(d->out, or_dash(e->detail));
	if (!err)
		err = record_cell(d, e);
	return err ? err : value_cell(d, e->date);
}

/* The table of actions or milestones overdue (when is "overdue at the end of the period")
 * or due next ("due in Q3 2026"). */
static tip_error *due_table(const report_doc *d, const tip_report_list *list,
	bool milestones, const char *when, const char *none)
{
	static const column action_cols[] = { { "Action", false }, { "Due", false },
		{ "Status", false } };
	static const column milestone_cols[] = { { "Milestone", false }, { "Action", false },
		{ "Due", false } };
	char caption[128];
	snprintf(caption, sizeof(caption), "%s %s", milestones ? "Milestones" : "Actions", when);
	return milestones ? entry_table(d, caption, milestone_cols, list, none,
				    due_milestone_cells)
			  : entry_table(d, caption, action_cols, list, none, due_action_cells);
}

/* ---- 1 headline ---- */

static tip_error *change_row(const report_doc *d, const tip_report_change *c)
{
	tip_error *err = put(d, d->f->row_begin);
	if (!err)
		err = raw_cell(d, c->collection);
	if (!err)
		err = count_cell(d, c->at_start, false);
	if (!err)
		err = count_cell(d, c->at_end, false);
	if (!err)
		err = count_cell(d, c->added, false);
	if (!err)
		err = count_cell(d, c->removed, false);
	if (!err)
		err = count_cell(d, c->changed, false);
	return err ? err : put(d, d->f->row_end);
}

static tip_error *change_table(const report_doc *d, const tip_report *r)
{
	static const column cols[] = { { "Records", false }, { "At the start", true },
		{ "At the end", true }, { "Added", true }, { "Removed", true }, { "Changed", true } };
	tip_error *err = table_head(d, "Records by type: at the start and the end of the period, "
		"added, removed and changed", cols, 6);
	for (size_t i = 0; !err && i < r->change_count; i++)
		err = change_row(d, &r->changes[i]);
	return err ? err : put(d, d->f->table_end);
}

/* "type Title (id): from → to", or "n type: from → to" for records only counted. */
static tip_error *status_change(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = put(d, d->f->item_begin);
	if (!err && e->id) {
		err = tip_buf_addf(d->out, "%s ", e->type);
		if (!err)
			err = d->f->record(d->out, e);
	} else if (!err) {
		err = tip_buf_addf(d->out, "%zu %s", e->count,
			tip_plural(e->count, e->type, e->collection));
	}
	if (!err)
		err = put(d, ": ");
	if (!err)
		err = d->f->text(d->out, entry_name(e, "status", e->from));
	if (!err)
		err = put(d, ARROW);
	if (!err)
		err = d->f->text(d->out, entry_name(e, "status", e->to));
	return err ? err : put(d, d->f->item_end);
}

static tip_error *status_changes(const report_doc *d, const tip_report *r)
{
	if (!r->status_changes.len)
		return para(d, "No record changed status.");
	tip_error *err = para(d, "Status changes:");
	if (!err)
		err = put(d, d->f->list_begin);
	for (size_t i = 0; !err && i < r->status_changes.len; i++)
		err = status_change(d, &r->status_changes.items[i]);
	return err ? err : put(d, d->f->list_end);
}

/* "3 actions, 1 course": the records at the end by type, those with none left out. */
static tip_error *records_now(const report_doc *d, const tip_report *r)
{
	tip_error *err = NULL;
	const char *sep = "";
	for (size_t i = 0; !err && i < r->change_count; i++) {
		const tip_report_change *c = &r->changes[i];
		if (!c->at_end)
			continue;
		err = tip_buf_addf(d->out, "%s%zu %s", sep, c->at_end,
			tip_plural(c->at_end, c->type, c->collection));
		sep = ", ";
	}
	return err || *sep ? err : put(d, "none");
}

/* What changed since the start, or, when that is not known, the records now. */
static tip_error *changes(const report_doc *d, const tip_report *r)
{
	tip_error *err = markf(d, SUBHEADING, "Changes since the start");
	if (!err && !r->changes_known) {
		err = put(d, d->f->para_begin);
		if (!err)
			err = put(d, "Not known: the repository has no history for the period "
				"(see above). Records now: ");
		if (!err)
			err = records_now(d, r);
		if (!err)
			err = put(d, ".");
		return err ? err : put(d, d->f->para_end);
	}
	if (!err)
		err = change_table(d, r);
	return err ? err : status_changes(d, r);
}

static tip_error *section_headline(const report_doc *d, const tip_report *r)
{
	static const report_chart chart = { "Actions by status", "Status", "Actions", NULL };
	tip_error *err = d->f->section_begin(d->out, "headline", "1. Headline");
	if (!err)
		err = put(d, d->f->para_begin);
	if (!err)
		err = count_lead(d, "action", &r->actions_by_status);
	if (!err)
		err = tip_buf_addf(d->out, ". RAG of the %zu in progress: ",
			report_doc_total(&r->rag));
	if (!err)
		err = count_phrase(d, &r->rag);
	if (!err)
		err = put(d, ".");
	if (!err)
		err = put(d, d->f->para_end);
	if (!err)
		err = d->f->chart(d, &chart, &r->actions_by_status);
	if (!err)
		err = changes(d, r);
	return err ? err : put(d, d->f->section_end);
}

/* ---- 2 exceptions ---- */

/* | Action | RAG | Due | */
static tip_error *red_amber_cells(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = record_cell(d, e);
	if (!err)
		err = put(d, d->f->cell_begin);
	if (!err)
		err = d->f->rag(d->out, e->detail, detail_name(e));
	if (!err)
		err = put(d, d->f->cell_end);
	return err ? err : value_cell(d, e->date);
}

static tip_error *section_exceptions(const report_doc *d, const tip_report *r)
{
	static const column red_amber_cols[] = { { "Action", false }, { "RAG", false },
		{ "Due", false } };
	tip_error *err = d->f->section_begin(d->out, "exceptions", "2. Exceptions");
	if (!err)
		err = markf(d, SUBHEADING, "Red and amber actions");
	if (!err)
		err = entry_table(d, "Actions rated red or amber", red_amber_cols, &r->red_amber,
			"No action is rated red or amber.", red_amber_cells);
	if (!err)
		err = markf(d, SUBHEADING, "Overdue at the end of the period");
	if (!err)
		err = due_table(d, &r->overdue_actions, false, "overdue at the end of the period",
			"No action is overdue.");
	if (!err)
		err = due_table(d, &r->overdue_milestones, true, "overdue at the end of the period",
			"No milestone is overdue.");
	if (!err)
		err = markf(d, SUBHEADING, "Due next (%s)", r->next.name);
	char due_next[64];
	snprintf(due_next, sizeof(due_next), "due in %s", r->next.name);
	if (!err)
		err = due_table(d, &r->due_actions, false, due_next, "No action falls due.");
	if (!err)
		err = due_table(d, &r->due_milestones, true, due_next, "No milestone falls due.");
	return err ? err : put(d, d->f->section_end);
}

/* ---- 3 training offer ---- */

/* | Level | audience... | total |, every count column aligned right. */
static tip_error *matrix_head(const report_doc *d, const tip_report *r)
{
	const tip_matrix *m = &r->matrix;
	tip_error *err = d->f->table_begin(d, "Learning-needs matrix: courses by level and "
		"audience");
	if (!err)
		err = head_cell(d, "Level", false);
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = head_cell(d, r->matrix_col_names[c], true);
	if (!err)
		err = head_cell(d, "total", true);
	if (!err)
		err = put(d, d->f->rule_begin);
	if (!err)
		err = put(d, d->f->rule_cell[0]);
	for (size_t c = 0; !err && c <= m->col_count; c++)
		err = put(d, d->f->rule_cell[1]);
	return err ? err : put(d, d->f->head_end);
}

static tip_error *matrix_row(const report_doc *d, const tip_report *r, size_t row)
{
	const tip_matrix *m = &r->matrix;
	tip_error *err = put(d, d->f->row_begin);
	if (!err)
		err = put(d, d->f->row_head_begin);
	if (!err)
		err = d->f->text(d->out, r->matrix_row_names[row]);
	if (!err)
		err = put(d, d->f->row_head_end);
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = count_cell(d, tip_matrix_cell(m, row, c), true);
	if (!err)
		err = count_cell(d, m->row_totals[row], false);
	return err ? err : put(d, d->f->row_end);
}

static tip_error *matrix_totals(const report_doc *d, const tip_matrix *m)
{
	tip_error *err = put(d, d->f->total_row_begin);
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = count_cell(d, m->col_totals[c], false);
	if (!err)
		err = count_cell(d, m->records, false);
	return err ? err : put(d, d->f->row_end);
}

static tip_error *matrix_table(const report_doc *d, const tip_report *r)
{
	const tip_matrix *m = &r->matrix;
	const char *status = m->status ? tip_schema_value_title(r->courses_by_status.schema,
		"status", m->status) : NULL;
	tip_error *err = markf(d, PARA, "The learning-needs matrix: %zu %s%s%s by level (rows) "
		"and audience (columns); %s.", m->records,
		tip_plural(m->records, m->type, m->collection), status ? " with status " : "",
		status ? status : "", d->f->empty_meaning);
	if (!err)
		err = matrix_head(d, r);
	for (size_t row = 0; !err && row < m->row_count; row++)
		err = matrix_row(d, r, row);
	if (!err)
		err = matrix_totals(d, m);
	if (!err)
		err = put(d, d->f->table_end);
	return err ? err : markf(d, PARA, "%zu of the %zu level %s audience cells are empty: no "
		"available course at that level for that audience.", m->empty,
		m->enum_rows * m->enum_cols, d->f->times);
}

static tip_error *training_lists(const report_doc *d, const tip_report *r)
{
	tip_error *err = markf(d, SUBHEADING, "Level not yet assessed (%zu)", r->not_assessed.len);
	if (!err)
		err = entry_list(d, &r->not_assessed, "Every course has a level.", true, false);
	if (!err)
		err = markf(d, SUBHEADING, "Reviews overdue at the end of the period");
	if (!err)
		err = entry_list(d, &r->reviews_overdue, "None.", false, true);
	if (!err)
		err = markf(d, SUBHEADING, "New and retired courses");
	if (!err && !r->changes_known)
		return para(d, "Not known: no history for the period.");
	if (!err)
		err = para(d, "New:");
	if (!err)
		err = entry_list(d, &r->new_courses, "None.", true, false);
	if (!err)
		err = para(d, "Retired or removed:");
	if (!err)
		err = entry_list(d, &r->retired_courses, "None.", true, false);
	return err;
}

static tip_error *section_training(const report_doc *d, const tip_report *r)
{
	static const report_chart chart = { "Courses by level (not retired)", "Level",
		"Courses (not retired)", "Courses" };
	tip_error *err = d->f->section_begin(d->out, "training", "3. Training offer");
	if (!err && r->has_matrix)
		err = matrix_table(d, r);
	if (!err)
		err = count_para(d, "course", &r->courses_by_status);
	if (!err)
		err = d->f->chart(d, &chart, &r->courses_by_level);
	if (!err)
		err = training_lists(d, r);
	return err ? err : put(d, d->f->section_end);
}

/* ---- 4 reach, 5 champion network ---- */

static tip_error *section_reach(const report_doc *d, const tip_report *r)
{
	tip_error *err = d->f->section_begin(d->out, "reach", "4. Reach");
	if (!err)
		err = put(d, d->f->para_begin);
	if (!err)
		err = markf(d, STRONG, "%zu %s, %zu %s", r->sessions,
			tip_plural(r->sessions, "session", "sessions"), r->attendees,
			tip_plural(r->attendees, "attendee", "attendees"));
	if (!err)
		err = put(d, " in the period (totals only: sessions recorded on courses, by their "
			"dates).");
	if (!err)
		err = put(d, d->f->para_end);
	if (!err && r->sessions)
		err = pair_table(d, "Sessions and attendees by level", "Level", "Sessions",
			"Attendees", &r->reach_by_level, true);
	if (!err && r->sessions)
		err = pair_table(d, "Sessions and attendees by sector", "Sector", "Sessions",
			"Attendees", &r->reach_by_sector, true);
	return err ? err : put(d, d->f->section_end);
}

static tip_error *section_champions(const report_doc *d, const tip_report *r)
{
	tip_error *err = d->f->section_begin(d->out, "champions", "5. Champion network");
	if (!err)
		err = put(d, d->f->para_begin);
	if (!err)
		err = markf(d, STRONG, "%zu %s", r->champions,
			tip_plural(r->champions, "champion", "champions"));
	if (!err)
		err = tip_buf_addf(d->out, " in %zu organisation%s (champions who have left not "
			"counted); counts only, no names.", r->organisations,
			r->organisations == 1 ? "" : "s");
	if (!err)
		err = put(d, d->f->para_end);
	if (!err)
		err = report_doc_count_table(d, "Champions by status", "Status", "Champions",
			&r->champions_by_status, false);
	if (!err)
		err = report_doc_count_table(d, "Champions by sector", "Sector", "Champions",
			&r->champions_by_sector, true);
	if (!err)
		err = report_doc_count_table(d, "Champions by service area", "Service area",
			"Champions", &r->champions_by_service_area, false);
	return err ? err : put(d, d->f->section_end);
}

/* ---- 6 glossary, 7 alignment ---- */

static tip_error *glossary_lists(const report_doc *d, const tip_report *r)
{
	if (!r->changes_known)
		return para(d, "Definitions added, agreed or superseded in the period: not known, "
			"no history for the period.");
	tip_error *err = para(d, "Added:");
	if (!err)
		err = entry_list(d, &r->definitions_added, "None.", true, false);
	if (!err)
		err = para(d, "Agreed:");
	if (!err)
		err = entry_list(d, &r->definitions_agreed, "None.", false, false);
	if (!err)
		err = para(d, "Superseded:");
	if (!err)
		err = entry_list(d, &r->definitions_superseded, "None.", false, false);
	return err;
}

static tip_error *section_glossary(const report_doc *d, const tip_report *r)
{
	tip_error *err = d->f->section_begin(d->out, "glossary", "6. Glossary");
	if (!err)
		err = count_para(d, "definition", &r->definitions_by_status);
	if (!err)
		err = glossary_lists(d, r);
	return err ? err : put(d, d->f->section_end);
}

static tip_error *section_alignment(const report_doc *d, const tip_report *r)
{
	size_t n = r->actions_without_driver;
	tip_error *err = d->f->section_begin(d->out, "alignment",
		"7. Alignment with national drivers");
	if (!err)
		err = pair_table(d, "Actions per national driver, and those still open", "Driver",
			"Actions", "Open", &r->drivers, false);
	if (!err)
		err = markf(d, PARA, "%zu action%s name%s no driver. An action may serve several.",
			n, n == 1 ? "" : "s", n == 1 ? "s" : "");
	return err ? err : put(d, d->f->section_end);
}

/* ---- 8 housekeeping ---- */

/* | Course | Next review | Review | */
static tip_error *course_review_cells(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = record_cell(d, e);
	if (!err)
		err = raw_cell(d, e->date);
	return err ? err : raw_cell(d, e->detail);
}

static tip_error *unreadable_item(const report_doc *d, const tip_report_entry *e)
{
	tip_error *err = put(d, d->f->item_begin);
	if (!err && e->id) {
		err = tip_buf_addf(d->out, "%s ", e->type);
		if (!err)
			err = d->f->code(d->out, e->id);
	} else if (!err) {
		err = tip_buf_addf(d->out, "%zu %s", e->count,
			tip_plural(e->count, e->type, e->collection));
	}
	return err ? err : put(d, d->f->item_end);
}

static tip_error *unreadable_list(const report_doc *d, const tip_report *r)
{
	tip_error *err = put(d, d->f->para_begin);
	if (!err)
		err = put(d, "Records that do not load (run ");
	if (!err)
		err = d->f->code(d->out, "tip validate");
	if (!err)
		err = put(d, "):");
	if (!err)
		err = put(d, d->f->para_end);
	if (!err)
		err = put(d, d->f->list_begin);
	for (size_t i = 0; !err && i < r->unreadable.len; i++)
		err = unreadable_item(d, &r->unreadable.items[i]);
	return err ? err : put(d, d->f->list_end);
}

static tip_error *section_housekeeping(const report_doc *d, const tip_report *r)
{
	static const column review_cols[] = { { "Course", false }, { "Next review", false },
		{ "Review", false } };
	tip_error *err = d->f->section_begin(d->out, "housekeeping", "8. Housekeeping");
	if (!err)
		err = markf(d, PARA, "Records due for review: overdue at the end of the period, or "
			"due in %s.", r->next.name);
	if (!err)
		err = entry_table(d, "Course reviews overdue or due next", review_cols,
			&r->course_reviews,
			"No course review is overdue or due next.", course_review_cells);
	if (!err)
		err = markf(d, PARA, "Champion records: %zu review%s overdue, %zu due next.",
			r->champion_reviews_overdue, r->champion_reviews_overdue == 1 ? "" : "s",
			r->champion_reviews_due);
	if (!err && r->unreadable.len)
		err = unreadable_list(d, r);
	return err ? err : put(d, d->f->section_end);
}

tip_error *report_doc_sections(const report_doc *d, const tip_report *r)
{
	static tip_error *(*const sections[])(const report_doc *, const tip_report *) = {
		section_headline, section_exceptions, section_training, section_reach,
		section_champions, section_glossary, section_alignment, section_housekeeping,
	};
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < sizeof(sections) / sizeof(sections[0]); i++)
		err = sections[i](d, r);
	return err;
}
