/* tip add: a new record, from a terminal's prompts or from --set and --file, as one commit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assign.h"
#include "cmd.h"
#include "reading.h"
#include "editor.h"
#include "emit.h"
#include "prompt.h"
#include "records.h"
#include "write.h"

struct add_options {
	struct write_options w;
	const char *file;
	const char *resume;
	const char *id;
	struct cmd_strings sets;
};

static const struct cmd_option add_options[] = {
	CMD_LIST("set", "F=V", NULL, struct add_options, sets,
		"a field's value (as in tip set: F=a,b for a list)"),
	CMD_STRING("file", 0, "F", "FILE", struct add_options, file,
		"the record as YAML from file F, or - for stdin"),
	CMD_STRING("resume", 0, "F", "FILE", struct add_options, resume,
		"go on from the answers tip add kept in F"),
	CMD_STRING("id", 0, "ID", NULL, struct add_options, id,
		"the id (the file name); default: made from the title"),
	CMD_FORCE_OPTION(struct add_options),
	CMD_MESSAGE_OPTION(struct add_options),
	CMD_NO_COMMIT_OPTION(struct add_options, "write the file only"),
	CMD_WRITE_FORMAT_OPTIONS(struct add_options),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_add = {
	.name = "add",
	.synopses = (const struct cmd_synopsis[]){
		{ "TYPE [--set F=V]... [--file F|-|--resume F] [--id ID] [--force]\n"
		  "[-m REASON] [--no-commit] [--format text|json] [--include-personal]",
			{ "TYPE" }, false },
		{ NULL } },
	.about = "Adds a record and commits it. On a terminal, without --file, it asks for each\n"
		 "field (those not given with --set; a list's items, -N or -ITEM to take one out;\n"
		 "a list of groups of fields one item at a time), asks again at once a field that\n"
		 "breaks a rule across fields, shows the record, and asks to commit, edit or\n"
		 "abort (an invalid record: to answer again or edit). What would stop the commit\n"
		 "is said before the first question; on abort the answers are kept in a file,\n"
		 "and --resume F goes on from them, asking only what they lack.\n"
		 "Otherwise it never asks: values come from --set and --file, and missing\n"
		 "required fields are listed. tip lint's errors in the record refuse it unless\n"
		 "--force.\n\n",
	.options = add_options,
	.column = 24,
	.after = "\nA paste is one answer, whatever its length or lines; at a long text field, e\n"
		 "writes the answer in your editor.\n"
		 "\nExit status: 0 added, 1 the record would be invalid, has lint errors or lacks\n"
		 "required fields (nothing is written), 2 usage, repository or I/O errors, or\n"
		 "stopped, 130 interrupted with Ctrl-C (nothing is written).\n",
	.more = cmd_print_record_types,
};

/* The starting document: --file's (or --resume's) mapping, or an empty one. */
static int starting_doc(tip_doc **doc, const char *file)
{
	if (!file)
		return tip_doc_new(doc, "-") ? cmd_fail(tip_error_nomem()) : EXIT_OK;
	return cmd_load_mapping(doc, file, NULL);
}

static int apply_sets(tip_doc *doc, const tip_field *fields, size_t count,
	const struct add_options *o)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < o->sets.count; i++) {
		tip_assignment a;
		err = tip_assignment_parse(&a, o->sets.items[i]);
		if (!err)
			err = tip_assign(doc, fields, count, &a);
		if (!err)
			cmd_print_value_notes(a.field, &a.notes);
		tip_assignment_dispose(&a);
	}
	return err ? cmd_fail(err) : EXIT_OK;
}

/* Required fields not given take their schema default when they have one; the others are
 * listed. */
static int require_fields(tip_doc *doc, const tip_field *fields, size_t count)
{
	tip_buf missing = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count; i++) {
		const tip_field *f = &fields[i];
		if (!f->required || tip_node_get(doc->root, f->name))
			continue;
		if (f->default_value)
			err = tip_doc_map_set(doc, doc->root, f->name,
				(tip_node *)f->default_value);
		else
			err = tip_buf_addf(&missing, "%s%s", missing.len ? ", " : "", f->name);
	}
	int status = err ? cmd_fail(err) : EXIT_OK;
	if (status == EXIT_OK && missing.len) {
		cmd_error("missing required fields: %s (give them with --set FIELD=VALUE or "
			  "--file)", tip_buf_str(&missing));
		status = EXIT_FINDINGS;
	}
	tip_buf_dispose(&missing);
	return status;
}

