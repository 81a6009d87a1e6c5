/* Writes are commits. The order of the steps decides what a crash leaves behind:
 *
 *   0. git's own index.lock is created (O_EXCL), as git commit does, and held to the
 *      end, so git commands and other tip writes stay out of the whole write. It holds
 *      "tip <pid>": a lock that exists is waited for while its tip process runs, and one
 *      whose process is gone, or git's that stays unchanged for five seconds, is reported
 *      as left by a stopped process;
 *   1. check everything (branch, repository state, paths clean, identity): nothing written;
 *   2. "blob", "tree", "commit": new objects only, which nothing refers to yet;
 *   3. "ref": the branch moves by compare-and-swap, the commit point;
 *   4. the new index is made in a private copy of the index and renamed onto index.lock;
 *   5. "file": the working files, each through a temporary file and a rename;
 *   6. "index": index.lock is renamed onto the index, which updates the index and lets go of
 *      the lock in one step. The files come before the index because git commit -a stages
 *      working files: it must never see the new branch with the old files.
 *
 * A process killed before step 3 leaves the repository exactly as it was (plus unreachable
 * objects, which git gc removes) but for index.lock, which it leaves as git would. Killed
 * after step 6, it is exactly as after. Killed in between, the commit is made and the branch
 * has it, index.lock is left, and the index entries and working files (after 3) or the index
 * entries (after 5) of its paths are still as before, which git status shows:
 *
 *                    after "ref"   after "file"    (git status --porcelain)
 *   a changed file    "M  PATH"     "MM PATH"
 *   an added file     "D  PATH"     "D  PATH" and "?? PATH"
 *   a removed file    "A  PATH"     "AD PATH"
 *
 * rm .git/index.lock, then git restore --source=HEAD --staged --worktree -- PATH finishes the
 * write. Until then git and tip refuse to write (index.lock). tests/unit/test_write.c kills a
 * write after each step and checks exactly this. Failures that are not crashes after step 3
 * take the commit back (the branch; the index and files are not touched until the last
 * steps), so an error always leaves the repository as it was. */
#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ident_int.h"
#include "git_int.h"
#include "workfile.h"
#include "write_int.h"

enum {
	CAS_ATTEMPTS = 50, /* moving the branch while other writers move it too */
};

static tip_write_hook write_hook;

void tip_write_set_hook(tip_write_hook hook)
{
	write_hook = hook;
}

static void step_done(const char *step)
{
	if (write_hook)
		write_hook(step);
}

/* Sleeps a few milliseconds, more as attempts grow, at random so racing writers spread out. */
static void pause_briefly(int attempt)
{
	static unsigned seed;
	if (!seed)
		seed = (unsigned)getpid() ^ (unsigned)time(NULL) ^ (unsigned)clock();
	long ms = 1 + rand_r(&seed) % (4 + (attempt < 20 ? attempt : 20));
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

/* ---- messages ---- */

static tip_error *add_one_line(tip_buf *out, const char *text)
{
	tip_error *err = NULL;
	for (; !err && *text; text++)
		err = tip_buf_addc(out, *text == '\n' || *text == '\r' ? ' ' : *text);
	return err;
}

tip_error *tip_commit_message(tip_buf *out, const char *verb, const char *type, const char *id,
	const char *title, const char *reason, const char *collection)
{
	tip_error *err = tip_buf_addf(out, "%s %s %s", verb, type, id);
	if (!err && title && *title) {
		err = tip_buf_adds(out, ": ");
		if (!err)
			err = add_one_line(out, title);
	}
	if (!err)
		err = tip_buf_adds(out, "\n\n");
	size_t len = reason ? strlen(reason) : 0;
	while (len && (reason[len - 1] == '\n' || reason[len - 1] == ' ' ||
		       reason[len - 1] == '\t' || reason[len - 1] == '\r'))
		len--;
	if (!err && len) {
		err = tip_buf_add(out, reason, len);
		if (!err)
			err = tip_buf_adds(out, "\n\n");
	}
	if (!err)
		err = tip_buf_addf(out, "Tip-Action: %s\nTip-Record: %s/%s\n", verb, collection, id);
	return err;
}

/* ---- preconditions ---- */

tip_error *tip_write_branch(char **branch, git_repository *repo)
{
	*branch = NULL;
	git_reference *head = NULL;
	if (git_reference_lookup(&head, repo, "HEAD") < 0)
		return tip_git_error("cannot read HEAD");
	tip_error *err = NULL;
	const char *target = git_reference_symbolic_target(head);
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC || !target)
		err = tip_error_new("HEAD is detached: check out a branch first");
	else if (strncmp(target, "refs/heads/", 11) != 0)
		err = tip_error_new("HEAD points to '%s', which is not a branch: check out a branch "
				    "first", target);
	else if (!(*branch = strdup(target)))
		err = tip_error_nomem();
	git_reference_free(head);
	return err;
}

