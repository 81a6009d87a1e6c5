/* Strict YAML loading: libyaml's events become a DOM allocated in one arena. The rules that
 * libyaml itself does not enforce (aliases, duplicate keys, tags, depth, encoding) are checked
 * here and reported as findings, never by expanding or trusting the input. */
#include "yaml.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "arena.h"
#include "utf8.h"

struct frame {
	tip_node *node;
	tip_node **kids; /* for a mapping: key, value, key, value, ... */
	size_t count, cap;
};

struct loader {
	const tip_yaml_opts *opts;
	const char *file;
	const char *text;
	size_t len;
	tip_arena *arena;
	struct frame stack[TIP_YAML_MAX_DEPTH];
	size_t depth;
	tip_node *root;
	size_t findings;
	int documents;
	bool nomem;
	bool stop; /* a finding after which the rest of the text cannot be trusted */
	bool surrogates; /* libyaml refused a UTF-16 surrogate escape: rewrite and parse again */
};

static void report(struct loader *l, unsigned line, unsigned col, const char *keyword,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(struct loader *l, unsigned line, unsigned col, const char *keyword,
	const char *fmt, ...)
{
	char message[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	l->findings++;
	if (!l->opts->finding)
		return;
	tip_finding f = { l->file, line, col, "", keyword, message, TIP_SEVERITY_ERROR };
	l->opts->finding(l->opts->finding_ctx, &f);
}

/* ---- encoding checks, before libyaml sees the text ---- */

/* 1-based line and column of the byte at offset, for a finding; columns count characters. */
static void position_of(const struct loader *l, size_t offset, unsigned *line, unsigned *col)
{
	const unsigned char *s = (const unsigned char *)l->text;
	size_t start = 0;
	*line = 1;
	for (size_t i = 0; i < offset; i++)
		if (s[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	if (start == 0 && offset >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		start = 3; /* a leading byte order mark takes no column */
	*col = 1;
	for (size_t i = start; i < offset; i++)
		*col += (s[i] & 0xc0) != 0x80;
}

/* Offset of the first byte that is not valid UTF-8, or len. Runs of ASCII are skipped eight
 * bytes at a time: records are mostly ASCII and this pass sees every byte. */
static size_t first_invalid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		if (i + 8 <= len) {
			uint64_t word;
			memcpy(&word, s + i, 8);
			if ((word & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		size_t n = tip_utf8_length(s + i, len - i);
		if (n == 0)
			return i;
		i += n;
	}
	return len;
}

/* Reports the first NUL byte or invalid UTF-8 sequence. Returns false when there is one. */
static bool check_encoding(struct loader *l)
{
	const unsigned char *s = (const unsigned char *)l->text;
	const unsigned char *nul = memchr(s, '\0', l->len);
	size_t limit = nul ? (size_t)(nul - s) : l->len;
	size_t bad = first_invalid_utf8(s, limit);
	unsigned line, col;
	if (bad < limit) {
		position_of(l, bad, &line, &col);
		report(l, line, col, "yaml-utf8", "invalid UTF-8 (byte 0x%02x)", s[bad]);
		return false;
	}
	if (nul) {
		position_of(l, limit, &line, &col);
		report(l, line, col, "yaml-nul", "NUL byte in the file");
		return false;
	}
	return true;
}

/* ---- merge conflicts, before libyaml sees the text ---- */

/* True when the line at p (up to end) starts with the seven-character marker, followed by a
 * space or the end of the line, as git writes its conflict markers. */
static bool is_marker(const char *p, const char *end, char c)
{
	if (end - p < 7)
		return false;
	for (int i = 0; i < 7; i++)
		if (p[i] != c)
			return false;
	return p + 7 == end || p[7] == ' ' || p[7] == '\n' || p[7] == '\r';
}

static const char *next_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	return nl ? nl + 1 : end;
}

/* Reports each block git left between "<<<<<<< " and ">>>>>>> " lines (with "=======" between
 * them) as one finding at its first line: libyaml would only say that a key has no ':'.
 * Returns false when there is one. */
static bool check_conflicts(struct loader *l)
{
	const char *end = l->text + l->len;
	unsigned line = 1, start = 0;
	bool separated = false;
	bool clean = true;
	for (const char *p = l->text; p < end; p = next_line(p, end), line++) {
		if (is_marker(p, end, '<')) {
			start = line;
			separated = false;
		} else if (start && is_marker(p, end, '=')) {
			separated = true;
		} else if (start && separated && is_marker(p, end, '>')) {
			report(l, start, 1, "conflict", "an unresolved merge conflict (lines %u-%u): "
						       "keep one side and remove the <<<<<<<, ======= "
						       "and >>>>>>> lines, or use your merge tool",
				start, line);
			start = 0;
			clean = false;
		}
	}
	return clean;
}

/* ---- plain scalar resolution, YAML 1.2 core schema ---- */

static bool is_one_of(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(s, *words) == 0)
			return true;
	return false;
}

static bool all_digits(const char *s, const char *digits)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!strchr(digits, *s))
			return false;
	return true;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool looks_like_float(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	size_t int_digits = strspn(s, "0123456789");
	s += int_digits;
	size_t frac_digits = 0;
	if (*s == '.') {
		s++;
		frac_digits = strspn(s, "0123456789");
		s += frac_digits;
	}
	if (int_digits == 0 && frac_digits == 0)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		size_t exp_digits = strspn(s, "0123456789");
		if (exp_digits == 0)
			return false;
		s += exp_digits;
	}
	return *s == '\0';
}

static void set_integer(tip_node *node, const char *digits, int base, bool negative)
{
	errno = 0;
	char *end;
	unsigned long long magnitude = strtoull(digits, &end, base);
	bool fits = errno == 0 &&
		(negative ? magnitude <= (unsigned long long)INT64_MAX + 1 : magnitude <= INT64_MAX);
	if (fits) {
		node->type = TIP_NODE_INT;
		node->integer = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
		node->number = (double)node->integer;
	} else {
		/* Too large for int64_t: keep it as a number, which JSON Schema still sees as an
		 * integer when it is integral. */
		node->type = TIP_NODE_FLOAT;
		node->number = base == 10 ? strtod(node->str, NULL) : (double)magnitude;
		if (negative)
			node->number = -fabs(node->number);
	}
}

static bool resolve_null_or_bool(tip_node *node)
{
	static const char *const nulls[] = { "null", "Null", "NULL", NULL };
	static const char *const trues[] = { "true", "True", "TRUE", NULL };
	static const char *const falses[] = { "false", "False", "FALSE", NULL };
	const char *s = node->str;
	if ((node->len == 1 && s[0] == '~') || (node->len == 4 && is_one_of(s, nulls))) {
		node->type = TIP_NODE_NULL;
	} else if ((node->len == 4 && is_one_of(s, trues)) ||
		   (node->len == 5 && is_one_of(s, falses))) {
		node->type = TIP_NODE_BOOL;
		node->boolean = s[0] == 't' || s[0] == 'T';
	}
	return node->type != TIP_NODE_STR;
}

static void resolve_number(tip_node *node)
{
	static const char *const infs[] = { ".inf", ".Inf", ".INF", NULL };
	static const char *const nans[] = { ".nan", ".NaN", ".NAN", NULL };
	const char *s = node->str;
	bool sign = *s == '-' || *s == '+';
	if (strncmp(s, "0o", 2) == 0 && all_digits(s + 2, "01234567")) {
		set_integer(node, s + 2, 8, false);
	} else if (strncmp(s, "0x", 2) == 0 && all_digits(s + 2, "0123456789abcdefABCDEF")) {
		set_integer(node, s + 2, 16, false);
	} else if (all_digits(s + sign, "0123456789")) {
		set_integer(node, s + sign, 10, *s == '-');
	} else if (looks_like_float(s)) {
		node->type = TIP_NODE_FLOAT;
		node->number = strtod(s, NULL);
	} else if (s[sign] != '.') {
		return; /* dates and the like: no infinity or NaN starts without a dot */
	} else if (is_one_of(s + sign, infs)) {
		node->type = TIP_NODE_FLOAT;
		node->number = *s == '-' ? -INFINITY : INFINITY;
	} else if (is_one_of(s, nans)) {
		node->type = TIP_NODE_FLOAT;
		node->number = NAN;
	}
}

/* Only the first character is looked at for most scalars: words are the common case, and
 * dates and ids should not pay for every comparison below. */
static void resolve_plain(tip_node *node)
{
	node->type = TIP_NODE_STR;
	if (node->len == 0) {
		node->type = TIP_NODE_NULL;
		return;
	}
	/* No NUL can be inside: the encoding check refused NUL bytes and plain scalars have no
	 * escapes. */
	switch (node->str[0]) {
	case 'n': case 'N': case '~': case 't': case 'T': case 'f': case 'F':
		resolve_null_or_bool(node);
		break;
	case '-': case '+': case '.': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		resolve_number(node);
		break;
	default:
		break;
	}
}

/* ---- building the tree ---- */

static tip_node *node_new(struct loader *l, const yaml_mark_t *mark)
{
	tip_node *node = tip_arena_calloc(l->arena, 1, sizeof(*node));
	if (!node) {
		l->nomem = true;
		return NULL;
	}
	node->line = (unsigned)mark->line + 1;
	node->col = (unsigned)mark->column + 1;
	return node;
}

static void add_to_parent(struct loader *l, tip_node *node)
{
	if (l->depth == 0) {
		l->root = node;
		return;
	}
	struct frame *f = &l->stack[l->depth - 1];
	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		tip_node **kids = realloc(f->kids, cap * sizeof(*kids));
		if (!kids) {
			l->nomem = true;
			return;
		}
		f->kids = kids;
		f->cap = cap;
	}
	f->kids[f->count++] = node;
}

/* Tags other than the core ones that do not change meaning are custom tags. */
static bool check_tag(struct loader *l, const yaml_char_t *tag, const yaml_mark_t *mark,
	const char *allowed)
{
	if (!tag || strcmp((const char *)tag, allowed) == 0)
		return true;
	report(l, (unsigned)mark->line + 1, (unsigned)mark->column + 1, "yaml-tag",
		"tag \"%s\" is not allowed: write the value without a tag", (const char *)tag);
	return false;
}

static void check_anchor(struct loader *l, const yaml_char_t *anchor, const yaml_mark_t *mark)
{
	if (anchor)
		report(l, (unsigned)mark->line + 1, (unsigned)mark->column + 1, "yaml-anchor",
			"anchor \"&%s\" is not allowed: write the value out in full",
			(const char *)anchor);
}

static void on_scalar(struct loader *l, const yaml_event_t *e)
{
	check_anchor(l, e->data.scalar.anchor, &e->start_mark);
	check_tag(l, e->data.scalar.tag, &e->start_mark, YAML_STR_TAG);
	tip_node *node = node_new(l, &e->start_mark);
	if (!node)
		return;
	node->len = e->data.scalar.length;
	node->str = tip_arena_strndup(l->arena, (const char *)e->data.scalar.value, node->len);
	if (!node->str) {
		l->nomem = true;
		return;
	}
	switch (e->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: node->style = TIP_STYLE_SINGLE; break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: node->style = TIP_STYLE_DOUBLE; break;
	case YAML_LITERAL_SCALAR_STYLE: node->style = TIP_STYLE_LITERAL; break;
	case YAML_FOLDED_SCALAR_STYLE: node->style = TIP_STYLE_FOLDED; break;
	default: node->style = TIP_STYLE_PLAIN;
	}
	if (node->style == TIP_STYLE_PLAIN && !e->data.scalar.tag)
		resolve_plain(node);
	else
		node->type = TIP_NODE_STR;
	add_to_parent(l, node);
}

static void on_collection_start(struct loader *l, const yaml_event_t *e, bool mapping)
{
	const yaml_char_t *anchor = mapping ? e->data.mapping_start.anchor
					    : e->data.sequence_start.anchor;
	const yaml_char_t *tag = mapping ? e->data.mapping_start.tag : e->data.sequence_start.tag;
	bool flow = mapping ? e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
			    : e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
	check_anchor(l, anchor, &e->start_mark);
	check_tag(l, tag, &e->start_mark, mapping ? YAML_MAP_TAG : YAML_SEQ_TAG);
	if (l->depth == TIP_YAML_MAX_DEPTH) {
		report(l, (unsigned)e->start_mark.line + 1, (unsigned)e->start_mark.column + 1,
			"yaml-depth", "nested more than %d levels deep", TIP_YAML_MAX_DEPTH);
		l->stop = true;
		return;
	}
	tip_node *node = node_new(l, &e->start_mark);
	if (!node)
		return;
	node->type = mapping ? TIP_NODE_MAP : TIP_NODE_SEQ;
	node->style = flow ? TIP_STYLE_FLOW : TIP_STYLE_BLOCK;
	struct frame *f = &l->stack[l->depth++];
	f->node = node;
	f->count = 0;
}

static int key_cmp(const void *pa, const void *pb)
{
	const tip_pair *a = *(const tip_pair *const *)pa, *b = *(const tip_pair *const *)pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->str, b->key->str, n);
	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	/* equal keys: source order, so the first occurrence comes first */
	return a->key->line != b->key->line ? (a->key->line < b->key->line ? -1 : 1)
					    : (a->key->col < b->key->col ? -1 : 1);
}

