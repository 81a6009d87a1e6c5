/* tip site's driver: the records at a commit checked, every page written into a new folder
 * beside the output, then that folder swapped into place. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "changes.h"
#include "controls.h"
#include "glossary.h"
#include "schema.h"
#include "settings.h"
#include "site.h"
#include "site_data.h"
#include "site_int.h"

/* ---- the records must be valid ---- */

static bool ref_in_snapshot(void *ctx, const char *type, const char *id)
{
	return tip_snapshot_find(ctx, type, id) != NULL;
}

/* The glossary's links, checked as tip validate checks them (circles of broader concepts,
 * related links inside a concept's own hierarchy): findings into findings. */
static tip_error *check_glossary(const tip_snapshot *snap, tip_diag_list *findings)
{
	tip_glossary *glossary = NULL;
	tip_buf folder = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < tip_snapshot_count(snap); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snap, i);
		if (!r->root || strcmp(r->type->name, "definition") != 0)
			continue;
		if (!glossary && !(err = tip_buf_addf(&folder, "records/%s", r->type->collection)))
			err = tip_glossary_new(&glossary, tip_buf_str(&folder));
		if (!err)
			err = tip_glossary_add(glossary, r->id, r->root, true);
	}
	if (!err && glossary)
		err = tip_glossary_check(glossary, findings, NULL, NULL);
	tip_glossary_free(glossary);
	tip_buf_dispose(&folder);
	return err;
}

/* The first problem among the records, as an error naming it; NULL when there is none.
 * findings holds those of the files that did not load; the schema's, the control characters'
 * and the glossary's are added to it. */
static tip_error *first_problem(const tip_snapshot *snap, tip_diag_list *findings)
{
	for (size_t i = 0; i < tip_snapshot_count(snap); i++) {
		const tip_snapshot_record *r = tip_snapshot_get(snap, i);
		if (!r->type->schema)
			return tip_error_invalid("%s does not compile, so the %s records cannot be "
				"checked: tip validate says why", r->type->schema_file,
				r->type->name);
		const char *why = NULL;
		if (!tip_record_id_valid(r->id, &why))
			return tip_error_invalid("%s: '%s' is not a record id (%s): rename the file, "
				"then run tip site again", r->path, r->id, why ? why : "");
		if (!r->root)
			continue;
		tip_validate_opts opts = { .file = r->path, .finding = tip_diag_list_collect,
			.finding_ctx = findings, .ref_exists = ref_in_snapshot,
			.ref_ctx = (void *)snap };
		tip_schema_validate(r->type->schema, r->root, &opts);
		tip_controls_check(r->root, r->path, tip_diag_list_collect, findings);
	}
	tip_error *err = check_glossary(snap, findings);
	if (!err)
		err = tip_diag_list_error(findings);
	size_t errors = tip_diag_list_count_severity(findings, TIP_SEVERITY_ERROR);
	if (err || !errors)
		return err;
	tip_diag_list_sort(findings);
	const tip_finding *f = NULL;
	for (size_t i = 0; !f; i++)
		if (tip_diag_list_get(findings, i)->severity == TIP_SEVERITY_ERROR)
			f = tip_diag_list_get(findings, i);
	char also[48] = "";
	if (errors > 1)
		snprintf(also, sizeof also, " (and %zu more problems)", errors - 1);
	return tip_error_invalid("%s:%u:%u: %s%s; the site is written only from valid records: "
		"fix %s (tip validate lists every problem) and run tip site again", f->file,
		f->line, f->col, f->message, also, errors > 1 ? "them" : "it");
}

/* ---- the output folder ---- */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool is_empty_folder(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return false;
	const struct dirent *e;
	bool empty = true;
	while (empty && (e = readdir(d)))
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	return empty;
}

/* NULL when output may be replaced: it does not exist, is an empty folder, or is a site tip
 * wrote (it holds TIP_SITE_MARK). */
