/* Validating a document against a compiled schema.
 *
 * The hot path allocates nothing: the instance path is a chain of segments on the C stack and
 * is only turned into a JSON Pointer when a finding is reported. Subschemas whose own failures
 * must not be reported (inside anyOf, oneOf, not, if, contains and propertyNames) run "silent":
 * they stop at the first failure and report nothing. */
#include "schema.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "contact.h"
#include "node_hash.h"
#include "regex.h"
#include "words.h"
#include "schema_int.h"
#include "suggest.h"
#include "utf8.h"

/* While a subschema with x-tip-message is checked, its findings are counted here instead of
 * reported, and the first one's place kept: the message is reported there instead. */
typedef struct capture {
	size_t count;
	tip_buf path;
	unsigned line, col;
	const char *keyword;
} capture;

/* One step of the instance path: a property (key) or an array index. */
typedef struct seg {
	const struct seg *up;
	const tip_node *key; /* NULL for an array index */
	size_t index;
} seg;

typedef struct vctx {
	const tip_validate_opts *opts;
	size_t findings;
	unsigned silent; /* > 0: evaluating a subschema whose failures are not findings */
	unsigned personal; /* > 0: inside a value marked x-tip-personal, never quoted */
	size_t undecided; /* places that could not be checked (a pattern too costly to run) */
	const tip_node *undecided_at; /* the last one reported, and its pattern: not twice */
	const tip_node *undecided_pattern;
	size_t steps, max_steps; /* work done, and allowed (TIP_SCHEMA_MAX_STEPS) */
	bool exhausted;          /* past max_steps: everything left is undecided */
	const tip_node *root;
	struct memo *memo;       /* what each $ref target said about each value */
	tip_regex_scratch *scratch;
	capture *capture; /* inside a subschema with x-tip-message, else NULL */
} vctx;

/* What checking one $ref target against one value gave. A schema can apply one $ref target to
 * one value many times over (allOf: [{$ref: n}, {$ref: n}] at every level doubles the work per
 * level); the second time gives the first answer without the work, and without repeating its
 * findings, which were reported the first time unless that was silent. */
typedef struct memo_entry {
	const snode *s; /* NULL: a free slot */
	const tip_node *inst;
	bool result;
	bool reported;  /* checked while not silent: its findings are out */
	bool undecided; /* something in it could not be checked */
} memo_entry;

struct memo {
	memo_entry *slots;
	size_t mask, used;
};

/* Gives up on a schema at its first failure when silent: only the answer matters then. */
#define FAIL()                          \
	do {                            \
		ok = false;             \
		if (c->silent)          \
			return false;   \
	} while (0)

static bool check(vctx *c, const snode *s, const tip_node *inst, const seg *at);

/* Reports a finding unless silent. A macro so that the message's arguments (quoting strings,
 * listing enums) are not even computed while silent, which is the common path inside not,
 * anyOf and the like. */
#define REPORT(...)                             \
	do {                                    \
		if (!c->silent)                 \
			report(c, __VA_ARGS__); \
	} while (0)

/* ---- findings ---- */

static tip_error *add_path(tip_buf *b, const seg *at)
{
	if (!at)
		return NULL;
	tip_error *err = add_path(b, at->up);
	if (!err)
		err = tip_buf_addc(b, '/');
	if (!err && !at->key)
		return tip_buf_addf(b, "%zu", at->index);
	for (size_t i = 0; !err && i < at->key->len; i++) {
		char ch = at->key->str[i];
		err = ch == '~' ? tip_buf_adds(b, "~0")
			: ch == '/' ? tip_buf_adds(b, "~1")
				    : tip_buf_addc(b, ch);
	}
	return err;
}

/* Hands a finding to the caller, or keeps its place while capturing. */
static void emit(vctx *c, const char *path, unsigned line, unsigned col, const char *keyword,
	const char *message)
{
	c->findings++;
	capture *cap = c->capture;
	if (cap && cap->count++ == 0) {
		tip_error *err = tip_buf_adds(&cap->path, path);
		if (err)
			tip_buf_reset(&cap->path);
		tip_error_free(err);
		cap->line = line;
		cap->col = col;
		cap->keyword = keyword;
	}
	if (cap || !c->opts->finding)
		return;
	tip_finding f = {
		.file = c->opts->file ? c->opts->file : "",
		.line = line,
		.col = col,
		.path = path,
		.keyword = keyword,
		.message = message,
		.severity = TIP_SEVERITY_ERROR,
	};
	c->opts->finding(c->opts->finding_ctx, &f);
}

