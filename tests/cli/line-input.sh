# Reading one answer at a terminal: long and pasted text, line editing, the editor for long
# text fields, and Ctrl-C.
. tests/cli/lib.sh
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}

new_repo terms
cat >schemas/term.schema.yaml <<'YAML'
title: Term
type: object
additionalProperties: false
required: [term, definition]
properties:
  term:
    title: Term
    type: string
    minLength: 1
  definition:
    title: Definition
    description: What the term means.
    type: string
    minLength: 20
  notes:
    title: Notes
    type: string
YAML
mkdir -p records/terms
printf 'term: Kept\ndefinition: As it was, before anything.\n' >records/terms/kept.yaml
git add . && git commit -q -m start

# pty_tip SCRIPT ARGS...: tip ARGS on a terminal driven by SCRIPT (pty-run's), all its output
# in $TMP/out.
pty_tip() {
	script=$1
	shift
	$PTY "$script" $TIP_WRAPPER "$TIP" "$@" >"$TMP/out" 2>&1
	status=$?
	: >"$TMP/err"
}

# Ends $TMP/script: the id as suggested, and commit.
id_and_commit() {
	printf 'expect Id\nsend\nexpect Commit it?\nsend c\n' >>"$TMP/script"
}

# 6,299 characters on 90 lines, as a definition is pasted from a document.
i=0
while [ $i -lt 100 ]; do
	printf 'Line %03d of a long definition, pasted at the prompt: every word is kept.\n' $i
	i=$((i + 1))
done | head -c 6299 >"$TMP/long.txt"
check "the pasted text is 6,299 characters, ending in a word" \
	sh -c "[ \$(wc -c <'$TMP/long.txt') -eq 6299 ] && [ \"\$(tail -c 1 '$TMP/long.txt')\" = e ]"

cat >"$TMP/script" <<SCRIPT
expect Term (term)
send Long one
expect Definition (definition)
paste-file $TMP/long.txt
send
expect Notes (notes)
send Next answer
SCRIPT
id_and_commit
here=$(git rev-parse HEAD)
pty_tip "$TMP/script" add term
expect "a 6,299-character paste of 90 lines is one answer" 0
{ printf 'term: Long one\ndefinition: |-\n'; sed 's/^/  /' "$TMP/long.txt"
	printf '\nnotes: Next answer\n'; } >"$TMP/expected"
check "  stored whole, as a block, and the next question got its own answer" \
	cmp records/terms/long-one.yaml "$TMP/expected"
check "  one commit" test "$(git rev-parse HEAD~1)" = "$here"

# Typing: Backspace (back over a pasted line end too), Ctrl-W (a word), Ctrl-U (the answer);
# arrow keys are not part of the text.
cat >"$TMP/script" <<'SCRIPT'
expect Term (term)
type Groundx\bing wrong\x17techniques\e[D\e[A
send
expect Definition (definition)
type rubbish here\x15
paste Ways to feel\nsafe
type \b\b\b\b\b safe again
send
expect Notes (notes)
send
SCRIPT
id_and_commit
pty_tip "$TMP/script" add term
expect "line editing at the prompt" 0
check "  the answers as edited" test "$(cat records/terms/grounding-techniques.yaml)" = \
"term: Grounding techniques
definition: Ways to feel safe again"

# Ctrl-C at a question: said, exit 130, the terminal as it was, nothing written.
here=$(git rev-parse HEAD)
cat >"$TMP/script" <<'SCRIPT'
expect Term (term)
send Half done
expect Definition (definition)
ctrl-c
expect status=
SCRIPT
$PTY "$TMP/script" sh -c "$TIP_WRAPPER \"$TIP\" add term; echo status=\$?; stty -a" \
	>"$TMP/out" 2>&1
status=$?
expect "Ctrl-C at a question ends tip add alone" 0
check "  saying so" grep -q "interrupted: nothing was written" "$TMP/out"
check "  with exit status 130" grep -q "status=130" "$TMP/out"
check "  the terminal's mode restored" grep -q "isig icanon iexten echo " "$TMP/out"
check "  bracketed paste off again" sh -c \
	"grep -a -o '.\[?2004[hl]' '$TMP/out' | tail -n 1 | grep -q l"
check "  nothing written" unchanged_since "$here"

cat >"$TMP/script" <<'SCRIPT'
expect Term (term)
send Late
expect Definition
send Late, but long enough.
expect Notes
send
expect Id
send
expect Commit it?
ctrl-c
SCRIPT
pty_tip "$TMP/script" add term
expect "Ctrl-C at Commit it? too" 130
check "  saying so" grep -q "interrupted: nothing was written" "$TMP/out"
check "  nothing written" unchanged_since "$here"

# A long text field can be written in the editor: "e" at its question.
cat >"$TMP/editor" <<'SH'
#!/bin/sh
if [ -s "$1" ]; then
	sed -i 's/^Too short$/A way of working that asks what happened to a person,/' "$1"
	printf 'not what is wrong with them.\n' >>"$1"
else
	printf 'Too short\n' >"$1"
fi
SH
chmod +x "$TMP/editor"
cat >"$TMP/script" <<'SCRIPT'
expect Term (term)
send Trauma informed
expect Definition (definition)
expect e to write it in your editor
send e
expect is too short
send e
expect Notes (notes)
send e
SCRIPT
id_and_commit
EDITOR="$TMP/editor" pty_tip "$TMP/script" add term
expect "e at a long text field: written in the editor, checked, the draft opened again" 0
check "  stored as the editor left it, lines as a block; e at another field is text" \
	test "$(cat records/terms/trauma-informed.yaml)" = \
"term: Trauma informed
definition: |-
  A way of working that asks what happened to a person,
  not what is wrong with them.
notes: e"

cat >"$TMP/script" <<'SCRIPT'
expect Term (term)
send Trauma informed practice
expect Definition (definition)
send :e
expect (9 characters from your editor)
expect is too short
send Typed after all, long enough
expect Notes (notes)
send
SCRIPT
id_and_commit
EDITOR="$TMP/editor" pty_tip "$TMP/script" add term
expect ":e opens the editor too" 0
check "  the typed answer after it" test "$(cat records/terms/trauma-informed-practice.yaml)" = \
"term: Trauma informed practice
definition: Typed after all, long enough"

# Ctrl-C while the editor runs (tip edit, or e at a question): said the same way.
cat >"$TMP/editor" <<'SH'
#!/bin/sh
echo "editing $1"
read answer
SH
here=$(git rev-parse HEAD)
printf 'expect editing\nctrl-c\n' >"$TMP/script"
EDITOR="$TMP/editor" pty_tip "$TMP/script" edit term kept
expect "Ctrl-C in tip edit's editor" 130
check "  saying so" grep -q "interrupted: nothing was written" "$TMP/out"
check "  the record as it was" test "$(cat records/terms/kept.yaml)" = \
"term: Kept
definition: As it was, before anything."
check "  nothing written" unchanged_since "$here"

done_testing
