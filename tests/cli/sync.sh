#!/bin/sh
# tip sync with two and three clones of one bare repository, over file://, over git:// from git
# daemon and over smart HTTP with basic auth (credentials from a git credential helper in the
# test's own git config): concurrent changes merged field by field, a conflict settled with
# tip status and tip resolve, a push rejected and retried, and each case sync refuses.
. tests/cli/lib.sh
. tests/cli/serve.lib

tip_on_path
export GIT_TERMINAL_PROMPT=0
git config --global init.defaultBranch main

record=records/courses/attachment-basics.yaml
{ course_yaml && printf "sessions:\n  - date: '2026-01-10'\n    attendees: 10\n"; } >"$TMP/course.yaml"

# make_shared DIR: DIR/shared.git, a bare repository made by tip init holding one course.
make_shared() {
	rm -rf "$TMP/work"
	mkdir -p "$1"
	(cd "$TMP" && "$TIP" init work >/dev/null &&
		cd work && "$TIP" add course --id attachment-basics --file "$TMP/course.yaml" \
			>/dev/null) &&
		git clone -q --bare "$TMP/work" "$1/shared.git" &&
		git -C "$1/shared.git" config http.receivepack true
}

# clone URL NAME: a fresh clone at $TMP/NAME (not set up: tip sync sets it up).
clone() {
	cd "$TMP" && rm -rf "${TMP:?}/$2"
	git clone -q "$1" "$TMP/$2"
}

# add_session DATE ATTENDEES: one more delivered session of the course, committed with git.
add_session() {
	printf "  - date: '%s'\n    attendees: %s\n" "$1" "$2" >>$record &&
		git commit -q -am "session $1"
}

# same_record A B: the course is the same in clones A and B.
same_record() {
	cmp -s "$TMP/$1/$record" "$TMP/$2/$record"
}

clean_at_origin() {
	git status --porcelain | grep -q . && return 1
	[ "$(git rev-parse HEAD)" = "$(git rev-parse '@{upstream}')" ]
}

# scenarios URL LABEL: the everyday cases, in clones a and b of URL.
scenarios() {
	clone "$1" a && clone "$1" b
	label=$2

	cd "$TMP/a" && add_session 2026-02-01 5
	cd "$TMP/b" && add_session 2026-03-01 7
	cd "$TMP/a"
	tip sync
	expect_stderr "$label: tip sync sets up the merge driver when missing and sends" 0 \
		"sending your commits to origin"
	check "$label: ... saying so" grep -q "set up record-aware merging" "$TMP/out"
	cd "$TMP/b"
	tip sync
	check "$label: concurrent sessions on one course: the second sync receives and sends" \
		grep -qx "received 1 commit from origin/main" "$TMP/out"
	cd "$TMP/a"
	tip sync
	expect "$label: ... and the first receives" 0 "received 1 commit from origin/main"
	check "$label: both clones end with both sessions" \
		sh -c "grep -c \"date: '2026-0[23]-01'\" $record | grep -qx 2"
	check "$label: ... the same record in both" same_record a b
	check "$label: ... no conflict, nothing left over" clean_at_origin

	tip set course attachment-basics level=enhanced
	cd "$TMP/b"
	tip set course attachment-basics next_review=2027-06-01
	cd "$TMP/a" && tip sync
	cd "$TMP/b" && tip sync
	expect "$label: level here, review date there: synced" 0
	cd "$TMP/a" && tip sync
	check "$label: ... both changes in both clones" \
		sh -c "grep -qx 'level: enhanced' $record && grep -qx \"next_review: '2027-06-01'\" $record"
	check "$label: ... the same record" same_record a b

	GIT_AUTHOR_NAME="Ann Other" "$TIP" set course attachment-basics level=informed >/dev/null
	tip sync
	cd "$TMP/b"
	"$TIP" set course attachment-basics level=skilled >/dev/null
	before=$(git rev-parse HEAD)
	tip sync
	expect_stderr "$label: the same field changed differently: sync stops on the conflict" 1 \
		"conflict in $record: tip status explains each conflict"
	tip status
	check "$label: ... tip status explains it in words" grep -qF \
		"course attachment-basics: level is \"skilled\" here and \"informed\" in origin/main (changed by Ann Other on" \
		"$TMP/out"
	tip sync
	expect_stderr "$label: ... a second sync refuses while the rebase is in progress" 2 \
		"a rebase is in progress"
	tip resolve course attachment-basics level=theirs
	expect "$label: ... one tip resolve settles it" 0 \
		"resolved course attachment-basics ($record)
no conflicts left: run tip sync --continue"
	tip sync --continue
	expect "$label: ... then the sync completes" 0
	check "$label: ... our commit is replayed on theirs" \
		sh -c "git merge-base --is-ancestor $before HEAD || git log -1 --format=%s | grep -q 'set course'"
	cd "$TMP/a" && tip sync
	check "$label: ... both clones agree on the chosen level" \
		sh -c "grep -qx 'level: informed' $record && cmp -s $record $TMP/b/$record"
	cd "$TMP"
}

