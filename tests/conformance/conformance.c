/* Runs the official JSON Schema test suite (draft 2020-12) against tip's schema engine.
 *
 * Usage: conformance [--tip PATH] [SUITE_DIR]
 * SUITE_DIR defaults to ../shared/testdata/json-schema-test-suite relative to the repository
 * root. Every file is an array of groups {description, schema, tests: [{description, data,
 * valid}]}. Each group's schema is compiled once and each test's data validated; the answer
 * (valid or not) must match. A group whose schema tip refuses because it uses something tip
 * does not support (an unsupported keyword, a remote $ref, another $schema) is skipped, its
 * cases counted by reason; any other refusal is a wrong answer.
 *
 * Without --tip the groups run in this process, through the library. With --tip PATH they run
 * through the command, as a user would: each group's schema is written to a temporary folder as
 * schema.json and each test's data as d0.json, d1.json, ..., and one process per group runs
 * `PATH validate --schema DIR/schema.json --format json -q DIR/d0.json DIR/d1.json ...`.
 * Exit status 2 means the schema was refused (stderr says why, classified as above); with 0 or
 * 1, a test's data is invalid exactly when a finding names its file. Anything else (another
 * status, a signal, output on stderr, output that is not an array of well-formed findings) is a
 * wrong answer for every test of the group. TIP_WRAPPER, when set (say "valgrind -q
 * --error-exitcode=99"), is split at blanks and put in front of PATH, as the command-line
 * tests do.
 *
 * format.json is skipped as a whole: it assumes `format` is an annotation only, while tip
 * asserts the formats it supports; optional/format/ tests those instead.
 *
 * Output is TAP: one line per file, then every wrong answer, the skips by reason and a last
 * line "conformance: P passed, W wrong, S skipped" (followed by "(through tip validate
 * --schema)" with --tip). Exit status 1 when any answer is wrong, 2 when the run cannot be
 * set up. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "emit.h"
#include "schema.h"
#include "yaml.h"

#define DEFAULT_SUITE "../shared/testdata/json-schema-test-suite"

/* Lines kept until the end: wrong answers, and skip reasons with their counts. */
struct lines {
	char **items;
	size_t *counts;
	size_t count;
};

/* The command-line mode (--tip): what to run and where its files go. */
struct cli {
	const char **argv; /* the wrapper's words, the tip binary and the arguments before the
	                    * data files */
	size_t argv_fixed; /* how many those are */
	bool wrapped;      /* argv[0] is a wrapper, looked up on PATH */
	char *wrapper;     /* TIP_WRAPPER, cut into the words of argv */
	char *dir;         /* the temporary folder */
	char *schema;      /* dir/schema.json */
};

