/* Shared by the parts of the summary's computation (report.c, report_sections.c). */
#ifndef TIP_REPORT_INT_H
#define TIP_REPORT_INT_H

#include "report.h"

/* The label of records without a value, in counts. */
#define REPORT_NONE "(none)"

/* counts starts with the values of type's field (in the schema's order), all zero. */
tip_error *report_counts_init(tip_report *r, tip_counts *counts, const tip_type *type,
	const char *field);
/* Adds n and m to label's count, appending the label when it is new. */
tip_error *report_counts_add(tip_report *r, tip_counts *counts, const char *label, size_t n,
	size_t m);
/* A copy of text (NULL stays NULL) in the report's arena; *failed is set when out of
 * memory. */
const char *report_copy(tip_report *r, const char *text, bool *failed);
/* Appends an entry, copying it and its text. */
tip_error *report_list_add(tip_report *r, tip_report_list *list, const tip_report_entry *e);
/* Once the report is built: each list's items cut to its length. */
void report_lists_fit(tip_report *r);
/* The lists' items freed (by tip_report_free). */
void report_lists_free(tip_report *r);
/* An entry for a record: type, id and title (title, else term). */
tip_report_entry report_entry(const tip_snapshot_record *record);
/* True when a session (of a course's sessions) has a date within period. */
bool report_in_period(const tip_period *period, const tip_node *session);
/* A copy of a date as text in the report's arena, or NULL when out of memory. */
const char *report_date(tip_report *r, tip_date date);

/* The text of a field, or NULL. */
const char *report_text(const tip_node *map, const char *key);
/* True when the field is text equal to value. */
bool report_text_is(const tip_node *map, const char *key, const char *value);
/* True when records of type hold personal data (a property marked x-tip-personal). */
bool report_personal(const tip_type *type);

/* The record of type/id in snapshot (NULL snapshot: none). */
const tip_snapshot_record *report_find(const tip_snapshot *snapshot, const tip_type *type,
	const char *id);

/* The sections after the headline (report_sections.c). */
tip_error *report_exceptions(tip_report *r);
tip_error *report_training(tip_report *r, tip_store *store);
tip_error *report_reach(tip_report *r, tip_store *store);
tip_error *report_champions(tip_report *r, tip_store *store);
tip_error *report_glossary(tip_report *r, tip_store *store);
tip_error *report_alignment(tip_report *r, tip_store *store);
tip_error *report_housekeeping(tip_report *r);

#endif
