#!/bin/sh
# tip peers: the other authorities' repositories of tip.yaml, listed and fetched over file://
# and over git:// from git daemon into refs/tip/peers/NAME; one that cannot be reached is
# reported while the others are fetched, and what was fetched from it before is kept with its
# date; a peer that rewrote its history is followed and said to have; the working tree, the
# index, HEAD, branches and remotes are never touched; tip.yaml's mistakes are named.
. tests/cli/lib.sh
. tests/cli/serve.lib

export GIT_TERMINAL_PROMPT=0 TZ=UTC
git config --global init.defaultBranch main

# make_peer DIR TITLE: a bare repository DIR made by tip init, holding one course.
make_peer() {
	rm -rf "$TMP/work"
	(cd "$TMP" && "$TIP" init work >/dev/null && cd work &&
		course_yaml | sed "s/^title: .*/title: $2/" >"$TMP/course.yaml" &&
		"$TIP" add course --id first-course --file "$TMP/course.yaml" >/dev/null) &&
		git clone -q --bare "$TMP/work" "$1"
}

# commit_in DIR MESSAGE: a new commit on main of the bare repository DIR, through a clone.
commit_in() {
	rm -rf "$TMP/change" && git clone -q "$1" "$TMP/change" &&
		(cd "$TMP/change" && git commit -q --allow-empty -m "$2" && git push -q origin main)
}

# state: what tip must never touch, as text.
state() {
	git status --porcelain -uall
	git rev-parse HEAD
	git symbolic-ref HEAD
	git ls-files -s | git hash-object --stdin
	git for-each-ref refs/heads refs/remotes
	git remote -v
	ls .git/FETCH_HEAD 2>/dev/null
}

mkdir -p "$TMP/served"
make_peer "$TMP/served/portsmouth.git" "Portsmouth course"
make_peer "$TMP/served/southampton.git" "Southampton course"

cd "$TMP" && "$TIP" init home >/dev/null && cd "$TMP/home"
git remote add origin "$TMP/served/none.git"

tip peers
expect "without peers in tip.yaml, tip peers says how to add them" 0 \
	"no peers in tip.yaml: add them under peers: (docs/peers.md)"
tip peers --format json
check "... and the JSON has none" test "$(tr -d ' \n' <"$TMP/out")" = '{"format":1,"peers":[]}'

# ---- tip.yaml's mistakes ----
bad_settings() {
	printf 'quarters: financial\npeers:\n%s\n' "$2" >tip.yaml
	tip peers
	expect_stderr "$1" 2 "$3"
}
bad_settings "an unknown key is named with its line" \
	"  - name: portsmouth
    url: ../p.git
    brnch: main" "tip: tip.yaml:5:5: a peer has no setting 'brnch' (did you mean 'branch'?): a peer has name, url and branch"
bad_settings "a mistyped key is named with the one meant" "  - {name: portsmouth, ulr: x}" \
	"tip: tip.yaml:3:24: a peer has no setting 'ulr' (did you mean 'url'?): a peer has name, url"
printf 'quarters: financial\npeer:\n  - {name: portsmouth, url: x}\n' >tip.yaml
tip peers
expect_stderr "peers: mistyped is named, not taken for no peers at all" 2 \
	"tip: tip.yaml:2:1: tip.yaml has no setting 'peer' (did you mean 'peers'?): write the peers under peers: (docs/peers.md)"
tip compare
expect_stderr "... by tip compare too" 2 "tip.yaml:2:1: tip.yaml has no setting 'peer'"
bad_settings "tip.yaml that does not load: where, and what to do" \
	"  - {name: portsmouth, url: x" \
	"tip: tip.yaml:4:1: did not find expected ',' or '}' while parsing a flow mapping: mend tip.yaml there"
bad_settings "a name that is no id" "  - {name: Port Smouth, url: x}" \
	"tip.yaml:3:12: 'Port Smouth' cannot name a peer"
bad_settings "two peers with one name" "  - {name: a, url: x}
  - {name: a, url: y}" "tip.yaml:4:12: two peers are named 'a' (the other at line 3)"
