#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tip_error {
	char *message;
};

static char nomem_message[] = "out of memory";
static struct tip_error nomem = { nomem_message };

tip_error *tip_error_nomem(void)
{
	return &nomem;
}

static tip_error *error_vnew(const char *suffix, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, ap);
	size_t extra = suffix ? strlen(suffix) + 2 : 0;
	tip_error *err = malloc(sizeof(*err));
	char *message = n < 0 ? NULL : malloc((size_t)n + extra + 1);
	if (!err || !message) {
		va_end(copy);
		free(err);
		free(message);
		return &nomem;
	}
	vsnprintf(message, (size_t)n + 1, fmt, copy);
	va_end(copy);
	if (suffix) {
		memcpy(message + n, ": ", 2);
		strcpy(message + n + 2, suffix);
	}
	err->message = message;
	return err;
}

tip_error *tip_error_new(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = error_vnew(NULL, fmt, ap);
	va_end(ap);
	return err;
}

tip_error *tip_error_from_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = error_vnew(strerror(saved), fmt, ap);
	va_end(ap);
	return err;
}

tip_error *tip_error_wrap(tip_error *err, const char *fmt, ...)
{
	if (err == &nomem)
		return err;
	va_list ap;
	va_start(ap, fmt);
	tip_error *outer = error_vnew(err->message, fmt, ap);
	va_end(ap);
	if (outer == &nomem)
		return err; /* keep the inner message rather than lose it */
	tip_error_free(err);
	return outer;
}

const char *tip_error_message(const tip_error *err)
{
	return err ? err->message : "no error";
}

void tip_error_free(tip_error *err)
{
	if (!err || err == &nomem)
		return;
	free(err->message);
	free(err);
}