static const char *state_advice(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_MERGE:
		return "a merge is in progress: finish it with git commit or abort it with "
		       "git merge --abort first";
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "a revert is in progress: finish it with git revert --continue or abort it "
		       "with git revert --abort first";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "a cherry-pick is in progress: finish it with git cherry-pick --continue or "
		       "abort it with git cherry-pick --abort first";
	case GIT_REPOSITORY_STATE_BISECT:
		return "a bisect is in progress: end it with git bisect reset first";
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
		return "a rebase is in progress: finish it with git rebase --continue or abort it "
		       "with git rebase --abort first";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		return "git am is in progress: finish it with git am --continue or abort it with "
		       "git am --abort first";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		return "git am or a rebase is in progress: finish or abort it first";
	default:
		return "another git operation is in progress: finish or abort it first";
	}
}

static tip_error *check_state(git_repository *repo)
{
	int state = git_repository_state(repo);
	return state == GIT_REPOSITORY_STATE_NONE ? NULL : tip_error_conflict("%s",
		state_advice(state));
}

/* A path inside the working tree, relative, without empty, "." or ".." parts or .git. */
static tip_error *check_path_syntax(const char *path)
{
	const char *part = path;
	bool bad = !*path;
	while (!bad && part) {
		const char *slash = strchr(part, '/');
		size_t len = slash ? (size_t)(slash - part) : strlen(part);
		bad = len == 0 || (len == 1 && part[0] == '.') ||
		      (len == 2 && strncmp(part, "..", 2) == 0) ||
		      (len == 4 && strncasecmp(part, ".git", 4) == 0);
		part = slash ? slash + 1 : NULL;
	}
	return bad ? tip_error_invalid("'%s' is not a path inside the repository", path) : NULL;
}

static tip_error *check_paths(const tip_file_change *changes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		tip_error *err = check_path_syntax(changes[i].path);
		if (err)
			return err;
		for (size_t j = 0; j < i; j++)
			if (strcmp(changes[i].path, changes[j].path) == 0)
				return tip_error_invalid("'%s' is written twice in one commit",
					changes[i].path);
	}
	return NULL;
}

static tip_error *dirty_error(const char *path, unsigned flags)
{
	if (flags & GIT_STATUS_CONFLICTED)
		return tip_error_conflict("'%s' has a merge conflict: resolve it first", path);
	if (flags == GIT_STATUS_WT_NEW)
		return tip_error_conflict("'%s' is in the way: a file that is not committed is "
					  "there: commit it or move it away first", path);
	if (flags == GIT_STATUS_IGNORED)
		return tip_error_conflict("'%s' is in the way: a file git ignores is there: move "
					  "it away first", path);
	return tip_error_conflict("'%s' has uncommitted changes: commit or discard them first",
		path);
}

static tip_error *path_status(unsigned *flags, git_repository *repo, const char *path)
{
	*flags = 0;
	int rc = git_status_file(flags, repo, path);
	if (rc == GIT_ENOTFOUND) {
		*flags = 0;
		return NULL;
	}
	if (rc == GIT_EAMBIGUOUS)
		return tip_error_invalid("'%s' is a folder, not a file", path);
	return rc < 0 ? tip_git_error("cannot tell whether '%s' has changes", path) : NULL;
}

tip_error *tip_store_path_is_dirty(bool *dirty, tip_store *store, const char *path)
{
	unsigned flags;
	tip_error *err = path_status(&flags, tip_store_repository(store), path);
	*dirty = !err && flags != GIT_STATUS_CURRENT;
	return err;
}

/* ---- one write ---- */

struct write {
	git_repository *repo;
	const tip_file_change *changes;
	size_t count;
	const char *message;
	char *branch;      /* the branch HEAD points to */
	git_commit *start; /* the commit the paths were checked against; NULL: unborn branch */
	git_commit *base;  /* the commit the new one goes on (start, or a later tip) */
	git_tree *tree;    /* the new commit's tree */
	git_oid *blobs;    /* one per change (unused for removals) */
	git_oid commit;
	git_signature *author, *committer;
	const char *read_at; /* tip_write_opts.base */
	const tip_write_opts *opts; /* NULL: none */
	git_index *index;    /* the repository's */
	tip_buf lock_path;   /* its index.lock, which this write holds while locked */
	bool locked;
	tip_buf next_index;  /* a private copy of the index being changed, until renamed */
};

static void write_dispose(struct write *w)
{
	free(w->branch);
	git_commit_free(w->start);
	git_commit_free(w->base);
	git_tree_free(w->tree);
	free(w->blobs);
	git_signature_free(w->author);
	git_signature_free(w->committer);
	git_index_free(w->index);
	tip_buf_dispose(&w->lock_path);
	tip_buf_dispose(&w->next_index);
}

