/* A growable byte buffer, always NUL-terminated. */
#ifndef TIP_BUF_H
#define TIP_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct tip_buf {
	char *data; /* NUL-terminated; NULL until something is added */
	size_t len;
	size_t cap;
} tip_buf;

#define TIP_BUF_INIT { NULL, 0, 0 }

tip_error *tip_buf_add(tip_buf *buf, const void *data, size_t len);
tip_error *tip_buf_adds(tip_buf *buf, const char *s);
tip_error *tip_buf_addc(tip_buf *buf, char c);
tip_error *tip_buf_addf(tip_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
tip_error *tip_buf_vaddf(tip_buf *buf, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Appends dir, '/', name (no second '/' when dir ends in one, as a folder typed with its
 * slash does): a path join cheap enough for a loop over thousands of files. */
tip_error *tip_buf_add_path(tip_buf *buf, const char *dir, const char *name);
/* Appends "/" and key escaped as a JSON Pointer's step (~ as ~0, / as ~1). */
tip_error *tip_buf_add_pointer_key(tip_buf *buf, const char *key);
/* Cuts buf back to its first len bytes (len at most buf->len). */
void tip_buf_truncate(tip_buf *buf, size_t len);
/* Appends text for HTML or XML, its & < > " ' written as character references. */
tip_error *tip_buf_add_markup_text(tip_buf *buf, const char *text);
/* Appends text for a line of Markdown that may be a table's row, so that it stays in its
 * cell: a line break is written as a space, a | as \|; outside a code span (code false),
 * every character Markdown reads as markup (\ ` * _ [ ] < > & # ~ !) is escaped too. */
tip_error *tip_buf_add_markdown(tip_buf *buf, const char *text, size_t len, bool code);
/* Appends s as a JSON string literal, quotes included. */
tip_error *tip_buf_add_json_string(tip_buf *buf, const char *s, size_t len);
/* Appends what is left to read from f, to its end, reading never more than max + 1 bytes: a
 * stream longer than max (a pipe that never ends, /dev/zero) is the error "'<name>' is larger
 * than the limit of ...", a read error "cannot read '<name>'". f stays open. */
tip_error *tip_buf_add_stream(tip_buf *buf, FILE *f, const char *name, size_t max);
/* Appends text with each of words (each followed by a NUL) replaced by "[personal]" where
 * it stands as a whole word: personal data hidden in a commit's subject or reason, which a
 * person or an older tip may have written with a name in it. */
tip_error *tip_buf_add_hiding(tip_buf *out, const char *text, const tip_buf *words);
/* The text so far, "" when empty. */
const char *tip_buf_str(const tip_buf *buf);
void tip_buf_reset(tip_buf *buf);
void tip_buf_dispose(tip_buf *buf);

#endif
