/* tip matrix: records counted by two fields, by default the learning-needs matrix (available
 * courses by level and audience). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "matrix.h"
#include "reading.h"
#include "records.h"
#include "snapshot.h"

struct matrix_options {
	const char *type;
	const char *rows;
	const char *cols;
	bool all;
	int format; /* a tip_matrix_format: the choices are in its order */
};

static const struct cmd_option matrix_options[] = {
	{ .kind = CMD_OPT_STRING, .name = "type", .arg = "TYPE", .fallback = "course",
	  .offset = offsetof(struct matrix_options, type),
	  .help = "the record type (default course)" },
	CMD_STRING("rows", 0, "FIELD", NULL, struct matrix_options, rows,
		"the field whose values are the rows (course: level)"),
	CMD_STRING("cols", 0, "FIELD", NULL, struct matrix_options, cols,
		"the field whose values are the columns (course: audience)"),
	CMD_FLAG("all", 0, struct matrix_options, all,
		"every record; by default only those with status available,\n"
		"when the type has that status"),
	CMD_CHOICE("format", "F", "table|csv|json", struct matrix_options, format,
		"table (fits the terminal), csv or json; default table"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_matrix = {
	.name = "matrix",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--type TYPE] [--rows FIELD --cols FIELD] [--all]\n"
		  "[--format table|csv|json]", { NULL }, false },
		{ NULL } },
	.about = "Counts records by two fields with fixed sets of values (enums, or lists of\n"
		 "them): by default the learning-needs matrix, available courses by level (rows)\n"
		 "and audience (columns). Empty cells are marked with a dot in the table.\n\n",
	.options = matrix_options,
	.column = 17,
	.after = "\nExit status: 0 success, 1 some record files do not load (left out, their\n"
		 "findings on stderr), 2 usage, I/O or repository errors.\n",
	.in_order = true,
	.more = cmd_print_record_types,
};

/* The defaults: course by level and audience; another type needs both fields. */
static int fill_defaults(struct matrix_options *o)
{
	bool course = strcmp(o->type, "course") == 0;
	if (!o->rows && !o->cols && course) {
		o->rows = "level";
		o->cols = "audience";
	}
	if (!o->rows || !o->cols)
		return cmd_usage_error(&usage_matrix, "%s", course
			? "--rows and --cols go together"
			: "--rows and --cols are needed for a type other than course");
	return -1;
}

/* A record the matrix counts: with the status asked for, when one is. */
static bool has_status(void *status, const tip_snapshot_record *record)
{
	const tip_node *s = tip_node_get(record->root, "status");
	return s && s->type == TIP_NODE_STR && strcmp(s->str, status) == 0;
}

static int print_matrix(tip_store *store, const struct matrix_options *o)
{
	const tip_type *type = tip_store_type_named(store, o->type);
	if (!type)
		return cmd_fail(tip_store_no_type(store, o->type));
	const char *status = !o->all && tip_matrix_has_status(type, "available")
		? "available" : NULL;
	/* the two fields and the status are all it reads of each record it counts */
	const char *fields[] = { o->rows, o->cols, "status" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 3,
		.wanted = status ? has_status : NULL, .ctx = (void *)status };
	struct reading r;
	int read = cmd_read_kept(&r, store, o->type, &keep);
	if (read != EXIT_OK)
		return read;
	tip_matrix m;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_matrix_build(&m, r.snapshot, type, o->rows, o->cols, status);
	if (!err) {
		err = tip_matrix_render(&text, &m, o->format, cmd_terminal_width());
		tip_matrix_dispose(&m);
	}
	int printed = err ? cmd_fail(err) : cmd_print_text(&text);
	tip_buf_dispose(&text);
	cmd_reading_dispose(&r);
	return printed == EXIT_OK ? r.status : printed;
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix_options o = { "course", NULL, NULL, false, TIP_MATRIX_TABLE };
	int status = cmd_parse_options_only(&usage_matrix, &o, argc, argv);
	if (status < 0)
		status = fill_defaults(&o);
	if (status >= 0)
		return status;
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	status = print_matrix(store, &o);
	tip_store_free(store);
	return status;
}
