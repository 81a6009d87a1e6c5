/* Unit tests for checking records (lib/validate.c): every record of a repository or those at
 * paths, against their schemas, id rules and references; where files lie (layout); records that
 * do not load; the counts; the references to one record; what changed since a commit; and
 * documents against a schema file of their own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "repo_fixture.h"
#include "validate.h"

/* A note has a title and may name another note (see) and a tag; a tag has a name. */
static void typed_repo(void)
{
	new_repo();
	put("schemas/note.schema.yaml",
		"type: object\n"
		"required: [title]\n"
		"additionalProperties: false\n"
		"properties:\n"
		"  title: {type: string}\n"
		"  see: {type: string, x-tip-ref: note}\n"
		"  tag: {type: string, x-tip-ref: tag}\n");
	put("schemas/tag.schema.yaml",
		"type: object\nrequired: [name]\nproperties:\n  name: {type: string}\n");
}

static void valid_records(void)
{
	typed_repo();
	put("records/notes/a.yaml", "title: A\nsee: b\ntag: red\n");
	put("records/notes/b.yaml", "title: B\n");
	put("records/tags/red.yaml", "name: Red\n");
}

/* Validates paths (absolute, below the repository; none: every record) in a store of its own;
 * returns the findings as text and the counts. */
static const char *validate(tip_validate_counts *counts, const char *const *names, size_t n)
{
	char paths[4][PATH_MAX];
	const char *list[4];
	assert_true(n <= 4);
	for (size_t i = 0; i < n; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%.3000s/%s", repo, names[i]);
		list[i] = paths[i];
	}
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	tip_validate_counts ignored;
	expect_ok(tip_validate_repository(store, list, n, findings, counts ? counts : &ignored));
	if (!counts)
		tip_validate_counts_dispose(&ignored);
	const char *text = findings_text(findings);
	tip_diag_list_free(findings);
	tip_store_free(store);
	return text;
}

static void test_valid_records_and_counts(void **state)
{
	(void)state;
	valid_records();
	tip_validate_counts counts;
	assert_string_equal(validate(&counts, NULL, 0), "");
	assert_int_equal(counts.records, 3);
	assert_int_equal(counts.type_count, 2);
	assert_int_equal(counts.per_type[0], 2); /* note */
	assert_int_equal(counts.per_type[1], 1); /* tag */
	tip_validate_counts_dispose(&counts);
	assert_null(counts.per_type);
	assert_int_equal(counts.records, 0);
}

/* No schemas, no records, not even a commit: nothing to check, and nothing wrong. */
static void test_empty_repository(void **state)
{
	(void)state;
	new_repo();
	tip_validate_counts counts;
	assert_string_equal(validate(&counts, NULL, 0), "");
	assert_int_equal(counts.records, 0);
	assert_int_equal(counts.type_count, 0);
	tip_validate_counts_dispose(&counts);
	/* records without schemas: each folder is claimed by none */
	put("records/notes/a.yaml", "title: A\n");
	assert_string_equal(validate(NULL, NULL, 0),
		"records/notes/a.yaml:0:0: layout: no schema claims the folder records/notes: add "
		"schemas/<type>.schema.yaml for it, or move the file");
}

static void test_schema_findings(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/b.yaml", "title: 12\ncolour: blue\n");
	put("records/tags/red.yaml", "label: Red\n");
	const char *text = validate(NULL, NULL, 0);
	assert_non_null(strstr(text, "records/notes/b.yaml:1:8: type: "));
	assert_non_null(strstr(text, "records/notes/b.yaml:2:1: additionalProperties: "));
	assert_non_null(strstr(text, "records/tags/red.yaml:1:1: required: "));
	assert_non_null(strstr(text, "\"name\""));
	assert_null(strstr(text, "records/notes/a.yaml"));
}

static void test_broken_references(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/a.yaml", "title: A\nsee: gone\ntag: blue\n");
	const char *text = validate(NULL, NULL, 0);
	assert_non_null(strstr(text, "records/notes/a.yaml:2:6: x-tip-ref: "));
	assert_non_null(strstr(text, "\"gone\""));
	assert_non_null(strstr(text, "records/notes/a.yaml:3:6: x-tip-ref: "));
	assert_non_null(strstr(text, "\"blue\""));
	/* a reference is resolved against every record, even when only one is checked */
	put("records/notes/a.yaml", "title: A\nsee: b\n");
	const char *one[] = { "records/notes/a.yaml" };
	assert_string_equal(validate(NULL, one, 1), "");
}

