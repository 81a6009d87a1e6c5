/* Runs the git program (fork and exec, no shell) and puts its failures in words. */
#include "gitprog.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- running it ---- */

static void run_child(const tip_git_call *call, const char *const *args, int out_fd, int err_fd)
{
	int null_fd = open("/dev/null", O_RDWR);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
		_exit(127);
	if (call->dir && chdir(call->dir) != 0)
		_exit(127);
	for (const char *const *e = call->env; e && *e; e++)
		putenv((char *)*e);
	execvp("git", (char *const *)args);
	_exit(127);
}

/* Hands each complete line (ended by '\n' or '\r') of pending to on_line, keeping the rest. */
static void pass_lines(tip_buf *pending, const tip_git_call *call)
{
	size_t start = 0;
	char *text = pending->data;
	for (size_t i = 0; i < pending->len; i++) {
		if (text[i] != '\n' && text[i] != '\r')
			continue;
		text[i] = '\0';
		if (call->on_line && i > start)
			call->on_line(call->ctx, text + start);
		start = i + 1;
	}
	memmove(text, text + start, pending->len - start);
	pending->len -= start;
	text[pending->len] = '\0';
}

/* Reads git's stdout and stderr until both end. */
static tip_error *drain(int out_fd, int err_fd, tip_buf *err_text, const tip_git_call *call)
{
	struct pollfd fds[2] = { { .fd = out_fd, .events = POLLIN }, { .fd = err_fd, .events = POLLIN } };
	tip_buf pending = TIP_BUF_INIT;
	tip_error *err = NULL;
	char chunk[4096];
	while (!err && (fds[0].fd >= 0 || fds[1].fd >= 0)) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err = tip_error_from_errno("cannot read from git");
			break;
		}
		for (int i = 0; i < 2 && !err; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n <= 0) {
				if (n < 0 && errno == EINTR)
					continue;
				fds[i].fd = -1;
			} else if (i == 0) {
				err = call->out ? tip_buf_add(call->out, chunk, (size_t)n) : NULL;
			} else if (!(err = tip_buf_add(err_text, chunk, (size_t)n)) &&
				   !(err = tip_buf_add(&pending, chunk, (size_t)n))) {
				pass_lines(&pending, call);
			}
		}
	}
	if (!err && pending.len && call->on_line)
		call->on_line(call->ctx, tip_buf_str(&pending));
	tip_buf_dispose(&pending);
	return err;
}

tip_error *tip_git_program(int *status, tip_buf *err_text, const tip_git_call *call,
	const char *const *args)
{
	int out_pipe[2], err_pipe[2];
	*status = -1;
	if (pipe(out_pipe) != 0)
		return tip_error_from_errno("cannot run git");
	if (pipe(err_pipe) != 0) {
		close(out_pipe[0]);
		close(out_pipe[1]);
		return tip_error_from_errno("cannot run git");
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(out_pipe[0]);
		close(err_pipe[0]);
		run_child(call, args, out_pipe[1], err_pipe[1]);
	}
	close(out_pipe[1]);
	close(err_pipe[1]);
	tip_error *err = pid < 0 ? tip_error_from_errno("cannot run git") :
				   drain(out_pipe[0], err_pipe[0], err_text, call);
	close(out_pipe[0]);
	close(err_pipe[0]);
	int wstatus = 0;
	while (pid > 0 && waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	if (pid > 0)
		*status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	if (!err && *status == 127 && !err_text->len)
		err = tip_error_not_found("cannot run git: is it installed and on the PATH?");
	return err;
}

/* ---- its failures in words ---- */

static const struct {
	tip_git_failure kind;
	const char *says;
} signs[] = {
	/* first the push's own refusals, which come with the remote's words; a branch that
	 * moved while the push was on its way is one that others pushed to meanwhile */
	{ TIP_GIT_REJECTED, "but expected" },
	{ TIP_GIT_REFUSED, "[remote rejected]" },
	{ TIP_GIT_REFUSED, "protected branch" },
	{ TIP_GIT_REFUSED, "hook declined" },
	{ TIP_GIT_REJECTED, "(fetch first)" },
	{ TIP_GIT_REJECTED, "(non-fast-forward)" },
	{ TIP_GIT_REJECTED, "Updates were rejected" },
	{ TIP_GIT_CONFLICT, "CONFLICT (" },
	{ TIP_GIT_CONFLICT, "could not apply" },
	{ TIP_GIT_AUTH, "Authentication failed" },
	{ TIP_GIT_AUTH, "could not read Username" },
	{ TIP_GIT_AUTH, "could not read Password" },
	{ TIP_GIT_AUTH, "Permission denied" },
	{ TIP_GIT_AUTH, "The requested URL returned error: 401" },
	{ TIP_GIT_AUTH, "The requested URL returned error: 403" },
	{ TIP_GIT_NO_REPO, "does not appear to be a git repository" },
	{ TIP_GIT_NO_REPO, "repository not found" },
	{ TIP_GIT_NO_REPO, "Repository not found" },
	{ TIP_GIT_NO_REPO, "repository not exported" }, /* git daemon */
	{ TIP_GIT_NO_REPO, "The requested URL returned error: 404" },
	{ TIP_GIT_OFFLINE, "Could not resolve host" },
	{ TIP_GIT_OFFLINE, "Connection refused" },
	{ TIP_GIT_OFFLINE, "Connection timed out" },
	{ TIP_GIT_OFFLINE, "Network is unreachable" },
	{ TIP_GIT_OFFLINE, "No route to host" },
	{ TIP_GIT_OFFLINE, "unable to connect" },
	{ TIP_GIT_OFFLINE, "Failed to connect" },
	{ TIP_GIT_OFFLINE, "Could not read from remote repository" },
};

tip_git_failure tip_git_classify(const char *err_text)
{
	for (size_t i = 0; err_text && i < sizeof(signs) / sizeof(*signs); i++)
		if (strstr(err_text, signs[i].says))
			return signs[i].kind;
	return TIP_GIT_FAILED;
}

/* True for a line that says what went wrong, rather than progress or advice. */
static bool line_tells(const char *line, size_t len)
{
	static const char *const telling[] = { "fatal: ", "error: ", " ! [", "CONFLICT (",
		"remote: error", "ssh: ", "could not apply" };
	for (size_t i = 0; i < sizeof(telling) / sizeof(*telling); i++) {
		size_t n = strlen(telling[i]);
		if (len >= n && memcmp(line, telling[i], n) == 0)
			return true;
	}
	return false;
}

static void add_quoted_line(tip_buf *out, const char *line, size_t len)
{
	static const char *const prefixes[] = { "fatal: ", "error: ", "remote: error: " };
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		size_t n = strlen(prefixes[i]);
		if (len >= n && memcmp(line, prefixes[i], n) == 0) {
			line += n;
			len -= n;
			break;
		}
	}
	while (len && *line == ' ') {
		line++;
		len--;
	}
	if (out->len)
		tip_error_free(tip_buf_adds(out, "; "));
	tip_error_free(tip_buf_add(out, line, len));
}

