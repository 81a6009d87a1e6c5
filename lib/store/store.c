#include "store.h"

#include <dirent.h>
#include <fcntl.h>
#include <git2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "ascii.h"
#include "buf.h"
#include "git_int.h"
#include "suggest.h"
#include "workfile.h"
#include "yaml.h"

static const char schema_suffix[] = ".schema.yaml";

/* A hash set of one type's ids: reference checks ask it once per reference, so it must not
 * cost a string comparison per probe of a binary search. */
struct id_set {
	uint32_t *slots; /* index + 1 into the type's ids; 0 = empty */
	size_t mask;
};

struct tip_store {
	git_repository *repo;
	char *root;        /* NULL in a bare repository */
	char *schema_root; /* the folder holding schemas/: root, or HEAD's copy when bare */
	bool copied_schemas;
	tip_arena *arena; /* names, ids and paths */
	tip_type *types;
	struct id_set *id_sets; /* one per type */
	tip_doc **schema_docs;  /* the documents compiled schemas point into */
	size_t type_count;
};

/* ---- the names of records ---- */

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
		if (!tip_is_lower(*p) && !tip_is_digit(*p) && *p != '-')
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

static tip_error *libgit2_error(const char *what)
{
	return tip_git_error("%s", what);
}

static const char *env_set(const char *name)
{
	const char *value = getenv(name);
	return value && *value ? value : NULL;
}

static bool has_config(git_repository *repo, const char *key)
{
	git_config *config = NULL;
	git_config_entry *entry = NULL;
	bool found = git_repository_config_snapshot(&config, repo) == 0 &&
		     git_config_get_entry(&entry, config, key) == 0;
	git_config_entry_free(entry);
	git_config_free(config);
	return found;
}

/* True when folder is the repository's working tree already: libgit2 (1.5) leaks its path
 * when told to set the working tree it has. */
static bool is_workdir(git_repository *repo, const char *folder)
{
	const char *workdir = git_repository_workdir(repo);
	char *real = workdir ? realpath(folder, NULL) : NULL;
	size_t len = real ? strlen(real) : 0;
	bool same = real && strncmp(real, workdir, len) == 0 &&
		    (workdir[len] == '\0' || strcmp(workdir + len, "/") == 0);
	free(real);
	return same;
}

/* The repository as git finds it (git(1)): GIT_DIR names it, searched for no further, and its
 * working tree is then GIT_WORK_TREE, else core.worktree, else the current folder (unless
 * the repository is bare). Without GIT_DIR it is searched for upwards from dir, and
 * GIT_WORK_TREE, when set, is its working tree instead of its own. */
static tip_error *open_repository(git_repository **repo, const char *dir)
{
	const char *git_dir = env_set("GIT_DIR"), *work_tree = env_set("GIT_WORK_TREE");
	int rc = git_dir ? git_repository_open_ext(repo, git_dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
				   NULL) :
			   git_repository_open_ext(repo, dir ? dir : ".", 0, NULL);
	if (rc == GIT_ENOTFOUND && git_dir)
		return tip_error_usage("GIT_DIR '%s' is not a git repository: unset GIT_DIR, or "
				       "set it to the repository's .git folder", git_dir);
	if (rc == GIT_ENOTFOUND)
		return tip_error_not_found("not in a git repository (or any parent folder) at "
					   "'%s': use -C DIR, or create one with 'tip init'",
					   dir ? dir : ".");
	if (rc < 0)
		return libgit2_error("cannot open the repository");
	if (!work_tree && git_dir && !git_repository_is_bare(*repo) &&
	    !has_config(*repo, "core.worktree"))
		work_tree = ".";
	if (work_tree && is_workdir(*repo, work_tree))
		return NULL;
	if (work_tree && git_repository_set_workdir(*repo, work_tree, 0) < 0)
		return libgit2_error(git_dir && !env_set("GIT_WORK_TREE") ?
				"cannot use the current folder as the working tree of GIT_DIR" :
				"cannot use GIT_WORK_TREE as the working tree");
	return NULL;
}

/* ---- a bare repository's schemas ---- */

