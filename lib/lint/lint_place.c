/* Where a word of a scalar's value is in the file: its line and column, found by reading the
 * source text the scalar was loaded from. */
#include "lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

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
static void step(tip_lint_place *p, const unsigned char *s, size_t len)
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
static bool find_node(tip_lint_place *p, const unsigned char *s, size_t len, const tip_node *node)
{
	if (p->line > node->line || (p->line == node->line && p->col > node->col) ||
	    p->offset == 0) {
		*p = (tip_lint_place){ 0, 1, 1 };
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
static bool skip_to_value(tip_lint_place *p, const unsigned char *s, size_t len,
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

static void skip_blanks(tip_lint_place *p, const unsigned char *s, size_t len)
{
	while (p->offset < len && (tip_is_space(s[p->offset]) || break_at(s, len, p->offset)))
		step(p, s, len);
}

/* Moves p past n bytes of source that are all within one line. */
static void pass_bytes(tip_lint_place *p, const unsigned char *s, size_t n)
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
static bool read_to(tip_lint_place *p, const unsigned char *s, size_t len, const tip_node *node,
	size_t offset)
{
	const unsigned char *v = (const unsigned char *)node->str;
	for (size_t k = 0; k <= offset; k++) {
		if (k < offset && tip_is_space(v[k]))
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

void tip_lint_position_from(unsigned *line, unsigned *col, tip_lint_place *cursor,
	const char *source, size_t len, const tip_node *scalar, size_t offset)
{
	const unsigned char *s = (const unsigned char *)source;
	*line = scalar->line;
	*col = scalar->col;
	if (!source || offset >= scalar->len || !find_node(cursor, s, len, scalar))
		return;
	tip_lint_place p = *cursor;
	if (skip_to_value(&p, s, len, scalar) && read_to(&p, s, len, scalar, offset)) {
		*line = p.line;
		*col = p.col;
	}
}

void tip_lint_position(unsigned *line, unsigned *col, const char *source, size_t len,
	const tip_node *scalar, size_t offset)
{
	tip_lint_place cursor = { 0, 1, 1 };
	tip_lint_position_from(line, col, &cursor, source, len, scalar, offset);
}
