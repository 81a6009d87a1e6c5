/* Unit tests for the alignment of several authorities (lib/report/compare*.c), over the four
 * fictional authorities of tests/peers/make-authorities, each opened as a store of its own:
 * every kind of finding, matching folded (case, accents, spaces), the order of the findings,
 * what older schemas do not let us compare, and personal data kept out of every format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "compare.h"
#include "repo_fixture.h"

static char authorities[PATH_MAX]; /* the folder of the four repositories */

static int make_authorities(void **state)
{
	(void)state;
	snprintf(authorities, sizeof(authorities), "%s", fixture_path("authorities"));
	char cmd[PATH_MAX * 3];
	snprintf(cmd, sizeof(cmd), "sh '%s/tests/peers/make-authorities' '%s'", source_root(),
		authorities);
	return system(cmd) == 0 ? 0 : -1;
}

/* Adds the repository at path (its records at HEAD) as the authority name. */
static void add_repo(tip_compare *c, const char *path, const char *name)
{
	if (path != repo)
		snprintf(repo, sizeof(repo), "%s", path);
	tip_store *store = open_loaded_store();
	tip_snapshot *snapshot = NULL;
	expect_ok(tip_snapshot_at_rev(&snapshot, store, "HEAD", NULL, NULL));
	tip_compare_source source = { name, out("git rev-parse HEAD"), "2026-11-02", NULL, false };
	expect_ok(tip_compare_add(c, &source, store, snapshot));
	tip_snapshot_free(snapshot);
	tip_store_free(store);
}

/* The comparison of the example authorities named (their folders), in that order. */
static tip_compare *compare_of(const char *const *names, size_t n)
{
	tip_compare *c = NULL;
	expect_ok(tip_compare_new(&c));
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX];
		snprintf(path, sizeof(path), "%.3000s/%s", authorities, names[i]);
		add_repo(c, path, names[i]);
	}
	expect_ok(tip_compare_run(c));
	return c;
}

static tip_compare *all_four(void)
{
	static const char *const names[] = { "southampton", "hampshire", "portsmouth",
		"isle-of-wight" };
	return compare_of(names, 4);
}

/* The finding of kind about subject, or NULL. */
static const tip_compare_finding *find(const tip_compare *c, tip_compare_kind kind,
	const char *subject)
{
	for (size_t i = 0; i < tip_compare_finding_count(c); i++) {
		const tip_compare_finding *f = tip_compare_finding_at(c, i);
		if (f->kind == kind && strcmp(f->subject, subject) == 0)
			return f;
	}
	return NULL;
}

static const char *authority_of(const tip_compare *c, const tip_compare_side *s)
{
	return tip_compare_authority(c, s->authority)->name;
}

static void test_misunderstanding_with_both_reasons(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_MISUNDERSTANDING), 2);
	/* Hampshire prefers what Southampton says to avoid. */
	const tip_compare_finding *f = find(c, TIP_COMPARE_MISUNDERSTANDING, "School refusal");
	assert_non_null(f);
	assert_int_equal(f->side_count, 2);
	assert_string_equal(authority_of(c, &f->sides[0]), "hampshire");
	assert_string_equal(f->sides[0].role, "preferred");
	assert_string_equal(f->sides[0].note, "Example definition B.");
	assert_string_equal(authority_of(c, &f->sides[1]), "southampton");
	assert_string_equal(f->sides[1].role, "avoided");
	assert_string_equal(f->sides[1].id, "ebsa");
	assert_string_equal(f->sides[1].note, "Example reason, it places the blame on the child.");
	assert_string_equal(f->sides[1].instead, "Emotionally based school avoidance");
	/* An alternative label of Hampshire's that Portsmouth avoids, matched case aside; with
	 * no use_instead, the avoiding definition's own term. */
	f = find(c, TIP_COMPARE_MISUNDERSTANDING, "Trauma-informed care");
	assert_non_null(f);
	assert_string_equal(f->sides[0].role, "alternative");
	assert_string_equal(authority_of(c, &f->sides[1]), "portsmouth");
	assert_string_equal(f->sides[1].instead, "Trauma informed practice");
	/* They come first. */
	assert_int_equal(tip_compare_finding_at(c, 0)->kind, TIP_COMPARE_MISUNDERSTANDING);
	tip_compare_free(c);
}

static void test_no_misunderstanding_between_two(void **state)
{
	(void)state;
	static const char *const names[] = { "southampton", "portsmouth" };
	tip_compare *c = compare_of(names, 2);
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_MISUNDERSTANDING), 0);
	tip_compare_free(c);
}

