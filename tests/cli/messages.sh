# Messages in a coordinator's words: "did you mean" for a record type, an id, a field, a
# choice or a web address, and the shipped schemas' rules said as rules (x-tip-message).
. tests/cli/lib.sh
. tests/cli/fixtures/programme.sh

# stderr_is DESCRIPTION STATUS TEXT: the status, and stderr exactly TEXT.
stderr_is() {
	if [ "$status" -ne "$2" ]; then
		not_ok "$1" "expected status $2"
	elif [ "$(cat "$TMP/err")" != "$3" ]; then
		not_ok "$1" "expected stderr:" "$3"
	else
		ok "$1"
	fi
}

programme_repo messages
record courses wave-trust-training <<'YAML'
title: WAVE Trust trauma informed practice training
provider: WAVE Trust
provider_type: external
level_status: not-assessed
audience:
  - education
status: available
YAML
record courses attachment-aware-schools <<'YAML'
title: Attachment aware schools
provider: Virtual School
provider_type: internal
level: skilled
level_status: agreed
audience:
  - education
status: available
YAML
record definitions aces <<'YAML'
term: adverse childhood experiences
definition: Stressful or traumatic events in childhood.
status: agreed
YAML
commit_at 2026-05-01T10:00:00Z "start"
head=$(git rev-parse HEAD)

# ---- did you mean: record types and ids ----
tip add courses
stderr_is "a type named by its folder: did you mean the type" 2 \
	"tip: there is no record type 'courses' (no schemas/courses.schema.yaml): did you mean 'course'?"
tip list actoin
stderr_is "a type with a slip in it" 2 \
	"tip: there is no record type 'actoin' (no schemas/actoin.schema.yaml): did you mean 'action'?"
tip show widget wave
stderr_is "nothing close: no suggestion" 2 \
	"tip: there is no record type 'widget' (no schemas/widget.schema.yaml)"
tip show course wave
stderr_is "an id by a word in it" 2 \
	"tip: there is no course 'wave' (records/courses/wave.yaml): did you mean 'wave-trust-training'?"
tip set course attachment-aware-school status=retired
stderr_is "an id with a letter left out" 2 \
	"tip: there is no course 'attachment-aware-school' (records/courses/attachment-aware-school.yaml): did you mean 'attachment-aware-schools'?"
check "nothing was written" unchanged_since "$head"

# ---- did you mean: fields, choices, references, items, web addresses ----
tip set course wave-trust-training statsu=retired
stderr_is "a field with two letters swapped" 2 \
	"tip: there is no field 'statsu' (fields: title, provider, provider_type, level, level_status, audience, age_phases, status, delivery, duration, description, teaches, prerequisites, url, last_reviewed, next_review, sessions, notes): did you mean 'status'?"
tip set course wave-trust-training status=availble
stderr_is "a choice with a letter left out" 1 \
"records/courses/wave-trust-training.yaml:7:9: error: \"availble\" is not one of available, in-development, planned, retired: did you mean \"available\"? [enum]
tip: course 'wave-trust-training' would not be valid: nothing was written"
tip set course wave-trust-training teaches+=ace
stderr_is "a reference to a definition whose id is close" 1 \
"records/courses/wave-trust-training.yaml:9:5: error: \"ace\" is not an existing definition: did you mean \"aces\"? [x-tip-ref]
tip: course 'wave-trust-training' would not be valid: nothing was written"
tip set course wave-trust-training url=www.council.gov.uk/training
stderr_is "a web address without https://" 1 \
"records/courses/wave-trust-training.yaml:8:6: error: \"www.council.gov.uk/training\" is not a valid URL: did you mean https://www.council.gov.uk/training ? [format]
tip: course 'wave-trust-training' would not be valid: nothing was written"
check "nothing was written" unchanged_since "$head"
printf 'teaches:\n  - aces\n' >>records/courses/wave-trust-training.yaml
tip validate
expect_stderr "tip validate: a wrong reference is ok while the id is right" 0 "no findings"
sed -i 's/^  - aces$/  - ace/' records/courses/wave-trust-training.yaml
tip validate
expect "tip validate suggests the close id too" 1 \
	'records/courses/wave-trust-training.yaml:9:5: error: "ace" is not an existing definition: did you mean "aces"? [x-tip-ref]'
git checkout -q .

