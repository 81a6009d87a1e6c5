/* Choosing and ordering records: the filters (--where) and the sort order (--sort) of tip list.
 *
 * A filter is FIELD OP VALUE on one of the type's top-level fields, or on "id":
 *   F=V   equal (numbers by value; V must be one of the field's enum values when it has some,
 *         in any case: tip_assign_choice)
 *   F!=V  not equal: the opposite of F=V, so a record without F matches
 *   F~T   T occurs in the value, ignoring case and accents (tip_fold: "cafe" finds "Café")
 *   F<V  F<=V  F>V  F>=V   on dates (fields of format date, V a real date as tip_date_read
 *         reads it, 31/12/2026 or 2026-12-31, compared as YYYY-MM-DD text) and numbers (V a
 *         number)
 * A list field matches when any of its items does (F!=V: when none equals V). F= (nothing after
 * the =) matches records without F (or with an empty list or text); F!= those with it. A record
 * matches when every filter does. */
#ifndef TIP_QUERY_H
#define TIP_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "snapshot.h"
#include "store.h"
#include "yaml.h"

typedef struct tip_query tip_query;

/* A query on the records of type, whose schema must compile: it matches every record, sorted
 * by id. Personal fields (x-tip-personal) may be filtered and sorted on only when
 * include_personal. */
tip_error *tip_query_new(tip_query **out, const tip_type *type, bool include_personal);
void tip_query_free(tip_query *query);

/* Adds the filter expr. The error says what is wrong when it is not one of the forms above,
 * names a field the type does not have, or has a value the field cannot compare with: the
 * caller's usage error. */
tip_error *tip_query_where(tip_query *query, const char *expr);

/* Sorts by the field named spec, or by it descending when spec is -FIELD; "id" is the record's
 * id. Records without the field come last either way; ties go by id. */
tip_error *tip_query_sort(tip_query *query, const char *spec);

/* The top-level fields the query reads, its filters' and its sort's ("id" left out), into *out
 * (count names that belong to the type's schema; the caller frees the array with free()): a
 * record reduced to them matches and sorts as it does whole. */
tip_error *tip_query_fields(const char ***out, size_t *count, const tip_query *query);

/* True when the record id with fields root matches every filter. */
bool tip_query_matches(const tip_query *query, const char *id, const tip_node *root);

/* The records among records[0..n) that match, in the query's order: *out holds *count pointers
 * into records, and the caller frees it with free(). Records with root NULL are left out. */
tip_error *tip_query_select(const tip_snapshot_record ***out, size_t *count,
	const tip_query *query, const tip_snapshot_record *const *records, size_t n);

#endif
