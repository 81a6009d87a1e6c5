#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <git2.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "embedded.h"
#include "git_int.h"
#include "ident_int.h"
#include "merge_setup.h"
#include "store.h"
#include "write.h"
#include "write_int.h"
#include "yaml.h"

static const char init_message[] = "init: tip records repository\n\nTip-Action: init\n";

static const char settings_file[] = ".vscode/settings.json";
static const char workflow_file[] = ".github/workflows/tip.yaml";
static const char config_file[] = "tip.yaml";
static const char attributes_file[] = ".gitattributes";

static const char config[] =
	"# tip's settings for this records repository.\n"
	"# quarters: financial (Q1 is April to June, as UK public bodies report) or calendar.\n"
	"quarters: financial\n";

struct init {
	const char *dir;  /* absolute */
	tip_arena *arena; /* paths and contents */
	tip_file_change *changes;
	size_t count, cap;
	tip_buf types, kept, settings;
};

/* ---- the folder ---- */

static tip_error *absolute(const char **out, tip_arena *arena, const char *dir)
{
	char cwd[PATH_MAX];
	if (dir[0] == '/') {
		*out = tip_arena_strdup(arena, dir);
	} else {
		if (!getcwd(cwd, sizeof(cwd)))
			return tip_error_from_errno("cannot tell the current folder");
		tip_buf path = TIP_BUF_INIT;
		tip_error *err = tip_buf_add_path(&path, cwd, dir);
		*out = err ? NULL : tip_arena_strdup(arena, tip_buf_str(&path));
		tip_buf_dispose(&path);
	}
	return *out ? NULL : tip_error_nomem();
}

static bool exists(const char *dir, const char *name)
{
	struct stat st;
	tip_buf path = TIP_BUF_INIT;
	bool found = !tip_buf_add_path(&path, dir, name) && lstat(tip_buf_str(&path), &st) == 0;
	tip_buf_dispose(&path);
	return found;
}

/* True when path is anything but a folder holding only folders (as an undone init leaves). */
static bool holds_files(const char *path, int depth)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return false;
	DIR *d = S_ISDIR(st.st_mode) && depth < 16 ? opendir(path) : NULL;
	if (!d)
		return true;
	bool found = false;
	struct dirent *e;
	while (!found && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		tip_buf sub = TIP_BUF_INIT;
		found = tip_buf_add_path(&sub, path, e->d_name) || holds_files(sub.data, depth + 1);
		tip_buf_dispose(&sub);
	}
	closedir(d);
	return found;
}

static tip_error *refuse_records_folders(const char *dir, const char *shown)
{
	const char *names[] = { "schemas", "records" };
	for (size_t i = 0; i < 2; i++) {
		tip_buf path = TIP_BUF_INIT;
		bool taken = tip_buf_add_path(&path, dir, names[i]) || holds_files(path.data, 0);
		tip_buf_dispose(&path);
		if (taken)
			return tip_error_conflict("'%s' has %s/ already: tip init sets up a folder "
						  "that has no schemas/ or records/ yet",
						  shown, names[i]);
	}
	return NULL;
}

/* The nearest folder at or above path that exists, in buf. */
static tip_error *existing_ancestor(tip_buf *buf, const char *path)
{
	tip_error *err = tip_buf_adds(buf, path);
	struct stat st;
	while (!err && stat(tip_buf_str(buf), &st) != 0) {
		char *slash = strrchr(buf->data, '/');
		if (!slash)
			break;
		buf->len = slash == buf->data ? 1 : (size_t)(slash - buf->data);
		buf->data[buf->len] = '\0';
	}
	return err;
}

