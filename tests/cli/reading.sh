# Every command that reads records reports the record files that do not load the same way:
# their findings on stderr naming the path and why, a line saying they are left out, the
# output otherwise complete, and exit status 1.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo reading
available_course intro 2026-12-10
record definitions cbc <<'YAML'
term: Child-centred
definition: Putting the child first.
YAML
commit_at 2026-11-01T10:00:00Z "records"
printf 'title: [unclosed\n' >records/courses/broken.yaml
printf 'term: [unclosed\n' >records/definitions/broken.yaml
commit_at 2026-11-02T10:00:00Z "broken records"
export TIP_TODAY=2026-11-26

# unreadable DESCRIPTION: the last tip exited 1, named the broken course and why, and said
# it was left out.
unreadable() {
	expect_stderr "$1" 1 "records/courses/broken.yaml:2:1: error:"
	check "  says it is left out" grep -qE "^tip: [12] records? could not be read and (is|are) left out$" \
		"$TMP/err"
}

tip list course
unreadable "list"
check "  the rest is listed" grep -q "^intro " "$TMP/out"

tip export course --format json
unreadable "export"
check "  the rest is exported" grep -q '"id":"intro"' "$TMP/out"

tip matrix
unreadable "matrix"
check "  the rest is counted" grep -q "^informed " "$TMP/out"

tip due
unreadable "due"
check "  the rest is listed" grep -q "course intro" "$TMP/out"

tip due --strict --within 1
unreadable "due --strict with nothing due"

tip summary --quarter 2026-Q4
unreadable "summary"
check "  the summary is printed" grep -q "^## " "$TMP/out"

tip export definition --format skos
expect_stderr "export as SKOS" 1 "records/definitions/broken.yaml:2:1: error:"
check "  the rest is exported" grep -q "child-centred\|cbc" "$TMP/out"

tip show course intro
expect "show of a record that loads" 0

done_testing
