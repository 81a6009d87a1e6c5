# tip init: a new records repository in one commit; what it refuses.
. tests/cli/lib.sh

files=".gitattributes
.github/workflows/tip.yaml
.vscode/settings.json
records/actions/.gitkeep
records/champions/.gitkeep
records/courses/.gitkeep
records/definitions/.gitkeep
schemas/action.schema.yaml
schemas/champion.schema.yaml
schemas/common.schema.yaml
schemas/course.schema.yaml
schemas/definition.schema.yaml
tip.yaml"

# check DESCRIPTION COMMAND...: ok when the shell command succeeds.

cd "$TMP"
tip init fresh/er
expect "a new folder: created, with a new git repository" 0 \
	"initialised 'fresh/er' (a new git repository): record types action, champion, course, definition"
cd fresh/er
check "one commit" test "$(git rev-list --count HEAD)" = 1
check "its subject" test "$(git log -1 --format=%s)" = "init: tip records repository"
check "its Tip-Action trailer" \
	test "$(git log -1 --format='%(trailers:key=Tip-Action,valueonly)')" = "init"
check "exactly the files of a records repository" test "$(git ls-files)" = "$files"
check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"
check "the default schemas, as built into tip" diff -r "$SOURCE_ROOT/schemas" schemas
check "tip.yaml has financial quarters" grep -qx 'quarters: financial' tip.yaml
cat >"$TMP/settings" <<'JSON'
{
  "yaml.schemas": {
    "./schemas/action.schema.yaml": "records/actions/*.yaml",
    "./schemas/champion.schema.yaml": "records/champions/*.yaml",
    "./schemas/course.schema.yaml": "records/courses/*.yaml",
    "./schemas/definition.schema.yaml": "records/definitions/*.yaml"
  }
}
JSON
check "editor settings map each record folder to its schema" cmp "$TMP/settings" .vscode/settings.json
cat >"$TMP/workflow.schema.yaml" <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [name, "on", env, jobs]
properties:
  "on":
    required: [pull_request, push]
  env:
    required: [TIP_SOURCE]
  jobs:
    required: [records, site]
YAML
tip validate --schema "$TMP/workflow.schema.yaml" .github/workflows/tip.yaml
expect "the CI workflow is strict YAML with a pull_request trigger, and a job that publishes the site" 0 ""
check "the CI workflow is tip's own, as built into tip (tests/cli/ci.sh runs it)" \
	cmp "$SOURCE_ROOT/.github/workflows/tip.yaml" .github/workflows/tip.yaml
check "the record folders hold only .gitkeep" test -z "$(find records -type f ! -name .gitkeep)"
tip validate
expect_stderr "the new repository validates" 0 "checked 0 records: no findings"

tip init
expect_stderr "a second init is refused" 2 \
	"tip: '.' has schemas/ already: tip init sets up a folder that has no schemas/ or records/ yet"
check "and changes nothing" test "$(git rev-list --count HEAD)" = 1

# An existing repository: one more commit; editor settings of its own are kept.
cd "$TMP" && mkdir existing && cd existing && git init -q -b main .
mkdir .vscode && printf '{"editor.tabSize": 2}\n' >.vscode/settings.json
printf 'notes\n' >README && git add . && git commit -qm "start"
tip init
expect "an existing repository: set up in one more commit" 0 \
	"initialised '.': record types action, champion, course, definition
kept as they were: .vscode/settings.json"
check "on top of its history" test "$(git log --format=%s | tr '\n' '|')" = \
	"init: tip records repository|start|"
check "its own editor settings unchanged" test "$(cat .vscode/settings.json)" = '{"editor.tabSize": 2}'
check "nothing left uncommitted" test -z "$(git status --porcelain -uall)"

mkdir -p "$TMP/existing/sub"
tip init "$TMP/existing/sub"
expect_stderr "a folder inside another repository is refused" 2 \
	"is inside the git repository '$TMP/existing/': run tip init in its top folder, or in a folder outside it"
check "and nothing is written there" test -z "$(ls -A "$TMP/existing/sub")"

cd "$TMP" && mkdir merging && cd merging && git init -q -b main . && git commit -q --allow-empty -m start
git rev-parse HEAD >.git/MERGE_HEAD
tip init
expect_stderr "a merge in progress is refused" 2 "tip: a merge is in progress"
check "with nothing written" test -z "$(git status --porcelain -uall)"

# No identity: refused before a repository is even made.
cd "$TMP" && mkdir home
saved_home=$HOME
export HOME="$TMP/home" GIT_CONFIG_NOSYSTEM=1
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL EMAIL XDG_CONFIG_HOME
tip init anonymous
expect_stderr "no identity: refused" 2 \
	"tip: no identity for commits: set it with git config user.name \"Your Name\" and git config user.email you@example.org"
export HOME="$saved_home" GIT_AUTHOR_NAME="Test Author" GIT_AUTHOR_EMAIL="author@example.org"
export GIT_COMMITTER_NAME="Test Committer" GIT_COMMITTER_EMAIL="committer@example.org"
unset GIT_CONFIG_NOSYSTEM
check "and no folder or repository is left" test ! -e "$TMP/anonymous"

# The current folder by default; undo takes it all back.
mkdir "$TMP/here" && cd "$TMP/here"
tip init
expect "DIR defaults to the current folder" 0 \
	"initialised '.' (a new git repository): record types action, champion, course, definition"
tip undo
expect "undo of init" 0
check "  says so first" test "$(head -n 1 "$TMP/out")" = "undo: init: tip records repository"
check "  then what it took away" grep -qx "took away schemas/course.schema.yaml" "$TMP/out"
check "removes every file it wrote" test -z "$(git ls-files)$(find . -type f -not -path './.git/*')"
tip init
expect "init again after its undo (empty folders left behind do not count)" 0 \
	"initialised '.': record types action, champion, course, definition"

tip init a b
expect_stderr "two folders: a usage error" 2 "tip: init takes one DIR at most"
tip init --bare
expect_stderr "an unknown option: a usage error" 2 "tip: unknown option '--bare'"
tip init -h
expect "-h prints the usage" 0
check "the usage names init" grep -q '^usage: tip init \[DIR\]' "$TMP/out"

done_testing
