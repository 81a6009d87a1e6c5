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
};

static const struct cmd_option set_options[] = {
	CMD_MESSAGE_OPTION(struct set_options),
	CMD_NO_COMMIT_OPTION(struct set_options, "write the file only"),
	CMD_WRITE_FORMAT_OPTIONS(struct set_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_set = {
	.name = "set",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID FIELD=VALUE... [-m REASON] [--no-commit]\n"
		  "[--format text|json] [--include-personal]",
			{ "TYPE", "ID", "FIELD=VALUE" }, true },
		{ NULL } },
	.about = "Changes fields of a record and commits the change. Values follow the schema:\n"
		 "  F=V     sets F (a list: F=a,b sets the whole list; \\, is a comma in an item)\n"
		 "  F+=V    adds items to the list F\n"
		 "  F-=V    removes items from the list F\n"
		 "  F=      removes the optional field F\n"
		 "Numbers and true/false are read as such only where the schema says so.\n\n",
	.options = set_options,
	.column = 24,
	.after = "\nExit status: 0 changed (or nothing to change), 1 the result would be invalid\n"
		 "(nothing is changed), 2 usage, repository or I/O errors.\n",
	.more = cmd_print_record_types,
};

static int apply_all(tip_record *record, char **args, int count)
{
	tip_field *fields = NULL;
	size_t field_count = 0;
	tip_error *err = tip_subschema_fields(&fields, &field_count,
		tip_schema_root(record->type->schema));
	for (int i = 0; !err && i < count; i++) {
		tip_assignment a;
		err = tip_assignment_parse(&a, args[i]);
		if (!err)
			err = tip_assign(record->doc, fields, field_count, &a);
		tip_assignment_dispose(&a);
	}
	free(fields);
	return err ? cmd_fail(err) : EXIT_OK;
}

int cmd_set(int argc, char **argv)
{
	struct set_options o = { { 0 } };
	int status = cmd_parse_options(&usage_set, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc < 3)
		return cmd_usage_error(&usage_set, "tip set needs TYPE, ID and FIELD=VALUE");
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
		status = apply_all(&record, argv + 2, argc - 2);
		tip_buf text = TIP_BUF_INIT;
		if (status == EXIT_OK && (err = tip_record_render(&text, &record)))
			status = cmd_fail(err);
		if (status == EXIT_OK && text.len == record.text.len &&
		    memcmp(tip_buf_str(&text), tip_buf_str(&record.text), text.len) == 0) {
			cmd_error("%s %s: nothing to change", argv[0], argv[1]);
			if (o.w.format == CMD_WRITE_JSON)
				status = cmd_print_unchanged_json(&record, "set");
		} else if (status == EXIT_OK)
			status = cmd_commit_record(store, &record, "set", &text, &o.w, false);
		tip_buf_dispose(&text);
		tip_record_dispose(&record);
	}
	tip_diag_list_free(findings);
	tip_store_free(store);
	return status;
}
