/* Writing text that may come from records: control characters a terminal would act on are
 * written as escapes, so that a record cannot recolour, retitle or rewrite the screen of
 * whoever looks at it. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "controls.h"
#include "utf8.h"

int cmd_write(FILE *out, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t from = 0, i = 0;
	int bad = 0;
	while (i < len) {
		uint32_t cp;
		bool crlf = u[i] == '\r' && i + 1 < len && u[i + 1] == '\n'; /* tip's own CSV */
		size_t n = crlf ? 0 : tip_control_at(text + i, len - i, &cp);
		size_t seq = n || u[i] < 0x80 ? 1 : tip_utf8_length(u + i, len - i);
		if (!n && seq) {
			i += seq;
			continue;
		}
		bad |= fwrite(text + from, 1, i - from, out) != i - from;
		bad |= (n ? fprintf(out, "\\u%04x", (unsigned)cp) : fprintf(out, "\\x%02x", u[i])) < 0;
		i += n ? n : 1;
		from = i;
	}
	bad |= fwrite(text + from, 1, len - from, out) != len - from;
	return bad ? EOF : 0;
}

int cmd_puts(FILE *out, const char *text)
{
	size_t len = 0;
	while (text[len])
		len++;
	return cmd_write(out, text, len);
}

int cmd_vprintf(FILE *out, const char *fmt, va_list ap)
{
	char small[512];
	va_list again;
	va_copy(again, ap);
	int len = vsnprintf(small, sizeof(small), fmt, ap);
	if (len < 0) {
		va_end(again);
		return EOF;
	}
	if ((size_t)len < sizeof(small)) {
		va_end(again);
		return cmd_write(out, small, (size_t)len);
	}
	char *big = malloc((size_t)len + 1);
	int status = big ? 0 : EOF;
	if (big)
		vsnprintf(big, (size_t)len + 1, fmt, again);
	va_end(again);
	if (big)
		status = cmd_write(out, big, (size_t)len);
	free(big);
	return status;
}

int cmd_printf(FILE *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int status = cmd_vprintf(out, fmt, ap);
	va_end(ap);
	return status;
}

/* ---- errors and findings, on stderr and out ---- */

void cmd_verror(const char *fmt, va_list ap)
{
	fputs("tip: ", stderr);
	cmd_vprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cmd_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cmd_verror(fmt, ap);
	va_end(ap);
}

int cmd_fail(tip_error *err)
{
	cmd_error("%s", tip_error_message(err));
	tip_error_free(err);
	return EXIT_TROUBLE;
}

int cmd_print_diag(FILE *out, tip_diag_list *findings, tip_diag_format format)
{
	tip_diag_list_sort(findings);
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_diag_list_render(&text, findings, format);
	if (err) {
		tip_buf_dispose(&text);
		return cmd_fail(err);
	}
	cmd_puts(out, tip_buf_str(&text));
	tip_buf_dispose(&text);
	if (fflush(out) != 0) {
		cmd_error("cannot write the findings");
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

int cmd_wants_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}
