# tip fmt: canonical form, --check, comments refused, CRLF and BOM, files that do not load.
. tests/cli/lib.sh

# expect_file DESCRIPTION FILE EXPECTED: the file's exact content (printf format).
expect_file() {
	printf -- "$3" >"$TMP/want"
	if cmp -s "$TMP/want" "$2"; then
		ok "$1"
	else
		not_ok "$1" "expected $2 to hold:" "$(cat "$TMP/want")" "it holds:" "$(cat "$2")"
	fi
}

# expect_err DESCRIPTION STATUS EXPECTED_STDERR: the status and stderr exactly.
expect_err() {
	if [ "$status" -ne "$2" ]; then
		not_ok "$1" "expected status $2"
	elif [ "$(cat "$TMP/err")" != "$3" ]; then
		not_ok "$1" "expected stderr:" "$3"
	else
		ok "$1"
	fi
}

new_repo notes
cat >schemas/common.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
$defs:
  level:
    enum: [informed, skilled]
  session:
    type: object
    properties:
      date: {type: string, format: date}
      attendees: {type: integer}
YAML
cat >schemas/note.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Note
type: object
required: [title]
properties:
  title: {type: string}
  level: {$ref: common.schema.yaml#/$defs/level}
  due: {type: string, format: date}
  topics: {type: array, items: {type: string}}
  sessions:
    type: array
    items: {$ref: common.schema.yaml#/$defs/session}
  notes: {type: string}
YAML
mkdir -p records/notes
cat >records/notes/first.yaml <<'YAML'
notes: "First line.\nSecond line.\n"
colour: red
sessions: [{attendees: 12, date: '2026-01-05'}]
topics: [attachment, "yes", 'plain']
due: "2026-02-28"
level: skilled
title: "First: a note"
YAML
cp records/notes/first.yaml "$TMP/first.orig"
printf 'title: Done\n' >records/notes/done.yaml

tip fmt --check
expect "--check lists the record that is not canonical, exit 1" 1 "records/notes/first.yaml"
if cmp -s records/notes/first.yaml "$TMP/first.orig"; then
	ok "--check changes nothing"
else
	not_ok "--check changes nothing"
fi
tip fmt --check --format github
expect "--check --format github annotates the first line that differs" 1 \
"::error file=records/notes/first.yaml,line=1,title=fmt::not in canonical form: run tip fmt records/notes/first.yaml"
tip fmt --check --format json
expect "--check --format json gives the same as a finding" 1 '{"format":1,"findings":[
  {"file": "records/notes/first.yaml", "line": 1, "column": 0, "severity": "error", "keyword": "fmt", "path": "", "message": "not in canonical form: run tip fmt records/notes/first.yaml"}
]}'
tip fmt --check --format yaml
expect_stderr "an unknown format is a usage error" 2 "tip: --format must be text, json or github, not 'yaml'"

chmod 640 records/notes/first.yaml
tip fmt
expect "fmt rewrites in place and prints nothing" 0 ""
expect_file "keys in schema order, unknown keys last, canonical scalars" records/notes/first.yaml \
'title: '"'"'First: a note'"'"'
level: skilled
due: '"'"'2026-02-28'"'"'
topics:
  - attachment
  - '"'"'yes'"'"'
  - plain
sessions:
  - date: '"'"'2026-01-05'"'"'
    attendees: 12
notes: |
  First line.
  Second line.
colour: red
'
if [ "$(stat -c %a records/notes/first.yaml)" = 640 ]; then
	ok "the file keeps its mode"
else
	not_ok "the file keeps its mode" "mode $(stat -c %a records/notes/first.yaml)"
fi
if ls -a records/notes | grep -q tip-; then
	not_ok "no temporary file is left behind"
else
	ok "no temporary file is left behind"
fi

