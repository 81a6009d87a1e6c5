/* Text folded for matching as people expect: case and accents do not count, so "Café",
 * "CAFE" and "cafe" all fold to "cafe" (and "Straße" to "strasse", "ｆｕｌｌ" to "full").
 * One folding for `~` in --where, tip search and ids made from titles. */
#ifndef TIP_FOLD_H
#define TIP_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

typedef struct tip_folded {
	char *text;     /* NUL-terminated */
	size_t len;
	size_t *origin; /* when asked for: origin[i] is where in the source folded byte i came
	                 * from, origin[len] the source's length */
} tip_folded;

/* Folds text[0..len): Unicode case folding, compatibility decomposition (ligatures, full-width
 * forms), marks (accents) removed. Bytes that are not UTF-8 are kept as they are. With
 * want_origin, out->origin maps the folded text back to text, for excerpts. */
tip_error *tip_fold(tip_folded *out, const char *text, size_t len, bool want_origin);
void tip_folded_dispose(tip_folded *folded);

/* Where needle first occurs in hay[from..] (both folded), or SIZE_MAX when it does not. An
 * empty needle occurs at from. */
size_t tip_fold_find(const tip_folded *hay, const tip_folded *needle, size_t from);

/* Whether a and b are the same text once folded ("Skilled" and "skilled"). False without the
 * memory to fold. */
bool tip_fold_same(const char *a, const char *b);
/* Whether text begins with prefix once both are folded. False without the memory to fold. */
bool tip_fold_starts(const char *text, const char *prefix);

#endif
