#include "validate.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "changes.h"
#include "controls.h"
#include "glossary.h"
#include "parallel.h"
#include "record.h"
#include "yaml.h"

/* Folders kept open while their records are checked, so that each record is opened by its name
 * in its folder rather than by its whole path; deeper trees use the whole path. */
enum { MAX_FOLDER_DEPTH = 32, MAX_OPEN_FOLDERS = 64 };

/* A record file to check, found while walking the folders. */
struct job {
	const tip_type *type;
	const char *rel;  /* relative to the root: records/<collection>/<id>.yaml */
	const char *name; /* what to open in dirfd: the file name, or a whole path */
	int dirfd;
	unsigned id_len;  /* the id is the start of rel's last component */
};

/* A validation: walking the folders is done by one thread and gives the layout findings and
 * the jobs; the jobs are then checked by workers (struct checker), one a processor. */
struct run {
	tip_store *store;
	tip_diag_list *findings;
	tip_validate_counts *counts;
	const char *root;
	/* Looking for referrers: references to this record count as broken, and only the
	 * findings they cause are kept. */
	const char *hidden_type, *hidden_id;
	/* --changed-since: only the findings of records in scope are kept, those of a changed
	 * file or of a type whose schema changed, or that refer to a changed record. NULL:
	 * every finding. */
	const tip_changes *changes;
	bool all_in_scope; /* a schema file that is no type's changed (shared $defs, or a type
			    * that is gone): what it meant is not known, so everything counts */
	tip_arena *arena;  /* the jobs' paths */
	const tip_type *definitions; /* the glossary's type, when there is one */
	tip_glossary *glossary;      /* the links between definitions, gathered by the workers */
	struct job *jobs;
	size_t job_count, job_cap;
	DIR *open_folders[MAX_OPEN_FOLDERS];
	size_t open_count;
};

/* What one worker gathers while checking records; merged into the run at the end, so no
 * worker waits on another. */
struct checker {
	const struct run *run;
	tip_diag_list *findings;
	bool denied;         /* the last reference looked up was to the hidden record */
	bool in_scope;       /* --changed-since: the record being checked is */
	tip_diag_list *held; /* its findings, until it is known whether it is */
	size_t records, in_scope_count;
	size_t *per_type;    /* records checked per type, in the store's type order */
	tip_glossary *glossary; /* the links of the definitions it checked */
};

/* True when the record type/id is one of the changed files (added, changed or removed). */
static bool is_changed_record(const struct run *r, const char *type_name, const char *id)
{
	const tip_type *type = tip_store_type_named(r->store, type_name);
	char path[512];
	return type && (size_t)snprintf(path, sizeof(path), "records/%s/%s.yaml", type->collection,
			       id) < sizeof(path) && tip_changes_has_file(r->changes, path);
}

static bool checker_ref_exists(void *ctx, const char *type, const char *id)
{
	struct checker *c = ctx;
	const struct run *r = c->run;
	if (r->hidden_id && strcmp(type, r->hidden_type) == 0 && strcmp(id, r->hidden_id) == 0) {
		c->denied = true;
		return false;
	}
	if (r->changes && !c->in_scope)
		c->in_scope = is_changed_record(r, type, id);
	return tip_store_has_record(r->store, type, id);
}

/* The ids close to a broken reference, from the lists made before the workers started; none
 * while looking for referrers, whose findings are only the references to one record. */
static void checker_ref_ids(void *ctx, const char *type, const char *const **ids,
	size_t *count)
{
	struct checker *c = ctx;
	*ids = NULL;
	*count = 0;
	if (!c->run->hidden_id)
		tip_store_record_ids(c->run->store, type, ids, count);
}

/* The validator reports a broken reference right after looking it up, so the flag set by
 * checker_ref_exists tells which findings come from the hidden record. */
static void checker_finding(void *ctx, const tip_finding *f)
{
	struct checker *c = ctx;
	const struct run *r = c->run;
	if (r->changes) {
		tip_diag_list_collect(c->held, f);
	} else if (!r->hidden_id) {
		tip_diag_list_collect(c->findings, f);
	} else if (c->denied && strcmp(f->keyword, "x-tip-ref") == 0) {
		c->denied = false;
		tip_diag_list_collect(c->findings, f);
	}
}

