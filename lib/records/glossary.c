#include "glossary.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

enum link_kind { LINK_BROADER, LINK_NARROWER, LINK_RELATED };
static const char *const link_fields[] = { "broader", "narrower", "related" };

/* One item of a definition's broader, narrower or related list. */
struct link {
	const char *from, *to;
	unsigned line, col, index;
	enum link_kind kind;
	bool reported;
};

struct tip_glossary {
	char *folder;
	struct link *links;
	size_t count, cap;
	tip_arena **arenas; /* the links' strings; the last one takes new ones */
	size_t arena_count;
};

tip_error *tip_glossary_new(tip_glossary **out, const char *folder)
{
	*out = calloc(1, sizeof(**out));
	if (*out && ((*out)->folder = strdup(folder)))
		return NULL;
	free(*out);
	*out = NULL;
	return tip_error_nomem();
}

void tip_glossary_free(tip_glossary *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->arena_count; i++)
		tip_arena_free(g->arenas[i]);
	free(g->arenas);
	free(g->links);
	free(g->folder);
	free(g);
}

static tip_error *reserve_links(tip_glossary *g, size_t more)
{
	if (g->count + more <= g->cap)
		return NULL;
	size_t cap = g->cap ? g->cap : 64;
	while (cap < g->count + more)
		cap *= 2;
	struct link *links = realloc(g->links, cap * sizeof(*links));
	if (!links)
		return tip_error_nomem();
	g->links = links;
	g->cap = cap;
	return NULL;
}

static tip_error *add_arenas(tip_glossary *g, tip_arena **arenas, size_t count)
{
	if (!count)
		return NULL;
	tip_arena **all = realloc(g->arenas, (g->arena_count + count) * sizeof(*all));
	if (!all)
		return tip_error_nomem();
	memcpy(all + g->arena_count, arenas, count * sizeof(*all));
	g->arenas = all;
	g->arena_count += count;
	return NULL;
}

static tip_arena *current_arena(tip_glossary *g)
{
	if (g->arena_count)
		return g->arenas[g->arena_count - 1];
	tip_arena *arena = tip_arena_new();
	tip_error *err = arena ? add_arenas(g, &arena, 1) : tip_error_nomem();
	if (!err)
		return arena;
	tip_error_free(err);
	tip_arena_free(arena);
	return NULL;
}

tip_error *tip_glossary_add(tip_glossary *g, const char *id, const tip_node *root, bool reported)
{
	tip_arena *arena = current_arena(g);
	const char *from = arena ? tip_arena_strdup(arena, id) : NULL;
	if (!from)
		return tip_error_nomem();
	for (int kind = LINK_BROADER; kind <= LINK_RELATED; kind++) {
		const tip_node *list = root ? tip_node_get(root, link_fields[kind]) : NULL;
		if (!list || list->type != TIP_NODE_SEQ)
			continue;
		tip_error *err = reserve_links(g, list->count);
		for (size_t i = 0; !err && i < list->count; i++) {
			const tip_node *item = list->items[i];
			if (item->type != TIP_NODE_STR)
				continue;
			const char *to = tip_arena_strndup(arena, item->str, item->len);
			if (!to)
				return tip_error_nomem();
			g->links[g->count++] = (struct link){ from, to, item->line, item->col,
				(unsigned)i, (enum link_kind)kind, reported };
		}
		if (err)
			return err;
	}
	return NULL;
}

tip_error *tip_glossary_merge(tip_glossary *into, tip_glossary *from)
{
	tip_error *err = reserve_links(into, from->count);
	if (!err)
		err = add_arenas(into, from->arenas, from->arena_count);
	if (err)
		return err;
	if (from->count)
		memcpy(into->links + into->count, from->links, from->count * sizeof(*from->links));
	into->count += from->count;
	free(from->arenas);
	from->arenas = NULL;
	from->arena_count = from->count = 0;
	return NULL;
}

/* ---- the graph of broader links, each pointing up: from a concept to a broader one ---- */

struct graph {
	const char **names; /* sorted, unique */
	size_t n;
	size_t *first;      /* node u's edges are up[first[u]] .. up[first[u + 1] - 1] */
	size_t *up;         /* the broader node of each edge */
	size_t *stamp, *parent, *queue, round;
};

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t node_of(const struct graph *gr, const char *name)
{
	const char **at = bsearch(&name, gr->names, gr->n, sizeof(*gr->names), compare_names);
	return (size_t)(at - gr->names);
}