static bool same_folder(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* The repository at dir, whose working tree must be dir: a TIP_ENOTFOUND error when there is
 * none yet. */
static tip_error *check_repository(const char *dir, const char *shown)
{
	tip_buf start = TIP_BUF_INIT;
	git_buf gitdir = { NULL, 0, 0 };
	git_repository *repo = NULL;
	tip_error *err = existing_ancestor(&start, dir);
	int rc = err ? 0 : git_repository_discover(&gitdir, tip_buf_str(&start), 0,
				   getenv("GIT_CEILING_DIRECTORIES"));
	if (!err && rc == 0 && git_repository_open(&repo, gitdir.ptr) < 0)
		err = tip_git_error("cannot open the repository '%s'", gitdir.ptr);
	else if (!err && rc < 0 && rc != GIT_ENOTFOUND)
		err = tip_git_error("cannot look for a repository at '%s'", shown);
	if (!err && repo && git_repository_is_bare(repo))
		err = tip_error_invalid("'%s' is a bare repository: tip needs a working tree",
			git_repository_path(repo));
	else if (!err && repo && !same_folder(git_repository_workdir(repo), dir))
		err = tip_error_invalid("'%s' is inside the git repository '%s': run tip init in "
					"its top folder, or in a folder outside it", shown,
			git_repository_workdir(repo));
	else if (!err && !repo)
		err = tip_error_not_found("there is no repository at '%s' yet", shown);
	git_repository_free(repo);
	git_buf_dispose(&gitdir);
	tip_buf_dispose(&start);
	return err;
}

/* A new repository: checks first that commits will have an author, so that a refusal leaves
 * no repository behind. */
static tip_error *create_repository(const char *dir)
{
	git_signature *author = NULL, *committer = NULL;
	tip_error *err = tip_ident_signatures(&author, &committer, NULL);
	git_signature_free(author);
	git_signature_free(committer);
	git_repository *repo = NULL;
	if (!err && git_repository_init(&repo, dir, 0) < 0)
		err = tip_git_error("cannot create a git repository in '%s'", dir);
	git_repository_free(repo);
	return err;
}

/* ---- the files ---- */

static tip_error *add_file(struct init *in, const char *path, const char *content, size_t len)
{
	if (exists(in->dir, path)) {
		tip_error *err = in->kept.len ? tip_buf_adds(&in->kept, ", ") : NULL;
		return err ? err : tip_buf_adds(&in->kept, path);
	}
	if (in->count == in->cap) {
		size_t cap = in->cap ? in->cap * 2 : 16;
		tip_file_change *grown = realloc(in->changes, cap * sizeof(*grown));
		if (!grown)
			return tip_error_nomem();
		in->changes = grown;
		in->cap = cap;
	}
	tip_file_change *c = &in->changes[in->count];
	c->path = tip_arena_strdup(in->arena, path);
	c->content = tip_arena_strndup(in->arena, content, len);
	c->len = len;
	if (!c->path || !c->content)
		return tip_error_nomem();
	in->count++;
	return NULL;
}

/* For a schema that describes a record type: its collection (x-tip-collection, else the
 * type's name and "s"); NULL for shared definitions. */
static tip_error *collection_of(const char **out, struct init *in,
	const struct tip_embedded_file *f, size_t type_len)
{
	*out = NULL;
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, (const char *)f->bytes, f->len, f->name, NULL);
	if (!err && !doc)
		err = tip_error_new("the built-in schema '%s' does not load", f->name);
	const tip_node *root = doc ? doc->root : NULL;
	if (!err && (tip_node_get(root, "properties") || tip_node_get(root, "type"))) {
		const tip_node *named = tip_node_get(root, "x-tip-collection");
		tip_buf name = TIP_BUF_INIT;
		if (named && named->type == TIP_NODE_STR)
			err = tip_buf_adds(&name, named->str);
		else if (!(err = tip_buf_add(&name, f->name, type_len)))
			err = tip_buf_addc(&name, 's');
		if (!err && !(*out = tip_arena_strdup(in->arena, tip_buf_str(&name))))
			err = tip_error_nomem();
		tip_buf_dispose(&name);
	}
	tip_doc_free(doc);
	return err;
}

/* records/<collection>/.gitkeep, the type in the list, the editor's mapping to its schema. */
static tip_error *add_type(struct init *in, const char *schema_file, size_t type_len,
	const char *collection)
{
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&path, "records/%s/.gitkeep", collection);
	if (!err)
		err = add_file(in, tip_buf_str(&path), "", 0);
	if (!err && in->types.len)
		err = tip_buf_adds(&in->types, ", ");
	if (!err)
		err = tip_buf_add(&in->types, schema_file, type_len);
	if (!err)
		err = tip_buf_addf(&in->settings, "%s    \"./schemas/%s\": \"records/%s/*.yaml\"",
			in->settings.len ? ",\n" : "{\n  \"yaml.schemas\": {\n", schema_file,
			collection);
	tip_buf_dispose(&path);
	return err;
}

