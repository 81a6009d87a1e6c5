/* Unit tests for changes: the files and records that differ between two moments, the default
 * base (the merge base with the default branch), and the words and JSON for a change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "change_words.h"
#include "changes.h"

static char dir[] = "/tmp/tip-changes-XXXXXX";

/* Runs command in the folder where, with fixed names and dates for commits. */
static void sh_in(const char *where, const char *command)
{
	char line[8192];
	snprintf(line, sizeof(line),
		"cd %s && export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org "
		"GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org "
		"GIT_AUTHOR_DATE=2026-01-10T12:00:00Z GIT_COMMITTER_DATE=2026-01-10T12:00:00Z && %s",
		where, command);
	if (system(line) != 0)
		fail_msg("failed: %s", command);
}

static void sh(const char *command)
{
	sh_in(dir, command);
}

/* main: notes a, b, k and topics t, u, bad (which does not load). feature, one commit on:
 * a's level and topics changed, b removed, c added, k no longer loads, bad still does not
 * (other text), u's text but not its value changed, and the topic schema changed. In the
 * working tree: a's title changed, d new (untracked) and e ignored. */
static int setup(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	sh("git init -q . && mkdir -p schemas records/notes records/topics && "
	   "printf 'type: object\\nproperties:\\n  title: {type: string}\\n  level: {type: string}\\n"
	   "  owner: {type: string, x-tip-personal: true}\\n"
	   "  topics: {type: array, items: {type: string, x-tip-ref: topic}}\\n' "
	   ">schemas/note.schema.yaml && "
	   "printf 'type: object\\nproperties:\\n  title: {type: string}\\n' "
	   ">schemas/topic.schema.yaml && "
	   "printf 'title: A\\nlevel: informed\\ntopics: [t]\\n' >records/notes/a.yaml && "
	   "printf 'title: B\\n' >records/notes/b.yaml && "
	   "printf 'title: K\\n' >records/notes/k.yaml && "
	   "printf 'title: T\\n' >records/topics/t.yaml && "
	   "printf 'title: U\\n' >records/topics/u.yaml && "
	   "printf 'title: [x\\n' >records/topics/bad.yaml && "
	   "git add . && git commit -qm one && git branch -M main && git checkout -qb feature && "
	   "printf 'title: A\\nlevel: skilled\\ntopics: [t, u]\\n' >records/notes/a.yaml && "
	   "git rm -q records/notes/b.yaml && "
	   "printf 'title: C\\n' >records/notes/c.yaml && "
	   "printf 'title: [k\\n' >records/notes/k.yaml && "
	   "printf 'title: [y\\n' >records/topics/bad.yaml && "
	   "printf \"title: 'U'\\n\" >records/topics/u.yaml && "
	   "printf 'description: Topics.\\n' >>schemas/topic.schema.yaml && "
	   "git add . && git commit -qm two && "
	   "printf 'title: A2\\nlevel: skilled\\ntopics: [t, u]\\n' >records/notes/a.yaml && "
	   "printf 'title: D\\n' >records/notes/d.yaml && "
	   "printf 'records/notes/e.yaml\\n' >.gitignore && "
	   "printf 'title: E\\n' >records/notes/e.yaml");
	return 0;
}

static void remove_tree(const char *where)
{
	char line[512];
	snprintf(line, sizeof(line), "rm -rf %s", where);
	assert_int_equal(system(line), 0);
}

static int teardown(void **state)
{
	(void)state;
	remove_tree(dir);
	return 0;
}

static tip_store *open_store_in(const char *where)
{
	tip_store *store = NULL;
	tip_diag_list *ignored = NULL;
	assert_null(tip_diag_list_new(&ignored));
	assert_null(tip_store_open(&store, where));
	assert_null(tip_store_load_types(store, ignored));
	tip_diag_list_free(ignored);
	return store;
}

static void expect_error(tip_error *err, const char *text)
{
	assert_non_null(err);
	if (!strstr(tip_error_message(err), text))
		fail_msg("\"%s\" does not say \"%s\"", tip_error_message(err), text);
	tip_error_free(err);
}

