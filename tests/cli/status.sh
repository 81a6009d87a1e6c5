#!/bin/sh
# tip status and tip resolve in clones of one bare repository (over file://): commits not yet
# sent or received, uncommitted record files, conflicts in words (a personal field's values
# kept out), JSON, and conflicts settled field by field, in a rebase (tip sync) and in a merge.
. tests/cli/lib.sh
. tests/cli/serve.lib

tip_on_path
git config --global init.defaultBranch main

course=records/courses/attachment-basics.yaml
champion=records/champions/school-champion.yaml
cd "$TMP"
"$TIP" init work >/dev/null
cd work
course_yaml >"$TMP/course.yaml"
cat >"$TMP/champion.yaml" <<'YAML'
organisation: Example Primary School
name: Jo Bloggs
sector: education
service_area: children
status: active
review_by: '2027-03-31'
YAML
"$TIP" add course --id attachment-basics --file "$TMP/course.yaml" >/dev/null
"$TIP" add champion --id school-champion --file "$TMP/champion.yaml" >/dev/null
cd "$TMP"
git clone -q --bare work shared.git
git clone -q "file://$TMP/shared.git" a
git clone -q "file://$TMP/shared.git" b

# ---- where a clone stands ----
cd "$TMP/a"
tip status
expect "a fresh clone: in step, merging not set up, nothing to do" 0 \
"on branch main, following origin/main (fetched when cloned)
0 commits not yet sent, 0 not yet received
record-aware merging: not set up in this clone (tip setup, or tip sync, sets it up)
next: nothing: in step with the last fetch (tip sync fetches again)"
"$TIP" set course attachment-basics level=enhanced >/dev/null
echo "# a note" >>$champion
tip status
expect "a commit not yet sent and a record file not committed" 0 \
"on branch main, following origin/main (fetched when cloned)
1 commit not yet sent, 0 not yet received
record files changed and not committed:
  $champion
record-aware merging: not set up in this clone (tip setup, or tip sync, sets it up)
next: commit $champion (tip edit, or git add and git commit)"
git checkout -q -- $champion
"$TIP" sync >/dev/null 2>&1
cd "$TMP/b"
"$TIP" setup >/dev/null
git fetch -q
tip status
check "not yet received, from the last fetch, whose time it gives" grep -qE \
	"^on branch main, following origin/main \(fetched [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}\)$" \
	"$TMP/out"
check "... counts the commit not received" grep -qx "0 commits not yet sent, 1 not yet received" "$TMP/out"
check "... says the driver is set up, and to sync" sh -c \
	"grep -qx 'record-aware merging: set up' $TMP/out && grep -qx 'next: tip sync' $TMP/out"
git switch -q -c topic
tip status
expect "a branch without upstream: says how to set one" 0 \
"on branch topic, which has no upstream
record-aware merging: set up
next: set an upstream: git push -u origin topic"
git switch -q main
"$TIP" sync >/dev/null 2>&1

# ---- conflicts in a rebase (tip sync) ----
# a: level informed, review 2028, champion's name; b: level skilled, review 2029, another name.
cd "$TMP/a"
GIT_AUTHOR_NAME="Ann Other" GIT_AUTHOR_DATE="2026-11-20T10:00:00Z" "$TIP" set course \
	attachment-basics level=informed >/dev/null
GIT_AUTHOR_NAME="Bo Example" GIT_AUTHOR_DATE="2026-11-22T10:00:00Z" "$TIP" set course \
	attachment-basics next_review=2028-01-01 >/dev/null
GIT_AUTHOR_NAME="Ann Other" GIT_AUTHOR_DATE="2026-11-21T10:00:00Z" "$TIP" set champion \
	school-champion "name=Jo Bloggs-Smith" >/dev/null
