#include "lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "due.h"

/* ---- characters ---- */

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(unsigned char c)
{
	return is_alpha(c) || is_digit(c);
}

/* The code point of the character that starts at s[i], its length in *n; a byte that does
 * not start valid UTF-8 stands for itself. */
static uint32_t char_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
	unsigned char c = s[i];
	size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	uint32_t cp = want == 1 ? c : c & (0x7f >> want);
	for (size_t k = 1; k < want; k++) {
		if (i + k >= len || (s[i + k] & 0xc0) != 0x80) {
			*n = 1;
			return c;
		}
		cp = cp << 6 | (s[i + k] & 0x3f);
	}
	*n = want;
	return cp;
}

/* The code point of the character that ends just before s[i] (i > 0). */
static uint32_t char_before(const unsigned char *s, size_t i)
{
	size_t start = i - 1, n;
	while (start > 0 && i - start < 4 && (s[start] & 0xc0) == 0x80)
		start--;
	uint32_t cp = char_at(s, i, start, &n);
	return start + n == i ? cp : s[i - 1];
}

/* What words are made of: ASCII letters and digits, '_', and the characters beyond ASCII
 * (so "café" is one word) except punctuation: Latin-1's (no-break space, « », £ ...), the
 * general punctuation block (dashes, ‘ ’ “ ”, …) and CJK punctuation. */
static bool is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return cp == '_' || is_alnum((unsigned char)cp);
	return !(cp >= 0xa0 && cp <= 0xbf) && !(cp >= 0x2000 && cp <= 0x206f) &&
		!(cp >= 0x3000 && cp <= 0x303f);
}

static bool word_at(const char *text, size_t len, size_t i)
{
	size_t n;
	return i < len && is_word_char(char_at((const unsigned char *)text, len, i, &n));
}

