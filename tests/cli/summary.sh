# tip summary: a known quarter in every format against the expected output, quarter
# boundaries (calendar and financial, leap years, a quarter without commits, a repository
# younger than the quarter), the HTML page parsed, personal data kept out.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh
. tests/cli/fixtures/summary-history.sh

expected=$SOURCE_ROOT/tests/cli/summary
summary_history summary
export TIP_TODAY=2027-02-01

# same_as DESCRIPTION FILE: the last tip succeeded and printed FILE (commit ids named).
same_as() {
	named_commits "$TMP/out" >"$TMP/named"
	if [ "$status" -ne 0 ]; then
		not_ok "$1" "expected status 0"
	elif ! diff -u "$2" "$TMP/named" >"$TMP/diff"; then
		not_ok "$1" "differs from $2:" "$(cat "$TMP/diff")"
	else
		ok "$1"
	fi
}

# json_has DESCRIPTION LINE...: each LINE (trimmed) is a line of the last JSON output.
json_has() {
	d=$1
	shift
	for line in "$@"; do
		if ! named_commits "$TMP/out" | sed 's/^ *//' | grep -qxF -- "$line"; then
			not_ok "$d" "no line: $line"
			return
		fi
	done
	ok "$d"
}

# ---- a known quarter, every format ----

tip summary --quarter 2026-Q2
same_as "2026-Q2 as Markdown" "$expected/2026-Q2.md"
check "  Markdown names codes by their display names" grep -qxF -- \
	'| Keeping Children Safe in Education (2021) | 1 | 1 |' "$TMP/out"
check "  and keeps no code in its text" test -z "$(grep -n -E \
	'in-progress|not-assessed|social-care|kcsie-2021|cyp-mental' "$TMP/out")"
tip summary --quarter 2026-Q2 --format json
same_as "2026-Q2 as JSON" "$expected/2026-Q2.json"
check "  JSON keeps the codes, for scripts" grep -qF '"kcsie-2021": {' "$TMP/out"
tip summary --quarter 2026-Q2 --format html
same_as "2026-Q2 as HTML" "$expected/2026-Q2.html"
cp "$TMP/out" "$TMP/page.html"

# ---- the HTML page: parsed, self-contained, printable ----

if command -v xmllint >/dev/null 2>&1; then
	check "the page is well-formed (every element closed, parsed as XML)" \
		xmllint --noout "$TMP/page.html"
	# The HTML parser is libxml2's HTML 4 one: it knows no HTML5 or SVG elements, and says
	# so; anything else it reports is a fault.
	xmllint --html --noout "$TMP/page.html" 2>&1 |
		grep 'error' | grep -v -E 'Tag (header|main|footer|section|figure|svg|rect|text|title) invalid' \
		>"$TMP/html-errors"
	check "the HTML parser finds nothing but HTML5 and SVG elements it does not know" \
		test ! -s "$TMP/html-errors"
else
	ok "# SKIP xmllint not found (Debian: libxml2-utils): the page is not parsed"
	ok "# SKIP xmllint not found"
