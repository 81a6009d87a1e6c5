/* What every part of the comparison shares: growing arrays, copies and folded text in its
 * arena, display names, findings appended, and the kinds' names. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "fold.h"

static const char *const kind_names[TIP_COMPARE_KINDS] = {
	"misunderstanding", "preferred-differs", "definition-differs", "term-only",
	"course-level", "course-agreed", "matrix-gap", "not-compared",
};

static const char *const kind_titles[TIP_COMPARE_KINDS] = {
	"Cross-boundary misunderstandings: a term used in one authority and avoided in another",
	"One concept, different preferred terms",
	"The same term, different definitions",
	"Terms only one authority has",
	"The same course at different levels",
	"The same course, its level agreed in one authority and not in another",
	"Learning-needs cells covered in one authority and empty in another",
	"What could not be compared",
};

const char *tip_compare_kind_name(tip_compare_kind kind)
{
	return kind_names[kind];
}

const char *tip_compare_kind_title(tip_compare_kind kind)
{
	return kind_titles[kind];
}

void *cmp_push(cmp_vec *v, size_t size)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		void *items = realloc(v->items, cap * size);
		if (!items)
			return NULL;
		v->items = items;
		v->cap = cap;
	}
	void *slot = (char *)v->items + v->len++ * size;
	memset(slot, 0, size);
	return slot;
}

const char *cmp_copy(tip_compare *c, const char *s)
{
	return s ? tip_arena_strdup(c->arena, s) : NULL;
}

const char *cmp_title(tip_compare *c, const tip_schema *schema, const char *field,
	const char *value)
{
	const char *title = value ? tip_schema_value_title(schema, field, value) : NULL;
	return title && title != value && strcmp(title, value) != 0 ? cmp_copy(c, title) : NULL;
}

tip_error *cmp_fold(const char **out, tip_compare *c, const char *text)
{
	tip_folded f;
	tip_error *err = tip_fold(&f, text, strlen(text), false);
	if (err)
		return err;
	char *s = tip_arena_alloc(c->arena, f.len + 1), *w = s;
	for (size_t i = 0; s && i < f.len; i++) {
		bool space = strchr(" \t\r\n", f.text[i]) != NULL;
		if (!space)
			*w++ = f.text[i];
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	}
	if (s) {
		if (w > s && w[-1] == ' ')
			w--;
		*w = '\0';
	}
	tip_folded_dispose(&f);
	*out = s;
	return s ? NULL : tip_error_nomem();
}

tip_error *cmp_finding(tip_compare *c, tip_compare_kind kind, const char *subject,
	const tip_compare_side *sides, size_t count)
{
	tip_compare_side *copy = tip_arena_calloc(c->arena, count ? count : 1, sizeof(*copy));
	tip_compare_finding *f = copy ? cmp_push(&c->findings, sizeof(*f)) : NULL;
	if (!f)
		return tip_error_nomem();
	memcpy(copy, sides, count * sizeof(*copy));
	*f = (tip_compare_finding){ kind, subject, copy, count };
	return NULL;
}
