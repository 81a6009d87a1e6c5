/* tip sync: fetch, replay our commits on upstream with the record-aware merge, push; all three
 * through the git program, so that the network uses the user's own git set-up. The checks
 * before it and the repository's state are read with libgit2. */
#include "sync.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "git_int.h"
#include "gitprog.h"
#include "workfile.h"
#include "yaml.h"

enum { DEFAULT_TRIES = 3 };

/* The current branch and its upstream, from git's config. */
typedef struct upstream {
	char *branch_ref; /* "refs/heads/main" */
	char *remote;     /* "origin" */
	char *merge;      /* "refs/heads/main" on the remote */
	char *tracking;   /* "refs/remotes/origin/main" */
} upstream;

static void upstream_dispose(upstream *u)
{
	free(u->branch_ref);
	free(u->remote);
	free(u->merge);
	free(u->tracking);
	memset(u, 0, sizeof(*u));
}

static char *take_buf(git_buf *b)
{
	char *s = strdup(b->ptr ? b->ptr : "");
	git_buf_dispose(b);
	return s;
}

static const char *short_branch(const char *ref)
{
	return strncmp(ref, "refs/heads/", 11) == 0 ? ref + 11 : ref;
}

/* The first line of a file in the git folder (name like "rebase-merge/onto") into line;
 * false when there is none. */
static bool read_git_file(char *line, size_t cap, git_repository *repo, const char *name)
{
	tip_buf path = TIP_BUF_INIT;
	FILE *f = NULL;
	line[0] = '\0';
	if (!tip_buf_adds(&path, git_repository_path(repo)) && !tip_buf_adds(&path, name))
		f = fopen(tip_buf_str(&path), "r");
	tip_buf_dispose(&path);
	if (!f)
		return false;
	char *got = fgets(line, (int)cap, f);
	fclose(f);
	line[strcspn(line, "\n")] = '\0';
	return got && line[0];
}

/* The branch a rebase in progress started from ("refs/heads/main"), or NULL. */
static char *rebase_head_name(git_repository *repo)
{
	char line[512];
	if ((read_git_file(line, sizeof(line), repo, "rebase-merge/head-name") ||
	     read_git_file(line, sizeof(line), repo, "rebase-apply/head-name")) &&
	    strncmp(line, "refs/heads/", 11) == 0)
		return strdup(line);
	return NULL;
}

/* The branch HEAD is on, or the one a rebase in progress will return to; NULL: detached. */
static char *current_branch(git_repository *repo)
{
	git_reference *head = NULL;
	char *name = NULL;
	if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		name = strdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	return name ? name : rebase_head_name(repo);
}

/* The remote-tracking branch of u's upstream, as the default fetch refspec names it
 * (refs/heads/X of remote R is refs/remotes/R/X; of ".", this repository's own branch).
 * git_branch_upstream_name would read the remote's refspecs, but looking the remote up leaks
 * memory in libgit2 1.5. */
static tip_error *tracking_ref(upstream *u)
{
	tip_buf ref = TIP_BUF_INIT;
	tip_error *err = strcmp(u->remote, ".") == 0 ? tip_buf_adds(&ref, u->merge) :
		tip_buf_addf(&ref, "refs/remotes/%s/%s", u->remote, short_branch(u->merge));
	if (!err && !(u->tracking = strdup(tip_buf_str(&ref))))
		err = tip_error_nomem();
	tip_buf_dispose(&ref);
	return err;
}

/* u's fields from config; u->remote NULL when the branch has no upstream. */
static tip_error *read_upstream(upstream *u, git_repository *repo)
{
	memset(u, 0, sizeof(*u));
	u->branch_ref = current_branch(repo);
	if (!u->branch_ref)
		return NULL;
	git_buf remote = { NULL, 0, 0 }, merge = { NULL, 0, 0 };
	if (git_branch_upstream_remote(&remote, repo, u->branch_ref) < 0 ||
	    git_branch_upstream_merge(&merge, repo, u->branch_ref) < 0) {
		git_buf_dispose(&remote);
		git_buf_dispose(&merge);
		git_error_clear();
		return NULL;
	}
	u->remote = take_buf(&remote);
	u->merge = take_buf(&merge);
	return u->remote && u->merge ? tracking_ref(u) : tip_error_nomem();
}