static tip_error *add_schemas(struct init *in)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_default_schemas_count; i++) {
		const struct tip_embedded_file *f = &tip_default_schemas[i];
		tip_buf path = TIP_BUF_INIT;
		const char *collection = NULL;
		size_t type_len = strlen(f->name) - strlen(".schema.yaml");
		err = tip_buf_addf(&path, "schemas/%s", f->name);
		if (!err)
			err = add_file(in, tip_buf_str(&path), (const char *)f->bytes, f->len);
		if (!err)
			err = collection_of(&collection, in, f, type_len);
		if (!err && collection)
			err = add_type(in, f->name, type_len, collection);
		tip_buf_dispose(&path);
	}
	return err;
}

static tip_error *add_settings(struct init *in)
{
	tip_error *err = tip_buf_adds(&in->settings, in->settings.len ? "\n  }\n}\n" : "{}\n");
	if (!err)
		err = add_file(in, settings_file, tip_buf_str(&in->settings), in->settings.len);
	if (!err)
		err = add_file(in, workflow_file, (const char *)tip_default_workflow[0].bytes,
			tip_default_workflow[0].len);
	if (!err)
		err = add_file(in, config_file, config, strlen(config));
	if (!err)
		err = add_file(in, attributes_file, TIP_MERGE_ATTRIBUTES,
			strlen(TIP_MERGE_ATTRIBUTES));
	return err;
}

/* tip init makes (or takes up) the repository of its folder, while git would take the one
 * GIT_DIR or GIT_WORK_TREE names: which was meant is not for tip to guess. */
static tip_error *refuse_git_environment(void)
{
	const char *names[] = { "GIT_DIR", "GIT_WORK_TREE" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (getenv(names[i]) && *getenv(names[i]))
			return tip_error_usage("%s is set: tip init makes the repository of its "
					       "own folder; unset %s and give the folder as "
					       "tip init DIR", names[i], names[i]);
	return NULL;
}

static tip_error *commit_files(struct init *in)
{
	tip_store *store = NULL;
	tip_error *err = tip_store_open(&store, in->dir);
	if (!err)
		err = tip_store_write(store, in->changes, in->count, init_message, NULL);
	bool changed = false;
	if (!err)
		err = tip_store_set_merge_driver(&changed, store);
	tip_store_free(store);
	return err;
}

static tip_error *take_results(tip_init_result *out, struct init *in)
{
	out->types = strdup(tip_buf_str(&in->types));
	out->kept = in->kept.len ? strdup(tip_buf_str(&in->kept)) : NULL;
	return out->types && (out->kept || !in->kept.len) ? NULL : tip_error_nomem();
}

tip_error *tip_init(tip_init_result *out, const char *dir)
{
	memset(out, 0, sizeof(*out));
	struct init in;
	memset(&in, 0, sizeof(in));
	if (git_libgit2_init() < 0)
		return tip_git_error("cannot start libgit2");
	bool found = false;
	in.arena = tip_arena_new();
	tip_error *err = in.arena ? refuse_git_environment() : tip_error_nomem();
	if (!err)
		err = absolute(&in.dir, in.arena, dir);
	if (!err)
		err = refuse_records_folders(in.dir, dir);
	if (!err) {
		err = check_repository(in.dir, dir);
		found = !tip_error_catch(&err, TIP_ENOTFOUND);
	}
	if (!err)
		err = add_schemas(&in);
	if (!err)
		err = add_settings(&in);
	if (!err && !found)
		err = create_repository(in.dir);
	if (!err)
		err = commit_files(&in);
	if (!err)
		err = take_results(out, &in);
	out->created_repository = !err && !found;
	free(in.changes);
	tip_buf_dispose(&in.types);
	tip_buf_dispose(&in.kept);
	tip_buf_dispose(&in.settings);
	tip_arena_free(in.arena);
	git_libgit2_shutdown();
	if (err)
		tip_init_result_dispose(out);
	return err;
}

bool tip_init_writes(const char *path)
{
	if (strcmp(path, settings_file) == 0 || strcmp(path, workflow_file) == 0 ||
	    strcmp(path, config_file) == 0 || strcmp(path, attributes_file) == 0)
		return true;
	for (size_t i = 0; i < tip_default_schemas_count; i++)
		if (strncmp(path, "schemas/", 8) == 0 &&
		    strcmp(path + 8, tip_default_schemas[i].name) == 0)
			return true;
	if (strncmp(path, "records/", 8) != 0)
		return false;
	const char *slash = strchr(path + 8, '/'); /* records/<collection>/.gitkeep */
	return slash && slash > path + 8 && strcmp(slash, "/.gitkeep") == 0;
}

void tip_init_result_dispose(tip_init_result *result)
{
	free(result->types);
	free(result->kept);
	memset(result, 0, sizeof(*result));
}