static bool word_before(const char *text, size_t i)
{
	return i > 0 && is_word_char(char_before((const unsigned char *)text, i));
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_one_of(unsigned char c, const char *set)
{
	return c != '\0' && strchr(set, c) != NULL;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

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
	if (is_space(t[i]))
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
			key[n++] = (char)fold(t[i]);
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
		node = trie_child(v, node, n ? ' ' : fold(t[i]));
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
		    (end < len && is_one_of((unsigned char)text[end], ".,;:!?") &&
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

/* ---- contact details ---- */

static bool is_local_part(unsigned char c)
{
	return is_alnum(c) || is_one_of(c, "._%+-");
}

/* An email address around the '@' at text[at]: a local part, then two or more domain labels
 * joined by dots, the last one (the top-level domain) of two letters or more. */
static bool email_at(const char *text, size_t len, size_t at, size_t from, size_t *start,
	size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	size_t s = at;
	while (s > from && is_local_part(t[s - 1]))
		s--;
	while (s < at && t[s] == '.')
		s++;
	if (s == at)
		return false;
	size_t i = at + 1, labels = 0, last = i;
	for (;;) {
		size_t label = i;
		while (i < len && (is_alnum(t[i]) || t[i] == '-'))
			i++;
		if (i == label)
			break;
		labels++;
		last = label;
		if (i + 1 < len && t[i] == '.' && is_alnum(t[i + 1]))
			i++;
		else
			break;
	}
	if (labels < 2 || i - last < 2)
		return false;
	for (size_t k = last; k < i; k++)
		if (!is_alpha(t[k]))
			return false;
	*start = s;
	*end = i;
	return true;
}

/* A number does not start right after these: a word (codes such as ABC0123), a hyphen or a
 * slash (ranges and dates), a dot (decimals and versions), a plus, or a currency sign (money:
 * $, and £, ¥ and the currency symbols block beyond ASCII). */
static bool runs_on(const char *text, size_t p)
{
	if (p == 0)
		return false;
	uint32_t c = char_before((const unsigned char *)text, p);
	return is_word_char(c) || (c < 0x80 && is_one_of((unsigned char)c, "-/.+$")) ||
		c == 0xa3 || c == 0xa5 || (c >= 0x20a0 && c <= 0x20cf);
}

/* The digits of a number as groups: "+44 (0)20 7946 0958" is 44, 0, 20, 7946, 0958. */
struct digits {
	size_t count;       /* digits in all */
	size_t groups;
	size_t first_group; /* digits in the first group */
	size_t shortest;    /* digits in the shortest group after the first */
	char lead[2];       /* the first two digits */
	bool plus;
};

static void count_group(struct digits *d, const unsigned char *group, size_t n)
{
	for (size_t i = 0; i < n && d->count + i < 2; i++)
		d->lead[d->count + i] = (char)group[i];
	d->count += n;
	if (d->groups++ == 0)
		d->first_group = n;
	else if (n < d->shortest)
		d->shortest = n;
}

/* Reads groups of digits from p, separated by one space, hyphen or dot, a group possibly in
 * parentheses ("(01234) 567890", "+44 (0)20"); returns where the last group ends (p when
 * there is none). */
static size_t read_groups(const unsigned char *t, size_t len, size_t p, struct digits *d)
{
	size_t i = p, last_end = p;
	if (t[i] == '+') {
		d->plus = true;
		i++;
	}
	while (i < len) {
		bool paren = t[i] == '(';
		size_t start = i + paren, k = start;
		while (k < len && is_digit(t[k]))
			k++;
		if (k == start || (paren && (k >= len || t[k] != ')')))
			break;
		count_group(d, t + start, k - start);
		i = last_end = k + paren;
		if (i + 1 < len && is_one_of(t[i], " -.") && (is_digit(t[i + 1]) || t[i + 1] == '('))
			i++;
		else if (!(paren && i < len && is_digit(t[i])))
			break;
	}
	return last_end;
}

/* Whether the digits make a phone number (see tip_lint_contact_next). */
static bool is_phone(const struct digits *d)
{
	if (d->plus)
		return d->count >= 8 && d->count <= 15;
	if (d->count < 2 || d->lead[0] != '0')
		return false;
	if (d->lead[1] == '0')
		return d->count >= 10 && d->count <= 17;
	return d->count >= 10 && d->count <= 11 &&
		(d->groups == 1 || (d->first_group >= 3 && d->first_group <= 5 && d->shortest >= 3));
}

static bool phone_at(const char *text, size_t len, size_t p, size_t *end)
{
	const unsigned char *t = (const unsigned char *)text;
	if (runs_on(text, p))
		return false;
	struct digits d = { .shortest = SIZE_MAX };
	size_t e = read_groups(t, len, p, &d);
	if (e == p || word_at(text, len, e) || (e < len && t[e] == '@') || !is_phone(&d))
		return false;
	*end = e;
	return true;
}

bool tip_lint_contact_next(const char *text, size_t len, size_t *from, size_t *start,
	size_t *end, tip_lint_contact *kind)
{
	for (size_t p = *from; p < len; p++) {
		unsigned char c = (unsigned char)text[p];
		if (c == '@' && email_at(text, len, p, *from, start, end)) {
			*kind = TIP_LINT_EMAIL;
			*from = *end;
			return true;
		}
		if ((c == '+' || c == '(' || c == '0') && phone_at(text, len, p, end)) {
			*start = p;
			*kind = TIP_LINT_PHONE;
			*from = *end;
			return true;
		}
	}
	*from = len;
	return false;
}

/* ---- places in the source ---- */

/* A place in a file: a byte offset and its line and column as the loader counts them. */
struct place {
	size_t offset;
	unsigned line, col;
};

/* Length of the line break at s[i] as libyaml counts them (CR LF, CR, LF, and NEL, LS and PS),
 * which is how the nodes' lines are counted; 0 when there is none. */
static size_t break_at(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] == '\r')
		return i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	if (s[i] == '\n')
		return 1;
	if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0x85)
		return 2;
	if (s[i] == 0xe2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))
		return 3;
	return 0;
}

