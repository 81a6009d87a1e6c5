/* Unit tests for snapshots: the records in the working tree, at a commit, at a moment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "snapshot.h"

static char dir[] = "/tmp/tip-snapshot-XXXXXX";

static void sh(const char *command)
{
	char line[4096];
	snprintf(line, sizeof(line),
		"cd %s && export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org "
		"GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org && %s", dir, command);
	if (system(line) != 0)
		fail_msg("failed: %s", command);
}

/* Two commits: on 2026-01-10 topics a and a-b; on 2026-04-10 a changed, c added, a-b gone,
 * and a broken file in the working tree only. */
static int setup(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	sh("git init -q . && mkdir -p schemas records/topics && "
	   "printf 'type: object\\nproperties:\\n  title: {type: string}\\n' "
	   ">schemas/topic.schema.yaml && "
	   "printf 'title: A\\n' >records/topics/a.yaml && "
	   "printf 'title: A-B\\n' >records/topics/a-b.yaml && "
	   "printf 'title: U\\n' >records/topics/u.yaml && git add . && "
	   "GIT_COMMITTER_DATE='2026-01-10T12:00:00Z' git commit -qm one && "
	   "printf 'title: A2\\n' >records/topics/a.yaml && git rm -q records/topics/a-b.yaml && "
	   "printf 'title: C\\n' >records/topics/c.yaml && git add . && "
	   "GIT_COMMITTER_DATE='2026-04-10T12:00:00Z' git commit -qm two && "
	   "printf 'title: [broken\\n' >records/topics/d.yaml");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char line[512];
	snprintf(line, sizeof(line), "rm -rf %s", dir);
	return system(line);
}

static tip_store *open_store(void)
{
	tip_store *store = NULL;
	tip_diag_list *ignored = NULL;
	assert_null(tip_diag_list_new(&ignored));
	assert_null(tip_store_open(&store, dir));
	assert_null(tip_store_load_types(store, ignored));
	tip_diag_list_free(ignored);
	return store;
}

static const char *title_of(const tip_snapshot *s, const char *id)
{
	const tip_snapshot_record *r = tip_snapshot_find(s, "topic", id);
	if (!r)
		return NULL;
	const tip_node *title = tip_node_get(r->root, "title");
	return title ? title->str : "(none)";
}

