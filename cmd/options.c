#include "options.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static bool is_end(const struct cmd_option *o)
{
	return o->kind == CMD_OPT_END;
}

const struct cmd_option *cmd_option_named(const struct cmd_usage *u, const char *word,
	size_t len)
{
	for (const struct cmd_option *o = u->options; o && !is_end(o); o++) {
		if (len == 2 && word[0] == '-' && o->short_name && word[1] == o->short_name)
			return o;
		if (len > 2 && strncmp(word, "--", 2) == 0 && strncmp(word + 2, o->name, len - 2) == 0 &&
		    o->name[len - 2] == '\0')
			return o;
	}
	return NULL;
}

/* ---- the usage text ---- */

/* text, each line after the first starting at column indent. */
static void print_indented(FILE *out, const char *text, int indent)
{
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		if (p != text)
			fprintf(out, "%*s", indent, "");
		fprintf(out, "%.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* "  -m, --message REASON  why, ...": the names, then the help from the column on, or on the
 * next lines when the names reach it. */
static void print_option(FILE *out, const struct cmd_option *o, int column)
{
	char names[96];
	int len = o->short_name ? snprintf(names, sizeof(names), "  -%c, --%s", o->short_name,
					   o->name)
				: snprintf(names, sizeof(names), "  --%s", o->name);
	if (o->arg && len > 0 && (size_t)len < sizeof(names))
		len += snprintf(names + len, sizeof(names) - (size_t)len, " %s", o->arg);
	fputs(names, out);
	if (len + 2 > column)
		fprintf(out, "\n%*s", column, "");
	else
		fprintf(out, "%*s", column - len, "");
	print_indented(out, o->help, column);
}

void cmd_print_usage(const struct cmd_usage *u, FILE *out)
{
	for (const struct cmd_synopsis *s = u->synopses; s->text; s++) {
		const char *lead = s == u->synopses ? "usage: " : "       ";
		int indent = fprintf(out, "%stip %s ", lead, u->name);
		print_indented(out, s->text, indent);
	}
	fputs("\n", out);
	fputs(u->about ? u->about : "", out);
	for (const struct cmd_option *o = u->options; o && !is_end(o); o++)
		print_option(out, o, u->column);
	fputs(u->after ? u->after : "", out);
	if (u->more)
		u->more(out);
}

/* ---- the complaints: one wording each ---- */

static int unknown_option(const struct cmd_usage *u, const char *word)
{
	return cmd_usage_error(u, "unknown option '%s'", word);
}

static int missing_value(const struct cmd_usage *u, const char *given, const struct cmd_option *o)
{
	return cmd_value_error(u, "%s needs a value: %s %s", given, given, o->arg);
}

int cmd_bad_value(const struct cmd_usage *u, const char *option, const char *what,
	const char *value)
{
	return cmd_value_error(u, "%s must be %s, not '%s'", option, what, value);
}

/* "table, csv, json or ids" from "table|csv|json|ids". */
static void choices_in_words(char *out, size_t cap, const char *choices)
{
	size_t n = 0;
	out[0] = '\0';
	for (const char *p = choices; *p && n + 1 < cap;) {
		size_t len = strcspn(p, "|");
		const char *sep = p == choices ? "" : p[len] ? ", " : " or ";
		int w = snprintf(out + n, cap - n, "%s%.*s", sep, (int)len, p);
		n += w > 0 ? (size_t)w : 0;
		p += len + (p[len] == '|');
	}
}

static int choice_index(const char *choices, const char *value)
{
	int i = 0;
	size_t vlen = strlen(value);
	for (const char *p = choices; *p; i++) {
		size_t len = strcspn(p, "|");
		if (len == vlen && strncmp(p, value, len) == 0)
			return i;
		p += len + (p[len] == '|');
	}
	return -1;
}

/* ---- parsing ---- */

static int set_value(const struct cmd_usage *u, const struct cmd_option *o, void *opts,
	const char *given, const char *value)
{
	char *at = (char *)opts + o->offset;
	switch (o->kind) {
	case CMD_OPT_FLAG: *(bool *)at = true; break;
	case CMD_OPT_STRING: *(const char **)at = value; break;
	case CMD_OPT_CHOICE: {
		int i = choice_index(o->takes, value);
		if (i < 0) {
			char words[128];
			choices_in_words(words, sizeof(words), o->takes);
			return cmd_bad_value(u, given, words, value);
		}
		*(int *)at = i;
		break;
	}
	case CMD_OPT_LIST: {
		struct cmd_strings *list = (struct cmd_strings *)at;
		const char **items = realloc(list->items, (list->count + 1) * sizeof(*items));
		if (!items)
			return cmd_fail(tip_error_nomem());
		items[list->count++] = value;
		list->items = items;
		break;
	}
	case CMD_OPT_REST: *(bool *)at = true; break;
	case CMD_OPT_END: break;
	}
	return -1;
}

/* One option word, argv[*i]: its value is after '=' ("--format=json"), glued to a short name
 * ("-mREASON") or the next word. *options_end is set when it ends the options. */
static int parse_option(const struct cmd_usage *u, void *opts, int argc, char **argv, int *i,
	bool *options_end)
{
	const char *word = argv[*i];
	bool is_long = word[1] == '-';
	size_t len = is_long ? strcspn(word, "=") : 2;
	if (cmd_wants_help(word)) {
		cmd_print_usage(u, stdout);
		return EXIT_OK;
	}
	const struct cmd_option *o = cmd_option_named(u, word, len);
	if (!o)
		return unknown_option(u, word);
	char given[64];
	snprintf(given, sizeof(given), "%.*s", (int)len, word);
	const char *value = word[len] ? word + len + is_long : NULL;
	if (!o->arg && value)
		return cmd_value_error(u, "%s takes no value, not '%s'", given, value);
	*options_end = o->kind == CMD_OPT_REST;
	if (o->arg && !value && o->kind != CMD_OPT_REST) {
		if (*i + 1 == argc)
			return missing_value(u, given, o);
		value = argv[++*i];
	}
	return set_value(u, o, opts, given, value);
}

int cmd_parse_options(const struct cmd_usage *u, void *opts, int argc, char **argv, int *count)
{
	int n = 0, i = 1;
	bool options_end = false;
	for (; i < argc; i++) {
		const char *word = argv[i];
		if (options_end || word[0] != '-' || word[1] == '\0') {
			argv[n++] = argv[i];
			options_end = options_end || u->in_order;
			continue;
		}
		if (strcmp(word, "--") == 0) {
			options_end = true;
			continue;
		}
		int status = parse_option(u, opts, argc, argv, &i, &options_end);
		if (status >= 0)
			return status;
	}
	*count = n;
	return -1;
}

int cmd_parse_options_only(const struct cmd_usage *u, void *opts, int argc, char **argv)
{
	int status = cmd_parse_options(u, opts, argc, argv, &argc);
	if (status < 0 && argc > 0)
		return cmd_usage_error(u, "unexpected argument '%s'", argv[0]);
	return status;
}

int cmd_usage_error(const struct cmd_usage *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cmd_verror(fmt, ap);
	va_end(ap);
	cmd_print_usage(usage, stderr);
	return EXIT_TROUBLE;
}

int cmd_value_error(const struct cmd_usage *usage, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cmd_verror(fmt, ap);
	va_end(ap);
	fprintf(stderr, "see tip %s -h\n", usage->name);
	return EXIT_TROUBLE;
}
