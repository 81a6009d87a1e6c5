/* The glossary as tip lint reads it: the vocabulary built from the definitions, its integrity
 * (SKOS: one preferred term each, one role a label), and finding its labels in text. */
#include "lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "due.h"
#include "words.h"

/* ---- the vocabulary ---- */

struct label {
	const char *key;         /* as it compares: see label_key */
	size_t key_len;
	const tip_node *node;    /* as written, where it is written */
	const char *pointer;     /* its place in the definition, a JSON Pointer */
	tip_lint_role role;
	size_t definition;
	const char *use_instead; /* TIP_LINT_AVOID: the definition's use_instead, or NULL */
};

struct definition {
	const char *file;
	const char *term; /* the preferred term, or NULL */
};

/* The labels' keys as a trie, one byte an edge (a space stands for any run of whitespace), to
 * find the longest label at each place of a text in one walk. */
struct trie_node {
	unsigned char byte;
	uint32_t child, sibling; /* indexes of nodes; 0 (the root) for none */
	uint32_t label;          /* 1 + the index of the label whose key ends here, or 0 */
};

struct tip_lint_vocab {
	tip_arena *arena;
	struct definition *definitions;
	size_t definition_count;
	struct label *labels;
	size_t label_count, label_cap;
	struct trie_node *trie;
	size_t trie_count, trie_cap;
};

/* Length of the whitespace character at t[i] (a no-break space too: text pasted from
 * documents has them between words), or 0. */
static size_t space_at(const unsigned char *t, size_t len, size_t i)
{
	if (tip_is_space(t[i]))
		return 1;
	return t[i] == 0xc2 && i + 1 < len && t[i + 1] == 0xa0 ? 2 : 0;
}

/* A label as it compares: ASCII lower case, runs of whitespace as one space, none at the
 * ends. */
static char *label_key(tip_arena *arena, const char *s, size_t len, size_t *key_len)
{
	const unsigned char *t = (const unsigned char *)s;
	char *key = tip_arena_alloc(arena, len + 1);
	if (!key)
		return NULL;
	size_t n = 0;
	for (size_t i = 0, space; i < len; i += space ? space : 1) {
		if (!(space = space_at(t, len, i)))
			key[n++] = (char)tip_to_lower(t[i]);
		else if (n > 0 && key[n - 1] != ' ')
			key[n++] = ' ';
	}
	if (n > 0 && key[n - 1] == ' ')
		n--;
	key[n] = '\0';
	*key_len = n;
	return key;
}

static tip_error *add_label(tip_lint_vocab *v, size_t definition, tip_lint_role role,
	const tip_node *node, const char *use_instead, const char *pointer)
{
	if (!node || node->type != TIP_NODE_STR)
		return NULL;
	if (v->label_count == v->label_cap) {
		size_t cap = v->label_cap ? v->label_cap * 2 : 64;
		struct label *labels = realloc(v->labels, cap * sizeof(*labels));
		if (!labels)
			return tip_error_nomem();
		v->labels = labels;
		v->label_cap = cap;
	}
	struct label *l = &v->labels[v->label_count];
	*l = (struct label){ NULL, 0, node, tip_arena_strdup(v->arena, pointer), role, definition,
		use_instead };
	l->key = label_key(v->arena, node->str, node->len, &l->key_len);
	if (!l->key || !l->pointer)
		return tip_error_nomem();
	if (l->key_len > 0)
		v->label_count++; /* an empty label names nothing */
	return NULL;
}

/* The labels of one list field (alt_labels, hidden_labels). */
static tip_error *add_list(tip_lint_vocab *v, size_t definition, const tip_node *root,
	const char *field, tip_lint_role role)
{
	const tip_node *list = tip_node_get(root, field);
	tip_error *err = NULL;
	for (size_t i = 0; !err && list && list->type == TIP_NODE_SEQ && i < list->count; i++) {
		char pointer[64];
		snprintf(pointer, sizeof(pointer), "/%s/%zu", field, i);
		err = add_label(v, definition, role, list->items[i], NULL, pointer);
	}
	return err;
}

