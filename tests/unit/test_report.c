/* Unit tests for the quarterly summary (lib/report.c and its sections): which commits a
 * period's figures come from (full history, a repository younger than the period, one that
 * starts after it, none at all, a period with no commit), what each section finds in a small
 * known history, records that do not load, and personal data kept out of every format.
 *
 * The history, made once with git at fixed moments, with the schemas tip is built with:
 *   C1 2026-03-15  a course, a definition (draft), two actions, a champion
 *   C2 2026-05-20  a course added, the definition agreed, an action rated red, the champion
 *                  active, another champion added, a course file that does not load
 *   C3 2026-06-30  the last second of Q2: a course's title changed
 *   C4 2026-07-01  the first second of Q3: an action done
 * Q2 2026 (April to June) starts from C1 and ends at C3. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "repo_fixture.h"
#include "report.h"

static char history[PATH_MAX]; /* the repository with the history above */
static char commits[4][41];

/* Copies the schemas tip is built with. */
static void default_schemas(void)
{
	sh("cp -r '%.4000s/schemas' schemas", source_root());
}

static void commit_at(int n, const char *when)
{
	sh("git add -A && GIT_AUTHOR_DATE=%s GIT_COMMITTER_DATE=%s git commit -qm C%d", when, when,
		n + 1);
	snprintf(commits[n], sizeof(commits[n]), "%s", out("git rev-parse HEAD"));
}

static int make_history(void **state)
{
	(void)state;
	new_repo();
	snprintf(history, sizeof(history), "%s", repo);
	default_schemas();
	put("records/courses/intro.yaml",
		"title: Introduction\nprovider: Educational Psychology Service\n"
		"provider_type: internal\nlevel: informed\nlevel_status: agreed\n"
		"audience: [education]\nstatus: available\nnext_review: '2026-08-15'\n"
		"sessions:\n"
		"  - {date: '2026-02-10', attendees: 10, sector: education}\n"
		"  - {date: '2026-05-05', attendees: 12, sector: police}\n");
	put("records/definitions/trauma.yaml",
		"term: Trauma\ndefinition: An event experienced as harmful.\nstatus: draft\n");
	put("records/actions/levels.yaml",
		"title: Define the levels\nowner: Working Group\nstatus: in-progress\nrag: amber\n"
		"due: '2026-06-30'\n"
		"milestones:\n"
		"  - {title: Draft levels, due: '2026-05-31', done: false}\n"
		"  - {title: Final levels, due: '2026-08-15'}\n"
		"drivers: [hips-tip-strategy]\n");
	put("records/actions/network.yaml",
		"title: Grow the network\nowner: Working Group\nstatus: planned\n"
		"due: '2026-08-01'\n");
	put("records/champions/champion-alpha.yaml",
		"organisation: Alpha School\nname: Secret Person\nemail: secret@example.org\n"
		"sector: education\nservice_area: children\nstatus: identified\n"
		"review_by: '2026-06-01'\n");
	commit_at(0, "2026-03-15T10:00:00Z");
	put("records/courses/pilot.yaml",
		"title: Pilot workshop\nprovider: Virtual School\nprovider_type: internal\n"
		"level_status: not-assessed\naudience: [social-care]\nstatus: in-development\n");
	put("records/definitions/trauma.yaml",
		"term: Trauma\ndefinition: An event experienced as harmful.\nstatus: agreed\n");
	sh("sed -i 's/rag: amber/rag: red/' records/actions/levels.yaml && "
	   "sed -i 's/status: identified/status: active/' records/champions/champion-alpha.yaml");
	put("records/champions/champion-beta.yaml",
		"organisation: Beta Clinic\nname: Hidden Name\nsector: health\n"
		"service_area: adults\nstatus: active\nreview_by: '2026-09-15'\n");
	put("records/courses/broken.yaml", "title: [Broken\n");
	commit_at(1, "2026-05-20T09:30:00Z");
	sh("sed -i 's/title: Introduction/title: Introduction to TIP/' records/courses/intro.yaml");
	commit_at(2, "2026-06-30T23:59:59Z");
	sh("sed -i 's/status: planned/status: done\\ncompleted: '\"'\"'2026-06-30'\"'\"'/' "
	   "records/actions/network.yaml");
	commit_at(3, "2026-07-01T00:00:00Z");
	return 0;
}

