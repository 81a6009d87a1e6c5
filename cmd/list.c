/* tip list: the records of a type, filtered and sorted, as a table, CSV, JSON or ids. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "export.h"
#include "jsonw.h"
#include "query.h"
#include "reading.h"
#include "records.h"

enum { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON, FORMAT_IDS };

struct list_options {
	struct cmd_strings where;
	const char *sort;
	int format;
	bool bom;
	bool include_personal;
};

static const struct cmd_option list_options[] = {
	CMD_LIST("where", "EXPR", NULL, struct list_options, where,
		"keep the records where EXPR holds; several all apply:\n"
		"  F=V    equal            F!=V   not equal\n"
		"  F~T    holds the text T, ignoring case and accents\n"
		"  F<V  F<=V  F>V  F>=V   on dates (2026-12-31, 31/12/2026)\n"
		"                         and numbers\n"
		"F is a field of the schema or id; a list matches when an\n"
		"item does (F!=V: when none does); F= matches records\n"
		"without F, F!= those with it"),
	CMD_STRING("sort", 0, "[-]F", "[-]FIELD", struct list_options, sort,
		"by field F, ascending or (-F) descending; records\n"
		"without F come last, ties go by id"),
	CMD_CHOICE("format", "F", "table|csv|json|ids", struct list_options, format,
		"table (the default: fits the terminal, $COLUMNS wide when\n"
		"set), csv (RFC 4180), json ({\"format\": 1, \"records\": [...]},\n"
		"each with \"id\" and \"type\" first) or ids (one a line)"),
	CMD_FLAG("bom", 0, struct list_options, bom,
		"csv: begin with a UTF-8 byte order mark, which Excel needs\n"
		"to read the text as UTF-8"),
	CMD_FLAG("include-personal", 0, struct list_options, include_personal,
		"include fields marked as personal data (x-tip-personal)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_list = {
	.name = "list",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE [--where EXPR]... [--sort [-]FIELD]\n"
		  "[--format table|csv|json|ids] [--bom] [--include-personal]", { "TYPE" }, false },
		{ NULL } },
	.about = "Lists the records of TYPE from the working tree, by id unless --sort says.\n\n",
	.options = list_options,
	.column = 22,
	.after = "\nExit status: 0 listed, 1 some record files do not load (left out, their\n"
		 "findings on stderr), 2 usage, I/O or repository errors.\n",
	.more = cmd_print_record_types,
};

static int parse_options(struct list_options *o, int *argc, char **argv)
{
	int status = cmd_parse_options(&usage_list, o, *argc, argv, argc);
	if (status < 0 && *argc != 1)
		return cmd_usage_error(&usage_list, "tip list needs one TYPE");
	if (status < 0 && o->bom && o->format != FORMAT_CSV)
		return cmd_usage_error(&usage_list, "--bom is for --format csv");
	return status;
}

/* The query from the options; a filter or sort it cannot take is a usage error. */
static int build_query(tip_query **out, const tip_type *type, const struct list_options *o)
{
	tip_error *err = tip_query_new(out, type, o->include_personal);
	if (err)
		return cmd_fail(err);
	for (size_t i = 0; !err && i < o->where.count; i++)
		if ((err = tip_query_where(*out, o->where.items[i])))
			cmd_value_error(&usage_list, "--where '%s': %s", o->where.items[i],
				tip_error_message(err));
	if (!err && o->sort && (err = tip_query_sort(*out, o->sort)))
		cmd_value_error(&usage_list, "--sort '%s': %s", o->sort, tip_error_message(err));
	if (!err)
		return EXIT_OK;
	tip_error_free(err);
	tip_query_free(*out);
	*out = NULL;
	return EXIT_TROUBLE;
}

