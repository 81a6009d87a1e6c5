#include "fmt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "yaml.h"

/* ---- comments ----
 *
 * libyaml drops comments, so a comment is found the reliable way: a '#' at the start of a
 * line or after a blank is a comment exactly when cutting the line there leaves the document's
 * values unchanged (a '#' inside quoted text or a literal block changes them). */

static const char comment_message[] =
	"comment would be lost: tip fmt keeps no comments; move the text into notes or remove it";

/* Same values, same types and the same key order; NaN equals NaN. */
static bool same_value(const tip_node *a, const tip_node *b)
{
	if (a->type != b->type || (a->type >= TIP_NODE_SEQ && a->count != b->count))
		return false;
	switch (a->type) {
	case TIP_NODE_NULL: return true;
	case TIP_NODE_BOOL: return a->boolean == b->boolean;
	case TIP_NODE_INT: return a->integer == b->integer;
	case TIP_NODE_FLOAT:
		return a->number == b->number || (isnan(a->number) && isnan(b->number));
	case TIP_NODE_STR: return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
	case TIP_NODE_SEQ:
		for (size_t i = 0; i < a->count; i++)
			if (!same_value(a->items[i], b->items[i]))
				return false;
		return true;
	case TIP_NODE_MAP:
		for (size_t i = 0; i < a->count; i++)
			if (!same_value(a->pairs[i].key, b->pairs[i].key) ||
				!same_value(a->pairs[i].value, b->pairs[i].value))
				return false;
		return true;
	}
	return false;
}

/* A '#' that may start a comment, with its position as the loader counts it. */
typedef struct hash_mark {
	size_t at;
	unsigned line, col;
} hash_mark;

typedef struct marks {
	hash_mark *list;
	size_t count, cap;
} marks;

