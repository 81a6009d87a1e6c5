#include "usage_spec.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A word of a synopsis line and the brackets around it. */
struct token {
	const char *text;
	bool opens;   /* a '[' right before it */
	bool closes;  /* a ']' right after it */
	bool repeats; /* "..." after it */
};

static tip_error *usage_text(tip_buf *out, void (*usage)(FILE *out))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		return tip_error_from_errno("cannot read a usage text");
	usage(f);
	tip_error *err = fclose(f) == 0 ? tip_buf_add(out, text, len)
					: tip_error_from_errno("cannot read a usage text");
	free(text);
	return err;
}

/* "--format", "-m": what the usage texts write options as. */
static bool is_option(const char *s)
{
	if (s[0] != '-' || s[1] == '\0')
		return false;
	if (s[1] != '-')
		return s[1] >= 'a' && s[1] <= 'z' && s[2] == '\0';
	static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789-";
	return s[2] >= 'a' && s[2] <= 'z' && strspn(s + 2, name_chars) == strlen(s + 2);
}

/* "REASON", "F=V", "TYPE": what the usage texts write an option's argument as. */
static bool is_placeholder(const char *s)
{
	bool upper = false;
	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return false;
		upper |= *s >= 'A' && *s <= 'Z';
	}
	return upper;
}

static size_t option_index(const struct usage_spec *u, const char *name, size_t len)
{
	size_t i = 0;
	while (i < u->option_count &&
	       !(strncmp(u->options[i].name, name, len) == 0 && u->options[i].name[len] == '\0'))
		i++;
	return i;
}

const struct option_spec *cmd_usage_spec_option(const struct usage_spec *u, const char *name,
	size_t len)
{
	size_t i = option_index(u, name, len);
	return i < u->option_count ? &u->options[i] : NULL;
}

static struct option_spec *add_option(struct usage_spec *u, const char *name)
{
	size_t i = option_index(u, name, strlen(name));
	if (i == MAX_OPTIONS)
		return NULL;
	if (i == u->option_count)
		u->options[u->option_count++] = (struct option_spec){ .name = name };
	return &u->options[i];
}

/* An option that several synopsis lines give different arguments (tip completion's own
 * --list) takes any of them. */
static tip_error *note_synopsis_option(struct usage_spec *u, const char *name, const char *arg,
	unsigned line)
{
	struct option_spec *o = add_option(u, name);
	if (!o)
		return NULL;
	o->synopses |= 1u << line;
	if (!arg || (o->arg && strcmp(o->arg, arg) == 0))
		return NULL;
	if (!o->arg) {
		o->arg = arg;
		return NULL;
	}
	size_t a = strlen(o->arg), b = strlen(arg);
	char *both = tip_arena_alloc(u->arena, a + b + 2);
	if (!both)
		return tip_error_nomem();
	memcpy(both, o->arg, a);
	both[a] = '|';
	memcpy(both + a + 1, arg, b + 1);
	o->arg = both;
	return NULL;
}

/* Where a word of a synopsis line ends. */
static bool ends_word(const char *p)
{
	return !*p || *p == ' ' || *p == '[' || *p == ']' || strncmp(p, "...", 3) == 0;
}

/* Splits a synopsis line into words: "[--sort [-]FIELD]..." is --sort (opens) and [-]FIELD
 * (closes, repeats); "[-]" stays part of its word, saying that the '-' may be left out. */
static tip_error *tokenize(struct token *out, size_t *count, const char *line, tip_arena *arena)
{
	bool opens = false;
	*count = 0;
	for (const char *p = line; *p;) {
		if (*p == ' ') {
			p++;
		} else if (*p == '[' && strncmp(p, "[-]", 3) != 0) {
			opens = true;
			p++;
		} else if (*p == ']') {
			if (*count)
				out[*count - 1].closes = true;
			p++;
		} else if (strncmp(p, "...", 3) == 0) {
			if (*count)
				out[*count - 1].repeats = true;
			p += 3;
		} else {
			const char *start = p;
			p += strncmp(p, "[-]", 3) == 0 ? 3 : 0;
			while (!ends_word(p))
				p++;
			if (*count == MAX_TOKENS)
				continue;
			char *text = tip_arena_strndup(arena, start, (size_t)(p - start));
			if (!text)
				return tip_error_nomem();
			out[(*count)++] = (struct token){ text, opens, false, false };
			opens = false;
		}
	}
	return NULL;
}

/* The token after an option is its argument unless a bracket or a '|' comes between them:
 * "--schema SCHEMA [--format F]", but "[-q] [PATH...]" and "[--a X | --b]". */
static bool is_argument_of(const struct token *option, const struct token *next)
{
	return !option->closes && !next->opens && !is_option(next->text) &&
	       strcmp(next->text, "|") != 0;
}