static const char *branch_name(const struct write *w)
{
	return w->branch + strlen("refs/heads/");
}

/* The commit at the tip of the branch; NULL when the branch has none yet. */
static tip_error *branch_tip(git_commit **out, const struct write *w)
{
	*out = NULL;
	git_oid id;
	int rc = git_reference_name_to_id(&id, w->repo, w->branch);
	if (rc == GIT_ENOTFOUND)
		return NULL;
	if (rc < 0 || git_commit_lookup(out, w->repo, &id) < 0)
		return tip_git_error("cannot read the branch '%s'", branch_name(w));
	return NULL;
}

/* The tree entry at path in commit's tree (NULL for none); free with git_tree_entry_free. */
static tip_error *entry_at(git_tree_entry **out, git_commit *commit, const char *path)
{
	*out = NULL;
	git_tree *tree = NULL;
	if (!commit)
		return NULL;
	if (git_commit_tree(&tree, commit) < 0)
		return tip_git_error("cannot read the tree of commit %.7s",
			git_oid_tostr_s(git_commit_id(commit)));
	int rc = git_tree_entry_bypath(out, tree, path);
	git_tree_free(tree);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return tip_git_error("cannot look up '%s'", path);
	return NULL;
}

static tip_error *check_clean(const struct write *w)
{
	for (size_t i = 0; i < w->count; i++) {
		const char *path = w->changes[i].path;
		unsigned flags;
		tip_error *err = path_status(&flags, w->repo, path);
		if (!err && flags != GIT_STATUS_CURRENT)
			err = dirty_error(path, flags);
		git_tree_entry *entry = NULL;
		if (!err && !w->changes[i].content)
			err = entry_at(&entry, w->start, path);
		if (!err && !w->changes[i].content && !entry)
			err = tip_error_not_found("cannot remove '%s': the last commit has "
						  "no such file", path);
		git_tree_entry_free(entry);
		if (err)
			return err;
	}
	return NULL;
}

static tip_error *same_entries(const struct write *w, git_commit *then, git_commit *now);

/* The caller read the records at w->read_at: refused when a commit since changed them, so
 * that a change made meanwhile is not silently undone. */
static tip_error *unchanged_since_read(struct write *w)
{
	git_oid id;
	git_commit *then = NULL;
	if (w->start && git_oid_fromstr(&id, w->read_at) == 0 &&
	    git_oid_equal(&id, git_commit_id(w->start)))
		return NULL; /* the usual case: nothing was committed since the read */
	if (git_oid_fromstr(&id, w->read_at) < 0 || git_commit_lookup(&then, w->repo, &id) < 0)
		return tip_git_error("cannot read commit '%s'", w->read_at);
	tip_error *err = w->start ? same_entries(w, then, w->start)
				  : tip_error_conflict("the branch '%s' was deleted meanwhile",
					    branch_name(w));
	git_commit_free(then);
	return err;
}

/* The caller's check of the change against the records of the commit it goes on. */
static tip_error *check_content(const struct write *w, git_commit *base)
{
	if (!w->opts || !w->opts->check)
		return NULL;
	char id[GIT_OID_HEXSZ + 1] = "";
	if (base)
		git_oid_tostr(id, sizeof(id), git_commit_id(base));
	return w->opts->check(w->opts->check_ctx, id);
}

static tip_error *check_start(struct write *w, const git_oid *expected)
{
	tip_error *err = tip_write_branch(&w->branch, w->repo);
	if (!err)
		err = check_state(w->repo);
	if (!err)
		err = branch_tip(&w->start, w);
	if (!err && expected && (!w->start || !git_oid_equal(expected, git_commit_id(w->start))))
		err = tip_error_conflict("the branch '%s' moved meanwhile: run the command again",
			branch_name(w));
	if (!err && w->read_at)
		err = unchanged_since_read(w);
	if (!err)
		err = check_clean(w);
	if (!err)
		err = check_content(w, w->start);
	if (!err)
		err = tip_ident_signatures(&w->author, &w->committer, w->repo);
	return err;
}

/* ---- objects ---- */

static tip_error *make_blobs(struct write *w)
{
	w->blobs = calloc(w->count ? w->count : 1, sizeof(*w->blobs));
	if (!w->blobs)
		return tip_error_nomem();
	for (size_t i = 0; i < w->count; i++) {
		const tip_file_change *c = &w->changes[i];
		if (c->content && git_blob_create_from_buffer(&w->blobs[i], w->repo, c->content,
					  c->len) < 0)
			return tip_git_error("cannot store '%s' in the repository", c->path);
	}
	step_done("blob");
	return NULL;
}

