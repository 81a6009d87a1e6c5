#include "error.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tip_error {
	char *message;
	tip_error_code code;
};

static char nomem_message[] = "out of memory";
static struct tip_error nomem = { nomem_message, TIP_ENOMEM };

tip_error *tip_error_nomem(void)
{
	return &nomem;
}

static tip_error *error_vnew(tip_error_code code, const char *suffix, const char *fmt,
	va_list ap)
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
	err->code = code;
	return err;
}

tip_error *tip_error_new(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = error_vnew(TIP_EFAILED, NULL, fmt, ap);
	va_end(ap);
	return err;
}

tip_error *tip_error_coded(tip_error_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = error_vnew(code, NULL, fmt, ap);
	va_end(ap);
	return err;
}

static tip_error_code errno_code(int e)
{
	return e == ENOENT ? TIP_ENOTFOUND : e == ENOMEM ? TIP_ENOMEM : TIP_EIO;
}

tip_error *tip_error_from_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	tip_error *err = error_vnew(errno_code(saved), strerror(saved), fmt, ap);
	va_end(ap);
	return err;
}

tip_error *tip_error_wrap(tip_error *err, const char *fmt, ...)
{
	if (err == &nomem)
		return err;
	va_list ap;
	va_start(ap, fmt);
	tip_error *outer = error_vnew(err->code, err->message, fmt, ap);
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

tip_error_code tip_error_get_code(const tip_error *err)
{
	return err ? err->code : TIP_OK;
}

bool tip_error_is(const tip_error *err, tip_error_code code)
{
	return tip_error_get_code(err) == code;
}

bool tip_error_catch(tip_error **err, tip_error_code code)
{
	if (!*err || !tip_error_is(*err, code))
		return false;
	tip_error_free(*err);
	*err = NULL;
	return true;
}

void tip_error_free(tip_error *err)
{
	if (!err || err == &nomem)
		return;
	free(err->message);
	free(err);
}
