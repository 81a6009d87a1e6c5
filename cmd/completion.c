/* tip completion: completion scripts for bash and zsh, and the answers they ask tip for as the
 * user types. What a command takes comes from its options table, the one its parsing and its
 * usage text come from, so completion follows every change to a command's options. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "schema.h"
#include "settings.h"
#include "store.h"

struct completion_options {
	const char *list;
	bool complete;
};

static const struct cmd_option completion_options[] = {
	{ .kind = CMD_OPT_STRING, .name = "list", .arg = "Q",
	  .takes = "commands|types|options|ids|fields|values",
	  .offset = offsetof(struct completion_options, list), .synopses = 0x1e,
	  .help = "one word a line: the commands, a command's options, the record\n"
		  "types, a type's ids or fields, or the values a field may take\n"
		  "(its enum, true and false, or the ids it may refer to)" },
	{ .kind = CMD_OPT_REST, .name = "complete", .arg = "WORD...",
	  .offset = offsetof(struct completion_options, complete), .synopses = 0x20,
	  .help = "the words after tip up to the cursor, the last one the word to\n"
		  "complete: prints how to complete it (words, files or dirs) on\n"
		  "the first line, then the words that fit, one a line" },
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_completion = {
	.name = "completion",
	.synopses = (const struct cmd_synopsis[]){
		{ "bash|zsh", { "bash|zsh" }, false },
		{ "--list commands|types", { NULL }, false },
		{ "--list options COMMAND", { "COMMAND" }, false },
		{ "--list ids|fields TYPE", { "TYPE" }, false },
		{ "--list values TYPE FIELD", { "TYPE", "FIELD" }, false },
		{ "--complete WORD...", { "WORD" }, true },
		{ NULL } },
	.about = "Prints a completion script for bash or zsh. It completes commands, options and\n"
		 "their values, record types, ids, field names (tip set TYPE ID F=, --where,\n"
		 "--sort, --field), the values a field may take, and file names. To use it:\n"
		 "  bash  save it as tip in a bash-completion folder (make install does), or\n"
		 "        add: source <(tip completion bash) to ~/.bashrc\n"
		 "  zsh   save it as _tip in a folder of $fpath (make install does), or add:\n"
		 "        source <(tip completion zsh) to ~/.zshrc after compinit\n\n"
		 "The scripts ask tip as you type, so the answers follow the repository:\n",
	.options = completion_options,
	.column = 16,
	.after = "Outside a repository there are no types, ids or fields: nothing is printed.\n\n"
		 "Exit status: 0 success, 2 usage or I/O errors.\n",
};

/* ---- the commands ---- */