# ---- file:// ----
make_shared "$TMP/files"
scenarios "file://$TMP/files/shared.git" "file://"

# edit here, removal there: the edit is kept when settled so.
cd "$TMP/a"
"$TIP" rm course attachment-basics >/dev/null
tip sync
expect "removal sent" 0
cd "$TMP/b"
"$TIP" set course attachment-basics level=enhanced >/dev/null
tip sync
expect_stderr "edit here, removal there: a conflict" 1 "conflict in $record"
tip status
check "... tip status says which side removed it, and how to keep or remove it" grep -qxF \
	"  course attachment-basics: changed here and removed in origin/main: tip resolve course attachment-basics keeps it, git rm $record removes it" \
	"$TMP/out"
tip status --format json
check "... in JSON too" grep -q '"removed_there": true' "$TMP/out"
tip resolve course attachment-basics
expect "... tip resolve keeps the edited record" 0 "resolved course attachment-basics ($record)
no conflicts left: run tip sync --continue"
tip sync --continue
expect "... and the sync completes" 0
cd "$TMP/a" && tip sync
check "... the record is back in the other clone" test -f $record

# --no-push brings in only.
cd "$TMP/a" && add_session 2026-04-01 3 && "$TIP" sync >/dev/null 2>&1
cd "$TMP/b" && add_session 2026-05-01 4
here=$(git rev-parse HEAD)
tip sync --no-push
expect "--no-push: received" 0 "received 1 commit from origin/main"
check "... and nothing sent" test "$(git rev-parse origin/main)" = "$(git -C "$TMP/a" rev-parse HEAD)"
check "... our commit replayed on theirs" test "$(git rev-list --count origin/main..HEAD)" = 1
tip sync
expect "... a sync then sends it" 0 "sent 1 commit to branch 'main'"
check "... git's progress is not passed on when standard error is not a terminal" sh -c \
	"grep -q 'sending your commits to origin' $TMP/err && ! grep -q 'Writing objects' $TMP/err"

# On a terminal git's progress lines are shown too.
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}
add_session 2026-05-15 2
printf 'expect Writing objects\n' >"$TMP/pty-script"
"$PTY" "$TMP/pty-script" $TIP_WRAPPER "$TIP" sync >"$TMP/pty-out" 2>&1
status=$?
check "on a terminal, git's progress is shown while sending" \
	sh -c "test $status = 0 && grep -q 'sent 1 commit' $TMP/pty-out"

# A push rejected because a third clone pushed between our fetch and our push: a
# reference-transaction hook in ours pushes from clone c whenever our fetch moves origin/main
# (the first N times, counted in a file).
clone "file://$TMP/files/shared.git" c
cat >"$TMP/a/.git/hooks/reference-transaction" <<EOF
#!/bin/sh
[ "\$1" = committed ] || exit 0
grep -q refs/remotes/origin/main || exit 0
n=\$(cat "$TMP/pushes" 2>/dev/null || echo 0)
[ "\$n" -lt "\$(cat "$TMP/push-limit" 2>/dev/null || echo 0)" ] || exit 0
echo \$((n + 1)) >"$TMP/pushes"
cd "$TMP/c" && git pull -q --rebase >/dev/null 2>&1 &&
	printf "  - date: '2026-06-0%s'\n    attendees: 2\n" \$((n + 1)) >>$record &&
	git commit -q -am "session from c" && git push -q >/dev/null 2>&1
