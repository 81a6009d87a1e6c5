/* The settings of a repository, from tip.yaml at its root. */
#ifndef TIP_SETTINGS_H
#define TIP_SETTINGS_H

#include "date.h"
#include "error.h"

/* The kind of quarter a repository reports in: `quarters: financial|calendar` in tip.yaml at
 * root; financial when the file or the setting is absent. A setting with any other value, or a
 * tip.yaml that does not load, is an error naming the file. */
tip_error *tip_period_kind_setting(tip_period_kind *out, const char *root);

/* The programme's name, `name:` in tip.yaml at root (the site's title): *out is NULL when the
 * file or the setting is absent, else a copy the caller frees. A name that is not text, or a
 * tip.yaml that does not load, is an error naming the file. */
tip_error *tip_name_setting(char **out, const char *root);

#endif
