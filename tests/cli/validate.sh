# tip validate: every class of finding, with its exit status and file:line:col.
. tests/cli/lib.sh

new_repo notes
cat >schemas/common.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
$defs:
  level:
    description: Practice level.
    enum: [informed, skilled]
YAML
cat >schemas/note.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Note
type: object
additionalProperties: false
required: [title, level]
properties:
  title:
    description: What the note is about.
    type: string
    minLength: 1
  level:
    $ref: common.schema.yaml#/$defs/level
  due:
    description: When it is due.
    type: string
    format: date
  topics:
    description: Topics it touches.
    type: array
    items:
      type: string
      x-tip-ref: topic
YAML
cat >schemas/topic.schema.yaml <<'YAML'
$schema: https://json-schema.org/draft/2020-12/schema
title: Topic
type: object
additionalProperties: false
required: [title]
properties:
  title:
    description: The topic.
    type: string
YAML
mkdir -p records/notes records/topics
printf 'title: Attachment\n' >records/topics/attachment.yaml
printf 'title: First\nlevel: skilled\ndue: 2026-02-28\ntopics:\n  - attachment\n' \
	>records/notes/first.yaml

tip validate
expect "valid records: exit 0, no findings" 0 ""
expect_stderr "valid records: a count of what was checked" 0 \
	"checked 2 records (1 note, 1 topic): no findings"
tip validate -q
if [ -s "$TMP/err" ]; then not_ok "-q prints no count"; else ok "-q prints no count"; fi

# Each schema finding: where, what, which keyword.
printf 'level: expert\ndue: 2026-02-30\ncolour: red\ntopics: [attachment, nowhere]\n' \
	>records/notes/bad.yaml
tip validate records/notes/bad.yaml
expect "schema findings, sorted by position" 1 \
"records/notes/bad.yaml:1:1: error: missing required property \"title\" [required]
records/notes/bad.yaml:1:8: error: \"expert\" is not one of informed, skilled [enum]
records/notes/bad.yaml:2:6: error: \"2026-02-30\" is not a valid date [format]
records/notes/bad.yaml:3:1: error: unknown property \"colour\" [additionalProperties]
records/notes/bad.yaml:4:22: error: \"nowhere\" is not an existing topic [x-tip-ref]"
rm records/notes/bad.yaml

printf 'title: 12\nlevel: informed\n' >records/notes/typed.yaml
tip validate records/notes
expect "a folder as PATH: wrong type at line:col" 1 \
	"records/notes/typed.yaml:1:8: error: expected string, got integer [type]"
rm records/notes/typed.yaml

# Ids, layout, and schemas.
printf 'title: x\nlevel: informed\n' >records/notes/Bad_Name.yaml
tip validate
expect "an invalid id (file name)" 1 \
	"records/notes/Bad_Name.yaml: error: file name \"Bad_Name\" is not a valid record id: an id has only lower-case letters a-z, digits and '-' [id]"
rm records/notes/Bad_Name.yaml

mkdir -p records/widgets
printf 'title: x\n' >records/widgets/gadget.yaml
tip validate
expect "a folder that no schema claims" 1 \
	"records/widgets/gadget.yaml: error: no schema claims the folder records/widgets: add schemas/<type>.schema.yaml for it, or move the file [layout]"
rm -r records/widgets

printf 'title: x\nlevel: informed\n' >records/notes/second.yml
tip validate
expect "a .yml file" 1 \
	"records/notes/second.yml: error: records use the .yaml extension, not .yml [layout]"
rm records/notes/second.yml

printf 'type: object\nproperties:\n  a:\n    unevaluatedProperties: false\n' \
	>schemas/broken.schema.yaml
tip validate
if [ "$status" -eq 1 ] && grep -q '^schemas/broken.schema.yaml: error: .*unevaluatedProperties.* \[schema\]$' "$TMP/out"; then
	ok "a schema that does not compile names the keyword"
else
	not_ok "a schema that does not compile names the keyword"
