/* tip site: the programme's public website, static HTML pages written from the records at a
 * commit. Every page is readable by everyone (WCAG 2.2 AA) and none holds a personal field. */
#ifndef TIP_SITE_H
#define TIP_SITE_H

#include <stddef.h>

#include "error.h"
#include "store.h"

/* The file that marks a folder as a site tip wrote: tip site replaces no other folder. */
#define TIP_SITE_MARK ".tip-site"

/* The site's name when tip.yaml gives none. */
#define TIP_SITE_DEFAULT_NAME "Trauma Informed Practice programme"

typedef struct tip_site_opts {
	const char *output;   /* the folder to write; NULL = "site" */
	const char *base_url; /* where the site will be published (absolute), or NULL */
	const char *rev;      /* the commit whose records are written; NULL = "HEAD" */
} tip_site_opts;

typedef struct tip_site_result {
	char commit[41]; /* the commit the site was built from */
	size_t pages;    /* HTML pages written */
} tip_site_result;

/* Writes the site into opts->output: first into a new folder beside it, then swapped into
 * place, so that a failure leaves the old site as it was. Refuses when the records at the
 * commit do not all load and validate (naming the first problem), and when output exists and
 * is neither empty nor a site tip wrote. */
tip_error *tip_site_write(tip_site_result *out, tip_store *store, const tip_site_opts *opts);

#endif