/* An id made from the title (base: the title's own) that no record of the type has yet. */
static void suggest_id(char *id, size_t cap, char base[TIP_ID_MAX + 1], tip_store *store,
	const tip_type *type, const tip_doc *doc)
{
	const char *title = tip_record_title_of(type, doc->root);
	tip_record_slug(base, TIP_ID_MAX + 1, title ? title : "");
	if (!*base)
		snprintf(base, TIP_ID_MAX + 1, "%s", type->name);
	snprintf(id, cap, "%s", base);
	for (int n = 2; tip_store_has_record(store, type->name, id); n++) {
		char suffix[16];
		int len = snprintf(suffix, sizeof(suffix), "-%d", n);
		size_t keep = strlen(base) + (size_t)len > TIP_ID_MAX ? TIP_ID_MAX - (size_t)len
								      : strlen(base);
		snprintf(id, cap, "%.*s%s", (int)keep, base, suffix);
	}
}

struct add_run {
	tip_store *store;
	const tip_type *type;
	tip_field *fields;
	size_t field_count;
	tip_doc *doc;
	bool interactive;
	bool force;
};

/* The record's findings, as its commit would check it: the schema's, then (when it passes
 * the schema, and unless force) the lint errors that would refuse the write. */
static int record_findings(tip_diag_list **findings, const struct add_run *r,
	const tip_record *record, const tip_buf *text)
{
	tip_error *err = tip_diag_list_new(findings);
	if (!err)
		err = tip_record_check(r->store, record, tip_buf_str(text), text->len, *findings);
	if (err)
		return cmd_fail(err);
	if (r->force || tip_diag_list_count_severity(*findings, TIP_SEVERITY_ERROR))
		return EXIT_OK;
	return cmd_lint_refusals(r->store, record, text, *findings);
}

/* Shows the record and asks what to do: commit it when it is valid; otherwise says what is
 * wrong and offers the questions again instead. */
static int ask_next(char *choice, const tip_record *record, const tip_buf *text,
	tip_diag_list *findings)
{
	cmd_printf(stdout, "\n--- %s\n%s---\n", record->path, tip_buf_str(text));
	if (tip_diag_list_count(findings) == 0)
		return cmd_prompt_choice(choice, "Commit it? c = commit, e = edit in your editor "
			"first, a = abort (Enter: commit)", "cea", stdin, stdout);
	cmd_printf(stdout, "This %s is not valid yet, so it cannot be committed:\n",
		record->type->name);
	int status = cmd_print_diag(stdout, findings, TIP_DIAG_TEXT);
	if (status == EXIT_OK)
		status = cmd_prompt_choice(choice, "q = answer the questions again for what is "
			"wrong, e = fix it in your editor, a = abort (Enter: q)", "qea", stdin,
			stdout);
	return status;
}

