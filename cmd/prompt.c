/* Asking for a record's fields at a terminal, each answer checked at once. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "cmd.h"
#include "editor.h"
#include "fold.h"
#include "lineinput.h"
#include "prompt.h"
#include "record.h"

enum { WRAP = 76, LIST_LIMIT = 40, LONG_TEXT = 200 };

struct asker {
	FILE *in, *out;
	tip_store *store;
	tip_doc *doc;
	char *line;
	size_t cap;
	const tip_field *long_text; /* the field asked, when its answer may be written in the editor */
	tip_buf draft;              /* the answer last written in the editor for it */
};

/* The answer written in the editor, the last draft in it; EXIT_FINDINGS when the editor
 * did not run (it said why). */
static int answer_from_editor(struct asker *a, const char **answer)
{
	/* The draft is opened again as a text file, which ends in a line end. */
	tip_error *err = a->draft.len ? tip_buf_addc(&a->draft, '\n') : NULL;
	int status = err ? cmd_fail(err) : cmd_edit_text(&a->draft, a->long_text->name);
	if (status != EXIT_OK)
		return status == EXIT_INTERRUPTED ? status : EXIT_FINDINGS;
	while (a->draft.len && isspace((unsigned char)a->draft.data[a->draft.len - 1]))
		a->draft.data[--a->draft.len] = '\0';
	const char *text = tip_buf_str(&a->draft);
	text += strspn(text, " \t\r\n");
	size_t characters = 0;
	for (const char *p = text; *p; p++)
		characters += ((unsigned char)*p & 0xc0) != 0x80;
	cmd_printf(a->out, "  (%zu character%s from your editor)\n", characters,
		characters == 1 ? "" : "s");
	*answer = text;
	return EXIT_OK;
}

static bool editor_wanted(const struct asker *a, const char *answer)
{
	return a->long_text && (strcmp(answer, "e") == 0 || strcmp(answer, ":e") == 0);
}

/* Reads one answer without the blanks around it. EOF (Ctrl-D) is the user leaving, and so is
 * Ctrl-C. */
static int read_answer(struct asker *a, const char **answer)
{
	for (;;) {
		ssize_t n = cmd_read_line(&a->line, &a->cap, "> ", a->in, a->out);
		if (n == LINE_NO_MEMORY)
			return cmd_fail(tip_error_nomem());
		if (n < 0) {
			fputc('\n', a->out);
			cmd_error("%s: nothing was written",
				n == LINE_INTERRUPTED ? "interrupted" : "input ended");
			return n == LINE_INTERRUPTED ? EXIT_INTERRUPTED : EXIT_TROUBLE;
		}
		while (n > 0 && isspace((unsigned char)a->line[n - 1]))
			a->line[--n] = '\0';
		*answer = a->line + strspn(a->line, " \t\r\n");
		if (!editor_wanted(a, *answer))
			return EXIT_OK;
		int status = answer_from_editor(a, answer);
		if (status != EXIT_FINDINGS)
			return status;
	}
}

/* Prints text indented by two spaces, wrapped at WRAP columns. */
static void print_wrapped(FILE *out, const char *text)
{
	size_t col = 0;
	while (*text) {
		size_t word = strcspn(text, " \n");
		if (col && col + 1 + word > WRAP) {
			fputc('\n', out);
			col = 0;
		}
		fputs(col ? " " : "  ", out);
		cmd_write(out, text, word);
		col += word + (col ? 1 : 2);
		text += word;
		text += strspn(text, " \n");
	}
	if (col)
		fputc('\n', out);
}

static void print_choices(FILE *out, const char *const *choices, size_t count)
{
	size_t col = 0;
	for (size_t i = 0; i < count; i++) {
		char item[96];
		int n = snprintf(item, sizeof(item), "%zu %s", i + 1, choices[i]);
		if (col && col + 3 + (size_t)n > WRAP) {
			fputc('\n', out);
			col = 0;
		}
		cmd_printf(out, "%s%s", col ? "   " : "  ", item);
		col += (size_t)n + (col ? 3 : 2);
	}
	if (col)
		fputc('\n', out);
}

/* The choices a field's values come from: its enum, or the ids of the type it refers to. */
static void field_choices(const struct asker *a, const tip_field *f, bool item,
	const char *const **choices, size_t *count)
{
	*choices = item ? f->item_enum_values : f->enum_values;
	*count = item ? f->item_enum_count : f->enum_count;
	const tip_type *target = f->ref_type ? tip_store_type_named(a->store, f->ref_type) : NULL;
	if (!*count && target) {
		*choices = target->ids;
		*count = target->id_count;
	}
}

