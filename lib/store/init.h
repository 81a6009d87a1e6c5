/* tip init: a new records repository, set up in one commit. */
#ifndef TIP_INIT_H
#define TIP_INIT_H

#include <stdbool.h>

#include "error.h"

typedef struct tip_init_result {
	bool created_repository; /* there was no git repository: git init made one */
	char *types;             /* the record types set up: "action, champion, course, definition" */
	char *kept;              /* files left as they were because they exist (", " between), or
	                          * NULL */
} tip_init_result;

/* Sets up a records repository in dir (created when missing; git init when it is not a
 * repository yet): the default schemas built into tip, records/<collection>/.gitkeep for each
 * record type, editor settings mapping each record folder to its schema
 * (.vscode/settings.json), a CI workflow that validates records on pull requests
 * (.github/workflows/tip.yaml), the settings file tip.yaml and .gitattributes naming tip's
 * merge driver for records, all in one commit "init: tip records repository" with the trailer
 * Tip-Action: init; then the driver in the repository's config (merge_setup.h). Editor
 * settings, workflow, tip.yaml and .gitattributes that exist already are kept as they are.
 * Refused, with nothing changed, when dir has schemas/ or records/ already, is inside another
 * repository's working tree (not at its top), or for any reason tip_store_write refuses. */
tip_error *tip_init(tip_init_result *out, const char *dir);
void tip_init_result_dispose(tip_init_result *result);

/* True when path is a file tip init writes (a default schema, records/<collection>/.gitkeep,
 * the editor settings, the workflow, tip.yaml, .gitattributes): what undoing its commit may
 * take away. */
bool tip_init_writes(const char *path);

#endif
