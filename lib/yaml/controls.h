/* Control characters in text: C0 (but tab and line feed), DEL and C1 (U+0080 to U+009F).
 * A terminal acts on them (ESC starts a sequence that can recolour, retitle or rewrite the
 * screen, U+009B does the same in one character), so records must not hold them and nothing
 * that prints text from records writes them as they are. Records are checked with
 * tip_controls_check besides their schema; JSON Schema itself (tip validate --schema) has no
 * such rule. */
#ifndef TIP_CONTROLS_H
#define TIP_CONTROLS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "yaml.h"

/* When the len bytes at s start with such a control character (C1 written in UTF-8): its
 * code point in *cp and its length in bytes, 1 or 2; else 0. */
size_t tip_control_at(const char *s, size_t len, uint32_t *cp);

/* Reports, through fn, each text under root (a value or a key) that holds a control
 * character: at the text's line and column, its JSON Pointer, keyword "control-character",
 * naming the first one ("U+001B"). file names the document. Returns how many. */
size_t tip_controls_check(const tip_node *root, const char *file, tip_finding_fn fn,
	void *ctx);

#endif
