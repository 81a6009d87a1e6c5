# tip add's questions at a terminal never lose an answer: what would stop the commit is said
# before the first question, a rule across fields is checked as soon as its fields are
# answered, a list takes items out as well as in, lists of groups of fields are asked one item
# at a time, and a record still invalid at the end (by its schema or by tip lint) goes back to the
# questions.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh
# Answers kept when tip add stops go under $TMP, which the test removes.
export TMPDIR="$TMP"
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}

# pty SCRIPT ARGS...: tip on a terminal, driven by the script; all it printed in $TMP/out.
pty() {
	script=$1
	shift
	$PTY "$script" $TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>&1
	status=$?
	: >"$TMP/err"
}

programme_repo programme
git add . && git commit -q -m start
start=$(git rev-parse HEAD)

# A long description, as coordinators paste them.
description=$(yes 'Participants learn how trauma shapes behaviour and how to respond safely.' |
	head -n 38 | tr '\n' ' ' | sed 's/ $//')

# ---- a course: a rule across fields, a list with a repeat, a delivered session ----
cat >"$TMP/course" <<SCRIPT
expect Title (title)
send Understanding trauma
expect Provider (provider)
send Educational Psychology Service
expect Provider type
send internl
expect 'internl' is not one of the choices: did you mean 'internal'?
send internal
expect Practice level (level)
send skilled
expect Level status (level_status)
expect Enter for: not-assessed
send
expect ! a course with a level has its level agreed or proposed: set level_status to agreed or proposed, or remove level (as level is skilled)
expect Level status (level_status)
send agreed
expect Audience (audience)
expect -NUMBER or -ITEM takes out one given
send 1
send parents
send 1
expect ! education is item 1 already
send -parents
expect took out 2 parents-carers
expect so far: 1 education
send health
send health
expect ! health is item 2 already
send
expect Age phases
send
expect Status (status)
send 1
expect Delivery mode
send
expect Duration
send 180
expect Description
send $description
expect Teaches
send
expect Prerequisites
send
expect Web page
send
expect Last reviewed
send
expect Next review
send
expect Sessions delivered (sessions)
expect Add a session? y = yes, n = no (Enter: no)
send y
expect Session 1 of Sessions delivered
expect Date (date) - required
send 2026-11-20
expect Attendees (attendees) - required
send -1
expect ! -1 is less than the minimum 0
send 18
expect Sector (sector) - optional
send 1
expect Another session?
send y
expect Session 2 of Sessions delivered
expect Date (date)
send 2026-12-04
expect Attendees
send 22
expect Sector
send
expect Another session?
send
expect Notes
send
expect Id
send
expect --- records/courses/understanding-trauma.yaml
expect Commit it? c = commit
send c
SCRIPT
pty "$TMP/course" add course
expect "a course at the prompts: committed" 0
check "  the broken rule was said, and level status asked again, before the next field" \
	grep -q '! a course with a level has its level agreed or proposed: set level_status to agreed or proposed, or remove level (as level is skilled)' "$TMP/out"
check "  the answers as given, sessions and all" test "$(cat records/courses/understanding-trauma.yaml)" = \
"title: Understanding trauma
provider: Educational Psychology Service
provider_type: internal
level: skilled
level_status: agreed
audience:
  - education
  - health
status: available
duration: 180
description: $description
sessions:
  - date: '2026-11-20'
    attendees: 18
    sector: education
  - date: '2026-12-04'
    attendees: 22"
check "  nothing is left out" sh -c '! grep -q "Not asked here" "$0"' "$TMP/out"
check "  the record is valid" sh -c '"$0" validate >/dev/null' "$TIP"