static void report(vctx *c, const seg *at, const tip_node *node, const char *keyword,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(vctx *c, const seg *at, const tip_node *node, const char *keyword,
	const char *fmt, ...)
{
	if (c->silent)
		return;
	if (c->capture && c->capture->count) {
		c->findings++; /* its place is not wanted, only that there was one */
		c->capture->count++;
		return;
	}
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = add_path(&path, at);
	emit(c, err ? "" : tip_buf_str(&path), node->line, node->col, keyword, message);
	tip_error_free(err);
	tip_buf_dispose(&path);
}

/* Reports what is no verdict on the value (a check that could not be made) whatever is
 * silent or captured: no x-tip-message may stand in for it. */
static void report_always(vctx *c, const seg *at, const tip_node *node, const char *keyword,
	const char *message)
{
	unsigned silent = c->silent;
	capture *cap = c->capture;
	c->silent = 0;
	c->capture = NULL;
	report(c, at, node, keyword, "%s", message);
	c->silent = silent;
	c->capture = cap;
}

/* ---- describing values in messages ---- */

typedef struct desc {
	char s[200];
} desc;

enum { DESC_MAX_CHARS = 60 };

/* A string in double quotes, control characters escaped, cut after DESC_MAX_CHARS
 * characters. */
static void quote(desc *d, const char *s, size_t len)
{
	size_t k = 0, chars = 0;
	d->s[k++] = '"';
	for (size_t i = 0; i < len && k + 12 < sizeof(d->s); i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch & 0xC0) != 0x80 && ++chars > DESC_MAX_CHARS) {
			memcpy(d->s + k, "...", 3);
			k += 3;
			break;
		}
		if (ch == '"' || ch == '\\') {
			d->s[k++] = '\\';
			d->s[k++] = (char)ch;
		} else if (ch == '\n') {
			memcpy(d->s + k, "\\n", 2);
			k += 2;
		} else if (ch < 0x20 || ch == 0x7f) {
			k += (size_t)snprintf(d->s + k, 7, "\\u%04x", ch);
		} else {
			d->s[k++] = (char)ch;
		}
	}
	d->s[k++] = '"';
	d->s[k] = '\0';
}

/* What contact detail text holds first, if any. */
static bool holds_contact(const char *text, size_t len, tip_contact *kind)
{
	size_t from = 0, start, end;
	return tip_contact_next(text, len, &from, &start, &end, kind);
}

static const char *describe(desc *d, const tip_node *n)
{
	tip_contact kind;
	bool scalar = n->type == TIP_NODE_STR || n->type == TIP_NODE_INT ||
		n->type == TIP_NODE_FLOAT;
	if (scalar && n->str && holds_contact(n->str, strlen(n->str), &kind)) {
		snprintf(d->s, sizeof(d->s), "the text (not quoted: it holds %s)",
			tip_contact_words(kind));
		return d->s;
	}
	switch (n->type) {
	case TIP_NODE_STR:
		quote(d, n->str, n->len);
		return d->s;
	case TIP_NODE_NULL:
		return "null";
	case TIP_NODE_BOOL:
		return n->boolean ? "true" : "false";
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT:
		snprintf(d->s, sizeof(d->s), "%.*s", DESC_MAX_CHARS, n->str ? n->str : "");
		return d->s;
	case TIP_NODE_SEQ:
		return "the array";
	case TIP_NODE_MAP:
		return "the object";
	}
	return "the value";
}

/* A value of the instance for a message: as describe() does, but never a personal one. */
static const char *describe_value(const vctx *c, desc *d, const tip_node *n)
{
	return c->personal ? "the value of a personal field" : describe(d, n);
}

/* The enum's values for a message: "a, b, c", or "the N allowed values" when they are not all
 * short scalars. */
static void enum_list(char *out, size_t cap, const tip_node *values)
{
	size_t k = 0;
	out[0] = '\0';
	for (size_t i = 0; i < values->count; i++) {
		const tip_node *v = values->items[i];
		desc d;
		const char *text = describe(&d, v);
		if (v->type == TIP_NODE_STR && v->len > 0 && !memchr(v->str, ',', v->len) &&
			!memchr(v->str, '"', v->len) && v->str[0] != ' ' && v->str[v->len - 1] != ' ')
			text = d.s + 1, d.s[strlen(d.s) - 1] = '\0'; /* plain words read better */
		int n = snprintf(out + k, cap - k, "%s%s", i ? ", " : "", text);
		if (v->type == TIP_NODE_SEQ || v->type == TIP_NODE_MAP || n < 0 ||
			(size_t)n >= cap - k || k + (size_t)n > 300) {
			snprintf(out, cap, "the %zu allowed values", values->count);
			return;
		}
		k += (size_t)n;
	}
}

/* ---- types ---- */

static unsigned kind_of(const tip_node *n)
{
	switch (n->type) {
	case TIP_NODE_NULL: return SK_NULL;
	case TIP_NODE_BOOL: return SK_BOOLEAN;
	case TIP_NODE_INT: return SK_INTEGER;
	case TIP_NODE_FLOAT:
		return isfinite(n->number) && floor(n->number) == n->number ? SK_INTEGER : SK_NUMBER;
	case TIP_NODE_STR: return SK_STRING;
	case TIP_NODE_SEQ: return SK_ARRAY;
	case TIP_NODE_MAP: return SK_OBJECT;
	}
	return 0;
}

static bool type_ok(unsigned types, unsigned kind)
{
	if (kind == SK_INTEGER)
		return (types & (SK_INTEGER | SK_NUMBER)) != 0;
	return (types & kind) != 0;
}

static const char *const type_words[] = { "null", "boolean", "integer", "number", "string",
	"array", "object" };

