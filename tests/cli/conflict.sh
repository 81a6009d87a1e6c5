# A record with git's conflict markers in it, after a pull or merge that conflicted: every
# command that reads records names the conflict; tip edit says what stops it before the editor
# opens, and keeps the user's text when the commit fails after it.
. tests/cli/lib.sh

notes_repo conflict
tip add note --set title=Stress --set minutes=30 </dev/null
git checkout -q -b other
tip set note stress title="Stress at work"
git checkout -q -
tip set note stress title="Managing stress"
git merge -q other >/dev/null 2>&1
check "(git left a conflict in the record)" grep -q '^<<<<<<< ' records/notes/stress.yaml

finding="records/notes/stress.yaml:1:1: error: an unresolved merge conflict (lines 1-5): keep one side and remove the <<<<<<<, ======= and >>>>>>> lines, or use your merge tool [conflict]"
tip validate
expect "validate: a conflict finding" 1
check "  naming the lines and what to do" grep -qxF "$finding" "$TMP/out"
check "  and nothing of libyaml's" sh -c "! grep -q 'yaml-syntax' '$TMP/out' '$TMP/err'"
tip validate --format json
check "  in JSON too, keyword conflict" grep -q '"keyword": "conflict"' "$TMP/out"
for command in "list note" "show note stress" "export note --format csv"; do
	tip $command
	expect_stderr "$command: the record is unreadable, with the conflict named" 1 "$finding"
done

# tip edit: a merge in progress stops it before the editor opens.
cat >"$TMP/ed" <<'SH'
#!/bin/sh
echo "$1" >>"$EDITLOG"
sed -i '/^<<<<<<< /d; /^=======/,/^>>>>>>> /d' "$1"
[ -n "${BREAK:-}" ] && echo "$BREAK" >.git/MERGE_HEAD
exit 0
SH
chmod +x "$TMP/ed"
export EDITOR="$TMP/ed" EDITLOG="$TMP/editlog"
unset VISUAL
tip edit note stress
expect_stderr "edit during a merge: refused" 2 \
	"tip: a merge is in progress: finish it with git commit or abort it with git merge --abort first"
expect_stderr "  saying what can be done instead" 2 \
	"tip: nothing was opened; tip edit --no-commit note stress changes the file without a commit"
check "  before the editor opened" test ! -e "$EDITLOG"

tip edit --no-commit note stress
expect "--no-commit resolves the conflict in the editor, saying how the merge is finished" 0 \
	"wrote records/notes/stress.yaml (not committed)
to finish the merge: git add records/notes/stress.yaml, then git commit"
check "  one side kept" test "$(head -n 1 records/notes/stress.yaml)" = "title: Managing stress"
git add records/notes/stress.yaml && git commit -q --no-edit
tip validate -q
expect "  and the merge, committed, is valid" 0

# A lock left by a stopped command: said before the editor opens.
rm -f "$EDITLOG"
printf 'tip 999999999\n' >.git/index.lock
tip edit note stress
expect_stderr "a lock left by a stopped tip: refused before editing" 2 \
	"was left by a tip command (process 999999999) that was stopped: remove it"
check "  the editor never opened" test ! -e "$EDITLOG"
: >.git/index.lock
tip edit note stress
expect_stderr "git's own lock: refused before editing" 2 \
	"another git or tip command is changing the repository ('$PWD/.git/index.lock' exists)"
rm .git/index.lock

# A check that fails after editing (a merge started meanwhile) keeps the user's text.
here=$(git rev-parse HEAD)
printf 'title: Managing stress\n<<<<<<< HEAD\nlevel: skilled\n=======\nlevel: informed\n>>>>>>> x\nminutes: 30\n' \
	>records/notes/stress.yaml
git commit -q -am "Conflict committed by hand"
here=$(git rev-parse HEAD)
BREAK=$here tip edit note stress
rm -f .git/MERGE_HEAD
expect_stderr "the commit refused after editing" 2 "tip: a merge is in progress"
expect_stderr "  the text is kept, its path printed" 2 "tip: your text is kept in "
kept=$(sed -n 's/^tip: your text is kept in //p' "$TMP/err")
check "  holding what the user wrote" test "$(cat "$kept")" = "title: Managing stress
level: skilled
minutes: 30"
check "  and nothing changed" unchanged_since "$here"

done_testing
