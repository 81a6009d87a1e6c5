/* Unit tests for the git program module (lib/store/gitprog.c): running git, and its failures
 * (what git writes on stderr when a fetch or push fails) put into words; and the pull request
 * address of tip sync --branch (lib/store/sync.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gitprog.h"
#include "sync.h"

static void expect_words(tip_git_failure kind, const char *err_text, tip_error_code code,
	const char *words)
{
	assert_int_equal(tip_git_classify(err_text), kind);
	tip_error *err = tip_git_failure_error(kind, "sending your commits to origin", "origin",
		err_text);
	assert_int_equal(tip_error_get_code(err), code);
	if (!strstr(tip_error_message(err), words))
		fail_msg("'%s' does not say '%s'", tip_error_message(err), words);
	tip_error_free(err);
}

static void test_offline(void **state)
{
	(void)state;
	expect_words(TIP_GIT_OFFLINE,
		"fatal: unable to access 'http://127.0.0.1:1/shared.git/': Failed to connect to "
		"127.0.0.1 port 1 after 0 ms: Couldn't connect to server\n", TIP_EGIT,
		"could not reach origin (unable to access 'http://127.0.0.1:1/shared.git/': Failed "
		"to connect to 127.0.0.1 port 1 after 0 ms: Couldn't connect to server): your "
		"commits are kept here; run tip sync again when online");
	expect_words(TIP_GIT_OFFLINE,
		"fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection "
		"refused\n\n", TIP_EGIT, "could not reach origin (unable to connect to 127.0.0.1:)");
	expect_words(TIP_GIT_OFFLINE,
		"ssh: Could not resolve hostname git.example.org: Name or service not known\n"
		"fatal: Could not read from remote repository.\n\nPlease make sure you have the "
		"correct access rights\nand the repository exists.\n", TIP_EGIT,
		"(ssh: Could not resolve hostname git.example.org: Name or service not known; "
		"Could not read from remote repository.)");
}

static void test_refused_access(void **state)
{
	(void)state;
	expect_words(TIP_GIT_AUTH,
		"fatal: Authentication failed for 'http://127.0.0.1:2000/git/shared.git/'\n",
		TIP_EGIT, "origin refused access (Authentication failed for");
	expect_words(TIP_GIT_AUTH,
		"git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote "
		"repository.\n", TIP_EGIT, "check your credentials");
	expect_words(TIP_GIT_NO_REPO,
		"fatal: '/srv/none.git' does not appear to be a git repository\n", TIP_EGIT,
		"origin has no repository at its address ('/srv/none.git' does not appear to be a "
		"git repository): check it with git remote -v");
	/* git daemon's answer for a path it does not serve: a mistyped address */
	expect_words(TIP_GIT_NO_REPO,
		"fatal: remote error: access denied or repository not exported: /isle-of-wigt\n",
		TIP_EGIT, "origin has no repository at its address (remote error: access denied or "
		"repository not exported: /isle-of-wigt): check it with git remote -v");
}

static void test_push_refusals(void **state)
{
	(void)state;
	/* progress lines, then the refusal: only the refusal is quoted */
	expect_words(TIP_GIT_REJECTED,
		"Enumerating objects: 9, done.\rCounting objects: 100% (9/9), done.\n"
		"To file:///tmp/shared.git\n ! [rejected]        HEAD -> main (fetch first)\n"
		"error: failed to push some refs to 'file:///tmp/shared.git'\n"
		"hint: Updates were rejected because the remote contains work that you do\n",
		TIP_ECONFLICT, "has commits this clone has not received yet (! [rejected]        "
		"HEAD -> main (fetch first); failed to push some refs to 'file:///tmp/shared.git')");
	expect_words(TIP_GIT_REJECTED,
		" ! [rejected]        HEAD -> main (non-fast-forward)\n", TIP_ECONFLICT,
		"was rejected");
	expect_words(TIP_GIT_REJECTED,
		" ! [remote rejected] HEAD -> main (cannot lock ref 'refs/heads/main': is at "
		"1a2b but expected 3c4d)\n", TIP_ECONFLICT, "was rejected");
	expect_words(TIP_GIT_REFUSED,
		"remote: main is protected: changes by pull request\nTo file:///tmp/shared.git\n"
		" ! [remote rejected] HEAD -> main (pre-receive hook declined)\n"
		"error: failed to push some refs to 'file:///tmp/shared.git'\n", TIP_ECONFLICT,
		"tip sync --branch NAME");
	expect_words(TIP_GIT_REFUSED,
		"remote: GitLab: You are not allowed to push code to protected branches on this "
		"project.\n", TIP_ECONFLICT, "was refused by the server (remote: GitLab: You are "
		"not allowed to push code to protected branches on this project.)");
}

