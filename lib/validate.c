#include "validate.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "record.h"
#include "yaml.h"

enum { MAX_FOLDER_DEPTH = 32 };

struct run {
	tip_store *store;
	tip_diag_list *findings;
	tip_validate_counts *counts;
	const char *root;
	/* Looking for referrers: references to this record count as broken, and only the
	 * findings they cause are kept. */
	const char *hidden_type, *hidden_id;
	bool denied; /* the last reference looked up was to the hidden record */
};

static bool run_ref_exists(void *ctx, const char *type, const char *id)
{
	struct run *r = ctx;
	if (r->hidden_id && strcmp(type, r->hidden_type) == 0 && strcmp(id, r->hidden_id) == 0) {
		r->denied = true;
		return false;
	}
	return tip_store_has_record(r->store, type, id);
}

/* The validator reports a broken reference right after looking it up, so the flag set by
 * run_ref_exists tells which findings come from the hidden record. */
static void run_finding(void *ctx, const tip_finding *f)
{
	struct run *r = ctx;
	if (!r->hidden_id) {
		tip_diag_list_collect(r->findings, f);
	} else if (r->denied && strcmp(f->keyword, "x-tip-ref") == 0) {
		r->denied = false;
		tip_diag_list_collect(r->findings, f);
	}
}

void tip_validate_counts_free(tip_validate_counts *counts)
{
	free(counts->per_type);
	counts->per_type = NULL;
	counts->records = counts->type_count = 0;
}

/* A finding about where a file lies; none while looking for referrers, which only want the
 * references to one record. */
static tip_error *finding(struct run *r, const char *file, const char *keyword,
	const char *message, const char *detail)
{
	if (r->hidden_id)
		return NULL;
	return tip_diag_list_addf(r->findings, file, 0, 0, "", keyword, "%s%s", message, detail);
}

/* Counts are kept when the caller asked for them (not while looking for referrers). */
static void count_record(struct run *r, const tip_type *type)
{
	if (!r->counts)
		return;
	r->counts->records++;
	for (size_t i = 0; i < r->counts->type_count; i++)
		if (tip_store_type_at(r->store, i) == type)
			r->counts->per_type[i]++;
}

/* Where to open a file: a name within an open folder (or AT_FDCWD and a whole path). */
struct place {
	int dirfd;
	const char *name;
};

