/* The comparison's input: each authority's records reduced to what compare needs (definitions'
 * labels, courses' levels, the actions of the HIPS strategy, the learning-needs matrix), copied
 * so that the authority's snapshot can be freed at once; and what its schemas do not let us
 * compare, as findings. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compare_int.h"
#include "matrix.h"

tip_error *tip_compare_new(tip_compare **out)
{
	tip_compare *c = calloc(1, sizeof(*c));
	if (c && !(c->arena = tip_arena_new())) {
		free(c);
		c = NULL;
	}
	*out = c;
	return c ? NULL : tip_error_nomem();
}

void tip_compare_free(tip_compare *c)
{
	if (!c)
		return;
	free(c->sources.items);
	free(c->definitions.items);
	free(c->courses.items);
	free(c->strategy.items);
	free(c->findings.items);
	tip_compare_matrix *m = c->matrices.items;
	for (size_t i = 0; i < c->matrices.len; i++)
		free(m[i].cells);
	free(c->matrices.items);
	tip_arena_free(c->arena);
	free(c);
}

/* ---- what an authority's schemas let us compare ---- */

/* A note that something of authority could not be compared. */
static tip_error *not_compared(tip_compare *c, size_t authority, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static tip_error *not_compared(tip_compare *c, size_t authority, const char *fmt, ...)
{
	tip_buf text = TIP_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = tip_buf_vaddf(&text, fmt, ap);
	va_end(ap);
	const char *subject = err ? NULL : cmp_copy(c, tip_buf_str(&text));
	tip_buf_dispose(&text);
	if (!err && !subject)
		err = tip_error_nomem();
	tip_compare_side side = { .authority = authority };
	return err ? err : cmp_finding(c, TIP_COMPARE_NOT_COMPARED, subject, &side, 1);
}

/* The type named, or NULL with a note that what (the glossary, training...) is not compared. */
static tip_error *needed_type(const tip_type **out, tip_compare *c, size_t authority,
	tip_store *store, const char *name, const char *what)
{
	const tip_type *type = tip_store_type_named(store, name);
	*out = type && type->schema ? type : NULL;
	if (*out)
		return NULL;
	return not_compared(c, authority, "%s: %s", what, type
		? "its schema does not compile" : "there is no record type");
}

/* Marks in usable[i] whether type has fields[i] and it is not personal; a note for each
 * that is missing. */
static tip_error *needed_fields(bool *usable, tip_compare *c, size_t authority,
	const tip_type *type, const char *const *names, size_t n)
{
	tip_field *fields = NULL;
	size_t count = 0;
	tip_error *err = tip_subschema_fields(&fields, &count, tip_schema_root(type->schema));
	for (size_t i = 0; !err && i < n; i++) {
		const tip_field *f = tip_field_named(fields, count, names[i]);
		usable[i] = f && !f->personal;
		if (!usable[i])
			err = not_compared(c, authority, "%s field %s: %s", type->name, names[i],
				f ? "marked personal" : "its schema does not have it");
	}
	free(fields);
	return err;
}

/* ---- definitions ---- */

enum { D_TERM, D_DEFINITION, D_ALT, D_HIDDEN, D_AVOID, D_FIELDS };
static const char *const definition_fields[D_FIELDS] = { "term", "definition", "alt_labels",
	"hidden_labels", "avoid" };

static const char *text_of(const tip_node *map, const char *key)
{
	const tip_node *v = map ? tip_node_get(map, key) : NULL;
	return v && v->type == TIP_NODE_STR ? v->str : NULL;
}

static const tip_node *list_of(const tip_node *map, const char *key)
{
	const tip_node *v = tip_node_get(map, key);
	return v && v->type == TIP_NODE_SEQ ? v : NULL;
}

static tip_error *add_label(tip_compare *c, cmp_definition *d, const char *label, cmp_role role)
{
	size_t i = d->label_count++;
	d->labels[i] = cmp_copy(c, label);
	d->roles[i] = role;
	return d->labels[i] ? cmp_fold(&d->folded[i], c, label) : tip_error_nomem();
}

/* The labels of a list field (alt_labels, hidden_labels) with role. */
static tip_error *add_labels(tip_compare *c, cmp_definition *d, const tip_node *list,
	cmp_role role)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && list && i < list->count; i++)
		if (list->items[i]->type == TIP_NODE_STR)
			err = add_label(c, d, list->items[i]->str, role);
	return err;
}

