# tip site: the public website written from the committed records: a page for every course
# and term, links that resolve, one h1 a page, no personal value anywhere, --rev, and the old
# site left in place when a new one cannot be written.
. tests/cli/lib.sh

export TIP_TODAY=2026-06-15
PERSONAL_NAME='Philippa Quenby'
PERSONAL_EMAIL='p.quenby@example.org'
PERSONAL_PHONE='07700 900461'

# The shipped schemas and records, with two more personal fields in the champion schema and
# personal values planted in a champion; a superseded term; a course with sessions on both
# sides of today.
new_repo programme
cp "$SOURCE_ROOT"/schemas/*.schema.yaml schemas/
cp -r "$SOURCE_ROOT/records/." records/
awk '{ print } /^properties:/ {
	print "  contact_email:\n    title: Email\n    type: string\n    x-tip-personal: true"
	print "  contact_phone:\n    title: Phone\n    type: string\n    x-tip-personal: true" }' \
	schemas/champion.schema.yaml >schemas/champion.tmp && mv schemas/champion.tmp schemas/champion.schema.yaml
cat >records/champions/planted.yaml <<YAML
organisation: Example Secondary School
name: $PERSONAL_NAME
contact_email: $PERSONAL_EMAIL
contact_phone: $PERSONAL_PHONE
sector: health
service_area: adults
status: paused
review_by: '2027-03-31'
YAML
cat >records/definitions/school-refusal-term.yaml <<'YAML'
term: School refusal
definition: An older name for emotionally based school absence.
status: superseded
related:
  - ebsa
YAML
cat >>records/courses/wave-trust-training.yaml <<'YAML'
sessions:
  - date: '2026-09-01'
    attendees: 0
  - date: '2026-01-10'
    attendees: 17
  - date: '2026-03-20'
    attendees: 23
    sector: health
YAML
git add -A && git commit -qm "programme"
tip validate
expect "the planted records are valid" 0

tip site
expect "tip site writes the site" 0
check "it says where the site went" grep -q "site/" "$TMP/out"

missing=""
for f in records/courses/*.yaml; do
	id=$(basename "$f" .yaml)
	[ -f "site/courses/$id.html" ] || missing="$missing courses/$id"
done
for f in records/definitions/*.yaml; do
	id=$(basename "$f" .yaml)
	[ -f "site/glossary/$id.html" ] || missing="$missing glossary/$id"
done
for p in index courses/index courses/by-audience glossary/index matrix strategy champions \
	downloads; do
	[ -f "site/$p.html" ] || missing="$missing $p"
done
check "a page for every course, every term and every section${missing:+: missing$missing}" \
	test -z "$missing"
check "one stylesheet, and the mark of a site tip wrote" test -f site/site.css -a -f site/.tip-site

# Every href of every page: a page or file that exists, and a fragment that is an id there.
broken=""
for page in $(cd site && find . -name '*.html' | sort); do
	dir=$(dirname "$page")
	for href in $(grep -o 'href="[^"]*"' "site/$page" | sed 's/^href="//; s/"$//'); do
		case $href in https://* | http://*) continue ;; esac
		file=${href%%#*}
		frag=""
		case $href in *'#'*) frag=${href#*#} ;; esac
		target=site/$dir/$file
		[ -n "$file" ] || target=site/$page
		if [ ! -f "$target" ]; then
			broken="$broken $page->$href"
		elif [ -n "$frag" ] && ! grep -q "id=\"$frag\"" "$target"; then
			broken="$broken $page->$href"
		fi
	done
done
check "every link resolves${broken:+: broken$broken}" test -z "$broken"

bad=""
for page in $(find site -name '*.html' | sort); do
	[ "$(grep -c '<h1' "$page")" -eq 1 ] || bad="$bad $page(h1)"
	grep -q '<html lang="en-GB">' "$page" || bad="$bad $page(lang)"
	grep -q '<main id="main"' "$page" || bad="$bad $page(main)"
	grep -q '<title>.* – Trauma Informed Practice programme</title>' "$page" || bad="$bad $page(title)"
	# The skip link is the first link of the page.
	[ "$(grep -o '<a [^>]*>' "$page" | head -n 1)" = '<a class="skip-link" href="#main">' ] ||
		bad="$bad $page(skip)"
	grep -q '<nav class="site-nav" aria-label="Main">' "$page" || bad="$bad $page(nav)"
	grep -q '<footer' "$page" || bad="$bad $page(footer)"
	# Every table has a caption and its header cells a scope.
	[ "$(grep -c '<table>' "$page")" -eq "$(grep -c '<caption>' "$page")" ] || bad="$bad $page(caption)"
	grep -q '<th>' "$page" && bad="$bad $page(scope)"
done
check "each page: one h1, lang, main, title, skip link first, nav, footer, captions${bad:+:$bad}" \
	test -z "$bad"

check "the current section is marked in the navigation" \
	grep -q 'href="../courses/index.html" aria-current="page">Courses' site/courses/index.html
check "no personal value anywhere in the site" \
	sh -c "! grep -r -e '$PERSONAL_NAME' -e '$PERSONAL_EMAIL' -e '$PERSONAL_PHONE' -e Quenby site"
check "the champions are counted by the schema's fields that are not personal" \
	grep -q '<caption>Champions by Service area</caption>' site/champions.html
check "plain names instead of codes" grep -q 'Level not yet assessed' site/courses/index.html
check "the catalogue's sections in level order" sh -c \
	"grep -o 'id=\"level-[a-z]*\"' site/courses/index.html | tr '\n' ' ' | grep -q 'informed.*skilled.*enhanced.*specialist.*none'"
check "an empty cell of the matrix says so in words" grep -q '>No course</td>' site/matrix.html
check "RAG in words" grep -q 'class="tag rag-[a-z]*">[A-Z][a-z]*</span>' site/strategy.html
check "a superseded term says so in words and names its replacement" sh -c \
	"grep -q 'This term is superseded' site/glossary/school-refusal-term.html &&
	 grep -q 'Use instead: <a href=\"../glossary/ebsa.html\"' site/glossary/school-refusal-term.html"
check "the glossary marks a superseded term in its list" \
	grep -q 'school-refusal-term.html">School refusal</a> (superseded)' site/glossary/index.html
check "upcoming and recent sessions, recent newest first" sh -c \
	"grep -q '<caption>Upcoming sessions</caption>' site/courses/wave-trust-training.html &&
	 grep -o 'datetime=\"2026-0[13]-[0-9]*\"' site/courses/wave-trust-training.html | head -n 1 | grep -q 03-20"
check "a course names the courses it leads to" \
	grep -q '<h2>What it leads to</h2>' site/courses/education-attachment-trauma-informed.html

check "the downloads are listed" sh -c \
	"test -f site/downloads/courses.csv && grep -q 'href=\"downloads/courses.csv\"' site/downloads.html"
check "a course page carries its JSON-LD" \
	grep -q '<script type="application/ld+json">' site/courses/wave-trust-training.html
check "no sitemap without a base URL" test ! -e site/sitemap.xml

if command -v xmllint >/dev/null 2>&1; then
	errors=""
	for page in $(find site -name '*.html' | sort); do
		# Its HTML parser predates HTML5's elements: those it does not know are left aside.
		xmllint --html --noout "$page" 2>&1 |
			grep 'parser error' | grep -v -E 'Tag (header|nav|main|footer|section|time) invalid' \
			>"$TMP/xmllint"
		[ -s "$TMP/xmllint" ] && errors="$errors $page"
	done
	check "xmllint --html parses every page${errors:+:$errors}" test -z "$errors"
fi

# --rev: the records of another commit; the working tree's changes are not the site's.
tip set course wave-trust-training title="WAVE Trust training, renewed"
tip site
check "the site is written from HEAD" grep -q 'WAVE Trust training, renewed' site/courses/wave-trust-training.html
tip site --rev HEAD~1
expect "tip site --rev HEAD~1" 0
check "--rev writes the records of that commit" sh -c \
	"! grep -q 'renewed' site/courses/wave-trust-training.html"
echo "title: Not committed" >>records/courses/wave-trust-training.yaml
tip site --rev nosuchrev
expect_stderr "an unknown --rev is an error" 2 "nosuchrev"
git checkout -q records

tip site --base-url https://example.org/tip/
expect "tip site --base-url" 0
check "--base-url: a sitemap of every page, canonical links" sh -c \
	"test \$(grep -c '<loc>' site/sitemap.xml) -eq \$(find site -name '*.html' | wc -l) &&
	 grep -q '<link rel=\"canonical\" href=\"https://example.org/tip/matrix.html\">' site/matrix.html"
cp site/index.html "$TMP/index.before"
tip site --base-url "not a url"
expect_stderr "a base URL that is no address is refused" 2 "'not a url' is not the address of a site"
check "and the old site is left in place" cmp -s site/index.html "$TMP/index.before"

# A folder that tip did not write is not replaced.
mkdir mine && echo "keep me" >mine/notes.txt
tip site --output mine
expect_stderr "a folder tip did not write is refused" 2 "'mine' is not a site that tip wrote"
check "and left as it was" sh -c 'test "$(ls mine)" = notes.txt && grep -q "keep me" mine/notes.txt'
echo text >afile
tip site --output afile
expect_stderr "a file is refused as the output" 2 "'afile' is not a folder"

# An invalid record: a clear error, and the old site in place.
cp site/index.html "$TMP/index.before"
printf 'title: Broken\nprovider: X\n' >records/courses/broken.yaml
git add -A && git commit -qm broken
tip site
expect_stderr "an invalid record is refused, named" 2 "records/courses/broken.yaml"
check "the old site is left in place" cmp -s site/index.html "$TMP/index.before"
check "nothing is left beside it" sh -c '! ls -a | grep -q "^site\."'
git rm -q records/courses/broken.yaml && git commit -qm "not broken"

# The programme's name from tip.yaml.
printf 'name: Southampton TIP programme\n' >tip.yaml
tip site
check "the site's name comes from tip.yaml" \
	grep -q '<title>Courses by level – Southampton TIP programme</title>' site/courses/index.html
rm tip.yaml

tip site extra
expect_stderr "an argument is a usage error" 2 "usage: tip site"

done_testing