static bool report_type(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	char expected[128] = "";
	size_t k = 0, total = 0, done = 0;
	for (unsigned b = 0; b < 7; b++)
		total += (s->types >> b) & 1u;
	for (unsigned b = 0; b < 7; b++) {
		if (!((s->types >> b) & 1u))
			continue;
		const char *sep = done == 0 ? "" : done + 1 == total ? " or " : ", ";
		k += (size_t)snprintf(expected + k, sizeof(expected) - k, "%s%s", sep, type_words[b]);
		done++;
	}
	REPORT(at, inst, "type", "expected %s, got %s", expected, tip_node_json_type(inst));
	return false;
}

/* ---- numbers ---- */

/* Compares an instance number with a limit exactly when both are integers. */
static int compare(const tip_node *x, const snum *lim)
{
	if (x->type == TIP_NODE_INT && lim->is_int)
		return (x->integer > lim->i) - (x->integer < lim->i);
	long double a = x->type == TIP_NODE_INT ? (long double)x->integer : (long double)x->number;
	long double b = lim->is_int ? (long double)lim->i : (long double)lim->d;
	return (a > b) - (a < b);
}

static bool is_multiple(const tip_node *x, const snum *m)
{
	if (x->type == TIP_NODE_INT && m->is_int)
		return x->integer % m->i == 0;
	if (!isfinite(x->number))
		return false;
	if (m->is_int)
		return fmod(x->number, m->d) == 0; /* fmod is exact */
	/* A decimal divisor such as 0.01 has no exact binary form, so x / m is only close to a
	 * whole number. Reading x and m and dividing each round once, so the quotient is off by
	 * at most three units in the last place; allow a few times that. A quotient that
	 * overflows is no multiple. */
	double q = x->number / m->d;
	if (!isfinite(q))
		return false;
	return fabs(q - nearbyint(q)) <= fabs(q) * 8 * DBL_EPSILON;
}

static bool check_number(vctx *c, const snode *s, const tip_node *x, const seg *at)
{
	bool ok = true;
	desc d;
	if (x->type == TIP_NODE_FLOAT && isnan(x->number)) {
		REPORT(at, x, "type", "%s is not a number that can be compared",
			describe_value(c, &d, x));
		return false;
	}
	if ((s->has & HAS_MINIMUM) && compare(x, &s->minimum) < 0) {
		REPORT(at, x, "minimum", "%s is less than the minimum %s", describe_value(c, &d, x),
			s->minimum.src->str);
		FAIL();
	}
	if ((s->has & HAS_MAXIMUM) && compare(x, &s->maximum) > 0) {
		REPORT(at, x, "maximum", "%s is greater than the maximum %s",
			describe_value(c, &d, x), s->maximum.src->str);
		FAIL();
	}
	if ((s->has & HAS_EXCLUSIVE_MINIMUM) && compare(x, &s->exclusive_minimum) <= 0) {
		REPORT(at, x, "exclusiveMinimum", "%s is not greater than %s",
			describe_value(c, &d, x), s->exclusive_minimum.src->str);
		FAIL();
	}
	if ((s->has & HAS_EXCLUSIVE_MAXIMUM) && compare(x, &s->exclusive_maximum) >= 0) {
		REPORT(at, x, "exclusiveMaximum", "%s is not less than %s",
			describe_value(c, &d, x), s->exclusive_maximum.src->str);
		FAIL();
	}
	if ((s->has & HAS_MULTIPLE_OF) && !is_multiple(x, &s->multiple_of)) {
		REPORT(at, x, "multipleOf", "%s is not a multiple of %s", describe_value(c, &d, x),
			s->multiple_of.src->str);
		FAIL();
	}
	return ok;
}

/* ---- strings ---- */

/* A string of len bytes holds between len / 4 and len code points: only count them when the
 * byte length leaves minLength or maxLength undecided, since descriptions are long and most
 * limits are loose. */
static bool length_in_doubt(const snode *s, size_t len)
{
	bool min_in_doubt = s->min_length > 0 && len / 4 < s->min_length;
	bool max_in_doubt = s->max_length != SIZE_MAX && len > s->max_length;
	return min_in_doubt || max_in_doubt;
}

/* A value that a pattern could not be checked against: a finding even where failures are
 * not (under not, anyOf and the like), since it is no answer either way. The combinators see
 * c->undecided grow and give no verdict of their own. */
static void report_undecided(vctx *c, const seg *at, const tip_node *str,
	const spattern *pattern, const char *keyword)
{
	c->undecided++;
	if (c->undecided_at == str && c->undecided_pattern == pattern->src)
		return; /* the same check again, through a second path of the schema */
	c->undecided_at = str;
	c->undecided_pattern = pattern->src;
	desc p;
	char message[300];
	snprintf(message, sizeof(message),
		"could not be checked: the pattern %s needs too much backtracking",
		describe(&p, pattern->src));
	report_always(c, at, str, keyword, message);
}

static bool out_of_steps(vctx *c);

/* PCRE2's units of matching work in one step of the budget: about as long as a check. */
enum { REGEX_WORK_PER_STEP = 8 };