static tip_error *add_avoid(tip_lint_vocab *v, size_t definition, const tip_node *root)
{
	const tip_node *list = tip_node_get(root, "avoid");
	tip_error *err = NULL;
	for (size_t i = 0; !err && list && list->type == TIP_NODE_SEQ && i < list->count; i++) {
		char pointer[64];
		snprintf(pointer, sizeof(pointer), "/avoid/%zu/term", i);
		err = add_label(v, definition, TIP_LINT_AVOID, tip_node_get(list->items[i], "term"),
			tip_due_text(list->items[i], "use_instead"), pointer);
	}
	return err;
}

static tip_error *add_definition(tip_lint_vocab *v, size_t i, const char *file,
	const tip_node *root)
{
	v->definitions[i] = (struct definition){ file, tip_due_text(root, "term") };
	tip_error *err = add_label(v, i, TIP_LINT_PREFERRED, tip_node_get(root, "term"), NULL,
		"/term");
	if (!err)
		err = add_list(v, i, root, "alt_labels", TIP_LINT_ALTERNATIVE);
	if (!err)
		err = add_list(v, i, root, "hidden_labels", TIP_LINT_HIDDEN);
	return err ? err : add_avoid(v, i, root);
}

static uint32_t trie_child(const tip_lint_vocab *v, uint32_t node, unsigned char byte)
{
	for (uint32_t c = v->trie[node].child; c; c = v->trie[c].sibling)
		if (v->trie[c].byte == byte)
			return c;
	return 0;
}

static tip_error *trie_add_child(tip_lint_vocab *v, uint32_t node, unsigned char byte,
	uint32_t *out)
{
	if (v->trie_count == v->trie_cap) {
		size_t cap = v->trie_cap ? v->trie_cap * 2 : 256;
		struct trie_node *trie = cap < UINT32_MAX ? realloc(v->trie, cap * sizeof(*trie)) : NULL;
		if (!trie)
			return tip_error_nomem();
		v->trie = trie;
		v->trie_cap = cap;
	}
	*out = (uint32_t)v->trie_count++;
	v->trie[*out] = (struct trie_node){ byte, 0, v->trie[node].child, 0 };
	v->trie[node].child = *out;
	return NULL;
}

/* Adds label i's key. Where two labels have the same key, a preferred or alternative label
 * wins over a hidden one, and that over a term to avoid: the clash is reported once, in the
 * glossary, rather than at every use. */
static tip_error *trie_add(tip_lint_vocab *v, size_t i)
{
	const struct label *l = &v->labels[i];
	uint32_t node = 0;
	tip_error *err = NULL;
	for (size_t k = 0; !err && k < l->key_len; k++) {
		uint32_t next = trie_child(v, node, (unsigned char)l->key[k]);
		if (!next)
			err = trie_add_child(v, node, (unsigned char)l->key[k], &next);
		node = next;
	}
	uint32_t *at = err ? NULL : &v->trie[node].label;
	if (at && (!*at || v->labels[*at - 1].role > l->role))
		*at = (uint32_t)i + 1;
	return err;
}

static tip_error *index_labels(tip_lint_vocab *v)
{
	if (v->label_count >= UINT32_MAX || !(v->trie = calloc(1, sizeof(*v->trie))))
		return tip_error_nomem();
	v->trie_count = v->trie_cap = 1; /* the root */
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < v->label_count; i++)
		err = trie_add(v, i);
	return err;
}