/* Moves p on by one character or one line break; columns count characters. */
static void step(struct place *p, const unsigned char *s, size_t len)
{
	size_t n = break_at(s, len, p->offset);
	if (n) {
		p->offset += n;
		p->line++;
		p->col = 1;
		return;
	}
	p->offset++;
	while (p->offset < len && (s[p->offset] & 0xc0) == 0x80)
		p->offset++;
	p->col++;
}

/* Moves p (a place before the node) on to the node's first character. A leading byte order
 * mark takes no column, as in the loader's positions. */
static bool find_node(struct place *p, const unsigned char *s, size_t len, const tip_node *node)
{
	if (p->line > node->line || (p->line == node->line && p->col > node->col) ||
	    p->offset == 0) {
		*p = (struct place){ 0, 1, 1 };
		if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
			p->offset = 3;
	}
	while (p->offset < len && (p->line < node->line || p->col < node->col)) {
		if (p->line == node->line && break_at(s, len, p->offset))
			return false;
		step(p, s, len);
	}
	return p->offset < len && p->line == node->line && p->col == node->col;
}

/* Moves p from the node's first character to where its value's text starts: after the
 * opening quote, or to the line break that ends a block scalar's header (with any comment on
 * it); the breaks and indentation after it are skipped as the value is read. */
static bool skip_to_value(struct place *p, const unsigned char *s, size_t len,
	const tip_node *node)
{
	switch (node->style) {
	case TIP_STYLE_SINGLE:
	case TIP_STYLE_DOUBLE:
		if (s[p->offset] != (node->style == TIP_STYLE_SINGLE ? '\'' : '"'))
			return false;
		step(p, s, len);
		return true;
	case TIP_STYLE_LITERAL:
	case TIP_STYLE_FOLDED:
		while (p->offset < len && !break_at(s, len, p->offset))
			step(p, s, len);
		return p->offset < len;
	default:
		return node->style == TIP_STYLE_PLAIN;
	}
}

static void skip_blanks(struct place *p, const unsigned char *s, size_t len)
{
	while (p->offset < len && (is_space(s[p->offset]) || break_at(s, len, p->offset)))
		step(p, s, len);
}

/* Moves p past n bytes of source that are all within one line. */
static void pass_bytes(struct place *p, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p->col += (s[p->offset++] & 0xc0) != 0x80;
}

/* Moves p from the start of the value's text in source to the byte at offset in its value,
 * reading both side by side: every character of the value that is not whitespace is in the
 * source as it is (a quote doubled in a single-quoted scalar); whitespace may be folded line
 * breaks, indentation or spaces the loader dropped, so whitespace on either side is skipped.
 * In a double-quoted scalar an escape stands for text whose place this reading cannot tell:
 * from the first escape on, false (the caller falls back to the scalar's own place). */
static bool read_to(struct place *p, const unsigned char *s, size_t len, const tip_node *node,
	size_t offset)
{
	const unsigned char *v = (const unsigned char *)node->str;
	for (size_t k = 0; k <= offset; k++) {
		if (k < offset && is_space(v[k]))
			continue;
		skip_blanks(p, s, len);
		if (p->offset >= len || (node->style == TIP_STYLE_DOUBLE && s[p->offset] == '\\'))
			return false;
		if (k == offset)
			return true;
		size_t n = node->style == TIP_STYLE_SINGLE && v[k] == '\'' ? 2 : 1;
		if (len - p->offset < n || s[p->offset] != v[k] || s[p->offset + n - 1] != v[k])
			return false;
		pass_bytes(p, s, n);
	}
	return false;
}

/* The place of the byte at offset in scalar's value; cursor is a place at or before the
 * scalar (it is moved to the scalar's start, to find the next one faster), source may be
 * NULL. */