/* Whether str matches the pattern; a search too costly to finish is reported and counts as a
 * match, so that it adds no verdict. Its work is charged to the budget, and no search may do
 * more than the budget has left. */
static bool search(vctx *c, const spattern *pattern, const tip_node *str, const seg *at,
	const char *keyword)
{
	size_t left = c->steps < c->max_steps ? (c->max_steps - c->steps) : 0;
	if (left == 0)
		return out_of_steps(c);
	size_t room = left > TIP_REGEX_MAX_WORK / REGEX_WORK_PER_STEP
		? TIP_REGEX_MAX_WORK
		: left * REGEX_WORK_PER_STEP;
	size_t work = 0;
	tip_regex_result r = tip_regex_search(pattern->re, c->scratch, str->str, str->len, room,
		&work);
	c->steps += work / REGEX_WORK_PER_STEP;
	if (r == TIP_REGEX_TOO_COSTLY && room < TIP_REGEX_MAX_WORK)
		return out_of_steps(c); /* the budget ran out, not the pattern's own limit */
	if (r == TIP_REGEX_TOO_COSTLY)
		report_undecided(c, at, str, pattern, keyword);
	return r != TIP_REGEX_NO_MATCH;
}

/* ": did you mean https://...  ?" for a web address without its scheme (the space keeps the
 * "?" off the address), or "": never for a value a message may not quote. */
static const char *format_hint(const vctx *c, tip_format format, const tip_node *str,
	char *hint, size_t cap)
{
	static const char lead[] = ": did you mean ";
	tip_contact kind;
	hint[0] = '\0';
	if (format != TIP_FORMAT_URI || c->personal || holds_contact(str->str, str->len, &kind) ||
		cap < sizeof(lead) + 2 ||
		!tip_format_uri_meant(hint + sizeof(lead) - 1, cap - sizeof(lead) - 2, str->str,
			str->len))
		return hint;
	memcpy(hint, lead, sizeof(lead) - 1);
	size_t n = strlen(hint);
	memcpy(hint + n, " ?", 3);
	return hint;
}

static bool check_string(vctx *c, const snode *s, const tip_node *str, const seg *at)
{
	bool ok = true;
	desc d;
	if (length_in_doubt(s, str->len)) {
		size_t n = tip_utf8_count(str->str, str->len);
		if (n < s->min_length) {
			REPORT(at, str, "minLength", "%s is too short (%zu %s, minimum %zu)",
				describe_value(c, &d, str), n, tip_plural(n, "character", "characters"),
				s->min_length);
			FAIL();
		}
		if (n > s->max_length) {
			REPORT(at, str, "maxLength", "%s is too long (%zu %s, maximum %zu)",
				describe_value(c, &d, str), n, tip_plural(n, "character", "characters"),
				s->max_length);
			FAIL();
		}
	}
	if (s->pattern && !search(c, s->pattern, str, at, "pattern")) {
		desc p;
		REPORT(at, str, "pattern", "%s does not match the pattern %s",
			describe_value(c, &d, str), describe(&p, s->pattern->src));
		FAIL();
	}
	if (s->format != TIP_FORMAT_NONE && !tip_format_check(s->format, str->str, str->len)) {
		char hint[300];
		REPORT(at, str, "format", "%s is not a valid %s%s", describe_value(c, &d, str),
			tip_format_noun(s->format), format_hint(c, s->format, str, hint, sizeof(hint)));
		FAIL();
	}
	return ok;
}

/* ": did you mean ..." for a value that names nothing among names, or "": never for a
 * personal value, which a suggestion would half quote. */
static const char *hint_among(const vctx *c, const tip_node *str, const char *const *names,
	size_t count, char *hint, size_t cap)
{
	tip_suggestions close;
	tip_suggest_among(&close, str->str, names, c->personal ? 0 : count);
	return tip_suggest_text(hint, cap, &close, '"');
}

/* The ids close to a reference that names no record. */
static const char *ref_hint(const vctx *c, const char *type, const tip_node *str, char *hint,
	size_t cap)
{
	const char *const *ids = NULL;
	size_t count = 0;
	if (c->opts->ref_ids)
		c->opts->ref_ids(c->opts->ref_ctx, type, &ids, &count);
	return hint_among(c, str, ids, count, hint, cap);
}

/* x-tip-ref: the string must be the id of an existing record of the type. */
static bool check_tip_ref(vctx *c, const snode *s, const tip_node *str, const seg *at)
{
	const tip_validate_opts *o = c->opts;
	if (!o->ref_exists)
		return true;
	/* Ids never hold "/" or NUL; such a string is not asked about, so that a lookup that
	 * reads files cannot be sent elsewhere. */
	bool plausible = str->len > 0 && !memchr(str->str, '/', str->len) &&
		strlen(str->str) == str->len;
	if (plausible && o->ref_exists(o->ref_ctx, s->tip_ref, str->str))
		return true;
	desc d;
	char hint[256];
	REPORT(at, str, "x-tip-ref", "%s is not an existing %s%s",
		describe_value(c, &d, str), s->tip_ref,
		ref_hint(c, s->tip_ref, str, hint, sizeof(hint)));
	return false;
}

