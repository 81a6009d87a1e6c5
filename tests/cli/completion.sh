# tip completion: the scripts for bash and zsh, and what they ask tip for (--list, --complete),
# in a repository with tip's own schemas, one more type (note), and a few records.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

programme_repo completion
cat >schemas/note.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Note
type: object
additionalProperties: false
required: [title]
properties:
  title: {type: string}
  author: {type: string, x-tip-personal: true}
  level: {type: string, enum: [informed, skilled]}
  done: {type: boolean}
  kinds: {type: array, items: {type: string, enum: [talk, walk]}}
  about: {type: array, items: {type: string, x-tip-ref: definition}}
YAML
mkdir -p records/notes
printf 'title: First\nauthor: Ann Example\n' >records/notes/first.yaml
printf 'term: Trauma\ndefinition: An event.\nstatus: draft\n' >records/definitions/trauma.yaml
printf 'term: Attachment\ndefinition: A bond.\nstatus: draft\n' >records/definitions/attachment.yaml
for id in wave-trust-training ebsa-consultation; do
	record courses $id <<'YAML'
title: A course
provider: Somebody
provider_type: internal
level_status: not-assessed
audience:
  - education
status: available
YAML
done
git add -A && git commit -q -m "records"
REPO=$PWD
words() { printf '%s\n' "$@"; }

# ---- --list ----

