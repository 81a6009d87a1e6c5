# tip merge-file and the merge driver: records merged field by field by tip merge-file, and by
# git merge, pull, rebase and cherry-pick in two clones of one repository once tip init or tip
# setup has set the driver up.
. tests/cli/lib.sh

# git runs the driver by name: a tip on PATH, under TIP_WRAPPER like every tip here.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$TIP_WRAPPER" "$TIP" >"$TMP/bin/tip"
chmod +x "$TMP/bin/tip"
PATH="$TMP/bin:$PATH"
export PATH

record=records/courses/attachment-basics.yaml
base='title: Attachment basics
provider: Educational Psychology Service
provider_type: internal
level: skilled
level_status: agreed
audience:
  - education
age_phases:
  - primary
status: available
next_review: '"'2027-01-01'"'
sessions:
  - date: '"'2026-01-10'"'
    attendees: 10'

# marked FILE: the conflict blocks in the file.
marked() {
	sed -n '/^<<<<<<< ours$/,/^>>>>>>> theirs$/p' "$1"
}

# session DATE ATTENDEES: the lines of one more session.
session() {
	printf "  - date: '%s'\n    attendees: %s\n" "$1" "$2"
}

cd "$TMP"
tip init origin-work
expect "tip init" 0
cd origin-work
check "tip init writes .gitattributes naming the driver for records" \
	test "$(cat .gitattributes)" = "records/**/*.yaml merge=tip"
check "tip init sets the driver in the repository's config" \
	test "$(git config merge.tip.driver)" = "if command -v tip >/dev/null; then tip merge-file --path %P %O %A %B; else echo tip is not on PATH, so %P is merged line by line >&2; git merge-file --marker-size=%L -L ours -L base -L theirs %A %O %B; fi"
check "git sees the attribute on a record" \
	test "$(git check-attr merge -- $record | sed 's/.*: //')" = tip
printf '%s\n' "$base" >"$TMP/course.yaml"
tip add course --id attachment-basics --file "$TMP/course.yaml"
expect "a course to merge" 0
cd "$TMP"
git clone -q --bare origin-work origin.git

# ---- tip merge-file on its own ----
cd origin-work
mkdir -p "$TMP/m"
printf '%s\n' "$base" >"$TMP/m/base"
{ printf '%s\n' "$base" | sed 's/^level: skilled/level: enhanced/'; session 2026-02-01 5; } \
	>"$TMP/m/ours"
{ printf '%s\n' "$base" | sed "s/^next_review: .*/next_review: '2027-06-01'/"
  session 2026-03-01 7; } >"$TMP/m/theirs"
# both_changes FIRST-SESSION SECOND-SESSION: the base with both sides' changes.
both_changes() {
	printf '%s\n' "$base" | sed 's/^level: skilled/level: enhanced/' |
		sed "s/^next_review: .*/next_review: '2027-06-01'/"
	session $1 && session $2
}
expected_clean="$(both_changes "2026-02-01 5" "2026-03-01 7")"
tip merge-file --path $record -p "$TMP/m/base" "$TMP/m/ours" "$TMP/m/theirs"
expect "different fields and sessions added on both sides: both, in canonical form" 0 \
	"$expected_clean"
cp "$TMP/m/ours" "$TMP/m/ours-file"
tip merge-file --path $record "$TMP/m/base" "$TMP/m/ours-file" "$TMP/m/theirs"
expect "without --stdout nothing is printed" 0 ""
check "  the result is written into OURS" test "$(cat "$TMP/m/ours-file")" = "$expected_clean"

sed 's/^level: skilled/level: specialist/' "$TMP/m/base" >"$TMP/m/theirs2"
cp "$TMP/m/ours" "$TMP/m/ours2"
tip merge-file --path $record "$TMP/m/base" "$TMP/m/ours2" "$TMP/m/theirs2"
expect_stderr "the same field changed to two values: a conflict, exit 1" 1 \
	"tip: '$record': both sides changed level differently: choose between the sides"