static tip_date date_of(const char *text)
{
	tip_date d;
	expect_ok(tip_date_parse(&d, text));
	return d;
}

/* The store of the report built last: a report names types by the store's strings, so the
 * store lives as long as it does. */
static tip_store *report_store;

/* The summary of the calendar quarter (e.g. "2026-Q2") of the repository at dir; release
 * frees it. */
static tip_report *build(const char *dir, const char *quarter, const char *today)
{
	snprintf(repo, sizeof(repo), "%s", dir);
	tip_period period;
	expect_ok(tip_period_parse_quarter(&period, quarter));
	tip_store_free(report_store); /* left by a test that failed */
	report_store = open_loaded_store();
	tip_report *report = NULL;
	expect_ok(tip_report_build(&report, report_store, &period, date_of(today)));
	assert_non_null(report);
	return report;
}

static void release(tip_report *report)
{
	tip_report_free(report);
	tip_store_free(report_store);
	report_store = NULL;
}

static size_t count_of(const tip_counts *counts, const char *label)
{
	for (size_t i = 0; i < counts->len; i++)
		if (strcmp(counts->items[i].label, label) == 0)
			return counts->items[i].n;
	return 0;
}

static void assert_change(const tip_report *r, const char *type, size_t at_start, size_t at_end,
	size_t added, size_t removed, size_t changed)
{
	size_t i = 0;
	while (i < r->change_count && strcmp(r->changes[i].type, type) != 0)
		i++;
	assert_true(i < r->change_count);
	const tip_report_change *c = &r->changes[i];
	assert_int_equal(c->at_start, at_start);
	assert_int_equal(c->at_end, at_end);
	assert_int_equal(c->added, added);
	assert_int_equal(c->removed, removed);
	assert_int_equal(c->changed, changed);
}

/* The one entry of a list, with its id (NULL: a line for records of a personal type). */
static const tip_report_entry *only(const tip_report_list *list, const char *id)
{
	assert_int_equal(list->len, 1);
	const tip_report_entry *e = &list->items[0];
	if (id)
		assert_string_equal(e->id, id);
	else
		assert_null(e->id);
	return e;
}

static const char *provenance(const tip_report *r)
{
	static char text[2048];
	tip_buf buf = TIP_BUF_INIT;
	expect_ok(tip_report_provenance(&buf, r));
	snprintf(text, sizeof(text), "%s", tip_buf_str(&buf));
	tip_buf_dispose(&buf);
	return text;
}

/* ---- where the figures come from ---- */

static void test_full_history(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_FULL);
	assert_true(r->changes_known);
	assert_false(r->quiet);
	assert_false(r->open);
	assert_false(r->shallow);
	assert_string_equal(r->start_commit, commits[0]);
	assert_string_equal(r->end_commit, commits[2]);
	assert_string_equal(r->start_date, "2026-03-15");
	assert_string_equal(r->end_date, "2026-06-30");
	/* the first commit's day is looked for only when the history is younger */
	assert_string_equal(r->first_date, "");
	assert_string_equal(r->next.label, "2026-Q3");
	char expected[512];
	snprintf(expected, sizeof(expected), "The records at the quarter's end are those of commit "
		"%.7s (2026-06-30); at its start, those of commit %.7s (2026-03-15).", commits[2],
		commits[0]);
	assert_string_equal(provenance(r), expected);
	release(r);
}

/* The last second of a period is in it; the first second of the next is not. */
static void test_period_not_ended(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q3", "2026-08-01");
	assert_true(r->open);
	assert_string_equal(r->start_commit, commits[2]);
	assert_string_equal(r->end_commit, commits[3]);
	const char *text = provenance(r);
	assert_non_null(strstr(text, " The quarter has not ended yet (today is 2026-08-01): the "
				     "figures are as of today."));
	release(r);
}