tip --help
commands=$(awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' "$TMP/out")
tip completion --list commands
expect "--list commands: the commands of tip --help, in its order" 0 "$commands"
tip completion --list types
expect "--list types" 0 "$(words action champion course definition note)"
tip completion --list ids course
expect "--list ids TYPE: sorted" 0 "$(words ebsa-consultation wave-trust-training)"
tip completion --list fields note
expect "--list fields TYPE: the schema's order, personal ones too" 0 \
	"$(words title author level done kinds about)"
tip completion --list values course level
expect "--list values: an enum" 0 "$(words informed skilled enhanced specialist)"
tip completion --list values note kinds
expect "--list values: the enum of a list's items" 0 "$(words talk walk)"
tip completion --list values note done
expect "--list values: true and false" 0 "$(words true false)"
tip completion --list values note about
expect "--list values: the ids a reference may take" 0 "$(words attachment trauma)"
tip completion --list values note title
expect "--list values: nothing for free text" 0 ""
tip completion --list options rm
expect "--list options COMMAND: from its options table, in its order" 0 "$(words --force --message --no-commit --format --include-personal)"
tip completion --list options validate
expect "--list options: every option of the table, whichever synopsis line it is in" 0 \
	"$(words --format --changed-since --schema --quiet)"
tip completion --list ids nosuchtype
expect "--list ids of an unknown type: nothing" 0 ""
tip completion --list colours
expect_stderr "--list of something else is a usage error" 2 "--list takes commands, types"
tip completion fish
expect_stderr "an unknown shell" 2 "unknown shell 'fish': use bash or zsh"
tip completion
expect_stderr "no shell" 2 "tip completion needs bash or zsh"

mkdir "$TMP/outside"
cd "$TMP/outside"
for q in types "ids course" "fields course" "values course level"; do
	# shellcheck disable=SC2086 # q holds the query's words
	tip completion --list $q
	if [ "$status" -eq 0 ] && [ ! -s "$TMP/out" ] && [ ! -s "$TMP/err" ]; then
		ok "outside a repository, --list $q prints nothing, not even an error"
	else
		not_ok "outside a repository, --list $q prints nothing, not even an error"
	fi
done
tip completion --complete set ""
expect "outside a repository, --complete has no types" 0 "words"
cd "$REPO"

# ---- --complete ----

tip completion --complete ""
expect "--complete: the commands and help" 0 "$(words words $commands help)"
tip completion --complete -
expect "--complete: tip's own options" 0 "$(words words -C --help --version)"
tip completion --complete set course wave-trust-training lev
expect "--complete: field names with =" 0 "$(words words level= level_status=)"
tip completion --complete set course wave-trust-training level=s
expect "--complete: a field's values after F=" 0 "$(words words level=skilled level=specialist)"
tip completion --complete set course x audience+=education,he
expect "--complete: the next item of a list, after F+=" 0 \
	"$(words words audience+=education,health)"
tip completion --complete set note first about=
expect "--complete: the ids a reference takes" 0 "$(words words about=attachment about=trauma)"
tip completion --complete set -m "a reason" note ""
expect "--complete: an option's argument is skipped" 0 "$(words words first)"
tip completion --complete list note --where a
expect "--complete: --where leaves personal fields out" 0 "$(words words about=)"
tip completion --complete list note --include-personal --where a
expect "--complete: --where offers them with --include-personal" 0 \
	"$(words words author= about=)"
tip completion --complete list note --where id=f
expect "--complete: --where id= takes ids" 0 "$(words words id=first)"
tip completion --complete list note --where "level!="
expect "--complete: --where after another operator" 0 \
	"$(words words 'level!=informed' 'level!=skilled')"
tip completion --complete list note --sort -l
expect "--complete: --sort -FIELD" 0 "$(words words -level)"
tip completion --complete list note --format=j
expect "--complete: --option=value" 0 "$(words words --format=json)"
tip completion --complete export ""
expect "--complete: TYPE|all" 0 "$(words words action champion course definition note all)"
tip completion --complete matrix --rows aud
expect "--complete: an option's field, of the type its help line says is the default" 0 \
	"$(words words audience)"
tip completion --complete matrix --type note --cols k
expect "--complete: an option's field, of the type given" 0 "$(words words kinds)"
tip completion --complete log course ""
expect "--complete: [TYPE [ID]]" 0 "$(words words ebsa-consultation wave-trust-training)"
tip completion --complete validate ""
expect "--complete: PATH is a file" 0 "files"
tip completion --complete validate --schema x.yaml ""
expect "--complete: --schema chooses validate's second synopsis" 0 "files"
tip completion --complete add course --file ""
expect "--complete: tip add --file takes a file" 0 "files"
tip completion --complete add course --id ""
expect "--complete: tip add --id takes a new id" 0 "words"
tip completion --complete init ""
expect "--complete: DIR" 0 "dirs"
tip completion --complete -C ""
expect "--complete: -C DIR" 0 "dirs"
tip completion --complete -C "$REPO/records" show note ""
expect "--complete: -C DIR then a command" 0 "$(words words first)"
tip completion --complete help s
expect "--complete: help COMMAND" 0 "$(words words set show search summary site sync status setup)"
tip completion --complete rm course x --
expect "--complete: a command's options" 0 "$(words words --force --message --no-commit --format --include-personal)"
tip completion --complete completion ""
expect "--complete: literal words" 0 "$(words words bash zsh)"

# ---- bash ----

tip completion bash
cp "$TMP/out" "$TMP/tip.bash"
expect "bash: the script" 0
cat >"$TMP/drive.bash" <<'EOF'
tip() { $TIP_WRAPPER "$TIP" "$@"; }
. "$1"
complete -p tip
# at LINE WORD...: completes at the end of LINE, whose words bash split into WORD...
at() {
	COMP_LINE=$1
	COMP_POINT=${#1}
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_tip
	echo "${COMPREPLY[*]}"
}
at 'tip li' tip li
at 'tip list course --f' tip list course --f
at 'tip list course --format ' tip list course --format ''
at 'tip show ' tip show ''
at 'tip show course ' tip show course ''
at 'tip set course ebsa-consultation le' tip set course ebsa-consultation le
at 'tip set course ebsa-consultation level=' tip set course ebsa-consultation level =
at 'tip set course ebsa-consultation level=sk' tip set course ebsa-consultation level = sk
at 'tip set note first done=' tip set note first done =
at "tip set -m 'a b' note " tip set -m "'a b'" note ''
at 'tip list note --where level!=' tip list note --where 'level!' =
at 'tip list note --where=lev' tip list note --where = lev
at 'tip validate rec' tip validate rec
at 'tip completion ' tip completion ''
EOF
(cd "$REPO" && TIP=$TIP TIP_WRAPPER=$TIP_WRAPPER bash --norc --noprofile "$TMP/drive.bash" \
	"$TMP/tip.bash") >"$TMP/out" 2>"$TMP/err"
status=$?
expect "bash: commands, options, types, ids, fields, values and files" 0 "$(cat <<'EOF'
complete -F _tip tip
list lint
--format
table csv json ids
action champion course definition note
ebsa-consultation wave-trust-training
level= level_status=
informed skilled enhanced specialist
skilled
true false
first
informed skilled
level=
records
bash zsh
EOF
)"

# ---- zsh ----

tip completion zsh
mkdir "$TMP/functions"
cp "$TMP/out" "$TMP/functions/_tip"
if ! command -v zsh >/dev/null 2>&1; then
	ok "zsh: the script and its completions # SKIP zsh is not installed"
	done_testing
	exit
fi
check "zsh: the script parses (zsh -n)" zsh -n "$TMP/functions/_tip"

# A real zsh on a terminal (zsh/zpty) with _tip in $fpath: each line is typed with a Tab at its
# end, and compadd, wrapped, writes down what completion offers.
cat >"$TMP/drive.zsh" <<'EOF'
fndir=$1 repo=$2 out=$3
shift 3
zmodload zsh/zpty || exit 2
zpty z zsh -f -i
zpty -w z "PS1=''; fpath=($fndir \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { local -a hits; builtin compadd -A hits \"\$@\";" \
	"(( \$#hits )) && print -rl -- \$hits >>$out; builtin compadd \"\$@\"; }"
zpty -w z "tip() { $TIP_WRAPPER $TIP \"\$@\"; }; cd $repo"
# Wait for the shell to be ready before the first Tab, then for each line's completion.
wait_for() {
	local i
	zpty -w z ": >$out.$1"
	for i in {1..600}; do [[ -e $out.$1 ]] && return; sleep 0.05; done
}
wait_for ready
n=0
for line in "$@"; do
	n=$((n + 1))
	zpty -w -n z "$line"$'\t'
	zpty -w z $'\C-u'"print -- '-- $n' >>$out"
	wait_for $n
done
zpty -d z
EOF
: >"$TMP/zsh-out"
(cd "$REPO" && TIP=$TIP TIP_WRAPPER=$TIP_WRAPPER zsh -f "$TMP/drive.zsh" "$TMP/functions" \
	"$REPO" "$TMP/zsh-out" 'tip li' 'tip set course ebsa-consultation level=' \
	'tip show note ' 'tip list note --where ' 'tip validate rec') >"$TMP/out" 2>"$TMP/err"
status=$?
cp "$TMP/zsh-out" "$TMP/out"
expect "zsh: completes commands, values, ids, fields and files from \$fpath's _tip" 0 "$(cat <<'EOF'
list
lint
-- 1
level=informed
level=skilled
level=enhanced
level=specialist
-- 2
first
-- 3
id=
title=
level=
done=
kinds=
about=
-- 4
records
records
-- 5
EOF
)"

done_testing
