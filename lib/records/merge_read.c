/* Reading a conflicted record's text, as tip_merge_render writes it, back into the fields
 * outside the markers and each conflicted field's two sides (merge.h). */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const tip_node *root_of(const tip_doc *doc)
{
	return doc ? doc->root : NULL;
}

enum marker { MARK_NONE, MARK_OURS, MARK_BETWEEN, MARK_THEIRS };

static enum marker marker_of(const char *line, size_t len)
{
	static const char *const marks[] = { NULL, "<<<<<<<", "=======", ">>>>>>>" };
	for (int i = MARK_OURS; i <= MARK_THEIRS; i++)
		if (len >= 7 && memcmp(line, marks[i], 7) == 0 && (len == 7 || line[7] == ' '))
			return (enum marker)i;
	return MARK_NONE;
}

/* The text read so far, a block's two sides, and where the reading is. */
struct reader {
	tip_conflicted *out;
	const char *file;
	tip_buf common, sides[2];
	unsigned line, block_line;
	unsigned side_start[2]; /* the line before each side's first line */
	enum marker state; /* MARK_NONE outside a block, MARK_OURS or MARK_BETWEEN inside */
	size_t side_cap, conflict_cap;
};

/* Moves every node's line down by lines: a side of a block is loaded apart from the file. */
static void shift_lines(tip_node *node, unsigned lines)
{
	node->line += lines;
	for (size_t i = 0; node->type == TIP_NODE_SEQ && i < node->count; i++)
		shift_lines(node->items[i], lines);
	for (size_t i = 0; node->type == TIP_NODE_MAP && i < node->count; i++) {
		shift_lines(node->pairs[i].key, lines);
		shift_lines(node->pairs[i].value, lines);
	}
}

/* text, which starts after the file's line `after`, as a document. */
static tip_error *load_text(tip_doc **out, const struct reader *rd, const tip_buf *text,
	unsigned after)
{
	tip_diag_list *findings = NULL;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect };
	tip_error *err = tip_diag_list_new(&findings);
	opts.finding_ctx = findings;
	*out = NULL;
	if (!err)
		err = tip_yaml_load(out, text->len ? text->data : "", text->len, rd->file, &opts);
	if (!err && !*out && tip_diag_list_count(findings)) {
		const tip_finding *f = tip_diag_list_get(findings, 0);
		err = tip_error_invalid("%s:%u:%u: %s: fix it by hand, then tip validate", rd->file,
			f->line + after, f->col, f->message);
	}
	if (!err && *out)
		shift_lines((*out)->root, after);
	tip_diag_list_free(findings);
	return err;
}

/* True when text holds nothing but blank lines and comments. */
static bool blank(const tip_buf *text)
{
	for (size_t i = 0; i < text->len; i++) {
		if (text->data[i] == '#')
			while (i < text->len && text->data[i] != '\n')
				i++;
		else if (text->data[i] != ' ' && text->data[i] != '\n' && text->data[i] != '\r')
			return false;
	}
	return true;
}

