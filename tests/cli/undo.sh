# tip undo: reverts the last tip commit in a commit of its own; what it refuses.
. tests/cli/lib.sh


# tip_commit SUBJECT ACTION RECORD: commits what is staged as tip would, with its trailers.
tip_commit() {
	git commit -q -m "$1" -m "Tip-Action: $2
Tip-Record: $3"
}

course=records/courses/wave.yaml
cd "$TMP" && tip init repo
cd repo
branch=$(git symbolic-ref --short HEAD)
printf 'title: WAVE\n' >$course && git add $course
tip_commit "add course wave: WAVE" add courses/wave
added=$(git rev-parse HEAD)

tip undo
expect "undo of an add prints the new subject and what it did" 0 "undo: add course wave: WAVE
took away course wave"
check "the record is gone" test ! -e $course
check "the record's folder stays" test -d records/courses
check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"
check "the undo is a commit on top" test "$(git rev-parse HEAD^)" = "$added"
check "with the trailers Tip-Action: undo, Tip-Undoes and the original Tip-Record" \
	test "$(git log -1 --format=%b)" = "Tip-Action: undo
Tip-Undoes: $added
Tip-Record: courses/wave"
check "as HEAD's reflog says" test "$(git reflog -1 --format=%gs)" = \
	"commit: undo: add course wave: WAVE"

undone=$(git rev-parse HEAD)
tip undo 1 -m "It was right after all."
expect "undo of the undo, by its number, redoes" 0 "undo: undo: add course wave: WAVE
brought back course wave"
check "the record is back" test "$(cat $course)" = "title: WAVE"
check "the reason is the body" test "$(git log -1 --format=%b)" = "It was right after all.

Tip-Action: undo
Tip-Undoes: $undone
Tip-Record: courses/wave"

printf 'title: WAVE Trust\n' >$course && git add $course
tip_commit "set course wave: WAVE Trust" set courses/wave
printf 'staged\n' >notes.txt && git add notes.txt
tip undo
expect "undo of a change" 0 "undo: set course wave: WAVE Trust
put back the title of course wave: WAVE (was WAVE Trust)"
check "puts the old content back" test "$(cat $course)" = "title: WAVE"
check "other staged changes stay staged" test "$(git status --porcelain -uall)" = "A  notes.txt"
check "and out of the commit" test "$(git show --name-only --format= HEAD)" = "$course"
git rm -q --cached notes.txt && rm notes.txt

# Refusals, with nothing changed.
head=$(git rev-parse HEAD)
printf 'mine\n' >>$course
tip undo
expect_stderr "a changed record is refused" 2 \
	"tip: 'records/courses/wave.yaml' has uncommitted changes: commit or discard them first"
check "and kept as it is" test "$(git status --porcelain -uall)" = " M $course"
git checkout -q -- $course

git checkout -q --detach
tip undo
expect_stderr "a detached HEAD is refused" 2 "tip: HEAD is detached: check out a branch first"
git checkout -q "$branch"

git rev-parse HEAD >.git/MERGE_HEAD
tip undo
expect_stderr "a merge in progress is refused" 2 \
	"tip: a merge is in progress: finish it with git commit or abort it with git merge --abort first"
rm .git/MERGE_HEAD
check "HEAD never moved" test "$(git rev-parse HEAD)" = "$head"

# A commit with the trailer that also changed files outside records/ (a squash merge, say) is
# not tip's alone: undoing it would take away the other files too.
head=$(git rev-parse HEAD)
printf 'title: WAVE Squashed\n' >$course && printf 'notes\n' >NOTES.md && git add $course NOTES.md
tip_commit "set course wave: squashed" set courses/wave
squashed=$(git rev-parse HEAD)
tip undo
expect_stderr "a commit that changed files outside records/ is refused" 2 \
	"tip: the commit 'set course wave: squashed' changed 'NOTES.md', which is not a record: tip undoes only its own changes to records; revert it with git revert"
check "and nothing changed" test "$(git rev-parse HEAD)|$(cat NOTES.md)|$(git status --porcelain -uall)" = "$squashed|notes|"
git reset -q --hard "$head"

git checkout -q -b side HEAD~ && git commit -q --allow-empty -m side && git checkout -q "$branch"
git merge -q --no-ff -m "merge side" -m "Tip-Action: set" side
tip undo
expect_stderr "a merge commit is refused" 2 "tip: the commit 'merge side' is a merge"
git reset -q --hard HEAD~

cd "$TMP" && tip init fresh && cd fresh
printf 'notes\n' >NOTES.md && git add NOTES.md && git commit -q --amend --no-edit
tip undo
expect_stderr "tip init's commit with another file in it is not undone" 2 \
	"tip: the commit 'init: tip records repository' changed 'NOTES.md', which is not a record"
check "and its files stay" test -z "$(git status --porcelain -uall)"

cd "$TMP" && mkdir empty && cd empty && git init -q -b main .
tip undo
expect_stderr "a branch with no commits: nothing to undo" 2 \
	"tip: the branch 'main' has no commits yet: nothing to undo"
git commit -q --allow-empty -m "Tidy up by hand"
tip undo
expect_stderr "commits made without tip only: nothing to undo" 2 \
	"tip: nothing to undo: no commit on this branch was made by tip"
tip undo --list
expect_stderr "  nor to list" 0 "tip: no commit on this branch was made by tip: nothing to undo"
cd "$TMP"
tip undo
expect_stderr "outside a repository" 2 "tip: not in a git repository"

cd "$TMP/repo"
tip undo extra
expect_stderr "an argument that is no number: a usage error" 2 \
	"tip: N must be the number of a change in tip undo --list, not 'extra'"
tip undo 1 2
expect_stderr "two numbers: a usage error" 2 "tip: unexpected argument '2'"
tip undo -m
expect_stderr "-m without a reason: a usage error" 2 "tip: -m needs a value: -m REASON"
tip undo --frobnicate
expect_stderr "an unknown option: a usage error" 2 "tip: unknown option '--frobnicate'"
# A subject written by an older tip with a champion's name in it: the undo's subject hides it.
champion=records/champions/sam-person.yaml
printf 'name: Sam Person\norganisation: Early Help\nsector: health\nservice_area: both\nstatus: active\nreview_by: 2027-01-01\n' \
	>$champion && git add $champion
tip_commit "add champion sam-person: Sam Person" add champions/sam-person
tip undo
expect "undo of a subject with a personal value: hidden in the new one" 0 \
	"undo: add champion sam-person: [personal]
took away champion sam-person"
tip undo --list
check "  and in the list" grep -qx "2  ....-..-..  Test Author  add champion sam-person: \[personal\]  (undone by 1)" "$TMP/out"
check "  the commit says nothing of the name" sh -c '! git log -1 --format=%B | grep -q "Sam Person"'

tip undo 1
tip set champion sam-person name="Sam Other" status=paused
tip undo
expect "a personal field's change is named, its values not shown" 0 \
	"undo: set champion sam-person: Early Help
put back the name of champion sam-person
put back the status of champion sam-person: active (was paused)"
check "  in the output or the commit" sh -c '! git log -1 --format=%B | grep -q "Sam"'

tip undo --help
expect "--help prints the usage" 0
check "the usage names undo" grep -q '^usage: tip undo \[N\] \[-m REASON\]' "$TMP/out"

done_testing