check "  the field between markers, one side each" grep -qx '<<<<<<< ours' "$TMP/m/ours2"
check "  in its place, the field named on each side" test "$(marked "$TMP/m/ours2")" = "<<<<<<< ours
level: enhanced
=======
level: specialist
>>>>>>> theirs"
check "  a comment at the top names the field" \
	grep -q '^# tip: conflicting changes to level: keep one side of each$' "$TMP/m/ours2"
check "  the other changes merged" grep -q "attendees: 5" "$TMP/m/ours2"

: >"$TMP/m/empty"
tip merge-file --path $record -p "$TMP/m/empty" "$TMP/m/ours" "$TMP/m/ours"
expect "an empty BASE (added on both sides), the same on both: merged" 0 "$(cat "$TMP/m/ours")"
tip merge-file --path $record -p "$TMP/m/base" "$TMP/m/empty" "$TMP/m/ours"
expect_stderr "removed on one side, changed on the other: a conflict for each field" 1 \
	"both sides changed title, provider, provider_type, level, level_status, audience,"
check "  our side of each of the 10 fields is empty" test "$(grep -A1 '^<<<<<<< ours$' "$TMP/out" |
	grep -c '^=======$')" = 10

printf 'title: [unclosed\n' >"$TMP/m/broken"
cp "$TMP/m/ours" "$TMP/m/ours3"
tip merge-file --path $record "$TMP/m/base" "$TMP/m/ours3" "$TMP/m/broken"
expect_stderr "a version that is not YAML: git's line merge, conflicts marked" 1 \
	"is not a record in every version: merged line by line"
check "  nothing is lost: both sides are in the result" \
	sh -c "grep -q 'attendees: 5' '$TMP/m/ours3' && grep -q 'unclosed' '$TMP/m/ours3'"
tip merge-file "$TMP/m/base" "$TMP/m/ours"
expect_stderr "two files: a usage error" 2 "merge-file takes three files"
cp "$TMP/m/ours" "$TMP/m/ours4"
tip merge-file "$TMP/m/base" "$TMP/m/ours4" "$TMP/m/missing"
expect_stderr "a file that cannot be read: an error" 2 "cannot read"
check "  OURS as it was" cmp "$TMP/m/ours" "$TMP/m/ours4"

# Without --path, OURS's own path names the type, from any folder of the repository.
printf '%s\n' "$base" | sed 's/^  - primary/  - all-ages/' >records/courses/all-ages.yaml
printf '%s\n' "$base" | sed 's/^  - primary/  - primary\n  - secondary/' >"$TMP/m/secondary"
tip -C records/courses merge-file -p "$TMP/m/base" all-ages.yaml "$TMP/m/secondary"
expect_stderr "OURS's path names the type: its schema refuses the merge" 1 \
	"the changes merge, but make the record invalid: choose between the sides of age_phases"
rm records/courses/all-ages.yaml
# A schema that does not compile: merged without one.
mkdir -p "$TMP/broken/schemas" "$TMP/broken/records/courses"
git init -q "$TMP/broken"
printf 'type: 12\n' >"$TMP/broken/schemas/course.schema.yaml"
tip -C "$TMP/broken" merge-file --path $record -p "$TMP/m/base" "$TMP/m/ours" "$TMP/m/theirs"
expect "a schema that does not compile: merged without it" 0 "$expected_clean"

# Items are matched by their hashes: a long list merges in about the time it takes to read.
big() {
	printf '%s\n' "$base" | sed '/^sessions:/,$d'
	echo "teaches:"
	awk -v n=20000 -v skip="$1" 'BEGIN { for (i = 1; i <= n; i++) if (i != skip) print "  - d" i }'
	[ -z "$2" ] || echo "  - $2"
}
big 0 "" >"$TMP/m/big-base"
big 0 extra-ours >"$TMP/m/big-ours"
big 5 extra-theirs >"$TMP/m/big-theirs"
timeout 120 $TIP_WRAPPER "$TIP" merge-file --path $record -p "$TMP/m/big-base" "$TMP/m/big-ours" \
	"$TMP/m/big-theirs" >"$TMP/big" 2>"$TMP/err"