static tip_error *load_side(tip_doc **out, struct reader *rd, const tip_buf *text,
	unsigned after)
{
	tip_conflicted *c = rd->out;
	*out = NULL;
	if (blank(text))
		return NULL;
	if (c->side_count == rd->side_cap) {
		rd->side_cap = rd->side_cap ? rd->side_cap * 2 : 8;
		tip_doc **grown = realloc(c->sides, rd->side_cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		c->sides = grown;
	}
	tip_error *err = load_text(out, rd, text, after);
	if (!err)
		c->sides[c->side_count++] = *out;
	return err;
}

static tip_error *add_read_conflict(struct reader *rd, const tip_node *key, const tip_node *ours,
	const tip_node *theirs)
{
	tip_conflicted *c = rd->out;
	if (c->conflict_count == rd->conflict_cap) {
		rd->conflict_cap = rd->conflict_cap ? rd->conflict_cap * 2 : 8;
		tip_merge_conflict *grown = realloc(c->conflicts,
			rd->conflict_cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		c->conflicts = grown;
	}
	c->conflicts[c->conflict_count++] = (tip_merge_conflict){ key->str, ours, theirs };
	return NULL;
}

/* A block has ended: each field of its two sides is a conflict (ours' fields first). */
static tip_error *end_block(struct reader *rd)
{
	tip_doc *docs[2] = { NULL, NULL };
	tip_error *err = NULL;
	for (int s = 0; !err && s < 2; s++)
		err = load_side(&docs[s], rd, &rd->sides[s], rd->side_start[s]);
	const tip_node *ours = root_of(docs[0]), *theirs = root_of(docs[1]);
	for (size_t i = 0; !err && ours && i < ours->count; i++)
		err = add_read_conflict(rd, ours->pairs[i].key, ours->pairs[i].value,
			tip_node_get(theirs, ours->pairs[i].key->str));
	for (size_t i = 0; !err && theirs && i < theirs->count; i++)
		if (!tip_node_get(ours, theirs->pairs[i].key->str))
			err = add_read_conflict(rd, theirs->pairs[i].key, NULL,
				theirs->pairs[i].value);
	for (int s = 0; s < 2; s++)
		tip_buf_reset(&rd->sides[s]);
	return err;
}

static tip_error *read_line(struct reader *rd, const char *line, size_t len)
{
	enum marker mark = marker_of(line, len);
	static const enum marker expected[] = { [MARK_NONE] = MARK_OURS,
		[MARK_OURS] = MARK_BETWEEN, [MARK_BETWEEN] = MARK_THEIRS };
	if (mark != MARK_NONE && mark != expected[rd->state])
		return tip_error_invalid("%s:%u: a conflict marker out of place ('%.7s' where "
					 "'%.7s' was due): put the markers right by hand",
			rd->file, rd->line, line, mark == MARK_OURS ? ">>>>>>>" : "<<<<<<<");
	tip_error *err = NULL;
	if (mark == MARK_OURS)
		rd->block_line = rd->line;
	if (mark == MARK_THEIRS)
		err = end_block(rd);
	if (mark != MARK_NONE) {
		rd->state = mark == MARK_THEIRS ? MARK_NONE : mark;
		return err ? err : tip_buf_addc(&rd->common, '\n');
	}
	int side = rd->state == MARK_BETWEEN;
	tip_buf *into = rd->state == MARK_NONE ? &rd->common : &rd->sides[side];
	if (into != &rd->common) {
		err = tip_buf_addc(&rd->common, '\n');
		if (into->len == 0)
			rd->side_start[side] = rd->line - 1;
	}
	if (!err)
		err = tip_buf_add(into, line, len);
	return err ? err : tip_buf_addc(into, '\n');
}

/* A field's name and where it is: outside the markers (its line), or in a conflict (0). */
typedef struct placed_name {
	const char *name;
	unsigned line;
} placed_name;

static int by_name(const void *a, const void *b)
{
	const placed_name *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->line < y->line) - (x->line > y->line);
}

/* A field outside the markers that is in a conflict too, or in two conflicts. */
static tip_error *refuse_doubled(const tip_conflicted *c, const char *file)
{
	const tip_node *common = c->common->root;
	size_t n = 0;
	placed_name *names = calloc(common->count + c->conflict_count + 1, sizeof(*names));
	if (!names)
		return tip_error_nomem();
	for (size_t i = 0; i < common->count; i++)
		names[n++] = (placed_name){ common->pairs[i].key->str, common->pairs[i].key->line };
	for (size_t i = 0; i < c->conflict_count; i++)
		names[n++] = (placed_name){ c->conflicts[i].field, 0 };
	qsort(names, n, sizeof(*names), by_name);
	tip_error *err = NULL;
	for (size_t i = 1; !err && i < n; i++)
		if (strcmp(names[i - 1].name, names[i].name) == 0)
			err = names[i - 1].line
				? tip_error_invalid("%s:%u: '%s' is both outside and between the "
						    "conflict markers: keep one by hand", file,
					names[i - 1].line, names[i].name)
				: tip_error_invalid("%s: '%s' is in two conflicts: keep one by hand",
					file, names[i].name);
	free(names);
	return err;
}

tip_error *tip_merge_read_conflicts(tip_conflicted *out, const char *text, size_t len,
	const char *file)
{
	memset(out, 0, sizeof(*out));
	struct reader rd = { .out = out, .file = file ? file : "-" };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - (text + i)) : len - i;
		rd.line++;
		err = read_line(&rd, text + i, n && text[i + n - 1] == '\r' ? n - 1 : n);
		i += n + 1;
	}
	if (!err && rd.state != MARK_NONE)
		err = tip_error_invalid("%s:%u: a conflict marked here has no end (>>>>>>> theirs)",
			rd.file, rd.block_line);
	if (!err && !blank(&rd.common))
		err = load_text(&out->common, &rd, &rd.common, 0);
	else if (!err)
		err = tip_doc_new(&out->common, rd.file);
	if (!err)
		err = refuse_doubled(out, rd.file);
	tip_buf_dispose(&rd.common);
	tip_buf_dispose(&rd.sides[0]);
	tip_buf_dispose(&rd.sides[1]);
	if (err)
		tip_conflicted_dispose(out);
	return err;
}

void tip_conflicted_dispose(tip_conflicted *conflicted)
{
	tip_doc_free(conflicted->common);
	for (size_t i = 0; i < conflicted->side_count; i++)
		tip_doc_free(conflicted->sides[i]);
	free(conflicted->sides);
	free(conflicted->conflicts);
	memset(conflicted, 0, sizeof(*conflicted));
}
