/* Reading tip.yaml, the repository's settings. */
#include "settings.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "yaml.h"

struct first_finding {
	tip_buf text;
	bool seen;
};

static void keep_first(void *ctx, const tip_finding *f)
{
	struct first_finding *first = ctx;
	if (first->seen)
		return;
	first->seen = true;
	tip_buf_addf(&first->text, "%s:%u:%u: %s", f->file, f->line, f->col, f->message);
}

static tip_error *quarters_value(tip_period_kind *out, const tip_doc *doc)
{
	const tip_node *v = tip_node_get(doc->root, "quarters");
	if (!v)
		return NULL;
	if (v->type == TIP_NODE_STR && strcmp(v->str, "financial") == 0)
		*out = TIP_PERIOD_FINANCIAL;
	else if (v->type == TIP_NODE_STR && strcmp(v->str, "calendar") == 0)
		*out = TIP_PERIOD_CALENDAR;
	else
		return tip_error_invalid("tip.yaml:%u:%u: quarters must be financial or calendar, "
			"not '%s'", v->line, v->col, v->str ? v->str : "");
	return NULL;
}

/* tip.yaml at root loaded into *doc; *doc NULL when there is no tip.yaml. */
static tip_error *load_settings(tip_doc **doc, const char *root)
{
	*doc = NULL;
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&path, root, "tip.yaml");
	struct stat st;
	if (err || (stat(tip_buf_str(&path), &st) != 0 && errno == ENOENT)) {
		tip_buf_dispose(&path);
		return err;
	}
	struct first_finding first = { TIP_BUF_INIT, false };
	tip_yaml_opts opts = { .finding = keep_first, .finding_ctx = &first };
	err = tip_yaml_load_file(doc, tip_buf_str(&path), "tip.yaml", &opts);
	if (!err && !*doc)
		err = tip_error_invalid("%s", first.seen ? tip_buf_str(&first.text)
			: "tip.yaml does not load");
	tip_buf_dispose(&first.text);
	tip_buf_dispose(&path);
	return err;
}

tip_error *tip_period_kind_setting(tip_period_kind *out, const char *root)
{
	*out = TIP_PERIOD_FINANCIAL;
	tip_doc *doc = NULL;
	tip_error *err = load_settings(&doc, root);
	if (!err && doc)
		err = quarters_value(out, doc);
	tip_doc_free(doc);
	return err;
}

tip_error *tip_name_setting(char **out, const char *root)
{
	*out = NULL;
	tip_doc *doc = NULL;
	tip_error *err = load_settings(&doc, root);
	const tip_node *v = doc ? tip_node_get(doc->root, "name") : NULL;
	if (!err && v && (v->type != TIP_NODE_STR || !*v->str))
		err = tip_error_invalid("tip.yaml:%u:%u: name must be the programme's name as "
			"text, such as Trauma Informed Practice programme", v->line, v->col);
	else if (!err && v && !(*out = strdup(v->str)))
		err = tip_error_nomem();
	tip_doc_free(doc);
	return err;
}
