# tip due: reviews, actions and milestones overdue or due soon, soonest first.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo due
record courses intro <<'YAML'
title: Introduction
provider: Somebody
provider_type: internal
level_status: not-assessed
audience:
  - education
status: available
next_review: '2026-12-10'
YAML
record courses gone <<'YAML'
title: Gone
provider: Somebody
provider_type: internal
level_status: not-assessed
audience:
  - education
status: retired
next_review: '2026-01-01'
YAML
record champions c1 <<'YAML'
organisation: Example School
name: Private Person
sector: education
service_area: children
status: active
review_by: '2026-11-20'
YAML
record actions build <<'YAML'
title: Build the package
owner: Group
status: in-progress
rag: amber
due: '2027-03-31'
milestones:
  - title: Draft
    due: '2026-11-01'
    done: false
  - title: Pilot
    due: '2026-11-26'
  - title: Review
    due: '2026-12-01'
    done: true
  - title: Sign-off
    due: '2026-12-20'
    done: '2026-12-01'
YAML
record actions finished <<'YAML'
title: Finished already
owner: Group
status: done
completed: '2026-10-01'
due: '2026-09-30'
milestones:
  - title: Never shown
    due: '2026-09-01'
YAML
record actions dropped <<'YAML'
title: Dropped
owner: Group
status: cancelled
due: '2026-10-01'
YAML
record actions late <<'YAML'
title: Late one
owner: Group
status: paused
due: '2026-11-25'
YAML
commit_at 2026-11-01T10:00:00Z "records"
export TIP_TODAY=2026-11-26

tip due
expect "overdue and due within 30 days, soonest first" 0 \
"2026-11-01  25 days overdue   action build  milestone: Draft
2026-11-20  6 days overdue    champion c1   review by: Example School
2026-11-25  1 day overdue     action late   due: Late one (paused)
2026-11-26  today             action build  milestone: Pilot
2026-12-10  in 14 days        course intro  next review: Introduction
2026-12-20  in 24 days        action build  milestone: Sign-off"
check "  the count on stderr" test "$(cat "$TMP/err")" = "3 overdue, 3 due in the next 30 days"
check "  no personal field" test -z "$(grep "Private Person" "$TMP/out" "$TMP/err")"

tip due --within 0
expect "--within 0: what is overdue or due today" 0 \
"2026-11-01  25 days overdue   action build  milestone: Draft
2026-11-20  6 days overdue    champion c1   review by: Example School
2026-11-25  1 day overdue     action late   due: Late one (paused)
2026-11-26  today             action build  milestone: Pilot"
check "  the count" test "$(cat "$TMP/err")" = "3 overdue, 1 due today"

tip due --within 200 --strict
expect "--strict: exit 1 when anything is overdue" 1
check "  the action's own due date is further on" grep -q "^2027-03-31  in 125 days .*due: Build the package (in-progress)$" "$TMP/out"

TIP_TODAY=2026-10-01 tip due --within 10 --strict
expect "--strict with nothing overdue" 0 ""
check "  says so" test "$(cat "$TMP/err")" = "nothing overdue or due in the next 10 days"

TIP_TODAY=2026-11-19 tip due --within 1 --format json
expect "--format json" 0 '{
  "format": 1,
  "items": [
    {
      "date": "2026-11-01",
      "days": -18,
      "overdue": true,
      "kind": "milestone",
      "type": "action",
      "id": "build",
      "path": "records/actions/build.yaml",
      "title": "Build the package",
      "status": "in-progress",
      "milestone": "Draft"
    },
    {
      "date": "2026-11-20",
      "days": 1,
      "overdue": false,
      "kind": "champion-review",
      "type": "champion",
      "id": "c1",
      "path": "records/champions/c1.yaml",
      "title": "Example School",
      "status": "active",
      "milestone": null
    }
  ]
}'

# Leap days: a review on 29 February counts as that day.
sed -i "s/next_review: .*/next_review: '2028-02-29'/" records/courses/intro.yaml
TIP_TODAY=2028-02-28 tip due --within 1
check "a review on 29 February, seen the day before" \
	grep -q "^2028-02-29  in 1 day .*course intro .*next review: Introduction$" "$TMP/out"

tip due --within soon
expect_stderr "--within takes a number" 2 "tip: --within must be a number of days from 0 to 36500, not 'soon'"
tip due --within -1
expect_stderr "  not a negative one" 2 "not '-1'"
TIP_TODAY=2026-02-29 tip due
expect_stderr "TIP_TODAY must be a real date" 2 \
	"tip: TIP_TODAY: '2026-02-29' is not a date: February 2026 has 28 days"
tip due --format yaml
expect_stderr "an unknown format" 2 "tip: --format must be text or json, not 'yaml'"
tip due extra
expect_stderr "no arguments" 2 "tip: unexpected argument 'extra'"

done_testing
