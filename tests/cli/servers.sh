#!/bin/sh
# The git servers the network tests use: git daemon and smart HTTP with basic auth behind
# lighttpd, both on 127.0.0.1, started and stopped here; credentials from a helper in the
# test's own git config.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.lib"

mkdir -p "$TMP/served"
git init -q --bare "$TMP/served/shared.git"
git -C "$TMP/served/shared.git" config http.receivepack true

# push_and_clone URL NAME: a commit pushed to URL arrives in a fresh clone of it.
push_and_clone() {
	rm -rf "$TMP/$2-a" "$TMP/$2-b"
	git clone -q "$1" "$TMP/$2-a" 2>/dev/null &&
		git -C "$TMP/$2-a" commit -q --allow-empty -m "from $2" &&
		git -C "$TMP/$2-a" push -q origin HEAD:refs/heads/$2 2>/dev/null &&
		git clone -q -b "$2" "$1" "$TMP/$2-b" 2>/dev/null &&
		[ "$(git -C "$TMP/$2-b" log -1 --format=%s)" = "from $2" ]
}

status=0
if serve_git_daemon "$TMP/served"; then
	push_and_clone "$GIT_DAEMON_URL/shared.git" daemon
	status=$?
	expect "a push over git:// reaches a clone over git://" 0
fi

status=0
if serve_http "$TMP/served" coordinator s3cret; then
	GIT_TERMINAL_PROMPT=0 git ls-remote "$HTTP_URL/shared.git" >/dev/null 2>&1
	status=$?
	expect "without credentials the HTTP server refuses" 128
	serve_credentials "$HTTP_URL" coordinator s3cret
	GIT_TERMINAL_PROMPT=0 push_and_clone "$HTTP_URL/shared.git" http
	status=$?
	expect "with the credential helper, a push over HTTP reaches a clone over HTTP" 0
	serve_credentials "$HTTP_URL" coordinator wrong
	GIT_TERMINAL_PROMPT=0 git ls-remote "$HTTP_URL/shared.git" >/dev/null 2>&1
	status=$?
	expect "a wrong password is refused" 128
fi

pids=$serve_pids
serve_stop
sleep 0.5
status=0
for pid in $pids; do kill -0 "$pid" 2>/dev/null && status=1; done
expect "the servers are stopped at the end" 0

done_testing
