/* What the commands that change records share: opening the repository, options common to
 * writes, and printing findings. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "change_words.h"
#include "changes.h"
#include "cmd.h"
#include "date.h"
#include "fmt.h"
#include "jsonw.h"
#include "lint.h"
#include "reading.h"
#include "records.h"
#include "write.h"

static int open_store(tip_store **out, bool history_only)
{
	*out = NULL;
	tip_store *store = NULL;
	tip_error *err = history_only ? tip_store_open_history(&store, NULL) :
					tip_store_open(&store, NULL);
	tip_diag_list *schema_findings = NULL;
	if (!err)
		err = tip_diag_list_new(&schema_findings);
	/* Schema problems show in tip validate; a write to a type whose schema does not
	 * compile is refused when the record is opened. */
	if (!err)
		err = tip_store_load_types(store, schema_findings);
	tip_diag_list_free(schema_findings);
	if (err) {
		tip_store_free(store);
		return cmd_fail(err);
	}
	*out = store;
	return EXIT_OK;
}

int cmd_open_store(tip_store **out)
{
	return open_store(out, false);
}

int cmd_open_history_store(tip_store **out)
{
	return open_store(out, true);
}

int cmd_print_findings(tip_diag_list *findings)
{
	int status = cmd_print_diag(stderr, findings, TIP_DIAG_TEXT);
	return status == EXIT_OK ? EXIT_FINDINGS : status;
}

void cmd_print_value_notes(const char *field, const tip_buf *notes)
{
	const char *line = tip_buf_str(notes);
	while (*line) {
		size_t len = strcspn(line, "\n");
		cmd_printf(stderr, "note: %s: %.*s\n", field, (int)len, line);
		line += len + (line[len] == '\n');
	}
}

int cmd_load_mapping(tip_doc **doc, const char *file, struct tip_arena *arena)
{
	*doc = NULL;
	tip_buf text = TIP_BUF_INIT;
	const char *name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!f) {
		cmd_error("cannot open '%s': %s", file, strerror(errno));
		return EXIT_TROUBLE;
	}
	tip_error *err = tip_buf_add_stream(&text, f, name, TIP_YAML_MAX_BYTES);
	if (f != stdin)
		fclose(f);
	tip_diag_list *findings = NULL;
	if (!err)
		err = tip_diag_list_new(&findings);
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = findings,
		.arena = arena };
	if (!err)
		err = tip_yaml_load(doc, tip_buf_str(&text), text.len, name, &opts);
	/* The record is written in canonical form, which keeps no comments: say so rather
	 * than drop them. */
	tip_buf canonical = TIP_BUF_INIT;
	bool formatted = true;
	if (!err && *doc)
		err = tip_fmt_text(&canonical, &formatted, tip_buf_str(&text), text.len, name,
			NULL, findings);
	tip_buf_dispose(&canonical);
	int status = EXIT_OK;
	if (err)
		status = cmd_fail(err);
	else if (!*doc || !formatted)
		status = cmd_print_findings(findings);
	if (status != EXIT_OK) {
		tip_doc_free(*doc);
		*doc = NULL;
	}
	tip_diag_list_free(findings);
	tip_buf_dispose(&text);
	return status;
}

/* Whether list has an error of f's rule at f's field saying the same (up to i). */
static bool has_error_like(const tip_diag_list *list, size_t upto, const tip_finding *f)
{
	for (size_t j = 0; list && j < upto && j < tip_diag_list_count(list); j++) {
		const tip_finding *g = tip_diag_list_get(list, j);
		if (g->severity == TIP_SEVERITY_ERROR && strcmp(g->keyword, f->keyword) == 0 &&
		    strcmp(g->path, f->path) == 0 && strcmp(g->message, f->message) == 0)
			return true;
	}
	return false;
}

/* Whether finding i is an error the record did not have before the change (and the first
 * of its kind): errors already committed do not hold up an unrelated change. */
static bool is_new_error(const tip_diag_list *findings, size_t i, const tip_diag_list *before)
{
	const tip_finding *f = tip_diag_list_get(findings, i);
	return f->severity == TIP_SEVERITY_ERROR && !has_error_like(findings, i, f) &&
		!has_error_like(before, SIZE_MAX, f);
}

/* "Forced past: avoid-term at /description, personal-data at /notes": the rule and field of
 * each new error; never a value. */
static tip_error *forced_past(tip_buf *out, const tip_diag_list *findings,
	const tip_diag_list *before)
{
	tip_error *err = tip_buf_adds(out, "Forced past:");
	const char *sep = " ";
	for (size_t i = 0; !err && i < tip_diag_list_count(findings); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		if (!is_new_error(findings, i, before))
			continue;
		err = tip_buf_addf(out, "%s%s at %s", sep, f->keyword, *f->path ? f->path : "/");
		sep = ", ";
	}
	return err;
}