/* One record: its id (the file name), its YAML, its schema and references. */
static tip_error *check_record(struct run *r, const tip_type *type, const char *rel,
	const char *id, struct place at)
{
	count_record(r, type);
	const char *why;
	tip_error *err = NULL;
	if (!r->hidden_id && !tip_record_id_valid(id, &why))
		err = tip_diag_list_addf(r->findings, rel, 0, 0, "", "id",
			"file name \"%s\" is not a valid record id: %s", id, why);
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { .finding = run_finding, .finding_ctx = r };
	if (!err)
		err = tip_yaml_load_file_at(&doc, at.dirfd, at.name, rel, &opts);
	if (!err && doc && type->schema) {
		tip_validate_opts vopts = { .file = rel, .finding = run_finding, .finding_ctx = r,
			.ref_exists = run_ref_exists, .ref_ctx = r };
		tip_schema_validate(type->schema, doc->root, &vopts);
	}
	tip_doc_free(doc);
	return err ? err : tip_diag_list_error(r->findings);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A file named by its path relative to the root: where it lies decides what it must be. */
static tip_error *check_file(struct run *r, const char *rel, bool named_by_user,
	struct place at)
{
	if (strncmp(rel, "schemas/", 8) == 0)
		return NULL; /* schemas were checked when the types were loaded */
	if (has_suffix(rel, ".yml"))
		return finding(r, rel, "layout", "records use the .yaml extension, not .yml", "");
	if (!has_suffix(rel, ".yaml"))
		return named_by_user ? finding(r, rel, "layout", "not a record: records are ",
					       "records/<collection>/<id>.yaml")
				     : NULL;
	const char *collection = strncmp(rel, "records/", 8) == 0 ? rel + 8 : NULL;
	const char *slash = collection ? strchr(collection, '/') : NULL;
	if (!slash || strchr(slash + 1, '/'))
		return finding(r, rel, "layout", "not where a record lives: records are ",
			"records/<collection>/<id>.yaml");
	char folder[PATH_MAX];
	size_t folder_len = (size_t)(slash - collection);
	if (folder_len >= sizeof(folder))
		folder_len = sizeof(folder) - 1;
	memcpy(folder, collection, folder_len);
	folder[folder_len] = '\0';
	const tip_type *type = tip_store_type_for_collection(r->store, folder);
	if (!type) {
		char detail[PATH_MAX + 64];
		snprintf(detail, sizeof(detail), "%s: add schemas/<type>.schema.yaml for it, or "
			 "move the file", folder);
		return finding(r, rel, "layout", "no schema claims the folder records/", detail);
	}
	char id[PATH_MAX];
	size_t id_len = strlen(slash + 1) - 5;
	if (id_len >= sizeof(id))
		id_len = sizeof(id) - 1;
	memcpy(id, slash + 1, id_len);
	id[id_len] = '\0';
	return check_record(r, type, rel, id, at);
}

/* DT_DIR, DT_REG or something else, from the directory entry when the file system says, so
 * that a folder of thousands of records costs no stat call per file. */
static int entry_kind(DIR *d, const struct dirent *entry)
{
	if (entry->d_type != DT_UNKNOWN && entry->d_type != DT_LNK)
		return entry->d_type;
	struct stat st;
	if (fstatat(dirfd(d), entry->d_name, &st, 0) != 0)
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
}

/* Every file below the folder rel (relative to the root), in any order: findings are sorted
 * later. */
static tip_error *check_folder(struct run *r, const char *rel, int depth)
{
	if (depth > MAX_FOLDER_DEPTH)
		return tip_error_new("folders nested too deep at '%s'", rel);
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s/%s", r->root, rel);
	DIR *d = err ? NULL : opendir(tip_buf_str(&path));
	if (!err && !d)
		err = tip_error_from_errno("cannot read the folder '%s'", rel);
	tip_buf child = TIP_BUF_INIT;
	struct dirent *entry;
	while (!err && (entry = readdir(d))) {
		if (entry->d_name[0] == '.')
			continue;
		tip_buf_reset(&child);
		err = tip_buf_add_path(&child, rel, entry->d_name);
		int kind = err ? DT_UNKNOWN : entry_kind(d, entry);
		struct place at = { dirfd(d), entry->d_name };
		if (kind == DT_DIR)
			err = check_folder(r, tip_buf_str(&child), depth + 1);
		else if (kind == DT_REG)
			err = check_file(r, tip_buf_str(&child), false, at);
	}
	if (d)
		closedir(d);
	tip_buf_free(&child);
	tip_buf_free(&path);
	return err;
}

static tip_error *check_path(struct run *r, const char *path)
{
	char *rel = NULL;
	tip_error *err = tip_store_relative_path(&rel, r->store, path);
	if (err)
		return err;
	tip_buf full = TIP_BUF_INIT;
	struct stat st;
	err = tip_buf_addf(&full, "%s/%s", r->root, rel);
	if (!err && stat(tip_buf_str(&full), &st) != 0)
		err = tip_error_from_errno("cannot open '%s'", path);
	if (!err && S_ISDIR(st.st_mode) && strcmp(rel, ".") == 0)
		err = check_folder(r, "records", 0);
	else if (!err && S_ISDIR(st.st_mode))
		err = check_folder(r, rel, 0);
	else if (!err)
		err = check_file(r, rel, true, (struct place){ AT_FDCWD, tip_buf_str(&full) });
	tip_buf_free(&full);
	free(rel);
	return err;
}

static bool records_folder_exists(const struct run *r)
{
	tip_buf path = TIP_BUF_INIT;
	struct stat st;
	bool exists = !tip_buf_addf(&path, "%s/records", r->root) &&
		stat(tip_buf_str(&path), &st) == 0 && S_ISDIR(st.st_mode);
	tip_buf_free(&path);
	return exists;
}

tip_error *tip_validate_repository(tip_store *store, const char *const *paths, size_t count,
	tip_diag_list *findings, tip_validate_counts *counts)
{
	tip_error *err = NULL;
	if (tip_store_type_count(store) == 0)
		err = tip_store_load_types(store, findings);
	if (!err)
		err = tip_store_list_records(store);
	if (err)
		return err;
	struct run r = { store, findings, counts, tip_store_root(store), NULL, NULL, false };
	counts->records = 0;
	counts->type_count = tip_store_type_count(store);
	counts->per_type = calloc(counts->type_count + 1, sizeof(*counts->per_type));
	if (!counts->per_type)
		return tip_error_nomem();
	if (count == 0)
		return records_folder_exists(&r) ? check_folder(&r, "records", 0) : NULL;
	for (size_t i = 0; !err && i < count; i++)
		err = check_path(&r, paths[i]);
	return err;
}

tip_error *tip_validate_referrers(tip_store *store, const char *type, const char *id,
	tip_diag_list *findings)
{
	struct run r = { store, findings, NULL, tip_store_root(store), type, id, false };
	tip_error *err = tip_store_list_records(store);
	if (!err && records_folder_exists(&r))
		err = check_folder(&r, "records", 0);
	return err;
}

tip_error *tip_validate_with_schema(const char *schema_path, const char *const *files,
	size_t count, tip_diag_list *findings)
{
	tip_schema *schema = NULL;
	tip_error *err = tip_schema_compile_file(&schema, schema_path);
	if (err)
		return err;
	tip_yaml_opts opts = { .any_root = true, .finding = tip_diag_list_collect,
		.finding_ctx = findings };
	for (size_t i = 0; !err && i < count; i++) {
		tip_doc *doc = NULL;
		err = tip_yaml_load_file(&doc, files[i], files[i], &opts);
		if (!err && doc) {
			tip_validate_opts vopts = { .file = files[i],
				.finding = tip_diag_list_collect, .finding_ctx = findings };
			tip_schema_validate(schema, doc->root, &vopts);
		}
		tip_doc_free(doc);
		if (!err)
			err = tip_diag_list_error(findings);
	}
	tip_schema_free(schema);
	return err;
}
