/* The summary as Markdown that renders on GitHub: headings, tables, lists, and Mermaid charts
 * (a pie of actions by status, a bar chart of courses by level). */
#include <string.h>

#include "report.h"

#define EMPTY_MARK "\xc2\xb7" /* · */
#define ARROW " \xe2\x86\x92 " /* → */
#define DASH "\xe2\x80\x94"    /* — */

/* Appends text with Markdown's special characters escaped (and line breaks as spaces). */
static tip_error *md_text(tip_buf *out, const char *s)
{
	tip_error *err = NULL;
	for (; !err && s && *s; s++) {
		if (*s == '\n' || *s == '\r')
			err = tip_buf_addc(out, ' ');
		else if (strchr("\\|*_[]<>`#", *s))
			err = tip_buf_addf(out, "\\%c", *s);
		else
			err = tip_buf_addc(out, *s);
	}
	return err;
}

/* "Title (`id`)", or "`id`" when there is no title. */
static tip_error *md_record(tip_buf *out, const tip_report_entry *e)
{
	if (!e->title)
		return tip_buf_addf(out, "`%s`", e->id);
	tip_error *err = md_text(out, e->title);
	return err ? err : tip_buf_addf(out, " (`%s`)", e->id);
}

static tip_error *md_count(tip_buf *out, size_t n)
{
	return n ? tip_buf_addf(out, " %zu |", n) : tip_buf_adds(out, " " EMPTY_MARK " |");
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : DASH;
}

/* ---- heading ---- */

static tip_error *md_period(tip_buf *out, const tip_period *p)
{
	char from[24], to[24];
	tip_date_format_long(from, sizeof(from), p->from);
	tip_date_format_long(to, sizeof(to), p->to);
	return tip_buf_addf(out, "%s (%s to %s)", p->name, from, to);
}

static tip_error *heading(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "# Quarterly progress summary: %s\n\n", r->period.name);
	if (!err)
		err = tip_buf_adds(out, "**Period:** ");
	if (!err)
		err = md_period(out, &r->period);
	if (!err)
		err = tip_buf_adds(out, "  \n**Next:** ");
	if (!err)
		err = md_period(out, &r->next);
	char today[TIP_DATE_LEN];
	tip_date_format(today, r->today);
	if (!err)
		err = tip_buf_addf(out, "  \n**Today:** %s\n\n> ", today);
	if (!err)
		err = tip_report_provenance(out, r);
	return err ? err : tip_buf_adds(out, "\n\n");
}

/* ---- tables of counts ---- */

/* | label | n | (and m |) */
static tip_error *md_row(tip_buf *out, const char *label, size_t n, size_t m, bool two)
{
	tip_error *err = tip_buf_adds(out, "| ");
	if (!err)
		err = md_text(out, label);
	if (!err)
		err = tip_buf_addf(out, " | %zu |", n);
	if (!err && two)
		err = tip_buf_addf(out, " %zu |", m);
	return err ? err : tip_buf_addc(out, '\n');
}

/* | name | count | rows, one per label; rows with 0 are left out when skip_zero. */
static tip_error *count_table(tip_buf *out, const char *name, const char *what,
	const tip_counts *c, bool skip_zero)
{
	tip_error *err = tip_buf_addf(out, "| %s | %s |\n| --- | ---: |\n", name, what);
	for (size_t i = 0; !err && i < c->len; i++)
		if (!skip_zero || c->items[i].n)
			err = md_row(out, c->items[i].label, c->items[i].n, 0, false);
	return err ? err : tip_buf_addc(out, '\n');
}

/* | name | n_name | m_name |; rows whose n is 0 are left out when skip_zero. */
static tip_error *pair_table(tip_buf *out, const char *name, const char *n_name,
	const char *m_name, const tip_counts *c, bool skip_zero)
{
	tip_error *err = tip_buf_addf(out, "| %s | %s | %s |\n| --- | ---: | ---: |\n", name,
		n_name, m_name);
	for (size_t i = 0; !err && i < c->len; i++)
		if (!skip_zero || c->items[i].n)
			err = md_row(out, c->items[i].label, c->items[i].n, c->items[i].m, true);
	return err ? err : tip_buf_addc(out, '\n');
}