static const char *tracking_short(const char *tracking)
{
	return strncmp(tracking, "refs/remotes/", 13) == 0 ? tracking + 13 : tracking;
}

/* ---- what must hold before a sync ---- */

static const char *operation_name(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_NONE:
		return NULL;
	case GIT_REPOSITORY_STATE_MERGE:
		return "merge";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "revert";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "cherry-pick";
	case GIT_REPOSITORY_STATE_BISECT:
		return "bisect";
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
		return "rebase";
	default:
		return "git am";
	}
}

static tip_error *add_path(char ***list, size_t *count, const char *path)
{
	char **grown = realloc(*list, (*count + 1) * sizeof(**list));
	if (!grown)
		return tip_error_nomem();
	*list = grown;
	if (!(grown[*count] = strdup(path)))
		return tip_error_nomem();
	(*count)++;
	return NULL;
}

static void free_paths(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

static bool is_record_path(const char *path)
{
	return strncmp(path, "records/", 8) == 0;
}

/* Paths with uncommitted changes: tracked ones (all, or only records when records_only), and
 * record files git does not track yet. Conflicted paths are not counted. */
static tip_error *uncommitted_paths(char ***list, size_t *count, git_repository *repo,
	bool records_only)
{
	git_status_options opts;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
		     GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
	git_status_list *statuses = NULL;
	*list = NULL;
	*count = 0;
	if (git_status_list_new(&statuses, repo, &opts) < 0)
		return tip_git_error("cannot read which files have changed");
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < git_status_list_entrycount(statuses); i++) {
		const git_status_entry *e = git_status_byindex(statuses, i);
		const git_diff_delta *d = e->head_to_index ? e->head_to_index : e->index_to_workdir;
		const char *path = d->new_file.path ? d->new_file.path : d->old_file.path;
		bool untracked = e->status == GIT_STATUS_WT_NEW;
		if (e->status & (GIT_STATUS_CONFLICTED | GIT_STATUS_IGNORED))
			continue;
		if ((untracked || records_only) && !is_record_path(path))
			continue;
		err = add_path(list, count, path);
	}
	git_status_list_free(statuses);
	return err;
}

static tip_error *conflicted_paths(char ***list, size_t *count, git_repository *repo)
{
	git_index *index = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	*list = NULL;
	*count = 0;
	if (git_repository_index(&index, repo) < 0 || git_index_read(index, 1) < 0 ||
	    git_index_conflict_iterator_new(&it, index) < 0) {
		git_index_free(index);
		return tip_git_error("cannot read git's index");
	}
	tip_error *err = NULL;
	while (!err && git_index_conflict_next(&ancestor, &ours, &theirs, it) == 0) {
		const git_index_entry *any = ours ? ours : theirs ? theirs : ancestor;
		err = add_path(list, count, any->path);
	}
	git_index_conflict_iterator_free(it);
	git_index_free(index);
	return err;
}

/* "a, b and 3 more" of at most five paths. */
static tip_error *name_paths(tip_buf *out, char **paths, size_t count)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count && i < 5; i++)
		err = tip_buf_addf(out, "%s%s", i ? ", " : "", paths[i]);
	if (!err && count > 5)
		err = tip_buf_addf(out, " and %zu more", count - 5);
	return err;
}

static tip_error *refuse_uncommitted(git_repository *repo)
{
	char **paths = NULL;
	size_t count = 0;
	tip_buf names = TIP_BUF_INIT;
	tip_error *err = uncommitted_paths(&paths, &count, repo, false);
	if (!err && count && !(err = name_paths(&names, paths, count)))
		err = tip_error_conflict("uncommitted changes to %s: commit them first (tip edit "
					 "or tip set commit a record's change; git commit "
					 "anything else), then run tip sync again", tip_buf_str(&names));
	tip_buf_dispose(&names);
	free_paths(paths, count);
	return err;
}

static tip_error *refuse_state(git_repository *repo, bool resume)
{
	const char *op = operation_name(git_repository_state(repo));
	if (!op && resume)
		return tip_error_usage("no rebase is in progress: run tip sync");
	if (!op || (resume && strcmp(op, "rebase") == 0))
		return NULL;
	if (strcmp(op, "rebase") == 0)
		return tip_error_conflict("a rebase is in progress: tip status says where it "
					  "stopped; settle the conflicts (tip resolve) and run tip "
					  "sync --continue, or go back with git rebase --abort");
	return tip_error_conflict("a %s is in progress: finish it (git %s --continue) or abort "
				  "it (git %s --abort) first", op, op, op);
}

