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

done_testing
