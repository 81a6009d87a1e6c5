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

/* ---- written as the records are read ---- */

/* Where the records go as they are read (tip_snapshot_worktree_each): each is rendered on one
 * of the workers, then written here in order, so that nothing holds every record at once. */
struct stream {
	FILE *out;
	const char *name; /* the file's path; NULL: standard output */
	tip_store *store;
	const struct export_options *o;
	tip_diag_list *findings; /* of the records that do not load */
	size_t unloaded;         /* how many: they are left out */
	/* JSON */
	size_t next_type; /* all: the store's index of the next type whose array opens */
	size_t in_array;  /* records in the open array */
	bool open;        /* an array is open */
};

/* On standard output, control characters are written as escapes (cmd_write); a file holds
 * the text as it is. */
static tip_error *put(struct stream *s, const char *text, size_t len)
{
	if (s->name ? fwrite(text, 1, len, s->out) == len : cmd_write(s->out, text, len) == 0)
		return NULL;
	return s->name ? tip_error_io("cannot write '%s'", s->name)
		       : tip_error_io("cannot write to standard output");
}

static tip_error *put_text(struct stream *s, const char *text)
{
	return put(s, text, strlen(text));
}

static tip_error *put_buf(struct stream *s, const tip_buf *text)
{
	return put(s, tip_buf_str(text), text->len);
}

/* Every record of type (NULL: of every type) to render and then write. */
static tip_error *each_record(struct stream *s, const char *type, tip_snapshot_render_fn render,
	tip_snapshot_write_fn write)
{
	return tip_snapshot_worktree_each(s->store, type, render, write, s, s->findings);
}

/* A type whose schema does not compile cannot be written out (what is personal is not
 * known), nor a type there is not: said before anything is written. */
static int check_types(tip_store *store, const char *type_name)
{
	tip_error *err = tip_store_list_records(store);
	if (!err && type_name && !tip_store_type_named(store, type_name))
		err = tip_store_no_type(store, type_name);
	for (size_t i = 0; !err && i < tip_store_type_count(store); i++) {
		const tip_type *type = tip_store_type_at(store, i);
		if ((!type_name || strcmp(type->name, type_name) == 0) && type->id_count &&
		    !type->schema)
			err = tip_error_invalid("%s does not compile: run tip validate to see why",
				type->schema_file);
	}
	return err ? cmd_fail(err) : EXIT_OK;
}

/* ---- JSON ---- */

static tip_error *render_json(void *ctx, tip_buf *text, const tip_snapshot_record *record)
{
	const struct stream *s = ctx;
	return record->root ? tip_export_json_record(text, record, s->o->include_personal) : NULL;
}

static tip_error *close_array(struct stream *s)
{
	tip_error *err = s->open ? put_text(s, s->in_array ? "\n]" : "]") : NULL;
	s->open = false;
	s->in_array = 0;
	return err;
}

/* All: the arrays of the types before the store's index end opened (and closed but the last),
 * "<collection>": [ each. */
static tip_error *open_types_before(struct stream *s, size_t end)
{
	tip_error *err = NULL;
	tip_buf head = TIP_BUF_INIT;
	while (!err && s->next_type < end) {
		const tip_type *type = tip_store_type_at(s->store, s->next_type++);
		err = close_array(s);
		tip_buf_reset(&head);
		if (!err)
			err = tip_buf_adds(&head, ",\n");
		if (!err)
			err = tip_buf_add_json_string(&head, type->collection, strlen(type->collection));
		if (!err)
			err = tip_buf_adds(&head, ": [");
		if (!err)
			err = put_buf(s, &head);
		s->open = !err;
	}
	tip_buf_dispose(&head);
	return err;
}

static size_t type_index(tip_store *store, const tip_type *type)
{
	size_t i = 0;
	while (i < tip_store_type_count(store) && tip_store_type_at(store, i) != type)
		i++;
	return i;
}

static tip_error *write_json(void *ctx, const tip_snapshot_record *record, const tip_buf *text)
{
	struct stream *s = ctx;
	if (!record->root) {
		s->unloaded++;
		return NULL;
	}
	tip_error *err = s->o->type ? NULL
		: open_types_before(s, type_index(s->store, record->type) + 1);
	if (!err)
		err = put_text(s, s->in_array++ ? ",\n" : "\n");
	return err ? err : put_buf(s, text);
}

/* One type: {"format": 1, "records": [...]}. All: {"format": 1, "<collection>": [...], ...}
 * in the store's order of types. */
static tip_error *export_json(struct stream *s)
{
	tip_buf head = TIP_BUF_INIT;
	tip_error *err = tip_json_begin_output(&head, s->o->type ? "records" : NULL);
	if (!err && s->o->type)
		err = tip_buf_addc(&head, '[');
	if (!err)
		err = put_buf(s, &head);
	tip_buf_dispose(&head);
	s->open = s->o->type && !err;
	if (!err)
		err = each_record(s, s->o->type, render_json, write_json);
	size_t types = tip_store_type_count(s->store);
	if (!err && !s->o->type)
		err = open_types_before(s, types);
	if (!err)
		err = close_array(s);
	return err ? err : put_text(s, s->o->type || !types ? "}\n" : "\n}\n");
}

