#include "emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ascii.h"

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static bool is_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s += strspn(s, "0123456789");
	else
		return false;
	if (*s == '.') {
		size_t n = strspn(++s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		size_t n = strspn(s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	return *s == '\0';
}

static tip_error *emit_number(tip_buf *out, const tip_node *node)
{
	if (is_json_number(node->str))
		return tip_buf_adds(out, node->str);
	if (node->type == TIP_NODE_INT)
		return tip_buf_addf(out, "%lld", (long long)node->integer);
	if (!isfinite(node->number))
		return tip_buf_adds(out, "null");
	return tip_buf_addf(out, "%.17g", node->number);
}

static tip_error *emit_collection(tip_buf *out, const tip_node *node)
{
	bool map = node->type == TIP_NODE_MAP;
	tip_error *err = tip_buf_addc(out, map ? '{' : '[');
	for (size_t i = 0; !err && i < node->count; i++) {
		if (i)
			err = tip_buf_addc(out, ',');
		if (!err && map) {
			const tip_node *key = node->pairs[i].key;
			err = tip_buf_add_json_string(out, key->str, key->len);
			if (!err)
				err = tip_buf_addc(out, ':');
		}
		if (!err)
			err = tip_emit_json(out, map ? node->pairs[i].value : node->items[i]);
	}
	return err ? err : tip_buf_addc(out, map ? '}' : ']');
}

tip_error *tip_emit_json(tip_buf *out, const tip_node *node)
{
	switch (node->type) {
	case TIP_NODE_NULL: return tip_buf_adds(out, "null");
	case TIP_NODE_BOOL: return tip_buf_adds(out, node->boolean ? "true" : "false");
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT: return emit_number(out, node);
	case TIP_NODE_STR: return tip_buf_add_json_string(out, node->str, node->len);
	case TIP_NODE_SEQ:
	case TIP_NODE_MAP: return emit_collection(out, node);
	}
	return tip_error_new("cannot write a node of unknown type %d", (int)node->type);
}

/* ---- canonical YAML ----
 *
 * Block style, two-space indentation, keys in the schema's property order. A string is written
 * plain when every YAML 1.1 and 1.2 reader takes the plain form for that same text; otherwise
 * it is single-quoted, or double-quoted when it holds characters that only escapes can say.
 * Multi-line text becomes a literal block. Nothing is ever folded or wrapped. */

/* How a string is written. */
typedef enum str_style { STR_PLAIN, STR_SINGLE, STR_DOUBLE, STR_LITERAL } str_style;

/* Implicit keys longer than this are refused by libyaml (1024 characters); longer keys are
 * written as explicit keys ("? key"). */
enum { MAX_IMPLICIT_KEY = 1000 };

/* The code point at s[*i] (advancing *i), or -1 when the bytes are not valid UTF-8. */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char c = s[*i];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
	if (n == 0 || *i + n > len)
		return -1;
	long cp = n == 1 ? c : c & (0x7F >> n);
	for (size_t k = 1; k < n; k++) {
		if ((s[*i + k] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	}
	static const long least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += n;
	return cp;
}

/* Characters YAML cannot hold as they are in plain, quoted or literal text: control
 * characters other than tab and line feed, DEL, the C1 controls (NEL, U+0085, is a line
 * break to YAML 1.1), the line and paragraph separators, the byte order mark and the two
 * non-characters at the end of the first plane. */
static bool needs_escape(long cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
		cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

typedef struct str_scan {
	bool invalid; /* not UTF-8 */
	bool escapes; /* has a character that needs an escape */
	bool breaks;  /* has a line feed */
	bool only_breaks;
} str_scan;

static str_scan scan_string(const char *s, size_t len)
{
	str_scan r = { .only_breaks = true };
	for (size_t i = 0; i < len && !r.invalid;) {
		long cp = utf8_next((const unsigned char *)s, len, &i);
		r.invalid = cp < 0;
		r.escapes = r.escapes || needs_escape(cp);
		r.breaks = r.breaks || cp == '\n';
		r.only_breaks = r.only_breaks && cp == '\n';
	}
	return r;
}

/* ---- what a plain scalar could be taken for ---- */

static const char *skip_sign(const char *s)
{
	return s + (*s == '-' || *s == '+');
}

/* Consumes a run of min..max digits. */
static bool take_digits(const char **p, size_t min, size_t max)
{
	size_t n = strspn(*p, "0123456789");
	*p += n;
	return n >= min && n <= max;
}

static bool all_of(const char *s, const char *set)
{
	return *s && s[strspn(s, set)] == '\0';
}

/* Integers of YAML 1.1 (0b, octal 0..., underscores) and 1.2 (0o, 0x), signed or not. */
static bool is_int_like(const char *s)
{
	s = skip_sign(s);
	if (s[0] == '0' && s[1] == 'b')
		return all_of(s + 2, "01_");
	if (s[0] == '0' && s[1] == 'o')
		return all_of(s + 2, "01234567_");
	if (s[0] == '0' && s[1] == 'x')
		return all_of(s + 2, "0123456789abcdefABCDEF_");
	return tip_is_digit(*s) && all_of(s, "0123456789_");
}

/* YAML 1.1 base 60: 190:20:30 (an integer) and 190:20:30.15 (a float). */
static bool is_sexagesimal(const char *s)
{
	s = skip_sign(s);
	if (!tip_is_digit(*s))
		return false;
	bool nonzero = *s != '0';
	s += strspn(s, "0123456789_");
	size_t groups = 0;
	for (; *s == ':'; groups++) {
		s++;
		if (!tip_is_digit(s[0]))
			return false;
		if (tip_is_digit(s[1]) && s[0] > '5')
			return false;
		s += tip_is_digit(s[1]) ? 2 : 1;
	}
	if (groups == 0)
		return false;
	if (*s == '\0')
		return nonzero;
	return *s == '.' && s[1 + strspn(s + 1, "0123456789_")] == '\0';
}

/* Floats of YAML 1.2 (1e3, .5, 1.) and 1.1 (whose pattern also takes "1.2.3" and "."). */
static bool is_float_like(const char *s)
{
	s = skip_sign(s);
	size_t whole = tip_is_digit(*s) ? strspn(s, "0123456789_") : 0;
	s += whole;
	bool dot = *s == '.';
	if (dot)
		s += 1 + strspn(s + 1, "0123456789._");
	if (!whole && !dot)
		return false;
	if (*s == 'e' || *s == 'E') {
		s = skip_sign(s + 1);
		if (!take_digits(&s, 1, SIZE_MAX))
			return false;
	}
	return *s == '\0';
}

static bool is_inf_or_nan(const char *s)
{
	const char *t = skip_sign(s);
	return strcasecmp(t, ".inf") == 0 || (t == s && strcasecmp(s, ".nan") == 0);
}

/* The time zone of a YAML 1.1 timestamp, to the end: ([ \t]*Z | [-+]h[h][:mm])? */
static bool is_time_zone(const char *p)
{
	const char *z = p + strspn(p, " \t");
	if (*z == 'Z')
		return z[1] == '\0';
	if (*p != '-' && *p != '+')
		return *p == '\0';
	p++;
	if (!take_digits(&p, 1, 2))
		return false;
	if (*p == ':' && (p++, !take_digits(&p, 2, 2)))
		return false;
	return *p == '\0';
}

/* YAML 1.1 timestamps: 2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10 Z. */
static bool is_timestamp(const char *s)
{
	const char *p = s;
	if (!take_digits(&p, 4, 4) || *p != '-')
		return false;
	p++;
	if (!take_digits(&p, 1, 2) || *p != '-')
		return false;
	p++;
	if (!take_digits(&p, 1, 2))
		return false;
	if (*p == '\0')
		return p - s == 10;
	if (*p == 'T' || *p == 't')
		p++;
	else if (strspn(p, " \t") > 0)
		p += strspn(p, " \t");
	else
		return false;
	if (!take_digits(&p, 1, 2) || *p++ != ':' || !take_digits(&p, 2, 2) || *p++ != ':' ||
		!take_digits(&p, 2, 2))
		return false;
	if (*p == '.')
		p += 1 + strspn(p + 1, "0123456789");
	return is_time_zone(p);
}

/* Words that YAML 1.1 or 1.2 reads as null or a boolean (in any case, for the readers that
 * ignore it), the 1.1 merge key and the 1.1 value key. */
static bool is_special_word(const char *s)
{
	static const char *const words[] = { "~", "null", "true", "false", "yes", "no", "on",
		"off", "y", "n", NULL };
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return strcmp(s, "<<") == 0 || strcmp(s, "=") == 0;
}

/* True when a reader could take the plain scalar s for something other than this text. */
static bool plain_is_ambiguous(const char *s)
{
	if (is_special_word(s))
		return true;
	if (!tip_is_digit(*s) && *s != '-' && *s != '+' && *s != '.')
		return false;
	return is_int_like(s) || is_float_like(s) || is_sexagesimal(s) || is_inf_or_nan(s) ||
		is_timestamp(s);
}

/* True when s (one line, no NUL, non-empty) cannot be written plain in block context: it
 * starts with an indicator, a space or a document end marker ("... "), ends with a space or
 * ':', holds ": " or " #", or holds a tab (which some YAML 1.1 readers refuse in plain text). */
static bool plain_breaks_syntax(const char *s, size_t len)
{
	if (strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]) || memchr(s, '\t', len))
		return true;
	if (strncmp(s, "...", 3) == 0 && (s[3] == '\0' || s[3] == ' ' || s[3] == '\t'))
		return true;
	if (s[len - 1] == ' ' || s[len - 1] == ':')
		return true;
	for (const char *p = s; (p = strpbrk(p, ":#")) != NULL; p++)
		if ((*p == ':' && p[1] == ' ') || (*p == '#' && p[-1] == ' '))
			return true;
	return false;
}

/* The first line of text that is not empty starts with a space or a tab: the literal block
 * needs an indentation indicator, since a reader would otherwise take the spaces for
 * indentation (and refuses a tab where it looks for indentation). */
static bool literal_needs_indicator(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == '\n')
		i++;
	return i < len && (s[i] == ' ' || s[i] == '\t');
}

/* How to write the string; at_end: nothing follows it in the document, where a literal
 * block keeping trailing empty lines would leave the file ending in several newlines. */
static str_style string_style(const char *s, size_t len, bool at_end, tip_error **err)
{
	str_scan scan = scan_string(s, len);
	if (scan.invalid) {
		*err = tip_error_invalid("cannot write text that is not valid UTF-8");
		return STR_DOUBLE;
	}
	if (len == 0)
		return STR_SINGLE;
	if (scan.escapes || (scan.breaks && scan.only_breaks))
		return STR_DOUBLE;
	if (scan.breaks) {
		bool keep = len >= 2 && s[len - 1] == '\n' && s[len - 2] == '\n';
		return keep && at_end ? STR_DOUBLE : STR_LITERAL;
	}
	if (plain_breaks_syntax(s, len) || plain_is_ambiguous(s))
		return STR_SINGLE;
	return STR_PLAIN;
}

/* ---- writing strings ---- */

static tip_error *add_spaces(tip_buf *out, unsigned n)
{
	static const char spaces[] = "                                ";
	tip_error *err = NULL;
	for (; !err && n > 0; n -= n < 32 ? n : 32)
		err = tip_buf_add(out, spaces, n < 32 ? n : 32);
	return err;
}

static tip_error *add_single_quoted(tip_buf *out, const char *s, size_t len)
{
	tip_error *err = tip_buf_addc(out, '\'');
	for (size_t i = 0; !err && i < len;) {
		const char *q = memchr(s + i, '\'', len - i);
		size_t n = q ? (size_t)(q - (s + i)) + 1 : len - i;
		err = tip_buf_add(out, s + i, n);
		if (!err && q)
			err = tip_buf_addc(out, '\'');
		i += n;
	}
	return err ? err : tip_buf_addc(out, '\'');
}

static tip_error *add_escape(tip_buf *out, long cp)
{
	static const char from[] = { '\0', '\a', '\b', '\t', '\n', '\v', '\f', '\r', '\x1b', '"',
		'\\' };
	static const char to[] = "0abtnvfre\"\\";
	for (size_t i = 0; i < sizeof(from); i++)
		if (cp == (unsigned char)from[i])
			return tip_buf_addf(out, "\\%c", to[i]);
	if (cp == 0x85)
		return tip_buf_adds(out, "\\N");
	if (cp == 0x2028 || cp == 0x2029)
		return tip_buf_adds(out, cp == 0x2028 ? "\\L" : "\\P");
	if (cp < 0x100)
		return tip_buf_addf(out, "\\x%02X", (unsigned)cp);
	return tip_buf_addf(out, "\\u%04X", (unsigned)cp);
}

static tip_error *add_double_quoted(tip_buf *out, const char *s, size_t len)
{
	tip_error *err = tip_buf_addc(out, '"');
	for (size_t i = 0; !err && i < len;) {
		size_t start = i;
		long cp = utf8_next((const unsigned char *)s, len, &i);
		if (needs_escape(cp) || cp == '"' || cp == '\\' || cp == '\t' || cp == '\n')
			err = add_escape(out, cp);
		else
			err = tip_buf_add(out, s + start, i - start);
	}
	return err ? err : tip_buf_addc(out, '"');
}

/* A literal block whose lines are indented by indent + 2: "|", an indentation indicator when
 * needed, and the chomping that keeps the exact trailing newlines. */
static tip_error *add_literal(tip_buf *out, const char *s, size_t len, unsigned indent)
{
	bool clip = s[len - 1] == '\n';
	bool keep = clip && len >= 2 && s[len - 2] == '\n';
	tip_error *err = tip_buf_addf(out, "|%s%s\n", literal_needs_indicator(s, len) ? "2" : "",
		keep ? "+" : clip ? "" : "-");
	size_t body = clip ? len - 1 : len;
	for (size_t i = 0; !err && i <= body;) {
		const char *nl = memchr(s + i, '\n', body - i);
		size_t n = nl ? (size_t)(nl - (s + i)) : body - i;
		if (n > 0 && !(err = add_spaces(out, indent + 2)))
			err = tip_buf_add(out, s + i, n);
		if (!err)
			err = tip_buf_addc(out, '\n');
		i += n + 1;
	}
	return err;
}

/* Writes a string that is not a literal block. */
static tip_error *add_inline_string(tip_buf *out, const char *s, size_t len, str_style style)
{
	if (style == STR_SINGLE)
		return add_single_quoted(out, s, len);
	if (style == STR_DOUBLE)
		return add_double_quoted(out, s, len);
	return tip_buf_add(out, s, len);
}

/* Writes the string and the end of its line (or its literal block). indent is the indentation
 * of the collection holding it. */
static tip_error *emit_string(tip_buf *out, const char *s, size_t len, unsigned indent,
	bool at_end)
{
	tip_error *err = NULL;
	str_style style = string_style(s, len, at_end, &err);
	if (err)
		return err;
	if (style == STR_LITERAL)
		return add_literal(out, s, len, indent);
	err = add_inline_string(out, s, len, style);
	return err ? err : tip_buf_addc(out, '\n');
}

/* ---- numbers ---- */

/* -?(0|[1-9][0-9]*)(\.[0-9]+([eE][-+][0-9]+)?)? : a number every YAML reader (and JSON)
 * takes as written. Without a fraction it is an integer too large for int64. */
static bool is_canonical_float(const char *s)
{
	s += *s == '-';
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s += strspn(s, "0123456789");
	else
		return false;
	if (*s == '\0')
		return true;
	if (*s != '.' || !tip_is_digit(s[1]))
		return false;
	s += 1 + strspn(s + 1, "0123456789");
	if (*s == 'e' || *s == 'E') {
		if (s[1] != '-' && s[1] != '+')
			return false;
		s += 2;
		if (!take_digits(&s, 1, SIZE_MAX))
			return false;
	}
	return *s == '\0';
}

/* The shortest %g form that reads back as the same double, with a ".0" where it has no
 * fraction (1000.0, 1.0e+300), so that YAML 1.1 readers take it for a float too. */
static tip_error *emit_float_value(tip_buf *out, double d)
{
	if (isnan(d))
		return tip_buf_adds(out, ".nan");
	if (isinf(d))
		return tip_buf_adds(out, d < 0 ? "-.inf" : ".inf");
	char text[40];
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(text, sizeof(text), "%.*g", precision, d);
		if (strtod(text, NULL) == d)
			break;
	}
	if (strchr(text, '.'))
		return tip_buf_adds(out, text);
	char *e = strchr(text, 'e');
	size_t mantissa = e ? (size_t)(e - text) : strlen(text);
	tip_error *err = tip_buf_add(out, text, mantissa);
	if (!err)
		err = tip_buf_adds(out, ".0");
	return err || !e ? err : tip_buf_adds(out, e);
}

