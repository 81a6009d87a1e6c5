/* tip lint over records and a repository: which values of a record are text to check (from
 * its schema), the findings at their places, and dates that have passed. */
#include "lint.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "due.h"

/* ---- one record ---- */

struct record_run {
	const tip_lint_vocab *vocab;
	const char *file;
	const char *source; /* NULL until read (or when it cannot be) */
	size_t source_len;
	const char *disk_path; /* the file to read the source from when it is needed */
	tip_buf text;          /* the source, when read here */
	tip_lint_place cursor;
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
	tip_error *err = tip_buf_add_stream(&r->text, f, r->file, TIP_YAML_MAX_BYTES);
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
	tip_lint_position_from(&line, &col, &r->cursor, r->source, r->source_len, node, offset);
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
	tip_contact kind;
	tip_error *err = NULL;
	while (!err && tip_contact_next(node->str, node->len, &from, &start, &end, &kind))
		err = report(r, node, start, TIP_SEVERITY_ERROR, "personal-data",
			"%s in a field not marked personal: contact details are not kept in records",
			kind == TIP_CONTACT_EMAIL ? "email address" : "phone number");
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
		const tip_field *f = tip_field_named(fields, count, key);
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
	tip_buf_dispose(&r->pointer);
	tip_buf_dispose(&r->text);
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

/* ---- review dates that cannot be ---- */

static void report_review(const char *file, const tip_node *node, const char *message,
	tip_finding_fn finding, void *ctx)
{
	tip_finding f = { file, node->line, node->col, "/last_reviewed", "review-dates", message,
		TIP_SEVERITY_ERROR };
	finding(ctx, &f);
}

void tip_lint_review_dates(const char *file, const tip_node *root, tip_date today,
	tip_finding_fn finding, void *ctx)
{
	const tip_node *last = tip_node_get(root, "last_reviewed");
	tip_date reviewed, next;
	if (!tip_date_of_node(&reviewed, last))
		return;
	char message[160], on[TIP_DATE_LEN], other[TIP_DATE_LEN];
	tip_date_format(on, reviewed);
	if (reviewed > today) {
		tip_date_format(other, today);
		snprintf(message, sizeof(message), "last reviewed %s is after today (%s): give "
			"the date of the last review that took place", on, other);
		report_review(file, last, message, finding, ctx);
	}
	if (tip_date_of_node(&next, tip_node_get(root, "next_review")) && reviewed > next) {
		tip_date_format(other, next);
		snprintf(message, sizeof(message), "last reviewed %s is later than next review %s",
			on, other);
		report_review(file, last, message, finding, ctx);
	}
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

static void selection_dispose(struct selection *sel)
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
	tip_buf_dispose(&path);
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
		if (!err && selected && r->root)
			tip_lint_review_dates(r->path, r->root, today, collect_selected, sel);
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
	selection_dispose(&sel);
	return err ? err : tip_diag_list_error(findings);
}

/* ---- a record about to be written ---- */

/* The vocabulary of the working tree's definitions, with root in place of the file at path
 * when it is a definition (and NULL when it is not). */
static tip_error *vocab_with(tip_lint_vocab **out, const tip_snapshot *snapshot,
	const char *path, const tip_node *root)
{
	size_t n = snapshot ? tip_snapshot_count(snapshot) : 0, count = 0;
	const char **files = calloc(n + 2, sizeof(*files));
	const tip_node **roots = calloc(n + 2, sizeof(*roots));
	tip_error *err = files && roots ? NULL : tip_error_nomem();
	for (size_t i = 0; !err && i < n; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		if (r->root && strcmp(r->path, path) != 0) {
			files[count] = r->path;
			roots[count++] = r->root;
		}
	}
	if (root) {
		files[count] = path;
		roots[count++] = root;
	}
	if (!err)
		err = tip_lint_vocab_build(out, files, roots, count);
	free(files);
	free(roots);
	return err;
}

/* Appends every text of the record, in order, each ended by a NUL: what the vocabulary
 * rules read. */
static tip_error *texts_of(tip_buf *out, const tip_node *node)
{
	tip_error *err = NULL;
	if (node && node->type == TIP_NODE_STR)
		err = tip_buf_add(out, node->str, strlen(node->str) + 1);
	for (size_t i = 0; !err && node && node->type == TIP_NODE_SEQ && i < node->count; i++)
		err = texts_of(out, node->items[i]);
	for (size_t i = 0; !err && node && node->type == TIP_NODE_MAP && i < node->count; i++)
		err = texts_of(out, node->pairs[i].value);
	return err;
}

/* Whether the vocabulary rules could find something in doc that they do not in other's
 * text: doc is a definition (the glossary itself changes), or its texts differ. */
static tip_error *vocabulary_needed(bool *needed, const tip_type *type, const tip_doc *doc,
	const char *other, size_t other_len, const char *path)
{
	*needed = true;
	if (strcmp(type->name, "definition") == 0 || !other)
		return NULL;
	tip_doc *before = NULL;
	tip_buf a = TIP_BUF_INIT, b = TIP_BUF_INIT;
	tip_error *err = tip_yaml_load(&before, other, other_len, path, NULL);
	if (!err && before)
		err = texts_of(&a, doc->root);
	if (!err && before)
		err = texts_of(&b, before->root);
	if (!err && before)
		*needed = a.len != b.len || memcmp(tip_buf_str(&a), tip_buf_str(&b), a.len) != 0;
	tip_buf_dispose(&a);
	tip_buf_dispose(&b);
	tip_doc_free(before);
	return err;
}

static tip_error *lint_loaded(tip_store *store, const tip_type *type, const char *path,
	const tip_doc *doc, const char *text, size_t len, bool vocabulary, tip_date today,
	struct selection *sel)
{
	tip_snapshot *snapshot = NULL;
	tip_lint_vocab *vocab = NULL;
	bool definition = strcmp(type->name, "definition") == 0;
	tip_error *err = vocabulary && tip_store_type_named(store, "definition") ?
		tip_snapshot_worktree(&snapshot, store, "definition", NULL) : NULL;
	if (!err)
		err = vocab_with(&vocab, snapshot, path, definition ? doc->root : NULL);
	if (!err && definition)
		err = tip_lint_vocab_check(vocab, collect_selected, sel);
	struct record_run run = { .vocab = vocab, .file = path, .source = text,
		.source_len = len, .finding = collect_selected, .ctx = sel };
	if (!err)
		err = lint_record(&run, type, doc->root);
	if (!err)
		tip_lint_review_dates(path, doc->root, today, collect_selected, sel);
	tip_lint_vocab_free(vocab);
	tip_snapshot_free(snapshot);
	return err;
}

tip_error *tip_lint_change(tip_store *store, const tip_type *type, const char *path,
	const char *text, size_t len, const char *other, size_t other_len, tip_date today,
	tip_diag_list *findings)
{
	char *paths[] = { (char *)path };
	struct selection sel = { paths, 1, findings };
	tip_doc *doc = NULL;
	bool vocabulary = true;
	tip_error *err = tip_yaml_load(&doc, text, len, path, NULL);
	if (!err && doc)
		err = vocabulary_needed(&vocabulary, type, doc, other, other_len, path);
	if (!err && doc)
		err = lint_loaded(store, type, path, doc, text, len, vocabulary, today, &sel);
	tip_doc_free(doc);
	return err;
}