static tip_error *add_mark(marks *m, size_t at, unsigned line, unsigned col)
{
	if (m->count == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		hash_mark *grown = realloc(m->list, cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		m->list = grown;
		m->cap = cap;
	}
	m->list[m->count++] = (hash_mark){ at, line, col };
	return NULL;
}

static size_t bom_length(const char *text, size_t len)
{
	return len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Every '#' at the start of a line or after a blank; lines end at LF, CRLF or CR, and columns
 * count characters. */
static tip_error *find_marks(marks *m, const char *text, size_t len)
{
	size_t start = bom_length(text, len);
	unsigned line = 1, col = 1;
	tip_error *err = NULL;
	for (size_t i = start; !err && i < len; i++) {
		char c = text[i];
		if (c == '#' && (i == start || memchr(" \t\r\n", text[i - 1], 4)))
			err = add_mark(m, i, line, col);
		if (c == '\n' || (c == '\r' && (i + 1 == len || text[i + 1] != '\n'))) {
			line++;
			col = 1;
		} else if (c != '\r' && ((unsigned char)c & 0xC0) != 0x80) {
			col++;
		}
	}
	return err;
}

static size_t line_end(const char *text, size_t len, size_t i)
{
	while (i < len && text[i] != '\n' && text[i] != '\r')
		i++;
	return i;
}

/* The text with each marked line cut at its mark (list holds count marks, in order; a mark
 * after an earlier one on the same line is already cut). */
static tip_error *cut_at(tip_buf *out, const char *text, size_t len, const hash_mark *list,
	size_t count)
{
	tip_buf_reset(out);
	size_t from = 0;
	tip_error *err = NULL;
	for (size_t k = 0; !err && k < count; k++) {
		if (list[k].at < from)
			continue;
		err = tip_buf_add(out, text + from, list[k].at - from);
		from = line_end(text, len, list[k].at);
	}
	return err ? err : tip_buf_add(out, text + from, len - from);
}

/* Whether the text with those cuts still loads to the same values. */
static tip_error *same_after_cut(bool *same, tip_buf *scratch, const char *text, size_t len,
	const hash_mark *list, size_t count, const tip_node *root)
{
	*same = false;
	tip_error *err = cut_at(scratch, text, len, list, count);
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { 0 };
	if (!err)
		err = tip_yaml_load(&doc, tip_buf_str(scratch), scratch->len, "", &opts);
	if (!err && doc)
		*same = same_value(root, doc->root);
	tip_doc_free(doc);
	return err;
}

static tip_error *report_comment(tip_diag_list *findings, const char *file, const hash_mark *m)
{
	return tip_diag_list_addf(findings, file, m->line, m->col, "", "comment", "%s",
		comment_message);
}

/* Reports each comment (a '#' inside a comment is part of it); *any tells whether there
 * was one. Cutting every candidate at once settles the common cases (no '#' in text, or only
 * comments) with one load. */
static tip_error *report_comments(bool *any, const char *text, size_t len,
	const tip_node *root, const char *file, tip_diag_list *findings)
{
	*any = false;
	marks m = { 0 };
	tip_buf scratch = TIP_BUF_INIT;
	tip_error *err = find_marks(&m, text, len);
	bool all = false;
	if (!err && m.count)
		err = same_after_cut(&all, &scratch, text, len, m.list, m.count, root);
	size_t comment_end = 0;
	for (size_t k = 0; !err && k < m.count; k++) {
		if (m.list[k].at < comment_end)
			continue;
		bool comment = all;
		if (!all)
			err = same_after_cut(&comment, &scratch, text, len, &m.list[k], 1, root);
		if (!err && comment) {
			*any = true;
			comment_end = line_end(text, len, m.list[k].at);
			err = report_comment(findings, file, &m.list[k]);
		}
	}
	tip_buf_dispose(&scratch);
	free(m.list);
	return err;
}

tip_error *tip_fmt_text(tip_buf *out, bool *formatted, const char *text, size_t len,
	const char *file, const tip_subschema *schema, tip_diag_list *findings)
{
	*formatted = false;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = findings };
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, text, len, file, &opts);
	if (!err)
		err = tip_diag_list_error(findings);
	bool comments = false;
	if (!err && doc)
		err = report_comments(&comments, text, len, doc->root, file, findings);
	if (!err && doc && !comments) {
		err = tip_emit_record(out, doc->root, schema);
		*formatted = !err;
	}
	tip_doc_free(doc);
	return err;
}

/* ---- files ---- */

/* Reads the file (at most one byte over the loader's bound, which then reports the size). */
static tip_error *read_file(tip_buf *out, mode_t *mode, const char *path, const char *rel)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return tip_error_from_errno("cannot read '%s'", rel);
	struct stat st;
	tip_error *err = NULL;
	if (fstat(fd, &st) != 0)
		err = tip_error_from_errno("cannot read '%s'", rel);
	else if (!S_ISREG(st.st_mode))
		err = tip_error_invalid("cannot read '%s': not a regular file", rel);
	else
		*mode = st.st_mode & 07777;
	char chunk[65536];
	ssize_t n = 0;
	while (!err && out->len <= TIP_YAML_MAX_BYTES &&
		(n = read(fd, chunk, sizeof(chunk))) > 0)
		err = tip_buf_add(out, chunk, (size_t)n);
	if (!err && n < 0)
		err = tip_error_from_errno("cannot read '%s'", rel);
	close(fd);
	return err;
}

static tip_error *write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return tip_error_from_errno("write failed");
		data += n;
		len -= (size_t)n;
	}
	return NULL;
}

/* "<dir>/.<name>.tip-XXXXXX" beside path, for mkstemp. */
static tip_error *temp_name(tip_buf *out, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	tip_error *err = tip_buf_add(out, path, dir);
	return err ? err : tip_buf_addf(out, ".%s.tip-XXXXXX", path + dir);
}

/* Replaces the file at path with text: a temporary file in the same folder, given the old
 * file's mode, flushed to disk and renamed over it, so that the file is never half written. */
