#include "record.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "validate.h"
#include "write.h"

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool tip_record_id_valid(const char *id, const char **why)
{
	const char *reason = NULL;
	size_t len = strlen(id);
	if (len == 0)
		reason = "an id cannot be empty";
	else if (len > TIP_ID_MAX)
		reason = "an id has at most 64 characters";
	else if (id[0] == '-' || id[len - 1] == '-')
		reason = "an id cannot start or end with '-'";
	else if (strstr(id, "--"))
		reason = "an id cannot have two '-' in a row";
	for (const char *p = id; !reason && *p; p++)
		if (!is_id_char(*p) && *p != '-')
			reason = "an id has only lower-case letters a-z, digits and '-'";
	if (why)
		*why = reason;
	return reason == NULL;
}

bool tip_record_is_yaml_name(const char *name, size_t *stem_len)
{
	size_t len = strlen(name);
	if (len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
		return false;
	if (stem_len)
		*stem_len = len - 5;
	return true;
}

/* ---- one record ---- */

void tip_record_slug(char *out, size_t cap, const char *title)
{
	size_t n = 0, limit = cap - 1 < TIP_ID_MAX ? cap - 1 : TIP_ID_MAX;
	size_t word_start = 0;
	bool gap = false, cut = false;
	for (const unsigned char *p = (const unsigned char *)title; *p; p++) {
		char c = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
		if (!is_id_char(c)) {
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

static tip_error *record_place(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	memset(out, 0, sizeof(*out));
	out->type = tip_store_type_named(store, type_name);
	if (!out->type)
		return tip_error_new("there is no record type '%s' (no schemas/%s.schema.yaml)",
			type_name, type_name);
	if (!out->type->schema)
		return tip_error_new("%s does not compile: run tip validate to see why",
			out->type->schema_file);
	const char *why;
	if (!tip_record_id_valid(id, &why))
		return tip_error_new("'%s' is not a valid id: %s", id, why);
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "records/%s/%s.yaml", out->type->collection, id);
	out->id = strdup(id);
	if (!err && !out->id)
		err = tip_error_nomem();
	if (err) {
		tip_buf_free(&path);
		tip_record_free(out);
		return err;
	}
	out->path = path.data;
	/* HEAD is read before the file, so a commit in between can only make the check
	 * stricter, never miss a change. */
	err = tip_store_head_id(out->base, sizeof(out->base), store);
	if (err)
		tip_record_free(out);
	return err;
}

static tip_error *read_text(tip_buf *out, bool *exists, tip_store *store, const char *path)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&full, tip_store_root(store), path);
	FILE *f = err ? NULL : fopen(tip_buf_str(&full), "rb");
	*exists = f != NULL;
	if (!err && !f && errno != ENOENT)
		err = tip_error_from_errno("cannot read '%s'", path);
	if (!err && f)
		err = tip_buf_add_stream(out, f, path, TIP_YAML_MAX_BYTES);
	if (f)
		fclose(f);
	tip_buf_free(&full);
	return err;
}

tip_error *tip_record_start(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	tip_error *err = record_place(out, store, type_name, id);
	if (err)
		return err;
	if (tip_store_has_record(store, type_name, id))
		err = tip_error_new("%s '%s' exists already (%s)", type_name, id, out->path);
	if (!err)
		err = tip_doc_new(&out->doc, out->path);
	if (err)
		tip_record_free(out);
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
	err = read_text(&out->text, &out->exists, store, out->path);
	if (!err && !out->exists)
		err = tip_error_new("there is no %s '%s' (%s)", type_name, id, out->path);
	tip_yaml_opts opts = { .finding = findings ? tip_diag_list_collect : NULL,
		.finding_ctx = findings };
	if (!err)
		err = tip_yaml_load(&out->doc, tip_buf_str(&out->text), out->text.len, out->path,
			&opts);
	if (err)
		tip_record_free(out);
	return err;
}

tip_error *tip_record_open(tip_record *out, tip_store *store, const char *type_name,
	const char *id, tip_diag_list *findings)
{
	tip_error *err = record_read(out, store, type_name, id, findings);
	if (!err && !out->doc) {
		err = tip_error_new("cannot read '%s' as a record: fix it first (tip edit %s %s)",
			out->path, type_name, id);
		tip_record_free(out);
	}
	return err;
}

tip_error *tip_record_locate(tip_record *out, tip_store *store, const char *type_name,
	const char *id)
{
	return record_read(out, store, type_name, id, NULL);
}

void tip_record_free(tip_record *record)
{
	free(record->id);
	free(record->path);
	tip_doc_free(record->doc);
	tip_buf_free(&record->text);
	memset(record, 0, sizeof(*record));
}

const char *tip_record_title(const tip_record *record)
{
	return tip_record_title_of(record->doc ? record->doc->root : NULL);
}

const char *tip_record_title_of(const tip_node *root)
{
	const tip_node *title = tip_node_get(root, "title");
	if (!title || title->type != TIP_NODE_STR)
		title = tip_node_get(root, "term");
	for (size_t i = 0; root && (!title || title->type != TIP_NODE_STR) && i < root->count; i++)
		title = root->pairs[i].value;
	return title && title->type == TIP_NODE_STR ? title->str : NULL;
}

tip_error *tip_record_render(tip_buf *out, const tip_record *record)
{
	return tip_emit_record(out, record->doc->root, tip_schema_root(record->type->schema));
}

tip_error *tip_record_check(tip_store *store, const tip_record *record, const char *text,
	size_t len, tip_diag_list *findings)
{
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = findings };
	tip_error *err = tip_yaml_load(&doc, text, len, record->path, &opts);
	if (!err && doc) {
		tip_validate_opts vopts = { .file = record->path,
			.finding = tip_diag_list_collect, .finding_ctx = findings,
			.ref_exists = tip_store_has_record, .ref_ctx = store };
		tip_schema_validate(record->type->schema, doc->root, &vopts);
	}
	tip_doc_free(doc);
	return err ? err : tip_diag_list_error(findings);
}

tip_error *tip_record_replace(tip_record *record, const char *text, size_t len)
{
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, text, len, record->path, NULL);
	if (err)
		return err;
	if (!doc)
		return tip_error_new("'%s' is not a valid record", record->path);
	tip_doc_free(record->doc);
	record->doc = doc;
	return NULL;
}

tip_error *tip_record_commit(tip_store *store, const tip_record *record, const char *verb,
	const char *text, size_t len, const char *reason, bool no_commit)
{
	tip_buf message = TIP_BUF_INIT;
	tip_error *err = tip_commit_message(&message, verb, record->type->name, record->id,
		tip_record_title(record), reason, record->type->collection);
	tip_file_change change = { record->path, text, len };
	tip_write_opts opts = { .no_commit = no_commit, .base = record->base };
	if (!err)
		err = tip_store_write(store, &change, 1, tip_buf_str(&message), &opts);
	tip_buf_free(&message);
	return err;
}

tip_error *tip_record_referrers(tip_store *store, const tip_record *record,
	tip_diag_list *findings)
{
	return tip_validate_referrers(store, record->type->name, record->id, findings);
}
