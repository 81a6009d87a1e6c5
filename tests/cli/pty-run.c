/* pty-run SCRIPT COMMAND [ARG]...: runs COMMAND on a pseudo-terminal, driven by SCRIPT, for
 * testing tip's prompts as a person at a terminal would meet them. Script lines:
 *   expect TEXT   wait (at most 10 s) until TEXT appears in the output after the last match
 *   send TEXT     type TEXT and Enter ("send" alone: just Enter)
 *   type TEXT     type TEXT without Enter; \e is Escape, \b Backspace, \xHH any byte
 *   paste TEXT    paste TEXT (no Enter) as a terminal does: in ESC[200~ and ESC[201~ when
 *                 the command turned bracketed paste on (ESC[?2004h); \n in TEXT is a line end
 *   paste-file PATH   paste the contents of the file PATH the same way
 *   ctrl-c        type Ctrl-C            ctrl-d   type Ctrl-D (end of input)
 * Everything the command writes is copied to stdout. The exit status is the command's, 128 +
 * the signal that ended it, or 124 when an expected text never came. */
#include <errno.h>
#include <fcntl.h>
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

/* Writes all of data, reading the command's output meanwhile: a long paste fills the
 * terminal's input queue, and the command's echo of it fills the output queue. */
static void type(struct session *s, const char *data, size_t n)
{
	/* Give the command a moment to reach its read, as a person would. */
	while (pump(s, 20) > 0)
		;
	long deadline = now_ms() + TIMEOUT_MS;
	while (n > 0 && now_ms() < deadline) {
		struct pollfd p = { s->fd, POLLOUT, 0 };
		if (poll(&p, 1, 20) > 0 && (p.revents & POLLOUT)) {
			ssize_t done = write(s->fd, data, n);
			if (done < 0 && errno != EAGAIN) {
				perror("pty-run: write");
				return;
			}
			if (done > 0) {
				data += done;
				n -= (size_t)done;
			}
		}
		while (pump(s, 0) > 0)
			;
	}
	if (n > 0)
		fprintf(stderr, "pty-run: the command did not read %zu bytes of input\n", n);
}

/* TEXT with \e (Escape), \b (Backspace), \n (line end), \\ and \xHH read; *len its bytes. */
static char *unescape(const char *text, size_t *len)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	for (const char *p = text; out && *p; p++) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case 'e': *o++ = '\033'; break;
		case 'b': *o++ = '\177'; break;
		case 'n': *o++ = '\n'; break;
		case 'x':
			if (p[1] && p[2]) {
				char hex[3] = { p[1], p[2], 0 };
				*o++ = (char)strtol(hex, NULL, 16);
				p += 2;
			}
			break;
		default: *o++ = *p;
		}
	}
	*len = out ? (size_t)(o - out) : 0;
	return out;
}

static char *file_text(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	*len = 0;
	if (f && getdelim(&text, len, '\0', f) >= 0) /* the file holds no NUL */
		*len = strlen(text);
	else
		perror(path);
	if (f)
		fclose(f);
	return text;
}

/* Whether the command's last word on bracketed paste was to turn it on. */
static int bracketed(const struct session *s)
{
	const char *on = NULL, *off = NULL;
	for (const char *p = s->seen; p && (p = strstr(p, "\033[?2004")); p++) {
		if (p[7] == 'h')
			on = p;
		else if (p[7] == 'l')
			off = p;
	}
	return on && (!off || off < on);
}

/* A paste as terminals send it: each line end a carriage return, in brackets when asked for. */
static void paste(struct session *s, char *text, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (text[i] == '\n')
			text[i] = '\r';
	while (pump(s, 20) > 0)
		;
	int brackets = bracketed(s);
	if (brackets)
		type(s, "\033[200~", 6);
	type(s, text, n);
	if (brackets)
		type(s, "\033[201~", 6);
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
		size_t len;
		char *text = NULL;
		if (strncmp(line, "expect ", 7) == 0) {
			result = expect(s, line + 7);
		} else if (strncmp(line, "send", 4) == 0) {
			/* Enter is a carriage return, as a terminal sends it. */
			const char *typed = line[4] == ' ' ? line + 5 : "";
			text = malloc(strlen(typed) + 2);
			sprintf(text, "%s\r", typed);
			type(s, text, strlen(text));
		} else if (strncmp(line, "type ", 5) == 0 && (text = unescape(line + 5, &len))) {
			type(s, text, len);
		} else if (strncmp(line, "paste ", 6) == 0 && (text = unescape(line + 6, &len))) {
			paste(s, text, len);
		} else if (strncmp(line, "paste-file ", 11) == 0) {
			text = file_text(line + 11, &len);
			if (text)
				paste(s, text, len);
			else
				result = -1;
		} else if (strcmp(line, "ctrl-c") == 0) {
			type(s, "\003", 1);
		} else if (strcmp(line, "ctrl-d") == 0) {
			type(s, "\004", 1);
		} else if (*line && *line != '#') {
			fprintf(stderr, "pty-run: cannot read script line '%s'\n", line);
			result = -1;
		}
		free(text);
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
	/* Never blocked writing input the command is not reading yet. */
	fcntl(s.fd, F_SETFL, fcntl(s.fd, F_GETFL) | O_NONBLOCK);
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
