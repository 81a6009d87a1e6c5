/* tip show: one record, as YAML or JSON. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "jsonw.h"
#include "reading.h"
#include "record.h"
#include "records.h"

enum { FORMAT_YAML, FORMAT_JSON };

struct show_options {
	int format;
	bool include_personal;
};

static const struct cmd_option show_options[] = {
	CMD_CHOICE("format", "F", "yaml|json", struct show_options, format,
		"yaml (canonical, as tip fmt writes it; the default) or json\n"
		"(one object, with \"id\" and \"type\" first)"),
	CMD_FLAG("include-personal", 0, struct show_options, include_personal,
		"include fields the schema marks as personal data\n"
		"(x-tip-personal), which are left out otherwise"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_show = {
	.name = "show",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE ID [--format yaml|json] [--include-personal]", { "TYPE", "ID" }, false },
		{ NULL } },
	.about = "Prints one record from the working tree.\n\n",
	.options = show_options,
	.column = 22,
	.after = "\nExit status: 0 shown, 1 the record's file does not load (its findings on\n"
		 "stderr), 2 usage, I/O or repository errors.\n",
	.more = cmd_print_record_types,
};

static int parse_options(struct show_options *o, int *argc, char **argv)
{
	int status = cmd_parse_options(&usage_show, o, *argc, argv, argc);
	if (status < 0 && *argc != 2)
		return cmd_usage_error(&usage_show, "tip show needs TYPE and ID");
	return status;
}


static int print_record(const tip_record *record, const struct show_options *o)
{
	tip_snapshot_record shown = { record->type, record->id, record->path, record->doc->root };
	tip_buf text = TIP_BUF_INIT;
	bool json = o->format == FORMAT_JSON;
	tip_error *err = json ? tip_json_begin_output(&text, "record") : NULL;
	if (!err)
		err = json ? tip_export_json_record(&text, &shown, o->include_personal)
			   : tip_export_yaml(&text, &shown, o->include_personal);
	if (!err && json)
		err = tip_buf_adds(&text, "}\n");
	int status = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_dispose(&text);
	return status;
}

static int show(tip_store *store, const char *type, const char *id,
	const struct show_options *o)
{
	tip_diag_list *findings = NULL;
	tip_record record;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_record_open(&record, store, type, id, findings);
	int status;
	if (err && findings && tip_diag_list_count(findings)) {
		status = cmd_print_findings(findings);
		cmd_fail(err);
	} else if (err) {
		status = cmd_fail(err);
	} else {
		status = print_record(&record, o);
		tip_record_dispose(&record);
	}
	tip_diag_list_free(findings);
	return status;
}

int cmd_show(int argc, char **argv)
{
	struct show_options o = { FORMAT_YAML, false };
	int status = parse_options(&o, &argc, argv);
	if (status >= 0)
		return status;
	tip_store *store;
	status = cmd_open_store(&store);
	if (status != EXIT_OK)
		return status;
	status = show(store, argv[0], argv[1], &o);
	tip_store_free(store);
	return status;
}
