# tip set and tip add --set on lists of groups of fields (sessions, milestones, courses
# completed): an item as KEY=VALUE pairs or a flow mapping, removed by matching fields; and
# tip set --file.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo items
record courses wave <<'YAML'
title: Wave trust training
provider: WAVE Trust
provider_type: external
level_status: not-assessed
audience:
  - education
status: available
YAML
record champions sam <<'YAML'
organisation: Example School
name: Sam Example
sector: education
service_area: children
status: active
review_by: 2027-03-31
YAML
record actions pack <<'YAML'
title: EBSA package
owner: Virtual School
status: planned
YAML
git add -A . && git commit -q -m start

tip set course wave sessions+=date=2026-11-20,attendees=18
expect "an item as KEY=VALUE pairs" 0 "set course wave: Wave trust training"
check "  written as a mapping, the number as a number" test "$(tail -n 3 records/courses/wave.yaml)" = "sessions:
  - date: '2026-11-20'
    attendees: 18"
tip set course wave 'sessions+={date: 2026-12-01, attendees: "7", sector: health}'
expect "an item as a flow mapping, its values read by the item's schema" 0
check "  the second item" test "$(tail -n 3 records/courses/wave.yaml)" = "  - date: '2026-12-01'
    attendees: 7
    sector: health"
tip set course wave 'sessions+=date=2027-01-05, attendees=3'
expect "spaces after the commas" 0
check "  three sessions" test "$(grep -c 'date:' records/courses/wave.yaml)" = 3

here=$(git rev-parse HEAD)
tip set course wave sessions+=date=2027-01-06,attendees=many
expect_stderr "a sub-field's value of the wrong kind" 2 "tip: sessions: attendees: 'many' is not a whole number"
tip set course wave sessions+=date=2027-01-06,people=4
expect_stderr "an unknown sub-field, with the ones there are" 2 \
	"tip: sessions: there is no field 'people' (fields: date, attendees, sector)"
tip set course wave sessions+=attendees=4
expect_stderr "a required sub-field missing: the findings" 1 'missing required property "date"'
tip set course wave sessions+=date
expect_stderr "a pair without =" 2 "tip: sessions: 'date' is not KEY=VALUE"
tip set course wave 'sessions+={date: 2027-01-06'
expect_stderr "a broken flow mapping" 2 "tip: sessions: '{date: 2027-01-06' is not a mapping"
tip set course wave sessions=date=2027-01-06,attendees=4
expect_stderr "= would replace every item" 2 "sessions+="
check "none of them changed anything" unchanged_since "$here"

tip set course wave sessions-=date=2026-12-01
expect "F-=KEY=VALUE removes the item whose fields match" 0
check "  two left" test "$(grep -c 'date:' records/courses/wave.yaml)" = 2
check "  not that one" test -z "$(grep 2026-12-01 records/courses/wave.yaml)"
tip set course wave sessions+=date=2027-01-05,attendees=9
here=$(git rev-parse HEAD)
tip set course wave sessions-=date=2027-01-05
expect_stderr "ambiguous: both listed" 2 "tip: sessions: 2 items match date=2027-01-05"
expect_stderr "  the first" 2 "{date: 2027-01-05, attendees: 3}"
expect_stderr "  the second" 2 "{date: 2027-01-05, attendees: 9}"
tip set course wave sessions-=date=2031-01-01
expect_stderr "no match" 2 "tip: sessions: no item matches date=2031-01-01"
check "  nothing changed" unchanged_since "$here"
tip set course wave sessions-=date=2027-01-05,attendees=9
expect "more fields pick one" 0
check "  one of that date left" test "$(grep -c '2027-01-05' records/courses/wave.yaml)" = 1

tip set course wave 'notes+=x'
expect_stderr "a list of text is unchanged: notes is not a list" 2 "tip: notes is not a list"
tip set action pack 'milestones+=title="Draft, then consult",due=2026-09-01,done=false'
expect "a quoted value keeps its comma; a boolean where anyOf allows one" 0
check "  the milestone" test "$(tail -n 4 records/actions/pack.yaml)" = "milestones:
  - title: Draft, then consult
    due: '2026-09-01'
    done: false"
tip set action pack 'milestones+=title=Pilot,due=1/2/2027,done=Yes' 'milestones+=title=Review,due=2027-03-01,done=3/1/2027'
expect "done as a person writes it: yes, or a date day first" 0
check "  yes is true, the date as YYYY-MM-DD" test "$(tail -n 6 records/actions/pack.yaml)" = "  - title: Pilot
    due: '2027-02-01'
    done: true
  - title: Review
    due: '2027-03-01'
    done: '2027-01-03'"
tip set action pack 'milestones+=title=Later,due=2027-04-01,done=maybe'
expect_stderr "  what is neither is refused in the schema's words" 1 \
	"done is false while the milestone is not done, and true or the date it was done"
tip set action pack "milestones+=title=Agree the city's definition,due=2026-10-01"
expect "an apostrophe inside a value is itself" 0
check "  the milestone" grep -q "title: Agree the city's definition" records/actions/pack.yaml
tip set champion sam courses_completed+=course=wave,month=2026-10
expect "a champion's completed course" 0
check "  written" test "$(grep -A2 courses_completed records/champions/sam.yaml)" = "courses_completed:
  - course: wave
    month: 2026-10"

tip add course --set title=Second --set provider=X --set provider_type=internal \
	--set level_status=not-assessed --set audience=health --set status=available \
	--set sessions+=date=2026-02-02,attendees=4 </dev/null
expect "tip add --set takes an item too" 0
check "  in the new record" test "$(tail -n 2 records/courses/second.yaml)" = "  - date: '2026-02-02'
    attendees: 4"

# tip set --file: a mapping merged over the record; null removes a field.
printf 'status: retired\ndescription: Replaced.\nsessions: null\n' >"$TMP/change.yaml"
tip set course wave --file "$TMP/change.yaml"
expect "--file merges the mapping" 0 "set course wave: Wave trust training"
check "  merged" test "$(tail -n 2 records/courses/wave.yaml)" = "status: retired
description: Replaced."
check "  sessions gone" test -z "$(grep sessions records/courses/wave.yaml)"
printf 'milestones:\n  - title: Launch\n    due: 2026-10-01\n' |
	tip_at_pipe_end set action pack --file - level=x
check "--file - with an assignment after: an unknown field" test "$(cat "$TMP/status")" = 2
here=$(git rev-parse HEAD)
printf 'milestones:\n  - title: Launch\n    due: 2026-10-01\nnotes: Read from stdin.\n' |
	tip_at_pipe_end set action pack --file -
check "--file - reads stdin" test "$(cat "$TMP/status")" = 0
check "  the list replaced" test "$(grep -c 'title:' records/actions/pack.yaml)" = 2
printf 'title: null\n' >"$TMP/bad.yaml"
here=$(git rev-parse HEAD)
tip set action pack --file "$TMP/bad.yaml"
expect_stderr "--file cannot remove a required field" 2 "tip: title is required: it cannot be removed"
printf -- '- a\n' >"$TMP/bad.yaml"
tip set action pack --file "$TMP/bad.yaml"
expect_stderr "--file must hold a mapping" 1 "bad.yaml"
printf 'titel: X\n' >"$TMP/bad.yaml"
tip set action pack --file "$TMP/bad.yaml"
expect_stderr "--file with an unknown field" 2 "there is no field 'titel'"
check "  nothing changed" unchanged_since "$here"

done_testing
