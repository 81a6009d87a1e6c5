#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ascii.h"
#include "controls.h"
#include "emit.h"
#include "fold.h"
#include "snapshot.h"
#include "suggest.h"
#include "write.h"

/* ---- one record ---- */

/* The slug of text already folded: see tip_record_slug. */
static void slug_of_folded(char *out, size_t cap, const char *text)
{
	size_t n = 0, limit = cap - 1 < TIP_ID_MAX ? cap - 1 : TIP_ID_MAX;
	size_t word_start = 0;
	bool gap = false, cut = false;
	for (const char *p = text; *p; p++) {
		char c = *p;
		if (!(tip_is_lower(c) || tip_is_digit(c))) {
			gap = n > 0;
			continue;
		}
		if (n + (gap ? 2 : 1) > limit) {
			cut = true;
			break;
		}
		if (gap) {
			out[n++] = '-';
			word_start = n;
			gap = false;
		}
		out[n++] = c;
	}
	/* A title longer than an id may be loses its last, partial word. */
	if (cut && !gap && word_start > 0)
		n = word_start - 1;
	out[n] = '\0';
}

/* Folded first (tip_fold), so that "Café" gives "cafe" rather than "caf". */
void tip_record_slug(char *out, size_t cap, const char *title)
{
	tip_folded folded;
	tip_error *err = tip_fold(&folded, title, strlen(title), false);
	if (err) { /* no memory to fold: no id from the title */
		tip_error_free(err);
		*out = '\0';
		return;
	}
	slug_of_folded(out, cap, folded.text);
	tip_folded_dispose(&folded);
}

static tip_error *record_place(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	memset(out, 0, sizeof(*out));
	out->type = tip_store_type_named(store, type_name);
	if (!out->type)
		return tip_store_no_type(store, type_name);
	if (!out->type->schema)
		return tip_error_invalid("%s does not compile: run tip validate to see why",
			out->type->schema_file);
	const char *why;
	if (!tip_record_id_valid(id, &why))
		return tip_error_invalid("'%s' is not a valid id: %s", id, why);
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "records/%s/%s.yaml", out->type->collection, id);
	if (!err)
		err = tip_store_check_path(store, tip_buf_str(&path), true);
	out->id = err ? NULL : strdup(id);
	if (!err && !out->id)
		err = tip_error_nomem();
	if (err) {
		tip_buf_dispose(&path);
		tip_record_dispose(out);
		return err;
	}
	out->path = path.data;
	/* HEAD is read before the file, so a commit in between can only make the check
	 * stricter, never miss a change. */
	err = tip_store_head_id(out->base, sizeof(out->base), store);
	if (err)
		tip_record_dispose(out);
	return err;
}

/* The TIP_ENOTFOUND error for an id that names no record of the type, with the ids close
 * to it; it lists the type's records to find them (one look at the folder is cheap, and only
 * made when the id is wrong). */
static tip_error *no_record(tip_store *store, const tip_record *place, const char *id)
{
	tip_error *listed = tip_store_list_records(store);
	tip_error_free(listed); /* no list: no suggestion, the message stands without one */
	tip_suggestions close;
	tip_suggest_among(&close, id, place->type->ids, place->type->id_count);
	char hint[256];
	return tip_error_not_found("there is no %s '%s' (%s)%s", place->type->name, id,
		place->path, tip_suggest_text(hint, sizeof(hint), &close, '\''));
}

/* The file's text: a TIP_ENOTFOUND error when there is no such file. */
static tip_error *read_text(tip_buf *out, tip_store *store, const char *path)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&full, tip_store_root(store), path);
	FILE *f = err ? NULL : fopen(tip_buf_str(&full), "rb");
	if (!err && !f)
		err = tip_error_from_errno("cannot read '%s'", path);
	if (!err && f)
		err = tip_buf_add_stream(out, f, path, TIP_YAML_MAX_BYTES);
	if (f)
		fclose(f);
	tip_buf_dispose(&full);
	return err;
}

tip_error *tip_record_start(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	tip_error *err = record_place(out, store, type_name, id);
	if (err)
		return err;
	if (tip_store_has_record(store, type_name, id))
		err = tip_error_conflict("%s '%s' exists already (%s)", type_name, id, out->path);
	if (!err)
		err = tip_doc_new(&out->doc, out->path);
	if (err)
		tip_record_dispose(out);
	return err;
}

/* The record's file from the working tree and, when it loads, its document. Strictness
 * findings go to findings (NULL: dropped). */
