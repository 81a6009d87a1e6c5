/* tip search: text in every text field of every record, ranked, as text or JSON. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "jsonw.h"
#include "reading.h"
#include "records.h"
#include "search.h"

enum { FORMAT_TEXT, FORMAT_JSON };

/* The version of --format json's layout: it changes only when a script would have to. */
enum { SEARCH_JSON_FORMAT = 1 };

struct search_options {
	const char *type;
	int format;
	bool include_personal;
};

static const struct cmd_option search_options[] = {
	CMD_STRING("type", 0, "TYPE", NULL, struct search_options, type,
		"search the records of TYPE only"),
	CMD_CHOICE("format", "F", "text|json", struct search_options, format,
		"text (the default: each record, then where it matched)\n"
		"or json (\"format\": 1, the query and the results)"),
	CMD_FLAG("include-personal", 0, struct search_options, include_personal,
		"search and show fields marked as personal data\n"
		"(x-tip-personal) too"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_search = {
	.name = "search",
	.synopses = (const struct cmd_synopsis[]){
		{ "TEXT... [--type TYPE] [--format text|json] [--include-personal]",
			{ "TEXT" }, true },
		{ NULL } },
	.about = "Finds the records of the working tree whose text fields hold every word of\n"
		 "TEXT, case and accents aside (cafe finds Café). Best first: the words together\n"
		 "count more than apart, the title more than other fields. Each record is shown\n"
		 "with its type, id and title, and the field that matched with the text around\n"
		 "it. Personal fields are not searched unless --include-personal.\n\n",
	.options = search_options,
	.column = 24,
	.after = "\nExit status: 0 searched (\"no records match\" on stderr when none do, in text),\n"
		 "1 some record files do not load (the others are searched), 2 usage, I/O or\n"
		 "repository errors.\n",
};

static tip_error *render_text(tip_buf *out, const tip_search_hit *hits, size_t n)
{
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < n; i++) {
		const tip_search_hit *h = &hits[i];
		err = tip_buf_addf(out, "%s %s%s%s\n  %s: %s\n", h->record->type->name,
			h->record->id, h->title ? ": " : "", h->title ? h->title : "", h->field,
			h->excerpt);
	}
	return err;
}

static tip_error *render_json(tip_buf *out, const char *text, const tip_search_hit *hits,
	size_t n)
{
	tip_jsonw w;
	tip_jsonw_begin(&w, out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", SEARCH_JSON_FORMAT);
	tip_jsonw_string(&w, "query", text);
	tip_jsonw_array(&w, "results");
	for (size_t i = 0; i < n; i++) {
		const tip_search_hit *h = &hits[i];
		tip_jsonw_object(&w, NULL);
		tip_jsonw_string(&w, "type", h->record->type->name);
		tip_jsonw_string(&w, "id", h->record->id);
		tip_jsonw_string(&w, "title", h->title);
		tip_jsonw_string(&w, "field", h->field);
		tip_jsonw_string(&w, "pointer", h->pointer);
		tip_jsonw_string(&w, "excerpt", h->excerpt);
		tip_jsonw_number(&w, "score", h->score);
		tip_jsonw_close(&w, '}');
	}
	tip_jsonw_close(&w, ']');
	tip_jsonw_close(&w, '}');
	return tip_jsonw_end(&w);
}

static int search(tip_store *store, const tip_type *type, const char *text,
	const struct search_options *o)
{
	struct reading r;
	int status = cmd_read_records(&r, store, type ? type->name : NULL);
	const tip_snapshot_record **records = NULL;
	size_t n = 0, k = 0;
	if (status == EXIT_OK)
		status = cmd_records_of(&records, &n, &r, type);
	tip_search_hit *hits = NULL;
	tip_error *err = status == EXIT_OK ? tip_search(&hits, &k,
		(const tip_snapshot_record *const *)records, n, text, o->include_personal) : NULL;
	tip_buf out = TIP_BUF_INIT;
	if (!err && status == EXIT_OK)
		err = o->format == FORMAT_JSON ? render_json(&out, text, hits, k)
					       : render_text(&out, hits, k);
	if (err)
		status = cmd_fail(err);
	if (status == EXIT_OK && !k && o->format == FORMAT_TEXT)
		cmd_error("no records match");
	if (status == EXIT_OK)
		status = cmd_print_text(&out);
	if (status == EXIT_OK)
		status = r.status;
	tip_buf_dispose(&out);
	tip_search_hits_free(hits, k);
	free(records);
	cmd_reading_dispose(&r);
	return status;
}

/* The words of TEXT... as one text. */
static char *joined(int argc, char **argv)
{
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (int i = 0; !err && i < argc; i++)
		err = tip_buf_addf(&text, "%s%s", i ? " " : "", argv[i]);
	if (err) {
		tip_error_free(err);
		tip_buf_dispose(&text);
		return NULL;
	}
	return text.data;
}

int cmd_search(int argc, char **argv)
{
	struct search_options o = { .format = FORMAT_TEXT };
	int status = cmd_parse_options(&usage_search, &o, argc, argv, &argc);
	if (status >= 0)
		return status;
	if (argc < 1)
		return cmd_usage_error(&usage_search, "tip search needs the TEXT to search for");
	char *text = joined(argc, argv);
	if (!text)
		return cmd_fail(tip_error_nomem());
	tip_store *store;
	status = cmd_open_store(&store);
	const tip_type *type = status == EXIT_OK && o.type ? tip_store_type_named(store, o.type)
		: NULL;
	if (status == EXIT_OK && o.type && !type)
		status = cmd_fail(tip_error_not_found("there is no record type '%s' (no "
			"schemas/%s.schema.yaml)", o.type, o.type));
	if (status == EXIT_OK)
		status = search(store, type, text, &o);
	tip_store_free(store);
	free(text);
	return status;
}