/* A bare repository's record types are those of HEAD's schemas: the schema compiler reads
 * files (a $ref to a sibling schema too), so they are copied to a private temporary folder,
 * removed again with the store. */
static tip_error *make_schema_folder(tip_store *store)
{
	const char *tmp = getenv("TMPDIR");
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s/tip-schemas.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!err && !mkdtemp(path.data))
		err = tip_error_from_errno("cannot make a temporary folder in '%s'",
			tmp && *tmp ? tmp : "/tmp");
	if (!err && !(store->schema_root = tip_arena_strdup(store->arena, tip_buf_str(&path))))
		err = tip_error_nomem();
	store->copied_schemas = !err;
	tip_buf_reset(&path);
	if (!err)
		err = tip_buf_addf(&path, "%s/schemas", store->schema_root);
	if (!err && mkdir(tip_buf_str(&path), 0700) != 0)
		err = tip_error_from_errno("cannot make a temporary folder '%s'", tip_buf_str(&path));
	tip_buf_dispose(&path);
	return err;
}

static tip_error *copy_schema(tip_store *store, const git_tree_entry *entry)
{
	const char *name = git_tree_entry_name(entry);
	git_filemode_t mode = git_tree_entry_filemode(entry);
	if ((mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) || name[0] == '.' ||
	    strchr(name, '/'))
		return NULL;
	git_blob *blob = NULL;
	if (git_blob_lookup(&blob, store->repo, git_tree_entry_id(entry)) < 0)
		return libgit2_error("cannot read a schema");
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s/schemas/%s", store->schema_root, name);
	FILE *f = err ? NULL : fopen(tip_buf_str(&path), "wbx");
	if (!err && (!f || fwrite(git_blob_rawcontent(blob), 1, (size_t)git_blob_rawsize(blob), f) !=
				   (size_t)git_blob_rawsize(blob)))
		err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&path));
	if (f && fclose(f) != 0 && !err)
		err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&path));
	tip_buf_dispose(&path);
	git_blob_free(blob);
	return err;
}

/* Copies the schemas/ folder of rev's tree ("HEAD", a commit's hex id); *found false (and
 * no types) when rev has no commit yet or its tree no schemas/. */
static tip_error *copy_schemas_of(tip_store *store, const char *rev, bool *found)
{
	tip_error *err = make_schema_folder(store);
	git_object *object = NULL;
	git_tree *schemas = NULL;
	char spec[128];
	snprintf(spec, sizeof(spec), "%s:schemas", rev);
	int rc = err ? 0 : git_revparse_single(&object, store->repo, spec);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		rc = 0; /* no commit, or no schemas: no types */
	else if (rc < 0)
		err = tip_git_error("cannot read the schemas of %s", rev);
	if (!err && object && git_object_peel((git_object **)&schemas, object, GIT_OBJECT_TREE) < 0)
		err = tip_git_error("cannot read the schemas of %s", rev);
	for (size_t i = 0; !err && schemas && i < git_tree_entrycount(schemas); i++)
		err = copy_schema(store, git_tree_entry_byindex(schemas, i));
	*found = schemas != NULL;
	git_tree_free(schemas);
	git_object_free(object);
	git_error_clear();
	return err;
}

static tip_error *copy_head_schemas(tip_store *store)
{
	bool found;
	return copy_schemas_of(store, "HEAD", &found);
}

static void remove_schema_copies(tip_store *store)
{
	tip_buf path = TIP_BUF_INIT;
	if (tip_buf_addf(&path, "%s/schemas", store->schema_root))
		return;
	DIR *d = opendir(tip_buf_str(&path));
	struct dirent *entry;
	size_t folder_len = path.len;
	while (d && (entry = readdir(d))) {
		if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			continue;
		path.len = folder_len;
		if (!tip_buf_addf(&path, "/%s", entry->d_name))
			unlink(tip_buf_str(&path));
	}
	if (d)
		closedir(d);
	path.len = folder_len;
	path.data[folder_len] = '\0';
	rmdir(tip_buf_str(&path));
	rmdir(store->schema_root);
	tip_buf_dispose(&path);
}