static tip_error *replace_file(const char *path, const char *rel, const tip_buf *text,
	mode_t mode)
{
	tip_buf tmp = TIP_BUF_INIT;
	tip_error *err = temp_name(&tmp, path);
	int fd = err ? -1 : mkstemp(tmp.data);
	if (!err && fd < 0)
		err = tip_error_from_errno("cannot write '%s'", rel);
	if (!err)
		err = write_all(fd, text->data, text->len);
	if (!err && (fchmod(fd, mode) != 0 || fsync(fd) != 0))
		err = tip_error_from_errno("cannot write '%s'", rel);
	if (fd >= 0 && close(fd) != 0 && !err)
		err = tip_error_from_errno("cannot write '%s'", rel);
	if (!err && rename(tmp.data, path) != 0)
		err = tip_error_from_errno("cannot replace '%s'", rel);
	if (err && fd >= 0)
		unlink(tmp.data);
	tip_buf_dispose(&tmp);
	return err ? tip_error_wrap(err, "'%s' is unchanged", rel) : NULL;
}

/* ---- the repository ---- */

struct run {
	tip_store *store;
	const char *root;
	const tip_fmt_opts *opts;
	tip_diag_list *findings;
	bool **selected; /* per type, per id: to be formatted */
};

/* "records/<collection>/<id>.yaml" */
static tip_error *record_path(tip_buf *out, const tip_type *type, const char *id)
{
	tip_buf_reset(out);
	return tip_buf_addf(out, "records/%s/%s.yaml", type->collection, id);
}

/* The 1-based line of the first byte where a and b differ (they do differ). */
static unsigned first_difference_line(const tip_buf *a, const tip_buf *b)
{
	unsigned line = 1;
	for (size_t i = 0; i < a->len && i < b->len && a->data[i] == b->data[i]; i++)
		if (a->data[i] == '\n')
			line++;
	return line;
}

static tip_error *format_record(struct run *r, const tip_type *type, const char *rel)
{
	if (!type->schema)
		return tip_diag_list_addf(r->findings, rel, 0, 0, "", "schema",
			"not formatted: the schema %s does not compile (tip validate says why)",
			type->schema_file);
	tip_buf path = TIP_BUF_INIT, text = TIP_BUF_INIT, canonical = TIP_BUF_INIT;
	mode_t mode = 0644;
	bool formatted = false;
	tip_error *err = tip_buf_add_path(&path, r->root, rel);
	if (!err)
		err = read_file(&text, &mode, tip_buf_str(&path), rel);
	if (!err)
		err = tip_fmt_text(&canonical, &formatted, tip_buf_str(&text), text.len, rel,
			tip_schema_root(type->schema), r->findings);
	bool changed = formatted &&
		(canonical.len != text.len || memcmp(canonical.data, text.data, text.len) != 0);
	if (!err && changed && r->opts->changed)
		r->opts->changed(r->opts->ctx, rel, first_difference_line(&text, &canonical));
	if (!err && changed && !r->opts->check)
		err = replace_file(tip_buf_str(&path), rel, &canonical, mode);
	tip_buf_dispose(&path);
	tip_buf_dispose(&text);
	tip_buf_dispose(&canonical);
	return err;
}

static tip_error *format_selected(struct run *r)
{
	tip_buf rel = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t t = 0; !err && t < tip_store_type_count(r->store); t++) {
		const tip_type *type = tip_store_type_at(r->store, t);
		for (size_t i = 0; !err && i < type->id_count; i++) {
			if (!r->selected[t][i])
				continue;
			err = record_path(&rel, type, type->ids[i]);
			if (!err)
				err = format_record(r, type, tip_buf_str(&rel));
		}
	}
	tip_buf_dispose(&rel);
	return err;
}

/* Selects every record whose path lies under the folder dir ("." = the root). */
static tip_error *select_under(struct run *r, const char *dir)
{
	size_t n = strlen(dir);
	bool all = strcmp(dir, ".") == 0;
	tip_buf rel = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t t = 0; !err && t < tip_store_type_count(r->store); t++) {
		const tip_type *type = tip_store_type_at(r->store, t);
		for (size_t i = 0; !err && i < type->id_count; i++) {
			err = record_path(&rel, type, type->ids[i]);
			if (!err && (all || (strncmp(rel.data, dir, n) == 0 && rel.data[n] == '/')))
				r->selected[t][i] = true;
		}
	}
	tip_buf_dispose(&rel);
	return err;
}

