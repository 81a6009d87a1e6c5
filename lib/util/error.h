/* Error objects: every lib function that can fail returns one (NULL on success). Each error
 * has a code, set where it is made, that says what kind of failure it is: a caller that
 * handles one kind (a record that is not there, say) tests the code, never the message. */
#ifndef TIP_ERROR_H
#define TIP_ERROR_H

#include <stdbool.h>

typedef struct tip_error tip_error;

typedef enum tip_error_code {
	TIP_OK = 0,     /* no error: the code of NULL */
	TIP_EFAILED,    /* a failure of no kind below */
	TIP_ENOTFOUND,  /* what was asked for is not there: a record, a type, a field, a commit */
	TIP_EINVALID,   /* a value, record, schema or setting breaks a rule */
	TIP_ECONFLICT,  /* it exists already, or changed or is locked by another hand */
	TIP_EUSAGE,     /* a command line or environment setting tip cannot use */
	TIP_ELIMIT,     /* an input over one of tip's bounds */
	TIP_EIO,        /* the system refused to read or write a file */
	TIP_EGIT,       /* libgit2 refused */
	TIP_ENOMEM      /* out of memory */
} tip_error_code;

/* A new error of code TIP_EFAILED with a printf-style message. Never returns NULL: when
 * memory runs out it returns a shared "out of memory" error, which tip_error_free leaves
 * alone. */
tip_error *tip_error_new(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same with the code given; the short forms below name the code. */
tip_error *tip_error_coded(tip_error_code code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define tip_error_not_found(...) tip_error_coded(TIP_ENOTFOUND, __VA_ARGS__)
#define tip_error_invalid(...) tip_error_coded(TIP_EINVALID, __VA_ARGS__)
#define tip_error_conflict(...) tip_error_coded(TIP_ECONFLICT, __VA_ARGS__)
#define tip_error_usage(...) tip_error_coded(TIP_EUSAGE, __VA_ARGS__)
#define tip_error_limit(...) tip_error_coded(TIP_ELIMIT, __VA_ARGS__)
#define tip_error_io(...) tip_error_coded(TIP_EIO, __VA_ARGS__)
#define tip_error_git(...) tip_error_coded(TIP_EGIT, __VA_ARGS__)

/* Like tip_error_new, with ": <strerror(errno)>" appended (errno read at the call). Its code
 * is TIP_ENOTFOUND when errno is ENOENT, TIP_ENOMEM when ENOMEM, else TIP_EIO. */
tip_error *tip_error_from_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Puts context in front of an existing error's message: "<context>: <message>". Takes
 * ownership of err and returns it (or a replacement); the code stays err's. */
tip_error *tip_error_wrap(tip_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The shared out-of-memory error (code TIP_ENOMEM). */
tip_error *tip_error_nomem(void);

const char *tip_error_message(const tip_error *err);
/* The error's code; TIP_OK for NULL. */
tip_error_code tip_error_get_code(const tip_error *err);
/* True when err is an error of that code. */
bool tip_error_is(const tip_error *err, tip_error_code code);
/* When *err is an error of code, frees it, sets *err to NULL and returns true: for a caller
 * that handles that kind of failure itself. Otherwise leaves *err and returns false. */
bool tip_error_catch(tip_error **err, tip_error_code code);
void tip_error_free(tip_error *err);

#endif