static tip_error *add_avoid(tip_compare *c, cmp_definition *d, const tip_node *list)
{
	d->avoid = tip_arena_calloc(c->arena, list ? list->count + 1 : 1, sizeof(*d->avoid));
	if (!d->avoid)
		return tip_error_nomem();
	tip_error *err = NULL;
	for (size_t i = 0; !err && list && i < list->count; i++) {
		const char *term = text_of(list->items[i], "term");
		if (!term)
			continue;
		cmp_avoid *a = &d->avoid[d->avoid_count++];
		a->term = cmp_copy(c, term);
		a->reason = cmp_copy(c, text_of(list->items[i], "reason"));
		a->instead = cmp_copy(c, text_of(list->items[i], "use_instead"));
		err = cmp_fold(&a->folded, c, term);
	}
	return err;
}

static tip_error *add_definition(tip_compare *c, size_t authority, const bool *usable,
	const tip_snapshot_record *r)
{
	const char *term = usable[D_TERM] ? text_of(r->root, "term") : NULL;
	if (!term)
		return NULL;
	const tip_node *alt = usable[D_ALT] ? list_of(r->root, "alt_labels") : NULL;
	const tip_node *hidden = usable[D_HIDDEN] ? list_of(r->root, "hidden_labels") : NULL;
	size_t cap = 1 + (alt ? alt->count : 0) + (hidden ? hidden->count : 0);
	cmp_definition *d = cmp_push(&c->definitions, sizeof(*d));
	if (!d)
		return tip_error_nomem();
	d->authority = authority;
	d->id = cmp_copy(c, r->id);
	d->term = cmp_copy(c, term);
	const char *definition = usable[D_DEFINITION] ? text_of(r->root, "definition") : NULL;
	d->definition = cmp_copy(c, definition);
	d->labels = tip_arena_calloc(c->arena, cap, sizeof(*d->labels));
	d->folded = tip_arena_calloc(c->arena, cap, sizeof(*d->folded));
	d->roles = tip_arena_calloc(c->arena, cap, sizeof(*d->roles));
	if (!d->labels || !d->folded || !d->roles)
		return tip_error_nomem();
	tip_error *err = definition ? cmp_fold(&d->normal, c, definition) : NULL;
	if (!err)
		err = add_label(c, d, term, ROLE_PREFERRED);
	if (!err)
		err = add_labels(c, d, alt, ROLE_ALTERNATIVE);
	if (!err)
		err = add_labels(c, d, hidden, ROLE_HIDDEN);
	return err ? err : add_avoid(c, d, usable[D_AVOID] ? list_of(r->root, "avoid") : NULL);
}

/* ---- courses ---- */

enum { C_TITLE, C_PROVIDER, C_LEVEL, C_LEVEL_STATUS, C_FIELDS };
static const char *const course_fields[C_FIELDS] = { "title", "provider", "level",
	"level_status" };

static tip_error *add_course(tip_compare *c, size_t authority, const bool *usable,
	const tip_snapshot_record *r)
{
	const char *title = usable[C_TITLE] ? text_of(r->root, "title") : NULL;
	if (!title)
		return NULL;
	const char *provider = usable[C_PROVIDER] ? text_of(r->root, "provider") : NULL;
	cmp_course *k = cmp_push(&c->courses, sizeof(*k));
	if (!k)
		return tip_error_nomem();
	k->authority = authority;
	k->id = cmp_copy(c, r->id);
	k->title = cmp_copy(c, title);
	k->provider = cmp_copy(c, provider);
	k->level = cmp_copy(c, usable[C_LEVEL] ? text_of(r->root, "level") : NULL);
	k->level_status = cmp_copy(c, usable[C_LEVEL_STATUS]
		? text_of(r->root, "level_status") : NULL);
	k->level_title = cmp_title(c, r->type->schema, "level", k->level);
	k->status_title = cmp_title(c, r->type->schema, "level_status", k->level_status);
	tip_buf key = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&key, "%s\x1f%s", provider ? provider : "", title);
	if (!err)
		err = cmp_fold(&k->key, c, tip_buf_str(&key));
	tip_buf_dispose(&key);
	return err;
}

