/* Writing loaded values back out. */
#ifndef TIP_EMIT_H
#define TIP_EMIT_H

#include "buf.h"
#include "error.h"
#include "schema.h"
#include "yaml.h"

/* Appends node as compact JSON. Numbers keep their written form when it is valid JSON; YAML's
 * .inf and .nan, which JSON cannot say, become null. */
tip_error *tip_emit_json(tip_buf *out, const tip_node *node);

/* Appends record in tip's canonical YAML: keys in the schema's property order (schema may be
 * NULL: keys keep their order), block style, literal blocks for multi-line text, and a
 * scalar quoted exactly when a YAML 1.1 or 1.2 reader would take it for anything but text. */
tip_error *tip_emit_record(tip_buf *out, const tip_node *record, const tip_subschema *schema);

#endif
