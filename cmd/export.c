/* tip export: every record of a type, or of all types, as CSV, JSON, or the glossary as SKOS. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "export.h"
#include "jsonw.h"
#include "reading.h"
#include "records.h"
#include "skos.h"

enum { FORMAT_NONE = -1, FORMAT_CSV, FORMAT_JSON, FORMAT_SKOS };

struct export_options {
	int format;
	bool include_personal;
	bool bom;
	const char *output;
	tip_skos_opts skos;
	const char *type; /* NULL: all */
};

static const struct cmd_option export_options[] = {
	CMD_CHOICE("format", "F", "csv|json|skos", struct export_options, format,
		"csv: RFC 4180, a header row of field names; with all, one\n"
		"file per type, DIR/<collection>.csv, which needs --output\n"
		"DIR\n"
		"json: {\"format\": 1, \"records\": [...]} (\"id\" and \"type\"\n"
		"first in each); with all, \"format\" and then each collection\n"
		"skos: the definitions as a SKOS concept scheme in Turtle\n"
		"(TYPE definition, or all)"),
	CMD_FLAG("include-personal", 0, struct export_options, include_personal,
		"include fields marked as personal data (x-tip-personal)"),
	CMD_STRING("output", 0, "DIR", NULL, struct export_options, output,
		"csv: write DIR/<collection>.csv files (DIR is created)\n"
		"and print their paths, instead of standard output"),
	CMD_FLAG("bom", 0, struct export_options, bom,
		"csv: begin with a UTF-8 byte order mark, which Excel needs\n"
		"to read the text as UTF-8"),
	CMD_STRING("base", 0, "IRI", NULL, struct export_options, skos.base,
		"skos: concepts are IRI<id>, the scheme IRI itself\n"
		"(default " TIP_SKOS_BASE ")"),
	CMD_STRING("lang", 0, "TAG", NULL, struct export_options, skos.lang,
		"skos: the language of the text (default en)"),
	CMD_STRING("title", 0, "TEXT", NULL, struct export_options, skos.title,
		"skos: the scheme's title (default Glossary)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_export = {
	.name = "export",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE|all --format csv|json|skos [--include-personal]\n"
		  "[--output DIR] [--bom] [--base IRI] [--lang TAG] [--title TEXT]",
			{ "TYPE|all" }, false },
		{ NULL } },
	.about = "Writes every record of TYPE (or of every type: all) from the working tree.\n\n",
	.options = export_options,
	.column = 22,
	.after = "\nExit status: 0 exported, 1 some record files do not load (left out, their\n"
		 "findings on stderr), 2 usage, I/O or repository errors.\n",
	.more = cmd_print_record_types,
};

/* The combinations that make sense; -1 when o holds one. */
static int check_options(const struct export_options *o)
{
	bool skos_option = o->skos.base || o->skos.lang || o->skos.title;
	if (o->format == FORMAT_NONE)
		return cmd_usage_error(&usage_export, "tip export needs --format csv, json or skos");
	if (skos_option && o->format != FORMAT_SKOS)
		return cmd_usage_error(&usage_export, "--base, --lang and --title are for --format skos");
	if (o->bom && o->format != FORMAT_CSV)
		return cmd_usage_error(&usage_export, "--bom is for --format csv");
	if (o->output && o->format != FORMAT_CSV)
		return cmd_usage_error(&usage_export, "--output is for --format csv: json and skos "
			"go to standard output");
	if (!o->output && o->format == FORMAT_CSV && !o->type)
		return cmd_usage_error(&usage_export, "CSV holds one type: name a TYPE, or give "
			"--output DIR for one file per type");
	if (o->format == FORMAT_SKOS && o->type && strcmp(o->type, "definition") != 0)
		return cmd_usage_error(&usage_export, "--format skos exports the glossary: "
			"tip export definition --format skos");
	return -1;
}

static int parse_options(struct export_options *o, int argc, char **argv)
{
	int status = cmd_parse_options(&usage_export, o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc != 1)
		return cmd_usage_error(&usage_export, "tip export needs one TYPE, or all");
	o->type = strcmp(argv[0], "all") == 0 ? NULL : argv[0];
	return check_options(o);
}

/* ---- the formats ---- */

static tip_error *add_json_type(tip_buf *text, const struct reading *r, const tip_type *type,
	bool include_personal, int *status)
{
	const tip_snapshot_record **records;
	size_t n;
	if ((*status = cmd_records_of(&records, &n, r, type)) != EXIT_OK)
		return NULL;
	tip_error *err = tip_export_json(text, records, n, include_personal);
	free(records);
	return err;
}

/* One type: an array. All: {"<collection>": [...], ...} in the store's order of types. */
static int export_json(tip_buf *text, tip_store *store, const struct reading *r,
	const struct export_options *o)
{
	int status = EXIT_OK;
	tip_error *err = tip_json_begin_output(text, o->type ? "records" : NULL);
	if (!err && o->type)
		err = add_json_type(text, r, tip_store_type_named(store, o->type),
			o->include_personal, &status);
	for (size_t i = 0; !o->type && !err && status == EXIT_OK &&
		i < tip_store_type_count(store); i++) {
		const tip_type *type = tip_store_type_at(store, i);
		err = tip_buf_adds(text, ",\n");
		if (!err)
			err = tip_buf_add_json_string(text, type->collection, strlen(type->collection));
		if (!err)
			err = tip_buf_adds(text, ": ");
		if (!err)
			err = add_json_type(text, r, type, o->include_personal, &status);
	}
	if (!err)
		err = tip_buf_adds(text, o->type || !tip_store_type_count(store) ? "}\n" : "\n}\n");
	return err ? cmd_fail(err) : status;
}

