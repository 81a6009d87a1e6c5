/* The record-aware three-way merge (tip merge-file, git's merge driver): two changed versions
 * of a record and the version they both started from, merged field by field; and reading a
 * conflicted record's text back into its fields' two sides. docs/merging.md has the rules. */
#ifndef TIP_MERGE_H
#define TIP_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "schema.h"
#include "yaml.h"

/* The markers around a conflicted field, each on a line of its own. */
#define TIP_MERGE_OURS "<<<<<<< ours"
#define TIP_MERGE_BETWEEN "======="
#define TIP_MERGE_THEIRS ">>>>>>> theirs"

/* A field of the record that the two sides changed in ways that do not go together. */
typedef struct tip_merge_conflict {
	const char *field;     /* the record's field ("level") */
	const tip_node *ours;  /* the field's value with our side's changes; NULL: no field */
	const tip_node *theirs;
} tip_merge_conflict;

typedef struct tip_merge_result {
	tip_doc *doc; /* the merged record (a conflicted field holds our side's value, or
		       * theirs when ours has none); NULL when both sides removed the record */
	tip_merge_conflict *conflicts; /* in the order of the record's fields */
	size_t conflict_count;
} tip_merge_result;

/* Merges the changes from base to ours and from base to theirs. Each document may be NULL: the
 * record is not there (base NULL: both sides added it). schema is the record type's root
 * schema (NULL: none), which names the key field of a list of objects (the first required
 * property of its items). The result's nodes point into the three documents: dispose of it
 * before freeing them. */
tip_error *tip_merge_records(tip_merge_result *out, const tip_doc *base, const tip_doc *ours,
	const tip_doc *theirs, const tip_subschema *schema);

/* Makes every field on which ours and theirs differ a conflict: for a merge whose result the
 * schema refuses, so that a person chooses. */
tip_error *tip_merge_conflict_all(tip_merge_result *result, const tip_doc *ours,
	const tip_doc *theirs);

void tip_merge_result_dispose(tip_merge_result *result);

/* Appends the result in canonical YAML; each conflicted field in its place as
 *   <<<<<<< ours / FIELD: OURS-VALUE / ======= / FIELD: THEIRS-VALUE / >>>>>>> theirs
 * (a side without the field has no line there), after a comment that names the conflicted
 * fields and says what to do; note (may be NULL) adds comment lines of its own before it. */
tip_error *tip_merge_render(tip_buf *out, const tip_merge_result *result,
	const tip_subschema *schema, const char *note);

/* ---- a conflicted record, read back ---- */

typedef struct tip_conflicted {
	tip_doc *common;               /* the fields outside the markers (an empty mapping when
					* none) */
	tip_merge_conflict *conflicts; /* each field between markers, in the order written */
	size_t conflict_count;
	tip_doc **sides;               /* the documents the two sides' values live in */
	size_t side_count;
} tip_conflicted;

/* Reads text as tip_merge_render writes it: conflicts is empty when there are no markers.
 * Markers out of order (a second <<<<<<<, ======= or >>>>>>> without the one before it, or a
 * block left open), a side or the rest that is not strict YAML, or a field both outside and
 * inside the markers (or in two blocks), are an error naming the line. Each value keeps its
 * line and column in text. */
tip_error *tip_merge_read_conflicts(tip_conflicted *out, const char *text, size_t len,
	const char *file);
void tip_conflicted_dispose(tip_conflicted *conflicted);

#endif
