#include "merge_file.h"

#include <string.h>

#include "diag.h"
#include "merge.h"
#include "yaml.h"

/* The version as a record: *out NULL for an empty text (no record), and *readable false when
 * it is not one (not strict YAML, not a mapping). */
static tip_error *load_version(tip_doc **out, bool *readable, tip_text text, const char *file)
{
	*out = NULL;
	if (text.len == 0)
		return NULL;
	tip_diag_list *findings = NULL;
	tip_yaml_opts opts = { .finding = tip_diag_list_collect };
	tip_error *err = tip_diag_list_new(&findings);
	opts.finding_ctx = findings;
	if (!err)
		err = tip_yaml_load(out, text.data, text.len, file, &opts);
	if (!err && (!*out || tip_diag_list_count(findings))) {
		tip_doc_free(*out);
		*out = NULL;
		*readable = false;
	}
	tip_diag_list_free(findings);
	return err;
}

/* Each schema finding of the merged record as a line of the note above it. */
static void note_finding(void *ctx, const tip_finding *f)
{
	tip_buf *note = ctx;
	tip_error *err = tip_buf_addf(note, "\n  %s: %s [%s]", *f->path ? f->path : "the record",
		f->message, f->keyword);
	tip_error_free(err);
}

/* When the schema refuses the merged record while both sides are valid, the fields they
 * differ on become conflicts, with the findings in a note. */
static tip_error *check_merged(tip_merged_file *out, tip_merge_result *r, tip_buf *note,
	const tip_schema *schema, const tip_doc *const docs[3])
{
	tip_validate_opts opts = { .file = docs[1]->file };
	for (int i = 1; i < 3; i++)
		if (tip_schema_validate(schema, docs[i]->root, &opts))
			return NULL;
	tip_error *err = tip_buf_adds(note, "tip: each side's changes are valid, but together "
					   "they make the record invalid:");
	opts.finding = note_finding;
	opts.finding_ctx = note;
	if (err || !tip_schema_validate(schema, r->doc->root, &opts))
		return err;
	err = tip_merge_conflict_all(r, docs[1], docs[2]);
	out->invalid = !err && r->conflict_count;
	return err;
}

static tip_error *merge_records(tip_merged_file *out, const tip_doc *const docs[3],
	const tip_schema *schema)
{
	const tip_subschema *root = schema ? tip_schema_root(schema) : NULL;
	tip_merge_result r;
	tip_buf note = TIP_BUF_INIT;
	tip_error *err = tip_merge_records(&r, docs[0], docs[1], docs[2], root);
	if (!err && schema && r.doc && !r.conflict_count && docs[1] && docs[2])
		err = check_merged(out, &r, &note, schema, docs);
	if (!err)
		err = tip_merge_render(&out->text, &r, root, out->invalid ? tip_buf_str(&note) : NULL);
	for (size_t i = 0; !err && i < r.conflict_count; i++)
		err = tip_buf_addf(&out->fields, "%s%s", i ? ", " : "", r.conflicts[i].field);
	out->clean = !err && !r.conflict_count;
	tip_merge_result_dispose(&r);
	tip_buf_dispose(&note);
	return err;
}

tip_error *tip_merge_file(tip_merged_file *out, tip_text base, tip_text ours, tip_text theirs,
	const tip_schema *schema, const char *file)
{
	memset(out, 0, sizeof(*out));
	tip_doc *docs[3] = { NULL, NULL, NULL };
	const tip_text texts[3] = { base, ours, theirs };
	bool readable = true;
	tip_error *err = NULL;
	for (int i = 0; !err && i < 3; i++)
		err = load_version(&docs[i], &readable, texts[i], file);
	if (!err && readable) {
		err = merge_records(out, (const tip_doc *const *)docs, schema);
	} else if (!err) {
		out->by_lines = true;
		err = tip_merge_lines(&out->text, &out->clean, base, ours, theirs);
	}
	for (int i = 0; i < 3; i++)
		tip_doc_free(docs[i]);
	if (err)
		tip_merged_file_dispose(out);
	return err;
}

void tip_merged_file_dispose(tip_merged_file *merged)
{
	tip_buf_dispose(&merged->text);
	tip_buf_dispose(&merged->fields);
	memset(merged, 0, sizeof(*merged));
}