static int export_skos(tip_buf *text, tip_store *store, const struct reading *r,
	const struct export_options *o)
{
	const tip_type *type = tip_store_type_named(store, "definition");
	if (!type)
		return cmd_fail(tip_error_not_found("there is no record type 'definition' (no "
			"schemas/definition.schema.yaml): nothing to export as SKOS"));
	const tip_snapshot_record **records;
	size_t n;
	int status = cmd_records_of(&records, &n, r, type);
	if (status != EXIT_OK)
		return status;
	tip_skos_opts skos = o->skos;
	skos.include_personal = o->include_personal;
	tip_error *err = tip_skos_turtle(text, records, n, &skos);
	free(records);
	return err ? cmd_fail(err) : EXIT_OK;
}

static int csv_of(tip_buf *text, const struct reading *r, const tip_type *type,
	const struct export_options *o)
{
	const tip_snapshot_record **records;
	size_t n;
	int status = cmd_records_of(&records, &n, r, type);
	if (status != EXIT_OK)
		return status;
	tip_error *err = o->bom ? tip_buf_adds(text, TIP_CSV_BOM) : NULL;
	if (!err)
		err = tip_export_csv(text, type, records, n, o->include_personal);
	free(records);
	return err ? cmd_fail(err) : EXIT_OK;
}

static int write_file(const char *path, const tip_buf *text)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		cmd_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_TROUBLE;
	}
	bool ok = fwrite(tip_buf_str(text), 1, text->len, f) == text->len;
	if (fclose(f) != 0 || !ok) {
		cmd_error("cannot write '%s'", path);
		return EXIT_TROUBLE;
	}
	cmd_printf(stdout, "%s\n", path);
	return EXIT_OK;
}

/* --output DIR: DIR/<collection>.csv for the type, or for each type. */
static int export_csv_files(tip_store *store, const struct reading *r,
	const struct export_options *o)
{
	if (mkdir(o->output, 0777) != 0 && errno != EEXIST) {
		cmd_error("cannot create '%s': %s", o->output, strerror(errno));
		return EXIT_TROUBLE;
	}
	int status = EXIT_OK;
	tip_buf text = TIP_BUF_INIT, path = TIP_BUF_INIT;
	for (size_t i = 0; status == EXIT_OK && i < tip_store_type_count(store); i++) {
		const tip_type *type = tip_store_type_at(store, i);
		if (o->type && strcmp(type->name, o->type) != 0)
			continue;
		tip_buf_reset(&text);
		tip_buf_reset(&path);
		status = csv_of(&text, r, type, o);
		tip_error *err = status ? NULL : tip_buf_add_path(&path, o->output, type->collection);
		if (!err && !status)
			err = tip_buf_adds(&path, ".csv");
		if (err)
			status = cmd_fail(err);
		else if (status == EXIT_OK)
			status = write_file(tip_buf_str(&path), &text);
	}
	tip_buf_dispose(&text);
	tip_buf_dispose(&path);
	return status == EXIT_OK && fflush(stdout) != 0 ? EXIT_TROUBLE : status;
}

static int export(tip_store *store, const struct reading *r, const struct export_options *o)
{
	if (o->output)
		return export_csv_files(store, r, o);
	tip_buf text = TIP_BUF_INIT;
	int status;
	if (o->format == FORMAT_SKOS)
		status = export_skos(&text, store, r, o);
	else if (o->format == FORMAT_JSON)
		status = export_json(&text, store, r, o);
	else
		status = csv_of(&text, r, tip_store_type_named(store, o->type), o);
	if (status == EXIT_OK)
		status = cmd_print_text(&text);
	tip_buf_dispose(&text);
	return status;
}

int cmd_export(int argc, char **argv)
{
	struct export_options o = { .format = FORMAT_NONE };
	int status = parse_options(&o, argc, argv);
	if (status >= 0)
		return status;
	tip_error *err = o.format == FORMAT_SKOS ? tip_skos_check_iri(o.skos.base
		? o.skos.base : TIP_SKOS_BASE) : NULL;
	if (!err && o.skos.lang)
		err = tip_skos_check_lang(o.skos.lang);
	if (err) {
		status = cmd_value_error(&usage_export, "%s", tip_error_message(err));
		tip_error_free(err);
		return status;
	}
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	struct reading r;
	const char *type = o.format == FORMAT_SKOS ? "definition" : o.type;
	status = cmd_read_records(&r, store, type);
	if (status == EXIT_OK)
		status = export(store, &r, &o);
	if (status == EXIT_OK)
		status = r.status;
	cmd_reading_dispose(&r);
	tip_store_free(store);
	return status;
}
