/* Terminal prompts for tip add. */
#ifndef TIP_CMD_PROMPT_H
#define TIP_CMD_PROMPT_H

#include <stddef.h>
#include <stdio.h>

#include "schema.h"
#include "store.h"
#include "yaml.h"

/* Asks, in schema order, for each field not yet in doc: the field's title and description as
 * help; enum values (and the ids a reference may take) listed and chosen by number, name or
 * a unique prefix; the default taken on Enter; lists one item per line up to an empty line.
 * Each answer is checked at once against the field's schema and asked again with the reason
 * when wrong. Fields that are groups of fields are left for tip edit. Returns EXIT_OK, or
 * EXIT_TROUBLE when the input ends (nothing is written). */
int cmd_prompt_fields(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, FILE *in, FILE *out);

/* Asks for a new record's id, suggesting suggestion (may be ""); writes it into id. */
int cmd_prompt_id(char *id, size_t cap, tip_store *store, const tip_type *type,
	const char *suggestion, FILE *in, FILE *out);

/* Asks question until the answer starts with one of letters (Enter: the first); the letter
 * goes into *choice. */
int cmd_prompt_choice(char *choice, const char *question, const char *letters, FILE *in,
	FILE *out);

#endif
