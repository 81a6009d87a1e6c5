/* What every record shares: ids, and where a record of a type lives. */
#ifndef TIP_RECORD_H
#define TIP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "error.h"
#include "store.h"
#include "yaml.h"

/* ---- one record, being read or changed ---- */

typedef struct tip_record {
	const tip_type *type;
	char *id;
	char *path;    /* "records/<collection>/<id>.yaml", relative to the root */
	tip_doc *doc;  /* the record's fields; an empty mapping for a new record */
	bool exists;   /* the file is in the working tree */
	tip_buf text;  /* the file's text as read, for "no change" checks */
	char base[48]; /* HEAD when it was read: a commit since that changed it stops a write */
} tip_record;

/* Writes into out (cap bytes) an id made from title: lower-case ASCII letters and digits, letters
 * with accents without them ("Café" gives "cafe"), everything else a single '-', at most TIP_ID_MAX characters, cut at a word. "" when the
 * title has no letters or digits. */
void tip_record_slug(char *out, size_t cap, const char *title);

/* A new, empty record of type_name. The id must be valid and not taken. */
tip_error *tip_record_start(tip_record *out, tip_store *store, const char *type_name,
	const char *id);

/* The record type_name/id from the working tree. A file that is not strict YAML gets its
 * findings in findings and the error "cannot read ...: fix it first". */
tip_error *tip_record_open(tip_record *out, tip_store *store, const char *type_name,
	const char *id, tip_diag_list *findings);

/* Like tip_record_open, for a record that is only to be removed: the file must exist, and doc
 * is NULL when it does not load. */
tip_error *tip_record_locate(tip_record *out, tip_store *store, const char *type_name,
	const char *id);

void tip_record_dispose(tip_record *record);

/* The record's public title, for messages, commit subjects and ids made from it: its "title",
 * else "term", else the first text field, leaving out personal fields (x-tip-personal) at
 * each step, and every field when the type's schema does not compile (what is personal is
 * not known then); NULL when none. */
const char *tip_record_title(const tip_record *record);
/* The same for a record of type given its fields (root may be NULL). */
const char *tip_record_title_of(const tip_type *type, const tip_node *root);

/* The record in canonical YAML. */
tip_error *tip_record_render(tip_buf *out, const tip_record *record);

/* Checks text as the record's new content: strict YAML, the type's schema and references,
 * which resolve among the records of the commit the record was read at (base): one to a
 * record only in the working tree is "not committed yet"; and no control characters in its
 * text (tip_controls_check). Findings name the record's path. */
tip_error *tip_record_check(tip_store *store, const tip_record *record, const char *text,
	size_t len, tip_diag_list *findings);

/* Replaces the record's fields with the document loaded from text (already checked). */
tip_error *tip_record_replace(tip_record *record, const char *text, size_t len);

/* A change to one record, as tip_record_commit makes it. */
typedef struct tip_record_change {
	const char *verb;   /* add, set, edit, rm: the commit message's first word */
	const char *text;   /* the new content; NULL removes the record */
	size_t len;
	const char *reason; /* the commit message's body; may be NULL */
	bool no_commit;     /* write the file only */
	bool force;         /* a removal even though other records refer to the record */
} tip_record_change;

/* Commits the change with the message "<verb> <type> <id>: <title>", reason as its body, and
 * tip's trailers. What is committed is checked against the records of the commit it goes on
 * (not the working tree), under the write's lock: the new text (strict YAML, the schema,
 * references among the committed records; one to a record only in the working tree is "not
 * committed yet"), or for a removal without force, the committed records that refer to it.
 * What is wrong goes into findings, and the error says that nothing was written. With
 * no_commit the check is against the commit the record was read at (base). */
tip_error *tip_record_commit(tip_store *store, const tip_record *record,
	const tip_record_change *change, tip_diag_list *findings);

#endif
