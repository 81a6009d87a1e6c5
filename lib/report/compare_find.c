/* What differs between the authorities: concepts matched by any of their labels, terms one
 * authority uses and another avoids, courses matched by provider and title, and the cells of
 * the learning-needs matrix. Everything is matched folded (case and accents do not count). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"

static const char *const role_names[] = { "preferred", "alternative", "hidden" };

static cmp_definition *definitions(tip_compare *c)
{
	return c->definitions.items;
}

/* ---- labels: every label of every definition, sorted folded ---- */

typedef struct label_ref {
	const char *folded;
	size_t def, label;
} label_ref;

static int by_label(const void *a, const void *b)
{
	const label_ref *x = a, *y = b;
	int d = strcmp(x->folded, y->folded);
	return d ? d : (x->def > y->def) - (x->def < y->def);
}

static tip_error *all_labels(label_ref **out, size_t *count, tip_compare *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->definitions.len; i++)
		n += definitions(c)[i].label_count;
	label_ref *refs = malloc((n ? n : 1) * sizeof(*refs));
	if (!refs)
		return tip_error_nomem();
	n = 0;
	for (size_t i = 0; i < c->definitions.len; i++)
		for (size_t k = 0; k < definitions(c)[i].label_count; k++)
			refs[n++] = (label_ref){ definitions(c)[i].folded[k], i, k };
	qsort(refs, n, sizeof(*refs), by_label);
	*out = refs;
	*count = n;
	return NULL;
}