struct totals {
	size_t passed, wrong, skipped;
	struct lines wrong_lines, skip_reasons;
	struct cli *cli; /* NULL: groups run in this process */
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

static void lines_dispose(struct lines *l)
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

static void first_finding(void *ctx, const tip_finding *f)
{
	char *buf = ctx;
	if (!buf[0])
		snprintf(buf, 256, "%u:%u: %s", f->line, f->col, f->message);
}

/* The command-line mode (--tip). */

static void check_memory(tip_error *err)
{
	if (err) {
		fprintf(stderr, "conformance: %s\n", tip_error_message(err));
		exit(2);
	}
}

static char *path_in(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = xrealloc(NULL, n);
	snprintf(path, n, "%s/%s", dir, name);
	return path;
}

/* Writes node to path as JSON; false with the reason in why. */
static bool write_json(const char *path, const tip_node *node, char *why, size_t cap)
{
	tip_buf json = TIP_BUF_INIT;
	tip_error *err = tip_emit_json(&json, node);
	if (!err)
		err = tip_buf_addc(&json, '\n');
	if (err) {
		snprintf(why, cap, "cannot write %s as JSON: %s", path, tip_error_message(err));
		tip_error_free(err);
		tip_buf_dispose(&json);
		return false;
	}
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(json.data, 1, json.len, f) == json.len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		snprintf(why, cap, "cannot write %s: %s", path, strerror(errno));
	tip_buf_dispose(&json);
	return ok;
}

/* What one run of tip did. */
struct outcome {
	tip_buf out, err; /* what it wrote to stdout and stderr */
	int status;       /* its exit status, or -1 when a signal ended it */
	int signal;       /* that signal, or 0 */
};

/* Runs argv (no shell) with stdin from /dev/null, collecting stdout and stderr through pipes.
 * search_path: look argv[0] up on PATH. False, with the reason in why, when it cannot be run
 * or waited for. */
static bool run_program(const char *const *argv, bool search_path, struct outcome *o, char *why,
	size_t cap)
{
	int out[2], err[2];
	if (pipe(out) != 0) {
		snprintf(why, cap, "cannot make a pipe: %s", strerror(errno));
		return false;
	}
	if (pipe(err) != 0) {
		snprintf(why, cap, "cannot make a pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		return false;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);
		if (null > 0) {
			dup2(null, 0);
			close(null);
		}
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		if (search_path)
			execvp(argv[0], (char *const *)argv);
		else
			execv(argv[0], (char *const *)argv);
		dprintf(2, "conformance: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int fork_errno = errno;
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		snprintf(why, cap, "cannot start %s: %s", argv[0], strerror(fork_errno));
		close(out[0]);
		close(err[0]);
		return false;
	}
	struct pollfd fds[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };
	tip_buf *bufs[2] = { &o->out, &o->err };
	bool ok = true;
	while (fds[0].fd >= 0 || fds[1].fd >= 0) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			snprintf(why, cap, "cannot read from %s: %s", argv[0], strerror(errno));
			ok = false;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			char chunk[65536];
			ssize_t n = read(fds[i].fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				continue;
			}
			check_memory(tip_buf_add(bufs[i], chunk, (size_t)n));
		}
	}
	for (int i = 0; i < 2; i++)
		if (fds[i].fd >= 0)
			close(fds[i].fd);
	int ws = 0;
	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR) {
			snprintf(why, cap, "cannot wait for %s: %s", argv[0], strerror(errno));
			return false;
		}
	}
	o->status = WIFEXITED(ws) ? WEXITSTATUS(ws) : -1;
	o->signal = WIFSIGNALED(ws) ? WTERMSIG(ws) : 0;
	return ok;
}

/* Why a finding of tip's JSON output is not well formed (the keys docs/commands.md promises, in
 * tip's style, as on_finding checks them in-process), or NULL. */
static const char *malformed_finding(const tip_node *f)
{
	static const char *const keys[] = { "file", "line", "column", "severity", "keyword", "path",
		"message" };
	if (f->type != TIP_NODE_MAP)
		return "not an object";
	if (f->count != sizeof(keys) / sizeof(keys[0]))
		return "not exactly the keys file, line, column, severity, keyword, path, message";
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const tip_node *v = tip_node_get(f, keys[k]);
		if (!v || v->type != (k == 1 || k == 2 ? TIP_NODE_INT : TIP_NODE_STR))
			return "not exactly the keys file, line, column, severity, keyword, path, message "
			       "(line and column integers, the others strings)";
	}
	const char *path = tip_node_get(f, "path")->str;
	const tip_node *message = tip_node_get(f, "message");
	if (tip_node_get(f, "line")->integer <= 0 || tip_node_get(f, "column")->integer <= 0)
		return "no line and column";
	if (strcmp(tip_node_get(f, "severity")->str, "error") != 0)
		return "severity is not error";
	if (!tip_node_get(f, "keyword")->len)
		return "no keyword";
	if (!message->len || message->str[message->len - 1] == '.')
		return "no message, or one ending with a full stop";
	if (path[0] != '\0' && path[0] != '/')
		return "path is not a JSON Pointer";
	return NULL;
}

/* Reads tip's JSON findings and marks in hit[] the data files that have one; *found is how
 * many findings there are. False, with the reason in why, when the output is not
 * {"format": 1, "findings": [...]} of well-formed findings about the data files. */