static tip_error *refuse_without_upstream(const upstream *u)
{
	if (!u->branch_ref)
		return tip_error_conflict("HEAD is detached (not on a branch): check out your "
					  "branch (git switch main) and run tip sync again");
	if (u->remote)
		return NULL;
	const char *b = short_branch(u->branch_ref);
	return tip_error_usage("branch '%s' has no upstream to sync with: set it with git branch "
			       "--set-upstream-to origin/%s, or send it there first with git push "
			       "-u origin %s", b, b, b);
}

/* ---- running git ---- */

typedef struct syncing {
	tip_store *store;
	git_repository *repo;
	const tip_sync_opts *opts;
	upstream up;
	tip_sync_result *result;
	tip_buf path_env; /* "PATH=..." for git, or empty: see driver_path */
} syncing;

/* True when an executable name is in one of path's folders. */
static bool on_path(const char *name, const char *path)
{
	tip_buf file = TIP_BUF_INIT;
	bool found = false;
	while (path && !found) {
		size_t len = strcspn(path, ":");
		tip_buf_reset(&file);
		tip_error *err = len ? tip_buf_add(&file, path, len) : tip_buf_adds(&file, ".");
		if (!err)
			err = tip_buf_addf(&file, "/%s", name);
		if (err) {
			tip_error_free(err);
			break;
		}
		found = access(tip_buf_str(&file), X_OK) == 0;
		path = path[len] ? path + len + 1 : NULL;
	}
	tip_buf_dispose(&file);
	return found;
}

/* git runs the merge driver, tip merge-file, by name: when no tip is on PATH (this one was
 * started by its full path), this program's folder goes first on git's PATH, so that the
 * records merge with the tip that syncs them. */
static tip_error *driver_path(tip_buf *entry)
{
	const char *path = getenv("PATH");
	char self[4096];
	if (on_path("tip", path))
		return NULL;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (!slash || strcmp(slash, "/tip") != 0)
		return NULL;
	*slash = '\0';
	return tip_buf_addf(entry, "PATH=%s%s%s", self, path && *path ? ":" : "",
		path ? path : "");
}

static void say(const syncing *s, const char *line)
{
	if (s->opts->progress)
		s->opts->progress(s->opts->ctx, false, line);
}

static void pass_git_line(void *ctx, const char *line)
{
	const syncing *s = ctx;
	if (s->opts->progress)
		s->opts->progress(s->opts->ctx, true, line);
}

/* Runs git in the working tree; a failure is the error for what in words. */
static tip_error *run_git(tip_git_failure *kind, const syncing *s, const char *what,
	const char *const *args)
{
	const char *const env[] = { "GIT_EDITOR=true", "GIT_MERGE_AUTOEDIT=no",
		s->path_env.len ? tip_buf_str(&s->path_env) : NULL, NULL };
	tip_git_call call = { .dir = tip_store_root(s->store), .env = env,
			      .on_line = pass_git_line, .ctx = (void *)s };
	tip_buf err_text = TIP_BUF_INIT;
	int status = 0;
	*kind = TIP_GIT_FAILED;
	tip_error *err = tip_git_program(&status, &err_text, &call, args);
	if (!err && status != 0) {
		*kind = tip_git_classify(tip_buf_str(&err_text));
		err = tip_git_failure_error(*kind, what, s->up.remote, tip_buf_str(&err_text));
	}
	tip_buf_dispose(&err_text);
	return err;
}

static tip_error *resolve_id(git_oid *out, git_repository *repo, const char *ref)
{
	if (git_reference_name_to_id(out, repo, ref) == 0)
		return NULL;
	if (git_error_last() && git_error_last()->klass == GIT_ERROR_REFERENCE) {
		git_error_clear();
		return tip_error_not_found("no %s", ref);
	}
	return tip_git_error("cannot read %s", ref);
}

