/* Shared by the commands that check records and print findings (validate, lint, fmt). */
#ifndef TIP_CMD_CHECKING_H
#define TIP_CMD_CHECKING_H

#include <stdio.h>

#include "diag.h"
#include "store.h"
#include "validate.h"

/* --format F: sets *out, or says what is wrong with the usage and returns EXIT_TROUBLE;
 * -1 to go on. */
int cmd_format_option(tip_diag_format *out, const char *arg, void (*usage)(FILE *out));

/* "checked 71 records (30 actions, 4 champions, ...)" on stderr, without an end: the command
 * says what it found. */
void cmd_print_checked(const tip_store *store, const tip_validate_counts *counts);

#endif
