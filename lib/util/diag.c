#include "diag.h"

#include "jsonw.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tip_diag_list {
	tip_finding *items;
	size_t count, cap;
	bool failed; /* an allocation failed while collecting */
};

tip_error *tip_diag_list_new(tip_diag_list **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? NULL : tip_error_nomem();
}

static void finding_clear(tip_finding *f)
{
	free((char *)f->file);
	free((char *)f->path);
	free((char *)f->keyword);
	free((char *)f->message);
}

void tip_diag_list_free(tip_diag_list *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++)
		finding_clear(&list->items[i]);
	free(list->items);
	free(list);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static tip_error *list_push(tip_diag_list *list, const tip_finding *f)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		tip_finding *items = realloc(list->items, cap * sizeof(*items));
		if (!items)
			return tip_error_nomem();
		list->items = items;
		list->cap = cap;
	}
	tip_finding copy = *f;
	copy.file = dup_or_empty(f->file);
	copy.path = dup_or_empty(f->path);
	copy.keyword = dup_or_empty(f->keyword);
	copy.message = dup_or_empty(f->message);
	if (!copy.file || !copy.path || !copy.keyword || !copy.message) {
		finding_clear(&copy);
		return tip_error_nomem();
	}
	list->items[list->count++] = copy;
	return NULL;
}

void tip_diag_list_collect(void *ctx, const tip_finding *finding)
{
	tip_diag_list *list = ctx;
	tip_error *err = list_push(list, finding);
	if (err) {
		list->failed = true;
		tip_error_free(err);
	}
}

tip_error *tip_diag_list_error(const tip_diag_list *list)
{
	return list->failed ? tip_error_nomem() : NULL;
}

tip_error *tip_diag_list_addf(tip_diag_list *list, const char *file, unsigned line,
	unsigned col, const char *path, const char *keyword, const char *fmt, ...)
{
	char message[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	tip_finding f = { file, line, col, path, keyword, message, TIP_SEVERITY_ERROR };
	return list_push(list, &f);
}

size_t tip_diag_list_count(const tip_diag_list *list)
{
	return list->count;
}

size_t tip_diag_list_count_severity(const tip_diag_list *list, tip_severity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		n += list->items[i].severity == severity;
	return n;
}

const tip_finding *tip_diag_list_get(const tip_diag_list *list, size_t i)
{
	return i < list->count ? &list->items[i] : NULL;
}

static int finding_cmp(const void *pa, const void *pb)
{
	const tip_finding *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if ((c = strcmp(a->keyword, b->keyword)))
		return c;
	if ((c = strcmp(a->message, b->message)))
		return c;
	if ((c = strcmp(a->path, b->path)))
		return c;
	return (int)a->severity - (int)b->severity;
}

void tip_diag_list_sort(tip_diag_list *list)
{
	if (list->count < 2)
		return;
	qsort(list->items, list->count, sizeof(*list->items), finding_cmp);
	size_t kept = 1;
	for (size_t i = 1; i < list->count; i++) {
		if (finding_cmp(&list->items[kept - 1], &list->items[i]) == 0)
			finding_clear(&list->items[i]);
		else
			list->items[kept++] = list->items[i];
	}
	list->count = kept;
}

tip_error *tip_diag_format_parse(tip_diag_format *out, const char *name)
{
	static const struct { const char *name; tip_diag_format format; } formats[] = {
		{ "text", TIP_DIAG_TEXT }, { "json", TIP_DIAG_JSON }, { "github", TIP_DIAG_GITHUB },
	};
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].format;
			return NULL;
		}
	}
	return tip_error_usage("unknown format '%s' (expected text, json or github)", name);
}

static const char *severity_name(tip_severity severity)
{
	return severity == TIP_SEVERITY_WARNING ? "warning" : "error";
}

