/* The settings of a repository, from tip.yaml at its root. */
#ifndef TIP_SETTINGS_H
#define TIP_SETTINGS_H

#include <stddef.h>

#include "date.h"
#include "error.h"

/* The kind of quarter a repository reports in: `quarters: financial|calendar` in tip.yaml at
 * root; financial when the file or the setting is absent. A setting with any other value, or a
 * tip.yaml that does not load, is an error naming the file. */
tip_error *tip_period_kind_setting(tip_period_kind *out, const char *root);

/* The authority's name, `name:` in tip.yaml at root ("Southampton": what tip compare calls this
 * side, and the site's title begins with):
 * a copy into *out to free, or NULL when the file or the setting is absent. A name that is not
 * text is an error naming tip.yaml's line. */
tip_error *tip_name_setting(char **out, const char *root);
/* The same from tip.yaml's text (as a commit holds it). */
tip_error *tip_name_setting_text(char **out, const char *text, size_t len);

/* One of the other authorities' repositories, from `peers:` in tip.yaml. */
typedef struct tip_peer_setting {
	char *name;   /* an id: lower-case letters, digits, single hyphens ("isle-of-wight") */
	char *url;    /* any git URL, or a path (relative to the repository's root) */
	char *branch; /* the branch to follow; NULL: the peer's HEAD branch */
	unsigned line; /* where the peer is written in tip.yaml */
} tip_peer_setting;

typedef struct tip_peer_settings {
	tip_peer_setting *peers; /* in the order written */
	size_t count;
} tip_peer_settings;

/* The peers of tip.yaml at root (none when the file or the setting is absent), read strictly:
 * a key other than name, url and branch, a name that is no id or is taken twice, a missing
 * or empty url, a url or branch that git would read as an option, is an error naming
 * tip.yaml, the line and column, and what to write instead. */
tip_error *tip_peer_settings_read(tip_peer_settings *out, const char *root);
void tip_peer_settings_dispose(tip_peer_settings *settings);

/* The peer called name, or NULL. */
const tip_peer_setting *tip_peer_setting_named(const tip_peer_settings *settings,
	const char *name);

#endif