static tip_error *emit_scalar(tip_buf *out, const tip_node *node, unsigned indent, bool at_end)
{
	tip_error *err = NULL;
	switch (node->type) {
	case TIP_NODE_STR: return emit_string(out, node->str, node->len, indent, at_end);
	case TIP_NODE_NULL: err = tip_buf_adds(out, "null"); break;
	case TIP_NODE_BOOL: err = tip_buf_adds(out, node->boolean ? "true" : "false"); break;
	case TIP_NODE_INT: err = tip_buf_addf(out, "%lld", (long long)node->integer); break;
	case TIP_NODE_FLOAT:
		err = node->str && is_canonical_float(node->str) ? tip_buf_adds(out, node->str)
								 : emit_float_value(out, node->number);
		break;
	case TIP_NODE_SEQ: err = tip_buf_adds(out, "[]"); break;
	case TIP_NODE_MAP: err = tip_buf_adds(out, "{}"); break;
	}
	return err ? err : tip_buf_addc(out, '\n');
}

/* ---- collections ---- */

/* The schema that applies to a value, and to its items when it is an array. */
typedef struct place {
	const tip_subschema *schema, *items;
} place;

static bool is_block(const tip_node *node)
{
	return (node->type == TIP_NODE_MAP || node->type == TIP_NODE_SEQ) && node->count > 0;
}

