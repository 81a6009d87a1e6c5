/* Records written out for people and for programs: what tip show, list and export print.
 * Personal fields (x-tip-personal on a property of the type's schema) are left out unless
 * include_personal. Every function refuses records of a type whose schema does not compile:
 * without it, what is personal is not known. */
#ifndef TIP_EXPORT_H
#define TIP_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "snapshot.h"
#include "store.h"

/* The record in canonical YAML (as tip fmt writes it). */
tip_error *tip_export_yaml(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal);

/* One JSON object: "id" and "type" first, then the record's fields in the schema's order
 * (fields it does not know last, in the file's order). */
tip_error *tip_export_json_record(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal);

/* A JSON array of the records, one a line (no newline after the closing bracket). */
tip_error *tip_export_json(tip_buf *out, const tip_snapshot_record *const *records, size_t n,
	bool include_personal);

/* CSV (RFC 4180) of records of type: a header row (id, then the schema's fields in order),
 * then one row per record; CRLF line ends; a field that holds a comma, a double quote, CR or
 * LF is quoted, its double quotes doubled. A list's items are joined by "; ", each item's '\'
 * and ';' escaped with a '\'; a group of fields (an object, or a list of them) is written as
 * JSON, a missing field is empty. Text that starts with = + - @, a tab or CR (a formula to a
 * spreadsheet) gets a leading ', numbers excepted. */
tip_error *tip_export_csv(tip_buf *out, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, bool include_personal);

/* The fields that tip_export_csv (table false) or tip_export_table (table true) shows as
 * columns after the id, into *out (count names that belong to the type's schema; the caller
 * frees the array with free()): a record reduced to them is shown as it is whole. */
tip_error *tip_export_columns(const char ***out, size_t *count, const tip_type *type,
	bool include_personal, bool table);

/* The header row of tip_export_csv, and the row of one record: written a record at a time,
 * they make the same CSV. */
tip_error *tip_export_csv_header(tip_buf *out, const tip_type *type, bool include_personal);
tip_error *tip_export_csv_row(tip_buf *out, const tip_snapshot_record *record,
	bool include_personal);

/* The UTF-8 byte order mark that --bom puts first, for Excel. */
#define TIP_CSV_BOM "\xEF\xBB\xBF"

/* One CSV field of text as tip_export_csv writes it: quoted when it must be, a formula
 * defused. */
tip_error *tip_csv_field(tip_buf *out, const char *text);

/* A table at most width characters wide: id, then the schema's fields that hold text, numbers,
 * dates, true/false or lists of them (items joined by ", "), in the schema's order, under a
 * header of field names. A column is at most 40 characters wide while other columns need the
 * room; a longer cell is cut, ending in "…"; columns that do not fit are left out. */
tip_error *tip_export_table(tip_buf *out, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, bool include_personal,
	size_t width);

#endif
