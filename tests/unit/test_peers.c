/* Unit tests for the peers: their settings in tip.yaml, fetching one from a folder, and reading
 * it at its fetched commit with its own schemas. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "repo_fixture.h"

#include "peers.h"
#include "settings.h"
#include "snapshot.h"

static char peer[PATH_MAX];

static const char topic_schema[] = "type: object\nadditionalProperties: false\n"
				   "properties:\n  title: {type: string}\n";

/* A peer repository whose topic schema has title only, with one topic; then a new home
 * repository (repo), whose topic schema also has a level. */
static void peer_and_home(void)
{
	new_repo();
	snprintf(peer, sizeof(peer), "%s", repo);
	put("schemas/topic.schema.yaml", topic_schema);
	put("records/topics/attachment.yaml", "title: Attachment\n");
	sh("git add . && git commit -qm start");
	new_repo();
	put("schemas/topic.schema.yaml", "type: object\nadditionalProperties: false\n"
					 "properties:\n  title: {type: string}\n"
					 "  level: {enum: [informed, skilled]}\n");
	sh("git add . && git commit -qm start");
}

static void in_peer(const char *command)
{
	char home[PATH_MAX];
	snprintf(home, sizeof(home), "%s", repo);
	snprintf(repo, sizeof(repo), "%s", peer);
	sh("%s", command);
	snprintf(repo, sizeof(repo), "%s", home);
}

static tip_peer_fetched fetch_peer(tip_store *home, const char *name, const char *branch)
{
	tip_peer_setting setting = { .name = (char *)name, .url = peer, .branch = (char *)branch };
	tip_peer_fetched got;
	expect_ok(tip_peer_fetch(&got, home, &setting, NULL, NULL));
	return got;
}

/* ---- settings ---- */

static tip_error *settings_of(tip_peer_settings *s, const char *text)
{
	put("tip.yaml", text);
	return tip_peer_settings_read(s, repo);
}

static void test_settings(void **state)
{
	(void)state;
	tip_peer_settings s;
	new_folder();
	expect_ok(tip_peer_settings_read(&s, repo)); /* no tip.yaml */
	assert_int_equal(s.count, 0);
	expect_ok(settings_of(&s, "quarters: calendar\n"));
	assert_int_equal(s.count, 0);
	expect_ok(settings_of(&s, "peers:\n  - name: portsmouth\n    url: ../p.git\n"
				  "  - {name: isle-of-wight, url: 'git@h:iow.git', branch: tip}\n"));
	assert_int_equal(s.count, 2);
	assert_string_equal(s.peers[0].url, "../p.git");
	assert_null(s.peers[0].branch);
	assert_int_equal(s.peers[0].line, 2);
	assert_string_equal(tip_peer_setting_named(&s, "isle-of-wight")->branch, "tip");
	assert_null(tip_peer_setting_named(&s, "hampshire"));
	tip_peer_settings_dispose(&s);

	expect_error(settings_of(&s, "peers:\n  - name: a\n    url: x\n    brnch: main\n"),
		"tip.yaml:4:5: a peer has no setting 'brnch' (did you mean 'branch'?): a peer has name, url and branch");
	expect_error(settings_of(&s, "peers:\n  - name: Portsmouth\n    url: x\n"),
		"tip.yaml:2:11: 'Portsmouth' cannot name a peer: a peer's name has only lower-case");
	expect_error(settings_of(&s, "peers:\n  - {name: a, url: x}\n  - {name: a, url: y}\n"),
		"tip.yaml:3:12: two peers are named 'a' (the other at line 2)");
	expect_error(settings_of(&s, "peers:\n  - name: a\n"),
		"tip.yaml:2:5: peer 'a' has no url: write url:");
	expect_error(settings_of(&s, "peers:\n  - url: x\n"), "tip.yaml:2:5: a peer has no name");
	expect_error(settings_of(&s, "peers: portsmouth\n"), "tip.yaml:1:8: peers is a list");
	expect_error(settings_of(&s, "peers:\n  - portsmouth\n"), "tip.yaml:2:5: a peer is a name");
	expect_error(settings_of(&s, "peers:\n  - {name: a, url: --upload-pack=x}\n"),
		"tip.yaml:2:20: peer 'a' has a url starting with '-'");
	expect_error(settings_of(&s, "peers:\n  - {name: a, url: x, branch: 'a..b'}\n"),
		"tip.yaml:2:31: peer 'a' has a branch git cannot name ('a..b': it holds '..'");
	expect_error(settings_of(&s, "peers:\n  - {name: a, url: 'https://me:t0k3n@h/x.git'}\n"),
		"tip.yaml:2:20: peer 'a' has a password or token in its url");
	expect_ok(settings_of(&s, "peers:\n  - {name: a, url: 'ssh://git@h:22/x.git'}\n"));
	tip_peer_settings_dispose(&s);
	expect_error(settings_of(&s, "peers:\n  - {name: a, url: 12}\n"),
		"tip.yaml:2:20: a peer's url is text, not '12'");
	assert_int_equal(s.count, 0);
}

