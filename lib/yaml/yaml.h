/* Strict YAML loading into a small DOM in which every node knows its line and column.
 *
 * Strict means: one document; no anchors, aliases or custom tags; no duplicate keys; keys are
 * strings; no tabs as indentation; valid UTF-8 without NUL bytes; bounded nesting and size.
 * Plain scalars resolve by the YAML 1.2 core schema, so `no`, `on` and `2021-09-01` are text
 * while `true`, `12`, `1.5` and `null` are not; quoted scalars are always text. JSON documents
 * load too (JSON is YAML's flow style). */
#ifndef TIP_YAML_H
#define TIP_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"

enum {
	TIP_YAML_MAX_DEPTH = 64,              /* nested collections */
	TIP_YAML_MAX_BYTES = 4 * 1024 * 1024, /* one file */
};

typedef enum tip_node_type {
	TIP_NODE_NULL,
	TIP_NODE_BOOL,
	TIP_NODE_INT,   /* an integer that fits int64_t (larger ones are TIP_NODE_FLOAT) */
	TIP_NODE_FLOAT, /* any other number, including .inf and .nan */
	TIP_NODE_STR,
	TIP_NODE_SEQ,
	TIP_NODE_MAP,
} tip_node_type;

/* How a scalar was written, kept for the canonical emitter and for messages. */
typedef enum tip_scalar_style {
	TIP_STYLE_PLAIN,
	TIP_STYLE_SINGLE,
	TIP_STYLE_DOUBLE,
	TIP_STYLE_LITERAL,
	TIP_STYLE_FOLDED,
	TIP_STYLE_FLOW,  /* a flow collection: [a, b] or {a: b} */
	TIP_STYLE_BLOCK, /* a block collection */
} tip_scalar_style;

typedef struct tip_node tip_node;

typedef struct tip_pair {
	tip_node *key; /* always TIP_NODE_STR */
	tip_node *value;
} tip_pair;

struct tip_node {
	tip_node_type type;
	tip_scalar_style style;
	unsigned line, col;     /* 1-based position of the node's first character (columns count
	                         * characters, not bytes) */
	/* Scalars: str is the value's text, NUL-terminated, len bytes (a quoted string may hold
	 * NULs of its own through escapes). For non-string scalars it is the text as written. */
	const char *str;
	size_t len;
	bool boolean;      /* TIP_NODE_BOOL */
	int64_t integer;   /* TIP_NODE_INT */
	double number;     /* TIP_NODE_INT and TIP_NODE_FLOAT: the value as a double */
	/* Collections: count items (TIP_NODE_SEQ) or pairs in source order (TIP_NODE_MAP). */
	size_t count;
	tip_node **items;
	tip_pair *pairs;
};

/* A loaded document; it owns every node and string in it. */
typedef struct tip_doc {
	tip_node *root;
	const char *file; /* the name it was loaded under */
	struct tip_arena *arena;
	bool shared_arena; /* the arena was the caller's (tip_yaml_opts.arena): not freed here */
} tip_doc;

typedef struct tip_yaml_opts {
	bool any_root;          /* accept any value as root (default: a mapping is required) */
	size_t max_bytes;       /* 0 = TIP_YAML_MAX_BYTES */
	tip_finding_fn finding; /* where strictness findings go; NULL = dropped */
	void *finding_ctx;
	struct tip_arena *arena; /* allocate the document here (NULL: an arena of its own), so
				  * that thousands of small documents share their memory */
} tip_yaml_opts;

/* Loads a document from len bytes of text. `file` names it in findings and in the doc.
 * On success *out is the document. When the text breaks a rule, every finding that can be made
 * is reported through opts->finding, *out is NULL and the return is still NULL: findings are
 * data. An error is returned only when the work itself fails (out of memory). */
tip_error *tip_yaml_load(tip_doc **out, const char *text, size_t len, const char *file,
	const tip_yaml_opts *opts);

/* Reads the file at path and loads it; file names it in findings (NULL = path). A file that
 * cannot be read is an error; a file over the size bound is a finding. */
tip_error *tip_yaml_load_file(tip_doc **out, const char *path, const char *file,
	const tip_yaml_opts *opts);

/* Like tip_yaml_load_file, with path relative to the open folder dirfd (or AT_FDCWD), which
 * spares the kernel walking the whole path for each of thousands of records. */
tip_error *tip_yaml_load_file_at(tip_doc **out, int dirfd, const char *path, const char *file,
	const tip_yaml_opts *opts);

void tip_doc_free(tip_doc *doc);

/* ---- building and changing documents (for writes); new nodes have line and column 0 ---- */

/* A new document whose root is an empty mapping. */
tip_error *tip_doc_new(tip_doc **out, const char *file);

/* A new node of the given type in doc: a string holds a copy of len bytes of text; a number
 * or boolean is parsed from text by the YAML 1.2 core schema (the caller has checked it). */
tip_node *tip_doc_new_scalar(tip_doc *doc, tip_node_type type, const char *text, size_t len);
tip_node *tip_doc_new_seq(tip_doc *doc);
tip_node *tip_doc_new_map(tip_doc *doc);

/* Sets key in the mapping to value, replacing the old value in place or adding the key last. */
tip_error *tip_doc_map_set(tip_doc *doc, tip_node *map, const char *key, tip_node *value);
/* Removes key from the mapping; false when it was not there. */
bool tip_doc_map_remove(tip_node *map, const char *key);
tip_error *tip_doc_seq_append(tip_doc *doc, tip_node *seq, tip_node *item);
/* Removes every item equal to item; returns how many. */
size_t tip_doc_seq_remove(tip_node *seq, const tip_node *item);

/* The value of key in a mapping, or NULL (also NULL when map is not a mapping). */
const tip_node *tip_node_get(const tip_node *map, const char *key);

/* The node's type as JSON Schema names it: "null", "boolean", "integer", "number", "string",
 * "array" or "object" (an integral float such as 1.0 is "integer"). */
const char *tip_node_json_type(const tip_node *node);

/* JSON Schema equality: numbers compare by value (1 == 1.0), mappings regardless of order. */
bool tip_node_equal(const tip_node *a, const tip_node *b);

#endif
