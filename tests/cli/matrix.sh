# tip matrix: records counted by two fields, the learning-needs matrix by default.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo matrix
course() { # ID LEVEL_STATUS LEVEL STATUS AUDIENCE...
	id=$1 level_status=$2 level=$3 status=$4
	shift 4
	{
		echo "title: Course $id"
		echo "provider: Somebody"
		echo "provider_type: internal"
		[ "$level" = - ] || echo "level: $level"
		echo "level_status: $level_status"
		echo "audience:"
		for a in "$@"; do echo "  - $a"; done
		echo "status: $status"
	} | record courses "$id"
}
course intro agreed informed available education health
course skilled agreed skilled available education
course consult not-assessed - available education police
course plan proposed enhanced planned housing
course old agreed informed retired voluntary
commit_at 2026-05-01T10:00:00Z "courses"
export COLUMNS=200

tip matrix
expect "available courses by level and audience" 0 "3 courses with status available, by level (rows) and audience (columns)

level       education  health  social-care  police  housing  voluntary  parents-carers  multi-agency  total
informed            1       1            ·       ·        ·          ·               ·             ·      1
skilled             1       ·            ·       ·        ·          ·               ·             ·      1
enhanced            ·       ·            ·       ·        ·          ·               ·             ·      0
specialist          ·       ·            ·       ·        ·          ·               ·             ·      0
(none)              1       ·            ·       1        ·          ·               ·             ·      1
total               3       1            0       1        0          0               0             0      3

· empty: 29 of the 32 level × audience cells"

tip matrix --all
expect "--all: every course, whatever its status" 0 "5 courses, by level (rows) and audience (columns)

level       education  health  social-care  police  housing  voluntary  parents-carers  multi-agency  total
informed            1       1            ·       ·        ·          1               ·             ·      2
skilled             1       ·            ·       ·        ·          ·               ·             ·      1
enhanced            ·       ·            ·       ·        1          ·               ·             ·      1
specialist          ·       ·            ·       ·        ·          ·               ·             ·      0
(none)              1       ·            ·       1        ·          ·               ·             ·      1
total               3       1            0       1        1          1               0             0      5

· empty: 27 of the 32 level × audience cells"

COLUMNS=60 tip matrix
expect "a narrow terminal: headings cut, and given in full below" 0 "3 courses with status available, by level (rows) and
audience (columns)

level       edu  hea  soc  pol  hou  vol  par  mul  total
informed      1    1    ·    ·    ·    ·    ·    ·      1
skilled       1    ·    ·    ·    ·    ·    ·    ·      1
enhanced      ·    ·    ·    ·    ·    ·    ·    ·      0
specialist    ·    ·    ·    ·    ·    ·    ·    ·      0
(none)        1    ·    ·    1    ·    ·    ·    ·      1
total         3    1    0    1    0    0    0    0      3

· empty: 29 of the 32 level × audience cells
columns: edu = education, hea = health, soc = social-care,
  pol = police, hou = housing, vol = voluntary,
  par = parents-carers, mul = multi-agency"
widest=$(sed 's/\xc2\xb7/./g; s/\xc3\x97/x/g' "$TMP/out" | awk '{ if (length > w) w = length } END { print w }')
check "  no line wider than 60 columns" test "$widest" -le 60
COLUMNS=30 tip matrix
check "  very narrow: headings numbered when cutting makes them alike" \
	grep -q "^level       1  2  3  4  5  6  7  8  total$" "$TMP/out"

tip matrix --format csv
expect "csv: plain 0 in empty cells, a total row and column" 0 "$(printf '%s\r\n' \
	"level,education,health,social-care,police,housing,voluntary,parents-carers,multi-agency,total" \
	"informed,1,1,0,0,0,0,0,0,1" \
	"skilled,1,0,0,0,0,0,0,0,1" \
	"enhanced,0,0,0,0,0,0,0,0,0" \
	"specialist,0,0,0,0,0,0,0,0,0" \
	"(none),1,0,0,1,0,0,0,0,1" \
	"total,3,1,0,1,0,0,0,0,3")"