static void test_quiet_period(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q4", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_FULL);
	assert_true(r->quiet);
	assert_string_equal(r->start_commit, commits[3]);
	assert_string_equal(r->end_commit, commits[3]);
	assert_change(r, "course", 3, 3, 0, 0, 0);
	assert_int_equal(r->status_changes.len, 0);
	assert_non_null(strstr(provenance(r), "No commit falls within the quarter: the records at "
					      "its end are those of commit "));
	release(r);
}

static void test_repository_younger_than_the_period(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q1", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_YOUNGER);
	assert_true(r->changes_known);
	assert_string_equal(r->start_commit, commits[0]);
	assert_string_equal(r->end_commit, commits[0]);
	/* changes are counted from the first commit: none, as the quarter has no other */
	assert_change(r, "action", 2, 2, 0, 0, 0);
	assert_string_equal(r->first_date, "2026-03-15");
	assert_non_null(strstr(provenance(r), "The repository is younger than the quarter: its "
					      "first commit, "));
	release(r);
}

/* A shallow clone's history ends where the clone's does. */
static void test_shallow_clone(void **state)
{
	(void)state;
	new_folder();
	sh("git clone -q --depth 2 'file://%s' . 2>/dev/null", history);
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", repo);
	tip_report *r = build(dir, "2026-Q2", "2027-02-01");
	assert_true(r->shallow);
	assert_int_equal(r->history, TIP_REPORT_YOUNGER);
	assert_string_equal(r->start_commit, commits[2]);
	assert_string_equal(r->end_commit, commits[2]);
	assert_string_equal(r->first_date, "2026-06-30");
	char expected[256];
	snprintf(expected, sizeof(expected), "This clone's history is cut short (a shallow clone): "
		"its oldest commit, %.7s, is dated 2026-06-30", commits[2]);
	assert_non_null(strstr(provenance(r), expected));
	release(r);
}

static void test_period_before_the_first_commit(void **state)
{
	(void)state;
	tip_report *r = build(history, "2025-Q4", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_AFTER);
	assert_false(r->changes_known);
	/* what changed is not known, but the records now are counted by type */
	size_t actions = 0;
	for (size_t i = 0; i < r->change_count; i++)
		if (strcmp(r->changes[i].type, "action") == 0)
			actions = r->changes[i].at_end;
	assert_int_equal(actions, 2);
	assert_int_equal(actions, count_of(&r->records, "actions"));
	assert_string_equal(r->end_commit, commits[3]);
	assert_string_equal(r->start_commit, "");
	assert_int_equal(count_of(&r->actions_by_status, "done"), 1);
	assert_non_null(strstr(provenance(r),
		"after the quarter ended, so what changed during it is not known"));
	release(r);
}

/* An unborn branch: the records of the working tree. */
static void test_no_commits(void **state)
{
	(void)state;
	new_repo();
	default_schemas();
	put("records/actions/a.yaml", "title: A\nowner: Working Group\nstatus: planned\n");
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", repo);
	tip_report *r = build(dir, "2026-Q2", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_NO_COMMITS);
	assert_false(r->changes_known);
	assert_string_equal(r->end_commit, "");
	assert_string_equal(r->first_date, "");
	assert_int_equal(count_of(&r->records, "actions"), 1);
	assert_int_equal(count_of(&r->actions_by_status, "planned"), 1);
	assert_string_equal(provenance(r), "The repository has no commits yet, so what changed "
		"during the quarter is not known. The figures are the records in the working tree, "
		"with sessions, due dates and reviews read against the quarter's dates.");
	release(r);
}

