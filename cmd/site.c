/* tip site: the programme's public website, written from the records at a commit. */
#include <stdio.h>

#include "cmd.h"
#include "records.h"
#include "site.h"

struct site_options {
	const char *output;
	const char *base_url;
	const char *rev;
};

static const struct cmd_option site_options[] = {
	CMD_STRING("output", 'o', "DIR", NULL, struct site_options, output,
		"the folder to write (default site); it is replaced\n"
		"only when tip site wrote it"),
	CMD_STRING("base-url", 0, "URL", NULL, struct site_options, base_url,
		"where the site will be published, for canonical links"),
	CMD_STRING("rev", 0, "REV", NULL, struct site_options, rev,
		"the commit whose records are written (default HEAD)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_site = {
	.name = "site",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--output DIR] [--base-url URL] [--rev REV]", { NULL }, false },
		{ NULL } },
	.about = "Writes the programme's public website as static HTML pages: home, the courses\n"
		 "by level and audience and a page each, the glossary A to Z and a page a term,\n"
		 "the learning-needs matrix, the strategy and the champion network (counts only).\n"
		 "The records are those committed at HEAD (or REV), and must all be valid. No\n"
		 "personal field reaches the site. The pages are written into a new folder and\n"
		 "then swapped into place, so a failure leaves the old site as it was.\n\n",
	.options = site_options,
	.column = 20,
	.after = "\nExit status: 0 success, 2 usage, I/O or repository errors, or a record that\n"
		 "is not valid.\n",
	.in_order = true,
};

int cmd_site(int argc, char **argv)
{
	struct site_options o = { "site", NULL, NULL };
	int status = cmd_parse_options_only(&usage_site, &o, argc, argv);
	if (status >= 0)
		return status;
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	tip_site_opts opts = { o.output, o.base_url, o.rev };
	tip_site_result result;
	tip_error *err = tip_site_write(&result, store, &opts);
	tip_store_free(store);
	if (err)
		return cmd_fail(err);
	cmd_printf(stdout, "wrote %zu pages to %s/ from commit %.12s\n", result.pages, o.output,
		result.commit);
	return EXIT_OK;
}
