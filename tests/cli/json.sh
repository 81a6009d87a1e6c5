# Every JSON output of every command is one object whose first member is "format": 1, the
# version of its shape, so that a script can tell when a shape it reads has changed
# (docs/commands.md "Versions of the JSON").
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

# versioned DESCRIPTION: the last output is one JSON object whose first member is
# "format": 1 (when python3 is there to say so).
versioned() {
	if ! command -v python3 >/dev/null 2>&1; then
		ok "$1 # SKIP no python3"
	elif python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if isinstance(d, dict) and list(d)[:1] == ["format"] and d["format"] == 1 else 1)' \
		"$TMP/out" 2>/dev/null; then
		ok "$1"
	else
		not_ok "$1" "not an object starting with \"format\": 1"
	fi
}

programme_repo json
available_course intro 2026-12-10
record definitions cbc <<'YAML'
term: Child-centred
definition: Putting the child first.
status: draft
YAML
commit_at 2026-11-01T10:00:00Z "records"
export TIP_TODAY=2026-11-26

tip show course intro --format json
versioned "show"
tip list course --format json
versioned "list"
tip export course --format json
versioned "export TYPE"
tip export all --format json
versioned "export all"
tip validate --format json
versioned "validate"
tip fmt --check --format json
versioned "fmt --check"
tip lint --format json
versioned "lint"
tip matrix --format json
versioned "matrix"
tip due --format json
versioned "due"
tip summary --quarter 2026-Q4 --format json
versioned "summary"
tip log --format json
versioned "log"
tip diff --format json HEAD
versioned "diff"
tip set course intro level=skilled --format json
versioned "set"
tip undo --format json
versioned "undo"

done_testing