static bool read_findings(const tip_buf *out, char *const *files, size_t count, bool *hit,
	size_t *found, char *why, size_t cap)
{
	char first[256] = "";
	tip_yaml_opts opts = { .any_root = true, .finding = first_finding, .finding_ctx = first };
	tip_doc *doc = NULL;
	tip_error *err = tip_yaml_load(&doc, tip_buf_str(out), out->len, "output", &opts);
	if (err) {
		snprintf(why, cap, "cannot read the output: %s", tip_error_message(err));
		tip_error_free(err);
		return false;
	}
	if (!doc) {
		snprintf(why, cap, "the output is not JSON: %s", first);
		return false;
	}
	const tip_node *format = tip_node_get(doc->root, "format");
	const tip_node *list = tip_node_get(doc->root, "findings");
	bool ok = format && format->type == TIP_NODE_INT && format->integer == 1 && list &&
		list->type == TIP_NODE_SEQ;
	if (!ok)
		snprintf(why, cap, "the output is not {\"format\": 1, \"findings\": [...]}: %.200s",
			tip_buf_str(out));
	for (size_t i = 0; ok && i < list->count; i++) {
		const tip_node *f = list->items[i];
		const char *bad = malformed_finding(f);
		if (bad) {
			snprintf(why, cap, "finding %zu is malformed: %s: [%s] %s at %s", i + 1, bad,
				text_of(f, "keyword"), text_of(f, "message"), text_of(f, "path"));
			ok = false;
			break;
		}
		const char *file = tip_node_get(f, "file")->str;
		size_t k = 0;
		while (k < count && !(files[k] && strcmp(files[k], file) == 0))
			k++;
		if (k == count) {
			snprintf(why, cap, "finding %zu is about %s, not one of the data files", i + 1,
				file);
			ok = false;
			break;
		}
		hit[k] = true;
	}
	*found = ok ? list->count : 0;
	tip_doc_free(doc);
	return ok;
}

/* Whether tip ended as it should when the schema compiled: status 1 with findings or 0
 * without, nothing on stderr, and well-formed findings, which mark hit[]. Else false with the
 * reason in why. err is stderr on one line. */
static bool check_outcome(const struct outcome *o, const char *err, char *const *files,
	size_t count, bool *hit, char *why, size_t cap)
{
	size_t found = 0;
	if (o->signal)
		snprintf(why, cap, "tip was killed by signal %d%s%s", o->signal, *err ? ": " : "",
			err);
	else if (o->status != 0 && o->status != 1)
		snprintf(why, cap, "tip exited with status %d%s%s", o->status, *err ? ": " : "", err);
	else if (o->err.len)
		snprintf(why, cap, "tip exited with status %d and wrote to stderr: %s", o->status,
			err);
	else if (!read_findings(&o->out, files, count, hit, &found, why, cap))
		return false;
	else if ((found > 0) != (o->status == 1))
		snprintf(why, cap, "tip exited with status %d after %zu finding%s", o->status, found,
			found == 1 ? "" : "s");
	else
		return true;
	return false;
}

/* tip's stderr on one line, without the "tip: " in front. Owned by the caller. */
static char *one_line(const tip_buf *err)
{
	const char *s = tip_buf_str(err);
	if (strncmp(s, "tip: ", 5) == 0)
		s += 5;
	char *line = xstrdup(s);
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return line;
}