/* ---- fetching and reading ---- */

static void test_never_fetched(void **state)
{
	(void)state;
	peer_and_home();
	tip_store *home = open_store(), *p = NULL;
	tip_peer_state st;
	expect_ok(tip_peer_state_read(&st, home, "portsmouth"));
	assert_string_equal(st.commit, "");
	assert_int_equal(st.fetched_at, 0);
	tip_error *err = tip_peer_open(&p, &st, home, "portsmouth");
	assert_true(tip_error_is(err, TIP_ENOTFOUND));
	expect_error(err, "peer 'portsmouth' was never fetched: run tip peers fetch portsmouth");
	assert_null(p);
	expect_error(tip_peer_state_read(&st, home, "../x"), "'../x' cannot name a peer");
	tip_store_free(home);
}

/* The peer's records are read with its own schema, which lacks the home's level. */
static void test_read_with_own_schemas(void **state)
{
	(void)state;
	peer_and_home();
	tip_store *home = open_store(), *p = NULL;
	tip_peer_fetched got = fetch_peer(home, "portsmouth", NULL);
	assert_true(got.changed);
	assert_false(got.rewritten);
	assert_string_equal(got.before.commit, "");
	in_peer("git rev-parse HEAD >../peer-head");
	assert_string_equal(got.after.commit, out("cat ../peer-head"));
	assert_true(got.after.fetched_at > 0);
	assert_int_equal(strlen(got.after.fetched_on), 10);

	tip_peer_state st;
	expect_ok(tip_peer_open(&p, &st, home, "portsmouth"));
	assert_string_equal(st.commit, got.after.commit);
	assert_string_equal(st.fetched_on, got.after.fetched_on);
	const tip_type *topic = tip_store_type_named(p, "topic");
	assert_non_null(topic);
	tip_field *fields = NULL;
	size_t count = 0;
	expect_ok(tip_subschema_fields(&fields, &count, tip_schema_root(topic->schema)));
	assert_int_equal(count, 1); /* title only: the home's schema has a level too */
	free(fields);
	tip_snapshot *snap = NULL;
	expect_ok(tip_snapshot_at_rev(&snap, p, st.commit, NULL, NULL));
	assert_int_equal(tip_snapshot_count(snap), 1);
	assert_string_equal(tip_snapshot_get(snap, 0)->id, "attachment");
	tip_snapshot_free(snap);
	tip_store_free(p);

	/* nothing of the home's working tree, index, HEAD or branches moved */
	assert_string_equal(out("git status --porcelain"), "");
	assert_string_equal(out("git for-each-ref --format='%%(refname)' refs/heads refs/remotes"),
		"refs/heads/main");
	assert_string_equal(out("test -e .git/FETCH_HEAD || echo none"), "none");
	tip_store_free(home);
}

static void test_rewritten_history(void **state)
{
	(void)state;
	peer_and_home();
	tip_store *home = open_store();
	tip_peer_fetched first = fetch_peer(home, "portsmouth", "main");
	in_peer("echo 'title: Trauma' >records/topics/trauma.yaml && git add . && "
		"git commit -qm more");
	tip_peer_fetched ahead = fetch_peer(home, "portsmouth", "main");
	assert_true(ahead.changed);
	assert_false(ahead.rewritten);
	tip_peer_fetched same = fetch_peer(home, "portsmouth", "main");
	assert_false(same.changed);
	in_peer("git reset -q --hard HEAD~1 && git commit -q --amend -m again");
	tip_peer_fetched forced = fetch_peer(home, "portsmouth", "main");
	assert_true(forced.changed);
	assert_true(forced.rewritten);
	assert_string_not_equal(forced.after.commit, first.after.commit);
	tip_store_free(home);
}

