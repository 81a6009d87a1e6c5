# tip diff: what a change does to the records, in words: text, Markdown for a job summary,
# JSON; the default base (the merge base with the default branch); personal data kept out.
. tests/cli/lib.sh

# at DATE: the author and committer date of the commits that follow.
at() { export GIT_AUTHOR_DATE="$1" GIT_COMMITTER_DATE="$1"; }
# json_ok: the last output parses as JSON (when python3 is there to say so).
json_ok() {
	if ! command -v python3 >/dev/null 2>&1; then
		ok "$1 # SKIP no python3"
	elif python3 -m json.tool "$TMP/out" >/dev/null 2>&1; then
		ok "$1"
	else
		not_ok "$1" "not JSON"
	fi
}

# ---- the base: the default branch, main ----
at "2026-01-05T09:00:00+00:00"
notes_repo diff
git branch -M main
cat >schemas/champion.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Champion
type: object
additionalProperties: false
required: [organisation]
properties:
  name:
    type: string
    x-tip-personal: true
  organisation:
    type: string
  level:
    enum: [informed, skilled]
YAML
mkdir -p records/champions
printf 'title: Stress\nlevel: informed\nminutes: 30\ntopics:\n  - trauma\n' >records/notes/stress.yaml
printf 'title: Old note\nlevel: informed\n' >records/notes/old.yaml
printf 'name: Ann Example\norganisation: City School\nlevel: informed\n' \
	>records/champions/ann.yaml
printf 'title: [not yet\n' >records/topics/broken.yaml
git add . && git commit -q -m "base"
base=$(git rev-parse HEAD)

tip diff
expect "on the default branch with nothing changed: nothing on stdout" 0 ""
expect_stderr "  and says so on stderr" 0 "no record changes"
tip diff --format md
expect "  md: says so" 0 "## Record changes

No record changes."
tip diff --format json
expect "  json: no records" 0 "{
  \"format\": 1,
  \"from\": \"$base\",
  \"to\": null,
  \"records\": []
}"
json_ok "  json: parses"

# ---- a feature branch: commits, then uncommitted and new files ----
git checkout -q -b feature
at "2026-01-06T09:00:00+00:00"
printf 'title: Stress | the body\nlevel: skilled\nminutes: 30\ntopics:\n  - trauma\n  - attachment\n' \
	>records/notes/stress.yaml
git rm -q records/notes/old.yaml
printf "title: 'Trauma'\n" >records/topics/trauma.yaml
printf 'title: [still not\n' >records/topics/broken.yaml
printf 'name: Ann Other\norganisation: City School\nlevel: skilled\n' >records/champions/ann.yaml
git add . && git commit -q -m "feature"
feature=$(git rev-parse HEAD)
# Not committed: a new record (not even added to git), a changed one, one that no longer loads.
printf 'title: "EBSA: *emotionally* based <school> absence"\nlevel: informed\n' \
	>records/notes/ebsa.yaml
printf 'name: Bea Example\norganisation: Youth Service\n' >records/champions/bea.yaml
printf 'title: [broken\n' >records/topics/attachment.yaml

# Every change since main, committed or not, in text.
since_main='champion ann: name changed
champion ann: level informed → skilled
champion bea: added "Youth Service"
note ebsa: added "EBSA: *emotionally* based <school> absence"
note old: removed
note stress: title Stress → Stress | the body
note stress: level informed → skilled
note stress: topics + attachment
topic attachment: unreadable (after)
topic broken: unreadable (both)'
tip diff
expect "text: one line a change, from the merge base with main to the working tree" 0 \
	"$since_main"
expect_stderr "  the count on stderr" 0 \
	"7 records changed: 2 added, 1 removed, 2 changed, 2 unreadable"
check "  a text-only change (quotes) is no record change" test -z "$(grep trauma "$TMP/out")"
for format in text md json; do
	tip diff --format "$format"
	check "  $format: personal values never shown" test -z "$(grep -e Ann -e Bea "$TMP/out")"
done

tip diff --format md
expect "md: a heading, the count, a table a type, Markdown escaped" 0 \
'## Record changes

7 records changed: 2 added, 1 removed, 2 changed, 2 unreadable

### Champions

| Record | Change |
| --- | --- |
| `ann` | name: changed<br>level: informed → skilled |
| `bea` | added "Youth Service" |

### Notes

| Record | Change |
| --- | --- |
| `ebsa` | added "EBSA: \*emotionally\* based \<school\> absence" |
| `old` | removed |
| `stress` | title: Stress → Stress \| the body<br>level: informed → skilled<br>topics: + attachment |

### Topics

| Record | Change |
| --- | --- |
| `attachment` | unreadable (after) |
| `broken` | unreadable (both) |'

