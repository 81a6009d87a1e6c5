/* Checking records: strict YAML, the type's schema, id rules, references, and the glossary's
 * links (glossary.h). */
#ifndef TIP_VALIDATE_H
#define TIP_VALIDATE_H

#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "store.h"

typedef struct tip_validate_counts {
	size_t records;   /* record files checked */
	size_t *per_type; /* records checked per type, in the store's type order (owned) */
	size_t type_count;
	size_t in_scope;  /* tip_validate_changed_since: records checked whose findings count */
} tip_validate_counts;

void tip_validate_counts_dispose(tip_validate_counts *counts);

/* Validates the records at paths (files or folders, relative to the current directory), or
 * every record in the repository when count is 0. Loads the store's types first when it has
 * none. References are always resolved against all records. Findings are appended, unsorted;
 * the error is for failures of the work itself (a path that does not exist, out of memory). */
tip_error *tip_validate_repository(tip_store *store, const char *const *paths, size_t count,
	tip_diag_list *findings, tip_validate_counts *counts);

/* tip_validate_repository for what changed since the commit rev (tip validate
 * --changed-since): every record at paths is checked and references are resolved against all
 * records, but a record's findings are kept only when it is in scope: its file differs
 * between rev's tree and the working tree (tip_changes_files: added or modified; untracked
 * files too), its type's schema file differs, or it refers (x-tip-ref) to a record whose file
 * differs, removed ones included. When a schema file that is no record type's differs (shared
 * $defs, or a type that is gone), every record is in scope. Layout findings are kept for files
 * that differ; findings about the schemas themselves always. An unknown rev is an error. */
tip_error *tip_validate_changed_since(tip_store *store, const char *rev,
	const char *const *paths, size_t count, tip_diag_list *findings,
	tip_validate_counts *counts);

/* Every reference to the record type/id in the repository's records (x-tip-ref), reported as
 * the findings its removal would cause. The store's types must be loaded. */
tip_error *tip_validate_referrers(tip_store *store, const char *type, const char *id,
	tip_diag_list *findings);

/* Validates arbitrary YAML or JSON documents (any value at the root) against the schema file at
 * schema_path. A schema that does not compile is an error, not a finding. */
tip_error *tip_validate_with_schema(const char *schema_path, const char *const *files,
	size_t count, tip_diag_list *findings);

#endif
