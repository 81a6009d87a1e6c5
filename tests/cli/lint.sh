# tip lint: each rule at its line and column, the formats, --strict, PATH and exit statuses.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo lint
record definitions ebsa <<'YAML'
term: Emotionally based school absence
definition: Absence from school rooted in emotional distress.
status: draft
alt_labels:
  - EBSA
hidden_labels:
  - emotionally-based school absence
avoid:
  - term: school refusal
    reason: Suggests the child chooses not to attend.
scope_note: Say "emotionally based school absence", not "school refusal".
YAML
record definitions cla <<'YAML'
term: Children looked after
definition: Children in the care of the local authority.
status: draft
alt_labels:
  - CLA
avoid:
  - term: LAC
    use_instead: CLA
YAML
record courses intro <<'YAML'
title: Introduction to EBSA
provider: Educational Psychology Service
provider_type: internal
level_status: not-assessed
audience:
  - education
status: available
description: >-
  For staff who meet school
  refusal, or emotionally-based school absence, among LAC.
notes: 'Ask jo.bloggs@example.org or call 023 8083 3000 (not "LAC").'
YAML
record champions c1 <<'YAML'
organisation: Example School
name: Jo Bloggs, 07700 900123
sector: education
service_area: children
status: active
review_by: '2026-10-31'
YAML
record actions late <<'YAML'
title: Build the package
owner: Educational Psychology Service
status: in-progress
rag: amber
due: '2026-09-30'
YAML
record actions finished <<'YAML'
title: Finished already
owner: Educational Psychology Service
status: done
completed: '2026-10-01'
due: '2026-09-30'
YAML
commit_at 2026-11-01T10:00:00Z "records"
export TIP_TODAY=2026-11-26

all_findings='records/actions/late.yaml:5:6: warning: due date 2026-09-30 has passed (57 days overdue) and the action is neither done nor cancelled [action-overdue]
records/champions/c1.yaml:6:12: warning: review by date 2026-10-31 has passed (26 days overdue) [review-overdue]
records/courses/intro.yaml:9:22: error: "school refusal" is a term to avoid: use "Emotionally based school absence" instead [avoid-term]
records/courses/intro.yaml:10:15: warning: "emotionally-based school absence" is a variant of the preferred term "Emotionally based school absence" [hidden-label]
records/courses/intro.yaml:10:55: error: "LAC" is a term to avoid: use "CLA" instead [avoid-term]
records/courses/intro.yaml:11:13: error: email address in a field not marked personal: contact details are not kept in records [personal-data]
records/courses/intro.yaml:11:43: error: phone number in a field not marked personal: contact details are not kept in records [personal-data]'
tip lint
expect "every rule at the word's line and column, sorted" 1 "$all_findings"
expect_stderr "a count of what was checked, errors and warnings" 1 \
	"checked 6 records (2 actions, 1 champion, 1 course, 2 definitions): 4 errors, 3 warnings"
tip lint -q
if [ "$status" -eq 1 ] && [ ! -s "$TMP/err" ]; then ok "-q prints no count"; else not_ok "-q prints no count"; fi

tip lint --format json records/courses
expect "json format" 1 '{"format":1,"findings":[
  {"file": "records/courses/intro.yaml", "line": 9, "column": 22, "severity": "error", "keyword": "avoid-term", "path": "/description", "message": "\"school refusal\" is a term to avoid: use \"Emotionally based school absence\" instead"},
  {"file": "records/courses/intro.yaml", "line": 10, "column": 15, "severity": "warning", "keyword": "hidden-label", "path": "/description", "message": "\"emotionally-based school absence\" is a variant of the preferred term \"Emotionally based school absence\""},
  {"file": "records/courses/intro.yaml", "line": 10, "column": 55, "severity": "error", "keyword": "avoid-term", "path": "/description", "message": "\"LAC\" is a term to avoid: use \"CLA\" instead"},
  {"file": "records/courses/intro.yaml", "line": 11, "column": 13, "severity": "error", "keyword": "personal-data", "path": "/notes", "message": "email address in a field not marked personal: contact details are not kept in records"},
  {"file": "records/courses/intro.yaml", "line": 11, "column": 43, "severity": "error", "keyword": "personal-data", "path": "/notes", "message": "phone number in a field not marked personal: contact details are not kept in records"}
]}'
tip lint --format github records/actions records/champions/c1.yaml
expect "github format: warnings as warning annotations" 0 \
'::warning file=records/actions/late.yaml,line=5,col=6,title=action-overdue::due date 2026-09-30 has passed (57 days overdue) and the action is neither done nor cancelled
::warning file=records/champions/c1.yaml,line=6,col=12,title=review-overdue::review by date 2026-10-31 has passed (26 days overdue)'
expect_stderr "github format: the count still on stderr" 0 \
	"checked 3 records (2 actions, 1 champion): 2 warnings"

# Exit statuses: warnings pass unless --strict.
tip lint records/actions
expect "warnings only: exit 0" 0 \
	"records/actions/late.yaml:5:6: warning: due date 2026-09-30 has passed (57 days overdue) and the action is neither done nor cancelled [action-overdue]"
tip lint --strict records/actions
expect "warnings with --strict: exit 1" 1 \
	"records/actions/late.yaml:5:6: warning: due date 2026-09-30 has passed (57 days overdue) and the action is neither done nor cancelled [action-overdue]"
TIP_TODAY=2026-09-30 tip lint --strict records/actions
expect "due today is not overdue" 0 ""
expect_stderr "nothing found: no findings" 0 "checked 2 records (2 actions): no findings"