/* The record's text again after its fields changed. */
static int render_again(tip_buf *text, const tip_record *record)
{
	tip_buf_reset(text);
	tip_error *err = tip_record_render(text, record);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* The questions again for the fields the findings point at. */
static int ask_again(struct add_run *r, tip_record *record, tip_buf *text,
	const tip_diag_list *findings)
{
	bool asked;
	int status = cmd_prompt_mend(r->store, r->type, record->doc, r->fields, r->field_count,
		findings, &asked, stdin, stdout);
	if (status == EXIT_OK && !asked)
		cmd_printf(stdout, "  No question can mend that: fix it in your editor (e).\n");
	return status == EXIT_OK ? render_again(text, record) : status;
}

/* The text from the editor, which it has checked, in place of the record's fields. */
static int edit_first(struct add_run *r, tip_record *record, tip_buf *text)
{
	bool changed;
	int status = cmd_edit_until_valid(r->store, record, text, &changed);
	if (status != EXIT_OK || !changed)
		return status;
	tip_error *err = tip_record_replace(record, tip_buf_str(text), text->len);
	return err ? cmd_fail(err) : render_again(text, record);
}

/* Until the user commits a valid record, mends it, or gives up (the answers are kept). */
static int confirm(struct add_run *r, tip_record *record, tip_buf *text)
{
	for (;;) {
		tip_diag_list *findings = NULL;
		char choice = 'a';
		int status = record_findings(&findings, r, record, text);
		if (status == EXIT_OK)
			status = ask_next(&choice, record, text, findings);
		if (status == EXIT_OK && choice == 'q')
			status = ask_again(r, record, text, findings);
		else if (status == EXIT_OK && choice == 'e')
			status = edit_first(r, record, text);
		tip_diag_list_free(findings);
		if (status == EXIT_OK && choice == 'a') {
			cmd_error("aborted: nothing was written");
			status = EXIT_TROUBLE;
		}
		/* The editor keeps the text it was given up on itself. */
		if (status != EXIT_OK && (choice != 'e' || status == EXIT_TROUBLE)) {
			if (render_again(text, record) == EXIT_OK)
				cmd_keep_draft(record->id, text, r->type->name);
		}
		if (status != EXIT_OK || choice == 'c')
			return status;
	}
}

/* The answers given before the questions stopped (the input ended), kept in a file. */
static void keep_answers(const struct add_run *r)
{
	if (!r->doc || r->doc->root->count == 0)
		return;
	char name[TIP_ID_MAX + 1], base[TIP_ID_MAX + 1];
	suggest_id(name, sizeof(name), base, r->store, r->type, r->doc);
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_emit_record(&text, r->doc->root, tip_schema_root(r->type->schema));
	if (err)
		cmd_fail(err);
	else
		cmd_keep_draft(name, &text, r->type->name);
	tip_buf_dispose(&text);
}

static int gather(struct add_run *r, const struct add_options *o, char *id, size_t cap)
{
	int status = starting_doc(&r->doc, o->file ? o->file : o->resume);
	if (status == EXIT_OK)
		status = apply_sets(r->doc, r->fields, r->field_count, o);
	if (status == EXIT_OK && r->interactive) {
		status = cmd_prompt_fields(r->store, r->type, r->doc, r->fields, r->field_count,
			stdin, stdout);
		if (status != EXIT_OK)
			keep_answers(r);
	}
	if (status == EXIT_OK && !r->interactive)
		status = require_fields(r->doc, r->fields, r->field_count);
	if (status != EXIT_OK)
		return status;
	if (o->id) {
		snprintf(id, cap, "%s", o->id);
		return EXIT_OK;
	}
	char suggestion[TIP_ID_MAX + 1], base[TIP_ID_MAX + 1];
	suggest_id(suggestion, sizeof(suggestion), base, r->store, r->type, r->doc);
	if (!r->interactive) {
		/* a script adding the same title twice would not otherwise know */
		if (strcmp(base, suggestion) != 0)
			cmd_error("note: an id \"%s\" exists; this one is \"%s\"", base, suggestion);
		snprintf(id, cap, "%s", suggestion);
		return EXIT_OK;
	}
	status = cmd_prompt_id(id, cap, r->store, r->type, suggestion, stdin, stdout);
	if (status != EXIT_OK)
		keep_answers(r);
	return status;
}

static int add_record(struct add_run *r, const struct add_options *o)
{
	char id[TIP_ID_MAX + 64];
	int status = gather(r, o, id, sizeof(id));
	if (status != EXIT_OK)
		return status;
	tip_record record;
	tip_error *err = tip_record_start(&record, r->store, r->type->name, id);
	if (err)
		return cmd_fail(err);
	tip_doc_free(record.doc);
	record.doc = r->doc;
	r->doc = NULL;
	tip_buf text = TIP_BUF_INIT;
	err = tip_record_render(&text, &record);
	status = err ? cmd_fail(err) : EXIT_OK;
	if (status == EXIT_OK && r->interactive)
		status = confirm(r, &record, &text);
	if (status == EXIT_OK) {
		status = cmd_commit_record(r->store, &record, "add", &text, &o->w, o->w.force);
		if (status != EXIT_OK && r->interactive)
			cmd_keep_draft(record.id, &text, r->type->name);
	}
	tip_buf_dispose(&text);
	tip_record_dispose(&record);
	return status;
}

static int add_to_store(tip_store *store, const char *type_name, const struct add_options *o)
{
	struct add_run r = { .store = store, .force = o->w.force };
	r.type = tip_store_type_named(store, type_name);
	if (!r.type)
		return cmd_fail(tip_store_no_type(store, type_name));
	if (!r.type->schema) {
		cmd_error("%s does not compile: run tip validate to see why", r.type->schema_file);
		return EXIT_TROUBLE;
	}
	/* --resume asks, as without --file; off a terminal it reads its file as --file does */
	r.interactive = !o->file && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	/* Whatever would stop the commit is said before the first question, not after the
	 * last; and the prompts offer the ids a reference may take. */
	tip_error *err = r.interactive && !o->w.no_commit ? tip_store_check_writable(store, NULL) : NULL;
	if (!err && r.interactive)
		err = tip_store_list_records(store);
	if (!err)
		err = tip_subschema_fields(&r.fields, &r.field_count,
			tip_schema_root(r.type->schema));
	int status = err ? cmd_fail(err) : add_record(&r, o);
	tip_doc_free(r.doc);
	free(r.fields);
	return status;
}

int cmd_add(int argc, char **argv)
{
	struct add_options o = { .w = { 0 } };
	int status = cmd_parse_options(&usage_add, &o, argc, argv, &argc);
	if (status < 0 && argc != 1)
		status = cmd_usage_error(&usage_add, "tip add needs one TYPE");
	if (status < 0 && o.file && o.resume)
		status = cmd_usage_error(&usage_add, "--file and --resume both give the record: "
			"use one");
	if (status < 0) {
		tip_store *store;
		status = cmd_open_store(&store);
		if (status == EXIT_OK)
			status = add_to_store(store, argv[0], &o);
		tip_store_free(store);
	}
	free(o.sets.items);
	return status;
}
