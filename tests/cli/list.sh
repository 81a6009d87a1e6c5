# tip list: filters, sort orders and the four formats, on talks with text, a date, numbers,
# true/false, a list and a personal field.
. tests/cli/lib.sh
. tests/cli/fixtures/talks.sh
unset COLUMNS

talks_repo list

# ids ARGS...: runs tip list talk ARGS... --format ids; the ids on one line.
ids() {
	tip list talk "$@" --format ids
	tr '\n' ' ' <"$TMP/out" | sed 's/ $//' >"$TMP/ids"
	mv "$TMP/ids" "$TMP/out"
}

# ---- the table ----
tip list talk
expect "a table 80 wide without a terminal: columns that do not fit are left out" 0 \
"id          title                      level     given       minutes  score
attachment  Attachment, in depth       skilled   2025-11-20  120
draft       Draft talk
ebsa        EBSA: what schools can do  enhanced  2026-01-15  90       3
intro       Introduction to trauma     informed  2026-03-01  45       4.5"
COLUMNS=200 tip list talk --include-personal
expect "\$COLUMNS wide; lists joined by ', ', lines of text on one line, no groups" 0 \
"id          title                      speaker      level     given       minutes  score  online  tags                 notes
attachment  Attachment, in depth       Bob Example  skilled   2025-11-20  120                     attachment           Line one, with a comma Line \"two\"
draft       Draft talk
ebsa        EBSA: what schools can do               enhanced  2026-01-15  90       3      false   ebsa, schools, aces
intro       Introduction to trauma     Ann Example  informed  2026-03-01  45       4.5    true    aces, basics"
COLUMNS=30 tip list talk
expect "a narrow terminal: long cells cut with …" 0 \
"id          title
attachment  Attachment, in de…
draft       Draft talk
ebsa        EBSA: what school…
intro       Introduction to t…"
COLUMNS=wide tip list talk
check "a \$COLUMNS that is no number is not used" test "$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$TMP/out")" -le 80
COLUMNS=200 tip list talk
check "the personal field is not a column unless asked for" test -z "$(grep -i -e speaker -e Example "$TMP/out")"

# ---- filters ----
ids --where level=skilled
expect "F=V" 0 "attachment"
ids --where level!=skilled
expect "F!=V, a record without F included" 0 "draft ebsa intro"
ids --where title~SCHOOL
expect "F~T ignores case" 0 "ebsa"
ids --where notes~'"two"'
expect "F~T in multi-line text" 0 "attachment"
ids --where given\<2026-01-01
expect "F<V on a date" 0 "attachment"
ids --where given\>=2026-01-15
expect "F>=V on a date" 0 "ebsa intro"
ids --where "given>=15 January 2026"
expect "F>=V on a date written as people write it" 0 "ebsa intro"
ids --where given=1/3/2026
expect "F=V on a date day first" 0 "intro"
ids --where given\<=2026-01-15
expect "F<=V on a date" 0 "attachment ebsa"
ids --where minutes\>60
expect "F>V on a number" 0 "attachment ebsa"
ids --where score\<=3
expect "F<=V on a number" 0 "ebsa"
ids --where minutes=90.0
expect "numbers equal by value" 0 "ebsa"
ids --where tags=aces
expect "a list matches when any item does" 0 "ebsa intro"
ids --where tags!=aces
expect "F!=V on a list: no item equal" 0 "attachment draft"
ids --where tags~school
expect "F~T on a list" 0 "ebsa"
ids --where online=false
expect "true/false" 0 "ebsa"
ids --where given=
expect "F= for records without F" 0 "draft"
ids --where score!=
expect "F!= for records with F" 0 "ebsa intro"
ids --where id~a
expect "on the id" 0 "attachment draft ebsa"
ids --where tags=aces --where minutes\<60
expect "several filters all apply" 0 "intro"
ids --where tags=aces --where level=skilled
expect "  and may leave nothing" 0 ""
check "  which is said on stderr" test "$(cat "$TMP/err")" = "no records match"
ids --where speaker=Ann\ Example --include-personal
expect "a personal field with --include-personal" 0 "intro"