# PATH: files and folders, relative to where tip runs; the glossary always comes from every
# definition; files that are not records are left out.
printf 'not a record\n' >README.txt
cd records/courses
tip lint intro.yaml ../../README.txt
cd ../..
expect "a record file, from a subfolder, with the glossary of every definition" 1 \
"$(printf '%s\n' "$all_findings" | grep '^records/courses/')"
expect_stderr "only that record is counted" 1 "checked 1 record (1 course): 4 errors, 1 warning"
tip lint records/definitions
expect "the definitions mention their own terms in quotation marks: no findings" 0 ""
tip lint records/courses/missing.yaml
expect_stderr "a missing PATH" 2 "tip: cannot open 'records/courses/missing.yaml'"
tip lint "$TMP"
expect_stderr "a PATH outside the repository" 2 "is outside the repository"

# The glossary's integrity, at each label involved, naming the other definition.
record definitions dup <<'YAML'
term: children  Looked After
definition: A second definition of the same concept.
status: draft
alt_labels:
  - EBSA
hidden_labels:
  - CLA
YAML
tip lint records/definitions
expect "a preferred term twice, a label in two roles" 1 \
'records/definitions/cla.yaml:1:7: error: "Children looked after" is also the preferred term in records/definitions/dup.yaml: preferred terms are unique [duplicate-term]
records/definitions/cla.yaml:5:5: error: "CLA" is an alternative label here and a hidden label in records/definitions/dup.yaml [label-clash]
records/definitions/dup.yaml:1:7: error: "children  Looked After" is also the preferred term in records/definitions/cla.yaml: preferred terms are unique [duplicate-term]
records/definitions/dup.yaml:7:5: error: "CLA" is a hidden label here and an alternative label in records/definitions/cla.yaml [label-clash]'
tip lint records/definitions/dup.yaml
expect "with a PATH, the clash is reported in the records asked for" 1 \
'records/definitions/dup.yaml:1:7: error: "children  Looked After" is also the preferred term in records/definitions/cla.yaml: preferred terms are unique [duplicate-term]
records/definitions/dup.yaml:7:5: error: "CLA" is a hidden label here and an alternative label in records/definitions/cla.yaml [label-clash]'
tip lint --format github records/definitions/dup.yaml
expect "the clash as annotations" 1 \
'::error file=records/definitions/dup.yaml,line=1,col=7,title=duplicate-term::"children  Looked After" is also the preferred term in records/definitions/cla.yaml: preferred terms are unique
::error file=records/definitions/dup.yaml,line=7,col=5,title=label-clash::"CLA" is a hidden label here and an alternative label in records/definitions/cla.yaml'
rm records/definitions/dup.yaml

# A record that does not load is left to tip validate, and fails lint.
printf 'title: [broken\n' >records/courses/broken.yaml
tip lint records/courses/broken.yaml
expect "a record that does not load" 1 \
	"records/courses/broken.yaml: error: not linted: the file is not strict YAML (tip validate says why) [unreadable]"
tip lint --format json records/courses/broken.yaml
expect "a record that does not load, as JSON: about the whole file" 1 '{"format":1,"findings":[
  {"file": "records/courses/broken.yaml", "line": 0, "column": 0, "severity": "error", "keyword": "unreadable", "path": "", "message": "not linted: the file is not strict YAML (tip validate says why)"}
]}'
printf 'term: [broken\n' >records/definitions/broken.yaml
tip lint records/actions
expect "a definition that does not load is reported whatever the PATH" 1 \
"records/actions/late.yaml:5:6: warning: due date 2026-09-30 has passed (57 days overdue) and the action is neither done nor cancelled [action-overdue]
records/definitions/broken.yaml: error: not linted: the file is not strict YAML (tip validate says why) [unreadable]"
rm records/courses/broken.yaml records/definitions/broken.yaml

# Usage and trouble: exit 2.
tip lint -h
if [ "$status" -eq 0 ] && [ "$(head -n 1 "$TMP/out")" = \
	"usage: tip lint [--format text|json|github] [--strict] [-q] [PATH...]" ]; then
	ok "-h prints the usage"
else
	not_ok "-h prints the usage"
fi
tip lint --format xml
expect_stderr "an unknown format" 2 "tip: --format must be text, json or github, not 'xml'"
tip lint --frobnicate
expect_stderr "an unknown option" 2 "tip: unknown option '--frobnicate'"
TIP_TODAY=2026-02-30 tip lint
expect_stderr "a TIP_TODAY that is no date" 2 "tip: "
mkdir -p "$TMP/plain" && cd "$TMP/plain"
tip lint
expect_stderr "outside a git repository" 2 "tip: not in a git repository"
cd "$TMP/lint"

# The shipped records lint clean before the first date they hold, and pass (with warnings at
# most) on any day.
new_repo shipped
cp "$SOURCE_ROOT"/schemas/*.schema.yaml schemas/
cp -r "$SOURCE_ROOT/records/." records/
TIP_TODAY=2026-01-01 tip lint
expect "the shipped records: no findings" 0 ""
expect_stderr "the shipped records: counted" 0 "): no findings"
TIP_TODAY=2030-01-01 tip lint --format json
if [ "$status" -eq 0 ] && ! grep -q '"severity": "error"' "$TMP/out"; then
	ok "the shipped records years later: warnings only"
else
	not_ok "the shipped records years later: warnings only"
fi
TIP_TODAY=2030-01-01 tip lint --strict
if [ "$status" -eq 1 ] && [ -s "$TMP/out" ] && ! grep -qv ': warning: ' "$TMP/out"; then
	ok "... which --strict turns into a failure"
else
	not_ok "... which --strict turns into a failure"
fi

done_testing
