/* Unit tests for undoing the last tip commit (tip_store_undo, lib/undo.c), beyond those of
 * tests/unit/test_write.c: personal values kept out of the undo's subject, only tip's own
 * files reverted (records, and tip init's files for its commit), records removed by the commit
 * restored, the reason and trailers of the new commit, and refusals that leave the repository
 * as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "init.h"
#include "repo_fixture.h"
#include "undo.h"
#include "undo_words.h"
#include "write.h"

static const char person_schema[] =
	"type: object\n"
	"x-tip-collection: people\n"
	"properties:\n"
	"  name: {type: string, x-tip-personal: true}\n"
	"  phone: {type: string, x-tip-personal: true}\n"
	"  role: {type: string}\n";

/* A repository whose first commit (made by git) has a person and a note. */
static void seeded_repo(void)
{
	new_repo();
	put("schemas/person.schema.yaml", person_schema);
	put("schemas/note.schema.yaml", "type: object\nproperties:\n  title: {type: string}\n");
	put("records/people/p.yaml", "name: Jane Doe\nphone: '0100 000'\nrole: Lead\n");
	put("records/notes/a.yaml", "title: A\n");
	put("README.md", "records\n");
	sh("git add . && git commit -qm first");
}

/* Commits what the working tree has now, with git, as tip would: a Tip-Action trailer. */
static void tip_commit(const char *subject, const char *trailers)
{
	sh("git add -A && git commit -qm '%s' -m '%s'", subject, trailers);
}