static bool same_key(const tip_node *a, const tip_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

static void report_duplicate(struct loader *l, const tip_node *first, const tip_node *again)
{
	report(l, again->line, again->col, "yaml-duplicate-key",
		"duplicate key \"%s\" (first at line %u, again at line %u)", first->str, first->line,
		again->line);
}

/* Sorting keeps the check O(n log n) for a mapping with very many keys. */
static void check_duplicate_keys(struct loader *l, tip_node *map)
{
	if (map->count < 2)
		return;
	if (map->count <= 16) {
		for (size_t i = 1; i < map->count; i++)
			for (size_t j = 0; j < i; j++)
				if (same_key(map->pairs[j].key, map->pairs[i].key)) {
					report_duplicate(l, map->pairs[j].key, map->pairs[i].key);
					break;
				}
		return;
	}
	tip_pair **sorted = malloc(map->count * sizeof(*sorted));
	if (!sorted) {
		l->nomem = true;
		return;
	}
	for (size_t i = 0; i < map->count; i++)
		sorted[i] = &map->pairs[i];
	qsort(sorted, map->count, sizeof(*sorted), key_cmp);
	size_t first = 0;
	for (size_t i = 1; i < map->count; i++) {
		if (same_key(sorted[first]->key, sorted[i]->key))
			report_duplicate(l, sorted[first]->key, sorted[i]->key);
		else
			first = i;
	}
	free(sorted);
}

static bool check_key(struct loader *l, const tip_node *key)
{
	if (key->type == TIP_NODE_STR && strlen(key->str) == key->len)
		return true;
	if (key->type == TIP_NODE_SEQ || key->type == TIP_NODE_MAP)
		report(l, key->line, key->col, "yaml-key-type", "a key must be text, not a %s",
			key->type == TIP_NODE_MAP ? "mapping" : "sequence");
	else if (key->type == TIP_NODE_STR)
		report(l, key->line, key->col, "yaml-key-type", "a key must not contain NUL");
	else
		report(l, key->line, key->col, "yaml-key-type",
			"key %s is not text: quote it (\"%s\")", key->str, key->str);
	return false;
}

static void finish_mapping(struct loader *l, struct frame *f)
{
	tip_node *map = f->node;
	map->count = f->count / 2;
	map->pairs = tip_arena_calloc(l->arena, map->count ? map->count : 1, sizeof(tip_pair));
	if (!map->pairs) {
		l->nomem = true;
		return;
	}
	bool keys_ok = true;
	for (size_t i = 0; i < map->count; i++) {
		map->pairs[i].key = f->kids[2 * i];
		map->pairs[i].value = f->kids[2 * i + 1];
		keys_ok &= check_key(l, map->pairs[i].key);
	}
	if (keys_ok)
		check_duplicate_keys(l, map);
}

static void on_collection_end(struct loader *l)
{
	struct frame *f = &l->stack[--l->depth];
	tip_node *node = f->node;
	if (node->type == TIP_NODE_MAP) {
		finish_mapping(l, f);
	} else {
		node->count = f->count;
		node->items = tip_arena_alloc(l->arena, (f->count ? f->count : 1) * sizeof(tip_node *));
		if (!node->items) {
			l->nomem = true;
			return;
		}
		if (f->count)
			memcpy(node->items, f->kids, f->count * sizeof(tip_node *));
	}
	add_to_parent(l, node);
}

static void on_alias(struct loader *l, const yaml_event_t *e)
{
	report(l, (unsigned)e->start_mark.line + 1, (unsigned)e->start_mark.column + 1, "yaml-alias",
		"alias \"*%s\" is not allowed: write the value out in full",
		(const char *)e->data.alias.anchor);
	/* A null stands in for the alias so that the rest of the file is still checked; the
	 * anchored value is never copied, so an alias bomb costs nothing. */
	tip_node *node = node_new(l, &e->start_mark);
	if (!node)
		return;
	node->type = TIP_NODE_NULL;
	node->str = "";
	add_to_parent(l, node);
}

/* True when the line holding the 0-based line number has a tab in its indentation. */
static bool line_indented_with_tab(const struct loader *l, size_t line)
{
	const char *p = l->text, *end = l->text + l->len;
	for (size_t n = 0; n < line && p < end; p++)
		if (*p == '\n')
			n++;
	for (; p < end && (*p == ' ' || *p == '\t'); p++)
		if (*p == '\t')
			return true;
	return false;
}

static bool has_surrogate_pair(const char *text, size_t len);

static void on_parse_error(struct loader *l, const yaml_parser_t *parser)
{
	const yaml_mark_t *mark = &parser->problem_mark;
	if (parser->problem && strstr(parser->problem, "invalid Unicode character escape") &&
	    !l->surrogates && has_surrogate_pair(l->text, l->len)) {
		l->surrogates = true;
		return;
	}
	unsigned line = (unsigned)mark->line + 1, col = (unsigned)mark->column + 1;
	if (parser->error == YAML_READER_ERROR) {
		/* The reader knows only a byte offset, not a line and column. */
		position_of(l, parser->problem_offset < l->len ? parser->problem_offset : l->len,
			&line, &col);
		report(l, line, col, "yaml-syntax", "%s", parser->problem);
		return;
	}
	if (line_indented_with_tab(l, mark->line)) {
		report(l, line, col, "yaml-tab", "tab used for indentation: indent with spaces");
		return;
	}
	if (parser->context)
		report(l, line, col, "yaml-syntax", "%s %s", parser->problem, parser->context);
	else
		report(l, line, col, "yaml-syntax", "%s", parser->problem ? parser->problem :
			"cannot parse the text");
}

static void on_document_start(struct loader *l, const yaml_event_t *e)
{
	if (++l->documents > 1) {
		report(l, (unsigned)e->start_mark.line + 1, (unsigned)e->start_mark.column + 1,
			"yaml-documents", "more than one document in the file");
		l->stop = true;
	}
}

/* Runs libyaml over the text, building the tree; returns when the stream ends, on a syntax
 * error, or on a finding that makes the rest untrustworthy. */
static void parse_events(struct loader *l, yaml_parser_t *parser)
{
	bool done = false;
	while (!done && !l->stop && !l->nomem) {
		yaml_event_t e;
		if (!yaml_parser_parse(parser, &e)) {
			if (parser->error == YAML_MEMORY_ERROR)
				l->nomem = true;
			else
				on_parse_error(l, parser);
			return;
		}
		switch (e.type) {
		case YAML_DOCUMENT_START_EVENT: on_document_start(l, &e); break;
		case YAML_SCALAR_EVENT: on_scalar(l, &e); break;
		case YAML_SEQUENCE_START_EVENT: on_collection_start(l, &e, false); break;
		case YAML_MAPPING_START_EVENT: on_collection_start(l, &e, true); break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: on_collection_end(l); break;
		case YAML_ALIAS_EVENT: on_alias(l, &e); break;
		case YAML_STREAM_END_EVENT: done = true; break;
		default: break;
		}
		yaml_event_delete(&e);
	}
}

static void check_root(struct loader *l)
{
	const tip_node *root = l->root;
	if (!root || (root->type == TIP_NODE_NULL && root->len == 0 && l->documents <= 1)) {
		report(l, 1, 1, "yaml-empty", "the file is empty: a record is a mapping of fields");
		return;
	}
	if (!l->opts->any_root && root->type != TIP_NODE_MAP)
		report(l, root->line, root->col, "yaml-root",
			"the document must be a mapping of fields, not %s",
			root->type == TIP_NODE_SEQ ? "a sequence" : "a single value");
}

static void loader_release(struct loader *l)
{
	for (size_t i = 0; i < TIP_YAML_MAX_DEPTH; i++)
		free(l->stack[i].kids);
}

/* ---- JSON's surrogate pairs ---- */

static int hex_value(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The code point of a pair "\uD83D\uDE00" starting at s (12 bytes), or -1. The backslash must
 * not itself be escaped. */
static long surrogate_pair_at(const char *text, size_t i, size_t len)
{
	if (i + 12 > len || text[i] != '\\' || text[i + 1] != 'u' || text[i + 6] != '\\' ||
	    text[i + 7] != 'u')
		return -1;
	size_t backslashes = 0;
	while (backslashes < i && text[i - backslashes - 1] == '\\')
		backslashes++;
	int high = hex_value(text + i + 2, 4), low = hex_value(text + i + 8, 4);
	if (backslashes % 2 || high < 0xd800 || high > 0xdbff || low < 0xdc00 || low > 0xdfff)
		return -1;
	return 0x10000 + ((long)(high - 0xd800) << 10) + (low - 0xdc00);
}

static bool has_surrogate_pair(const char *text, size_t len)
{
	for (const char *p = text; (p = memchr(p, '\\', len - (size_t)(p - text))); p++)
		if (surrogate_pair_at(text, (size_t)(p - text), len) >= 0)
			return true;
	return false;
}

/* JSON writes characters beyond U+FFFF as UTF-16 surrogate pairs ("\ud83d\ude00"), which
 * libyaml refuses; YAML's own escape for them is "\U0001f600". The rewritten text is two bytes
 * shorter per pair, so columns after a pair on its line are off by that much. */
static char *rewrite_surrogate_pairs(const char *text, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		long cp = surrogate_pair_at(text, i, len);
		if (cp < 0) {
			out[o++] = text[i++];
			continue;
		}
		o += (size_t)snprintf(out + o, 11, "\\U%08lX", cp);
		i += 12;
	}
	out[o] = '\0';
	*out_len = o;
	return out;
}

static void parse_text(struct loader *l)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		l->nomem = true;
		return;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)l->text, l->len);
	parse_events(l, &parser);
	yaml_parser_delete(&parser);
}

