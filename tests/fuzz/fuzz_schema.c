/* Fuzz target: bytes loaded as YAML (any root), compiled as a JSON Schema, and when it compiles,
 * used: a few fixed instances validated against it and its fields looked at. The first byte
 * chooses whether $refs resolve from a folder holding a sibling schema or from NULL. */
#include <unistd.h>

#include "fuzz.h"
#include "schema.h"

/* A sibling schema that `$ref: other.schema.yaml#/$defs/...` can reach. */
static const char sibling[] = "$defs:\n"
			      "  level: {type: string, enum: [informed, skilled]}\n"
			      "  list: {type: array, items: {$ref: '#/$defs/level'}}\n"
			      "type: object\n"
			      "properties: {a: {type: integer}}\n";

/* Instances that reach most keywords: an object with nested values, a list, scalars. */
static const char *const instance_texts[] = {
	("title: x\nlevel: skilled\nn: 3\nlist: [a, b, a]\nsub: {a: 1, b: [2.5, null]}\n"
		"due: '2026-02-30'\nurl: 'http://example.org/a b'\nmail: a@b\n"),
	"[1, 'two', 3.0, {a: [true]}, [], null]",
	"'2026-09-30'",
	"-12",
	"null",
};
enum { INSTANCES = sizeof(instance_texts) / sizeof(instance_texts[0]) };

static char dir[] = "/tmp/tip-fuzz-schema-XXXXXX";
static char base_path[128];
static tip_doc *instances[INSTANCES];

/* Writes text to the file name in dir. */
static void write_file(const char *name, const char *text, size_t len)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0)
		abort();
}

/* Copies the shipped common.schema.yaml beside the fuzzed schema, for $refs to it. */
static void copy_common(void)
{
	const char *from = getenv("TIP_FUZZ_SCHEMAS");
	char path[4096];
	snprintf(path, sizeof(path), "%s/common.schema.yaml", from ? from : "schemas");
	FILE *f = fopen(path, "r");
	if (!f)
		return; /* the $refs to it stay unresolved */
	char text[65536];
	size_t len = fread(text, 1, sizeof(text), f);
	fclose(f);
	write_file("common.schema.yaml", text, len);
}

static void remove_dir(void)
{
	char path[160];
	static const char *const names[] = { "other.schema.yaml", "common.schema.yaml" };
	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	atexit(remove_dir);
	write_file("other.schema.yaml", sibling, strlen(sibling));
	copy_common();
	snprintf(base_path, sizeof(base_path), "%s/fuzz.schema.yaml", dir);
	tip_yaml_opts opts = { .any_root = true };
	for (size_t i = 0; i < INSTANCES; i++) {
		fuzz_setup_ok(tip_yaml_load(&instances[i], instance_texts[i],
				      strlen(instance_texts[i]), "instance.yaml", &opts),
			"instance");
		if (!instances[i])
			abort();
	}
	return 0;
}

static bool any_ref_exists(void *ctx, const char *type, const char *id)
{
	(void)ctx;
	FUZZ_ASSERT(type && id);
	return id[0] != 'x';
}

/* Validates every instance against the schema: the count returned is the findings made. */
static void validate_all(const tip_schema *schema)
{
	for (size_t i = 0; i < INSTANCES; i++) {
		size_t seen = 0;
		tip_validate_opts opts = { .file = "instance.yaml", .finding = fuzz_count_finding,
			.finding_ctx = &seen, .ref_exists = any_ref_exists };
		size_t count = tip_schema_validate(schema, instances[i]->root, &opts);
		FUZZ_ASSERT(count == seen);
	}
}

/* Looks at the root's fields and validates the instances against each field's schema. */
static void use_fields(const tip_schema *schema)
{
	tip_field *fields;
	size_t count;
	if (tip_subschema_fields(&fields, &count, tip_schema_root(schema)))
		abort();
	for (size_t i = 0; i < count; i++) {
		FUZZ_ASSERT(fields[i].name && fields[i].schema);
		FUZZ_ASSERT(fields[i].enum_count == 0 || fields[i].enum_values);
		for (size_t j = 0; j < INSTANCES; j++) {
			size_t seen = 0;
			tip_validate_opts opts = { .file = "value.yaml",
				.finding = fuzz_count_finding, .finding_ctx = &seen };
			FUZZ_ASSERT(tip_subschema_validate(fields[i].schema, instances[j]->root,
					    &opts) == seen);
		}
	}
	free(fields);
	const char *const *names;
	size_t n;
	tip_schema_ref_types(schema, &names, &n);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(names[i] != NULL);
	tip_schema_personal_properties(schema, &names, &n);
	for (size_t i = 0; i < n; i++)
		FUZZ_ASSERT(names[i] != NULL);
	(void)tip_schema_collection(schema);
	(void)tip_schema_title(schema);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *base = data[0] & 1 ? base_path : NULL;
	tip_doc *doc = fuzz_load_any(data + 1, size - 1);
	if (!doc)
		return 0;
	tip_schema *schema = NULL;
	tip_error *err = tip_schema_compile_node(&schema, doc->root, base);
	if (err) {
		FUZZ_ASSERT(schema == NULL);
		FUZZ_ASSERT(tip_error_message(err)[0] != '\0');
		tip_error_free(err);
	} else {
		FUZZ_ASSERT(schema != NULL);
		validate_all(schema);
		use_fields(schema);
		tip_schema_free(schema);
	}
	tip_doc_free(doc);
	return 0;
}