# ---- a repeated item is refused when typed, and an item given can be taken out ----
cat >"$TMP/repeat" <<'SCRIPT'
expect Title (title)
send Repeats
expect Provider (provider)
send Virtual School
expect Provider type
send 2
expect Practice level (level)
send
expect Level status (level_status)
send
expect Audience (audience)
send 1
send parents
send 1
expect ! education is item 1 already
send police
send -2
expect took out 2 parents-carers
expect so far: 1 education, 2 police
send -education
expect so far: 1 police
send -9
expect ! '9' is not among the items given
send
expect Age phases
ctrl-d
SCRIPT
pty "$TMP/repeat" add course
expect "a list: a repeat refused when typed, -2 and -ITEM take one out, Enter ends it" 2
check "  no trap: the next question came" grep -q "Age phases (age_phases)" "$TMP/out"

# ---- an action: done asks for its completed date as soon as it is left out ----
cat >"$TMP/action" <<'SCRIPT'
expect Title (title)
send Train the champions
expect Owner (owner)
send TIP Working Group
expect Partners
send
expect Status (status)
send done
expect RAG rating
send
expect Start
send
expect Due
send
expect Completed (completed)
send
expect ! a done action has the date it was completed: add completed (a date such as 2026-09-30) (as status is done)
expect Completed (completed)
send 2026-05-01
expect Description
send
expect Milestones (milestones)
expect Add a milestone?
send y
expect Milestone 1 of Milestones
expect Title (title) - required
send Pilot in two schools
expect Due (due) - required
send 2026-03-01
expect Done (done)
send
expect Another milestone?
send n
expect Outcome measures
expect Add an outcome measure?
send
expect Courses
send
expect Definitions
send
expect Depends on
send
expect National drivers
send
expect Notes
send
expect Id
send
expect Commit it?
send
SCRIPT
pty "$TMP/action" add action
expect "an action done without its completed date: asked at once, committed" 0
check "  the record" test "$(cat records/actions/train-the-champions.yaml)" = \
"title: Train the champions
owner: TIP Working Group
status: done
completed: '2026-05-01'
milestones:
  - title: Pilot in two schools
    due: '2026-03-01'
    done: false"

# ---- a rule broken twice over: the other field of the rule is asked in turn ----
cat >"$TMP/both" <<'SCRIPT'
expect Title (title)
send Either way
expect Provider (provider)
send Virtual School
expect Provider type
send external
expect Practice level (level)
send enhanced
expect Level status (level_status)
send not-assessed
expect ! a course with a level has its level agreed or proposed: set level_status to agreed or proposed, or remove level
expect Level status (level_status)
send not-assessed
expect ! level_status: a course with a level has its level agreed or proposed: set level_status to agreed or proposed, or remove level (as level is enhanced)
expect Practice level (level)
send
expect Audience
send police
send
expect Age phases
ctrl-d
SCRIPT
pty "$TMP/both" add course
expect "  insisting on one answer asks the other field of the rule, which can mend it" 2

# ---- dependentRequired: the field it wants, when already passed, is asked again ----
new_repo spans
cat >schemas/span.schema.yaml <<'YAML'
type: object
additionalProperties: false
required: [title]
properties:
  title: {type: string}
  start: {type: string, format: date}
  end: {type: string, format: date}
dependentRequired:
  end: [start]
YAML
git add . && git commit -q -m start
cat >"$TMP/span" <<'SCRIPT'
expect title (title) - required
send A span
expect start (start) - optional
send
expect end (end) - optional
send 2026-01-02
expect ! property "start" is required when "end" is present (as end is 2026-01-02)
expect start (start) - optional
send 2026-01-01
expect Id
send
expect Commit it?
send c
SCRIPT
pty "$TMP/span" add span
expect "dependentRequired: the field left out is asked again with the reason" 0
check "  the record" test "$(cat records/spans/a-span.yaml)" = "title: A span
start: '2026-01-01'
end: '2026-01-02'"
cd "$TMP/programme"