/* Commits of HEAD not in upstream (ahead) and of upstream not in HEAD (behind). */
static tip_error *count_apart(size_t *ahead, size_t *behind, git_repository *repo,
	const char *local_ref, const char *tracking)
{
	git_oid local, remote;
	*ahead = *behind = 0;
	tip_error *err = resolve_id(&local, repo, local_ref);
	if (!err)
		err = resolve_id(&remote, repo, tracking);
	if (err)
		return err;
	if (git_graph_ahead_behind(ahead, behind, repo, &local, &remote) < 0)
		return tip_git_error("cannot compare %s with %s", local_ref, tracking);
	return NULL;
}

static tip_error *fetch(const syncing *s)
{
	tip_git_failure kind;
	char what[256];
	snprintf(what, sizeof(what), "fetching from %s", s->up.remote);
	say(s, what);
	const char *args[] = { "git", "fetch", "--progress", s->up.remote, NULL };
	return run_git(&kind, s, what, args);
}

/* The rebase's conflict in words: which files, and how to go on. */
static tip_error *replay_conflict(syncing *s, tip_error *err)
{
	char **paths = NULL;
	size_t count = 0;
	tip_buf names = TIP_BUF_INIT;
	tip_error_free(err);
	s->result->conflicts = true;
	err = conflicted_paths(&paths, &count, s->repo);
	if (!err && !(err = name_paths(&names, paths, count)))
		err = tip_error_conflict("your changes and those of %s conflict in %s: tip status "
					 "explains each conflict and tip resolve settles it; then run "
					 "tip sync --continue (git rebase --abort goes back to where "
					 "you were, nothing lost)", tracking_short(s->up.tracking),
			count ? tip_buf_str(&names) : "some files");
	tip_buf_dispose(&names);
	free_paths(paths, count);
	return err;
}

static tip_error *after_replay(syncing *s, tip_error *err)
{
	if (err && git_repository_state(s->repo) != GIT_REPOSITORY_STATE_NONE)
		return replay_conflict(s, err);
	return err;
}

static tip_error *replay(syncing *s)
{
	size_t ahead, behind;
	tip_git_failure kind;
	tip_error *err = count_apart(&ahead, &behind, s->repo, s->up.branch_ref, s->up.tracking);
	if (tip_error_catch(&err, TIP_ENOTFOUND))
		return tip_error_not_found("%s has no branch '%s' yet: send yours there first with "
					   "git push -u %s %s", s->up.remote,
			short_branch(s->up.merge), s->up.remote, short_branch(s->up.branch_ref));
	if (err || behind == 0)
		return err;
	s->result->received += behind;
	char line[512];
	snprintf(line, sizeof(line), "replaying your commits on %s", tracking_short(s->up.tracking));
	say(s, line);
	const char *args[] = { "git", "rebase", "--no-autostash", s->up.tracking, NULL };
	return after_replay(s, run_git(&kind, s, "replaying your commits", args));
}

static tip_error *resume_rebase(syncing *s)
{
	char **paths = NULL;
	size_t count = 0;
	tip_buf names = TIP_BUF_INIT;
	tip_git_failure kind;
	tip_error *err = conflicted_paths(&paths, &count, s->repo);
	if (!err && count && !(err = name_paths(&names, paths, count)))
		err = tip_error_conflict("conflicts are left in %s: tip status explains them, tip "
					 "resolve settles them", tip_buf_str(&names));
	tip_buf_dispose(&names);
	free_paths(paths, count);
	if (err)
		return err;
	say(s, "going on with the replay");
	const char *args[] = { "git", "rebase", "--continue", NULL };
	return after_replay(s, run_git(&kind, s, "going on with the replay", args));
}

/* ---- pushing ---- */

/* The remote's push address (else its address) as git's config has it: what the user set,
 * before any url.*.insteadOf rewriting. */
static tip_error *remote_url(char **out, git_repository *repo, const char *name)
{
	static const char *const keys[] = { "pushurl", "url" };
	git_config *cfg = NULL;
	tip_error *err = NULL;
	*out = NULL;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return tip_git_error("cannot read git's config");
	for (size_t i = 0; !err && !*out && i < 2; i++) {
		char key[300];
		git_buf value = { NULL, 0, 0 };
		snprintf(key, sizeof(key), "remote.%s.%s", name, keys[i]);
		int rc = git_config_get_string_buf(&value, cfg, key);
		if (rc == 0 && !(*out = take_buf(&value)))
			err = tip_error_nomem();
		else if (rc < 0 && rc != GIT_ENOTFOUND)
			err = tip_git_error("cannot read %s from git's config", key);
		git_buf_dispose(&value);
	}
	git_config_free(cfg);
	git_error_clear();
	return err;
}

