/* The quarterly progress summary: built once from the records at a period's end and at its
 * start (from git history) and from the records' own dates, then rendered as Markdown, HTML or
 * JSON. Sections as domain.md lists them: headline, exceptions, training offer, reach,
 * champion network, glossary, alignment, housekeeping.
 *
 * Personal data never appears: records of a type with any x-tip-personal property (champions)
 * are only counted, never named or listed by id, and no field of theirs is shown. */
#ifndef TIP_REPORT_H
#define TIP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "jsonw.h"
#include "matrix.h"
#include "snapshot.h"
#include "store.h"

/* A label and its count; m is a second figure where a list says so. */
typedef struct tip_count {
	const char *label;  /* the code, as records and JSON have it: "in-progress" */
	const char *name;   /* its display name for people (x-tip-titles): "In progress"; the
			     * label itself when the schema gives none */
	size_t n;
	size_t m;
} tip_count;

typedef struct tip_counts {
	tip_count *items;
	size_t len;
	const tip_schema *schema; /* where the labels' display names are, and under which field */
	const char *field;
} tip_counts;

/* A record a section mentions (never one of a personal type). */
typedef struct tip_report_entry {
	const char *type;
	const char *collection; /* the type's, for a count of several: "2 champions" */
	const char *id;     /* NULL for a line that stands for several records of a personal
			     * type: then count says how many */
	const char *title;  /* title, or term for a definition; NULL when none */
	const char *date;   /* the date the list is about (due, next review), or NULL */
	const char *detail; /* more: a RAG rating, a milestone's title, a status */
	const char *detail_field; /* the field detail is a value of ("rag"), for its display
				   * name; NULL when detail is no code */
	const char *from;   /* a status change: the status at the start and at the end */
	const char *to;
	size_t count;
	const tip_schema *schema; /* the record's, for the display names of its codes */
} tip_report_entry;

typedef struct tip_report_list {
	tip_report_entry *items; /* the report's own, len of them once it is built */
	size_t len;
	size_t cap; /* private: room in items while the report is built */
} tip_report_list;

/* How much history the period has. */
typedef enum tip_report_history {
	TIP_REPORT_FULL,     /* commits before the start and by the end: changes are known */
	TIP_REPORT_YOUNGER,  /* the first commit (or a shallow clone's oldest) is inside the period:
			      * changes are counted from it */
	TIP_REPORT_AFTER,    /* no commit by the period's end: the records as committed now
			      * (HEAD); changes in the period are not known */
	TIP_REPORT_NO_COMMITS, /* no commit at all: the records of the working tree */
} tip_report_history;

/* What changed in one type between the start and the end. */
typedef struct tip_report_change {
	const char *type;
	const char *collection;
	size_t at_start, at_end;
	size_t added, removed, changed;
} tip_report_change;

typedef struct tip_report {
	tip_period period, next;
	tip_date today;
	bool open;            /* the period has not ended by today */
	tip_report_history history;
	char start_commit[41]; /* "" when none */
	char end_commit[41];
	char start_date[TIP_DATE_LEN]; /* the commits' dates (UTC), "" when none */
	char end_date[TIP_DATE_LEN];
	char first_date[TIP_DATE_LEN]; /* the first commit's date, "" when none */
	bool quiet;           /* no commit inside the period: start and end are the same */
	bool changes_known;   /* false with TIP_REPORT_AFTER and TIP_REPORT_NO_COMMITS */
	bool shallow;         /* a shallow clone: history stops before the first commit */

	/* 1 headline */
	tip_counts records;           /* at the end, by collection */
	tip_counts actions_by_status;
	tip_counts rag;               /* of actions in progress: red, amber, green, none */
	tip_report_change *changes;   /* one per type; only at_end when !changes_known */
	size_t change_count;
	tip_report_list status_changes; /* from and to */

	/* 2 exceptions */
	tip_report_list red_amber;          /* detail the RAG; date due */
	tip_report_list overdue_actions;    /* date due; detail the status */
	tip_report_list overdue_milestones; /* date due; detail the milestone */
	tip_report_list due_actions;        /* due in the next period */
	tip_report_list due_milestones;

	/* 3 training offer */
	tip_matrix matrix;           /* available courses, level × audience */
	bool has_matrix;
	const char **matrix_row_names; /* the display names of its levels */
	const char **matrix_col_names; /* and of its audiences */
	tip_counts courses_by_status;
	tip_counts courses_by_level; /* courses not retired; "not-assessed" for those without */
	tip_report_list not_assessed; /* detail the status */
	tip_report_list reviews_overdue;
	tip_report_list new_courses;  /* added in the period; detail the status */
	tip_report_list retired_courses; /* detail "retired" or "removed" */

	/* 4 reach: n sessions, m attendees */
	size_t sessions, attendees;
	tip_counts reach_by_level;
	tip_counts reach_by_sector;

	/* 5 champion network */
	size_t champions;
	tip_counts champions_by_status;
	tip_counts champions_by_sector;
	tip_counts champions_by_service_area;
	size_t organisations; /* distinct organisations of champions who have not left */

	/* 6 glossary */
	tip_counts definitions_by_status;
	tip_report_list definitions_added;
	tip_report_list definitions_agreed;
	tip_report_list definitions_superseded;

	/* 7 alignment: n actions, m of them open (neither done nor cancelled) */
	tip_counts drivers;
	size_t actions_without_driver;

	/* 8 housekeeping */
	tip_report_list course_reviews;   /* overdue at the end or due in the next period;
					   * detail "overdue" or "due" */
	size_t champion_reviews_overdue;
	size_t champion_reviews_due;
	tip_report_list unreadable;       /* records that do not load at the end (id, type) */

	/* private */
	char tip[41];         /* where history is walked back from; "" HEAD */
	struct tip_arena *arena;
	tip_snapshot *start_snapshot, *end_snapshot; /* while the figures are made; then NULL */
	size_t unloaded;      /* files at the end that do not load */
	tip_diag_list *end_findings; /* why they do not */
	tip_report_list **lists; /* those with items of their own, to fit and free */
	size_t list_count, list_cap;
} tip_report;

/* Builds the summary of period: the records at its end (the last commit on HEAD's first-parent
 * line at or before its last day, 23:59:59 UTC) against those at its start (the last commit
 * before its first day), and the records' own dates. today says whether the period is over.
 * A shallow clone's history ends where the clone's does. */
tip_error *tip_report_build(tip_report **out, tip_store *store, const tip_period *period,
	tip_date today);
/* The same with history walked back from the commit tip (a full id; "" is HEAD): another
 * authority's records as fetched (tip summary --peers). */
tip_error *tip_report_build_from(tip_report **out, tip_store *store, const tip_period *period,
	tip_date today, const char *tip);
void tip_report_free(tip_report *report);

/* How many record files do not load at the period's end (left out of the figures) and, into
 * *findings, why: for the caller to say which. The findings live as long as report. */
size_t tip_report_unloaded(const tip_report *report, tip_diag_list **findings);

/* One sentence on where the figures come from (which commits, or why there are none). */
tip_error *tip_report_provenance(tip_buf *out, const tip_report *report);

/* The three formats. */
tip_error *tip_report_markdown(tip_buf *out, const tip_report *report);
tip_error *tip_report_html(tip_buf *out, const tip_report *report);
tip_error *tip_report_json(tip_buf *out, const tip_report *report);
/* tip_report_json with its text handed to drain as it is made (out emptied each time), so
 * that the whole text is never held: drain NULL is tip_report_json. */
tip_error *tip_report_json_drained(tip_buf *out, const tip_report *report,
	tip_jsonw_drain_fn drain, void *ctx);

#endif