/* No schemas and no records at all: a summary of nothing, not a failure. */
static void test_empty_repository(void **state)
{
	(void)state;
	new_repo();
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", repo);
	tip_report *r = build(dir, "2026-Q2", "2027-02-01");
	assert_int_equal(r->history, TIP_REPORT_NO_COMMITS);
	assert_int_equal(r->records.len, 0);
	assert_int_equal(r->champions, 0);
	assert_int_equal(r->sessions, 0);
	tip_buf buf = TIP_BUF_INIT;
	expect_ok(tip_report_markdown(&buf, r));
	expect_ok(tip_report_json(&buf, r));
	expect_ok(tip_report_html(&buf, r));
	tip_buf_dispose(&buf);
	release(r);
}

/* ---- the sections ---- */

static void test_headline(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	assert_int_equal(count_of(&r->records, "actions"), 2);
	assert_int_equal(count_of(&r->records, "champions"), 2);
	assert_int_equal(count_of(&r->records, "definitions"), 1);
	assert_int_equal(count_of(&r->actions_by_status, "in-progress"), 1);
	assert_int_equal(count_of(&r->actions_by_status, "planned"), 1);
	assert_int_equal(count_of(&r->actions_by_status, "done"), 0);
	assert_int_equal(count_of(&r->rag, "red"), 1);
	assert_int_equal(count_of(&r->rag, "amber"), 0);
	assert_change(r, "action", 2, 2, 0, 0, 1);
	assert_change(r, "champion", 1, 2, 1, 0, 1);
	assert_change(r, "course", 1, 3, 2, 0, 1);
	assert_change(r, "definition", 1, 1, 0, 0, 1);
	/* status changes: the definition by id; the champion only counted */
	assert_int_equal(r->status_changes.len, 2);
	assert_int_equal(r->status_changes.cap, 2); /* no room left over once built */
	for (size_t i = 0; i < r->status_changes.len; i++) {
		const tip_report_entry *e = &r->status_changes.items[i];
		if (strcmp(e->type, "definition") == 0) {
			assert_string_equal(e->id, "trauma");
			assert_string_equal(e->from, "draft");
			assert_string_equal(e->to, "agreed");
		} else {
			assert_string_equal(e->type, "champion");
			assert_null(e->id);
			assert_null(e->title);
			assert_int_equal(e->count, 1);
			assert_string_equal(e->from, "identified");
			assert_string_equal(e->to, "active");
		}
	}
	release(r);
}

static void test_exceptions(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	assert_string_equal(only(&r->red_amber, "levels")->detail, "red");
	/* due on the quarter's last day and not done by its end: overdue */
	assert_string_equal(only(&r->overdue_actions, "levels")->date, "2026-06-30");
	const tip_report_entry *m = only(&r->overdue_milestones, "levels");
	assert_string_equal(m->detail, "Draft levels");
	assert_string_equal(m->date, "2026-05-31");
	assert_string_equal(only(&r->due_actions, "network")->date, "2026-08-01");
	assert_string_equal(only(&r->due_milestones, "levels")->detail, "Final levels");
	release(r);
	/* a quarter later the network action is done: nothing of it is due or overdue */
	r = build(history, "2026-Q3", "2027-02-01");
	for (size_t i = 0; i < r->overdue_actions.len; i++)
		assert_string_not_equal(r->overdue_actions.items[i].id, "network");
	assert_int_equal(r->due_actions.len, 0);
	release(r);
}

static void test_training_reach_and_glossary(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	assert_string_equal(only(&r->new_courses, "pilot")->detail, "in-development");
	assert_int_equal(r->retired_courses.len, 0);
	assert_int_equal(count_of(&r->courses_by_status, "available"), 1);
	assert_int_equal(count_of(&r->courses_by_level, "informed"), 1);
	assert_int_equal(count_of(&r->courses_by_level, "not-assessed"), 1);
	/* only the session inside the quarter */
	assert_int_equal(r->sessions, 1);
	assert_int_equal(r->attendees, 12);
	assert_int_equal(count_of(&r->reach_by_sector, "police"), 1);
	assert_int_equal(count_of(&r->reach_by_sector, "education"), 0);
	assert_int_equal(count_of(&r->definitions_by_status, "agreed"), 1);
	only(&r->definitions_agreed, "trauma");
	assert_int_equal(r->definitions_added.len, 0);
	/* the course due for review in the next quarter */
	assert_string_equal(only(&r->course_reviews, "intro")->detail, "due");
	release(r);
}