inode=$(stat -c %i records/notes/first.yaml)
tip fmt
expect "a second fmt has nothing to do" 0 ""
if [ "$(stat -c %i records/notes/first.yaml)" = "$inode" ]; then
	ok "a canonical file is not rewritten"
else
	not_ok "a canonical file is not rewritten"
fi
tip fmt --check
expect "--check after fmt: exit 0, nothing listed" 0 ""

# Paths: a file, a folder, something that is not a record.
printf 'level: informed\ntitle: B\n' >records/notes/b.yaml
printf 'level: informed\ntitle: C\n' >records/notes/c.yaml
tip fmt --check records/notes/c.yaml
expect "a record file as PATH" 1 "records/notes/c.yaml"
tip fmt --check records records/notes
expect "folders as PATH, each record once, sorted" 1 "records/notes/b.yaml
records/notes/c.yaml"
(cd records/notes && $TIP_WRAPPER "$TIP" fmt --check . >"$TMP/out" 2>"$TMP/err")
status=$?
expect "paths relative to the current directory; output relative to the root" 1 \
	"records/notes/b.yaml
records/notes/c.yaml"
tip fmt records/notes/b.yaml
tip fmt --check
expect "fmt PATH rewrites only that record" 1 "records/notes/c.yaml"
tip fmt
tip fmt --check schemas/note.schema.yaml
expect_err "a file that is not a record is a finding" 1 \
	"schemas/note.schema.yaml: error: not a record: records are records/<collection>/<id>.yaml [layout]"

# Comments are refused, at their line:col; '#' inside text is not a comment.
cat >records/notes/commented.yaml <<'YAML'
# A note about notes
title: Commented   # the title
notes: |
  # a heading inside text
  see 'a #b'
topics: ['#hash', "x #y"]
YAML
cp records/notes/commented.yaml "$TMP/commented.orig"
tip fmt
expect_err "comments refused with line:col, file left alone" 1 \
"records/notes/commented.yaml:1:1: error: comment would be lost: tip fmt keeps no comments; move the text into notes or remove it [comment]
records/notes/commented.yaml:2:20: error: comment would be lost: tip fmt keeps no comments; move the text into notes or remove it [comment]"
if cmp -s records/notes/commented.yaml "$TMP/commented.orig"; then
	ok "a file with comments is not changed"
else
	not_ok "a file with comments is not changed"
fi
tip fmt --check
expect "--check reports comments too" 1 ""
tip fmt --check --format github records/notes/commented.yaml
expect "with --format github the comments are annotations on stdout" 1 \
"::error file=records/notes/commented.yaml,line=1,col=1,title=comment::comment would be lost: tip fmt keeps no comments; move the text into notes or remove it
::error file=records/notes/commented.yaml,line=2,col=20,title=comment::comment would be lost: tip fmt keeps no comments; move the text into notes or remove it"
sed -i -e '1d' -e 's/   # the title//' records/notes/commented.yaml
tip fmt
expect "'#' inside quoted text and literal blocks is text" 0 ""
expect_file "the hashes are kept" records/notes/commented.yaml \
'title: Commented
topics:
  - '"'"'#hash'"'"'
  - '"'"'x #y'"'"'
notes: |
  # a heading inside text
  see '"'"'a #b'"'"'
'
rm records/notes/commented.yaml
printf 'title: "x"\n#\n' >records/notes/hash.yaml
tip fmt records/notes/hash.yaml
expect_err "an empty comment is a comment" 1 \
	"records/notes/hash.yaml:2:1: error: comment would be lost: tip fmt keeps no comments; move the text into notes or remove it [comment]"
rm records/notes/hash.yaml

