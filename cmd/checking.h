/* Shared by the commands that check records and print findings (validate, lint, fmt). */
#ifndef TIP_CMD_CHECKING_H
#define TIP_CMD_CHECKING_H

#include <stdio.h>

#include "cmd.h"
#include "diag.h"
#include "store.h"
#include "validate.h"

/* --format F of findings, into an int member of type_ that holds a tip_diag_format: the
 * choices are in the enum's order. */
#define CMD_DIAG_FORMAT_OPTION(type_, help_) \
	CMD_CHOICE("format", "F", "text|json|github", type_, format, help_)

/* "checked 71 records (30 actions, 4 champions, ...)" on stderr, without an end: the command
 * says what it found. */
void cmd_print_checked(const tip_store *store, const tip_validate_counts *counts);

#endif