/* Undoes change number (0: the newest that stands). */
static tip_error *undo_change(char **subject, size_t number, const char *reason)
{
	tip_store *store = open_loaded_store();
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

static char *undo_number_ok(size_t number, const char *reason)
{
	char *subject = NULL;
	expect_ok(undo_change(&subject, number, reason));
	assert_non_null(subject);
	return subject;
}

static char *undo_ok(const char *reason)
{
	return undo_number_ok(0, reason);
}

/* Refused with text, and HEAD, the index and the working tree are as they were. */
static void expect_undo_refused(const char *text)
{
	char head[64], status[4096];
	snprintf(head, sizeof(head), "%s", out("git rev-parse HEAD"));
	snprintf(status, sizeof(status), "%s", out("git status --porcelain -uall"));
	char *subject = (char *)"unchanged";
	expect_error(undo(&subject, NULL), text);
	assert_null(subject);
	assert_string_equal(out("git rev-parse HEAD"), head);
	assert_string_equal(out("git status --porcelain -uall"), status);
}

/* An older subject that named a person: the undo's names no one, before or after. */
static void test_subject_hides_personal_values(void **state)
{
	(void)state;
	seeded_repo();
	put("records/people/p.yaml", "name: John Roe\nphone: '0100 000'\nrole: Lead\n");
	tip_commit("set person p: Jane Doe is now John Roe (0100 000), Lead",
		"Tip-Action: set\nTip-Record: people/p");
	char *subject = undo_ok(NULL);
	assert_string_equal(subject, "undo: set person p: [personal] is now [personal] "
				     "([personal]), Lead");
	free(subject);
	const char *message = out("git log -1 --format=%%B");
	assert_null(strstr(message, "Jane"));
	assert_null(strstr(message, "John"));
	assert_null(strstr(message, "0100"));
	assert_string_equal(out("cat records/people/p.yaml"),
		"name: Jane Doe\nphone: '0100 000'\nrole: Lead");
	/* a record removed by the commit: its values were only before */
	sh("git rm -q records/people/p.yaml");
	tip_commit("delete person p: Jane Doe", "Tip-Action: delete\nTip-Record: people/p");
	subject = undo_ok(NULL);
	assert_string_equal(subject, "undo: delete person p: [personal]");
	free(subject);
	assert_string_equal(out("cat records/people/p.yaml"),
		"name: Jane Doe\nphone: '0100 000'\nrole: Lead");
	assert_string_equal(out("git status --porcelain -uall"), "");
}

/* The reason is the body, without trailing blank lines; only Tip-Record trailers are kept. */
static void test_message(void **state)
{
	(void)state;
	seeded_repo();
	put("records/notes/a.yaml", "title: A2\n");
	tip_commit("set note a: A2", "tip-action: set\nTip-Record: notes/a\nReviewed-by: Someone");
	char expected[256];
	snprintf(expected, sizeof(expected), "undo: set note a: A2\n\nWrong title.\n\nTip-Action: "
		"undo\nTip-Undoes: %s\nTip-Record: notes/a\n", out("git rev-parse HEAD"));
	char *subject = undo_ok("Wrong title.\n\n  \n");
	assert_string_equal(subject, "undo: set note a: A2");
	free(subject);
	assert_string_equal(out("git log -1 --format=%%B"), expected);
	assert_string_equal(out("cat records/notes/a.yaml"), "title: A");
	/* a reason of only blanks is no body */
	snprintf(expected, sizeof(expected), "undo: undo: set note a: A2\n\nTip-Action: undo\n"
		"Tip-Undoes: %s\nTip-Record: notes/a\n", out("git rev-parse HEAD"));
	subject = undo_number_ok(1, " \n\t");
	free(subject);
	assert_string_equal(out("git log -1 --format=%%B"), expected);
	assert_string_equal(out("cat records/notes/a.yaml"), "title: A2");
	assert_string_equal(out("git rev-list --count HEAD"), "4");
}

/* A commit with tip's trailer that changed more than records (a squash merge, an amended
 * commit) is refused: reverting it would take that other work away too. */
static void test_refuses_what_is_not_a_record(void **state)
{
	(void)state;
	seeded_repo();
	put("records/notes/a.yaml", "title: A2\n");
	put("README.md", "records, changed by hand\n");
	tip_commit("set note a: A2", "Tip-Action: set");
	expect_undo_refused("the commit 'set note a: A2' changed 'README.md', which is not a "
			    "record: tip undoes only its own changes to records; revert it with "
			    "git revert");
	/* a schema, even one of tip init's files, in a commit that is not init's */
	sh("git reset -q --hard HEAD~");
	put("schemas/note.schema.yaml", "type: object\n");
	tip_commit("set note a: A2", "Tip-Action: set");
	expect_undo_refused("changed 'schemas/note.schema.yaml', which is not a record");
	sh("git reset -q --hard HEAD~");
	put("schemas/course.schema.yaml", "type: object\n");
	tip_commit("set note a: A2", "Tip-Action: set");
	expect_undo_refused("changed 'schemas/course.schema.yaml', which is not a record");
	/* a file nested below a record folder, a file that is no YAML, a link */
	const char *others[] = { "records/notes/deeper/x.yaml", "records/notes/a.txt",
		"records/a.yaml" };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		sh("git reset -q --hard HEAD~");
		put(others[i], "title: X\n");
		tip_commit("set note x: X", "Tip-Action: set");
		char text[256];
		snprintf(text, sizeof(text), "changed '%s', which is not a record", others[i]);
		expect_undo_refused(text);
	}
	sh("git reset -q --hard HEAD~ && ln -s a.yaml records/notes/b.yaml");
	tip_commit("set note b: B", "Tip-Action: set");
	expect_undo_refused("changed 'records/notes/b.yaml', which is not a record");
}

/* tip init's commit is undone, files and all: nothing is left of it. */
static void test_undo_of_init(void **state)
{
	(void)state;
	new_folder();
	tip_init_result result;
	expect_ok(tip_init(&result, repo));
	tip_init_result_dispose(&result);
	char *subject = undo_ok(NULL);
	assert_string_equal(subject, "undo: init: tip records repository");
	free(subject);
	assert_string_equal(out("git ls-tree -r --name-only HEAD"), "");
	assert_string_equal(out("git status --porcelain -uall"), "");
	/* no file is left (git leaves empty folders too, and tip init takes them) */
	assert_string_equal(out("find . -path ./.git -prune -o ! -type d -print"), "");
	/* undoing the undo puts them back */
	subject = undo_number_ok(1, NULL);
	free(subject);
	assert_string_equal(out("git diff --stat HEAD~2 HEAD"), "");
	assert_string_equal(out("test -f schemas/course.schema.yaml && echo back"), "back");
	/* undone again, tip init sets the folder up anew */
	subject = undo_ok(NULL);
	free(subject);
	expect_ok(tip_init(&result, repo));
	tip_init_result_dispose(&result);
	assert_string_equal(out("git log -1 --format=%%s"), "init: tip records repository");
	assert_string_equal(out("git diff --stat HEAD~4 HEAD"), "");
}