void tip_validate_counts_dispose(tip_validate_counts *counts)
{
	free(counts->per_type);
	counts->per_type = NULL;
	counts->records = counts->type_count = counts->in_scope = 0;
}

/* A finding about where a file lies; none while looking for referrers, which only want the
 * references to one record, nor for a file that did not change since --changed-since. */
static tip_error *finding(struct run *r, const char *file, const char *keyword,
	const char *message, const char *detail)
{
	if (r->hidden_id || (r->changes && !r->all_in_scope &&
			     !tip_changes_has_file(r->changes, file)))
		return NULL;
	return tip_diag_list_addf(r->findings, file, 0, 0, "", keyword, "%s%s", message, detail);
}

static void count_record(struct checker *c, const tip_type *type)
{
	c->records++;
	size_t n = tip_store_type_count(c->run->store);
	for (size_t i = 0; i < n; i++)
		if (tip_store_type_at(c->run->store, i) == type)
			c->per_type[i]++;
}

/* With --changed-since: whether the record's findings are kept is known once it has been
 * checked (a reference to a changed record puts it in scope); until then they are held. */
static void begin_scope(struct checker *c, const tip_type *type, const char *rel)
{
	const struct run *r = c->run;
	c->in_scope = r->all_in_scope || tip_changes_has_file(r->changes, rel) ||
		      tip_changes_has_file(r->changes, type->schema_file);
}

/* Keeps the record's held findings when it is in scope, and drops them otherwise. */
static tip_error *end_scope(struct checker *c)
{
	tip_error *err = tip_diag_list_error(c->held);
	size_t held = tip_diag_list_count(c->held);
	for (size_t i = 0; !err && c->in_scope && i < held; i++)
		tip_diag_list_collect(c->findings, tip_diag_list_get(c->held, i));
	if (c->in_scope)
		c->in_scope_count++;
	if (!err && held) {
		tip_diag_list_free(c->held);
		c->held = NULL;
		err = tip_diag_list_new(&c->held);
	}
	return err;
}

/* One record: its id (the file name), its YAML, its schema and references. */
static tip_error *check_record(void *context, size_t item)
{
	struct checker *c = context;
	const struct run *r = c->run;
	const struct job *job = &r->jobs[item];
	const char *last = strrchr(job->rel, '/');
	char id[PATH_MAX];
	snprintf(id, sizeof(id), "%.*s", (int)job->id_len, last ? last + 1 : job->rel);
	count_record(c, job->type);
	if (r->changes)
		begin_scope(c, job->type, job->rel);
	const char *why;
	tip_error *err = NULL;
	if (!r->hidden_id && !tip_record_id_valid(id, &why))
		err = tip_diag_list_addf(r->changes ? c->held : c->findings, job->rel, 0, 0, "",
			"id", "file name \"%s\" is not a valid record id: %s", id, why);
	tip_doc *doc = NULL;
	tip_yaml_opts opts = { .finding = checker_finding, .finding_ctx = c };
	if (!err)
		err = tip_yaml_load_file_at(&doc, job->dirfd, job->name, job->rel, &opts);
	if (!err && doc && job->type->schema) {
		tip_validate_opts vopts = { .file = job->rel, .finding = checker_finding,
			.finding_ctx = c, .ref_exists = checker_ref_exists,
			.ref_ids = checker_ref_ids, .ref_ctx = c };
		tip_schema_validate(job->type->schema, doc->root, &vopts);
	}
	if (!err && doc)
		tip_controls_check(doc->root, job->rel, checker_finding, c);
	if (!err && doc && c->glossary && job->type == r->definitions)
		err = tip_glossary_add(c->glossary, id, doc->root, true);
	tip_doc_free(doc);
	if (!err && r->changes)
		err = end_scope(c);
	return err ? err : tip_diag_list_error(c->findings);
}

/* Where to open a file: a name within an open folder (or AT_FDCWD and a whole path). */
struct place {
	int dirfd;
	const char *name;
};