static size_t total(const tip_counts *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->len; i++)
		n += c->items[i].n;
	return n;
}

/* "5 planned, 9 in-progress" (labels with a count only) */
static tip_error *count_phrase(tip_buf *out, const tip_counts *c)
{
	tip_error *err = NULL;
	bool first = true;
	for (size_t i = 0; !err && i < c->len; i++) {
		if (!c->items[i].n)
			continue;
		err = tip_buf_addf(out, "%s%zu ", first ? "" : ", ", c->items[i].n);
		if (!err)
			err = md_text(out, c->items[i].label);
		first = false;
	}
	return err ? err : first ? tip_buf_adds(out, "none") : NULL;
}

/* ---- lists of records ---- */

/* "- Title (`id`): detail, date" lines, or the text for none. */
static tip_error *entry_list(tip_buf *out, const tip_report_list *list, const char *none,
	bool with_detail, bool with_date)
{
	if (!list->len)
		return tip_buf_addf(out, "%s\n\n", none);
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		err = tip_buf_adds(out, "- ");
		if (!err)
			err = md_record(out, e);
		if (!err && with_detail && e->detail)
			err = tip_buf_addf(out, ", %s", e->detail);
		if (!err && with_date && e->date)
			err = tip_buf_addf(out, ", %s", e->date);
		if (!err)
			err = tip_buf_addc(out, '\n');
	}
	return err ? err : tip_buf_addc(out, '\n');
}

/* A table of actions or milestones: | what | due | detail | */
static tip_error *due_table(tip_buf *out, const tip_report_list *list, bool milestones,
	const char *none)
{
	if (!list->len)
		return tip_buf_addf(out, "%s\n\n", none);
	tip_error *err = tip_buf_adds(out, milestones
		? "| Milestone | Action | Due |\n| --- | --- | --- |\n"
		: "| Action | Due | Status |\n| --- | --- | --- |\n");
	for (size_t i = 0; !err && i < list->len; i++) {
		const tip_report_entry *e = &list->items[i];
		err = tip_buf_adds(out, "| ");
		if (!err && milestones) {
			err = md_text(out, or_dash(e->detail));
			if (!err)
				err = tip_buf_adds(out, " | ");
		}
		if (!err)
			err = md_record(out, e);
		if (!err)
			err = tip_buf_addf(out, " | %s |", or_dash(e->date));
		if (!err && !milestones)
			err = tip_buf_addf(out, " %s |", or_dash(e->detail));
		if (!err)
			err = tip_buf_addc(out, '\n');
	}
	return err ? err : tip_buf_addc(out, '\n');
}

/* ---- 1 headline ---- */

/* A label Mermaid can quote: one holding a quote or a line break (only an invalid record's)
 * is shown as "?". */
static const char *mermaid_label(const char *label)
{
	return strpbrk(label, "\"\n\r") ? "?" : label;
}

static tip_error *status_pie(tip_buf *out, const tip_counts *c)
{
	if (!total(c))
		return NULL;
	tip_error *err = tip_buf_adds(out, "```mermaid\npie showData title Actions by status\n");
	for (size_t i = 0; !err && i < c->len; i++)
		if (c->items[i].n)
			err = tip_buf_addf(out, "    \"%s\" : %zu\n", mermaid_label(c->items[i].label),
				c->items[i].n);
	return err ? err : tip_buf_adds(out, "```\n\n");
}