# ---- what would stop the commit is said before the first question ----
here=$(git rev-parse HEAD)
printf 'expect Title (title)\nsend Never asked\n' >"$TMP/first"
# pty_without_identity SCRIPT ARGS...: pty with no identity for commits anywhere (an empty
# home folder, no GIT_AUTHOR_*, GIT_COMMITTER_* or EMAIL).
pty_without_identity() {
	mkdir -p "$TMP/home"
	(
		unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL
		HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home" GIT_CONFIG_NOSYSTEM=1 pty "$@"
		echo "$status" >"$TMP/status"
	)
	status=$(cat "$TMP/status")
}

pty_without_identity "$TMP/first" add course
expect "no identity for commits: said before any question" 124
check "  with what to do" grep -q "no identity for commits: set it with git config user.name" \
	"$TMP/out"
check "  and no question was asked" sh -c '! grep -q "^New course" "$0"' "$TMP/out"

git rev-parse HEAD >.git/MERGE_HEAD
pty "$TMP/first" add course
rm .git/MERGE_HEAD
expect "a merge in progress: said before any question" 124
check "  with what to do" grep -q "a merge is in progress: finish it with git commit" "$TMP/out"
check "  and no question was asked" sh -c '! grep -q "^New course" "$0"' "$TMP/out"

printf 'tip 999999999\n' >.git/index.lock
pty "$TMP/first" add course
rm .git/index.lock
expect "a lock left by a stopped tip: said before any question" 124
check "  naming it" grep -q "index.lock' was left by a tip command" "$TMP/out"
check "  and no question was asked" sh -c '! grep -q "^New course" "$0"' "$TMP/out"
check "none of them wrote anything" unchanged_since "$here"

printf 'expect Title (title)\nctrl-c\n' >"$TMP/first"
pty_without_identity "$TMP/first" add course --no-commit
expect "--no-commit makes no commit: the questions are asked without an identity" 130

# kept_file: the path of the kept text that tip printed.
kept_file() {
	sed -n 's/.*your text is kept in \([^ ]*\.yaml\).*/\1/p' "$TMP/out" | tr -d '\r'
}

# ---- a record still invalid at the end goes back to the questions, never lost ----
notes_repo notes
printf 'title: Not yet committed\n' >records/topics/draft.yaml
here=$(git rev-parse HEAD)
# note_script TITLE LEVEL MINUTES TOPIC...: a note's questions answered, up to the preview.
note_script() {
	printf 'expect Title (title)\nsend %s\nexpect Level (level)\nsend %s\n' "$1" "$2"
	printf 'expect Minutes\nsend %s\nexpect Topics (topics)\n' "$3"
	shift 3
	printf 'send %s\n' "$@"
	printf 'send\nexpect Add an item?\nsend\nexpect Id\nsend\n'
}

{
	note_script Regulation "" 20 trauma draft
	cat <<'SCRIPT'
expect --- records/notes/regulation.yaml
expect This note is not valid yet, so it cannot be committed:
expect "draft" is a topic that is not committed yet
expect q = answer the questions again for what is wrong, e = fix it in your editor, a = abort (Enter: q)
send
expect Topics (topics)
expect so far: 1 trauma, 2 draft
send -draft
expect took out 2 draft
send attachment
send
expect --- records/notes/regulation.yaml
expect Commit it?
send c
SCRIPT
} >"$TMP/notes-script"
pty "$TMP/notes-script" add note
expect "invalid at the end: said in the preview, the questions again, then committed" 0
check "  no commit was offered while it was invalid" sh -c \
	'sed -n "/not valid yet/,/Topics (topics)/p" "$0" | grep -q "Commit it?" && exit 1 || exit 0' \
	"$TMP/out"
check "  the record as mended" test "$(cat records/notes/regulation.yaml)" = \
"title: Regulation
level: informed
minutes: 20
topics:
  - trauma
  - attachment"