tip_error *tip_lint_vocab_build(tip_lint_vocab **out, const char *const *files,
	const tip_node *const *roots, size_t count)
{
	tip_lint_vocab *v = calloc(1, sizeof(*v));
	*out = NULL;
	if (!v || !(v->arena = tip_arena_new()) ||
	    !(v->definitions = calloc(count + 1, sizeof(*v->definitions)))) {
		tip_lint_vocab_free(v);
		return tip_error_nomem();
	}
	v->definition_count = count;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count; i++)
		err = add_definition(v, i, files[i], roots[i]);
	if (!err)
		err = index_labels(v);
	if (err) {
		tip_lint_vocab_free(v);
		return err;
	}
	*out = v;
	return NULL;
}

void tip_lint_vocab_free(tip_lint_vocab *vocab)
{
	if (!vocab)
		return;
	tip_arena_free(vocab->arena);
	free(vocab->definitions);
	free(vocab->labels);
	free(vocab->trie);
	free(vocab);
}

/* ---- the glossary's integrity ---- */

static const tip_lint_vocab *sorting_vocab; /* qsort has no context argument */

static int compare_keys(const void *pa, const void *pb)
{
	const struct label *a = &sorting_vocab->labels[*(const size_t *)pa];
	const struct label *b = &sorting_vocab->labels[*(const size_t *)pb];
	int c = strcmp(a->key, b->key);
	if (c == 0 && a->definition != b->definition)
		c = a->definition < b->definition ? -1 : 1;
	if (c == 0 && a->role != b->role)
		c = a->role < b->role ? -1 : 1;
	return c;
}

static const char *role_words(tip_lint_role role)
{
	switch (role) {
	case TIP_LINT_PREFERRED: return "the preferred term";
	case TIP_LINT_ALTERNATIVE: return "an alternative label";
	case TIP_LINT_HIDDEN: return "a hidden label";
	case TIP_LINT_AVOID: break;
	}
	return "a term to avoid";
}

static void report_label(const tip_lint_vocab *v, const struct label *at, const char *keyword,
	const char *message, tip_finding_fn finding, void *ctx)
{
	tip_finding f = { v->definitions[at->definition].file, at->node->line, at->node->col,
		at->pointer, keyword, message, TIP_SEVERITY_ERROR };
	finding(ctx, &f);
}

/* The finding at one of two labels that clash, naming the other. */
static void report_clash(const tip_lint_vocab *v, const struct label *at,
	const struct label *other, tip_finding_fn finding, void *ctx)
{
	char message[1024];
	const char *other_file = v->definitions[other->definition].file;
	if (at->role == TIP_LINT_PREFERRED && other->role == TIP_LINT_PREFERRED) {
		snprintf(message, sizeof(message), "\"%s\" is also the preferred term in %s: "
			"preferred terms are unique", at->node->str, other_file);
		report_label(v, at, "duplicate-term", message, finding, ctx);
		return;
	}
	if (at->definition == other->definition)
		snprintf(message, sizeof(message), "\"%s\" is %s here and %s on line %u of this "
			"definition", at->node->str, role_words(at->role), role_words(other->role),
			other->node->line);
	else
		snprintf(message, sizeof(message), "\"%s\" is %s here and %s in %s", at->node->str,
			role_words(at->role), role_words(other->role), other_file);
	report_label(v, at, "label-clash", message, finding, ctx);
}

/* Whether two uses of one label contradict each other. A label may be alternative (an acronym
 * with two expansions), hidden, or to avoid in several definitions; any other pair of roles
 * says two things about the same words. The same label twice in one role of one definition is
 * a repetition, not a contradiction. */
static bool clash(const struct label *a, const struct label *b)
{
	if (a->role == b->role)
		return a->role == TIP_LINT_PREFERRED && a->definition != b->definition;
	return true;
}

