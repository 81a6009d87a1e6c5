#!/bin/sh
# Checks that moving the documentation lost nothing: every table row, every line of a code
# block and every number (with the word after it) of README.md at the commit REV must still be
# found in README.md, docs/*.md or the manual pages cmd/*.[1-9] as they are in the working
# tree. Prints what it cannot find; exit 1 when anything is missing, 2 for a usage error.
#   sh tests/docs/homes.sh REV
set -eu
[ $# -eq 1 ] || { echo "usage: sh tests/docs/homes.sh REV" >&2; exit 2; }
cd "$(dirname "$0")/../.."
old=$(mktemp) && trap 'rm -f "$old"' EXIT
git show "$1:README.md" >"$old" || { echo "homes.sh: no README.md at '$1'" >&2; exit 2; }

# The manual pages as plain text (font changes and macro names dropped, escapes as the
# characters they print), so that their text counts too.
plain() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\(em/—/g' -e 's/\\(en/–/g' \
	    -e 's/\\(->/→/g' -e 's/\\(dq/"/g' -e "s/\\\\(aq/'/g" -e 's/\\&//g' \
	    -e 's/\\ / /g' -e 's/\\e/\\/g' -e 's/^\.[A-Z][A-Z]* *//' "$@"
}

{ cat README.md docs/*.md; plain cmd/*.[1-9]; } | awk -v oldfile="$old" '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# Prose as words: no markup (backquotes, stars, quotes, brackets), one space between words.
function words(s) {
	gsub(/[`*"()\[\]]/, "", s); gsub(/[ \t]+/, " ", s); gsub(/ ,/, ",", s); gsub(/ ;/, ";", s)
	return s
}
{ have[trim($0)] = 1; text = text " " words($0) }
END {
	text = words(text) " "
	missing = 0; checked = 0; block = 0
	while ((getline line < oldfile) > 0) {
		n++
		if (line ~ /^[ \t]*```/) { block = !block; continue }
		t = trim(line)
		if (t == "") continue
		if (block || t ~ /^\|/) {
			checked++
			if (!(t in have)) { printf "line %d: not found: %s\n", n, t; missing++ }
			continue
		}
		# a number and the word after it on the same line
		rest = words(line) " "
		while (match(rest, /[0-9]+([.,:][0-9]+)*[^ ]* [^ ]*/)) {
			num = substr(rest, RSTART, RLENGTH); rest = substr(rest, RSTART + RLENGTH)
			sub(/[.,;:]+$/, "", num)
			checked++
			if (index(text, num) == 0) { printf "line %d: not found: %s\n", n, num; missing++ }
		}
	}
	printf "%d checked, %d not found\n", checked, missing
	exit missing > 0
}'