/* ---- opening ---- */

/* How much of a pack file libgit2 maps at once (its default, like git's, is windows of 1 GiB
 * and 8 GiB in all). Reading the records at a commit touches pages all over the pack, and a
 * page mapped stays in the resident set until unmapped, so that a summary's peak memory grew
 * with the pack's size. The pages stay in the page cache: mapping them again costs little. */
enum { PACK_WINDOW = 1 << 20, PACK_MAPPED_LIMIT = 4 << 20 };

/* A store with nothing in it yet, libgit2 started for it. */
static tip_error *new_store(tip_store **out)
{
	*out = NULL;
	if (git_libgit2_init() < 0)
		return libgit2_error("cannot start libgit2");
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)PACK_WINDOW);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)PACK_MAPPED_LIMIT);
	tip_store *store = calloc(1, sizeof(*store));
	if (!store || !(store->arena = tip_arena_new())) {
		free(store);
		git_libgit2_shutdown();
		return tip_error_nomem();
	}
	*out = store;
	return NULL;
}

static tip_error *open_store(tip_store **out, const char *dir, bool history_only)
{
	tip_store *store;
	*out = NULL;
	tip_error *err = new_store(&store);
	if (err)
		return err;
	err = open_repository(&store->repo, dir);
	bool bare = !err && git_repository_is_bare(store->repo);
	if (bare && !history_only)
		err = tip_error_invalid("'%s' is a bare repository, with no working tree of "
					"records: only tip log and tip diff REV1 REV2 work in it; "
					"for the rest, work in a clone (git clone %s)",
			git_repository_path(store->repo), git_repository_path(store->repo));
	else if (bare)
		err = copy_head_schemas(store);
	if (!err && !bare) {
		const char *workdir = git_repository_workdir(store->repo);
		size_t len = strlen(workdir);
		while (len > 1 && workdir[len - 1] == '/')
			len--;
		store->root = store->schema_root = tip_arena_strndup(store->arena, workdir, len);
		if (!store->root)
			err = tip_error_nomem();
	}
	if (err) {
		tip_store_free(store);
		return err;
	}
	*out = store;
	return NULL;
}

