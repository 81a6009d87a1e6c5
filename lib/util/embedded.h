/* Files built into tip by .ci/embed (into $(BUILD)/gen/): what tip init writes, as they were in
 * tip's own repository when tip was built — the schemas in schemas/ and the CI workflow
 * .github/workflows/tip.yaml. */
#ifndef TIP_EMBEDDED_H
#define TIP_EMBEDDED_H

#include <stddef.h>

struct tip_embedded_file {
	const char *name;           /* "course.schema.yaml" */
	const unsigned char *bytes; /* len bytes, then a NUL */
	size_t len;
};

/* Sorted by name. */
extern const struct tip_embedded_file tip_default_schemas[];
extern const size_t tip_default_schemas_count;
/* One file: tip.yaml, the pull-request workflow. */
extern const struct tip_embedded_file tip_default_workflow[];
extern const size_t tip_default_workflow_count;

#endif
