/* Files built into tip (by .ci/embed, into $(BUILD)/gen/schemas.c): the default schemas that
 * tip init writes, the ones in schemas/ when tip was built. */
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

#endif