static int compare_id(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

static tip_error *not_a_record(struct run *r, const char *rel)
{
	return tip_diag_list_addf(r->findings, rel, 0, 0, "", "layout",
		"not a record: records are records/<collection>/<id>.yaml");
}

/* Selects the record at rel, or reports that it is none. */
static tip_error *select_file(struct run *r, const char *rel)
{
	size_t len = strlen(rel);
	const char *collection = strncmp(rel, "records/", 8) == 0 ? rel + 8 : NULL;
	const char *slash = collection ? strchr(collection, '/') : NULL;
	if (!slash || strchr(slash + 1, '/') || len < 5 || strcmp(rel + len - 5, ".yaml") != 0)
		return not_a_record(r, rel);
	char folder[PATH_MAX], id[PATH_MAX];
	snprintf(folder, sizeof(folder), "%.*s", (int)(slash - collection), collection);
	snprintf(id, sizeof(id), "%.*s", (int)(rel + len - 5 - (slash + 1)), slash + 1);
	for (size_t t = 0; t < tip_store_type_count(r->store); t++) {
		const tip_type *type = tip_store_type_at(r->store, t);
		if (strcmp(type->collection, folder) != 0)
			continue;
		const char *const *hit = bsearch(id, type->ids, type->id_count, sizeof(*type->ids),
			compare_id);
		if (hit)
			r->selected[t][hit - type->ids] = true;
		return hit ? NULL : not_a_record(r, rel);
	}
	return tip_diag_list_addf(r->findings, rel, 0, 0, "", "layout",
		"not formatted: no schema claims the folder records/%s", folder);
}

static tip_error *select_path(struct run *r, const char *path)
{
	char *rel = NULL;
	struct stat st;
	tip_error *err = tip_store_relative_path(&rel, r->store, path);
	if (!err && stat(path, &st) != 0)
		err = tip_error_from_errno("cannot open '%s'", path);
	if (!err)
		err = S_ISDIR(st.st_mode) ? select_under(r, rel) : select_file(r, rel);
	free(rel);
	return err;
}

static tip_error *select_new(struct run *r)
{
	size_t types = tip_store_type_count(r->store);
	r->selected = calloc(types + 1, sizeof(*r->selected));
	for (size_t t = 0; r->selected && t < types; t++) {
		r->selected[t] = calloc(tip_store_type_at(r->store, t)->id_count + 1, sizeof(bool));
		if (!r->selected[t])
			return tip_error_nomem();
	}
	return r->selected ? NULL : tip_error_nomem();
}

static void select_dispose(struct run *r)
{
	for (size_t t = 0; r->selected && t < tip_store_type_count(r->store); t++)
		free(r->selected[t]);
	free(r->selected);
}

tip_error *tip_fmt_repository(tip_store *store, const char *const *paths, size_t count,
	const tip_fmt_opts *opts, tip_diag_list *findings)
{
	tip_error *err = NULL;
	if (tip_store_type_count(store) == 0) {
		/* Schemas that do not compile are tip validate's to report; their records get a
		 * finding of their own. */
		tip_diag_list *ignored = NULL;
		err = tip_diag_list_new(&ignored);
		if (!err)
			err = tip_store_load_types(store, ignored);
		tip_diag_list_free(ignored);
	}
	if (!err)
		err = tip_store_list_records(store);
	struct run r = { store, tip_store_root(store), opts,
		findings, NULL };
	if (!err)
		err = select_new(&r);
	if (!err && count == 0)
		err = select_under(&r, ".");
	for (size_t i = 0; !err && i < count; i++)
		err = select_path(&r, paths[i]);
	if (!err)
		err = format_selected(&r);
	select_dispose(&r);
	return err;
}