fi
rm schemas/broken.schema.yaml

printf 'type: object\nproperties:\n  a:\n    x-tip-ref: widget\n' >schemas/gizmo.schema.yaml
tip validate
expect "x-tip-ref to a type without a schema" 1 \
	"schemas/gizmo.schema.yaml: error: x-tip-ref names type \"widget\", which has no schemas/widget.schema.yaml [x-tip-ref]"
rm schemas/gizmo.schema.yaml

# Strict YAML: one finding class each, at its line:col.
yaml_case() { # description, file content (printf format), expected finding line
	printf -- "$2" >records/notes/case.yaml
	tip validate records/notes/case.yaml
	expect "$1" 1 "$3"
	rm -f records/notes/case.yaml
}
yaml_case "an alias" 'title: &t x\nlevel: *t\n' \
"records/notes/case.yaml:1:8: error: anchor \"&t\" is not allowed: write the value out in full [yaml-anchor]
records/notes/case.yaml:2:8: error: alias \"*t\" is not allowed: write the value out in full [yaml-alias]"
yaml_case "a duplicate key names both lines" 'title: a\nlevel: informed\ntitle: b\n' \
	"records/notes/case.yaml:3:1: error: duplicate key \"title\" (first at line 1, again at line 3) [yaml-duplicate-key]"
yaml_case "a key that is not text" 'title: a\nlevel: informed\n7: seven\n' \
	"records/notes/case.yaml:3:1: error: key 7 is not text: quote it (\"7\") [yaml-key-type]"
yaml_case "a custom tag" 'title: !!binary aGVsbG8=\nlevel: informed\n' \
	"records/notes/case.yaml:1:8: error: tag \"tag:yaml.org,2002:binary\" is not allowed: write the value without a tag [yaml-tag]"
yaml_case "two documents" 'title: a\nlevel: informed\n---\ntitle: b\n' \
	"records/notes/case.yaml:3:1: error: more than one document in the file [yaml-documents]"
yaml_case "a root that is not a mapping" '- title\n- level\n' \
	"records/notes/case.yaml:1:1: error: the document must be a mapping of fields, not a sequence [yaml-root]"
yaml_case "an empty file" '' \
	"records/notes/case.yaml:1:1: error: the file is empty: a record is a mapping of fields [yaml-empty]"
yaml_case "invalid UTF-8" 'title: caf\351\nlevel: informed\n' \
	"records/notes/case.yaml:1:11: error: invalid UTF-8 (byte 0xe9) [yaml-utf8]"
yaml_case "a NUL byte" 'title: a\nlevel: in\000formed\n' \
	"records/notes/case.yaml:2:10: error: NUL byte in the file [yaml-nul]"
yaml_case "a tab as indentation" 'title: a\ntopics:\n\t- attachment\n' \
	"records/notes/case.yaml:3:1: error: tab used for indentation: indent with spaces [yaml-tab]"
yaml_case "a syntax error" 'title: [a\nlevel: informed\n' \
	"records/notes/case.yaml:2:6: error: did not find expected ',' or ']' while parsing a flow sequence [yaml-syntax]"

deep=$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "["; for (i = 0; i < 100; i++) printf "]" }')
yaml_case "nesting over the bound" "title: x\nlevel: informed\ntopics: $deep\n" \
	"records/notes/case.yaml:3:72: error: nested more than 64 levels deep [yaml-depth]"

head -c 5000000 /dev/zero | tr '\0' '#' >records/notes/case.yaml
tip validate records/notes/case.yaml
expect "a file over the size bound" 1 \
	"records/notes/case.yaml:1:1: error: the file is 5000000 bytes, over the limit of 4194304 [yaml-size]"
rm records/notes/case.yaml

printf '\357\273\277title: Windows\r\nlevel: informed\r\n' >records/notes/crlf.yaml
tip validate records/notes/crlf.yaml
expect "CRLF line ends and a UTF-8 BOM are accepted" 0 ""
rm records/notes/crlf.yaml