/* A text field that may run to paragraphs: its answer may be written in the editor. */
static bool long_text(const tip_field *f)
{
	return f->kind == TIP_VALUE_STRING && !f->enum_count && !f->format && !f->ref_type &&
		(strcmp(f->name, "description") == 0 || strcmp(f->name, "definition") == 0 ||
			(f->max_length != SIZE_MAX && f->max_length > LONG_TEXT));
}

static void show_field(struct asker *a, const tip_field *f, bool list)
{
	a->long_text = !list && long_text(f) ? f : NULL;
	tip_buf_reset(&a->draft);
	cmd_printf(a->out, "\n%s (%s) - %s%s\n", f->title ? f->title : f->name, f->name,
		f->required ? "required" : "optional, Enter to leave it out",
		list ? "; one per line, an empty line to finish" : "");
	if (f->description)
		print_wrapped(a->out, f->description);
	if (a->long_text)
		fputs("  Answer e to write it in your editor; a paste of several lines is one "
		      "answer.\n", a->out);
	if (!list && f->format && strcmp(f->format, "date") == 0)
		fputs("  a date: 2026-12-31, 31/12/2026 or 31 December 2026 (day first)\n", a->out);
	const char *const *choices;
	size_t count;
	field_choices(a, f, list, &choices, &count);
	const tip_type *target = f->ref_type ? tip_store_type_named(a->store, f->ref_type) : NULL;
	if (count > LIST_LIMIT && target)
		cmd_printf(a->out, "  %zu %s to choose from: type an id or its first letters\n",
			count, target->collection);
	else if (count)
		print_choices(a->out, choices, count);
	if (f->default_value && f->default_value->type != TIP_NODE_MAP &&
	    f->default_value->type != TIP_NODE_SEQ)
		cmd_printf(a->out, "  Enter for: %s\n", f->default_value->str);
}

/* An answer among choices: its number, the choice itself, or a prefix of exactly one, case
 * and accents aside. */