/* One synopsis line, "tip CMD ..." with its continuation lines joined on. */
static tip_error *read_synopsis(struct usage_spec *u, const char *line)
{
	if (u->synopsis_count == MAX_SYNOPSES)
		return NULL;
	unsigned index = (unsigned)u->synopsis_count++;
	struct synopsis *s = &u->synopses[index];
	struct token t[MAX_TOKENS];
	size_t n;
	tip_error *err = tokenize(t, &n, line, u->arena);
	for (size_t i = 2; !err && i < n; i++) { /* after "tip" and the command's name */
		if (strcmp(t[i].text, "|") == 0)
			continue;
		if (is_option(t[i].text)) {
			const char *name = t[i].text;
			const char *arg = i + 1 < n && is_argument_of(&t[i], &t[i + 1]) ?
				t[++i].text : NULL;
			err = note_synopsis_option(u, name, arg, index);
		} else if (s->count < MAX_POSITIONAL) {
			s->positional[s->count++] = t[i].text;
			s->repeats = t[i].repeats;
		}
	}
	return err;
}

/* "(default course)" in a help line: what the option stands at when not given. */
static const char *stated_default(const char *text, tip_arena *arena)
{
	const char *p = strstr(text, "(default ");
	if (!p)
		return NULL;
	p += strlen("(default ");
	size_t len = strcspn(p, ") ,;");
	return len ? tip_arena_strndup(arena, p, len) : NULL;
}

/* "  -m, --message REASON  why, ...": an indented line, the names before the description
 * (which starts after two spaces), what they take, and a default the description states.
 * Options the synopsis names keep what it says they take. line is the arena's copy, cut up
 * here. */
static void read_help_line(struct usage_spec *u, char *line)
{
	if (strncmp(line, "  ", 2) != 0)
		return; /* not indented: text that may start with an option it speaks of */
	line += strspn(line, " ");
	if (*line != '-')
		return;
	char *end = strstr(line, "  ");
	const char *fallback = end ? stated_default(end, u->arena) : NULL;
	if (end)
		*end = '\0';
	const char *names[8], *arg = NULL;
	size_t count = 0;
	char *rest;
	for (char *word = strtok_r(line, " ", &rest); word; word = strtok_r(NULL, " ", &rest)) {
		word[strcspn(word, ",")] = '\0';
		if (is_option(word) && count < 8)
			names[count++] = word;
		else if (is_placeholder(word))
			arg = word;
		else
			break; /* the description, after a single space ("--sort -F by field F") */
	}
	for (size_t i = 0; i < count; i++) {
		struct option_spec *o = add_option(u, names[i]);
		if (o && !o->arg)
			o->arg = arg;
		if (o && !o->fallback)
			o->fallback = fallback;
	}
}

/* The synopsis runs to the first empty line: "usage: tip ..." and "       tip ..." lines, each
 * with the indented lines after it that carry it on. The options' help lines follow. */
static tip_error *parse_usage(struct usage_spec *u, const char *text)
{
	tip_buf synopsis = TIP_BUF_INIT;
	tip_error *err = NULL;
	const char *p = text;
	while (!err && *p && *p != '\n') {
		size_t len = strcspn(p, "\n");
		bool first = strncmp(p, "usage: ", 7) == 0;
		const char *words = first ? p + 7 : p + strspn(p, " ");
		bool starts = first || strncmp(words, "tip ", 4) == 0;
		if (starts && synopsis.len) {
			err = read_synopsis(u, tip_buf_str(&synopsis));
			tip_buf_reset(&synopsis);
		}
		if (!err && !starts)
			err = tip_buf_addc(&synopsis, ' ');
		if (!err)
			err = tip_buf_add(&synopsis, words, len - (size_t)(words - p));
		p += len + (p[len] == '\n');
	}
	if (!err && synopsis.len)
		err = read_synopsis(u, tip_buf_str(&synopsis));
	tip_buf_free(&synopsis);
	while (!err && *p) {
		size_t len = strcspn(p, "\n");
		char *line = tip_arena_strndup(u->arena, p, len);
		if (line)
			read_help_line(u, line);
		else
			err = tip_error_nomem();
		p += len + (p[len] == '\n');
	}
	return err;
}

tip_error *cmd_usage_spec_read(struct usage_spec *u, void (*usage)(FILE *out))
{
	*u = (struct usage_spec){ .arena = tip_arena_new() };
	if (!u->arena)
		return tip_error_nomem();
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = usage_text(&text, usage);
	if (!err)
		err = parse_usage(u, tip_buf_str(&text));
	tip_buf_free(&text);
	return err;
}

void cmd_usage_spec_free(struct usage_spec *u)
{
	tip_arena_free(u->arena);
}