exit 0
EOF
chmod +x "$TMP/a/.git/hooks/reference-transaction"
cd "$TMP/c" && add_session 2026-07-01 9 && git push -q
cd "$TMP/a"
echo 1 >"$TMP/push-limit"
"$TIP" set course attachment-basics next_review=2028-02-01 >/dev/null
tip sync
expect_stderr "a push rejected because another clone pushed meanwhile: fetched, replayed, pushed again" 0 \
	"fetching from origin"
check "... it says so" grep -q "sent 1 commit to branch 'main' (again after others pushed meanwhile)" "$TMP/out"
check "... the other clone's session and our level are both at origin" sh -c \
	"git -C $TMP/files/shared.git show main:$record | grep -q 2026-06-01 &&
	 git -C $TMP/files/shared.git show main:$record | grep -qx \"next_review: '2028-02-01'\""
cd "$TMP/c" && git pull -q --rebase && add_session 2026-07-02 9 && git push -q
cd "$TMP/a"
echo 0 >"$TMP/pushes"
echo 5 >"$TMP/push-limit"
"$TIP" set course attachment-basics next_review=2028-03-01 >/dev/null
tip sync
expect_stderr "rejected three times: sync stops and says so" 2 "moved again during each of 3 tries"
check "... after 3 tries exactly" test "$(cat "$TMP/pushes")" = 3
check "... our commit is kept, replayed on what was fetched" sh -c \
	"git log -1 --format=%s | grep -q 'set course' && git merge-base --is-ancestor origin/main HEAD"
rm "$TMP/a/.git/hooks/reference-transaction"
tip sync
expect "... a later sync sends it" 0

# uncommitted record changes
echo "# a note" >>$record
head=$(git rev-parse HEAD)
tip sync
expect_stderr "uncommitted record changes: refused, named" 2 \
	"uncommitted changes to $record: commit them first (tip edit"
check "... nothing changed" test "$(git rev-parse HEAD)" = "$head"
git checkout -q -- $record

# detached HEAD
git checkout -q --detach
tip sync
expect_stderr "detached HEAD: refused" 2 "HEAD is detached"
git checkout -q main

# no upstream
git switch -q -c topic
tip sync
expect_stderr "no upstream: says how to set it" 2 \
	"branch 'topic' has no upstream to sync with: set it with git branch --set-upstream-to origin/topic, or send it there first with git push -u origin topic"
git switch -q main

# a merge in progress
"$TIP" set course attachment-basics next_review=2028-04-01 >/dev/null
git switch -q topic
"$TIP" set course attachment-basics next_review=2028-05-01 >/dev/null
git switch -q main
git -c merge.tip.driver=false merge -q topic >/dev/null 2>&1
tip sync
expect_stderr "a merge in progress: refused" 2 "a merge is in progress: finish it (git merge --continue)"
git merge --abort
git reset -q --hard origin/main
tip sync --continue
expect_stderr "--continue with no rebase in progress: says so" 2 "no rebase is in progress"

# protected branch: a pre-receive hook refuses main
cat >"$TMP/files/shared.git/hooks/pre-receive" <<'EOF'
#!/bin/sh
while read old new ref; do
	[ "$ref" = refs/heads/main ] && { echo "main is protected: changes by pull request" >&2; exit 1; }
done
exit 0
EOF
chmod +x "$TMP/files/shared.git/hooks/pre-receive"
"$TIP" set course attachment-basics next_review=2028-01-01 >/dev/null
tip sync
expect_stderr "protected branch: refused, suggests --branch" 2 "tip sync --branch NAME"
check "... our commit is kept" sh -c "git log -1 --format=%s | grep -q 'set course'"
tip sync --branch skilled-level
expect "--branch NAME sends our commits to a new branch for a pull request" 0 \
	"sent 1 commit to branch 'skilled-level'"
