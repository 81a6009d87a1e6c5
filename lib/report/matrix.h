/* Records counted by two fields at once: the learning-needs matrix (available courses by
 * level and audience) and any other pair of fields with a fixed set of values. */
#ifndef TIP_MATRIX_H
#define TIP_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "jsonw.h"
#include "snapshot.h"
#include "store.h"

/* The label of the row or column of records that do not have the field. */
#define TIP_MATRIX_NONE "(none)"

typedef struct tip_matrix {
	const char *type;       /* the type's name */
	const char *collection; /* its collection, e.g. "courses" */
	const char *row_field;  /* e.g. "level" */
	const char *col_field;  /* e.g. "audience" */
	const char *status;     /* only records whose status is this; NULL = every record */
	const char **rows;      /* the field's enum values in the schema's order, then values
				 * records have that the enum lacks, then TIP_MATRIX_NONE when
				 * some record lacks the field */
	size_t row_count;
	const char **cols;
	size_t col_count;
	size_t *cells;          /* row_count * col_count counts, row by row */
	size_t *row_totals;     /* records in each row (a record counts once however many of the
				 * columns it is in) */
	size_t *col_totals;     /* records in each column */
	size_t records;         /* records counted */
	size_t empty;           /* empty cells among the enum values' own (not "(none)") */
	size_t enum_rows, enum_cols; /* how many of rows and cols are enum values */
} tip_matrix;

/* Counts the records of type in snapshot by row_field and col_field, each a top-level field
 * whose values are a fixed set: an enum of text, or a list of such (a record then counts in
 * each of its values). With status, only records whose `status` field has that value. Records
 * that do not load are left out. The error names the fields that can be used when a field is
 * not one of them. Labels may point into the snapshot: free the matrix first. */
tip_error *tip_matrix_build(tip_matrix *out, const tip_snapshot *snapshot, const tip_type *type,
	const char *row_field, const char *col_field, const char *status);
void tip_matrix_dispose(tip_matrix *matrix);

/* The cell at row r, column c. */
size_t tip_matrix_cell(const tip_matrix *matrix, size_t r, size_t c);

/* The fields of type that tip_matrix_build takes, comma-separated, into out (for messages). */
tip_error *tip_matrix_fields(char **out, const tip_type *type);

/* The fixed values of type's top-level field: its enum of text, or its items' enum for a
 * list. *values is NULL and *count 0 when the field has none (or the type no schema). The
 * values belong to the type's schema. */
tip_error *tip_matrix_field_values(const char *const **values, size_t *count,
	const tip_type *type, const char *field);

/* True when type has a `status` field whose values include status. */
bool tip_matrix_has_status(const tip_type *type, const char *status);

typedef enum tip_matrix_format {
	TIP_MATRIX_TABLE, /* aligned columns, "·" in empty cells, no wider than asked */
	TIP_MATRIX_CSV,   /* a header row, a row per row label, a total row; plain 0 */
	TIP_MATRIX_JSON,  /* see docs/reports.md "tip matrix" */
} tip_matrix_format;

/* Parses "table", "csv" or "json". */
tip_error *tip_matrix_format_parse(tip_matrix_format *out, const char *name);

/* Appends the matrix in format. A table fits in width columns when it can: column headings
 * too long for it are cut, and a line under the table gives them in full. */
tip_error *tip_matrix_render(tip_buf *out, const tip_matrix *matrix, tip_matrix_format format,
	size_t width);

/* Writes the matrix as the JSON format's object (as the member key of an object, or NULL). */
void tip_matrix_write_json(tip_jsonw *w, const char *key, const tip_matrix *matrix);

#endif