static tip_error *change_table(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "| Records | At the start | At the end | Added | "
		"Removed | Changed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; !err && i < r->change_count; i++) {
		const tip_report_change *c = &r->changes[i];
		err = tip_buf_addf(out, "| %s | %zu | %zu | %zu | %zu | %zu |\n", c->collection,
			c->at_start, c->at_end, c->added, c->removed, c->changed);
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *status_changes(tip_buf *out, const tip_report *r)
{
	if (!r->status_changes.len)
		return tip_buf_adds(out, "No record changed status.\n\n");
	tip_error *err = tip_buf_adds(out, "Status changes:\n\n");
	for (size_t i = 0; !err && i < r->status_changes.len; i++) {
		const tip_report_entry *e = &r->status_changes.items[i];
		if (e->id) {
			err = tip_buf_addf(out, "- %s ", e->type);
			if (!err)
				err = md_record(out, e);
		} else {
			err = tip_buf_addf(out, "- %zu %s", e->count, e->type);
		}
		if (!err)
			err = tip_buf_adds(out, ": ");
		if (!err)
			err = md_text(out, e->from);
		if (!err)
			err = tip_buf_adds(out, ARROW);
		if (!err)
			err = md_text(out, e->to);
		if (!err)
			err = tip_buf_addc(out, '\n');
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *section_headline(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "## 1. Headline\n\n**%zu actions:** ",
		total(&r->actions_by_status));
	if (!err)
		err = count_phrase(out, &r->actions_by_status);
	if (!err)
		err = tip_buf_addf(out, ". RAG of the %zu in progress: ", total(&r->rag));
	if (!err)
		err = count_phrase(out, &r->rag);
	if (!err)
		err = tip_buf_adds(out, ".\n\n");
	if (!err)
		err = count_table(out, "Status", "Actions", &r->actions_by_status, false);
	if (!err)
		err = status_pie(out, &r->actions_by_status);
	if (!err)
		err = tip_buf_adds(out, "### Changes since the start\n\n");
	if (!err && !r->changes_known)
		return tip_buf_adds(out, "Not known: the repository has no history for the period "
			"(see above). Records now: ");
	if (!err)
		err = change_table(out, r);
	return err ? err : status_changes(out, r);
}

static tip_error *records_now(tip_buf *out, const tip_report *r)
{
	if (r->changes_known)
		return NULL;
	tip_error *err = count_phrase(out, &r->records);
	return err ? err : tip_buf_adds(out, ".\n\n");
}

/* ---- 2 exceptions ---- */

static tip_error *red_amber_table(tip_buf *out, const tip_report *r)
{
	if (!r->red_amber.len)
		return tip_buf_adds(out, "No action is rated red or amber.\n\n");
	tip_error *err = tip_buf_adds(out, "| Action | RAG | Due |\n| --- | --- | --- |\n");
	for (size_t i = 0; !err && i < r->red_amber.len; i++) {
		const tip_report_entry *e = &r->red_amber.items[i];
		err = tip_buf_adds(out, "| ");
		if (!err)
			err = md_record(out, e);
		if (!err)
			err = tip_buf_addf(out, " | **%s** | %s |\n", e->detail, or_dash(e->date));
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *section_exceptions(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "## 2. Exceptions\n\n### Red and amber actions\n\n");
	if (!err)
		err = red_amber_table(out, r);
	if (!err)
		err = tip_buf_adds(out, "### Overdue at the end of the period\n\n");
	if (!err)
		err = due_table(out, &r->overdue_actions, false, "No action is overdue.");
	if (!err)
		err = due_table(out, &r->overdue_milestones, true, "No milestone is overdue.");
	if (!err)
		err = tip_buf_addf(out, "### Due next (%s)\n\n", r->next.name);
	if (!err)
		err = due_table(out, &r->due_actions, false, "No action falls due.");
	if (!err)
		err = due_table(out, &r->due_milestones, true, "No milestone falls due.");
	return err;
}

/* ---- 3 training offer ---- */

static tip_error *matrix_table(tip_buf *out, const tip_matrix *m)
{
	tip_error *err = tip_buf_addf(out, "The learning-needs matrix: %zu %s%s%s by level (rows) "
		"and audience (columns); " EMPTY_MARK " marks an empty cell.\n\n| Level |",
		m->records, m->collection, m->status ? " with status " : "",
		m->status ? m->status : "");
	for (size_t c = 0; !err && c < m->col_count; c++) {
		err = tip_buf_addc(out, ' ');
		if (!err)
			err = md_text(out, m->cols[c]);
		if (!err)
			err = tip_buf_adds(out, " |");
	}
	if (!err)
		err = tip_buf_adds(out, " total |\n| --- |");
	for (size_t c = 0; !err && c <= m->col_count; c++)
		err = tip_buf_adds(out, " ---: |");
	for (size_t r = 0; !err && r < m->row_count; r++) {
		err = tip_buf_adds(out, "\n| ");
		if (!err)
			err = md_text(out, m->rows[r]);
		if (!err)
			err = tip_buf_adds(out, " |");
		for (size_t c = 0; !err && c < m->col_count; c++)
			err = md_count(out, tip_matrix_cell(m, r, c));
		if (!err)
			err = tip_buf_addf(out, " %zu |", m->row_totals[r]);
	}
	if (!err)
		err = tip_buf_adds(out, "\n| **total** |");
	for (size_t c = 0; !err && c < m->col_count; c++)
		err = tip_buf_addf(out, " %zu |", m->col_totals[c]);
	if (!err)
		err = tip_buf_addf(out, " %zu |\n\n%zu of the %zu level " "\xc3\x97" " audience cells "
			"are empty: no available course at that level for that audience.\n\n",
			m->records, m->empty, m->enum_rows * m->enum_cols);
	return err;
}

static tip_error *level_chart(tip_buf *out, const tip_counts *c)
{
	size_t max = 1;
	for (size_t i = 0; i < c->len; i++)
		if (c->items[i].n > max)
			max = c->items[i].n;
	tip_error *err = tip_buf_adds(out, "```mermaid\nxychart-beta\n    title \"Courses by level "
		"(not retired)\"\n    x-axis [");
	for (size_t i = 0; !err && i < c->len; i++)
		err = tip_buf_addf(out, "%s\"%s\"", i ? ", " : "", mermaid_label(c->items[i].label));
	if (!err)
		err = tip_buf_addf(out, "]\n    y-axis \"Courses\" 0 --> %zu\n    bar [", max);
	for (size_t i = 0; !err && i < c->len; i++)
		err = tip_buf_addf(out, "%s%zu", i ? ", " : "", c->items[i].n);
	return err ? err : tip_buf_adds(out, "]\n```\n\n");
}

static tip_error *section_training(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "## 3. Training offer\n\n");
	if (!err && r->has_matrix)
		err = matrix_table(out, &r->matrix);
	if (!err)
		err = tip_buf_addf(out, "**%zu courses:** ", total(&r->courses_by_status));
	if (!err)
		err = count_phrase(out, &r->courses_by_status);
	if (!err)
		err = tip_buf_adds(out, ".\n\n");
	if (!err)
		err = count_table(out, "Level", "Courses (not retired)", &r->courses_by_level, false);
	if (!err && total(&r->courses_by_level))
		err = level_chart(out, &r->courses_by_level);
	if (!err)
		err = tip_buf_addf(out, "### Level not yet assessed (%zu)\n\n", r->not_assessed.len);
	if (!err)
		err = entry_list(out, &r->not_assessed, "Every course has a level.", true, false);
	if (!err)
		err = tip_buf_adds(out, "### Reviews overdue at the end of the period\n\n");
	if (!err)
		err = entry_list(out, &r->reviews_overdue, "None.", false, true);
	if (!err)
		err = tip_buf_adds(out, "### New and retired courses\n\n");
	if (!err && !r->changes_known)
		return tip_buf_adds(out, "Not known: no history for the period.\n\n");
	if (!err)
		err = tip_buf_adds(out, "New:\n\n");
	if (!err)
		err = entry_list(out, &r->new_courses, "None.", true, false);
	if (!err)
		err = tip_buf_adds(out, "Retired or removed:\n\n");
	if (!err)
		err = entry_list(out, &r->retired_courses, "None.", true, false);
	return err;
}

/* ---- 4 reach ---- */

static tip_error *section_reach(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "## 4. Reach\n\n**%zu sessions, %zu attendees** in the "
		"period (totals only: sessions recorded on courses, by their dates).\n\n",
		r->sessions, r->attendees);
	if (!err && r->sessions)
		err = pair_table(out, "Level", "Sessions", "Attendees", &r->reach_by_level, true);
	if (!err && r->sessions)
		err = pair_table(out, "Sector", "Sessions", "Attendees", &r->reach_by_sector, true);
	return err;
}

/* ---- 5 champion network ---- */

static tip_error *section_champions(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "## 5. Champion network\n\n**%zu champions** in %zu "
		"organisation%s (champions who have left not counted); counts only, no names.\n\n",
		r->champions, r->organisations, r->organisations == 1 ? "" : "s");
	if (!err)
		err = count_table(out, "Status", "Champions", &r->champions_by_status, false);
	if (!err)
		err = count_table(out, "Sector", "Champions", &r->champions_by_sector, true);
	if (!err)
		err = count_table(out, "Service area", "Champions", &r->champions_by_service_area,
			false);
	return err;
}

