/* Unit tests for the read side of the records repository (lib/store.c): finding the
 * repository from a folder, bare repositories, paths relative to the root, the record types of
 * schemas/ (shared definitions left out, schemas that do not compile, folders two types claim,
 * references to types that do not exist) and the ids of their records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <git2.h>

#include "repo_fixture.h"

static const char topic_schema[] =
	"type: object\n"
	"properties:\n"
	"  title: {type: string}\n"
	"  see: {type: string, x-tip-ref: topic}\n";

static const char person_schema[] =
	"type: object\n"
	"x-tip-collection: people\n"
	"properties:\n"
	"  name: {type: string, x-tip-personal: true}\n";

/* Two types, topic (records/topics) and person (records/people), and shared definitions. */
static void typed_repo(void)
{
	new_repo();
	put("schemas/topic.schema.yaml", topic_schema);
	put("schemas/person.schema.yaml", person_schema);
	put("schemas/common.schema.yaml", "$defs:\n  text: {type: string}\n");
}

/* ---- opening ---- */

static void test_open_finds_the_root_from_a_subfolder(void **state)
{
	(void)state;
	new_repo();
	sh("mkdir -p records/topics");
	char sub[PATH_MAX];
	snprintf(sub, sizeof(sub), "%.4000s/records/topics", repo);
	tip_store *store = NULL;
	expect_ok(tip_store_open(&store, sub));
	char *real = realpath(repo, NULL);
	assert_string_equal(tip_store_root(store), real);
	free(real);
	assert_false(tip_store_is_bare(store));
	/* no types until they are loaded */
	assert_int_equal(tip_store_type_count(store), 0);
	assert_null(tip_store_type_at(store, 0));
	tip_store_free(store);
}

/* A pack file is mapped a little at a time, so that what reading maps of it stays small in
 * the resident set however large the pack is. */
static void test_open_maps_packs_a_little_at_a_time(void **state)
{
	(void)state;
	new_repo();
	tip_store *store = NULL;
	expect_ok(tip_store_open(&store, repo));
	size_t window = 0, limit = 0;
	git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, &window);
	git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &limit);
	assert_true(window <= (size_t)1 << 20);
	assert_true(limit <= (size_t)4 << 20);
	tip_store_free(store);
}

static void test_open_outside_a_repository(void **state)
{
	(void)state;
	new_folder();
	tip_store *store = (tip_store *)&store;
	expect_error(tip_store_open(&store, repo), "not in a git repository (or any parent "
						   "folder) at '");
	assert_null(store);
	expect_error(tip_store_open(&store, repo), "create one with 'tip init'");
	expect_error(tip_store_open_history(&store, repo), "not in a git repository");
	assert_null(store);
}

/* A bare repository has history but no working tree: only history opens it, with the types
 * of the schemas in HEAD's tree. */