# Output formats.
printf 'title: x\nlevel: expert\n' >records/notes/fmt.yaml
tip validate --format json
expect "json format" 1 '{"format":1,"findings":[
  {"file": "records/notes/fmt.yaml", "line": 2, "column": 8, "severity": "error", "keyword": "enum", "path": "/level", "message": "\"expert\" is not one of informed, skilled"}
]}'
tip validate --format github
expect "github format" 1 \
	'::error file=records/notes/fmt.yaml,line=2,col=8,title=enum::"expert" is not one of informed, skilled'
rm records/notes/fmt.yaml
tip validate --format json
expect "json format with no findings" 0 '{"format":1,"findings":[]}'

# Any document against any schema.
printf '[1, 2, "three"]\n' >"$TMP/list.json"
printf 'type: array\nitems:\n  type: integer\n' >"$TMP/ints.schema.yaml"
tip validate --schema "$TMP/ints.schema.yaml" "$TMP/list.json"
expect "--schema: any value at the root, JSON too" 1 \
	"$TMP/list.json:1:8: error: expected integer, got string [type]"
printf -- '- 1\n- 2\n' >"$TMP/list.yaml"
tip validate --schema "$TMP/ints.schema.yaml" "$TMP/list.yaml"
expect "--schema: a valid document" 0 ""
# Documents and schemas from pipes and devices: read whole, up to the limit of 4 MiB.
cat "$TMP/list.yaml" | $TIP_WRAPPER "$TIP" validate --schema "$TMP/ints.schema.yaml" /dev/stdin \
	>"$TMP/out" 2>"$TMP/err"
status=$?
expect "--schema: a document from a pipe is read whole" 0 ""
cat "$TMP/ints.schema.yaml" | $TIP_WRAPPER "$TIP" validate --schema /dev/stdin "$TMP/list.json" \
	>"$TMP/out" 2>"$TMP/err"
status=$?
expect "--schema: a schema from a pipe is read whole" 1 \
	"$TMP/list.json:1:8: error: expected integer, got string [type]"
yes 1 | sed 's/^/- /' | head -c 6000000 |
	tip_at_pipe_end validate --schema "$TMP/ints.schema.yaml" /dev/stdin
status=$(cat "$TMP/status")
expect_stderr "--schema: a document from a pipe over 4 MiB is refused" 2 \
	"is larger than the limit of 4 MiB"
check "  and is not read to its end" test "$(cat "$TMP/left")" -gt 1000000
timeout 120 $TIP_WRAPPER "$TIP" validate --schema /dev/zero "$TMP/list.yaml" >"$TMP/out" 2>"$TMP/err"
status=$?
expect_stderr "--schema /dev/zero is refused at the limit" 2 "'/dev/zero' is larger than the limit of 4 MiB"
printf 'type: array\nunevaluatedItems: false\n' >"$TMP/bad.schema.yaml"
tip validate --schema "$TMP/bad.schema.yaml" "$TMP/list.yaml"
expect_stderr "--schema: an unsupported keyword is refused by name" 2 "unevaluatedItems"

# Trouble: exit 2.
tip validate --format xml
expect_stderr "an unknown format is a usage error" 2 "tip: --format must be text, json or github, not 'xml'"
tip validate --frobnicate
expect_stderr "an unknown option is a usage error" 2 "tip: unknown option '--frobnicate'"
tip validate records/notes/missing.yaml
expect_stderr "a missing path" 2 "tip: cannot open 'records/notes/missing.yaml'"
tip validate "$TMP"
expect_stderr "a path outside the repository" 2 "is outside the repository"
mkdir -p "$TMP/plain" && cd "$TMP/plain"
tip validate
expect_stderr "outside a git repository" 2 "tip: not in a git repository"
tip -C "$TMP/notes" validate
expect "-C DIR runs in DIR" 0 ""

# The shipped records.
tip -C "$SOURCE_ROOT" validate -q
expect "the shipped records are valid" 0 ""