tip_error *tip_store_open_commit(tip_store **out, tip_store *home, const char *commit)
{
	tip_store *store;
	bool found = false;
	*out = NULL;
	tip_error *err = new_store(&store);
	if (err)
		return err;
	if (git_repository_open_ext(&store->repo, git_repository_path(home->repo),
		    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0)
		err = libgit2_error("cannot open the repository");
	if (!err)
		err = copy_schemas_of(store, commit, &found);
	if (!err && !found)
		err = tip_error_not_found("commit %.12s has no schemas/ folder", commit);
	if (err) {
		tip_store_free(store);
		return err;
	}
	*out = store;
	return NULL;
}

tip_error *tip_store_open(tip_store **out, const char *dir)
{
	return open_store(out, dir, false);
}

tip_error *tip_store_open_history(tip_store **out, const char *dir)
{
	return open_store(out, dir, true);
}

bool tip_store_is_bare(const tip_store *store)
{
	return !store->root;
}

void tip_store_free(tip_store *store)
{
	if (!store)
		return;
	for (size_t i = 0; i < store->type_count; i++) {
		tip_schema_free(store->types[i].schema);
		tip_doc_free(store->schema_docs[i]);
	}
	for (size_t i = 0; store->id_sets && i < store->type_count; i++)
		free(store->id_sets[i].slots);
	free(store->id_sets);
	free(store->types);
	free(store->schema_docs);
	if (store->copied_schemas)
		remove_schema_copies(store);
	git_repository_free(store->repo);
	tip_arena_free(store->arena);
	free(store);
	git_libgit2_shutdown();
}

git_repository *tip_store_repository(tip_store *store)
{
	return store->repo;
}

const char *tip_store_root(const tip_store *store)
{
	return store->root;
}

tip_error *tip_store_relative_path(char **out, const tip_store *store, const char *path)
{
	*out = NULL;
	if (!store->root)
		return tip_error_invalid("'%s': a bare repository has no working tree", path);
	struct stat st, target;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return tip_workfile_link_error(path,
			!(stat(path, &target) == 0 && S_ISDIR(target.st_mode)));
	char *real = realpath(path, NULL);
	if (!real)
		return tip_error_from_errno("cannot open '%s'", path);
	size_t root_len = strlen(store->root);
	tip_error *err = NULL;
	if (strcmp(real, store->root) == 0)
		*out = strdup(".");
	else if (strncmp(real, store->root, root_len) == 0 && real[root_len] == '/')
		*out = strdup(real + root_len + 1);
	else
		err = tip_error_invalid("'%s' is outside the repository at '%s'",
			path, store->root);
	if (!err && !*out)
		err = tip_error_nomem();
	free(real);
	return err;
}

/* ---- listing folders ---- */

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A folder's entry: a link, a folder, or anything else (a file). Without following links,
 * and from the entry itself when the file system says, so that a folder of thousands of
 * records costs no stat call per file. */
enum entry_kind { ENTRY_FILE, ENTRY_FOLDER, ENTRY_LINK };

static enum entry_kind kind_of(DIR *d, const struct dirent *entry)
{
	if (entry->d_type == DT_LNK)
		return ENTRY_LINK;
	if (entry->d_type == DT_DIR)
		return ENTRY_FOLDER;
	struct stat st;
	if (entry->d_type != DT_UNKNOWN ||
	    fstatat(dirfd(d), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return ENTRY_FILE;
	return S_ISLNK(st.st_mode) ? ENTRY_LINK : S_ISDIR(st.st_mode) ? ENTRY_FOLDER : ENTRY_FILE;
}

static tip_error *keep_name(char ***names, size_t *count, size_t *cap, tip_arena *arena,
	const char *name, size_t len)
{
	if (*count == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		char **grown = realloc(*names, *cap * sizeof(**names));
		if (!grown)
			return tip_error_nomem();
		*names = grown;
	}
	(*names)[*count] = tip_arena_strndup(arena, name, len);
	return (*names)[(*count)++] ? NULL : tip_error_nomem();
}

/* The files in the folder rel (below base: the root, or a bare repository's copy of its
 * schemas) whose names end in suffix, sorted, with the suffix cut off. A missing folder is
 * an empty list; a folder named like a file is no file (tip validate reports it); a link is
 * refused. */
static tip_error *list_names(char ***out, size_t *count, tip_store *store, const char *base,
	const char *rel, const char *suffix)
{
	*out = NULL;
	*count = 0;
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&path, base, rel);
	DIR *d = err ? NULL : opendir(tip_buf_str(&path));
	size_t cap = 0, suffix_len = strlen(suffix);
	char **names = NULL;
	struct dirent *entry;
	while (!err && d && (entry = readdir(d))) {
		size_t len = strlen(entry->d_name);
		if (entry->d_name[0] == '.' || len <= suffix_len ||
		    strcmp(entry->d_name + len - suffix_len, suffix) != 0)
			continue;
		enum entry_kind kind = kind_of(d, entry);
		tip_buf_reset(&path);
		if (kind == ENTRY_LINK && !(err = tip_buf_add_path(&path, rel, entry->d_name)))
			err = tip_workfile_check_path(base, tip_buf_str(&path), true);
		else if (kind == ENTRY_FILE)
			err = keep_name(&names, count, &cap, store->arena, entry->d_name,
				len - suffix_len);
	}
	if (d)
		closedir(d);
	tip_buf_dispose(&path);
	if (err) {
		free(names);
		*count = 0;
		return err;
	}
	if (*count)
		qsort(names, *count, sizeof(*names), compare_strings);
	*out = names;
	return NULL;
}

tip_error *tip_store_check_path(const tip_store *store, const char *rel, bool file)
{
	if (!store->root)
		return tip_error_invalid("'%s': a bare repository has no working tree", rel);
	return tip_workfile_check_path(store->root, rel, file);
}

/* ---- types ---- */

/* Shared definitions files (only $defs and annotations) describe no record type. */
static bool describes_records(const tip_node *root)
{
	return tip_node_get(root, "properties") || tip_node_get(root, "type");
}

/* Compile errors name files by absolute path; findings speak relative to the root. */
static tip_error *add_schema_error(tip_diag_list *findings, const tip_store *store,
	const char *file, const tip_error *err)
{
	const char *message = tip_error_message(err);
	tip_buf text = TIP_BUF_INIT;
	size_t root_len = strlen(store->schema_root);
	tip_error *e = NULL;
	while (!e && *message) {
		if (strncmp(message, store->schema_root, root_len) == 0 && message[root_len] == '/') {
			message += root_len + 1;
			continue;
		}
		e = tip_buf_addc(&text, *message++);
	}
	if (!e)
		e = tip_diag_list_addf(findings, file, 0, 0, "", "schema", "%s", tip_buf_str(&text));
	tip_buf_dispose(&text);
	return e;
}

static tip_error *compile_type(tip_store *store, size_t i, const char *name,
	tip_diag_list *findings)
{
	tip_type *type = &store->types[i];
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "%s/schemas/%s%s", store->schema_root, name,
		schema_suffix);
	if (err)
		return err;
	const char *relative = tip_buf_str(&path) + strlen(store->schema_root) + 1;
	type->name = name;
	type->schema_file = tip_arena_strdup(store->arena, relative);
	if (!type->schema_file) {
		tip_buf_dispose(&path);
		return tip_error_nomem();
	}
	tip_yaml_opts opts = { .finding = tip_diag_list_collect, .finding_ctx = findings };
	tip_error *refused = tip_schema_load_file(&store->schema_docs[i], tip_buf_str(&path),
		type->schema_file, &opts);
	if (refused) /* a FIFO, a symbolic link, a huge file: the type stays, without a schema */
		err = add_schema_error(findings, store, type->schema_file, refused);
	tip_error_free(refused);
	if (!err && store->schema_docs[i]) {
		tip_error *compile = tip_schema_compile_node(&type->schema,
			store->schema_docs[i]->root, tip_buf_str(&path));
		if (compile)
			err = add_schema_error(findings, store, type->schema_file, compile);
		tip_error_free(compile);
	}
	tip_buf_dispose(&path);
	return err;
}

static tip_error *name_collection(tip_store *store, tip_type *type)
{
	const char *declared = type->schema ? tip_schema_collection(type->schema) : NULL;
	if (declared) {
		type->collection = tip_arena_strdup(store->arena, declared);
	} else {
		size_t len = strlen(type->name);
		char *plural = tip_arena_alloc(store->arena, len + 2);
		if (plural) {
			memcpy(plural, type->name, len);
			memcpy(plural + len, "s", 2);
		}
		type->collection = plural;
	}
	return type->collection ? NULL : tip_error_nomem();
}

static tip_error *list_records(tip_store *store, tip_type *type)
{
	tip_buf dir = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&dir, "records/%s", type->collection);
	char **ids = NULL;
	size_t count = 0;
	if (!err)
		err = tip_store_check_path(store, tip_buf_str(&dir), false);
	if (!err)
		err = list_names(&ids, &count, store, store->root, tip_buf_str(&dir), ".yaml");
	tip_buf_dispose(&dir);
	if (err)
		return err;
	const char **kept = count ? tip_arena_alloc(store->arena, count * sizeof(*kept)) : NULL;
	if (count && !kept) {
		free(ids);
		return tip_error_nomem();
	}
	if (count)
		memcpy(kept, ids, count * sizeof(*kept));
	free(ids);
	type->ids = kept;
	type->id_count = count;
	return NULL;
}

