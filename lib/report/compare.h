/* The alignment of several authorities' programmes (HIPS: Hampshire, Isle of Wight, Portsmouth,
 * Southampton): their glossaries, training and strategy actions compared, as findings that
 * `tip compare` and `tip summary --peers` render.
 *
 * Each authority is added with its own records and its own types (schemas): what compare needs
 * is copied out of them, so the caller may free an authority's snapshot once it is added. What
 * cannot be compared (a type or field an authority's schemas do not have, records that do not
 * load) is a finding too, never skipped silently. No field marked personal is read. */
#ifndef TIP_COMPARE_H
#define TIP_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "report.h"
#include "snapshot.h"
#include "store.h"

/* The national driver that marks an action of the shared HIPS strategy. */
#define TIP_COMPARE_HIPS_DRIVER "hips-tip-strategy"

typedef struct tip_compare tip_compare;

/* Where an authority's records come from, for the reader to judge how fresh they are. */
typedef struct tip_compare_source {
	const char *name;    /* "Southampton" */
	const char *commit;  /* the commit's full id, or NULL (a working tree) */
	const char *date;    /* the commit's day, YYYY-MM-DD, or NULL */
	const char *fetched; /* when a peer's records were fetched, or NULL for this repository */
	bool missing;        /* nothing of it could be read (tip_compare_add_missing) */
} tip_compare_source;

typedef enum tip_compare_kind {
	/* A term one authority prefers (or lists as an alternative) that another lists under
	 * avoid: the most serious finding. sides[0] uses it, sides[1] avoids it. */
	TIP_COMPARE_MISUNDERSTANDING,
	/* One concept (a shared label) under different preferred terms: a side per definition. */
	TIP_COMPARE_PREFERRED_DIFFERS,
	/* The same preferred term with different definitions (compared folded, spaces squeezed). */
	TIP_COMPARE_DEFINITION_DIFFERS,
	/* A concept only one authority's glossary has. */
	TIP_COMPARE_TERM_ONLY,
	/* The same course (provider and title, folded) at different levels. */
	TIP_COMPARE_COURSE_LEVEL,
	/* The same course at the same level, agreed in one authority and not in another. */
	TIP_COMPARE_COURSE_AGREED,
	/* A cell of the learning-needs matrix covered in one authority and empty in another. */
	TIP_COMPARE_MATRIX_GAP,
	/* Something that could not be compared: one side, subject says what. */
	TIP_COMPARE_NOT_COMPARED,
} tip_compare_kind;

enum { TIP_COMPARE_KINDS = TIP_COMPARE_NOT_COMPARED + 1 };

/* One authority's part in a finding. */
typedef struct tip_compare_side {
	size_t authority; /* index into the authorities */
	const char *id;   /* the record's id, or NULL */
	const char *title; /* the definition's preferred term, the course's title */
	const char *value; /* what is compared: a definition, a level, a label used or avoided,
			    * a count; NULL when the authority has none */
	const char *note;  /* more: why a term is avoided, a level's status, how a term is used
			    * (preferred, alternative); NULL when none */
	const char *instead; /* for the side that avoids a term: what to say instead, or NULL */
	const char *value_title, *note_title; /* the display names the authority's schema
			    * gives value and note (x-tip-titles), or NULL */
	const char *role;  /* how a glossary term is held there: "preferred", "alternative",
			    * "hidden" or "avoided"; NULL elsewhere */
} tip_compare_side;

typedef struct tip_compare_finding {
	tip_compare_kind kind;
	const char *subject; /* the term, the course, the matrix cell ("skilled × health"), or
			      * what could not be compared */
	tip_compare_side *sides;
	size_t side_count;
} tip_compare_finding;

/* The learning-needs matrix of one authority (available courses by level and audience), by
 * label: cells[r * col_count + c]. */
typedef struct tip_compare_matrix {
	bool present; /* false when the authority's schemas lack what it needs */
	size_t *cells;
} tip_compare_matrix;

tip_error *tip_compare_new(tip_compare **out);
void tip_compare_free(tip_compare *c);

/* Adds an authority: its records (a snapshot of every type of store) and where they come from
 * (copied). The first one added is this repository. records may be freed afterwards. */
tip_error *tip_compare_add(tip_compare *c, const tip_compare_source *source, tip_store *store,
	const tip_snapshot *records);

/* The same a type at a time, reading only what compare needs: tip_compare_begin adds the
 * authority, then tip_compare_read each snapshot of its records of one type (type_name), for
 * each of tip_compare_types (NULL-terminated) that store has; the snapshot may be freed at
 * once. A snapshot of every type is read with type_name NULL. */
extern const char *const tip_compare_types[];
tip_error *tip_compare_begin(tip_compare *c, const tip_compare_source *source, tip_store *store);
tip_error *tip_compare_read(tip_compare *c, const tip_snapshot *records, const char *type_name);

/* Adds an authority whose records cannot be read (a peer never fetched): why says so and what
 * to do, as a finding of what could not be compared. */
tip_error *tip_compare_add_missing(tip_compare *c, const tip_compare_source *source,
	const char *why);

/* Compares the authorities added: the findings, in order of kind, then subject. */
tip_error *tip_compare_run(tip_compare *c);

size_t tip_compare_authority_count(const tip_compare *c);
const tip_compare_source *tip_compare_authority(const tip_compare *c, size_t i);

size_t tip_compare_finding_count(const tip_compare *c);
const tip_compare_finding *tip_compare_finding_at(const tip_compare *c, size_t i);
/* How many findings of kind there are. */
size_t tip_compare_count(const tip_compare *c, tip_compare_kind kind);

/* The actions that name TIP_COMPARE_HIPS_DRIVER, every authority's in turn (side: id, title,
 * value the status). */
size_t tip_compare_strategy_count(const tip_compare *c);
const tip_compare_side *tip_compare_strategy_at(const tip_compare *c, size_t i);

/* The matrix's labels (the first authority's level and audience values) and each authority's
 * counts; tip_compare_matrix_titles gives the labels' display names, in the same order. */
void tip_compare_matrix_labels(const tip_compare *c, const char *const **rows, size_t *rows_n,
	const char *const **cols, size_t *cols_n);
void tip_compare_matrix_titles(const tip_compare *c, const char *const **rows,
	const char *const **cols);
const tip_compare_matrix *tip_compare_matrix_of(const tip_compare *c, size_t authority);

/* The name of a kind in JSON ("misunderstanding", "preferred-differs" ...) and as a heading. */
const char *tip_compare_kind_name(tip_compare_kind kind);
const char *tip_compare_kind_title(tip_compare_kind kind);

typedef enum tip_compare_format {
	TIP_COMPARE_TEXT,
	TIP_COMPARE_MD,
	TIP_COMPARE_HTML,
	TIP_COMPARE_JSON, /* docs/compare.md */
} tip_compare_format;

/* The comparison, rendered. */
tip_error *tip_compare_render(tip_buf *out, const tip_compare *c, tip_compare_format format);

/* tip summary --peers: the quarterly summary across the authorities, reports[i] being the
 * summary of authority i (NULL for one that could not be read): each one's headline figures
 * side by side, the learning-needs matrix of them all, and the findings; in Markdown, HTML or
 * JSON (docs/compare.md). */
tip_error *tip_compare_summary(tip_buf *out, const tip_compare *c,
	const tip_report *const *reports, tip_compare_format format);

#endif