static tip_error *check_output(const char *output)
{
	struct stat st;
	if (lstat(output, &st) != 0)
		return errno == ENOENT ? NULL
				       : tip_error_from_errno("cannot look at '%s'", output);
	if (!S_ISDIR(st.st_mode))
		return tip_error_conflict("'%s' is not a folder: give tip site --output a "
			"folder of its own (a new one, or one tip site wrote)", output);
	tip_buf mark = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&mark, output, TIP_SITE_MARK);
	bool ours = !err && lstat(tip_buf_str(&mark), &st) == 0 && S_ISREG(st.st_mode);
	tip_buf_dispose(&mark);
	if (err || ours || is_empty_folder(output))
		return err;
	return tip_error_conflict("'%s' is not a site that tip wrote (it has no %s file), "
			"so tip site will not replace it: give --output a new folder, or remove "
			"'%s' yourself", output, TIP_SITE_MARK, output);
}

/* A new empty folder beside output: "<output>.new-XXXXXX" (kind "new") into path. */
static tip_error *folder_beside(tip_buf *path, const char *output, const char *kind)
{
	size_t len = strlen(output);
	while (len > 1 && output[len - 1] == '/')
		len--;
	tip_error *err = tip_buf_addf(path, "%.*s.%s-XXXXXX", (int)len, output, kind);
	if (!err && !mkdtemp(path->data))
		err = tip_error_from_errno("cannot make a folder beside '%s'", output);
	return err;
}

/* mkdtemp makes a folder only its owner may read; a site is for others to read (a web server,
 * colleagues): it gets the permissions any new folder would, by the umask. */
static tip_error *open_to_readers(const char *path)
{
	mode_t mask = umask(0);
	umask(mask);
	if (chmod(path, 0777 & ~mask) != 0)
		return tip_error_from_errno("cannot set the permissions of '%s'", path);
	return NULL;
}

/* Puts the folder built in place of output, moving the old site away first and removing it
 * last, so that output is never half-written. */
static tip_error *swap_in(const char *built, const char *output)
{
	tip_buf old = TIP_BUF_INIT;
	struct stat st;
	bool had = lstat(output, &st) == 0;
	tip_error *err = had ? folder_beside(&old, output, "old") : NULL;
	if (!err && had && rename(output, old.data) != 0)
		err = tip_error_from_errno("cannot move the old site '%s' aside", output);
	if (!err && rename(built, output) != 0) {
		err = tip_error_from_errno("cannot put the new site in place at '%s'", output);
		if (had)
			rename(old.data, output);
	}
	if (!err && had)
		remove_tree(old.data);
	else if (had && old.data)
		rmdir(old.data);
	tip_buf_dispose(&old);
	return err;
}

/* ---- the pages ---- */

static void find_types(site *s)
{
	s->course = tip_store_type_named(s->store, "course");
	s->definition = tip_store_type_named(s->store, "definition");
	s->action = tip_store_type_named(s->store, "action");
	s->champion = tip_store_type_named(s->store, "champion");
}

static tip_error *write_mark_and_css(site *s)
{
	static const char mark[] = "This folder is a website written by tip site; tip site "
				   "replaces it when run again.\n";
	tip_error *err = site_write_file(s, TIP_SITE_MARK, mark, sizeof mark - 1);
	return err ? err : site_write_file(s, "site.css", site_css, strlen(site_css));
}

static tip_error *write_data(site *s)
{
	return tip_site_write_data(s->dir, s->store, s->snap);
}

/* sitemap.xml, which lists absolute addresses: only for a site with a base URL. */
static tip_error *write_sitemap(site *s)
{
	if (!s->base_url)
		return NULL;
	tip_buf xml = TIP_BUF_INIT;
	tip_error *err = tip_site_sitemap(&xml, s->base_url, (const char *const *)s->pages,
		s->page_count);
	if (!err)
		err = site_write_file(s, "sitemap.xml", tip_buf_str(&xml), xml.len);
	tip_buf_dispose(&xml);
	return err;
}