here=$(git rev-parse HEAD)
{
	note_script "Kept answers" skilled 45 draft
	printf 'expect This note is not valid yet\nsend a\n'
} >"$TMP/notes-script"
pty "$TMP/notes-script" add note
expect "abort with an invalid record" 2
check "  nothing written" sh -c 'git status --porcelain | grep -q kept-answers && exit 1 || exit 0'
kept=$(kept_file)
check "  the answers are kept in a file whose path is printed" test -f "$kept"
check "  all of them" test "$(cat "$kept" 2>/dev/null)" = "title: Kept answers
level: skilled
minutes: 45
topics:
  - draft"
[ -n "$kept" ] && rm -rf "$(dirname "$kept")"

# A commit that fails after "commit" (here a lock a stopped tip left, made while the editor
# was open) keeps the answers too.
cat >"$TMP/locker" <<'SH'
#!/bin/sh
printf 'tip 999999999\n' >.git/index.lock
SH
chmod +x "$TMP/locker"
{
	note_script "Failed commit" "" 5 trauma
	printf 'expect Commit it?\nsend e\nexpect Commit it?\nsend c\n'
} >"$TMP/notes-script"
here=$(git rev-parse HEAD)
EDITOR="$TMP/locker" pty "$TMP/notes-script" add note
rm -f .git/index.lock
expect "a commit that fails" 2
check "  says why" grep -q "index.lock' was left by a tip command" "$TMP/out"
check "  nothing written" sh -c \
	'test "$(git rev-parse HEAD)" = "$0" && ! test -e records/notes/failed-commit.yaml' "$here"
kept=$(kept_file)
check "  the answers are kept in a file whose path is printed" test \
	"$(cat "$kept" 2>/dev/null)" = "title: Failed commit
level: informed
minutes: 5
topics:
  - trauma"
[ -n "$kept" ] && rm -rf "$(dirname "$kept")"

printf 'expect Title (title)\nsend Half way\nexpect Level\nsend 2\nexpect Minutes\nctrl-d\n' \
	>"$TMP/notes-script"
pty "$TMP/notes-script" add note
expect "input ended half way" 2
kept=$(kept_file)
check "  the answers given are kept in a file whose path is printed" test \
	"$(cat "$kept" 2>/dev/null)" = "title: Half way
level: skilled"
check "  with the command that goes on from them" \
	grep -q "go on from it with: tip add note --resume $kept" "$TMP/out"

# --resume goes on from kept answers: only what they lack is asked.
here=$(git rev-parse HEAD)
printf 'expect Minutes\nsend 25\nexpect Topics (topics)\nsend trauma\nsend\n' >"$TMP/notes-script"
printf 'expect Add an item?\nsend\nexpect Id\nsend\nexpect Commit it?\nsend c\n' >>"$TMP/notes-script"
pty "$TMP/notes-script" add note --resume "$kept"
expect "--resume goes on from the kept answers" 0
check "  not asking again what they hold" sh -c '! grep -q "Title (title)" "$0"' "$TMP/out"
check "  and commits the whole record" test "$(git show HEAD:records/notes/half-way.yaml)" = \
"title: Half way
level: skilled
minutes: 25
topics:
  - trauma"
check "  as one commit" test "$(git rev-parse HEAD~1)" = "$here"
tip add note --resume "$kept" --file "$kept"
expect_stderr "--resume and --file together are refused" 2 "--file and --resume both give the record"
printf 'level: skilled\n' >"$TMP/partial.yaml"
tip add note --resume "$TMP/partial.yaml" </dev/null
expect_stderr "--resume off a terminal asks nothing: what is missing is listed, as with --file" 1 \
	"title"
check "  nothing written" test "$(git rev-parse HEAD~1)" = "$here"
[ -n "$kept" ] && rm -rf "$(dirname "$kept")"

# ---- what tip lint would refuse is said in the preview, before any commit is offered ----
programme_repo glossary
record definitions trauma-informed-practice <<'YAML'
term: Trauma informed practice
definition: An approach grounded in the understanding of trauma.
status: draft
YAML
record definitions cla <<'YAML'
term: CLA
definition: Children looked after by the local authority.
status: agreed
avoid:
  - term: LAC
    reason: a label children dislike