# ---- --changed-since REV: findings only for what a change touched ----
notes_repo since
git branch -M main
printf 'title: Stress\nlevel: informed\ntopics: [trauma]\n' >records/notes/stress.yaml
printf 'title: Calm\nlevel: informed\ntopics: [attachment]\n' >records/notes/calm.yaml
printf 'title: Both\nlevel: informed\ntopics: [trauma, attachment]\n' >records/notes/both.yaml
# Wrong before the change: reported by tip validate, not by --changed-since.
printf 'title: Old\nlevel: expert\n' >records/notes/old.yaml
git add . && git commit -q -m "base"
old_finding='records/notes/old.yaml:2:8: error: "expert" is not one of informed, skilled [enum]'
tip validate
expect "without --changed-since: every finding" 1 "$old_finding"

tip validate --changed-since HEAD
expect "nothing changed: no findings" 0 ""
expect_stderr "  the count says how many records were in scope" 0 \
	"checked 6 records (4 notes, 2 topics), 0 in scope of the changes since HEAD: no findings"

git checkout -q -b break
printf 'title: Stress\nlevel: skilled\nminutes: 0\ntopics: [trauma, nowhere]\n' \
	>records/notes/stress.yaml
git commit -q -am "break stress"
tip validate --changed-since main
expect "a branch that breaks a record: findings for it only" 1 \
'records/notes/stress.yaml:3:10: error: 0 is less than the minimum 1 [minimum]
records/notes/stress.yaml:4:18: error: "nowhere" is not an existing topic [x-tip-ref]'
expect_stderr "  the count" 1 \
	"checked 6 records (4 notes, 2 topics), 1 in scope of the changes since main: 2 findings"
tip validate --changed-since main --format github
expect "  --format github: annotations for it only" 1 \
'::error file=records/notes/stress.yaml,line=3,col=10,title=minimum::0 is less than the minimum 1
::error file=records/notes/stress.yaml,line=4,col=18,title=x-tip-ref::"nowhere" is not an existing topic'
tip validate --changed-since main records/notes/calm.yaml
expect "  with PATH: only the records named are checked" 0 ""
expect_stderr "  and counted" 0 \
	"checked 1 record (1 note), 0 in scope of the changes since main: no findings"

# Uncommitted and new files count, a .yml beside them too; layout findings of files that did
# not change do not.
printf 'title: New\nlevel: expert\n' >records/notes/new.yaml
printf 'title: x\nlevel: informed\n' >records/notes/draft.yml
tip validate --changed-since HEAD
expect "uncommitted and new files: theirs only" 1 \
'records/notes/draft.yml: error: records use the .yaml extension, not .yml [layout]
records/notes/new.yaml:2:8: error: "expert" is not one of informed, skilled [enum]'
git add . && git commit -q -m "more"
tip validate --changed-since HEAD
expect "  committed, they are no longer changes" 0 ""
git rm -q records/notes/draft.yml records/notes/new.yaml && git commit -q -m "less"

git checkout -q main
git checkout -q -b remove
git rm -q records/topics/trauma.yaml && git commit -q -m "remove trauma"
tip validate --changed-since main
expect "a removed record: findings for the records that refer to it" 1 \
'records/notes/both.yaml:3:10: error: "trauma" is not an existing topic [x-tip-ref]
records/notes/stress.yaml:3:10: error: "trauma" is not an existing topic [x-tip-ref]'
expect_stderr "  those are in scope" 1 \
	"checked 5 records (4 notes, 1 topic), 2 in scope of the changes since main: 2 findings"
printf 'title: Attachment theory\n' >records/topics/attachment.yaml
printf 'title: Stress\nlevel: informed\n' >records/notes/stress.yaml
tip validate --changed-since main
expect "  a changed record puts its referrers in scope, with all their findings" 1 \
'records/notes/both.yaml:3:10: error: "trauma" is not an existing topic [x-tip-ref]'
expect_stderr "  counted" 1 \
	"checked 5 records (4 notes, 1 topic), 4 in scope of the changes since main: 1 finding"

