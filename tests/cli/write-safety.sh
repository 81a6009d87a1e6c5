# Writes are commits (DESIGN.md): identity and dates as git takes them, what is refused with
# nothing changed, and many writers at once. Through tip undo and tip init, which commit like
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

# refused DESCRIPTION MESSAGE: tip undo fails with MESSAGE and changes nothing.
refused() {
	state >"$TMP/before"
	tip undo
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
expect "an identity from git config" 0 "undo: add course wave: WAVE"
check "is author and committer" test "$(git log -1 --format='%an <%ae>|%cn <%ce>')" = \
	"Config Person <config@example.org>|Config Person <config@example.org>"
export GIT_AUTHOR_NAME="Env Author"
tip undo
expect "GIT_AUTHOR_NAME over git config" 0
check "names the author only" test "$(git log -1 --format='%an <%ae>|%cn')" = \
	"Env Author <config@example.org>|Config Person"
git config --unset user.name && git config --unset user.email
export HOME="$saved_home" GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
unset GIT_CONFIG_NOSYSTEM

# Dates in git's formats (an odd number of them: each is one more undo, and the record is back
# after them), each the date git itself records for it.
git init -q "$TMP/git-dates"
for date in "2026-01-15T10:00:00+01:00" "Thu, 15 Jan 2026 10:00:00 +0100" "@1768467600 +0100" \
	"Thu Jan 15 10:00:00 2026 +0100" "2026.01.15 10:00:00 +0100" "01/15/2026 10:00:00 +0100" \
	"15.01.2026 10:00:00 +0100" "1768467600 +0100" "2026-01-15T10:00:00.5+01:00"; do
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE="2026-01-15 12:30:00 -0500" tip undo
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
tip undo
expect "(five undos took the record away; a sixth brings it back)" 0
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
expect "then it works" 0 "undo: rm course wave"
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

done_testing