/* Fills updates (room for every change) with what turns base_tree into the new tree; returns
 * how many. */
static size_t tree_updates(git_tree_update *updates, const struct write *w, git_tree *base_tree)
{
	size_t n = 0;
	for (size_t i = 0; i < w->count; i++) {
		git_tree_entry *entry = NULL;
		bool upsert = w->changes[i].content != NULL;
		if (base_tree && git_tree_entry_bypath(&entry, base_tree, w->changes[i].path) < 0)
			entry = NULL;
		if (!upsert && !entry)
			continue; /* a removal of what is already gone */
		/* A file keeps its mode: an executable one stays executable. */
		bool executable = entry &&
				  git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE;
		git_tree_entry_free(entry);
		updates[n].action = upsert ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE;
		updates[n].id = w->blobs[i];
		updates[n].filemode = executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
		updates[n++].path = w->changes[i].path;
	}
	return n;
}

static tip_error *make_tree(struct write *w)
{
	git_tree *base_tree = NULL;
	if (w->base && git_commit_tree(&base_tree, w->base) < 0)
		return tip_git_error("cannot read the last commit's tree");
	git_tree_update *updates = calloc(w->count ? w->count : 1, sizeof(*updates));
	tip_error *err = updates ? NULL : tip_error_nomem();
	git_oid tree_id;
	if (!err && git_tree_create_updated(&tree_id, w->repo, base_tree,
			    tree_updates(updates, w, base_tree), updates) < 0)
		err = tip_git_error("cannot build the commit's tree");
	free(updates);
	git_tree_free(base_tree);
	git_tree_free(w->tree);
	w->tree = NULL;
	if (!err && git_tree_lookup(&w->tree, w->repo, &tree_id) < 0)
		err = tip_git_error("cannot read the new tree");
	if (!err)
		step_done("tree");
	return err;
}

static tip_error *make_commit(struct write *w)
{
	tip_error *err = make_tree(w);
	if (err)
		return err;
	const git_commit *parents[1] = { w->base };
	if (git_commit_create(&w->commit, w->repo, NULL, w->author, w->committer, NULL, w->message,
		    w->tree, w->base ? 1 : 0, parents) < 0)
		return tip_git_error("cannot create the commit");
	step_done("commit");
	return NULL;
}

/* ---- locks ---- */

/* A lock file that stays exactly as it is (same file, same time) this long is taken to be left
 * by a process that was stopped; one that changes is another writer's, waited for. */
static long lock_patience_ms = 5000;