bad_settings "a peer without a url" "  - name: portsmouth" \
	"tip.yaml:3:5: peer 'portsmouth' has no url: write url:"
tip peers fetch
expect_stderr "tip peers fetch refuses them too, fetching nothing" 2 "tip.yaml:3:5:"

# ---- fetched over file:// and git:// ----
if serve_git_daemon "$TMP/served"; then
	cat >tip.yaml <<EOF
quarters: financial
peers:
  - name: portsmouth
    url: file://$TMP/served/portsmouth.git
  - name: southampton
    url: $GIT_DAEMON_URL/southampton.git
    branch: main
EOF
	git add tip.yaml && git commit -q -m peers
	tip peers
	expect "tip peers lists them, never fetched" 0 \
"portsmouth: file://$TMP/served/portsmouth.git (its default branch), never fetched
southampton: $GIT_DAEMON_URL/southampton.git (branch main), never fetched"

	state >"$TMP/before"
	tip peers fetch
	p1=$(git -C "$TMP/served/portsmouth.git" rev-parse --short=12 main)
	s1=$(git -C "$TMP/served/southampton.git" rev-parse --short=12 main)
	expect "tip peers fetch fetches each" 0 "portsmouth: fetched, at $p1
southampton: fetched, at $s1"
	check "... into refs/tip/peers/NAME" test "$(git rev-parse --short=12 refs/tip/peers/southampton)" = "$s1"
	state >"$TMP/after"
	check "... touching no file, the index, HEAD, a branch or a remote (nor FETCH_HEAD)" \
		cmp -s "$TMP/before" "$TMP/after"
	tip peers
	check "tip peers gives the commit and when it was fetched" \
		grep -q "^southampton: $GIT_DAEMON_URL/southampton.git (branch main), at $s1 fetched $(date -u +%Y-%m-%d) " "$TMP/out"
	tip peers --format json
	check "... and so does its JSON" sh -c "tr -d ' \\n' <'$TMP/out' | grep -q '^{\"format\":1,\"peers\":\[{\"name\":\"portsmouth\",\"url\":\"file://$TMP/served/portsmouth.git\",\"branch\":null,\"commit\":\"$(git rev-parse refs/tip/peers/portsmouth)\",\"fetched\":\"20[0-9-]*T[0-9:]*Z\"},'"

	tip peers fetch portsmouth
	expect "a peer without new commits is up to date; one named alone is fetched alone" 0 \
		"portsmouth: up to date, at $p1"

	commit_in "$TMP/served/southampton.git" "more"
	s2=$(git -C "$TMP/served/southampton.git" rev-parse --short=12 main)
	tip peers fetch southampton
	expect "new commits are fetched" 0 "southampton: new commits, now at $s2"
	(cd "$TMP/change" && git reset -q --hard HEAD~1 && git commit -q --allow-empty -m "other" &&
		git push -q -f origin main)
	s3=$(git -C "$TMP/served/southampton.git" rev-parse --short=12 main)
	tip peers fetch southampton
	expect "a peer that rewrote its history is followed, and said to have" 0 \
		"southampton: history rewritten, now at $s3 (was $s2)"

	# ---- one that cannot be reached ----
	printf '1767312000\n' >.git/tip/peers/portsmouth # 2026-01-02
	sed -i "s|url: file://.*|url: git://127.0.0.1:1/portsmouth.git|" tip.yaml
	commit_in "$TMP/served/southampton.git" "again"
	s4=$(git -C "$TMP/served/southampton.git" rev-parse --short=12 main)
	timeout 120 $TIP_WRAPPER "$TIP" peers fetch >"$TMP/out" 2>"$TMP/err"
	status=$?
	expect_stderr "a peer that cannot be reached is reported, exit 1 at the end" 1 \
		"tip: could not reach peer portsmouth ("
	check "... with what to do" grep -q "what was fetched from it before is kept and still used; run tip peers fetch again when online" "$TMP/err"
	check "... the others fetched" grep -qx "southampton: new commits, now at $s4" "$TMP/out"
	check "... its last state kept, with its date" \
		grep -qx "portsmouth: not fetched; still at $p1, fetched 2026-01-02 00:00" "$TMP/out"
	tip peers
	check "... and listed" grep -qx "portsmouth: git://127.0.0.1:1/portsmouth.git (its default branch), at $p1 fetched 2026-01-02 00:00" "$TMP/out"
	serve_stop