static tip_error *emit_block(tip_buf *out, const tip_node *node, place at, unsigned indent,
	bool inline_first, bool at_end);

/* A mapping's value or a sequence's item after its "key:" or "-": on the same line, or as a
 * block below indented by two more. */
static tip_error *emit_value(tip_buf *out, const tip_node *value, place at, unsigned indent,
	bool at_end)
{
	if (!is_block(value)) {
		tip_error *err = tip_buf_addc(out, ' ');
		return err ? err : emit_scalar(out, value, indent, at_end);
	}
	tip_error *err = tip_buf_addc(out, '\n');
	return err ? err : emit_block(out, value, at, indent + 2, false, at_end);
}

/* Writes the key: on the line as it is, or, when it spans lines or is too long for an implicit
 * key, as an explicit "? key" followed by the indentation where the ":" goes. */
static tip_error *emit_key(tip_buf *out, const tip_node *key, unsigned indent)
{
	size_t start = out->len;
	tip_error *err = NULL;
	str_style style = string_style(key->str, key->len, false, &err);
	if (err)
		return err;
	if (style != STR_LITERAL) {
		err = add_inline_string(out, key->str, key->len, style);
		if (err || out->len - start <= MAX_IMPLICIT_KEY)
			return err;
		out->len = start;
		out->data[start] = '\0';
	}
	err = tip_buf_adds(out, "? ");
	if (!err)
		err = emit_string(out, key->str, key->len, indent, false);
	return err ? err : add_spaces(out, indent);
}

