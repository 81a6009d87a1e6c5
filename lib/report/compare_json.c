/* The comparison as JSON for scripts: stable, versioned by "format" (docs/compare.md). */
#include "compare_int.h"
#include "jsonw.h"

static void source(tip_jsonw *w, const tip_compare_source *s, bool self)
{
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "name", s->name);
	tip_jsonw_bool(w, "this_repository", self);
	tip_jsonw_string(w, "commit", s->commit);
	tip_jsonw_string(w, "commit_date", s->date);
	tip_jsonw_string(w, "fetched", s->fetched);
	tip_jsonw_close(w, '}');
}

static void side(tip_jsonw *w, const tip_compare *c, const tip_compare_side *s)
{
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "authority", tip_compare_authority(c, s->authority)->name);
	tip_jsonw_string(w, "id", s->id);
	tip_jsonw_string(w, "title", s->title);
	tip_jsonw_string(w, "value", s->value);
	tip_jsonw_string(w, "note", s->note);
	tip_jsonw_string(w, "value_title", s->value_title);
	tip_jsonw_string(w, "note_title", s->note_title);
	tip_jsonw_string(w, "instead", s->instead);
	tip_jsonw_string(w, "role", s->role);
	tip_jsonw_close(w, '}');
}

static void finding(tip_jsonw *w, const tip_compare *c, const tip_compare_finding *f)
{
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "kind", tip_compare_kind_name(f->kind));
	tip_jsonw_string(w, "subject", f->subject);
	tip_jsonw_array(w, "sides");
	for (size_t i = 0; i < f->side_count; i++)
		side(w, c, &f->sides[i]);
	tip_jsonw_close(w, ']');
	tip_jsonw_close(w, '}');
}

static void strings(tip_jsonw *w, const char *key, const char *const *s, size_t n)
{
	tip_jsonw_array(w, key);
	for (size_t i = 0; i < n; i++)
		tip_jsonw_string(w, NULL, s[i]);
	tip_jsonw_close(w, ']');
}

static void matrix(tip_jsonw *w, const tip_compare *c)
{
	const char *const *rows, *const *cols;
	size_t nr, nc;
	tip_compare_matrix_labels(c, &rows, &nr, &cols, &nc);
	tip_jsonw_object(w, "matrix");
	strings(w, "rows", rows, nr);
	strings(w, "cols", cols, nc);
	tip_jsonw_array(w, "authorities");
	for (size_t a = 0; a < tip_compare_authority_count(c); a++) {
		const tip_compare_matrix *m = tip_compare_matrix_of(c, a);
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "authority", tip_compare_authority(c, a)->name);
		if (!m->present)
			tip_jsonw_null(w, "cells");
		else
			tip_jsonw_array(w, "cells");
		for (size_t r = 0; m->present && r < nr; r++) {
			tip_jsonw_array(w, NULL);
			for (size_t k = 0; k < nc; k++)
				tip_jsonw_number(w, NULL, (int64_t)m->cells[r * nc + k]);
			tip_jsonw_close(w, ']');
		}
		if (m->present)
			tip_jsonw_close(w, ']');
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
	tip_jsonw_close(w, '}');
}

static void strategy(tip_jsonw *w, const tip_compare *c)
{
	tip_jsonw_array(w, "strategy");
	for (size_t i = 0; i < tip_compare_strategy_count(c); i++) {
		const tip_compare_side *s = tip_compare_strategy_at(c, i);
		tip_jsonw_object(w, NULL);
		tip_jsonw_string(w, "authority", tip_compare_authority(c, s->authority)->name);
		tip_jsonw_string(w, "id", s->id);
		tip_jsonw_string(w, "title", s->title);
		tip_jsonw_string(w, "status", s->value);
		tip_jsonw_string(w, "status_title", s->value_title);
		tip_jsonw_close(w, '}');
	}
	tip_jsonw_close(w, ']');
}

/* The members of the comparison, into an object the caller has opened. */
void cmp_json_members(tip_jsonw *w, const tip_compare *c)
{
	tip_jsonw_array(w, "authorities");
	for (size_t a = 0; a < tip_compare_authority_count(c); a++)
		source(w, tip_compare_authority(c, a), a == 0);
	tip_jsonw_close(w, ']');
	tip_jsonw_object(w, "counts");
	for (int k = 0; k < TIP_COMPARE_KINDS; k++)
		tip_jsonw_number(w, tip_compare_kind_name((tip_compare_kind)k),
			(int64_t)tip_compare_count(c, (tip_compare_kind)k));
	tip_jsonw_close(w, '}');
	tip_jsonw_array(w, "findings");
	for (size_t i = 0; i < tip_compare_finding_count(c); i++)
		finding(w, c, tip_compare_finding_at(c, i));
	tip_jsonw_close(w, ']');
	strategy(w, c);
	matrix(w, c);
}

tip_error *cmp_render_json(tip_buf *out, const tip_compare *c)
{
	tip_jsonw w;
	tip_jsonw_begin(&w, out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	cmp_json_members(&w, c);
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}
