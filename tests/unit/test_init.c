/* Unit tests for setting up a records repository (lib/init.c): in a new folder, an empty
 * repository or one with history; files that exist kept as they are; the refusals (schemas/
 * or records/ taken, inside another repository, bare, GIT_DIR, no identity), each with nothing
 * changed; and which files are tip init's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "init.h"
#include "merge_setup.h"
#include "repo_fixture.h"
#include "validate.h"

static const char init_files[] =
	".gitattributes\n"
	".github/workflows/tip.yaml\n"
	".vscode/settings.json\n"
	"records/actions/.gitkeep\n"
	"records/champions/.gitkeep\n"
	"records/courses/.gitkeep\n"
	"records/definitions/.gitkeep\n"
	"schemas/action.schema.yaml\n"
	"schemas/champion.schema.yaml\n"
	"schemas/common.schema.yaml\n"
	"schemas/course.schema.yaml\n"
	"schemas/definition.schema.yaml\n"
	"tip.yaml";

static void init_ok(tip_init_result *result, const char *dir)
{
	expect_ok(tip_init(result, dir));
	assert_string_equal(result->types, "action, champion, course, definition");
}

/* The repository tip init left: its types load and validate with no finding. */
static void assert_usable(void)
{
	tip_store *store = open_loaded_store();
	assert_int_equal(tip_store_type_count(store), 4);
	assert_string_equal(tip_store_type_named(store, "champion")->collection, "champions");
	tip_diag_list *findings = new_findings();
	expect_ok(tip_validate_repository(store, NULL, 0, findings, NULL));
	assert_string_equal(findings_text(findings), "");
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static void test_new_folder(void **state)
{
	(void)state;
	new_folder();
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%.4000s/city/tip", repo);
	tip_init_result result;
	init_ok(&result, dir);
	assert_true(result.created_repository);
	assert_null(result.kept);
	tip_init_result_dispose(&result);
	assert_null(result.types);
	snprintf(repo, sizeof(repo), "%s", dir);
	assert_string_equal(out("git log --format=%%B"),
		"init: tip records repository\n\nTip-Action: init\n");
	assert_string_equal(out("git ls-tree -r --name-only HEAD"), init_files);
	assert_string_equal(out("git status --porcelain -uall"), "");
	assert_string_equal(out("git log -1 --format='%%an <%%ae>'"),
		"Test Author <author@example.org>");
	assert_string_equal(out("cat tip.yaml | grep -v '^#'"), "quarters: financial");
	assert_string_equal(out("grep -c schema.yaml .vscode/settings.json"), "4");
	/* records merge with tip merge-file: named for them, and set up in the config */
	assert_string_equal(out("cat .gitattributes"), "records/**/*.yaml merge=tip");
	assert_string_equal(out("git config merge.tip.driver"), TIP_MERGE_DRIVER);
	assert_non_null(strstr(TIP_MERGE_DRIVER, "then tip merge-file --path %P %O %A %B;"));
	assert_string_equal(out("grep -c common .vscode/settings.json || true"), "0");
	assert_string_equal(out("grep '\"./schemas/champion' .vscode/settings.json"),
		"    \"./schemas/champion.schema.yaml\": \"records/champions/*.yaml\",");
	/* the schemas are the ones tip is built with */
	sh("diff -r schemas '%.4000s/schemas' >/dev/null", source_root());
	assert_usable();
}

/* A relative folder is taken from the current one. */
static void test_relative_folder(void **state)
{
	(void)state;
	new_folder();
	char cwd[PATH_MAX];
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(repo), 0);
	tip_init_result result;
	tip_error *err = tip_init(&result, "here");
	assert_int_equal(chdir(cwd), 0);
	expect_ok(err);
	tip_init_result_dispose(&result);
	assert_string_equal(out("git -C here log --format=%%s"), "init: tip records repository");
}

/* An existing repository: the commit goes on its history, and files there are kept. */
static void test_existing_repository(void **state)
{
	(void)state;
	new_repo();
	put("tip.yaml", "quarters: calendar\n");
	put("README.md", "our records\n");
	sh("git add . && git commit -qm mine");
	put(".vscode/settings.json", "{ \"editor.tabSize\": 8 }\n");
	tip_init_result result;
	init_ok(&result, repo);
	assert_false(result.created_repository);
	assert_string_equal(result.kept, ".vscode/settings.json, tip.yaml");
	tip_init_result_dispose(&result);
	assert_string_equal(out("git log --format=%%s"), "init: tip records repository\nmine");
	assert_string_equal(out("git diff --name-only HEAD~ HEAD | wc -l"), "11");
	assert_string_equal(out("cat tip.yaml"), "quarters: calendar");
	assert_string_equal(out("cat .vscode/settings.json"), "{ \"editor.tabSize\": 8 }");
	assert_string_equal(out("git status --porcelain -uall"), "?? .vscode/settings.json");
	assert_usable();
}

/* A repository with no commit yet: init's is the first; empty folders are no obstacle. */
static void test_unborn_branch(void **state)
{
	(void)state;
	new_repo();
	sh("mkdir -p schemas records/courses/old");
	tip_init_result result;
	init_ok(&result, repo);
	assert_false(result.created_repository);
	assert_null(result.kept);
	tip_init_result_dispose(&result);
	assert_string_equal(out("git rev-list --count HEAD"), "1");
	assert_string_equal(out("git branch --show-current"), "main");
	assert_string_equal(out("git ls-tree -r --name-only HEAD"), init_files);
}