static tip_error *write_pages(site *s)
{
	/* The downloads page after the files it lists; the sitemap after every page. */
	static tip_error *(*const writers[])(site *) = { write_mark_and_css, site_write_home,
		site_write_courses, site_write_glossary, site_write_matrix, site_write_strategy,
		site_write_champions, write_data, site_write_downloads, write_sitemap };
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < sizeof writers / sizeof writers[0]; i++)
		err = writers[i](s);
	return err;
}

/* tip.yaml's name: is the authority's ("Southampton"): the site is its programme's. */
static tip_error *name_the_programme(char **name)
{
	tip_buf title = TIP_BUF_INIT;
	tip_error *err = tip_buf_addf(&title, "%s %s", *name, TIP_SITE_DEFAULT_NAME);
	if (err)
		return err;
	free(*name);
	*name = title.data;
	return NULL;
}

/* tip.yaml's name: as the commit the site is built from holds it, as its records. */
static tip_error *name_at_commit(char **name, const site *s)
{
	tip_buf text = TIP_BUF_INIT;
	bool found = false;
	tip_error *err = tip_store_file_at(&text, &found, s->store, s->commit, "tip.yaml");
	if (!err && found)
		err = tip_name_setting_text(name, tip_buf_str(&text), text.len);
	if (err && found)
		err = tip_error_wrap(err, "tip.yaml at commit %.12s", s->commit);
	tip_buf_dispose(&text);
	return err;
}

static tip_error *read_setup(site *s, char **name, const tip_site_opts *opts)
{
	tip_error *err = tip_date_today(&s->today);
	if (!err) {
		err = tip_changes_resolve(s->commit, s->store, opts->rev ? opts->rev : "HEAD");
		if (err && !opts->rev && tip_error_catch(&err, TIP_ENOTFOUND))
			err = tip_error_not_found("the repository has no commit yet: tip site writes "
				"the records committed at HEAD, so commit them first");
	}
	if (!err)
		err = tip_store_commit_day(s->records_on, s->store, s->commit);
	if (!err)
		err = name_at_commit(name, s);
	if (!err && *name)
		err = name_the_programme(name);
	s->name = *name ? *name : TIP_SITE_DEFAULT_NAME;
	s->base_url = opts->base_url && *opts->base_url ? opts->base_url : NULL;
	return err;
}

static tip_error *build(site *s, const char *output)
{
	tip_buf built = TIP_BUF_INIT;
	tip_error *err = folder_beside(&built, output, "new");
	if (!err && (err = open_to_readers(built.data)))
		remove_tree(built.data);
	if (err) {
		tip_buf_dispose(&built);
		return err;
	}
	s->dir = built.data;
	err = write_pages(s);
	if (!err)
		err = swap_in(built.data, output);
	if (err)
		remove_tree(built.data);
	tip_buf_dispose(&built);
	return err;
}

tip_error *tip_site_write(tip_site_result *out, tip_store *store, const tip_site_opts *opts)
{
	const char *output = opts->output && *opts->output ? opts->output : "site";
	site s = { .store = store };
	char *name = NULL;
	tip_snapshot *snap = NULL;
	tip_diag_list *findings = NULL;
	tip_error *err = check_output(output);
	if (!err)
		err = read_setup(&s, &name, opts);
	if (!err)
		err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_snapshot_at_rev(&snap, store, s.commit, NULL, findings);
	if (!err)
		err = first_problem(snap, findings);
	if (!err) {
		s.snap = snap;
		find_types(&s);
		err = build(&s, output);
	}
	if (!err) {
		memcpy(out->commit, s.commit, sizeof out->commit);
		out->pages = s.page_count;
	}
	for (size_t i = 0; i < s.page_count; i++)
		free(s.pages[i]);
	free(s.pages);
	tip_diag_list_free(findings);
	tip_snapshot_free(snap);
	free(name);
	return err;
}