/* ---- actions ---- */

static bool names_hips(const tip_node *drivers)
{
	for (size_t i = 0; drivers && i < drivers->count; i++)
		if (drivers->items[i]->type == TIP_NODE_STR &&
			strcmp(drivers->items[i]->str, TIP_COMPARE_HIPS_DRIVER) == 0)
			return true;
	return false;
}

enum { A_DRIVERS, A_TITLE, A_STATUS, A_FIELDS };
static const char *const action_fields[A_FIELDS] = { "drivers", "title", "status" };

/* An action that names the HIPS strategy, by id, with its title and status where its schema
 * has them and does not mark them personal (usable). */
static tip_error *add_action(tip_compare *c, size_t authority, const bool *usable,
	const tip_snapshot_record *r)
{
	if (!names_hips(list_of(r->root, "drivers")))
		return NULL;
	tip_compare_side *s = cmp_push(&c->strategy, sizeof(*s));
	if (!s)
		return tip_error_nomem();
	s->authority = authority;
	s->id = cmp_copy(c, r->id);
	s->title = usable[A_TITLE] ? cmp_copy(c, text_of(r->root, "title")) : NULL;
	s->value = usable[A_STATUS] ? cmp_copy(c, text_of(r->root, "status")) : NULL;
	s->value_title = cmp_title(c, r->type->schema, "status", s->value);
	return NULL;
}

/* ---- one authority's records ---- */


/* The types and fields of the authority being read (tip_compare_begin). */
struct cmp_reader {
	const tip_type *definition, *course, *action;
	bool definition_ok[D_FIELDS], course_ok[C_FIELDS], action_ok[A_FIELDS];
};

static tip_error *reader_start(cmp_reader *rd, tip_compare *c, size_t a, tip_store *store)
{
	memset(rd, 0, sizeof(*rd));
	tip_error *err = needed_type(&rd->definition, c, a, store, "definition", "the glossary");
	if (!err && rd->definition)
		err = needed_fields(rd->definition_ok, c, a, rd->definition, definition_fields,
			D_FIELDS);
	if (!err)
		err = needed_type(&rd->course, c, a, store, "course", "training");
	if (!err && rd->course)
		err = needed_fields(rd->course_ok, c, a, rd->course, course_fields, C_FIELDS);
	if (!err)
		err = needed_type(&rd->action, c, a, store, "action", "the strategy's actions");
	if (!err && rd->action) {
		err = needed_fields(rd->action_ok, c, a, rd->action, action_fields, A_FIELDS);
		if (!err && !rd->action_ok[A_DRIVERS])
			rd->action = NULL;
	}
	return err;
}

static tip_error *read_record(tip_compare *c, size_t a, const cmp_reader *rd,
	const tip_snapshot_record *r)
{
	if (r->type == rd->definition)
		return add_definition(c, a, rd->definition_ok, r);
	if (r->type == rd->course)
		return add_course(c, a, rd->course_ok, r);
	if (r->type == rd->action)
		return add_action(c, a, rd->action_ok, r);
	return NULL;
}

/* Whether compare reads records of type: only those files are named (never a champion's,
 * whose id a peer might have made from a name). */
static bool compared_type(const tip_type *type)
{
	for (size_t i = 0; tip_compare_types[i]; i++)
		if (strcmp(type->name, tip_compare_types[i]) == 0)
			return true;
	return false;
}

/* A note per record file that does not load (it is left out) or that breaks its own
 * authority's schema (it is compared as it is, and may be read amiss). The file is named, and
 * where to learn why: the authority's own tip validate (its words may quote the file, which
 * is theirs). */
static tip_error *note_record(tip_compare *c, size_t a, const tip_snapshot_record *r)
{
	const tip_compare_source *source = tip_compare_authority(c, a);
	const char *what = r->root ? "does not match its schema, so it is compared as it is"
				   : "does not load, so it is left out";
	if (source->commit)
		return not_compared(c, a, "%s %s: tip validate in %s's repository says why",
			r->path, what, source->name);
	return not_compared(c, a, "%s %s: tip validate says why", r->path, what);
}