/* A record that does not load is a finding (and counted); the others are still checked. */
static void test_record_that_does_not_load(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/c.yaml", "title: [C\n");
	put("records/notes/d.yaml", "title: D\nbad: x\n");
	put("records/notes/e.yaml", "");
	tip_validate_counts counts;
	const char *text = validate(&counts, NULL, 0);
	assert_non_null(strstr(text, "records/notes/c.yaml:"));
	assert_non_null(strstr(text, "records/notes/d.yaml:2:1: additionalProperties"));
	assert_non_null(strstr(text, "records/notes/e.yaml:"));
	assert_int_equal(counts.records, 6);
	tip_validate_counts_dispose(&counts);
}

static void test_invalid_ids(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/Bad_Id.yaml", "title: X\n");
	const char *text = validate(NULL, NULL, 0);
	assert_non_null(strstr(text, "records/notes/Bad_Id.yaml:0:0: id: file name \"Bad_Id\" is "
				     "not a valid record id: "));
}

static void test_layout_findings(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/c.yml", "title: C\n");
	put("records/loose.yaml", "title: L\n");
	put("records/notes/deeper/x.yaml", "title: X\n");
	put("records/widgets/w.yaml", "title: W\n");
	put("records/notes/readme.txt", "about notes\n");
	sh("mkdir -p records/notes/f.yaml && : >records/notes/f.yaml/inside");
	assert_string_equal(validate(NULL, NULL, 0),
		"records/loose.yaml:0:0: layout: not where a record lives: records are "
		"records/<collection>/<id>.yaml\n"
		"records/notes/c.yml:0:0: layout: records use the .yaml extension, not .yml\n"
		"records/notes/deeper/x.yaml:0:0: layout: not where a record lives: records are "
		"records/<collection>/<id>.yaml\n"
		"records/notes/f.yaml:0:0: layout: a folder, not a record file: records are files "
		"records/<collection>/<id>.yaml; move what it holds and remove the folder\n"
		"records/widgets/w.yaml:0:0: layout: no schema claims the folder records/widgets: "
		"add schemas/<type>.schema.yaml for it, or move the file");
	/* a file that is no record is passed over in a folder, but named, it is a finding */
	const char *named[] = { "records/notes/readme.txt" };
	assert_string_equal(validate(NULL, named, 1),
		"records/notes/readme.txt:0:0: layout: not a record: records are "
		"records/<collection>/<id>.yaml");
}

/* The temporary file a stopped write leaves beside a record is named, as a warning. */
static void test_leftover_temporary_file(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/.a.yaml.tip-123-4", "title: half\n");
	put("records/notes/.a.yaml.tip-x-4", "not ours\n");
	put("records/notes/.hidden", "ignored\n");
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_validate_repository(store, NULL, 0, findings, NULL));
	assert_int_equal(tip_diag_list_count(findings), 1);
	const tip_finding *f = tip_diag_list_get(findings, 0);
	assert_string_equal(f->file, "records/notes/.a.yaml.tip-123-4");
	assert_string_equal(f->keyword, "leftover");
	assert_int_equal(f->severity, TIP_SEVERITY_WARNING);
	assert_non_null(strstr(f->message, "when no tip command is running, remove it"));
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static void test_paths(void **state)
{
	(void)state;
	valid_records();
	put("records/tags/blue.yaml", "label: Blue\n");
	put("records/notes/c.yaml", "see: a\n");
	/* a folder: the records below it only */
	tip_validate_counts counts;
	const char *tags[] = { "records/tags" };
	const char *text = validate(&counts, tags, 1);
	assert_non_null(strstr(text, "records/tags/blue.yaml:1:1: required"));
	assert_null(strstr(text, "records/notes"));
	assert_int_equal(counts.records, 2);
	assert_int_equal(counts.per_type[0], 0);
	assert_int_equal(counts.per_type[1], 2);
	tip_validate_counts_dispose(&counts);
	/* two files */
	const char *two[] = { "records/notes/a.yaml", "records/notes/c.yaml" };
	text = validate(&counts, two, 2);
	assert_non_null(strstr(text, "records/notes/c.yaml:1:1: required"));
	assert_null(strstr(text, "records/tags"));
	assert_int_equal(counts.records, 2);
	tip_validate_counts_dispose(&counts);
	/* the root: every record */
	const char *root[] = { "." };
	validate(&counts, root, 1);
	assert_int_equal(counts.records, 5);
	tip_validate_counts_dispose(&counts);
	/* schemas are checked when the types load, not as records */
	const char *schema[] = { "schemas/note.schema.yaml" };
	assert_string_equal(validate(&counts, schema, 1), "");
	assert_int_equal(counts.records, 0);
	tip_validate_counts_dispose(&counts);
}

static void test_path_that_does_not_exist(void **state)
{
	(void)state;
	valid_records();
	char path[PATH_MAX];
	snprintf(path, sizeof(path), "%.4000s/records/notes/missing.yaml", repo);
	const char *list[] = { path };
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_error(tip_validate_repository(store, list, 1, findings, NULL),
		"records/notes/missing.yaml");
	snprintf(path, sizeof(path), "%.4000s/..", repo);
	expect_error(tip_validate_repository(store, list, 1, findings, NULL),
		"is outside the repository");
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* The types are loaded when the store has none: a schema that does not compile is a finding
 * and its records are checked only as YAML. */
static void test_loads_the_types(void **state)
{
	(void)state;
	valid_records();
	put("schemas/tag.schema.yaml", "type: object\nrequired: 12\n");
	put("records/tags/blue.yaml", "label: Blue\n");
	put("records/tags/green.yaml", "label: [Green\n");
	tip_validate_counts counts;
	const char *text = validate(&counts, NULL, 0);
	assert_non_null(strstr(text, "schemas/tag.schema.yaml:0:0: schema: "));
	assert_null(strstr(text, "records/tags/blue.yaml"));
	assert_non_null(strstr(text, "records/tags/green.yaml:"));
	assert_int_equal(counts.records, 5);
	tip_validate_counts_dispose(&counts);
}

/* What removing a record would break: the references to it, and nothing else. */
static void test_referrers(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/c.yaml", "title: C\nsee: b\nextra: 1\n");
	put("records/notes/d.yaml", "title: D\nsee: gone\n");
	tip_store *store = open_loaded_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_validate_referrers(store, "note", "b", findings));
	const char *text = findings_text(findings);
	assert_non_null(strstr(text, "records/notes/a.yaml:2:6: x-tip-ref: "));
	assert_non_null(strstr(text, "records/notes/c.yaml:2:6: x-tip-ref: "));
	assert_int_equal(tip_diag_list_count(findings), 2);
	tip_diag_list_free(findings);
	findings = new_findings();
	expect_ok(tip_validate_referrers(store, "note", "a", findings));
	assert_int_equal(tip_diag_list_count(findings), 0);
	expect_ok(tip_validate_referrers(store, "tag", "red", findings));
	assert_string_equal(findings_text(findings),
		"records/notes/a.yaml:3:6: x-tip-ref: \"red\" is not an existing tag");
	tip_diag_list_free(findings);
	tip_store_free(store);
}

static const char *changed_since(tip_validate_counts *counts, const char *rev)
{
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_ok(tip_validate_changed_since(store, rev, NULL, 0, findings, counts));
	const char *text = findings_text(findings);
	tip_diag_list_free(findings);
	tip_store_free(store);
	return text;
}

/* Only the findings of records that changed, or that refer to one that did, count. */
static void test_changed_since(void **state)
{
	(void)state;
	valid_records();
	put("records/notes/old.yaml", "title: Old\nextra: 1\n");
	sh("git add . && git commit -qm one");
	tip_validate_counts counts;
	assert_string_equal(changed_since(&counts, "HEAD"), "");
	assert_int_equal(counts.records, 4);
	assert_int_equal(counts.in_scope, 0);
	tip_validate_counts_dispose(&counts);
	/* b removed: a refers to it; a new record with a finding; old.yaml stays quiet */
	sh("git rm -q records/notes/b.yaml");
	put("records/notes/new.yaml", "title: 3\nextra: 2\n");
	put("records/widgets/w.yaml", "title: W\n");
	const char *text = changed_since(&counts, "HEAD");
	assert_non_null(strstr(text, "records/notes/a.yaml:2:6: x-tip-ref"));
	assert_non_null(strstr(text, "records/notes/new.yaml:2:1: additionalProperties"));
	assert_non_null(strstr(text, "records/widgets/w.yaml:0:0: layout"));
	assert_null(strstr(text, "old.yaml"));
	assert_int_equal(counts.records, 4);
	assert_int_equal(counts.in_scope, 2);
	tip_validate_counts_dispose(&counts);
	/* a changed schema puts its type's records in scope */
	sh("git reset -q --hard && rm -r records/notes/new.yaml records/widgets && "
	   "printf '\\n' >>schemas/note.schema.yaml");
	text = changed_since(&counts, "HEAD");
	assert_non_null(strstr(text, "records/notes/old.yaml:2:1: additionalProperties"));
	assert_int_equal(counts.in_scope, 3);
	tip_validate_counts_dispose(&counts);
	/* a shared definitions file: every record */
	sh("git checkout -q -- . && printf '$defs: {}\\n' >schemas/common.schema.yaml");
	changed_since(&counts, "HEAD");
	assert_int_equal(counts.in_scope, 4);
	tip_validate_counts_dispose(&counts);
	tip_store *store = open_store();
	tip_diag_list *findings = new_findings();
	expect_error(tip_validate_changed_since(store, "nowhere", NULL, 0, findings, &counts),
		"nowhere");
	tip_diag_list_free(findings);
	tip_store_free(store);
}

/* Any document, any root, against a schema file named by path. */
static void test_with_schema(void **state)
{
	(void)state;
	new_folder();
	put("list.schema.yaml", "type: array\nitems: {type: integer}\n");
	put("good.json", "[1, 2, 3]\n");
	put("bad.yaml", "- 1\n- two\n");
	put("broken.yaml", "[1, 2\n");
	char schema[PATH_MAX], good[PATH_MAX], bad[PATH_MAX], broken[PATH_MAX];
	snprintf(schema, sizeof(schema), "%.4000s/list.schema.yaml", repo);
	snprintf(good, sizeof(good), "%.4000s/good.json", repo);
	snprintf(bad, sizeof(bad), "%.4000s/bad.yaml", repo);
	snprintf(broken, sizeof(broken), "%.4000s/broken.yaml", repo);
	const char *files[] = { good, bad, broken };
	tip_diag_list *findings = new_findings();
	expect_ok(tip_validate_with_schema(schema, files, 3, findings));
	assert_int_equal(tip_diag_list_count(findings), 2);
	const char *text = findings_text(findings);
	assert_non_null(strstr(text, "/bad.yaml:2:3: type: "));
	assert_non_null(strstr(text, "/broken.yaml:"));
	assert_null(strstr(text, "good.json"));
	tip_diag_list_free(findings);
	/* a schema that does not compile is an error, not a finding */
	put("list.schema.yaml", "type: 12\n");
	findings = new_findings();
	expect_error(tip_validate_with_schema(schema, files, 1, findings), "list.schema.yaml");
	assert_int_equal(tip_diag_list_count(findings), 0);
	snprintf(schema, sizeof(schema), "%.4000s/none.schema.yaml", repo);
	expect_error(tip_validate_with_schema(schema, files, 1, findings), "none.schema.yaml");
	tip_diag_list_free(findings);
}

int main(void)
{
	fixture_start("validate");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_records_and_counts),
		cmocka_unit_test(test_empty_repository),
		cmocka_unit_test(test_schema_findings),
		cmocka_unit_test(test_broken_references),
		cmocka_unit_test(test_record_that_does_not_load),
		cmocka_unit_test(test_invalid_ids),
		cmocka_unit_test(test_layout_findings),
		cmocka_unit_test(test_leftover_temporary_file),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_path_that_does_not_exist),
		cmocka_unit_test(test_loads_the_types),
		cmocka_unit_test(test_referrers),
		cmocka_unit_test(test_changed_since),
		cmocka_unit_test(test_with_schema),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	fixture_end();
	return failed;
}
