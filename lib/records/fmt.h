/* The canonical form of records (tip fmt): a record's values written by tip_emit_record with
 * its type's schema. Formatting never drops content silently: a file with comments, which the
 * YAML loader cannot keep, is refused with a finding at each comment, and a file that does not
 * load is reported with its YAML findings; neither is changed. */
#ifndef TIP_FMT_H
#define TIP_FMT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "schema.h"
#include "store.h"

/* The canonical text of one record file's text (len bytes, named file in findings; schema may
 * be NULL). On success *formatted is true and out holds the canonical text, which may equal
 * the input. When the text does not load as strict YAML, or holds comments, the reasons go to
 * findings and *formatted is false. The error is for failures of the work itself. */
tip_error *tip_fmt_text(tip_buf *out, bool *formatted, const char *text, size_t len,
	const char *file, const tip_subschema *schema, tip_diag_list *findings);

/* Called for each record that is not in canonical form, with its path relative to the root and
 * the first line (1-based) where its text and the canonical text differ: where a reader should
 * look, and where CI annotates. */
typedef void (*tip_fmt_changed_fn)(void *ctx, const char *path, unsigned line);

typedef struct tip_fmt_opts {
	bool check;                 /* only report: change no file */
	tip_fmt_changed_fn changed; /* may be NULL */
	void *ctx;
} tip_fmt_opts;

/* Formats the records at paths (files or folders, relative to the current directory), or
 * every record of the repository when count is 0, in the store's type order and then by id;
 * without opts->check each record that is not canonical is rewritten in place (a temporary
 * file in the same folder, renamed over it, with the same mode). Loads the store's types
 * first when it has none. A named file that is not a record, a record that cannot be
 * formatted, and a record whose schema does not compile are findings; the error is for a path
 * that does not exist, I/O failures and the like. */
tip_error *tip_fmt_repository(tip_store *store, const char *const *paths, size_t count,
	const tip_fmt_opts *opts, tip_diag_list *findings);

#endif
