/* The glossary's links between definitions (broader, narrower, related) and what SKOS says
 * they must not do: a concept broader than itself, by one link or round a circle of them
 * (a → b → c → a), and related to itself or to a concept in its own broader or narrower chain
 * (SKOS integrity condition S27). tip validate reports these: they are integrity errors. */
#ifndef TIP_GLOSSARY_H
#define TIP_GLOSSARY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "yaml.h"

typedef struct tip_glossary tip_glossary;

/* folder: where the definitions' files are, "records/definitions". */
tip_error *tip_glossary_new(tip_glossary **out, const char *folder);
void tip_glossary_free(tip_glossary *g);

/* Adds the links of the definition id (root: its loaded record). Findings are only ever
 * reported at the links of a definition added with reported. */
tip_error *tip_glossary_add(tip_glossary *g, const char *id, const tip_node *root, bool reported);

/* Moves every link of from into into; from is left empty. */
tip_error *tip_glossary_merge(tip_glossary *into, tip_glossary *from);

/* Decides whether a finding is kept: the ids of the definitions it involves. */
typedef bool (*tip_glossary_keep_fn)(void *ctx, const char *const *ids, size_t count);

/* Appends a finding at each link that breaks a rule (keywords broader-cycle, related-clash),
 * naming the definitions involved and their files; keep (may be NULL) decides which are kept. */
tip_error *tip_glossary_check(const tip_glossary *g, tip_diag_list *findings,
	tip_glossary_keep_fn keep, void *keep_ctx);

#endif