static void position_from(unsigned *line, unsigned *col, struct place *cursor,
	const char *source, size_t len, const tip_node *scalar, size_t offset)
{
	const unsigned char *s = (const unsigned char *)source;
	*line = scalar->line;
	*col = scalar->col;
	if (!source || offset >= scalar->len || !find_node(cursor, s, len, scalar))
		return;
	struct place p = *cursor;
	if (skip_to_value(&p, s, len, scalar) && read_to(&p, s, len, scalar, offset)) {
		*line = p.line;
		*col = p.col;
	}
}

void tip_lint_position(unsigned *line, unsigned *col, const char *source, size_t len,
	const tip_node *scalar, size_t offset)
{
	struct place cursor = { 0, 1, 1 };
	position_from(line, col, &cursor, source, len, scalar, offset);
}

/* ---- one record ---- */

struct record_run {
	const tip_lint_vocab *vocab;
	const char *file;
	const char *source; /* NULL until read (or when it cannot be) */
	size_t source_len;
	const char *disk_path; /* the file to read the source from when it is needed */
	tip_buf text;          /* the source, when read here */
	struct place cursor;
	tip_buf pointer; /* the JSON Pointer of the value being looked at */
	tip_finding_fn finding;
	void *ctx;
};

/* What applies to a value, from its schema. */
struct scope {
	const tip_subschema *object; /* a mapping value's schema (NULL: not known) */
	const tip_subschema *items;  /* a sequence value's items' schema */
	bool no_terms;               /* terms are not looked for (an enum, ids, dates, labels) */
	bool items_no_terms;
	bool personal;               /* x-tip-personal: nothing is checked */
	bool definition;             /* the fields of a definition */
};

/* The source is read only for a record with findings: most have none. A file that cannot be
 * read now (removed since it was loaded) leaves each finding at its value's own place. */
static tip_error *need_source(struct record_run *r)
{
	if (r->source || !r->disk_path)
		return NULL;
	FILE *f = fopen(r->disk_path, "rb");
	r->disk_path = NULL;
	if (!f)
		return NULL;
	tip_error *err = tip_buf_add_stream(&r->text, f, r->file);
	fclose(f);
	if (err)
		return err;
	r->source = tip_buf_str(&r->text);
	r->source_len = r->text.len;
	return NULL;
}

