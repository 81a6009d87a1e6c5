/* Reading tip.yaml, the repository's settings. */
#include "settings.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ascii.h"
#include "buf.h"
#include "suggest.h"
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

/* tip.yaml loaded into *doc: the file at path, or (path NULL) the text given. */
static tip_error *load_settings_from(tip_doc **doc, const char *path, const char *text,
	size_t len)
{
	struct first_finding first = { TIP_BUF_INIT, false };
	tip_yaml_opts opts = { .finding = keep_first, .finding_ctx = &first };
	tip_error *err = path ? tip_yaml_load_file(doc, path, "tip.yaml", &opts)
			      : tip_yaml_load(doc, text, len, "tip.yaml", &opts);
	if (!err && !*doc)
		err = tip_error_invalid("%s: mend tip.yaml there (YAML, as docs/peers.md shows it); no "
			"command that reads its settings goes on until it loads",
			first.seen ? tip_buf_str(&first.text) : "tip.yaml does not load");
	tip_buf_dispose(&first.text);
	return err;
}

/* tip.yaml at root, loaded into *doc; *doc NULL (and no error) when there is no such file. */
static tip_error *load_settings(tip_doc **doc, const char *root)
{
	*doc = NULL;
	tip_buf path = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&path, root, "tip.yaml");
	struct stat st;
	if (!err && !(stat(tip_buf_str(&path), &st) != 0 && errno == ENOENT))
		err = load_settings_from(doc, tip_buf_str(&path), NULL, 0);
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

static tip_error *name_value(char **out, const tip_doc *doc)
{
	const tip_node *v = doc ? tip_node_get(doc->root, "name") : NULL;
	if (v && (v->type != TIP_NODE_STR || !v->len))
		return tip_error_invalid("tip.yaml:%u:%u: name must be the authority's name as "
			"text, e.g. name: Southampton", v->line, v->col);
	if (v && !(*out = strdup(v->str)))
		return tip_error_nomem();
	return NULL;
}

tip_error *tip_name_setting(char **out, const char *root)
{
	*out = NULL;
	tip_doc *doc = NULL;
	tip_error *err = load_settings(&doc, root);
	if (!err)
		err = name_value(out, doc);
	tip_doc_free(doc);
	return err;
}

tip_error *tip_name_setting_text(char **out, const char *text, size_t len)
{
	*out = NULL;
	tip_doc *doc = NULL;
	tip_error *err = load_settings_from(&doc, NULL, text, len);
	if (!err)
		err = name_value(out, doc);
	tip_doc_free(doc);
	return err;
}

/* ---- peers ---- */

static const char peer_example[] = "write each peer as {name: portsmouth, url: "
	"https://example.org/portsmouth-tip.git} (and branch: NAME to follow another branch "
	"than its default)";

/* Why name is no peer name, or NULL: the rule of record ids. */
static const char *bad_peer_name(const char *name, size_t len)
{
	if (len == 0 || len > 64)
		return "a peer's name has 1 to 64 characters";
	if (name[0] == '-' || name[len - 1] == '-' || strstr(name, "--"))
		return "a peer's name cannot start or end with '-', nor have two in a row";
	for (size_t i = 0; i < len; i++)
		if (!tip_is_lower(name[i]) && !tip_is_digit(name[i]) && name[i] != '-')
			return "a peer's name has only lower-case letters a-z, digits and '-'";
	return NULL;
}

/* Why branch is no branch name git takes, or NULL (the gist of git check-ref-format). */
static const char *bad_branch(const char *branch, size_t len)
{
	if (len == 0)
		return "it is empty";
	if (branch[0] == '-' || branch[0] == '/' || branch[0] == '.')
		return "it starts with '-', '/' or '.'";
	if (branch[len - 1] == '/' || branch[len - 1] == '.' ||
	    (len >= 5 && strcmp(branch + len - 5, ".lock") == 0))
		return "it ends with '/', '.' or '.lock'";
	if (strstr(branch, "..") || strstr(branch, "@{") || strstr(branch, "//"))
		return "it holds '..', '@{' or '//'";
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)branch[i] <= ' ' || branch[i] == 0x7f ||
		    strchr("~^:?*[\\", branch[i]))
			return "it holds a space, a control character or one of ~ ^ : ? * [ \\";
	return NULL;
}