/* A record file to check later, by a worker. */
static tip_error *add_job(struct run *r, const tip_type *type, const char *rel, size_t id_len,
	struct place at)
{
	if (r->job_count == r->job_cap) {
		size_t cap = r->job_cap ? r->job_cap * 2 : 256;
		struct job *jobs = realloc(r->jobs, cap * sizeof(*jobs));
		if (!jobs)
			return tip_error_nomem();
		r->jobs = jobs;
		r->job_cap = cap;
	}
	const char *rel_copy = tip_arena_strdup(r->arena, rel);
	/* A name in a folder is the end of rel; a whole path is kept as it is. */
	const char *name = !rel_copy ? NULL
		: at.dirfd == AT_FDCWD ? tip_arena_strdup(r->arena, at.name)
				       : rel_copy + strlen(rel_copy) - strlen(at.name);
	if (!name)
		return tip_error_nomem();
	r->jobs[r->job_count++] = (struct job){ type, rel_copy, name, at.dirfd,
		(unsigned)id_len };
	return NULL;
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
	return add_job(r, type, rel, strlen(slash + 1) - strlen(".yaml"), at);
}

/* DT_DIR, DT_REG, DT_LNK or something else, from the directory entry when the file system
 * says, so that a folder of thousands of records costs no stat call per file. Links are not
 * followed. */
