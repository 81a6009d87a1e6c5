/* tip rm: remove a record, as one commit; refused while other records refer to it. */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "records.h"

void usage_rm(FILE *out)
{
	fputs("usage: tip rm TYPE ID [--force] [-m REASON] [--no-commit]\n\n"
	      "Removes a record and commits the removal. Refused while other records refer\n"
	      "to it (they are listed) unless --force.\n\n"
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

static int refuse_when_referred_to(tip_store *store, const tip_record *record)
{
	tip_diag_list *referrers = NULL;
	tip_error *err = tip_diag_list_new(&referrers);
	if (!err)
		err = tip_record_referrers(store, record, referrers);
	int status = err ? cmd_fail(err) : EXIT_OK;
	size_t n = referrers ? tip_diag_list_count(referrers) : 0;
	if (status == EXIT_OK && n) {
		cmd_print_findings(referrers);
		cmd_error("%s '%s' is referred to in %zu place%s (above): change those first, or "
			  "use --force", record->type->name, record->id, n, n == 1 ? "" : "s");
		status = EXIT_FINDINGS;
	}
	tip_diag_list_free(referrers);
	return status;
}

struct rm_options {
	struct write_options w;
	bool force;
};

static int remove_record(tip_store *store, tip_record *record, void *ctx)
{
	const struct rm_options *o = ctx;
	int status = o->force ? EXIT_OK : refuse_when_referred_to(store, record);
	return status == EXIT_OK ? cmd_commit_record(store, record, "rm", NULL, &o->w) : status;
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