"$TIP" sync >/dev/null 2>&1
cd "$TMP/b"
"$TIP" set course attachment-basics level=skilled next_review=2029-01-01 >/dev/null
"$TIP" set champion school-champion "name=Joanna Bloggs" >/dev/null
tip sync
expect_stderr "tip sync stops on the conflicts of the first commit replayed" 1 "conflict in $course"
fetched="$(date +%Y-%m-%d -r .git/FETCH_HEAD) $(date +%H:%M -r .git/FETCH_HEAD)"
# rebase_status CONFLICT-LINES NEXT: what tip status says in the rebase below.
rebase_status() {
	printf '%s\n' "on branch main, following origin/main (fetched $fetched)" \
		"2 commits not yet sent, 3 not yet received" \
		"a rebase is in progress: your commits are being replayed on the others' (git rebase --abort goes back)" \
		"conflicts to settle (tip resolve TYPE ID FIELD=ours|theirs|VALUE;" \
		"ours keeps the value here, theirs the one in origin/main):" "$1" \
		"record-aware merging: set up" "next: $2"
}
tip status
expect "tip status explains each conflict in words" 1 "$(rebase_status \
"  course attachment-basics: level is \"skilled\" here and \"informed\" in origin/main (changed by Ann Other on 2026-11-20)
  course attachment-basics: next_review is \"2029-01-01\" here and \"2028-01-01\" in origin/main (changed by Bo Example on 2026-11-22)" \
	"tip resolve course attachment-basics level=ours|theirs|VALUE")"
tip status --format json
check "--format json: who last changed each field" sh -c \
	"grep -q '\"changed_by\": \"Ann Other\"' $TMP/out && grep -q '\"changed_on\": \"2026-11-20\"' $TMP/out"
tip resolve course attachment-basics nosuch=ours
expect_stderr "a choice for a field not in conflict: names those that are" 2 \
	"course attachment-basics has no conflict in 'nosuch': the conflicts are in level, next_review"
tip resolve champion school-champion name=ours
expect_stderr "a record without conflicts: says so" 2 \
	"champion school-champion has no conflicts to settle"
tip resolve course attachment-basics level=bogus next_review=ours
expect_stderr "a value the schema refuses: the findings, nothing written" 1 \
	"is not resolved: the result would be invalid; nothing is written"
check "... the markers are still there" grep -qx "<<<<<<< ours" $course
tip resolve course attachment-basics level=ours
expect "settling one of two conflicts leaves the other between markers" 0 \
	"course attachment-basics: 1 conflict left (tip status shows them)"
check "... still conflicted for git" sh -c "git ls-files -u | grep -q $course"
tip status
check "... tip status shows only the one left" sh -c \
	"grep -q 'next_review is' $TMP/out && ! grep -q 'level is' $TMP/out"
tip resolve course attachment-basics next_review=2029-06-30
expect "a new value settles the last" 0 \
"resolved course attachment-basics ($course)
no conflicts left: run tip sync --continue"
check "... marked resolved: no conflict stages left" sh -c "! git ls-files -u | grep -q ."
tip sync --continue
expect_stderr "the replay goes on to the champion's commit, which conflicts too" 1 \
	"conflict in $champion"
tip status
expect "a personal field in conflict: named, its values kept out" 1 "$(rebase_status \
"  champion school-champion: name (personal: values not shown) differs here and in origin/main (changed by Ann Other on 2026-11-21)" \
	"tip resolve champion school-champion name=ours|theirs|VALUE")"
tip status --include-personal
check "--include-personal shows them" grep -qF \
	"champion school-champion: name is \"Joanna Bloggs\" here and \"Jo Bloggs-Smith\" in origin/main" \
	"$TMP/out"
tip status --format json
check "--format json: format 1, the personal field named, its values left out" sh -c \
	"grep -q '\"format\": 1' $TMP/out && grep -q '\"personal\": true' $TMP/out &&
	 ! grep -q Bloggs $TMP/out && grep -q '\"field\": \"name\"' $TMP/out"
if command -v python3 >/dev/null; then
	check "--format json is JSON" python3 -m json.tool "$TMP/out"
fi
tip resolve champion school-champion name=theirs
expect "one tip resolve settles the champion's name" 0 \
"resolved champion school-champion ($champion)
no conflicts left: run tip sync --continue"
check "... to the other side's value" grep -qx "name: Jo Bloggs-Smith" $champion
tip sync --continue
expect "tip sync --continue sends (the champion's commit, now empty, is left out)" 0 \
	"sent 1 commit to branch 'main'"
