# Finding and opening the repository: GIT_DIR and GIT_WORK_TREE as git takes them, bare
# repositories, and index formats tip cannot read.
. tests/cli/lib.sh

notes_repo b
printf 'title: In B\nlevel: informed\n' >records/notes/only-b.yaml && git add . && git commit -q -m "b"
b_head=$(git rev-parse HEAD)
notes_repo a
printf 'title: In A\nlevel: informed\n' >records/notes/only-a.yaml && git add . && git commit -q -m "a"
a_head=$(git rev-parse HEAD)

# Inside A, GIT_DIR and GIT_WORK_TREE naming B: B is the repository, as for git.
GIT_DIR=$TMP/b/.git GIT_WORK_TREE=$TMP/b tip list note --format ids
expect "GIT_DIR and GIT_WORK_TREE: the records of B" 0 "only-b"
GIT_DIR=$TMP/b/.git GIT_WORK_TREE=$TMP/b tip set note only-b title="Changed in B"
expect "GIT_DIR and GIT_WORK_TREE: a write" 0
check "commits to B" test "$(git -C "$TMP/b" rev-parse HEAD^)" = "$b_head"
check "and writes B's file" grep -q "Changed in B" "$TMP/b/records/notes/only-b.yaml"
check "and leaves A alone" unchanged_since "$a_head"

# GIT_WORK_TREE alone: the repository found from here, that folder its working tree.
git clone -q "$TMP/a" "$TMP/a-copy"
rm "$TMP/a-copy/records/notes/only-a.yaml"
GIT_WORK_TREE=$TMP/a-copy tip list note --format ids
expect "GIT_WORK_TREE alone: A's repository, the records of that folder" 0 ""

# GIT_DIR alone: the current folder is the top of the working tree (unless the repository
# says core.worktree), as for git.
mkdir "$TMP/c" && cp -r "$TMP/a/schemas" "$TMP/a/records" "$TMP/c/"
cd "$TMP/c"
GIT_DIR=$TMP/b/.git tip list note --format ids
expect "GIT_DIR alone: the current folder's records" 0 "only-a"
GIT_DIR=$TMP/b/.git git status --porcelain >"$TMP/git-status"
check "as git sees them" grep -q "only-a.yaml" "$TMP/git-status"

# A bare repository given with GIT_WORK_TREE has a working tree.
git clone -q --bare "$TMP/b" "$TMP/b.git"
mkdir "$TMP/checkout" && git --git-dir="$TMP/b.git" --work-tree="$TMP/checkout" checkout -q -f HEAD -- .
cd "$TMP/a"
GIT_DIR=$TMP/b.git GIT_WORK_TREE=$TMP/checkout tip list note --format ids
expect "a bare repository with GIT_WORK_TREE" 0 "only-b"

GIT_DIR=$TMP/nowhere tip list note
expect_stderr "GIT_DIR naming no repository" 2 "tip: GIT_DIR '$TMP/nowhere' is not a git repository"

# An index git split or made sparse: libgit2 cannot read it. What the repository uses and
# what to do instead of libgit2's words; the commands named make tip work again.
notes_repo split
printf 'title: One\nlevel: informed\n' >records/notes/one.yaml && git add . && git commit -q -m one
git update-index --split-index
tip set note one title=Two
expect_stderr "a split index: a write" 2 "the repository's index is split (git update-index --split-index or core.splitIndex), which tip cannot read: run git config core.splitIndex false and git update-index --no-split-index"
tip diff HEAD
expect_stderr "a split index: a comparison with the working tree" 2 "the repository's index is split"
git config core.splitIndex false && git update-index --no-split-index
tip set note one title=Two
expect "then it works" 0 "set note one: Two"

mkdir -p other && printf 'x\n' >other/file && git add other && git commit -q -m other
git sparse-checkout init --cone --sparse-index && git sparse-checkout set records schemas
tip set note one title=Three
expect_stderr "a sparse index: a write" 2 "the repository's index is sparse (index.sparse), which tip cannot read: run git sparse-checkout init --no-sparse-index (the sparse checkout stays, with a full index) or git sparse-checkout disable"
git sparse-checkout init --no-sparse-index
tip set note one title=Three
expect "then it works" 0 "set note one: Three"

# A bare repository has history but no working tree: tip log and tip diff REV1 REV2 read it
# (with the record types of HEAD's schemas), the rest refuse and say where to work instead.
notes_repo history
printf 'title: One\nlevel: informed\n' >records/notes/one.yaml && git add . && git commit -q -m one
tip set note one level=skilled minutes=30
tip log && cp "$TMP/out" "$TMP/log-in-clone"
tip diff HEAD~2 HEAD && cp "$TMP/out" "$TMP/diff-in-clone"
git clone -q --bare . "$TMP/history.git"
cd "$TMP/history.git"
mkdir "$TMP/tmp"
TMPDIR=$TMP/tmp tip log
expect "tip log in a bare repository" 0 "$(cat "$TMP/log-in-clone")"
check "and it leaves nothing behind" test -z "$(ls -A "$TMP/tmp")"
tip log note one --field level
expect "tip log TYPE ID --field F in a bare repository" 0
check "(it names the change)" grep -q "level: informed → skilled" "$TMP/out"
tip diff HEAD~2 HEAD
expect "tip diff REV1 REV2 in a bare repository" 0 "$(cat "$TMP/diff-in-clone")"
tip diff HEAD
expect_stderr "tip diff with the working tree in a bare repository" 2 \
	"tip: '$TMP/history.git/' is a bare repository, with no working tree to compare with: name two commits, as in tip diff HEAD~1 HEAD"
tip list note
expect_stderr "tip list in a bare repository" 2 \
	"tip: '$TMP/history.git/' is a bare repository, with no working tree of records: only tip log and tip diff REV1 REV2 work in it; for the rest, work in a clone (git clone $TMP/history.git/)"
cd "$TMP" && git init -q --bare empty.git && cd empty.git
tip log
expect "tip log in a bare repository with no commits" 0 ""

cd "$TMP"
GIT_DIR=$TMP/b/.git tip init d
expect_stderr "tip init with GIT_DIR set" 2 "tip: GIT_DIR is set"
check "and makes nothing" test ! -e "$TMP/d"

done_testing
