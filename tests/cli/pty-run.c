/* pty-run SCRIPT COMMAND [ARG]...: runs COMMAND on a pseudo-terminal, driven by SCRIPT, for
 * testing tip's prompts as a person at a terminal would meet them. Script lines:
 *   expect TEXT   wait (at most 10 s) until TEXT appears in the output after the last match
 *   send TEXT     type TEXT and Enter ("send" alone: just Enter)
 *   ctrl-c        type Ctrl-C            ctrl-d   type Ctrl-D (end of input)
 * Everything the command writes is copied to stdout. The exit status is the command's, 128 +
 * the signal that ended it, or 124 when an expected text never came. */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { TIMEOUT_MS = 10000 };

struct session {
	int fd;
	pid_t pid;
	char *seen; /* all output so far */
	size_t len, cap, matched;
};

static void keep(struct session *s, const char *data, size_t n)
{
	fwrite(data, 1, n, stdout);
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		s->seen = realloc(s->seen, s->cap);
		if (!s->seen) {
			perror("pty-run");
			exit(2);
		}
	}
	memcpy(s->seen + s->len, data, n);
	s->len += n;
	s->seen[s->len] = '\0';
}

/* Reads what comes within wait_ms: 1 when something came, 0 when nothing did, -1 at the end
 * of output (the command closed the terminal). */
static int pump(struct session *s, int wait_ms)
{
	struct pollfd p = { s->fd, POLLIN, 0 };
	int ready = poll(&p, 1, wait_ms);
	if (ready == 0)
		return 0;
	char buf[4096];
	ssize_t n = ready < 0 ? -1 : read(s->fd, buf, sizeof(buf));
	if (n <= 0)
		return -1;
	keep(s, buf, (size_t)n);
	return 1;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static int expect(struct session *s, const char *text)
{
	long deadline = now_ms() + TIMEOUT_MS;
	for (;;) {
		char *at = s->seen ? strstr(s->seen + s->matched, text) : NULL;
		if (at) {
			s->matched = (size_t)(at - s->seen) + strlen(text);
			return 0;
		}
		long left = deadline - now_ms();
		if (left <= 0 || pump(s, (int)left) < 0) {
			fflush(stdout);
			fprintf(stderr, "pty-run: never saw '%s'\n", text);
			return -1;
		}
	}
}

static void type(struct session *s, const char *data, size_t n)
{
	/* Give the command a moment to reach its read, as a person would. */
	while (pump(s, 20) > 0)
		;
	if (write(s->fd, data, n) != (ssize_t)n)
		perror("pty-run: write");
}

static int run_script(struct session *s, FILE *script)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int result = 0;
	while (result == 0 && (n = getline(&line, &cap, script)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (strncmp(line, "expect ", 7) == 0) {
			result = expect(s, line + 7);
		} else if (strncmp(line, "send", 4) == 0) {
			const char *text = line[4] == ' ' ? line + 5 : "";
			char *typed = malloc(strlen(text) + 2);
			sprintf(typed, "%s\n", text);
			type(s, typed, strlen(typed));
			free(typed);
		} else if (strcmp(line, "ctrl-c") == 0) {
			type(s, "\003", 1);
		} else if (strcmp(line, "ctrl-d") == 0) {
			type(s, "\004", 1);
		} else if (*line && *line != '#') {
			fprintf(stderr, "pty-run: cannot read script line '%s'\n", line);
			result = -1;
		}
	}
	free(line);
	return result;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: pty-run SCRIPT COMMAND [ARG]...\n");
		return 2;
	}
	FILE *script = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!script) {
		perror(argv[1]);
		return 2;
	}
	struct winsize size = { .ws_row = 24, .ws_col = 80 };
	struct session s = { 0 };
	s.pid = forkpty(&s.fd, NULL, NULL, &size);
	if (s.pid < 0) {
		perror("pty-run: forkpty");
		return 2;
	}
	if (s.pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	int result = run_script(&s, script);
	if (result != 0)
		kill(s.pid, SIGKILL);
	long deadline = now_ms() + TIMEOUT_MS;
	while (pump(&s, 100) >= 0 && now_ms() < deadline)
		;
	int status;
	/* The terminal closes a moment before the process is gone. */
	while (waitpid(s.pid, &status, WNOHANG) == 0 && now_ms() < deadline)
		usleep(10000);
	if (now_ms() >= deadline && waitpid(s.pid, &status, WNOHANG) == 0) {
		fprintf(stderr, "pty-run: the command was still running after the script\n");
		kill(s.pid, SIGKILL);
		waitpid(s.pid, &status, 0);
		result = -1;
	}
	fflush(stdout);
	free(s.seen);
	if (result != 0)
		return 124;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
