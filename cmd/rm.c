/* tip rm: remove a record, as one commit; refused while other committed records refer to
 * it. */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "records.h"

void usage_rm(FILE *out)
{
	fputs("usage: tip rm TYPE ID [--force] [-m REASON] [--no-commit]\n\n"
	      "Removes a record and commits the removal. Refused while other committed\n"
	      "records refer to it (they are listed) unless --force.\n\n"
	      "  -f, --force           remove it even though others refer to it\n"
	      "  -m, --message REASON  why, kept as the commit message's body\n"
	      "  --no-commit           remove the file only\n\n"
	      "Exit status: 0 removed, 1 refused because of references, 2 usage, repository\n"
	      "or I/O errors.\n", out);
}

static int on_force(int opt, const char *arg, void *ctx)
{
	(void)arg;
	if (opt != 'f')
		return -1;
	*(bool *)ctx = true;
	return -1;
}

struct rm_options {
	struct write_options w;
	bool force;
};

static int remove_record(tip_store *store, tip_record *record, void *ctx)
{
	const struct rm_options *o = ctx;
	return cmd_commit_record(store, record, "rm", NULL, &o->w, o->force);
}

int cmd_rm(int argc, char **argv)
{
	static const struct option force_option[] = {
		{ "force", no_argument, NULL, 'f' }, { NULL, 0, NULL, 0 },
	};
	struct rm_options o = { { 0 }, false };
	int status = cmd_parse_write_options(&o.w, argc, argv, usage_rm, "f", force_option,
		on_force, &o.force);
	if (status >= 0)
		return status;
	return cmd_on_located_record(argc - optind, argv + optind, usage_rm, "rm",
		remove_record, &o);
}
