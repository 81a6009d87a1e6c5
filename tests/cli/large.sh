# Records with 100,000 items in a list or keys in a mapping: validate, set, diff and log do
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
bounded "diff: one item changed in 100,000" 0 diff HEAD~1 HEAD
check "  and says which" grep -qx "course big: teaches + d-x7, - d-7" "$TMP/out"
bounded "log: the record's three commits" 0 log course big
check "  with each change" grep -q "teaches: + d-x7, - d-7" "$TMP/out"

done_testing
