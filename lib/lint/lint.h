/* Terminology and hygiene checks over the records (tip lint).
 *
 * The glossary's definitions make a vocabulary: each definition's preferred term, alternative
 * and hidden labels, and terms to avoid with what to write instead. The text of every record
 * is checked against it (whole words, ASCII case folded, a space in a term matching any run of
 * whitespace, line breaks included; a term in quotation marks is mentioned, not used), and for
 * contact details; the glossary itself is checked for labels that contradict each other; and
 * champion reviews and actions past their dates are warned about, and review dates that cannot
 * be are errors. Everything found is a
 * finding, reported where it is in the file: line and column of the word itself, also inside
 * block and quoted scalars. */
#ifndef TIP_LINT_H
#define TIP_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "contact.h"
#include "date.h"
#include "diag.h"
#include "error.h"
#include "snapshot.h"
#include "store.h"
#include "validate.h"
#include "yaml.h"

/* What a label is to its definition (SKOS prefLabel, altLabel, hiddenLabel; and avoid). */
typedef enum tip_lint_role {
	TIP_LINT_PREFERRED,
	TIP_LINT_ALTERNATIVE,
	TIP_LINT_HIDDEN,
	TIP_LINT_AVOID,
} tip_lint_role;

typedef struct tip_lint_vocab tip_lint_vocab;

/* The vocabulary of count definitions: roots[i] holds the fields of the definition that
 * files[i] names (term, alt_labels, hidden_labels, avoid). Values that are not text are left
 * out: tip validate reports them. The vocabulary points into the roots and the file names,
 * which must outlive it. */
tip_error *tip_lint_vocab_build(tip_lint_vocab **out, const char *const *files,
	const tip_node *const *roots, size_t count);
void tip_lint_vocab_free(tip_lint_vocab *vocab);

/* The glossary's integrity, each finding at the label's line and column in every definition
 * involved and naming the other: the same preferred term in two definitions
 * (duplicate-term), and a label in two roles that exclude each other (label-clash): preferred
 * in one definition and alternative, hidden or to avoid in another (or the same), alternative
 * in one and hidden or to avoid in another, hidden in one and to avoid in another. Labels
 * compare with ASCII case folded and whitespace runs as one space. */
tip_error *tip_lint_vocab_check(const tip_lint_vocab *vocab, tip_finding_fn finding, void *ctx);

/* A use of a term to avoid or of a hidden label in a text. */
typedef struct tip_lint_hit {
	size_t start, end;       /* the bytes of the text it covers */
	tip_lint_role role;      /* TIP_LINT_AVOID or TIP_LINT_HIDDEN */
	const char *label;       /* the term as the glossary writes it */
	const char *replacement; /* what to write instead (use_instead, else the preferred term);
	                          * NULL when the definition has no preferred term */
} tip_lint_hit;

/* Finds the next hit in len bytes of text at or after *from and moves *from past it; false
 * when there is none. At each place the longest label that matches wins, so a preferred or
 * alternative label that contains a term to avoid is not a use of it. A term written in
 * quotation marks ("…", '…', ‘…’, “…”, a closing mark after one punctuation mark allowed) is
 * mentioned, not used: not a hit. */
bool tip_lint_vocab_next(const tip_lint_vocab *vocab, const char *text, size_t len,
	size_t *from, tip_lint_hit *hit);


/* The line and column in source (the text scalar was loaded from) of the byte at offset in
 * the scalar's value. Columns count characters, and line breaks are those the loader counts.
 * Where the place cannot be told (a double-quoted scalar with an escape before it, or source
 * that is not the scalar's text) it is the scalar's own line and column. */
void tip_lint_position(unsigned *line, unsigned *col, const char *source, size_t len,
	const tip_node *scalar, size_t offset);

/* A place in a file: a byte offset and its line and column as the loader counts them. */
typedef struct tip_lint_place {
	size_t offset;
	unsigned line, col;
} tip_lint_place;

/* tip_lint_position for one scalar after another of the same source, in the order they are
 * written: cursor (start at { 0, 1, 1 }) is a place at or before the scalar, and is moved to
 * its start, so that each search starts where the last one ended. */
void tip_lint_position_from(unsigned *line, unsigned *col, tip_lint_place *cursor,
	const char *source, size_t len, const tip_node *scalar, size_t offset);

/* Lints one record of type (its schema decides which values are text to check) against the
 * vocabulary: terms to avoid (errors, avoid-term), hidden labels (warnings, hidden-label), and
 * email addresses and phone numbers in fields not marked x-tip-personal (errors,
 * personal-data). Personal fields are not checked at all, and terms are not looked for in
 * values of an enum, an x-tip-ref, a date, date-time, uri or email format, nor in a
 * definition's own labels (term, alt_labels, hidden_labels, avoid). source is the file's
 * text, for exact columns (NULL: each finding at its value's start). */
tip_error *tip_lint_record(const tip_lint_vocab *vocab, const tip_type *type, const char *file,
	const tip_node *root, const char *source, size_t source_len, tip_finding_fn finding,
	void *ctx);

/* Warnings for what is past its date as of today (TIP_DUE items before today): champions'
 * review_by (review-overdue) and due dates of actions neither done nor cancelled
 * (action-overdue), at the date's line and column. */
tip_error *tip_lint_overdue(const tip_snapshot *snapshot, tip_date today,
	tip_finding_fn finding, void *ctx);

/* Errors for review dates that cannot be (review-dates), at last_reviewed's line and
 * column: a last_reviewed after today, or later than the record's next_review. */
void tip_lint_review_dates(const char *file, const tip_node *root, tip_date today,
	tip_finding_fn finding, void *ctx);

/* Lints a record about to be written as tip lint will once it is: text (len bytes) is the
 * record of type at path (records/<collection>/<id>.yaml). The vocabulary comes from the
 * working tree's definitions, with this record in place of its file when it is one, whose
 * glossary findings (duplicate-term, label-clash) are kept where they concern this record.
 * other (other_len bytes; NULL: none) is the record's other version, before or after the
 * change: when the record is not a definition and the two hold the same text in the same
 * order, the vocabulary rules would find the same in both, so the definitions are not read
 * (which on a large glossary is most of a write's time). Dates are checked as of today;
 * those that merely have passed (review-overdue, action-overdue) are left to tip lint and
 * tip due. Text that does not load gives no finding here: the write's own check reports it. */
tip_error *tip_lint_change(tip_store *store, const tip_type *type, const char *path,
	const char *text, size_t len, const char *other, size_t other_len, tip_date today,
	tip_diag_list *findings);

/* Lints the records at paths (files or folders, relative to the current directory; every
 * record when count is 0) of the working tree; the vocabulary and the glossary's integrity
 * always come from every definition. Files among paths that are not records are left out.
 * A record that does not load is one error (unreadable) and is not linted; a definition that
 * does not load is reported whatever the paths, as the vocabulary lacks it. Schemas that do
 * not compile are reported as tip validate reports them, and their records not linted.
 * Findings are appended, unsorted; counts is set to how many records of each type were
 * looked at (free it with tip_validate_counts_dispose). */
tip_error *tip_lint_repository(tip_store *store, const char *const *paths, size_t count,
	tip_date today, tip_diag_list *findings, tip_validate_counts *counts);

#endif