/* "host/owner/repo" out of an https, ssh:// or scp-like (git@host:owner/repo.git) URL. */
static tip_error *forge_path(tip_buf *out, const char *url)
{
	const char *rest = strstr(url, "://");
	if (rest) {
		rest += 3;
		const char *at = strchr(rest, '@'), *slash = strchr(rest, '/');
		if (at && (!slash || at < slash))
			rest = at + 1;
	} else {
		const char *at = strchr(url, '@');
		rest = at ? at + 1 : url;
	}
	size_t len = strlen(rest);
	while (len && rest[len - 1] == '/')
		len--;
	if (len > 4 && memcmp(rest + len - 4, ".git", 4) == 0)
		len -= 4;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < len; i++) {
		if (rest[i] != ':') {
			err = tip_buf_addc(out, rest[i]);
			continue;
		}
		/* host:port/... leaves the port out; host:owner/... (scp-like) is a path */
		size_t digits = strspn(rest + i + 1, "0123456789");
		if (digits && rest[i + 1 + digits] == '/')
			i += digits;
		else
			err = tip_buf_addc(out, '/');
	}
	return err;
}

tip_error *tip_sync_request_url(char **out, const char *url, const char *branch)
{
	tip_buf path = TIP_BUF_INIT, link = TIP_BUF_INIT;
	*out = NULL;
	tip_error *err = forge_path(&path, url);
	const char *p = tip_buf_str(&path);
	if (!err && strncmp(p, "github.com/", 11) == 0)
		err = tip_buf_addf(&link, "https://%s/pull/new/%s", p, branch);
	else if (!err && strncmp(p, "gitlab.com/", 11) == 0)
		err = tip_buf_addf(&link, "https://%s/-/merge_requests/new?"
					  "merge_request%%5Bsource_branch%%5D=%s", p, branch);
	if (!err && link.len && !(*out = strdup(tip_buf_str(&link))))
		err = tip_error_nomem();
	tip_buf_dispose(&path);
	tip_buf_dispose(&link);
	return err;
}

static tip_error *push(tip_git_failure *kind, syncing *s, const char *target)
{
	char refspec[512], what[512];
	snprintf(refspec, sizeof(refspec), "HEAD:refs/heads/%s", target);
	snprintf(what, sizeof(what), "sending your commits to %s", s->up.remote);
	say(s, what);
	const char *args[] = { "git", "push", "--progress", s->up.remote, refspec, NULL };
	return run_git(kind, s, what, args);
}

static tip_error *refused(const syncing *s, const char *target, tip_error *err)
{
	tip_error_free(err);
	if (s->opts->branch)
		return tip_error_conflict("%s refused your commits on branch '%s': it may be "
					  "protected or taken; try another name with tip sync "
					  "--branch NAME", s->up.remote, target);
	return tip_error_conflict("%s refused your commits on its branch '%s' (it may be "
				  "protected, taking changes only by pull request): send them to a "
				  "branch of their own with tip sync --branch NAME and open a pull "
				  "request; your commits are kept here", s->up.remote, target);
}

static tip_error *push_with_retries(syncing *s)
{
	const char *target = s->opts->branch ? s->opts->branch : short_branch(s->up.merge);
	int tries = s->opts->tries > 0 ? s->opts->tries : DEFAULT_TRIES;
	size_t ahead = 0, behind = 0;
	tip_error *err = NULL;
	for (int attempt = 1; !err; attempt++) {
		if (attempt > 1 && !(err = fetch(s)))
			err = replay(s);
		if (!err)
			err = count_apart(&ahead, &behind, s->repo, s->up.branch_ref, s->up.tracking);
		if (err || (ahead == 0 && !s->opts->branch))
			break;
		tip_git_failure kind;
		s->result->tries = attempt;
		err = push(&kind, s, target);
		if (!err) {
			s->result->sent = ahead;
			s->result->pushed_to = strdup(target);
			return s->result->pushed_to ? NULL : tip_error_nomem();
		}
		if (kind == TIP_GIT_REFUSED)
			return refused(s, target, err);
		if (kind == TIP_GIT_REJECTED && s->opts->branch) {
			tip_error_free(err);
			return tip_error_conflict("branch '%s' of %s has commits yours do not (from "
						  "an earlier push, perhaps someone else's): name "
						  "another branch with tip sync --branch NAME; your "
						  "commits are kept here", target, s->up.remote);
		}
		if (kind != TIP_GIT_REJECTED)
			return err;
		if (attempt == tries)
			return tip_error_wrap(err, "%s moved again during each of %d tries: your "
						   "commits are kept here, replayed on what was "
						   "fetched; run tip sync again", s->up.remote, tries);
		tip_error_free(err);
		err = NULL;
	}
	return err;
}

