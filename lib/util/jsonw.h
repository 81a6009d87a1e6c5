/* Writing JSON piece by piece, indented two spaces a level, for output that scripts read and
 * people diff: the summary and the matrix. Errors are sticky: the first one is kept and
 * returned by tip_jsonw_end, and later calls do nothing. */
#ifndef TIP_JSONW_H
#define TIP_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

enum { TIP_JSONW_MAX_DEPTH = 32, TIP_JSONW_DRAIN_BYTES = 64 * 1024 };

/* Where text written so far goes when it is drained (tip_jsonw_drain_to). */
typedef tip_error *(*tip_jsonw_drain_fn)(void *ctx, const char *text, size_t len);

typedef struct tip_jsonw {
	tip_buf *out;
	tip_jsonw_drain_fn drain; /* NULL: out holds the whole text */
	void *drain_ctx;
	int depth;
	bool has_items[TIP_JSONW_MAX_DEPTH]; /* whether the open object or array at each depth
					      * holds something yet */
	tip_error *err;
} tip_jsonw;

/* The version of the shape of every JSON output tip prints: each is one object whose first
 * member is "format": TIP_JSON_FORMAT (docs/commands.md "Versions of the JSON"). A change a
 * script could trip on (a member renamed, removed or given another type) raises it; a new
 * member does not. */
enum { TIP_JSON_FORMAT = 1 };

/* Appends the start of a JSON output: '{"format":1', then ',"key":' when key is not NULL,
 * for the caller to add key's value and the closing '}'. */
tip_error *tip_json_begin_output(tip_buf *out, const char *key);

/* Compact JSON members for one-line objects: ',' unless first, the key, ':', and then the
 * value: a string (null when value is NULL), or nothing (tip_json_add_key). */
tip_error *tip_json_add_key(tip_buf *out, const char *key, bool first);
tip_error *tip_json_add_string(tip_buf *out, const char *key, const char *value, bool first);

/* ---- piece by piece, indented ---- */

/* Starts writing into out. */
void tip_jsonw_begin(tip_jsonw *w, tip_buf *out);
/* From now on out's text is handed to drain and out emptied whenever it holds
 * TIP_JSONW_DRAIN_BYTES or more, and at the end: a large output is written as it is made
 * rather than held whole. */
void tip_jsonw_drain_to(tip_jsonw *w, tip_jsonw_drain_fn drain, void *ctx);
/* The first error, or NULL; adds the final newline (and drains it). */
tip_error *tip_jsonw_end(tip_jsonw *w);

/* In an object key names the member; in an array (or at the top) key is NULL. */
void tip_jsonw_object(tip_jsonw *w, const char *key);
void tip_jsonw_array(tip_jsonw *w, const char *key);
/* Closes the innermost object or array. */
void tip_jsonw_close(tip_jsonw *w, char bracket);
/* Text, or null when s is NULL. */
void tip_jsonw_string(tip_jsonw *w, const char *key, const char *s);
void tip_jsonw_number(tip_jsonw *w, const char *key, int64_t n);
void tip_jsonw_bool(tip_jsonw *w, const char *key, bool b);
void tip_jsonw_null(tip_jsonw *w, const char *key);

#endif