static uint32_t hash_id(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static tip_error *index_ids(struct id_set *set, const tip_type *type)
{
	size_t size = 16;
	while (size < type->id_count * 2)
		size *= 2;
	set->slots = calloc(size, sizeof(*set->slots));
	if (!set->slots)
		return tip_error_nomem();
	set->mask = size - 1;
	for (size_t i = 0; i < type->id_count; i++) {
		size_t slot = hash_id(type->ids[i]) & set->mask;
		while (set->slots[slot])
			slot = (slot + 1) & set->mask;
		set->slots[slot] = (uint32_t)(i + 1);
	}
	return NULL;
}

static tip_error *check_ref_types(tip_store *store, const tip_type *type,
	tip_diag_list *findings)
{
	if (!type->schema)
		return NULL;
	const char *const *targets;
	size_t count;
	tip_schema_ref_types(type->schema, &targets, &count);
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count; i++)
		if (!tip_store_type_named(store, targets[i]))
			err = tip_diag_list_addf(findings, type->schema_file, 0, 0, "", "x-tip-ref",
				"x-tip-ref names type \"%s\", which has no schemas/%s%s", targets[i],
				targets[i], schema_suffix);
	return err;
}

/* Keeps only the schema files that describe record types, freeing the others. */
static void drop_shared_definitions(tip_store *store)
{
	size_t kept = 0;
	for (size_t i = 0; i < store->type_count; i++) {
		tip_doc *doc = store->schema_docs[i];
		if (doc && !describes_records(doc->root)) {
			tip_schema_free(store->types[i].schema);
			tip_doc_free(doc);
			continue;
		}
		store->types[kept] = store->types[i];
		store->schema_docs[kept++] = doc;
	}
	store->type_count = kept;
}

