# tip compare and tip summary --peers: this repository against the peers of tip.yaml, over the
# four fictional authorities of tests/peers/make-authorities (Southampton is this repository;
# the others are fetched by tip peers fetch with file:// URLs, and one over git:// at the end).
. tests/cli/lib.sh
. tests/cli/serve.lib

sh tests/peers/make-authorities "$TMP/hips" >/dev/null || echo "Bail out! make-authorities"
cd "$TMP/hips/southampton"
cat >>tip.yaml <<YAML
peers:
  - {name: hampshire, url: 'file://$TMP/hips/hampshire'}
  - {name: portsmouth, url: 'file://$TMP/hips/portsmouth'}
  - {name: isle-of-wight, url: 'file://$TMP/hips/isle-of-wight'}
YAML
git add tip.yaml && git commit -qm "peers"

# said TEXT: the text report says TEXT, its folded lines joined again.
said() {
	tr -s ' \n' '  ' <"$TMP/out" | grep -qF -- "$1"
}

# fetch NAME: tip peers fetch NAME, its output left aside.
fetch() {
	"$TIP" peers fetch "$1" >"$TMP/fetched" 2>&1 || cat "$TMP/fetched"
}

tip compare
expect_stderr "no peer fetched yet: nothing to compare with, status 2" 2 \
	"no peer has been fetched yet, so there is nothing to compare with: run tip peers fetch"

fetch portsmouth
tip compare
expect_stderr "a peer never fetched is said, with what to run" 0 \
	"peer 'hampshire' was never fetched: run tip peers fetch hampshire"
check "... and in the output" grep -q "hampshire: never fetched: run tip peers fetch hampshire" \
	"$TMP/out"
check "... and not shown as fetched where the records come from" grep -q \
	"^  hampshire  *never fetched  *no commit  *never$" "$TMP/out"
check "... nor counted as compared" said \
	"2 authorities compared (2 peers never fetched, so not compared). No cross-boundary"

fetch hampshire
fetch isle-of-wight

tip compare
expect "a term one authority prefers and another avoids: status 1" 1
check "... named, with both authorities" grep -q "hampshire: uses “School refusal” as its preferred term" "$TMP/out"
check "... and the reason of the one that avoids it" said \
	"Southampton: avoids “School refusal” in “Emotionally based school avoidance” (ebsa), saying “Emotionally based school avoidance” instead. Why: Example reason, it places the blame on the child."
check "text: no line of prose wider than 80 characters (tables aside)" python3 -c "
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
sys.exit(any(len(l) > 80 and '  align-with-hips  ' not in l and not l.startswith('  Authority ')
	for l in lines))" "$TMP/out"
check "... the cells no authority covers folded too" grep -q "^Cells no authority covers (no available course): .*,$" "$TMP/out"
check "this repository is named by tip.yaml's name" grep -q "^  Southampton  *this repository" "$TMP/out"
check "each peer's commit, its date and the day it was fetched are said" grep -q \
	"^  hampshire  *fetched peer  *$(git rev-parse --short=12 refs/tip/peers/hampshire) (2026-11-02)  *$(date -u +%Y-%m-%d)$" \
	"$TMP/out"
check "one concept under different preferred terms" grep -q "hampshire: “School refusal” (school-refusal)" "$TMP/out"
check "the same term, other definitions" said \
	"hampshire: “Adverse Childhood Experiences” (aces): Example definition C, worded differently."
check "a term only one authority has" grep -q "portsmouth: “Example term P” (example-term-p)" "$TMP/out"
check "a course at different levels, by the names the schemas give them" grep -q \
	"hampshire: “Example Course A” (course-a): Enhanced, level status Proposed" "$TMP/out"
check "a course agreed in one and not another" grep -A2 -q "^  - Example course B" "$TMP/out"
check "a matrix cell covered in one and empty in others" grep -A4 -q "^  - Skilled × Police" "$TMP/out"
check "the strategy's actions side by side" grep -q "^  isle-of-wight  *Example action I.*  Ongoing$" "$TMP/out"
check "older schemas: a field not compared" grep -q \
	"isle-of-wight: definition field avoid: its schema does not have it" "$TMP/out"

tip compare portsmouth
expect "no misunderstanding with one peer: status 0" 0
check "... and only that peer" sh -c "! grep -q hampshire '$TMP/out'"

tip compare nowhere
expect_stderr "a peer tip.yaml does not name: usage error" 2 \
	"no peer 'nowhere' in tip.yaml: the peers are hampshire, portsmouth, isle-of-wight"
check "... without the whole usage text" sh -c "! grep -q '^usage:' '$TMP/err'"

tip compare portsmouth portsmouth
expect "a peer named twice: compared once" 0
check "... two authorities, not three" grep -q "^2 authorities compared" "$TMP/out"
check "... its own terms still its own" grep -q "portsmouth: “Example term P” (example-term-p)" \
	"$TMP/out"

tip compare --format json
expect "JSON: status 1 too" 1
check "JSON parses" python3 -m json.tool "$TMP/out"
check "JSON: format 1 first" sh -c "sed -n 2p '$TMP/out' | grep -q '\"format\": 1,'"
check "JSON: counts" grep -q '"misunderstanding": 2,' "$TMP/out"

for f in text md html json; do
	tip compare --format $f
	check "no personal value of a peer's champions in $f" sh -c \
		"! grep -q -e 'Planted Personal Name' -e planted-champion '$TMP/out'"
done

