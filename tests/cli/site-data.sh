# tip site's parts for machines: the downloads (what tip export writes, no champion's record,
# champions as counts), the glossary as Turtle a parser reads, JSON-LD in every course and term
# page and the glossary's index (parsed back, nothing in it that closes the script), and
# sitemap.xml in the sitemap's XML shape with only absolute addresses of pages that exist; with
# no base URL no sitemap and no @id. Personal values planted in a champion and a course reach
# none of it.
. tests/cli/lib.sh

BASE=https://city.example/tip/
PERSONAL_NAME='Zebedee Plantname'
PERSONAL_CONTACT='Yolanda Plantcontact'

new_repo programme
cp "$SOURCE_ROOT"/schemas/*.schema.yaml schemas/
cp -r "$SOURCE_ROOT/records/." records/
# a personal field in the course schema too, and text that would close a script element
awk '{ print } /^properties:/ {
	print "  contact_name:\n    title: Contact\n    type: string\n    x-tip-personal: true" }' \
	schemas/course.schema.yaml >schemas/course.tmp && mv schemas/course.tmp schemas/course.schema.yaml
cat >>records/courses/wave-trust-training.yaml <<YAML
contact_name: $PERSONAL_CONTACT
YAML
sed -i 's|^title: .*|title: "Training </script><script>alert(1)</script> <!-- day"|' \
	records/courses/ebsa-consultation.yaml
cat >records/champions/planted.yaml <<YAML
organisation: Example Secondary School
name: $PERSONAL_NAME
sector: health
service_area: adults
status: paused
review_by: '2027-03-31'
YAML
git add -A && git commit -q -m "the programme"

tip validate -q
expect "the records are valid" 0 ""
tip site --output "$TMP/site" --base-url "$BASE"
expect "tip site writes the site" 0
dl=$TMP/site/downloads

# ---- the downloads ----

check "the downloads are the records as CSV and JSON, the glossary as Turtle, champions as counts" \
	test "$(cd "$dl" && ls | tr '\n' ' ')" = \
	"actions.csv actions.json champions-counts.json courses.csv courses.json definitions.csv definitions.json glossary.ttl "
same_as_export() { # FILE ARGS...: FILE holds what tip export ARGS prints
	file=$1
	shift
	tip export "$@"
	if [ "$status" -eq 0 ] && cmp -s "$TMP/out" "$dl/$file"; then
		ok "downloads/$file is tip export $*"
	else
		not_ok "downloads/$file is tip export $*" "$(diff "$TMP/out" "$dl/$file" | head -n 5)"
	fi
}
same_as_export courses.json course --format json
same_as_export courses.csv course --format csv
same_as_export definitions.json definition --format json
same_as_export definitions.csv definition --format csv
same_as_export actions.json action --format json
same_as_export actions.csv action --format csv
same_as_export glossary.ttl definition --format skos
check "the JSON downloads parse" sh -c "for f in '$dl'/*.json; do python3 -m json.tool \"\$f\" >/dev/null || exit 1; done"
check "champions-counts.json holds how many champions, by status and by sector" python3 -c "
import json, sys
c = json.load(open('$dl/champions-counts.json'))
sys.exit(not (c['champions'] == 5 and c['status']['paused'] >= 1 and sum(c['sector'].values()) == 5
	and set(c) == {'format', 'champions', 'status', 'sector'}))"
if command -v rapper >/dev/null 2>&1; then
	check "rapper reads glossary.ttl as Turtle" rapper -q -i turtle -c "$dl/glossary.ttl"
else
	ok "rapper reads glossary.ttl as Turtle # SKIP rapper is not installed (apt-get install raptor2-utils)"
fi

# ---- JSON-LD ----

# Every page's JSON-LD script, parsed: one line "PAGE TYPE @id" each.
cat >"$TMP/jsonld.py" <<'PY'
import json, re, sys, pathlib
root = pathlib.Path(sys.argv[1])
for page in sorted(root.rglob("*.html")):
    text = page.read_text()
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
        if "<!--" in block:
            sys.exit(f"{page}: <!-- in JSON-LD")
        node = json.loads(block)
        print(page.relative_to(root), node["@type"], node.get("@id", "-"))
PY
python3 "$TMP/jsonld.py" "$TMP/site" >"$TMP/jsonld" 2>"$TMP/jsonld.err"
status=$?
check "every JSON-LD script parses as JSON" test "$status" -eq 0
check "each course page has a Course at its own address" test \
	"$(grep -c '^courses/[a-z0-9-]*\.html Course https://city\.example/tip/courses/' "$TMP/jsonld")" = \
	"$(ls records/courses | wc -l)"
check "each term page has a DefinedTerm at its own address" test \
	"$(grep -c '^glossary/[a-z0-9-]*\.html DefinedTerm https://city\.example/tip/glossary/' "$TMP/jsonld")" = \
	"$(ls records/definitions | wc -l)"
check "the glossary's index has the DefinedTermSet" grep -q '^glossary/index\.html DefinedTermSet ' "$TMP/jsonld"
check "the title that holds </script> reads back whole from the course's JSON-LD" python3 -c "
import json, re
text = open('$TMP/site/courses/ebsa-consultation.html').read()
block = re.search(r'<script type=\"application/ld\+json\">(.*?)</script>', text, re.S).group(1)
assert json.loads(block)['name'] == 'Training </script><script>alert(1)</script> <!-- day'"

# ---- the sitemap ----

check "sitemap.xml has the sitemap's XML shape" \
	xmllint --noout --schema "$SOURCE_ROOT/tests/cli/fixtures/sitemap.xsd" "$TMP/site/sitemap.xml"
sed -n 's|.*<loc>\(.*\)</loc>.*|\1|p' "$TMP/site/sitemap.xml" >"$TMP/locs"
check "the sitemap lists every course and term page" test "$(grep -c '/courses/[a-z0-9-]*\.html$' "$TMP/locs")" -ge \
	"$(ls records/courses | wc -l)" -a "$(grep -c '/glossary/[a-z0-9-]*\.html$' "$TMP/locs")" -gt \
	"$(ls records/definitions | wc -l)"
missing=
while IFS= read -r loc; do
	case $loc in "$BASE"*) [ -f "$TMP/site/${loc#"$BASE"}" ] || missing="$missing $loc" ;;
	*) missing="$missing $loc" ;; esac
done <"$TMP/locs"
check "every address in the sitemap is absolute, under the base URL, and a page that exists" test -z "$missing"

# ---- no personal value, no champion's record ----

check "no personal value anywhere in the site" sh -c "! grep -rlF -e '$PERSONAL_NAME' -e '$PERSONAL_CONTACT' -e Plantname '$TMP/site'"
check "no champion's id in the downloads, the JSON-LD or the sitemap" sh -c \
	"! grep -rl -e planted -e example-champion '$dl' '$TMP/site/sitemap.xml' && ! grep -q planted '$TMP/jsonld'"

# ---- no base URL ----

tip site --output "$TMP/plain"
expect "tip site without --base-url writes the site" 0
check "without a base URL there is no sitemap" test ! -e "$TMP/plain/sitemap.xml"
python3 "$TMP/jsonld.py" "$TMP/plain" >"$TMP/jsonld-plain"
check "without a base URL no JSON-LD has an @id" sh -c "test -s '$TMP/jsonld-plain' && ! grep -v ' -\$' '$TMP/jsonld-plain'"

done_testing
