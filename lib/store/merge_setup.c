#include "merge_setup.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "git_int.h"
#include "write.h"

static const char setup_message[] = "setup: record-aware merging of records\n\n"
				    "Tip-Action: setup\n";

/* A record's path, to ask git which merge driver its attributes name. */
static const char probe_path[] = "records/any/record.yaml";

static tip_error *attributes_name_driver(bool *out, git_repository *repo)
{
	const char *value = NULL;
	*out = false;
	if (git_attr_get(&value, repo, GIT_ATTR_CHECK_FILE_THEN_INDEX, probe_path, "merge") < 0)
		return tip_git_error("cannot read the git attributes of '%s'", probe_path);
	*out = git_attr_value(value) == GIT_ATTR_VALUE_STRING && strcmp(value, "tip") == 0;
	return NULL;
}

/* The value of name in git's config (every level) into buf; "" when it is not set. */
static tip_error *config_value(tip_buf *buf, git_repository *repo, const char *name)
{
	git_config *cfg = NULL;
	git_buf value = { NULL, 0, 0 };
	tip_error *err = NULL;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return tip_git_error("cannot read git's config");
	int rc = git_config_get_string_buf(&value, cfg, name);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		err = tip_git_error("cannot read %s from git's config", name);
	else if (rc == 0)
		err = tip_buf_add(buf, value.ptr, value.size);
	git_buf_dispose(&value);
	git_config_free(cfg);
	return err;
}

tip_error *tip_store_merge_setup(tip_merge_setup *out, tip_store *store)
{
	git_repository *repo = tip_store_repository(store);
	tip_buf driver = TIP_BUF_INIT;
	memset(out, 0, sizeof(*out));
	tip_error *err = attributes_name_driver(&out->attributes, repo);
	if (!err)
		err = config_value(&driver, repo, "merge.tip.driver");
	/* an earlier tip's driver (the bare command) fails where tip is not on PATH: not set up */
	out->driver = !err && driver.len && strcmp(tip_buf_str(&driver), TIP_MERGE_COMMAND) != 0;
	tip_buf_dispose(&driver);
	return err;
}

static tip_error *set_local(git_repository *repo, const char *name, const char *value,
	bool *changed)
{
	tip_buf now = TIP_BUF_INIT;
	git_config *cfg = NULL, *local = NULL;
	tip_error *err = config_value(&now, repo, name);
	if (!err && strcmp(tip_buf_str(&now), value) != 0) {
		if (git_repository_config(&cfg, repo) < 0 ||
		    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
		    git_config_set_string(local, name, value) < 0)
			err = tip_git_error("cannot set %s in the repository's config", name);
		*changed = true;
	}
	git_config_free(local);
	git_config_free(cfg);
	tip_buf_dispose(&now);
	return err;
}

tip_error *tip_store_set_merge_driver(bool *changed, tip_store *store)
{
	git_repository *repo = tip_store_repository(store);
	*changed = false;
	tip_error *err = set_local(repo, "merge.tip.name", TIP_MERGE_DRIVER_NAME, changed);
	return err ? err : set_local(repo, "merge.tip.driver", TIP_MERGE_DRIVER, changed);
}

/* .gitattributes as it is in the working tree, with tip's line after it. */
static tip_error *add_attributes_line(tip_store *store)
{
	tip_buf path = TIP_BUF_INIT, text = TIP_BUF_INIT;
	tip_error *err = tip_store_check_path(store, ".gitattributes", true);
	if (!err)
		err = tip_buf_add_path(&path, tip_store_root(store), ".gitattributes");
	FILE *f = err ? NULL : fopen(tip_buf_str(&path), "rb");
	if (f) {
		err = tip_buf_add_stream(&text, f, ".gitattributes", 1 << 20);
		fclose(f);
	}
	if (!err && text.len && text.data[text.len - 1] != '\n')
		err = tip_buf_addc(&text, '\n');
	if (!err)
		err = tip_buf_adds(&text, TIP_MERGE_ATTRIBUTES);
	tip_file_change change = { ".gitattributes", tip_buf_str(&text), text.len };
	if (!err)
		err = tip_store_write(store, &change, 1, setup_message, NULL);
	tip_buf_dispose(&path);
	tip_buf_dispose(&text);
	return err;
}

tip_error *tip_store_setup_merge(tip_merge_setup *done, tip_store *store)
{
	tip_merge_setup now;
	memset(done, 0, sizeof(*done));
	tip_error *err = tip_store_merge_setup(&now, store);
	if (!err && !now.attributes)
		err = add_attributes_line(store);
	done->attributes = !err && !now.attributes;
	if (!err)
		err = tip_store_set_merge_driver(&done->driver, store);
	return err;
}
