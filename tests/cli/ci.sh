# The CI kit: the pull-request workflow (.github/workflows/tip.yaml), its commands run as GitHub
# Actions would run them, on a pull request that changes one course, breaks another, leaves a
# third not canonical and uses a term the glossary avoids; and the pre-commit hooks
# (.pre-commit-hooks.yaml), run by pre-commit itself on commits with the same faults, on a
# commit that only removes a record others refer to, and with --all-files.
. tests/cli/lib.sh

workflow=$SOURCE_ROOT/.github/workflows/tip.yaml
hooks=$SOURCE_ROOT/.pre-commit-hooks.yaml

# The steps' commands run the `tip` on PATH: this one, under TIP_WRAPPER when it is set.
mkdir -p "$TMP/bin"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$TIP_WRAPPER" "$TIP" >"$TMP/bin/tip"
chmod +x "$TMP/bin/tip"

# workflow_steps FILE DIR: each step of the job that has a `run:` as DIR/NN.sh (its script) and
# DIR/NN.name (its name). The workflow keeps to one layout: steps at six spaces, `run: |`
# blocks indented by ten, single-line `run: command`.
workflow_steps() {
	awk -v dir="$2" '
	/^      - / { n++; name = ""; inrun = 0 }
	/^      - name: / || /^        name: / { sub(/^ +(- )?name: /, ""); name = $0 }
	inrun && /^          / { sub(/^          /, ""); print > (dir "/" sprintf("%02d", n) ".sh"); next }
	inrun && !/^$/ { inrun = 0 }
	/^        run: [|]$/ { inrun = 1; print name > (dir "/" sprintf("%02d", n) ".name"); next }
	/^        run: / { sub(/^        run: /, "");
		print > (dir "/" sprintf("%02d", n) ".sh"); print name > (dir "/" sprintf("%02d", n) ".name") }
	' "$1"
}

