/* Asking for a record's fields at a terminal, each answer checked at once. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assign.h"
#include "cmd.h"
#include "editor.h"
#include "fold.h"
#include "lineinput.h"
#include "prompt.h"
#include "record.h"
#include "suggest.h"
#include "utf8.h"

enum { WRAP = 76, LIST_LIMIT = 40, LONG_TEXT = 200 };

/* No field: a finding that points at none of a form's fields. */
#define NO_FIELD ((size_t)-1)

/* An object being filled in: the record itself, or one item of a list of objects. */
struct form {
	tip_node *map;
	const tip_subschema *schema;
	const tip_field *fields;
	size_t count;
	bool *asked; /* which of fields have been asked (or given) */
};

struct asker {
	FILE *in, *out;
	tip_store *store;
	tip_doc *doc;
	char *line;
	size_t cap;
	const tip_field *long_text; /* the field asked, when its answer may be written in the editor */
	tip_buf draft;              /* the answer last written in the editor for it */
	struct form *form; /* where answers go */
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
	size_t characters = tip_utf8_count(text, strlen(text));
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

/* How a field is asked: one answer, a list of answers, or a list of groups of fields. */
enum shape { ONE_ANSWER, LIST_OF_ANSWERS, LIST_OF_GROUPS };

static void show_field(struct asker *a, const tip_field *f, enum shape shape)
{
	static const char *const optional[] = { "optional, Enter to leave it out",
		"optional, an empty line to leave it out", "optional" };
	a->long_text = shape == ONE_ANSWER && long_text(f) ? f : NULL;
	tip_buf_reset(&a->draft);
	cmd_printf(a->out, "\n%s (%s) - %s\n", f->title ? f->title : f->name, f->name,
		f->required ? "required" : optional[shape]);
	if (f->description)
		print_wrapped(a->out, f->description);
	if (a->long_text)
		fputs("  Answer e to write it in your editor; a paste of several lines is one "
		      "answer.\n", a->out);
	if (shape == ONE_ANSWER && f->format && strcmp(f->format, "date") == 0)
		fputs("  a date: 2026-12-31, 31/12/2026 or 31 December 2026 (day first)\n", a->out);
	const char *const *choices;
	size_t count;
	field_choices(a, f, shape == LIST_OF_ANSWERS, &choices, &count);
	const tip_type *target = f->ref_type ? tip_store_type_named(a->store, f->ref_type) : NULL;
	if (count > LIST_LIMIT && target)
		cmd_printf(a->out, "  %zu %s to choose from: type an id or its first letters\n",
			count, target->collection);
	else if (count)
		print_choices(a->out, choices, count);
	if (shape == LIST_OF_ANSWERS)
		fputs("  One per line, an empty line to finish; -NUMBER or -ITEM takes out one "
		      "given.\n", a->out);
	if (shape == ONE_ANSWER && f->default_value && f->default_value->type != TIP_NODE_MAP &&
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
	if (matches) {
		snprintf(why, why_cap, "'%s' could be any of %zu choices: type more of it", answer,
			matches);
		return NULL;
	}
	tip_suggestions close;
	tip_suggest_among(&close, answer, choices, count);
	char hint[256];
	snprintf(why, why_cap, "'%s' is not one of the choices%s", answer,
		tip_suggest_text(hint, sizeof(hint), &close, '\''));
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
	show_field(a, f, ONE_ANSWER);
	for (;;) {
		const char *answer;
		int status = read_answer(a, &answer);
		if (status != EXIT_OK)
			return status;
		if (!*answer && !f->default_value && !f->required)
			return EXIT_OK;
		if (!*answer && !f->default_value) {
			fputs("  ! this field is required\n", a->out);
			continue;
		}
		/* Enter takes the default as the schema gives it (false stays a boolean) */
		tip_node *value = *answer ? answer_value(a, f, false, answer) : NULL;
		if (!*answer && value_ok(a, f->schema, f->default_value))
			value = (tip_node *)f->default_value;
		if (value) {
			tip_error *err = tip_doc_map_set(a->doc, a->form->map, f->name, value);
			return err ? cmd_fail(err) : EXIT_OK;
		}
	}
}

/* Shows a value in one line, as the user typed it. */
static void print_item(FILE *out, size_t number, const tip_node *item)
{
	if (item->type == TIP_NODE_SEQ || item->type == TIP_NODE_MAP)
		cmd_printf(out, "%zu (a group of fields)", number);
	else
		cmd_printf(out, "%zu %s", number, item->str);
}

static void print_items(FILE *out, const tip_node *seq)
{
	fputs("  so far:", out);
	for (size_t i = 0; i < seq->count; i++) {
		fputs(i ? ", " : " ", out);
		print_item(out, i + 1, seq->items[i]);
	}
	fputs(seq->count ? "\n" : " none\n", out);
}

static void drop_item(tip_node *seq, size_t i)
{
	memmove(&seq->items[i], &seq->items[i + 1], (seq->count - i - 1) * sizeof(*seq->items));
	seq->count--;
}

/* "-2" (the item's number) or "-parents" (the item, or an answer that names it) takes out an
 * item already given. */
static void take_out(struct asker *a, const tip_field *f, tip_node *seq, const char *which)
{
	char *end;
	unsigned long number = strtoul(which, &end, 10);
	size_t at = NO_FIELD;
	if (*which && !*end && number >= 1 && number <= seq->count)
		at = number - 1;
	const char *const *choices;
	size_t count;
	field_choices(a, f, true, &choices, &count);
	char why[160];
	const char *named = at == NO_FIELD && count ?
		resolve_choice(which, choices, count, why, sizeof(why)) : which;
	for (size_t i = 0; named && at == NO_FIELD && i < seq->count; i++)
		if (seq->items[i]->str && strcmp(seq->items[i]->str, named) == 0)
			at = i;
	if (at == NO_FIELD) {
		cmd_printf(a->out, "  ! '%s' is not among the items given: give its number or the "
				   "item itself\n", which);
		return;
	}
	cmd_printf(a->out, "  took out ");
	print_item(a->out, at + 1, seq->items[at]);
	fputc('\n', a->out);
	drop_item(seq, at);
	print_items(a->out, seq);
}

/* The number (from 1) of an item of seq equal to item, or 0. */
static size_t same_as(const tip_node *seq, const tip_node *item)
{
	for (size_t i = 0; i < seq->count; i++)
		if (tip_node_equal(seq->items[i], item))
			return i + 1;
	return 0;
}

static void note_unique(void *ctx, const tip_finding *f)
{
	*(bool *)ctx |= strcmp(f->keyword, "uniqueItems") == 0;
}

/* Whether the list's schema refuses repeated items: it refuses item given twice. */
static bool wants_unique(const tip_subschema *list_schema, tip_doc *doc, const tip_node *item)
{
	tip_node *pair = tip_doc_new_seq(doc);
	if (!pair || tip_doc_seq_append(doc, pair, (tip_node *)item) ||
	    tip_doc_seq_append(doc, pair, (tip_node *)item))
		return true;
	bool unique = false;
	tip_validate_opts opts = { .file = "", .finding = note_unique, .finding_ctx = &unique };
	if (list_schema)
		tip_subschema_validate(list_schema, pair, &opts);
	return unique;
}

/* A new item for the list, refused when it repeats one the list's schema wants unique. */
static tip_error *add_item(struct asker *a, const tip_field *f, tip_node *seq, tip_node *value)
{
	size_t earlier = same_as(seq, value);
	if (earlier && wants_unique(f->schema, a->doc, value)) {
		cmd_printf(a->out, "  ! %s is item %zu already: each is given once\n",
			value->str ? value->str : "that", earlier);
		return NULL;
	}
	return tip_doc_seq_append(a->doc, seq, value);
}

/* The list as given so far (when asked again), or a new one. */
static tip_node *list_so_far(struct asker *a, const tip_field *f)
{
	tip_node *seq = tip_doc_new_seq(a->doc);
	const tip_node *old = tip_node_get(a->form->map, f->name);
	for (size_t i = 0; seq && old && old->type == TIP_NODE_SEQ && i < old->count; i++)
		if (tip_doc_seq_append(a->doc, seq, old->items[i]))
			return NULL;
	if (seq && seq->count)
		print_items(a->out, seq);
	return seq;
}

/* The list in the form, or left out when empty. */
static int keep_list(struct asker *a, const tip_field *f, tip_node *seq)
{
	if (seq->count == 0) {
		tip_doc_map_remove(a->form->map, f->name);
		return EXIT_OK;
	}
	tip_error *err = tip_doc_map_set(a->doc, a->form->map, f->name, seq);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* Ends a list at an empty line when it is complete: empty and optional, or valid. */
static int end_list(struct asker *a, const tip_field *f, tip_node *seq, bool *done)
{
	*done = (seq->count == 0 && !f->required) || value_ok(a, f->schema, seq);
	return *done ? keep_list(a, f, seq) : EXIT_OK;
}

static int ask_list(struct asker *a, const tip_field *f)
{
	show_field(a, f, LIST_OF_ANSWERS);
	tip_node *seq = list_so_far(a, f);
	if (!seq)
		return cmd_fail(tip_error_nomem());
	for (;;) {
		const char *answer;
		int status = read_answer(a, &answer);
		if (status != EXIT_OK)
			return status;
		if (answer[0] == '-' && answer[1]) {
			take_out(a, f, seq, answer + 1);
			continue;
		}
		if (*answer) {
			tip_node *value = answer_value(a, f, true, answer);
			tip_error *err = value ? add_item(a, f, seq, value) : NULL;
			if (err)
				return cmd_fail(err);
			continue;
		}
		bool done;
		status = end_list(a, f, seq, &done);
		if (status != EXIT_OK || done)
			return status;
	}
}

static bool is_object_list(const tip_field *f)
{
	return f->kind == TIP_VALUE_ARRAY && f->item_kind == TIP_VALUE_OBJECT && f->items;
}

/* Fields that are one group of fields, or lists nested in a list's items: left for tip
 * edit. */
static bool asked_elsewhere(const struct asker *a, const tip_field *f)
{
	bool nested = a->form->map != a->doc->root;
	return f->kind == TIP_VALUE_OBJECT || (nested && is_object_list(f)) ||
	       (f->kind == TIP_VALUE_ARRAY && f->item_kind == TIP_VALUE_OBJECT && !f->items);
}

static int ask_items(struct asker *a, const tip_field *f);

/* Asks one field, as a question of its kind. */
static int ask_one(struct asker *a, const tip_field *f)
{
	if (is_object_list(f))
		return ask_items(a, f);
	if (f->kind == TIP_VALUE_ARRAY)
		return ask_list(a, f);
	return ask_scalar(a, f);
}

/* ---- rules across fields ---- */

/* The findings of map (the form's object, or a copy of it) as the form's schema gives them. */
static tip_error *form_findings(const struct asker *a, const tip_node *map, tip_diag_list **out)
{
	tip_error *err = tip_diag_list_new(out);
	if (err)
		return err;
	tip_validate_opts opts = { .file = "", .finding = tip_diag_list_collect,
		.finding_ctx = *out, .ref_exists = tip_store_has_record, .ref_ctx = a->store };
	tip_subschema_validate(a->form->schema, map, &opts);
	return tip_diag_list_error(*out);
}

/* How many findings map has like f (the same keyword, place and message). */
static size_t count_like(const struct asker *a, const tip_node *map, const tip_finding *f)
{
	tip_diag_list *now = NULL;
	size_t n = 0;
	if (form_findings(a, map, &now) == NULL)
		for (size_t i = 0; i < tip_diag_list_count(now); i++) {
			const tip_finding *g = tip_diag_list_get(now, i);
			n += strcmp(g->keyword, f->keyword) == 0 && strcmp(g->path, f->path) == 0 &&
			     strcmp(g->message, f->message) == 0;
		}
	tip_diag_list_free(now);
	return n;
}

/* The other field of the rule a finding about field broken breaks: one given without which
 * the finding goes. NO_FIELD when there is none. */
static size_t partner_field(const struct asker *a, const tip_finding *f, size_t broken)
{
	const tip_node *map = a->form->map;
	size_t before = count_like(a, map, f);
	tip_pair *pairs = calloc(map->count ? map->count : 1, sizeof(*pairs));
	size_t found = NO_FIELD;
	for (size_t i = 0; pairs && found == NO_FIELD && i < a->form->count; i++) {
		const char *name = a->form->fields[i].name;
		if (i == broken || !tip_node_get(map, name))
			continue;
		tip_node without = *map;
		without.pairs = pairs;
		without.count = 0;
		for (size_t j = 0; j < map->count; j++)
			if (strcmp(map->pairs[j].key->str, name) != 0)
				pairs[without.count++] = map->pairs[j];
		if (count_like(a, &without, f) < before)
			found = i;
	}
	free(pairs);
	return found;
}

/* The absent field a "required" finding on the form asks for: the one whose presence (any
 * value) makes one such finding go, whatever the message says. */
static size_t missing_field(struct asker *a, const tip_finding *f)
{
	size_t before = count_like(a, a->form->map, f);
	for (size_t i = 0; i < a->form->count; i++) {
		const char *name = a->form->fields[i].name;
		tip_node *null = tip_node_get(a->form->map, name) ? NULL :
			tip_doc_new_scalar(a->doc, TIP_NODE_NULL, "null", 4);
		if (!null || tip_doc_map_set(a->doc, a->form->map, name, null))
			continue;
		size_t after = count_like(a, a->form->map, f);
		tip_doc_map_remove(a->form->map, name);
		if (after < before)
			return i;
	}
	return NO_FIELD;
}

/* The form's field a finding points at: the first step of its place, or the field a
 * "required" rule wants. */
static size_t field_of(struct asker *a, const tip_finding *f)
{
	if (!*f->path)
		return strcmp(f->keyword, "required") == 0 ||
				       strcmp(f->keyword, "dependentRequired") == 0 ?
			missing_field(a, f) : NO_FIELD;
	char name[256];
	size_t n = 0;
	for (const char *p = f->path + 1; *p && *p != '/' && n + 1 < sizeof(name); p++) {
		if (*p == '~' && (p[1] == '0' || p[1] == '1'))
			name[n++] = *++p == '0' ? '~' : '/';
		else
			name[n++] = *p;
	}
	name[n] = '\0';
	const tip_field *field = tip_field_named(a->form->fields, a->form->count, name);
	return field ? (size_t)(field - a->form->fields) : NO_FIELD;
}

/* A broken rule: the field its finding points at, the other field of the rule (or
 * NO_FIELD), and the finding's message. */
struct broken {
	size_t field, partner;
	char message[512];
};

/* The first finding about a field already asked. A rule about fields not asked yet waits for
 * them. */
static int broken_rule(struct asker *a, struct broken *b)
{
	b->field = b->partner = NO_FIELD;
	tip_diag_list *findings = NULL;
	tip_error *err = form_findings(a, a->form->map, &findings);
	for (size_t i = 0; !err && i < tip_diag_list_count(findings); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		size_t at = field_of(a, f);
		/* inside an item of a list of groups: "another?" cannot mend that; the editor
		 * can */
		bool in_item = at != NO_FIELD && is_object_list(&a->form->fields[at]) &&
			*f->path && strchr(f->path + 1, '/');
		if (at != NO_FIELD && a->form->asked[at] && !in_item) {
			b->field = at;
			b->partner = partner_field(a, f, at);
			snprintf(b->message, sizeof(b->message), "%s", f->message);
			break;
		}
	}
	tip_diag_list_free(findings);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* The finding's message, naming its field when another is asked again, and the answer that
 * makes the rule apply (a personal field's value is not repeated). */
static void say_broken(const struct asker *a, const struct broken *b, size_t again)
{
	cmd_printf(a->out, "  ! %s%s%s", again == b->field ? "" : a->form->fields[b->field].name,
		again == b->field ? "" : ": ", b->message);
	if (b->partner != NO_FIELD) {
		const tip_field *p = &a->form->fields[b->partner];
		const tip_node *value = tip_node_get(a->form->map, p->name);
		bool shown = value && !p->personal && value->type != TIP_NODE_SEQ &&
			value->type != TIP_NODE_MAP;
		cmd_printf(a->out, " (as %s is %s)", p->name, shown ? value->str : "given");
	}
	fputc('\n', a->out);
}

/* After field just was answered: while a rule across the fields asked so far is broken, asks
 * again the field the finding points at, with the reason; when its new answer breaks the rule
 * still, the other field of the rule (or the one just answered) in turn, as either can mend
 * it: nobody is held at one question. */
static int check_rules(struct asker *a, size_t just)
{
	for (unsigned round = 0;; round++) {
		struct broken b;
		int status = broken_rule(a, &b);
		if (status != EXIT_OK || b.field == NO_FIELD)
			return status;
		size_t other = b.partner != NO_FIELD ? b.partner : just;
		size_t again = round % 2 && other != NO_FIELD ? other : b.field;
		const tip_field *f = &a->form->fields[again];
		say_broken(a, &b, again);
		if (f->kind != TIP_VALUE_ARRAY)
			tip_doc_map_remove(a->form->map, f->name);
		status = ask_one(a, f);
		if (status != EXIT_OK)
			return status;
	}
}

/* Asks each field of the form not yet in it, checking the rules across them as it goes; the
 * names of those left for tip edit go into later. */
static int ask_form(struct asker *a, tip_buf *later)
{
	int status = EXIT_OK;
	for (size_t i = 0; status == EXIT_OK && i < a->form->count; i++) {
		const tip_field *f = &a->form->fields[i];
		if (tip_node_get(a->form->map, f->name))
			continue; /* given with --set */
		if (asked_elsewhere(a, f)) {
			status = tip_buf_addf(later, "%s%s", later->len ? ", " : "", f->name) ?
				cmd_fail(tip_error_nomem()) : EXIT_OK;
			continue;
		}
		status = ask_one(a, f);
		a->form->asked[i] = true;
		if (status == EXIT_OK)
			status = check_rules(a, i);
	}
	return status;
}

/* ---- lists of groups of fields: one item at a time ---- */

/* One item: its fields asked in turn, as the record's are. */
static int ask_item(struct asker *a, const tip_field *f, tip_node *item, tip_buf *later)
{
	struct form *outer = a->form;
	struct form form = { .map = item, .schema = f->items };
	tip_field *fields = NULL;
	tip_error *err = tip_subschema_fields(&fields, &form.count, f->items);
	if (!err && !(form.asked = calloc(form.count ? form.count : 1, sizeof(bool))))
		err = tip_error_nomem();
	int status = err ? cmd_fail(err) : EXIT_OK;
	form.fields = fields;
	a->form = &form;
	if (status == EXIT_OK)
		status = ask_form(a, later);
	a->form = outer;
	free(form.asked);
	free(fields);
	return status;
}

static int ask_items(struct asker *a, const tip_field *f)
{
	show_field(a, f, LIST_OF_GROUPS);
	tip_node *seq = list_so_far(a, f);
	tip_buf later = TIP_BUF_INIT;
	char noun[64], question[160];
	snprintf(noun, sizeof(noun), "%s", f->item_title ? f->item_title : "item");
	noun[0] = (char)tolower((unsigned char)noun[0]);
	int status = seq ? EXIT_OK : cmd_fail(tip_error_nomem());
	for (;;) {
		if (status != EXIT_OK)
			break;
		if (seq->count || !f->required) {
			char choice;
			const char *add = noun[0] && strchr("aeiou", noun[0]) ? "Add an" : "Add a";
			snprintf(question, sizeof(question), "\n%s %s? y = yes, n = no (Enter: no)",
				seq->count ? "Another" : add, noun);
			status = cmd_prompt_choice(&choice, question, "ny", a->in, a->out);
			if (status != EXIT_OK || choice == 'n')
				break;
		}
		cmd_printf(a->out, "\n%s %zu of %s\n", f->item_title ? f->item_title : "Item",
			seq->count + 1, f->title ? f->title : f->name);
		tip_buf_reset(&later);
		tip_node *item = tip_doc_new_map(a->doc);
		status = item ? ask_item(a, f, item, &later) : cmd_fail(tip_error_nomem());
		/* kept even when a rule its questions could not point at is broken (said here):
		 * the record's check at the end offers the editor for it */
		if (status == EXIT_OK) {
			value_ok(a, f->items, item);
			tip_error *err = tip_doc_seq_append(a->doc, seq, item);
			status = err ? cmd_fail(err) : EXIT_OK;
		}
	}
	if (status == EXIT_OK)
		status = keep_list(a, f, seq);
	if (status == EXIT_OK && later.len)
		cmd_printf(a->out, "  Not asked here: %s. Add them with tip edit.\n",
			tip_buf_str(&later));
	tip_buf_dispose(&later);
	return status;
}

int cmd_prompt_fields(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, FILE *in, FILE *out)
{
	struct form form = { doc->root, tip_schema_root(type->schema), fields, count,
		calloc(count ? count : 1, sizeof(bool)) };
	struct asker a = { .in = in, .out = out, .store = store, .doc = doc, .form = &form };
	if (!form.asked)
		return cmd_fail(tip_error_nomem());
	cmd_printf(out, "New %s (records/%s/). Enter leaves an optional field out; Ctrl-C or "
		     "Ctrl-D stops\nwithout writing anything.\n", type->name, type->collection);
	tip_buf later = TIP_BUF_INIT;
	int status = ask_form(&a, &later);
	if (status == EXIT_OK && later.len)
		cmd_printf(out, "\nNot asked here: %s (groups of fields). Add them with tip edit.\n",
			tip_buf_str(&later));
	tip_buf_dispose(&later);
	tip_buf_dispose(&a.draft);
	free(form.asked);
	free(a.line);
	return status;
}

int cmd_prompt_mend(tip_store *store, const tip_type *type, tip_doc *doc,
	const tip_field *fields, size_t count, const tip_diag_list *findings, bool *asked,
	FILE *in, FILE *out)
{
	struct form form = { doc->root, tip_schema_root(type->schema), fields, count,
		calloc(count ? count : 1, sizeof(bool)) };
	struct asker a = { .in = in, .out = out, .store = store, .doc = doc, .form = &form };
	*asked = false;
	if (!form.asked)
		return cmd_fail(tip_error_nomem());
	for (size_t i = 0; i < count; i++)
		form.asked[i] = true;
	bool *again = calloc(count ? count : 1, sizeof(bool));
	int status = again ? EXIT_OK : cmd_fail(tip_error_nomem());
	for (size_t i = 0; status == EXIT_OK && i < tip_diag_list_count(findings); i++) {
		const tip_finding *f = tip_diag_list_get(findings, i);
		size_t at = field_of(&a, f);
		if (at == NO_FIELD || is_object_list(&fields[at]) || again[at])
			continue; /* for the editor, or asked again already */
		*asked = again[at] = true;
		cmd_printf(out, "\n  ! %s: %s\n", fields[at].name, f->message);
		if (fields[at].kind != TIP_VALUE_ARRAY)
			tip_doc_map_remove(doc->root, fields[at].name);
		status = ask_one(&a, &fields[at]);
		if (status == EXIT_OK)
			status = check_rules(&a, at);
	}
	free(again);
	free(form.asked);
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

/* The word the question gives letter ("c = commit" gives "commit"), its length in *len;
 * NULL when it gives none. */
static const char *choice_word(const char *question, char letter, size_t *len)
{
	for (const char *p = question; (p = strchr(p, letter)); p++) {
		if ((p == question || p[-1] == ' ') && strncmp(p + 1, " = ", 3) == 0) {
			*len = strcspn(p + 4, " ,;()");
			return p + 4;
		}
	}
	return NULL;
}

/* The letter the answer names, by itself or by its word in the question, in any case; 0 when
 * it names none (a word that only begins with a letter, such as "cancel", names none). */
static char named_choice(const char *answer, const char *question, const char *letters)
{
	size_t n = strlen(answer), len;
	for (const char *l = letters; *l; l++) {
		const char *word = choice_word(question, *l, &len);
		if ((n == 1 && tolower((unsigned char)*answer) == *l) ||
		    (word && n == len && strncasecmp(answer, word, len) == 0))
			return *l;
	}
	return 0;
}

/* "  ! answer c (commit), e (edit) or a (abort)": the letters in the question's order. */
static void say_choices(FILE *out, const char *question, const char *letters)
{
	const char *at[16];
	size_t n = 0, len;
	for (const char *p = question; *p && n < 16; p++) {
		if (strchr(letters, *p) && choice_word(p, *p, &len) == p + 4)
			at[n++] = p;
	}
	cmd_printf(out, "  ! answer ");
	for (size_t i = 0; i < n; i++) {
		choice_word(at[i], *at[i], &len);
		cmd_printf(out, "%s%c (%.*s)", i == 0 ? "" : i + 1 < n ? ", " : " or ", *at[i],
			(int)len, at[i] + 4);
	}
	cmd_printf(out, "\n");
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
		*choice = *answer ? named_choice(answer, question, letters) : letters[0];
		if (*choice)
			break;
		say_choices(out, question, letters);
	}
	free(a.line);
	return status;
}
