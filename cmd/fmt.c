/* tip fmt: write records in canonical form, or list those that are not (--check). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "fmt.h"
#include "store.h"

void usage_fmt(FILE *out)
{
	fputs("usage: tip fmt [--check] [PATH...]\n\n"
	      "Writes records in canonical form: keys in their schema's order, then any\n"
	      "others; block style with two-space indentation; text quoted only where a\n"
	      "YAML reader could take it for something else; multi-line text as literal\n"
	      "blocks. With no PATH, every record in the repository; a PATH may be a record\n"
	      "file or a folder. Files are rewritten in place and nothing is printed.\n"
	      "A record with comments (which formatting would lose) or that does not load\n"
	      "is left alone and reported on stderr as path:line:col: error: message.\n\n"
	      "  --check   change nothing: print the paths of the records that are not in\n"
	      "            canonical form, one a line\n\n"
	      "Exit status: 0 done (with --check: all canonical), 1 findings or records not\n"
	      "in canonical form, 2 usage, I/O or repository errors.\n", out);
}

static int parse_options(int *check, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': *check = 1; break;
		case 'h': usage_fmt(stdout); return EXIT_OK;
		default:
			return cmd_usage_error(usage_fmt, "unknown option '%s'", argv[optind - 1]);
		}
	}
	return -1;
}

struct changes {
	int check;
	size_t count;
};

static void on_changed(void *ctx, const char *path)
{
	struct changes *c = ctx;
	c->count++;
	if (c->check)
		printf("%s\n", path);
}

static int report(tip_diag_list *findings, const struct changes *changes)
{
	int status = cmd_print_diag(stderr, findings, TIP_DIAG_TEXT);
	if (status == EXIT_OK && fflush(stdout) != 0) {
		cmd_error("cannot write the list of records");
		status = EXIT_TROUBLE;
	}
	if (status != EXIT_OK)
		return status;
	bool differ = changes->check && changes->count > 0;
	return tip_diag_list_count(findings) || differ ? EXIT_FINDINGS : EXIT_OK;
}

int cmd_fmt(int argc, char **argv)
{
	int check = 0;
	int status = parse_options(&check, argc, argv);
	if (status >= 0)
		return status;
	argc -= optind;
	argv += optind;
	struct changes changes = { check, 0 };
	tip_fmt_opts opts = { .check = check, .changed = on_changed, .ctx = &changes };
	tip_store *store = NULL;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_fmt_repository(store, (const char *const *)argv, (size_t)argc, &opts,
			findings);
	status = err ? cmd_fail(err) : report(findings, &changes);
	tip_diag_list_free(findings);
	tip_store_free(store);
	return status;
}