tip matrix --type course --rows status --cols level_status --format json
expect "json, any two enum fields" 0 '{
  "format": 1,
  "type": "course",
  "rows_field": "status",
  "cols_field": "level_status",
  "status": "available",
  "records": 3,
  "rows": [
    "available",
    "in-development",
    "planned",
    "retired"
  ],
  "cols": [
    "agreed",
    "proposed",
    "not-assessed"
  ],
  "cells": [
    [
      2,
      0,
      1
    ],
    [
      0,
      0,
      0
    ],
    [
      0,
      0,
      0
    ],
    [
      0,
      0,
      0
    ]
  ],
  "row_totals": [
    3,
    0,
    0,
    0
  ],
  "col_totals": [
    2,
    0,
    1
  ],
  "empty_cells": 10
}'

record actions a <<'YAML'
title: A
owner: Group
status: in-progress
rag: red
drivers:
  - kcsie-2021
  - hips-tip-strategy
YAML
record actions b <<'YAML'
title: B
owner: Group
status: done
completed: '2026-04-01'
YAML
tip matrix --type action --rows status --cols drivers --format csv
expect "--type: another type, a list field, every record (no status available)" 0 "$(printf '%s\r\n' \
	"status,kcsie-2021,cyp-mental-health-wellbeing-2021,virtual-school-extension-2021,hips-tip-strategy,ohid-working-definition-2022,(none),total" \
	"planned,0,0,0,0,0,0,0" \
	"in-progress,1,0,0,1,0,0,1" \
	"ongoing,0,0,0,0,0,0,0" \
	"done,0,0,0,0,0,1,1" \
	"paused,0,0,0,0,0,0,0" \
	"cancelled,0,0,0,0,0,0,0" \
	"total,1,0,0,1,0,1,2")"

# Labels a spreadsheet would run as formulas are defused as tip export's CSV does.
cat >schemas/poll.schema.yaml <<'YAML'
type: object
properties:
  answer: {type: string, enum: ["=1+1", "@A1", plain]}
  side: {type: string, enum: ["-left", right]}
YAML
mkdir -p records/polls && printf 'answer: "=1+1"\nside: "-left"\n' | record polls p1
tip matrix --type poll --rows answer --cols side --format csv
expect "csv: formula-like labels get a leading '" 0 \
	"$(printf "answer,'-left,right,total\r\n'=1+1,1,0,1\r\n'@A1,0,0,0\r\nplain,0,0,0\r\ntotal,1,0,1\r\n")"
rm -r schemas/poll.schema.yaml records/polls

tip matrix --rows level --cols title
expect_stderr "a field without a fixed set of values" 2 \
	"tip: 'title' is not a field of course with a fixed set of values: choose from provider_type, level, level_status, audience, age_phases, status, delivery"
tip matrix --type champion --rows status --cols name
expect_stderr "a personal field is not offered" 2 "choose from sector, service_area, status, level"
tip matrix --rows level
expect_stderr "--rows without --cols" 2 "tip: --rows and --cols go together"
tip matrix --type action
expect_stderr "another type needs both" 2 "tip: --rows and --cols are needed for a type other than course"
tip matrix --type talk --rows a --cols b
expect_stderr "a type that does not exist" 2 "tip: there is no record type 'talk'"
tip matrix --format xml
expect_stderr "an unknown format" 2 "tip: --format must be table, csv or json, not 'xml'"

# One of a kind is said in the singular.
programme_repo one
available_course intro
tip matrix
check "one course, in the singular" grep -qx "1 course with status available, by level (rows) and audience (columns)" "$TMP/out"
tip summary --quarter 2026-Q4 --format md
check "  in the summary's matrix too" grep -qF "The learning-needs matrix: 1 course with status Available by level" "$TMP/out"
printf 'name: [unclosed\n' >records/champions/c1.yaml
printf 'name: [unclosed\n' >records/champions/c2.yaml
tip summary --quarter 2026-Q4 --format md
check "  several of a personal type counted, in the plural" grep -qx -- "- 2 champions" "$TMP/out"

done_testing