static tip_error *record_read(tip_record *out, tip_store *store, const char *type_name,
	const char *id, tip_diag_list *findings)
{
	tip_error *err = record_place(out, store, type_name, id);
	if (err)
		return err;
	err = read_text(&out->text, store, out->path);
	out->exists = !tip_error_is(err, TIP_ENOTFOUND);
	if (!out->exists) {
		tip_error_free(err);
		err = no_record(store, out, id);
	}
	tip_yaml_opts opts = { .finding = findings ? tip_diag_list_collect : NULL,
		.finding_ctx = findings };
	if (!err)
		err = tip_yaml_load(&out->doc, tip_buf_str(&out->text), out->text.len, out->path,
			&opts);
	if (err)
		tip_record_dispose(out);
	return err;
}

tip_error *tip_record_open(tip_record *out, tip_store *store, const char *type_name,
	const char *id, tip_diag_list *findings)
{
	tip_error *err = record_read(out, store, type_name, id, findings);
	if (!err && !out->doc) {
		err = tip_error_invalid("cannot read '%s' as a record: fix it first "
					"(tip edit %s %s)", out->path, type_name, id);
		tip_record_dispose(out);
	}
	return err;
}

tip_error *tip_record_locate(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	return record_read(out, store, type_name, id, NULL);
}

void tip_record_dispose(tip_record *record)
{
	free(record->id);
	free(record->path);
	tip_doc_free(record->doc);
	tip_buf_dispose(&record->text);
	memset(record, 0, sizeof(*record));
}

const char *tip_record_title(const tip_record *record)
{
	return tip_record_title_of(record->type, record->doc ? record->doc->root : NULL);
}

/* The text of the field called name, or of pair when name is NULL, unless it is personal. */
static const char *public_text(const tip_type *type, const tip_pair *pair, const char *name)
{
	if (name && strcmp(pair->key->str, name) != 0)
		return NULL;
	bool text = pair->value->type == TIP_NODE_STR;
	return text && !tip_schema_is_personal(type->schema, pair->key->str) ? pair->value->str
									      : NULL;
}

const char *tip_record_title_of(const tip_type *type, const tip_node *root)
{
	static const char *const names[] = { "title", "term", NULL };
	const char *title = NULL;
	size_t count = root && root->type == TIP_NODE_MAP ? root->count : 0;
	for (size_t n = 0; !title && n < 3; n++)
		for (size_t i = 0; !title && i < count; i++)
			title = public_text(type, &root->pairs[i], names[n]);
	return title;
}

tip_error *tip_record_render(tip_buf *out, const tip_record *record)
{
	return tip_emit_record(out, record->doc->root, tip_schema_root(record->type->schema));
}

/* ---- checks against the records of a commit ---- */

struct at_commit {
	tip_store *store;
	const tip_record *record;
	const char *commit;      /* hex id; "" when there is none */
	tip_diag_list *findings;
	bool uncommitted;        /* the last reference looked up is only in the working tree */
	char uncommitted_message[TIP_ID_MAX + 160];
	bool denied;             /* the last reference looked up is to the record removed */
};

/* A reference resolves among the commit's records. One to a record that is only in the
 * working tree gets a message of its own: it is there, only not committed. */
static bool committed_ref_exists(void *ctx, const char *type_name, const char *id)
{
	struct at_commit *c = ctx;
	const tip_type *type = tip_store_type_named(c->store, type_name);
	char path[512];
	c->uncommitted = false;
	if (!type || !tip_record_id_valid(id, NULL) ||
	    (size_t)snprintf(path, sizeof(path), "records/%s/%s.yaml", type->collection, id) >=
		    sizeof(path))
		return false;
	if (tip_store_commit_has_file(c->store, c->commit, path))
		return true;
	c->uncommitted = tip_store_has_record(c->store, type_name, id);
	snprintf(c->uncommitted_message, sizeof(c->uncommitted_message),
		"\"%s\" is a %s that is not committed yet: commit it first", id, type_name);
	return false;
}

/* The working tree's ids, for "did you mean": listed only once a reference is broken. */
static void committed_ref_ids(void *ctx, const char *type, const char *const **ids,
	size_t *count)
{
	struct at_commit *c = ctx;
	tip_error_free(tip_store_list_records(c->store)); /* no list: no suggestion */
	tip_store_record_ids(c->store, type, ids, count);
}

/* The validator reports a broken reference right after looking it up. */
static void committed_finding(void *ctx, const tip_finding *f)
{
	struct at_commit *c = ctx;
	tip_finding copy = *f;
	if (c->uncommitted && strcmp(f->keyword, "x-tip-ref") == 0)
		copy.message = c->uncommitted_message;
	c->uncommitted = false;
	tip_diag_list_collect(c->findings, &copy);
}

