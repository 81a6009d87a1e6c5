/* Reading one answer at a terminal, whatever its length or lines. */
#ifndef TIP_CMD_LINEINPUT_H
#define TIP_CMD_LINEINPUT_H

#include <stdio.h>
#include <sys/types.h>

enum {
	LINE_END = -1,         /* end of input: Ctrl-D on an empty line, or the end of a pipe */
	LINE_INTERRUPTED = -2, /* Ctrl-C */
	LINE_NO_MEMORY = -3,
};

/* Prints prompt and reads one answer into *line (grown as getline does), without its line
 * end; returns its length or one of the LINE_ values. On a terminal the terminal's line
 * limit (4096 bytes) does not apply: the answer is read in non-canonical mode with
 * Backspace, Ctrl-U (the line), Ctrl-W (a word), Enter, Ctrl-D and Ctrl-C, and a paste is
 * all of one answer, line ends included (bracketed paste). The terminal's mode is as it was
 * when this returns. Other input is read a line at a time, as it comes. */
ssize_t cmd_read_line(char **line, size_t *cap, const char *prompt, FILE *in, FILE *out);

#endif