static void test_concepts_matched_by_any_label(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	/* EBSA is an alternative label in both: one concept, two preferred terms. */
	const tip_compare_finding *f = find(c, TIP_COMPARE_PREFERRED_DIFFERS,
		"Emotionally based school avoidance");
	assert_non_null(f);
	assert_int_equal(f->side_count, 2);
	assert_string_equal(f->sides[1].value, "School refusal");
	/* The same term with other words; and one whose definitions differ only in case and
	 * spaces is no finding. */
	f = find(c, TIP_COMPARE_DEFINITION_DIFFERS, "Adverse childhood experiences");
	assert_non_null(f);
	assert_string_equal(f->sides[1].value, "Example definition C, worded differently.");
	assert_null(find(c, TIP_COMPARE_DEFINITION_DIFFERS, "Trauma informed practice"));
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_DEFINITION_DIFFERS), 1);
	/* Terms only one authority has. */
	assert_non_null(find(c, TIP_COMPARE_TERM_ONLY, "Example term S"));
	assert_non_null(find(c, TIP_COMPARE_TERM_ONLY, "Example term H"));
	assert_non_null(find(c, TIP_COMPARE_TERM_ONLY, "Emotionally based school non-attendance"));
	assert_null(find(c, TIP_COMPARE_TERM_ONLY, "Trauma informed practice"));
	tip_compare_free(c);
}

static void test_accents_and_case_do_not_count(void **state)
{
	(void)state;
	tip_compare *c = NULL;
	expect_ok(tip_compare_new(&c));
	const char *defs[2][2] = { { "Café model", "Example: one  way." },
		{ "CAFE MODEL", "example: ONE way." } };
	for (int i = 0; i < 2; i++) {
		new_repo();
		sh("cp -r '%.4000s/schemas' schemas", source_root());
		char text[256];
		snprintf(text, sizeof(text), "term: %s\ndefinition: '%s'\nstatus: agreed\n",
			defs[i][0], defs[i][1]);
		put("records/definitions/cafe.yaml", text);
		sh("git add -A && git commit -qm records");
		add_repo(c, repo, i ? "b" : "a");
	}
	expect_ok(tip_compare_run(c));
	assert_int_equal(tip_compare_finding_count(c), 0);
	tip_compare_free(c);
}

static void test_courses(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	/* Provider and title matched case aside, at three levels. */
	const tip_compare_finding *f = find(c, TIP_COMPARE_COURSE_LEVEL, "Example course A");
	assert_non_null(f);
	assert_int_equal(f->side_count, 3);
	assert_string_equal(f->sides[1].value, "enhanced");
	assert_string_equal(f->sides[1].note, "proposed");
	/* With the names the authority's schema gives its codes. */
	assert_string_equal(f->sides[1].value_title, "Enhanced");
	assert_string_equal(f->sides[1].note_title, "Proposed");
	/* The same level, agreed in Hampshire and only proposed in Southampton. */
	f = find(c, TIP_COMPARE_COURSE_AGREED, "Example course B");
	assert_non_null(f);
	assert_string_equal(f->sides[0].note, "proposed");
	assert_string_equal(f->sides[1].note, "agreed");
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_COURSE_LEVEL), 1);
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_COURSE_AGREED), 1);
	tip_compare_free(c);
}

static void test_matrix(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	const tip_compare_finding *f = find(c, TIP_COMPARE_MATRIX_GAP, "Skilled \xc3\x97 Police");
	assert_non_null(f);
	assert_int_equal(f->side_count, 4);
	assert_string_equal(f->sides[0].value, "0");
	assert_string_equal(f->sides[2].value, "1");
	/* A cell nobody covers is no finding. */
	assert_null(find(c, TIP_COMPARE_MATRIX_GAP, "Specialist \xc3\x97 Police"));
	const char *const *rows, *const *cols;
	size_t nr, nc;
	tip_compare_matrix_labels(c, &rows, &nr, &cols, &nc);
	assert_int_equal(nr, 4);
	assert_string_equal(rows[1], "skilled");
	assert_true(tip_compare_matrix_of(c, 0)->present);
	tip_compare_free(c);
}

static void test_strategy(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	assert_int_equal(tip_compare_strategy_count(c), 4);
	const tip_compare_side *s = tip_compare_strategy_at(c, 3);
	assert_string_equal(authority_of(c, s), "isle-of-wight");
	assert_string_equal(s->id, "align-with-hips");
	assert_string_equal(s->value, "ongoing");
	tip_compare_free(c);
}

static void test_older_schemas_not_compared(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	const tip_compare_finding *f = find(c, TIP_COMPARE_NOT_COMPARED,
		"definition field avoid: its schema does not have it");
	assert_non_null(f);
	assert_string_equal(authority_of(c, &f->sides[0]), "isle-of-wight");
	assert_int_equal(tip_compare_count(c, TIP_COMPARE_NOT_COMPARED), 1);
	tip_compare_free(c);
}

/* Southampton compared with name, a copy of Portsmouth changed by the shell command edit
 * (run in it) and committed. */
