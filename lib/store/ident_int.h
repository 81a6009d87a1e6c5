/* Who a commit is by, and when, found the way git finds it. Internal to lib/ (libgit2 types). */
#ifndef TIP_IDENT_INT_H
#define TIP_IDENT_INT_H

#include <git2.h>
#include <stdbool.h>
#include <stdint.h>

#include "error.h"

/* The author and committer of a new commit. For each role: the name from GIT_AUTHOR_NAME (or
 * GIT_COMMITTER_NAME), else the config's author.name (committer.name), else user.name; the
 * email likewise from GIT_*_EMAIL, <role>.email, user.email, else $EMAIL; the time from
 * GIT_*_DATE (see tip_git_date_parse), else now. No name or no email is an error that says
 * how to set them. repo may be NULL: the configuration outside any repository (global and
 * system) then. Free both with git_signature_free. */
tip_error *tip_ident_signatures(git_signature **author, git_signature **committer,
	git_repository *repo);

/* Parses a date as git takes it in GIT_AUTHOR_DATE: "@<seconds> [+hhmm]" or "<seconds>
 * +hhmm" (git's own form), ISO 8601 ("2026-01-15T10:00:00+01:00", a space for the T, Z for
 * UTC, seconds and zone optional; the day also as 2026.01.15, 01/15/2026 or 15.01.2026), RFC 2822
 * ("Thu, 15 Jan 2026 10:00:00 +0100") and git's default form as git log shows it ("Thu Jan 15
 * 10:00:00 2026 +0100"). Without a
 * zone the time is local. *when is seconds since the epoch, *offset the zone in minutes east
 * of UTC. false when text is none of these. */
bool tip_git_date_parse(const char *text, int64_t *when, int *offset);

#endif
