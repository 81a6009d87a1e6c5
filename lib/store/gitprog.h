/* The git program, for what crosses the network (tip sync: fetch, rebase, push). libgit2 does
 * not read the user's credential helpers, ssh config, agent or proxy settings the way git
 * does, so the network goes through the git the user has set up; git runs here as a program
 * (no shell), its stderr kept so that a failure is told in words. */
#ifndef TIP_GITPROG_H
#define TIP_GITPROG_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* What a failed git command ran into, read from its stderr. */
typedef enum tip_git_failure {
	TIP_GIT_FAILED,    /* none of those below */
	TIP_GIT_OFFLINE,   /* the remote could not be reached (no network, no server there) */
	TIP_GIT_AUTH,      /* the remote refused the credentials, or none could be had */
	TIP_GIT_NO_REPO,   /* the remote has no repository at that address */
	TIP_GIT_REJECTED,  /* a push refused because the remote branch has commits we do not */
	TIP_GIT_REFUSED,   /* a push refused by the server itself (protected branch, a hook) */
	TIP_GIT_CONFLICT,  /* a rebase or merge stopped on conflicts */
} tip_git_failure;

/* Called with each line git writes to stderr as it comes (progress lines end in '\r' in
 * git's output; here each arrives without its end). */
typedef void (*tip_git_line_fn)(void *ctx, const char *line);

typedef struct tip_git_call {
	const char *dir;              /* where git runs (the working tree's root) */
	const char *const *env;       /* NAME=VALUE settings added to git's environment, ending
				       * in NULL; may be NULL */
	tip_git_line_fn on_line;      /* may be NULL */
	void *ctx;
	tip_buf *out;                 /* git's stdout; NULL: thrown away */
} tip_git_call;

/* Runs git with args (args[0] is "git"; the list ends in NULL), stdin from /dev/null, into
 * *status its exit status (128 + the signal when a signal ended it), and all of its stderr
 * into err_text. The error is only for git not starting at all. */
tip_error *tip_git_program(int *status, tip_buf *err_text, const tip_git_call *call,
	const char *const *args);

/* What git's stderr says went wrong. */
tip_git_failure tip_git_classify(const char *err_text);

/* The error for a git command that failed (TIP_ECONFLICT for REJECTED, REFUSED and CONFLICT,
 * TIP_EGIT for the others), in words: what (e.g. "fetch from origin") and remote name the
 * step; git's last lines (at most three, "error: "/"fatal: " left off) are quoted, and the
 * message says what to do. */
tip_error *tip_git_failure_error(tip_git_failure kind, const char *what, const char *remote,
	const char *err_text);

/* What a failure's message advises, in the words of the command that ran git. */
typedef struct tip_git_advice {
	const char *again;   /* "run tip sync again" */
	const char *address; /* how to check the address: "check it with git remote -v" */
	const char *kept;    /* what was kept: "your commits are kept here" */
} tip_git_advice;

/* tip_git_failure_error with advice other than tip sync's. */
tip_error *tip_git_failure_advised(tip_git_failure kind, const char *what, const char *remote,
	const char *err_text, const tip_git_advice *advice);

#endif