static void test_champions_only_counted(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	assert_int_equal(r->champions, 2);
	assert_int_equal(r->organisations, 2);
	assert_int_equal(count_of(&r->champions_by_status, "active"), 2);
	assert_int_equal(count_of(&r->champions_by_sector, "health"), 1);
	assert_int_equal(r->champion_reviews_overdue, 1);
	assert_int_equal(r->champion_reviews_due, 1);
	release(r);
}

/* A record that does not load at the period's end is named for housekeeping, not counted as
 * anything else. */
static void test_record_that_does_not_load(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	const tip_report_entry *e = only(&r->unreadable, "broken");
	assert_string_equal(e->type, "course");
	assert_int_equal(count_of(&r->courses_by_status, "available"), 1);
	assert_int_equal(count_of(&r->courses_by_status, "in-development"), 1);
	release(r);
	r = build(history, "2026-Q1", "2027-02-01");
	assert_int_equal(r->unreadable.len, 0);
	release(r);
}

/* Champions that do not load are only counted, in one line, never named by id. */
static void test_champions_that_do_not_load(void **state)
{
	(void)state;
	new_repo();
	default_schemas();
	put("records/champions/champion-gamma.yaml", "name: [Gamma Person\n");
	put("records/champions/champion-delta.yaml", "- Delta Person\n");
	put("records/courses/broken.yaml", "title: [Broken\n");
	char dir[PATH_MAX];
	snprintf(dir, sizeof(dir), "%s", repo);
	tip_report *r = build(dir, "2026-Q2", "2027-02-01");
	assert_int_equal(r->unreadable.len, 2);
	for (size_t i = 0; i < r->unreadable.len; i++) {
		const tip_report_entry *e = &r->unreadable.items[i];
		if (strcmp(e->type, "champion") == 0) {
			assert_null(e->id);
			assert_int_equal(e->count, 2);
		} else {
			assert_string_equal(e->type, "course");
			assert_string_equal(e->id, "broken");
		}
	}
	tip_buf buf = TIP_BUF_INIT;
	expect_ok(tip_report_markdown(&buf, r));
	assert_null(strstr(tip_buf_str(&buf), "champion-"));
	assert_null(strstr(tip_buf_str(&buf), "Person"));
	assert_non_null(strstr(tip_buf_str(&buf), "broken"));
	tip_buf_dispose(&buf);
	release(r);
}

/* No champion's name, email, organisation or id in any format, for any period. */
static void test_no_personal_data_in_any_format(void **state)
{
	(void)state;
	const char *quarters[] = { "2026-Q1", "2026-Q2", "2026-Q3", "2025-Q4" };
	const char *secrets[] = { "Secret", "secret@", "Hidden Name", "Alpha School", "Beta Clinic",
		"champion-alpha", "champion-beta" };
	tip_error *(*formats[])(tip_buf *, const tip_report *) = { tip_report_markdown,
		tip_report_html, tip_report_json };
	for (size_t q = 0; q < sizeof(quarters) / sizeof(quarters[0]); q++) {
		tip_report *r = build(history, quarters[q], "2027-02-01");
		for (size_t f = 0; f < 3; f++) {
			tip_buf buf = TIP_BUF_INIT;
			expect_ok(formats[f](&buf, r));
			assert_true(buf.len > 100);
			for (size_t s = 0; s < sizeof(secrets) / sizeof(secrets[0]); s++)
				if (strstr(tip_buf_str(&buf), secrets[s]))
					fail_msg("'%s' in the %s summary (format %zu)", secrets[s],
						quarters[q], f);
			tip_buf_dispose(&buf);
		}
		release(r);
	}
}

