# Writes are commits (DESIGN.md): identity and dates as git takes them, what is refused with
# nothing changed, many writers at once, checks of what is committed rather than the working
# tree, and tip writers racing git commit. Through tip undo and tip init, which commit like
# every write, and tip add when it is there. (What a crash after each step of a write leaves is
# tested in tests/unit/test_write.c, which can stop a write between its steps.)
. tests/cli/lib.sh


tip_commit() {
	git commit -q -m "$1" -m "Tip-Action: $2
Tip-Record: $3"
}

# state: what the user sees (HEAD, status, index, working files), to compare before and after.
state() {
	git rev-parse HEAD
	git status --porcelain -uall
	git ls-files -s
	find records -type f | sort | xargs cat
}

# refused DESCRIPTION MESSAGE: tip undo 1 (of the newest change) fails with MESSAGE and changes
# nothing.
refused() {
	state >"$TMP/before"
	tip undo 1
	expect_stderr "$1" 2 "$2"
	state >"$TMP/after"
	check "$1: nothing changed" cmp "$TMP/before" "$TMP/after"
}

course=records/courses/wave.yaml
cd "$TMP" && tip init repo
cd repo
branch=$(git symbolic-ref --short HEAD)
printf 'title: WAVE\n' >$course && git add $course && tip_commit "add course wave: WAVE" add courses/wave

# Identity: none at all, then from the repository's configuration.
saved_home=$HOME
mkdir "$TMP/home"
export HOME="$TMP/home" GIT_CONFIG_NOSYSTEM=1
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL XDG_CONFIG_HOME
refused "no identity" \
	"tip: no identity for commits: set it with git config user.name \"Your Name\" and git config user.email you@example.org"
git config user.name "Config Person" && git config user.email config@example.org
tip undo
expect "an identity from git config" 0 "undo: add course wave: WAVE
took away course wave"
check "is author and committer" test "$(git log -1 --format='%an <%ae>|%cn <%ce>')" = \
	"Config Person <config@example.org>|Config Person <config@example.org>"
export GIT_AUTHOR_NAME="Env Author"
tip undo 1
expect "GIT_AUTHOR_NAME over git config" 0
check "names the author only" test "$(git log -1 --format='%an <%ae>|%cn')" = \
	"Env Author <config@example.org>|Config Person"
git config --unset user.name && git config --unset user.email
export HOME="$saved_home" GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
unset GIT_CONFIG_NOSYSTEM

# Dates in git's formats (an odd number of them: each is one more undo of the newest change, and
# the record is back after them), each the date git itself records for it.
git init -q "$TMP/git-dates"
for date in "2026-01-15T10:00:00+01:00" "Thu, 15 Jan 2026 10:00:00 +0100" "@1768467600 +0100" \
	"Thu Jan 15 10:00:00 2026 +0100" "2026.01.15 10:00:00 +0100" "01/15/2026 10:00:00 +0100" \
	"15.01.2026 10:00:00 +0100" "1768467600 +0100" "2026-01-15T10:00:00.5+01:00"; do
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE="2026-01-15 12:30:00 -0500" tip undo 1
	expect "GIT_AUTHOR_DATE=$date" 0
	check "is the author date of $date" test "$(git log -1 --format='%ad|%cd' --date=raw)" = \
		"1768467600 +0100|1768498200 -0500"
	GIT_AUTHOR_DATE=$date git -C "$TMP/git-dates" commit -q --allow-empty -m date
	check "is the date git takes $date for" test \
		"$(git -C "$TMP/git-dates" log -1 --format=%ad --date=raw)" = "1768467600 +0100"
done
export GIT_AUTHOR_DATE=tomorrow
refused "a date git does not take" "tip: GIT_AUTHOR_DATE 'tomorrow' is not a date"
unset GIT_AUTHOR_DATE

# The paths an undo writes must be clean, in the working tree and in the index.
tip undo 1
expect "(eleven undos took the record away; a twelfth brings it back)" 0
check "(the record is there)" test -f $course
printf 'title: Staged\n' >$course && git add $course
refused "a staged change" "tip: 'records/courses/wave.yaml' has uncommitted changes"
git reset -q && git checkout -q -- $course
git rm -q $course && tip_commit "rm course wave" rm courses/wave
printf 'title: Mine\n' >$course
refused "an untracked file where the record would come back" \
	"tip: 'records/courses/wave.yaml' is in the way: a file that is not committed is there: commit it or move it away first"
rm $course

# Operations in progress.
head=$(git rev-parse HEAD)
for op in "CHERRY_PICK_HEAD:a cherry-pick is in progress" "REVERT_HEAD:a revert is in progress" \
	"BISECT_LOG:a bisect is in progress: end it with git bisect reset first"; do
	file=${op%%:*}
	echo "$head" >".git/$file"
	refused "${op#*:}" "tip: ${op#*:}"
	rm ".git/$file"
done
mkdir .git/rebase-merge
refused "a rebase" "tip: a rebase is in progress: finish it with git rebase --continue or abort it with git rebase --abort first"
rmdir .git/rebase-merge

tip undo
expect "then it works" 0 "undo: rm course wave
brought back course wave"
check "leaving no temporary files" test "$(ls -A records/courses)" = ".gitkeep
wave.yaml"

# Twenty writers at once, each adding a record: twenty commits in a line, nothing lost.
if ! "$TIP" add -h 2>/dev/null | grep -q '^usage: tip add TYPE'; then
	ok "# SKIP twenty tip add at once: tip add is not available yet"
