/* Fuzz target: the filters (--where) and sort order (--sort) of tip list on the shipped course
 * and champion types, matched against fixed records. The first byte chooses the type and
 * whether personal fields may be used; then each line is a filter, or a sort order when it
 * starts with '^'. F=V and F!=V must always disagree, and the records chosen must each match. */
#include "fuzz.h"
#include "query.h"
#include "schema.h"

typedef struct fixed_type {
	const char *name, *collection;
	const char *records[3];
	tip_type type;
	tip_doc *docs[3];
	tip_snapshot_record snapshot[3];
	const tip_snapshot_record *pointers[3];
} fixed_type;

static fixed_type types[] = {
	{ .name = "course", .collection = "courses",
		.records = { "title: Attachment basics\nprovider: EPS\nprovider_type: internal\n"
		  "level: informed\naudience: [education, health]\nduration: 90\n"
		  "teaches: [attachment, aces]\nlast_reviewed: '2026-03-01'\n"
		  "sessions: [{date: '2026-01-01', attendees: 12}]\n",
			"title: Trauma skilled\nlevel: skilled\nduration: '90'\nteaches: aces\n"
			"next_review: '2026-02-30'\nurl: 'http://example.org/'\n",
			"title: [not, text]\nduration: 1.5e3\naudience: []\n" } },
	{ .name = "champion", .collection = "champions",
		.records = { "organisation: Example School\nname: Ann Example\nsector: education\n"
		  "status: active\nlevel: skilled\nreview_by: '2027-03-31'\n"
		  "courses_completed: [{course: a, month: 2022-10}]\n",
			"name: ''\nstatus: left\nreview_by: 2027-03-31\n",
			"name: [Bob]\nlevel: null\nreview_by: '1999-12-31'\n" } },
};
enum { TYPES = sizeof(types) / sizeof(types[0]), RECORDS = 3 };
static const char *const ids[RECORDS] = { "alpha", "beta", "gamma-1" };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("TIP_FUZZ_SCHEMAS");
	for (size_t t = 0; t < TYPES; t++) {
		fixed_type *f = &types[t];
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.schema.yaml", dir ? dir : "schemas", f->name);
		tip_schema *schema;
		fuzz_setup_ok(tip_schema_compile_file(&schema, path), path);
		f->type = (tip_type){ .name = f->name, .collection = f->collection,
			.schema_file = path, .schema = schema };
		for (size_t i = 0; i < RECORDS; i++) {
			fuzz_setup_ok(tip_yaml_load(&f->docs[i], f->records[i],
					      strlen(f->records[i]), "record.yaml", NULL),
				"record");
			if (!f->docs[i])
				abort();
			f->snapshot[i] = (tip_snapshot_record){ &f->type, ids[i], "record.yaml",
				f->docs[i]->root };
			f->pointers[i] = &f->snapshot[i];
		}
	}
	return 0;
}

/* The filter that says the opposite of expr (F=V and F!=V), or NULL when expr is of
 * another form. */
static char *opposite(const char *expr)
{
	const char *eq = strchr(expr, '=');
	if (!eq || eq == expr || strchr("<>~", eq[-1]) || memchr(expr, '~', (size_t)(eq - expr)))
		return NULL;
	size_t len = strlen(expr);
	char *other = malloc(len + 2);
	if (!other)
		abort();
	if (eq[-1] == '!') {
		size_t at = (size_t)(eq - expr) - 1;
		memcpy(other, expr, at);
		memcpy(other + at, eq, len - at);
		other[len - 1] = '\0';
	} else {
		size_t at = (size_t)(eq - expr);
		memcpy(other, expr, at);
		other[at] = '!';
		memcpy(other + at + 1, eq, len - at + 1);
	}
	return other;
}

/* A query of the one filter expr, or NULL when it is refused. */
static tip_query *single(const fixed_type *f, bool personal, const char *expr)
{
	tip_query *query;
	FUZZ_ASSERT(tip_query_new(&query, &f->type, personal) == NULL);
	tip_error *err = tip_query_where(query, expr);
	if (!err)
		return query;
	FUZZ_ASSERT(tip_error_message(err)[0] != '\0');
	tip_error_free(err);
	tip_query_free(query);
	return NULL;
}

/* F=V and F!=V: when both are accepted, every record matches exactly one. */
static void check_opposite(const fixed_type *f, bool personal, const char *expr)
{
	char *other = opposite(expr);
	if (!other)
		return;
	tip_query *a = single(f, personal, expr);
	tip_query *b = a ? single(f, personal, other) : NULL;
	for (size_t i = 0; b && i < RECORDS; i++)
		FUZZ_ASSERT(tip_query_matches(a, ids[i], f->docs[i]->root) !=
			tip_query_matches(b, ids[i], f->docs[i]->root));
	tip_query_free(a);
	tip_query_free(b);
	free(other);
}

/* The records chosen are those that match, each once. */
static void check_select(const fixed_type *f, const tip_query *query)
{
	const tip_snapshot_record **out;
	size_t count;
	FUZZ_ASSERT(tip_query_select(&out, &count, query, f->pointers, RECORDS) == NULL);
	size_t matching = 0;
	for (size_t i = 0; i < RECORDS; i++)
		matching += tip_query_matches(query, ids[i], f->docs[i]->root);
	FUZZ_ASSERT(count == matching);
	for (size_t i = 0; i < count; i++) {
		FUZZ_ASSERT(tip_query_matches(query, out[i]->id, out[i]->root));
		for (size_t j = 0; j < i; j++)
			FUZZ_ASSERT(out[i] != out[j]);
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const fixed_type *f = &types[data[0] % TYPES];
	bool personal = data[0] & 2;
	char *text = fuzz_cstr(data + 1, size - 1);
	tip_query *query;
	FUZZ_ASSERT(tip_query_new(&query, &f->type, personal) == NULL);
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		tip_error *err = line[0] == '^' ? tip_query_sort(query, line + 1)
						: tip_query_where(query, line);
		if (err) {
			FUZZ_ASSERT(tip_error_message(err)[0] != '\0');
			tip_error_free(err);
		} else if (line[0] != '^') {
			check_opposite(f, personal, line);
		}
	}
	check_select(f, query);
	tip_query_free(query);
	free(text);
	return 0;
}
