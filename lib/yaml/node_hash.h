/* Telling equal values apart in linear time: a hash that agrees with tip_node_equal, and the
 * first equal item of each item of a list, for uniqueItems and for comparing lists. */
#ifndef TIP_NODE_HASH_H
#define TIP_NODE_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "yaml.h"

/* Equal values (tip_node_equal: numbers by value, 1 and 1.0 alike; mappings whatever the order
 * of their keys) have equal hashes. */
uint64_t tip_node_hash(const tip_node *node);

/* For each of the count items, first[i] = the smallest j <= i whose item equals item i (i
 * itself when none before it does). Values are compared only when their hashes agree, so the
 * work grows with count, not with count squared; *comparisons (when not NULL) is increased by
 * the number of tip_node_equal calls made. first holds count entries. */
tip_error *tip_node_first_equal(size_t *first, const tip_node *const *items, size_t count,
	size_t *comparisons);

#endif
