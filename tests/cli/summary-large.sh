# tip summary over a generated history: each record is read on one of several workers and
# reduced to the fields the summary's sections read (with a hash of the whole record, so that a
# change of any field still counts as a change), so that memory does not grow with every byte
# of every record. The output is the same whatever the number of workers, and the same as it
# was when every record was kept whole (the checksums below were taken then); the peak memory
# of the summary stays near that of validate, which keeps no record once checked.
. tests/cli/lib.sh

new_repo large-summary
gen() {
	sh "$SOURCE_ROOT/tests/bench/gen" --commits "$1" "$2" "$3" >/dev/null 2>&1 ||
		echo "Bail out! tests/bench/gen failed"
}
gen 1500 600 "$TMP/home"
gen 700 300 "$TMP/peer"
cd "$TMP/home"
export TIP_TODAY=2026-12-15

# Each summary, its output's checksum when every record was kept whole: before the first
# commit (the records now), a quarter the first commit falls in, whole quarters, a financial
# quarter, a long range, the quarter not yet ended.
cat >"$TMP/commands" <<'EOF'
summary --quarter 2021-Q3 --format json|b1c24b9263527fbcd1d95a8dbdb8402500f8e37e1d2a5cfa1ff3f446bbcf3f7e
summary --quarter 2021-Q4 --format json|62fa7ba42eb5e26ab605648aa707dd385e59926b76f197b86c90d5ed6fb7fa5c
summary --quarter 2024-Q1 --format json|a34116a54ff79a401843f77cfa9880e553522cb092549aa42e6e54dc537f869d
summary --quarter 2026-Q2 --format json|f74815a2a6bdf1ef3516fc3ae34d00512bea42075f8a34643b94174bbbde3278
summary --quarter 2026-Q2 --format md|887aad5e9ed4dc8f267fa4cca13c97feb54584bb689761565641aeec9252a1bc
summary --quarter 2026-Q2 --format html|873b75e38e4d070d535eb1e02468bb240f886bad112430be1d4ffc1b2127e628
summary --quarter 2026-Q4 --format md|5f158c689395ed795dd133b266b59f65bc1b86d184da9a03571c0e89a9e55957
summary --fy 2025/26-Q3 --format json|d4dbfb441ef917e00daa5131ba63751b5056f8fe9f90bcd8d978719bc13d3039
summary --from 2023-01-01 --to 2025-12-31 --format json|6b693c99bd0c5176454546f426c8611927f7b9faf0e1b96d7fba34eed8b8049b
EOF

# same JOBS [FILE]: every summary of FILE (default the list above) with TIP_JOBS=JOBS, against
# its checksum; the label says where.
same() {
	while IFS='|' read -r command sum; do
		# shellcheck disable=SC2086 # the command's words
		TIP_JOBS=$1 tip $command
		got=$(sha256sum <"$TMP/out" | cut -d' ' -f1)
		if [ "$status" -ne "${want:-0}" ]; then
			expect "$where TIP_JOBS=$1 tip $command" "${want:-0}"
		elif [ "$got" != "$sum" ]; then
			not_ok "$where TIP_JOBS=$1 tip $command: the output as before" "checksum $got"
		else
			ok "$where TIP_JOBS=$1 tip $command: the output as before"
		fi
	done <"${2:-$TMP/commands}"
}
where=history:
same 1
same 3

# The working tree of a repository with no commit yet: its records as they are.
mkdir "$TMP/uncommitted"
cp -R schemas records "$TMP/uncommitted/"
git -C "$TMP/uncommitted" init -q
cat >"$TMP/uncommitted-commands" <<'EOF'
summary --quarter 2026-Q2 --format json|9ce563c1abcf3b2d12e1ddec6848ce78768b21109eb12be8376af8a27176c4fd
EOF
cd "$TMP/uncommitted"
where="no commit:"
same 1 "$TMP/uncommitted-commands"
same 3 "$TMP/uncommitted-commands"
cd "$TMP/home"

# Every authority's summary side by side: this repository and a fetched peer.
cat >>tip.yaml <<YAML
peers:
  - {name: peer, url: ../peer}
YAML
git add tip.yaml && git commit -qm "peers" --date=2026-12-01T10:00:00 &&
	GIT_COMMITTER_DATE=2026-12-01T10:00:00 git commit -q --amend --no-edit
"$TIP" peers fetch peer >"$TMP/fetched" 2>&1 || cat "$TMP/fetched"
echo 1796212800 >.git/tip/peers/peer # fetched on 2026-12-02, whatever today is
cat >"$TMP/peers-commands" <<'EOF'
summary --peers --quarter 2026-Q2 --format json|849c0e63ae625d0a4ecc77d70de4b475070d527582b1ac557880bfb3a003a4fa
EOF
where=peers:
same 2 "$TMP/peers-commands"

# A course whose notes alone change counts as changed; a record that does not load at the
# quarter's end is named, and the rest is as before.
export GIT_AUTHOR_DATE=2026-12-02T10:00:00 GIT_COMMITTER_DATE=2026-12-02T10:00:00
course=$(ls records/courses | sed -n '1s/\.yaml$//p')
tip set course "$course" notes="Only the notes change."
expect "late: tip set course $course notes=..." 0
printf 'title: [unclosed\n' >records/courses/broken.yaml
git add records && git commit -qm "broken"
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
cat >"$TMP/late-commands" <<'EOF'
summary --quarter 2026-Q4 --format json|0b38bfc909af8321ce287914dfc2441c42a943bec8c6d8cb9c7eb2ce4d9a18f1
EOF
where=late: want=1
same 1 "$TMP/late-commands"
same 3 "$TMP/late-commands"
check "late: the course that does not load is named on stderr" grep -q \
	"records/courses/broken.yaml" "$TMP/err"
want=0

# ---- memory ----
# 300 courses of 64 KiB each (19 MiB of text), all changed in the quarter: the summary keeps
# none of them whole, so it peaks within a few MiB of validate.
memory_unmeasured && exit
new_repo big-courses
cp "$SOURCE_ROOT"/schemas/*.schema.yaml schemas/
big_courses in-development
git add records
GIT_COMMITTER_DATE=2026-03-02T10:00:00 git commit -qm start --date=2026-03-02T10:00:00
big_courses available
git add records
GIT_COMMITTER_DATE=2026-05-02T10:00:00 git commit -qm end --date=2026-05-02T10:00:00
peak_near "$(peak_kib validate -q)" summary --quarter 2026-Q2 --format json
done_testing