void tip_write_set_lock_patience(long ms)
{
	lock_patience_ms = ms > 0 ? ms : 5000;
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* How long to wait for a lock that one running tip process holds (its process id is in the
 * lock file): a large repository's write may take a while, but not this long. A queue of
 * writers is waited for as long as it moves, each holder for up to this. */
enum { LIVE_HOLDER_MS = 120000 };

/* A look at a lock file someone else holds, kept open while it is judged: a holder that has
 * gone only means a stopped write while this same file is still at the path, and holding it
 * open keeps its inode from being reused meanwhile. */
struct lock_look {
	bool present; /* something is at the path */
	int fd;       /* it, open; -1 when it cannot be read (then only its stat is known) */
	struct stat st;
	long holder; /* the "tip <pid>" in it; 0 for a lock of git's, or one not readable */
};

static tip_error *look_at_lock(struct lock_look *look, const char *path)
{
	*look = (struct lock_look){ .fd = open(path, O_RDONLY | O_CLOEXEC) };
	if (look->fd < 0 && errno == ENOENT)
		return NULL;
	/* one we may not read (another user's git) is judged by its stat alone */
	if (look->fd < 0 ? stat(path, &look->st) != 0 : fstat(look->fd, &look->st) != 0)
		return errno == ENOENT ? NULL : tip_error_from_errno("cannot look at '%s'", path);
	look->present = true;
	if (look->fd < 0)
		return NULL;
	char text[32];
	ssize_t n = read(look->fd, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	long pid = 0;
	char end = 0;
	if (sscanf(text, "tip %ld%c", &pid, &end) == 2 && end == '\n' && pid > 0)
		look->holder = pid;
	return NULL;
}

static void end_look(struct lock_look *look)
{
	if (look->fd >= 0)
		close(look->fd);
	look->fd = -1;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

/* The holder has gone and left its lock: its process is no more, and the file read is still
 * the one at the path (a write that has just finished renamed its lock away, and a new one
 * may be there by now, whoever holds it). */
static bool holder_left_it(const struct lock_look *look, const char *path)
{
	if (look->holder <= 0 || kill((pid_t)look->holder, 0) == 0 || errno != ESRCH)
		return false;
	struct stat now;
	return stat(path, &now) == 0 && same_file(&now, &look->st);
}

static tip_error *stopped_holder_error(const char *path, long holder)
{
	return tip_error_conflict("'%s' was left by a tip command (process %ld) that was stopped: "
				  "remove it (rm '%s') and run the command again", path, holder,
		path);
}

/* Watches a lock file someone else holds. */
struct lock_watch {
	long live_holder; /* the running tip holder last seen; 0: none */
	long live_since;  /* when it was first seen */
	struct stat last;
	long since; /* when it was first seen as it is; 0: not seen yet */
	int attempt;
};

/* Judges one look at the lock: NULL to wait and try again, or why not to. */
static tip_error *judge_lock(struct lock_watch *watch, const struct lock_look *look,
	const char *path, const char *what)
{
	if (!look->present) {
		watch->since = 0; /* gone already: try again at once */
		return NULL;
	}
	if (holder_left_it(look, path))
		return stopped_holder_error(path, look->holder);
	/* each writer in a queue of them gets its own while: the lock is moving on */
	if (look->holder > 0 && look->holder != watch->live_holder) {
		watch->live_holder = look->holder;
		watch->live_since = now_ms();
	}
	if (look->holder > 0 && now_ms() - watch->live_since < LIVE_HOLDER_MS) {
		watch->since = 0; /* a tip write at work, however long it takes: wait */
		pause_briefly(++watch->attempt);
		return NULL;
	}
	const struct stat *st = &look->st;
	bool same = watch->since && same_file(st, &watch->last) &&
		    st->st_mtim.tv_sec == watch->last.st_mtim.tv_sec &&
		    st->st_mtim.tv_nsec == watch->last.st_mtim.tv_nsec;
	if (!same) {
		watch->last = *st;
		watch->since = now_ms();
	} else if (now_ms() - watch->since >= lock_patience_ms) {
		return tip_error_conflict("another git or tip command is %s ('%s' exists): wait "
					  "for it to finish and run the command again; if no git "
					  "or tip command is running, the file was left by one "
					  "that was stopped: remove it (rm '%s') and run the "
					  "command again", what, path, path);
	}
	pause_briefly(++watch->attempt);
	return NULL;
}

/* Waits a moment for the lock file at path to go; the error says it is stale when its tip
 * holder has gone, or when a lock of git's has not changed for lock_patience_ms. what says
 * what its holder does, for the message. */
static tip_error *wait_for_lock(struct lock_watch *watch, const char *path, const char *what)
{
	struct lock_look look;
	tip_error *err = look_at_lock(&look, path);
	if (!err)
		err = judge_lock(watch, &look, path, what);
	end_look(&look);
	return err;
}

/* Writes "tip <pid>" into the lock just made (look_at_lock reads it), and closes it. Its
 * contents are never read as an index: the new index replaces the file whole. */
static tip_error *mark_lock(int fd, const char *path)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "tip %ld\n", (long)getpid());
	bool ok = write(fd, text, (size_t)len) == len;
	tip_error *err = ok ? NULL : tip_error_from_errno("cannot write '%s'", path);
	if (close(fd) != 0 && !err)
		err = tip_error_from_errno("cannot write '%s'", path);
	return err;
}

/* Takes git's own index.lock, as git commit does, so that git and other tip processes stay
 * out until the new index is renamed onto the index. */
static tip_error *lock_index(struct write *w)
{
	if (git_repository_index(&w->index, w->repo) < 0)
		return tip_git_error("cannot open the index");
	tip_error *err = tip_buf_addf(&w->lock_path, "%s.lock", git_index_path(w->index));
	struct lock_watch watch = { .since = 0 };
	while (!err) {
		int fd = open(tip_buf_str(&w->lock_path), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
			0666);
		if (fd >= 0) {
			w->locked = true;
			err = mark_lock(fd, tip_buf_str(&w->lock_path));
			break;
		}
		if (errno != EEXIST)
			err = tip_error_from_errno("cannot create '%s'", tip_buf_str(&w->lock_path));
		else
			err = wait_for_lock(&watch, tip_buf_str(&w->lock_path),
				"changing the repository");
	}
	/* The index as it is now that nobody else can change it. */
	if (!err && git_index_read(w->index, 0) < 0)
		err = tip_git_error("cannot read the index");
	return err;
}

static void unlock_index(struct write *w)
{
	if (w->next_index.len)
		unlink(tip_buf_str(&w->next_index));
	if (w->locked)
		unlink(tip_buf_str(&w->lock_path));
	w->locked = false;
}

/* The branch's lock file: git (or a stopped git) is moving the branch. */
static tip_error *wait_for_branch(struct write *w, struct lock_watch *watch)
{
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s%s.lock", git_repository_commondir(w->repo),
		w->branch);
	if (!err)
		err = wait_for_lock(watch, tip_buf_str(&path), "moving the branch");
	tip_buf_dispose(&path);
	return err;
}