# CRLF line ends and a byte order mark are rewritten as LF without BOM.
printf '\357\273\277title: Windows\r\nlevel: informed\r\n' >records/notes/crlf.yaml
tip fmt --check
expect "CRLF and BOM: not canonical" 1 "records/notes/crlf.yaml"
tip fmt
expect "CRLF and BOM: rewritten" 0 ""
expect_file "LF and no BOM" records/notes/crlf.yaml 'title: Windows\nlevel: informed\n'
printf '\357\273\277title: A # note\r\n' >records/notes/crlf.yaml
tip fmt records/notes/crlf.yaml
expect_err "a comment after a BOM, in a CRLF file" 1 \
	"records/notes/crlf.yaml:1:10: error: comment would be lost: tip fmt keeps no comments; move the text into notes or remove it [comment]"
rm records/notes/crlf.yaml

# A file that does not load: its findings, the file left alone, the others still formatted.
printf 'title: [a\nlevel: informed\n' >records/notes/broken.yaml
printf 'level: informed\ntitle: D\n' >records/notes/d.yaml
tip fmt
expect_err "invalid YAML: findings, exit 1" 1 \
	"records/notes/broken.yaml:2:6: error: did not find expected ',' or ']' while parsing a flow sequence [yaml-syntax]"
expect_file "invalid YAML: left alone" records/notes/broken.yaml 'title: [a\nlevel: informed\n'
expect_file "the other records are still formatted" records/notes/d.yaml 'title: D\nlevel: informed\n'
printf 'title: a\ntitle: b\n' >records/notes/broken.yaml
tip fmt --check
expect_err "a duplicate key is a finding" 1 \
	"records/notes/broken.yaml:2:1: error: duplicate key \"title\" (first at line 1, again at line 2) [yaml-duplicate-key]"
rm records/notes/broken.yaml

# A type whose schema does not compile: its records are not formatted.
printf 'type: object\nproperties:\n  a: {unevaluatedProperties: false}\n' >schemas/gizmo.schema.yaml
mkdir -p records/gizmos
printf 'a: 1\n' >records/gizmos/g.yaml
tip fmt
expect_err "a record whose schema does not compile" 1 \
	"records/gizmos/g.yaml: error: not formatted: the schema schemas/gizmo.schema.yaml does not compile (tip validate says why) [schema]"
rm -r schemas/gizmo.schema.yaml records/gizmos

# Trouble: exit 2.
tip fmt --frobnicate
expect_stderr "an unknown option is a usage error" 2 "tip: unknown option '--frobnicate'"
tip fmt -h
if [ "$status" -eq 0 ] && grep -q '^usage: tip fmt \[--check\] \[--format text|json|github\] \[PATH...\]' "$TMP/out"; then
	ok "-h prints the usage"
else
	not_ok "-h prints the usage"
fi
tip fmt records/notes/missing.yaml
expect_stderr "a missing path" 2 "tip: cannot open 'records/notes/missing.yaml'"
tip fmt "$TMP"
expect_stderr "a path outside the repository" 2 "is outside the repository"
chmod 000 records/notes/d.yaml
if [ ! -r records/notes/d.yaml ]; then
	tip fmt
	expect_stderr "an unreadable record" 2 "tip: cannot read 'records/notes/d.yaml'"
else
	ok "an unreadable record # SKIP running as root"
fi
chmod 644 records/notes/d.yaml
mkdir -p "$TMP/plain" && cd "$TMP/plain"
tip fmt
expect_stderr "outside a git repository" 2 "tip: not in a git repository"
tip -C "$TMP/notes" fmt --check
expect "-C DIR runs in DIR" 0 ""
printf 'title: Later\nlevel: skilled\ntopics:\n    - attachment\n' >"$TMP/notes/records/notes/later.yaml"
tip -C "$TMP/notes" fmt --check --format github records/notes/later.yaml
expect "the annotation is at the first line that differs, not the first line" 1 \
"::error file=records/notes/later.yaml,line=4,title=fmt::not in canonical form: run tip fmt records/notes/later.yaml"

# The shipped records are in canonical form.
tip -C "$SOURCE_ROOT" fmt --check
expect "the shipped records are canonical" 0 ""

done_testing
