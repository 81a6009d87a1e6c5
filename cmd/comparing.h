/* What tip compare and tip summary --peers share: this repository and its fetched peers read
 * and compared. */
#ifndef TIP_CMD_COMPARING_H
#define TIP_CMD_COMPARING_H

#include "cmd.h"
#include "compare.h"
#include "date.h"
#include "report.h"
#include "settings.h"
#include "store.h"

struct cmd_comparison {
	tip_compare *compare;
	tip_report **reports; /* with a period: one per authority, NULL for a peer never
				     * fetched */
	tip_store **stores;   /* the peers' stores the reports need (NULL for this one) */
};

/* This repository (its working tree) compared with the peers named (every one of tip.yaml
 * when n is 0); with period, also each authority's summary of it, its history walked from
 * what was fetched. A peer never fetched is said on stderr and left out. Returns EXIT_OK, or
 * EXIT_TROUBLE having said why (a peer tip.yaml does not name, with those it does). */
int cmd_compare_build(struct cmd_comparison *out, tip_store *store, char **names, int n,
	const tip_period *period, tip_date today);
void cmd_compare_dispose(struct cmd_comparison *out);

/* EXIT_OK when every name is a peer's of s; else says which is not and names the peers there
 * are, and returns EXIT_TROUBLE (tip peers fetch and tip compare, before anything is read). */
int cmd_check_peer_names(const tip_peer_settings *s, char *const *names, int count);

#endif