/* ---- 6 glossary ---- */

static tip_error *section_glossary(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "## 6. Glossary\n\n**%zu definitions:** ",
		total(&r->definitions_by_status));
	if (!err)
		err = count_phrase(out, &r->definitions_by_status);
	if (!err)
		err = tip_buf_adds(out, ".\n\n");
	if (!err && !r->changes_known)
		return tip_buf_adds(out, "Definitions added, agreed or superseded in the period: not "
			"known, no history for the period.\n\n");
	if (!err)
		err = tip_buf_adds(out, "Added:\n\n");
	if (!err)
		err = entry_list(out, &r->definitions_added, "None.", true, false);
	if (!err)
		err = tip_buf_adds(out, "Agreed:\n\n");
	if (!err)
		err = entry_list(out, &r->definitions_agreed, "None.", false, false);
	if (!err)
		err = tip_buf_adds(out, "Superseded:\n\n");
	if (!err)
		err = entry_list(out, &r->definitions_superseded, "None.", false, false);
	return err;
}

/* ---- 7 alignment ---- */

static tip_error *section_alignment(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "## 7. Alignment with national drivers\n\n");
	if (!err)
		err = pair_table(out, "Driver", "Actions", "Open", &r->drivers, false);
	if (!err)
		err = tip_buf_addf(out, "%zu action%s name%s no driver. An action may serve several.\n\n",
			r->actions_without_driver, r->actions_without_driver == 1 ? "" : "s",
			r->actions_without_driver == 1 ? "s" : "");
	return err;
}

