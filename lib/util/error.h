/* Error objects: every lib function that can fail returns one (NULL on success). */
#ifndef TIP_ERROR_H
#define TIP_ERROR_H

typedef struct tip_error tip_error;

/* A new error with a printf-style message. Never returns NULL: when memory runs out it returns
 * a shared "out of memory" error, which tip_error_free leaves alone. */
tip_error *tip_error_new(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like tip_error_new, with ": <strerror(errno)>" appended (errno read at the call). */
tip_error *tip_error_from_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Puts context in front of an existing error's message: "<context>: <message>". Takes
 * ownership of err and returns it (or a replacement). */
tip_error *tip_error_wrap(tip_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The shared out-of-memory error. */
tip_error *tip_error_nomem(void);

const char *tip_error_message(const tip_error *err);
void tip_error_free(tip_error *err);

#endif
