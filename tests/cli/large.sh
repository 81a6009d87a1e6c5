# Records with 100,000 items in a list, keys in a mapping or fields: validate, set, diff and log do
# work that grows with the items, not with their pairs (which took minutes). Each command runs
# under `timeout`, with a bound far above what it needs, so that such a regression fails.
. tests/cli/lib.sh

# Seconds for one command: far above the second or so each takes, far below what work that
# grows with the pairs of items takes (minutes, and hours under a checker).
limit=60
[ -n "$TIP_WRAPPER" ] && limit=900

# bounded DESCRIPTION STATUS ARGS...: tip ARGS under timeout, then expect the status.
bounded() {
	d=$1
	want=$2
	shift 2
	status=0
	timeout $limit $TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>"$TMP/err" || status=$?
	expect "$d" "$want"
}

# told WHAT DIFF_LINE TYPE ID LOG_TEXT: the last commit as tip diff and tip log tell it.
told() {
	bounded "diff: $1" 0 diff HEAD~1 HEAD
	check "  and says which" grep -qx "$2" "$TMP/out"
	bounded "log: $1" 0 log "$3" "$4"
	check "  with each change" grep -q "$5" "$TMP/out"
}

new_repo large
cat >schemas/course.schema.yaml <<'YAML'
title: Course
type: object
required: [title]
properties:
  title: {type: string}
  notes: {type: string}
  teaches:
    type: array
    items: {type: string, pattern: '^[a-z0-9-]+$'}
    uniqueItems: true
  extra: {type: object}
YAML
mkdir -p records/courses
{
	echo "title: Big"
	echo "notes: first"
	echo "teaches:"
	seq 0 99999 | sed 's/^/  - d-/'
	echo "extra:"
	seq 0 99999 | sed 's/.*/  k&: &/'
} >records/courses/big.yaml
git add . && git commit -q -m "start"
bounded "validate: 100,000 unique items and 100,000 keys" 0 validate
bounded "set: one field of the large record" 0 set course big notes=second
bounded "diff: one field changed beside 100,000 keys that did not" 0 diff HEAD~1 HEAD
check "  and says which" grep -qx "course big: notes first → second" "$TMP/out"
sed -i 's/^  - d-7$/  - d-x7/' records/courses/big.yaml
git commit -q -am "one item"
told "one item changed in 100,000" "course big: teaches + d-x7, - d-7" course big \
	"teaches: + d-x7, - d-7"

# 100,000 fields at the top of a record
printf 'title: Note\ntype: object\n' >schemas/note.schema.yaml
mkdir -p records/notes
{
	echo "title: x"
	seq 0 99999 | sed 's/.*/k&: &/'
} >records/notes/wide.yaml
git add . && git commit -q -m "a wide note"
sed -i 's/^title: x$/title: y/; s/^k5: 5$/k5: 6/' records/notes/wide.yaml
git commit -q -am "two fields of the wide note"
told "two fields changed among 100,000" "note wide: k5 5 → 6" note wide "k5: 5 → 6"

# merge-file: each side's changes among 100,000 fields, items and keys
git show HEAD~1:records/notes/wide.yaml >"$TMP/base"
sed 's/^k7: 7$/k7: 8/' "$TMP/base" >"$TMP/theirs"
cp records/notes/wide.yaml "$TMP/ours"
bounded "merge-file: 100,000 fields, each side changing others" 0 \
	merge-file --path records/notes/wide.yaml "$TMP/base" "$TMP/ours" "$TMP/theirs"
check "  both sides' changes" sh -c "grep -qx 'k5: 6' '$TMP/ours' && grep -qx 'k7: 8' '$TMP/ours'"
git show HEAD~4:records/courses/big.yaml >"$TMP/base"
sed 's/^  - d-99999$/  - d-new/; s/^  k3: 3$/  k3: 4/' "$TMP/base" >"$TMP/theirs"
sed 's/^  k9: 9$/  k9: 10/' records/courses/big.yaml >"$TMP/ours"
bounded "merge-file: 100,000 items and 100,000 keys, each side changing others" 0 \
	merge-file --path records/courses/big.yaml "$TMP/base" "$TMP/ours" "$TMP/theirs"
check "  both sides' changes" sh -c "grep -qx '  - d-x7' '$TMP/ours' &&
	grep -qx '  - d-new' '$TMP/ours' && ! grep -qx '  - d-99999' '$TMP/ours' &&
	grep -qx '  k3: 4' '$TMP/ours' && grep -qx '  k9: 10' '$TMP/ours' &&
	grep -qx 'notes: second' '$TMP/ours'"

done_testing