git checkout -q -f main
git checkout -q -b schema
sed 's/enum: \[informed, skilled\]/enum: [informed, skilled, expert]/' schemas/note.schema.yaml \
	>"$TMP/note.schema.yaml"
sed 's/minLength: 1/minLength: 5/' "$TMP/note.schema.yaml" >schemas/note.schema.yaml
tip validate --changed-since main
expect "a changed schema: every record of its type in scope" 1 \
'records/notes/both.yaml:1:8: error: "Both" is too short (4 characters, minimum 5) [minLength]
records/notes/calm.yaml:1:8: error: "Calm" is too short (4 characters, minimum 5) [minLength]
records/notes/old.yaml:1:8: error: "Old" is too short (3 characters, minimum 5) [minLength]'
expect_stderr "  counted" 1 \
	"checked 6 records (4 notes, 2 topics), 4 in scope of the changes since main: 3 findings"
git checkout -q schemas/note.schema.yaml
printf '$defs:\n  spare: {type: string}\n' >schemas/common.schema.yaml
tip validate --changed-since main
expect "a changed schema of shared definitions: every record in scope" 1 "$old_finding"
rm schemas/common.schema.yaml
printf 'type: object\nproperties:\n  a:\n    x-tip-ref: widget\n' >schemas/gizmo.schema.yaml
tip validate --changed-since main
expect "findings about schemas always stay" 1 \
	"schemas/gizmo.schema.yaml: error: x-tip-ref names type \"widget\", which has no schemas/widget.schema.yaml [x-tip-ref]"
rm schemas/gizmo.schema.yaml

tip validate --changed-since nowhere
expect_stderr "an unknown revision" 2 "tip: unknown revision 'nowhere'"
tip validate --changed-since
expect_stderr "--changed-since without REV" 2 "tip: --changed-since needs a value: --changed-since REV"
tip validate --schema "$TMP/ints.schema.yaml" --changed-since main "$TMP/list.yaml"
expect_stderr "--changed-since with --schema" 2 "tip: --changed-since is for records, not --schema"
tip validate --help
check "--help: the usage line" grep -qx \
	"usage: tip validate \[--format text|json|github\] \[-q\] \[--changed-since REV\] \[PATH...\]" \
	"$TMP/out"

# In parallel: the records are checked by one worker a processor (TIP_JOBS sets how many), and
# the findings, sorted, are the same whatever the number.
notes_repo many
i=0
while [ "$i" -lt 300 ]; do
	case $((i % 5)) in
	0) printf 'title: Note %d\nlevel: skilled\n' "$i" ;;
	1) printf 'title: Note %d\nlevel: expert\nminutes: 0\n' "$i" ;;
	2) printf 'title: Note %d\nlevel: informed\ntopics: [attachment, gone-%d]\n' "$i" "$i" ;;
	3) printf 'title: [broken\n' ;;
	4) printf 'level: informed\nextra: %d\n' "$i" ;;
	esac >"records/notes/note-$i.yaml"
	i=$((i + 1))
done
printf 'title: Bad id\nlevel: informed\n' >records/notes/Bad_Id.yaml
for jobs in 1 2 3 8; do
	for format in text json github; do
		TIP_JOBS=$jobs tip validate --format $format
		cp "$TMP/out" "$TMP/out-$jobs-$format"
		cp "$TMP/err" "$TMP/err-$jobs-$format"
	done
done
check "one worker: the findings of every record" test "$(grep -c . "$TMP/out-1-text")" -eq 361
for jobs in 2 3 8; do
	for format in text json github; do
		check "TIP_JOBS=$jobs: the same $format output as one worker" \
			cmp "$TMP/out-1-$format" "$TMP/out-$jobs-$format"
	done
	check "TIP_JOBS=$jobs: the same count" cmp "$TMP/err-1-text" "$TMP/err-$jobs-text"
