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
check "it says where the site went" grep -q "^wrote 46 pages to site/ from commit [0-9a-f]*$" "$TMP/out"

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

# broken_links DIR: each link of each page of the site at DIR that names no file there, or
# a fragment that is no id of its page ("page -> href"), one a line. Links to other sites
# (http, https) are left aside.
broken_links() {
	(cd "$1" && find . -type f | sed 's|^\./||' | LC_ALL=C sort | awk '
		{ exists[$0] = 1; files[++count] = $0 }
		function read_page(f, line) {
			while ((getline line <f) > 0) {
				while (match(line, /(id|href)="[^"]*"/)) {
					if (substr(line, RSTART, 1) == "i") {
						ids[f "#" substr(line, RSTART + 4, RLENGTH - 5)] = 1
					} else {
						page[++n] = f
						href[n] = substr(line, RSTART + 6, RLENGTH - 7)
					}
					line = substr(line, RSTART + RLENGTH)
				}
			}
			close(f)
		}
		function resolve(dir, rel, parts, out, k, i, path) {
			split(dir "/" rel, parts, "/")
			k = 0
			for (i = 1; i in parts; i++) {
				if (parts[i] == "" || parts[i] == ".") continue
				if (parts[i] == "..") { k--; continue }
				out[++k] = parts[i]
			}
			path = ""
			for (i = 1; i <= k; i++) path = path (i > 1 ? "/" : "") out[i]
			return k < 0 ? "(outside)" : path
		}
		END {
			for (i = 1; i <= count; i++)
				if (files[i] ~ /\.html$/) read_page(files[i])
			for (i = 1; i <= n; i++) {
				if (href[i] ~ /^https?:/) continue
				file = href[i]; frag = ""
				if (index(file, "#")) {
					frag = substr(file, index(file, "#") + 1)
					file = substr(file, 1, index(file, "#") - 1)
				}
				dir = page[i]; sub(/\/?[^\/]*$/, "", dir)
				target = file == "" ? page[i] : resolve(dir, file)
				if (!(target in exists) || (frag != "" && !((target "#" frag) in ids)))
					print page[i] " -> " href[i]
			}
		}')
}

# not_one_h1 DIR: the pages of the site at DIR without exactly one <h1>.
not_one_h1() {
	find "$1" -name '*.html' -exec grep -c '<h1' {} + | grep -v ':1$'
}

broken=$(broken_links site)
check "every link resolves${broken:+: broken $broken}" test -z "$broken"
cp -r site "$TMP/planted-site"
printf '<a href="../courses/nothing.html">x</a><a href="../matrix.html#nowhere">y</a>\n' \
	>>"$TMP/planted-site/glossary/ebsa.html"
check "the link checker finds planted broken links" test "$(broken_links "$TMP/planted-site")" = \
"glossary/ebsa.html -> ../courses/nothing.html
glossary/ebsa.html -> ../matrix.html#nowhere"

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

check "the home page's title is Home, then the site's name" \
	grep -q '<title>Home – Trauma Informed Practice programme</title>' site/index.html
check "the current section is marked in the navigation" \
	grep -q 'href="../courses/index.html" aria-current="page">Courses' site/courses/index.html
check "no personal value anywhere in the site" \
	sh -c "! grep -r -e '$PERSONAL_NAME' -e '$PERSONAL_EMAIL' -e '$PERSONAL_PHONE' -e Quenby site"
check "the champions are counted by the schema's fields that are not personal" \
	grep -q '<caption>Champions by Service area</caption>' site/champions.html
check "plain names instead of codes" grep -q 'Level not yet assessed' site/courses/index.html
check "values by the schema's display names" sh -c \
	"grep -q '<h2 id=\"audience-parents-carers\">Parents and carers</h2>' site/courses/by-audience.html &&
	 ! grep -q '>Parents carers<' site/courses/by-audience.html"
check "the catalogue's sections in level order" sh -c \
	"grep -o 'id=\"level-[a-z]*\"' site/courses/index.html | tr '\n' ' ' | grep -q 'informed.*skilled.*enhanced.*specialist.*none'"
check "an empty cell of the matrix says so in words" grep -q '>No course</td>' site/matrix.html
check "a table's caption names a status by its display name" \
	grep -q '<caption>Actions with status: In progress</caption>' site/strategy.html
check "RAG in words" grep -Eq 'class="tag rag-[a-z]*">(Red|Amber|Green)' site/strategy.html
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

# Two builds of one commit on different days are the same, byte for byte: the footer gives
# the day of the commit, not the day of the build.
GIT_COMMITTER_DATE=2026-06-01T12:00:00Z git commit -q --allow-empty -m "a known day"
tip site --output "$TMP/day1"
TIP_TODAY=2026-06-16 $TIP_WRAPPER "$TIP" site --output "$TMP/day2" >"$TMP/out" 2>"$TMP/err"
status=$?
expect "tip site on another day" 0
check "two builds of one commit on different days are the same" diff -r "$TMP/day1" "$TMP/day2"
check "the footer gives the day of the records' commit" grep -q \
	"records as of 2026-06-01 (commit <code>$(git rev-parse --short=12 HEAD)</code>)" "$TMP/day2/index.html"

tip site --base-url https://example.org/tip/
expect "tip site --base-url" 0
check "--base-url: a sitemap of every page, canonical links" sh -c \
	"test \$(grep -c '<loc>' site/sitemap.xml) -eq \$(find site -name '*.html' | wc -l) &&
	 grep -q '<link rel=\"canonical\" href=\"https://example.org/tip/matrix.html\">' site/matrix.html"
cp site/index.html "$TMP/index.before"
tip site --base-url "not a url"
expect_stderr "a base URL that is no address is refused" 2 "'not a url' is not the address of a site"
check "and the old site is left in place" cmp -s site/index.html "$TMP/index.before"

# The site can be read by others as any folder made with the user's umask can.
(umask 022 && tip site)
check "the site's folder and pages are readable by others (umask 022)" sh -c \
	"test \"\$(stat -c %a site) \$(stat -c %a site/courses) \$(stat -c %a site/index.html)\" = '755 755 644'"

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

# A circle of broader concepts in the glossary: refused as tip validate refuses it.
printf 'broader:\n  - cla\n' >>records/definitions/cpd.yaml
printf 'broader:\n  - cpd\n' >>records/definitions/cla.yaml
git add -A && git commit -qm "a circle"
tip validate
head -n 1 "$TMP/out" | sed 's/: error: /: /; s/ \[broader-cycle\]$//' >"$TMP/circle"
check "tip validate finds the circle" grep -q "broader concepts go round in a circle: cla → cpd → cla" "$TMP/circle"
tip site
expect_stderr "a circle of broader concepts is refused, as tip validate says it" 2 "tip: $(cat "$TMP/circle")"
check "the old site is left in place once more" cmp -s site/index.html "$TMP/index.before"
git reset -q --hard HEAD~1

# A control character in a record's text: refused as tip validate refuses it.
sed 's/^title: .*/title: "Wave \\e]0;owned\\a"/' records/courses/wave-trust-training.yaml >"$TMP/wave"
cp "$TMP/wave" records/courses/wave-trust-training.yaml
git add -A && git commit -qm "a control character"
tip site
expect_stderr "a control character in a record is refused, as tip validate says it" 2 \
	"records/courses/wave-trust-training.yaml"
check "  naming the character" grep -q "U+001B" "$TMP/err"
check "the old site is left in place once again" cmp -s site/index.html "$TMP/index.before"
git reset -q --hard HEAD~1

# A record whose file name is not a valid id.
cp records/courses/wave-trust-training.yaml records/courses/Wave_Trust.yaml
git add -A && git commit -qm "bad id"
tip site
expect_stderr "a record whose file name is no id is refused, named" 2 "records/courses/Wave_Trust.yaml"
check "the old site is left in place again" cmp -s site/index.html "$TMP/index.before"
git rm -q records/courses/Wave_Trust.yaml && git commit -qm "good ids"

# The authority's name from tip.yaml begins the programme's: tip.yaml as committed, at the
# commit the site is built from.
printf 'name: Southampton\n' >tip.yaml
git add tip.yaml && git commit -qm "the authority's name"
tip site
check "the site's name comes from tip.yaml" \
	grep -q '<title>Courses by level – Southampton Trauma Informed Practice programme</title>' site/courses/index.html
printf 'name: Portsmouth\n' >tip.yaml
git commit -qam "another name"
printf 'name: Not committed\n' >tip.yaml
tip site --rev HEAD~1
expect "tip site --rev with a name changed since" 0
check "--rev: the site's name comes from that commit's tip.yaml" \
	grep -q '<title>Courses by level – Southampton Trauma Informed Practice programme</title>' site/courses/index.html
tip site
check "without it, from HEAD's tip.yaml, never the working tree's" \
	grep -q '<title>Courses by level – Portsmouth Trauma Informed Practice programme</title>' site/courses/index.html
printf 'name: [Southampton\n' >tip.yaml
git commit -qam "a tip.yaml that does not load"
git checkout -q HEAD~1 -- tip.yaml
tip site
expect_stderr "a committed tip.yaml that does not load is named, with the commit" 2 \
	"tip: tip.yaml at commit $(git rev-parse --short=12 HEAD): tip.yaml:2:1: did not find expected"
git rm -qf tip.yaml && git commit -qm "no name"

tip site --output site/
check "a folder given with its slash is named with one" grep -q " to site/ from" "$TMP/out"

tip site extra
expect_stderr "an argument is a usage error" 2 "usage: tip site"

# A generated programme of 300 records: a page for each course and term, every link
# resolving, one h1 a page, and none of the champions' names.
cd "$TMP"
sh "$SOURCE_ROOT/tests/bench/gen" 300 "$TMP/generated" >/dev/null 2>&1
cd "$TMP/generated"
tip site
expect "tip site on a generated programme" 0
expected=$(($(ls records/courses records/definitions | grep -c 'yaml$') + 8))
check "a page for each course and term there" \
	test "$(find site -name '*.html' | wc -l)" -eq "$expected"
broken=$(broken_links site)
check "every link resolves there${broken:+: broken $broken}" test -z "$broken"
check "one h1 a page there" test -z "$(not_one_h1 site)"
sed -n 's/^name: //p' records/champions/*.yaml | sort -u >"$TMP/names"
check "the champions' names are there to look for" test -s "$TMP/names"
check "and none is in the site" sh -c "! grep -r -F -f '$TMP/names' site"

new_repo empty
tip site
expect_stderr "a repository without a commit: said in words" 2 "the repository has no commit yet"
check "and no site is written" test ! -e site

done_testing
