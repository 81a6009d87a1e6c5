# Markdown tables that tip writes (tip summary, tip diff --format md) keep every row in its
# cells: a | in a title, a value or an id is written \|, a line break as a space.
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

# cells_line_up: in each table of the last output (lines that begin with |), every row has as
# many cells as the table's header: | counts unless a backslash escapes it.
cells_line_up() {
	awk '
	function cells(line,    i, c, n) {
		n = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (c == "\\") i++
			else if (c == "|") n++
		}
		return n
	}
	/^\|/ { n = cells($0); if (!intable) { want = n; intable = 1 } else if (n != want) bad = 1; next }
	{ intable = 0 }
	END { exit bad }' "$TMP/out"
}

programme_repo md
record actions pipes <<'YAML'
title: "Pipes | in a title\nover two lines"
owner: Somebody
status: in-progress
rag: red
due: '2026-05-01'
YAML
# Records that do not validate are still counted, with what they hold.
record actions late <<'YAML'
title: Late
owner: Somebody
status: in-progress
rag: amber
due: "2026-05-02 | or later"
YAML
record actions 'bad|id' <<'YAML'
title: Named badly
owner: Somebody
status: in-progress
rag: amber
due: '2026-05-03'
YAML
commit_at 2026-05-20T10:00:00Z first
export TIP_TODAY=2026-07-01

tip summary --quarter 2026-Q2
expect "tip summary writes its Markdown" 0
check "... a | in a title escaped, its line break a space" grep -qF \
	'| Pipes \| in a title over two lines (`pipes`) | **Red (off track)** | 2026-05-01 |' "$TMP/out"
check "... and in a value of a record that does not validate" grep -qF \
	'| Late (`late`) | **Amber (at risk)** | 2026-05-02 \| or later |' "$TMP/out"
check "... and in a file name that is no id" grep -qF '| Named badly (`bad\|id`) |' "$TMP/out"
check "... so that every row of every table has its header's cells" cells_line_up

sed -i 's/^title: .*/title: "Pipes | again"/' records/actions/pipes.yaml 'records/actions/bad|id.yaml'
commit_at 2026-05-21T10:00:00Z second
tip diff --format md HEAD~1 HEAD
expect "tip diff writes its Markdown" 0
check "... a | in a title escaped" grep -qF '→ Pipes \| again |' "$TMP/out"
check "... and in a file name that is no id" grep -qF '| `bad\|id` |' "$TMP/out"
check "... so that every row of its tables has its header's cells" cells_line_up

done_testing
