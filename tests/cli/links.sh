# Symbolic links under records/ and schemas/ are refused everywhere, read or written, in the
# working tree and in commits: a link can lead outside the repository, whose files would then
# be read into records, committed as records or overwritten. And a folder named like a record
# file is one finding to tip validate and skipped by everything else.
. tests/cli/lib.sh

notes_repo repo
printf 'title: One\nlevel: informed\n' >records/notes/one.yaml
git add . && git commit -q -m one
start=$(git rev-parse HEAD)
mkdir "$TMP/outside"
printf 'title: Secret\nlevel: informed\n' >"$TMP/outside/secret.yaml"
export EDITOR=true VISUAL=true
link_message="is a symbolic link: tip reads and writes only the repository's own files, and a link may lead outside it"

# refused_everywhere PATH ID: every reading and writing command refuses, naming PATH, and
# nothing is committed or written; ID is a record whose path holds the link.
refused_everywhere() {
	for command in "validate" "list note" "show note $2" "export note --format json" \
		"set note $2 title=Changed" "edit note $2" "rm note $2" "fmt" "fmt --check" "lint" "due" \
		"add note --set title=New --id $2 --no-commit" \
		"add note --set title=New --id $2"; do
		tip $command
		expect_stderr "$1: tip $command" 2 "tip: '$1' $link_message"
	done
	check "$1: nothing committed" test "$(git rev-parse HEAD)" = "$start"
	check "$1: nothing written outside" test "$(ls "$TMP/outside" | grep -v '^notes$')" = "secret.yaml"
	check "$1: the file outside unchanged" test "$(cat "$TMP/outside/secret.yaml")" = \
		"title: Secret
level: informed"
}

# A record that is a link to a file outside, tracked as a link (mode 120000).
ln -s "$TMP/outside/secret.yaml" records/notes/secret.yaml
git add records/notes/secret.yaml && git commit -q -m "a link" && start=$(git rev-parse HEAD)
refused_everywhere records/notes/secret.yaml secret
for command in "validate" "fmt --check" "lint"; do
	tip $command records/notes/secret.yaml
	expect_stderr "named: tip $command records/notes/secret.yaml" 2 \
		"tip: 'records/notes/secret.yaml' $link_message"
done
check "still a link in git" test "$(git ls-files -s records/notes/secret.yaml | cut -c1-6)" = 120000

# In a commit's tree: refused when read at that commit.
tip diff HEAD~1 HEAD
expect_stderr "a link in a commit: tip diff" 2 \
	"tip: 'records/notes/secret.yaml' in commit $start $link_message"
tip summary --format json
expect_stderr "a link in a commit: tip summary" 2 \
	"tip: 'records/notes/secret.yaml' in commit $start $link_message"
git rm -q records/notes/secret.yaml && git commit -q -m "no link" && start=$(git rev-parse HEAD)

# A collection folder that is a link.
mv records/notes "$TMP/outside/notes"
ln -s "$TMP/outside/notes" records/notes
refused_everywhere records/notes one
check "the linked folder's records unchanged" test "$(ls "$TMP/outside/notes")" = "one.yaml"
rm records/notes && mv "$TMP/outside/notes" records/notes

# records/ itself, and schemas/, as links.
mv records "$TMP/outside/records" && ln -s "$TMP/outside/records" records
for command in "list note" "show note one" "set note one title=Changed" "add note --set title=New --no-commit"; do
	tip $command
	expect_stderr "records/: tip $command" 2 "tip: 'records' $link_message"
done
tip validate
expect_stderr "records/: tip validate" 2 "tip: 'records' $link_message"
rm records && mv "$TMP/outside/records" records
mv schemas "$TMP/outside/schemas" && ln -s "$TMP/outside/schemas" schemas
for command in "validate" "list note" "set note one title=Changed"; do
	tip $command
	expect_stderr "schemas/: tip $command" 2 "tip: 'schemas' $link_message"
done
rm schemas && mv "$TMP/outside/schemas" schemas
mv schemas/topic.schema.yaml "$TMP/outside/" && ln -s "$TMP/outside/topic.schema.yaml" schemas/
tip list note
expect_stderr "a schema file: tip list" 2 "tip: 'schemas/topic.schema.yaml' $link_message"
rm schemas/topic.schema.yaml && git checkout -q -- schemas
check "(all as before)" unchanged_since "$start"

# A folder named like a record file: one finding to validate, skipped by the rest.
cd "$TMP" && tip init programme && cd programme
mkdir records/courses/folder.yaml && printf 'x\n' >records/courses/folder.yaml/file
tip validate
expect "a folder named like a record: tip validate" 1 \
	"records/courses/folder.yaml: error: a folder, not a record file: records are files records/<collection>/<id>.yaml; move what it holds and remove the folder [layout]"
for command in "list course --format ids" "export course --format json" "export all --format json" \
	"due" "matrix" "lint" "fmt --check" "fmt" "summary --format json" "show course folder"; do
	tip $command
	case $command in
	show*) expect_stderr "a folder named like a record: tip $command" 2 \
		"tip: 'records/courses/folder.yaml' is a folder, not a record file" ;;
	*) expect "a folder named like a record: tip $command" 0 ;;
	esac
done

done_testing