static tip_error *note_records(tip_compare *c, size_t a, const tip_snapshot *records)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(records); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(records, i);
		if (compared_type(r->type) && (!r->root || tip_snapshot_record_breaks_schema(r)))
			err = note_record(c, a, r);
	}
	return err;
}

/* ---- the learning-needs matrix ---- */

/* The labels of the matrix: the first authority's with one, and their display names. */
static tip_error *matrix_labels(tip_compare *c, const tip_matrix *m, const tip_schema *schema)
{
	c->row_count = m->enum_rows;
	c->col_count = m->enum_cols;
	c->rows = tip_arena_calloc(c->arena, m->enum_rows + 1, sizeof(*c->rows));
	c->cols = tip_arena_calloc(c->arena, m->enum_cols + 1, sizeof(*c->cols));
	c->row_titles = tip_arena_calloc(c->arena, m->enum_rows + 1, sizeof(*c->rows));
	c->col_titles = tip_arena_calloc(c->arena, m->enum_cols + 1, sizeof(*c->cols));
	if (!c->rows || !c->cols || !c->row_titles || !c->col_titles)
		return tip_error_nomem();
	for (size_t r = 0; r < m->enum_rows; r++) {
		c->rows[r] = cmp_copy(c, m->rows[r]);
		c->row_titles[r] = cmp_copy(c, tip_schema_value_title(schema, "level", m->rows[r]));
	}
	for (size_t k = 0; k < m->enum_cols; k++) {
		c->cols[k] = cmp_copy(c, m->cols[k]);
		c->col_titles[k] = cmp_copy(c, tip_schema_value_title(schema, "audience",
			m->cols[k]));
	}
	c->has_labels = true;
	return NULL;
}

static size_t label_index(const char *const *labels, size_t n, const char *label)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(labels[i], label) == 0)
			return i;
	return SIZE_MAX;
}

/* The counts of m under the comparison's labels (those it lacks count 0). */
static tip_error *matrix_cells(tip_compare_matrix *out, tip_compare *c, const tip_matrix *m)
{
	out->cells = calloc(c->row_count * c->col_count + 1, sizeof(*out->cells));
	if (!out->cells)
		return tip_error_nomem();
	for (size_t r = 0; r < c->row_count; r++) {
		size_t mr = label_index(m->rows, m->enum_rows, c->rows[r]);
		for (size_t k = 0; mr != SIZE_MAX && k < c->col_count; k++) {
			size_t mc = label_index(m->cols, m->enum_cols, c->cols[k]);
			if (mc != SIZE_MAX)
				out->cells[r * c->col_count + k] = tip_matrix_cell(m, mr, mc);
		}
	}
	out->present = true;
	return NULL;
}

static tip_error *add_matrix(tip_compare *c, size_t a, const cmp_reader *rd,
	const tip_snapshot *records)
{
	tip_compare_matrix *out = &((tip_compare_matrix *)c->matrices.items)[a];
	if (!rd->course)
		return NULL;
	const char *status = tip_matrix_has_status(rd->course, "available") ? "available" : NULL;
	tip_matrix m;
	tip_error *err = tip_matrix_build(&m, records, rd->course, "level", "audience", status);
	if (err) {
		tip_error_free(err);
		return not_compared(c, a, "the learning-needs matrix: course has no level and "
			"audience to count by");
	}
	if (!c->has_labels)
		err = matrix_labels(c, &m, rd->course->schema);
	if (!err)
		err = matrix_cells(out, c, &m);
	tip_matrix_dispose(&m);
	return err;
}

/* The source appended (copied), with an empty matrix. */
static tip_error *add_source(tip_compare *c, const tip_compare_source *source)
{
	tip_compare_source *s = cmp_push(&c->sources, sizeof(*s));
	tip_compare_matrix *m = s ? cmp_push(&c->matrices, sizeof(*m)) : NULL;
	if (!m)
		return tip_error_nomem();
	*s = (tip_compare_source){ cmp_copy(c, source->name), cmp_copy(c, source->commit),
		cmp_copy(c, source->date), cmp_copy(c, source->fetched), source->missing };
	return NULL;
}

