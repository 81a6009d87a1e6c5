/* Searching records: the query is folded and split into words; each text of a record is
 * folded with the map back to its source, so that the excerpt shows the text as written. */
#include "search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "fold.h"
#include "record.h"
#include "schema.h"

enum {
	MAX_WORDS = 32,
	TITLE_WEIGHT = 10,  /* a word in the title counts as ten elsewhere */
	PHRASE_BONUS = 20,  /* the words together, as given, in one field */
	EXCERPT_BEFORE = 40, /* bytes of context before the match, and after it */
	EXCERPT_AFTER = 60,
};

typedef struct query {
	tip_folded whole;
	tip_folded words[MAX_WORDS];
	size_t count;
} query;

/* Where in a record the best match is so far. */
typedef struct best {
	unsigned rank;
	const tip_node *value;
	size_t from, to; /* the match in value->str */
	tip_buf field, pointer;
} best;

typedef struct scan {
	const query *q;
	const tip_node *title;
	bool found[MAX_WORDS];
	unsigned score;
	best best;
	tip_buf field, pointer; /* of the value being looked at */
	tip_error *err;
} scan;

static void query_dispose(query *q)
{
	tip_folded_dispose(&q->whole);
	for (size_t i = 0; i < q->count; i++)
		tip_folded_dispose(&q->words[i]);
}

static tip_error *query_parse(query *q, const char *text)
{
	memset(q, 0, sizeof(*q));
	tip_error *err = tip_fold(&q->whole, text, strlen(text), false);
	const char *s = q->whole.text;
	while (!err && s && *s) {
		s += strspn(s, " \t\n\r");
		size_t len = strcspn(s, " \t\n\r");
		if (!len)
			break;
		if (q->count == MAX_WORDS) {
			err = tip_error_usage("search for %d words at most", MAX_WORDS);
			break;
		}
		/* folded text folds to itself: this copies the word */
		err = tip_fold(&q->words[q->count], s, len, false);
		if (!err)
			q->count++;
		s += len;
	}
	if (!err && !q->count)
		err = tip_error_usage("give some text to search for");
	if (err)
		query_dispose(q);
	return err;
}

static size_t occurrences(const tip_folded *hay, const tip_folded *word, size_t *first)
{
	size_t n = 0;
	*first = SIZE_MAX;
	for (size_t at = tip_fold_find(hay, word, 0); at != SIZE_MAX;
	     at = tip_fold_find(hay, word, at + word->len)) {
		if (!n)
			*first = at;
		n++;
	}
	return n;
}

static tip_error *copy_buf(tip_buf *to, const tip_buf *from)
{
	tip_buf_reset(to);
	return tip_buf_add(to, from->data ? from->data : "", from->len);
}

/* Scores one text of the record and keeps it as the best place when it is. */
static tip_error *scan_text(scan *s, const tip_node *value)
{
	tip_folded hay;
	tip_error *err = tip_fold(&hay, value->str, value->len, true);
	if (err)
		return err;
	unsigned weight = value == s->title ? TITLE_WEIGHT : 1, words = 0;
	size_t from = SIZE_MAX, to = 0;
	for (size_t i = 0; i < s->q->count; i++) {
		size_t first, n = occurrences(&hay, &s->q->words[i], &first);
		s->score += (unsigned)n * weight;
		s->found[i] = s->found[i] || n;
		words += n > 0;
		if (n && first < from) {
			from = first;
			to = first + s->q->words[i].len;
		}
	}
	size_t phrase = s->q->count > 1 ? tip_fold_find(&hay, &s->q->whole, 0) : SIZE_MAX;
	if (phrase != SIZE_MAX) {
		s->score += PHRASE_BONUS * weight;
		from = phrase;
		to = phrase + s->q->whole.len;
	}
	unsigned rank = (phrase != SIZE_MAX) * 1000 + words * 10 + weight;
	if (words && rank > s->best.rank) {
		s->best.rank = rank;
		s->best.value = value;
		s->best.from = hay.origin[from];
		s->best.to = hay.origin[to];
		err = copy_buf(&s->best.field, &s->field);
		if (!err)
			err = copy_buf(&s->best.pointer, &s->pointer);
	}
	tip_folded_dispose(&hay);
	return err;
}

static tip_error *scan_value(scan *s, const tip_node *value);

/* The value under one more step of the path: a key, or an item (counted from 0). */
static tip_error *scan_under(scan *s, const char *key, size_t item, const tip_node *value)
{
	size_t field_len = s->field.len, pointer_len = s->pointer.len;
	tip_error *err = key ? tip_buf_addf(&s->field, "%s%s", field_len ? " " : "", key)
		: tip_buf_addf(&s->field, " %zu", item + 1);
	if (!err)
		err = key ? tip_buf_add_pointer_key(&s->pointer, key)
			: tip_buf_addf(&s->pointer, "/%zu", item);
	if (!err)
		err = scan_value(s, value);
	tip_buf_truncate(&s->field, field_len);
	tip_buf_truncate(&s->pointer, pointer_len);
	return err;
}