static tip_error *render(tip_buf *text, const tip_type *type,
	const tip_snapshot_record *const *records, size_t n, const struct list_options *o)
{
	tip_error *err = NULL;
	switch (o->format) {
	case FORMAT_CSV:
		err = o->bom ? tip_buf_adds(text, TIP_CSV_BOM) : NULL;
		return err ? err : tip_export_csv(text, type, records, n, o->include_personal);
	case FORMAT_JSON:
		err = tip_json_begin_output(text, "records");
		if (!err)
			err = tip_export_json(text, records, n, o->include_personal);
		return err ? err : tip_buf_adds(text, "}\n");
	case FORMAT_IDS:
		for (size_t i = 0; !err && i < n; i++)
			err = tip_buf_addf(text, "%s\n", records[i]->id);
		return err;
	default:
		return tip_export_table(text, type, records, n, o->include_personal,
			cmd_terminal_width());
	}
}

static bool matches(void *query, const tip_snapshot_record *record)
{
	return tip_query_matches(query, record->id, record->root);
}

/* The fields read of each record: the query's, and the columns of the format (JSON: every
 * field, the schema's or not: *out NULL). */
static tip_error *fields_read(const char ***out, size_t *count, const tip_type *type,
	const tip_query *query, const struct list_options *o)
{
	*out = NULL;
	*count = 0;
	if (o->format == FORMAT_JSON)
		return NULL;
	const char **columns = NULL;
	size_t n = 0;
	tip_error *err = o->format == FORMAT_IDS ? NULL
		: tip_export_columns(&columns, &n, type, o->include_personal,
			o->format == FORMAT_TABLE);
	if (!err)
		err = tip_query_fields(out, count, query);
	const char **all = err ? NULL : realloc(*out, (*count + n + 1) * sizeof(**out));
	if (!err && !all)
		err = tip_error_nomem();
	if (all) {
		for (size_t i = 0; i < n; i++)
			all[(*count)++] = columns[i];
		*out = all;
	}
	free(columns);
	return err;
}

/* The records that match, each reduced to the fields the output needs. */
static int read_matching(struct reading *r, tip_store *store, const tip_type *type,
	const tip_query *query, const struct list_options *o)
{
	const char **fields;
	tip_snapshot_keep keep = { .wanted = matches, .ctx = (void *)query };
	tip_error *err = fields_read(&fields, &keep.field_count, type, query, o);
	keep.fields = fields;
	int status = err ? cmd_fail(err) : cmd_read_kept(r, store, type->name, &keep);
	free(fields);
	return status;
}

static int list(tip_store *store, const tip_type *type, const tip_query *query,
	const struct list_options *o)
{
	struct reading r = { NULL, EXIT_OK };
	int status = read_matching(&r, store, type, query, o);
	const tip_snapshot_record **all = NULL, **chosen = NULL;
	size_t n = 0, k = 0;
	if (status == EXIT_OK)
		status = cmd_records_of(&all, &n, &r, type);
	tip_error *err = status == EXIT_OK ? tip_query_select(&chosen, &k, query, all, n) : NULL;
	tip_buf text = TIP_BUF_INIT;
	/* For people, headings over nothing say less than a word; CSV and JSON stay valid */
	bool say_none = !k && (o->format == FORMAT_TABLE || o->format == FORMAT_IDS);
	if (!err && status == EXIT_OK && !say_none)
		err = render(&text, type, chosen, k, o);
	if (err)
		status = cmd_fail(err);
	else if (status == EXIT_OK && say_none)
		fputs("no records match\n", stderr);
	else if (status == EXIT_OK)
		status = cmd_print_text(&text);
	if (status == EXIT_OK)
		status = r.status;
	tip_buf_dispose(&text);
	free(chosen);
	free(all);
	cmd_reading_dispose(&r);
	return status;
}

static int run(const char *type_name, const struct list_options *o)
{
	tip_store *store;
	int status = cmd_open_store(&store);
	if (status != EXIT_OK)
		return status;
	const tip_type *type = tip_store_type_named(store, type_name);
	tip_query *query = NULL;
	if (!type)
		status = cmd_fail(tip_store_no_type(store, type_name));
	else
		status = build_query(&query, type, o);
	if (status == EXIT_OK)
		status = list(store, type, query, o);
	tip_query_free(query);
	tip_store_free(store);
	return status;
}

int cmd_list(int argc, char **argv)
{
	struct list_options o = { .format = FORMAT_TABLE };
	int status = parse_options(&o, &argc, argv);
	if (status < 0)
		status = run(argv[0], &o);
	free(o.where.items);
	return status;
}
