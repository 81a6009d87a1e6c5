/* tip merge-file: the record-aware three-way merge, also git's merge driver for records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "merge_file.h"
#include "store.h"
#include "yaml.h"

struct merge_file_options {
	const char *path;
	bool to_stdout;
};

static const struct cmd_option merge_file_options[] = {
	CMD_STRING("path", 0, "PATH", "FILE", struct merge_file_options, path,
		"the record's path in the repository (git's %P), which names its type\n"
		"(default: OURS's path)"),
	CMD_FLAG("stdout", 'p', struct merge_file_options, to_stdout,
		"print the result instead of writing it into OURS"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_merge_file = {
	.name = "merge-file",
	.synopses = (const struct cmd_synopsis[]){
		{ "[--path PATH] [--stdout] BASE OURS THEIRS", { "FILE", "FILE", "FILE" }, false },
		{ NULL } },
	.about = "Merges the changes from BASE to OURS and from BASE to THEIRS into OURS, field\n"
		 "by field (docs/merging.md): different fields keep both changes, lists keep\n"
		 "both sides' additions and removals, and the result is written in canonical\n"
		 "form and checked against the record type's schema. A field changed on both\n"
		 "sides differently is written between <<<<<<< ours and >>>>>>> theirs markers.\n"
		 "An empty file is a record that is not there. Files that are not records\n"
		 "(not strict YAML, or conflict markers already) are merged line by line, as\n"
		 "git merge-file does. As git's merge driver (tip init and tip setup set it up):\n"
		 "  merge.tip.driver: tip merge-file --path %P %O %A %B (where tip is not on\n"
		 "  PATH, it says so and runs git merge-file, line by line)\n\n",
	.options = merge_file_options,
	.column = 18,
	.after = "\nExit status: 0 merged, 1 conflicts left in the result, 2 usage, I/O or\n"
		 "repository errors (OURS is then as it was).\n",
};

static tip_error *read_version(tip_buf *out, const char *name)
{
	FILE *f = fopen(name, "rb");
	if (!f)
		return tip_error_from_errno("cannot read '%s'", name);
	tip_error *err = tip_buf_add_stream(out, f, name, TIP_YAML_MAX_BYTES);
	fclose(f);
	return err;
}

/* The schema of the record at path (records/<collection>/<id>.yaml, relative to the
 * repository's root; NULL: OURS's path, made so) in the repository around the current folder;
 * NULL when there is none (no repository, no such type, or a schema that does not compile). */
static const tip_schema *schema_for(tip_store **store, const char *path, const char *ours)
{
	char *relative = NULL;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_store_open(store, NULL);
	if (!err && !path && !(err = tip_store_relative_path(&relative, *store, ours)))
		path = relative;
	if (!err)
		err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_store_load_types(*store, findings);
	const char *rest = err ? "" : strncmp(path, "./", 2) == 0 ? path + 2 : path;
	const char *slash = strncmp(rest, "records/", 8) == 0 ? strchr(rest + 8, '/') : NULL;
	char *collection = slash && !strchr(slash + 1, '/')
		? strndup(rest + 8, (size_t)(slash - rest - 8)) : NULL;
	const tip_type *type = collection ? tip_store_type_for_collection(*store, collection) : NULL;
	free(collection);
	free(relative);
	tip_diag_list_free(findings);
	tip_error_free(err);
	return type ? type->schema : NULL;
}

/* The result into OURS: written beside it and renamed over it, so OURS is whole either way. */
static tip_error *write_result(const char *ours, const tip_buf *text)
{
	size_t n = strlen(ours);
	char *tmp = malloc(n + 16);
	if (!tmp)
		return tip_error_nomem();
	snprintf(tmp, n + 16, "%s.tip-merge", ours);
	FILE *f = fopen(tmp, "wb");
	tip_error *err = f ? NULL : tip_error_from_errno("cannot write '%s'", tmp);
	if (!err && text->len && fwrite(text->data, 1, text->len, f) != text->len)
		err = tip_error_from_errno("cannot write '%s'", tmp);
	if (f && fclose(f) != 0 && !err)
		err = tip_error_from_errno("cannot write '%s'", tmp);
	if (!err && rename(tmp, ours) != 0)
		err = tip_error_from_errno("cannot replace '%s'", ours);
	if (err)
		remove(tmp);
	free(tmp);
	return err;
}

static int report(const tip_merged_file *m, const char *path)
{
	if (m->clean)
		return EXIT_OK;
	if (m->by_lines)
		cmd_error("'%s' is not a record in every version: merged line by line, with "
			  "conflicts marked", path);
	else if (m->invalid)
		cmd_error("'%s': the changes merge, but make the record invalid: choose between "
			  "the sides of %s", path, tip_buf_str(&m->fields));
	else
		cmd_error("'%s': both sides changed %s differently: choose between the sides", path,
			tip_buf_str(&m->fields));
	return EXIT_FINDINGS;
}

static int merge(const struct merge_file_options *o, char **names)
{
	tip_buf texts[3] = { TIP_BUF_INIT, TIP_BUF_INIT, TIP_BUF_INIT };
	tip_store *store = NULL;
	tip_merged_file m;
	memset(&m, 0, sizeof(m));
	const char *path = o->path ? o->path : names[1];
	tip_error *err = NULL;
	for (int i = 0; !err && i < 3; i++)
		err = read_version(&texts[i], names[i]);
	const tip_schema *schema = err ? NULL : schema_for(&store, o->path, names[1]);
	if (!err)
		err = tip_merge_file(&m, (tip_text){ texts[0].data, texts[0].len },
			(tip_text){ texts[1].data, texts[1].len },
			(tip_text){ texts[2].data, texts[2].len }, schema, path);
	if (!err && o->to_stdout && cmd_write(stdout, m.text.data ? m.text.data : "",
					   m.text.len) != 0)
		err = tip_error_from_errno("cannot write the result");
	else if (!err && !o->to_stdout)
		err = write_result(names[1], &m.text);
	int status = err ? cmd_fail(err) : report(&m, path);
	tip_merged_file_dispose(&m);
	tip_store_free(store);
	for (int i = 0; i < 3; i++)
		tip_buf_dispose(&texts[i]);
	return status;
}

int cmd_merge_file(int argc, char **argv)
{
	struct merge_file_options o = { NULL, false };
	int status = cmd_parse_options(&usage_merge_file, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc != 3)
		return cmd_usage_error(&usage_merge_file, "merge-file takes three files: BASE OURS "
							  "THEIRS");
	return merge(&o, argv);
}