/* ---- arrays ---- */

/* Reports each item equal to an earlier one, naming the first of its equals; only items of
 * equal hashes are compared (tip_node_first_equal), so the work grows with the items, not
 * with their pairs. */
static bool check_unique(vctx *c, const tip_node *arr, const seg *at)
{
	size_t *first = malloc((arr->count + 1) * sizeof(*first));
	tip_error *err = first ? tip_node_first_equal(first,
					 (const tip_node *const *)arr->items, arr->count, &c->steps)
			       : tip_error_nomem();
	if (err) {
		tip_error_free(err);
		free(first);
		REPORT(at, arr, "internal", "out of memory checking uniqueItems");
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < arr->count && (ok || !c->silent); i++) {
		if (first[i] == i)
			continue;
		seg here = { at, NULL, i };
		/* people count items from 1; the finding's path keeps the 0-based index */
		REPORT(&here, arr->items[i], "uniqueItems", "item %zu is the same as item %zu",
			i + 1, first[i] + 1);
		ok = false;
	}
	free(first);
	return ok;
}

static bool check_contains(vctx *c, const snode *s, const tip_node *arr, const seg *at)
{
	size_t matches = 0, undecided = c->undecided;
	c->silent++;
	for (size_t i = 0; i < arr->count; i++) {
		seg here = { at, NULL, i };
		if (check(c, s->contains, arr->items[i], &here))
			matches++;
		if (matches >= s->min_contains && s->max_contains == SIZE_MAX)
			break; /* enough, and no upper bound to count towards */
	}
	c->silent--;
	bool ok = true;
	if (c->undecided != undecided)
		return true; /* no verdict on a count that may be wrong */
	if (matches < s->min_contains) {
		if (matches == 0 && s->min_contains == 1)
			REPORT(at, arr, "contains", "no item matches the \"contains\" schema");
		else
			REPORT(at, arr, "minContains",
				"%zu %s the \"contains\" schema, at least %zu required", matches,
				tip_plural(matches, "item matches", "items match"), s->min_contains);
		FAIL();
	}
	if (matches > s->max_contains) {
		REPORT(at, arr, "maxContains",
			"%zu %s the \"contains\" schema, at most %zu allowed", matches,
			tip_plural(matches, "item matches", "items match"), s->max_contains);
		FAIL();
	}
	return ok;
}

static bool check_items(vctx *c, const snode *s, const tip_node *arr, const seg *at)
{
	bool ok = true;
	for (size_t i = 0; i < arr->count; i++) {
		const snode *item = i < s->prefix_count ? s->prefix_items[i] : s->items;
		if (!item)
			break;
		seg here = { at, NULL, i };
		if (item->kind == SN_FALSE && i >= s->prefix_count) {
			REPORT(&here, arr->items[i], "items", "too many items (%zu, at most %zu)",
				arr->count, s->prefix_count);
			return false;
		}
		if (!check(c, item, arr->items[i], &here))
			FAIL();
	}
	return ok;
}

static bool check_array(vctx *c, const snode *s, const tip_node *arr, const seg *at)
{
	bool ok = true;
	if (arr->count < s->min_items) {
		REPORT(at, arr, "minItems", "too few items (%zu, minimum %zu)", arr->count,
			s->min_items);
		FAIL();
	}
	if (arr->count > s->max_items) {
		REPORT(at, arr, "maxItems", "too many items (%zu, maximum %zu)", arr->count,
			s->max_items);
		FAIL();
	}
	if (s->unique_items && !check_unique(c, arr, at))
		FAIL();
	if ((s->prefix_count || s->items) && !check_items(c, s, arr, at))
		FAIL();
	if (s->contains && !check_contains(c, s, arr, at))
		FAIL();
	return ok;
}

/* ---- objects ---- */