tip_error *tip_lint_vocab_check(const tip_lint_vocab *vocab, tip_finding_fn finding, void *ctx)
{
	size_t n = vocab->label_count;
	size_t *order = malloc((n + 1) * sizeof(*order));
	if (!order)
		return tip_error_nomem();
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	sorting_vocab = vocab;
	if (n > 1)
		qsort(order, n, sizeof(*order), compare_keys);
	sorting_vocab = NULL;
	for (size_t start = 0, end; start < n; start = end) {
		const struct label *first = &vocab->labels[order[start]];
		for (end = start + 1; end < n && strcmp(vocab->labels[order[end]].key,
			first->key) == 0; end++)
			;
		for (size_t i = start; i < end; i++)
			for (size_t j = i + 1; j < end; j++) {
				const struct label *a = &vocab->labels[order[i]];
				const struct label *b = &vocab->labels[order[j]];
				if (!clash(a, b))
					continue;
				report_clash(vocab, a, b, finding, ctx);
				report_clash(vocab, b, a, finding, ctx);
			}
	}
	free(order);
	return NULL;
}

/* ---- finding labels in text ---- */

/* The longest label that matches text at p, or NULL; *end is where it ends. A label that
 * starts with a word character matches only where a word starts, and one that ends with a
 * word character only where a word ends. */
static const struct label *longest_at(const tip_lint_vocab *v, const char *text, size_t len,
	size_t p, size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	const struct label *best = NULL;
	if (word_at(text, len, p) && word_before(text, p))
		return NULL;
	uint32_t node = 0;
	for (size_t i = p; i < len;) {
		size_t n = space_at(t, len, i);
		node = trie_child(v, node, n ? ' ' : tip_to_lower(t[i]));
		if (!node)
			break;
		i += n ? n : 1;
		while (n && i < len && (n = space_at(t, len, i)))
			i += n;
		uint32_t here = v->trie[node].label;
		const struct label *l = here ? &v->labels[here - 1] : NULL;
		if (l && !(word_before(l->key, l->key_len) && word_at(text, len, i))) {
			best = l;
			*end = i;
		}
	}
	return best;
}

struct quote {
	const char *open, *close;
};

static bool has_at(const char *text, size_t len, size_t at, const char *s)
{
	size_t n = strlen(s);
	return at <= len && len - at >= n && memcmp(text + at, s, n) == 0;
}

/* Whether text[start..end) stands in quotation marks: a closing mark right after it or after
 * one punctuation mark, an opening mark right before it that is not an apostrophe (which
 * follows a letter). */
static bool is_mention(const char *text, size_t len, size_t start, size_t end)
{
	static const struct quote quotes[] = {
		{ "\"", "\"" }, { "'", "'" },
		{ "\xe2\x80\x98", "\xe2\x80\x99" }, /* ‘ ’ */
		{ "\xe2\x80\x9c", "\xe2\x80\x9d" }, /* “ ” */
	};
	for (size_t i = 0; i < sizeof(quotes) / sizeof(quotes[0]); i++) {
		size_t n = strlen(quotes[i].open);
		if (start < n || !has_at(text, len, start - n, quotes[i].open))
			continue;
		if (word_before(text, start - n))
			continue;
		if (has_at(text, len, end, quotes[i].close) ||
		    (end < len && tip_is_one_of((unsigned char)text[end], ".,;:!?") &&
		     has_at(text, len, end + 1, quotes[i].close)))
			return true;
	}
	return false;
}

bool tip_lint_vocab_next(const tip_lint_vocab *vocab, const char *text, size_t len,
	size_t *from, tip_lint_hit *hit)
{
	for (size_t p = *from; p < len;) {
		size_t end;
		const struct label *l = longest_at(vocab, text, len, p, &end);
		if (!l) {
			p++;
			continue;
		}
		if (l->role == TIP_LINT_PREFERRED || l->role == TIP_LINT_ALTERNATIVE ||
		    is_mention(text, len, p, end)) {
			p = end;
			continue;
		}
		const char *preferred = vocab->definitions[l->definition].term;
		*hit = (tip_lint_hit){ p, end, l->role, l->node->str,
			l->use_instead ? l->use_instead : preferred };
		*from = end;
		return true;
	}
	*from = len;
	return false;
}
