# tip edit: the editor, validation on save, the user's text never lost, no change no commit.
. tests/cli/lib.sh

notes_repo edit
tip add note --set title=Stress </dev/null
here=$(git rev-parse HEAD)

# An "editor" that runs the sed expression in $EDIT on the file it is given, and records the
# argument it was given (a path of its own, never a shell string).
cat >"$TMP/ed" <<'SH'
#!/bin/sh
echo "$#:$1" >>"$EDITLOG"
[ -n "$EDIT" ] && sed -i "$EDIT" "$1"
exit 0
SH
chmod +x "$TMP/ed"
export EDITOR="$TMP/ed" EDITLOG="$TMP/editlog"
unset VISUAL

EDIT='s/^title: .*/title: Managing stress/' tip edit note stress -m "Clearer title."
expect "a valid edit is committed" 0 "edit note stress: Managing stress"
check "  the file" test "$(head -n 1 records/notes/stress.yaml)" = "title: Managing stress"
check "  the editor got one argument, a .yaml file" grep -q '^1:.*/stress.yaml$' "$EDITLOG"
check "  the reason and trailers" test "$(git log -1 --format=%b)" = "Clearer title.

Tip-Action: edit
Tip-Record: notes/stress"

here=$(git rev-parse HEAD)
EDIT= tip edit note stress
expect_stderr "no change, no commit" 0 "tip: note stress: no change, nothing to commit"
check "  nothing changed" unchanged_since "$here"

# Invalid, then the user fixes it: the second round shows the findings above their own text.
cat >"$TMP/fixer" <<'SH'
#!/bin/sh
n=$(cat "$ROUNDS" 2>/dev/null || echo 0)
echo $((n + 1)) >"$ROUNDS"
cp "$1" "$SEEN.$n"
if [ "$n" = 0 ]; then sed -i 's/^level: .*/level: expert/' "$1"
else sed -i 's/^level: expert/level: skilled/' "$1"; fi
SH
chmod +x "$TMP/fixer"
ROUNDS="$TMP/rounds" SEEN="$TMP/seen" EDITOR="$TMP/fixer" tip edit note stress
expect "reopened with the findings until valid, then committed" 0 "edit note stress: Managing stress"
check "  two rounds" test "$(cat "$TMP/rounds")" = 2
check "  the second round starts with the finding as a comment" \
	grep -q '^# tip: records/notes/stress.yaml:2:8: error: "expert" is not one of informed, skilled \[enum\]$' "$TMP/seen.1"
check "  followed by the user's own text" grep -q '^level: expert$' "$TMP/seen.1"
check "  the comments are not committed" test -z "$(grep '^#' records/notes/stress.yaml)"

# The user gives up: saving unchanged stops, nothing changes, and the text is kept.
here=$(git rev-parse HEAD)
rm -f "$TMP/rounds"
cat >"$TMP/quitter" <<'SH'
#!/bin/sh
n=$(cat "$ROUNDS" 2>/dev/null || echo 0)
echo $((n + 1)) >"$ROUNDS"
[ "$n" = 0 ] && sed -i 's/^level: .*/level: expert/' "$1"
exit 0
SH
chmod +x "$TMP/quitter"
ROUNDS="$TMP/rounds" EDITOR="$TMP/quitter" TMPDIR="$TMP" tip edit note stress
expect_stderr "saving unchanged after findings stops, as aborting at a prompt does" 2 "tip: stopped: note stress was not changed"
expect_stderr "  and says where the text is kept" 2 "tip: your text is kept in $TMP/tip-edit-"
expect_stderr "  and says what is still wrong with it" 2 '"expert" is not one of informed, skilled'
kept=$(sed -n 's/^tip: your text is kept in //p' "$TMP/err")
check "  the kept text is the user's" grep -q '^level: expert$' "$kept"
check "  nothing changed" unchanged_since "$here"

EDITOR=false tip edit note stress
expect_stderr "an editor that fails" 2 "did not exit cleanly"
check "  nothing changed" unchanged_since "$here"

VISUAL="$TMP/ed" EDITOR=false EDIT='s/^level: .*/level: informed/' tip edit note stress
expect "\$VISUAL comes before \$EDITOR" 0 "edit note stress: Managing stress"