static bool same_name(const tip_node *a, const tip_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

static const sprop *find_property(const snode *s, const tip_node *key)
{
	if (s->property_table) {
		uint32_t h = tip_schema_hash(key->str, key->len);
		for (uint32_t i = h & s->property_mask; s->property_table[i];
			i = (i + 1) & s->property_mask) {
			const sprop *p = &s->properties[s->property_table[i] - 1];
			if (p->hash == h && same_name(p->name, key))
				return p;
		}
		return NULL;
	}
	for (size_t i = 0; i < s->property_count; i++)
		if (same_name(s->properties[i].name, key))
			return &s->properties[i];
	return NULL;
}

static bool has_property(const tip_node *obj, const tip_node *name)
{
	for (size_t i = 0; i < obj->count; i++)
		if (same_name(obj->pairs[i].key, name))
			return true;
	return false;
}

/* A property's value against the schema that properties or patternProperties gives it; a
 * `false` there forbids the property, which is said about its name. */
static bool check_value(vctx *c, const snode *s, const tip_pair *pair, const seg *here,
	const char *keyword)
{
	if (s->kind != SN_FALSE)
		return check(c, s, pair->value, here);
	desc d;
	REPORT(here, pair->key, keyword, "property %s is not allowed", describe(&d, pair->key));
	return false;
}

static bool check_property(vctx *c, const snode *s, const tip_pair *pair, const seg *at)
{
	bool ok = true, matched = false;
	seg here = { at, pair->key, 0 };
	desc d;
	const sprop *p = s->property_count ? find_property(s, pair->key) : NULL;
	if (p) {
		matched = true;
		if (!check_value(c, p->schema, pair, &here, "properties"))
			FAIL();
	}
	for (size_t i = 0; i < s->pattern_count; i++) {
		const spattern *pp = &s->pattern_properties[i];
		size_t undecided = c->undecided;
		if (!search(c, pp, pair->key, &here, "patternProperties"))
			continue;
		matched = true;
		if (c->undecided == undecided &&
			!check_value(c, pp->schema, pair, &here, "patternProperties"))
			FAIL();
	}
	if (!matched && s->additional_properties) {
		if (s->additional_properties->kind == SN_FALSE) {
			REPORT(&here, pair->key, "additionalProperties", "unknown property %s",
				describe(&d, pair->key));
			FAIL();
		} else if (!check(c, s->additional_properties, pair->value, &here)) {
			FAIL();
		}
	}
	if (s->property_names) {
		size_t undecided = c->undecided;
		c->silent++;
		bool good = check(c, s->property_names, pair->key, &here);
		c->silent--;
		if (!good && c->undecided == undecided) {
			REPORT(&here, pair->key, "propertyNames", "invalid property name %s",
				describe(&d, pair->key));
			FAIL();
		}
	}
	return ok;
}

static bool check_dependencies(vctx *c, const snode *s, const tip_node *obj, const seg *at)
{
	bool ok = true;
	for (size_t i = 0; i < s->dependent_required_count; i++) {
		const sdepreq *dr = &s->dependent_required[i];
		if (!has_property(obj, dr->name))
			continue;
		for (size_t j = 0; j < dr->names->count; j++) {
			if (has_property(obj, dr->names->items[j]))
				continue;
			desc need, have;
			REPORT(at, obj, "dependentRequired", "property %s is required when %s is present",
				describe(&need, dr->names->items[j]), describe(&have, dr->name));
			FAIL();
		}
	}
	for (size_t i = 0; i < s->dependent_schema_count; i++) {
		const sprop *ds = &s->dependent_schemas[i];
		if (has_property(obj, ds->name) && !check(c, ds->schema, obj, at))
			FAIL();
	}
	return ok;
}

static bool check_object(vctx *c, const snode *s, const tip_node *obj, const seg *at)
{
	bool ok = true;
	if (obj->count < s->min_properties) {
		REPORT(at, obj, "minProperties", "too few properties (%zu, minimum %zu)",
			obj->count, s->min_properties);
		FAIL();
	}
	if (obj->count > s->max_properties) {
		REPORT(at, obj, "maxProperties", "too many properties (%zu, maximum %zu)",
			obj->count, s->max_properties);
		FAIL();
	}
	for (size_t i = 0; i < s->required_count; i++) {
		if (has_property(obj, s->required[i]))
			continue;
		desc d;
		REPORT(at, obj, "required", "missing required property %s",
			describe(&d, s->required[i]));
		FAIL();
	}
	bool per_property = s->property_count || s->pattern_count || s->additional_properties ||
		s->property_names;
	for (size_t i = 0; per_property && i < obj->count; i++)
		if (!check_property(c, s, &obj->pairs[i], at))
			FAIL();
	if ((s->dependent_required_count || s->dependent_schema_count) &&
		!check_dependencies(c, s, obj, at))
		FAIL();
	return ok;
}

/* ---- combinators ---- */

/* Whether s could accept a value of this kind, judging by `type` alone (through $refs). */
static bool type_fits(const snode *s, unsigned kind)
{
	for (; s; s = s->ref) {
		if (s->kind != SN_SCHEMA)
			return s->kind == SN_TRUE;
		if (s->types && !type_ok(s->types, kind))
			return false;
	}
	return true;
}

/* No alternative of anyOf or oneOf matched. When exactly one of them accepts the value's type,
 * its findings say best what is wrong; otherwise one finding for the whole keyword. */
static bool no_alternative(vctx *c, snode *const *list, size_t n, const tip_node *inst,
	const seg *at, const char *keyword)
{
	if (c->silent)
		return false;
	unsigned kind = kind_of(inst);
	const snode *best = NULL;
	size_t fitting = 0;
	for (size_t i = 0; i < n; i++)
		if (type_fits(list[i], kind))
			best = list[i], fitting++;
	size_t before = c->findings;
	if (fitting == 1)
		check(c, best, inst, at);
	if (c->findings == before)
		REPORT(at, inst, keyword, "does not match any of the %zu %s", n,
			tip_plural(n, "alternative", "alternatives"));
	return false;
}

static bool check_any_of(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	size_t undecided = c->undecided;
	c->silent++;
	bool matched = false;
	for (size_t i = 0; i < s->any_count && !matched; i++)
		matched = check(c, s->any_of[i], inst, at);
	c->silent--;
	return matched || c->undecided != undecided ||
		no_alternative(c, s->any_of, s->any_count, inst, at, "anyOf");
}

static bool check_one_of(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	size_t matches = 0, first = 0, second = 0, undecided = c->undecided;
	c->silent++;
	for (size_t i = 0; i < s->one_count && matches < 2; i++) {
		if (check(c, s->one_of[i], inst, at)) {
			*(matches ? &second : &first) = i;
			matches++;
		}
	}
	c->silent--;
	if (matches == 1 || c->undecided != undecided)
		return true;
	if (matches == 0)
		return no_alternative(c, s->one_of, s->one_count, inst, at, "oneOf");
	REPORT(at, inst, "oneOf",
		"matches more than one of the %zu alternatives (%zu and %zu), expected exactly one",
		s->one_count, first + 1, second + 1);
	return false;
}

static bool check_logic(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	bool ok = true;
	for (size_t i = 0; i < s->all_count; i++)
		if (!check(c, s->all_of[i], inst, at))
			FAIL();
	if (s->any_count && !check_any_of(c, s, inst, at))
		FAIL();
	if (s->one_count && !check_one_of(c, s, inst, at))
		FAIL();
	if (s->not_schema) {
		size_t undecided = c->undecided;
		c->silent++;
		bool matched = check(c, s->not_schema, inst, at);
		c->silent--;
		if (matched && c->undecided == undecided) {
			desc d;
			REPORT(at, inst, "not", "%s matches the schema under \"not\", which it must not",
				describe_value(c, &d, inst));
			FAIL();
		}
	}
	if (s->if_schema && (s->then_schema || s->else_schema)) {
		size_t undecided = c->undecided;
		c->silent++;
		bool cond = check(c, s->if_schema, inst, at);
		c->silent--;
		/* an undecided condition picks neither branch */
		const snode *branch = c->undecided != undecided ? NULL
			: cond ? s->then_schema : s->else_schema;
		if (branch && !check(c, branch, inst, at))
			FAIL();
	}
	return ok;
}

/* ---- the work done: $ref targets checked once per value, and a budget ---- */

static size_t pair_hash(const void *a, const void *b)
{
	uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15ull;
	h ^= (uint64_t)(uintptr_t)b + 0x632BE59BD9B4E019ull + (h << 6) + (h >> 2);
	return (size_t)(h ^ (h >> 31));
}

static memo_entry *memo_slot(const struct memo *m, const snode *s, const tip_node *inst)
{
	size_t i = pair_hash(s, inst) & m->mask;
	while (m->slots[i].s && (m->slots[i].s != s || m->slots[i].inst != inst))
		i = (i + 1) & m->mask;
	return &m->slots[i];
}

/* Room for one more entry; false when out of memory (the check is then just not memoised). */
static bool memo_reserve(vctx *c)
{
	struct memo *m = c->memo;
	if (m && (m->used + 1) * 2 <= m->mask + 1)
		return true;
	size_t cap = m ? (m->mask + 1) * 2 : 64;
	memo_entry *slots = calloc(cap, sizeof(*slots));
	if (!m && (m = calloc(1, sizeof(*m))))
		c->memo = m;
	if (!slots || !m) {
		free(slots);
		return false;
	}
	struct memo grown = { slots, cap - 1, m->used };
	for (size_t i = 0; m->slots && i <= m->mask; i++)
		if (m->slots[i].s)
			*memo_slot(&grown, m->slots[i].s, m->slots[i].inst) = m->slots[i];
	free(m->slots);
	*m = grown;
	return true;
}

static void memo_free(struct memo *m)
{
	if (m)
		free(m->slots);
	free(m);
}

/* A $ref's target against the value, once: again only when its findings are wanted now and
 * were not reported before. */
static bool check_ref(vctx *c, const snode *target, const tip_node *inst, const seg *at)
{
	memo_entry *e = c->memo ? memo_slot(c->memo, target, inst) : NULL;
	if (e && e->s && (e->reported || c->silent)) {
		c->undecided += e->undecided;
		return e->result;
	}
	size_t undecided = c->undecided;
	bool result = check(c, target, inst, at);
	if (!memo_reserve(c))
		return result;
	e = memo_slot(c->memo, target, inst); /* the table may have grown meanwhile */
	c->memo->used += !e->s;
	bool reported = !c->silent && !c->capture; /* captured findings are not out */
	*e = (memo_entry){ target, inst, result, reported, c->undecided != undecided };
	return result;
}

/* Past the budget, the value gets one finding (whatever is silent), and every check left
 * passes as undecided, so that no combinator turns it into a verdict. */
static bool out_of_steps(vctx *c)
{
	c->undecided++;
	if (c->exhausted)
		return true;
	c->exhausted = true;
	char message[200];
	snprintf(message, sizeof(message),
		"could not be checked: the schema needs too much work for this value (more than "
		"%zu steps)",
		c->max_steps);
	report_always(c, NULL, c->root, "schema", message);
	return true;
}

/* ---- one schema, one value ---- */

/* Each value compared is a step of the budget: a long enum on many values is work. */
static bool in_enum(vctx *c, const snode *s, const tip_node *inst)
{
	for (size_t i = 0; i < s->enum_values->count; i++) {
		c->steps++;
		if (tip_node_equal(inst, s->enum_values->items[i]))
			return true;
	}
	return false;
}

static bool check_value_keywords(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	bool ok = true;
	desc d, e;
	if (s->const_value && !tip_node_equal(inst, s->const_value)) {
		if (s->const_value->type == TIP_NODE_SEQ || s->const_value->type == TIP_NODE_MAP)
			REPORT(at, inst, "const", "%s is not equal to the constant value",
				describe_value(c, &d, inst));
		else
			REPORT(at, inst, "const", "%s is not equal to the constant %s",
				describe_value(c, &d, inst), describe(&e, s->const_value));
		FAIL();
	}
	if (s->enum_values && !in_enum(c, s, inst)) {
		char list[400], hint[256] = "";
		enum_list(list, sizeof(list), s->enum_values);
		if (!c->silent && s->enum_strings && inst->type == TIP_NODE_STR)
			hint_among(c, inst, s->enum_strings, s->enum_string_count, hint,
				sizeof(hint));
		REPORT(at, inst, "enum", "%s is not one of %s%s", describe_value(c, &d, inst), list,
			hint);
		FAIL();
	}
	return ok;
}

static bool check_by_type(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	switch (inst->type) {
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT:
		return !s->has || check_number(c, s, inst, at);
	case TIP_NODE_STR:
		return check_string(c, s, inst, at) &&
			(!s->tip_ref || check_tip_ref(c, s, inst, at));
	case TIP_NODE_SEQ:
		return check_array(c, s, inst, at);
	case TIP_NODE_MAP:
		return check_object(c, s, inst, at);
	default:
		return true;
	}
}

static bool check_schema(vctx *c, const snode *s, const tip_node *inst, const seg *at);

/* Checks inst against s, whose findings are replaced by its x-tip-message: one finding,
 * where the first of them would have been (for an if/then, at the field the then part
 * failed on), with its keyword. */
static bool check_with_message(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	capture cap = { .path = TIP_BUF_INIT };
	capture *outer = c->capture;
	c->capture = &cap;
	bool ok = check_schema(c, s, inst, at);
	c->capture = outer;
	c->findings -= cap.count;
	if (!ok && cap.count) {
		emit(c, tip_buf_str(&cap.path), cap.line, cap.col, cap.keyword, s->message);
	} else if (!ok) {
		/* its findings were made before, elsewhere (a $ref target checked once) */
		report(c, at, inst, "x-tip-message", "%s", s->message);
	}
	tip_buf_dispose(&cap.path);
	return ok;
}

/* Checks inst against s, which may mark it as personal data. */
static bool check(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	if (c->steps >= c->max_steps)
		return out_of_steps(c);
	c->steps++;
	c->personal += s->personal;
	bool ok = s->message && !c->silent ? check_with_message(c, s, inst, at)
					   : check_schema(c, s, inst, at);
	c->personal -= s->personal;
	return ok;
}

static bool check_schema(vctx *c, const snode *s, const tip_node *inst, const seg *at)
{
	if (s->kind == SN_TRUE)
		return true;
	if (s->kind == SN_FALSE) {
		REPORT(at, inst, "false", "no value is allowed here");
		return false;
	}
	/* A value of the wrong type makes the schema's other keywords beside the point. */
	if (s->types && !type_ok(s->types, kind_of(inst)))
		return report_type(c, s, inst, at);
	bool ok = true;
	if ((s->const_value || s->enum_values) && !check_value_keywords(c, s, inst, at))
		FAIL();
	if (!check_by_type(c, s, inst, at))
		FAIL();
	if (s->ref && !check_ref(c, s->ref, inst, at))
		FAIL();
	if (!check_logic(c, s, inst, at))
		FAIL();
	return ok;
}

/* Checks value against root, with scratch space for patterns when with_regex. */
static size_t run(const snode *root, const tip_node *value, const tip_validate_opts *opts,
	bool with_regex)
{
	static const tip_validate_opts none = { 0 };
	vctx c = { .opts = opts ? opts : &none, .root = value };
	c.max_steps = c.opts->max_steps ? c.opts->max_steps : TIP_SCHEMA_MAX_STEPS;
	if (with_regex && !(c.scratch = tip_regex_scratch_new())) {
		report(&c, NULL, value, "internal", "out of memory");
		return c.findings;
	}
	check(&c, root, value, NULL);
	tip_regex_scratch_free(c.scratch);
	memo_free(c.memo);
	if (c.opts->steps)
		*c.opts->steps = c.steps;
	return c.findings;
}

size_t tip_schema_validate(const tip_schema *schema, const tip_node *instance,
	const tip_validate_opts *opts)
{
	return run(schema->root, instance, opts, schema->uses_regex);
}

size_t tip_subschema_validate(const tip_subschema *schema, const tip_node *value,
	const tip_validate_opts *opts)
{
	/* A part of a schema does not know whether it holds patterns; scratch space is cheap. */
	return run((const snode *)schema, value, opts, true);
}
