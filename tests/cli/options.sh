# Every command reads its options from one table, so every command says the same about a
# command line it cannot take: an unknown option, an option without its value, a value that is
# not one of an option's choices, a value given to a flag. An unknown option is followed by the
# usage; a mistake in an option's value by one line saying where the usage is, so that the
# complaint is not lost above it. Exit status 2. Run outside any repository: nothing here gets
# as far as one.
. tests/cli/lib.sh

mkdir "$TMP/outside"
cd "$TMP/outside"

# first_line_is DESCRIPTION EXPECTED: status 2, EXPECTED the first line on stderr and the
# usage after it.
first_line_is() {
	if [ "$status" -ne 2 ]; then
		not_ok "$1" "expected status 2"
	elif [ "$(head -n 1 "$TMP/err")" != "$2" ]; then
		not_ok "$1" "expected first on stderr: $2"
	elif ! sed -n 2p "$TMP/err" | grep -q "^usage: tip "; then
		not_ok "$1" "expected the usage after it"
	else
		ok "$1"
	fi
}

# value_error_is DESCRIPTION COMMAND EXPECTED: status 2, EXPECTED on stderr and then only
# "see tip COMMAND -h".
value_error_is() {
	if [ "$status" -ne 2 ]; then
		not_ok "$1" "expected status 2"
	elif [ "$(cat "$TMP/err")" != "$3
see tip $2 -h" ]; then
		not_ok "$1" "expected on stderr: $3" "and: see tip $2 -h"
	else
		ok "$1"
	fi
}

tip completion --list commands
commands=$(cat "$TMP/out")
[ -n "$commands" ] || not_ok "tip completion --list commands lists the commands"

for c in $commands; do
	tip "$c" --no-such-option
	first_line_is "tip $c: an unknown option" "tip: unknown option '--no-such-option'"

	tip "$c" -h
	cp "$TMP/out" "$TMP/h"
	# the first option of the help that takes a value: "  -m, --message REASON  why..."
	valued=$(awk '/^  -/ { for (i = 1; i <= NF; i++) { w = $i; sub(/,$/, "", w)
		if (w ~ /^--[a-z]/ && $(i + 1) ~ /^[A-Z[]/) { print w, $(i + 1); exit } } }' "$TMP/h")
	if [ -n "$valued" ]; then
		set -- $valued
		tip "$c" "$1"
		value_error_is "tip $c: $1 without its value" "$c" "tip: $1 needs a value: $1 $2"
	fi

	# the synopsis is text beside the table: every option it names must be one of the table's
	tip completion --list options "$c"
	unknown=""
	for option in $(awk '/^$/ { exit } { print }' "$TMP/h" | grep -o -- '--[a-z][a-z0-9-]*'); do
		grep -qx -- "$option" "$TMP/out" || unknown="$unknown $option"
	done
	if [ -z "$unknown" ]; then
		ok "tip $c: every option its synopsis names is in its table"
	else
		not_ok "tip $c: every option its synopsis names is in its table" "not in it:$unknown"
	fi

	# a choice, as the synopsis gives it: "--format text|json|github"
	choices=$(grep -o -- '--format [a-z]*|[a-z|]*' "$TMP/h" | head -n 1 | cut -d' ' -f2)
	if [ -n "$choices" ]; then
		words=$(printf '%s\n' "$choices" | sed -e 's/|\([a-z]*\)$/ or \1/' -e 's/|/, /g')
		tip "$c" --format nosuch
		value_error_is "tip $c: a --format that is not one of its choices" "$c" \
			"tip: --format must be $words, not 'nosuch'"
		tip "$c" --format=nosuch
		value_error_is "tip $c: the same after =" "$c" "tip: --format must be $words, not 'nosuch'"
	fi
done

tip list --include-personal=yes
value_error_is "a flag given a value" list "tip: --include-personal takes no value, not 'yes'"
tip rm -f=yes
value_error_is "a short flag given a value" rm "tip: -f takes no value, not '=yes'"
tip due --within soon
value_error_is "a value the command finds wrong" due \
	"tip: --within must be a number of days from 0 to 36500, not 'soon'"

# ---- how a command line is read ----

tip completion --list commands
cp "$TMP/out" "$TMP/spaced"
tip completion --list=commands
expect "--option=value is --option value" 0 "$(cat "$TMP/spaced")"
tip completion --list options rm
cp "$TMP/out" "$TMP/before"
tip completion rm --list options
expect "options may come after the arguments" 0 "$(cat "$TMP/before")"
tip rm -h
cp "$TMP/out" "$TMP/usage"
tip rm course some-id --help
expect "-h or --help anywhere prints the usage" 0 "$(cat "$TMP/usage")"
tip completion -- --list
expect_stderr "-- ends the options: what follows is an argument" 2 \
	"unknown shell '--list': use bash or zsh"

done_testing
