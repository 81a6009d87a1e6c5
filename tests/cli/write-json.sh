# tip add, set, rm and undo with --format json: one object on stdout saying what was written,
# for scripts: the command, the record, the commit (null with --no-commit) and each field's
# change as tip log and tip diff give it, a personal field's values only with
# --include-personal.
. tests/cli/lib.sh

new_repo writes
cat >schemas/person.schema.yaml <<'YAML'
type: object
required: [role]
properties:
  role: {type: string}
  name: {type: string, x-tip-personal: true}
YAML
mkdir -p records/persons
git add . && git commit -q -m "people"

tip add person --id p1 --set role=champion --set name="Ann Example" --format json </dev/null
expect "add --format json" 0 "{\"format\":1,\"command\":\"add\",\"type\":\"person\",\"id\":\"p1\",\"path\":\"records/persons/p1.yaml\",\"commit\":\"$(git rev-parse HEAD)\",\"change\":\"added\",\"changes\":[{\"field\":\"role\",\"from\":null,\"to\":\"champion\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"name\",\"from\":null,\"to\":null,\"added\":null,\"removed\":null,\"personal\":true}]}"
check "  committed" test "$(git log -1 --format=%s)" = "add person p1: champion"
check "  the personal value nowhere" test -z "$(grep "Ann" "$TMP/out" "$TMP/err")"

tip set person p1 role=lead name="Bea Example" --format json --include-personal
expect "set --format json --include-personal: the personal values too" 0 "{\"format\":1,\"command\":\"set\",\"type\":\"person\",\"id\":\"p1\",\"path\":\"records/persons/p1.yaml\",\"commit\":\"$(git rev-parse HEAD)\",\"change\":\"changed\",\"changes\":[{\"field\":\"role\",\"from\":\"champion\",\"to\":\"lead\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"name\",\"from\":\"Ann Example\",\"to\":\"Bea Example\",\"added\":[],\"removed\":[],\"personal\":true}]}"

head=$(git rev-parse HEAD)
tip set person p1 role=lead --format json
expect "set with nothing to change: still one object, no commit, no changes" 0 \
	'{"format":1,"command":"set","type":"person","id":"p1","path":"records/persons/p1.yaml","commit":null,"change":null,"changes":[]}'
check "  nothing committed" test "$(git rev-parse HEAD)" = "$head"
check "  said on stderr too" grep -q "nothing to change" "$TMP/err"
tip set person p1 role=helper --no-commit --format json
expect "set --no-commit --format json: commit null" 0 "{\"format\":1,\"command\":\"set\",\"type\":\"person\",\"id\":\"p1\",\"path\":\"records/persons/p1.yaml\",\"commit\":null,\"change\":\"changed\",\"changes\":[{\"field\":\"role\",\"from\":\"lead\",\"to\":\"helper\",\"added\":[],\"removed\":[],\"personal\":false}]}"
check "  nothing committed" test "$(git rev-parse HEAD)" = "$head"
git checkout -q -- records

tip undo --format json
expect "undo --format json" 0 "{\"format\":1,\"command\":\"undo\",\"type\":\"person\",\"id\":\"p1\",\"path\":\"records/persons/p1.yaml\",\"commit\":\"$(git rev-parse HEAD)\",\"change\":\"changed\",\"changes\":[{\"field\":\"role\",\"from\":\"lead\",\"to\":\"champion\",\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"name\",\"from\":null,\"to\":null,\"added\":null,\"removed\":null,\"personal\":true}]}"
check "  undone" test "$(git log -1 --format=%s)" = "undo: set person p1: lead"

tip rm person p1 --format json
expect "rm --format json" 0 "{\"format\":1,\"command\":\"rm\",\"type\":\"person\",\"id\":\"p1\",\"path\":\"records/persons/p1.yaml\",\"commit\":\"$(git rev-parse HEAD)\",\"change\":\"removed\",\"changes\":[{\"field\":\"role\",\"from\":\"champion\",\"to\":null,\"added\":[],\"removed\":[],\"personal\":false},{\"field\":\"name\",\"from\":null,\"to\":null,\"added\":null,\"removed\":null,\"personal\":true}]}"
check "  removed" test ! -e records/persons/p1.yaml

tip add person --id p2 --format json </dev/null
expect_stderr "a failure says why on stderr, as without --format json" 1 "missing required fields: role"
check "  nothing on stdout" test ! -s "$TMP/out"
tip set person p1 role=x --format yaml
expect_stderr "only text or json" 2 "tip: --format must be text or json, not 'yaml'"

done_testing
