# tip undo step by step: what it says it did, a second undo going further back, the numbered
# list, undoing an undo by its number, and undoing past commits made without tip.
. tests/cli/lib.sh

notes_repo steps
tip add note --set title=Stress --set level=skilled </dev/null
tip set note stress level=informed
tip rm topic trauma

tip undo
expect "undo says what it brought back" 0 "undo: rm topic trauma: Trauma
brought back topic trauma"
check "  the record is back" test "$(cat records/topics/trauma.yaml)" = "title: Trauma"
check "  the undo names the commit it took back" \
	test "$(git log -1 --format='%(trailers:key=Tip-Undoes,valueonly)')" = "$(git rev-parse HEAD~)"

tip undo
expect "a second undo goes one change further back, not redoing" 0 "undo: set note stress: Stress
put back the level of note stress: skilled (was informed)"
check "  the topic stays" test -e records/topics/trauma.yaml

tip undo
expect "a third one takes the note away" 0 "undo: add note stress: Stress
took away note stress"
check "  the note is gone" test ! -e records/notes/stress.yaml

tip undo
expect_stderr "then nothing is left to undo" 2 \
	"tip: nothing to undo: every change tip made is undone already (tip undo --list shows them)"

tip undo --list
expect "--list: numbered, newest first, with author, date and what is undone" 0 \
	"$(d=$(date +%Y-%m-%d); printf '%s\n' \
	"1  $d  Test Author  undo: add note stress: Stress" \
	"2  $d  Test Author  undo: set note stress: Stress" \
	"3  $d  Test Author  undo: rm topic trauma: Trauma" \
	"4  $d  Test Author  rm topic trauma: Trauma  (undone by 3)" \
	"5  $d  Test Author  set note stress: Stress  (undone by 2)" \
	"6  $d  Test Author  add note stress: Stress  (undone by 1)")"

tip undo 5
expect_stderr "an undone change is not undone again" 2 \
	"tip: change 5 'set note stress: Stress' is undone already, by change 2: to bring it back, undo that one (tip undo 2)"
tip undo 3
expect "undoing an undo by its number redoes" 0 "undo: undo: rm topic trauma: Trauma
took away topic trauma"
tip undo 3
expect_stderr "  not when a later change took the record away again" 2 \
	"tip: cannot undo 'undo: set note stress: Stress': 'records/notes/stress.yaml' was changed again after it, by 'undo: add note stress: Stress'"
tip undo
expect "a plain undo then takes back the change that stands again" 0 "undo: rm topic trauma: Trauma
brought back topic trauma"
tip undo 9
expect_stderr "a number past the last change" 2 "tip: there is no change 9: tip made 8 changes"
tip undo 0
expect_stderr "0 is no change's number" 2 "tip: N must be the number of a change in tip undo --list, not '0'"
tip undo --list 2
expect_stderr "--list takes no number" 2 "tip: unexpected argument '2'"

# Commits made without tip: undo reverts the change's records onto them, and refuses only when
# one of them changed the same record, naming it.
notes_repo later
tip add note --set title=Grief </dev/null
tip add note --set title=Loss </dev/null
printf 'notes\n' >NOTES.md && git add NOTES.md && git commit -q -m "Notes by hand"
tip undo
expect "undo goes past a commit made without tip" 0 "undo: add note loss: Loss
took away note loss"
check "  which stays" test "$(cat NOTES.md)|$(git status --porcelain -uall)" = "notes|"
printf 'title: Grief and loss\nlevel: informed\n' >records/notes/grief.yaml
git commit -q -am "Grief retitled by hand"
here=$(git rev-parse HEAD)
tip undo
expect_stderr "a record changed since by another commit is refused, naming it" 2 \
	"tip: cannot undo 'add note grief: Grief': 'records/notes/grief.yaml' was changed again after it, by 'Grief retitled by hand' (commit ${here%"${here#???????}"}): undo that change first, or change the record by hand"
check "  and nothing changed" unchanged_since "$here"

# tip setup's commit (.gitattributes only) is not a change to records: undo passes it by.
git checkout -q -- . && tip add note --set title=Sleep </dev/null
tip setup
check "tip setup committed .gitattributes" test "$(git log -1 --format=%s)" = "setup: record-aware merging of records"
tip undo
expect "undo passes by tip setup's commit to the change before it" 0 "undo: add note sleep: Sleep
took away note sleep"
check "  and .gitattributes stays" grep -q "merge=tip" .gitattributes
tip undo --list
check "  --list does not offer setup" sh -c '! grep -q "setup:" "$1"' - "$TMP/out"

done_testing
