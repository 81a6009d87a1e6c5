/* Runs the official JSON Schema test suite (draft 2020-12) against tip's schema engine.
 *
 * Usage: conformance [SUITE_DIR]
 * SUITE_DIR defaults to ../shared/testdata/json-schema-test-suite relative to the repository
 * root. Every file is an array of groups {description, schema, tests: [{description, data,
 * valid}]}. Each group's schema is compiled once and each test's data validated; the answer
 * (valid or not) must match. A group whose schema tip refuses because it uses something tip
 * does not support (an unsupported keyword, a remote $ref, another $schema) is skipped, its
 * cases counted by reason; any other refusal is a wrong answer.
 *
 * format.json is skipped as a whole: it assumes `format` is an annotation only, while tip
 * asserts the formats it supports; optional/format/ tests those instead.
 *
 * Output is TAP: one line per file, then every wrong answer, the skips by reason and a last
 * line "conformance: P passed, W wrong, S skipped". Exit status 1 when any answer is wrong. */
#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "schema.h"
#include "yaml.h"

#define DEFAULT_SUITE "../shared/testdata/json-schema-test-suite"

/* Lines kept until the end: wrong answers, and skip reasons with their counts. */
struct lines {
	char **items;
	size_t *counts;
	size_t count;
};

struct totals {
	size_t passed, wrong, skipped;
	struct lines wrong_lines, skip_reasons;
};