/* ---- files ---- */

static void test_files_between_commits(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = NULL;
	assert_null(tip_changes_files(&c, store, "main", "feature"));
	static const char *const expected[] = {
		"records/notes/a.yaml", "records/notes/b.yaml", "records/notes/c.yaml",
		"records/notes/k.yaml", "records/topics/bad.yaml", "records/topics/u.yaml",
		"schemas/topic.schema.yaml",
	};
	assert_int_equal(tip_changes_file_count(c), 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(tip_changes_file_at(c, i), expected[i]);
	assert_null(tip_changes_file_at(c, 7));
	assert_true(tip_changes_has_file(c, "records/notes/b.yaml"));
	assert_false(tip_changes_has_file(c, "records/topics/t.yaml"));
	assert_false(tip_changes_has_file(c, "records/notes"));
	assert_int_equal(strlen(tip_changes_from(c)), 40);
	assert_int_equal(strlen(tip_changes_to(c)), 40);
	assert_int_equal(tip_changes_record_count(c), 0); /* files only */
	tip_changes_free(c);
	tip_store_free(store);
}

static void test_files_in_the_working_tree(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = NULL;
	assert_null(tip_changes_files(&c, store, "HEAD", NULL));
	/* modified, untracked and ignored alike */
	assert_int_equal(tip_changes_file_count(c), 3);
	assert_string_equal(tip_changes_file_at(c, 0), "records/notes/a.yaml");
	assert_string_equal(tip_changes_file_at(c, 1), "records/notes/d.yaml");
	assert_string_equal(tip_changes_file_at(c, 2), "records/notes/e.yaml");
	assert_null(tip_changes_to(c));
	tip_changes_free(c);
	tip_store_free(store);
}

/* ---- records ---- */

static const tip_history_record *record(const tip_changes *c, size_t i, const char *type,
	const char *id, tip_history_change change)
{
	const tip_history_record *r = tip_changes_record_at(c, i);
	assert_non_null(r);
	assert_string_equal(r->type->name, type);
	assert_string_equal(r->id, id);
	assert_int_equal(r->change, change);
	return r;
}

static char *words(const tip_field_diff *d)
{
	tip_buf b = TIP_BUF_INIT;
	assert_null(tip_changes_add_words(&b, d));
	char *text = strdup(tip_buf_str(&b));
	tip_buf_dispose(&b);
	return text;
}

static void expect_field(const tip_history_record *r, size_t i, const char *field,
	const char *expected)
{
	assert_true(i < r->field_count);
	assert_string_equal(r->fields[i].field, field);
	char *text = words(&r->fields[i]);
	assert_string_equal(text, expected);
	free(text);
}

static void test_records_between_commits(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = NULL;
	assert_null(tip_changes_records(&c, store, "main", "feature"));
	/* u changed its text, not its value: no record change */
	assert_int_equal(tip_changes_record_count(c), 5);
	const tip_history_record *r = record(c, 0, "note", "a", TIP_HISTORY_CHANGED);
	assert_string_equal(r->path, "records/notes/a.yaml");
	assert_int_equal(r->field_count, 2);
	expect_field(r, 0, "level", "informed → skilled");
	expect_field(r, 1, "topics", "+ u");
	r = record(c, 1, "note", "b", TIP_HISTORY_REMOVED);
	assert_null(r->after);
	assert_int_equal(r->field_count, 1);
	assert_null(r->fields[0].to);
	r = record(c, 2, "note", "c", TIP_HISTORY_ADDED);
	assert_null(r->before);
	expect_field(r, 0, "title", "(none) → C");
	r = record(c, 3, "note", "k", TIP_HISTORY_UNREADABLE);
	assert_int_equal(r->unreadable, TIP_HISTORY_AFTER);
	assert_non_null(r->before);
	assert_int_equal(r->field_count, 0);
	r = record(c, 4, "topic", "bad", TIP_HISTORY_UNREADABLE);
	assert_int_equal(r->unreadable, TIP_HISTORY_BEFORE | TIP_HISTORY_AFTER);
	assert_null(tip_changes_record_at(c, 5));
	tip_changes_free(c);
	tip_store_free(store);
}

static void test_records_the_other_way(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = NULL;
	assert_null(tip_changes_records(&c, store, "feature", "main"));
	assert_int_equal(tip_changes_record_count(c), 5);
	expect_field(record(c, 0, "note", "a", TIP_HISTORY_CHANGED), 1, "topics", "- u");
	record(c, 1, "note", "b", TIP_HISTORY_ADDED);
	record(c, 2, "note", "c", TIP_HISTORY_REMOVED);
	assert_int_equal(record(c, 3, "note", "k", TIP_HISTORY_UNREADABLE)->unreadable,
		TIP_HISTORY_BEFORE);
	tip_changes_free(c);
	tip_store_free(store);
}

static void test_records_in_the_working_tree(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = NULL;
	assert_null(tip_changes_records(&c, store, "HEAD", NULL));
	assert_int_equal(tip_changes_record_count(c), 3);
	const tip_history_record *r = record(c, 0, "note", "a", TIP_HISTORY_CHANGED);
	assert_int_equal(r->field_count, 1);
	expect_field(r, 0, "title", "A → A2");
	record(c, 1, "note", "d", TIP_HISTORY_ADDED);
	record(c, 2, "note", "e", TIP_HISTORY_ADDED);
	tip_changes_free(c);
	/* from main: everything the branch and the working tree changed */
	assert_null(tip_changes_records(&c, store, "main", NULL));
	assert_int_equal(tip_changes_record_count(c), 7);
	expect_field(record(c, 0, "note", "a", TIP_HISTORY_CHANGED), 0, "title", "A → A2");
	tip_changes_free(c);
	tip_store_free(store);
}

static void test_unknown_revisions(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	tip_changes *c = (tip_changes *)store; /* set to NULL on failure */
	expect_error(tip_changes_records(&c, store, "nowhere", NULL), "unknown revision 'nowhere'");
	assert_null(c);
	expect_error(tip_changes_files(&c, store, "HEAD", "main~5"), "unknown revision 'main~5'");
	expect_error(tip_changes_files(&c, store, "HEAD^{tree}", NULL),
		"'HEAD^{tree}' is not a commit");
	char id[TIP_CHANGES_ID_LEN];
	assert_null(tip_changes_resolve(id, store, "main"));
	assert_int_equal(strlen(id), 40);
	tip_store_free(store);
}

/* ---- the default base ---- */

/* A repository whose main has moved on since feature left it: first, then feature's own
 * commit; main's later commit. HEAD is feature. */
static void forked_repo(char *where)
{
	assert_non_null(mkdtemp(where));
	sh_in(where, "git init -q . && mkdir schemas records && "
		     "printf 'type: object\\n' >schemas/note.schema.yaml && "
		     "git add . && git commit -qm first && git branch -M main && "
		     "git tag first && git checkout -qb feature && "
		     "git commit -q --allow-empty -m feature && git checkout -q main && "
		     "git commit -q --allow-empty -m later && git checkout -q feature");
}

static void expect_base(const char *where, const char *rev, const char *branch)
{
	tip_store *store = open_store_in(where);
	char id[TIP_CHANGES_ID_LEN], want[TIP_CHANGES_ID_LEN], name[64];
	assert_null(tip_changes_resolve(want, store, rev));
	assert_null(tip_changes_default_base(id, name, sizeof(name), store));
	assert_string_equal(id, want);
	assert_string_equal(name, branch);
	tip_store_free(store);
}

static void expect_no_base(const char *where, const char *text)
{
	tip_store *store = open_store_in(where);
	char id[TIP_CHANGES_ID_LEN], name[64];
	expect_error(tip_changes_default_base(id, name, sizeof(name), store), text);
	tip_store_free(store);
}

static void test_default_base_main_and_master(void **state)
{
	(void)state;
	char where[] = "/tmp/tip-changes-base-XXXXXX";
	forked_repo(where);
	expect_base(where, "first", "main");
	sh_in(where, "git checkout -q main");
	expect_base(where, "HEAD", "main"); /* on main: HEAD, for what is not committed */
	sh_in(where, "git checkout -q --detach feature");
	expect_base(where, "first", "main");
	sh_in(where, "git checkout -q feature && git branch -m main master");
	expect_base(where, "first", "master");
	sh_in(where, "git branch -m master trunk");
	expect_no_base(where, "there is no default branch (origin/HEAD, origin/main, "
			      "origin/master, main or master)");
	sh_in(where, "git checkout -q --orphan alone && git commit -qm alone && "
		     "git branch -m trunk main");
	expect_no_base(where, "HEAD and 'main' have no commit in common");
	sh_in(where, "git checkout -q --orphan unborn");
	expect_no_base(where, "HEAD has no commit yet");
	remove_tree(where);
}

static void test_default_base_origin(void **state)
{
	(void)state;
	char where[] = "/tmp/tip-changes-origin-XXXXXX";
	forked_repo(where);
	/* origin/HEAD first, whatever its branch is called; main is there too */
	sh_in(where, "git update-ref refs/remotes/origin/trunk main && "
		     "git symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/trunk && "
		     "git update-ref refs/remotes/origin/main feature");
	expect_base(where, "first", "origin/trunk");
	sh_in(where, "git checkout -qb trunk first");
	expect_base(where, "HEAD", "origin/trunk"); /* the local branch of that name */
	/* origin/HEAD naming a branch that is not there: the next that is */
	sh_in(where, "git checkout -q feature && "
		     "git symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/gone");
	expect_base(where, "feature", "origin/main");
	sh_in(where, "git update-ref -d refs/remotes/origin/main && "
		     "git update-ref refs/remotes/origin/master first");
	expect_base(where, "first", "origin/master");
	remove_tree(where);
}

/* ---- words and JSON ---- */

static tip_doc *load(const char *text)
{
	tip_doc *doc = NULL;
	assert_null(tip_yaml_load(&doc, text, strlen(text), "test", NULL));
	assert_non_null(doc);
	return doc;
}

/* The words for each field that differs between before and after, one a line. */
static char *all_words(const char *before, const char *after)
{
	tip_doc *a = load(before), *b = load(after);
	tip_field_diffs diffs = { 0 };
	assert_null(tip_record_diff(a->root, b->root, tip_field_diffs_keep, &diffs));
	tip_buf out = TIP_BUF_INIT;
	for (size_t i = 0; i < diffs.count; i++) {
		assert_null(tip_buf_addf(&out, "%s: ", diffs.items[i].field));
		assert_null(tip_changes_add_words(&out, &diffs.items[i]));
		assert_null(tip_buf_addc(&out, '\n'));
	}
	char *text = strdup(tip_buf_str(&out));
	tip_buf_dispose(&out);
	tip_field_diffs_dispose(&diffs);
	tip_doc_free(a);
	tip_doc_free(b);
	return text;
}

static void test_words(void **state)
{
	(void)state;
	char *text = all_words(
		"level: informed\nminutes: 30\ntopics: [a, b]\norder: [x, y]\nmeta: {k: 1}\n"
		"gone: yes\n",
		"level: skilled\nminutes: 45\ntopics: [b, c]\norder: [y, x]\nmeta: {k: 2}\n"
		"title: \" padded\"\nlines: \"one\\ntwo\"\n");
	assert_string_equal(text,
		"level: informed → skilled\n"
		"minutes: 30 → 45\n"
		"topics: + c, - a\n"
		"order: reordered\n"
		"meta: changed\n"
		"title: (none) → \" padded\"\n"
		"lines: (none) → \"one\\ntwo\"\n"
		"gone: yes → (none)\n");
	free(text);
	assert_string_equal(tip_changes_change_name(TIP_HISTORY_ADDED), "added");
	assert_string_equal(tip_changes_change_name(TIP_HISTORY_REMOVED), "removed");
	assert_string_equal(tip_changes_change_name(TIP_HISTORY_CHANGED), "changed");
	assert_string_equal(tip_changes_change_name(TIP_HISTORY_UNREADABLE), "unreadable");
	assert_string_equal(tip_changes_unreadable_side(TIP_HISTORY_BEFORE), "before");
	assert_string_equal(tip_changes_unreadable_side(TIP_HISTORY_AFTER), "after");
	assert_string_equal(tip_changes_unreadable_side(TIP_HISTORY_BEFORE | TIP_HISTORY_AFTER),
		"both");
	assert_null(tip_changes_unreadable_side(0));
}

static char *json_of(const tip_history_record *r, bool hide_personal)
{
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_changes_add_json(&out, r, hide_personal));
	char *text = strdup(tip_buf_str(&out));
	tip_buf_dispose(&out);
	return text;
}

