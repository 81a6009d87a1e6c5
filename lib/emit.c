#include "emit.h"

#include <math.h>
#include <string.h>

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static bool is_json_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		s += strspn(s, "0123456789");
	else
		return false;
	if (*s == '.') {
		size_t n = strspn(++s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		size_t n = strspn(s, "0123456789");
		if (!n)
			return false;
		s += n;
	}
	return *s == '\0';
}

static tip_error *emit_number(tip_buf *out, const tip_node *node)
{
	if (is_json_number(node->str))
		return tip_buf_adds(out, node->str);
	if (node->type == TIP_NODE_INT)
		return tip_buf_addf(out, "%lld", (long long)node->integer);
	if (!isfinite(node->number))
		return tip_buf_adds(out, "null");
	return tip_buf_addf(out, "%.17g", node->number);
}

static tip_error *emit_collection(tip_buf *out, const tip_node *node)
{
	bool map = node->type == TIP_NODE_MAP;
	tip_error *err = tip_buf_addc(out, map ? '{' : '[');
	for (size_t i = 0; !err && i < node->count; i++) {
		if (i)
			err = tip_buf_addc(out, ',');
		if (!err && map) {
			const tip_node *key = node->pairs[i].key;
			err = tip_buf_add_json_string(out, key->str, key->len);
			if (!err)
				err = tip_buf_addc(out, ':');
		}
		if (!err)
			err = tip_emit_json(out, map ? node->pairs[i].value : node->items[i]);
	}
	return err ? err : tip_buf_addc(out, map ? '}' : ']');
}

tip_error *tip_emit_json(tip_buf *out, const tip_node *node)
{
	switch (node->type) {
	case TIP_NODE_NULL: return tip_buf_adds(out, "null");
	case TIP_NODE_BOOL: return tip_buf_adds(out, node->boolean ? "true" : "false");
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT: return emit_number(out, node);
	case TIP_NODE_STR: return tip_buf_add_json_string(out, node->str, node->len);
	case TIP_NODE_SEQ:
	case TIP_NODE_MAP: return emit_collection(out, node);
	}
	return tip_error_new("cannot write a node of unknown type %d", (int)node->type);
}