/* Two types with one folder would mix their records (and one schema could mark none of the
 * other's personal fields): the finding names both, and neither keeps its schema. */
static tip_error *refuse_shared_folder(tip_type *first, tip_type *second,
	tip_diag_list *findings)
{
	bool second_declares = second->schema && tip_schema_collection(second->schema);
	const tip_type *claimant = second_declares ? second : first;
	tip_error *err = tip_diag_list_addf(findings, claimant->schema_file, 0, 0, "",
		"x-tip-collection",
		"types \"%s\" (%s) and \"%s\" (%s) both keep their records in records/%s/: give "
		"each type a folder of its own with x-tip-collection; neither type is loaded "
		"until then",
		first->name, first->schema_file, second->name, second->schema_file,
		first->collection);
	tip_schema_free(first->schema);
	tip_schema_free(second->schema);
	first->schema = second->schema = NULL;
	return err;
}

static tip_error *check_folders(tip_store *store, tip_diag_list *findings)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < store->type_count; i++)
		for (size_t j = i + 1; !err && j < store->type_count; j++)
			if (strcmp(store->types[i].collection, store->types[j].collection) == 0)
				err = refuse_shared_folder(&store->types[i], &store->types[j],
					findings);
	return err;
}

tip_error *tip_store_load_types(tip_store *store, tip_diag_list *findings)
{
	char **names = NULL;
	size_t count = 0;
	tip_error *err = store->root ? tip_store_check_path(store, "schemas", false) : NULL;
	if (!err)
		err = list_names(&names, &count, store, store->schema_root, "schemas",
			schema_suffix);
	if (!err && count) {
		store->types = calloc(count, sizeof(*store->types));
		store->schema_docs = calloc(count, sizeof(*store->schema_docs));
		if (!store->types || !store->schema_docs)
			err = tip_error_nomem();
	}
	for (size_t i = 0; !err && i < count; i++) {
		store->type_count = i + 1;
		err = compile_type(store, i, names[i], findings);
	}
	free(names);
	if (err)
		return err;
	drop_shared_definitions(store);
	for (size_t i = 0; !err && i < store->type_count; i++)
		err = name_collection(store, &store->types[i]);
	if (!err)
		err = check_folders(store, findings);
	for (size_t i = 0; !err && i < store->type_count; i++)
		err = check_ref_types(store, &store->types[i], findings);
	return err;
}

tip_error *tip_store_list_records(tip_store *store)
{
	if (store->id_sets)
		return NULL;
	tip_error *err = tip_store_check_path(store, "records", false);
	if (err)
		return err;
	store->id_sets = calloc(store->type_count + 1, sizeof(*store->id_sets));
	if (!store->id_sets)
		return tip_error_nomem();
	for (size_t i = 0; !err && i < store->type_count; i++) {
		err = list_records(store, &store->types[i]);
		if (!err)
			err = index_ids(&store->id_sets[i], &store->types[i]);
	}
	return err;
}

