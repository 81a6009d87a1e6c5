/* What the unit tests of modules that work on a records repository share: a temporary folder
 * for everything a test program makes, git and libgit2 kept from the machine's configuration
 * (HOME an empty folder, a test identity), a new repository per test, shell commands run in
 * it, and checks of errors. Include after cmocka.h; call fixture_start first in main and
 * fixture_end last. */
#ifndef TIP_TEST_REPO_FIXTURE_H
#define TIP_TEST_REPO_FIXTURE_H

#include <git2.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "error.h"
#include "store.h"

#define FIXTURE_UNUSED __attribute__((unused))

static char fixture_top[PATH_MAX]; /* everything the tests make */
static char repo[PATH_MAX];        /* the current test's repository */

static void fixture_vformat(char *out, size_t cap, const char *fmt, va_list ap)
{
	int n = snprintf(out, cap, "cd '%s' && ", repo);
	vsnprintf(out + n, cap - (size_t)n, fmt, ap);
}

/* Runs a shell command in the repository; the test fails unless it succeeds. */
static FIXTURE_UNUSED void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static FIXTURE_UNUSED void sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	fixture_vformat(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("'%s' failed with status %d", cmd, rc);
}

/* A shell command's output without its last newline, in one of a few rotating buffers. */
static FIXTURE_UNUSED const char *out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static FIXTURE_UNUSED const char *out(const char *fmt, ...)
{
	static char bufs[8][16384];
	static int next;
	char *buf = bufs[next++ % 8];
	char cmd[8192];
	va_list ap;
	va_start(ap, fmt);
	fixture_vformat(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t n = fread(buf, 1, sizeof(bufs[0]) - 1, p);
	buf[n] = '\0';
	pclose(p);
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return buf;
}

/* Writes content to path (relative to the repository), making its folders. */
static FIXTURE_UNUSED void put(const char *path, const char *content)
{
	char full[PATH_MAX];
	snprintf(full, sizeof(full), "%.2000s/%.2000s", repo, path);
	char *slash = full + strlen(repo);
	while ((slash = strchr(slash + 1, '/'))) {
		*slash = '\0';
		mkdir(full, 0777);
		*slash = '/';
	}
	FILE *f = fopen(full, "w");
	if (!f)
		fail_msg("cannot write %s", full);
	fputs(content, f);
	fclose(f);
}

/* A path below the folder of this program's tests, in one of a few rotating buffers. */
static FIXTURE_UNUSED const char *fixture_path(const char *name)
{
	static char bufs[4][PATH_MAX];
	static int next;
	char *buf = bufs[next++ % 4];
	snprintf(buf, PATH_MAX, "%.3000s/%s", fixture_top, name);
	return buf;
}

/* The source tree, where the tests run (make check runs them from its top): its schemas/ are
 * the ones tip is built with. */
static FIXTURE_UNUSED const char *source_root(void)
{
	static char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		fail_msg("cannot tell the current folder");
	return cwd;
}

/* A new folder for the test (not a repository yet): repo names it. */
static FIXTURE_UNUSED void new_folder(void)
{
	static int count;
	char name[32];
	snprintf(name, sizeof(name), "repo%d", ++count);
	snprintf(repo, sizeof(repo), "%s", fixture_path(name));
	assert_int_equal(mkdir(repo, 0777), 0);
}

/* A new, empty repository on an unborn branch main. */
static FIXTURE_UNUSED void new_repo(void)
{
	new_folder();
	sh("git init -q -b main .");
}

static FIXTURE_UNUSED void expect_ok(tip_error *err)
{
	if (err) {
		char text[1024];
		snprintf(text, sizeof(text), "%s", tip_error_message(err));
		tip_error_free(err);
		fail_msg("unexpected error: %s", text);
	}
}

/* err is an error whose message holds text. */
static FIXTURE_UNUSED void expect_error(tip_error *err, const char *text)
{
	if (!err)
		fail_msg("expected the error '%s', got none", text);
	if (!strstr(tip_error_message(err), text)) {
		char got[1024];
		snprintf(got, sizeof(got), "%s", tip_error_message(err));
		tip_error_free(err);
		fail_msg("expected the error '%s', got '%s'", text, got);
	}
	tip_error_free(err);
}

static FIXTURE_UNUSED tip_diag_list *new_findings(void)
{
	tip_diag_list *findings = NULL;
	expect_ok(tip_diag_list_new(&findings));
	return findings;
}

/* The findings one per line, "file:line:col: keyword: message", sorted, for a test to compare
 * or search; in one of a few rotating buffers. */
static FIXTURE_UNUSED const char *findings_text(tip_diag_list *findings)
{
	static char bufs[4][16384];
	static int next;
	char *buf = bufs[next++ % 4];
	size_t len = 0;
	buf[0] = '\0';
	tip_diag_list_sort(findings);
	for (size_t i = 0; i < tip_diag_list_count(findings) && len < sizeof(bufs[0]); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		int n = snprintf(buf + len, sizeof(bufs[0]) - len, "%s%s:%u:%u: %s: %s",
			len ? "\n" : "", f->file, f->line, f->col, f->keyword, f->message);
		if (n > 0)
			len += (size_t)n;
	}
	return buf;
}

/* The repository as a store (its types not loaded). */
static FIXTURE_UNUSED tip_store *open_store(void)
{
	tip_store *store = NULL;
	tip_error *err = tip_store_open(&store, repo);
	if (err)
		fail_msg("cannot open the store at %s: %s", repo, tip_error_message(err));
	return store;
}

/* The repository as a store with its types loaded; schema findings fail the test. */
static FIXTURE_UNUSED tip_store *open_loaded_store(void)
{
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	if (tip_diag_list_count(findings))
		fail_msg("unexpected findings about the schemas: %s", findings_text(findings));
	tip_diag_list_free(findings);
	return store;
}

/* HOME is an empty folder and no system or global configuration is read, by git or by
 * libgit2 (whose search paths stay set while this program holds it initialised); git's
 * identity is the test's own. */
static FIXTURE_UNUSED void fixture_start(const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(fixture_top, sizeof(fixture_top), "%s/tip-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp",
		name);
	if (!mkdtemp(fixture_top))
		abort();
	const char *home = fixture_path("home");
	if (mkdir(home, 0777) != 0)
		abort();
	setenv("HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	const char *names[] = { "XDG_CONFIG_HOME", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
		"GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "EMAIL" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		unsetenv(names[i]);
	setenv("GIT_AUTHOR_NAME", "Test Author", 1);
	setenv("GIT_AUTHOR_EMAIL", "author@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Test Committer", 1);
	setenv("GIT_COMMITTER_EMAIL", "committer@example.org", 1);
	git_libgit2_init();
	int levels[] = { GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL,
		GIT_CONFIG_LEVEL_PROGRAMDATA };
	for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, levels[i], home);
}

static FIXTURE_UNUSED void fixture_end(void)
{
	git_libgit2_shutdown();
	char cmd[PATH_MAX + 16];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fixture_top);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fixture_top);
}

#endif