else
	cd "$TMP" && tip init many && cd many
	i=0
	while [ $i -lt 20 ]; do
		printf 'term: Term %s\ndefinition: The %s term.\nstatus: draft\n' $i $i |
			$TIP_WRAPPER "$TIP" add definition --file - --id "term-$i" >"$TMP/add-$i.out" 2>&1 &
		i=$((i + 1))
	done
	wait
	status=0
	check "twenty tip add at once: each succeeds" test -z "$(grep -L '^add definition' "$TMP"/add-*.out)"
	check "twenty commits after init" test "$(git rev-list --count HEAD)" = 21
	check "in a line" test "$(git rev-list --count --min-parents=2 HEAD)" = 0
	check "every record committed" test "$(git ls-tree --name-only HEAD records/definitions/ | grep -c term-)" = 20
	check "and in the working tree" test "$(ls records/definitions | grep -c term-)" = 20
	check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"
	tip validate
	expect_stderr "all valid" 0 "checked 20 records (20 definitions): no findings"
fi

# What is checked is what is committed: references resolve among the committed records, and
# rm looks for referrers in them, whatever the working tree holds.
notes_repo committed
tip add note --set title=Stress --set topics=trauma </dev/null
printf 'title: Draft\n' >records/topics/draft-x.yaml
here=$(git rev-parse HEAD)
tip set note stress topics+=draft-x
expect_stderr "a reference to a record not committed yet is refused" 1 \
	'records/notes/stress.yaml:5:5: error: "draft-x" is a topic that is not committed yet: commit it first [x-tip-ref]'
expect_stderr "  as the change would not be valid" 1 \
	"tip: note 'stress' would not be valid: nothing was written"
check "  nothing changed" test "$(git rev-parse HEAD)" = "$here" -a \
	"$(git status --porcelain -uall)" = "?? records/topics/draft-x.yaml"
git add records/topics/draft-x.yaml && git commit -qm "draft-x"
tip set note stress topics+=draft-x
expect "  and taken once it is committed" 0 "set note stress: Stress"
here=$(git rev-parse HEAD)
printf 'title: Stress\nlevel: informed\n' >records/notes/stress.yaml
tip rm topic trauma
expect_stderr "rm: a referrer changed only in the working tree still refers to it" 1 \
	'records/notes/stress.yaml:4:5: error: "trauma" is not an existing topic [x-tip-ref]'
expect_stderr "  with what to do" 1 \
	"tip: topic 'trauma' is referred to in 1 place in the last commit (above): change those and commit them first, or use --force"
check "  nothing changed" test "$(git rev-parse HEAD)" = "$here" -a \
	"$(git status --porcelain -uall)" = " M records/notes/stress.yaml"
git commit -qam "stress without topics"
tip rm topic trauma
expect "  removed once the referrer is committed" 0 "rm topic trauma: Trauma"

# tip set against plain git commit and git commit -a running at the same time: git must find
# the index locked for the whole of a tip write, so no change tip reported is ever undone.
# Eight writers set their own record five times each while two loops commit other.txt, until
# the writers are done (at most 300 times each).
cd "$TMP" && tip init race && cd race
printf 'o\n' >other.txt && git add other.txt && git commit -qm other
w=0
while [ $w -lt 8 ]; do
	printf 'term: Term %s\ndefinition: Nothing yet.\nstatus: draft\n' $w >records/definitions/term-$w.yaml
	w=$((w + 1))
done
git add records && git commit -qm terms
start=$(git rev-parse HEAD)
# git_loop all|plain: commits of other.txt by git (commit -a, or add and commit), whether or
# not git finds the index locked.
git_loop() {
	n=0
	while [ ! -f "$TMP/race-done" ] && [ $n -lt 300 ]; do
		echo "$1 $n" >>other.txt
		if [ "$1" = all ]; then
			git commit -qam "git commit -a $n" >/dev/null 2>&1
		else
			git add other.txt 2>/dev/null && git commit -qm "git commit $n" >/dev/null 2>&1
		fi
		n=$((n + 1))
	done
}
git_loop all &
git_loop plain &
writers=""
w=0
while [ $w -lt 8 ]; do
	(
		k=0
		while [ $k -lt 5 ]; do
			if timeout 60 $TIP_WRAPPER "$TIP" set definition term-$w "definition=Value $w.$k." \
				>/dev/null 2>"$TMP/race-$w.err"; then
				echo "Value $w.$k." >"$TMP/race-$w.last"
			fi
			k=$((k + 1))
		done
	) &
	writers="$writers $!"
	w=$((w + 1))
done
wait $writers
touch "$TMP/race-done"
wait
lost=""
w=0
while [ $w -lt 8 ]; do
	if [ -f "$TMP/race-$w.last" ] && ! git show HEAD:records/definitions/term-$w.yaml |
		grep -qF "definition: $(cat "$TMP/race-$w.last")"; then
		lost="$lost term-$w"
	fi
	w=$((w + 1))
done
check "tip set racing git commit: every change reported is in HEAD" test -z "$lost"
reverts=$(git log --format=%H --invert-grep --grep=Tip-Action "$start.." | while read -r c; do
	git diff-tree --no-commit-id --name-only -r "$c" -- records; done)
check "git's own commits never touched a record" test -z "$reverts"
check "every writer succeeded at least once" test "$(ls "$TMP"/race-*.last | wc -l)" = 8

done_testing