/* Without the lists, one look at the file: a write that checks a few references should not
 * read a folder of thousands of records. */
static bool record_file_exists(const tip_store *store, const tip_type *type, const char *id)
{
	if (!tip_record_id_valid(id, NULL) || !store->root)
		return false;
	tip_buf path = TIP_BUF_INIT;
	struct stat st;
	bool exists = !tip_buf_addf(&path, "%s/records/%s/%s.yaml", store->root,
			      type->collection, id) &&
		lstat(tip_buf_str(&path), &st) == 0 && S_ISREG(st.st_mode);
	tip_buf_dispose(&path);
	return exists;
}

size_t tip_store_type_count(const tip_store *store)
{
	return store->type_count;
}

const tip_type *tip_store_type_at(const tip_store *store, size_t i)
{
	return i < store->type_count ? &store->types[i] : NULL;
}

const tip_type *tip_store_type_named(const tip_store *store, const char *name)
{
	/* Called for every reference checked: the first letter settles most comparisons. */
	for (size_t i = 0; i < store->type_count; i++)
		if (store->types[i].name[0] == name[0] && strcmp(store->types[i].name, name) == 0)
			return &store->types[i];
	return NULL;
}

tip_error *tip_store_no_type(const tip_store *store, const char *name)
{
	tip_suggestions close;
	tip_suggest_start(&close, name);
	for (size_t i = 0; i < store->type_count; i++)
		tip_suggest_consider(&close, store->types[i].name);
	char hint[256];
	return tip_error_not_found("there is no record type '%s' (no schemas/%s.schema.yaml)%s",
		name, name, tip_suggest_text(hint, sizeof(hint), &close, '\''));
}

void tip_store_record_ids(void *ctx, const char *type_name, const char *const **ids,
	size_t *count)
{
	const tip_store *store = ctx;
	const tip_type *type = tip_store_type_named(store, type_name);
	*ids = type && store->id_sets ? type->ids : NULL;
	*count = *ids ? type->id_count : 0;
}

const tip_type *tip_store_type_for_collection(const tip_store *store, const char *collection)
{
	for (size_t i = 0; i < store->type_count; i++)
		if (strcmp(store->types[i].collection, collection) == 0)
			return &store->types[i];
	return NULL;
}

bool tip_store_has_record(void *ctx, const char *type_name, const char *id)
{
	const tip_store *store = ctx;
	const tip_type *type = tip_store_type_named(store, type_name);
	if (!type)
		return false;
	if (!store->id_sets)
		return record_file_exists(store, type, id);
	const struct id_set *set = &store->id_sets[type - store->types];
	for (size_t slot = hash_id(id) & set->mask; set->slots[slot];
	     slot = (slot + 1) & set->mask)
		if (strcmp(type->ids[set->slots[slot] - 1], id) == 0)
			return true;
	return false;
}

tip_error *tip_store_file_at(tip_buf *out, bool *found, tip_store *store, const char *hex,
	const char *path)
{
	*found = false;
	git_oid oid;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	tip_error *err = NULL;
	if (git_oid_fromstr(&oid, hex) < 0 || git_commit_lookup(&commit, store->repo, &oid) < 0 ||
	    git_commit_tree(&tree, commit) < 0)
		err = tip_git_error("cannot read commit %.12s", hex);
	int rc = err ? 0 : git_tree_entry_bypath(&entry, tree, path);
	if (rc == GIT_ENOTFOUND)
		git_error_clear();
	else if (!err && (rc < 0 || (git_tree_entry_type(entry) == GIT_OBJECT_BLOB &&
		 git_blob_lookup(&blob, store->repo, git_tree_entry_id(entry)) < 0)))
		err = tip_git_error("cannot read '%s' at commit %.12s", path, hex);
	if (blob) {
		*found = true;
		err = tip_buf_add(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	}
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return err;
}
