/* tip undo: the changes tip made (commits with a Tip-Action trailer on HEAD's first-parent
 * line), which of them are undone, and a commit that reverts one of them onto HEAD. */
#ifndef TIP_UNDO_H
#define TIP_UNDO_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "store.h"

enum { TIP_UNDO_ID_LEN = 41 }; /* a full hex commit id and its NUL */

/* One change tip made, as tip undo --list shows it. */
typedef struct tip_undo_change {
	size_t number;              /* 1 = the newest; what tip undo N takes */
	char id[TIP_UNDO_ID_LEN];   /* the commit */
	const char *subject;        /* each personal value of the records it changed as
				     * "[personal]" */
	const char *author;         /* the author's name */
	char date[11];              /* the author date, YYYY-MM-DD in the author's time zone */
	const char *action;         /* its Tip-Action: "add", "set", "undo"... */
	size_t undone_by;           /* the number of the undo that took it back; 0 when it
				     * stands (an undo that was itself undone undoes nothing) */
} tip_undo_change;

typedef struct tip_undo_list tip_undo_list;

/* The newest max changes tip made on HEAD's first-parent line (commits by git alone are left
 * out), newest first. An undo says which commit it took back in a Tip-Undoes trailer; an
 * older undo without one took back its parent. An unborn branch has none. */
tip_error *tip_store_undo_list(tip_undo_list **out, tip_store *store, size_t max);
size_t tip_undo_list_count(const tip_undo_list *list);
const tip_undo_change *tip_undo_list_at(const tip_undo_list *list, size_t i);
void tip_undo_list_free(tip_undo_list *list);

typedef struct tip_undo_opts {
	size_t number;      /* the change to undo, numbered as tip_store_undo_list does; 0 = the
			     * newest that stands and is not an undo itself */
	const char *reason; /* the new commit's body; NULL or blank = none */
} tip_undo_opts;

/* What an undo did: the commits around it, for tip_undo_describe (undo_words.h). */
typedef struct tip_undo_done {
	char *subject;                /* the new commit's: "undo: <the change's subject>" */
	size_t number;                /* the change undone */
	char undone[TIP_UNDO_ID_LEN]; /* its commit */
	char before[TIP_UNDO_ID_LEN]; /* HEAD before the undo */
	char commit[TIP_UNDO_ID_LEN]; /* the new commit */
} tip_undo_done;

/* Reverts the change onto HEAD: a new commit puts every path the change's commit changed back
 * as its parent had it (removing what the parent did not have), with the subject "undo:
 * <original subject>" (each value of a personal field of the records it changed, before or
 * after, as "[personal]"; the store's types must be loaded for that), reason as its body, and
 * trailers Tip-Action: undo, Tip-Undoes: <the commit> and the original's Tip-Record lines.
 * Later commits that changed other paths stay as they are. Refused, with nothing changed:
 * when the change is undone already (naming the undo that took it back), is a merge, changed
 * files that are not records (but for tip init's), or when a later commit changed one of its
 * paths again (naming that commit); when there is no such change; and under the same
 * conditions as tip_store_write. done is filled on success (tip_undo_done_dispose). */
tip_error *tip_store_undo(tip_undo_done *done, tip_store *store, const tip_undo_opts *opts);
void tip_undo_done_dispose(tip_undo_done *done);

#endif