/* Refused with text, with the folder as it was: no repository made, no file written. */
static void expect_init_refused(const char *dir, const char *text)
{
	static const char listing[] =
		"find . | sort; git rev-parse -q --verify HEAD 2>/dev/null || true";
	char saved[16384];
	snprintf(saved, sizeof(saved), "%s", out("%s", listing));
	tip_init_result result;
	memset(&result, 0xff, sizeof(result));
	expect_error(tip_init(&result, dir), text);
	assert_null(result.types);
	assert_null(result.kept);
	assert_false(result.created_repository);
	assert_string_equal(out("%s", listing), saved);
}

static void test_refuses_schemas_or_records_taken(void **state)
{
	(void)state;
	new_folder();
	put("schemas/course.schema.yaml", "type: object\n");
	char shown[PATH_MAX];
	snprintf(shown, sizeof(shown), "'%.4000s' has schemas/ already: tip init sets up a folder "
				       "that has no schemas/ or records/ yet", repo);
	expect_init_refused(repo, shown);
	sh("rm -r schemas && mkdir -p records/notes/deep && : >records/notes/deep/a.yaml");
	expect_init_refused(repo, "has records/ already");
	sh("rm -r records && : >records");
	expect_init_refused(repo, "has records/ already");
}

static void test_refuses_inside_another_repository(void **state)
{
	(void)state;
	new_repo();
	sh("git commit -q --allow-empty -m mine && mkdir sub");
	char sub[PATH_MAX];
	snprintf(sub, sizeof(sub), "%.4000s/sub/deeper", repo);
	expect_init_refused(sub, "sub/deeper' is inside the git repository '");
	expect_init_refused(sub, "run tip init in its top folder, or in a folder outside it");
	assert_string_equal(out("test -e sub/deeper || echo none"), "none");
}

static void test_refuses_a_bare_repository(void **state)
{
	(void)state;
	new_folder();
	sh("git init -q --bare .");
	expect_init_refused(repo, "is a bare repository: tip needs a working tree");
}

static void test_refuses_git_environment(void **state)
{
	(void)state;
	new_folder();
	setenv("GIT_DIR", "/nowhere/.git", 1);
	tip_init_result result;
	expect_error(tip_init(&result, repo),
		"GIT_DIR is set: tip init makes the repository of its own folder; unset GIT_DIR");
	unsetenv("GIT_DIR");
	setenv("GIT_WORK_TREE", repo, 1);
	expect_error(tip_init(&result, repo), "GIT_WORK_TREE is set");
	unsetenv("GIT_WORK_TREE");
	assert_string_equal(out("ls -A"), "");
}

/* tip_init with no identity in the environment (nor in HOME's empty configuration). */
static tip_error *init_without_identity(const char *dir)
{
	const char *names[] = { "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
		"GIT_COMMITTER_EMAIL" };
	char saved[4][128];
	for (size_t i = 0; i < 4; i++) {
		snprintf(saved[i], sizeof(saved[i]), "%s", getenv(names[i]));
		unsetenv(names[i]);
	}
	tip_init_result result;
	tip_error *err = tip_init(&result, dir);
	for (size_t i = 0; i < 4; i++)
		setenv(names[i], saved[i], 1);
	return err;
}

/* Without an identity no commit can be made: refused before a repository is created. */
static void test_refuses_without_identity(void **state)
{
	(void)state;
	new_folder();
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%.4000s/new", repo);
	expect_error(init_without_identity(dir),
		"no identity for commits: set it with git config user.name");
	assert_string_equal(out("ls -A"), "");
	/* an existing repository is left without a commit */
	sh("git init -q -b main .");
	expect_error(init_without_identity(repo), "no identity for commits");
	assert_string_equal(out("git rev-parse -q --verify HEAD || echo none"), "none");
	assert_string_equal(out("ls -A"), ".git");
}

/* A file that is in the way of one tip init writes is refused by the write, nothing changed. */
static void test_refuses_a_file_in_the_way(void **state)
{
	(void)state;
	new_repo();
	sh("git commit -q --allow-empty -m mine && : >.github");
	tip_init_result result;
	expect_error(tip_init(&result, repo), ".github");
	assert_string_equal(out("git log --format=%%s"), "mine");
	assert_string_equal(out("git status --porcelain -uall"), "?? .github");
}

static void test_init_writes(void **state)
{
	(void)state;
	const char *ours[] = { "tip.yaml", ".vscode/settings.json", ".github/workflows/tip.yaml",
		"schemas/course.schema.yaml", "schemas/common.schema.yaml",
		"records/courses/.gitkeep", "records/anything/.gitkeep" };
	for (size_t i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
		if (!tip_init_writes(ours[i]))
			fail_msg("'%s' is one of tip init's files", ours[i]);
	const char *others[] = { "README.md", "schemas/other.schema.yaml", "schemas/", "schemas",
		"records/.gitkeep", "records//.gitkeep", "records/a/b/.gitkeep",
		"records/courses/a.yaml", "records/courses/.gitkeep2", "x/tip.yaml",
		".github/workflows/other.yaml", "records/courses/.gitkeep/x", "" };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (tip_init_writes(others[i]))
			fail_msg("'%s' is not one of tip init's files", others[i]);
}

int main(void)
{
	fixture_start("init");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_folder),
		cmocka_unit_test(test_relative_folder),
		cmocka_unit_test(test_existing_repository),
		cmocka_unit_test(test_unborn_branch),
		cmocka_unit_test(test_refuses_schemas_or_records_taken),
		cmocka_unit_test(test_refuses_inside_another_repository),
		cmocka_unit_test(test_refuses_a_bare_repository),
		cmocka_unit_test(test_refuses_git_environment),
		cmocka_unit_test(test_refuses_without_identity),
		cmocka_unit_test(test_refuses_a_file_in_the_way),
		cmocka_unit_test(test_init_writes),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
