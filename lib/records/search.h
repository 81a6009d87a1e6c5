/* tip search: text in every text field of every record, case and accents aside (tip_fold),
 * the records ranked by how well they match. */
#ifndef TIP_SEARCH_H
#define TIP_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "snapshot.h"

/* One record that matches. */
typedef struct tip_search_hit {
	const tip_snapshot_record *record;
	const char *title;  /* the record's public title (tip_record_title_of), or NULL */
	char *field;        /* where the best match is, for people: "notes", "milestones 2 name"
	                     * (items counted from 1) */
	char *pointer;      /* the same as a JSON Pointer: "/milestones/1/name" */
	char *excerpt;      /* the text around the match, on one line, "…" where cut */
	unsigned score;     /* higher is better */
} tip_search_hit;

/* The records among records[0..n) (those with root NULL are left out) whose text fields hold
 * every word of text, case and accents aside; best first: the whole text together counts
 * more than its words apart, the title more than other fields; ties by type, then id. The
 * fields of a schema's x-tip-personal properties are searched only when include_personal
 * (and none of a type whose schema does not compile). An empty text is an error. *out is
 * freed with tip_search_hits_free. */
tip_error *tip_search(tip_search_hit **out, size_t *count,
	const tip_snapshot_record *const *records, size_t n, const char *text,
	bool include_personal);
void tip_search_hits_free(tip_search_hit *hits, size_t count);

#endif
