/* The records repository: a git repository whose working tree holds schemas/<type>.schema.yaml
 * and records/<collection>/<id>.yaml. This is the read side: finding the repository, its record
 * types and the ids of their records. */
#ifndef TIP_STORE_H
#define TIP_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "schema.h"

typedef struct tip_store tip_store;

typedef struct tip_type {
	const char *name;        /* "course" */
	const char *collection;  /* "courses": x-tip-collection, else name + "s" */
	const char *schema_file; /* "schemas/course.schema.yaml", relative to the root */
	tip_schema *schema;      /* NULL when the schema does not compile */
	const char *const *ids;  /* ids of its records, sorted, from the file names (NULL until
				  * tip_store_list_records) */
	size_t id_count;
} tip_type;

/* ---- the names of records: ids and files ---- */

enum { TIP_ID_MAX = 64 };

/* True when id is a valid record id: ^[a-z0-9]+(-[a-z0-9]+)*$, at most TIP_ID_MAX characters.
 * Otherwise *why (when not NULL) says what is wrong, for a message. */
bool tip_record_id_valid(const char *id, const char **why);

/* True when name ends in ".yaml"; *stem_len is then the length before it. */
bool tip_record_is_yaml_name(const char *name, size_t *stem_len);

/* Opens the repository that holds dir (NULL = the current directory), searching upwards as git
 * does. The error says so when there is none, or when it is a bare repository. */
tip_error *tip_store_open(tip_store **out, const char *dir);
/* Like tip_store_open, for what needs only history (commits and their trees): a bare
 * repository is opened too, its record types those of the schemas in HEAD's tree. */
tip_error *tip_store_open_history(tip_store **out, const char *dir);

void tip_store_free(tip_store *store);

/* True when the repository is bare: no working tree, tip_store_root NULL. */
bool tip_store_is_bare(const tip_store *store);

/* The working tree's root, an absolute path without a trailing slash (NULL when bare). */
const char *tip_store_root(const tip_store *store);

/* path (relative to the current directory, or absolute) relative to the root: "." for the root
 * itself; an error when it does not exist or lies outside the repository. *out is freed by the
 * caller. */
tip_error *tip_store_relative_path(char **out, const tip_store *store, const char *path);

/* Refuses path (relative to the root) when tip would read or write it through a symbolic
 * link, or when it names a file (file true) and is a folder (tip_workfile_check_path); in a
 * bare repository, always. */
tip_error *tip_store_check_path(const tip_store *store, const char *path, bool file);

/* The bytes of the file at path (relative to the root) in the tree of commit hex (a full hex
 * id), appended to out; *found false, and out untouched, when that tree has no such file. */
tip_error *tip_store_file_at(tip_buf *out, bool *found, tip_store *store, const char *hex,
	const char *path);

/* Compiles every schemas/<type>.schema.yaml that describes a record type. A schema file that holds only $defs (shared definitions such as
 * common.schema.yaml) is not a record type. Schemas that do not compile, and x-tip-ref naming a
 * type that does not exist, are reported into findings (the type stays, with schema NULL). */
tip_error *tip_store_load_types(tip_store *store, tip_diag_list *findings);

/* Lists every type's records (tip_type's ids), once: what validating them all, or offering
 * the ids to choose from, needs. Until then tip_store_has_record looks at the file itself. */
tip_error *tip_store_list_records(tip_store *store);

size_t tip_store_type_count(const tip_store *store);
const tip_type *tip_store_type_at(const tip_store *store, size_t i);
const tip_type *tip_store_type_named(const tip_store *store, const char *name);
/* The TIP_ENOTFOUND error for a record type name that names none: "there is no record type
 * 'courses' (no schemas/courses.schema.yaml): did you mean 'course'?" when one is close. */
tip_error *tip_store_no_type(const tip_store *store, const char *name);

const tip_type *tip_store_type_for_collection(const tip_store *store, const char *collection);

/* True when a record `id` of type `type` exists. Usable as a tip_ref_exists_fn with the store as
 * context; safe from several threads once types are loaded. */
bool tip_store_has_record(void *store, const char *type, const char *id);

/* The ids of type's records once tip_store_list_records has listed them (none before, and
 * none for a type that does not exist), for "did you mean". Usable as a tip_ref_ids_fn with
 * the store as context; safe from several threads. */
void tip_store_record_ids(void *store, const char *type, const char *const **ids,
	size_t *count);

#endif
