/* Findings: what is wrong with a record or a schema, as data. A finding is not an error: a
 * command that finds problems has still done its job. */
#ifndef TIP_DIAG_H
#define TIP_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef enum tip_severity { TIP_SEVERITY_ERROR, TIP_SEVERITY_WARNING } tip_severity;

typedef struct tip_finding {
	const char *file;     /* path as the user should see it; never NULL */
	unsigned line, col;   /* 1-based; 0 when the finding is about the whole file */
	const char *path;     /* instance location as a JSON Pointer ("" = the document) */
	const char *keyword;  /* schema keyword or rule, e.g. "required", "yaml-alias" */
	const char *message;  /* lower case, no full stop */
	tip_severity severity;
} tip_finding;

/* Receives findings as they are made. The strings live only for the call: copy what you keep. */
typedef void (*tip_finding_fn)(void *ctx, const tip_finding *finding);

/* A list of findings that owns copies of its strings. */
typedef struct tip_diag_list tip_diag_list;

tip_error *tip_diag_list_new(tip_diag_list **out);
void tip_diag_list_free(tip_diag_list *list);

/* A tip_finding_fn that appends to the tip_diag_list passed as ctx. On allocation failure the
 * list remembers it and tip_diag_list_error reports it. */
void tip_diag_list_collect(void *list, const tip_finding *finding);
tip_error *tip_diag_list_error(const tip_diag_list *list);

/* Appends a finding with a printf-style message. */
tip_error *tip_diag_list_addf(tip_diag_list *list, const char *file, unsigned line,
	unsigned col, const char *path, const char *keyword, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

size_t tip_diag_list_count(const tip_diag_list *list);
size_t tip_diag_list_count_severity(const tip_diag_list *list, tip_severity severity);
const tip_finding *tip_diag_list_get(const tip_diag_list *list, size_t i);

/* Sorts by file, line, column, keyword, message; drops exact duplicates. */
void tip_diag_list_sort(tip_diag_list *list);

typedef enum tip_diag_format {
	TIP_DIAG_TEXT,   /* path:line:col: error: message [keyword] */
	TIP_DIAG_JSON,   /* {"format":1,"findings":[...]}: see docs/commands.md "Findings as JSON" */
	TIP_DIAG_GITHUB, /* GitHub Actions workflow commands: ::error file=..,line=..,col=..::msg */
} tip_diag_format;

/* Parses "text", "json" or "github". */
tip_error *tip_diag_format_parse(tip_diag_format *out, const char *name);

/* Appends the whole list to out in the given format. */
tip_error *tip_diag_list_render(tip_buf *out, const tip_diag_list *list, tip_diag_format format);

#endif