static tip_error *set_up_driver(syncing *s)
{
	tip_merge_setup have;
	tip_error *err = tip_store_merge_setup(&have, s->store);
	if (err || (have.attributes && have.driver))
		return err;
	return tip_store_setup_merge(&s->result->set_up, s->store);
}

static tip_error *sync_steps(syncing *s)
{
	tip_error *err = refuse_state(s->repo, s->opts->resume);
	if (!err)
		err = read_upstream(&s->up, s->repo);
	if (!err)
		err = refuse_without_upstream(&s->up);
	if (!err && s->opts->resume)
		err = resume_rebase(s);
	if (!err)
		err = refuse_uncommitted(s->repo);
	if (!err)
		err = set_up_driver(s);
	if (!err && !(s->result->upstream = strdup(tracking_short(s->up.tracking))))
		err = tip_error_nomem();
	if (!err)
		err = fetch(s);
	if (!err)
		err = replay(s);
	if (!err && !s->opts->no_push)
		err = push_with_retries(s);
	if (!err && s->opts->branch && s->result->pushed_to) {
		char *url = NULL;
		err = remote_url(&url, s->repo, s->up.remote);
		if (!err && url)
			err = tip_sync_request_url(&s->result->request_url, url, s->opts->branch);
		free(url);
	}
	return err;
}

tip_error *tip_sync(tip_sync_result *out, tip_store *store, const tip_sync_opts *opts)
{
	memset(out, 0, sizeof(*out));
	if (tip_store_is_bare(store))
		return tip_error_usage("tip sync needs a clone with a working tree");
	syncing s = { .store = store, .repo = tip_store_repository(store), .opts = opts,
		      .result = out, .path_env = TIP_BUF_INIT };
	tip_error *err = driver_path(&s.path_env);
	if (!err)
		err = sync_steps(&s);
	upstream_dispose(&s.up);
	tip_buf_dispose(&s.path_env);
	return err;
}

void tip_sync_result_dispose(tip_sync_result *result)
{
	free(result->upstream);
	free(result->pushed_to);
	free(result->request_url);
	memset(result, 0, sizeof(*result));
}

/* ---- tip status ---- */

static long long fetched_at(git_repository *repo)
{
	tip_buf path = TIP_BUF_INIT;
	struct stat st;
	long long when = 0;
	if (!tip_buf_adds(&path, git_repository_path(repo)) &&
	    !tip_buf_adds(&path, "FETCH_HEAD") && stat(tip_buf_str(&path), &st) == 0)
		when = (long long)st.st_mtime;
	tip_buf_dispose(&path);
	return when;
}

/* The commit the other side of a merge or rebase in progress ends at: MERGE_HEAD, or the
 * commit the rebase replays onto. */
static bool other_tip(git_oid *out, git_repository *repo, const char *operation)
{
	char onto[128];
	bool found = false;
	if (strcmp(operation, "merge") == 0)
		found = git_reference_name_to_id(out, repo, "MERGE_HEAD") == 0;
	else if (strcmp(operation, "rebase") == 0)
		found = (read_git_file(onto, sizeof(onto), repo, "rebase-merge/onto") ||
			 read_git_file(onto, sizeof(onto), repo, "rebase-apply/onto")) &&
			git_oid_fromstr(out, onto) == 0;
	git_error_clear();
	return found;
}

/* What the other side of a conflict is called: the upstream when the merge or rebase is with
 * the commit it was at when fetched (as tip sync's is), else words for it. */