/* With the init trailer, files tip init does not write are still refused. */
static void test_init_trailer_covers_only_init_files(void **state)
{
	(void)state;
	seeded_repo();
	put("schemas/course.schema.yaml", "type: object\n");
	put("notes.txt", "mine\n");
	tip_commit("init: tip records repository", "Tip-Action: init");
	expect_undo_refused("changed 'notes.txt', which is not a record");
}

static void test_refused_while_a_merge_is_in_progress(void **state)
{
	(void)state;
	seeded_repo();
	put("records/notes/a.yaml", "title: A2\n");
	tip_commit("set note a: A2", "Tip-Action: set\nTip-Record: notes/a");
	sh("git checkout -q -b side HEAD~ && printf 'x\\n' >README.md && git commit -qam side && "
	   "git checkout -q main && git merge -q --no-commit --no-ff side >/dev/null 2>&1");
	expect_undo_refused("a merge is in progress: finish it with git commit or abort it");
}

/* The working copy of a file the undo would restore is the user's: refused, kept. */
static void test_refuses_a_changed_working_file(void **state)
{
	(void)state;
	seeded_repo();
	sh("git rm -q records/notes/a.yaml");
	tip_commit("delete note a", "Tip-Action: delete\nTip-Record: notes/a");
	put("records/notes/a.yaml", "title: mine\n");
	expect_undo_refused("'records/notes/a.yaml'");
	assert_string_equal(out("cat records/notes/a.yaml"), "title: mine");
}

/* What an undo did, as data: a field put back with its values (a personal one without), a
 * record brought back, a file that is no record put back as it was. */
static void test_what_an_undo_did(void **state)
{
	(void)state;
	seeded_repo();
	put("records/people/p.yaml", "name: John Roe\nphone: '0100 000'\nrole: Deputy\n");
	sh("git rm -q records/notes/a.yaml");
	tip_commit("set person p", "Tip-Action: set\nTip-Record: people/p");
	tip_store *store = open_loaded_store();
	tip_undo_opts opts = { 0, NULL };
	tip_undo_done done;
	expect_ok(tip_store_undo(&done, store, &opts));
	assert_int_equal(done.number, 1);
	assert_string_equal(done.before, done.undone);
	tip_undo_effects *effects = NULL;
	expect_ok(tip_undo_describe(&effects, store, done.before, done.commit));
	assert_int_equal(tip_undo_effect_count(effects), 3);
	const tip_undo_effect *e = tip_undo_effect_at(effects, 0);
	assert_int_equal(e->verb, TIP_UNDO_BROUGHT_BACK);
	assert_string_equal(e->sentence, "brought back note a");
	e = tip_undo_effect_at(effects, 1);
	assert_true(e->personal);
	assert_null(e->value);
	assert_null(e->was);
	assert_string_equal(e->sentence, "put back the name of person p");
	e = tip_undo_effect_at(effects, 2);
	assert_int_equal(e->verb, TIP_UNDO_PUT_BACK);
	assert_string_equal(e->field, "role");
	assert_string_equal(e->value, "Lead");
	assert_string_equal(e->was, "Deputy");
	assert_string_equal(e->sentence, "put back the role of person p: Lead (was Deputy)");
	tip_undo_effects_free(effects);
	tip_undo_done_dispose(&done);
	tip_store_free(store);
}

int main(void)
{
	fixture_start("undo");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_hides_personal_values),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_refuses_what_is_not_a_record),
		cmocka_unit_test(test_undo_of_init),
		cmocka_unit_test(test_init_trailer_covers_only_init_files),
		cmocka_unit_test(test_refused_while_a_merge_is_in_progress),
		cmocka_unit_test(test_refuses_a_changed_working_file),
		cmocka_unit_test(test_what_an_undo_did),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
