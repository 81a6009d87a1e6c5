/* "Did you mean": the names close to a word that names nothing (a record type, an id, a field,
 * one of a list of choices), for the message that says it names nothing. */
#ifndef TIP_SUGGEST_H
#define TIP_SUGGEST_H

#include <stddef.h>

/* At most this many names are suggested. */
enum { TIP_SUGGEST_MAX = 3 };

typedef struct tip_suggestions {
	const char *word;
	size_t word_len;
	const char *names[TIP_SUGGEST_MAX]; /* the closest so far, closest first */
	unsigned scores[TIP_SUGGEST_MAX];
	size_t count;
} tip_suggestions;

/* Starts looking for names close to word (which must outlive s). */
void tip_suggest_start(tip_suggestions *s, const char *word);

/* Keeps name (which must outlive s) when it is close to the word: the same but for case, a
 * typing slip or two away (one for a word of up to five letters, none for one or two), or
 * holding the word (of three letters or more) within it. Ties keep the name seen first. */
void tip_suggest_consider(tip_suggestions *s, const char *name);

/* tip_suggest_start, then tip_suggest_consider for each of count names. */
void tip_suggest_among(tip_suggestions *s, const char *word, const char *const *names,
	size_t count);

/* ": did you mean 'a', 'b' or 'c'?" with each name between quote marks (none when quote is
 * 0), or "" when no name is close; written into out (cap bytes, 256 is room for three
 * names of any length: a long name is cut). Returns out. */
const char *tip_suggest_text(char *out, size_t cap, const tip_suggestions *s, char quote);

#endif