/* tip lint's findings in the text of a record, before or after the change (NULL: none). */
static tip_error *lint_text(tip_diag_list **out, tip_store *store, const tip_record *record,
	const tip_buf *text, const tip_buf *other, tip_date today)
{
	*out = NULL;
	if (!text->len)
		return NULL;
	tip_error *err = tip_diag_list_new(out);
	return err ? err : tip_lint_change(store, record->type, record->path,
		tip_buf_str(text), text->len, other->len ? tip_buf_str(other) : NULL, other->len,
		today, *out);
}

static size_t count_new_errors(const tip_diag_list *findings, const tip_diag_list *before)
{
	size_t n = 0;
	for (size_t i = 0; findings && i < tip_diag_list_count(findings); i++)
		n += is_new_error(findings, i, before);
	return n;
}

/* Whether text passes the checks the commit makes (schema, references): lint speaks only of a
 * record that does, so a broken rule is said once, in the schema's own words. */
static tip_error *schema_valid(bool *valid, tip_store *store, const tip_record *record,
	const tip_buf *text)
{
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_check(store, record, tip_buf_str(text), text->len, findings);
	*valid = !err && tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR) == 0;
	tip_diag_list_free(findings);
	return err;
}

/* tip lint's findings in the changed text, and (when it has any) in the record's text before
 * the change, which tell the errors the change brings from those it found. */
static tip_error *lint_change(tip_diag_list **findings, tip_diag_list **before, tip_store *store,
	const tip_record *record, const tip_buf *text)
{
	tip_date today;
	tip_error *err = tip_date_today(&today);
	if (!err)
		err = lint_text(findings, store, record, text, &record->text, today);
	if (!err && *findings && tip_diag_list_count(*findings))
		err = lint_text(before, store, record, &record->text, text, today);
	return err;
}

