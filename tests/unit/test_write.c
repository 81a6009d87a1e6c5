/* Unit tests for writes as commits (lib/write.c, lib/undo.c, lib/ident.c, lib/workfile.c):
 * the preconditions, each refused with nothing changed; commits on unborn and born branches;
 * the index and working files; identities and dates; git's index.lock held for the whole
 * write, and lock files left by stopped processes named; compare-and-swap against other
 * writers; the caller's check against the commit written on; modes kept; what a crash after
 * each step leaves; 20 writers at once; undo.
 *
 * Each test works in a new repository under a temporary folder, set up and inspected with the
 * git command, with HOME an empty folder and no system configuration, so that the machine's
 * git identity plays no part. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <git2.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ident_int.h"
#include "record.h"
#include "store.h"
#include "undo.h"
#include "write.h"

#include "repo_fixture.h"

static const char note_a[] = "records/notes/a.yaml";
static const char note_b[] = "records/notes/b.yaml";

/* ---- helpers ---- */

/* A repository whose first commit (made by git) has records/notes/a.yaml. */
static void seeded_repo(void)
{
	new_repo();
	sh("mkdir -p records/notes && printf 'title: A\\n' >%s && git add . && "
	   "git commit -qm 'first'", note_a);
}

static char message[1024];

static const char *note_message(const char *verb, const char *id, const char *title)
{
	tip_buf buf = TIP_BUF_INIT;
	assert_null(tip_commit_message(&buf, verb, "note", id, title, NULL, "notes"));
	snprintf(message, sizeof(message), "%s", tip_buf_str(&buf));
	tip_buf_dispose(&buf);
	return message;
}

/* Writes one file (content NULL: removes it) in a store of its own, with opts (may be NULL). */
static tip_error *write_with(const char *path, const char *content, const char *msg,
	const tip_write_opts *opts)
{
	tip_store *store = open_store();
	tip_file_change change = { path, content, content ? strlen(content) : 0 };
	tip_error *err = tip_store_write(store, &change, 1, msg, opts);
	tip_store_free(store);
	return err;
}

static tip_error *write_one(const char *path, const char *content, const char *msg)
{
	return write_with(path, content, msg, NULL);
}

/* expect_error for an error that must be of that code. */
static void expect_kind(tip_error *err, tip_error_code code, const char *text)
{
	if (err && !tip_error_is(err, code)) {
		int got = (int)tip_error_get_code(err);
		tip_error_free(err);
		fail_msg("expected an error of code %d ('%s'), got code %d", (int)code, text, got);
	}
	expect_error(err, text);
}

/* What the user sees of one path: HEAD, git status, the index entry, the working file. */
struct state {
	char head[64], status[2048], index[512], file[1024];
};

static void state_of(struct state *s, const char *path)
{
	snprintf(s->head, sizeof(s->head), "%s", out("git rev-parse -q --verify HEAD || true"));
	snprintf(s->status, sizeof(s->status), "%s", out("git status --porcelain -uall"));
	snprintf(s->index, sizeof(s->index), "%s", out("git ls-files -s -- '%s' 2>/dev/null", path));
	snprintf(s->file, sizeof(s->file), "%s", out("cat '%s' 2>/dev/null || echo '(none)'", path));
}

static void assert_same_state(const struct state *a, const struct state *b)
{
	assert_string_equal(a->head, b->head);
	assert_string_equal(a->status, b->status);
	assert_string_equal(a->index, b->index);
	assert_string_equal(a->file, b->file);
}

/* Runs write_one and checks that it fails with text and leaves path as it was. */
static void expect_refused(const char *path, const char *content, const char *text)
{
	struct state before, after;
	state_of(&before, path);
	expect_error(write_one(path, content, note_message("set", "a", "A")), text);
	state_of(&after, path);
	assert_same_state(&before, &after);
}

static void identity_env(bool set)
{
	const char *vars[][2] = { { "GIT_AUTHOR_NAME", "Test Author" },
		{ "GIT_AUTHOR_EMAIL", "author@example.org" },
		{ "GIT_COMMITTER_NAME", "Test Committer" },
		{ "GIT_COMMITTER_EMAIL", "committer@example.org" } };
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (set)
			setenv(vars[i][0], vars[i][1], 1);
		else
			unsetenv(vars[i][0]);
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_DATE");
	unsetenv("EMAIL");
}

/* ---- messages and dates ---- */

static void test_commit_message(void **state)
{
	(void)state;
	tip_buf buf = TIP_BUF_INIT;
	assert_null(tip_commit_message(&buf, "add", "course", "wave", "WAVE\ntraining",
		"Asked for by the group.\n\n", "courses"));
	assert_string_equal(tip_buf_str(&buf),
		"add course wave: WAVE training\n\nAsked for by the group.\n\n"
		"Tip-Action: add\nTip-Record: courses/wave\n");
	tip_buf_reset(&buf);
	assert_null(tip_commit_message(&buf, "rm", "course", "wave", NULL, "", "courses"));
	assert_string_equal(tip_buf_str(&buf),
		"rm course wave\n\nTip-Action: rm\nTip-Record: courses/wave\n");
	git_message_trailer_array trailers;
	assert_int_equal(git_message_trailers(&trailers, tip_buf_str(&buf)), 0);
	assert_int_equal(trailers.count, 2);
	assert_string_equal(trailers.trailers[0].key, "Tip-Action");
	assert_string_equal(trailers.trailers[1].value, "courses/wave");
	git_message_trailer_array_free(&trailers);
	tip_buf_dispose(&buf);
}