/* ---- the branch ---- */

static tip_error *reflog_message(tip_buf *out, const struct write *w, const char *what)
{
	const char *end = strchr(w->message, '\n');
	size_t len = end ? (size_t)(end - w->message) : strlen(w->message);
	tip_error *err = tip_buf_adds(out, what);
	return err ? err : tip_buf_add(out, w->message, len);
}

/* Moves the branch from w->base to the new commit, or creates it when it has no commit yet;
 * either fails when another writer got there first. Returns libgit2's code. */
static int move_branch(const struct write *w, const char *log)
{
	git_reference *ref = NULL;
	int rc = w->base ? git_reference_create_matching(&ref, w->repo, w->branch, &w->commit, 1,
				   git_commit_id(w->base), log)
			 : git_reference_create(&ref, w->repo, w->branch, &w->commit, 0, log);
	git_reference_free(ref);
	return rc;
}

static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return a == b;
	return git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
	       git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

/* Refused when a commit between then and now changed one of our paths. */
static tip_error *same_entries(const struct write *w, git_commit *then, git_commit *now)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < w->count; i++) {
		git_tree_entry *before = NULL, *after = NULL;
		err = entry_at(&before, then, w->changes[i].path);
		if (!err)
			err = entry_at(&after, now, w->changes[i].path);
		if (!err && !same_entry(before, after))
			err = tip_error_conflict("'%s' was changed by another commit meanwhile: "
						 "run the command again", w->changes[i].path);
		git_tree_entry_free(before);
		git_tree_entry_free(after);
	}
	return err;
}

/* After losing a race: the branch's new tip becomes the base, unless it changed our paths. */
static tip_error *follow_branch(struct write *w)
{
	git_commit *now = NULL;
	tip_error *err = branch_tip(&now, w);
	if (!err && !now && w->base)
		err = tip_error_conflict("the branch '%s' was deleted meanwhile", branch_name(w));
	if (!err)
		err = same_entries(w, w->start, now);
	if (!err)
		err = check_content(w, now);
	if (err) {
		git_commit_free(now);
		return err;
	}
	git_commit_free(w->base);
	w->base = now;
	return NULL;
}

static tip_error *commit_on_branch(struct write *w)
{
	tip_buf log = TIP_BUF_INIT;
	tip_error *err = NULL;
	struct lock_watch watch = { .since = 0 };
	for (int attempt = 1; !err; attempt++) {
		tip_buf_reset(&log);
		err = reflog_message(&log, w, w->base ? "commit: " : "commit (initial): ");
		if (!err)
			err = make_commit(w);
		if (err)
			break;
		int rc = move_branch(w, tip_buf_str(&log));
		if (rc == 0)
			break;
		if (rc == GIT_ELOCKED) { /* a lock file, which may be stale, not a race */
			attempt--;
			if (!(err = wait_for_branch(w, &watch)))
				continue;
			break;
		}
		if (rc != GIT_EMODIFIED && rc != GIT_EEXISTS)
			err = tip_git_error("cannot move the branch '%s'", branch_name(w));
		else if (attempt == CAS_ATTEMPTS)
			err = tip_error_conflict("the branch '%s' kept moving while tip was "
						 "committing: run the command again",
						 branch_name(w));
		if (err)
			break;
		pause_briefly(attempt);
		err = follow_branch(w);
	}
	tip_buf_dispose(&log);
	if (!err)
		step_done("ref");
	return err;
}

/* Moves the branch back from the new commit to its base (or deletes a branch the commit
 * created) when nobody has built on it since. */
static bool take_back_commit(const struct write *w)
{
	git_reference *ref = NULL;
	int rc;
	if (w->base) {
		rc = git_reference_create_matching(&ref, w->repo, w->branch,
			git_commit_id(w->base), 1, &w->commit, "reset: taking back a commit tip "
			"could not finish");
	} else {
		rc = git_reference_lookup(&ref, w->repo, w->branch);
		if (rc == 0 && git_oid_equal(git_reference_target(ref), &w->commit))
			rc = git_reference_delete(ref);
		else if (rc == 0)
			rc = -1;
	}
	git_reference_free(ref);
	return rc == 0;
}

/* ---- the index ---- */

