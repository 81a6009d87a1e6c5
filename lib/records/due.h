/* What has a date by which something must happen: course reviews (next_review), champion
 * record reviews (review_by), action due dates and milestones. For tip due and the
 * exceptions and housekeeping of tip summary. */
#ifndef TIP_DUE_H
#define TIP_DUE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "error.h"
#include "snapshot.h"
#include "yaml.h"

typedef enum tip_due_kind {
	TIP_DUE_COURSE_REVIEW,   /* a course's next_review (courses not retired) */
	TIP_DUE_CHAMPION_REVIEW, /* a champion record's review_by */
	TIP_DUE_ACTION,          /* an action's due date (actions neither done nor cancelled) */
	TIP_DUE_MILESTONE,       /* a milestone's due date (not done, of such an action) */
} tip_due_kind;

typedef struct tip_due_item {
	tip_date date;
	tip_due_kind kind;
	const tip_snapshot_record *record;
	const char *title;     /* the course's or action's title, the champion's organisation */
	const char *status;    /* the record's status, or NULL */
	const char *milestone; /* TIP_DUE_MILESTONE: the milestone's title */
	size_t order;          /* the order found in, which breaks ties */
} tip_due_item;

/* Every dated item of the records in snapshot that is still open as of the day asof, soonest
 * first (then by type, id and the milestones' order). An action done or a milestone done
 * after asof (by its completed or done date) counts as open: what a report as of an earlier
 * day needs. Records of other types, and dates that are not real dates, are left out. *out is
 * freed with free(); what it points to belongs to the snapshot. */
tip_error *tip_due_collect(tip_due_item **out, size_t *count, const tip_snapshot *snapshot,
	tip_date asof);

/* The words for the kind: "next review", "review by", "due", "milestone". */
const char *tip_due_kind_name(tip_due_kind kind);

/* True when the action (a record's fields) is finished as of asof: cancelled, or done with no
 * completed date or one on or before asof. */
bool tip_due_action_finished(const tip_node *action, tip_date asof);

/* True when the milestone is done as of asof: `done: true`, or a done date on or before it. */
bool tip_due_milestone_done(const tip_node *milestone, tip_date asof);

/* The text of a field when it is text, else NULL. */
const char *tip_due_text(const tip_node *map, const char *key);

#endif