static void test_worktree(void **state)
{
	(void)state;
	tip_store *store = open_store();
	tip_diag_list *findings = NULL;
	assert_null(tip_diag_list_new(&findings));
	tip_snapshot *s = NULL;
	assert_null(tip_snapshot_worktree(&s, store, NULL, findings));
	assert_int_equal(tip_snapshot_count(s), 4);
	assert_string_equal(tip_snapshot_get(s, 0)->id, "a");
	assert_string_equal(tip_snapshot_get(s, 1)->id, "c");
	assert_string_equal(tip_snapshot_get(s, 2)->path, "records/topics/d.yaml");
	assert_null(tip_snapshot_get(s, 2)->root);
	assert_int_equal(tip_diag_list_count(findings), 1);
	assert_string_equal(title_of(s, "a"), "A2");
	assert_null(title_of(s, "a-b"));
	tip_snapshot_free(s);
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static bool title_is_not_u(void *ctx, const tip_snapshot_record *record)
{
	(void)ctx;
	const tip_node *title = tip_node_get(record->root, "title");
	return !title || strcmp(title->str, "U") != 0;
}

/* Read on several workers, each record kept as keep says: the records wanted, in order, with
 * only the fields asked for; a file that does not load kept without fields. */
static void test_worktree_kept(void **state)
{
	(void)state;
	sh("printf 'title: E\\nnote: long\\n' >records/topics/e.yaml");
	setenv("TIP_JOBS", "3", 1);
	tip_store *store = open_store();
	tip_diag_list *findings = NULL;
	assert_null(tip_diag_list_new(&findings));
	const char *fields[] = { "title" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 1, .wanted = title_is_not_u };
	tip_snapshot *s = NULL;
	assert_null(tip_snapshot_worktree_kept(&s, store, "topic", &keep, findings));
	assert_int_equal(tip_snapshot_count(s), 4); /* a, c, d, e: not u */
	assert_string_equal(tip_snapshot_get(s, 0)->id, "a");
	assert_string_equal(tip_snapshot_get(s, 2)->path, "records/topics/d.yaml");
	assert_null(tip_snapshot_get(s, 2)->root);
	assert_int_equal(tip_diag_list_count(findings), 1);
	assert_string_equal(title_of(s, "e"), "E");
	assert_null(tip_node_get(tip_snapshot_find(s, "topic", "e")->root, "note"));
	assert_null(tip_snapshot_find(s, "topic", "u"));
	tip_snapshot_free(s);
	tip_snapshot_keep none = { .fields = fields, .field_count = 0 };
	assert_null(tip_snapshot_worktree_kept(&s, store, NULL, &none, NULL));
	assert_int_equal(tip_snapshot_count(s), 5);
	assert_int_equal(tip_snapshot_find(s, "topic", "a")->root->count, 0);
	tip_snapshot_free(s);
	unsetenv("TIP_JOBS");
	sh("rm records/topics/e.yaml");
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* Not the item "y", of the field "tags" alone. */
static bool not_y(void *ctx, const char *field, const tip_node *item)
{
	(void)ctx;
	return strcmp(field, "tags") != 0 || item->type != TIP_NODE_STR || strcmp(item->str, "y") != 0;
}

/* A kept field's list keeps only the items keep_item wants, in their order; the other kept
 * fields' lists stay whole. */
static void test_worktree_kept_items(void **state)
{
	(void)state;
	sh("printf 'title: E\\ntags: [x, y, z, y]\\nother: [y]\\n' >records/topics/e.yaml");
	tip_store *store = open_store();
	const char *fields[] = { "tags", "other" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 2, .keep_item = not_y };
	tip_snapshot *s = NULL;
	assert_null(tip_snapshot_worktree_kept(&s, store, "topic", &keep, NULL));
	const tip_node *tags = tip_node_get(tip_snapshot_find(s, "topic", "e")->root, "tags");
	assert_non_null(tags);
	assert_int_equal(tags->count, 2);
	assert_string_equal(tags->items[0]->str, "x");
	assert_string_equal(tags->items[1]->str, "z");
	const tip_node *other = tip_node_get(tip_snapshot_find(s, "topic", "e")->root, "other");
	assert_int_equal(other->count, 1);
	tip_snapshot_free(s);
	sh("rm records/topics/e.yaml");
	tip_store_free(store);
}

/* Every reduced record's kept field points at one key node, read on several workers; a key
 * the record quoted keeps its own, as written. */
static void test_worktree_kept_keys_shared(void **state)
{
	(void)state;
	sh("printf '\"title\": E\\n' >records/topics/e.yaml");
	setenv("TIP_JOBS", "3", 1);
	tip_store *store = open_store();
	const char *fields[] = { "title" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 1 };
	tip_snapshot *s = NULL;
	assert_null(tip_snapshot_worktree_kept(&s, store, "topic", &keep, NULL));
	const tip_node *a = tip_snapshot_find(s, "topic", "a")->root;
	const tip_node *c = tip_snapshot_find(s, "topic", "c")->root;
	const tip_node *u = tip_snapshot_find(s, "topic", "u")->root;
	const tip_node *e = tip_snapshot_find(s, "topic", "e")->root;
	assert_ptr_equal(a->pairs[0].key, c->pairs[0].key);
	assert_ptr_equal(a->pairs[0].key, u->pairs[0].key);
	assert_string_equal(a->pairs[0].key->str, "title");
	assert_ptr_not_equal(e->pairs[0].key, a->pairs[0].key);
	assert_int_equal(e->pairs[0].key->style, TIP_STYLE_DOUBLE);
	assert_string_equal(tip_node_get(e, "title")->str, "E");
	tip_snapshot_free(s);
	unsetenv("TIP_JOBS");
	sh("rm records/topics/e.yaml");
	tip_store_free(store);
}

static tip_error *render_title(void *ctx, tip_buf *text, const tip_snapshot_record *record)
{
	(void)ctx;
	const tip_node *title = tip_node_get(record->root, "title");
	return title ? tip_buf_adds(text, title->str) : NULL;
}

static tip_error *write_line(void *ctx, const tip_snapshot_record *record, const tip_buf *text)
{
	return tip_buf_addf(ctx, "%s %s=%s\n", record->path, record->id,
		record->root ? tip_buf_str(text) : "(does not load)");
}

/* Each record rendered on a worker, then written in order. */
static void test_worktree_each(void **state)
{
	(void)state;
	setenv("TIP_JOBS", "2", 1);
	tip_store *store = open_store();
	tip_diag_list *findings = NULL;
	assert_null(tip_diag_list_new(&findings));
	tip_buf out = TIP_BUF_INIT;
	assert_null(tip_snapshot_worktree_each(store, NULL, render_title, write_line, &out,
		findings));
	assert_string_equal(tip_buf_str(&out), "records/topics/a.yaml a=A2\n"
		"records/topics/c.yaml c=C\nrecords/topics/d.yaml d=(does not load)\n"
		"records/topics/u.yaml u=U\n");
	assert_int_equal(tip_diag_list_count(findings), 1);
	unsetenv("TIP_JOBS");
	tip_buf_dispose(&out);
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static void test_at_rev_sorted_by_id(void **state)
{
	(void)state;
	tip_store *store = open_store();
	tip_snapshot *s = NULL;
	assert_null(tip_snapshot_at_rev(&s, store, "HEAD~1", "topic", NULL));
	assert_int_equal(tip_snapshot_count(s), 3);
	/* ids in id order ("a" before "a-b"), not file-name order */
	assert_string_equal(tip_snapshot_get(s, 0)->id, "a");
	assert_string_equal(tip_snapshot_get(s, 1)->id, "a-b");
	assert_string_equal(title_of(s, "a"), "A");
	tip_snapshot_free(s);
	tip_error *err = tip_snapshot_at_rev(&s, store, "nowhere", NULL, NULL);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "cannot find 'nowhere'"));
	tip_error_free(err);
	err = tip_snapshot_at_rev(&s, store, "HEAD", "widget", NULL);
	assert_non_null(err);
	tip_error_free(err);
	tip_store_free(store);
}

static void test_at_time(void **state)
{
	(void)state;
	tip_store *store = open_store();
	tip_snapshot *s = NULL;
	char id[48];
	/* 2026-03-31T23:59:59Z: the first commit */
	assert_null(tip_snapshot_at_time(&s, store, 1775001599, NULL, id, sizeof(id)));
	assert_int_equal(strlen(id), 40);
	assert_string_equal(title_of(s, "a"), "A");
	assert_int_equal(tip_snapshot_count(s), 3);
	tip_snapshot_free(s);
	/* 2026-12-31: the second */
	assert_null(tip_snapshot_at_time(&s, store, 1798761599, NULL, NULL, 0));
	assert_string_equal(title_of(s, "c"), "C");
	tip_snapshot_free(s);
	/* 2025-12-31: older than the repository */
	tip_error *err = tip_snapshot_at_time(&s, store, 1767225599, NULL, id, sizeof(id));
	assert_true(tip_error_is(err, TIP_ENOTFOUND));
	assert_string_equal(tip_error_message(err),
		"HEAD has no commit as old as 2025-12-31 23:59:59 UTC");
	tip_error_free(err);
	assert_null(s);
	assert_string_equal(id, "");
	tip_store_free(store);
}

/* Two moments share the parsed records that are the same at both. */
static void test_like_shares_unchanged_records(void **state)
{
	(void)state;
	tip_store *store = open_store();
	tip_snapshot *now = NULL, *before = NULL;
	assert_null(tip_snapshot_at_rev(&now, store, "HEAD", NULL, NULL));
	assert_null(tip_snapshot_at_rev_like(&before, store, "HEAD~1", now));
	assert_int_equal(tip_snapshot_count(before), 3);
	assert_ptr_equal(tip_snapshot_find(before, "topic", "u")->root,
		tip_snapshot_find(now, "topic", "u")->root);
	assert_ptr_not_equal(tip_snapshot_find(before, "topic", "a")->root,
		tip_snapshot_find(now, "topic", "a")->root);
	assert_string_equal(title_of(before, "a"), "A");
	assert_string_equal(title_of(before, "a-b"), "A-B");
	assert_string_equal(title_of(now, "a"), "A2");
	tip_snapshot_free(before);
	tip_snapshot_free(now);
	tip_store_free(store);
}

/* A commit "side" beside HEAD (neither HEAD nor the working tree moves): HEAD's records, a
 * broken d, e and g the same, f as e but for a field not kept; and "linked", with a link. */
static void commit_side(void)
{
	sh("export GIT_INDEX_FILE=.git/side-index && git read-tree HEAD && mkdir .git/side && "
	   "printf 'title: [broken\\n' >.git/side/d && printf 'title: E\\nnote: long\\n' "
	   ">.git/side/e && printf 'title: E\\nnote: other\\n' >.git/side/f && "
	   "cp .git/side/e .git/side/g && for r in d e f g; do "
	   "git update-index --add --cacheinfo "
	   "100644,$(git hash-object -w .git/side/$r),records/topics/$r.yaml; done && "
	   "git update-ref refs/heads/side $(git commit-tree $(git write-tree) -p HEAD -m side) && "
	   "l=$(printf a.yaml | git hash-object -w --stdin) && "
	   "git update-index --add --cacheinfo 120000,$l,records/topics/l.yaml && "
	   "git update-ref refs/heads/linked $(git commit-tree $(git write-tree) -p HEAD -m l) && "
	   "rm -r .git/side-index .git/side");
}

static const tip_node *field_of(const tip_snapshot *s, const char *id, const char *field)
{
	return tip_node_get(tip_snapshot_find(s, "topic", id)->root, field);
}

static uint64_t hash_of(const tip_snapshot *s, const char *id)
{
	return tip_snapshot_record_hash(tip_snapshot_find(s, "topic", id));
}

/* The kept records of side are the whole read's, with only title, and hashed whole. */
static void check_kept_side(const tip_snapshot *whole, const tip_snapshot *kept)
{
	assert_int_equal(tip_snapshot_count(whole), 7); /* a c d e f g u */
	assert_int_equal(tip_snapshot_count(kept), 6);  /* not u */
	for (size_t i = 0; i < tip_snapshot_count(kept); i++) {
		const tip_snapshot_record *k = tip_snapshot_get(kept, i);
		const tip_snapshot_record *w = tip_snapshot_find(whole, "topic", k->id);
		assert_string_equal(k->path, w->path);
		assert_int_equal(tip_snapshot_record_hash(k), tip_snapshot_record_hash(w));
		if (w->root)
			assert_string_equal(title_of(kept, k->id), title_of(whole, k->id));
	}
	assert_string_equal(tip_snapshot_get(kept, 0)->id, "a");
	assert_null(tip_snapshot_find(kept, "topic", "u"));
	assert_null(tip_snapshot_find(kept, "topic", "d")->root);
	assert_int_equal(hash_of(kept, "d"), 0);
	assert_null(field_of(kept, "e", "note"));
	assert_string_equal(field_of(whole, "e", "note")->str, "long");
	assert_int_equal(hash_of(kept, "e"), hash_of(kept, "g"));
	assert_int_not_equal(hash_of(kept, "e"), hash_of(kept, "f"));
	assert_int_not_equal(hash_of(kept, "a"), hash_of(kept, "c"));
	assert_int_not_equal(hash_of(kept, "a"), 0);
}

static void at_rev_kept_with_jobs(tip_store *store, const char *jobs)
{
	setenv("TIP_JOBS", jobs, 1);
	tip_diag_list *findings = NULL, *whole_findings = NULL;
	assert_null(tip_diag_list_new(&findings));
	assert_null(tip_diag_list_new(&whole_findings));
	const char *fields[] = { "title" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 1, .wanted = title_is_not_u };
	tip_snapshot *whole = NULL, *kept = NULL, *before = NULL;
	assert_null(tip_snapshot_at_rev_kept(&whole, store, "side", "topic", NULL, NULL,
		whole_findings));
	assert_null(tip_snapshot_at_rev_kept(&kept, store, "side", "topic", &keep, NULL,
		findings));
	check_kept_side(whole, kept);
	assert_int_equal(tip_diag_list_count(findings), 1);
	assert_string_equal(tip_diag_list_get(findings, 0)->file, "records/topics/d.yaml");
	assert_int_equal(tip_diag_list_count(whole_findings), 1);
	/* HEAD's a and c have side's blobs: taken from kept, not parsed again */
	assert_null(tip_snapshot_at_rev_kept(&before, store, "HEAD", NULL, &keep, kept, NULL));
	assert_int_equal(tip_snapshot_count(before), 2);
	assert_ptr_equal(tip_snapshot_find(before, "topic", "a")->root,
		tip_snapshot_find(kept, "topic", "a")->root);
	assert_int_equal(hash_of(before, "c"), hash_of(kept, "c"));
	tip_snapshot_free(before);
	tip_snapshot_free(kept);
	tip_snapshot_free(whole);
	tip_diag_list_free(findings);
	tip_diag_list_free(whole_findings);
	unsetenv("TIP_JOBS");
}

static void test_at_rev_kept(void **state)
{
	(void)state;
	commit_side();
	tip_store *store = open_store();
	at_rev_kept_with_jobs(store, "1");
	at_rev_kept_with_jobs(store, "3");
	tip_snapshot *s = NULL;
	tip_error *err = tip_snapshot_at_rev_kept(&s, store, "linked", NULL, NULL, NULL, NULL);
	assert_non_null(err);
	assert_non_null(strstr(tip_error_message(err), "records/topics/l.yaml' in commit"));
	assert_non_null(strstr(tip_error_message(err), "is a symbolic link"));
	assert_null(s);
	tip_error_free(err);
	tip_store_free(store);
}

/* The working tree's records are hashed whole as well, kept or not. */
static void test_worktree_kept_hash(void **state)
{
	(void)state;
	tip_store *store = open_store();
	const char *fields[] = { "note" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 1 };
	tip_snapshot *whole = NULL, *kept = NULL;
	assert_null(tip_snapshot_at_rev(&whole, store, "HEAD", NULL, NULL));
	assert_null(tip_snapshot_worktree_kept(&kept, store, NULL, &keep, NULL));
	assert_int_equal(tip_snapshot_find(kept, "topic", "a")->root->count, 0);
	assert_int_equal(hash_of(kept, "a"), hash_of(whole, "a"));
	assert_int_equal(hash_of(kept, "u"), hash_of(whole, "u"));
	assert_int_not_equal(hash_of(kept, "a"), hash_of(kept, "u"));
	assert_int_equal(hash_of(kept, "d"), 0);
	tip_snapshot *plain = NULL;
	assert_null(tip_snapshot_worktree(&plain, store, NULL, NULL));
	assert_int_equal(hash_of(plain, "a"), hash_of(whole, "a"));
	tip_snapshot_free(plain);
	tip_snapshot_free(kept);
	tip_snapshot_free(whole);
	tip_store_free(store);
}

static bool breaks_schema(const tip_snapshot *s, const char *id)
{
	return tip_snapshot_record_breaks_schema(tip_snapshot_find(s, "topic", id));
}

/* With check_schema, a record that loads but breaks its schema is marked, in the working tree
 * and at a commit, also when taken from like; without it, none is. */
static void test_kept_breaks_schema(void **state)
{
	(void)state;
	sh("printf 'title: [not, a, string]\\n' >records/topics/e.yaml && "
	   "git add records/topics/e.yaml && git commit -qm e");
	setenv("TIP_JOBS", "2", 1);
	tip_store *store = open_store();
	const char *fields[] = { "title" };
	tip_snapshot_keep keep = { .fields = fields, .field_count = 1, .check_schema = true };
	tip_snapshot_keep unchecked = { .fields = fields, .field_count = 1 };
	tip_snapshot *s = NULL, *at = NULL, *like = NULL, *plain = NULL;
	assert_null(tip_snapshot_worktree_kept(&s, store, "topic", &keep, NULL));
	assert_true(breaks_schema(s, "e"));
	assert_false(breaks_schema(s, "a"));
	assert_false(breaks_schema(s, "d")); /* does not load: not marked */
	assert_null(tip_snapshot_at_rev_kept(&at, store, "HEAD", "topic", &keep, NULL, NULL));
	assert_true(breaks_schema(at, "e"));
	assert_false(breaks_schema(at, "c"));
	assert_null(tip_snapshot_at_rev_kept(&like, store, "HEAD", "topic", &keep, at, NULL));
	assert_ptr_equal(tip_snapshot_find(like, "topic", "e")->root,
		tip_snapshot_find(at, "topic", "e")->root);
	assert_true(breaks_schema(like, "e"));
	assert_null(tip_snapshot_worktree_kept(&plain, store, "topic", &unchecked, NULL));
	assert_false(breaks_schema(plain, "e"));
	tip_snapshot_free(plain);
	tip_snapshot_free(like);
	tip_snapshot_free(at);
	tip_snapshot_free(s);
	tip_store_free(store);
	unsetenv("TIP_JOBS");
	sh("git reset -q --hard HEAD~1");
}

enum { BROKEN = 300 };

/* Findings come in the order of the commit's files, however many workers read them: enough
 * files that the workers take turns. */
static void test_at_rev_findings_in_order(void **state)
{
	(void)state;
	sh("export GIT_INDEX_FILE=.git/broken-index && git read-tree HEAD && mkdir .git/b && "
	   "for i in $(seq -w 1 300); do printf 'title: [%s\\n' $i >.git/b/b$i; done && "
	   "ls .git/b | while read -r f; do echo .git/b/$f; done | git hash-object -w --stdin-paths "
	   ">.git/b.ids && ls .git/b | paste .git/b.ids - | "
	   "awk '{ printf \"100644 %s\\trecords/topics/%s.yaml\\n\", $1, $2 }' | "
	   "git update-index --index-info && "
	   "git update-ref refs/heads/broken $(git commit-tree $(git write-tree) -p HEAD -m b) && "
	   "rm -r .git/broken-index .git/b .git/b.ids");
	setenv("TIP_JOBS", "3", 1);
	tip_store *store = open_store();
	for (int round = 0; round < 3; round++) {
		tip_diag_list *findings = NULL;
		assert_null(tip_diag_list_new(&findings));
		tip_snapshot *s = NULL;
		assert_null(tip_snapshot_at_rev_kept(&s, store, "broken", NULL, NULL, NULL, findings));
		assert_int_equal(tip_diag_list_count(findings), BROKEN);
		for (size_t i = 0; i < BROKEN; i++) {
			char file[64];
			snprintf(file, sizeof(file), "records/topics/b%03zu.yaml", i + 1);
			assert_string_equal(tip_diag_list_get(findings, i)->file, file);
		}
		tip_snapshot_free(s);
		tip_diag_list_free(findings);
	}
	unsetenv("TIP_JOBS");
	tip_store_free(store);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worktree),
		cmocka_unit_test(test_worktree_kept),
		cmocka_unit_test(test_worktree_kept_items),
		cmocka_unit_test(test_worktree_each),
		cmocka_unit_test(test_at_rev_sorted_by_id),
		cmocka_unit_test(test_at_time),
		cmocka_unit_test(test_like_shares_unchanged_records),
		cmocka_unit_test(test_at_rev_kept),
		cmocka_unit_test(test_worktree_kept_hash),
		cmocka_unit_test(test_kept_breaks_schema),
		cmocka_unit_test(test_worktree_kept_keys_shared),
		cmocka_unit_test(test_at_rev_findings_in_order),
	};
	return cmocka_run_group_tests_name("snapshot", tests, setup, teardown);
}
