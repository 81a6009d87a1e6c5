/* tip set: change fields of a record, as one commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "cmd.h"
#include "reading.h"
#include "records.h"

struct set_options {
	struct write_options w;
	const char *file;
};

static const struct cmd_option set_options[] = {
	CMD_STRING("file", 0, "F", "FILE", struct set_options, file,
		"fields to set: a YAML mapping from F, or - for stdin"),
	CMD_FORCE_OPTION(struct set_options),
	CMD_MESSAGE_OPTION(struct set_options),
	CMD_NO_COMMIT_OPTION(struct set_options, "write the file only"),
	CMD_WRITE_FORMAT_OPTIONS(struct set_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_set = {
	.name = "set",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID FIELD=VALUE... [--force] [-m REASON] [--no-commit]\n"
		  "[--format text|json] [--include-personal]",
			{ "TYPE", "ID", "FIELD=VALUE" }, true },
		{ "TYPE ID --file F|- [FIELD=VALUE...] [--force] [-m REASON] [--no-commit]\n"
		  "[--format text|json] [--include-personal]",
			{ "TYPE", "ID", "FIELD=VALUE" }, true },
		{ NULL } },
	.about = "Changes fields of a record and commits the change. Values follow the schema:\n"
		 "  F=V     sets F (a list: F=a,b sets the whole list; \\, is a comma in an item)\n"
		 "  F+=V    adds items to the list F\n"
		 "  F-=V    removes items from the list F\n"
		 "  F=      removes the optional field F\n"
		 "In a list of groups of fields (sessions, milestones) an item is KEY=VALUE pairs:\n"
		 "  sessions+=date=2026-11-20,attendees=18   or   sessions+='{date: 2026-11-20}'\n"
		 "  sessions-=date=2026-11-20   removes the one session of that date\n"
		 "(a value in quotation marks may hold a comma). Numbers and true/false are read\n"
		 "as such only where the schema says so. Choices match in any case; dates may be\n"
		 "written day first (31/12/2026) or with the month's name (1 March 2026): they are\n"
		 "stored as YYYY-MM-DD. --file's fields are set first.\n"
		 "The result is linted as tip lint lints: an error refuses it unless --force.\n\n",
	.options = set_options,
	.column = 24,
	.after = "\nExit status: 0 changed (or nothing to change), 1 the result would be invalid\n"
		 "or has lint errors (nothing is changed), 2 usage, repository or I/O errors.\n",
	.more = cmd_print_record_types,
};

/* --file's mapping, loaded in the record's own arena, merged over it. */
static int merge_file(tip_record *record, const tip_field *fields, size_t count,
	const char *file)
{
	tip_doc *doc = NULL;
	int status = cmd_load_mapping(&doc, file, record->doc->arena);
	tip_error *err = status == EXIT_OK ? tip_assign_merge(record->doc, fields, count,
		doc->root) : NULL;
	tip_doc_free(doc);
	return err ? cmd_fail(err) : status;
}

static int apply_all(tip_record *record, const char *file, char **args, int count)
{
	tip_field *fields = NULL;
	size_t field_count = 0;
	tip_error *err = tip_subschema_fields(&fields, &field_count,
		tip_schema_root(record->type->schema));
	int status = !err && file ? merge_file(record, fields, field_count, file) : EXIT_OK;
	for (int i = 0; !err && status == EXIT_OK && i < count; i++) {
		tip_assignment a;
		err = tip_assignment_parse(&a, args[i]);
		if (!err)
			err = tip_assign(record->doc, fields, field_count, &a);
		if (!err)
			cmd_print_value_notes(a.field, &a.notes);
		tip_assignment_dispose(&a);
	}
	free(fields);
	return err ? cmd_fail(err) : status;
}

int cmd_set(int argc, char **argv)
{
	struct set_options o = { .w = { 0 } };
	int status = cmd_parse_options(&usage_set, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc < 3 && !(argc == 2 && o.file))
		return cmd_usage_error(&usage_set, "tip set needs TYPE, ID and FIELD=VALUE "
						   "(or --file)");
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	tip_record record;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_open(&record, store, argv[0], argv[1], findings);
	if (err) {
		if (findings && tip_diag_list_count(findings))
			cmd_print_findings(findings);
		status = cmd_fail(err);
	} else {
		status = apply_all(&record, o.file, argv + 2, argc - 2);
		tip_buf text = TIP_BUF_INIT;
		if (status == EXIT_OK && (err = tip_record_render(&text, &record)))
			status = cmd_fail(err);
		if (status == EXIT_OK && text.len == record.text.len &&
		    memcmp(tip_buf_str(&text), tip_buf_str(&record.text), text.len) == 0) {
			cmd_error("%s %s: nothing to change", argv[0], argv[1]);
			if (o.w.format == CMD_WRITE_JSON)
				status = cmd_print_unchanged_json(&record, "set");
		} else if (status == EXIT_OK)
			status = cmd_commit_record(store, &record, "set", &text, &o.w, o.w.force);
		tip_buf_dispose(&text);
		tip_record_dispose(&record);
	}
	tip_diag_list_free(findings);
	tip_store_free(store);
	return status;
}
