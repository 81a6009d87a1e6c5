#include "buf.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static tip_error *buf_reserve(tip_buf *buf, size_t more)
{
	if (buf->cap - buf->len > more)
		return NULL;
	size_t cap = buf->cap ? buf->cap : 64;
	while (cap - buf->len <= more) {
		if (cap > (size_t)-1 / 2)
			return tip_error_nomem();
		cap *= 2;
	}
	char *data = realloc(buf->data, cap);
	if (!data)
		return tip_error_nomem();
	buf->data = data;
	buf->cap = cap;
	return NULL;
}

tip_error *tip_buf_add(tip_buf *buf, const void *data, size_t len)
{
	tip_error *err = buf_reserve(buf, len);
	if (err)
		return err;
	if (len)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
	return NULL;
}

tip_error *tip_buf_adds(tip_buf *buf, const char *s)
{
	return tip_buf_add(buf, s, strlen(s));
}

tip_error *tip_buf_addc(tip_buf *buf, char c)
{
	return tip_buf_add(buf, &c, 1);
}

tip_error *tip_buf_vaddf(tip_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	tip_error *err = n < 0 ? tip_error_new("cannot format text") : buf_reserve(buf, (size_t)n);
	if (!err) {
		vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, copy);
		buf->len += (size_t)n;
	}
	va_end(copy);
	return err;
}

tip_error *tip_buf_addf(tip_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = tip_buf_vaddf(buf, fmt, ap);
	va_end(ap);
	return err;
}

tip_error *tip_buf_add_path(tip_buf *buf, const char *dir, const char *name)
{
	size_t len = strlen(dir);
	tip_error *err = tip_buf_add(buf, dir, len);
	if (!err && !(len && dir[len - 1] == '/'))
		err = tip_buf_addc(buf, '/');
	return err ? err : tip_buf_adds(buf, name);
}

tip_error *tip_buf_add_markup_text(tip_buf *buf, const char *text)
{
	tip_error *err = NULL;
	for (const char *s = text; !err && *s; s++) {
		switch (*s) {
		case '&': err = tip_buf_adds(buf, "&amp;"); break;
		case '<': err = tip_buf_adds(buf, "&lt;"); break;
		case '>': err = tip_buf_adds(buf, "&gt;"); break;
		case '"': err = tip_buf_adds(buf, "&quot;"); break;
		case '\'': err = tip_buf_adds(buf, "&#39;"); break;
		default: err = tip_buf_addc(buf, *s); break;
		}
	}
	return err;
}

tip_error *tip_buf_add_markdown(tip_buf *buf, const char *text, size_t len, bool code)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < len; i++) {
		char c = text[i];
		if (c == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue; /* the \n that follows makes the space */
		if (c == '\n' || c == '\r')
			err = tip_buf_addc(buf, ' ');
		else if (c == '|' || (!code && c && strchr("\\`*_[]<>&#~!", c)))
			err = tip_buf_addf(buf, "\\%c", c);
		else
			err = tip_buf_addc(buf, c);
	}
	return err;
}

tip_error *tip_buf_add_json_string(tip_buf *buf, const char *s, size_t len)
{
	tip_error *err = tip_buf_addc(buf, '"');
	for (size_t i = 0; !err && i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': err = tip_buf_adds(buf, "\\\""); break;
		case '\\': err = tip_buf_adds(buf, "\\\\"); break;
		case '\n': err = tip_buf_adds(buf, "\\n"); break;
		case '\r': err = tip_buf_adds(buf, "\\r"); break;
		case '\t': err = tip_buf_adds(buf, "\\t"); break;
		default:
			if (c < 0x20 || c == 0x7f) {
				err = tip_buf_addf(buf, "\\u%04x", c);
			} else if (c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
				   (unsigned char)s[i + 1] <= 0x9f) {
				/* C1 controls: YAML readers refuse them raw, and U+0085 reads as
				 * a line break, so JSON written here would not load back. */
				err = tip_buf_addf(buf, "\\u%04x", (unsigned char)s[++i]);
			} else {
				err = tip_buf_addc(buf, (char)c);
			}
		}
	}
	return err ? err : tip_buf_addc(buf, '"');
}

/* The error of an input larger than max bytes, in MiB when that is exact. */
static tip_error *too_large(const char *name, size_t max)
{
	const size_t mib = 1024 * 1024;
	if (max % mib == 0)
		return tip_error_limit("'%s' is larger than the limit of %zu MiB (%zu bytes): "
				       "nothing of it was used", name, max / mib, max);
	return tip_error_limit("'%s' is larger than the limit of %zu bytes: nothing of it was used",
		name, max);
}

tip_error *tip_buf_add_stream(tip_buf *buf, FILE *f, const char *name, size_t max)
{
	char chunk[8192];
	size_t n, got = 0;
	tip_error *err = NULL;
	while (!err && got <= max) {
		size_t want = max - got < sizeof(chunk) ? max - got + 1 : sizeof(chunk);
		if ((n = fread(chunk, 1, want, f)) == 0)
			break;
		got += n;
		err = tip_buf_add(buf, chunk, n);
	}
	if (!err && got > max)
		err = too_large(name, max);
	if (!err && ferror(f))
		err = tip_error_io("cannot read '%s'", name);
	return err;
}

const char *tip_buf_str(const tip_buf *buf)
{
	return buf->data ? buf->data : "";
}

void tip_buf_reset(tip_buf *buf)
{
	buf->len = 0;
	if (buf->data)
		buf->data[0] = '\0';
}

void tip_buf_dispose(tip_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		(unsigned char)c >= 0x80;
}

/* The length of the longest of values that stands as a whole word at text + at; 0 if none. */
static size_t hidden_at(const char *text, size_t at, const tip_buf *values)
{
	size_t best = 0;
	for (size_t i = 0; i < values->len; i += strlen(values->data + i) + 1) {
		const char *v = values->data + i;
		size_t len = strlen(v);
		if (len > best && strncmp(text + at, v, len) == 0 &&
		    (at == 0 || !is_word_char(text[at - 1]) || !is_word_char(v[0])) &&
		    (!is_word_char(text[at + len]) || !is_word_char(v[len - 1])))
			best = len;
	}
	return best;
}

tip_error *tip_buf_add_hiding(tip_buf *out, const char *text, const tip_buf *values)
{
	tip_error *err = NULL;
	size_t len = strlen(text), from = 0;
	for (size_t at = 0; !err && at < len; at++) {
		size_t hidden = values->len ? hidden_at(text, at, values) : 0;
		if (!hidden)
			continue;
		err = tip_buf_add(out, text + from, at - from);
		if (!err)
			err = tip_buf_adds(out, "[personal]");
		from = at + hidden;
		at = from - 1;
	}
	return err ? err : tip_buf_add(out, text + from, len - from);
}

tip_error *tip_buf_add_pointer_key(tip_buf *buf, const char *key)
{
	tip_error *err = tip_buf_addc(buf, '/');
	for (; !err && *key; key++)
		err = *key == '~' ? tip_buf_adds(buf, "~0")
			: *key == '/' ? tip_buf_adds(buf, "~1") : tip_buf_addc(buf, *key);
	return err;
}

void tip_buf_truncate(tip_buf *buf, size_t len)
{
	if (buf->data && len <= buf->len) {
		buf->len = len;
		buf->data[len] = '\0';
	}
}
