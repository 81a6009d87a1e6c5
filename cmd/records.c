/* What the commands that change records share: opening the repository, options common to
 * writes, and printing findings. */
#include <stdio.h>
#include <string.h>

#include "change_words.h"
#include "changes.h"
#include "cmd.h"
#include "jsonw.h"
#include "reading.h"
#include "records.h"

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

int cmd_commit_record(tip_store *store, const tip_record *record, const char *verb,
	const tip_buf *text, const struct write_options *w, bool force)
{
	tip_record_change change = { .verb = verb, .text = text ? text->data : NULL,
		.len = text ? text->len : 0, .reason = w->reason, .no_commit = w->no_commit,
		.force = force };
	if (text && !change.text)
		change.text = "";
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_commit(store, record, &change, findings);
	int status = EXIT_OK;
	if (err && tip_diag_list_count(findings)) {
		/* what is wrong with the record, then the error saying nothing was written */
		status = cmd_print_findings(findings);
		cmd_error("%s", tip_error_message(err));
		tip_error_free(err);
	} else if (err) {
		status = cmd_fail(err);
	}
	tip_diag_list_free(findings);
	if (status != EXIT_OK)
		return status;
	if (w->format == CMD_WRITE_JSON)
		return cmd_print_write_json(store, verb, record->path, !w->no_commit,
			w->include_personal);
	const char *title = tip_record_title(record);
	if (w->no_commit)
		cmd_printf(stdout, "wrote %s (not committed)\n", record->path);
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