/* Sets the index entry of each path to its entry in tree (none: removed from the index). */
static tip_error *entries_from_tree(git_index *index, const struct write *w, git_tree *tree)
{
	for (size_t i = 0; i < w->count; i++) {
		const char *path = w->changes[i].path;
		git_tree_entry *te = NULL;
		int rc = tree ? git_tree_entry_bypath(&te, tree, path) : GIT_ENOTFOUND;
		if (rc == 0) {
			git_index_entry entry;
			memset(&entry, 0, sizeof(entry));
			entry.mode = git_tree_entry_filemode(te);
			entry.id = *git_tree_entry_id(te);
			entry.path = path;
			rc = git_index_add(index, &entry);
			git_tree_entry_free(te);
		} else if (rc == GIT_ENOTFOUND) {
			rc = git_index_remove_bypath(index, path);
		}
		if (rc < 0)
			return tip_git_error("cannot update the index entry of '%s'", path);
	}
	return NULL;
}

/* Copies the file at from (none: nothing is made) to a new file at to. */
static tip_error *copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb");
	if (!in)
		return errno == ENOENT ? NULL : tip_error_from_errno("cannot read '%s'", from);
	tip_buf bytes = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_stream(&bytes, in, from, SIZE_MAX);
	fclose(in);
	FILE *out = err ? NULL : fopen(to, "wb");
	if (!err && !out)
		err = tip_error_from_errno("cannot write '%s'", to);
	if (out) {
		bool written = fwrite(bytes.data, 1, bytes.len, out) == bytes.len;
		if (fclose(out) != 0 || !written)
			err = tip_error_from_errno("cannot write '%s'", to);
	}
	tip_buf_dispose(&bytes);
	return err;
}

/* The new index, made in a private copy of the index (libgit2 would take index.lock itself to
 * write the index, and tip holds it) and renamed onto index.lock: renaming that onto the index
 * at the end updates the index and lets go of the lock in one step, as git does. */
static tip_error *prepare_index(struct write *w)
{
	const char *index_path = git_index_path(w->index);
	tip_error *err = tip_buf_addf(&w->next_index, "%s.tip-%ld", index_path, (long)getpid());
	if (!err)
		err = copy_file(index_path, tip_buf_str(&w->next_index));
	git_index *next = NULL;
	if (!err && git_index_open(&next, tip_buf_str(&w->next_index)) < 0)
		err = tip_git_error("cannot read the index");
	if (!err)
		err = entries_from_tree(next, w, w->tree);
	if (!err && git_index_write(next) < 0)
		err = tip_git_error("cannot write the index");
	git_index_free(next);
	if (!err && rename(tip_buf_str(&w->next_index), tip_buf_str(&w->lock_path)) != 0)
		err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&w->lock_path));
	if (!err)
		tip_buf_reset(&w->next_index);
	return err;
}

static tip_error *install_index(struct write *w)
{
	if (rename(tip_buf_str(&w->lock_path), git_index_path(w->index)) != 0)
		return tip_error_from_errno("cannot write '%s'", git_index_path(w->index));
	w->locked = false;
	return NULL;
}

/* ---- after the commit point ---- */

/* A step after the branch moved failed: the branch goes back. */
static tip_error *take_back(const struct write *w, tip_error *cause)
{
	bool ok = take_back_commit(w);
	tip_error_code code = tip_error_get_code(cause);
	tip_error *err = ok ? tip_error_coded(code, "%s: nothing was changed",
				      tip_error_message(cause))
			    : tip_error_coded(code, "%s: the commit %.7s is made, but the index or "
					      "working files of its paths may not match it: see "
					      "git status", tip_error_message(cause),
				      git_oid_tostr_s(&w->commit));
	tip_error_free(cause);
	return err;
}

/* The working files, then the index, whose rename lets go of the lock: git commit -a, which
 * stages working files, must not see the new branch with the old files. */
static tip_error *finish(struct write *w, const char *root)
{
	tip_error *err = prepare_index(w);
	if (!err)
		err = tip_workfiles_write(root, w->changes, w->count);
	if (err)
		return take_back(w, err);
	step_done("file");
	err = install_index(w);
	if (err) {
		tip_error *full = tip_error_coded(tip_error_get_code(err), "%s: the commit %.7s is "
						  "made and its files written, but the index lags: "
						  "see git status", tip_error_message(err),
			git_oid_tostr_s(&w->commit));
		tip_error_free(err);
		return full;
	}
	step_done("index");
	return NULL;
}

static tip_error *write_commit(tip_store *store, const tip_file_change *changes, size_t count,
	const char *message, const git_oid *expected, const tip_write_opts *opts, git_oid *made)
{
	struct write w;
	memset(&w, 0, sizeof(w));
	w.opts = opts;
	w.read_at = opts && opts->base && *opts->base ? opts->base : NULL;
	w.repo = tip_store_repository(store);
	w.changes = changes;
	w.count = count;
	w.message = message;
	tip_error *err = check_paths(changes, count);
	if (!err)
		err = lock_index(&w);
	if (!err)
		err = check_start(&w, expected);
	if (!err && w.start && git_commit_dup(&w.base, w.start) < 0)
		err = tip_git_error("cannot read the last commit");
	if (!err)
		err = make_blobs(&w);
	if (!err && git_repository_set_ident(w.repo, w.committer->name, w.committer->email) < 0)
		err = tip_git_error("cannot set the identity for the reflog");
	if (!err)
		err = commit_on_branch(&w);
	git_repository_set_ident(w.repo, NULL, NULL);
	if (!err)
		err = finish(&w, tip_store_root(store));
	if (!err && made)
		*made = w.commit;
	unlock_index(&w);
	write_dispose(&w);
	return err;
}