static tip_error *name_other(tip_sync_status *out, git_repository *repo, const upstream *u)
{
	const char *name = u->tracking ? tracking_short(u->tracking) : "the other side";
	git_oid other, tracked;
	if (out->operation && (!u->tracking || !other_tip(&other, repo, out->operation) ||
				git_reference_name_to_id(&tracked, repo, u->tracking) != 0 ||
				!git_oid_equal(&other, &tracked)))
		name = strcmp(out->operation, "merge") == 0 ? "the merged branch" :
			"the other branch";
	git_error_clear();
	out->ours_is_other = out->operation && strcmp(out->operation, "rebase") == 0;
	out->other = strdup(name);
	return out->other ? NULL : tip_error_nomem();
}

static tip_error *read_apart(tip_sync_status *out, git_repository *repo, const upstream *u)
{
	if (!u->tracking)
		return NULL;
	tip_error *err = count_apart(&out->ahead, &out->behind, repo, u->branch_ref, u->tracking);
	if (tip_error_catch(&err, TIP_ENOTFOUND))
		return NULL;
	out->fetched_upstream = !err;
	return err;
}

/* Which side of each conflicted path has no file: git's stage 2 is "ours", stage 3 "theirs". */
static tip_error *read_removals(tip_sync_status *out, git_repository *repo)
{
	git_index *index = NULL;
	size_t n = out->conflicted_count;
	out->removed_here = calloc(n + 1, sizeof(bool));
	out->removed_there = calloc(n + 1, sizeof(bool));
	if (!out->removed_here || !out->removed_there)
		return tip_error_nomem();
	if (git_repository_index(&index, repo) < 0)
		return tip_git_error("cannot read git's index");
	for (size_t i = 0; i < n; i++) {
		const git_index_entry *ancestor, *ours, *theirs;
		if (git_index_conflict_get(&ancestor, &ours, &theirs, index, out->conflicted[i]) < 0)
			continue;
		out->removed_here[i] = out->ours_is_other ? !theirs : !ours;
		out->removed_there[i] = out->ours_is_other ? !ours : !theirs;
	}
	git_error_clear();
	git_index_free(index);
	return NULL;
}

tip_error *tip_sync_status_read(tip_sync_status *out, tip_store *store)
{
	git_repository *repo = tip_store_repository(store);
	upstream u;
	memset(out, 0, sizeof(*out));
	out->operation = operation_name(git_repository_state(repo));
	tip_error *err = read_upstream(&u, repo);
	if (!err && u.branch_ref && !(out->branch = strdup(short_branch(u.branch_ref))))
		err = tip_error_nomem();
	if (!err && u.tracking && !(out->upstream = strdup(tracking_short(u.tracking))))
		err = tip_error_nomem();
	if (!err)
		err = read_apart(out, repo, &u);
	out->fetched_at = fetched_at(repo);
	if (!err)
		err = conflicted_paths(&out->conflicted, &out->conflicted_count, repo);
	if (!err)
		err = uncommitted_paths(&out->uncommitted, &out->uncommitted_count, repo, true);
	if (!err)
		err = tip_store_merge_setup(&out->setup, store);
	if (!err)
		err = name_other(out, repo, &u);
	if (!err)
		err = read_removals(out, repo);
	upstream_dispose(&u);
	return err;
}

void tip_sync_status_dispose(tip_sync_status *status)
{
	free(status->branch);
	free(status->upstream);
	free(status->other);
	free_paths(status->conflicted, status->conflicted_count);
	free_paths(status->uncommitted, status->uncommitted_count);
	free(status->removed_here);
	free(status->removed_there);
	memset(status, 0, sizeof(*status));
}

/* The commit the other side of the conflict in progress ends at, and where ours does: in a
 * merge MERGE_HEAD and HEAD; in a rebase the commit it replays onto and the branch as it was. */
static bool other_side_tips(git_oid *other, git_oid *ours, git_repository *repo)
{
	bool merge = git_repository_state(repo) == GIT_REPOSITORY_STATE_MERGE;
	bool found = other_tip(other, repo, merge ? "merge" : "rebase") &&
		     git_reference_name_to_id(ours, repo, merge ? "HEAD" : "ORIG_HEAD") == 0;
	git_error_clear();
	return found;
}

