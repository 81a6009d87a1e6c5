/* Shared by the parts of the comparison: reading each authority (compare.c), finding what
 * differs (compare_find.c) and rendering (compare_render.c, compare_json.c). */
#ifndef TIP_COMPARE_INT_H
#define TIP_COMPARE_INT_H

#include "arena.h"
#include "compare.h"
#include "jsonw.h"

/* A label of a definition, folded for matching. */
typedef enum cmp_role { ROLE_PREFERRED, ROLE_ALTERNATIVE, ROLE_HIDDEN } cmp_role;

typedef struct cmp_avoid {
	const char *term, *folded, *reason, *instead;
} cmp_avoid;

/* What compare keeps of a definition. */
typedef struct cmp_definition {
	size_t authority;
	const char *id, *term, *definition;
	const char *normal; /* the definition folded, its spaces squeezed */
	const char **labels, **folded; /* [0] the term, then alternative, then hidden labels */
	cmp_role *roles;
	size_t label_count;
	cmp_avoid *avoid;
	size_t avoid_count;
} cmp_definition;

/* What compare keeps of a course. */
typedef struct cmp_course {
	size_t authority;
	const char *id, *title, *provider, *level, *level_status;
	const char *level_title, *status_title; /* their display names, or NULL */
	const char *key; /* provider and title, folded, with a separator between */
} cmp_course;

/* A growing array. */
typedef struct cmp_vec {
	void *items;
	size_t len, cap;
} cmp_vec;

typedef struct cmp_reader cmp_reader;

struct tip_compare {
	tip_arena *arena;
	cmp_reader *reader; /* the authority being read */
	cmp_vec sources;     /* tip_compare_source */
	cmp_vec definitions; /* cmp_definition */
	cmp_vec courses;     /* cmp_course */
	cmp_vec strategy;    /* tip_compare_side */
	cmp_vec findings;    /* tip_compare_finding */
	cmp_vec matrices;    /* tip_compare_matrix, one per authority */
	const char **rows, **cols; /* the matrix's labels */
	const char **row_titles, **col_titles; /* and their display names */
	size_t row_count, col_count;
	bool has_labels;
};

/* Room for one more item of size bytes at the end of v: its address, or NULL without memory. */
void *cmp_push(cmp_vec *v, size_t size);
/* A copy in the comparison's arena (NULL stays NULL). */
const char *cmp_copy(tip_compare *c, const char *s);
/* The display name schema gives value of field, copied; NULL when it gives none (or value
 * is NULL). */
const char *cmp_title(tip_compare *c, const tip_schema *schema, const char *field,
	const char *value);
/* text folded (case and accents), spaces squeezed, in the arena. */
tip_error *cmp_fold(const char **out, tip_compare *c, const char *text);
/* Appends a finding with count sides (copied). */
tip_error *cmp_finding(tip_compare *c, tip_compare_kind kind, const char *subject,
	const tip_compare_side *sides, size_t count);

/* The findings of each part, from what compare.c kept (compare_find.c). */
tip_error *cmp_find_glossary(tip_compare *c);
tip_error *cmp_find_training(tip_compare *c);
tip_error *cmp_find_matrix(tip_compare *c);

/* The comparison as JSON (compare_json.c): the whole output, or its members into an object
 * the caller has opened. */
tip_error *cmp_render_json(tip_buf *out, const tip_compare *c);
void cmp_json_members(tip_jsonw *w, const tip_compare *c);

/* ---- writing for people (compare_render.c): text, Markdown or HTML ---- */

typedef struct cmp_markup {
	const char *h_begin[2], *h_end[2]; /* [0] a part, [1] a kind of finding within it */
	const char *p_begin, *p_end;
	const char *ul_begin, *li_begin, *li_end, *ul_end;
	const char *ul2_begin, *li2_begin, *li2_end, *ul2_end; /* a list inside an item */
	const char *strong_begin, *strong_end, *code_begin, *code_end;
	tip_error *(*escape)(tip_buf *out, const char *s);
	tip_compare_format format;
} cmp_markup;

typedef struct cmp_writer {
	tip_buf *out;
	const cmp_markup *m;
} cmp_writer;

/* Tables wider than a narrow screen scroll inside the page rather than the page itself. */
#define CMP_HTML_STYLE "div.wide{overflow-x:auto;max-width:100%}\n" \
	"@media (max-width:40em){body{margin:1em auto}th,td{padding:.15em .3em}}\n"

const cmp_markup *cmp_markup_of(tip_compare_format format);
tip_error *cmp_put(const cmp_writer *w, const char *markup);
tip_error *cmp_text(const cmp_writer *w, const char *s);
tip_error *cmp_heading(const cmp_writer *w, int level, const char *title);
tip_error *cmp_para(const cmp_writer *w, const char *s);

/* A table: a caption, its column heads, and rows of cells (the first heads its row), the
 * cells added one by one, row by row. */
typedef struct cmp_table {
	const char *caption;
	const char *const *heads;
	size_t cols, rows;
	const char *const *cells;
	cmp_vec store;
} cmp_table;

tip_error *cmp_table_cell(cmp_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
tip_error *cmp_table_write(const cmp_writer *w, const cmp_table *t);
void cmp_table_dispose(cmp_table *t);

/* The page's top (its title, the overview, where each authority's records come from), the
 * parts (glossary, training, the matrix, strategy, what was not compared) and its end. */
tip_error *cmp_page_begin(const cmp_writer *w, const tip_compare *c, const char *title);
tip_error *cmp_render_sections(const cmp_writer *w, const tip_compare *c);
tip_error *cmp_matrix_table(const cmp_writer *w, const tip_compare *c, const char *caption);
tip_error *cmp_page_end(const cmp_writer *w);

#endif
