/* Sharing records with the other clones: tip sync (fetch, replay our commits on the upstream
 * branch with the record-aware merge, push) and what tip status reads (ahead and behind, the
 * last fetch, conflicts, uncommitted record files). The network goes through the git program
 * (gitprog.h), which uses the user's own keys, credential helpers and proxies. */
#ifndef TIP_SYNC_H
#define TIP_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "merge_setup.h"
#include "store.h"

/* Called with what sync is doing ("fetching from origin"; from_git false) and with each line
 * of git's own progress (from_git true). */
typedef void (*tip_sync_progress_fn)(void *ctx, bool from_git, const char *line);

typedef struct tip_sync_opts {
	bool no_push;       /* fetch and replay only */
	bool resume;        /* finish the rebase that stopped on conflicts (git rebase --continue) */
	const char *branch; /* push to this branch (for a pull request), not the upstream one */
	int tries;          /* how often a rejected push is fetched, replayed and pushed again;
			     * 0: 3 */
	tip_sync_progress_fn progress;
	void *ctx;
} tip_sync_opts;

typedef struct tip_sync_result {
	tip_merge_setup set_up;  /* what sync set up of the merge driver first */
	char *upstream;          /* "origin/main" */
	char *pushed_to;         /* the remote's branch pushed ("main", or opts' branch); NULL
				  * when nothing was pushed */
	size_t received;         /* commits brought in from upstream */
	size_t sent;             /* commits pushed */
	int tries;               /* pushes tried */
	char *request_url;       /* where to open a pull request for opts' branch (GitHub,
				  * GitLab); NULL when the remote is not one of those */
	bool conflicts;          /* the replay stopped on conflicts (the error says where) */
} tip_sync_result;

/* Fetches the upstream of the current branch, replays our commits on it (git rebase, with
 * the merge driver, which it sets up first when missing), and pushes. Refused, with nothing
 * changed, when HEAD is detached, the branch has no upstream, a merge or rebase is in
 * progress (unless resume and it is a rebase), or tracked files (or record files git does not
 * track yet) have uncommitted changes. A conflict in the replay is a TIP_ECONFLICT error and
 * leaves the rebase in progress (tip status, tip resolve, then resume; or git rebase
 * --abort). A push rejected because upstream moved is fetched and replayed again, at most
 * opts->tries times. */
tip_error *tip_sync(tip_sync_result *out, tip_store *store, const tip_sync_opts *opts);
void tip_sync_result_dispose(tip_sync_result *result);

/* Where to open a pull request from branch to the remote at url (a GitHub or GitLab address,
 * https or ssh); NULL (and no error) for any other. Freed by the caller. */
tip_error *tip_sync_request_url(char **out, const char *url, const char *branch);

/* ---- tip status ---- */

typedef struct tip_sync_status {
	char *branch;           /* "main"; NULL when HEAD is detached outside a rebase */
	char *upstream;         /* "origin/main"; NULL when the branch has none */
	bool fetched_upstream;  /* the upstream's remote-tracking branch is there */
	size_t ahead, behind;   /* commits not yet sent, not yet received (from the last fetch) */
	long long fetched_at;   /* when the last fetch was (seconds since 1970); 0: never */
	const char *operation;  /* "rebase", "merge", "cherry-pick", "revert", ...; NULL */
	char **conflicted;      /* paths with conflicts not yet resolved, sorted */
	size_t conflicted_count;
	bool *removed_here;     /* for each conflicted path: removed on this clone's side */
	bool *removed_there;    /* ... removed on the other side */
	char **uncommitted;     /* record files changed (or new) and not committed, sorted */
	size_t uncommitted_count;
	tip_merge_setup setup;
	/* In a conflict, which side of the markers is this clone's: during a rebase git writes
	 * the upstream's version as "ours" and our commit being replayed as "theirs". */
	bool ours_is_other;
	char *other;            /* what the other side is called: "origin/main" */
} tip_sync_status;

tip_error *tip_sync_status_read(tip_sync_status *out, tip_store *store);
void tip_sync_status_dispose(tip_sync_status *status);

/* Who made, and when (YYYY-MM-DD), the last change to path (to its field, when field is
 * not NULL) on the other side of the conflict in progress; *author NULL when it cannot be
 * told. *author is freed by the caller. */
tip_error *tip_sync_other_change(char **author, char date[11], tip_store *store,
	const char *path, const char *field);

/* Whether git's index holds conflicts for path (a quick test, before tip_sync_status_read). */
tip_error *tip_store_path_conflicted(bool *conflicted, tip_store *store, const char *path);

/* Writes content as path's working file and stages it (the index entry, every conflict
 * stage of the path gone): what git add does after a conflict is settled. */
tip_error *tip_store_resolve_path(tip_store *store, const char *path, const char *content,
	size_t len);

#endif
