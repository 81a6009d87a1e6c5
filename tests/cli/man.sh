# tip(1), cmd/tip.1, says what tip itself says: each command's synopsis word for word as its
# -h prints it, a description of each long option of its options table, a section for every
# command of tip --help and for nothing else, every environment variable tip reads, tip's
# version; it names every other page of cmd/ (tip-schema(5)) under SEE ALSO; and every page
# renders without a warning.
. tests/cli/lib.sh

PAGE=$SOURCE_ROOT/cmd/tip.1
status=0

# The page's source as plain text: font changes dropped, escapes as the characters they print.
plain() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\f([A-Z][A-Z]//g' -e 's/\\f\[[A-Z]*\]//g' \
	    -e 's/\\-/-/g' -e 's/\\(em/—/g' -e 's/\\(en/–/g' -e 's/\\(->/→/g' \
	    -e 's/\\(dq/"/g' -e "s/\\\\(aq/'/g" -e 's/\\\[u2026\]/…/g' -e 's/\\&//g' \
	    -e 's/\\ / /g' -e 's/\\e/\\/g'
}

# Synopses, one a line with single spaces: a line starting with "tip " opens one, and the lines
# after it that do not start so carry it on. Reads plain text; "usage: " is dropped first.
synopses() {
	sed -e 's/^usage: //' | awk '
		{ line = $0; sub(/^ +/, "", line); gsub(/ +/, " ", line); sub(/ $/, "", line) }
		line ~ /^tip / { if (s != "") print s; s = line; next }
		line != "" && s != "" { s = s " " line }
		END { if (s != "") print s }'
}

# The usage lines of a -h text: up to the first empty line.
usage_lines() {
	awk '/^$/ { exit } { print }'
}

# The roff source of the page's part from the line matching $1 (an awk pattern) to the next
# .SH (or .SS too, when $2 is ss).
part() {
	awk -v start="$1" -v level="${2:-sh}" '
		found && ($0 ~ /^\.SH/ || (level == "ss" && $0 ~ /^\.SS/)) { exit }
		$0 ~ start { found = 1; next }
		found { print }' "$PAGE"
}

# The first .nf ... .fi block of roff source on stdin.
nofill_block() {
	awk '/^\.fi/ && inside { exit } inside { print } /^\.nf/ { inside = 1 }'
}

# same DESCRIPTION EXPECTED ACTUAL: ok when the two texts are equal, else their difference.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		printf '%s\n' "$2" >"$TMP/expected"
		printf '%s\n' "$3" >"$TMP/actual"
		diff "$TMP/expected" "$TMP/actual" >"$TMP/out"
		: >"$TMP/err"
		not_ok "$1" "expected (<) from tip, found (>) in cmd/tip.1:"
	fi
}

# none_missing DESCRIPTION MISSING...: ok when nothing is missing from the page.
none_missing() {
	d=$1
	shift
	if [ -z "$*" ]; then
		ok "$d"
	else
		: >"$TMP/out"
		: >"$TMP/err"
		not_ok "$d" "not in cmd/tip.1: $*"
	fi
}

tip --help
cp "$TMP/out" "$TMP/help"
commands=$(awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' "$TMP/help")
[ -n "$commands" ] || not_ok "tip --help lists the commands"

same "SYNOPSIS is tip --help's usage" "$(usage_lines <"$TMP/help" | synopses)" \
	"$(part '^\.SH SYNOPSIS' | nofill_block | plain | synopses)"

sections=$(part '^\.SH COMMANDS' | sed -n 's/^\.SS "\(.*\)"$/\1/p' | sed 's/^tip //')
same "COMMANDS has a section for each command of tip --help, in its order, and no other" \
	"$commands" "$sections"

for c in $commands; do
	tip "$c" -h
	cp "$TMP/out" "$TMP/h"
	part "^\\.SS \"tip $c\"\$" ss >"$TMP/section"
	same "tip $c: the synopsis is tip $c -h's" "$(usage_lines <"$TMP/h" | synopses)" \
		"$(nofill_block <"$TMP/section" | plain | synopses)"
	# described: named in the section outside its synopsis
	awk '/^\.nf/ && !done { skip = 1 } !skip { print } /^\.fi/ && skip { skip = 0; done = 1 }' \
		"$TMP/section" | plain >"$TMP/section.txt"
	# the options: from the command's options table, which its -h and its parsing come from
	tip completion --list options "$c"
	missing=""
	for option in $(cat "$TMP/out"); do
		grep -Eq -- "(^|[^a-z0-9-])$option([^a-z0-9-]|\$)" "$TMP/section.txt" ||
			missing="$missing $option"
	done
	none_missing "tip $c: every option of its table is described" $missing
done

# Every variable named in a getenv call; GIT_AUTHOR_* and GIT_COMMITTER_* are read by a name
# made up at run time, so they are named here.
variables=$(cat "$SOURCE_ROOT"/lib/*/*.c "$SOURCE_ROOT"/cmd/*.c |
	sed -n 's/.*getenv("\([A-Z_]*\)").*/\1/p' | sort -u)
part '^\.SH ENVIRONMENT' | plain >"$TMP/environment"
missing=""
for v in $variables GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME \
	GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE; do
	grep -Eq "(^|[^A-Z_])$v([^A-Z_]|\$)" "$TMP/environment" || missing="$missing $v"
done
none_missing "ENVIRONMENT names every variable tip reads" $missing

tip --version
cp "$TMP/out" "$TMP/version"
for page in "$SOURCE_ROOT"/cmd/*.[1-9]; do
	same "${page##*/}: the header names tip --version's version" "$(cat "$TMP/version")" \
		"$(sed -n 's/^\.TH [A-Z-]* [1-9] [^ ]* "\(tip [^"]*\)".*/\1/p' "$page")"
done

# Every other page is named under SEE ALSO, so that man tip leads to it.
part '^\.SH SEE ALSO' | plain >"$TMP/see-also"
missing=""
for page in "$SOURCE_ROOT"/cmd/*.[1-9]; do
	name=${page##*/}
	[ "$name" = tip.1 ] && continue
	grep -q "${name%.*} *(${name##*.})" "$TMP/see-also" ||
		grep -q "^\.BR ${name%.*} (${name##*.})" "$TMP/see-also" || missing="$missing $name"
done
none_missing "SEE ALSO names every other manual page of cmd/" $missing

for s in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
	grep -qx "\\.SH $s" "$PAGE" || missing_sections="${missing_sections:-} $s"
done
none_missing "the page has every section a manual page has" ${missing_sections:-}

for page in "$SOURCE_ROOT"/cmd/*.[1-9]; do
	for device in utf8 ascii; do
		if command -v groff >/dev/null 2>&1; then
			groff -man -T$device -ww -z "$page" >"$TMP/out" 2>"$TMP/err"
			status=$?
			if [ "$status" -eq 0 ] && [ ! -s "$TMP/err" ]; then
				ok "groff renders ${page##*/} for $device without warnings"
			else
				not_ok "groff renders ${page##*/} for $device without warnings"
			fi
		else
			ok "groff renders ${page##*/} for $device # SKIP groff is not installed"
		fi
	done
done

done_testing