tip_error *tip_compare_add_missing(tip_compare *c, const tip_compare_source *source,
	const char *why)
{
	tip_compare_source missing = *source;
	missing.missing = true;
	tip_error *err = add_source(c, &missing);
	return err ? err : not_compared(c, c->sources.len - 1, "%s", why);
}

const char *const tip_compare_types[] = { "definition", "course", "action", NULL };

tip_error *tip_compare_begin(tip_compare *c, const tip_compare_source *source, tip_store *store)
{
	if (!c->reader && !(c->reader = tip_arena_calloc(c->arena, 1, sizeof(*c->reader))))
		return tip_error_nomem();
	tip_error *err = add_source(c, source);
	return err ? err : reader_start(c->reader, c, c->sources.len - 1, store);
}

tip_error *tip_compare_read(tip_compare *c, const tip_snapshot *records, const char *type_name)
{
	size_t a = c->sources.len - 1, n = tip_snapshot_count(records);
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < n; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(records, i);
		if (r->root)
			err = read_record(c, a, c->reader, r);
	}
	if (!err)
		err = note_records(c, a, records);
	if (!err && (!type_name || strcmp(type_name, "course") == 0))
		err = add_matrix(c, a, c->reader, records);
	return err;
}

tip_error *tip_compare_add(tip_compare *c, const tip_compare_source *source, tip_store *store,
	const tip_snapshot *records)
{
	tip_error *err = tip_compare_begin(c, source, store);
	return err ? err : tip_compare_read(c, records, NULL);
}

/* ---- the result ---- */

/* The findings grouped by kind, each kind's in the order they were found. */
static tip_error *group_by_kind(tip_compare *c)
{
	tip_compare_finding *from = c->findings.items;
	size_t n = c->findings.len, done = 0;
	tip_compare_finding *to = malloc((n ? n : 1) * sizeof(*to));
	if (!to)
		return tip_error_nomem();
	for (int kind = 0; kind < TIP_COMPARE_KINDS; kind++)
		for (size_t i = 0; i < n; i++)
			if ((int)from[i].kind == kind)
				to[done++] = from[i];
	free(from);
	c->findings.items = to;
	c->findings.cap = n ? n : 1;
	return NULL;
}

tip_error *tip_compare_run(tip_compare *c)
{
	tip_error *err = cmp_find_glossary(c);
	if (!err)
		err = cmp_find_training(c);
	if (!err)
		err = cmp_find_matrix(c);
	return err ? err : group_by_kind(c);
}

size_t tip_compare_authority_count(const tip_compare *c)
{
	return c->sources.len;
}

const tip_compare_source *tip_compare_authority(const tip_compare *c, size_t i)
{
	return &((const tip_compare_source *)c->sources.items)[i];
}

size_t tip_compare_finding_count(const tip_compare *c)
{
	return c->findings.len;
}

const tip_compare_finding *tip_compare_finding_at(const tip_compare *c, size_t i)
{
	return &((const tip_compare_finding *)c->findings.items)[i];
}

size_t tip_compare_count(const tip_compare *c, tip_compare_kind kind)
{
	size_t n = 0;
	for (size_t i = 0; i < c->findings.len; i++)
		n += tip_compare_finding_at(c, i)->kind == kind;
	return n;
}

size_t tip_compare_strategy_count(const tip_compare *c)
{
	return c->strategy.len;
}

const tip_compare_side *tip_compare_strategy_at(const tip_compare *c, size_t i)
{
	return &((const tip_compare_side *)c->strategy.items)[i];
}

void tip_compare_matrix_labels(const tip_compare *c, const char *const **rows, size_t *rows_n,
	const char *const **cols, size_t *cols_n)
{
	*rows = c->rows;
	*rows_n = c->row_count;
	*cols = c->cols;
	*cols_n = c->col_count;
}

void tip_compare_matrix_titles(const tip_compare *c, const char *const **rows,
	const char *const **cols)
{
	*rows = c->row_titles;
	*cols = c->col_titles;
}

const tip_compare_matrix *tip_compare_matrix_of(const tip_compare *c, size_t authority)
{
	return &((const tip_compare_matrix *)c->matrices.items)[authority];
}