static tip_error *render_text(tip_buf *out, const tip_finding *f)
{
	tip_error *err = f->line ? tip_buf_addf(out, "%s:%u:%u: ", f->file, f->line, f->col)
				 : tip_buf_addf(out, "%s: ", f->file);
	if (!err)
		err = tip_buf_addf(out, "%s: %s", severity_name(f->severity), f->message);
	if (!err && *f->keyword)
		err = tip_buf_addf(out, " [%s]", f->keyword);
	return err ? err : tip_buf_addc(out, '\n');
}

static tip_error *json_field(tip_buf *out, const char *name, const char *value, bool last)
{
	tip_error *err = tip_buf_addf(out, "\"%s\": ", name);
	if (!err)
		err = tip_buf_add_json_string(out, value, strlen(value));
	return err ? err : tip_buf_adds(out, last ? "}" : ", ");
}

static tip_error *render_json(tip_buf *out, const tip_finding *f, bool first)
{
	tip_error *err = tip_buf_adds(out, first ? "\n  {" : ",\n  {");
	if (!err)
		err = json_field(out, "file", f->file, false);
	if (!err)
		err = tip_buf_addf(out, "\"line\": %u, \"column\": %u, ", f->line, f->col);
	if (!err)
		err = json_field(out, "severity", severity_name(f->severity), false);
	if (!err)
		err = json_field(out, "keyword", f->keyword, false);
	if (!err)
		err = json_field(out, "path", f->path, false);
	if (!err)
		err = json_field(out, "message", f->message, true);
	return err;
}

/* GitHub workflow commands escape %, CR and LF in the message, and also : and , in the
 * properties before it. */
static tip_error *github_escaped(tip_buf *out, const char *s, bool property)
{
	tip_error *err = NULL;
	for (; !err && *s; s++) {
		switch (*s) {
		case '%': err = tip_buf_adds(out, "%25"); break;
		case '\r': err = tip_buf_adds(out, "%0D"); break;
		case '\n': err = tip_buf_adds(out, "%0A"); break;
		case ':': err = property ? tip_buf_adds(out, "%3A") : tip_buf_addc(out, ':'); break;
		case ',': err = property ? tip_buf_adds(out, "%2C") : tip_buf_addc(out, ','); break;
		default: err = tip_buf_addc(out, *s);
		}
	}
	return err;
}

static tip_error *render_github(tip_buf *out, const tip_finding *f)
{
	tip_error *err = tip_buf_addf(out, "::%s file=", severity_name(f->severity));
	if (!err)
		err = github_escaped(out, f->file, true);
	/* A column of 0 means the whole line: GitHub then marks the line rather than column 0. */
	if (!err && f->line)
		err = tip_buf_addf(out, ",line=%u", f->line);
	if (!err && f->line && f->col)
		err = tip_buf_addf(out, ",col=%u", f->col);
	if (!err && *f->keyword) {
		err = tip_buf_adds(out, ",title=");
		if (!err)
			err = github_escaped(out, f->keyword, true);
	}
	if (!err)
		err = tip_buf_adds(out, "::");
	if (!err)
		err = github_escaped(out, f->message, false);
	return err ? err : tip_buf_addc(out, '\n');
}

tip_error *tip_diag_list_render(tip_buf *out, const tip_diag_list *list, tip_diag_format format)
{
	tip_error *err = format == TIP_DIAG_JSON ? tip_json_begin_output(out, "findings") : NULL;
	if (!err && format == TIP_DIAG_JSON)
		err = tip_buf_adds(out, "[");
	for (size_t i = 0; !err && i < list->count; i++) {
		const tip_finding *f = &list->items[i];
		if (format == TIP_DIAG_JSON)
			err = render_json(out, f, i == 0);
		else if (format == TIP_DIAG_GITHUB)
			err = render_github(out, f);
		else
			err = render_text(out, f);
	}
	if (!err && format == TIP_DIAG_JSON)
		err = tip_buf_adds(out, list->count ? "\n]}\n" : "]}\n");
	return err;
}
