/* Fuzz target: the shipped schemas, compiled once, validating fuzzed records. The first byte
 * chooses the record type; the rest is the record's YAML. The schemas are read from the folder
 * named by TIP_FUZZ_SCHEMAS (default: ./schemas, the source tree's when run from its root). */
#include "fuzz.h"
#include "schema.h"

static const char *const type_names[] = { "action", "champion", "course", "definition" };
enum { TYPES = sizeof(type_names) / sizeof(type_names[0]) };
static tip_schema *schemas[TYPES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	const char *dir = getenv("TIP_FUZZ_SCHEMAS");
	for (size_t i = 0; i < TYPES; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s.schema.yaml", dir ? dir : "schemas",
			type_names[i]);
		fuzz_setup_ok(tip_schema_compile_file(&schemas[i], path), path);
	}
	return 0;
}

/* Records whose id starts with a letter before n exist. */
static bool some_refs_exist(void *ctx, const char *type, const char *id)
{
	(void)ctx;
	FUZZ_ASSERT(type && id);
	return id[0] >= 'a' && id[0] < 'n';
}

/* Every finding says where, in the record and in the file. */
static void check_finding(void *ctx, const tip_finding *f)
{
	fuzz_count_finding(ctx, f);
	FUZZ_ASSERT(f->path[0] == '\0' || f->path[0] == '/');
	FUZZ_ASSERT(strcmp(f->file, "record.yaml") == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const tip_schema *schema = schemas[data[0] % TYPES];
	tip_doc *doc = fuzz_load_any(data + 1, size - 1);
	if (!doc)
		return 0;
	size_t seen = 0;
	tip_validate_opts opts = { .file = "record.yaml", .finding = check_finding,
		.finding_ctx = &seen, .ref_exists = some_refs_exist };
	FUZZ_ASSERT(tip_schema_validate(schema, doc->root, &opts) == seen);
	/* Without the callback x-tip-ref is not checked: never more findings. */
	size_t unchecked = 0;
	opts = (tip_validate_opts){ .file = "record.yaml", .finding = check_finding,
		.finding_ctx = &unchecked };
	FUZZ_ASSERT(tip_schema_validate(schema, doc->root, &opts) == unchecked);
	FUZZ_ASSERT(unchecked <= seen);
	tip_doc_free(doc);
	return 0;
}