# ---- the shipped schemas' rules, in their own words ----
record actions train-champions <<'YAML'
title: Train the first champions
owner: TIP Working Group
status: planned
YAML
record champions school-champion <<'YAML'
organisation: Bitterne Park School
sector: education
service_area: children
status: active
review_by: '2027-01-31'
YAML
commit_at 2026-05-02T10:00:00Z "more"
head=$(git rev-parse HEAD)
tip set course wave-trust-training level=skilled
stderr_is "a level while it is not assessed" 1 \
"records/courses/wave-trust-training.yaml:5:15: error: a course with a level has its level agreed or proposed: set level_status to agreed or proposed, or remove level [enum]
tip: course 'wave-trust-training' would not be valid: nothing was written"
tip set course attachment-aware-schools level=
stderr_is "an agreed level that is not given" 1 \
"records/courses/attachment-aware-schools.yaml:1:1: error: a course whose level is agreed or proposed gives that level: add level (informed, skilled, enhanced or specialist), or set level_status to not-assessed [required]
tip: course 'attachment-aware-schools' would not be valid: nothing was written"
tip set course wave-trust-training age_phases=primary,all-ages
stderr_is "all-ages with another phase" 1 \
"records/courses/wave-trust-training.yaml:8:3: error: all-ages stands alone: give either all-ages or the age phases one by one [maxItems]
tip: course 'wave-trust-training' would not be valid: nothing was written"
tip set course wave-trust-training "notes=Ask jo@example.org for dates"
stderr_is "an email address in notes" 1 \
"records/courses/wave-trust-training.yaml:8:8: error: notes must not hold an email address: contact details are never kept in records (name the service or role to contact instead) [not]
tip: course 'wave-trust-training' would not be valid: nothing was written"
tip set champion school-champion "notes=Call 02380 833000 first"
stderr_is "a phone number in notes" 1 \
"records/champions/school-champion.yaml:6:8: error: notes must not hold a phone number: contact details are never kept in records (name the service or role to contact instead) [not]
tip: champion 'school-champion' would not be valid: nothing was written"
tip set champion school-champion "organisation=jo@example.org"
stderr_is "an email address in another text field" 1 \
"records/champions/school-champion.yaml:1:15: error: this field must not hold an email address: contact details are never kept in records (name the service or role to contact instead) [not]
tip: champion 'school-champion' would not be valid: nothing was written"
tip set action train-champions status=in-progress
stderr_is "an action in progress without a RAG rating" 1 \
"records/actions/train-champions.yaml:1:1: error: an action in progress has a RAG rating: add rag (green, amber or red) [required]
tip: action 'train-champions' would not be valid: nothing was written"
tip set action train-champions status=done
stderr_is "a done action without its date" 1 \
"records/actions/train-champions.yaml:1:1: error: a done action has the date it was completed: add completed (a date such as 2026-09-30) [required]
tip: action 'train-champions' would not be valid: nothing was written"
tip set action train-champions rag=green
stderr_is "a RAG rating on a planned action" 1 \
"records/actions/train-champions.yaml:3:9: error: a RAG rating is only given while the action is in progress or ongoing: remove rag, or change status [enum]
tip: action 'train-champions' would not be valid: nothing was written"
tip set action train-champions completed=2026-05-01
stderr_is "a completed date on an action not done" 1 \
"records/actions/train-champions.yaml:3:9: error: a completed date is only given when the action is done: remove completed, or set status to done [const]
tip: action 'train-champions' would not be valid: nothing was written"
check "nothing was written" unchanged_since "$head"
cat >>records/actions/train-champions.yaml <<'YAML'
milestones:
  - title: First cohort
    due: '2026-09-30'
    done: soon
YAML
tip validate
expect "a milestone's done that is neither true, false nor a date" 1 \
'records/actions/train-champions.yaml:7:11: error: done is false while the milestone is not done, and true or the date it was done (such as 2026-09-30) once it is [format]'
git checkout -q .

# ---- the shipped schemas' titles and descriptions, which prompts show, speak plainly ----
# Each title: or description: with the lines that continue it (indented deeper); technical
# notes belong in $comment, which nothing shows.
jargon=$(awk '
	/^ *(title|description):/ { match($0, /^ */); depth = RLENGTH; inside = 1 }
	inside && match($0, /^ */) && (RLENGTH > depth || /^ *(title|description):/) &&
		!/^ *- / { print FILENAME ":" FNR ": " $0; next }
	{ inside = 0 }
' "$SOURCE_ROOT"/schemas/*.schema.yaml |
	grep -E 'SKOS|[a-z]Label|scopeNote|ISO 8601|YYYY|GDPR|schema\.org|\benum\b|\bURI\b|\$defs|x-tip')
if [ -z "$jargon" ]; then
	ok "no jargon in the shipped schemas' titles and descriptions"
else
	not_ok "no jargon in the shipped schemas' titles and descriptions" "$jargon"
fi

done_testing