static void test_other_failures(void **state)
{
	(void)state;
	expect_words(TIP_GIT_CONFLICT,
		"Auto-merging records/courses/a.yaml\nCONFLICT (content): Merge conflict in "
		"records/courses/a.yaml\nerror: could not apply 1a2b3c4... set course a\n",
		TIP_ECONFLICT, "stopped on conflicting changes (CONFLICT (content): Merge conflict "
		"in records/courses/a.yaml; could not apply 1a2b3c4... set course a)");
	expect_words(TIP_GIT_FAILED, "something unexpected\n", TIP_EGIT,
		"sending your commits to origin failed (something unexpected)");
	expect_words(TIP_GIT_FAILED, "", TIP_EGIT, "(git said nothing)");
	/* at most the last three telling lines */
	expect_words(TIP_GIT_FAILED, "error: one\nerror: two\nerror: three\nerror: four\n",
		TIP_EGIT, "failed (two; three; four)");
}

/* Each stderr line reaches the callback as it comes, without its end. */
static void count_line(void *ctx, const char *line)
{
	tip_buf *seen = ctx;
	assert_null(tip_buf_addf(seen, "[%s]", line));
}

static void test_running_git(void **state)
{
	(void)state;
	tip_buf err_text = TIP_BUF_INIT, out = TIP_BUF_INIT, seen = TIP_BUF_INIT;
	tip_git_call call = { .dir = "/", .on_line = count_line, .ctx = &seen, .out = &out };
	int status = -1;
	const char *version[] = { "git", "--version", NULL };
	assert_null(tip_git_program(&status, &err_text, &call, version));
	assert_int_equal(status, 0);
	assert_non_null(strstr(tip_buf_str(&out), "git version"));
	const char *bad[] = { "git", "no-such-command-here", NULL };
	assert_null(tip_git_program(&status, &err_text, &call, bad));
	assert_int_not_equal(status, 0);
	assert_non_null(strstr(tip_buf_str(&err_text), "no-such-command-here"));
	assert_non_null(strstr(tip_buf_str(&seen), "[git: 'no-such-command-here' is not a git"));
	tip_buf_dispose(&err_text);
	tip_buf_dispose(&out);
	tip_buf_dispose(&seen);
}

static void expect_url(const char *remote, const char *url)
{
	char *got = NULL;
	assert_null(tip_sync_request_url(&got, remote, "skilled-level"));
	if (!url)
		assert_null(got);
	else
		assert_string_equal(got, url);
	free(got);
}

static void test_request_url(void **state)
{
	(void)state;
	expect_url("https://github.com/city/tip-records.git",
		"https://github.com/city/tip-records/pull/new/skilled-level");
	expect_url("git@github.com:city/tip-records.git",
		"https://github.com/city/tip-records/pull/new/skilled-level");
	expect_url("ssh://git@github.com:22/city/tip-records",
		"https://github.com/city/tip-records/pull/new/skilled-level");
	expect_url("https://user@gitlab.com/council/tip/records.git/",
		"https://gitlab.com/council/tip/records/-/merge_requests/new?"
		"merge_request%5Bsource_branch%5D=skilled-level");
	expect_url("file:///srv/git/shared.git", NULL);
	expect_url("https://git.example.org/city/tip.git", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offline),
		cmocka_unit_test(test_refused_access),
		cmocka_unit_test(test_push_refusals),
		cmocka_unit_test(test_other_failures),
		cmocka_unit_test(test_running_git),
		cmocka_unit_test(test_request_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
