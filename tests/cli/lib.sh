# Shared by the command-line tests: sourced, not run. Each test works in a fresh temporary
# repository and speaks TAP. TIP names the binary; TIP_WRAPPER (say "valgrind -q
# --error-exitcode=99 --leak-check=full") runs every tip command under a checker.
set -u
TIP=${TIP:-$PWD/build/tip}
TIP_WRAPPER=${TIP_WRAPPER:-}
SOURCE_ROOT=$PWD
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tip-cli.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
export NO_COLOR=1 LC_ALL=C
unset GIT_DIR GIT_WORK_TREE
tests_run=0
tests_failed=0

# tip ARGS...: runs tip, leaving stdout in $TMP/out, stderr in $TMP/err, the status in $status.
tip() {
	$TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

ok() {
	tests_run=$((tests_run + 1))
	echo "ok $tests_run - $1"
}

not_ok() {
	tests_run=$((tests_run + 1))
	tests_failed=$((tests_failed + 1))
	echo "not ok $tests_run - $1"
	shift
	for line in "$@"; do echo "#   $line"; done
	echo "#   status: $status"
	sed 's/^/#   stdout: /' "$TMP/out"
	sed 's/^/#   stderr: /' "$TMP/err"
}

# expect DESCRIPTION STATUS [EXPECTED_STDOUT]: checks the last tip's status, and its stdout
# exactly when EXPECTED_STDOUT is given.
expect() {
	if [ "$status" -ne "$2" ]; then
		not_ok "$1" "expected status $2"
	elif [ $# -ge 3 ] && [ "$(cat "$TMP/out")" != "$3" ]; then
		not_ok "$1" "expected stdout:" "$3"
	else
		ok "$1"
	fi
}

# expect_stderr DESCRIPTION STATUS TEXT: the status, and stderr containing TEXT.
expect_stderr() {
	if [ "$status" -ne "$2" ]; then
		not_ok "$1" "expected status $2"
	elif ! grep -qF -- "$3" "$TMP/err"; then
		not_ok "$1" "expected on stderr: $3"
	else
		ok "$1"
	fi
}

# new_repo NAME: an empty git repository at $TMP/NAME, made the current directory.
new_repo() {
	mkdir -p "$TMP/$1" && cd "$TMP/$1" && git init -q . && mkdir -p schemas records
}

done_testing() {
	echo "1..$tests_run"
	[ "$tests_failed" -eq 0 ]
}