static const char *resolve_choice(const char *answer, const char *const *choices, size_t count,
	char *why, size_t why_cap)
{
	char *end;
	unsigned long number = strtoul(answer, &end, 10);
	if (*answer && !*end && number >= 1 && number <= count)
		return choices[number - 1];
	const char *found = tip_assign_choice(choices, count, answer);
	if (found)
		return found;
	size_t matches = 0;
	for (size_t i = 0; i < count; i++) {
		if (tip_fold_starts(choices[i], answer)) {
			found = choices[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	snprintf(why, why_cap, matches ? "'%s' could be any of %zu choices: type more of it"
				       : "'%s' is not one of the choices", answer, matches);
	return NULL;
}

struct first_message {
	char text[512];
	size_t count;
};

static void keep_first(void *ctx, const tip_finding *f)
{
	struct first_message *m = ctx;
	if (m->count++ == 0)
		snprintf(m->text, sizeof(m->text), "%s", f->message);
}

/* Checks a value against a part of the schema; on failure prints why and returns false. */
static bool value_ok(const struct asker *a, const tip_subschema *schema, const tip_node *value)
{
	struct first_message m = { "", 0 };
	tip_validate_opts opts = { .file = "", .finding = keep_first, .finding_ctx = &m,
		.ref_exists = tip_store_has_record, .ref_ctx = a->store };
	if (!schema || tip_subschema_validate(schema, value, &opts) == 0)
		return true;
	cmd_printf(a->out, "  ! %s\n", m.text);
	return false;
}

/* Turns an answer into a value of the field (or of one of its items); NULL after saying why. */
static tip_node *answer_value(struct asker *a, const tip_field *f, bool item, const char *answer)
{
	const char *const *choices;
	size_t count;
	field_choices(a, f, item, &choices, &count);
	char why[160];
	if (count) {
		const char *choice = resolve_choice(answer, choices, count, why, sizeof(why));
		if (!choice) {
			cmd_printf(a->out, "  ! %s\n", why);
			return NULL;
		}
		answer = choice;
	}
	tip_node *value = NULL;
	tip_buf notes = TIP_BUF_INIT;
	tip_error *err = tip_assign_value(&value, &notes, a->doc, f,
		item ? f->item_kind : f->kind, answer);
	if (notes.len)
		cmd_printf(a->out, "  %s", tip_buf_str(&notes));
	tip_buf_dispose(&notes);
	if (err) {
		cmd_printf(a->out, "  ! %s\n", tip_error_message(err));
		tip_error_free(err);
		return NULL;
	}
	return value_ok(a, item ? f->items : f->schema, value) ? value : NULL;
}

static int ask_scalar(struct asker *a, const tip_field *f)
{
	show_field(a, f, false);
	for (;;) {
		const char *answer;
		int status = read_answer(a, &answer);
		if (status != EXIT_OK)
			return status;
		if (!*answer && f->default_value)
			answer = f->default_value->str;
		if (!*answer && !f->required)
			return EXIT_OK;
		if (!*answer) {
			fputs("  ! this field is required\n", a->out);
			continue;
		}
		tip_node *value = answer_value(a, f, false, answer);
		if (value) {
			tip_error *err = tip_doc_map_set(a->doc, a->doc->root, f->name, value);
			return err ? cmd_fail(err) : EXIT_OK;
		}
	}
}

static int ask_list(struct asker *a, const tip_field *f)
{
	show_field(a, f, true);
	tip_node *seq = tip_doc_new_seq(a->doc);
	if (!seq)
		return cmd_fail(tip_error_nomem());
	for (;;) {
		const char *answer;
		int status = read_answer(a, &answer);
		if (status != EXIT_OK)
			return status;
		if (*answer) {
			tip_node *value = answer_value(a, f, true, answer);
			tip_error *err = value ? tip_doc_seq_append(a->doc, seq, value) : NULL;
			if (err)
				return cmd_fail(err);
			continue;
		}
		if (seq->count == 0 && !f->required)
			return EXIT_OK;
		if (value_ok(a, f->schema, seq)) {
			tip_error *err = tip_doc_map_set(a->doc, a->doc->root, f->name, seq);
			return err ? cmd_fail(err) : EXIT_OK;
		}
	}
}

static bool asked_elsewhere(const tip_field *f)
{
	return f->kind == TIP_VALUE_OBJECT ||
		(f->kind == TIP_VALUE_ARRAY && f->item_kind == TIP_VALUE_OBJECT);
}

int cmd_prompt_fields(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, FILE *in, FILE *out)
{
	struct asker a = { .in = in, .out = out, .store = store, .doc = doc };
	cmd_printf(out, "New %s (records/%s/). Enter leaves an optional field out; Ctrl-C or "
		     "Ctrl-D stops\nwithout writing anything.\n", type->name, type->collection);
	int status = EXIT_OK;
	tip_buf later = TIP_BUF_INIT;
	for (size_t i = 0; status == EXIT_OK && i < count; i++) {
		const tip_field *f = &fields[i];
		if (tip_node_get(doc->root, f->name))
			continue; /* given with --set */
		if (asked_elsewhere(f))
			status = tip_buf_addf(&later, "%s%s", later.len ? ", " : "", f->name) ?
				cmd_fail(tip_error_nomem()) : EXIT_OK;
		else if (f->kind == TIP_VALUE_ARRAY)
			status = ask_list(&a, f);
		else
			status = ask_scalar(&a, f);
	}
	if (status == EXIT_OK && later.len)
		cmd_printf(out, "\nNot asked here: %s (groups of fields). Add them with tip edit.\n",
			tip_buf_str(&later));
	tip_buf_dispose(&later);
	tip_buf_dispose(&a.draft);
	free(a.line);
	return status;
}

int cmd_prompt_id(char *id, size_t cap, tip_store *store, const tip_type *type,
	const char *suggestion, FILE *in, FILE *out)
{
	struct asker a = { .in = in, .out = out, .store = store };
	cmd_printf(out, "\nId - the file name: records/%s/<id>.yaml; lower-case letters, digits and "
		     "'-'\n", type->collection);
	if (*suggestion)
		cmd_printf(out, "  Enter for: %s\n", suggestion);
	int status;
	for (;;) {
		const char *answer, *why;
		if ((status = read_answer(&a, &answer)) != EXIT_OK)
			break;
		if (!*answer)
			answer = suggestion;
		if (!tip_record_id_valid(answer, &why))
			cmd_printf(out, "  ! %s\n", *answer ? why : "an id is needed");
		else if (tip_store_has_record(store, type->name, answer))
			cmd_printf(out, "  ! %s '%s' exists already\n", type->name, answer);
		else {
			snprintf(id, cap, "%s", answer);
			break;
		}
	}
	free(a.line);
	return status;
}

int cmd_prompt_choice(char *choice, const char *question, const char *letters, FILE *in,
	FILE *out)
{
	struct asker a = { .in = in, .out = out };
	int status;
	for (;;) {
		cmd_printf(out, "%s\n", question);
		const char *answer;
		if ((status = read_answer(&a, &answer)) != EXIT_OK)
			break;
		if (!*answer)
			answer = letters; /* Enter takes the first */
		if (strchr(letters, tolower((unsigned char)answer[0]))) {
			*choice = (char)tolower((unsigned char)answer[0]);
			break;
		}
	}
	free(a.line);
	return status;
}