status=$?
: >"$TMP/out"
expect "lists of 20,000 items merge (within a bound)" 0
check "  the removal" test "$(grep -c '^  - d' "$TMP/big")" = 19999
check "  both additions, last" test "$(tail -n 3 "$TMP/big" | head -n 2)" = "  - extra-ours
  - extra-theirs"

# ---- two clones over file:// ----
cd "$TMP"
git clone -q "file://$TMP/origin.git" a
git clone -q "file://$TMP/origin.git" b
cd a
tip validate
expect_stderr "a clone without the driver: tip validate says so once" 0 \
	"note: record-aware merging is not set up here: run tip setup"
check "  once" test "$(grep -c 'record-aware merging' "$TMP/err")" = 1
tip validate --format github
check "  not in CI's formats" sh -c "! grep -q 'record-aware' '$TMP/err'"
tip setup
expect "tip setup sets the driver and says so" 0 \
	"set merge.tip.driver in the repository's config: tip merge-file --path %P %O %A %B (git merge-file where tip is not on PATH)"
tip setup
expect "tip setup again: nothing to do" 0 "record-aware merging is set up already: nothing to do"
git config merge.tip.driver "tip merge-file --path %P %O %A %B"
tip validate
expect_stderr "an earlier tip's driver: tip validate says to run tip setup" 0 \
	"note: record-aware merging is not set up here: run tip setup"
tip setup
expect "tip setup replaces an earlier tip's driver, which failed where tip is not on PATH" 0 \
	"set merge.tip.driver in the repository's config: tip merge-file --path %P %O %A %B (git merge-file where tip is not on PATH)"
check "  with the one tip init sets" test "$(git config merge.tip.driver)" = \
	"$(git -C "$TMP/origin-work" config merge.tip.driver)"
tip validate
check "no note once it is set up" sh -c "! grep -q 'record-aware' '$TMP/err'"
cd ../b && tip setup && cd ../a

