# tip add: from --set and --file without a terminal, and through its prompts on one.
. tests/cli/lib.sh
# Answers kept when tip add stops go under $TMP, which the test removes.
export TMPDIR="$TMP"
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}

notes_repo add
start=$(git rev-parse HEAD)

# Without a terminal it never asks.
tip add note --set title=Stress --set minutes=45 --set topics=trauma,attachment </dev/null
expect "--set: added and committed, the subject on stdout" 0 "add note stress: Stress"
check "the file is canonical, the default filled in" test "$(cat records/notes/stress.yaml)" = \
"title: Stress
level: informed
minutes: 45
topics:
  - trauma
  - attachment"
check "one commit with the trailers" test "$(git log -1 --format=%B)" = "add note stress: Stress

Tip-Action: add
Tip-Record: notes/stress"
check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"

tip add note --set title=Stress </dev/null
expect "an id taken by the title gets a number" 0 "add note stress-2: Stress"
tip add note --set 'title=Café résumé, Straße' </dev/null
expect "an id from a title with accents: the letters without them" 0 \
	"add note cafe-resume-strasse: Café résumé, Straße"

here=$(git rev-parse HEAD)
tip add note --set minutes=5 </dev/null
expect_stderr "missing required fields are listed" 1 \
	"tip: missing required fields: title (give them with --set FIELD=VALUE or --file)"
check "and nothing is written" unchanged_since "$here"

tip add note --set title=X --set topics=nowhere </dev/null
expect_stderr "an invalid record: findings, nothing written" 1 \
	'records/notes/x.yaml:4:5: error: "nowhere" is not an existing topic [x-tip-ref]'
check "  nothing written" unchanged_since "$here"

tip add note --set title=X --set minutes=lots </dev/null
expect_stderr "a number where the schema wants one" 2 "tip: minutes: 'lots' is not a whole number"
tip add note --set titel=X </dev/null
expect_stderr "an unknown field" 2 "tip: there is no field 'titel' (fields: title, level, minutes, topics, sessions)"
tip add widget --set title=X </dev/null
expect_stderr "an unknown type" 2 "tip: there is no record type 'widget'"
tip add note --set title=X --id Bad_Id </dev/null
expect_stderr "an invalid id" 2 "tip: 'Bad_Id' is not a valid id"
tip add note --set title=X --id stress </dev/null
expect_stderr "an id that exists" 2 "tip: note 'stress' exists already"
check "none of them wrote anything" unchanged_since "$here"

printf 'title: From a file\nlevel: skilled\nsessions:\n  - date: 2026-03-01\n' >"$TMP/in.yaml"
tip add note --file "$TMP/in.yaml" --id from-file -m "Agreed at the March meeting."
expect "--file" 0 "add note from-file: From a file"
check "  with the reason as the body" test "$(git log -1 --format=%b)" = \
"Agreed at the March meeting.

Tip-Action: add
Tip-Record: notes/from-file"
printf 'title: From stdin\n' | $TIP_WRAPPER "$TIP" add note --file - >"$TMP/out" 2>"$TMP/err"
status=$?
expect "--file - reads stdin" 0 "add note from-stdin: From stdin"
printf 'title: Commented # by hand\n' >"$TMP/commented.yaml"
tip add note --file "$TMP/commented.yaml"
expect_stderr "--file with a comment: refused, not dropped" 1 \
	"$TMP/commented.yaml:1:18: error: comment would be lost"
printf 'title: [broken\n' >"$TMP/bad.yaml"
tip add note --file "$TMP/bad.yaml"
expect_stderr "--file that is not YAML" 1 "$TMP/bad.yaml:2:1: error:"

# Input is read up to the limit of a record file (4 MiB), never further.
here=$(git rev-parse HEAD)
yes 'title: x' | head -c 6000000 | tip_at_pipe_end add note --file -
status=$(cat "$TMP/status")
expect_stderr "--file - larger than 4 MiB is refused, naming the input and the limit" 2 \
	"tip: '<stdin>' is larger than the limit of 4 MiB"
check "  and is not read to its end" test "$(cat "$TMP/left")" -gt 1000000
check "  nothing written" unchanged_since "$here"
tip_bounded() { timeout 120 $TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>"$TMP/err"; status=$?; }
tip_bounded add note --file /dev/zero
expect_stderr "--file /dev/zero is refused at the limit" 2 \
	"tip: '/dev/zero' is larger than the limit of 4 MiB"