static void test_json_and_personal_fields(void **state)
{
	(void)state;
	tip_store *store = open_store_in(dir);
	const tip_type *note = tip_store_type_named(store, "note");
	assert_true(tip_changes_is_personal(note, "owner"));
	assert_false(tip_changes_is_personal(note, "title"));
	tip_type unknown = { .name = "x", .collection = "xs", .schema = NULL };
	assert_true(tip_changes_is_personal(&unknown, "title")); /* no schema: not known */

	tip_doc *a = load("title: A\nowner: Ann\n"), *b = load("title: A\nowner: Bea\ntopics: [t]\n");
	tip_field_diffs diffs = { 0 };
	assert_null(tip_record_diff(a->root, b->root, tip_field_diffs_keep, &diffs));
	tip_history_record r = { .type = note, .id = "a", .path = "records/notes/a.yaml",
		.change = TIP_HISTORY_CHANGED, .before = a->root, .after = b->root,
		.fields = diffs.items, .field_count = diffs.count };
	char *shown = json_of(&r, false);
	assert_string_equal(shown,
		"{\"type\":\"note\",\"id\":\"a\",\"path\":\"records/notes/a.yaml\","
		"\"change\":\"changed\",\"unreadable\":null,\"fields\":["
		"{\"field\":\"owner\",\"from\":\"Ann\",\"to\":\"Bea\",\"added\":[],\"removed\":[],"
		"\"personal\":true},"
		"{\"field\":\"topics\",\"from\":null,\"to\":[\"t\"],\"added\":[\"t\"],\"removed\":[],"
		"\"personal\":false}]}");
	char *hidden = json_of(&r, true);
	assert_string_equal(hidden,
		"{\"type\":\"note\",\"id\":\"a\",\"path\":\"records/notes/a.yaml\","
		"\"change\":\"changed\",\"unreadable\":null,\"fields\":["
		"{\"field\":\"owner\",\"from\":null,\"to\":null,\"added\":null,\"removed\":null,"
		"\"personal\":true},"
		"{\"field\":\"topics\",\"from\":null,\"to\":[\"t\"],\"added\":[\"t\"],\"removed\":[],"
		"\"personal\":false}]}");
	free(shown);
	free(hidden);
	r = (tip_history_record){ .type = note, .id = "k", .path = "records/notes/k.yaml",
		.change = TIP_HISTORY_UNREADABLE, .unreadable = TIP_HISTORY_AFTER };
	char *unreadable = json_of(&r, true);
	assert_string_equal(unreadable,
		"{\"type\":\"note\",\"id\":\"k\",\"path\":\"records/notes/k.yaml\","
		"\"change\":\"unreadable\",\"unreadable\":\"after\",\"fields\":[]}");
	free(unreadable);
	tip_field_diffs_dispose(&diffs);
	tip_doc_free(a);
	tip_doc_free(b);
	tip_store_free(store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_files_between_commits),
		cmocka_unit_test(test_files_in_the_working_tree),
		cmocka_unit_test(test_records_between_commits),
		cmocka_unit_test(test_records_the_other_way),
		cmocka_unit_test(test_records_in_the_working_tree),
		cmocka_unit_test(test_unknown_revisions),
		cmocka_unit_test(test_default_base_main_and_master),
		cmocka_unit_test(test_default_base_origin),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_json_and_personal_fields),
	};
	return cmocka_run_group_tests_name("changes", tests, setup, teardown);
}