static void test_git_dates(void **state)
{
	(void)state;
	const struct { const char *text; int64_t when; int offset; } good[] = {
		{ "@1768467600 +0100", 1768467600, 60 },
		{ "@1768467600", 1768467600, 0 },
		{ "1768467600 -0230", 1768467600, -150 },
		{ "2026-01-15T10:00:00+01:00", 1768467600, 60 },
		{ "2026-01-15 10:00:00 +0100", 1768467600, 60 },
		{ "2026-01-15T09:00:00Z", 1768467600, 0 },
		{ "2026-01-15T09:00Z", 1768467600, 0 },
		{ "2026-01-15T09:00:00.250Z", 1768467600, 0 },
		{ "Thu, 15 Jan 2026 10:00:00 +0100", 1768467600, 60 },
		{ "15 Jan 2026 09:00 GMT", 1768467600, 0 },
		{ "2024-02-29T00:00:00Z", 1709164800, 0 },
		{ "Thu Jan 15 10:00:00 2026 +0100", 1768467600, 60 },
		{ "Thu Jan  5 10:00:00 2026 +0100", 1767603600, 60 },
		{ "2026.01.15 10:00:00 +0100", 1768467600, 60 },
		{ "01/15/2026 10:00:00 +0100", 1768467600, 60 },
		{ "15.01.2026 10:00:00 +0100", 1768467600, 60 },
		{ "2026-01-15 10:00:00 +01", 1768467600, 60 },
		{ "Thu, 15 Jan 2026 10:00:00 +01:00", 1768467600, 60 },
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		int64_t when = 0;
		int offset = 1;
		if (!tip_git_date_parse(good[i].text, &when, &offset))
			fail_msg("'%s' should be a date", good[i].text);
		assert_int_equal(when, good[i].when);
		assert_int_equal(offset, good[i].offset);
	}
	const char *bad[] = { "", "yesterday", "2026-01-15", "2026-02-29T10:00:00Z",
		"2026-01-15T25:00:00Z", "2026-01-15T10:00:00+2500", "12345 +0100",
		"Thu, 15 Foo 2026 10:00:00 +0100", "2026-01-15T10:00:00Z trailing",
		"Thu Foo 15 10:00:00 2026 +0100", "2026.01-15 10:00:00 +0100", "13/15/2026 10:00:00" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t when;
		int offset;
		if (tip_git_date_parse(bad[i], &when, &offset))
			fail_msg("'%s' should not be a date", bad[i]);
	}
	/* Without a zone: local time, as git takes it. */
	setenv("TZ", "America/New_York", 1);
	int64_t when;
	int offset;
	assert_true(tip_git_date_parse("2026-01-15 04:00:00", &when, &offset));
	assert_int_equal(when, 1768467600);
	assert_int_equal(offset, -300);
	assert_true(tip_git_date_parse("Thu Jan 15 04:00:00 2026", &when, &offset));
	assert_int_equal(when, 1768467600);
	assert_int_equal(offset, -300);
	unsetenv("TZ");
}

/* ---- commits ---- */

static void test_first_commit_on_unborn_branch(void **state)
{
	(void)state;
	new_repo();
	expect_ok(write_one(note_a, "title: A\n", note_message("add", "a", "A")));
	assert_string_equal(out("git log --format='%%s|%%P|%%an <%%ae>|%%cn'"),
		"add note a: A||Test Author <author@example.org>|Test Committer");
	assert_string_equal(out("git log -1 --format=%%B"),
		"add note a: A\n\nTip-Action: add\nTip-Record: notes/a\n");
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("cat %s", note_a), "title: A");
	assert_string_equal(out("git reflog -1 --format='%%gn|%%gs' main"),
		"Test Committer|commit (initial): add note a: A");
	assert_string_equal(out("git reflog -1 --format='%%gs' HEAD"),
		"commit (initial): add note a: A");
}

static void test_change_and_remove(void **state)
{
	(void)state;
	seeded_repo();
	const char *first = out("git rev-parse HEAD");
	char parent[64];
	snprintf(parent, sizeof(parent), "%s", first);
	expect_ok(write_one(note_a, "title: A2\n", note_message("set", "a", "A2")));
	assert_string_equal(out("git rev-parse HEAD^"), parent);
	assert_string_equal(out("git show HEAD:%s", note_a), "title: A2");
	assert_string_equal(out("cat %s", note_a), "title: A2");
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("git reflog -1 --format='%%gs'"), "commit: set note a: A2");
	expect_ok(write_one(note_a, NULL, note_message("rm", "a", "A2")));
	assert_string_equal(out("git ls-tree -r --name-only HEAD"), "");
	assert_string_equal(out("test -e %s || echo gone", note_a), "gone");
	assert_string_equal(out("test -d records/notes && echo kept"), "kept");
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("git log --format=%%s"), "rm note a: A2\nset note a: A2\nfirst");
}

static void test_several_files_in_one_commit(void **state)
{
	(void)state;
	seeded_repo();
	tip_store *store = open_store();
	tip_file_change changes[] = { { note_b, "title: B\n", 9 }, { note_a, NULL, 0 },
		{ "deep/er/c.txt", "c", 1 } };
	expect_ok(tip_store_write(store, changes, 3, "several\n", NULL));
	tip_store_free(store);
	assert_string_equal(out("git ls-tree -r --name-only HEAD"),
		"deep/er/c.txt\nrecords/notes/b.yaml");
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("cat deep/er/c.txt"), "c");
}

static void test_other_staged_changes_stay_staged(void **state)
{
	(void)state;
	seeded_repo();
	sh("printf 'x\\n' >other.txt && git add other.txt && printf 'unstaged\\n' >>other.txt");
	sh("printf 'free\\n' >untracked.txt");
	expect_ok(write_one(note_b, "title: B\n", note_message("add", "b", "B")));
	assert_string_equal(out("git show --name-only --format= HEAD"), note_b);
	assert_string_equal(out("git status --porcelain -uall"),
		"AM other.txt\n?? untracked.txt");
	assert_string_equal(out("git show :other.txt"), "x");
	assert_string_equal(out("cat other.txt"), "x\nunstaged");
}

static void test_no_commit_writes_the_file_only(void **state)
{
	(void)state;
	seeded_repo();
	const char *head = out("git rev-parse HEAD");
	char before[64];
	snprintf(before, sizeof(before), "%s", head);
	sh("printf 'dirty\\n' >%s", note_a);
	tip_store *store = open_store();
	tip_file_change change = { note_a, "title: A3\n", 10 };
	tip_write_opts opts = { .no_commit = true };
	expect_ok(tip_store_write(store, &change, 1, "unused\n", &opts));
	tip_store_free(store);
	assert_string_equal(out("git rev-parse HEAD"), before);
	assert_string_equal(out("git status --porcelain -uall"), " M records/notes/a.yaml");
	assert_string_equal(out("cat %s", note_a), "title: A3");
	assert_string_equal(out("ls -a records/notes | tr '\\n' ' '"), ". .. a.yaml ");
}