tip_error *tip_write_commit(tip_store *store, const tip_file_change *changes, size_t count,
	const char *message, const git_oid *expected, git_oid *made)
{
	return write_commit(store, changes, count, message, expected, NULL, made);
}

tip_error *tip_store_write(tip_store *store, const tip_file_change *changes, size_t count,
	const char *message, const tip_write_opts *opts)
{
	if (!opts || !opts->no_commit)
		return write_commit(store, changes, count, message, NULL, opts, NULL);
	tip_error *err = check_paths(changes, count);
	if (!err)
		err = tip_workfiles_write(tip_store_root(store), changes, count);
	if (!err)
		step_done("file");
	return err;
}

/* ---- before a command asks its questions, or opens the editor ---- */

/* A lock git or tip holds now is waited for, as a write would; one left behind is named. */
static tip_error *check_index_lock(git_repository *repo)
{
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%sindex.lock", git_repository_path(repo));
	struct lock_watch watch = { .since = 0 };
	while (!err && access(tip_buf_str(&path), F_OK) == 0)
		err = wait_for_lock(&watch, tip_buf_str(&path), "changing the repository");
	tip_buf_dispose(&path);
	return err;
}

static tip_error *check_folder_writable(const char *dir)
{
	if (access(dir, W_OK | X_OK) == 0)
		return NULL;
	int saved = errno;
	return tip_error_new("cannot write in '%s' (%s): ask whoever looks after the repository "
			     "to let you write there", dir, strerror(saved));
}

bool tip_store_is_merging(tip_store *store)
{
	return git_repository_state(tip_store_repository(store)) == GIT_REPOSITORY_STATE_MERGE;
}

tip_error *tip_store_check_writable(tip_store *store, const char *path)
{
	git_repository *repo = tip_store_repository(store);
	char *branch = NULL;
	unsigned flags = GIT_STATUS_CURRENT;
	tip_error *err = tip_write_branch(&branch, repo);
	free(branch);
	if (!err)
		err = check_state(repo);
	git_signature *author = NULL, *committer = NULL;
	if (!err)
		err = tip_ident_signatures(&author, &committer, repo);
	git_signature_free(author);
	git_signature_free(committer);
	if (!err)
		err = check_folder_writable(tip_store_root(store));
	if (!err)
		err = check_folder_writable(git_repository_path(repo));
	if (!err)
		err = check_folder_writable(git_repository_commondir(repo));
	if (!err)
		err = check_index_lock(repo);
	if (!err && path)
		err = path_status(&flags, repo, path);
	if (!err && flags != GIT_STATUS_CURRENT)
		err = dirty_error(path, flags);
	return err;
}

/* ---- reading ---- */

bool tip_store_commit_has_file(tip_store *store, const char *commit, const char *path)
{
	git_repository *repo = tip_store_repository(store);
	git_oid id;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	bool found = *commit && git_oid_fromstr(&id, commit) == 0 &&
		     git_commit_lookup(&c, repo, &id) == 0 && git_commit_tree(&tree, c) == 0 &&
		     git_tree_entry_bypath(&entry, tree, path) == 0 &&
		     git_tree_entry_type(entry) == GIT_OBJECT_BLOB;
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(c);
	return found;
}

tip_error *tip_store_head_id(char *out, size_t cap, tip_store *store)
{
	git_oid id;
	int rc = git_reference_name_to_id(&id, tip_store_repository(store), "HEAD");
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH) {
		snprintf(out, cap, "%s", "");
		return NULL;
	}
	if (rc < 0)
		return tip_git_error("cannot read HEAD");
	git_oid_tostr(out, cap, &id);
	return NULL;
}

tip_error *tip_store_read_head(tip_buf *out, tip_store *store, const char *path)
{
	char head[GIT_OID_HEXSZ + 1];
	bool found = false;
	tip_error *err = tip_store_head_id(head, sizeof head, store);
	if (!err && head[0]) {
		tip_buf_reset(out);
		err = tip_store_file_at(out, &found, store, head, path);
	}
	if (!err && !found)
		err = tip_error_not_found("'%s' is not in the last commit", path);
	return err;
}
