# The CI kit: the pull-request workflow (.github/workflows/tip.yaml) and the pre-commit hooks
# (.pre-commit-hooks.yaml), their commands run as GitHub Actions and pre-commit would run them,
# on a pull request that changes one course, breaks another, leaves a third not canonical and
# uses a term the glossary avoids.
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
"Install what tip needs to build|Build tip|Validate the records|Check that the records are in canonical form|Check the wording against the glossary|Summarise what the pull request changes|"
missing=
# the libraries tip links with: the unindented `have_pkg NAME || need=...` lines
for pkg in $(sed -n 's/^have_pkg [^ ]* || need="$need \(lib[a-z0-9-]*-dev\)"$/\1/p' \
	"$SOURCE_ROOT/.ci/install-deps"); do
	grep -q " $pkg\b" "$workflow" || missing="$missing $pkg"
done
check "the workflow installs every library .ci/install-deps builds with" \
	test -z "$missing" -a -n "$pkg"
check "tip init writes this workflow" test -n "$(grep -l 'tip_default_workflow' "$SOURCE_ROOT/lib/init.c")"

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

# ---- the pre-commit hooks ----

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
    entry: {type: string, pattern: "^tip "}
    language: {const: system}
    files: {type: string}
    pass_filenames: {type: boolean}
YAML
tip validate --schema "$TMP/hooks.schema.yaml" "$hooks"
expect "the hooks file is strict YAML in the shape pre-commit reads" 0 ""

# run_hook ID FILE...: runs (through env, so that `tip` is the program on PATH and not this
# script's function of that name) the hook's entry as pre-commit would for a commit staging FILEs:
# with those that match its files pattern appended, unless pass_filenames is false, and not at
# all when none matches.
run_hook() {
	id=$1
	shift
	awk -v id="$id" '
	/^- id: / { cur = $3 }
	cur == id && /^  (entry|files|pass_filenames): / { k = $1; sub(/:$/, "", k); sub(/^  [a-z_]+: /, ""); print k "\t" $0 }
	' "$hooks" >"$TMP/hook"
	entry=$(sed -n 's/^entry\t//p' "$TMP/hook")
	files=$(sed -n 's/^files\t//p' "$TMP/hook")
	pass=$(sed -n 's/^pass_filenames\t//p' "$TMP/hook")
	matching=$(printf '%s\n' "$@" | grep -E "${files:-.}")
	status=0
	: >"$TMP/out"
	: >"$TMP/err"
	[ -n "$matching" ] || return
	if [ "$pass" = false ]; then
		env PATH="$TMP/bin:$PATH" $entry >"$TMP/out" 2>"$TMP/err"
	else
		# shellcheck disable=SC2086 # word splitting is what pre-commit does with the files
		env PATH="$TMP/bin:$PATH" $entry $matching >"$TMP/out" 2>"$TMP/err"
	fi
	status=$?
}

git checkout -q main
staged="records/courses/education-attachment-trauma-skilled.yaml
records/courses/virtual-school-enhanced-training-package.yaml
records/courses/wave-trust-training.yaml"
git checkout -q better-courses -- $staged
run_hook tip-validate $staged
expect_stderr "tip-validate stops a commit that breaks a record" 1 "1 finding"
check "and names the record at fault" \
	grep -q '^records/courses/education-attachment-trauma-skilled.yaml:4:8: error: "expert"' "$TMP/out"
run_hook tip-lint $staged
if [ "$status" -eq 1 ] && grep -q '^records/courses/wave-trust-training.yaml:8:116: error: "school refusal"' "$TMP/out"; then
	ok "tip-lint stops a commit that uses an avoided term"
else
	not_ok "tip-lint stops a commit that uses an avoided term"
fi
run_hook tip-fmt $staged
if [ "$status" -eq 0 ] &&
	grep -qx 'provider_type: internal' records/courses/virtual-school-enhanced-training-package.yaml; then
	ok "tip-fmt writes the staged record in canonical form (pre-commit then stops the commit)"
else
	not_ok "tip-fmt writes the staged record in canonical form (pre-commit then stops the commit)"
fi
git checkout -q main -- records
run_hook tip-validate README.md
check "a commit that touches no record runs no hook" test "$status" -eq 0 -a ! -s "$TMP/err"
run_hook tip-validate records/courses/wave-trust-training.yaml
expect "tip-validate passes a commit of valid records" 0 ""

done_testing