/* True when url ("https://user:secret@host/...") holds a password or token. */
static bool url_has_secret(const char *url)
{
	const char *rest = strstr(url, "://");
	if (!rest)
		return false;
	rest += 3;
	size_t authority = strcspn(rest, "/");
	const char *at = memchr(rest, '@', authority);
	return at && memchr(rest, ':', (size_t)(at - rest));
}

/* The value of key in a peer's entry as a string of its own (NULL when absent). */
static tip_error *peer_string(char **out, const tip_node *entry, const char *key)
{
	const tip_node *v = tip_node_get(entry, key);
	*out = NULL;
	if (!v)
		return NULL;
	if (v->type != TIP_NODE_STR || v->len != strlen(v->str))
		return tip_error_invalid("tip.yaml:%u:%u: a peer's %s is text, not '%s'",
			v->line, v->col, key, v->str ? v->str : "");
	*out = strdup(v->str);
	return *out ? NULL : tip_error_nomem();
}

/* " (did you mean 'url'?)" for a key close to one of names, or "". */
static const char *meant(char *out, size_t cap, const char *key, const char *const *names,
	size_t count)
{
	tip_suggestions s;
	tip_suggest_among(&s, key, names, count);
	char text[256];
	tip_suggest_text(text, sizeof(text), &s, '\'');
	if (!text[0])
		return "";
	/* ": did you mean 'url'?" said in brackets, as the message goes on after it */
	snprintf(out, cap, " (%s)", text + 2);
	return out;
}

static tip_error *check_peer_keys(const tip_node *entry)
{
	static const char *const keys[] = { "name", "url", "branch" };
	for (size_t i = 0; i < entry->count; i++) {
		const tip_node *key = entry->pairs[i].key;
		if (strcmp(key->str, keys[0]) != 0 && strcmp(key->str, keys[1]) != 0 &&
		    strcmp(key->str, keys[2]) != 0) {
			char hint[280];
			return tip_error_invalid("tip.yaml:%u:%u: a peer has no setting '%s'%s: a "
						 "peer has name, url and branch (optional); %s",
				key->line, key->col, key->str, meant(hint, sizeof(hint), key->str,
					keys, 3), peer_example);
		}
	}
	return NULL;
}

/* Without peers:, a key close to it is a slip, not a wish for no peers. */
static tip_error *refuse_near_peers(const tip_node *root)
{
	static const char *const peers[] = { "peers" };
	for (size_t i = 0; root && root->type == TIP_NODE_MAP && i < root->count; i++) {
		const tip_node *key = root->pairs[i].key;
		char hint[280];
		if (key->str && meant(hint, sizeof(hint), key->str, peers, 1)[0])
			return tip_error_invalid("tip.yaml:%u:%u: tip.yaml has no setting '%s'%s: "
						 "write the peers under peers: (docs/peers.md)",
				key->line, key->col, key->str, hint);
	}
	return NULL;
}