/* Each format names the quarter and shows a figure from the records. */
static void test_formats(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	tip_buf md = TIP_BUF_INIT, html = TIP_BUF_INIT, json = TIP_BUF_INIT;
	expect_ok(tip_report_markdown(&md, r));
	expect_ok(tip_report_html(&html, r));
	expect_ok(tip_report_json(&json, r));
	assert_non_null(strstr(tip_buf_str(&md), "Q2 2026"));
	assert_non_null(strstr(tip_buf_str(&md), "Define the levels"));
	assert_non_null(strstr(tip_buf_str(&html), "<html"));
	assert_non_null(strstr(tip_buf_str(&html), "Define the levels"));
	assert_non_null(strstr(tip_buf_str(&json), "\"label\": \"2026-Q2\""));
	assert_non_null(strstr(tip_buf_str(&json), "\"levels\""));
	/* the provenance sentence is in each */
	assert_non_null(strstr(tip_buf_str(&md), "those of commit"));
	assert_non_null(strstr(tip_buf_str(&html), "those of commit"));
	tip_buf_dispose(&md);
	tip_buf_dispose(&html);
	tip_buf_dispose(&json);
	release(r);
}

/* Collects what a drain is handed, and the most it was handed at once. */
struct drained {
	tip_buf text;
	size_t most;
};

static tip_error *collect(void *ctx, const char *text, size_t len)
{
	struct drained *d = ctx;
	d->most = len > d->most ? len : d->most;
	return tip_buf_add(&d->text, text, len);
}

/* The JSON drained as it is made is the same text, handed over whole at the end. */
static void test_json_drained(void **state)
{
	(void)state;
	tip_report *r = build(history, "2026-Q2", "2027-02-01");
	tip_buf whole = TIP_BUF_INIT, out = TIP_BUF_INIT;
	struct drained d = { TIP_BUF_INIT, 0 };
	expect_ok(tip_report_json(&whole, r));
	expect_ok(tip_report_json_drained(&out, r, collect, &d));
	assert_string_equal(tip_buf_str(&d.text), tip_buf_str(&whole));
	assert_int_equal(out.len, 0);
	tip_buf_dispose(&whole);
	tip_buf_dispose(&out);
	tip_buf_dispose(&d.text);
	release(r);
}

/* A long JSON text is drained in pieces of about TIP_JSONW_DRAIN_BYTES: never held whole. */
static void test_jsonw_drains_long_text(void **state)
{
	(void)state;
	tip_buf out = TIP_BUF_INIT;
	struct drained d = { TIP_BUF_INIT, 0 };
	tip_jsonw w;
	tip_jsonw_begin(&w, &out);
	tip_jsonw_drain_to(&w, collect, &d);
	tip_jsonw_array(&w, NULL);
	for (int i = 0; i < 20000; i++)
		tip_jsonw_string(&w, NULL, "twenty bytes of text");
	tip_jsonw_close(&w, ']');
	expect_ok(tip_jsonw_end(&w));
	assert_true(d.text.len > 20000 * 20);
	assert_true(d.most < TIP_JSONW_DRAIN_BYTES + 64);
	assert_int_equal(out.len, 0);
	tip_buf_dispose(&out);
	tip_buf_dispose(&d.text);
}

int main(void)
{
	fixture_start("report");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_history),
		cmocka_unit_test(test_period_not_ended),
		cmocka_unit_test(test_quiet_period),
		cmocka_unit_test(test_repository_younger_than_the_period),
		cmocka_unit_test(test_shallow_clone),
		cmocka_unit_test(test_period_before_the_first_commit),
		cmocka_unit_test(test_no_commits),
		cmocka_unit_test(test_empty_repository),
		cmocka_unit_test(test_headline),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_training_reach_and_glossary),
		cmocka_unit_test(test_champions_only_counted),
		cmocka_unit_test(test_record_that_does_not_load),
		cmocka_unit_test(test_champions_that_do_not_load),
		cmocka_unit_test(test_no_personal_data_in_any_format),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_json_drained),
		cmocka_unit_test(test_jsonw_drains_long_text),
	};
	int failed = cmocka_run_group_tests(tests, make_history, NULL);
	fixture_end();
	return failed;
}