static void test_bare_repository(void **state)
{
	(void)state;
	typed_repo();
	const char *bare = fixture_path("bare.git");
	sh("git add . && git commit -qm one && git clone -q --bare . '%s'", bare);
	tip_store *store = NULL;
	expect_error(tip_store_open(&store, bare), "is a bare repository, with no working tree");
	assert_null(store);
	expect_ok(tip_store_open_history(&store, bare));
	assert_true(tip_store_is_bare(store));
	assert_null(tip_store_root(store));
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	assert_int_equal(tip_diag_list_count(findings), 0);
	assert_int_equal(tip_store_type_count(store), 2);
	assert_string_equal(tip_store_type_at(store, 0)->name, "person");
	assert_non_null(tip_store_type_at(store, 0)->schema);
	char *rel = NULL;
	expect_error(tip_store_relative_path(&rel, store, "."), "a bare repository has no "
								"working tree");
	assert_null(rel);
	expect_error(tip_store_check_path(store, "records", false), "a bare repository");
	assert_false(tip_store_has_record(store, "topic", "a"));
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* ---- paths ---- */

static void test_relative_path(void **state)
{
	(void)state;
	new_repo();
	sh("mkdir -p records/topics && : >records/topics/a.yaml");
	tip_store *store = open_store();
	char *rel = NULL;
	expect_ok(tip_store_relative_path(&rel, store, repo));
	assert_string_equal(rel, ".");
	free(rel);
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%.4000s/records/topics/../topics/a.yaml", repo);
	expect_ok(tip_store_relative_path(&rel, store, path));
	assert_string_equal(rel, "records/topics/a.yaml");
	free(rel);
	snprintf(path, sizeof(path), "%.4000s/records/topics/missing.yaml", repo);
	expect_error(tip_store_relative_path(&rel, store, path), "cannot open '");
	assert_null(rel);
	/* outside: the repository's parent, and a sibling whose name starts with the root's */
	snprintf(path, sizeof(path), "%.4000s/..", repo);
	expect_error(tip_store_relative_path(&rel, store, path), "is outside the repository at '");
	snprintf(path, sizeof(path), "%.4000s-sibling", repo);
	assert_int_equal(mkdir(path, 0777), 0);
	expect_error(tip_store_relative_path(&rel, store, path), "is outside the repository");
	assert_null(rel);
	tip_store_free(store);
}

static void test_links_are_refused(void **state)
{
	(void)state;
	typed_repo();
	sh("mkdir -p records/topics elsewhere && printf 'title: A\\n' >elsewhere/a.yaml && "
	   "ln -s ../../elsewhere/a.yaml records/topics/a.yaml && ln -s elsewhere records/people");
	tip_store *store = open_loaded_store();
	expect_ok(tip_store_check_path(store, "records", false));
	expect_error(tip_store_check_path(store, "records/topics/a.yaml", true), "link");
	expect_error(tip_store_check_path(store, "records/people", false), "link");
	expect_error(tip_store_check_path(store, "records", true), "folder");
	char *rel = NULL;
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%.4000s/records/topics/a.yaml", repo);
	expect_error(tip_store_relative_path(&rel, store, path), "link");
	assert_null(rel);
	/* the records of a folder that is a link are not listed */
	expect_error(tip_store_list_records(store), "records/people");
	tip_store_free(store);
}

/* ---- types ---- */

static void test_types_sorted_without_shared_definitions(void **state)
{
	(void)state;
	typed_repo();
	put("schemas/notes.txt", "not a schema\n");
	sh("mkdir -p schemas/folder.schema.yaml");
	tip_store *store = open_loaded_store();
	assert_int_equal(tip_store_type_count(store), 2);
	const tip_type *person = tip_store_type_at(store, 0), *topic = tip_store_type_at(store, 1);
	assert_string_equal(person->name, "person");
	assert_string_equal(person->collection, "people");
	assert_string_equal(person->schema_file, "schemas/person.schema.yaml");
	assert_non_null(person->schema);
	assert_string_equal(topic->name, "topic");
	assert_string_equal(topic->collection, "topics");
	assert_ptr_equal(tip_store_type_named(store, "topic"), topic);
	assert_null(tip_store_type_named(store, "common"));
	assert_null(tip_store_type_named(store, "t"));
	assert_ptr_equal(tip_store_type_for_collection(store, "people"), person);
	assert_null(tip_store_type_for_collection(store, "persons"));
	assert_null(tip_store_type_at(store, 2));
	/* ids are not listed until asked for */
	assert_null(topic->ids);
	assert_int_equal(topic->id_count, 0);
	tip_store_free(store);
}

static void test_no_schemas_folder(void **state)
{
	(void)state;
	new_repo();
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	assert_int_equal(tip_store_type_count(store), 0);
	assert_int_equal(tip_diag_list_count(findings), 0);
	expect_ok(tip_store_list_records(store));
	assert_false(tip_store_has_record(store, "topic", "a"));
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* A schema that does not compile is a finding about its file; its type stays, without a
 * schema, named after its file, its folder the plural. */
static void test_schema_that_does_not_compile(void **state)
{
	(void)state;
	typed_repo();
	put("schemas/topic.schema.yaml", "type: object\nproperties:\n  title: {type: 12}\n");
	put("schemas/broken.schema.yaml", "type: [object\n");
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	assert_int_equal(tip_store_type_count(store), 3);
	const tip_type *topic = tip_store_type_named(store, "topic");
	assert_non_null(topic);
	assert_null(topic->schema);
	assert_string_equal(topic->collection, "topics");
	assert_non_null(tip_store_type_named(store, "person")->schema);
	const char *text = findings_text(findings);
	assert_non_null(strstr(text, "schemas/topic.schema.yaml:0:0: schema: "));
	assert_non_null(strstr(text, "schemas/broken.schema.yaml:"));
	/* findings name files relative to the root, never by the absolute path */
	assert_null(strstr(text, repo));
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static void test_reference_to_a_type_that_does_not_exist(void **state)
{
	(void)state;
	typed_repo();
	put("schemas/person.schema.yaml",
		"type: object\nx-tip-collection: people\nproperties:\n"
		"  topic: {type: string, x-tip-ref: subject}\n");
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	assert_string_equal(findings_text(findings),
		"schemas/person.schema.yaml:0:0: x-tip-ref: x-tip-ref names type \"subject\", "
		"which has no schemas/subject.schema.yaml");
	assert_non_null(tip_store_type_named(store, "person")->schema);
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* Two types that keep their records in one folder: neither keeps its schema. */
static void test_two_types_in_one_folder(void **state)
{
	(void)state;
	typed_repo();
	put("schemas/subject.schema.yaml",
		"type: object\nx-tip-collection: topics\nproperties:\n  title: {type: string}\n");
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_store_load_types(store, findings));
	assert_int_equal(tip_diag_list_count(findings), 1);
	const char *text = findings_text(findings);
	assert_non_null(strstr(text, "schemas/subject.schema.yaml:0:0: x-tip-collection: types "
				     "\"subject\" (schemas/subject.schema.yaml) and \"topic\" "
				     "(schemas/topic.schema.yaml) both keep their records in "
				     "records/topics/"));
	assert_null(tip_store_type_named(store, "subject")->schema);
	assert_null(tip_store_type_named(store, "topic")->schema);
	assert_non_null(tip_store_type_named(store, "person")->schema);
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static void test_schemas_folder_that_is_a_link(void **state)
{
	(void)state;
	new_repo();
	sh("mkdir elsewhere && printf 'type: object\\n' >elsewhere/topic.schema.yaml && "
	   "ln -s elsewhere schemas");
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_error(tip_store_load_types(store, findings), "schemas");
	assert_int_equal(tip_store_type_count(store), 0);
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* ---- records ---- */

static void test_list_records(void **state)
{
	(void)state;
	typed_repo();
	put("records/topics/b.yaml", "title: B\n");
	put("records/topics/a-b.yaml", "title: A-B\n");
	put("records/topics/a.yaml", "title: A\n");
	put("records/topics/.hidden.yaml", "title: H\n");
	put("records/topics/notes.txt", "not a record\n");
	put("records/topics/c.yml", "title: C\n");
	sh("mkdir records/topics/folder.yaml");
	tip_store *store = open_loaded_store();
	/* before listing, a record is looked for as a file */
	assert_true(tip_store_has_record(store, "topic", "b"));
	assert_false(tip_store_has_record(store, "topic", "folder"));
	assert_false(tip_store_has_record(store, "topic", "../topics/b"));
	assert_false(tip_store_has_record(store, "person", "b"));
	assert_false(tip_store_has_record(store, "widget", "b"));
	expect_ok(tip_store_list_records(store));
	const tip_type *topic = tip_store_type_named(store, "topic");
	assert_int_equal(topic->id_count, 3);
	assert_string_equal(topic->ids[0], "a");
	assert_string_equal(topic->ids[1], "a-b");
	assert_string_equal(topic->ids[2], "b");
	/* a type whose folder does not exist has no records */
	assert_int_equal(tip_store_type_named(store, "person")->id_count, 0);
	assert_true(tip_store_has_record(store, "topic", "a"));
	assert_true(tip_store_has_record(store, "topic", "a-b"));
	assert_false(tip_store_has_record(store, "topic", "c"));
	assert_false(tip_store_has_record(store, "topic", ".hidden"));
	assert_false(tip_store_has_record(store, "topic", "folder"));
	assert_false(tip_store_has_record(store, "person", "a"));
	/* listed once: a file added since is not seen */
	put("records/topics/d.yaml", "title: D\n");
	expect_ok(tip_store_list_records(store));
	assert_int_equal(topic->id_count, 3);
	assert_false(tip_store_has_record(store, "topic", "d"));
	tip_store_free(store);
}

/* Enough records that the id set grows past its first size and its slots collide. */
static void test_many_records(void **state)
{
	(void)state;
	typed_repo();
	sh("mkdir -p records/topics && cd records/topics && "
	   "for i in $(seq 1 300); do printf 'title: T\\n' >t$i.yaml; done");
	tip_store *store = open_loaded_store();
	expect_ok(tip_store_list_records(store));
	assert_int_equal(tip_store_type_named(store, "topic")->id_count, 300);
	char id[16];
	for (int i = 1; i <= 300; i++) {
		snprintf(id, sizeof(id), "t%d", i);
		assert_true(tip_store_has_record(store, "topic", id));
	}
	assert_false(tip_store_has_record(store, "topic", "t0"));
	assert_false(tip_store_has_record(store, "topic", "t301"));
	tip_store_free(store);
}

int main(void)
{
	fixture_start("store");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_finds_the_root_from_a_subfolder),
		cmocka_unit_test(test_open_maps_packs_a_little_at_a_time),
		cmocka_unit_test(test_open_outside_a_repository),
		cmocka_unit_test(test_bare_repository),
		cmocka_unit_test(test_relative_path),
		cmocka_unit_test(test_links_are_refused),
		cmocka_unit_test(test_types_sorted_without_shared_definitions),
		cmocka_unit_test(test_no_schemas_folder),
		cmocka_unit_test(test_schema_that_does_not_compile),
		cmocka_unit_test(test_reference_to_a_type_that_does_not_exist),
		cmocka_unit_test(test_two_types_in_one_folder),
		cmocka_unit_test(test_schemas_folder_that_is_a_link),
		cmocka_unit_test(test_list_records),
		cmocka_unit_test(test_many_records),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