check "... the branch is at origin, main is not changed" sh -c \
	"test \"\$(git -C $TMP/files/shared.git rev-parse skilled-level)\" = \"\$(git rev-parse HEAD)\" &&
	 test \"\$(git -C $TMP/files/shared.git rev-parse main)\" = \"\$(git rev-parse origin/main)\""
git config url."file://$TMP/files/shared.git".insteadOf https://github.com/city/tip-records.git
git remote set-url origin https://github.com/city/tip-records.git
tip sync --branch skilled-level
check "... with a GitHub remote it gives the URL to open the pull request" grep -qx \
	"open a pull request: https://github.com/city/tip-records/pull/new/skilled-level" "$TMP/out"

cd "$TMP/c" && git pull -q --rebase && add_session 2026-08-01 1 &&
	git push -q origin HEAD:refs/heads/taken
cd "$TMP/a"
tip sync --branch taken
expect_stderr "--branch NAME where the branch has other commits: says to name another" 2 \
	"branch 'taken' of origin has commits yours do not"

tip sync --no-push --branch other
expect_stderr "--no-push with --branch: a usage error" 2 "--branch sends, --no-push does not: give one of them"

# offline: nothing listens on 127.0.0.1's port 1
git remote set-url origin http://127.0.0.1:1/shared.git
head=$(git rev-parse HEAD)
tip sync
expect_stderr "offline: says so, commits kept" 2 "could not reach origin ("
check "... and when to run it again" grep -q "your commits are kept here; run tip sync again when online" "$TMP/err"
check "... nothing changed" test "$(git rev-parse HEAD)" = "$head"

# a rebase in progress, left by git: git rebase --abort gets out
cd "$TMP"
make_shared "$TMP/files2"
clone "file://$TMP/files2/shared.git" a
clone "file://$TMP/files2/shared.git" b
cd "$TMP/a" && "$TIP" set course attachment-basics level=informed >/dev/null && git push -q
cd "$TMP/b" && "$TIP" set course attachment-basics level=enhanced >/dev/null
before=$(git rev-parse HEAD)
git fetch -q && git -c merge.tip.driver=false rebase origin/main >/dev/null 2>&1
tip sync
expect_stderr "a rebase in progress: refused, says how to go on or back" 2 \
	"a rebase is in progress: tip status says where it stopped"
git rebase --abort
check "... git rebase --abort gets back to where we were" test "$(git rev-parse HEAD)" = "$before"

# tip not on PATH (run by its full path): the merge driver git runs is this tip all the same
cd "$TMP/a" && git pull -q --rebase && add_session 2026-09-01 6 && "$TIP" sync >/dev/null 2>&1
cd "$TMP/b" && git reset -q --hard origin/main && "$TIP" setup >/dev/null && add_session 2026-10-01 8
PATH=${PATH#"$TMP/bin:"} tip sync
expect "tip not on PATH: the records still merge with tip's driver" 0 \
	"received 1 commit from origin/main
sent 1 commit to branch 'main'"
check "... both sessions kept" sh -c "grep -q 2026-09-01 $record && grep -q 2026-10-01 $record"

# ---- git:// from git daemon ----
mkdir -p "$TMP/daemon" "$TMP/http"
if serve_git_daemon "$TMP/daemon"; then
	make_shared "$TMP/daemon"
	scenarios "$GIT_DAEMON_URL/shared.git" "git://"
fi

# ---- smart HTTP with basic auth, credentials from a helper ----
if serve_http "$TMP/http" coordinator s3cret; then
	make_shared "$TMP/http"
	clone "$HTTP_URL/shared.git" nocreds 2>/dev/null
	status=$?
	expect "http: without credentials the clone is refused" 128
	serve_credentials "$HTTP_URL" coordinator s3cret
	scenarios "$HTTP_URL/shared.git" "http"
	serve_credentials "$HTTP_URL" coordinator wrong
	cd "$TMP/a"
	"$TIP" set course attachment-basics level=skilled >/dev/null
	tip sync
	expect_stderr "http: a wrong password: says access was refused, commits kept" 2 \
		"origin refused access ("
fi

done_testing
