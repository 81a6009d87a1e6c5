/* tip resolve: settles a conflicted record field by field, checks it, writes it and marks it
 * resolved for git. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "record.h"
#include "records.h"
#include "resolving.h"
#include "resolve.h"
#include "store.h"
#include "sync.h"
#include "workfile.h"
#include "write.h"

static const struct cmd_option resolve_options[] = { CMD_OPT_TABLE_END };

const struct cmd_usage usage_resolve = {
	.name = "resolve",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID [FIELD=ours|theirs|VALUE]...", { "TYPE", "ID", "FIELD=VALUE" }, true },
		{ NULL } },
	.about = "Settles the conflicts a sync (or a git merge) left in a record, field by\n"
		 "field: FIELD=ours keeps this clone's value, FIELD=theirs the other side's (as\n"
		 "tip status names them, even during a rebase, where git's markers have them\n"
		 "the other way round), FIELD=VALUE a new value, as tip set reads it. Once no\n"
		 "conflict is left the record is checked (schema and references), written and\n"
		 "marked resolved for git; fields not chosen yet stay between the markers.\n"
		 "With no FIELD, a record whose markers are gone (settled by hand) is checked\n"
		 "and marked resolved.\n\n",
	.options = resolve_options,
	.after = "\nExit status: 0 settled, 1 the result would be invalid (nothing is written),\n"
		 "2 usage, repository or I/O errors.\n",
};

static bool path_in(char **paths, size_t count, const char *path)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(paths[i], path) == 0)
			return true;
	return false;
}

static void say_next(tip_store *store);

int cmd_mark_resolved(tip_store *store, const tip_record *settled, const tip_buf *text)
{
	tip_record record = { .type = settled->type, .id = settled->id, .path = settled->path };
	tip_diag_list *findings = NULL;
	tip_error *err = tip_store_head_id(record.base, sizeof(record.base), store);
	if (!err)
		err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_check(store, &record, tip_buf_str(text), text->len, findings);
	int status = EXIT_OK;
	if (findings && tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR)) {
		tip_error_free(err);
		err = NULL;
		status = cmd_print_findings(findings);
		cmd_error("%s %s is not resolved: the result would be invalid; nothing is written",
			record.type->name, record.id);
	} else if (!err) {
		err = tip_store_resolve_path(store, record.path, tip_buf_str(text), text->len);
	}
	tip_diag_list_free(findings);
	if (status == EXIT_OK && err)
		return cmd_fail(err);
	if (status == EXIT_OK) {
		cmd_printf(stdout, "resolved %s %s (%s)\n", record.type->name, record.id,
			record.path);
		say_next(store);
	}
	return status;
}

int cmd_conflict_note(bool *conflicted, tip_buf *note, tip_store *store, const char *path)
{
	tip_sync_status s = { 0 };
	tip_error *err = tip_store_path_conflicted(conflicted, store, path);
	if (err || !*conflicted)
		return err ? cmd_fail(err) : EXIT_OK;
	err = tip_sync_status_read(&s, store);
	if (!err)
		err = tip_buf_addf(note, "# tip: between the markers, the lines after <<<<<<< ours "
					 "are %s, those after ======= %s\n"
					 "# tip: keep one side of each, remove the markers and save: "
					 "the record is then marked resolved\n",
			s.ours_is_other ? s.other : "yours",
			s.ours_is_other ? "yours" : s.other);
	tip_sync_status_dispose(&s);
	return err ? cmd_fail(err) : EXIT_OK;
}

static int partly(const tip_record_conflicts *c, const tip_buf *text, size_t left,
	tip_store *store)
{
	tip_file_change change = { .path = c->path, .content = tip_buf_str(text), .len = text->len };
	tip_error *err = tip_workfiles_write(tip_store_root(store), &change, 1);
	if (err)
		return cmd_fail(err);
	cmd_printf(stdout, "%s %s: %zu conflict%s left (tip status shows them)\n", c->type->name,
		c->id, left, left == 1 ? "" : "s");
	return EXIT_OK;
}

static void say_next(tip_store *store)
{
	tip_sync_status s;
	tip_error *err = tip_sync_status_read(&s, store);
	if (err) {
		tip_error_free(err);
		return;
	}
	if (s.conflicted_count)
		cmd_printf(stdout, "%zu record%s still in conflict: tip status\n", s.conflicted_count,
			s.conflicted_count == 1 ? "" : "s");
	else if (s.operation && strcmp(s.operation, "rebase") == 0)
		cmd_printf(stdout, "no conflicts left: run tip sync --continue\n");
	else if (s.operation)
		cmd_printf(stdout, "no conflicts left: finish the %s with git commit\n",
			s.operation);
	tip_sync_status_dispose(&s);
}

static int resolve_record(tip_store *store, const tip_type *type, const char *id,
	char **choices, size_t count)
{
	char path[512];
	tip_sync_status s;
	tip_record_conflicts c = { 0 };
	tip_buf text = TIP_BUF_INIT;
	size_t left = 0;
	snprintf(path, sizeof(path), "records/%s/%s.yaml", type->collection, id);
	tip_error *err = tip_sync_status_read(&s, store);
	if (!err && !path_in(s.conflicted, s.conflicted_count, path))
		err = tip_error_usage("%s %s has no conflicts to settle (tip status lists those "
				      "that have)", type->name, id);
	if (!err)
		err = tip_record_conflicts_read(&c, store, path, s.ours_is_other);
	if (!err)
		err = tip_record_conflicts_settle(&text, &left, &c, choices, count);
	tip_record settled = { .type = c.type, .id = c.id, .path = c.path };
	int status = err ? cmd_fail(err) :
		     left ? partly(&c, &text, left, store) : cmd_mark_resolved(store, &settled, &text);
	tip_buf_dispose(&text);
	tip_record_conflicts_dispose(&c);
	tip_sync_status_dispose(&s);
	return status;
}

int cmd_resolve(int argc, char **argv)
{
	int status = cmd_parse_options(&usage_resolve, NULL, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc < 2)
		return cmd_usage_error(&usage_resolve, "tip resolve needs TYPE and ID");
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	const tip_type *type = tip_store_type_named(store, argv[0]);
	if (!type)
		status = cmd_fail(tip_error_not_found("there is no record type '%s'", argv[0]));
	else if (!tip_record_id_valid(argv[1], NULL))
		status = cmd_fail(tip_error_usage("'%s' is not a record id", argv[1]));
	else
		status = resolve_record(store, type, argv[1], argv + 2, (size_t)argc - 2);
	tip_store_free(store);
	return status;
}
