/* The user's editor, for tip edit and for tip add's "edit" choice. */
#ifndef TIP_CMD_EDITOR_H
#define TIP_CMD_EDITOR_H

#include <stdbool.h>

#include "buf.h"
#include "records.h"

/* Opens text in $VISUAL, $EDITOR or vi, run as git runs its editor (the file's path is its
 * own argument, never part of a shell string) until it is a valid record: when it is not, the user's own text is opened
 * again with the findings as "# tip: " comment lines above it. Saving it unchanged or empty
 * stops (exit 1), and the text is kept in a temporary file whose path is printed; an
 * editor that cannot be started is said so (exit 2) and nothing is kept, as nothing was edited. On success
 * text holds the user's text and *changed says whether it differs from what was given. */
int cmd_edit_until_valid(tip_store *store, const tip_record *record, tip_buf *text,
	bool *changed);

/* Opens text in the editor as cmd_edit_until_valid does, in a file called name.txt, and puts
 * what was saved into text. An editor that cannot be started or fails is said so (exit 2), and
 * the user's text is kept in its temporary file when the editor ran; Ctrl-C while it runs is
 * said so too (exit 130). */
int cmd_edit_text(tip_buf *text, const char *name);

/* Keeps text, a record not written, in a temporary file NAME.yaml whose path is printed (as
 * a text that did not become valid in the editor is kept), so that no answer is lost; with
 * add_type (tip add's answers), also the tip add --resume that goes on from it. */
int cmd_keep_draft(const char *name, const tip_buf *text, const char *add_type);

#endif