static void test_read_head_and_dirty(void **state)
{
	(void)state;
	new_repo();
	tip_store *store = open_store();
	tip_buf buf = TIP_BUF_INIT;
	bool dirty = true;
	/* no commit yet */
	tip_error *err = tip_store_read_head(&buf, store, note_a);
	assert_true(tip_error_is(err, TIP_ENOTFOUND));
	assert_string_equal(tip_error_message(err),
		"'records/notes/a.yaml' is not in the last commit");
	tip_error_free(err);
	tip_store_free(store);
	seeded_repo();
	store = open_store();
	assert_null(tip_store_read_head(&buf, store, note_a));
	assert_string_equal(tip_buf_str(&buf), "title: A\n");
	err = tip_store_read_head(&buf, store, note_b);
	assert_true(tip_error_is(err, TIP_ENOTFOUND));
	tip_error_free(err);
	/* a folder is no file of the commit */
	err = tip_store_read_head(&buf, store, "records/notes");
	assert_true(tip_error_is(err, TIP_ENOTFOUND));
	tip_error_free(err);
	assert_null(tip_store_path_is_dirty(&dirty, store, note_a));
	assert_false(dirty);
	assert_null(tip_store_path_is_dirty(&dirty, store, note_b));
	assert_false(dirty);
	sh("printf 'changed\\n' >%s", note_a);
	assert_null(tip_store_path_is_dirty(&dirty, store, note_a));
	assert_true(dirty);
	sh("printf 'new\\n' >%s", note_b);
	assert_null(tip_store_path_is_dirty(&dirty, store, note_b));
	assert_true(dirty);
	tip_buf_dispose(&buf);
	tip_store_free(store);
}

/* ---- refusals, each with nothing changed ---- */

/* Opening and starting records: each refusal has the code of its kind. */
static void test_record_refusals_have_kinds(void **state)
{
	(void)state;
	seeded_repo();
	sh("mkdir -p schemas && printf 'type: object\\n' >schemas/note.schema.yaml");
	tip_store *store = open_store();
	expect_ok(tip_store_load_types(store, NULL));
	tip_record r;
	expect_kind(tip_record_open(&r, store, "note", "zz", NULL), TIP_ENOTFOUND,
		"there is no note 'zz' (records/notes/zz.yaml)");
	expect_kind(tip_record_locate(&r, store, "note", "zz"), TIP_ENOTFOUND,
		"there is no note 'zz' (records/notes/zz.yaml)");
	expect_kind(tip_record_open(&r, store, "widget", "a", NULL), TIP_ENOTFOUND,
		"there is no record type 'widget' (no schemas/widget.schema.yaml)");
	expect_kind(tip_record_open(&r, store, "note", "Not An Id", NULL), TIP_EINVALID,
		"'Not An Id' is not a valid id");
	expect_kind(tip_record_start(&r, store, "note", "a"), TIP_ECONFLICT,
		"note 'a' exists already (records/notes/a.yaml)");
	expect_ok(tip_record_open(&r, store, "note", "a", NULL));
	assert_true(r.exists);
	assert_string_equal(tip_buf_str(&r.text), "title: A\n");
	tip_record_dispose(&r);
	tip_store_free(store);
}

static void test_refuses_detached_head(void **state)
{
	(void)state;
	seeded_repo();
	sh("git checkout -q --detach");
	expect_refused(note_a, "title: X\n", "HEAD is detached: check out a branch first");
}

static void test_refuses_operation_in_progress(void **state)
{
	(void)state;
	seeded_repo();
	sh("git rev-parse HEAD >.git/MERGE_HEAD");
	expect_refused(note_a, "title: X\n", "a merge is in progress: finish it with git commit "
					     "or abort it with git merge --abort first");
	sh("rm .git/MERGE_HEAD && git rev-parse HEAD >.git/CHERRY_PICK_HEAD");
	expect_refused(note_b, "title: X\n", "a cherry-pick is in progress");
	sh("rm .git/CHERRY_PICK_HEAD && mkdir .git/rebase-merge");
	expect_refused(note_b, "title: X\n", "a rebase is in progress");
	sh("rmdir .git/rebase-merge && git rev-parse HEAD >.git/REVERT_HEAD");
	expect_refused(note_b, "title: X\n", "a revert is in progress");
	sh("rm .git/REVERT_HEAD && touch .git/BISECT_LOG");
	expect_refused(note_b, "title: X\n", "a bisect is in progress");
}

static void test_refuses_dirty_paths(void **state)
{
	(void)state;
	seeded_repo();
	sh("printf 'mine\\n' >%s", note_a);
	expect_kind(write_one(note_a, "title: X\n", note_message("set", "a", "X")), TIP_ECONFLICT,
		"'records/notes/a.yaml' has uncommitted changes: commit or discard them first");
	expect_refused(note_a, NULL, "'records/notes/a.yaml' has uncommitted changes");
	sh("git add %s", note_a);
	expect_refused(note_a, "title: X\n", "'records/notes/a.yaml' has uncommitted changes");
	sh("git checkout -q HEAD -- %s && printf 'mine\\n' >%s", note_a, note_b);
	expect_refused(note_b, "title: X\n", "'records/notes/b.yaml' is in the way: a file that "
					      "is not committed is there");
	sh("printf 'records/notes/b.yaml\\n' >.git/info/exclude");
	expect_refused(note_b, "title: X\n", "'records/notes/b.yaml' is in the way: a file git "
					      "ignores is there");
	sh("rm %s && git rm -q --cached %s", note_b, note_a);
	expect_refused(note_a, "title: X\n", "'records/notes/a.yaml' has uncommitted changes");
}

static void test_refuses_without_identity(void **state)
{
	(void)state;
	seeded_repo();
	identity_env(false);
	expect_refused(note_a, "title: X\n", "no identity for commits: set it with git config "
					     "user.name \"Your Name\" and git config user.email "
					     "you@example.org");
	sh("git config user.name 'Config Name'");
	expect_refused(note_a, "title: X\n", "no identity for commits");
	setenv("EMAIL", "env@example.org", 1);
	expect_ok(write_one(note_a, "title: X\n", note_message("set", "a", "X")));
	assert_string_equal(out("git log -1 --format='%%an <%%ae>|%%cn <%%ce>'"),
		"Config Name <env@example.org>|Config Name <env@example.org>");
	sh("git config user.email config@example.org && git config author.name 'Author Name'");
	setenv("GIT_COMMITTER_NAME", "Env Committer", 1);
	expect_ok(write_one(note_a, "title: Y\n", note_message("set", "a", "Y")));
	assert_string_equal(out("git log -1 --format='%%an <%%ae>|%%cn <%%ce>'"),
		"Author Name <config@example.org>|Env Committer <config@example.org>");
	identity_env(true);
}