else
	tip peers
fi

printf 'peers:\n  - {name: portsmouth, url: a}\n  - {name: southampton, url: b}\n' >tip.yaml
tip completion --complete peers ""
expect "completion offers fetch" 0 "words
fetch"
tip completion --complete peers fetch portsmouth s
expect "... then the peers' names" 0 "words
southampton"
git init -q --bare "$TMP/served/empty.git"
printf 'peers:\n  - {name: iow, url: ../served/portsmouth.git}\n  - {name: nob, url: ../served/portsmouth.git, branch: nob}\n  - {name: empty, url: ../served/empty.git}\n' >tip.yaml
tip peers fetch
expect_stderr "a peer's branch that is not there is said so" 1 \
	"tip: peer nob has no branch 'nob': check its branch in tip.yaml"
check "... and a peer with no commits" grep -q "tip: peer empty has no commits on its default branch yet" "$TMP/err"
check "... and a folder relative to the root is fetched" \
	grep -qx "iow: fetched, at $(git -C "$TMP/served/portsmouth.git" rev-parse --short=12 main)" "$TMP/out"
printf 'kept\n' >"$TMP/outside"
ln -s "$TMP/outside" .git/tip/peers/iow.new
tip peers fetch iow
expect "the time of a fetch is written whole beside its file, never through a link left there" 0
check "... which leads where it led, untouched" grep -qx kept "$TMP/outside"
rm -f .git/tip/peers/iow.new
mv .git/tip/peers "$TMP/stamps" && printf 'not a folder\n' >.git/tip/peers
tip peers fetch iow
expect_stderr "when the time of a fetch cannot be kept, where and what to do are said" 1 \
	"tip: peer iow was fetched, but when cannot be kept in '$(pwd)/.git/tip/peers/iow' (cannot write 'tip/peers/iow': Not a directory): make sure that folder can be written, then fetch again"
check "... and what was fetched is said, not that it was not fetched" \
	grep -qx "iow: up to date, at $(git rev-parse --short=12 refs/tip/peers/iow)" "$TMP/out"
rm .git/tip/peers && mv "$TMP/stamps" .git/tip/peers
tip peers fetch hampshire
expect_stderr "a name that is no peer is refused before fetching any" 2 \
	"tip: no peer 'hampshire' in tip.yaml: the peers are iow, nob, empty"
printf 'peers:\n  - {name: offline, url: "git://127.0.0.1:1/none.git"}\n' >tip.yaml
timeout 120 $TIP_WRAPPER "$TIP" peers fetch >"$TMP/out" 2>"$TMP/err"
status=$?
expect_stderr "a peer never fetched that cannot be reached: said, exit 1" 1 \
	"tip: could not reach peer offline ("
check "... without a word of what was fetched before, as nothing was" grep -q \
	"): nothing has been fetched from it yet; run tip peers fetch again when online" "$TMP/err"
printf 'peers:\n  - {name: cmd, url: "ext::sh -c true"}\n  - {name: fd, url: "fd::7"}\n' >tip.yaml
timeout 60 $TIP_WRAPPER "$TIP" peers fetch >"$TMP/out" 2>"$TMP/err" 7</dev/zero
status=$?
expect_stderr "a url that would run a command is refused, with what to do" 1 \
	"tip: peer cmd has a url git would not fetch from here (transport 'ext' not allowed): check its url in tip.yaml"
check "... and one that would read a file descriptor tip holds" grep -q \
	"tip: peer fd has a url git would not fetch from here (transport 'fd' not allowed)" "$TMP/err"
tip peers pull
expect_stderr "peers takes fetch, nothing else" 2 "tip peers takes fetch or nothing, not 'pull'"
tip -h
check "tip -h lists the command" grep -q "^  peers " "$TMP/out"

done_testing
