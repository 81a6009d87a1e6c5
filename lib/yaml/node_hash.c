#include "node_hash.h"

#include <stdlib.h>
#include <string.h>

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDull;
	h ^= h >> 33;
	h *= 0xC4CEB9FE1A85EC53ull;
	return h ^ (h >> 33);
}

static uint64_t bytes_hash(const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

uint64_t tip_node_hash(const tip_node *n)
{
	uint64_t h = 0;
	switch (n->type) {
	case TIP_NODE_INT:
	case TIP_NODE_FLOAT: {
		/* Equal numbers have equal doubles (an integer is compared with a float as a
		 * double); -0.0 equals 0.0. */
		double d = n->number == 0 ? 0.0 : n->number;
		memcpy(&h, &d, sizeof(h));
		return mix(h ^ 1);
	}
	case TIP_NODE_NULL: return mix(2);
	case TIP_NODE_BOOL: return mix(n->boolean ? 3 : 4);
	case TIP_NODE_STR: return mix(bytes_hash(n->str, n->len) ^ 5);
	case TIP_NODE_SEQ:
		h = 6;
		for (size_t i = 0; i < n->count; i++)
			h = mix(h ^ tip_node_hash(n->items[i]));
		return h;
	case TIP_NODE_MAP:
		h = 7 + n->count;
		for (size_t i = 0; i < n->count; i++) /* a sum: the order of keys does not count */
			h += mix(tip_node_hash(n->pairs[i].key) * 31 + tip_node_hash(n->pairs[i].value));
		return mix(h);
	}
	return 0;
}

tip_error *tip_node_first_equal(size_t *first, const tip_node *const *items, size_t count,
	size_t *comparisons)
{
	size_t cap = 16;
	while (cap < count * 2)
		cap *= 2;
	uint64_t *hashes = malloc((count + 1) * sizeof(*hashes));
	size_t *slots = calloc(cap, sizeof(*slots)); /* 1 + the index of a first occurrence */
	if (!hashes || !slots) {
		free(hashes);
		free(slots);
		return tip_error_nomem();
	}
	size_t compared = 0;
	for (size_t i = 0; i < count; i++) {
		hashes[i] = tip_node_hash(items[i]);
		size_t k = (size_t)hashes[i] & (cap - 1);
		first[i] = i;
		for (; slots[k]; k = (k + 1) & (cap - 1)) {
			size_t j = slots[k] - 1;
			if (hashes[j] != hashes[i])
				continue;
			compared++;
			if (tip_node_equal(items[i], items[j])) {
				first[i] = j;
				break;
			}
		}
		if (!slots[k])
			slots[k] = i + 1;
	}
	if (comparisons)
		*comparisons += compared;
	free(hashes);
	free(slots);
	return NULL;
}