static void test_refuses_bad_changes(void **state)
{
	(void)state;
	seeded_repo();
	expect_refused("../x", "x", "'../x' is not a path inside the repository");
	expect_refused("/etc/x", "x", "'/etc/x' is not a path inside the repository");
	expect_refused("a//b", "x", "is not a path inside the repository");
	expect_refused(".git/config", "x", "is not a path inside the repository");
	expect_kind(write_one(note_b, NULL, "rm b\n"), TIP_ENOTFOUND,
		"cannot remove 'records/notes/b.yaml': the last commit has no such file");
	expect_refused("records", "x", "'records' is a folder, not a file");
	tip_store *store = open_store();
	tip_file_change twice[] = { { note_b, "x", 1 }, { note_b, "y", 1 } };
	expect_kind(tip_store_write(store, twice, 2, "m\n", NULL), TIP_EINVALID,
		"'records/notes/b.yaml' is written twice in one commit");
	tip_store_free(store);
}

static void test_refuses_bad_date(void **state)
{
	(void)state;
	seeded_repo();
	setenv("GIT_AUTHOR_DATE", "next tuesday", 1);
	expect_refused(note_a, "title: X\n", "GIT_AUTHOR_DATE 'next tuesday' is not a date");
	unsetenv("GIT_AUTHOR_DATE");
}

static void test_dates_from_environment(void **state)
{
	(void)state;
	seeded_repo();
	setenv("GIT_AUTHOR_DATE", "2026-01-15T10:00:00+01:00", 1);
	setenv("GIT_COMMITTER_DATE", "@1768471200 -0500", 1);
	expect_ok(write_one(note_a, "title: X\n", note_message("set", "a", "X")));
	assert_string_equal(out("git log -1 --format='%%ad|%%cd' --date=raw"),
		"1768467600 +0100|1768471200 -0500");
	setenv("GIT_AUTHOR_DATE", "Thu, 15 Jan 2026 10:00:00 +0100", 1);
	expect_ok(write_one(note_a, "title: Y\n", note_message("set", "a", "Y")));
	assert_string_equal(out("git log -1 --format='%%ad' --date=raw"), "1768467600 +0100");
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_DATE");
}

/* ---- other writers ---- */

/* Another writer that moves the branch without this index (as git update-ref does: tip holds
 * index.lock, which keeps git commit out): a commit made in an index of its own. */
#define ELSEWHERE "export GIT_INDEX_FILE=.git/other-index && " \
		  "(git read-tree HEAD 2>/dev/null || git read-tree --empty) && "

static const char *move_command; /* run once from the hook, after the first commit is built */
static int commits_built;

static void move_hook(const char *step)
{
	if (strcmp(step, "commit") != 0)
		return;
	if (commits_built++ == 0)
		sh("%s", move_command);
}

static void test_retries_when_the_branch_moves(void **state)
{
	(void)state;
	seeded_repo();
	move_command = ELSEWHERE "printf 'o\\n' >other.txt && git add other.txt && "
			       "git commit -qm other";
	commits_built = 0;
	tip_write_set_hook(move_hook);
	tip_error *err = write_one(note_b, "title: B\n", note_message("add", "b", "B"));
	tip_write_set_hook(NULL);
	expect_ok(err);
	assert_int_equal(commits_built, 2);
	assert_string_equal(out("git log --format=%%s"), "add note b: B\nother\nfirst");
	assert_string_equal(out("git rev-list --merges HEAD"), "");
	assert_string_equal(out("git ls-tree -r --name-only HEAD"),
		"other.txt\nrecords/notes/a.yaml\nrecords/notes/b.yaml");
	sh("git reset -q"); /* this index never saw the other writer's other.txt */
	assert_string_equal(out("git status --porcelain -uall"), "");
}

static void test_stops_when_another_writer_changed_the_path(void **state)
{
	(void)state;
	seeded_repo();
	move_command = ELSEWHERE "printf 'title: Theirs\\n' >records/notes/a.yaml && "
			       "git commit -qam theirs";
	commits_built = 0;
	tip_write_set_hook(move_hook);
	tip_error *err = write_one(note_a, "title: Mine\n", note_message("set", "a", "Mine"));
	tip_write_set_hook(NULL);
	expect_kind(err, TIP_ECONFLICT, "'records/notes/a.yaml' was changed by another commit "
					"meanwhile: run the command again");
	assert_string_equal(out("git log --format=%%s"), "theirs\nfirst");
	assert_string_equal(out("cat %s", note_a), "title: Theirs");
	sh("git reset -q");
	assert_string_equal(out("git status --porcelain -uall"), "");
}

/* The caller's check sees the commit the new one goes on, again when that changes. */
static char checked[4][48];
static int checks;

static tip_error *check_commits(void *ctx, const char *commit)
{
	const char *refuse_on = ctx;
	snprintf(checked[checks++ % 4], sizeof(checked[0]), "%s", commit);
	return checks == 2 && refuse_on ? tip_error_new("%s", refuse_on) : NULL;
}

static tip_error *write_checked(const char *refuse_on)
{
	tip_write_opts opts = { .check = check_commits, .check_ctx = (void *)refuse_on };
	return write_with(note_b, "title: B\n", note_message("add", "b", "B"), &opts);
}

