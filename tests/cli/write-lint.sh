# Writes (add, set, edit) run tip lint's rules on the record they write: an error refuses the
# write unless --force, which the commit message records; a warning is shown and the write
# goes on. And an id numbered because the title's is taken is said so.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo writes
export TIP_TODAY=2026-11-26
record definitions cla <<'YAML'
term: Children looked after
definition: Children in the care of the local authority.
status: draft
alt_labels:
  - CLA
hidden_labels:
  - looked-after children
avoid:
  - term: LAC
    use_instead: CLA
YAML
record definitions tip <<'YAML'
term: Trauma informed practice
definition: A way of working that recognises the impact of trauma.
status: draft
YAML
record courses intro <<'YAML'
title: Introduction
provider: Educational Psychology Service
provider_type: internal
level_status: not-assessed
audience:
  - education
status: available
YAML
git add -A . && git commit -q -m start
here=$(git rev-parse HEAD)

tip set course intro 'notes=Call 023 8083 3000 to book.'
expect_stderr "a phone number in notes: refused" 1 \
	"records/courses/intro.yaml:8:13: error: phone number in a field not marked personal"
expect_stderr "  saying how to override" 1 "give --force"
check "  the number is not repeated" test -z "$(grep -F '8083' "$TMP/err")"
check "  nothing written" unchanged_since "$here"

tip set course intro 'description=For staff who work with LAC.'
expect_stderr "a term to avoid: refused" 1 '"LAC" is a term to avoid: use "CLA" instead [avoid-term]'
check "  nothing written" unchanged_since "$here"

tip set course intro last_reviewed=2026-12-01 next_review=2026-06-01
expect_stderr "a future last_reviewed later than next_review: refused" 1 \
	"last reviewed 2026-12-01 is later than next review 2026-06-01 [review-dates]"
expect_stderr "  and after today" 1 "last reviewed 2026-12-01 is after today (2026-11-26)"
check "  nothing written" unchanged_since "$here"

tip add definition --set term="trauma informed practice" --set definition="Another one." \
	--set status=draft </dev/null
expect_stderr "a second definition of a term: refused" 1 "[duplicate-term]"
check "  nothing written" unchanged_since "$here"
check "  no file" test ! -e records/definitions/trauma-informed-practice.yaml

tip set course intro 'notes=Call 023 8083 3000 to book.' --force -m "Agreed exception."
expect "--force writes it all the same" 0 "set course intro: Introduction"
expect_stderr "  the finding is still shown" 0 "[personal-data]"
check "  the commit message says what was forced past, without the value" \
	test "$(git log -1 --format=%B)" = "set course intro: Introduction

Agreed exception.

Forced past: personal-data at /notes

Tip-Action: set
Tip-Record: courses/intro"

tip set course intro 'description=For looked-after children.'
expect_stderr "a warning is shown" 0 '"looked-after children" is a variant of the preferred term'
check "  and the change written" grep -q "looked-after" records/courses/intro.yaml
check "  the error already committed (the phone number) did not hold it up" \
	grep -q "personal-data" "$TMP/err"

# tip edit: a lint error refuses the commit and keeps the user's text.
cat >"$TMP/ed" <<'SH'
#!/bin/sh
sed -i 's/^description: .*/description: For LAC./' "$1"
SH
chmod +x "$TMP/ed"
here=$(git rev-parse HEAD)
EDITOR="$TMP/ed" tip edit course intro
expect_stderr "tip edit: refused" 1 "[avoid-term]"
expect_stderr "  the text kept" 1 "your text is kept in"
check "  nothing written" unchanged_since "$here"
EDITOR="$TMP/ed" tip edit course intro --force
expect "tip edit --force" 0 "edit course intro: Introduction"
check "  forced past" sh -c \
	'git log -1 --format=%B | grep -qx "Forced past: avoid-term at /description"'

# The same title twice from a script: the second id is numbered, and said so.
tip add course --set title="Script course" --set provider=X --set provider_type=internal \
	--set level_status=not-assessed --set audience=health --set status=available </dev/null
expect "the first" 0 "add course script-course: Script course"
check "  no note" test -z "$(grep note: "$TMP/err")"
tip add course --set title="Script course" --set provider=X --set provider_type=internal \
	--set level_status=not-assessed --set audience=health --set status=available </dev/null
expect_stderr "the second: said so" 0 \
	'note: an id "script-course" exists; this one is "script-course-2"'

# tip lint has the review dates rule too.
tip set course intro last_reviewed=2026-12-01 --force
expect "forced past the review dates" 0
tip lint records/courses/intro.yaml
expect_stderr "tip lint reports them" 1 "3 errors"
check "  as review-dates" grep -q "records/courses/intro.yaml:.*after today (2026-11-26).*\[review-dates\]" "$TMP/out"

# The prompts' preview says what lint would refuse, before any commit is offered; aborting
# there keeps the answers.
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}
notes_repo prompts
here=$(git rev-parse HEAD)
cat >"$TMP/script" <<'SCRIPT'
expect Title (title)
send Stress, ring 023 8083 3000
expect Level (level)
send
expect Minutes (minutes)
send
expect Topics (topics)
send
expect Add an item?
send
expect Enter for:
send stress
expect This note is not valid yet, so it cannot be committed:
expect phone number
send a
expect your text is kept in
SCRIPT
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "the prompts' preview: refused, then aborted" 2
check "  the finding" grep -q "error: phone number in a field not marked personal" "$TMP/out"
kept=$(sed -n 's/.*your text is kept in \(.*\.yaml\).*/\1/p' "$TMP/out" | tr -d '\r')
check "  the text kept" grep -q "^title: Stress, ring" "$kept"
check "  nothing written" unchanged_since "$here"
rm -rf "$(dirname "$kept")"

done_testing