tip compare --format html
check "HTML: one h1" test "$(grep -c '<h1>' "$TMP/out")" -eq 1
check "HTML: a main landmark" grep -q '<main>' "$TMP/out"
check "HTML: tables have captions and scopes" grep -q '<caption>' "$TMP/out"
check "HTML: in British English, as the summary and the site" grep -qx '<html lang="en-GB">' "$TMP/out"

# tip summary --peers: the quarterly summary across the authorities.
tip summary --peers --quarter 2026-Q4
expect "summary --peers" 0
check "... each authority's figures side by side, from its own records" grep -q \
	"^| Definitions agreed | 3 | 3 | 1 | 0 |" "$TMP/out"
check "... champions counted only" grep -q "^| Champions | 0 | 1 | 0 | 0 |" "$TMP/out"
check "... where each authority's figures come from" grep -q \
	"^hampshire: .*commit $(git rev-parse --short=7 refs/tip/peers/hampshire)" "$TMP/out"
check "... the cells no authority covers" grep -q "^Cells no authority covers.*Specialist × Police" \
	"$TMP/out"
check "... and the alignment findings" grep -q "^- \*\*School refusal\*\*" "$TMP/out"
for f in md html json; do
	tip summary --peers --quarter 2026-Q4 --format $f
	check "summary --peers: no personal value of a peer's champions in $f" sh -c \
		"! grep -q -e 'Planted Personal Name' -e planted-champion -e 'Example Organisation H' '$TMP/out'"
done
check "summary --peers: JSON parses" python3 -m json.tool "$TMP/out"
check "summary --peers: JSON figures by authority" grep -q '"authority": "isle-of-wight",' "$TMP/out"
tip summary --peers --quarter 2026-Q4 --format html
check "summary --peers: HTML has one h1 and a main landmark" sh -c \
	"test \$(grep -c '<h1>' '$TMP/out') -eq 1 && grep -q '<main>' '$TMP/out'"
check "summary --peers: HTML in British English" grep -qx '<html lang="en-GB">' "$TMP/out"

tip compare --format pdf
expect "an unknown format: usage error" 2

# A peer fetched over git:// (git daemon on 127.0.0.1).
mkdir -p "$TMP/served"
git clone -q --bare "$TMP/hips/hampshire" "$TMP/served/hampshire.git"
if serve_git_daemon "$TMP/served"; then
	git clone -q "$TMP/hips/portsmouth" "$TMP/remote-home"
	cd "$TMP/remote-home"
	printf 'peers:\n  - {name: hampshire, url: "%s/hampshire.git"}\n' "$GIT_DAEMON_URL" >>tip.yaml
	fetch hampshire
	tip compare
	expect "a peer fetched over git://: compared (Portsmouth avoids a label Hampshire uses)" 1
	check "... from the commit fetched" grep -q \
		"^  hampshire  *fetched peer  *$(git -C "$TMP/hips/hampshire" rev-parse --short=12 HEAD)" \
		"$TMP/out"
fi

# A peer with a record that does not load: the file is named, and what to do is said.
git clone -q "$TMP/hips/portsmouth" "$TMP/broken"
printf 'term: Example broken term\ndefinition: [not closed\n' \
	>"$TMP/broken/records/definitions/example-broken.yaml"
printf 'term: Example term only broken\ndefinition: Loads, but not by its schema.\nstatus: maybe\n' \
	>"$TMP/broken/records/definitions/example-unschemed.yaml"
git -C "$TMP/broken" add -A && git -C "$TMP/broken" commit -qm "a broken definition"
cd "$TMP/hips/southampton"
printf '  - {name: broken, url: %s}\n' "$TMP/broken" >>tip.yaml
fetch broken
tip compare broken
expect "a peer with a record that does not load: compared all the same" 0
check "... the file named, and what to do" said \
	"broken: records/definitions/example-broken.yaml does not load, so it is left out: tip validate in broken's repository says why"
check "a peer's record that breaks the peer's own schema: said, with what to do" said \
	"broken: records/definitions/example-unschemed.yaml does not match its schema, so it is compared as it is: tip validate in broken's repository says why"
check "... and compared as it is" said "Example term only broken"

# What compare reads of a record, whichever field it is: here hidden labels and providers.
cat >records/definitions/example-term-hidden.yaml <<'EOF'
term: Example term hidden S
hidden_labels:
  - Example term P
definition: Example definition P, under another term.
status: draft
EOF
cat >records/courses/example-course-a-other.yaml <<'EOF'
title: Example Course A
provider: Another Provider
provider_type: external
level: enhanced
level_status: agreed
audience: [education]
status: available
EOF
tip compare hampshire portsmouth
expect "hidden labels and providers: compared" 1
check "... a hidden label matches another authority's term" said \
	"Southampton: “Example term hidden S” (example-term-hidden) portsmouth: “Example term P” (example-term-p)"
check "... a course of another provider with the same title is another course" sh -c \
	"! grep -q example-course-a-other '$TMP/out'"
rm records/definitions/example-term-hidden.yaml records/courses/example-course-a-other.yaml

# This repository's own record that breaks its schema: said too, compared as it is.
printf 'term: Example term only here\ndefinition: Not by the schema.\nstatus: maybe\n' \
	>records/definitions/example-unschemed-here.yaml
tip compare hampshire --format json
check "this repository's record that breaks its schema: said, in JSON too" grep -qF \
	"records/definitions/example-unschemed-here.yaml does not match its schema, so it is compared as it is: tip validate says why" \
	"$TMP/out"
rm records/definitions/example-unschemed-here.yaml

cd "$TMP" && mkdir lonely && cd lonely && git init -q . && mkdir schemas records
tip compare
expect_stderr "no peers: said, status 2" 2 "tip.yaml names no peers"

done_testing
