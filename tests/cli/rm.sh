# tip rm: removal as a commit, refused while other records refer to the record.
. tests/cli/lib.sh

notes_repo rm
tip add note --set title=Stress --set topics=trauma,attachment </dev/null
here=$(git rev-parse HEAD)

tip rm topic trauma
expect_stderr "refused while referred to: the places listed" 1 \
	'records/notes/stress.yaml:4:5: error: "trauma" is not an existing topic [x-tip-ref]'
expect_stderr "  with what to do" 1 \
	"tip: topic 'trauma' is referred to in 1 place in the last commit (above): change those and commit them first, or use --force"
check "  nothing changed" unchanged_since "$here"

tip set note stress topics-=trauma -m "Trauma is covered elsewhere."
tip rm topic trauma -m "Merged into attachment."
expect "unreferenced: removed and committed" 0 "rm topic trauma: Trauma"
check "  the file is gone" test ! -e records/topics/trauma.yaml
check "  the message" test "$(git log -1 --format=%B)" = "rm topic trauma: Trauma

Merged into attachment.

Tip-Action: rm
Tip-Record: topics/trauma"
check "  nothing left uncommitted" test -z "$(git status --porcelain -uall)"

tip rm topic attachment --force
expect "--force removes it all the same" 0 "rm topic attachment: Attachment"
tip validate -q
expect "  and validate then shows the broken reference" 1 \
	'records/notes/stress.yaml:4:5: error: "attachment" is not an existing topic [x-tip-ref]'

printf 'title: [broken\n' >records/notes/broken.yaml
git add records/notes/broken.yaml && git commit -q -m "by hand"
tip rm note broken
expect "a record that does not load can still be removed" 0 "rm note broken"

mkdir -p records/misc && printf 'title: x\n' >records/misc/other.yaml
git add records/misc && git commit -q -m "a folder no schema claims"
tip add topic --set title=Unused </dev/null
tip rm topic unused
expect "a file elsewhere that validate would report is not a reference" 0 "rm topic unused: Unused"

tip rm topic nowhere
expect_stderr "a record that does not exist" 2 "tip: there is no topic 'nowhere'"
tip rm topic
expect_stderr "TYPE and ID are needed" 2 "tip rm needs TYPE and ID"

done_testing
