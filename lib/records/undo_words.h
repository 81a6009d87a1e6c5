/* What an undo did, in words: "brought back definition aces", "took away course x", "put back
 * the level of course x: skilled (was enhanced)". Each effect also as data, for output in
 * other forms (JSON). */
#ifndef TIP_UNDO_WORDS_H
#define TIP_UNDO_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

typedef enum tip_undo_verb {
	TIP_UNDO_BROUGHT_BACK, /* the record (or file) exists again */
	TIP_UNDO_TOOK_AWAY,    /* the record, file or field is gone */
	TIP_UNDO_PUT_BACK,     /* the field (or a file that is not a record) has its old value */
} tip_undo_verb;

typedef struct tip_undo_effect {
	tip_undo_verb verb;
	const char *verb_words; /* "brought back", "took away", "put back" */
	const char *type;       /* the record's type; NULL for a file that is not a record */
	const char *id;         /* the record's id; NULL for a file that is not a record */
	const char *path;       /* records/<collection>/<id>.yaml, or the file's */
	const char *field;      /* the top-level field; NULL for the whole record or file */
	bool personal;          /* the field holds personal data: value and was are NULL */
	const char *value;      /* the field's value now, in words; NULL when absent */
	const char *was;        /* its value before the undo; NULL when absent */
	const char *sentence;   /* all of it in one line */
} tip_undo_effect;

typedef struct tip_undo_effects tip_undo_effects;

/* What changed from commit before to commit after (full hex ids; an undo's HEAD before it and
 * its new commit): each record brought back or taken away, each top-level field of a changed
 * record, in the store's type order then by id, then any other file (under records/ or
 * schemas/) as "put back <path> as it was", "brought back <path>" or "took away <path>".
 * The store's types must be loaded. Personal values never appear. */
tip_error *tip_undo_describe(tip_undo_effects **out, tip_store *store, const char *before,
	const char *after);
size_t tip_undo_effect_count(const tip_undo_effects *effects);
const tip_undo_effect *tip_undo_effect_at(const tip_undo_effects *effects, size_t i);
void tip_undo_effects_free(tip_undo_effects *effects);

#endif
