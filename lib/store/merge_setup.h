/* Git's use of tip merge-file for records: the .gitattributes line that names the driver, and
 * the driver in the repository's config (which git never copies into a clone). */
#ifndef TIP_MERGE_SETUP_H
#define TIP_MERGE_SETUP_H

#include <stdbool.h>

#include "error.h"
#include "store.h"

/* The line of .gitattributes, and the driver's config as tip sets it. git runs the driver
 * with sh wherever git runs, tip or no tip: where tip is not on PATH the driver says so and
 * merges line by line as git would without it, conflict markers and all, rather than fail
 * and leave git a "conflict" that holds only our side. */
#define TIP_MERGE_ATTRIBUTES "records/**/*.yaml merge=tip\n"
#define TIP_MERGE_COMMAND "tip merge-file --path %P %O %A %B"
#define TIP_MERGE_DRIVER                                                                    \
	"if command -v tip >/dev/null; then " TIP_MERGE_COMMAND "; else "                   \
	"echo tip is not on PATH, so %P is merged line by line >&2; "                        \
	"git merge-file --marker-size=%L -L ours -L base -L theirs %A %O %B; fi"
#define TIP_MERGE_DRIVER_NAME "tip: record-aware merge of records"

typedef struct tip_merge_setup {
	bool attributes; /* .gitattributes names the driver for records (merge=tip) */
	bool driver;     /* merge.tip.driver is in git's config, and not an earlier tip's bare
			  * TIP_MERGE_COMMAND */
} tip_merge_setup;

/* Whether git would merge records with tip merge-file here. */
tip_error *tip_store_merge_setup(tip_merge_setup *out, tip_store *store);

/* Sets merge.tip.name and merge.tip.driver in the repository's own config (.git/config);
 * *changed false when they were set so already. */
tip_error *tip_store_set_merge_driver(bool *changed, tip_store *store);

/* Sets the driver up and, when .gitattributes does not name it for records, adds the line to
 * it in a commit "setup: record-aware merging of records" (tip_store_write's refusals apply).
 * done says what changed; both false when all was set up already. */
tip_error *tip_store_setup_merge(tip_merge_setup *done, tip_store *store);

#endif