/* The first of refs whose label is folded, or count when none is. */
static size_t first_label(const label_ref *refs, size_t count, const char *folded)
{
	size_t lo = 0, hi = count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(refs[mid].folded, folded) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- misunderstandings: a term used in one authority, avoided in another ---- */

static tip_error *misunderstanding(tip_compare *c, const cmp_definition *user, size_t label,
	const cmp_definition *avoider, const cmp_avoid *a)
{
	tip_compare_side sides[2] = {
		{ .authority = user->authority, .id = user->id, .title = user->term,
		  .value = user->labels[label], .note = user->definition,
		  .role = role_names[user->roles[label]] },
		{ .authority = avoider->authority, .id = avoider->id, .title = avoider->term,
		  .value = a->term, .note = a->reason, .instead = a->instead ? a->instead
		  : avoider->term, .role = "avoided" },
	};
	return cmp_finding(c, TIP_COMPARE_MISUNDERSTANDING, user->labels[label], sides, 2);
}

static tip_error *find_avoided(tip_compare *c, const label_ref *refs, size_t count,
	const cmp_definition *d)
{
	tip_error *err = NULL;
	for (size_t a = 0; !err && a < d->avoid_count; a++) {
		const char *folded = d->avoid[a].folded;
		for (size_t i = first_label(refs, count, folded);
			!err && i < count && strcmp(refs[i].folded, folded) == 0; i++) {
			const cmp_definition *user = &definitions(c)[refs[i].def];
			if (user->authority != d->authority && user->roles[refs[i].label] != ROLE_HIDDEN)
				err = misunderstanding(c, user, refs[i].label, d, &d->avoid[a]);
		}
	}
	return err;
}

/* ---- concepts: definitions that share a label, across authorities ---- */

static size_t root_of(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* parent[i]: the definitions joined by any shared label into one concept. */
static void join_concepts(size_t *parent, const label_ref *refs, size_t count, size_t defs)
{
	for (size_t i = 0; i < defs; i++)
		parent[i] = i;
	for (size_t i = 1; i < count; i++)
		if (strcmp(refs[i].folded, refs[i - 1].folded) == 0) {
			size_t a = root_of(parent, refs[i].def), b = root_of(parent, refs[i - 1].def);
			parent[a > b ? a : b] = a > b ? b : a;
		}
}

static const size_t *sort_parent; /* for by_concept: qsort takes no context */

static int by_concept(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	size_t rx = sort_parent[x], ry = sort_parent[y];
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return (x > y) - (x < y);
}

static bool same_text(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The findings of one concept: its definitions group[0..n), in the order added. */
static tip_error *concept_findings(tip_compare *c, const size_t *group, size_t n)
{
	const cmp_definition *first = &definitions(c)[group[0]];
	bool shared = false, terms_differ = false, texts_differ = false;
	for (size_t i = 1; i < n; i++) {
		const cmp_definition *d = &definitions(c)[group[i]];
		shared |= d->authority != first->authority;
		terms_differ |= strcmp(d->folded[0], first->folded[0]) != 0;
		texts_differ |= !same_text(d->normal, first->normal);
	}
	tip_compare_kind kind = !shared ? TIP_COMPARE_TERM_ONLY : terms_differ
		? TIP_COMPARE_PREFERRED_DIFFERS : TIP_COMPARE_DEFINITION_DIFFERS;
	if (shared && !terms_differ && !texts_differ)
		return NULL;
	tip_compare_side *sides = calloc(n, sizeof(*sides));
	if (!sides)
		return tip_error_nomem();
	for (size_t i = 0; i < n; i++) {
		const cmp_definition *d = &definitions(c)[group[i]];
		sides[i] = (tip_compare_side){ .authority = d->authority, .id = d->id,
			.title = d->term, .value = kind == TIP_COMPARE_PREFERRED_DIFFERS ? d->term
			: d->definition, .role = "preferred" };
	}
	tip_error *err = cmp_finding(c, kind, first->term, sides, n);
	free(sides);
	return err;
}

static tip_error *find_concepts(tip_compare *c, const label_ref *refs, size_t count)
{
	size_t n = c->definitions.len;
	size_t *parent = malloc((n ? n : 1) * sizeof(*parent));
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	tip_error *err = parent && order ? NULL : tip_error_nomem();
	if (!err) {
		join_concepts(parent, refs, count, n);
		for (size_t i = 0; i < n; i++) {
			parent[i] = root_of(parent, i);
			order[i] = i;
		}
		sort_parent = parent;
		qsort(order, n, sizeof(*order), by_concept);
	}
	for (size_t i = 0, end; !err && i < n; i = end) {
		for (end = i + 1; end < n && parent[order[end]] == parent[order[i]]; end++)
			;
		err = concept_findings(c, order + i, end - i);
	}
	free(parent);
	free(order);
	return err;
}

tip_error *cmp_find_glossary(tip_compare *c)
{
	label_ref *refs = NULL;
	size_t count = 0;
	tip_error *err = all_labels(&refs, &count, c);
	if (err)
		return err;
	for (size_t i = 0; !err && i < c->definitions.len; i++)
		err = find_avoided(c, refs, count, &definitions(c)[i]);
	if (!err)
		err = find_concepts(c, refs, count);
	free(refs);
	return err;
}

/* ---- training: the same course in several authorities ---- */

static const cmp_course *sort_courses; /* for by_course */

static int by_course(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int d = strcmp(sort_courses[x].key, sort_courses[y].key);
	return d ? d : (x > y) - (x < y);
}

static bool is_agreed(const cmp_course *k)
{
	return k->level_status && strcmp(k->level_status, "agreed") == 0;
}

static tip_error *course_findings(tip_compare *c, const size_t *group, size_t n)
{
	const cmp_course *all = c->courses.items, *first = &all[group[0]];
	bool shared = false, levels_differ = false, agreed_differs = false;
	for (size_t i = 1; i < n; i++) {
		shared |= all[group[i]].authority != first->authority;
		levels_differ |= !same_text(all[group[i]].level, first->level);
		agreed_differs |= is_agreed(&all[group[i]]) != is_agreed(first);
	}
	if (!shared || (!levels_differ && !agreed_differs))
		return NULL;
	tip_compare_side *sides = calloc(n, sizeof(*sides));
	if (!sides)
		return tip_error_nomem();
	for (size_t i = 0; i < n; i++) {
		const cmp_course *k = &all[group[i]];
		sides[i] = (tip_compare_side){ .authority = k->authority, .id = k->id,
			.title = k->title, .value = k->level, .note = k->level_status,
			.value_title = k->level_title, .note_title = k->status_title };
	}
	tip_error *err = cmp_finding(c, levels_differ ? TIP_COMPARE_COURSE_LEVEL
		: TIP_COMPARE_COURSE_AGREED, first->title, sides, n);
	free(sides);
	return err;
}

tip_error *cmp_find_training(tip_compare *c)
{
	size_t n = c->courses.len;
	size_t *order = malloc((n ? n : 1) * sizeof(*order));
	if (!order)
		return tip_error_nomem();
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sort_courses = c->courses.items;
	qsort(order, n, sizeof(*order), by_course);
	tip_error *err = NULL;
	const cmp_course *all = c->courses.items;
	for (size_t i = 0, end; !err && i < n; i = end) {
		for (end = i + 1; end < n && strcmp(all[order[end]].key, all[order[i]].key) == 0;
			end++)
			;
		err = course_findings(c, order + i, end - i);
	}
	free(order);
	return err;
}

/* ---- the learning-needs matrix: cells covered in one authority, empty in another ---- */

static tip_error *cell_finding(tip_compare *c, size_t cell)
{
	size_t n = c->matrices.len, present = 0, covered = 0;
	const tip_compare_matrix *m = c->matrices.items;
	tip_compare_side *sides = calloc(n ? n : 1, sizeof(*sides));
	if (!sides)
		return tip_error_nomem();
	tip_error *err = NULL;
	for (size_t a = 0; !err && a < n; a++) {
		if (!m[a].present)
			continue;
		char count[24];
		snprintf(count, sizeof(count), "%zu", m[a].cells[cell]);
		covered += m[a].cells[cell] > 0;
		sides[present++] = (tip_compare_side){ .authority = a, .value = cmp_copy(c, count) };
		if (!sides[present - 1].value)
			err = tip_error_nomem();
	}
	if (!err && covered && covered < present) {
		tip_buf subject = TIP_BUF_INIT;
		err = tip_buf_addf(&subject, "%s \xc3\x97 %s", c->row_titles[cell / c->col_count],
			c->col_titles[cell % c->col_count]);
		const char *s = err ? NULL : cmp_copy(c, tip_buf_str(&subject));
		tip_buf_dispose(&subject);
		if (!err)
			err = s ? cmp_finding(c, TIP_COMPARE_MATRIX_GAP, s, sides, present)
				: tip_error_nomem();
	}
	free(sides);
	return err;
}

tip_error *cmp_find_matrix(tip_compare *c)
{
	tip_error *err = NULL;
	for (size_t cell = 0; !err && cell < c->row_count * c->col_count; cell++)
		err = cell_finding(c, cell);
	return err;
}
