/* Reading one answer at a terminal. The terminal's own line editing (canonical mode) keeps at
 * most 4095 bytes of a line and drops the rest without a word, and ends the answer at the
 * first line end of a paste, so that the rest of it answers the next questions. libedit 3.1's
 * el_gets has no such length limit but knows nothing of bracketed paste: the brackets came in
 * as text and each pasted line was an answer of its own. So answers are read here, in
 * non-canonical mode, with the few keys a one-line answer needs. */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "lineinput.h"

enum { KEY_ENTER = 1 };

/* A place on the screen, counted from the start of the prompt's row. col may be the width of
 * the terminal: the row is full and the cursor waits there until the next character. */
struct spot {
	size_t row, col;
};

struct reader {
	int fd;
	FILE *out;
	char **line;
	size_t *cap, len;
	size_t prompt_cols, cols;
	struct spot end; /* where the text so far ends */
	size_t row;      /* the row the cursor is on */
	enum { KEYS, ESCAPE, SEQUENCE } state;
	char sequence[8]; /* an escape sequence's parameters */
	size_t sequence_len;
	bool pasting, after_cr;
};

static bool continuation_byte(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Where the cursor is after c is written at s. A character takes one column (one that
 * takes two, as some CJK ones do, makes the erasing of a wrapped line a column out). */
static struct spot advance(const struct reader *r, struct spot s, unsigned char c)
{
	if (continuation_byte(c))
		return s;
	if (c == '\n')
		return (struct spot){ s.row + 1, 0 };
	if (s.col >= r->cols)
		return (struct spot){ s.row + 1, 1 };
	return (struct spot){ s.row, s.col + 1 };
}

static struct spot spot_of(const struct reader *r, size_t upto)
{
	struct spot s = { 0, r->prompt_cols };
	for (size_t i = 0; i < upto; i++)
		s = advance(r, s, (unsigned char)(*r->line)[i]);
	return s;
}

static bool room_for_one_more(struct reader *r)
{
	if (r->len + 2 <= *r->cap)
		return true;
	size_t cap = *r->cap < 64 ? 128 : *r->cap * 2;
	char *grown = realloc(*r->line, cap);
	if (!grown)
		return false;
	*r->line = grown;
	*r->cap = cap;
	return true;
}

static int add(struct reader *r, unsigned char c)
{
	if (!room_for_one_more(r))
		return LINE_NO_MEMORY;
	(*r->line)[r->len++] = (char)c;
	if (c == '\n')
		fputs("\r\n", r->out);
	else
		fputc(c == '\t' ? ' ' : c, r->out);
	r->end = advance(r, r->end, c);
	r->row = r->end.row;
	return 0;
}

/* Takes the text back to its first keep bytes, on the screen too: the cursor goes back to
 * where they end and everything after it is cleared, across wrapped and pasted lines. */
static void erase_to(struct reader *r, size_t keep)
{
	if (keep >= r->len)
		return;
	struct spot to = spot_of(r, keep);
	bool full_row = to.col >= r->cols; /* then the next character starts the next row */
	size_t row = to.row + full_row;
	fputc('\r', r->out);
	if (r->row > row)
		fprintf(r->out, "\033[%zuA", r->row - row);
	if (!full_row && to.col)
		fprintf(r->out, "\033[%zuC", to.col);
	fputs("\033[J", r->out);
	r->len = keep;
	r->end = to;
	r->row = row;
}

static void erase_character(struct reader *r)
{
	size_t keep = r->len;
	while (keep > 0 && continuation_byte((unsigned char)(*r->line)[--keep]))
		;
	erase_to(r, keep);
}

static void erase_word(struct reader *r)
{
	size_t keep = r->len;
	while (keep > 0 && blank((*r->line)[keep - 1]))
		keep--;
	while (keep > 0 && !blank((*r->line)[keep - 1]))
		keep--;
	erase_to(r, keep);
}

/* Inside a paste everything is text: a line end (CR, LF or both) is part of the answer. */
static int on_pasted(struct reader *r, unsigned char c)
{
	bool after_cr = r->after_cr;
	r->after_cr = c == '\r';
	if (c == '\n' && after_cr)
		return 0;
	if (c == '\r')
		c = '\n';
	if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
		return 0;
	return add(r, c);
}

static int on_key(struct reader *r, unsigned char c)
{
	switch (c) {
	case '\r':
	case '\n':
		return KEY_ENTER;
	case 0x03: /* Ctrl-C */
		return LINE_INTERRUPTED;
	case 0x04: /* Ctrl-D: the end of input on an empty line, as the terminal has it */
		return r->len ? 0 : LINE_END;
	case 0x7f:
	case 0x08:
		erase_character(r);
		return 0;
	case 0x15: /* Ctrl-U */
		erase_to(r, 0);
		return 0;
	case 0x17: /* Ctrl-W */
		erase_word(r);
		return 0;
	default:
		return c < 0x20 ? 0 : add(r, c);
	}
}

/* Escape sequences: the paste's brackets, ESC[200~ and ESC[201~; any other (an arrow or a
 * function key) is not text and is dropped. */
static int on_byte(struct reader *r, unsigned char c)
{
	if (r->state == SEQUENCE) {
		if (c >= 0x20 && c <= 0x3f) {
			if (r->sequence_len < sizeof(r->sequence) - 1)
				r->sequence[r->sequence_len++] = (char)c;
			return 0;
		}
		r->sequence[r->sequence_len] = '\0';
		r->state = KEYS;
		if (c == '~' && strcmp(r->sequence, "200") == 0)
			r->pasting = true;
		else if (c == '~' && strcmp(r->sequence, "201") == 0)
			r->pasting = false;
		return 0;
	}
	if (r->state == ESCAPE) {
		r->state = c == '[' || c == 'O' ? SEQUENCE : KEYS;
		r->sequence_len = 0;
		if (r->state == SEQUENCE)
			return 0;
		/* A lone Escape is dropped; the key after it counts. */
	}
	if (c == 0x1b) {
		r->state = ESCAPE;
		return 0;
	}
	return r->pasting ? on_pasted(r, c) : on_key(r, c);
}

static int read_keys(struct reader *r)
{
	for (;;) {
		struct pollfd waiting = { r->fd, POLLIN, 0 };
		if (poll(&waiting, 1, 0) == 0)
			fflush(r->out); /* the echo is seen before the next key is awaited */
		unsigned char c;
		ssize_t n = read(r->fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return LINE_END;
		int done = on_byte(r, c);
		if (done)
			return done;
	}
}

static size_t terminal_columns(FILE *out)
{
	struct winsize size;
	if (ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
		return size.ws_col;
	return 80;
}

/* Non-canonical mode without echo or signals: the keys come here as they are typed. */
static bool keys_mode(int fd, const struct termios *mode)
{
	struct termios keys = *mode;
	keys.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	keys.c_cc[VMIN] = 1;
	keys.c_cc[VTIME] = 0;
	return tcsetattr(fd, TCSANOW, &keys) == 0;
}

static ssize_t read_at_terminal(struct reader *r, const char *prompt, const struct termios *mode)
{
	fprintf(r->out, "%s\033[?2004h", prompt);
	int status = room_for_one_more(r) ? read_keys(r) : LINE_NO_MEMORY;
	fputs(status == KEY_ENTER ? "\033[?2004l\r\n" : "\033[?2004l", r->out);
	fflush(r->out);
	tcsetattr(r->fd, TCSANOW, mode);
	if (*r->line)
		(*r->line)[r->len] = '\0';
	return status == KEY_ENTER ? (ssize_t)r->len : status;
}

ssize_t cmd_read_line(char **line, size_t *cap, const char *prompt, FILE *in, FILE *out)
{
	struct termios mode;
	if (tcgetattr(fileno(in), &mode) == 0 && keys_mode(fileno(in), &mode)) {
		struct reader r = { .fd = fileno(in), .out = out, .line = line, .cap = cap,
			.prompt_cols = strlen(prompt), .cols = terminal_columns(out) };
		r.end.col = r.prompt_cols;
		return read_at_terminal(&r, prompt, &mode);
	}
	fputs(prompt, out);
	fflush(out);
	ssize_t n = getline(line, cap, in);
	if (n < 0)
		return LINE_END;
	while (n > 0 && ((*line)[n - 1] == '\n' || (*line)[n - 1] == '\r'))
		(*line)[--n] = '\0';
	return n;
}