# ---- sort orders ----
ids --sort -minutes
expect "--sort -F: descending, records without F last" 0 "attachment ebsa intro draft"
ids --sort minutes
expect "--sort F: ascending, records without F last" 0 "intro ebsa attachment draft"
ids --sort given
expect "--sort on a date" 0 "attachment ebsa intro draft"
ids --sort=-title
expect "--sort=-F, text ignoring case" 0 "intro ebsa draft attachment"
ids --sort -id --where tags=aces
expect "--sort -id with a filter" 0 "intro ebsa"

# ---- refusals: usage errors that name what is wrong ----
tip list talk --where given\<2026-02-30
expect_stderr "a date that does not exist" 2 \
	"tip: --where 'given<2026-02-30': '2026-02-30' is not a date: February 2026 has 28 days"
tip list talk --where nope=1
expect_stderr "an unknown field, and the fields there are" 2 \
	"tip: --where 'nope=1': talk has no field 'nope' (its fields: id, title, speaker, level, given, minutes, score, online, tags, sessions, notes)"
tip list talk --where title
expect_stderr "not a filter" 2 "tip: --where 'title': 'title' is not a filter: write FIELD=VALUE"
check "  then only where the usage is, not the usage itself" \
	test "$(sed 1d "$TMP/err")" = "see tip list -h"
tip list talk --where title\>b
expect_stderr "< > on text" 2 "'title' is not a date or a number: > compares only those"
tip list talk --where minutes\>many
expect_stderr "not a number" 2 "'many' is not a number"
tip list talk --where level=expert
expect_stderr "not one of the enum" 2 "'expert' is not one of informed, skilled, enhanced"
tip list talk --where speaker=Ann
expect_stderr "a personal field needs --include-personal" 2 \
	"'speaker' is personal data: add --include-personal to use it"
tip list talk --where sessions=x
expect_stderr "groups of fields cannot be compared" 2 "'sessions' holds groups of fields"
tip list talk --sort nope
expect_stderr "--sort on an unknown field" 2 "tip: --sort 'nope': talk has no field 'nope'"
check "  then only where the usage is" test "$(sed 1d "$TMP/err")" = "see tip list -h"
tip list talk --format xml
expect_stderr "an unknown format" 2 "--format must be table, csv, json or ids, not 'xml'"
tip list
expect_stderr "no TYPE" 2 "tip list needs one TYPE"
tip list lecture
expect_stderr "an unknown type" 2 "tip: there is no record type 'lecture'"
tip list talk --where
expect_stderr "--where without its value" 2 "tip: --where needs a value: --where EXPR"

# ---- JSON, ids, CSV ----
tip list talk --where tags=aces --format json
expect "--format json: an array, a record a line, id and type first" 0 \
'{"format":1,"records":[
{"id":"ebsa","type":"talk","title":"EBSA: what schools can do","level":"enhanced","given":"2026-01-15","minutes":90,"score":3,"online":false,"tags":["ebsa","schools","aces"],"sessions":[{"date":"2026-01-15","count":20}]},
{"id":"intro","type":"talk","title":"Introduction to trauma","level":"informed","given":"2026-03-01","minutes":45,"score":4.5,"online":true,"tags":["aces","basics"]}
]}'
tip list talk --where tags=none --format json
expect "  an empty array when nothing matches" 0 '{"format":1,"records":[]}'
check "  and nothing on stderr" test ! -s "$TMP/err"
tip list talk --where tags=none --format csv
expect "  CSV: the header row" 0 "$(printf 'id,title,level,given,minutes,score,online,tags,sessions,notes\r')"
check "  and nothing on stderr" test ! -s "$TMP/err"
tip list talk --where tags=none
expect "  a table: no headings alone" 0 ""
check "  but a word on stderr" test "$(cat "$TMP/err")" = "no records match"