YAML
git add . && git commit -q -m start
here=$(git rev-parse HEAD)

# a second definition of a term, with a term to avoid
cat >"$TMP/definition" <<'SCRIPT'
expect Preferred term (term)
send Trauma Informed Practice
expect Definition (definition)
send An approach for LAC and staff.
expect Status (status)
send draft
expect Alternative labels
send
expect Hidden labels
send
expect Terms to avoid
send
expect Scope note
send
expect Broader concepts
send
expect Narrower concepts
send
expect Related concepts
send
expect Source (source)
send
expect Notes (notes)
send
expect Id
send trauma-informed-practice-2
expect --- records/definitions/trauma-informed-practice-2.yaml
expect This definition is not valid yet, so it cannot be committed:
expect preferred terms are unique
expect q = answer the questions again for what is wrong
send
expect Preferred term (term)
send Trauma informed practice (schools)
expect Definition (definition)
send An approach for children looked after and staff.
expect Commit it?
send c
SCRIPT
pty "$TMP/definition" add definition
expect "lint errors are said in the preview, then asked again, then committed" 0
check "  no commit was offered while lint refused it" sh -c \
	'sed -n "/not valid yet/,/Preferred term (term)/p" "$0" | grep -q "Commit it?" && exit 1 || exit 0' \
	"$TMP/out"
check "  the record as mended" grep -q '^term: Trauma informed practice (schools)$' \
	records/definitions/trauma-informed-practice-2.yaml
check "  committed once" test "$(git rev-list --count "$here"..HEAD)" = 1

# ---- a choice answered with neither of its letters nor their words is refused, saying so ----
notes_repo choices
here=$(git rev-parse HEAD)
cat >"$TMP/choice-script" <<'SCRIPT'
expect Title (title)
send Grounding
expect Level (level)
send
expect Minutes
send
expect Topics (topics)
send
expect Add an item? y = yes, n = no
send maybe
expect ! answer y (yes) or n (no)
send No
expect Id
send
expect Commit it?
send cancel
expect ! answer c (commit), e (edit) or a (abort)
send Abort
expect aborted: nothing was written
SCRIPT
pty "$TMP/choice-script" add note
expect "a choice refuses what names none of its answers, and takes their words" 2
check "  nothing was committed" unchanged_since "$here"
check "  nothing was written" test ! -e records/notes/grounding.yaml

# ---- a milestone's done (true, false or a date) answered as a person would ----
programme_repo milestones
git add . && git commit -q -m start
cat >"$TMP/milestone-script" <<'SCRIPT'
expect Partners
send
expect RAG rating (rag)
send
expect Completed (completed)
send
expect Add a milestone?
send y
expect Title (title)
send Pilot
expect Due (due)
send 1/2/2027
expect Done (done)
expect yes, or the date it was done
send Yes
expect Another milestone?
send y
expect Title (title)
send Review
expect Due (due)
send 2027-03-01
expect Done (done)
send 3/1/2027
expect read 3/1/2027 as 3 January 2027 (2027-01-03)
expect Another milestone?
send n
expect Add an outcome measure?
send n
SCRIPT
for field in courses definitions depends_on drivers; do
	printf 'expect (%s)\nsend\n' "$field" >>"$TMP/milestone-script"
done
printf 'expect Notes (notes)\nsend\nexpect Id\nsend\nexpect Commit it?\nsend c\n' >>"$TMP/milestone-script"
pty "$TMP/milestone-script" add action --set title=Pilot --set owner=Virtual\ School \
	--set status=planned --set start=2026-12-01 --set due=2027-06-01 --set description=x
expect "yes and a day-first date are what a milestone's done takes at the prompts" 0
check "  kept as true and as YYYY-MM-DD" test "$(tail -n 6 records/actions/pilot.yaml)" = "  - title: Pilot
    due: '2027-02-01'
    done: true
  - title: Review
    due: '2027-03-01'
    done: '2027-01-03'"

done_testing
