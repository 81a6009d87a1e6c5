/* What every record shares: ids, and where a record of a type lives. */
#ifndef TIP_RECORD_H
#define TIP_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum { TIP_ID_MAX = 64 };

/* True when id is a valid record id: ^[a-z0-9]+(-[a-z0-9]+)*$, at most TIP_ID_MAX characters.
 * Otherwise *why (when not NULL) says what is wrong, for a message. */
bool tip_record_id_valid(const char *id, const char **why);

/* True when name ends in ".yaml"; *stem_len is then the length before it. */
bool tip_record_is_yaml_name(const char *name, size_t *stem_len);

#endif
