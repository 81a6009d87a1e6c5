# tip search: every text field of every type, case and accents aside, ranked, personal fields
# left out unless asked for.
. tests/cli/lib.sh
. tests/cli/fixtures/talks.sh

talks_repo search
cat >schemas/venue.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Venue
type: object
additionalProperties: false
required: [title]
properties:
  title: {type: string}
  contact: {type: string, x-tip-personal: true}
  rooms:
    type: array
    items:
      type: object
      properties:
        name: {type: string}
YAML
mkdir -p records/venues
cat >records/venues/civic-centre.yaml <<'YAML'
title: Civic Centre
contact: Ann Example
rooms:
  - name: Main hall
  - name: Up the stairs from the main entrance, the Café Room, next to the trauma informed library on the first floor of the building, past the lifts
YAML
cat >records/talks/cafe.yaml <<'YAML'
title: Café conversations about trauma
notes: Informal sessions at the STRAßE café.
YAML
git add . && git commit -q -m "more"

tip search CAFÉ
expect "case and accents aside, across types, best first, each with where it matched" 0 \
"talk cafe: Café conversations about trauma
  title: Café conversations about trauma
venue civic-centre: Civic Centre
  rooms 2 name: …the stairs from the main entrance, the Café Room, next to the trauma informed library on the first…"
tip search strasse
expect "ß is ss" 0 "talk cafe: Café conversations about trauma
  notes: Informal sessions at the STRAßE café."
tip search trauma
expect "a word in the title ranks above one elsewhere" 0 "talk cafe: Café conversations about trauma
  title: Café conversations about trauma
talk intro: Introduction to trauma
  title: Introduction to trauma
venue civic-centre: Civic Centre
  rooms 2 name: …entrance, the Café Room, next to the trauma informed library on the first floor of the building, past…"
tip search trauma informed
expect "every word must be there, in any field; together they rank first" 0 "venue civic-centre: Civic Centre
  rooms 2 name: …entrance, the Café Room, next to the trauma informed library on the first floor of the building, past the lifts
talk intro: Introduction to trauma
  title: Introduction to trauma"
tip search cafe --type talk
expect "--type: one type only" 0 "talk cafe: Café conversations about trauma
  title: Café conversations about trauma"

tip search Ann
expect_stderr "a personal field is not searched" 0 "tip: no records match"
check "  nothing on stdout" test ! -s "$TMP/out"
tip search ann --include-personal
expect "  unless asked for" 0 "talk intro: Introduction to trauma
  speaker: Ann Example
venue civic-centre: Civic Centre
  contact: Ann Example"
tip search Example --format json
expect "--format json, no records: empty results, no message" 0 '{
  "format": 1,
  "query": "Example",
  "results": []
}'
tip search cafe --type talk --format json
expect "--format json: a format version and each result" 0 '{
  "format": 1,
  "query": "cafe",
  "results": [
    {
      "type": "talk",
      "id": "cafe",
      "title": "Café conversations about trauma",
      "field": "title",
      "pointer": "/title",
      "excerpt": "Café conversations about trauma",
      "score": 11
    }
  ]
}'

tip search
expect_stderr "no text" 2 "tip search needs the TEXT to search for"
tip search "  "
expect_stderr "only spaces" 2 "tip: give some text to search for"
tip search cafe --type lecture
expect_stderr "an unknown type" 2 "tip: there is no record type 'lecture'"
printf 'title: One\ntitle: Two\n' >records/talks/broken.yaml
tip search cafe --type talk
expect_stderr "a record that does not load: said, status 1, the others searched" 1 \
	"records/talks/broken.yaml:2:1: error:"
check "  the others" grep -q "^talk cafe:" "$TMP/out"

done_testing
