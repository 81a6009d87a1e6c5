# tip log: the history of the records as field changes, from commits made by tip and by hand.
. tests/cli/lib.sh

# at DATE: the author and committer date of the commits that follow.
at() { export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"; }
# short: HEAD's abbreviated id.
short() { git rev-parse --short=7 HEAD; }

# not_in_out TEXT: the last tip's stdout does not hold TEXT.
not_in_out() { ! grep -qF -- "$1" "$TMP/out"; }

# ---- a repository without commits ----
new_repo empty
tip log
expect "no commits: nothing, and success" 0 ""
tip log --format json
expect "  as JSON: no commits" 0 '{"format":1,"commits":[]}'

# ---- the history: tip commands and commits by hand, each on a day of its own ----
at "2026-01-05T09:00:00+00:00"
notes_repo log
c_start=$(short)
at "2026-01-10T10:00:00+00:00"
tip add note --set title=Stress --set topics=trauma --set minutes=30 </dev/null
expect "setup: tip add" 0
c_add=$(short)
at "2026-02-01T11:00:00+00:00"
tip set note stress level=skilled minutes=45 topics+=attachment -m "Agreed at the March meeting."
expect "setup: tip set with a reason" 0
c_set=$(short)
# By hand, late on 15 February in New York (16 February in UTC), by someone else: a changed
# record, one that does not load, and files under records/ that are not records.
at "2026-02-15T23:30:00-05:00"
cat >records/notes/stress.yaml <<'YAML'
title: Stress and the body
level: skilled
minutes: 45
topics:
  - attachment
sessions:
  - date: '2026-02-10'
YAML
printf 'title: [broken\n' >records/notes/bad.yaml
mkdir -p records/misc && printf 'title: Not a type\n' >records/misc/other.yaml
printf 'notes\n' >records/README
git add . && GIT_AUTHOR_NAME="Sam Coordinator" git commit -q -m "Stress: new title, first session"
c_hand=$(short)
# The text of a record changes, its values do not: not in the log.
at "2026-02-20T09:00:00+00:00"
printf "title: 'Trauma'\n" >records/topics/trauma.yaml
git commit -q -am "Quote the trauma title"
# No record changes: not in the log.
at "2026-03-01T09:00:00+00:00"
printf 'Notes\n' >README.md && git add README.md && git commit -q -m "A README"
at "2026-03-02T09:00:00+00:00"
printf 'title: Broken no more\n' >records/notes/bad.yaml
git commit -q -am "Mend bad" -m "It did not load."
c_mend=$(short)
at "2026-03-10T09:00:00+00:00"
tip rm --force note bad -m "Not needed."
expect "setup: tip rm" 0
c_rm=$(short)
# A branch merged: the merge shows what it brought against the first parent; the branch's
# own commit is not on the first-parent line.
at "2026-03-12T09:00:00+00:00"
git checkout -q -b side
tip set note stress minutes=50
expect "setup: tip set on a branch" 0
at "2026-03-15T09:00:00+00:00"
git checkout -q -
git merge -q --no-ff side -m "Merge side"
c_merge=$(short)

tip log
expect "the whole history, newest first" 0 "$c_merge 2026-03-15 Test Author
    Merge side
  note stress: changed
    minutes: 45 → 50

$c_rm 2026-03-10 Test Author
    rm note bad: Broken no more
    Not needed.
  note bad: removed

$c_mend 2026-03-02 Test Author
    Mend bad
  note bad: unreadable (before)

$c_hand 2026-02-15 Sam Coordinator
    Stress: new title, first session
  note bad: unreadable (after)
  note stress: changed
    title: Stress → Stress and the body
    topics: - trauma
    sessions: + {\"date\":\"2026-02-10\"}

$c_set 2026-02-01 Test Author
    set note stress: Stress
    Agreed at the March meeting.
  note stress: changed
    level: informed → skilled
    minutes: 30 → 45
    topics: + attachment

$c_add 2026-01-10 Test Author
    add note stress: Stress
  note stress: added

$c_start 2026-01-05 Test Author
    start
  topic attachment: added
  topic trauma: added"

# ---- restricted to a type, a record, a field ----
tip log topic
expect "TYPE: only its records" 0 "$c_start 2026-01-05 Test Author
    start
  topic attachment: added
  topic trauma: added"
tip log note bad
expect "TYPE ID: only that record, removed ones too" 0 "$c_rm 2026-03-10 Test Author
    rm note bad: Broken no more
    Not needed.
  note bad: removed

$c_mend 2026-03-02 Test Author
    Mend bad
  note bad: unreadable (before)

$c_hand 2026-02-15 Sam Coordinator
    Stress: new title, first session
  note bad: unreadable (after)"
tip log note nobody
expect_stderr "TYPE ID that never existed: an error" 2 'tip: no note "nobody" in the history'
check "  nothing on stdout" test ! -s "$TMP/out"
tip log note nobody --format json
expect_stderr "  with --format json too" 2 'tip: no note "nobody" in the history'
tip log note stress --since 2027-01-01
expect "a record in the history, no change of it in the dates: nothing, and success" 0 ""

tip log --field topics
expect "--field: only that field's changes, and only commits with one" 0 \
"$c_hand 2026-02-15 Sam Coordinator
    Stress: new title, first session
  note stress: changed
    topics: - trauma

$c_set 2026-02-01 Test Author
    set note stress: Stress
    Agreed at the March meeting.
  note stress: changed
    topics: + attachment

$c_add 2026-01-10 Test Author
    add note stress: Stress
  note stress: added
    topics: + trauma"
tip log --field title
expect "--field: an added or removed record shows its value coming or going" 0 \
"$c_rm 2026-03-10 Test Author
    rm note bad: Broken no more
    Not needed.
  note bad: removed
    title: Broken no more → (none)

$c_hand 2026-02-15 Sam Coordinator
    Stress: new title, first session
  note stress: changed
    title: Stress → Stress and the body

$c_add 2026-01-10 Test Author
    add note stress: Stress
  note stress: added
    title: (none) → Stress

$c_start 2026-01-05 Test Author
    start
  topic attachment: added
    title: (none) → Attachment
  topic trauma: added
    title: (none) → Trauma"
tip log note stress --field minutes
expect "TYPE ID and --field together" 0 "$c_merge 2026-03-15 Test Author
    Merge side
  note stress: changed
    minutes: 45 → 50

$c_set 2026-02-01 Test Author
    set note stress: Stress
    Agreed at the March meeting.
  note stress: changed
    minutes: 30 → 45

$c_add 2026-01-10 Test Author
    add note stress: Stress
  note stress: added
    minutes: (none) → 30"
tip log --field nothing
expect "--field no commit changed: nothing" 0 ""

# ---- dates: inclusive, on the committer's own date ----
tip log --since 2026-03-02 --until 2026-03-10
expect "--since and --until include both days" 0 "$c_rm 2026-03-10 Test Author
    rm note bad: Broken no more
    Not needed.
  note bad: removed

$c_mend 2026-03-02 Test Author
    Mend bad
  note bad: unreadable (before)"
tip log --since 2026-03-03 --until 2026-03-09
expect "  and nothing outside them" 0 ""
tip log --since 2026-02-15 --until 2026-02-15 --field title
expect "the committer's date in the committer's time zone (15 February in New York)" 0 \
"$c_hand 2026-02-15 Sam Coordinator
    Stress: new title, first session
  note stress: changed
    title: Stress → Stress and the body"
tip log --since 2026-02-16 --until 2026-02-28
expect "  not the UTC date (16 February)" 0 ""
tip log --until 2026-01-05
expect "--until alone" 0 "$c_start 2026-01-05 Test Author
    start
  topic attachment: added
  topic trauma: added"
tip log --since 2026-03-11 note
expect "--since alone, options before TYPE too" 0 "$c_merge 2026-03-15 Test Author
    Merge side
  note stress: changed
    minutes: 45 → 50"
tip log --since 2026-02-30
expect_stderr "a date that does not exist" 2 \
	"tip: --since: '2026-02-30' is not a date: February 2026 has 28 days"
tip log --until 15/02/2026
expect_stderr "a date in another form" 2 "tip: --until: '15/02/2026' is not a date"

# ---- JSON ----
id_of() { git rev-parse "$1"; }
tip log note --since 2026-02-01 --until 2026-03-10 --format json
expect "JSON: one commit a line, values as JSON" 0 "{\"format\":1,\"commits\":[
  {\"commit\":\"$(id_of "$c_rm")\",\"date\":\"2026-03-10\",\"author\":\"Test Author\",\"subject\":\"rm note bad: Broken no more\",\"reason\":\"Not needed.\",\"records\":[{\"type\":\"note\",\"id\":\"bad\",\"path\":\"records/notes/bad.yaml\",\"change\":\"removed\",\"unreadable\":null,\"fields\":[{\"field\":\"title\",\"from\":\"Broken no more\",\"to\":null,\"added\":[],\"removed\":[],\"personal\":false}]}]},
  {\"commit\":\"$(id_of "$c_mend")\",\"date\":\"2026-03-02\",\"author\":\"Test Author\",\"subject\":\"Mend bad\",\"reason\":null,\"records\":[{\"type\":\"note\",\"id\":\"bad\",\"path\":\"records/notes/bad.yaml\",\"change\":\"unreadable\",\"unreadable\":\"before\",\"fields\":[]}]},
  {\"commit\":\"$(id_of "$c_hand")\",\"date\":\"2026-02-15\",\"author\":\"Sam Coordinator\",\"subject\":\"Stress: new title, first session\",\"reason\":null,\"records\":[{\"type\":\"note\",\"id\":\"bad\",\"path\":\"records/notes/bad.yaml\",\"change\":\"unreadable\",\"unreadable\":\"after\",\"fields\":[]},{\"type\":\"note\",\"id\":\"stress\",\"path\":\"records/notes/stress.yaml\",\"change\":\"changed\",\"unreadable\":null,\"fields\":[{\"field\":\"title\",\"from\":\"Stress\",\"to\":\"Stress and the body\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"topics\",\"from\":[\"trauma\",\"attachment\"],\"to\":[\"attachment\"],\"added\":[],\"removed\":[\"trauma\"],\"personal\":false},{\"field\":\"sessions\",\"from\":null,\"to\":[{\"date\":\"2026-02-10\"}],\"added\":[{\"date\":\"2026-02-10\"}],\"removed\":[],\"personal\":false}]}]},
  {\"commit\":\"$(id_of "$c_set")\",\"date\":\"2026-02-01\",\"author\":\"Test Author\",\"subject\":\"set note stress: Stress\",\"reason\":\"Agreed at the March meeting.\",\"records\":[{\"type\":\"note\",\"id\":\"stress\",\"path\":\"records/notes/stress.yaml\",\"change\":\"changed\",\"unreadable\":null,\"fields\":[{\"field\":\"level\",\"from\":\"informed\",\"to\":\"skilled\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"minutes\",\"from\":30,\"to\":45,\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"topics\",\"from\":[\"trauma\"],\"to\":[\"trauma\",\"attachment\"],\"added\":[\"attachment\"],\"removed\":[],\"personal\":false}]}]}
]}"
tip log note stress --until 2026-01-10 --format json
expect "JSON: an added record lists every field" 0 "{\"format\":1,\"commits\":[
  {\"commit\":\"$(id_of "$c_add")\",\"date\":\"2026-01-10\",\"author\":\"Test Author\",\"subject\":\"add note stress: Stress\",\"reason\":null,\"records\":[{\"type\":\"note\",\"id\":\"stress\",\"path\":\"records/notes/stress.yaml\",\"change\":\"added\",\"unreadable\":null,\"fields\":[{\"field\":\"title\",\"from\":null,\"to\":\"Stress\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"level\",\"from\":null,\"to\":\"informed\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"minutes\",\"from\":null,\"to\":30,\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"topics\",\"from\":null,\"to\":[\"trauma\"],\"added\":[\"trauma\"],\"removed\":[],\"personal\":false}]}]}
]}"
tip log --field nothing --format json
expect "JSON: nothing is no commits" 0 '{"format":1,"commits":[]}'

# ---- values that are not plain text ----
at "2026-04-01T09:00:00+00:00"
printf 'title: Stress and the body\nlevel: skilled\nminutes: 50\ntopics:\n  - attachment\n  - trauma\nsessions:\n  - date: 2026-04-01\n' \
	>records/notes/stress.yaml
printf 'title: " Spaced"\n' >records/topics/trauma.yaml
git commit -q -am "Order and text" -m "Body of a commit not made by tip." -m "Tip-Note: not a tip action"
c_order=$(short)
at "2026-04-02T09:00:00+00:00"
printf 'title: Stress and the body\nlevel: skilled\nminutes: 50\ntopics:\n  - trauma\n  - attachment\nsessions:\n  - date: 2026-04-01\n' \
	>records/notes/stress.yaml
printf 'title: "Two\\nlines"\n' >records/topics/trauma.yaml
git commit -q -am "Reorder"
c_reorder=$(short)
tip log --since 2026-04-01
expect "reordered lists, changed items of a list of objects, text that needs quotes" 0 \
"$c_reorder 2026-04-02 Test Author
    Reorder
  note stress: changed
    topics: reordered
  topic trauma: changed
    title: \" Spaced\" → \"Two\\nlines\"

$c_order 2026-04-01 Test Author
    Order and text
  note stress: changed
    topics: + trauma
    sessions: + {\"date\":\"2026-04-01\"}, - {\"date\":\"2026-02-10\"}
  topic trauma: changed
    title: Trauma → \" Spaced\""

at "2026-04-03T09:00:00+00:00"
printf 'title: [one\n' >records/topics/trauma.yaml
git commit -q -am "Break trauma"
at "2026-04-04T09:00:00+00:00"
printf 'title: [two\n' >records/topics/trauma.yaml
git commit -q -am "Break it again"
tip log topic --since 2026-04-04
expect "a record that loads on neither side" 0 "$(short) 2026-04-04 Test Author
    Break it again
  topic trauma: unreadable (both)"
tip log topic --since 2026-04-04 --format json
expect "  as JSON" 0 "{\"format\":1,\"commits\":[
  {\"commit\":\"$(git rev-parse HEAD)\",\"date\":\"2026-04-04\",\"author\":\"Test Author\",\"subject\":\"Break it again\",\"reason\":null,\"records\":[{\"type\":\"topic\",\"id\":\"trauma\",\"path\":\"records/topics/trauma.yaml\",\"change\":\"unreadable\",\"unreadable\":\"both\",\"fields\":[]}]}
]}"
tip log topic --since 2026-04-03 --field title
expect "  --field leaves unreadable versions out" 0 ""

# ---- usage ----
tip log course
expect_stderr "a type that does not exist" 2 "tip: there is no record type 'course'"
tip log note Not_An_Id
expect_stderr "an id that cannot be one" 2 "tip: 'Not_An_Id' is not a valid id"
tip log note stress extra
expect_stderr "too many arguments" 2 "tip log takes at most TYPE and ID"
tip log --format csv
expect_stderr "an unknown format" 2 "tip: --format must be text or json, not 'csv'"
tip log --bogus
expect_stderr "an unknown option" 2 "tip: unknown option '--bogus'"
here=$PWD
git clone -q --depth 2 "file://$here" "$TMP/shallow"
cd "$TMP/shallow"
tip log --format json
expect "a shallow clone: the history it holds, no error" 0
check "  one commit shown (the last; its parent is not in the clone)" \
	test "$(grep -c '"commit"' "$TMP/out")" = 1
cd "$here"

tip log --help
expect "--help" 0
check "  prints the usage" grep -q "^usage: tip log" "$TMP/out"

# ---- personal fields: said to have changed, their values only with --include-personal ----
new_repo people
cat >schemas/person.schema.yaml <<'YAML'
type: object
properties:
  role: {type: string}
  name: {type: string, x-tip-personal: true}
YAML
mkdir -p records/persons
printf 'role: champion\nname: Ann Example\n' >records/persons/p1.yaml
git add . && GIT_COMMITTER_DATE=2026-04-01T10:00:00Z git commit -q -m "people"
printf 'role: lead\nname: Bea Example\n' >records/persons/p1.yaml
GIT_COMMITTER_DATE=2026-04-02T10:00:00Z git commit -q -a -m "new lead"
tip log person p1 --since 2026-04-02
expect "a personal field's values are not shown" 0 "$(git rev-parse --short HEAD) 2026-04-02 Test Author
    new lead
  person p1: changed
    role: champion → lead
    name: changed"
tip log person p1 --since 2026-04-02 --include-personal
expect "--include-personal shows them" 0 "$(git rev-parse --short HEAD) 2026-04-02 Test Author
    new lead
  person p1: changed
    role: champion → lead
    name: Ann Example → Bea Example"
tip log person p1 --since 2026-04-02 --format json
check "in JSON a personal field's values are null" grep -qF \
	'{"field":"name","from":null,"to":null,"added":null,"removed":null,"personal":true}' "$TMP/out"
tip log person p1 --since 2026-04-02 --format json --include-personal
check "  and there with --include-personal" grep -qF \
	'{"field":"name","from":"Ann Example","to":"Bea Example","added":[],"removed":[],"personal":true}' "$TMP/out"
tip log person p1 --field name --since 2026-04-01 --until 2026-04-01
check "an added record's personal field with --field: not shown" grep -qx '    name: changed' "$TMP/out"

# ---- a personal value in a commit's subject or reason (written by hand, or by an older tip
# that took a name for the title) is hidden, shown with --include-personal ----
printf 'name: Cy Example\nrole: lead\n' >records/persons/p2.yaml
git add records && GIT_COMMITTER_DATE=2026-04-03T10:00:00Z git commit -q -m "add person p2: Cy Example

Asked by Cy Example's manager.

Tip-Action: add
Tip-Record: persons/p2"
tip log person p2
expect "a personal value in the subject and reason is hidden" 0 "$(git rev-parse --short HEAD) 2026-04-03 Test Author
    add person p2: [personal]
    Asked by [personal]'s manager.
  person p2: added"
tip log --format json person p2
check "  in JSON too" grep -qF '"subject":"add person p2: [personal]","reason":"Asked by [personal]'"'"'s manager."' "$TMP/out"
check "  nowhere in it" not_in_out "Cy Example"
tip log person p2 --include-personal
check "  shown with --include-personal" grep -qx '    add person p2: Cy Example' "$TMP/out"
git rm -q records/persons/p2.yaml && GIT_COMMITTER_DATE=2026-04-04T10:00:00Z git commit -q -m "Cy Example left"
tip log person p2 --since 2026-04-04
check "  a removed record's old value too" grep -qx '    \[personal\] left' "$TMP/out"

done_testing