static void reparse_without_surrogates(struct loader *l)
{
	size_t len;
	char *text = rewrite_surrogate_pairs(l->text, l->len, &len);
	if (!text) {
		l->nomem = true;
		return;
	}
	const char *original = l->text;
	size_t original_len = l->len;
	for (size_t i = 0; i < TIP_YAML_MAX_DEPTH; i++)
		l->stack[i].count = 0;
	l->text = text;
	l->len = len;
	l->depth = 0;
	l->root = NULL;
	l->documents = 0;
	parse_text(l);
	l->text = original;
	l->len = original_len;
	free(text);
}

static tip_error *load_text(struct loader *l)
{
	size_t max = l->opts->max_bytes ? l->opts->max_bytes : TIP_YAML_MAX_BYTES;
	if (l->len > max) {
		report(l, 1, 1, "yaml-size", "the file is %zu bytes, over the limit of %zu", l->len,
			max);
		return NULL;
	}
	if (!check_encoding(l) || !check_conflicts(l))
		return NULL;
	parse_text(l);
	if (l->surrogates && !l->nomem)
		reparse_without_surrogates(l);
	if (l->nomem)
		return tip_error_nomem();
	if (l->findings == 0)
		check_root(l);
	return NULL;
}

tip_error *tip_yaml_load(tip_doc **out, const char *text, size_t len, const char *file,
	const tip_yaml_opts *opts)
{
	static const tip_yaml_opts defaults;
	*out = NULL;
	const tip_yaml_opts *o = opts ? opts : &defaults;
	tip_doc *doc = calloc(1, sizeof(*doc));
	tip_arena *arena = o->arena ? o->arena : tip_arena_new();
	char *name = arena ? tip_arena_strdup(arena, file ? file : "-") : NULL;
	if (!doc || !name) {
		free(doc);
		if (!o->arena)
			tip_arena_free(arena);
		return tip_error_nomem();
	}
	struct loader l = { .opts = o, .file = name, .text = text, .len = len, .arena = arena };
	tip_error *err = load_text(&l);
	loader_release(&l);
	if (err || l.findings) {
		if (!o->arena)
			tip_arena_free(arena);
		free(doc);
		return err;
	}
	doc->root = l.root;
	doc->file = name;
	doc->arena = arena;
	doc->shared_arena = o->arena != NULL;
	*out = doc;
	return NULL;
}

