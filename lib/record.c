#include "record.h"

#include <string.h>

static bool is_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool tip_record_id_valid(const char *id, const char **why)
{
	const char *reason = NULL;
	size_t len = strlen(id);
	if (len == 0)
		reason = "an id cannot be empty";
	else if (len > TIP_ID_MAX)
		reason = "an id has at most 64 characters";
	else if (id[0] == '-' || id[len - 1] == '-')
		reason = "an id cannot start or end with '-'";
	else if (strstr(id, "--"))
		reason = "an id cannot have two '-' in a row";
	for (const char *p = id; !reason && *p; p++)
		if (!is_id_char(*p) && *p != '-')
			reason = "an id has only lower-case letters a-z, digits and '-'";
	if (why)
		*why = reason;
	return reason == NULL;
}

bool tip_record_is_yaml_name(const char *name, size_t *stem_len)
{
	size_t len = strlen(name);
	if (len <= 5 || strcmp(name + len - 5, ".yaml") != 0)
		return false;
	if (stem_len)
		*stem_len = len - 5;
	return true;
}