/* ---- 8 housekeeping ---- */

static tip_error *course_review_table(tip_buf *out, const tip_report *r)
{
	if (!r->course_reviews.len)
		return tip_buf_adds(out, "No course review is overdue or due next.\n\n");
	tip_error *err = tip_buf_adds(out, "| Course | Next review | Review |\n| --- | --- | --- |\n");
	for (size_t i = 0; !err && i < r->course_reviews.len; i++) {
		const tip_report_entry *e = &r->course_reviews.items[i];
		err = tip_buf_adds(out, "| ");
		if (!err)
			err = md_record(out, e);
		if (!err)
			err = tip_buf_addf(out, " | %s | %s |\n", e->date, e->detail);
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *unreadable_list(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_adds(out, "Records that do not load (run `tip validate`):\n\n");
	for (size_t i = 0; !err && i < r->unreadable.len; i++) {
		const tip_report_entry *e = &r->unreadable.items[i];
		err = e->id ? tip_buf_addf(out, "- %s `%s`\n", e->type, e->id)
			    : tip_buf_addf(out, "- %zu %s\n", e->count, e->type);
	}
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *section_housekeeping(tip_buf *out, const tip_report *r)
{
	tip_error *err = tip_buf_addf(out, "## 8. Housekeeping\n\nRecords due for review: "
		"overdue at the end of the period, or due in %s.\n\n", r->next.name);
	if (!err)
		err = course_review_table(out, r);
	if (!err)
		err = tip_buf_addf(out, "Champion records: %zu review%s overdue, %zu due next.\n\n",
			r->champion_reviews_overdue, r->champion_reviews_overdue == 1 ? "" : "s",
			r->champion_reviews_due);
	if (!err && r->unreadable.len)
		err = unreadable_list(out, r);
	return err;
}

tip_error *tip_report_markdown(tip_buf *out, const tip_report *r)
{
	tip_error *err = heading(out, r);
	if (!err)
		err = section_headline(out, r);
	if (!err)
		err = records_now(out, r);
	if (!err)
		err = section_exceptions(out, r);
	if (!err)
		err = section_training(out, r);
	if (!err)
		err = section_reach(out, r);
	if (!err)
		err = section_champions(out, r);
	if (!err)
		err = section_glossary(out, r);
	if (!err)
		err = section_alignment(out, r);
	if (!err)
		err = section_housekeeping(out, r);
	return err;
}