static tip_error *check_peer_values(const tip_peer_setting *p, const tip_node *entry)
{
	const tip_node *name = tip_node_get(entry, "name"), *url = tip_node_get(entry, "url");
	const tip_node *branch = tip_node_get(entry, "branch");
	const char *why;
	if (!p->name)
		return tip_error_invalid("tip.yaml:%u:%u: a peer has no name: %s", entry->line,
			entry->col, peer_example);
	if ((why = bad_peer_name(p->name, strlen(p->name))))
		return tip_error_invalid("tip.yaml:%u:%u: '%s' cannot name a peer: %s (write "
					 "portsmouth, isle-of-wight)", name->line, name->col,
			p->name, why);
	if (!p->url || !*p->url)
		return tip_error_invalid("tip.yaml:%u:%u: peer '%s' has no url: write url: and the "
					 "address of its repository (https://..., git@host:path, or "
					 "a folder)", url ? url->line : entry->line,
			url ? url->col : entry->col, p->name);
	if (p->url[0] == '-')
		return tip_error_invalid("tip.yaml:%u:%u: peer '%s' has a url starting with '-', "
					 "which git would take as an option: write the address of "
					 "its repository", url->line, url->col, p->name);
	if (url_has_secret(p->url))
		return tip_error_invalid("tip.yaml:%u:%u: peer '%s' has a password or token in its "
					 "url, which everyone who clones this repository would read: "
					 "take it out, and let git's credential helper give it",
			url->line, url->col, p->name);
	if (p->branch && (why = bad_branch(p->branch, strlen(p->branch))))
		return tip_error_invalid("tip.yaml:%u:%u: peer '%s' has a branch git cannot name "
					 "('%s': %s): write the name of one of its branches, or "
					 "leave branch out to follow its default branch",
			branch->line, branch->col, p->name, p->branch, why);
	return NULL;
}

static tip_error *read_peer(tip_peer_setting *p, const tip_node *entry)
{
	if (entry->type != TIP_NODE_MAP)
		return tip_error_invalid("tip.yaml:%u:%u: a peer is a name, a url and (optional) a "
					 "branch; %s", entry->line, entry->col, peer_example);
	p->line = entry->line;
	tip_error *err = check_peer_keys(entry);
	if (!err)
		err = peer_string(&p->name, entry, "name");
	if (!err)
		err = peer_string(&p->url, entry, "url");
	if (!err)
		err = peer_string(&p->branch, entry, "branch");
	return err ? err : check_peer_values(p, entry);
}

static tip_error *refuse_taken_name(const tip_peer_settings *s, const tip_node *list)
{
	for (size_t i = 0; i < s->count; i++)
		for (size_t j = 0; j < i; j++) {
			if (strcmp(s->peers[i].name, s->peers[j].name) != 0)
				continue;
			const tip_node *name = tip_node_get(list->items[i], "name");
			return tip_error_invalid("tip.yaml:%u:%u: two peers are named '%s' (the other "
						 "at line %u): give each its own name",
				name->line, name->col, s->peers[i].name, s->peers[j].line);
		}
	return NULL;
}

static tip_error *read_peers(tip_peer_settings *out, const tip_node *list)
{
	if (list->type == TIP_NODE_NULL)
		return NULL;
	if (list->type != TIP_NODE_SEQ)
		return tip_error_invalid("tip.yaml:%u:%u: peers is a list; %s", list->line,
			list->col, peer_example);
	if (list->count && !(out->peers = calloc(list->count, sizeof(*out->peers))))
		return tip_error_nomem();
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < list->count; i++) {
		out->count = i + 1;
		err = read_peer(&out->peers[i], list->items[i]);
	}
	return err ? err : refuse_taken_name(out, list);
}

tip_error *tip_peer_settings_read(tip_peer_settings *out, const char *root)
{
	memset(out, 0, sizeof(*out));
	tip_doc *doc = NULL;
	tip_error *err = load_settings(&doc, root);
	const tip_node *list = !err && doc ? tip_node_get(doc->root, "peers") : NULL;
	if (list)
		err = read_peers(out, list);
	else if (!err && doc)
		err = refuse_near_peers(doc->root);
	tip_doc_free(doc);
	if (err)
		tip_peer_settings_dispose(out);
	return err;
}

void tip_peer_settings_dispose(tip_peer_settings *settings)
{
	for (size_t i = 0; i < settings->count; i++) {
		free(settings->peers[i].name);
		free(settings->peers[i].url);
		free(settings->peers[i].branch);
	}
	free(settings->peers);
	memset(settings, 0, sizeof(*settings));
}

const tip_peer_setting *tip_peer_setting_named(const tip_peer_settings *settings,
	const char *name)
{
	for (size_t i = 0; i < settings->count; i++)
		if (strcmp(settings->peers[i].name, name) == 0)
			return &settings->peers[i];
	return NULL;
}
