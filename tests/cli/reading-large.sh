# list, matrix and export over many records: each record is read on one of several workers and
# reduced to what the command prints, so that memory does not grow with every byte of every
# record. The output is the same whatever the number of workers, and the same as it was when
# every record was kept whole (the checksums below were taken then); the peak memory of list,
# matrix and export stays near that of validate, which keeps no record once checked.
. tests/cli/lib.sh

new_repo large-reading
sh "$SOURCE_ROOT/tests/bench/gen" 400 "$TMP/generated" >/dev/null 2>&1 ||
	echo "Bail out! tests/bench/gen failed"
cd "$TMP/generated"
export COLUMNS=150

# Each command, its output's checksum when every record was kept whole.
cat >"$TMP/commands" <<'EOF'
list course --format ids|7bb563cdc91ea8a0068ddf3c53791f30a179d84eab0913dc0e1214a3b4e2279a
list course --where level=skilled --format ids|c2b438ed830a522cc8ea188a4ed45b639f316801b07cfc48f87ef1d84d8c1782
list course --where status=available --where audience=health --sort -duration --format csv|c2c62ffd395f826625d9cb58cf576121c70acb9b2592a34c1d125f1fd82eae86
list course --where title~emotion --format json|09e5e7ff65b07d1d1b2180b041829283777fd94916a397a309d9242ce5e2459d
list course --sort next_review|0e8a33ac614c15a1794c9c3ffb41a4eca1f380671796d87479432cd9aef3506c
list champion --format csv|1c93d815ddd26f378af8278ce5bd41143711ccca9b13c623577e3a7ce2d82c57
list champion --where name~a --include-personal --format json|c8a0f39b6ad07e631f83dbd409ef8241259447443348b1e216df7236396dbf27
list action --where rag=red --sort due --format table|fbbc3ae53a5f70825db4b00d8d98e18021107496a8e0d8a8b64043d1d186c187
matrix|a2dcdce95cd5a1832d7922efb92ec3a840059d5eea9a2e7be6e89ea67fac912c
matrix --format json|4b1d845237dbe7d3f0366fbf342d3ead3dbd232b87af379fd5d6f67f9dceda6d
matrix --type action --rows status --cols rag --all --format csv|e93718d528a60a493260ea0695fa9879611cee78f2779bd1c3764603d7f6cc51
export all --format json|75761c536263bc8473db45da9e491b9966ea9b5678a6ff24d0b9c8bab09a9e53
export course --format json|fa40939706f47dea196cca04cac96773c6ef0c9fe4d2f80081a25160f03da224
export champion --format json --include-personal|7d2c1799dc65e2278c1cfcd369f0be28f6e92021ed193bc9d0effe771dd720d6
export champion --format csv|1c93d815ddd26f378af8278ce5bd41143711ccca9b13c623577e3a7ce2d82c57
export definition --format skos|2eff109b1dc13a2772f26ab1019cdee45ba7c5c0a3740d807d1ed9922f20905f
EOF

# same JOBS: every command's output with TIP_JOBS=JOBS, against its checksum.
same() {
	while IFS='|' read -r command sum; do
		# shellcheck disable=SC2086 # the command's words
		TIP_JOBS=$1 tip $command
		got=$(sha256sum <"$TMP/out" | cut -d' ' -f1)
		if [ "$status" -ne 0 ]; then
			expect "TIP_JOBS=$1 tip $command" 0
		elif [ "$got" != "$sum" ]; then
			not_ok "TIP_JOBS=$1 tip $command: the output as before" "checksum $got"
		else
			ok "TIP_JOBS=$1 tip $command: the output as before"
		fi
	done <"$TMP/commands"
}
same 1
same 3

# The CSV files of every type, written by --output.
TIP_JOBS=3 tip export all --format csv --output "$TMP/csv"
expect "export all --format csv --output" 0
check "  the files as before" sh -c "cat '$TMP'/csv/*.csv | sha256sum | grep -q '^20d8a56d8c062dc682a2787652a47d6336dc5383ea90e5ab568a48f4e51dce1d '"

# A record that does not load is named on stderr and left out; the rest is output as before.
printf 'title: [unclosed\n' >records/courses/broken.yaml
while IFS='|' read -r command sum; do
	# shellcheck disable=SC2086
	TIP_JOBS=2 tip $command
	case $command in *course* | matrix | "matrix --format json" | export\ all*) want=1 ;;
	*) want=0 ;;
	esac
	got=$(sha256sum <"$TMP/out" | cut -d' ' -f1)
	if [ "$status" -ne "$want" ]; then
		expect "with a broken course: tip $command" "$want"
	elif [ "$got" != "$sum" ]; then
		not_ok "with a broken course: tip $command: the output as before" "checksum $got"
	elif [ "$want" = 1 ] && ! grep -q "records/courses/broken.yaml" "$TMP/err"; then
		not_ok "with a broken course: tip $command: names it on stderr"
	else
		ok "with a broken course: tip $command: the output as before"
	fi
done <"$TMP/commands"
rm records/courses/broken.yaml

# ---- memory ----
# 300 courses of 64 KiB each (19 MiB of text): list, matrix and export keep none of it whole,
# so each peaks within a few MiB of validate. Not under a checker, whose own memory hides it,
# nor with AddressSanitizer, which holds freed memory back.
memory_unmeasured && exit
new_repo big-courses
cp "$SOURCE_ROOT"/schemas/*.schema.yaml schemas/
big_courses available
base=$(peak_kib validate -q)
for command in "list course --format ids" "list course --where level=skilled --sort title --format ids" \
	"matrix" "export course --format json" "export all --format json"; do
	# shellcheck disable=SC2086
	peak_near "$base" $command
done
done_testing