static int entry_kind(DIR *d, const struct dirent *entry)
{
	if (entry->d_type != DT_UNKNOWN)
		return entry->d_type;
	struct stat st;
	if (fstatat(dirfd(d), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return DT_UNKNOWN;
	return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
		: S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
}

/* records/<collection>/<name>.yaml that is a folder: where a record file would be. */
static bool is_record_place(const char *rel)
{
	const char *collection = strncmp(rel, "records/", 8) == 0 ? rel + 8 : NULL;
	const char *slash = collection ? strchr(collection, '/') : NULL;
	return slash && slash > collection && !strchr(slash + 1, '/') && has_suffix(rel, ".yaml");
}

/* A folder's entry that is no file to check: a link is refused (as by every command), a
 * folder where a record file would be is a finding, another folder is walked. */
static tip_error *check_folder(struct run *r, const char *rel, int depth);

static tip_error *check_entry(struct run *r, const char *rel, int kind, int depth)
{
	if (kind == DT_LNK)
		return tip_store_check_path(r->store, rel, has_suffix(rel, ".yaml"));
	if (kind == DT_DIR && is_record_place(rel))
		return finding(r, rel, "layout", "a folder, not a record file: records are files ",
			"records/<collection>/<id>.yaml; move what it holds and remove the folder");
	return kind == DT_DIR ? check_folder(r, rel, depth + 1) : NULL;
}

/* True for ".<name>.tip-<pid>-<n>": the temporary file a tip write makes beside a record
 * before renaming it into place (lib/workfile.c), left behind when the write was stopped. */
static bool is_leftover_name(const char *name)
{
	const char *tip = strstr(name, ".tip-");
	if (name[0] != '.' || !tip || tip == name)
		return false;
	const char *p = tip + 5;
	size_t pid = strspn(p, "0123456789");
	if (!pid || p[pid] != '-')
		return false;
	p += pid + 1;
	size_t n = strspn(p, "0123456789");
	return n && !p[n];
}

/* A warning naming a leftover temporary file: it is not a record, and it is safe to remove
 * once no tip command is running. */
static tip_error *check_leftover(struct run *r, const char *rel, const char *name)
{
	if (!is_leftover_name(name) || r->hidden_id)
		return NULL;
	tip_buf file = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&file, rel, name);
	tip_finding f = { .file = tip_buf_str(&file), .path = "", .keyword = "leftover",
		.message = "a temporary file left by a tip write that was stopped: when no tip "
			   "command is running, remove it",
		.severity = TIP_SEVERITY_WARNING };
	if (!err)
		tip_diag_list_collect(r->findings, &f);
	tip_buf_dispose(&file);
	return err ? err : tip_diag_list_error(r->findings);
}

/* Keeps the folder open for its records' jobs when few enough are; true when it was kept. */
static bool keep_open(struct run *r, DIR *d)
{
	if (r->open_count == MAX_OPEN_FOLDERS)
		return false;
	r->open_folders[r->open_count++] = d;
	return true;
}

/* Every file below the folder rel (relative to the root), in any order: findings are sorted
 * later. */
static tip_error *check_folder(struct run *r, const char *rel, int depth)
{
	if (depth > MAX_FOLDER_DEPTH)
		return tip_error_limit("folders nested too deep at '%s'", rel);
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s/%s", r->root, rel);
	DIR *d = err ? NULL : opendir(tip_buf_str(&path));
	if (!err && !d)
		err = tip_error_from_errno("cannot read the folder '%s'", rel);
	bool kept = d && keep_open(r, d);
	tip_buf child = TIP_BUF_INIT, whole = TIP_BUF_INIT;
	struct dirent *entry;
	while (!err && (entry = readdir(d))) {
		if (entry->d_name[0] == '.') {
			err = check_leftover(r, rel, entry->d_name);
			continue;
		}
		tip_buf_reset(&child);
		err = tip_buf_add_path(&child, rel, entry->d_name);
		int kind = err ? DT_UNKNOWN : entry_kind(d, entry);
		if (!err && kind == DT_REG && !kept) {
			tip_buf_reset(&whole);
			err = tip_buf_add_path(&whole, r->root, tip_buf_str(&child));
		}
		struct place at = kept ? (struct place){ dirfd(d), entry->d_name }
				       : (struct place){ AT_FDCWD, tip_buf_str(&whole) };
		if (err)
			break;
		if (kind == DT_REG)
			err = check_file(r, tip_buf_str(&child), false, at);
		else
			err = check_entry(r, tip_buf_str(&child), kind, depth);
	}
	if (d && !kept)
		closedir(d);
	tip_buf_dispose(&whole);
	tip_buf_dispose(&child);
	tip_buf_dispose(&path);
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
	tip_buf_dispose(&full);
	free(rel);
	return err;
}

static bool records_folder_exists(const struct run *r)
{
	tip_buf path = TIP_BUF_INIT;
	struct stat st;
	bool exists = !tip_buf_addf(&path, "%s/records", r->root) &&
		stat(tip_buf_str(&path), &st) == 0 && S_ISDIR(st.st_mode);
	tip_buf_dispose(&path);
	return exists;
}

/* True when a schema file that is no record type's changed. */
static bool shared_schema_changed(const struct run *r)
{
	for (size_t i = 0; i < tip_changes_file_count(r->changes); i++) {
		const char *path = tip_changes_file_at(r->changes, i);
		if (strncmp(path, "schemas/", 8) != 0 || !has_suffix(path, ".schema.yaml"))
			continue;
		bool is_type = false;
		for (size_t t = 0; !is_type && t < tip_store_type_count(r->store); t++)
			is_type = strcmp(tip_store_type_at(r->store, t)->schema_file, path) == 0;
		if (!is_type)
			return true;
	}
	return false;
}

/* ---- the workers ---- */

static tip_error *checker_init(struct checker *c, const struct run *r)
{
	*c = (struct checker){ .run = r };
	c->per_type = calloc(tip_store_type_count(r->store) + 1, sizeof(*c->per_type));
	tip_error *err = c->per_type ? tip_diag_list_new(&c->findings) : tip_error_nomem();
	if (!err && r->changes)
		err = tip_diag_list_new(&c->held);
	if (!err && r->glossary)
		err = tip_glossary_new(&c->glossary, "");
	return err;
}

static void checker_dispose(struct checker *c)
{
	tip_diag_list_free(c->findings);
	tip_diag_list_free(c->held);
	tip_glossary_free(c->glossary);
	free(c->per_type);
}

/* Adds what a worker gathered to the run's findings and counts. */
static tip_error *merge(struct run *r, const struct checker *c)
{
	if (c->glossary) {
		tip_error *err = tip_glossary_merge(r->glossary, c->glossary);
		if (err)
			return err;
	}
	size_t n = tip_diag_list_count(c->findings);
	for (size_t i = 0; i < n; i++)
		tip_diag_list_collect(r->findings, tip_diag_list_get(c->findings, i));
	if (r->counts) {
		r->counts->records += c->records;
		r->counts->in_scope += c->in_scope_count;
		for (size_t i = 0; i < r->counts->type_count; i++)
			r->counts->per_type[i] += c->per_type[i];
	}
	return tip_diag_list_error(r->findings);
}

/* Checks every job, on as many threads as there are processors (or TIP_JOBS). Each worker
 * keeps its own findings; merged, then sorted by the caller, they are the same whatever the
 * number of workers. */
static tip_error *check_jobs(struct run *r)
{
	size_t workers;
	tip_error *err = tip_parallel_workers(&workers, r->job_count);
	if (err)
		return err;
	struct checker checkers[TIP_PARALLEL_MAX_WORKERS];
	void *contexts[TIP_PARALLEL_MAX_WORKERS];
	size_t ready = 0;
	for (; !err && ready < workers; ready++) {
		contexts[ready] = &checkers[ready];
		err = checker_init(&checkers[ready], r);
	}
	if (!err)
		err = tip_parallel_for(r->job_count, workers, contexts, check_record);
	for (size_t i = 0; i < ready; i++) {
		if (!err)
			err = merge(r, &checkers[i]);
		checker_dispose(&checkers[i]);
	}
	return err;
}

/* ---- a run ---- */

static tip_error *run_init(struct run *r, tip_store *store, tip_diag_list *findings,
	tip_validate_counts *counts)
{
	*r = (struct run){ .store = store, .findings = findings, .counts = counts,
		.root = tip_store_root(store), .arena = tip_arena_new() };
	if (!r->arena)
		return tip_error_nomem();
	if (!counts)
		return NULL;
	*counts = (tip_validate_counts){ .type_count = tip_store_type_count(store) };
	counts->per_type = calloc(counts->type_count + 1, sizeof(*counts->per_type));
	return counts->per_type ? NULL : tip_error_nomem();
}

static void run_dispose(struct run *r)
{
	for (size_t i = 0; i < r->open_count; i++)
		closedir(r->open_folders[i]);
	free(r->jobs);
	tip_glossary_free(r->glossary);
	tip_arena_free(r->arena);
}

/* ---- the glossary ---- */

static int compare_ids(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The ids of the definitions among the jobs, sorted: *out is freed by the caller. */
static tip_error *checked_definitions(const char ***out, size_t *n, struct run *r)
{
	*n = 0;
	*out = malloc((r->job_count + 1) * sizeof(**out));
	if (!*out)
		return tip_error_nomem();
	for (size_t i = 0; i < r->job_count; i++) {
		const struct job *job = &r->jobs[i];
		const char *last = strrchr(job->rel, '/');
		const char *id = job->type != r->definitions ? NULL
			: tip_arena_strndup(r->arena, last ? last + 1 : job->rel, job->id_len);
		if (job->type == r->definitions && !id)
			return tip_error_nomem();
		if (id)
			(*out)[(*n)++] = id;
	}
	qsort(*out, *n, sizeof(**out), compare_ids);
	return NULL;
}

/* With PATHs, the definitions not among them are read for their links too: a circle closes
 * through them. Files that do not load are left out (they are not being checked). */
static tip_error *add_other_definitions(struct run *r)
{
	const char **checked;
	size_t n;
	tip_error *err = checked_definitions(&checked, &n, r);
	tip_buf folder = TIP_BUF_INIT, file = TIP_BUF_INIT;
	if (!err)
		err = tip_buf_addf(&folder, "%s/records/%s", r->root, r->definitions->collection);
	DIR *d = err ? NULL : opendir(tip_buf_str(&folder));
	for (struct dirent *e; d && !err && (e = readdir(d));) {
		size_t stem;
		if (!tip_record_is_yaml_name(e->d_name, &stem))
			continue;
		char *id = tip_arena_strndup(r->arena, e->d_name, stem);
		if (!id) {
			err = tip_error_nomem();
			break;
		}
		if (bsearch(&id, checked, n, sizeof(*checked), compare_ids))
			continue;
		tip_buf_reset(&file);
		tip_doc *doc = NULL;
		err = tip_buf_add_path(&file, tip_buf_str(&folder), e->d_name);
		tip_error *unread = err ? NULL
			: tip_yaml_load_file(&doc, tip_buf_str(&file), e->d_name, NULL);
		tip_error_free(unread); /* not being checked: what cannot be read is left out */
		if (!err && doc)
			err = tip_glossary_add(r->glossary, id, doc->root, false);
		tip_doc_free(doc);
	}
	if (d)
		closedir(d);
	tip_buf_dispose(&folder);
	tip_buf_dispose(&file);
	free(checked);
	return err;
}

/* --changed-since: a finding about the glossary counts when a definition it involves
 * changed, or the definitions' schema. */
static bool glossary_in_scope(void *ctx, const char *const *ids, size_t count)
{
	const struct run *r = ctx;
	if (!r->changes || r->all_in_scope ||
		tip_changes_has_file(r->changes, r->definitions->schema_file))
		return true;
	for (size_t i = 0; i < count; i++)
		if (is_changed_record(r, r->definitions->name, ids[i]))
			return true;
	return false;
}

static tip_error *check_glossary(struct run *r, bool paths_given)
{
	tip_error *err = paths_given ? add_other_definitions(r) : NULL;
	return err ? err : tip_glossary_check(r->glossary, r->findings, glossary_in_scope, r);
}

/* Walks the paths (every record when count is 0), then checks the records found, and the
 * links between definitions. */
static tip_error *validate(struct run *r, const char *const *paths, size_t count)
{
	tip_error *err = NULL;
	r->definitions = r->hidden_id ? NULL : tip_store_type_named(r->store, "definition");
	if (r->definitions) {
		tip_buf folder = TIP_BUF_INIT;
		err = tip_buf_addf(&folder, "records/%s", r->definitions->collection);
		if (!err)
			err = tip_glossary_new(&r->glossary, tip_buf_str(&folder));
		tip_buf_dispose(&folder);
	}
	if (!err && count == 0 && records_folder_exists(r))
		err = check_folder(r, "records", 0);
	for (size_t i = 0; !err && i < count; i++)
		err = check_path(r, paths[i]);
	if (!err)
		err = check_jobs(r);
	return err || !r->glossary ? err : check_glossary(r, count > 0);
}

/* The store's types and the ids of their records, for a run over them. */
static tip_error *prepare(tip_store *store, tip_diag_list *findings)
{
	tip_error *err = NULL;
	if (tip_store_type_count(store) == 0)
		err = tip_store_load_types(store, findings);
	return err ? err : tip_store_list_records(store);
}

tip_error *tip_validate_repository(tip_store *store, const char *const *paths, size_t count,
	tip_diag_list *findings, tip_validate_counts *counts)
{
	struct run r;
	tip_error *err = prepare(store, findings);
	if (!err && !(err = run_init(&r, store, findings, counts))) {
		err = validate(&r, paths, count);
		run_dispose(&r);
	}
	return err;
}

tip_error *tip_validate_changed_since(tip_store *store, const char *rev,
	const char *const *paths, size_t count, tip_diag_list *findings,
	tip_validate_counts *counts)
{
	tip_changes *changes = NULL;
	struct run r;
	tip_error *err = prepare(store, findings);
	if (!err)
		err = tip_changes_files(&changes, store, rev, NULL);
	if (!err && !(err = run_init(&r, store, findings, counts))) {
		r.changes = changes;
		r.all_in_scope = shared_schema_changed(&r);
		err = validate(&r, paths, count);
		run_dispose(&r);
	}
	tip_changes_free(changes);
	return err;
}

tip_error *tip_validate_referrers(tip_store *store, const char *type, const char *id,
	tip_diag_list *findings)
{
	struct run r;
	tip_error *err = tip_store_list_records(store);
	if (!err && !(err = run_init(&r, store, findings, NULL))) {
		r.hidden_type = type;
		r.hidden_id = id;
		err = validate(&r, NULL, 0);
		run_dispose(&r);
	}
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
