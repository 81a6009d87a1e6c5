/* Terminal prompts for tip add. */
#ifndef TIP_CMD_PROMPT_H
#define TIP_CMD_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "schema.h"
#include "store.h"
#include "yaml.h"

/* Asks, in schema order, for each field not yet in doc: the field's title and description as
 * help; enum values (and the ids a reference may take) listed and chosen by number, name or
 * a unique prefix; the default taken on Enter; lists one item per line up to an empty line
 * (a repeated item refused when the list wants each once, "-2" or "-ITEM" taking one out);
 * lists of groups of fields (sessions) one item at a time, each item's fields asked in turn,
 * then "another?". Each answer is checked at once against the field's schema, and the rules
 * across fields (if/then, dependentRequired, ...) as soon as their fields are answered: the
 * field a broken rule points at is asked again with the reason. Fields that are one group of
 * fields are left for tip edit. Returns EXIT_OK, or EXIT_TROUBLE when the input ends. */
int cmd_prompt_fields(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, FILE *in, FILE *out);

/* Asks again, with the reason, each field that one of findings (from tip_record_check on
 * doc) points at, then checks the rules across fields as cmd_prompt_fields does. *asked is
 * false when no finding points at a field that can be asked (they are for the editor). */
int cmd_prompt_mend(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, const tip_diag_list *findings, bool *asked,
	FILE *in, FILE *out);

/* Asks for a new record's id, suggesting suggestion (may be ""); writes it into id. */
int cmd_prompt_id(char *id, size_t cap, tip_store *store, const tip_type *type,
	const char *suggestion, FILE *in, FILE *out);

/* Asks question until the answer starts with one of letters (Enter: the first); the letter
 * goes into *choice. */
int cmd_prompt_choice(char *choice, const char *question, const char *letters, FILE *in,
	FILE *out);

#endif