static void test_checks_again_on_a_newer_tip(void **state)
{
	(void)state;
	seeded_repo();
	char first[48];
	snprintf(first, sizeof(first), "%s", out("git rev-parse HEAD"));
	move_command = ELSEWHERE "printf 'o\\n' >other.txt && git add other.txt && "
			       "git commit -qm other";
	commits_built = checks = 0;
	tip_write_set_hook(move_hook);
	expect_error(write_checked("not valid on the new tip"), "not valid on the new tip");
	tip_write_set_hook(NULL);
	assert_int_equal(checks, 2);
	assert_string_equal(checked[0], first);
	assert_string_equal(checked[1], out("git rev-parse HEAD"));
	assert_string_equal(out("git log --format=%%s"), "other\nfirst");
	assert_string_equal(out("ls records/notes"), "a.yaml");
	assert_string_equal(out("ls .git | grep -c -e lock -e tip- || true"), "0");
	move_command = ELSEWHERE "printf 'p\\n' >other.txt && git add other.txt && "
			       "git commit -qm other";
	commits_built = checks = 0;
	tip_write_set_hook(move_hook);
	expect_ok(write_checked(NULL));
	tip_write_set_hook(NULL);
	assert_int_equal(checks, 2);
	assert_string_equal(out("git log --format=%%s"), "add note b: B\nother\nother\nfirst");
	/* no commit yet: "" */
	new_repo();
	checks = 0;
	expect_ok(write_checked(NULL));
	assert_int_equal(checks, 1);
	assert_string_equal(checked[0], "");
}

/* What the caller read at: HEAD before another writer's commit. */
static tip_error *write_read_at(const char *base, const char *path, const char *content)
{
	tip_write_opts opts = { .base = base };
	return write_with(path, content, note_message("set", "a", "Mine"), &opts);
}

static void test_no_lost_update_since_the_read(void **state)
{
	(void)state;
	seeded_repo();
	char read_at[48];
	tip_store *store = open_store();
	expect_ok(tip_store_head_id(read_at, sizeof(read_at), store));
	tip_store_free(store);
	assert_string_equal(read_at, out("git rev-parse HEAD"));
	/* Another commit to a different path: fine. */
	sh("printf 'o\\n' >other.txt && git add other.txt && git commit -qm other");
	expect_ok(write_read_at(read_at, note_a, "title: Mine\n"));
	/* Another commit to the same path since the read: refused, theirs kept. */
	sh("printf 'title: Theirs\\n' >%s && git commit -qam theirs", note_a);
	expect_error(write_read_at(read_at, note_a, "title: Again\n"),
		"'records/notes/a.yaml' was changed by another commit meanwhile: run the "
		"command again");
	assert_string_equal(out("cat %s", note_a), "title: Theirs");
	assert_string_equal(out("git log --format=%%s"), "theirs\nset note a: Mine\nother\nfirst");
}

static void unborn_race_hook(const char *step)
{
	if (strcmp(step, "commit") == 0 && commits_built++ == 0)
		sh(ELSEWHERE "printf 'o\\n' >other.txt && git add other.txt && git commit -qm other");
}

static void test_retries_on_an_unborn_branch(void **state)
{
	(void)state;
	new_repo();
	commits_built = 0;
	tip_write_set_hook(unborn_race_hook);
	tip_error *err = write_one(note_a, "title: A\n", note_message("add", "a", "A"));
	tip_write_set_hook(NULL);
	expect_ok(err);
	assert_string_equal(out("git log --format=%%s"), "add note a: A\nother");
	sh("git reset -q");
	assert_string_equal(out("git status --porcelain -uall"), "");
}

static void test_waits_for_git_holding_the_index(void **state)
{
	(void)state;
	seeded_repo();
	/* Patience far beyond the lock's life, so that a loaded machine that runs the remover
	 * late never makes the waiting look like a stale lock. The lock is made before the
	 * write starts (not in the background job, where it could come after the write took
	 * its own, and outlive it). */
	tip_write_set_lock_patience(120000);
	sh("touch .git/index.lock");
	sh("(sleep 0.3; rm -f .git/index.lock) >/dev/null 2>&1 &");
	expect_ok(write_one(note_a, "title: B\n", note_message("set", "a", "B")));
	tip_write_set_lock_patience(0);
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("git show :%s", note_a), "title: B");
	assert_string_equal(out("ls .git | grep -c lock || true"), "0");
}

/* A lock file that stays as it is was left by a stopped process: it is named, with what to
 * do, rather than waited for without end or taken for a race. */
static void test_names_a_stale_lock(void **state)
{
	(void)state;
	seeded_repo();
	tip_write_set_lock_patience(200);
	sh("touch .git/index.lock");
	char text[3 * PATH_MAX];
	snprintf(text, sizeof(text), "another git or tip command is changing the repository "
		 "('%s/.git/index.lock' exists): wait for it to finish and run the command again; "
		 "if no git or tip command is running, the file was left by one that was stopped: "
		 "remove it (rm '%s/.git/index.lock')", repo, repo);
	expect_refused(note_a, "title: X\n", text);
	sh("rm .git/index.lock && touch .git/refs/heads/main.lock");
	snprintf(text, sizeof(text), "another git or tip command is moving the branch "
		 "('%s/.git/refs/heads/main.lock' exists)", repo);
	expect_refused(note_a, "title: X\n", text);
	assert_string_equal(out("ls .git | grep -c lock || true"), "0");
	sh("rm .git/refs/heads/main.lock");
	tip_write_set_lock_patience(0);
	expect_ok(write_one(note_a, "title: X\n", note_message("set", "a", "X")));
}

/* A tip write puts its process id in the index.lock it holds: one waiting for it waits as
 * long as that process runs, however long past the patience for an unchanging lock. */
static void test_waits_for_a_running_tip_write(void **state)
{
	(void)state;
	seeded_repo();
	tip_write_set_lock_patience(200);
	/* The holder: a process that lets go of the lock after a second, five times the
	 * patience. */
	char lock[PATH_MAX + 32];
	snprintf(lock, sizeof(lock), "%s/.git/index.lock", repo);
	pid_t holder = fork();
	assert_true(holder >= 0);
	if (holder == 0) {
		sleep(1);
		_exit(unlink(lock) == 0 ? 0 : 1);
	}
	FILE *f = fopen(lock, "wx");
	assert_non_null(f);
	fprintf(f, "tip %ld\n", (long)holder);
	assert_int_equal(fclose(f), 0);
	expect_ok(write_one(note_a, "title: B\n", note_message("set", "a", "B")));
	tip_write_set_lock_patience(0);
	int status;
	assert_int_equal(waitpid(holder, &status, 0), holder);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_string_equal(out("git show :%s", note_a), "title: B");
	assert_string_equal(out("ls .git | grep -c lock || true"), "0");
}

/* A lock whose tip process is gone was left by a stopped write: said at once, with the
 * process and what to do. */