check "  nothing written" unchanged_since "$here"

here=$(git rev-parse HEAD)
tip add note --set title=Draft --no-commit </dev/null
expect "--no-commit writes the file only" 0 "wrote records/notes/draft.yaml (not committed)"
check "  no commit" test "$(git rev-parse HEAD)" = "$here"
check "  the file is there, untracked" test "$(git status --porcelain)" = "?? records/notes/draft.yaml"
rm records/notes/draft.yaml

# On a terminal it asks.
cat >"$TMP/script" <<'SCRIPT'
expect Title (title) - required
send
expect this field is required
send Grounding techniques
expect Level (level) - required
expect 1 informed   2 skilled
expect Enter for: informed
send sk
expect Minutes (minutes) - optional
send 0
expect 0 is less than the minimum 1
send 30
expect Topics (topics) - optional
expect 1 attachment   2 trauma
send 2
send att
send
expect sessions (sessions) - optional
expect Add an item? y = yes, n = no (Enter: no)
send
expect Enter for: grounding-techniques
send
expect --- records/notes/grounding-techniques.yaml
expect Commit it?
send c
SCRIPT
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "prompts: each field, checked at once, then commit" 0
check "  the record as answered" test "$(cat records/notes/grounding-techniques.yaml)" = \
"title: Grounding techniques
level: skilled
minutes: 30
topics:
  - trauma
  - attachment"

here=$(git rev-parse HEAD)
printf 'expect Title (title)\nsend Half done\nexpect Level\nctrl-c\n' >"$TMP/script"
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "Ctrl-C stops" 130
check "  leaving nothing behind" unchanged_since "$here"

printf 'expect Title (title)\nsend Half done\nexpect Level\nctrl-d\n' >"$TMP/script"
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "end of input stops" 2
check "  with the reason" grep -q "input ended: nothing was written" "$TMP/out"
check "  leaving nothing behind" unchanged_since "$here"

cat >"$TMP/script" <<'SCRIPT'
expect Title (title)
send Abandoned
expect Level
send
expect Minutes
send
expect Topics
send
expect Add an item?
send
expect Id
send
expect Commit it?
send a
SCRIPT
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "abort at the end" 2
check "  leaving nothing behind" unchanged_since "$here"

# "e" opens the editor on the record before committing.
cat >"$TMP/editor" <<'SH'
#!/bin/sh
sed -i 's/^title: .*/title: Edited first/' "$1"
SH
chmod +x "$TMP/editor"
cat >"$TMP/script" <<'SCRIPT'
expect Title (title)
send Before the editor
expect Level
send
expect Minutes
send
expect Topics
send
expect Add an item?
send
expect Id
send
expect Commit it?
send e
expect title: Edited first
expect Commit it?
send c
SCRIPT
EDITOR="$TMP/editor" $PTY "$TMP/script" $TIP_WRAPPER "$TIP" add note >"$TMP/out" 2>&1
status=$?
expect "e edits in \$EDITOR, then commits" 0
check "  what the editor left" test "$(head -n 1 records/notes/before-the-editor.yaml)" = \
	"title: Edited first"

# ---- a personal field is never the title, the source of the id, or in the commit ----
new_repo personal
cat >schemas/member.schema.yaml <<'YAML'
type: object
additionalProperties: false
properties:
  name: {type: string, x-tip-personal: true}
  team: {type: string}
YAML
git add . && git commit -q -m start
tip add member --set name='Sam Person' --set team='Early Help' </dev/null
expect "add with a personal field first: the id and title come from the others" 0 \
	"add member early-help: Early Help"
check "  the commit says nothing of the name" sh -c '! git log -1 --format=%B | grep -q Sam'
tip add member --set name='Ann Person' </dev/null
expect "  with only a personal text field: the type names the record" 0 "add member member"
check "  nor is the name in that commit" sh -c '! git log -1 --format=%B | grep -q Ann'
check "  the record keeps the name first" test "$(head -n 1 records/members/early-help.yaml)" = \
	"name: Sam Person"
tip set member early-help team=Youth
expect "set on it: its title is not the name" 0 \
	"set member early-help: Youth"
check "  nor is its commit's" sh -c '! git log -1 --format=%B | grep -q Sam'

done_testing
