/* The other authorities' repositories, the peers of tip.yaml: each fetched by the git program
 * (the user's own keys, credential helpers and proxies, as tip sync) into its own ref,
 * refs/tip/peers/NAME, never touching the working tree, the index, HEAD, branches or remotes;
 * and read at the fetched commit with the peer's own schemas. When each was last fetched is
 * kept in the git folder, tip/peers/NAME (a fetch that brings nothing new moves no ref, so a
 * reflog would not tell it). */
#ifndef TIP_PEERS_H
#define TIP_PEERS_H

#include <stdbool.h>

#include "date.h"
#include "error.h"
#include "gitprog.h"
#include "settings.h"
#include "snapshot.h"
#include "store.h"

/* What this clone holds of a peer. */
typedef struct tip_peer_state {
	char commit[TIP_COMMIT_ID_LEN]; /* the fetched commit's id; "" when never fetched */
	long long fetched_at;           /* when it was last fetched, seconds since 1970; 0 when
					 * never, or not known (fetched by hand) */
	char fetched_on[TIP_DATE_LEN];  /* the day of fetched_at (UTC), YYYY-MM-DD; "" when 0 */
} tip_peer_state;

/* The state of the peer called name ("" commit when it was never fetched). */
tip_error *tip_peer_state_read(tip_peer_state *out, tip_store *home, const char *name);

/* The peer name's records as fetched: a store of home's repository, without a working tree,
 * whose record types are compiled from the schemas/ of the peer's fetched commit (not home's:
 * a peer may have older schemas), with that commit's id and the day it was fetched in
 * *state. Read the records with tip_snapshot_at_rev(&snap, *out, state->commit, ...) and each
 * type's schema with tip_store_type_at(*out, i). Free *out with tip_store_free.
 * TIP_ENOTFOUND when name was never fetched; TIP_EINVALID, naming the peer and the file, when
 * the commit has no schemas/ or a schema that does not compile. */
tip_error *tip_peer_open(tip_store **out, tip_peer_state *state, tip_store *home,
	const char *name);

/* What one fetch did. */
typedef struct tip_peer_fetched {
	tip_peer_state before, after;
	bool fetched;   /* the peer's ref was updated: true even when the error returned says
			 * only that the time of the fetch could not be kept */
	bool changed;   /* the peer's commit is another one now */
	bool rewritten; /* ... and the one fetched before is not in its history: the peer rewrote
			 * its history (a forced update), which is followed */
} tip_peer_fetched;

/* Fetches peer (its branch, else its HEAD branch) into refs/tip/peers/NAME, forced, and
 * records when. A url that is a relative path is relative to home's root. Each line of git's
 * progress goes to progress (may be NULL). When the peer cannot be reached, refuses access or
 * has no repository there, the error says so in words, and what was fetched before is kept
 * (out->before, still readable with tip_peer_open). When the fetch was made but its time
 * cannot be written, out is filled as for a fetch (out->fetched) and the error says so. */
tip_error *tip_peer_fetch(tip_peer_fetched *out, tip_store *home, const tip_peer_setting *peer,
	tip_git_line_fn progress, void *ctx);

#endif