check "the chosen values: ours, theirs and a new one" sh -c \
	"grep -qx 'level: skilled' $course && grep -qx \"next_review: '2029-06-30'\" $course &&
	 grep -qx 'name: Jo Bloggs-Smith' $champion"
tip status
expect "in step again" 0 \
"on branch main, following origin/main (fetched $(date +%Y-%m-%d -r .git/FETCH_HEAD) $(date +%H:%M -r .git/FETCH_HEAD))
0 commits not yet sent, 0 not yet received
record-aware merging: set up
next: nothing: in step with the last fetch (tip sync fetches again)"

# ---- conflicts in a merge (git pull): here is git's ours ----
cd "$TMP/a"
"$TIP" sync >/dev/null 2>&1
"$TIP" set course attachment-basics level=enhanced >/dev/null
"$TIP" set champion school-champion status=paused >/dev/null
"$TIP" sync >/dev/null 2>&1
cd "$TMP/b"
"$TIP" set course attachment-basics level=informed >/dev/null
"$TIP" set champion school-champion status=identified >/dev/null
git pull -q --no-rebase >/dev/null 2>&1
tip status
check "in a merge, here is this clone's value" grep -qF \
	"course attachment-basics: level is \"informed\" here and \"enhanced\" in origin/main" "$TMP/out"
tip resolve course attachment-basics level=ours
expect "... ours keeps it" 0 \
"resolved course attachment-basics ($course)
1 record still in conflict: tip status"
check "... kept" grep -qx "level: informed" $course

# tip edit on a conflicted record: both sides in the editor, which side is whose said above
# them; resolved on save once no markers are left. The editor keeps the side after =======.
cat >"$TMP/keep-second" <<EOF
#!/bin/sh
cp "\$1" "$TMP/seen"
sed -i '/^<<<<<<< ours\$/,/^=======\$/d; /^>>>>>>> theirs\$/d' "\$1"
EOF
chmod +x "$TMP/keep-second"
EDITOR="$TMP/keep-second" VISUAL= tip edit champion school-champion
expect "tip edit on a conflicted record resolves it on save" 0 \
"resolved champion school-champion ($champion)
no conflicts left: finish the merge with git commit"
check "... the editor showed both sides and whose each is" sh -c "
	grep -qx '# tip: between the markers, the lines after <<<<<<< ours are yours, those after ======= origin/main' $TMP/seen &&
	grep -qx 'status: identified' $TMP/seen && grep -qx 'status: paused' $TMP/seen"
check "... the side kept, nothing left conflicted" sh -c \
	"grep -qx 'status: paused' $champion && ! git ls-files -u | grep -q ."
check "... git commit finishes the merge" git commit -q --no-edit

# a rebase onto another branch than the upstream: its side is not called origin/main
git switch -q -c side
"$TIP" set course attachment-basics level=specialist >/dev/null
git switch -q main
"$TIP" set course attachment-basics level=skilled >/dev/null
git rebase side >/dev/null 2>&1
tip status
check "a rebase onto another branch: its side is called the other branch" grep -qF \
	"course attachment-basics: level is \"skilled\" here and \"specialist\" in the other branch" \
	"$TMP/out"
git rebase --abort

cd "$TMP/a"
EDITOR="$TMP/keep-second" VISUAL= tip edit champion school-champion
expect_stderr "tip edit on a record without conflicts, left unchanged: nothing to commit, as before" 0 \
	"no change, nothing to commit"

# a conflict in a file that is not a record: settled by hand, and git add
git pull -q --rebase >/dev/null 2>&1
echo "from a" >notes.txt && git add notes.txt && git commit -q -m "notes from a" && git push -q
cd "$TMP/b"
git reset -q --hard origin/main~1
echo "from b" >notes.txt && git add notes.txt && git commit -q -m "notes from b"
git pull -q --no-rebase >/dev/null 2>&1
tip status
check "a conflict in a file that is not a record: settled by hand, then git add" sh -c \
	"grep -q '^  notes.txt: ' $TMP/out && grep -qx 'next: settle notes.txt by hand (keep one side, remove the markers), then git add notes.txt' $TMP/out"

done_testing
