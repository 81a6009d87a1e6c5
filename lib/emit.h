/* Writing loaded values back out. */
#ifndef TIP_EMIT_H
#define TIP_EMIT_H

#include "buf.h"
#include "error.h"
#include "yaml.h"

/* Appends node as compact JSON. Numbers keep their written form when it is valid JSON; YAML's
 * .inf and .nan, which JSON cannot say, become null. */
tip_error *tip_emit_json(tip_buf *out, const tip_node *node);

#endif
