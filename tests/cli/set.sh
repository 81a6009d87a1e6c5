# tip set: field changes as commits, the value syntax, and what it refuses.
. tests/cli/lib.sh

notes_repo set
tip add note --set title=Stress --set topics=trauma </dev/null
start=$(git rev-parse HEAD)

tip set note stress minutes=45 level=skilled -m "Longer now."
expect "set: committed, the subject on stdout" 0 "set note stress: Stress"
check "the file" test "$(cat records/notes/stress.yaml)" = "title: Stress
level: skilled
minutes: 45
topics:
  - trauma"
check "the message" test "$(git log -1 --format=%B)" = "set note stress: Stress

Longer now.

Tip-Action: set
Tip-Record: notes/stress"
check "the parent is the previous HEAD" test "$(git rev-parse HEAD^)" = "$start"
check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"

tip set note stress topics+=attachment
expect "F+=V appends" 0
check "  both topics" test "$(tail -n 2 records/notes/stress.yaml)" = "  - trauma
  - attachment"
tip set note stress topics-=trauma
expect "F-=V removes" 0
check "  one topic" test "$(tail -n 2 records/notes/stress.yaml)" = "topics:
  - attachment"
tip set note stress minutes=
expect "F= removes an optional field" 0
check "  gone" test -z "$(grep minutes records/notes/stress.yaml)"

here=$(git rev-parse HEAD)
tip set note stress level=skilled
expect_stderr "no change, no commit" 0 "tip: note stress: nothing to change"
check "  no commit" unchanged_since "$here"
tip set note stress level=expert
expect_stderr "an invalid value: findings with line:col" 1 \
	'records/notes/stress.yaml:2:8: error: "expert" is not one of informed, skilled [enum]'
tip set note stress title=
expect_stderr "a required field cannot be removed" 2 "tip: title is required: it cannot be removed"
tip set note stress minutes=many
expect_stderr "a whole number where the schema wants one" 2 "tip: minutes: 'many' is not a whole number"
tip set note nobody title=X
expect_stderr "a record that does not exist" 2 "tip: there is no note 'nobody' (records/notes/nobody.yaml)"
tip set note stress
expect_stderr "no assignment is a usage error" 2 "tip set needs TYPE, ID and FIELD=VALUE"
check "none of them changed anything" unchanged_since "$here"

# Refusals that protect the user's work, each with nothing changed.
echo "# my own edit" >>records/notes/stress.yaml
tip set note stress level=informed
expect_stderr "a record with uncommitted changes" 2 "has uncommitted changes"
git checkout -q records/notes/stress.yaml
git checkout -q --detach
tip set note stress level=informed
expect_stderr "a detached HEAD" 2 "HEAD is detached"
git checkout -q -
echo "other" >other.txt && git add other.txt
tip set note stress level=informed
expect "another staged change does not stop it" 0
check "  and stays staged, uncommitted" test "$(git status --porcelain)" = "A  other.txt"
check "  and is not in the commit" test -z "$(git show --name-only --format= HEAD | grep other)"

tip set note stress level=skilled --no-commit
expect "--no-commit writes the file only" 0 "wrote records/notes/stress.yaml (not committed)"
check "  the file changed, uncommitted" test "$(git status --porcelain records)" = \
	" M records/notes/stress.yaml"

git checkout -q records/notes/stress.yaml
tip set note stress "title=$(printf 'WAVE \033[31mRED')"
expect_stderr "a control character in a value: refused, named" 1 \
	"records/notes/stress.yaml:1:8: error: the text holds the control character U+001B, which a terminal would act on: remove it [control-character]"
check "  nothing written" git diff --quiet HEAD -- records

# ---- values as people write them: dates day first, choices in any case ----
git reset -q --hard
tip set note stress level=Skilled topics=Trauma,ATTACHMENT
expect "choices in any case" 0 "set note stress: Stress"
check "  stored as the schema spells them" test "$(cat records/notes/stress.yaml)" = "title: Stress
level: skilled
topics:
  - trauma
  - attachment"
tip set note stress topics-=Trauma
expect "  F-=V in any case too" 0
check "  removed" test "$(tail -n 1 records/notes/stress.yaml)" = "  - attachment"

. "$SOURCE_ROOT/tests/cli/fixtures/talks.sh"
talks_repo values
date_is() { test "$(grep '^given:' records/talks/draft.yaml)" = "given: '$1'"; }
tip set talk draft given=31/12/2026
expect_stderr "a date day first" 0 "note: given: read 31/12/2026 as 31 December 2026 (2026-12-31)"
check "  stored as YYYY-MM-DD" date_is 2026-12-31
for written in 1-3-2026 1.3.2026 1/3/26 "1 March 2026" "1 Mar 2026" "March 1 2026"; do
	tip set talk draft given=2026-12-31 && tip set talk draft "given=$written"
	expect_stderr "  $written" 0 "note: given: read $written as 1 March 2026 (2026-03-01)"
	check "  $written stored as 2026-03-01" date_is 2026-03-01
done
tip set talk draft given=2026-04-01
expect "  YYYY-MM-DD as it is, no note" 0 "set talk draft: Draft talk"
check "  nothing on stderr" test ! -s "$TMP/err"
here=$(git rev-parse HEAD)
tip set talk draft given=12/31/2026
expect_stderr "a date month first: refused, saying how dates are read" 2 \
	"tip: given: '12/31/2026' is not a date: dates are read day first, and there is no month 31 (for 31 December 2026 write 31/12/2026)"
tip set talk draft given=10/11/12
expect_stderr "a date that could be read two ways: both readings" 2 \
	"tip: given: '10/11/12' could be 10 November 2012 (day first) or 12 November 2010 (year first): write the year in full, e.g. 10/11/2012"
tip set talk draft "given=30 February 2026"
expect_stderr "a day the month does not have" 2 \
	"tip: given: '30 February 2026' is not a date: February 2026 has 28 days"
tip set talk draft given=soon
expect_stderr "not a date at all: the forms" 2 \
	"tip: given: 'soon' is not a date: write it like 2026-12-31, 31/12/2026 or 31 December 2026"
check "none of them changed anything" unchanged_since "$here"
tip set talk draft level=ENHANCED online=True
expect "an enum and true/false in capitals" 0
check "  stored as the schema spells them" test "$(tail -n 3 records/talks/draft.yaml)" = "level: enhanced
given: '2026-04-01'
online: true"

done_testing