static void test_names_a_lock_a_stopped_tip_left(void **state)
{
	(void)state;
	seeded_repo();
	pid_t gone = fork();
	assert_true(gone >= 0);
	if (gone == 0)
		_exit(0);
	assert_int_equal(waitpid(gone, NULL, 0), gone);
	char lock[PATH_MAX + 32];
	snprintf(lock, sizeof(lock), "%s/.git/index.lock", repo);
	FILE *f = fopen(lock, "wx");
	assert_non_null(f);
	fprintf(f, "tip %ld\n", (long)gone);
	assert_int_equal(fclose(f), 0);
	char text[3 * PATH_MAX];
	snprintf(text, sizeof(text), "'%s/.git/index.lock' was left by a tip command (process "
		 "%ld) that was stopped: remove it (rm '%s/.git/index.lock') and run the command "
		 "again", repo, (long)gone, repo);
	expect_refused(note_a, "title: X\n", text);
	sh("rm .git/index.lock");
}

/* tip_store_check_writable on the repository as it is now. */
static tip_error *check_writable(void)
{
	tip_store *store = open_store();
	tip_error *err = tip_store_check_writable(store, NULL);
	tip_store_free(store);
	return err;
}

/* What would stop a write is found before one is tried, and nothing is changed. */
static void test_check_writable(void **state)
{
	(void)state;
	seeded_repo();
	const char *head = strdup(out("git rev-parse HEAD"));
	expect_ok(check_writable());
	sh("git checkout -q --detach");
	expect_error(check_writable(), "HEAD is detached: check out a branch first");
	sh("git checkout -q - && git rev-parse HEAD >.git/MERGE_HEAD");
	expect_error(check_writable(), "a merge is in progress");
	sh("rm .git/MERGE_HEAD");
	identity_env(false);
	expect_error(check_writable(), "no identity for commits");
	identity_env(true);
	sh("printf 'tip 999999999\\n' >.git/index.lock");
	expect_error(check_writable(), "index.lock' was left by a tip command (process 999999999)");
	sh("rm .git/index.lock");
	expect_ok(check_writable());
	assert_string_equal(out("git rev-parse HEAD"), head);
	assert_string_equal(out("git status --porcelain"), "");
	free((void *)head);
}

/* git commit -a run while tip is between moving the branch and updating the index would
 * read the new HEAD and the old files, and commit the old record on top: git must find the
 * index locked for the whole write, as it does for another git command. */
static void git_commit_hook(const char *step)
{
	if (strcmp(step, "ref") == 0)
		sh("printf 'more\\n' >>other.txt && "
		   "(git commit -qam other >git-commit.out 2>&1 || echo refused >>git-commit.out)");
}

static void test_git_is_kept_out_for_the_whole_write(void **state)
{
	(void)state;
	seeded_repo();
	sh("printf 'o\\n' >other.txt && git add other.txt && git commit -qm 'add other'");
	tip_write_set_hook(git_commit_hook);
	tip_error *err = write_one(note_a, "title: B\n", note_message("set", "a", "B"));
	tip_write_set_hook(NULL);
	expect_ok(err);
	assert_non_null(strstr(out("cat git-commit.out"), "index.lock"));
	assert_string_equal(out("git show HEAD:%s", note_a), "title: B");
	assert_string_equal(out("git log --format=%%s"), "set note a: B\nadd other\nfirst");
	assert_string_equal(out("git status --porcelain -uall"), " M other.txt\n?? git-commit.out");
}

static void test_failure_after_the_commit_point_takes_it_back(void **state)
{
	(void)state;
	seeded_repo();
	sh("printf 'in the way\\n' >records/x");
	struct state before, after;
	state_of(&before, "records/x/a.yaml");
	expect_error(write_one("records/x/a.yaml", "x\n", "add x\n"), "nothing was changed");
	state_of(&after, "records/x/a.yaml");
	assert_same_state(&before, &after);
	assert_string_equal(out("git log --format=%%s"), "first");
	/* on an unborn branch, the branch goes again */
	new_repo();
	sh("printf 'in the way\\n' >x");
	expect_error(write_one("x/a.yaml", "x\n", "add x\n"), "nothing was changed");
	assert_string_equal(out("git rev-parse -q --verify HEAD || echo unborn"), "unborn");
	assert_string_equal(out("git status --porcelain -uall"), "?? x");
}

/* ---- crashes ---- */

static const char *crash_step;

static void crash_hook(const char *step)
{
	if (strcmp(step, crash_step) == 0)
		_exit(42);
}

/* In a child process: the write, killed after step. */
static void write_and_crash(const char *step, const char *path, const char *content)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		crash_step = step;
		tip_write_set_hook(crash_hook);
		tip_store *store = NULL;
		if (tip_store_open(&store, repo))
			_exit(1);
		tip_file_change change = { path, content, content ? strlen(content) : 0 };
		tip_error *err = tip_store_write(store, &change, 1, "crash\n", NULL);
		_exit(err ? 2 : 0);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);
}

struct crash_case {
	const char *kind, *path, *content;
	const char *status_after_ref, *status_after_file;
};

static const struct crash_case crash_cases[] = {
	{ "change", "records/notes/a.yaml", "title: New\n", "M  records/notes/a.yaml",
		"MM records/notes/a.yaml" },
	{ "add", "records/notes/b.yaml", "title: New\n", "D  records/notes/b.yaml",
		"D  records/notes/b.yaml\n?? records/notes/b.yaml" },
	{ "remove", "records/notes/a.yaml", NULL, "A  records/notes/a.yaml",
		"AD records/notes/a.yaml" },
};

/* The documented way to finish a write that a crash interrupted after the branch moved. */
static void finish_interrupted(const struct crash_case *c)
{
	sh("rm .git/index.lock && git restore --source=HEAD --staged --worktree -- %s", c->path);
}

