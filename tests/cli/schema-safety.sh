# Schemas written to do harm: a folder claimed twice, $refs that reach outside schemas/,
# and patterns or schemas that would take the validator forever. Everything here is bounded
# by `timeout`, so a regression fails instead of hanging.
. tests/cli/lib.sh

new_repo claims
cat >schemas/champion.schema.yaml <<'YAML'
title: Champion
type: object
properties:
  name: {type: string, x-tip-personal: true}
YAML
cat >schemas/impostor.schema.yaml <<'YAML'
title: Impostor
x-tip-collection: champions
type: object
properties:
  name: {type: string}
YAML
mkdir -p records/champions
printf 'name: Ada Example\n' >records/champions/ada.yaml
tip validate
expect "a folder claimed by two schemas is a finding naming both" 1 \
	"schemas/impostor.schema.yaml: error: types \"champion\" (schemas/champion.schema.yaml) and \"impostor\" (schemas/impostor.schema.yaml) both keep their records in records/champions/: give each type a folder of its own with x-tip-collection; neither type is loaded until then [x-tip-collection]"
tip export all --format json
if [ "$status" -ne 0 ] && ! grep -q "Ada Example" "$TMP/out"; then
	ok "export all refuses while a folder is claimed twice, and shows nobody's name"
else
	not_ok "export all refuses while a folder is claimed twice, and shows nobody's name"
fi

new_repo refs
secret="$TMP/secret.yaml"
printf 'top-secret-line: 1\n' >"$secret"
cat >schemas/note.schema.yaml <<YAML
title: Note
type: object
properties:
  a: {\$ref: '$secret'}
YAML
tip validate --format github
expect "a \$ref to an absolute path is refused" 1
check "and the refused file is not quoted" sh -c "! grep -q top-secret '$TMP/out' '$TMP/err'"
sed -i "s|'$secret'|'../../secret.yaml'|" schemas/note.schema.yaml
tip validate --format github
expect "a \$ref out of schemas/ by ../ is refused" 1
check "and the refused file is not quoted" sh -c "! grep -q top-secret '$TMP/out' '$TMP/err'"
grep -q "only schema files in the schema's own folder (schemas)" "$TMP/out" "$TMP/err" &&
	ok "the finding says where \$refs may point" ||
	not_ok "the finding says where \$refs may point"
mkfifo schemas/fifo.schema.yaml
sed -i "s|'../../secret.yaml'|fifo.schema.yaml|" schemas/note.schema.yaml
status=0
timeout 20 "$TIP" validate >"$TMP/out" 2>"$TMP/err" || status=$?
grep -q 'cannot resolve $ref "fifo.schema.yaml": "schemas/fifo.schema.yaml" is not a regular file' "$TMP/out" &&
	ok "a \$ref to a FIFO (and the FIFO as a schema) is refused without waiting on it" ||
	not_ok "a \$ref to a FIFO (and the FIFO as a schema) is refused without waiting on it"
rm schemas/fifo.schema.yaml

mkdir "$TMP/other"
printf 'properties: {x: {type: integer}}\n' >"$TMP/other/shared.schema.yaml"
printf 'properties: {x: {type: string}}\n' >"$TMP/other/local.schema.yaml"
printf '$ref: other/shared.schema.yaml\n' >"$TMP/s.schema.yaml"
printf 'x: 1\n' >"$TMP/v.yaml"
tip validate --schema "$TMP/s.schema.yaml" "$TMP/v.yaml"
expect_stderr "--schema: a \$ref outside the schema's folder is refused" 2 \
	"only schema files in the schema's own folder"
printf '$ref: local.schema.yaml\n' >"$TMP/other/s.schema.yaml"
tip validate --schema "$TMP/other/s.schema.yaml" "$TMP/v.yaml"
expect "--schema: a sibling \$ref is followed" 1 "$TMP/v.yaml:1:4: error: expected string, got integer [type]"

new_repo deep
cat >schemas/node.schema.yaml <<'YAML'
title: Node
type: object
properties:
  c: {allOf: [{$ref: '#'}, {$ref: '#'}]}
YAML
mkdir -p records/nodes
i=0
indent=""
: >records/nodes/deep.yaml
while [ $i -lt 40 ]; do
	printf '%sc:\n' "$indent" >>records/nodes/deep.yaml
	indent="$indent "
	i=$((i + 1))
done
printf '%s1\n' "$indent" >>records/nodes/deep.yaml
status=0
timeout 60 "$TIP" validate >"$TMP/out" 2>"$TMP/err" || status=$?
expect "a schema applying itself twice at each of 40 levels: one finding, in bounded time" 1 \
	"records/nodes/deep.yaml:41:41: error: expected object, got integer [type]"

done_testing