fi
check "no external resource, no script" test -z "$(grep -i -E \
	'https?:|src=|href="[^#]|<script|<link|@import|url\(|<iframe|<object|<embed' "$TMP/page.html")"
check "inline CSS with print rules and inline SVG charts" test \
	"$(grep -c -e '<style>' -e '@media print' -e '<svg ' "$TMP/page.html")" -ge 3

# ---- the HTML page: accessible (WCAG 2.2 AA), checked on its structure ----

# page_has DESCRIPTION XPATH: the XPath expression is true of the page (it parses as XML).
page_has() {
	if [ "$(xmllint --xpath "boolean($2)" "$TMP/page.html" 2>&1)" = true ]; then
		ok "$1"
	else
		not_ok "$1" "false on the page: $2"
	fi
}

# css_has DESCRIPTION PATTERN: the page's style sheet matches the extended regex.
css_has() {
	check "$1" grep -q -E -- "$2" "$TMP/page.html"
}

if command -v xmllint >/dev/null 2>&1; then
	page_has "the page's language is British English" '/html[@lang="en-GB"]'
	page_has "a skip link first on the page, to the main landmark" \
		'/html/body/*[1][self::a][@href="#main"] and //main[@id="main"]'
	page_has "header, main and footer landmarks, the sections in main" \
		'count(/html/body/header)=1 and count(/html/body/main)=1 and
		 count(/html/body/footer)=1 and count(/html/body/main/section)=8'
	page_has "one h1, in the header" 'count(//h1)=1 and /html/body/header/h1'
	page_has "every section is labelled by its heading" \
		'count(//section[not(@aria-labelledby = h2/@id)])=0'
	levels=$(grep -o '<h[1-6]' "$TMP/page.html" | cut -c3 | tr '\n' ' ')
	check "headings in order: h1 first, no level skipped" sh -c 'prev=0
		for l in $1; do [ "$l" -le $((prev + 1)) ] || exit 1; prev=$l; done
		[ "${1%% *}" = 1 ]' - "$levels"

	page_has "every table has a caption" 'count(//table)>=15 and count(//table[not(caption)])=0'
	page_has "every header cell says whether it heads a column or a row" \
		'count(//th)>0 and count(//th[not(@scope="col" or @scope="row")])=0'
	page_has "  a count's label heads its row" \
		'//table[caption="Champions by status"]/tbody/tr[th[@scope="row"]="Active"][td="2"]'

	page_has "an empty cell of the matrix says No course, its dash hidden from screen readers" \
		'count(//td[contains(@class,"empty")])=28 and
		 count(//td[contains(@class,"empty")][span[@aria-hidden="true"] and
		   span[@class="visually-hidden"]="No course"])=28'
	page_has "  no middle dot anywhere in a cell" 'count(//td[contains(.,"·")])=0'

	page_has "the charts scale: each bar's width a share of the chart's, its label text" \
		'count(//figure[@class="chart"])=2 and count(//figure[@class="chart"]//svg)=11 and
		 count(//svg[not(contains(@width,"%")) or not(@viewBox)])=0 and
		 //figure[@class="chart"]//span[@class="bar-label"][.="Not assessed"]'
	css_has "  and fill the width of a narrow screen, up to a limit" \
		'figure\.chart\{[^}]*max-width:'
	css_has "  their text the page's, which grows with it (no size in px)" \
		'\.bar-label\{[^}]*font-size:[0-9.]+rem'
	page_has "each chart is hidden from screen readers; its table gives the figures" \
		'count(//figure[@class="chart"][@aria-hidden="true"])=2 and
		 count(//svg[@focusable="false"])=11 and
		 //table[caption="Actions by status"]/tbody/tr[th="In progress"][td="2"]'
	page_has "  Courses by level as text: 1 informed, 1 enhanced, 1 not assessed" \
		'count(//table[caption="Courses by level (not retired)"]/tbody/tr)=5 and
		 //table[caption="Courses by level (not retired)"]/tbody/tr[th="Enhanced"][td="1"] and
		 //table[caption="Courses by level (not retired)"]/tbody/tr[th="Not assessed"][td="1"]'

	page_has "every table is in a labelled region scrolled from the keyboard, if it is too wide" \
		'count(//div[@role="region"][@tabindex="0"]/table) = count(//table) and
		 count(//div[@role="region"][not(@aria-labelledby = table/caption/@id)])=0 and
		 //div[@role="region"]/table[starts-with(caption,"Learning-needs matrix")]'
	css_has "  the page itself never scrolls sideways: the region does" \
		'\.table-scroll\{[^}]*overflow-x:auto'
	css_has "every focus visible: a thick outline" ':focus-visible\{[^}]*outline:[^;]*[3-9]px'
	page_has "codes shown by their display names: statuses, levels, audiences, drivers" \
		'//li[.="action Grow the champion network: Planned → In progress"] and
		 //td[.="In progress"] and //thead/tr/th[.="Social care"] and
		 //tbody/tr/th[@scope="row"][.="Specialist"] and
		 //tr[th="Keeping Children Safe in Education (2021)"][td="1"]'
	check "  no code left on the page" test -z "$(grep -n -E \
		'in-progress|not-assessed|social-care|kcsie-2021|cyp-mental' "$TMP/page.html")"
	page_has "a record is named by its title, not its id" \
		'count(//main//code)=0 and //td[.="Grow the champion network"] and
		 //li[.="Enhanced practice package, Available"]'
	page_has "RAG ratings in words, not colour alone" \
		'//td/span[contains(@class,"rag")][.="Red (off track)"] and
		 //td/span[contains(@class,"rag")][.="Amber (at risk)"]'
else
	ok "# SKIP xmllint not found (Debian: libxml2-utils): the page's structure is not checked"
fi

# ---- the HTML page printed: headings kept with what follows, pages numbered ----

css_has "headings not left at the foot of a page" 'h2\{[^}]*break-after:avoid'
css_has "  nor the sentence that introduces a table or a chart" \
	'p:has\(\+ \.table-scroll\),p:has\(\+ figure\)\{[^}]*break-after:avoid'
css_has "a table's rows not split across pages" \
	'(^|[},])tr(,[a-z.]+)*\{[^}]*break-inside:avoid'
css_has "page numbers in the page's margin" \
	'@bottom-right\{[^}]*content:"Page " counter\(page\) " of " counter\(pages\)'
if command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$TMP/chromium" --no-pdf-header-footer \
		--print-to-pdf="$TMP/page.pdf" "file://$TMP/page.html" >/dev/null 2>&1
	pdftotext "$TMP/page.pdf" "$TMP/page.txt" 2>/dev/null
	pages=$(grep -o 'Page 1 of [0-9]*' "$TMP/page.txt" | head -1 | sed 's/.* of //')
	check "printed by Chromium, the first page says Page 1 of N" test -n "$pages"
	check "  and the last says Page N of N" grep -q "Page $pages of $pages" "$TMP/page.txt"
else
	echo "# chromium or pdftotext missing: the printed page's numbers are NOT checked" >&2
	ok "# SKIP chromium or pdftotext not found (Debian: chromium, poppler-utils)"
fi

# ---- personal data never appears ----

for format in md json html; do
	tip summary --quarter 2026-Q3 --format $format
	check "no champion's name, id or organisation ($format)" test -z "$(grep -i -e 'Secret' \
		-e 'champion-alpha' -e 'champion-beta' -e 'Alpha School' -e 'Beta Clinic' "$TMP/out")"
done

# ---- financial quarters: the same months, named for the year that starts in April ----

tip summary --fy 2026/27-Q1 --format json
json_has "--fy 2026/27-Q1 is April to June 2026" '"kind": "financial",' '"label": "2026/27-Q1",' \
	'"name": "FY 2026/27 Q1",' '"from": "2026-04-01",' '"to": "2026-06-30"' \
	'"label": "2026/27-Q2",' '"start_commit": "@C1@",' '"end_commit": "@C3@",'
tip summary --fy 2026/27-Q4 --format json
json_has "--fy 2026/27-Q4 is January to March 2027" '"name": "FY 2026/27 Q4",' \
	'"from": "2027-01-01",' '"to": "2027-03-31"' '"label": "2027/28-Q1",' \
	'"start_commit": "@C4@",' '"end_commit": "@C5@",' '"period_open": true,'
check "  not over yet: said so" grep -q "has not ended yet (today is 2027-02-01)" "$TMP/out"

# ---- boundaries: a commit at 23:59:59 on the last day is in; one at 00:00:00 the next day
# is not ----

tip summary --quarter 2026-Q3 --format json
json_has "Q3 starts after C3 (23:59:59 on 30 June) and ends with C4 (00:00:00 on 1 July)" \
	'"start_commit": "@C3@",' '"end_commit": "@C4@",' '"commits_in_period": true,'
tip summary --quarter 2026-Q3
check "  the course removed in the quarter is listed as such" \
	grep -qxF -- '- Pilot workshop (`pilot`), removed' "$TMP/out"
check "  the champion added is counted, not named" grep -qxF -- '| champions | 2 | 3 | 1 | 0 | 0 |' \
	"$TMP/out"
check "  two champions, one organisation between them (Alpha School twice)" \
	grep -qF '**3 champions** in 2 organisations' "$TMP/out"
tip summary --from 2026-06-30 --to 2026-06-30 --format json
json_has "a one-day period: the commit of its last second is its end" \
	'"label": "2026-06-30..2026-06-30",' '"start_commit": "@C2@",' '"end_commit": "@C3@",' \
	'"label": "2026-07-01..2026-07-01",'

# ---- a quarter without commits ----

tip summary --quarter 2026-Q4 --format json
json_has "Q4 2026 has no commit: start and end are the same commit" '"state": "full",' \
	'"start_commit": "@C4@",' '"end_commit": "@C4@",' '"commits_in_period": false,'
tip summary --quarter 2026-Q4
named_commits "$TMP/out" >"$TMP/named"
check "  said in words" grep -qF "No commit falls within the quarter: the records at its end are those of commit @C4@ (2026-07-01), unchanged since its start." "$TMP/named"
check "  nothing changed" grep -qxF -- "No record changed status." "$TMP/out"
check "  but dated items still count: the milestone due in Q3 is overdue at Q4's end" \
	grep -qxF -- '| Final levels | Define the level of each course (`levels`) | 2026-08-15 |' "$TMP/out"

# ---- a repository younger than the quarter ----

tip summary --quarter 2026-Q1 --format json
json_has "the first commit inside the quarter: changes are counted from it" '"state": "younger",' \
	'"start_commit": "@C1@",' '"end_commit": "@C1@",' '"changes_known": true,'
tip summary --quarter 2026-Q1
named_commits "$TMP/out" >"$TMP/named"
check "  said in words" grep -qF "The repository is younger than the quarter: its first commit, @C1@, is dated 2026-03-15, so changes are counted from that commit." "$TMP/named"
check "  the session of February counts, in the singular" grep -qF "**1 session, 10 attendees**" "$TMP/out"

tip summary --quarter 2025-Q4 --format json
json_has "every commit after the quarter: the records as committed now, no changes" \
	'"state": "after",' '"start_commit": null,' '"end_commit": "@C5@",' '"changes": null,' \
	'"status_changes": null' '"new": null,' '"added": null,' '"commits_in_period": null,'
tip summary --quarter 2025-Q4
named_commits "$TMP/out" >"$TMP/named"
check "  said in words" grep -qF "The repository is younger than the quarter: its first commit is dated 2026-03-15, after the quarter ended, so what changed during it is not known. The figures are the records as committed now (commit @C5@, 2027-01-15)" "$TMP/named"
check "  and the records' state is still reported" grep -qF "**3 actions:** 1 In progress, 2 Done." "$TMP/out"
check "  changes are said to be unknown" grep -qF "Not known: the repository has no history for the period" "$TMP/out"

# A shallow clone: its history stops at its oldest commit, which is not the first.
git clone -q --depth 2 "file://$TMP/summary" "$TMP/shallow"
cd "$TMP/shallow"
tip summary --quarter 2026-Q3 --format json
json_has "a shallow clone of two commits: Q3 is counted from its oldest, C4" \
	'"state": "younger",' '"start_commit": "@C4@",' '"end_commit": "@C4@",' '"shallow": true,'
tip summary --quarter 2026-Q3
named_commits "$TMP/out" >"$TMP/named"
check "  said in words" grep -qF "This clone's history is cut short (a shallow clone): its oldest commit, @C4@, is dated 2026-07-01, so changes are counted from that commit." "$TMP/named"
tip summary --quarter 2026-Q2
named_commits "$TMP/out" >"$TMP/named"
check "  Q2 is before it: the records as committed now" grep -qF "This clone's history is cut short (a shallow clone): its oldest commit is dated 2026-07-01, after the quarter ended, so what changed during it is not known. The figures are the records as committed now (commit @C5@, 2027-01-15)" "$TMP/named"

programme_repo fresh
record definitions trauma <<'YAML'
term: Trauma
definition: Harm.
status: draft
YAML
tip summary --quarter 2026-Q2
expect "no commit at all: the working tree" 0
check "  said in words" grep -qF "The repository has no commits yet, so what changed during the quarter is not known. The figures are the records in the working tree" "$TMP/out"
check "  the definition counted" grep -qxF "**1 definition:** 1 Draft." "$TMP/out"

printf 'title: [broken\n' >records/courses/broken.yaml
printf 'organisation: X\n  bad: indent\n' >records/champions/someone-private.yaml
record courses odd <<'YAML'
title: Tables | and <b>tags</b> & *stars*
provider: Somebody
provider_type: internal
level_status: not-assessed
audience:
  - education
status: available
YAML
tip summary --quarter 2026-Q2
check "records that do not load: listed, those of a personal type only counted" \
	test "$(sed -n '/^Records that do not load/,$p' "$TMP/out")" = "Records that do not load (run \`tip validate\`):

- 1 champion
- course \`broken\`"
check "  the champion's id is not shown" test -z "$(grep someone-private "$TMP/out")"
check "Markdown's special characters escaped" grep -qF -- \
	'- Tables \| and \<b\>tags\</b\> \& \*stars\* (`odd`), Available' "$TMP/out"
tip summary --quarter 2026-Q2 --format html
check "HTML's special characters escaped" grep -qF -- \
	'<li>Tables | and &lt;b&gt;tags&lt;/b&gt; &amp; *stars*, Available</li>' "$TMP/out"
if command -v xmllint >/dev/null 2>&1; then
	check "  still well-formed" xmllint --noout "$TMP/out"
else
	ok "# SKIP xmllint not found"
fi
cd "$TMP/summary"

# ---- leap years ----

tip summary --from 2024-02-29 --to 2024-02-29 --format json
json_has "29 February 2024 is a day" '"from": "2024-02-29",' '"to": "2024-02-29"' \
	'"label": "2024-03-01..2024-03-01",'
tip summary --from 2024-02-01 --to 2024-02-29 --format json
json_has "February 2024 has 29 days: what follows is as long" '"label": "2024-03-01..2024-03-29",'
tip summary --quarter 2024-Q1 --format json
json_has "Q1 2024 runs to 31 March" '"from": "2024-01-01",' '"to": "2024-03-31"'
tip summary --from 2026-02-01 --to 2026-02-29
expect_stderr "29 February 2026 is not" 2 \
	"tip: end of the period: '2026-02-29' is not a date: February 2026 has 28 days"

# ---- the default period: the last complete quarter of the kind tip.yaml says ----

tip summary --format json
json_has "no period: the last complete financial quarter before today" \
	'"label": "2026/27-Q3",' '"from": "2026-10-01",' '"to": "2026-12-31"' '"period_open": false,'
TIP_TODAY=2027-04-01 tip summary --format json
json_has "  on the first day of a financial year: the last quarter of the one before" \
	'"label": "2026/27-Q4",' '"from": "2027-01-01",' '"to": "2027-03-31"'
echo "quarters: calendar" >tip.yaml
tip summary --format json
json_has "quarters: calendar in tip.yaml" '"kind": "calendar",' '"label": "2026-Q4",'
echo "quarters: weekly" >tip.yaml
tip summary
expect_stderr "any other setting is refused" 2 \
	"tip: tip.yaml:1:11: quarters must be financial or calendar, not 'weekly'"
rm tip.yaml

# ---- usage ----

tip summary --quarter 2026-Q5
expect_stderr "a quarter that does not exist" 2 "tip: '2026-Q5' is not a calendar quarter: write it YYYY-Qn with n from 1 to 4, e.g. 2026-Q3 (July to September 2026)"
tip summary --fy 2026/28-Q2
expect_stderr "a financial year whose years do not follow" 2 \
	"tip: '2026/28-Q2' is not a financial quarter: the year that starts in April 2026 is 2026/27"
tip summary --fy 2026-Q2
expect_stderr "a calendar quarter given as financial" 2 "write it YYYY/YY-Qn"
tip summary --quarter 2026-Q2 --fy 2026/27-Q1
expect_stderr "two periods" 2 "tip: give one period: --quarter, --fy, or --from with --to"
tip summary --from 2026-01-01
expect_stderr "--from without --to" 2 "tip: --from and --to go together"
tip summary --from 2026-03-01 --to 2026-02-01
expect_stderr "a period that ends before it starts" 2 \
	"tip: the period's start, 2026-03-01, is after its end, 2026-02-01"
tip summary --format pdf
expect_stderr "an unknown format" 2 "tip: --format must be md, html or json, not 'pdf'"
TIP_TODAY=yesterday tip summary
expect_stderr "TIP_TODAY must be a date" 2 \
	"tip: TIP_TODAY: 'yesterday' is not a date: write it YYYY-MM-DD, e.g. 2026-09-30"

# A repository with one course, younger than the quarter: the records now, in the singular.
programme_repo one-course
available_course intro
commit_at 2026-12-01T10:00:00Z "one course"
tip summary --quarter 2026-Q2
check "the records now, one of them a course" grep -qF "Records now: 1 course." "$TMP/out"

done_testing