static void run_group_cli(struct totals *t, struct file_result *r, const char *name,
	const tip_node *group, const tip_node *schema_node, const tip_node *tests)
{
	struct cli *cli = t->cli;
	const char *desc = text_of(group, "description");
	size_t count = tests->count;
	char why[1024] = "";
	char **files = xrealloc(NULL, count * sizeof(*files));
	const char **argv = xrealloc(NULL, (cli->argv_fixed + count + 1) * sizeof(*argv));
	memcpy(argv, cli->argv, cli->argv_fixed * sizeof(*argv));
	size_t argc = cli->argv_fixed;
	bool ok = write_json(cli->schema, schema_node, why, sizeof(why));
	for (size_t i = 0; i < count; i++) {
		const tip_node *test = tests->items[i];
		const tip_node *data = tip_node_get(test, "data");
		const tip_node *valid = tip_node_get(test, "valid");
		files[i] = NULL;
		if (!data || !valid || valid->type != TIP_NODE_BOOL)
			continue; /* reported below, as in-process */
		char name_buf[32];
		snprintf(name_buf, sizeof(name_buf), "d%zu.json", i);
		files[i] = path_in(cli->dir, name_buf);
		argv[argc++] = files[i];
		if (ok)
			ok = write_json(files[i], data, why, sizeof(why));
	}
	argv[argc] = NULL;
	struct outcome o = { TIP_BUF_INIT, TIP_BUF_INIT, 0, 0 };
	if (ok && argc == cli->argv_fixed) {
		snprintf(why, sizeof(why), "no well-formed test");
		ok = false;
	}
	if (ok)
		ok = run_program(argv, cli->wrapped, &o, why, sizeof(why));
	bool *hit = xrealloc(NULL, count * sizeof(*hit));
	memset(hit, 0, count * sizeof(*hit));
	char *err = one_line(&o.err);
	if (ok && o.status == 2) {
		char buf[256];
		const char *reason = skip_reason(err, buf, sizeof(buf));
		if (reason) {
			lines_add(&t->skip_reasons, reason, count);
			r->skipped += count;
		} else {
			wrongf(t, "%s / %s: schema refused: %s", name, desc, err);
			r->wrong += count;
		}
		goto done;
	}
	if (ok && !check_outcome(&o, err, files, count, hit, why, sizeof(why)))
		ok = false;
	if (!ok) {
		wrongf(t, "%s / %s: %s", name, desc, why);
		r->wrong += count;
		goto done;
	}
	for (size_t i = 0; i < count; i++) {
		const tip_node *test = tests->items[i];
		if (!files[i]) {
			wrongf(t, "%s / %s / %s: malformed test", name, desc,
				text_of(test, "description"));
			r->wrong++;
			continue;
		}
		bool expected = tip_node_get(test, "valid")->boolean, got = !hit[i];
		if (got != expected) {
			wrongf(t, "%s / %s / %s: expected %s, got %s", name, desc,
				text_of(test, "description"), expected ? "valid" : "invalid",
				got ? "valid" : "invalid");
			r->wrong++;
		} else {
			r->passed++;
		}
	}
done:
	free(err);
	free(hit);
	tip_buf_dispose(&o.out);
	tip_buf_dispose(&o.err);
	unlink(cli->schema);
	for (size_t i = 0; i < count; i++) {
		if (files[i])
			unlink(files[i]);
		free(files[i]);
	}
	free(files);
	free(argv);
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
	if (t->cli) {
		run_group_cli(t, r, name, group, schema_node, tests);
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

/* Sets up the command-line mode: the temporary folder and the fixed part of the command.
 * False, with a message on stderr, when that cannot be done. */
static bool cli_open(struct cli *cli, const char *tip)
{
	if (access(tip, X_OK) != 0) {
		fprintf(stderr, "conformance: cannot run %s: %s\n", tip, strerror(errno));
		return false;
	}
	const char *tmp = getenv("TMPDIR");
	char *template = path_in(tmp && *tmp ? tmp : "/tmp", "tip-conformance.XXXXXX");
	if (!mkdtemp(template)) {
		fprintf(stderr, "conformance: cannot make a temporary folder %s: %s\n", template,
			strerror(errno));
		free(template);
		return false;
	}
	cli->dir = template;
	cli->schema = path_in(cli->dir, "schema.json");
	const char *wrapper = getenv("TIP_WRAPPER");
	cli->wrapper = xstrdup(wrapper ? wrapper : "");
	size_t words = 0;
	for (char *p = cli->wrapper; *p; p++)
		words += !strchr(" \t\n", *p) && (p == cli->wrapper || strchr(" \t\n", p[-1]));
	static const char *const rest[] = { "validate", "--schema", NULL, "--format", "json", "-q" };
	size_t n = 0, nrest = sizeof(rest) / sizeof(rest[0]);
	cli->argv = xrealloc(NULL, (words + 1 + nrest) * sizeof(*cli->argv));
	char *save = NULL;
	for (char *w = strtok_r(cli->wrapper, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
		cli->argv[n++] = w;
	cli->wrapped = n > 0;
	cli->argv[n++] = tip;
	for (size_t i = 0; i < nrest; i++)
		cli->argv[n++] = rest[i] ? rest[i] : cli->schema;
	cli->argv_fixed = n;
	return true;
}

/* Removes the temporary folder (each group removes its files). */
static void cli_close(struct cli *cli)
{
	if (rmdir(cli->dir) != 0)
		fprintf(stderr, "conformance: cannot remove %s: %s\n", cli->dir, strerror(errno));
	free(cli->schema);
	free(cli->dir);
	free(cli->wrapper);
	free(cli->argv);
}

static void print_summary(struct totals *t)
{
	for (size_t i = 0; i < t->wrong_lines.count; i++)
		printf("# wrong: %s\n", t->wrong_lines.items[i]);
	if (t->skip_reasons.count)
		printf("# skipped (unsupported), by reason:\n");
	for (size_t i = 0; i < t->skip_reasons.count; i++)
		printf("#   %s: %zu\n", t->skip_reasons.items[i], t->skip_reasons.counts[i]);
	printf("conformance: %zu passed, %zu wrong, %zu skipped%s\n", t->passed, t->wrong,
		t->skipped, t->cli ? " (through tip validate --schema)" : "");
}

static int usage(void)
{
	fputs("usage: conformance [--tip PATH] [SUITE_DIR]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	const char *tip = NULL, *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--tip") == 0 && i + 1 < argc)
			tip = argv[++i];
		else if (strncmp(argv[i], "--tip=", 6) == 0)
			tip = argv[i] + 6;
		else if (argv[i][0] == '-' || dir)
			return usage();
		else
			dir = argv[i];
	}
	char buf[4096];
	if (!dir)
		dir = default_suite(argv[0], buf, sizeof(buf));
	if (!is_dir(dir)) {
		printf("# skip: no test suite at %s\n", dir);
		return 0;
	}
	struct cli cli = { 0 };
	if (tip && !cli_open(&cli, tip))
		return 2;
	struct lines files = { 0 };
	list_json(dir, "", &files);
	char optional[8192];
	snprintf(optional, sizeof(optional), "%s/optional/format", dir);
	list_json(optional, "optional/format/", &files);
	struct totals t = { .cli = tip ? &cli : NULL };
	size_t planned = 0;
	for (size_t i = 0; i < files.count; i++)
		planned += strcmp(files.items[i], "format.json") != 0;
	printf("1..%zu\n", planned);
	if (planned < files.count)
		printf("# format.json skipped: it treats format as an annotation only, tip asserts "
		       "formats (optional/format/ tests them)\n");
	if (tip) {
		printf("# each group through:");
		for (size_t i = 0; cli.argv[i] != tip; i++)
			printf(" %s", cli.argv[i]);
		printf(" %s validate --schema DIR/schema.json --format json -q DIR/d0.json "
		       "DIR/d1.json ... (DIR a temporary folder)\n", tip);
	}
	size_t number = 0;
	for (size_t i = 0; i < files.count; i++) {
		if (strcmp(files.items[i], "format.json") == 0)
			continue;
		run_file(&t, ++number, dir, files.items[i]);
	}
	print_summary(&t);
	int status = t.wrong ? 1 : 0;
	if (tip)
		cli_close(&cli);
	lines_dispose(&files);
	lines_dispose(&t.wrong_lines);
	lines_dispose(&t.skip_reasons);
	return status;
}
