# tip add, with --set and at its prompts, reads values as tip set does: dates day first or with
# the month's name, saying how they were read, and choices in any case.
. tests/cli/lib.sh
. tests/cli/fixtures/talks.sh
PTY=${PTY:-$(dirname "$TIP")/tests/pty-run}

talks_repo prompt-values
cat >"$TMP/script" <<'SCRIPT'
expect (title)
send Café chat
expect (speaker)
send
expect (level)
send ENHANCED
expect (given)
expect a date: 2026-12-31, 31/12/2026 or 31 December 2026 (day first)
send 12/31/2026
expect dates are read day first, and there is no month 31
send 1/3/2026
expect read 1/3/2026 as 1 March 2026 (2026-03-01)
expect (minutes)
send
expect (score)
send
expect (online)
send False
expect (tags)
send
expect Add an item?
send
expect (notes)
send
expect Enter for: cafe-chat
send
expect Commit it?
send c
SCRIPT
: >"$TMP/err"
$PTY "$TMP/script" $TIP_WRAPPER "$TIP" add talk >"$TMP/out" 2>&1
status=$?
expect "prompts: a date day first, a choice in capitals" 0
check "  stored as the schema wants them" test "$(cat records/talks/cafe-chat.yaml)" = \
"title: Café chat
level: enhanced
given: '2026-03-01'
online: false"

tip add talk --set title=Scripted --set level=Skilled --set "given=1 Mar 26" </dev/null
expect_stderr "--set: the same" 0 "note: given: read 1 Mar 26 as 1 March 2026 (2026-03-01)"
check "  stored as the schema wants them" test "$(cat records/talks/scripted.yaml)" = \
"title: Scripted
level: skilled
given: '2026-03-01'"

done_testing
