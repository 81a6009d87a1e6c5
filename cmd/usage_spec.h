/* What a command's usage text (its -h) says it takes: its options, what each takes, and the
 * arguments of each synopsis line. Read from the text itself, so that what completes a command
 * line can never drift from what the command says it accepts. */
#ifndef TIP_CMD_USAGE_SPEC_H
#define TIP_CMD_USAGE_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "error.h"

enum { MAX_OPTIONS = 48, MAX_SYNOPSES = 8, MAX_POSITIONAL = 16, MAX_TOKENS = 64 };

struct option_spec {
	const char *name;     /* "--format", "-m" */
	const char *arg;      /* what it takes ("text|json|github", "REASON"); NULL: nothing */
	const char *fallback; /* "course" when its help line says "(default course)" */
	unsigned synopses;    /* the synopsis lines that name it, one bit each */
};

/* The arguments of one synopsis line that are not options: "TYPE", "ID", "FIELD=VALUE". */
struct synopsis {
	const char *positional[MAX_POSITIONAL];
	size_t count;
	bool repeats; /* the last may be given any number of times ("PATH...") */
};

struct usage_spec {
	tip_arena *arena;
	struct option_spec options[MAX_OPTIONS];
	size_t option_count;
	struct synopsis synopses[MAX_SYNOPSES];
	size_t synopsis_count;
};

/* Reads the usage text that usage prints into *u; free it with cmd_usage_spec_free, also
 * after a failure. */
tip_error *cmd_usage_spec_read(struct usage_spec *u, void (*usage)(FILE *out));
void cmd_usage_spec_free(struct usage_spec *u);

/* The option named name[0..len) ("--format", "-m"), or NULL. */
const struct option_spec *cmd_usage_spec_option(const struct usage_spec *u, const char *name,
	size_t len);

#endif
