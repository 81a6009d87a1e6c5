/* Links read backwards: which records name a given id in one of their list fields (the courses
 * that teach a term, the courses that ask for a course first). Built once for a page kind, so
 * that writing every page is not every record against every record. */
#include <stdlib.h>
#include <string.h>

#include "site_int.h"

struct site_backlink {
	const char *target; /* the id named */
	size_t from;        /* the naming record's place in the list given */
};

static int by_target(const void *a, const void *b)
{
	const struct site_backlink *x = a, *y = b;
	int c = strcmp(x->target, y->target);
	return c ? c : (x->from > y->from) - (x->from < y->from);
}

static size_t names_in(const tip_snapshot_record *const *records, size_t n, const char *field)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const tip_node *list = site_field(records[i], field);
		count += list && list->type == TIP_NODE_SEQ ? list->count : 0;
	}
	return count;
}

tip_error *site_backlinks_build(site_backlinks *out, const tip_snapshot_record *const *records,
	size_t n, const char *field)
{
	*out = (site_backlinks){ .records = records };
	size_t cap = names_in(records, n, field);
	if (cap && !(out->links = malloc(cap * sizeof(*out->links))))
		return tip_error_nomem();
	for (size_t i = 0; i < n; i++) {
		const tip_node *list = site_field(records[i], field);
		for (size_t j = 0; list && list->type == TIP_NODE_SEQ && j < list->count; j++)
			if (list->items[j]->type == TIP_NODE_STR)
				out->links[out->count++] =
					(struct site_backlink){ list->items[j]->str, i };
	}
	if (out->count)
		qsort(out->links, out->count, sizeof(*out->links), by_target);
	return NULL;
}

size_t site_backlinks_find(const site_backlinks *b, const char *id, size_t *first)
{
	size_t lo = 0, hi = b->count;
	while (lo < hi) { /* the first link whose target is not before id */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->links[mid].target, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	size_t end = lo;
	while (end < b->count && strcmp(b->links[end].target, id) == 0)
		end++;
	return end - lo;
}

const tip_snapshot_record *site_backlinks_record(const site_backlinks *b, size_t i)
{
	return b->records[b->links[i].from];
}

void site_backlinks_dispose(site_backlinks *b)
{
	free(b->links);
	*b = (site_backlinks){ 0 };
}