/* ---- CSV ---- */

static tip_error *render_csv(void *ctx, tip_buf *text, const tip_snapshot_record *record)
{
	const struct stream *s = ctx;
	return record->root ? tip_export_csv_row(text, record, s->o->include_personal) : NULL;
}

static tip_error *write_csv(void *ctx, const tip_snapshot_record *record, const tip_buf *text)
{
	struct stream *s = ctx;
	if (!record->root) {
		s->unloaded++;
		return NULL;
	}
	return put_buf(s, text);
}

/* The CSV of type: the byte order mark when asked, a header row, a row per record. */
static tip_error *export_csv(struct stream *s, const tip_type *type)
{
	tip_buf head = TIP_BUF_INIT;
	tip_error *err = s->o->bom ? tip_buf_adds(&head, TIP_CSV_BOM) : NULL;
	if (!err)
		err = tip_export_csv_header(&head, type, s->o->include_personal);
	if (!err)
		err = put_buf(s, &head);
	tip_buf_dispose(&head);
	return err ? err : each_record(s, type->name, render_csv, write_csv);
}

/* DIR/<collection>.csv: the CSV of type, then its path on stdout. */
static int export_csv_file(struct stream *s, const tip_type *type)
{
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&path, s->o->output, type->collection);
	if (!err)
		err = tip_buf_adds(&path, ".csv");
	if (err) {
		tip_buf_dispose(&path);
		return cmd_fail(err);
	}
	struct stream file = *s;
	file.name = tip_buf_str(&path);
	int status = EXIT_OK;
	if (!(file.out = fopen(file.name, "wb"))) {
		cmd_error("cannot write '%s': %s", file.name, strerror(errno));
		status = EXIT_TROUBLE;
	}
	err = file.out ? export_csv(&file, type) : NULL;
	if (file.out && fclose(file.out) != 0 && !err)
		err = tip_error_io("cannot write '%s'", file.name);
	s->unloaded = file.unloaded;
	if (err)
		status = cmd_fail(err);
	else if (status == EXIT_OK)
		cmd_printf(stdout, "%s\n", file.name);
	tip_buf_dispose(&path);
	return status;
}

/* --output DIR: DIR/<collection>.csv for the type, or for each type. */
static int export_csv_files(struct stream *s)
{
	const struct export_options *o = s->o;
	if (mkdir(o->output, 0777) != 0 && errno != EEXIST) {
		cmd_error("cannot create '%s': %s", o->output, strerror(errno));
		return EXIT_TROUBLE;
	}
	int status = EXIT_OK;
	for (size_t i = 0; status == EXIT_OK && i < tip_store_type_count(s->store); i++) {
		const tip_type *type = tip_store_type_at(s->store, i);
		if (!o->type || strcmp(type->name, o->type) == 0)
			status = export_csv_file(s, type);
	}
	return status;
}

/* JSON and CSV, written as the records are read; then the records that do not load said. */
static int export_streamed(tip_store *store, const struct export_options *o)
{
	int status = check_types(store, o->type);
	struct stream s = { .out = stdout, .store = store, .o = o };
	tip_error *err = status == EXIT_OK ? tip_diag_list_new(&s.findings) : NULL;
	if (err || status != EXIT_OK)
		return err ? cmd_fail(err) : status;
	if (o->format == FORMAT_JSON)
		err = export_json(&s);
	else if (o->output)
		status = export_csv_files(&s);
	else
		err = export_csv(&s, tip_store_type_named(store, o->type));
	if (err)
		status = cmd_fail(err);
	if (status == EXIT_OK && fflush(stdout) != 0) {
		cmd_error("cannot write to standard output");
		status = EXIT_TROUBLE;
	}
	if (status == EXIT_OK)
		status = cmd_warn_unloaded(s.unloaded, s.findings);
	tip_diag_list_free(s.findings);
	return status;
}

/* ---- SKOS: the glossary as a whole ---- */

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

static int export_glossary(tip_store *store, const struct export_options *o)
{
	struct reading r;
	int status = cmd_read_records(&r, store, "definition");
	tip_buf text = TIP_BUF_INIT;
	if (status == EXIT_OK)
		status = export_skos(&text, store, &r, o);
	if (status == EXIT_OK)
		status = cmd_print_text(&text);
	if (status == EXIT_OK)
		status = r.status;
	tip_buf_dispose(&text);
	cmd_reading_dispose(&r);
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
	status = o.format == FORMAT_SKOS ? export_glossary(store, &o) : export_streamed(store, &o);
	tip_store_free(store);
	return status;
}