/* The record at path in commit's tree, loaded; NULL when it is not there or not YAML. */
static tip_doc *record_at(git_commit *commit, const char *path)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	tip_doc *doc = NULL;
	if (git_commit_tree(&tree, commit) == 0 && git_tree_entry_bypath(&entry, tree, path) == 0 &&
	    git_blob_lookup(&blob, git_commit_owner(commit), git_tree_entry_id(entry)) == 0) {
		tip_error *err = tip_yaml_load(&doc, git_blob_rawcontent(blob),
			(size_t)git_blob_rawsize(blob), path, NULL);
		if (err) {
			tip_error_free(err);
			doc = NULL;
		}
	}
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_error_clear();
	return doc;
}

static const tip_node *field_of(const tip_doc *doc, const char *field)
{
	return doc && doc->root && doc->root->type == TIP_NODE_MAP ?
		tip_node_get(doc->root, field) : NULL;
}

/* True when commit changed path (field of it, when not NULL) from its first parent. A version
 * that does not load counts as a change. */
static bool changes_path(git_commit *commit, const char *path, const char *field)
{
	git_commit *parent = NULL;
	tip_doc *now = record_at(commit, path), *before = NULL;
	if (git_commit_parentcount(commit) && git_commit_parent(&parent, commit, 0) == 0)
		before = record_at(parent, path);
	const tip_node *a = field ? field_of(now, field) : now ? now->root : NULL;
	const tip_node *b = field ? field_of(before, field) : before ? before->root : NULL;
	bool changed = (!now && !field) || (a == NULL) != (b == NULL) ||
		       (a && !tip_node_equal(a, b));
	tip_doc_free(now);
	tip_doc_free(before);
	git_commit_free(parent);
	git_error_clear();
	return changed;
}

tip_error *tip_sync_other_change(char **author, char date[11], tip_store *store,
	const char *path, const char *field)
{
	git_repository *repo = tip_store_repository(store);
	git_oid other, ours, id;
	git_revwalk *walk = NULL;
	*author = NULL;
	date[0] = '\0';
	if (!other_side_tips(&other, &ours, repo))
		return NULL;
	if (git_revwalk_new(&walk, repo) < 0 || git_revwalk_push(walk, &other) < 0 ||
	    git_revwalk_hide(walk, &ours) < 0) {
		git_revwalk_free(walk);
		return tip_git_error("cannot walk the history of '%s'", path);
	}
	tip_error *err = NULL;
	for (int seen = 0; !*author && seen < 10000 && git_revwalk_next(&id, walk) == 0; seen++) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, repo, &id) < 0) {
			err = tip_git_error("cannot read a commit that changed '%s'", path);
			break;
		}
		if (changes_path(c, path, field)) {
			const git_signature *who = git_commit_author(c);
			time_t when = (time_t)(who->when.time + who->when.offset * 60);
			struct tm tm;
			gmtime_r(&when, &tm);
			strftime(date, 11, "%Y-%m-%d", &tm);
			if (!(*author = strdup(who->name)))
				err = tip_error_nomem();
		}
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	return err;
}

tip_error *tip_store_path_conflicted(bool *conflicted, tip_store *store, const char *path)
{
	git_index *index = NULL;
	const git_index_entry *ancestor, *ours, *theirs;
	*conflicted = false;
	if (git_repository_index(&index, tip_store_repository(store)) < 0 ||
	    git_index_read(index, 1) < 0) {
		git_index_free(index);
		return tip_git_error("cannot read git's index");
	}
	*conflicted = git_index_conflict_get(&ancestor, &ours, &theirs, index, path) == 0;
	git_error_clear();
	git_index_free(index);
	return NULL;
}

tip_error *tip_store_resolve_path(tip_store *store, const char *path, const char *content,
	size_t len)
{
	git_repository *repo = tip_store_repository(store);
	tip_file_change change = { .path = path, .content = content, .len = len };
	git_index *index = NULL;
	tip_error *err = tip_store_check_path(store, path, true);
	if (!err)
		err = tip_workfiles_write(tip_store_root(store), &change, 1);
	if (err)
		return err;
	if (git_repository_index(&index, repo) < 0 || git_index_read(index, 1) < 0 ||
	    git_index_add_bypath(index, path) < 0 || git_index_write(index) < 0)
		err = tip_git_error("cannot mark '%s' resolved in git's index (the file is "
				    "written: git add it)", path);
	git_index_free(index);
	return err;
}