/* The link as an upward edge: a broader link points from its definition, a narrower one to
 * it. Related links are no edges. */
static bool edge_of(const struct graph *gr, const struct link *l, size_t *u, size_t *v)
{
	if (l->kind == LINK_RELATED)
		return false;
	*u = node_of(gr, l->kind == LINK_BROADER ? l->from : l->to);
	*v = node_of(gr, l->kind == LINK_BROADER ? l->to : l->from);
	return true;
}

static tip_error *graph_build(struct graph *gr, const tip_glossary *g)
{
	*gr = (struct graph){ 0 };
	size_t cap = 2 * g->count + 1;
	gr->names = malloc(cap * sizeof(*gr->names));
	gr->first = calloc(cap + 1, sizeof(*gr->first));
	gr->up = malloc(cap * sizeof(*gr->up));
	gr->stamp = calloc(cap, sizeof(*gr->stamp));
	gr->parent = malloc(cap * sizeof(*gr->parent));
	gr->queue = malloc(cap * sizeof(*gr->queue));
	if (!gr->names || !gr->first || !gr->up || !gr->stamp || !gr->parent || !gr->queue)
		return tip_error_nomem();
	for (size_t i = 0; i < g->count; i++) {
		gr->names[gr->n++] = g->links[i].from;
		gr->names[gr->n++] = g->links[i].to;
	}
	qsort(gr->names, gr->n, sizeof(*gr->names), compare_names);
	size_t unique = 0;
	for (size_t i = 0; i < gr->n; i++)
		if (!unique || strcmp(gr->names[unique - 1], gr->names[i]) != 0)
			gr->names[unique++] = gr->names[i];
	gr->n = unique;
	size_t u, v;
	for (size_t i = 0; i < g->count; i++)
		if (edge_of(gr, &g->links[i], &u, &v))
			gr->first[u + 1]++;
	for (size_t i = 0; i < gr->n; i++)
		gr->first[i + 1] += gr->first[i];
	size_t *fill = gr->parent; /* borrowed: each node's next free edge */
	memcpy(fill, gr->first, gr->n * sizeof(*fill));
	for (size_t i = 0; i < g->count; i++)
		if (edge_of(gr, &g->links[i], &u, &v))
			gr->up[fill[u]++] = v;
	return NULL;
}

static void graph_dispose(struct graph *gr)
{
	free(gr->names);
	free(gr->first);
	free(gr->up);
	free(gr->stamp);
	free(gr->parent);
	free(gr->queue);
}

/* Whether goal is reached from start going up broader links (start itself does not count
 * unless a circle leads back to it); then parent[] leads back from goal to start. */
static bool reaches(struct graph *gr, size_t start, size_t goal)
{
	size_t head = 0, tail = 0;
	gr->round++;
	gr->queue[tail++] = start;
	while (head < tail) {
		size_t u = gr->queue[head++];
		for (size_t e = gr->first[u]; e < gr->first[u + 1]; e++) {
			size_t v = gr->up[e];
			if (gr->stamp[v] == gr->round)
				continue;
			gr->stamp[v] = gr->round;
			gr->parent[v] = u;
			if (v == goal)
				return true;
			gr->queue[tail++] = v;
		}
	}
	return false;
}

/* ---- findings ---- */

struct check {
	const tip_glossary *g;
	struct graph gr;
	tip_diag_list *findings;
	tip_glossary_keep_fn keep;
	void *keep_ctx;
	const char **chain; /* the ids of the finding being made */
	size_t chain_len;
	tip_buf text, files;
};

/* chain = start, then the nodes reached up to goal (reaches(start, goal) was true). */
static void chain_up(struct check *c, size_t start, size_t goal)
{
	size_t len = 0;
	for (size_t v = goal; len == 0 || v != start; v = c->gr.parent[v])
		c->chain[len++] = c->gr.names[v];
	c->chain[len++] = c->gr.names[start];
	for (size_t i = 0; i < len / 2; i++) {
		const char *t = c->chain[i];
		c->chain[i] = c->chain[len - 1 - i];
		c->chain[len - 1 - i] = t;
	}
	c->chain_len = len;
}

/* text: "a → b → c"; files: the files of the chain's definitions but own's, once each. */
static tip_error *describe_chain(struct check *c, const char *own)
{
	tip_buf_reset(&c->text);
	tip_buf_reset(&c->files);
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < c->chain_len; i++) {
		err = tip_buf_addf(&c->text, "%s%s", i ? " → " : "", c->chain[i]);
		bool seen = strcmp(c->chain[i], own) == 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(c->chain[j], c->chain[i]) == 0;
		if (!err && !seen)
			err = tip_buf_addf(&c->files, "%s%s/%s.yaml", c->files.len ? ", " : "",
				c->g->folder, c->chain[i]);
	}
	return err;
}