tip diff --format json main feature
expect "json: the records, each field's change; personal values null" 0 "{
  \"format\": 1,
  \"from\": \"$base\",
  \"to\": \"$feature\",
  \"records\": [
    {\"type\":\"champion\",\"id\":\"ann\",\"path\":\"records/champions/ann.yaml\",\"change\":\"changed\",\"unreadable\":null,\"fields\":[{\"field\":\"name\",\"from\":null,\"to\":null,\"added\":null,\"removed\":null,\"personal\":true},{\"field\":\"level\",\"from\":\"informed\",\"to\":\"skilled\",\"added\":[],\"removed\":[],\"personal\":false}]},
    {\"type\":\"note\",\"id\":\"old\",\"path\":\"records/notes/old.yaml\",\"change\":\"removed\",\"unreadable\":null,\"fields\":[{\"field\":\"title\",\"from\":\"Old note\",\"to\":null,\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"level\",\"from\":\"informed\",\"to\":null,\"added\":[],\"removed\":[],\"personal\":false}]},
    {\"type\":\"note\",\"id\":\"stress\",\"path\":\"records/notes/stress.yaml\",\"change\":\"changed\",\"unreadable\":null,\"fields\":[{\"field\":\"title\",\"from\":\"Stress\",\"to\":\"Stress | the body\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"level\",\"from\":\"informed\",\"to\":\"skilled\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"topics\",\"from\":[\"trauma\"],\"to\":[\"trauma\",\"attachment\"],\"added\":[\"attachment\"],\"removed\":[],\"personal\":false}]},
    {\"type\":\"topic\",\"id\":\"broken\",\"path\":\"records/topics/broken.yaml\",\"change\":\"unreadable\",\"unreadable\":\"both\",\"fields\":[]}
  ]
}"
json_ok "  json: parses"

tip diff HEAD
expect "REV1 alone: from it to the working tree" 0 \
"champion bea: added \"Youth Service\"
note ebsa: added \"EBSA: *emotionally* based <school> absence\"
topic attachment: unreadable (after)"
tip diff "$base" "$feature"
cp "$TMP/out" "$TMP/by-id"
tip diff main HEAD
check "REV1 REV2: commits by id or by name alike" cmp "$TMP/out" "$TMP/by-id"
tip diff feature main
expect "REV1 REV2 the other way round: the opposite changes" 0 \
"champion ann: name changed
champion ann: level skilled → informed
note old: added \"Old note\"
note stress: title Stress | the body → Stress
note stress: level skilled → informed
note stress: topics - attachment
topic broken: unreadable (both)"
cp "$TMP/out" "$TMP/other-way"
tip diff --exit-code feature main
expect "--exit-code: 1 when records differ, as git diff --exit-code" 1
check "  the same changes printed" cmp "$TMP/out" "$TMP/other-way"
tip diff --format json --exit-code feature main
expect "  in JSON too" 1
tip diff --exit-code main main
expect "  0 when they do not" 0 ""
check "  said on stderr" test "$(cat "$TMP/err")" = "no record changes"

# ---- the default base ----
git add . && git commit -q -m "more"
at "2026-01-07T09:00:00+00:00"
git checkout -q main
printf 'title: Main moves on\nlevel: informed\n' >records/notes/later.yaml
git add . && git commit -q -m "main moves on"
git checkout -q feature
tip diff
expect "on a branch: from where it left main, not main's later commits" 0 "$since_main"
git checkout -q main
printf 'title: Main moves on\nlevel: skilled\n' >records/notes/later.yaml
tip diff
expect "on main itself: from HEAD, so what is not committed" 0 \
	"note later: level informed → skilled"
git checkout -q records/notes/later.yaml

# A clone: origin/HEAD names the default branch, even when it is not called main.
git branch -q -m main trunk
git clone -q "file://$TMP/diff" "$TMP/clone"
cd "$TMP/clone"
git checkout -q -b topic-work
printf 'title: Attachment theory\n' >records/topics/attachment.yaml
tip diff
expect "in a clone: from the merge base with origin/HEAD's branch" 0 \
	"topic attachment: title Attachment → Attachment theory"
git checkout -q trunk
tip diff
expect "  on that branch: from HEAD" 0 "topic attachment: title Attachment → Attachment theory"
git remote remove origin
git checkout -q topic-work
tip diff
expect_stderr "no default branch to be found: say so, and what to do" 2 \
	"tip: there is no default branch (origin/HEAD, origin/main, origin/master, main or master): name the revision to compare with, as in 'tip diff main'"
tip diff trunk
expect "  naming REV1 does" 0 "topic attachment: title Attachment → Attachment theory"
git branch -q -m trunk master
tip diff
expect "master when there is no main" 0 "topic attachment: title Attachment → Attachment theory"

# ---- usage and trouble ----
tip diff nowhere
expect_stderr "an unknown revision" 2 "tip: unknown revision 'nowhere'"
tip diff HEAD nowhere
expect_stderr "an unknown REV2" 2 "tip: unknown revision 'nowhere'"
tip diff 'HEAD^{tree}'
expect_stderr "a revision that is not a commit" 2 "tip: 'HEAD^{tree}' is not a commit"
tip diff --format xml
expect_stderr "an unknown format" 2 "tip: --format must be text, md or json, not 'xml'"
tip diff a b c
expect_stderr "too many revisions" 2 "tip: tip diff takes at most REV1 and REV2"
tip diff --bogus
expect_stderr "an unknown option" 2 "tip: unknown option '--bogus'"
tip diff --help
expect "--help" 0
check "  prints the usage" grep -qx "usage: tip diff \[--format text|md|json\] \[--exit-code\] \[REV1 \[REV2\]\]" \
	"$TMP/out"
new_repo unborn
tip diff
expect_stderr "a repository without commits" 2 "tip: HEAD has no commit yet"
cd "$TMP"
tip diff
expect_stderr "outside a repository" 2 "tip: not in a git repository"

done_testing
