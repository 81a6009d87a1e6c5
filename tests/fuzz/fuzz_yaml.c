/* Fuzz target: arbitrary bytes into the strict YAML loader. The first byte chooses whether any
 * root is accepted; the loaded tree must keep the promises yaml.h makes about it. */
#include "fuzz.h"

/* Checks one node and everything under it; true when it holds a NaN, which equals nothing,
 * not even itself. */
static bool check_node(const tip_node *node, unsigned depth)
{
	bool nan = false;
	FUZZ_ASSERT(node != NULL);
	FUZZ_ASSERT(depth <= TIP_YAML_MAX_DEPTH + 1);
	FUZZ_ASSERT(node->line >= 1 && node->col >= 1);
	switch (node->type) {
	case TIP_NODE_SEQ:
		for (size_t i = 0; i < node->count; i++)
			nan |= check_node(node->items[i], depth + 1);
		break;
	case TIP_NODE_MAP:
		for (size_t i = 0; i < node->count; i++) {
			const tip_pair *pair = &node->pairs[i];
			FUZZ_ASSERT(pair->key && pair->key->type == TIP_NODE_STR);
			check_node(pair->key, depth + 1);
			nan |= check_node(pair->value, depth + 1);
			/* No duplicate keys, and each key is found by name (when it has no NUL). */
			if (strlen(pair->key->str) == pair->key->len)
				FUZZ_ASSERT(tip_node_get(node, pair->key->str) == pair->value);
		}
		break;
	default:
		FUZZ_ASSERT(node->str != NULL);
		FUZZ_ASSERT(node->str[node->len] == '\0');
		nan = node->type == TIP_NODE_FLOAT && node->number != node->number;
		break;
	}
	FUZZ_ASSERT(nan || tip_node_equal(node, node));
	FUZZ_ASSERT(tip_node_json_type(node) != NULL);
	return nan;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool any_root = data[0] & 1;
	tip_doc *doc;
	tip_diag_list *findings;
	fuzz_load(&doc, &findings, data + 1, size - 1, any_root);
	if (doc) {
		check_node(doc->root, 1);
		FUZZ_ASSERT(any_root || doc->root->type == TIP_NODE_MAP);
	}
	for (size_t i = 0; i < tip_diag_list_count(findings); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		FUZZ_ASSERT(f->keyword && f->message && f->message[0]);
	}
	tip_doc_free(doc);
	tip_diag_list_free(findings);
	return 0;
}