done
git add records && git commit -q -m "many notes"
printf 'title: Note 0\nlevel: expert\n' >records/notes/note-0.yaml
rm records/topics/attachment.yaml
TIP_JOBS=1 tip validate --changed-since HEAD
cp "$TMP/out" "$TMP/since-1"
TIP_JOBS=3 tip validate --changed-since HEAD
check "--changed-since: the same findings in parallel" cmp "$TMP/since-1" "$TMP/out"
expect_stderr "  and the same count" 1 "checked 302 records (301 notes, 1 topic), 61 in scope"
TIP_JOBS=0 tip validate
expect_stderr "TIP_JOBS must be a whole number" 2 \
	"tip: TIP_JOBS must be a whole number from 1 to 64, not '0'"
TIP_JOBS=lots tip validate
expect_stderr "  not a word either" 2 "not 'lots'"

# ---- findings never quote a personal value, nor text holding contact details ----
new_repo secrets
cat >schemas/member.schema.yaml <<'YAML'
type: object
properties:
  name: {type: string, maxLength: 10, not: {pattern: '[0-9]'}, x-tip-personal: true}
  team: {enum: [youth, adults]}
YAML
mkdir -p records/members
printf 'name: Jane Secret 07700 900123\nteam: call jo@example.org\n' >records/members/m1.yaml
for format in text json github; do
	tip validate --format $format
	expect "--format $format: findings" 1
	check "  where they are" grep -q "members/m1.yaml" "$TMP/out"
	check "  without the personal value" sh -c "! grep -q Jane '$TMP/out'"
	check "  nor the contact details" sh -c "! grep -q 'jo@example' '$TMP/out'"
done
tip validate
expect "  saying what is wrong" 1 \
"records/members/m1.yaml:1:7: error: the value of a personal field is too long (24 characters, maximum 10) [maxLength]
records/members/m1.yaml:1:7: error: the value of a personal field matches the schema under \"not\", which it must not [not]
records/members/m1.yaml:2:7: error: the text (not quoted: it holds an email address) is not one of youth, adults [enum]"

# ---- control characters in text are refused, and named ----
new_repo controls
cat >schemas/note.schema.yaml <<'YAML'
type: object
properties:
  title: {type: string}
  body: {type: string}
YAML
mkdir -p records/notes
printf 'title: "WAVE \\e]0;PWNED\\a \\e[31mRED"\nbody: "tab\\there\\nand a line"\n' \
	>records/notes/esc.yaml
printf 'title: "CSI \\u009b31m here"\n"key\\x07": x\n' >records/notes/c1.yaml
printf 'title: "fine\\tand\\nfine"\n' >records/notes/ok.yaml
tip validate
expect "control characters: a finding each, with where and which" 1 \
'records/notes/c1.yaml:1:8: error: the text holds the control character U+009B, which a terminal would act on: remove it [control-character]
records/notes/c1.yaml:2:1: error: the text holds the control character U+0007, which a terminal would act on: remove it [control-character]
records/notes/esc.yaml:1:8: error: the text holds the control character U+001B, which a terminal would act on: remove it [control-character]'
tip validate --format json records/notes/c1.yaml
check "  with the path to the value" grep -qF '"path": "/title"' "$TMP/out"
check "  and to the key" grep -qF '"path": "/key\u0007"' "$TMP/out"

