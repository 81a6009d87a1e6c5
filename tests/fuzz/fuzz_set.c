/* Fuzz target: the value syntax of --set and `tip set` (F=V, F+=V, F-=V, F=). The input is up
 * to four assignments, one a line, applied in turn to a real course record with the course
 * schema's fields; each value is also converted for every kind of field and split as a list.
 * A value accepted for a field must become a node of the field's kind, and the changed record
 * must come back the same through the canonical emitter. */
#include "assign.h"
#include "emit.h"
#include "fuzz.h"
#include "schema.h"

static const char record_text[] = "title: Attachment basics\n"
				  "provider: Educational Psychology Service\n"
				  "provider_type: internal\n"
				  "level: informed\n"
				  "audience: [education, health]\n"
				  "status: available\n"
				  "teaches: [attachment, aces]\n";

static tip_schema *schema;
static tip_field *fields;
static size_t field_count;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("TIP_FUZZ_SCHEMAS");
	char path[4096];
	snprintf(path, sizeof(path), "%s/course.schema.yaml", dir ? dir : "schemas");
	fuzz_setup_ok(tip_schema_compile_file(&schema, path), path);
	fuzz_setup_ok(tip_subschema_fields(&fields, &field_count, tip_schema_root(schema)),
		"fields");
	return 0;
}

/* The node a value of this kind must become. */
static bool has_kind(const tip_node *node, tip_value_kind kind)
{
	switch (kind) {
	case TIP_VALUE_INTEGER:
		return node->type == TIP_NODE_INT;
	case TIP_VALUE_NUMBER:
		return node->type == TIP_NODE_INT || node->type == TIP_NODE_FLOAT;
	case TIP_VALUE_BOOLEAN:
		return node->type == TIP_NODE_BOOL;
	case TIP_VALUE_ANY: /* where a schema allows several kinds: a scalar, as YAML reads it */
		return node->type != TIP_NODE_MAP && node->type != TIP_NODE_SEQ;
	default:
		return node->type == TIP_NODE_STR;
	}
}

/* Splitting: one item more than the commas that split, none of them padded with spaces. */
static void check_split(const char *text)
{
	char **items;
	size_t count;
	FUZZ_ASSERT(tip_assign_split(&items, &count, text) == NULL);
	size_t commas = 0;
	for (const char *p = text; *p; p++)
		commas += *p == ',' && (p == text || p[-1] != '\\');
	FUZZ_ASSERT(count == (*text ? commas + 1 : 0));
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(items[i]);
		FUZZ_ASSERT(len == 0 || (items[i][0] != ' ' && items[i][len - 1] != ' '));
	}
	tip_assign_items_free(items, count);
}

/* Converting the value for each kind of field: a success is a node of that kind. */
static void check_kinds(tip_doc *doc, const tip_field *field, const char *text)
{
	static const tip_value_kind kinds[] = { TIP_VALUE_ANY, TIP_VALUE_STRING,
		TIP_VALUE_INTEGER, TIP_VALUE_NUMBER, TIP_VALUE_BOOLEAN, TIP_VALUE_ARRAY };
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		tip_node *node = NULL;
		tip_error *err = tip_assign_value(&node, NULL, doc, field, kinds[i], text);
		if (err) {
			FUZZ_ASSERT(strstr(tip_error_message(err), field->name) != NULL);
			tip_error_free(err);
			continue;
		}
		FUZZ_ASSERT(has_kind(node, kinds[i]));
	}
}

/* The field as the record now holds it agrees with the field's kind. */
static void check_assigned(const tip_doc *doc, const tip_assignment *a)
{
	const tip_node *value = tip_node_get(doc->root, a->field);
	const tip_field *field = NULL;
	for (size_t i = 0; i < field_count; i++)
		if (strcmp(fields[i].name, a->field) == 0)
			field = &fields[i];
	FUZZ_ASSERT(field != NULL);
	if (a->op == TIP_ASSIGN_SET && !*a->value) {
		FUZZ_ASSERT(value == NULL);
		return;
	}
	FUZZ_ASSERT(value != NULL);
	if (field->kind != TIP_VALUE_ARRAY) {
		FUZZ_ASSERT(has_kind(value, field->kind));
		return;
	}
	FUZZ_ASSERT(value->type == TIP_NODE_SEQ);
	for (size_t i = 0; i < value->count; i++)
		FUZZ_ASSERT(has_kind(value->items[i], field->item_kind));
}

/* The record written in canonical YAML loads back equal. */
static void check_round_trip(const tip_doc *doc)
{
	tip_buf out = TIP_BUF_INIT;
	FUZZ_ASSERT(tip_emit_record(&out, doc->root, tip_schema_root(schema)) == NULL);
	tip_doc *again;
	tip_diag_list *findings;
	fuzz_load(&again, &findings, (const uint8_t *)tip_buf_str(&out), out.len, false);
	FUZZ_ASSERT(again != NULL);
	FUZZ_ASSERT(tip_node_equal(doc->root, again->root));
	tip_doc_free(again);
	tip_diag_list_free(findings);
	tip_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_cstr(data, size);
	tip_doc *doc = NULL;
	FUZZ_ASSERT(tip_yaml_load(&doc, record_text, strlen(record_text), "r.yaml", NULL) == NULL);
	char *save = NULL;
	int lines = 0;
	for (char *line = strtok_r(text, "\n", &save); line && lines < 4;
		line = strtok_r(NULL, "\n", &save), lines++) {
		tip_assignment a;
		tip_error *err = tip_assignment_parse(&a, line);
		if (err) {
			FUZZ_ASSERT(a.field == NULL && a.value == NULL);
			tip_error_free(err);
			continue;
		}
		FUZZ_ASSERT(a.field[0] != '\0');
		check_split(a.value);
		check_kinds(doc, &fields[(unsigned char)a.value[0] % field_count], a.value);
		err = tip_assign(doc, fields, field_count, &a);
		if (err)
			tip_error_free(err);
		else
			check_assigned(doc, &a);
		tip_assignment_dispose(&a);
	}
	check_round_trip(doc);
	tip_doc_free(doc);
	free(text);
	return 0;
}
