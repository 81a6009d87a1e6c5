# tip show: one record as canonical YAML or as JSON, personal fields left out unless asked.
. tests/cli/lib.sh
. tests/cli/fixtures/talks.sh

talks_repo show

tip show talk intro
expect "yaml by default, canonical, the personal field left out" 0 "title: Introduction to trauma
level: informed
given: '2026-03-01'
minutes: 45
score: 4.5
online: true
tags:
  - aces
  - basics"
tip show talk intro --include-personal
expect "--include-personal keeps it, in the schema's place" 0 "title: Introduction to trauma
speaker: Ann Example
level: informed
given: '2026-03-01'
minutes: 45
score: 4.5
online: true
tags:
  - aces
  - basics"
tip show talk attachment --format yaml
expect "--format yaml: multi-line text as a literal block" 0 "title: Attachment, in depth
level: skilled
given: '2025-11-20'
minutes: 120
tags:
  - attachment
notes: |-
  Line one, with a comma
  Line \"two\""

tip show talk ebsa --format json
expect "--format json: the record as one object, id and type first" 0 \
'{"format":1,"record":{"id":"ebsa","type":"talk","title":"EBSA: what schools can do","level":"enhanced","given":"2026-01-15","minutes":90,"score":3,"online":false,"tags":["ebsa","schools","aces"],"sessions":[{"date":"2026-01-15","count":20}]}}'
tip show talk attachment --format json --include-personal
expect "  with the personal field, and escapes" 0 \
'{"format":1,"record":{"id":"attachment","type":"talk","title":"Attachment, in depth","speaker":"Bob Example","level":"skilled","given":"2025-11-20","minutes":120,"tags":["attachment"],"notes":"Line one, with a comma\nLine \"two\""}}'
tip --format json show talk draft
expect "options go after the command" 2
tip show --format=json talk draft
expect "options may come first, --format=F works" 0 '{"format":1,"record":{"id":"draft","type":"talk","title":"Draft talk"}}'

# A record written by hand in another order is shown in canonical form.
printf 'extra: yes\ntags: [x]\nminutes: 5\ntitle: "Hand written"\n' >records/talks/hand.yaml
tip show talk hand
expect "a hand-written record comes out canonical, unknown fields last" 0 "title: Hand written
minutes: 5
tags:
  - x
extra: 'yes'"
tip -C records/talks show talk hand --format json
expect "json in the schema's order too; works from a folder inside the repository" 0 \
	'{"format":1,"record":{"id":"hand","type":"talk","title":"Hand written","minutes":5,"tags":["x"],"extra":"yes"}}'

printf 'title: One\ntitle: Two\n' >records/talks/broken.yaml
tip show talk broken
expect_stderr "a file that does not load: its findings, status 1" 1 \
	"records/talks/broken.yaml:2:1: error:"
expect_stderr "  and what to do" 1 "cannot read 'records/talks/broken.yaml' as a record: fix it first"
check "  nothing on stdout" test ! -s "$TMP/out"

tip show talk nobody
expect_stderr "a record that does not exist" 2 "tip: there is no talk 'nobody' (records/talks/nobody.yaml)"
tip show lecture intro
expect_stderr "a type that does not exist" 2 "tip: there is no record type 'lecture'"
tip show talk Bad_Id
expect_stderr "an id that cannot be one" 2 "'Bad_Id' is not a valid id"
tip show talk
expect_stderr "TYPE and ID are needed" 2 "tip: tip show needs TYPE and ID"
tip show talk intro --format xml
expect_stderr "an unknown format" 2 "tip: --format must be yaml or json, not 'xml'"
tip show talk intro --bogus
expect_stderr "an unknown option" 2 "tip: unknown option '--bogus'"
tip show -h
expect "-h: the usage on stdout" 0
check "  names the options" grep -q -- "--include-personal" "$TMP/out"
tip help show
expect "tip help show" 0
cd "$TMP"
tip show talk intro
expect_stderr "outside a repository" 2 "tip:"

# ---- text with control characters (committed by hand) is never printed raw ----
new_repo raw
cat >schemas/note.schema.yaml <<'YAML'
type: object
properties:
  title: {type: string}
  review: {type: string}
YAML
mkdir -p records/notes
git add . && git commit -q -m start
printf 'title: "WAVE \\e]0;PWNED\\a \\e[31mRED \\u009b31m"\n' >records/notes/esc.yaml
git add . && git commit -q -m "$(printf 'add \033[31mred\033[0m \302\233 note')"
printf 'title: "WAVE \\e]0;PWNED\\a \\e[31mRED \\u009b31m"\nreview: x\n' >records/notes/esc.yaml
# not_raw: the last tip wrote no ESC, BEL or U+009B as they are.
not_raw() { ! LC_ALL=C grep -q "$(printf '\033\\|\007\\|\302\233')" "$TMP/out" "$TMP/err"; }
for cmd in "show note esc" "show note esc --format json" "list note" "list note --format csv" \
	"list note --format json" "log" "log --format json" "diff HEAD" "validate" \
	"set note esc review=y"; do
	tip $cmd
	check "tip $cmd: no control character printed raw" not_raw
done
git commit -q -a -m review
tip rm note esc
expect "tip rm: its title, escaped" 0 'rm note esc: WAVE \u001b]0;PWNED\u0007 \u001b[31mRED \u009b31m'
check "  nothing raw" not_raw

done_testing
