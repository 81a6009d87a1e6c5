/* tip merge-file: three versions of a record file's text merged into one, as records when all
 * three are records (merge.h), else line by line as git would (merge_lines.h). */
#ifndef TIP_MERGE_FILE_H
#define TIP_MERGE_FILE_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"
#include "merge_lines.h"
#include "schema.h"

typedef struct tip_merged_file {
	tip_buf text;   /* the merged file */
	bool clean;     /* no conflict: text is the record in canonical form (or empty: the
			 * record is removed) */
	bool by_lines;  /* a version was not a record (not strict YAML, or markers already):
			 * merged line by line */
	bool invalid;   /* the changes merged, but the schema refuses the result: the fields
			 * the sides differ on are conflicts */
	tip_buf fields; /* the conflicted fields, ", " between */
} tip_merged_file;

/* Merges the texts (an empty one: the record is not there) under file's name. schema is the
 * record type's (NULL: none), for the order of fields, the key field of lists of objects and
 * checking the result. */
tip_error *tip_merge_file(tip_merged_file *out, tip_text base, tip_text ours, tip_text theirs,
	const tip_schema *schema, const char *file);
void tip_merged_file_dispose(tip_merged_file *merged);

#endif