static void check_crash(const struct crash_case *c, const char *step)
{
	seeded_repo();
	struct state before, after;
	state_of(&before, c->path);
	write_and_crash(step, c->path, c->content);
	state_of(&after, c->path);
	const char *new_file = c->content ? "title: New" : "(none)";
	/* Until the new index is in place, index.lock is left behind as git leaves it, and
	 * nothing else: no temporary file. */
	bool done = strcmp(step, "index") == 0;
	assert_string_equal(out("ls -A .git | grep -e lock -e tip- || true"),
		done ? "" : "index.lock");
	assert_string_equal(out("find records -name '.*' | grep tip- || true"), "");
	if (strcmp(step, "blob") == 0 || strcmp(step, "tree") == 0 ||
	    strcmp(step, "commit") == 0) {
		assert_same_state(&before, &after); /* exactly as before */
		sh("rm .git/index.lock");
		return;
	}
	assert_string_equal(out("git rev-parse HEAD^"), before.head); /* the commit is made */
	assert_string_equal(out("git log -1 --format=%%s"), "crash");
	if (done) { /* exactly as after */
		assert_string_equal(after.status, "");
		assert_string_equal(after.file, new_file);
		return;
	}
	/* in between: the index and working file (after "ref") or the index (after "file") lag */
	assert_string_equal(after.status, strcmp(step, "ref") == 0 ? c->status_after_ref :
								     c->status_after_file);
	assert_string_equal(after.file, strcmp(step, "ref") == 0 ? before.file : new_file);
	assert_string_equal(after.index, before.index);
	finish_interrupted(c);
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("cat '%s' 2>/dev/null || echo '(none)'", c->path), new_file);
}

static void test_crash_at_each_step(void **state)
{
	(void)state;
	const char *steps[] = { "blob", "tree", "commit", "ref", "file", "index" };
	for (size_t i = 0; i < sizeof(crash_cases) / sizeof(crash_cases[0]); i++)
		for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++)
			check_crash(&crash_cases[i], steps[s]);
}

/* ---- many writers ---- */

enum { WRITERS = 20 };

static void writer(int gate, int i)
{
	char c, path[64], content[64];
	while (read(gate, &c, 1) > 0)
		;
	snprintf(path, sizeof(path), "records/notes/n%02d.yaml", i);
	snprintf(content, sizeof(content), "title: Note %d\n", i);
	tip_store *store = NULL;
	tip_error *err = tip_store_open(&store, repo);
	tip_file_change change = { path, content, strlen(content) };
	if (!err)
		err = tip_store_write(store, &change, 1, note_message("add", path + 14, content), NULL);
	if (err)
		fprintf(stderr, "writer %d: %s\n", i, tip_error_message(err));
	_exit(err ? 1 : 0);
}

static void test_twenty_writers_at_once(void **state)
{
	(void)state;
	new_repo();
	int gate[2];
	assert_int_equal(pipe(gate), 0);
	pid_t pids[WRITERS];
	for (int i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			close(gate[1]);
			writer(gate[0], i);
		}
	}
	close(gate[0]);
	close(gate[1]); /* all start now */
	int failed = 0;
	for (int i = 0; i < WRITERS; i++) {
		int status;
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		failed += !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	assert_int_equal(failed, 0);
	assert_string_equal(out("git rev-list --count HEAD"), "20");
	assert_string_equal(out("git rev-list --count --min-parents=2 HEAD"), "0");
	assert_string_equal(out("git rev-list --count --max-parents=0 HEAD"), "1");
	assert_string_equal(out("git ls-files | wc -l"), "20");
	assert_string_equal(out("git ls-tree -r --name-only HEAD | wc -l"), "20");
	assert_string_equal(out("ls records/notes | wc -l"), "20");
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("cat records/notes/n07.yaml"), "title: Note 7");
	assert_string_equal(out("git reflog main | wc -l"), "20");
}

/* ---- undo ---- */

/* Undoes change number (0: the newest that stands). */
static tip_error *undo_change(char **subject, size_t number, const char *reason)
{
	tip_store *store = open_store();
	tip_undo_opts opts = { number, reason };
	tip_undo_done done;
	tip_error *err = tip_store_undo(&done, store, &opts);
	tip_store_free(store);
	if (!err)
		*subject = done.subject; /* the caller frees it */
	else
		*subject = NULL;
	return err;
}

static tip_error *undo(char **subject, const char *reason)
{
	return undo_change(subject, 0, reason);
}

static void test_undo_reverts_the_last_tip_commit(void **state)
{
	(void)state;
	seeded_repo();
	tip_store *store = open_store();
	tip_file_change changes[] = { { note_a, "title: A2\n", 10 }, { note_b, "title: B\n", 9 } };
	expect_ok(tip_store_write(store, changes, 2,
		"set note a: A2\n\nTip-Action: set\nTip-Record: notes/a\nTip-Record: notes/b\n",
		NULL));
	tip_store_free(store);
	char *subject = NULL, expected[512];
	snprintf(expected, sizeof(expected), "undo: set note a: A2\n\nWrong note.\n\nTip-Action: "
		"undo\nTip-Undoes: %s\nTip-Record: notes/a\nTip-Record: notes/b\n",
		out("git rev-parse HEAD"));
	expect_ok(undo(&subject, "Wrong note.\n"));
	assert_string_equal(subject, "undo: set note a: A2");
	free(subject);
	assert_string_equal(out("git log -1 --format=%%B"), expected);
	assert_string_equal(out("git ls-tree -r --name-only HEAD"), note_a);
	assert_string_equal(out("cat %s", note_a), "title: A");
	assert_string_equal(out("test -e %s || echo gone", note_b), "gone");
	assert_string_equal(out("git status --porcelain -uall"), "");
	/* undoing the undo, by its number, redoes */
	expect_ok(undo_change(&subject, 1, NULL));
	assert_string_equal(subject, "undo: undo: set note a: A2");
	free(subject);
	assert_string_equal(out("cat %s %s", note_a, note_b), "title: A2\ntitle: B");
	assert_string_equal(out("git diff HEAD~2 HEAD --stat"), "");
	assert_string_equal(out("git status --porcelain -uall"), "");
}

/* A write keeps the file's mode: its permissions in the working tree, and 100755 in the
 * commit; so does an undo, which commits through the same path. */
