#include "checking.h"

#include "cmd.h"

void cmd_print_checked(const tip_store *store, const tip_validate_counts *counts)
{
	fprintf(stderr, "checked %zu record%s", counts->records, counts->records == 1 ? "" : "s");
	const char *sep = " (";
	for (size_t i = 0; i < counts->type_count; i++) {
		if (!counts->per_type[i])
			continue;
		/* "1 course", "2 courses": a type's name is one, its collection many. */
		const tip_type *type = tip_store_type_at(store, i);
		fprintf(stderr, "%s%zu %s", sep, counts->per_type[i],
			counts->per_type[i] == 1 ? type->name : type->collection);
		sep = ", ";
	}
	if (*sep == ',')
		fputc(')', stderr);
}
