/* git's own line-by-line three-way merge, for text that tip cannot merge as records. */
#ifndef TIP_MERGE_LINES_H
#define TIP_MERGE_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

/* One version of a text. */
typedef struct tip_text {
	const char *data;
	size_t len;
} tip_text;

/* Merges the changes from base to ours and to theirs line by line, as git merge-file does,
 * appending the result to out: where both sides changed the same lines, both are kept between
 * "<<<<<<< ours", "=======" and ">>>>>>> theirs" markers and *clean is false. */
tip_error *tip_merge_lines(tip_buf *out, bool *clean, tip_text base, tip_text ours,
	tip_text theirs);

#endif
