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

# notes_repo NAME: a repository at $TMP/NAME with two small record types, committed, made the
# current directory. note: title (required), level (enum, default informed), minutes
# (integer), topics (references to topic records), sessions (objects); topic: title.
notes_repo() {
	new_repo "$1"
	cat >schemas/note.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Note
type: object
additionalProperties: false
required: [title, level]
properties:
  title:
    title: Title
    description: What the note is about.
    type: string
    minLength: 1
  level:
    title: Level
    description: How deep it goes.
    enum: [informed, skilled]
    default: informed
  minutes:
    title: Minutes
    description: How long it takes.
    type: integer
    minimum: 1
  topics:
    title: Topics
    description: Topics it touches.
    type: array
    items:
      type: string
      x-tip-ref: topic
  sessions:
    description: When it was given.
    type: array
    items:
      type: object
      properties:
        date: {type: string, format: date}
YAML
	cat >schemas/topic.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Topic
type: object
additionalProperties: false
required: [title]
properties:
  title:
    description: The topic.
    type: string
YAML
	mkdir -p records/notes records/topics
	printf 'title: Attachment\n' >records/topics/attachment.yaml
	printf 'title: Trauma\n' >records/topics/trauma.yaml
	git add . && git commit -q -m "start"
}

# tip_at_pipe_end ARGS...: tip at the end of a pipe (a subshell): its status is left in
# $TMP/status, and how many bytes of its stdin it left unread in $TMP/left.
tip_at_pipe_end() {
	$TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>"$TMP/err"
	echo $? >"$TMP/status"
	wc -c >"$TMP/left"
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$d"; else not_ok "$d" "failed: $*"; fi
}

# unchanged_since REV: HEAD is REV and git sees nothing uncommitted.
unchanged_since() {
	[ "$(git rev-parse HEAD)" = "$1" ] && [ -z "$(git status --porcelain -uall)" ]
}

# tip_on_path: a tip on PATH, under TIP_WRAPPER like every tip here: git runs the merge driver
# (tip merge-file) by name.
tip_on_path() {
	mkdir -p "$TMP/bin"
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$TIP_WRAPPER" "$TIP" >"$TMP/bin/tip"
	chmod +x "$TMP/bin/tip"
	PATH="$TMP/bin:$PATH"
	export PATH
}

# course_yaml: a course of tip init's schemas, on stdout.
course_yaml() {
	printf '%s\n' 'title: Attachment basics' 'provider: Educational Psychology Service' \
		'provider_type: internal' 'level: skilled' 'level_status: agreed' 'audience:' \
		'  - education' 'age_phases:' '  - primary' 'status: available' \
		"next_review: '2027-01-01'"
}

# ---- peak memory (tests/bench-peak beside $TIP) ----

# memory_unmeasured: true, having printed a skip and the plan, when tip's peak memory cannot
# be measured here: under a checker, whose own memory hides it, with AddressSanitizer, which
# holds freed memory back, or without bench-peak.
memory_unmeasured() {
	peak=$(dirname "$TIP")/tests/bench-peak
	[ -n "$TIP_WRAPPER" ] || grep -q __asan_init "$TIP" || [ ! -x "$peak" ] || return 1
	echo "ok 1000 # skip memory: under a checker, or no bench-peak"
	done_testing
}

# big_courses STATUS: 300 courses of 64 KiB each (19 MiB of text) with that status, written in
# records/courses/ of the current repository.
big_courses() {
	long=$(awk 'BEGIN { for (i = 0; i < 1024; i++) printf "  Participants explore how early adversity shapes behaviour, learning and relations.\n" }')
	mkdir -p records/courses
	i=0
	while [ $i -lt 300 ]; do
		printf 'title: Course %d\nprovider: Somebody\nprovider_type: internal\nlevel: skilled\nlevel_status: agreed\naudience:\n  - health\nstatus: %s\ndescription: |\n%s\n' \
			$i "$1" "$long" >records/courses/course-$i.yaml
		i=$((i + 1))
	done
}

# peak_kib ARGS...: the peak memory of tip ARGS, in KiB.
peak_kib() {
	"$peak" "$TIP" "$@" >/dev/null 2>"$TMP/peak" || echo "# tip $* failed" >&2
	sed -n 's/^peak \([0-9]*\) KiB$/\1/p' "$TMP/peak"
}

# peak_near BASE ARGS...: tip ARGS peaks within 8 MiB of BASE KiB (validate's, which keeps no
# record once checked).
peak_near() {
	base=$1
	shift
	used=$(peak_kib "$@")
	if [ $((used - base)) -le 8192 ]; then
		ok "tip $*: peak memory near validate's"
	else
		tests_run=$((tests_run + 1))
		tests_failed=$((tests_failed + 1))
		echo "not ok $tests_run - tip $*: peak memory near validate's"
		echo "#   $used KiB against validate's $base KiB"
	fi
}