static void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size);
	if (!p) {
		fprintf(stderr, "conformance: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	return strcpy(xrealloc(NULL, strlen(s) + 1), s);
}

static void lines_add(struct lines *l, const char *text, size_t n)
{
	for (size_t i = 0; i < l->count; i++) {
		if (strcmp(l->items[i], text) == 0) {
			l->counts[i] += n;
			return;
		}
	}
	l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
	l->counts = xrealloc(l->counts, (l->count + 1) * sizeof(*l->counts));
	l->items[l->count] = xstrdup(text);
	l->counts[l->count++] = n;
}

static void lines_free(struct lines *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	free(l->counts);
}

static void wrongf(struct totals *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void wrongf(struct totals *t, const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	lines_add(&t->wrong_lines, line, 1);
	t->wrong++;
}

static const char *text_of(const tip_node *map, const char *key)
{
	const tip_node *n = tip_node_get(map, key);
	return n && n->type == TIP_NODE_STR ? n->str : "?";
}

/* Why a compile error means "not supported" rather than "wrong", or NULL. The reason is
 * written into buf. */
static const char *skip_reason(const char *message, char *buf, size_t cap)
{
	static const struct {
		const char *marker, *reason;
	} fixed[] = {
		{ "remote references are not supported", "remote $ref" },
		{ "unsupported $schema", "$schema other than 2020-12" },
		{ "need \"$anchor\", which is not supported", "$anchor" },
	};
	static const char *const quoted[] = { "unsupported keyword \"", "unsupported format \"" };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strstr(message, fixed[i].marker))
			return fixed[i].reason;
	for (size_t i = 0; i < 2; i++) {
		const char *p = strstr(message, quoted[i]);
		if (!p)
			continue;
		p += strlen(quoted[i]);
		const char *end = strchr(p, '"');
		snprintf(buf, cap, "%s%.*s", i == 1 ? "format " : "", end ? (int)(end - p) : 0, p);
		return buf;
	}
	return NULL;
}

/* Every finding must be well formed: where, what and why, in tip's style. */
struct check {
	size_t calls, malformed;
	char first_bad[256];
};

static void on_finding(void *ctx, const tip_finding *f)
{
	struct check *c = ctx;
	c->calls++;
	size_t n = f->message ? strlen(f->message) : 0;
	bool ok = f->file && f->path && f->keyword && f->keyword[0] && n > 0 &&
		f->message[n - 1] != '.' && f->line > 0 && f->col > 0 &&
		(f->path[0] == '\0' || f->path[0] == '/');
	if (!ok && c->malformed++ == 0)
		snprintf(c->first_bad, sizeof(c->first_bad), "[%s] %s at %s",
			f->keyword ? f->keyword : "(null)", f->message ? f->message : "(null)",
			f->path ? f->path : "(null)");
}

struct file_result {
	size_t passed, wrong, skipped;
};

static void run_test(struct totals *t, struct file_result *r, const char *name,
	const tip_node *group, const tip_schema *schema, const tip_node *test)
{
	const tip_node *data = tip_node_get(test, "data");
	const tip_node *valid = tip_node_get(test, "valid");
	if (!data || !valid || valid->type != TIP_NODE_BOOL) {
		wrongf(t, "%s / %s / %s: malformed test", name, text_of(group, "description"),
			text_of(test, "description"));
		r->wrong++;
		return;
	}
	struct check c = { 0 };
	tip_validate_opts opts = { .file = name, .finding = on_finding, .finding_ctx = &c };
	size_t findings = tip_schema_validate(schema, data, &opts);
	bool got = findings == 0;
	if (got != valid->boolean) {
		wrongf(t, "%s / %s / %s: expected %s, got %s", name, text_of(group, "description"),
			text_of(test, "description"), valid->boolean ? "valid" : "invalid",
			got ? "valid" : "invalid");
		r->wrong++;
	} else if (c.malformed || c.calls != findings) {
		wrongf(t, "%s / %s / %s: %zu findings returned, %zu reported, %zu malformed%s%s", name,
			text_of(group, "description"), text_of(test, "description"), findings, c.calls,
			c.malformed, c.malformed ? ": " : "", c.first_bad);
		r->wrong++;
	} else {
		r->passed++;
	}
}

static void run_group(struct totals *t, struct file_result *r, const char *name,
	const char *path, const tip_node *group)
{
	const tip_node *tests = tip_node_get(group, "tests");
	const tip_node *schema_node = tip_node_get(group, "schema");
	size_t count = tests && tests->type == TIP_NODE_SEQ ? tests->count : 0;
	if (!schema_node || count == 0) {
		wrongf(t, "%s / %s: malformed group", name, text_of(group, "description"));
		r->wrong++;
		return;
	}
	tip_schema *schema = NULL;
	tip_error *err = tip_schema_compile_node(&schema, schema_node, path);
	if (err) {
		char buf[256];
		const char *reason = skip_reason(tip_error_message(err), buf, sizeof(buf));
		if (reason) {
			lines_add(&t->skip_reasons, reason, count);
			r->skipped += count;
		} else {
			wrongf(t, "%s / %s: schema refused: %s", name, text_of(group, "description"),
				tip_error_message(err));
			r->wrong += count;
		}
		tip_error_free(err);
		return;
	}
	for (size_t i = 0; i < count; i++)
		run_test(t, r, name, group, schema, tests->items[i]);
	tip_schema_free(schema);
}

static void first_finding(void *ctx, const tip_finding *f)
{
	char *buf = ctx;
	if (!buf[0])
		snprintf(buf, 256, "%u:%u: %s", f->line, f->col, f->message);
}

static int hex4(const char *s)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* JSON writes characters outside the BMP as UTF-16 surrogate pairs ("\uD83D\uDCA9"), which
 * libyaml's double-quoted scalars refuse. The pairs are written out as UTF-8 before loading;
 * everything else is left as it is. Rewrites text in place (UTF-8 is shorter) and returns the
 * new length. */
static size_t join_surrogates(char *text, size_t len)
{
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\\' || i + 1 >= len) {
			text[k++] = text[i];
			continue;
		}
		int hi = i + 11 < len && text[i + 1] == 'u' ? hex4(text + i + 2) : -1;
		int lo = hi >= 0xD800 && hi <= 0xDBFF && text[i + 6] == '\\' && text[i + 7] == 'u'
			? hex4(text + i + 8)
			: -1;
		if (lo < 0xDC00 || lo > 0xDFFF) {
			text[k++] = text[i++]; /* the backslash and what it escapes */
			text[k++] = text[i];
			continue;
		}
		long cp = 0x10000 + ((long)(hi - 0xD800) << 10) + (lo - 0xDC00);
		text[k++] = (char)(0xF0 | (cp >> 18));
		text[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
		text[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
		text[k++] = (char)(0x80 | (cp & 0x3F));
		i += 11;
	}
	return k;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n == cap)
			text = xrealloc(text, cap = cap ? cap * 2 : 65536);
		size_t got = fread(text + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	bool failed = ferror(f);
	fclose(f);
	if (failed) {
		free(text);
		return NULL;
	}
	*len = n;
	return text;
}

static tip_doc *load_suite_file(const char *path, const char *name, char *why, size_t cap)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	if (!text) {
		snprintf(why, cap, "cannot read %.200s", path);
		return NULL;
	}
	len = join_surrogates(text, len);
	tip_yaml_opts opts = { .any_root = true, .finding = first_finding, .finding_ctx = why };
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, text, len, name, &opts);
	free(text);
	if (err) {
		snprintf(why, cap, "%s", tip_error_message(err));
		tip_error_free(err);
	} else if (doc && doc->root->type != TIP_NODE_SEQ) {
		snprintf(why, cap, "not a list of groups");
		tip_doc_free(doc);
		doc = NULL;
	}
	return doc;
}