tip list talk --format csv --sort -minutes
printf 'id,title,level,given,minutes,score,online,tags,sessions,notes\r
attachment,"Attachment, in depth",skilled,2025-11-20,120,,,attachment,,"Line one, with a comma
Line ""two"""\r
ebsa,EBSA: what schools can do,enhanced,2026-01-15,90,3,false,ebsa; schools; aces,"{""date"":""2026-01-15"",""count"":20}",\r
intro,Introduction to trauma,informed,2026-03-01,45,4.5,true,aces; basics,,\r
draft,Draft talk,,,,,,,,\r
' >"$TMP/want.csv"
check "--format csv: RFC 4180, CRLF, quoted where needed, lists joined by '; '" \
	cmp "$TMP/out" "$TMP/want.csv"
tip list talk --format csv --sort -minutes --bom
check "--bom: a UTF-8 byte order mark, then the same CSV" \
	cmp "$TMP/out" "$(printf '\357\273\277' | cat - "$TMP/want.csv" >"$TMP/want-bom.csv"; echo "$TMP/want-bom.csv")"
tip list talk --bom
expect_stderr "--bom is for csv" 2 "--bom is for --format csv"

# The CSV read back with a small RFC 4180 reader gives the records' values.
cat >"$TMP/csv.awk" <<'AWK'
function cell() { if (field != "") printf "%d.%s=%s\n", row, name[col], field; col++; field = "" }
BEGIN { row = 0; col = 0; ends = 0 }
{
	line = $0
	if (quoted) field = field "\n"
	n = length(line)
	for (i = 1; i <= n; i++) {
		c = substr(line, i, 1)
		if (quoted) {
			if (c != "\"") field = field c
			else if (substr(line, i + 1, 1) == "\"") { field = field c; i++ }
			else quoted = 0
		} else if (c == "\"") quoted = 1
		else if (c == ",") { if (row == 0) name[col] = field; cell() }
		else if (c == "\r" && i == n) ends++
		else field = field c
	}
	if (!quoted) { if (row == 0) name[col] = field; cell(); row++; col = 0 }
}
END { print ends " CRLF" }
AWK
tip list talk --format csv --include-personal
awk -f "$TMP/csv.awk" "$TMP/out" | grep -v '^0\.' >"$TMP/cells"
cat >"$TMP/want" <<'CELLS'
1.id=attachment
1.title=Attachment, in depth
1.speaker=Bob Example
1.level=skilled
1.given=2025-11-20
1.minutes=120
1.tags=attachment
1.notes=Line one, with a comma
Line "two"
2.id=draft
2.title=Draft talk
3.id=ebsa
3.title=EBSA: what schools can do
3.level=enhanced
3.given=2026-01-15
3.minutes=90
3.score=3
3.online=false
3.tags=ebsa; schools; aces
3.sessions={"date":"2026-01-15","count":20}
4.id=intro
4.title=Introduction to trauma
4.speaker=Ann Example
4.level=informed
4.given=2026-03-01
4.minutes=45
4.score=4.5
4.online=true
4.tags=aces; basics
5 CRLF
CELLS
check "CSV round trip: read back, every value as in the records" cmp "$TMP/cells" "$TMP/want"

# ---- records that do not load are left out, and said so ----
printf 'title: One\ntitle: Two\n' >records/talks/broken.yaml
ids
expect "the others are listed, status 1" 1 "attachment draft ebsa intro"
expect_stderr "  the findings on stderr" 1 "records/talks/broken.yaml:2:1: error:"
expect_stderr "  and what happened" 1 "tip: 1 record could not be read and is left out"

# ---- ~ folds case and accents beyond ASCII ----
rm records/talks/broken.yaml
printf 'title: Café Society\nnotes: Straße, ÉCOLE\n' >records/talks/cafe.yaml
ids --where title~cafe
expect "F~T: an accent does not count" 0 "cafe"
ids --where title~CAFÉ
expect "F~T: nor the case of an accented letter" 0 "cafe"
ids --where notes~strasse
expect "F~T: ß is ss" 0 "cafe"
ids --where level=SKILLED
expect "F=V: a choice in any case, as tip set takes it" 0 "attachment"
ids --where notes~école
expect "F~T: the text's accented capitals" 0 "cafe"

done_testing
