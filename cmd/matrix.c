/* tip matrix: records counted by two fields, by default the learning-needs matrix (available
 * courses by level and audience). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "matrix.h"
#include "reading.h"
#include "records.h"
#include "snapshot.h"

void usage_matrix(FILE *out)
{
	fputs("usage: tip matrix [--type TYPE] [--rows FIELD --cols FIELD] [--all]\n"
	      "                  [--format table|csv|json]\n\n"
	      "Counts records by two fields with fixed sets of values (enums, or lists of\n"
	      "them): by default the learning-needs matrix, available courses by level (rows)\n"
	      "and audience (columns). Empty cells are marked with a dot in the table.\n\n"
	      "  --type TYPE    the record type (default course)\n"
	      "  --rows FIELD   the field whose values are the rows (course: level)\n"
	      "  --cols FIELD   the field whose values are the columns (course: audience)\n"
	      "  --all          every record; by default only those with status available,\n"
	      "                 when the type has that status\n"
	      "  --format F     table (fits the terminal), csv or json; default table\n\n"
	      "Exit status: 0 success, 2 usage, I/O or repository errors.\n", out);
}

struct matrix_options {
	const char *type;
	const char *rows;
	const char *cols;
	int all;
	tip_matrix_format format;
};

static int parse_options(struct matrix_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "type", required_argument, NULL, 't' },
		{ "rows", required_argument, NULL, 'r' },
		{ "cols", required_argument, NULL, 'c' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		tip_error *err;
		switch (c) {
		case 't': o->type = optarg; break;
		case 'r': o->rows = optarg; break;
		case 'c': o->cols = optarg; break;
		case 'a': o->all = 1; break;
		case 'f':
			if ((err = tip_matrix_format_parse(&o->format, optarg))) {
				cmd_fail(err);
				usage_matrix(stderr);
				return EXIT_TROUBLE;
			}
			break;
		case 'h': usage_matrix(stdout); return EXIT_OK;
		default:
			return cmd_usage_error(usage_matrix, "unknown option or missing value in '%s'",
				argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cmd_usage_error(usage_matrix, "unexpected argument '%s'", argv[optind]);
	return -1;
}

/* The defaults: course by level and audience; another type needs both fields. */
static int fill_defaults(struct matrix_options *o)
{
	bool course = strcmp(o->type, "course") == 0;
	if (!o->rows && !o->cols && course) {
		o->rows = "level";
		o->cols = "audience";
	}
	if (!o->rows || !o->cols)
		return cmd_usage_error(usage_matrix, "%s", course
			? "--rows and --cols go together"
			: "--rows and --cols are needed for a type other than course");
	return -1;
}

static int print_matrix(tip_store *store, const struct matrix_options *o)
{
	const tip_type *type = tip_store_type_named(store, o->type);
	if (!type) {
		cmd_error("there is no record type '%s' (no schemas/%s.schema.yaml)", o->type,
			o->type);
		return EXIT_TROUBLE;
	}
	const char *status = !o->all && tip_matrix_has_status(type, "available")
		? "available" : NULL;
	tip_snapshot *snapshot = NULL;
	tip_matrix m;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_snapshot_worktree(&snapshot, store, o->type, NULL);
	if (!err)
		err = tip_matrix_build(&m, snapshot, type, o->rows, o->cols, status);
	if (!err) {
		err = tip_matrix_render(&text, &m, o->format, cmd_terminal_width());
		tip_matrix_free(&m);
	}
	tip_snapshot_free(snapshot);
	if (err) {
		tip_buf_free(&text);
		return cmd_fail(err);
	}
	cmd_puts(stdout, tip_buf_str(&text));
	tip_buf_free(&text);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}

int cmd_matrix(int argc, char **argv)
{
	struct matrix_options o = { "course", NULL, NULL, 0, TIP_MATRIX_TABLE };
	int status = parse_options(&o, argc, argv);
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