static tip_error *report(struct record_run *r, const tip_node *node, size_t offset,
	tip_severity severity, const char *keyword, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static tip_error *report(struct record_run *r, const tip_node *node, size_t offset,
	tip_severity severity, const char *keyword, const char *fmt, ...)
{
	tip_error *err = need_source(r);
	if (err)
		return err;
	unsigned line, col;
	position_from(&line, &col, &r->cursor, r->source, r->source_len, node, offset);
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	tip_finding f = { r->file, line, col, tip_buf_str(&r->pointer), keyword, message,
		severity };
	r->finding(r->ctx, &f);
	return NULL;
}

static tip_error *report_hit(struct record_run *r, const tip_node *node,
	const tip_lint_hit *hit)
{
	if (hit->role == TIP_LINT_HIDDEN && hit->replacement)
		return report(r, node, hit->start, TIP_SEVERITY_WARNING, "hidden-label",
			"\"%s\" is a variant of the preferred term \"%s\"", hit->label,
			hit->replacement);
	if (hit->role == TIP_LINT_HIDDEN)
		return report(r, node, hit->start, TIP_SEVERITY_WARNING, "hidden-label",
			"\"%s\" is a variant of a preferred term", hit->label);
	if (hit->replacement)
		return report(r, node, hit->start, TIP_SEVERITY_ERROR, "avoid-term",
			"\"%s\" is a term to avoid: use \"%s\" instead", hit->label, hit->replacement);
	return report(r, node, hit->start, TIP_SEVERITY_ERROR, "avoid-term",
		"\"%s\" is a term to avoid", hit->label);
}

static tip_error *check_contacts(struct record_run *r, const tip_node *node)
{
	size_t from = 0, start, end;
	tip_lint_contact kind;
	tip_error *err = NULL;
	while (!err && tip_lint_contact_next(node->str, node->len, &from, &start, &end, &kind))
		err = report(r, node, start, TIP_SEVERITY_ERROR, "personal-data",
			"%s in a field not marked personal: contact details are not kept in records",
			kind == TIP_LINT_EMAIL ? "email address" : "phone number");
	return err;
}

static tip_error *check_text(struct record_run *r, const tip_node *node, bool no_terms)
{
	size_t from = 0;
	tip_lint_hit hit;
	tip_error *err = NULL;
	while (!err && !no_terms && tip_lint_vocab_next(r->vocab, node->str, node->len, &from,
		&hit))
		err = report_hit(r, node, &hit);
	return err ? err : check_contacts(r, node);
}

/* Formats whose values are data, not prose. */
static bool is_data_format(const char *format)
{
	return format && (strcmp(format, "date") == 0 || strcmp(format, "date-time") == 0 ||
		strcmp(format, "uri") == 0 || strcmp(format, "email") == 0);
}

/* A definition's own labels: they name the words the text is checked for. */
static bool is_label_field(const char *name)
{
	return strcmp(name, "term") == 0 || strcmp(name, "alt_labels") == 0 ||
		strcmp(name, "hidden_labels") == 0 || strcmp(name, "avoid") == 0;
}

static struct scope field_scope(const tip_field *f, const struct scope *parent)
{
	struct scope s = { 0 };
	s.personal = parent->personal || f->personal;
	s.no_terms = parent->no_terms || f->enum_count || f->ref_type || is_data_format(f->format);
	s.object = f->schema;
	s.items = f->items;
	s.items_no_terms = s.no_terms || f->item_enum_count;
	return s;
}

static const tip_field *field_named(const tip_field *fields, size_t count, const char *name)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

/* Appends "/" and the key, escaped as JSON Pointer says (~ as ~0, / as ~1). */
static tip_error *push_key(tip_buf *pointer, const char *key)
{
	tip_error *err = tip_buf_addc(pointer, '/');
	for (; !err && *key; key++)
		err = *key == '~' ? tip_buf_adds(pointer, "~0")
			: *key == '/' ? tip_buf_adds(pointer, "~1") : tip_buf_addc(pointer, *key);
	return err;
}

static void pop_to(tip_buf *pointer, size_t len)
{
	if (pointer->data) {
		pointer->len = len;
		pointer->data[len] = '\0';
	}
}

static tip_error *walk(struct record_run *r, const tip_node *node, const struct scope *scope);

static tip_error *walk_map(struct record_run *r, const tip_node *map, const struct scope *scope)
{
	tip_field *fields = NULL;
	size_t count = 0, len = r->pointer.len;
	tip_error *err = scope->object ? tip_subschema_fields(&fields, &count, scope->object) : NULL;
	for (size_t i = 0; !err && i < map->count; i++) {
		const char *key = map->pairs[i].key->str;
		const tip_field *f = field_named(fields, count, key);
		struct scope child = { .personal = scope->personal, .no_terms = scope->no_terms,
			.items_no_terms = scope->no_terms };
		if (f)
			child = field_scope(f, scope);
		if (scope->definition && is_label_field(key))
			child.no_terms = child.items_no_terms = true;
		err = push_key(&r->pointer, key);
		if (!err)
			err = walk(r, map->pairs[i].value, &child);
		pop_to(&r->pointer, len);
	}
	free(fields);
	return err;
}

static tip_error *walk_seq(struct record_run *r, const tip_node *seq, const struct scope *scope)
{
	struct scope item = { .object = scope->items, .no_terms = scope->items_no_terms,
		.items_no_terms = scope->items_no_terms, .personal = scope->personal };
	size_t len = r->pointer.len;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < seq->count; i++) {
		err = tip_buf_addf(&r->pointer, "/%zu", i);
		if (!err)
			err = walk(r, seq->items[i], &item);
		pop_to(&r->pointer, len);
	}
	return err;
}