# run_step NAME: runs the step of that name as GitHub runs a `run:` (bash -e, pipefail) with
# the pull request's environment; its output in $TMP/out and $TMP/err, its status in $status.
run_step() {
	script=
	for f in "$TMP/steps"/*.name; do
		[ "$(cat "$f")" = "$1" ] && script=${f%.name}.sh
	done
	if [ -z "$script" ]; then
		echo "no step named '$1'" >"$TMP/err"
		: >"$TMP/out"
		status=127
		return
	fi
	PATH="$TMP/bin:$PATH" GITHUB_BASE_REF=main GITHUB_STEP_SUMMARY="$TMP/summary" \
		GITHUB_PATH="$TMP/github-path" RUNNER_TEMP="$TMP/runner" \
		bash --noprofile --norc -eo pipefail "$script" >"$TMP/out" 2>"$TMP/err"
	status=$?
}

# ---- the workflow itself ----

cat >"$TMP/workflow.schema.yaml" <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: [name, "on", permissions, env, jobs]
properties:
  "on":
    type: object
    required: [pull_request]
  env:
    required: [TIP_SOURCE, TIP_VERSION]
  jobs:
    type: object
    minProperties: 1
    additionalProperties:
      type: object
      required: [runs-on, steps]
      properties:
        steps:
          type: array
          items:
            type: object
            properties:
              name: {type: string}
              run: {type: string}
              if: {type: string}
YAML
tip validate --schema "$TMP/workflow.schema.yaml" "$workflow"
expect "the workflow is strict YAML in the shape GitHub Actions reads" 0 ""
mkdir -p "$TMP/steps"
workflow_steps "$workflow" "$TMP/steps"
check "the workflow has its steps" test "$(cat "$TMP/steps"/*.name | tr '\n' '|')" = \
"Install what tip needs to build|Build tip|Validate the records|Check that the records are in canonical form|Check the wording against the glossary|Summarise what the pull request changes|Install what tip needs to build|Build tip|Build the website|"
missing=
# the libraries tip links with: the unindented `have_pkg NAME || need=...` lines
for pkg in $(sed -n 's/^have_pkg [^ ]* || need="$need \(lib[a-z0-9-]*-dev\)"$/\1/p' \
	"$SOURCE_ROOT/.ci/install-deps"); do
	grep -q " $pkg\b" "$workflow" || missing="$missing $pkg"
done
check "the workflow installs every library .ci/install-deps builds with" \
	test -z "$missing" -a -n "$pkg"
check "tip init writes this workflow" test -n "$(grep -l 'tip_default_workflow' "$SOURCE_ROOT/lib/store/init.c")"

# ---- the website: built and published on GitHub Pages from the default branch ----

cat >"$TMP/site-job.schema.yaml" <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
type: object
required: ["on", jobs]
properties:
  "on":
    type: object
    required: [pull_request, push]
  jobs:
    type: object
    required: [records, site]
    properties:
      records:
        required: [if]
        properties:
          if: {type: string, pattern: "github.event_name != 'push'"}
      site:
        type: object
        required: [if, runs-on, permissions, environment, steps]
        properties:
          if:
            type: string
            allOf:
              - pattern: "github.event_name != 'pull_request'"
              - pattern: "github.ref == format[(]'refs/heads/[{]0[}]', github.event.repository.default_branch[)]"
          permissions:
            type: object
            required: [pages, id-token]
            properties:
              pages: {const: write}
              id-token: {const: write}
          environment:
            type: object
            required: [name]
            properties:
              name: {const: github-pages}
          steps:
            type: array
            allOf:
              - contains: {required: [uses], properties: {uses: {pattern: "^actions/configure-pages@v[0-9]+$"}}}
              - contains: {required: [uses], properties: {uses: {pattern: "^actions/upload-pages-artifact@v[0-9]+$"}}}
              - contains: {required: [uses], properties: {uses: {pattern: "^actions/deploy-pages@v[0-9]+$"}}}
YAML
tip validate --schema "$TMP/site-job.schema.yaml" "$workflow"
expect "the site job publishes on GitHub Pages from the default branch; the records job runs on pull requests" 0 ""

# The step that builds the site, with a tip that only says how it was called.
mkdir -p "$TMP/fake-bin" "$TMP/fake-site"
printf '#!/bin/sh\necho "$@"\n' >"$TMP/fake-bin/tip"
chmod +x "$TMP/fake-bin/tip"
site_step=
for f in "$TMP/steps"/*.name; do
	[ "$(cat "$f")" = "Build the website" ] && site_step=${f%.name}.sh
done
(cd "$TMP/fake-site" && PATH="$TMP/fake-bin:$PATH" BASE_URL=https://city.github.io/tip-records \
	bash --noprofile --norc -eo pipefail "${site_step:-/nonexistent}") >"$TMP/out" 2>"$TMP/err"
expect "the site is built into _site with the Pages address as its base URL" 0 \
	"site --output _site --base-url https://city.github.io/tip-records/"

# ---- a pull request ----

new_repo records
cp "$SOURCE_ROOT"/schemas/*.yaml schemas/
cp -r "$SOURCE_ROOT/records/." records/
mkdir -p .github/workflows && cp "$workflow" .github/workflows/
git add . && git commit -q -m "the records" && git branch -q -M main
git update-ref refs/remotes/origin/main main
git checkout -q -b better-courses
sed -i 's/^level: informed$/level: skilled/' records/courses/scc-tip-and-aces-training.yaml
sed -i 's/^level: skilled$/level: expert/' records/courses/education-attachment-trauma-skilled.yaml
sed -i 's/^provider_type: internal$/provider_type:   internal/' \
	records/courses/virtual-school-enhanced-training-package.yaml
sed -i 's/^description: \(.*\)$/description: \1 It follows on from School Refusal days./' \
	records/courses/wave-trust-training.yaml
git commit -q -a -m "better courses"

run_step "Build tip"
expect "without TIP_SOURCE and without tip's source, the build step says what to set" 1 \
"::error file=.github/workflows/tip.yaml::set TIP_SOURCE to the git URL of tip's source code"

run_step "Validate the records"
expect "validate annotates the broken record at its line and column" 1 \
'::error file=records/courses/education-attachment-trauma-skilled.yaml,line=4,col=8,title=enum::"expert" is not one of informed, skilled, enhanced, specialist'

run_step "Check that the records are in canonical form"
expect "fmt --check annotates the line that is not canonical" 1 \
"::error file=records/courses/virtual-school-enhanced-training-package.yaml,line=3,title=fmt::not in canonical form: run tip fmt records/courses/virtual-school-enhanced-training-package.yaml"

run_step "Check the wording against the glossary"
expect "lint annotates the avoided term where it is used" 1 \
'::error file=records/courses/wave-trust-training.yaml,line=8,col=116,title=avoid-term::"school refusal" is a term to avoid: use "Emotionally based school absence" instead'

: >"$TMP/summary"
run_step "Summarise what the pull request changes"
cat >"$TMP/want" <<'MD'
## Record changes

3 records changed: 3 changed

### Courses

| Record | Change |
| --- | --- |
| `education-attachment-trauma-skilled` | level: skilled → expert |
| `scc-tip-and-aces-training` | level: informed → skilled |
| `wave-trust-training` | description: Multi-agency training for practitioners across the city from an external provider. → Multi-agency training for practitioners across the city from an external provider. It follows on from School Refusal days. |
MD
if [ "$status" -eq 0 ] && [ ! -s "$TMP/out" ] && cmp -s "$TMP/want" "$TMP/summary"; then
	ok "the change summary goes into the job summary"
else
	not_ok "the change summary goes into the job summary" "summary:" "$(cat "$TMP/summary")"
fi

# ---- the pre-commit hooks, run by pre-commit itself ----

cat >"$TMP/hooks.schema.yaml" <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
type: array
minItems: 1
items:
  type: object
  additionalProperties: false
  required: [id, name, entry, language]
  properties:
    id: {type: string, pattern: "^tip-"}
    name: {type: string}
    description: {type: string}
    entry: {type: string}
    language: {enum: [system, script]}
    files: {type: string}
    pass_filenames: {type: boolean}
    always_run: {type: boolean}
    require_serial: {type: boolean}
YAML
tip validate --schema "$TMP/hooks.schema.yaml" "$hooks"
expect "the hooks file is strict YAML in the shape pre-commit reads" 0 ""

if ! command -v pre-commit >/dev/null 2>&1; then
	status=127
	echo "pre-commit is not on PATH" >"$TMP/err"
	: >"$TMP/out"
	not_ok "pre-commit runs tip's hooks: pre-commit is not installed (sh .ci/install-deps test installs Debian's)"
	done_testing
	exit 1
fi

# tip's source as a hooks repository: what a records repository's .pre-commit-config.yaml
# names, at a commit.
hooks_repo=$TMP/hooks-repo
mkdir -p "$hooks_repo"
cp "$hooks" "$hooks_repo/" && cp -r "$SOURCE_ROOT/.ci" "$hooks_repo/"
git -C "$hooks_repo" init -q . && git -C "$hooks_repo" add -A &&
	git -C "$hooks_repo" commit -q -m "hooks"
new_repo hooked
cp "$SOURCE_ROOT"/schemas/*.yaml schemas/
cp -r "$SOURCE_ROOT/records/." records/
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks_repo
    rev: $(git -C "$hooks_repo" rev-parse HEAD)
    hooks:
      - id: tip-validate
      - id: tip-fmt
      - id: tip-lint
YAML
git add . && git commit -q -m "the records"
export PRE_COMMIT_HOME="$TMP/pre-commit-home"

# with_hooks COMMAND...: runs the command (git commit, pre-commit run) with this tip on PATH.
with_hooks() {
	PATH="$TMP/bin:$PATH" "$@" >"$TMP/out" 2>&1
	status=$?
	: >"$TMP/err"
}
with_hooks pre-commit install
check "pre-commit install" test "$status" -eq 0

here=$(git rev-parse HEAD)
sed -i 's/^level: skilled$/level: expert/' records/courses/education-attachment-trauma-skilled.yaml
sed -i 's/^provider_type: internal$/provider_type:   internal/' \
	records/courses/virtual-school-enhanced-training-package.yaml
sed -i 's/^description: \(.*\)$/description: \1 It follows on from School Refusal days./' \
	records/courses/wave-trust-training.yaml
git add records
with_hooks git commit -q -m "better courses"
check "a commit that breaks a record, is not canonical and uses an avoided term is stopped" \
	test "$status" -ne 0 -a "$(git rev-parse HEAD)" = "$here"
check "  tip-validate names the record at fault" \
	grep -q '^records/courses/education-attachment-trauma-skilled.yaml:4:8: error: "expert"' "$TMP/out"
check "  tip-lint the avoided term" \
	grep -q '^records/courses/wave-trust-training.yaml:8:116: error: "school refusal"' "$TMP/out"
check "  tip-fmt writes the record in canonical form" \
	grep -qx 'provider_type: internal' records/courses/virtual-school-enhanced-training-package.yaml
git reset -q --hard

printf 'Notes\n' >notes.txt && git add notes.txt
with_hooks git commit -q -m "notes"
check "a commit that touches no record passes" test "$status" -eq 0
sed -i 's/^level: skilled$/level: enhanced/' records/courses/education-attachment-trauma-skilled.yaml
git add records
with_hooks git commit -q -m "a valid change"
check "a commit of valid records passes" test "$status" -eq 0

here=$(git rev-parse HEAD)
git rm -q records/actions/scope-training-offer.yaml
with_hooks git commit -q -m "only a removal"
check "a commit that only removes a record others refer to is stopped" \
	test "$status" -ne 0 -a "$(git rev-parse HEAD)" = "$here"
check "  naming each record that still refers to it" test "$(grep -c '"scope-training-offer" is not an existing action' "$TMP/out")" -eq 2
git commit -q --no-verify -m "the removal, without the hooks"
with_hooks pre-commit run --all-files
check "pre-commit run --all-files finds what is wrong in records no commit changes" \
	test "$status" -ne 0 -a "$(grep -c '"scope-training-offer" is not an existing action' "$TMP/out")" -eq 2
git reset -q --hard HEAD~1
with_hooks pre-commit run --all-files
check "  and passes when all is well" test "$status" -eq 0

done_testing
