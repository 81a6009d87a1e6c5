# The first minute: tip -h, the help of a command that takes a TYPE, and such a command
# without one name the record types of the repository (its schemas/), so that a newcomer
# need not go looking for them.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo help
git add -A && git commit -q -m "schemas"
types="Record types here: action, champion, course, definition"

tip -h
expect "tip -h" 0
check "  names the record types" grep -qx "$types" "$TMP/out"
tip --help
check "tip --help too" grep -qx "$types" "$TMP/out"
tip add -h
expect "tip add -h" 0
check "  names the record types" grep -qx "$types" "$TMP/out"
tip add
expect_stderr "tip add without a type" 2 "tip: tip add needs one TYPE"
check "  names the record types" grep -qx "$types" "$TMP/err"
tip help list
check "tip help list" grep -qx "$types" "$TMP/out"
tip set -h
check "tip set -h" grep -qx "$types" "$TMP/out"
tip log -h
check "tip log -h, which takes a TYPE too" grep -qx "$types" "$TMP/out"
tip validate -h
check "not a command that takes no TYPE" test -z "$(grep "Record types" "$TMP/out")"

cd records
tip add -h
check "from a folder inside the repository" grep -qx "$types" "$TMP/out"

mkdir "$TMP/outside"
cd "$TMP/outside"
tip add -h
expect "outside a repository: the help" 0
check "  without types, and no complaint" test -z "$(grep "Record types" "$TMP/out")$(cat "$TMP/err")"
tip -h
expect "  tip -h too" 0
check "  without types" test -z "$(grep "Record types" "$TMP/out")"

done_testing