static tip_error *scan_value(scan *s, const tip_node *value)
{
	tip_error *err = NULL;
	switch (value->type) {
	case TIP_NODE_STR:
		return scan_text(s, value);
	case TIP_NODE_SEQ:
		for (size_t i = 0; !err && i < value->count; i++)
			err = scan_under(s, NULL, i, value->items[i]);
		return err;
	case TIP_NODE_MAP:
		for (size_t i = 0; !err && i < value->count; i++)
			err = scan_under(s, value->pairs[i].key->str, 0, value->pairs[i].value);
		return err;
	default:
		return NULL;
	}
}

/* The title's node, to weigh matches in it. */
static const tip_node *title_node(const tip_snapshot_record *r, const char *title)
{
	for (size_t i = 0; title && i < r->root->count; i++)
		if (r->root->pairs[i].value->str == title)
			return r->root->pairs[i].value;
	return NULL;
}

/* The text around [from, to) of value, on one line, "…" where cut: cut at a space when there
 * is one near, and never inside a character. */
static tip_error *excerpt(char **out, const tip_node *value, size_t from, size_t to)
{
	const char *s = value->str;
	size_t start = from > EXCERPT_BEFORE ? from - EXCERPT_BEFORE : 0;
	size_t end = value->len - to > EXCERPT_AFTER ? to + EXCERPT_AFTER : value->len;
	for (size_t k = start; start > 0 && k < from; k++)
		if (s[k] == ' ') {
			start = k + 1;
			break;
		}
	while (start > 0 && start < from && ((unsigned char)s[start] & 0xC0) == 0x80)
		start++;
	for (size_t k = end; end < value->len && k > to; k--)
		if (s[k] == ' ') {
			end = k;
			break;
		}
	while (end < value->len && end > to && ((unsigned char)s[end] & 0xC0) == 0x80)
		end--;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = start > 0 ? tip_buf_adds(&text, "…") : NULL;
	for (size_t k = start; !err && k < end; k++)
		err = tip_buf_addc(&text, tip_is_one_of(s[k], "\n\r\t") ? ' ' : s[k]);
	if (!err && end < value->len)
		err = tip_buf_adds(&text, "…");
	if (!err)
		err = tip_buf_addc(&text, '\0');
	if (err) {
		tip_buf_dispose(&text);
		return err;
	}
	*out = text.data;
	return NULL;
}

/* Scans one record; a hit in *hit when it holds every word. */
static tip_error *scan_record(tip_search_hit *hit, bool *matched, const query *q,
	const tip_snapshot_record *r, bool include_personal)
{
	*matched = false;
	scan s = { .q = q };
	const char *title = tip_record_title_of(r->type, r->root);
	s.title = r->root->type == TIP_NODE_MAP ? title_node(r, title) : NULL;
	tip_error *err = NULL;
	for (size_t i = 0; !err && r->root->type == TIP_NODE_MAP && i < r->root->count; i++) {
		const tip_pair *p = &r->root->pairs[i];
		if (include_personal || !tip_schema_is_personal(r->type->schema, p->key->str))
			err = scan_under(&s, p->key->str, 0, p->value);
	}
	bool all = true;
	for (size_t i = 0; i < q->count; i++)
		all = all && s.found[i];
	if (!err && all) {
		*hit = (tip_search_hit){ .record = r, .title = title, .score = s.score };
		err = excerpt(&hit->excerpt, s.best.value, s.best.from, s.best.to);
		hit->field = err ? NULL : strdup(tip_buf_str(&s.best.field));
		hit->pointer = err ? NULL : strdup(tip_buf_str(&s.best.pointer));
		if (!err && (!hit->field || !hit->pointer))
			err = tip_error_nomem();
		*matched = true;
	}
	tip_buf_dispose(&s.field);
	tip_buf_dispose(&s.pointer);
	tip_buf_dispose(&s.best.field);
	tip_buf_dispose(&s.best.pointer);
	return err;
}

static int compare_hits(const void *pa, const void *pb)
{
	const tip_search_hit *a = pa, *b = pb;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	int c = strcmp(a->record->type->name, b->record->type->name);
	return c ? c : strcmp(a->record->id, b->record->id);
}

tip_error *tip_search(tip_search_hit **out, size_t *count,
	const tip_snapshot_record *const *records, size_t n, const char *text,
	bool include_personal)
{
	*out = NULL;
	*count = 0;
	query q;
	tip_error *err = query_parse(&q, text);
	if (err)
		return err;
	tip_search_hit *hits = calloc(n ? n : 1, sizeof(*hits));
	if (!hits)
		err = tip_error_nomem();
	size_t k = 0;
	for (size_t i = 0; !err && i < n; i++) {
		bool matched = false;
		if (records[i]->root)
			err = scan_record(&hits[k], &matched, &q, records[i], include_personal);
		k += matched;
	}
	query_dispose(&q);
	if (err) {
		tip_search_hits_free(hits, k);
		return err;
	}
	qsort(hits, k, sizeof(*hits), compare_hits);
	*out = hits;
	*count = k;
	return NULL;
}

void tip_search_hits_free(tip_search_hit *hits, size_t count)
{
	for (size_t i = 0; hits && i < count; i++) {
		free(hits[i].field);
		free(hits[i].pointer);
		free(hits[i].excerpt);
	}
	free(hits);
}