static bool run_file(struct totals *t, size_t number, const char *dir, const char *name)
{
	char path[8192];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char why[256] = "";
	tip_doc *doc = load_suite_file(path, name, why, sizeof(why));
	if (!doc) {
		printf("not ok %zu - %s: cannot load: %s\n", number, name, why);
		wrongf(t, "%s: cannot load: %s", name, why);
		return false;
	}
	struct file_result r = { 0 };
	for (size_t i = 0; i < doc->root->count; i++)
		run_group(t, &r, name, path, doc->root->items[i]);
	tip_doc_free(doc);
	t->passed += r.passed;
	t->skipped += r.skipped;
	printf("%s %zu - %s: %zu passed, ", r.wrong ? "not ok" : "ok", number, name, r.passed);
	if (r.wrong)
		printf("%zu wrong, ", r.wrong);
	printf("%zu skipped\n", r.skipped);
	return r.wrong == 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files in dir (prefix is put in front of each name), sorted. */
static void list_json(const char *dir, const char *prefix, struct lines *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	size_t start = out->count;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		char name[1024];
		if (snprintf(name, sizeof(name), "%s%s", prefix, e->d_name) >= (int)sizeof(name))
			continue;
		lines_add(out, name, 0);
	}
	closedir(d);
	qsort(out->items + start, out->count - start, sizeof(char *), compare_names);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The default suite folder: relative to the current directory when run from the repository
 * root, else relative to the repository this program was built in (build/tests/conformance). */
static const char *default_suite(const char *argv0, char *buf, size_t cap)
{
	if (is_dir(DEFAULT_SUITE))
		return DEFAULT_SUITE;
	const char *slash = strrchr(argv0, '/');
	if (slash) {
		snprintf(buf, cap, "%.*s/../../" DEFAULT_SUITE, (int)(slash - argv0), argv0);
		if (is_dir(buf))
			return buf;
	}
	return DEFAULT_SUITE;
}

static void print_summary(struct totals *t)
{
	for (size_t i = 0; i < t->wrong_lines.count; i++)
		printf("# wrong: %s\n", t->wrong_lines.items[i]);
	if (t->skip_reasons.count)
		printf("# skipped (unsupported), by reason:\n");
	for (size_t i = 0; i < t->skip_reasons.count; i++)
		printf("#   %s: %zu\n", t->skip_reasons.items[i], t->skip_reasons.counts[i]);
	printf("conformance: %zu passed, %zu wrong, %zu skipped\n", t->passed, t->wrong,
		t->skipped);
}

int main(int argc, char **argv)
{
	char buf[4096];
	const char *dir = argc > 1 ? argv[1] : default_suite(argv[0], buf, sizeof(buf));
	if (!is_dir(dir)) {
		printf("# skip: no test suite at %s\n", dir);
		return 0;
	}
	struct lines files = { 0 };
	list_json(dir, "", &files);
	char optional[8192];
	snprintf(optional, sizeof(optional), "%s/optional/format", dir);
	list_json(optional, "optional/format/", &files);
	struct totals t = { 0 };
	size_t planned = 0;
	for (size_t i = 0; i < files.count; i++)
		planned += strcmp(files.items[i], "format.json") != 0;
	printf("1..%zu\n", planned);
	if (planned < files.count)
		printf("# format.json skipped: it treats format as an annotation only, tip asserts "
		       "formats (optional/format/ tests them)\n");
	size_t number = 0;
	for (size_t i = 0; i < files.count; i++) {
		if (strcmp(files.items[i], "format.json") == 0)
			continue;
		run_file(&t, ++number, dir, files.items[i]);
	}
	print_summary(&t);
	int status = t.wrong ? 1 : 0;
	lines_free(&files);
	lines_free(&t.wrong_lines);
	lines_free(&t.skip_reasons);
	return status;
}
