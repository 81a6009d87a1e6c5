/* Helpers shared by the fuzz targets (libFuzzer). Each target includes this once; the functions
 * are static so that every target stays one translation unit. */
#ifndef TIP_FUZZ_H
#define TIP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "error.h"
#include "yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken invariant: stop here so that libFuzzer saves the input. */
#define FUZZ_ASSERT(cond)                                                                     \
	do {                                                                                  \
		if (!(cond))                                                                  \
			fuzz_broken(__FILE__, __LINE__, #cond);                               \
	} while (0)

__attribute__((noreturn)) static inline void fuzz_broken(const char *file, int line,
	const char *what)
{
	fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
	__builtin_trap();
}

/* Setting up the target itself failed (a shipped schema that does not compile): not a finding
 * of the fuzzer, so say why and stop. */
static inline void fuzz_setup_ok(tip_error *err, const char *what)
{
	if (!err)
		return;
	fprintf(stderr, "fuzz: %s: %s\n", what, tip_error_message(err));
	exit(2);
}

/* A NUL-terminated copy of the input, for the APIs that take C strings; NULs inside end it
 * early, as they would on a command line. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

/* Splits the input at the first NUL byte (the first part is a C string, the rest follows). */
static inline size_t fuzz_split(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	return nul ? (size_t)(nul - data) : size;
}

/* Loads text as YAML, collecting findings into *findings (created here); *doc is NULL when the
 * text breaks a rule. Loading fails only when memory runs out, which libFuzzer reports itself. */
static inline void fuzz_load(tip_doc **doc, tip_diag_list **findings, const uint8_t *data,
	size_t size, bool any_root)
{
	FUZZ_ASSERT(tip_diag_list_new(findings) == NULL);
	tip_yaml_opts opts = { .any_root = any_root, .finding = tip_diag_list_collect,
		.finding_ctx = *findings };
	*doc = NULL;
	tip_error *err = tip_yaml_load(doc, (const char *)data, size, "fuzz.yaml", &opts);
	FUZZ_ASSERT(err == NULL);
	/* A document that does not load says why. */
	FUZZ_ASSERT(*doc || tip_diag_list_count(*findings) > 0);
}

/* The document in the input, any root accepted, or NULL when it does not load. */
static inline tip_doc *fuzz_load_any(const uint8_t *data, size_t size)
{
	tip_doc *doc;
	tip_diag_list *findings;
	fuzz_load(&doc, &findings, data, size, true);
	tip_diag_list_free(findings);
	return doc;
}

/* Counts findings as they come, checking the fields every finding must have. */
static inline void fuzz_count_finding(void *ctx, const tip_finding *f)
{
	FUZZ_ASSERT(f->file && f->path && f->keyword && f->message);
	FUZZ_ASSERT(f->message[0] != '\0');
	(*(size_t *)ctx)++;
}

#endif
