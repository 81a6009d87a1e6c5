/* tip sync: bring in the others' changes and send ours (fetch, replay, push, by git). */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>

#include "cmd.h"
#include "store.h"
#include "sync.h"

struct sync_options {
	bool no_push, resume;
	const char *branch;
};

static const struct cmd_option sync_options[] = {
	CMD_FLAG("no-push", 0, struct sync_options, no_push,
		"bring in the others' changes only; send nothing"),
	CMD_STRING("branch", 0, "NAME", "NAME", struct sync_options, branch,
		"send your commits to a new branch NAME, for a pull\nrequest, not to the upstream branch"),
	CMD_FLAG("continue", 0, struct sync_options, resume,
		"go on after the conflicts of a sync are settled\n(tip resolve): finish the replay, then send"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_sync = {
	.name = "sync",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--no-push] [--branch NAME] [--continue]", { NULL }, false }, { NULL } },
	.about = "Brings in the others' changes and sends yours: fetches the branch's upstream,\n"
		 "replays your commits on it with the record-aware merge (setting it up first\n"
		 "when this clone does not have it, as tip setup does), and pushes. The network\n"
		 "goes through the git program, with your own keys, credential helpers and\n"
		 "proxies. A push rejected because someone pushed meanwhile is fetched,\n"
		 "replayed and pushed again, up to 3 times. When changes conflict the replay\n"
		 "stops: tip status explains each conflict, tip resolve settles it, then\n"
		 "tip sync --continue (or git rebase --abort goes back).\n\n",
	.options = sync_options,
	.column = 24,
	.after = "\nExit status: 0 in step with the upstream, 1 conflicts to settle, 2 usage,\n"
		 "network, repository or I/O errors (your commits are kept).\n",
};

static void show_progress(void *ctx, bool from_git, const char *line)
{
	bool terminal = *(bool *)ctx;
	if (!from_git)
		cmd_printf(stderr, "%s...\n", line);
	else if (terminal)
		cmd_printf(stderr, "  %s\r", line);
}

static void report_setup(const tip_sync_result *r)
{
	if (r->set_up.driver)
		cmd_printf(stdout, "set up record-aware merging in this clone (as tip setup "
				   "does)\n");
	if (r->set_up.attributes)
		cmd_printf(stdout, "added 'records/**/*.yaml merge=tip' to .gitattributes, "
				   "committed\n");
}

static void report(const tip_sync_result *r)
{
	if (r->received)
		cmd_printf(stdout, "received %zu commit%s from %s\n", r->received,
			r->received == 1 ? "" : "s", r->upstream);
	if (r->pushed_to && r->sent)
		cmd_printf(stdout, "sent %zu commit%s to branch '%s'%s\n", r->sent,
			r->sent == 1 ? "" : "s", r->pushed_to,
			r->tries > 1 ? " (again after others pushed meanwhile)" : "");
	else if (r->pushed_to)
		cmd_printf(stdout, "branch '%s' is at your commits\n", r->pushed_to);
	if (r->request_url)
		cmd_printf(stdout, "open a pull request: %s\n", r->request_url);
	if (!r->received && !r->pushed_to)
		cmd_printf(stdout, "in step with %s: nothing to bring in or send\n", r->upstream);
}

int cmd_sync(int argc, char **argv)
{
	struct sync_options o = { 0 };
	int status = cmd_parse_options_only(&usage_sync, &o, argc, argv);
	if (status >= 0)
		return status;
	if (o.branch && !*o.branch)
		return cmd_bad_value(&usage_sync, "--branch", "a branch name", o.branch);
	if (o.branch && o.no_push)
		return cmd_usage_error(&usage_sync, "--branch sends, --no-push does not: give one "
						    "of them");
	bool terminal = isatty(STDERR_FILENO);
	tip_sync_opts opts = { .no_push = o.no_push, .resume = o.resume, .branch = o.branch,
			       .progress = show_progress, .ctx = &terminal };
	tip_sync_result result = { 0 };
	tip_store *store = NULL;
	tip_error *err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_sync(&result, store, &opts);
	tip_store_free(store);
	if (terminal)
		fputs("\033[K", stderr);
	report_setup(&result);
	if (err) {
		status = result.conflicts ? EXIT_FINDINGS : EXIT_TROUBLE;
		tip_sync_result_dispose(&result);
		fflush(stdout);
		cmd_fail(err);
		return status;
	}
	report(&result);
	tip_sync_result_dispose(&result);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_TROUBLE;
}