/* A pipe or a device has no size to go by: it is read up to the bound, no further. */
static tip_error *read_whole_stream(char **out, size_t *len, int fd, const char *path,
	size_t max)
{
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		tip_error *err = tip_error_from_errno("cannot read '%s'", path);
		close(fd);
		return err;
	}
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_stream(&text, f, path, max);
	fclose(f);
	if (!err && !text.data)
		err = tip_buf_add(&text, "", 0);
	if (err) {
		tip_buf_dispose(&text);
		return err;
	}
	*out = text.data;
	*len = text.len;
	return NULL;
}

static tip_error *read_whole_file(char **out, size_t *len, int dirfd, const char *path,
	size_t max, bool *too_big)
{
	*out = NULL;
	*too_big = false;
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tip_error_from_errno("cannot open '%s'", path);
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return tip_error_from_errno("cannot read '%s'", path);
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return tip_error_invalid("'%s' is a directory", path);
	}
	if (!S_ISREG(st.st_mode))
		return read_whole_stream(out, len, fd, path, max);
	if ((size_t)st.st_size > max) {
		close(fd);
		*len = (size_t)st.st_size;
		*too_big = true;
		return NULL;
	}
	char *data = malloc((size_t)st.st_size + 1);
	if (!data) {
		close(fd);
		return tip_error_nomem();
	}
	size_t got = 0;
	for (;;) {
		if (got == (size_t)st.st_size + 1)
			break; /* the file grew: the bound check below catches it */
		ssize_t n = read(fd, data + got, (size_t)st.st_size + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			tip_error *err = tip_error_from_errno("cannot read '%s'", path);
			free(data);
			close(fd);
			return err;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*out = data;
	*len = got;
	return NULL;
}

tip_error *tip_yaml_load_file_at(tip_doc **out, int dirfd, const char *path, const char *file,
	const tip_yaml_opts *opts)
{
	static const tip_yaml_opts defaults;
	const tip_yaml_opts *o = opts ? opts : &defaults;
	size_t max = o->max_bytes ? o->max_bytes : TIP_YAML_MAX_BYTES;
	char *text = NULL;
	size_t len = 0;
	bool too_big = false;
	*out = NULL;
	tip_error *err = read_whole_file(&text, &len, dirfd, path, max, &too_big);
	if (err)
		return err;
	if (too_big) {
		/* Too large to read at all: the size check reports it without the text. */
		return tip_yaml_load(out, "", len, file ? file : path, o);
	}
	err = tip_yaml_load(out, text, len, file ? file : path, o);
	free(text);
	return err;
}

tip_error *tip_yaml_load_file(tip_doc **out, const char *path, const char *file,
	const tip_yaml_opts *opts)
{
	return tip_yaml_load_file_at(out, AT_FDCWD, path, file, opts);
}

void tip_doc_free(tip_doc *doc)
{
	if (!doc)
		return;
	if (!doc->shared_arena)
		tip_arena_free(doc->arena);
	free(doc);
}

/* ---- building and changing documents ---- */

tip_error *tip_doc_new(tip_doc **out, const char *file)
{
	*out = NULL;
	tip_doc *doc = calloc(1, sizeof(*doc));
	tip_arena *arena = tip_arena_new();
	char *name = arena ? tip_arena_strdup(arena, file ? file : "-") : NULL;
	tip_node *root = name ? tip_arena_calloc(arena, 1, sizeof(*root)) : NULL;
	if (!doc || !root) {
		free(doc);
		tip_arena_free(arena);
		return tip_error_nomem();
	}
	root->type = TIP_NODE_MAP;
	root->style = TIP_STYLE_BLOCK;
	doc->root = root;
	doc->file = name;
	doc->arena = arena;
	*out = doc;
	return NULL;
}

tip_node *tip_doc_new_scalar(tip_doc *doc, tip_node_type type, const char *text, size_t len)
{
	tip_node *node = tip_arena_calloc(doc->arena, 1, sizeof(*node));
	if (!node || !(node->str = tip_arena_strndup(doc->arena, text, len)))
		return NULL;
	node->len = len;
	if (type == TIP_NODE_STR) {
		node->type = TIP_NODE_STR;
		return node;
	}
	resolve_plain(node);
	if (node->type == TIP_NODE_INT && type == TIP_NODE_FLOAT)
		node->type = TIP_NODE_FLOAT;
	return node;
}

static tip_node *new_collection(tip_doc *doc, tip_node_type type)
{
	tip_node *node = tip_arena_calloc(doc->arena, 1, sizeof(*node));
	if (node) {
		node->type = type;
		node->style = TIP_STYLE_BLOCK;
	}
	return node;
}

tip_node *tip_doc_new_seq(tip_doc *doc)
{
	return new_collection(doc, TIP_NODE_SEQ);
}

tip_node *tip_doc_new_map(tip_doc *doc)
{
	return new_collection(doc, TIP_NODE_MAP);
}

/* Arrays of a document live in its arena: growing one copies it, which is fine for the few
 * changes a command makes. */
static void *grow_copy(tip_doc *doc, const void *old, size_t count, size_t size)
{
	void *fresh = tip_arena_alloc(doc->arena, (count + 1) * size);
	if (fresh && count)
		memcpy(fresh, old, count * size);
	return fresh;
}

tip_error *tip_doc_map_set(tip_doc *doc, tip_node *map, const char *key, tip_node *value)
{
	size_t len = strlen(key);
	for (size_t i = 0; i < map->count; i++) {
		const tip_node *k = map->pairs[i].key;
		if (k->len == len && memcmp(k->str, key, len) == 0) {
			map->pairs[i].value = value;
			return NULL;
		}
	}
	tip_pair *pairs = grow_copy(doc, map->pairs, map->count, sizeof(*pairs));
	tip_node *k = tip_doc_new_scalar(doc, TIP_NODE_STR, key, len);
	if (!pairs || !k)
		return tip_error_nomem();
	pairs[map->count].key = k;
	pairs[map->count].value = value;
	map->pairs = pairs;
	map->count++;
	return NULL;
}

bool tip_doc_map_remove(tip_node *map, const char *key)
{
	size_t len = strlen(key);
	for (size_t i = 0; i < map->count; i++) {
		const tip_node *k = map->pairs[i].key;
		if (k->len == len && memcmp(k->str, key, len) == 0) {
			memmove(&map->pairs[i], &map->pairs[i + 1],
				(map->count - i - 1) * sizeof(*map->pairs));
			map->count--;
			return true;
		}
	}
	return false;
}

tip_error *tip_doc_seq_append(tip_doc *doc, tip_node *seq, tip_node *item)
{
	tip_node **items = grow_copy(doc, seq->items, seq->count, sizeof(*items));
	if (!items)
		return tip_error_nomem();
	items[seq->count++] = item;
	seq->items = items;
	return NULL;
}

size_t tip_doc_seq_remove(tip_node *seq, const tip_node *item)
{
	size_t kept = 0, removed = 0;
	for (size_t i = 0; i < seq->count; i++) {
		if (tip_node_equal(seq->items[i], item))
			removed++;
		else
			seq->items[kept++] = seq->items[i];
	}
	seq->count = kept;
	return removed;
}

/* ---- queries ---- */

const tip_node *tip_node_get(const tip_node *map, const char *key)
{
	if (!map || map->type != TIP_NODE_MAP)
		return NULL;
	size_t len = strlen(key);
	for (size_t i = 0; i < map->count; i++) {
		const tip_node *k = map->pairs[i].key;
		if (k->len == len && memcmp(k->str, key, len) == 0)
			return map->pairs[i].value;
	}
	return NULL;
}

const char *tip_node_json_type(const tip_node *node)
{
	switch (node->type) {
	case TIP_NODE_NULL: return "null";
	case TIP_NODE_BOOL: return "boolean";
	case TIP_NODE_INT: return "integer";
	case TIP_NODE_FLOAT:
		return isfinite(node->number) && node->number == floor(node->number) ? "integer"
										       : "number";
	case TIP_NODE_STR: return "string";
	case TIP_NODE_SEQ: return "array";
	case TIP_NODE_MAP: return "object";
	}
	return "null";
}

static bool is_number(const tip_node *n)
{
	return n->type == TIP_NODE_INT || n->type == TIP_NODE_FLOAT;
}

/* From pair `from` on: each key of a looked for among all of b's. */
static bool maps_equal_scan(const tip_node *a, const tip_node *b, size_t from)
{
	for (size_t i = from; i < a->count; i++) {
		const tip_node *key = a->pairs[i].key;
		const tip_node *other = NULL;
		for (size_t j = 0; j < b->count && !other; j++)
			if (same_key(key, b->pairs[j].key))
				other = b->pairs[j].value;
		if (!other || !tip_node_equal(a->pairs[i].value, other))
			return false;
	}
	return true;
}

/* From pair `from` on (the pairs before it are equal and in the same places): both sides'
 * pairs sorted by key and compared in step, so that many keys cost n log n, not n * n.
 * Keys are unique within a mapping. */
static bool maps_equal_sorted(const tip_node *a, const tip_node *b, size_t from)
{
	size_t n = a->count - from;
	tip_pair **pairs = malloc(2 * n * sizeof(*pairs));
	if (!pairs)
		return maps_equal_scan(a, b, from);
	for (size_t i = 0; i < n; i++) {
		pairs[i] = &a->pairs[from + i];
		pairs[n + i] = &b->pairs[from + i];
	}
	qsort(pairs, n, sizeof(*pairs), key_cmp);
	qsort(pairs + n, n, sizeof(*pairs), key_cmp);
	bool equal = true;
	for (size_t i = 0; equal && i < n; i++)
		equal = same_key(pairs[i]->key, pairs[n + i]->key) &&
			tip_node_equal(pairs[i]->value, pairs[n + i]->value);
	free(pairs);
	return equal;
}

static bool maps_equal(const tip_node *a, const tip_node *b)
{
	if (a->count != b->count)
		return false;
	size_t i = 0;
	/* the same keys in the same order, as two versions of a record mostly have them */
	for (; i < a->count && same_key(a->pairs[i].key, b->pairs[i].key); i++)
		if (!tip_node_equal(a->pairs[i].value, b->pairs[i].value))
			return false;
	if (i == a->count)
		return true;
	return a->count - i <= 16 ? maps_equal_scan(a, b, i) : maps_equal_sorted(a, b, i);
}

bool tip_node_equal(const tip_node *a, const tip_node *b)
{
	if (is_number(a) && is_number(b)) {
		if (a->type == TIP_NODE_INT && b->type == TIP_NODE_INT)
			return a->integer == b->integer;
		return a->number == b->number;
	}
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TIP_NODE_NULL: return true;
	case TIP_NODE_BOOL: return a->boolean == b->boolean;
	case TIP_NODE_STR: return same_key(a, b);
	case TIP_NODE_SEQ:
		if (a->count != b->count)
			return false;
		for (size_t i = 0; i < a->count; i++)
			if (!tip_node_equal(a->items[i], b->items[i]))
				return false;
		return true;
	case TIP_NODE_MAP: return maps_equal(a, b);
	default: return false;
	}
}