static tip_error *emit_pair(tip_buf *out, const tip_pair *pair, place at, unsigned indent,
	bool at_end)
{
	tip_error *err = emit_key(out, pair->key, indent);
	if (!err)
		err = tip_buf_addc(out, ':');
	return err ? err : emit_value(out, pair->value, at, indent, at_end);
}

static const tip_field *field_named(const tip_field *fields, size_t count, const tip_node *key)
{
	for (size_t i = 0; i < count; i++)
		if (strlen(fields[i].name) == key->len && memcmp(fields[i].name, key->str, key->len) == 0)
			return &fields[i];
	return NULL;
}

/* The order of map's pairs: the schema's properties first, in its order, then the rest as
 * they were. *order is allocated. */
static tip_error *pair_order(size_t **order, const tip_node *map, const tip_field *fields,
	size_t field_count)
{
	size_t *o = malloc((map->count + 1) * sizeof(*o));
	bool *used = calloc(map->count + 1, sizeof(*used));
	if (!o || !used) {
		free(o);
		free(used);
		return tip_error_nomem();
	}
	size_t k = 0;
	for (size_t f = 0; f < field_count; f++)
		for (size_t i = 0; i < map->count; i++)
			if (!used[i] && field_named(&fields[f], 1, map->pairs[i].key)) {
				used[i] = true;
				o[k++] = i;
			}
	for (size_t i = 0; i < map->count; i++)
		if (!used[i])
			o[k++] = i;
	free(used);
	*order = o;
	return NULL;
}