# in_a / in_b COMMAND...: run in that clone.
in_a() { (cd "$TMP/a" && "$@"); }
in_b() { (cd "$TMP/b" && "$@"); }
# change CLONE SED-SCRIPT MESSAGE [SESSION-DATE ATTENDEES]: edit the record and commit.
change() {
	(cd "$TMP/$1" && sed -i "$2" $record &&
		if [ $# -eq 5 ]; then session "$4" "$5" >>$record; fi &&
		git commit -q -am "$3")
}
# a_pushes SED-SCRIPT MESSAGE [SESSION-DATE ATTENDEES]: clone a, up to date, changes the
# record and pushes.
a_pushes() {
	in_a git pull -q --no-rebase && change a "$@" && in_a git push -q
}
# ends_with_sessions CLONE "DATE ATTENDEES" "DATE ATTENDEES": the record's last two sessions.
ends_with_sessions() {
	test "$(tail -n 4 "$TMP/$1/$record")" = "$(session $2; session $3)"
}

a_pushes 's/^level: skilled/level: enhanced/' "a: enhanced, a session" 2026-02-01 5
change b "s/^next_review: .*/next_review: '2027-06-01'/" "b: review, a session" 2026-03-01 7
in_b git pull -q --no-rebase >/dev/null 2>&1
check "git pull (merge): both clones' changes, no conflict" test $? = 0
check "  the merged record: ours' session (b's) first, then theirs'" \
	test "$(cat "$TMP/b/$record")" = "$(both_changes "2026-03-01 7" "2026-02-01 5")"
check "  a merge commit" test "$(in_b git rev-list --count --merges HEAD)" = 1
in_b git push -q

a_pushes '' "a: a session" 2026-04-01 8
change b '' "b: a session" 2026-05-01 9
in_b git pull -q --rebase >/dev/null 2>&1
check "git pull --rebase: both sessions appended at the file's end, no conflict" test $? = 0
check "  both sessions" ends_with_sessions b "2026-04-01 8" "2026-05-01 9"
check "  history is a line" test "$(in_b git rev-list --count --merges HEAD)" = 1
in_b git push -q

a_pushes '' "a: a session" 2026-06-01 3
change b "s/^next_review: .*/next_review: '2027-09-01'/" "b: review, a session" 2026-07-01 4
in_b git fetch -q
in_b git rebase -q origin/master >/dev/null 2>&1
check "git rebase: no conflict" test $? = 0
check "  both sessions" ends_with_sessions b "2026-06-01 3" "2026-07-01 4"
check "  the review date" grep -q "^next_review: '2027-09-01'" "$TMP/b/$record"
in_b git push -q

in_a git pull -q --no-rebase
in_a git checkout -q -b feature
change a '' "a: a session on a branch" 2026-08-01 6
in_a git checkout -q master
change a 's/^level: enhanced/level: specialist/' "a: specialist, a session" 2026-09-01 2
in_a git cherry-pick feature >/dev/null 2>&1
check "git cherry-pick: no conflict" test $? = 0
check "  both sessions" ends_with_sessions a "2026-09-01 2" "2026-08-01 6"
check "  the level" grep -q '^level: specialist' "$TMP/a/$record"
in_a git push -q

# ---- conflicts: git sees them, nothing is committed ----

# b_pull_conflicts WHAT BLOCK [COMMENT]: git pull in b stops with the record conflicted, its
# conflict block BLOCK (and COMMENT in the comment above); then the merge is given up.
b_pull_conflicts() {
	in_b git pull -q --no-rebase >/dev/null 2>&1
	check "$1: git pull stops, nothing committed" test $? != 0
	check "  git status shows the record conflicted" \
		test "$(in_b git status --porcelain)" = "UU $record"
	check "  the sides between markers" test "$(marked "$TMP/b/$record")" = "$2"
	[ $# -lt 3 ] || check "  the comment says why" grep -q "^# .*$3" "$TMP/b/$record"
	in_b git merge --abort
}
in_b git pull -q --no-rebase
a_pushes 's/^level: specialist/level: informed/' "a: informed"
change b 's/^level: specialist/level: skilled/' "b: skilled"
b_pull_conflicts "the same field changed to two values" "<<<<<<< ours
level: skilled
=======
level: informed
>>>>>>> theirs"

# age_phases: all-ages stands alone. Each side's change is valid, both together are not.
in_b git reset -q --hard origin/master
a_pushes 's/^  - primary/  - all-ages/' "a: all ages"
change b 's/^  - primary/  - primary\n  - secondary/' "b: secondary too"
b_pull_conflicts "changes that together make the record invalid" "<<<<<<< ours
age_phases:
  - primary
  - secondary
=======
age_phases:
  - all-ages
>>>>>>> theirs" "together they make the record invalid"

# ---- without tip on PATH: the driver says so and merges line by line, both sides kept ----
in_b git reset -q --hard origin/master
a_pushes 's/^level: informed/level: enhanced/' "a: enhanced"
change b 's/^level_status: agreed/level_status: proposed/' "b: proposed"
mkdir "$TMP/git-only" && ln -s "$(command -v git)" "$TMP/git-only/git"
(cd "$TMP/b" && PATH="$TMP/git-only" git pull -q --no-rebase) >"$TMP/out" 2>"$TMP/err"
check "without tip on PATH: git pull stops at the lines both sides changed" test $? != 0
check "  the driver says why" grep -qF \
	"tip is not on PATH, so records/courses/attachment-basics.yaml is merged line by line" \
	"$TMP/err"
check "  both sides between markers: nothing is lost" test "$(marked "$TMP/b/$record")" = \
"<<<<<<< ours
level: informed
level_status: proposed
=======
level: enhanced
level_status: agreed
>>>>>>> theirs"
in_b git merge --abort
in_b git pull -q --no-rebase >/dev/null 2>&1
check "  with tip on PATH the same pull merges them field by field" sh -c \
	"grep -q '^level: enhanced' '$TMP/b/$record' && grep -q '^level_status: proposed' '$TMP/b/$record'"

done_testing