static tip_error *walk(struct record_run *r, const tip_node *node, const struct scope *scope)
{
	if (scope->personal)
		return NULL;
	switch (node->type) {
	case TIP_NODE_MAP: return walk_map(r, node, scope);
	case TIP_NODE_SEQ: return walk_seq(r, node, scope);
	case TIP_NODE_STR: return check_text(r, node, scope->no_terms);
	case TIP_NODE_INT: return check_contacts(r, node); /* 07700900123 unquoted is a number */
	default: return NULL;
	}
}

static tip_error *lint_record(struct record_run *r, const tip_type *type, const tip_node *root)
{
	if (!type->schema || !root)
		return NULL;
	struct scope scope = { .object = tip_schema_root(type->schema),
		.definition = strcmp(type->name, "definition") == 0 };
	tip_error *err = walk(r, root, &scope);
	tip_buf_free(&r->pointer);
	tip_buf_free(&r->text);
	return err;
}

tip_error *tip_lint_record(const tip_lint_vocab *vocab, const tip_type *type, const char *file,
	const tip_node *root, const char *source, size_t source_len, tip_finding_fn finding,
	void *ctx)
{
	struct record_run r = { .vocab = vocab, .file = file, .source = source,
		.source_len = source_len, .finding = finding, .ctx = ctx };
	return lint_record(&r, type, root);
}

/* ---- dates that have passed ---- */

static void report_overdue(const tip_due_item *item, tip_date today, tip_finding_fn finding,
	void *ctx)
{
	bool review = item->kind == TIP_DUE_CHAMPION_REVIEW;
	const char *key = review ? "review_by" : "due";
	const tip_node *node = tip_node_get(item->record->root, key);
	char date[TIP_DATE_LEN], message[256], pointer[16];
	long days = (long)(today - item->date);
	tip_date_format(date, item->date);
	snprintf(message, sizeof(message), "%s %s has passed (%ld day%s overdue)%s",
		review ? "review by date" : "due date", date, days, days == 1 ? "" : "s",
		review ? "" : " and the action is neither done nor cancelled");
	snprintf(pointer, sizeof(pointer), "/%s", key);
	tip_finding f = { item->record->path, node->line, node->col, pointer,
		review ? "review-overdue" : "action-overdue", message, TIP_SEVERITY_WARNING };
	finding(ctx, &f);
}

tip_error *tip_lint_overdue(const tip_snapshot *snapshot, tip_date today,
	tip_finding_fn finding, void *ctx)
{
	tip_due_item *items = NULL;
	size_t count = 0;
	tip_error *err = tip_due_collect(&items, &count, snapshot, today);
	for (size_t i = 0; !err && i < count && items[i].date < today; i++)
		if (items[i].kind == TIP_DUE_CHAMPION_REVIEW || items[i].kind == TIP_DUE_ACTION)
			report_overdue(&items[i], today, finding, ctx);
	free(items);
	return err;
}

/* ---- the repository ---- */

/* The records asked for: paths relative to the root ("." for all). */
struct selection {
	char **paths;
	size_t count;
	tip_diag_list *findings;
};

static bool is_selected(const struct selection *sel, const char *file)
{
	if (sel->count == 0)
		return true;
	for (size_t i = 0; i < sel->count; i++) {
		const char *p = sel->paths[i];
		size_t n = strlen(p);
		if (strcmp(p, ".") == 0 ||
		    (strncmp(file, p, n) == 0 && (file[n] == '\0' || file[n] == '/')))
			return true;
	}
	return false;
}

/* A tip_finding_fn that keeps the findings in the records asked for. */
static void collect_selected(void *ctx, const tip_finding *f)
{
	struct selection *sel = ctx;
	if (is_selected(sel, f->file))
		tip_diag_list_collect(sel->findings, f);
}

static void selection_free(struct selection *sel)
{
	for (size_t i = 0; i < sel->count; i++)
		free(sel->paths[i]);
	free(sel->paths);
}