static tip_error *check_text_at(struct at_commit *c, const char *text, size_t len)
{
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = c->findings };
	tip_error *err = tip_yaml_load(&doc, text, len, c->record->path, &opts);
	if (!err && doc) {
		tip_validate_opts vopts = { .file = c->record->path,
			.finding = committed_finding, .finding_ctx = c,
			.ref_exists = committed_ref_exists, .ref_ids = committed_ref_ids,
			.ref_ctx = c };
		tip_schema_validate(c->record->type->schema, doc->root, &vopts);
		tip_controls_check(doc->root, c->record->path, tip_diag_list_collect, c->findings);
	}
	tip_doc_free(doc);
	return err ? err : tip_diag_list_error(c->findings);
}

tip_error *tip_record_check(tip_store *store, const tip_record *record, const char *text,
	size_t len, tip_diag_list *findings)
{
	struct at_commit c = { .store = store, .record = record, .commit = record->base,
		.findings = findings };
	return check_text_at(&c, text, len);
}

static bool hidden_ref_exists(void *ctx, const char *type, const char *id)
{
	struct at_commit *c = ctx;
	c->denied = strcmp(type, c->record->type->name) == 0 && strcmp(id, c->record->id) == 0;
	return !c->denied;
}

static void referrer_finding(void *ctx, const tip_finding *f)
{
	struct at_commit *c = ctx;
	if (c->denied && strcmp(f->keyword, "x-tip-ref") == 0)
		tip_diag_list_collect(c->findings, f);
	c->denied = false;
}

/* The references to the record among the commit's records, as the findings its removal
 * would cause. */
static tip_error *find_referrers_at(struct at_commit *c)
{
	if (!*c->commit)
		return NULL;
	tip_snapshot *snapshot = NULL;
	tip_error *err = tip_snapshot_at_rev(&snapshot, c->store, c->commit, NULL, NULL);
	size_t count = err ? 0 : tip_snapshot_count(snapshot);
	for (size_t i = 0; i < count; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snapshot, i);
		tip_validate_opts vopts = { .file = r->path, .finding = referrer_finding,
			.finding_ctx = c, .ref_exists = hidden_ref_exists, .ref_ctx = c };
		if (r->root && r->type->schema)
			tip_schema_validate(r->type->schema, r->root, &vopts);
	}
	tip_snapshot_free(snapshot);
	return err ? err : tip_diag_list_error(c->findings);
}

tip_error *tip_record_replace(tip_record *record, const char *text, size_t len)
{
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, text, len, record->path, NULL);
	if (err)
		return err;
	if (!doc)
		return tip_error_invalid("'%s' is not a valid record", record->path);
	tip_doc_free(record->doc);
	record->doc = doc;
	return NULL;
}

struct commit_check {
	struct at_commit at;
	const tip_record_change *change;
};

/* What is committed is checked against the records of the commit it goes on. */
static tip_error *check_commit(void *ctx, const char *commit)
{
	struct commit_check *cc = ctx;
	struct at_commit *c = &cc->at;
	const tip_record *record = c->record;
	c->commit = commit;
	tip_error *err = NULL;
	if (cc->change->text)
		err = check_text_at(c, cc->change->text, cc->change->len);
	else if (!cc->change->force)
		err = find_referrers_at(c);
	size_t n = tip_diag_list_count(c->findings);
	if (err || !n)
		return err;
	if (cc->change->text)
		return tip_error_invalid("%s '%s' would not be valid: nothing was written",
			record->type->name, record->id);
	return tip_error_conflict("%s '%s' is referred to in %zu place%s in the last commit "
				  "(above): change those and commit them first, or use --force",
		record->type->name, record->id, n, n == 1 ? "" : "s");
}

tip_error *tip_record_commit(tip_store *store, const tip_record *record,
	const tip_record_change *change, tip_diag_list *findings)
{
	struct commit_check cc = { { .store = store, .record = record, .findings = findings },
		change };
	tip_buf message = TIP_BUF_INIT;
	tip_error *err = tip_commit_message(&message, change->verb, record->type->name,
		record->id, tip_record_title(record), change->reason, record->type->collection);
	tip_file_change file = { record->path, change->text, change->len };
	tip_write_opts opts = { .no_commit = change->no_commit, .base = record->base,
		.check = check_commit, .check_ctx = &cc };
	/* --no-commit writes no commit: the check is against the one the record was read at. */
	if (!err && change->no_commit)
		err = check_commit(&cc, record->base);
	if (!err)
		err = tip_store_write(store, &file, 1, tip_buf_str(&message), &opts);
	tip_buf_dispose(&message);
	return err;
}