# ---- the glossary's links: no circles, nothing related to itself or its own hierarchy ----
. "$SOURCE_ROOT/tests/cli/fixtures/programme.sh"
programme_repo glossary
definition() { # ID FIELD:ITEMS...: a definition with those links
	id=$1
	shift
	{
		printf 'term: Term %s\ndefinition: What %s means.\nstatus: draft\n' "$id" "$id"
		for links in "$@"; do
			printf '%s\n' "${links%%:*}:"
			for to in $(echo "${links#*:}" | tr , ' '); do printf '  - %s\n' "$to"; done
		done
	} | record definitions "$id"
}
definition a broader:b
definition b broader:a
definition self broader:self
definition me related:me
definition kin broader:root related:root
definition root
definition x broader:y
definition y broader:z
definition z broader:x
definition up narrower:down broader:down
definition down
definition p broader:q related:r
definition q broader:r
definition r
definition fine broader:root related:p
git add -A && git commit -q -m "a tangled glossary"
tip validate
clash="SKOS keeps related for concepts outside each other's broader and narrower chains; remove one of the links [related-clash]"
circle="a concept cannot be broader than itself; remove one of the links [broader-cycle]"
expect "circles of broader links, and related links to itself or its own hierarchy" 1 \
"records/definitions/a.yaml:5:5: error: broader concepts go round in a circle: a → b → a (records/definitions/b.yaml): $circle
records/definitions/b.yaml:5:5: error: broader concepts go round in a circle: b → a → b (records/definitions/a.yaml): $circle
records/definitions/kin.yaml:7:5: error: \"root\" is related here and also a broader concept of this one (kin → root; records/definitions/root.yaml): $clash
records/definitions/me.yaml:5:5: error: \"me\" names this definition itself as related: remove it [related-clash]
records/definitions/p.yaml:7:5: error: \"r\" is related here and also a broader concept of this one (p → q → r; records/definitions/q.yaml, records/definitions/r.yaml): $clash
records/definitions/self.yaml:5:5: error: \"self\" names this definition itself as broader: a concept cannot be broader or narrower than itself; remove it [broader-cycle]
records/definitions/up.yaml:5:5: error: broader concepts go round in a circle: down → up → down (records/definitions/down.yaml): $circle
records/definitions/up.yaml:7:5: error: broader concepts go round in a circle: up → down → up (records/definitions/down.yaml): $circle
records/definitions/x.yaml:5:5: error: broader concepts go round in a circle: x → y → z → x (records/definitions/y.yaml, records/definitions/z.yaml): $circle
records/definitions/y.yaml:5:5: error: broader concepts go round in a circle: y → z → x → y (records/definitions/z.yaml, records/definitions/x.yaml): $circle
records/definitions/z.yaml:5:5: error: broader concepts go round in a circle: z → x → y → z (records/definitions/x.yaml, records/definitions/y.yaml): $circle"
grep -e '^records/definitions/x.yaml' -e '^records/definitions/kin.yaml' "$TMP/out" >"$TMP/want"
tip validate records/definitions/x.yaml records/definitions/kin.yaml
expect "PATHs: their findings, a circle closed through definitions not among them too" 1 \
	"$(cat "$TMP/want")"
mkdir records/definitions/odd.yaml
tip validate records/definitions/x.yaml records/definitions/kin.yaml
expect "  a file there that cannot be read is left out" 1 "$(cat "$TMP/want")"
rmdir records/definitions/odd.yaml
tip validate --changed-since HEAD
expect "--changed-since: nothing changed, nothing said" 0 ""
definition root broader:fine
tip validate --changed-since HEAD
expect "--changed-since: a change that closes a circle is reported along it" 1 \
"records/definitions/fine.yaml:5:5: error: broader concepts go round in a circle: fine → root → fine (records/definitions/root.yaml): $circle
records/definitions/kin.yaml:7:5: error: \"root\" is related here and also a broader concept of this one (kin → root; records/definitions/root.yaml): $clash
records/definitions/root.yaml:5:5: error: broader concepts go round in a circle: root → fine → root (records/definitions/fine.yaml): $circle"
git checkout -q records
tip lint
check "lint leaves them to validate" test -z "$(grep -e broader-cycle -e related-clash "$TMP/out")"

# ---- a temporary file a stopped write left beside a record is named ----
notes_repo leftovers
printf 'title: half\n' >records/notes/.a.yaml.tip-4242-0
printf 'mine\n' >records/notes/.keep
tip validate
expect "a leftover temporary file: a warning, not a failure" 0 \
"records/notes/.a.yaml.tip-4242-0: warning: a temporary file left by a tip write that was stopped: when no tip command is running, remove it [leftover]"

done_testing