static tip_error *select_paths(struct selection *sel, tip_store *store,
	const char *const *paths, size_t count)
{
	sel->paths = calloc(count + 1, sizeof(*sel->paths));
	if (!sel->paths)
		return tip_error_nomem();
	tip_error *err = NULL;
	for (; !err && sel->count < count; sel->count++)
		err = tip_store_relative_path(&sel->paths[sel->count], store, paths[sel->count]);
	return err;
}

static bool is_definition(const tip_snapshot_record *r)
{
	return strcmp(r->type->name, "definition") == 0;
}

/* The vocabulary of every definition that loads. */
static tip_error *build_vocab(tip_lint_vocab **out, const tip_snapshot *snapshot)
{
	size_t n = tip_snapshot_count(snapshot), count = 0;
	const char **files = calloc(n + 1, sizeof(*files));
	const tip_node **roots = calloc(n + 1, sizeof(*roots));
	tip_error *err = files && roots ? NULL : tip_error_nomem();
	for (size_t i = 0; !err && i < n; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (r->root && is_definition(r)) {
			files[count] = r->path;
			roots[count++] = r->root;
		}
	}
	if (!err)
		err = tip_lint_vocab_build(out, files, roots, count);
	free(files);
	free(roots);
	return err;
}

static void count_record(tip_validate_counts *counts, const tip_store *store,
	const tip_type *type)
{
	counts->records++;
	for (size_t i = 0; i < counts->type_count; i++)
		if (tip_store_type_at(store, i) == type)
			counts->per_type[i]++;
}

static tip_error *lint_one(const tip_lint_vocab *vocab, tip_store *store,
	const tip_snapshot_record *r, struct selection *sel)
{
	if (!r->root)
		return tip_diag_list_addf(sel->findings, r->path, 0, 0, "", "unreadable",
			"not linted: the file is not strict YAML (tip validate says why)");
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&path, tip_store_root(store), r->path);
	struct record_run run = { .vocab = vocab, .file = r->path,
		.disk_path = tip_buf_str(&path), .finding = collect_selected, .ctx = sel };
	if (!err)
		err = lint_record(&run, r->type, r->root);
	tip_buf_free(&path);
	return err;
}

static tip_error *lint_snapshot(tip_store *store, const tip_snapshot *snapshot,
	struct selection *sel, tip_date today, tip_validate_counts *counts)
{
	tip_lint_vocab *vocab = NULL;
	tip_error *err = build_vocab(&vocab, snapshot);
	if (!err)
		err = tip_lint_vocab_check(vocab, collect_selected, sel);
	for (size_t i = 0; !err && i < tip_snapshot_count(snapshot); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		bool selected = is_selected(sel, r->path);
		if (selected)
			count_record(counts, store, r->type);
		/* a definition that does not load is missing from every record's vocabulary */
		if (selected || (!r->root && is_definition(r)))
			err = lint_one(vocab, store, r, sel);
	}
	if (!err)
		err = tip_lint_overdue(snapshot, today, collect_selected, sel);
	tip_lint_vocab_free(vocab);
	return err;
}

tip_error *tip_lint_repository(tip_store *store, const char *const *paths, size_t count,
	tip_date today, tip_diag_list *findings, tip_validate_counts *counts)
{
	struct selection sel = { NULL, 0, findings };
	tip_snapshot *snapshot = NULL;
	tip_error *err = NULL;
	if (tip_store_type_count(store) == 0)
		err = tip_store_load_types(store, findings);
	if (!err)
		err = select_paths(&sel, store, paths, count);
	if (!err)
		err = tip_snapshot_worktree(&snapshot, store, NULL, NULL);
	*counts = (tip_validate_counts){ .type_count = tip_store_type_count(store) };
	counts->per_type = calloc(counts->type_count + 1, sizeof(*counts->per_type));
	if (!err && !counts->per_type)
		err = tip_error_nomem();
	if (!err)
		err = lint_snapshot(store, snapshot, &sel, today, counts);
	tip_snapshot_free(snapshot);
	selection_free(&sel);
	return err ? err : tip_diag_list_error(findings);
}