static const struct cmd *command_named(const char *name)
{
	size_t count;
	const struct cmd *commands = cmd_table(&count);
	for (size_t i = 0; i < count; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* ---- the answer: the words that fit ---- */

enum how { HOW_WORDS, HOW_FILES, HOW_DIRS };

struct reply {
	const char *cur; /* the word being completed, as typed so far */
	enum how how;
	tip_buf words;   /* one a line */
	tip_error *err;  /* the first failure to add one */
};

/* True when word + tail begins with typed. */
static bool fits(const char *word, const char *tail, const char *typed)
{
	size_t wlen = strlen(word), tlen = strlen(typed);
	if (wlen >= tlen)
		return strncmp(word, typed, tlen) == 0;
	return strncmp(word, typed, wlen) == 0 && strncmp(tail, typed + wlen, tlen - wlen) == 0;
}

/* Offers word + tail after the first head characters of the word being completed (the part
 * already settled: "level=" when completing a value), when it fits what was typed. */
static void offer(struct reply *r, size_t head, const char *word, const char *tail)
{
	if (r->err || !fits(word, tail, r->cur + head) || strchr(word, '\n'))
		return;
	if (!(r->err = tip_buf_add(&r->words, r->cur, head)) &&
	    !(r->err = tip_buf_adds(&r->words, word)) && !(r->err = tip_buf_adds(&r->words, tail)))
		r->err = tip_buf_addc(&r->words, '\n');
}

static void offer_commands(struct reply *r)
{
	size_t count;
	const struct cmd *commands = cmd_table(&count);
	for (size_t i = 0; i < count; i++)
		offer(r, 0, commands[i].name, "");
}

/* ---- the repository, opened only when a type, an id or a field is asked for ---- */

struct repo {
	tip_store *store; /* NULL outside a repository */
	bool opened;
	bool listed; /* the types' ids */
};

static tip_store *repo_store(struct repo *repo)
{
	if (repo->opened)
		return repo->store;
	repo->opened = true;
	tip_diag_list *schema_findings = NULL;
	/* Completion never complains: no repository, or one that does not open, offers nothing. */
	tip_error *err = tip_store_open(&repo->store, NULL);
	if (!err)
		err = tip_diag_list_new(&schema_findings);
	if (!err)
		err = tip_store_load_types(repo->store, schema_findings);
	tip_diag_list_free(schema_findings);
	if (err) {
		tip_error_free(err);
		tip_store_free(repo->store);
		repo->store = NULL;
	}
	return repo->store;
}

static const tip_type *repo_type(struct repo *repo, const char *name, size_t len)
{
	tip_store *store = name ? repo_store(repo) : NULL;
	for (size_t i = 0; store && i < tip_store_type_count(store); i++) {
		const tip_type *t = tip_store_type_at(store, i);
		if (strncmp(t->name, name, len) == 0 && t->name[len] == '\0')
			return t;
	}
	return NULL;
}

static void offer_types(struct reply *r, struct repo *repo, size_t head)
{
	tip_store *store = repo_store(repo);
	for (size_t i = 0; store && i < tip_store_type_count(store); i++)
		offer(r, head, tip_store_type_at(store, i)->name, "");
}

static void offer_ids(struct reply *r, struct repo *repo, size_t head, const char *type)
{
	const tip_type *t = repo_type(repo, type, type ? strlen(type) : 0);
	if (t && !repo->listed) {
		tip_error *err = tip_store_list_records(repo->store);
		repo->listed = true;
		if (err) {
			tip_error_free(err);
			return;
		}
	}
	for (size_t i = 0; t && i < t->id_count; i++)
		offer(r, head, t->ids[i], "");
}

/* The type's fields, in the schema's order; none when its schema does not compile. Freed with
 * free(). */
static tip_field *fields_of(size_t *count, struct repo *repo, const char *type)
{
	const tip_type *t = repo_type(repo, type, type ? strlen(type) : 0);
	tip_field *fields = NULL;
	*count = 0;
	if (!t || !t->schema)
		return NULL;
	tip_error *err = tip_subschema_fields(&fields, count, tip_schema_root(t->schema));
	if (err) {
		tip_error_free(err);
		*count = 0;
		return NULL;
	}
	return fields;
}

/* The names of tip.yaml's peers. */
static void offer_peers(struct reply *r, struct repo *repo, size_t head)
{
	tip_store *store = repo_store(repo);
	tip_peer_settings settings;
	tip_error *err = store ? tip_peer_settings_read(&settings, tip_store_root(store)) : NULL;
	for (size_t i = 0; store && !err && i < settings.count; i++)
		offer(r, head, settings.peers[i].name, "");
	if (store && !err)
		tip_peer_settings_dispose(&settings);
	tip_error_free(err);
}

/* Each field as its name + tail; personal data only when personal is true. */
static void offer_fields(struct reply *r, struct repo *repo, size_t head, const char *type,
	const char *tail, bool personal)
{
	size_t count;
	tip_field *fields = fields_of(&count, repo, type);
	for (size_t i = 0; i < count; i++)
		if (personal || !fields[i].personal)
			offer(r, head, fields[i].name, tail);
	free(fields);
}

/* Where the item being typed starts in a list's value "a,b\,c,d": after the last comma that
 * is not escaped. */
static size_t last_item(const char *cur, size_t head)
{
	size_t at = head;
	for (size_t i = head; cur[i]; i++) {
		if (cur[i] == '\\' && cur[i + 1])
			i++;
		else if (cur[i] == ',')
			at = i + 1;
	}
	return at;
}

/* What the field (name[0..len)) may hold, where the schema says: its enum (or its items'),
 * true and false, or the ids of the type it refers to. */
static void offer_values(struct reply *r, struct repo *repo, size_t head, const char *type,
	const char *name, size_t len)
{
	size_t count;
	tip_field *fields = fields_of(&count, repo, type);
	const tip_field *f = NULL;
	for (size_t i = 0; i < count && !f; i++)
		if (strncmp(fields[i].name, name, len) == 0 && fields[i].name[len] == '\0')
			f = &fields[i];
	if (f && f->kind == TIP_VALUE_ARRAY)
		head = last_item(r->cur, head);
	for (size_t i = 0; f && i < f->enum_count; i++)
		offer(r, head, f->enum_values[i], "");
	for (size_t i = 0; f && i < f->item_enum_count; i++)
		offer(r, head, f->item_enum_values[i], "");
	if (f && (f->kind == TIP_VALUE_BOOLEAN || f->item_kind == TIP_VALUE_BOOLEAN)) {
		offer(r, head, "true", "");
		offer(r, head, "false", "");
	}
	const char *ref = f ? f->ref_type : NULL;
	free(fields);
	if (ref)
		offer_ids(r, repo, head, ref);
}

/* ---- completing a command line ---- */

enum { MAX_GIVEN = 64 };

/* What the words before the cursor give, after the command's name. */
struct given {
	const char *positional[MAX_GIVEN];
	size_t count;
	const struct cmd_option *options[MAX_GIVEN];
	const char *values[MAX_GIVEN]; /* each option's argument; NULL for a flag */
	size_t option_count;
	unsigned synopses; /* the synopsis lines that have every option given, one bit each */
	bool options_ended; /* after "--", or after an option that ends them */
	const struct cmd_option *pending; /* the word being completed is this one's argument */
};

/* What completion offers for an option's value: its choices or a placeholder. */
static const char *takes(const struct cmd_option *o)
{
	return o->takes ? o->takes : o->arg;
}

/* Options the table does not have are taken as flags. */
static void read_given(struct given *g, const struct cmd_usage *u, char **words, size_t n)
{
	g->synopses = ~0u;
	for (size_t i = 0; i < n; i++) {
		const char *w = words[i];
		if (!g->options_ended && strcmp(w, "--") == 0) {
			g->options_ended = true;
			continue;
		}
		if (g->options_ended || w[0] != '-' || w[1] == '\0') {
			if (g->count < MAX_GIVEN)
				g->positional[g->count++] = w;
			continue;
		}
		size_t len = strcspn(w, "=");
		const struct cmd_option *o = cmd_option_named(u, w, len);
		if (!o || g->option_count == MAX_GIVEN)
			continue;
		g->synopses &= o->synopses ? o->synopses : ~0u;
		g->options_ended = o->kind == CMD_OPT_REST;
		bool has_value = o->arg && o->kind != CMD_OPT_REST;
		const char *value = w[len] == '=' ? w + len + 1 : NULL;
		if (has_value && !value && i + 1 == n)
			g->pending = o;
		else if (has_value && !value)
			value = words[++i];
		g->options[g->option_count] = o;
		g->values[g->option_count++] = value;
	}
}

static const char *given_value(const struct given *g, const struct cmd_option *option,
	bool *found)
{
	for (size_t i = 0; i < g->option_count; i++)
		if (g->options[i] == option) {
			*found = true;
			return g->values[i];
		}
	*found = false;
	return NULL;
}

/* The first synopsis line that has every option given ("--schema" chooses validate's second). */
static const struct cmd_synopsis *synopsis_for(const struct cmd_usage *u, unsigned lines)
{
	for (unsigned i = 0; u->synopses[i].text; i++)
		if (lines & (1u << i))
			return &u->synopses[i];
	return u->synopses[0].text ? &u->synopses[0] : NULL;
}

static const char *positional_at(const struct cmd_synopsis *s, size_t k)
{
	size_t count = 0;
	while (count < sizeof(s->args) / sizeof(s->args[0]) && s->args[count])
		count++;
	if (k < count)
		return s->args[k];
	return s->repeats && count ? s->args[count - 1] : NULL;
}

/* True when spec ("TYPE|all") has word as one of its alternatives. */
static bool has_alternative(const char *spec, const char *word)
{
	size_t len = strlen(word);
	for (const char *p = spec; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, word, len) == 0 && (p[len] == '\0' || p[len] == '|'))
			return true;
	return false;
}

/* The record type the line names: a TYPE argument, else the value of an option taking TYPE,
 * given or where it stands when not given (tip matrix's --type: course). */
static const char *type_given(const struct cmd_usage *u, const struct cmd_synopsis *s,
	const struct given *g)
{
	for (size_t k = 0; s && k < g->count; k++) {
		const char *placeholder = positional_at(s, k);
		if (placeholder && has_alternative(placeholder, "TYPE"))
			return g->positional[k];
	}
	for (const struct cmd_option *o = u->options; o->kind != CMD_OPT_END; o++) {
		if (!o->arg || !has_alternative(takes(o), "TYPE"))
			continue;
		bool found;
		const char *value = given_value(g, o, &found);
		return found ? value : o->fallback;
	}
	return NULL;
}

struct completer {
	struct reply *r;
	struct repo *repo;
	const char *type; /* the record type the command line names, or NULL */
	bool personal;    /* personal fields may be offered */
};

/* "level=", "audience+=edu": the fields with '=', then the values of the field named. */
static void complete_assignment(const struct completer *c, size_t head)
{
	const char *typed = c->r->cur + head;
	const char *eq = strchr(typed, '=');
	if (!eq) {
		offer_fields(c->r, c->repo, head, c->type, "=", c->personal);
		return;
	}
	size_t len = (size_t)(eq - typed);
	if (len && (typed[len - 1] == '+' || typed[len - 1] == '-'))
		len--;
	offer_values(c->r, c->repo, head + (size_t)(eq - typed) + 1, c->type, typed, len);
}

/* tip list's --where: "F=V", "F!=V", "F~T", "F<V"...; F may be id. */
static void complete_expression(const struct completer *c, size_t head)
{
	static const char operators[] = "!=~<>";
	const char *typed = c->r->cur + head;
	size_t len = strcspn(typed, operators);
	if (!typed[len]) {
		offer(c->r, head, "id", "=");
		offer_fields(c->r, c->repo, head, c->type, "=", c->personal);
		return;
	}
	size_t value = head + len + strspn(typed + len, operators);
	if (len == 2 && strncmp(typed, "id", 2) == 0)
		offer_ids(c->r, c->repo, value, c->type);
	else
		offer_values(c->r, c->repo, value, c->type, typed, len);
}

/* tip list's --sort [-]FIELD: id or a field, '-' before it for descending. */
static void complete_sort(const struct completer *c, size_t head)
{
	head += c->r->cur[head] == '-';
	offer(c->r, head, "id", "");
	offer_fields(c->r, c->repo, head, c->type, "", c->personal);
}

enum kind {
	KIND_NONE, KIND_LITERAL, KIND_TYPES, KIND_IDS, KIND_FIELDS, KIND_SORT, KIND_ASSIGNMENT,
	KIND_EXPRESSION, KIND_FILES, KIND_DIRS, KIND_COMMANDS, KIND_PEERS,
};

/* What the placeholders of the options tables and synopses stand for. Any other (REASON, DATE, REV...) is free text,
 * completed with nothing. */
static const struct {
	const char *placeholder;
	enum kind kind;
} placeholder_kinds[] = {
	{ "TYPE", KIND_TYPES }, { "ID", KIND_IDS }, { "FIELD", KIND_FIELDS },
	{ "[-]FIELD", KIND_SORT }, { "FIELD=VALUE", KIND_ASSIGNMENT }, { "F=V", KIND_ASSIGNMENT },
	{ "EXPR", KIND_EXPRESSION }, { "PATH", KIND_FILES }, { "FILE", KIND_FILES },
	{ "SCHEMA", KIND_FILES }, { "DIR", KIND_DIRS }, { "COMMAND", KIND_COMMANDS },
	{ "PEER", KIND_PEERS },
};

/* alt[0..len): a placeholder, or a word to give as it is ("json", "all", "bash"). */
static enum kind kind_of(const char *alt, size_t len)
{
	for (size_t i = 0; i < sizeof(placeholder_kinds) / sizeof(placeholder_kinds[0]); i++)
		if (strncmp(placeholder_kinds[i].placeholder, alt, len) == 0 &&
		    placeholder_kinds[i].placeholder[len] == '\0')
			return placeholder_kinds[i].kind;
	bool lower = false;
	for (size_t i = 0; i < len; i++) {
		if (alt[i] >= 'A' && alt[i] <= 'Z')
			return KIND_NONE;
		lower |= alt[i] >= 'a' && alt[i] <= 'z';
	}
	return lower ? KIND_LITERAL : KIND_NONE;
}

static void complete_alternative(const struct completer *c, size_t head, const char *alt,
	size_t len, bool positional)
{
	char word[64];
	switch (kind_of(alt, len)) {
	case KIND_LITERAL:
		snprintf(word, sizeof(word), "%.*s", (int)len, alt);
		offer(c->r, head, word, "");
		break;
	case KIND_TYPES: offer_types(c->r, c->repo, head); break;
	case KIND_IDS: /* an option's ID is a new one (tip add --id) */
		if (positional)
			offer_ids(c->r, c->repo, head, c->type);
		break;
	case KIND_FIELDS: offer_fields(c->r, c->repo, head, c->type, "", c->personal); break;
	case KIND_SORT: complete_sort(c, head); break;
	case KIND_ASSIGNMENT: complete_assignment(c, head); break;
	case KIND_EXPRESSION: complete_expression(c, head); break;
	case KIND_FILES: c->r->how = HOW_FILES; break;
	case KIND_DIRS: c->r->how = HOW_DIRS; break;
	case KIND_COMMANDS: offer_commands(c->r); break;
	case KIND_PEERS: offer_peers(c->r, c->repo, head); break;
	case KIND_NONE: break;
	}
}

/* Completes what spec ("text|json|github", "TYPE|all", "F=V") stands for; positional for an
 * argument that is not an option's. */
static void complete_value(const struct completer *c, size_t head, const char *spec,
	bool positional)
{
	for (const char *p = spec; p && *p;) {
		size_t len = strcspn(p, "|");
		complete_alternative(c, head, p, len, positional);
		p += len + (p[len] == '|');
	}
}

static void offer_long_options(struct reply *r, const struct cmd_usage *u)
{
	for (const struct cmd_option *o = u->options; o->kind != CMD_OPT_END; o++)
		offer(r, 0, "--", o->name);
}

/* A word starting with '-': the long options, or the value of "--option=". */
static void complete_option(const struct completer *c, const struct cmd_usage *u)
{
	const char *cur = c->r->cur;
	size_t len = strcspn(cur, "=");
	if (cur[len] != '=')
		offer_long_options(c->r, u);
	const struct cmd_option *o = cmd_option_named(u, cur, len);
	if (cur[len] == '=' && o && o->arg)
		complete_value(c, len + 1, takes(o), false);
}

static bool personal_allowed(const struct cmd_usage *u, const struct given *g)
{
	static const char option[] = "--include-personal";
	const struct cmd_option *o = cmd_option_named(u, option, strlen(option));
	bool given = false;
	if (o)
		given_value(g, o, &given);
	return given || !o;
}

/* args[0..n) are the words after the command's name, the last one being completed. */
static void complete_arguments(struct reply *r, struct repo *repo, const struct cmd *command,
	char **args, size_t n)
{
	const struct cmd_usage *u = command->usage;
	struct given g = { 0 };
	read_given(&g, u, args, n - 1);
	const struct cmd_synopsis *s = synopsis_for(u, g.synopses);
	struct completer c = { r, repo, type_given(u, s, &g), personal_allowed(u, &g) };
	if (g.pending)
		complete_value(&c, 0, takes(g.pending), false);
	else if (!g.options_ended && r->cur[0] == '-')
		complete_option(&c, u);
	else if (s)
		complete_value(&c, 0, positional_at(s, g.count), true);
}

/* words[0..n) are the words after "tip", the last one being completed. */
static void complete_line(struct reply *r, struct repo *repo, char **words, size_t n)
{
	const struct cmd *command;
	size_t i = 0;
	r->cur = words[n - 1];
	for (; i + 1 < n && words[i][0] == '-'; i++) { /* tip's own options */
		if (strcmp(words[i], "-C") != 0)
			return; /* --version, --help: nothing follows */
		if (i + 2 == n) {
			r->how = HOW_DIRS;
			return;
		}
		if (chdir(words[++i]) != 0)
			return;
	}
	if (i + 1 == n && r->cur[0] == '-') {
		offer(r, 0, "-C", "");
		offer(r, 0, "--help", "");
		offer(r, 0, "--version", "");
	} else if (i + 1 == n) {
		offer_commands(r);
		offer(r, 0, "help", "");
	} else if (strcmp(words[i], "help") == 0) {
		if (i + 2 == n)
			offer_commands(r);
	} else if ((command = command_named(words[i]))) {
		complete_arguments(r, repo, command, words + i + 1, n - i - 1);
	}
}

/* ---- the scripts ---- */

static const char bash_script[] =
	"# bash completion for tip, from `tip completion bash`: save it as tip in a\n"
	"# bash-completion folder (make install does), or source it from ~/.bashrc.\n"
	"_tip() {\n"
	"\tlocal line=${COMP_LINE:0:COMP_POINT} words=() word gap i pos=0\n"
	"\t# bash splits words at = and : too: join again what no blank separates, so that\n"
	"\t# tip sees the words as the command will.\n"
	"\tfor ((i = 0; i <= COMP_CWORD; i++)); do\n"
	"\t\tword=${COMP_WORDS[i]}\n"
	"\t\tgap=${line:pos}\n"
	"\t\tgap=${gap%%[![:space:]]*}\n"
	"\t\tpos=$((pos + ${#gap}))\n"
	"\t\t((i == COMP_CWORD)) && word=${line:pos}\n"
	"\t\tif ((i > 0 && ${#gap} == 0)); then\n"
	"\t\t\twords[${#words[@]} - 1]+=$word\n"
	"\t\telse\n"
	"\t\t\twords+=(\"$word\")\n"
	"\t\tfi\n"
	"\t\tpos=$((pos + ${#word}))\n"
	"\tdone\n"
	"\tlocal cur=${words[${#words[@]} - 1]} head reply=()\n"
	"\tmapfile -t reply < <(\"${words[0]/#\\~/$HOME}\" completion --complete \\\n"
	"\t\t\"${words[@]:1}\" 2>/dev/null)\n"
	"\t# bash replaces only what follows the last = or : of the word\n"
	"\thead=$cur\n"
	"\twhile [[ -n $head && $COMP_WORDBREAKS != *\"${head: -1}\"* ]]; do\n"
	"\t\thead=${head%?}\n"
	"\tdone\n"
	"\tCOMPREPLY=()\n"
	"\tcase ${reply[0]-} in\n"
	"\tfiles)\n"
	"\t\tcompopt -o filenames 2>/dev/null\n"
	"\t\tmapfile -t COMPREPLY < <(compgen -f -- \"${cur#\"$head\"}\")\n"
	"\t\t;;\n"
	"\tdirs)\n"
	"\t\tcompopt -o filenames 2>/dev/null\n"
	"\t\tmapfile -t COMPREPLY < <(compgen -d -- \"${cur#\"$head\"}\")\n"
	"\t\t;;\n"
	"\twords)\n"
	"\t\tCOMPREPLY=(\"${reply[@]:1}\")\n"
	"\t\tCOMPREPLY=(\"${COMPREPLY[@]#\"$head\"}\")\n"
	"\t\t# field= goes on with the value: no space after it\n"
	"\t\tfor word in \"${reply[@]:1}\"; do\n"
	"\t\t\t[[ $word == *= ]] && compopt -o nospace 2>/dev/null\n"
	"\t\tdone\n"
	"\t\t;;\n"
	"\tesac\n"
	"\treturn 0\n"
	"}\n"
	"complete -F _tip tip\n";

static const char zsh_script[] =
	"#compdef tip\n"
	"# zsh completion for tip, from `tip completion zsh`: save it as _tip in a folder of\n"
	"# $fpath (make install does), or source it from ~/.zshrc after compinit.\n"
	"_tip() {\n"
	"\tlocal -a reply spaced unspaced\n"
	"\tlocal word\n"
	"\t# the words after tip up to the cursor, the last one the word being completed\n"
	"\treply=(\"${(@f)$(${words[1]} completion --complete \"${(@Q)words[2,CURRENT-1]}\" \\\n"
	"\t\t\"${(Q)PREFIX}\" 2>/dev/null)}\")\n"
	"\tcase ${reply[1]} in\n"
	"\tfiles) _files ;;\n"
	"\tdirs) _files -/ ;;\n"
	"\twords)\n"
	"\t\tfor word in \"${(@)reply[2,-1]}\"; do\n"
	"\t\t\t# field= goes on with the value: no space after it\n"
	"\t\t\tif [[ $word == *= ]]; then unspaced+=(\"$word\"); else spaced+=(\"$word\"); fi\n"
	"\t\tdone\n"
	"\t\t(( ${#unspaced} )) && compadd -S '' -- \"${unspaced[@]}\"\n"
	"\t\t(( ${#spaced} )) && compadd -- \"${spaced[@]}\"\n"
	"\t\t;;\n"
	"\tesac\n"
	"\treturn 0\n"
	"}\n"
	"if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then\n"
	"\t_tip \"$@\"\n"
	"else\n"
	"\tcompdef _tip tip\n"
	"fi\n";

/* ---- the command ---- */

static int print_words(const tip_buf *words, const char *how)
{
	if (how)
		printf("%s\n", how);
	cmd_puts(stdout, tip_buf_str(words));
	if (fflush(stdout) != 0) {
		cmd_error("cannot write to standard output");
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

static int complete(int argc, char **argv)
{
	static char empty[] = "";
	char *nothing[] = { empty };
	struct reply r = { .words = TIP_BUF_INIT };
	struct repo repo = { 0 };
	if (argc)
		complete_line(&r, &repo, argv, (size_t)argc);
	else
		complete_line(&r, &repo, nothing, 1);
	tip_store_free(repo.store);
	static const char *const hows[] = { "words", "files", "dirs" };
	int status = r.err ? cmd_fail(r.err) : print_words(&r.words, hows[r.how]);
	tip_buf_dispose(&r.words);
	return status;
}

enum query { QUERY_COMMANDS, QUERY_TYPES, QUERY_OPTIONS, QUERY_IDS, QUERY_FIELDS, QUERY_VALUES };

static const struct {
	const char *name;
	int args;
} queries[] = {
	[QUERY_COMMANDS] = { "commands", 0 }, [QUERY_TYPES] = { "types", 0 },
	[QUERY_OPTIONS] = { "options", 1 }, [QUERY_IDS] = { "ids", 1 },
	[QUERY_FIELDS] = { "fields", 1 }, [QUERY_VALUES] = { "values", 2 },
};
enum { QUERY_COUNT = sizeof(queries) / sizeof(queries[0]) };

static void answer(struct reply *r, struct repo *repo, enum query q, char **args)
{
	const struct cmd *command;
	switch (q) {
	case QUERY_COMMANDS: offer_commands(r); break;
	case QUERY_TYPES: offer_types(r, repo, 0); break;
	case QUERY_OPTIONS:
		if ((command = command_named(args[0])))
			offer_long_options(r, command->usage);
		break;
	case QUERY_IDS: offer_ids(r, repo, 0, args[0]); break;
	case QUERY_FIELDS: offer_fields(r, repo, 0, args[0], "", true); break;
	case QUERY_VALUES: offer_values(r, repo, 0, args[0], args[1], strlen(args[1])); break;
	}
}

/* tip completion --list QUERY [ARGS]: the building blocks, one word a line. */
static int list(const char *query, int argc, char **argv)
{
	size_t q = 0;
	while (q < QUERY_COUNT && strcmp(query, queries[q].name) != 0)
		q++;
	if (q == QUERY_COUNT || argc != queries[q].args)
		return cmd_usage_error(&usage_completion, "--list takes commands, types, "
			"options COMMAND, ids TYPE, fields TYPE or values TYPE FIELD");
	struct reply r = { .cur = "", .words = TIP_BUF_INIT };
	struct repo repo = { 0 };
	answer(&r, &repo, (enum query)q, argv);
	tip_store_free(repo.store);
	int status = r.err ? cmd_fail(r.err) : print_words(&r.words, NULL);
	tip_buf_dispose(&r.words);
	return status;
}

int cmd_completion(int argc, char **argv)
{
	struct completion_options o = { NULL, false };
	int status = cmd_parse_options(&usage_completion, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (o.complete)
		return complete(argc, argv);
	if (o.list)
		return list(o.list, argc, argv);
	if (argc == 0)
		return cmd_usage_error(&usage_completion, "tip completion needs bash or zsh");
	if (argc > 1)
		return cmd_usage_error(&usage_completion, "unexpected argument '%s'", argv[1]);
	if (strcmp(argv[0], "bash") != 0 && strcmp(argv[0], "zsh") != 0)
		return cmd_usage_error(&usage_completion, "unknown shell '%s': use bash or zsh",
			argv[0]);
	fputs(strcmp(argv[0], "bash") == 0 ? bash_script : zsh_script, stdout);
	if (fflush(stdout) != 0) {
		cmd_error("cannot write the script");
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}