/* git's last (at most three) telling lines, or its last line when none tells. */
static void last_lines(tip_buf *out, const char *text)
{
	const char *starts[3];
	size_t lens[3], found = 0;
	const char *last = NULL;
	size_t last_len = 0;
	for (const char *p = text; p && *p;) {
		size_t len = strcspn(p, "\r\n");
		if (len && line_tells(p, len)) {
			memmove(starts, starts + (found == 3), sizeof(*starts) * (found - (found == 3)));
			memmove(lens, lens + (found == 3), sizeof(*lens) * (found - (found == 3)));
			found -= found == 3;
			starts[found] = p;
			lens[found++] = len;
		}
		if (len) {
			last = p;
			last_len = len;
		}
		p += len;
		p += strspn(p, "\r\n");
	}
	for (size_t i = 0; i < found; i++)
		add_quoted_line(out, starts[i], lens[i]);
	if (!found && last)
		add_quoted_line(out, last, last_len);
	if (!out->len)
		tip_error_free(tip_buf_adds(out, "git said nothing"));
}

tip_error *tip_git_failure_advised(tip_git_failure kind, const char *what, const char *remote,
	const char *err_text, const tip_git_advice *advice)
{
	tip_buf said = TIP_BUF_INIT;
	last_lines(&said, err_text);
	const char *s = tip_buf_str(&said);
	tip_error *err;
	switch (kind) {
	case TIP_GIT_OFFLINE:
		err = tip_error_git("could not reach %s (%s): %s; %s when online", remote, s,
			advice->kept, advice->again);
		break;
	case TIP_GIT_AUTH:
		err = tip_error_git("%s refused access (%s): check your credentials for it (git's "
				    "credential helper, your ssh key or token), then %s; %s", remote,
			s, advice->again, advice->kept);
		break;
	case TIP_GIT_NO_REPO:
		err = tip_error_git("%s has no repository at its address (%s): %s", remote, s,
			advice->address);
		break;
	case TIP_GIT_REJECTED:
		err = tip_error_conflict("%s was rejected: %s has commits this clone has not "
					 "received yet (%s)", what, remote, s);
		break;
	case TIP_GIT_REFUSED:
		err = tip_error_conflict("%s was refused by the server (%s): the branch may be "
					 "protected; send your commits to a branch of their own for "
					 "a pull request with tip sync --branch NAME", what, s);
		break;
	case TIP_GIT_CONFLICT:
		err = tip_error_conflict("%s stopped on conflicting changes (%s)", what, s);
		break;
	default:
		err = tip_error_git("%s failed (%s)", what, s);
		break;
	}
	tip_buf_dispose(&said);
	return err;
}

tip_error *tip_git_failure_error(tip_git_failure kind, const char *what, const char *remote,
	const char *err_text)
{
	static const tip_git_advice sync_advice = {
		.again = "run tip sync again",
		.address = "check it with git remote -v",
		.kept = "your commits are kept here",
	};
	return tip_git_failure_advised(kind, what, remote, err_text, &sync_advice);
}