# A comment would be lost in the canonical form: it is a finding, like any other.
rm -f "$TMP/rounds"
cat >"$TMP/commenter" <<'SH'
#!/bin/sh
n=$(cat "$ROUNDS" 2>/dev/null || echo 0)
echo $((n + 1)) >"$ROUNDS"
cp "$1" "$SEEN.$n"
if [ "$n" = 0 ]; then sed -i 's/^level: .*/level: skilled # agreed in March/' "$1"
else sed -i 's/ # agreed in March$//' "$1"; fi
SH
chmod +x "$TMP/commenter"
ROUNDS="$TMP/rounds" SEEN="$TMP/cseen" EDITOR="$TMP/commenter" tip edit note stress
expect "a comment is refused, then the text without it committed" 0 "edit note stress: Managing stress"
check "  the second round names the comment" grep -q '^# tip: records/notes/stress.yaml:2:16: error: comment would be lost' "$TMP/cseen.1"
check "  no comment committed" test "$(sed -n 2p records/notes/stress.yaml)" = "level: skilled"

# $EDITOR is run as git runs it: a command with options, tabs or a quoted path with spaces
# goes through the shell, with the file's path as its own argument after it.
here=$(git rev-parse HEAD)
mkdir -p "$TMP/My Editor"
cp "$TMP/ed" "$TMP/My Editor/ed"
EDITOR="\"$TMP/My Editor/ed\"" EDIT='s/^level: .*/level: informed/' tip edit note stress
expect "a quoted editor path with spaces is run" 0 "edit note stress: Managing stress"
: >"$EDITLOG"
printf '#!/bin/sh\necho "$#:$1:${2##*/}" >>"$EDITLOG"\nsed -i "$EDIT" "$2"\n' >"$TMP/ed2"
chmod +x "$TMP/ed2"
EDITOR="$(printf '%s\t-x' "$TMP/ed2")" EDIT='s/^level: .*/level: skilled/' tip edit note stress
expect "an editor with a tab before its option is run" 0 "edit note stress: Managing stress"
check "  with its option, then the file's path" grep -q '^2:-x:stress.yaml$' "$EDITLOG"
here=$(git rev-parse HEAD)
EDITOR="$(printf 'true\ta')" tip edit note stress
expect_stderr "an editor command of two words split by a tab" 0 "no change, nothing to commit"

# No editor that can be started: said, with what to set, and no text said to be kept.
folders=$(ls -d "$TMP"/tip-edit-* | wc -l)
EDITOR="$TMP/no-such-editor" TMPDIR="$TMP" tip edit note stress
expect_stderr "an editor that does not exist is said so" 2 "cannot start the editor '$TMP/no-such-editor'"
expect_stderr "  with what to set" 2 "set VISUAL or EDITOR"
check "  no text said to be kept" test -z "$(grep 'kept in' "$TMP/err")"
check "  no temporary folder left" test "$(ls -d "$TMP"/tip-edit-* | wc -l)" = "$folders"
check "  nothing changed" unchanged_since "$here"
EDITOR="\"$TMP/My Editor/none\" --wait" TMPDIR="$TMP" tip edit note stress
expect_stderr "a quoted editor path that does not exist is said so" 2 "cannot start the editor"
check "  no text said to be kept" test -z "$(grep 'kept in' "$TMP/err")"
check "  nothing changed" unchanged_since "$here"
(unset VISUAL EDITOR; PATH="$TMP/empty-path" "$TIP" edit note stress >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/status")
status=$(cat "$TMP/status")
expect_stderr "no editor installed at all: vi cannot be started" 2 "cannot start the editor 'vi'"
check "  no text said to be kept" test -z "$(grep 'kept in' "$TMP/err")"

# The text the editor leaves is read up to the limit of a record file (4 MiB), no further.
cat >"$TMP/grower" <<'SH'
#!/bin/sh
n=$(cat "$ROUNDS" 2>/dev/null || echo 0)
echo $((n + 1)) >"$ROUNDS"
[ "$n" = 0 ] || exit 1
yes 'title: x' | head -c 6000000 >>"$1"
SH
chmod +x "$TMP/grower"
rm -f "$TMP/rounds"
ROUNDS="$TMP/rounds" EDITOR="$TMP/grower" TMPDIR="$TMP" tip edit note stress
expect_stderr "an edited text over 4 MiB is refused, naming the limit" 2 \
	"is larger than the limit of 4 MiB"
check "  nothing changed" unchanged_since "$here"

# A broken file can be mended with tip edit.
printf 'title: [broken\n' >records/notes/broken.yaml
git add records/notes/broken.yaml && git commit -q -m "by hand"
EDIT='1c title: Mended\nlevel: informed' tip edit note broken
expect "a file that does not load can be mended" 0 "edit note broken: Mended"

done_testing