static void test_keeps_the_mode(void **state)
{
	(void)state;
	seeded_repo();
	sh("chmod 755 %s && printf 'title: B\\n' >%s && chmod 600 %s && git add . && "
	   "git commit -qm modes", note_a, note_b, note_b);
	expect_ok(write_one(note_a, "title: A2\n", note_message("set", "a", "A2")));
	expect_ok(write_one(note_b, "title: B2\n", note_message("set", "b", "B2")));
	assert_string_equal(out("git ls-tree HEAD records/notes/ | cut -c1-6"), "100755\n100644");
	assert_string_equal(out("stat -c %%a %s %s", note_a, note_b), "755\n600");
	assert_string_equal(out("git status --porcelain -uall"), "");
	char *subject = NULL;
	expect_ok(undo(&subject, NULL));
	free(subject);
	assert_string_equal(out("cat %s", note_b), "title: B");
	assert_string_equal(out("stat -c %%a %s", note_b), "600");
	sh("git reset -q --hard HEAD~2");
	expect_ok(write_one(note_a, "title: A3\n", note_message("set", "a", "A3")));
	expect_ok(undo(&subject, NULL));
	free(subject);
	assert_string_equal(out("git ls-tree HEAD %s | cut -c1-6", note_a), "100755");
	assert_string_equal(out("stat -c %%a %s", note_a), "755");
	assert_string_equal(out("git status --porcelain -uall"), "");
}

static void test_undo_of_the_first_commit(void **state)
{
	(void)state;
	new_repo();
	expect_ok(write_one(note_a, "title: A\n", "init: records\n\nTip-Action: init\n"));
	char *subject = NULL, expected[256];
	snprintf(expected, sizeof(expected), "undo: init: records\n\nTip-Action: undo\n"
		"Tip-Undoes: %s\n", out("git rev-parse HEAD"));
	expect_ok(undo(&subject, NULL));
	assert_string_equal(subject, "undo: init: records");
	free(subject);
	assert_string_equal(out("git ls-tree -r HEAD"), "");
	assert_string_equal(out("git rev-list --count HEAD"), "2");
	assert_string_equal(out("git log -1 --format=%%B"), expected);
	assert_string_equal(out("git status --porcelain -uall"), "");
}

static void test_undo_refusals(void **state)
{
	(void)state;
	char *subject = NULL;
	new_repo();
	expect_kind(undo(&subject, NULL), TIP_ENOTFOUND,
		"the branch 'main' has no commits yet: nothing to undo");
	seeded_repo();
	expect_kind(undo(&subject, NULL), TIP_ENOTFOUND,
		"nothing to undo: no commit on this branch was made by tip");
	expect_ok(write_one(note_a, "title: A2\n", note_message("set", "a", "A2")));
	sh("printf 'mine\\n' >%s", note_a);
	struct state before, after;
	state_of(&before, note_a);
	expect_kind(undo(&subject, NULL), TIP_ECONFLICT,
		"'records/notes/a.yaml' has uncommitted changes");
	state_of(&after, note_a);
	assert_same_state(&before, &after);
	sh("git checkout -q -- %s && git checkout -q --detach", note_a);
	expect_error(undo(&subject, NULL), "HEAD is detached: check out a branch first");
	sh("git checkout -q main && git checkout -q -b side HEAD~ && git commit -q --allow-empty "
	   "-m side && git checkout -q main && git merge -q --no-ff -m 'merge side\n\nTip-Action: "
	   "set' side");
	expect_error(undo(&subject, NULL), "the commit 'merge side' is a merge");
	sh("git commit -q --allow-empty -m 'empty' -m 'Tip-Action: set'");
	expect_error(undo(&subject, NULL), "the commit 'empty' changed no files");
	assert_null(subject);
}

/* ---- setup ---- */

/* Every test starts with the test identity, no dates, no hook, whatever the last one did. */
static int reset(void **state)
{
	(void)state;
	identity_env(true);
	tip_write_set_hook(NULL);
	tip_write_set_lock_patience(0);
	return 0;
}

int main(void)
{
	fixture_start("write");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_commit_message, reset),
		cmocka_unit_test_setup(test_git_dates, reset),
		cmocka_unit_test_setup(test_first_commit_on_unborn_branch, reset),
		cmocka_unit_test_setup(test_change_and_remove, reset),
		cmocka_unit_test_setup(test_several_files_in_one_commit, reset),
		cmocka_unit_test_setup(test_other_staged_changes_stay_staged, reset),
		cmocka_unit_test_setup(test_no_commit_writes_the_file_only, reset),
		cmocka_unit_test_setup(test_read_head_and_dirty, reset),
		cmocka_unit_test_setup(test_record_refusals_have_kinds, reset),
		cmocka_unit_test_setup(test_refuses_detached_head, reset),
		cmocka_unit_test_setup(test_refuses_operation_in_progress, reset),
		cmocka_unit_test_setup(test_refuses_dirty_paths, reset),
		cmocka_unit_test_setup(test_check_writable, reset),
		cmocka_unit_test_setup(test_refuses_without_identity, reset),
		cmocka_unit_test_setup(test_refuses_bad_changes, reset),
		cmocka_unit_test_setup(test_refuses_bad_date, reset),
		cmocka_unit_test_setup(test_dates_from_environment, reset),
		cmocka_unit_test_setup(test_retries_when_the_branch_moves, reset),
		cmocka_unit_test_setup(test_stops_when_another_writer_changed_the_path, reset),
		cmocka_unit_test_setup(test_checks_again_on_a_newer_tip, reset),
		cmocka_unit_test_setup(test_no_lost_update_since_the_read, reset),
		cmocka_unit_test_setup(test_retries_on_an_unborn_branch, reset),
		cmocka_unit_test_setup(test_waits_for_git_holding_the_index, reset),
		cmocka_unit_test_setup(test_names_a_stale_lock, reset),
		cmocka_unit_test_setup(test_waits_for_a_running_tip_write, reset),
		cmocka_unit_test_setup(test_names_a_lock_a_stopped_tip_left, reset),
		cmocka_unit_test_setup(test_git_is_kept_out_for_the_whole_write, reset),
		cmocka_unit_test_setup(test_failure_after_the_commit_point_takes_it_back, reset),
		cmocka_unit_test_setup(test_crash_at_each_step, reset),
		cmocka_unit_test_setup(test_twenty_writers_at_once, reset),
		cmocka_unit_test_setup(test_undo_reverts_the_last_tip_commit, reset),
		cmocka_unit_test_setup(test_undo_of_the_first_commit, reset),
		cmocka_unit_test_setup(test_keeps_the_mode, reset),
		cmocka_unit_test_setup(test_undo_refusals, reset),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