static tip_error *report(struct check *c, const struct link *l, const char *keyword,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static tip_error *report(struct check *c, const struct link *l, const char *keyword,
	const char *fmt, ...)
{
	if (c->keep && !c->keep(c->keep_ctx, c->chain, c->chain_len))
		return NULL;
	tip_buf file = TIP_BUF_INIT, path = TIP_BUF_INIT, message = TIP_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = tip_buf_vaddf(&message, fmt, ap);
	va_end(ap);
	if (!err)
		err = tip_buf_addf(&file, "%s/%s.yaml", c->g->folder, l->from);
	if (!err)
		err = tip_buf_addf(&path, "/%s/%u", link_fields[l->kind], l->index);
	if (!err)
		err = tip_diag_list_addf(c->findings, tip_buf_str(&file), l->line, l->col,
			tip_buf_str(&path), keyword, "%s", tip_buf_str(&message));
	tip_buf_dispose(&file);
	tip_buf_dispose(&path);
	tip_buf_dispose(&message);
	return err;
}

/* A broader or narrower link that closes a circle: the concept would be broader than
 * itself. */
static tip_error *check_hierarchy_link(struct check *c, const struct link *l)
{
	size_t u, v;
	edge_of(&c->gr, l, &u, &v);
	c->chain[0] = l->from;
	c->chain_len = 1;
	if (u == v)
		return report(c, l, "broader-cycle", "\"%s\" names this definition itself as %s: "
			"a concept cannot be broader or narrower than itself; remove it", l->to,
			link_fields[l->kind]);
	if (!reaches(&c->gr, v, u))
		return NULL;
	chain_up(c, v, u);
	memmove(c->chain + 1, c->chain, c->chain_len * sizeof(*c->chain));
	c->chain[0] = c->gr.names[u];
	c->chain_len++;
	tip_error *err = describe_chain(c, l->from);
	return err ? err : report(c, l, "broader-cycle", "broader concepts go round in a circle: "
		"%s (%s): a concept cannot be broader than itself; remove one of the links",
		tip_buf_str(&c->text), tip_buf_str(&c->files));
}

/* A related link to the concept itself, or to one in its own broader or narrower chain
 * (SKOS S27: related and broader exclude each other). */
static tip_error *check_related_link(struct check *c, const struct link *l)
{
	size_t a = node_of(&c->gr, l->from), b = node_of(&c->gr, l->to);
	c->chain[0] = l->from;
	c->chain_len = 1;
	if (a == b)
		return report(c, l, "related-clash", "\"%s\" names this definition itself as "
			"related: remove it", l->to);
	const char *which;
	if (reaches(&c->gr, a, b)) {
		chain_up(c, a, b);
		which = "broader";
	} else if (reaches(&c->gr, b, a)) {
		chain_up(c, b, a);
		which = "narrower";
	} else {
		return NULL;
	}
	tip_error *err = describe_chain(c, l->from);
	return err ? err : report(c, l, "related-clash", "\"%s\" is related here and also a %s "
		"concept of this one (%s; %s): SKOS keeps related for concepts outside each "
		"other's broader and narrower chains; remove one of the links", l->to, which,
		tip_buf_str(&c->text), tip_buf_str(&c->files));
}

tip_error *tip_glossary_check(const tip_glossary *g, tip_diag_list *findings,
	tip_glossary_keep_fn keep, void *keep_ctx)
{
	struct check c = { .g = g, .findings = findings, .keep = keep, .keep_ctx = keep_ctx,
		.text = TIP_BUF_INIT, .files = TIP_BUF_INIT };
	tip_error *err = graph_build(&c.gr, g);
	if (!err && !(c.chain = malloc((c.gr.n + 2) * sizeof(*c.chain))))
		err = tip_error_nomem();
	for (size_t i = 0; !err && i < g->count; i++) {
		const struct link *l = &g->links[i];
		if (l->reported)
			err = l->kind == LINK_RELATED ? check_related_link(&c, l)
						      : check_hierarchy_link(&c, l);
	}
	free(c.chain);
	tip_buf_dispose(&c.text);
	tip_buf_dispose(&c.files);
	graph_dispose(&c.gr);
	return err;
}