static tip_compare *against_changed_portsmouth(const char *name, const char *edit)
{
	sh("rm -rf '%s/%s' && cp -r '%s/portsmouth' '%s/%s'", authorities, name, authorities,
		authorities, name);
	sh("cd '%s/%s' && %s && git add -A && "
	   "git -c user.name=Example -c user.email=example@example.org commit -qm changed",
		authorities, name, edit);
	const char *const names[] = { "southampton", name };
	return compare_of(names, 2);
}

/* A record file that does not load is named, with where to learn why; a champion's never is
 * (compare does not read champions, and a peer may have made a champion's id of a name). */
static void test_unreadable_files_named(void **state)
{
	(void)state;
	tip_compare *c = against_changed_portsmouth("broken",
		"printf 'term: Example\\ndefinition: [open\\n' "
		">records/definitions/example-broken.yaml && printf 'name: [open\\n' "
		">records/champions/example-private-name.yaml");
	const tip_compare_finding *f = find(c, TIP_COMPARE_NOT_COMPARED,
		"records/definitions/example-broken.yaml does not load, so it is left out: tip "
		"validate in broken's repository says why");
	assert_non_null(f);
	assert_string_equal(authority_of(c, &f->sides[0]), "broken");
	tip_buf text = TIP_BUF_INIT;
	expect_ok(tip_compare_render(&text, c, TIP_COMPARE_JSON));
	assert_null(strstr(tip_buf_str(&text), "example-private-name"));
	tip_buf_dispose(&text);
	tip_compare_free(c);
}

/* A peer whose schema marks an action's title personal: the strategy's actions are listed by
 * id, and that the title is not shown is said. */
static void test_personal_action_title_not_shown(void **state)
{
	(void)state;
	tip_compare *c = against_changed_portsmouth("private",
		"sed -i 's/^  title:$/&\\n    x-tip-personal: true/' schemas/action.schema.yaml && "
		"sed -i 's/^title: .*/title: Planted Action Person/' "
		"records/actions/align-with-hips.yaml");
	assert_non_null(find(c, TIP_COMPARE_NOT_COMPARED, "action field title: marked personal"));
	for (int f = TIP_COMPARE_TEXT; f <= TIP_COMPARE_JSON; f++) {
		tip_buf text = TIP_BUF_INIT;
		expect_ok(tip_compare_render(&text, c, (tip_compare_format)f));
		assert_non_null(strstr(tip_buf_str(&text), "align-with-hips"));
		assert_null(strstr(tip_buf_str(&text), "Planted Action Person"));
		tip_buf_dispose(&text);
	}
	tip_compare_free(c);
}

static void test_no_personal_data_in_any_format(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	for (int f = TIP_COMPARE_TEXT; f <= TIP_COMPARE_JSON; f++) {
		tip_buf text = TIP_BUF_INIT;
		expect_ok(tip_compare_render(&text, c, (tip_compare_format)f));
		assert_non_null(strstr(tip_buf_str(&text), "School refusal"));
		assert_null(strstr(tip_buf_str(&text), "Planted Personal Name"));
		assert_null(strstr(tip_buf_str(&text), "planted-champion"));
		tip_buf_dispose(&text);
	}
	tip_compare_free(c);
}

static void test_formats(void **state)
{
	(void)state;
	tip_compare *c = all_four();
	tip_buf text = TIP_BUF_INIT;
	expect_ok(tip_compare_render(&text, c, TIP_COMPARE_JSON));
	assert_non_null(strstr(tip_buf_str(&text), "{\n  \"format\": 1,\n"));
	assert_non_null(strstr(tip_buf_str(&text), "\"misunderstanding\": 2"));
	tip_buf_reset(&text);
	expect_ok(tip_compare_render(&text, c, TIP_COMPARE_HTML));
	const char *html = tip_buf_str(&text);
	assert_non_null(strstr(html, "<main>"));
	assert_null(strstr(strstr(html, "<h1>") + 1, "<h1>"));
	assert_non_null(strstr(html, "<caption>"));
	assert_non_null(strstr(html, "<th scope=\"col\">"));
	tip_buf_dispose(&text);
	tip_compare_free(c);
}

int main(void)
{
	fixture_start("compare");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_misunderstanding_with_both_reasons),
		cmocka_unit_test(test_no_misunderstanding_between_two),
		cmocka_unit_test(test_concepts_matched_by_any_label),
		cmocka_unit_test(test_accents_and_case_do_not_count),
		cmocka_unit_test(test_courses),
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_strategy),
		cmocka_unit_test(test_older_schemas_not_compared),
		cmocka_unit_test(test_unreadable_files_named),
		cmocka_unit_test(test_personal_action_title_not_shown),
		cmocka_unit_test(test_no_personal_data_in_any_format),
		cmocka_unit_test(test_formats),
	};
	int failed = cmocka_run_group_tests(tests, make_authorities, NULL);
	fixture_end();
	return failed;
}