int cmd_lint_refusals(tip_store *store, const tip_record *record, const tip_buf *text,
	tip_diag_list *out)
{
	tip_diag_list *findings = NULL, *before = NULL;
	tip_error *err = lint_change(&findings, &before, store, record, text);
	for (size_t i = 0; !err && findings && i < tip_diag_list_count(findings); i++) {
		if (is_new_error(findings, i, before))
			tip_diag_list_collect(out, tip_diag_list_get(findings, i));
	}
	if (!err)
		err = tip_diag_list_error(out);
	tip_diag_list_free(findings);
	tip_diag_list_free(before);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* tip lint's rules on the record about to be written: what they find is shown; an error it
 * did not have before refuses the write, unless force, when body gets the commit message's
 * body saying so (after -m's reason). */
static int lint_before_write(tip_store *store, const tip_record *record, const tip_buf *text,
	const struct write_options *w, bool force, tip_buf *body)
{
	tip_diag_list *findings = NULL, *before = NULL;
	bool valid = false;
	tip_error *err = schema_valid(&valid, store, record, text);
	if (!err && !valid)
		return EXIT_OK; /* the commit's own check says what is wrong, in the schema's words */
	if (!err)
		err = lint_change(&findings, &before, store, record, text);
	size_t errors = err ? 0 : count_new_errors(findings, before);
	if (!err && findings && tip_diag_list_count(findings))
		cmd_print_findings(findings);
	if (!err && errors && force && w->reason)
		err = tip_buf_addf(body, "%s\n\n", w->reason);
	if (!err && errors && force)
		err = forced_past(body, findings, before);
	int status = err ? cmd_fail(err) : EXIT_OK;
	if (!err && errors && !force) {
		cmd_error("%s '%s': tip lint finds %zu error%s in the change (above): nothing was "
			  "written; change it, or give --force to write it all the same (the commit "
			  "message will say so)", record->type->name, record->id, errors,
			errors == 1 ? "" : "s");
		status = EXIT_FINDINGS;
	}
	tip_diag_list_free(findings);
	tip_diag_list_free(before);
	return status;
}

int cmd_commit_record(tip_store *store, const tip_record *record, const char *verb,
	const tip_buf *text, const struct write_options *w, bool force)
{
	tip_buf body = TIP_BUF_INIT;
	int status = text ? lint_before_write(store, record, text, w, force, &body) : EXIT_OK;
	if (status != EXIT_OK) {
		tip_buf_dispose(&body);
		return status;
	}
	tip_record_change change = { .verb = verb, .text = text ? text->data : NULL,
		.len = text ? text->len : 0, .reason = body.len ? tip_buf_str(&body) : w->reason,
		.no_commit = w->no_commit, .force = force };
	if (text && !change.text)
		change.text = "";
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_commit(store, record, &change, findings);
	if (err && tip_diag_list_count(findings)) {
		/* what is wrong with the record, then the error saying nothing was written */
		status = cmd_print_findings(findings);
		cmd_error("%s", tip_error_message(err));
		tip_error_free(err);
	} else if (err) {
		status = cmd_fail(err);
	}
	tip_diag_list_free(findings);
	tip_buf_dispose(&body);
	if (status != EXIT_OK)
		return status;
	if (w->format == CMD_WRITE_JSON)
		return cmd_print_write_json(store, verb, record->path, !w->no_commit,
			w->include_personal);
	const char *title = tip_record_title(record);
	if (w->no_commit) {
		cmd_printf(stdout, "wrote %s (not committed)\n", record->path);
		if (tip_store_is_merging(store))
			cmd_printf(stdout, "to finish the merge: git add %s, then git commit\n",
				record->path);
	}
	else
		cmd_printf(stdout, "%s %s %s%s%s\n", verb, record->type->name, record->id,
			title ? ": " : "", title ? title : "");
	return EXIT_OK;
}

int cmd_on_located_record(int argc, char **argv, const struct cmd_usage *usage,
	const char *name,
	int (*act)(tip_store *store, tip_record *record, void *ctx), void *ctx)
{
	if (argc != 2)
		return cmd_usage_error(usage, "tip %s needs TYPE and ID", name);
	tip_store *store;
	int status = cmd_open_store(&store);
	if (status != EXIT_OK)
		return status;
	tip_record record;
	tip_error *err = tip_record_locate(&record, store, argv[0], argv[1]);
	if (err) {
		status = cmd_fail(err);
	} else {
		status = act(store, &record, ctx);
		tip_record_dispose(&record);
	}
	tip_store_free(store);
	return status;
}

/* The record at path among changes, or with path NULL the only one. */
static const tip_history_record *written_record(const tip_changes *changes, const char *path)
{
	size_t n = tip_changes_record_count(changes);
	for (size_t i = 0; path && i < n; i++)
		if (strcmp(tip_changes_record_at(changes, i)->path, path) == 0)
			return tip_changes_record_at(changes, i);
	return !path && n == 1 ? tip_changes_record_at(changes, 0) : NULL;
}

/* The members before "commit": the command and the record (type, id, path; null without). */
static tip_error *write_json_head(tip_buf *b, const char *command, const tip_type *type,
	const char *id, const char *path)
{
	tip_error *err = tip_json_begin_output(b, NULL);
	if (!err)
		err = tip_json_add_string(b, "command", command, false);
	if (!err)
		err = tip_json_add_string(b, "type", type ? type->name : NULL, false);
	if (!err)
		err = tip_json_add_string(b, "id", id, false);
	return err ? err : tip_json_add_string(b, "path", path, false);
}

static tip_error *write_json(tip_buf *b, const char *command, const char *commit,
	const tip_history_record *r, bool include_personal)
{
	tip_error *err = write_json_head(b, command, r ? r->type : NULL, r ? r->id : NULL,
		r ? r->path : NULL);
	if (!err)
		err = tip_json_add_string(b, "commit", commit, false);
	if (!err)
		err = tip_json_add_string(b, "change", r ? tip_changes_change_name(r->change) : NULL,
			false);
	if (!err)
		err = tip_json_add_key(b, "changes", false);
	if (!err)
		err = r ? tip_changes_add_fields_json(b, r, !include_personal) : tip_buf_adds(b, "[]");
	return err ? err : tip_buf_adds(b, "}\n");
}

int cmd_print_write_json(tip_store *store, const char *command, const char *path,
	bool committed, bool include_personal)
{
	char head[TIP_CHANGES_ID_LEN], parent[TIP_CHANGES_ID_LEN + 1];
	tip_changes *changes = NULL;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_changes_resolve(head, store, "HEAD");
	/* what the commit did against its parent; not committed, what differs from HEAD */
	if (!err) {
		snprintf(parent, sizeof(parent), "%s^", head);
		err = tip_changes_records(&changes, store, committed ? parent : head,
			committed ? head : NULL);
	}
	if (!err)
		err = write_json(&text, command, committed ? head : NULL,
			written_record(changes, path), include_personal);
	tip_changes_free(changes);
	int status = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_dispose(&text);
	return status;
}

int cmd_print_unchanged_json(const tip_record *record, const char *command)
{
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = write_json_head(&text, command, record->type, record->id, record->path);
	if (!err)
		err = tip_buf_adds(&text, ",\"commit\":null,\"change\":null,\"changes\":[]}\n");
	int status = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_dispose(&text);
	return status;
}
