/* What the readings of a snapshot share (snapshot.c: the working tree, snapshot_rev.c: a
 * commit's tree): a snapshot's entries, and reading named records on every processor.
 * Internal to lib/store/. */
#ifndef TIP_SNAPSHOT_INT_H
#define TIP_SNAPSHOT_INT_H

#include <git2.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "parallel.h"
#include "snapshot.h"
#include "yaml.h"

/* A record, the hash of its whole value as read (0 when it did not load), whether it breaks
 * its schema (when asked) and, for snapshots of commits, its blob (else zero). The record
 * comes first, so a record's address is its entry's. A record named but not yet read has path
 * NULL. */
struct entry {
	tip_snapshot_record record;
	uint64_t hash;
	bool breaks_schema;
	git_oid blob;
};

struct tip_snapshot {
	tip_store *store;
	tip_arena *arena; /* every record's nodes and strings: one arena, not one per record */
	struct entry *entries;
	size_t count, cap;
	const tip_snapshot *like; /* records with the same blob are taken from here, parsed */
	/* Read on every processor: what each worker kept, in an arena of its own */
	tip_arena *kept[TIP_PARALLEL_MAX_WORKERS];
	size_t kept_count;
};

tip_error *tip_snapshot_new(tip_snapshot **out, tip_store *store);

/* Appends a record; path NULL names one still to be read. */
tip_error *tip_snapshot_push(tip_snapshot *s, const tip_type *type, const char *id,
	const char *path, const tip_node *root, const git_oid *blob);

/* Calls add for the types asked for: one by name, or all. */
tip_error *tip_snapshot_each_type(tip_snapshot *s, const char *type_name,
	tip_error *(*add)(tip_snapshot *, const tip_type *, void *), void *ctx);

/* After *out is built: on err frees it, NULL into *out, and returns err; else puts its records
 * in a snapshot's order (type, then id). */
tip_error *tip_snapshot_done(tip_snapshot **out, tip_error *err);

/* Loads the record e names (e->record.path set) from where it is into *doc with opts (its
 * findings go where they say); repo is the calling worker's own (NULL unless asked for). */
typedef tip_error *(*tip_snapshot_load_fn)(tip_doc **doc, const tip_snapshot *s,
	git_repository *repo, const struct entry *e, const tip_yaml_opts *opts);

/* Reads the records of s that are named but not read (path NULL) with load on every processor
 * (or TIP_JOBS), each a worker with its own repository when with_repositories, keeping what
 * keep says; leaves out those keep does not want. findings (may be NULL) get the findings of
 * the files that do not load, in the order of s. */
tip_error *tip_snapshot_read_named(tip_snapshot *s, const tip_snapshot_keep *keep,
	tip_snapshot_load_fn load, bool with_repositories, tip_diag_list *findings);

#endif
