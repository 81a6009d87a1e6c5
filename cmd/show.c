/* tip show: one record, as YAML or JSON. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "reading.h"
#include "record.h"
#include "records.h"

void usage_show(FILE *out)
{
	fputs("usage: tip show TYPE ID [--format yaml|json] [--include-personal]\n\n"
	      "Prints one record from the working tree.\n\n"
	      "  --format F          yaml (canonical, as tip fmt writes it; the default) or json\n"
	      "                      (one object, with \"id\" and \"type\" first)\n"
	      "  --include-personal  include fields the schema marks as personal data\n"
	      "                      (x-tip-personal), which are left out otherwise\n\n"
	      "Exit status: 0 shown, 1 the record's file does not load (its findings on\n"
	      "stderr), 2 usage, I/O or repository errors.\n", out);
}

enum { FORMAT_YAML, FORMAT_JSON };
static const char *const show_formats[] = { "yaml", "json", NULL };

struct show_options {
	int format;
	bool include_personal;
};

static int parse_options(struct show_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "include-personal", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((o->format = cmd_choice(optarg, show_formats)) < 0)
				return cmd_usage_error(usage_show,
					"--format must be yaml or json, not '%s'", optarg);
			break;
		case 'p': o->include_personal = true; break;
		case 'h': usage_show(stdout); return EXIT_OK;
		default:
			return cmd_usage_error(usage_show, "unknown option or missing value in '%s'",
				argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cmd_usage_error(usage_show, "tip show needs TYPE and ID");
	return -1;
}

static int print_record(const tip_record *record, const struct show_options *o)
{
	tip_snapshot_record shown = { record->type, record->id, record->path, record->doc->root };
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = o->format == FORMAT_JSON
		? tip_export_json_record(&text, &shown, o->include_personal)
		: tip_export_yaml(&text, &shown, o->include_personal);
	if (!err && o->format == FORMAT_JSON)
		err = tip_buf_addc(&text, '\n');
	int status = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_free(&text);
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
		tip_record_free(&record);
	}
	tip_diag_list_free(findings);
	return status;
}

int cmd_show(int argc, char **argv)
{
	struct show_options o = { FORMAT_YAML, false };
	int status = parse_options(&o, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store;
	status = cmd_open_store(&store);
	if (status != EXIT_OK)
		return status;
	status = show(store, argv[optind], argv[optind + 1], &o);
	tip_store_free(store);
	return status;
}