static void test_unreachable_keeps_state(void **state)
{
	(void)state;
	peer_and_home();
	tip_store *home = open_store();
	tip_peer_fetched first = fetch_peer(home, "portsmouth", NULL);
	sh("printf '1767312000\\n' >.git/tip/peers/portsmouth"); /* 2026-01-02 */
	tip_peer_setting gone = { .name = (char *)"portsmouth", .url = (char *)"/nonexistent/peer.git" };
	tip_peer_fetched got;
	tip_error *err = tip_peer_fetch(&got, home, &gone, NULL, NULL);
	assert_true(tip_error_is(err, TIP_EGIT));
	expect_error(err, "peer portsmouth has no repository at its address");
	tip_peer_state st;
	expect_ok(tip_peer_state_read(&st, home, "portsmouth"));
	assert_string_equal(st.commit, first.after.commit);
	assert_string_equal(st.fetched_on, "2026-01-02");
	tip_store_free(home);
}

static void test_peer_schemas_refused(void **state)
{
	(void)state;
	peer_and_home();
	tip_store *home = open_store(), *p = NULL;
	tip_peer_state st;
	in_peer("git rm -rq schemas && git commit -qm 'no schemas'");
	fetch_peer(home, "portsmouth", NULL);
	expect_error(tip_peer_open(&p, &st, home, "portsmouth"),
		"peer 'portsmouth' has no schemas/ folder in its fetched commit");
	in_peer("mkdir -p schemas && printf 'type: object\\nproprties: {}\\n' "
		">schemas/topic.schema.yaml && git add . && git commit -qm broken");
	fetch_peer(home, "portsmouth", NULL);
	expect_error(tip_peer_open(&p, &st, home, "portsmouth"),
		"peer 'portsmouth': schemas/topic.schema.yaml");
	assert_null(p);
	tip_store_free(home);
}

/* tip init's schemas, whose $refs name common.schema.yaml beside them, fetched into a linked
 * worktree of a clone: the refs and the time of the fetch are the whole clone's. */
static void test_shared_definitions_in_a_worktree(void **state)
{
	(void)state;
	new_repo();
	snprintf(peer, sizeof(peer), "%s", repo);
	sh("mkdir schemas && cp '%s'/schemas/*.schema.yaml schemas/ && git add . && "
	   "git commit -qm start", source_root());
	new_repo();
	sh("git commit -q --allow-empty -m start && git worktree add -q ../linked -b linked");
	char main_repo[PATH_MAX];
	snprintf(main_repo, sizeof(main_repo), "%s", repo);
	snprintf(repo, sizeof(repo), "%s", fixture_path("linked"));
	tip_store *home = open_store(), *p = NULL;
	tip_peer_fetched got = fetch_peer(home, "hampshire", NULL);
	tip_peer_state st;
	expect_ok(tip_peer_open(&p, &st, home, "hampshire"));
	const tip_type *course = tip_store_type_named(p, "course");
	assert_non_null(course);
	assert_non_null(course->schema);
	assert_null(tip_store_type_named(p, "common"));
	tip_store_free(p);
	tip_store_free(home);
	snprintf(repo, sizeof(repo), "%s", main_repo);
	assert_string_equal(out("git rev-parse refs/tip/peers/hampshire"), got.after.commit);
	assert_string_equal(out("test -s .git/tip/peers/hampshire && echo kept"), "kept");
}

int main(void)
{
	fixture_start("peers");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_never_fetched),
		cmocka_unit_test(test_read_with_own_schemas),
		cmocka_unit_test(test_rewritten_history),
		cmocka_unit_test(test_unreachable_keeps_state),
		cmocka_unit_test(test_peer_schemas_refused),
		cmocka_unit_test(test_shared_definitions_in_a_worktree),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