static tip_error *emit_pairs(tip_buf *out, const tip_node *map, const tip_field *fields,
	size_t field_count, unsigned indent, bool inline_first, bool at_end)
{
	size_t *order = NULL;
	tip_error *err = pair_order(&order, map, fields, field_count);
	for (size_t k = 0; !err && k < map->count; k++) {
		const tip_pair *pair = &map->pairs[order[k]];
		const tip_field *f = field_named(fields, field_count, pair->key);
		place at = { f ? f->schema : NULL, f ? f->items : NULL };
		if (!(inline_first && k == 0))
			err = add_spaces(out, indent);
		if (!err)
			err = emit_pair(out, pair, at, indent, at_end && k + 1 == map->count);
	}
	free(order);
	return err;
}

static tip_error *emit_map(tip_buf *out, const tip_node *map, const tip_subschema *schema,
	unsigned indent, bool inline_first, bool at_end)
{
	tip_field *fields = NULL;
	size_t count = 0;
	tip_error *err = schema ? tip_subschema_fields(&fields, &count, schema) : NULL;
	if (!err)
		err = emit_pairs(out, map, fields, count, indent, inline_first, at_end);
	free(fields);
	return err;
}

static tip_error *emit_seq(tip_buf *out, const tip_node *seq, place at, unsigned indent,
	bool inline_first, bool at_end)
{
	place item_at = { at.items, NULL };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < seq->count; i++) {
		const tip_node *item = seq->items[i];
		bool last = at_end && i + 1 == seq->count;
		if (!(inline_first && i == 0))
			err = add_spaces(out, indent);
		if (!err)
			err = tip_buf_adds(out, "- ");
		if (!err)
			err = is_block(item) ? emit_block(out, item, item_at, indent + 2, true, last)
					     : emit_scalar(out, item, indent, last);
	}
	return err;
}

static tip_error *emit_block(tip_buf *out, const tip_node *node, place at, unsigned indent,
	bool inline_first, bool at_end)
{
	if (node->type == TIP_NODE_MAP)
		return emit_map(out, node, at.schema, indent, inline_first, at_end);
	return emit_seq(out, node, at, indent, inline_first, at_end);
}

tip_error *tip_emit_record(tip_buf *out, const tip_node *record, const tip_subschema *schema)
{
	place at = { schema, NULL };
	if (is_block(record))
		return emit_block(out, record, at, 0, false, true);
	return emit_scalar(out, record, 0, true);
}
