/* Control characters in the text of records. */
#include "controls.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"

size_t tip_control_at(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0)
		return 0;
	if ((u[0] < 0x20 && u[0] != '\t' && u[0] != '\n') || u[0] == 0x7f) {
		*cp = u[0];
		return 1;
	}
	if (len >= 2 && u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f) {
		*cp = u[1];
		return 2;
	}
	return 0;
}

/* The first control character in text, if any. */
static bool first_control(const char *text, size_t len, uint32_t *cp)
{
	for (size_t i = 0; i < len; i++)
		if (tip_control_at(text + i, len - i, cp))
			return true;
	return false;
}

struct walk {
	const char *file;
	tip_finding_fn fn;
	void *ctx;
	size_t count;
	tip_buf path; /* the JSON Pointer of the node being looked at */
};

static void report(struct walk *w, const tip_node *text, uint32_t cp)
{
	char message[200];
	snprintf(message, sizeof(message), "the text holds the control character U+%04X, which "
		"a terminal would act on: remove it", (unsigned)cp);
	tip_finding f = { .file = w->file ? w->file : "", .line = text->line, .col = text->col,
		.path = tip_buf_str(&w->path), .keyword = "control-character", .message = message,
		.severity = TIP_SEVERITY_ERROR };
	w->count++;
	if (w->fn)
		w->fn(w->ctx, &f);
}

/* Adds "/" and a key or index to the path, escaped as JSON Pointer wants. */
static void push(struct walk *w, const tip_node *key, size_t index)
{
	tip_error *err = tip_buf_addc(&w->path, '/');
	for (size_t i = 0; !err && key && i < key->len; i++)
		err = key->str[i] == '~' ? tip_buf_adds(&w->path, "~0")
			: key->str[i] == '/' ? tip_buf_adds(&w->path, "~1")
					      : tip_buf_addc(&w->path, key->str[i]);
	if (!err && !key)
		err = tip_buf_addf(&w->path, "%zu", index);
	tip_error_free(err); /* short of memory, the path is only shorter */
}

/* Back to the path of a node up. */
static void cut(struct walk *w, size_t len)
{
	w->path.len = len;
	if (w->path.data)
		w->path.data[len] = '\0';
}

static void walk_node(struct walk *w, const tip_node *n)
{
	uint32_t cp;
	size_t mark = w->path.len;
	if (n->type == TIP_NODE_STR && first_control(n->str, n->len, &cp))
		report(w, n, cp);
	for (size_t i = 0; n->type == TIP_NODE_SEQ && i < n->count; i++) {
		push(w, NULL, i);
		walk_node(w, n->items[i]);
		cut(w, mark);
	}
	for (size_t i = 0; n->type == TIP_NODE_MAP && i < n->count; i++) {
		push(w, n->pairs[i].key, 0);
		if (first_control(n->pairs[i].key->str, n->pairs[i].key->len, &cp))
			report(w, n->pairs[i].key, cp);
		walk_node(w, n->pairs[i].value);
		cut(w, mark);
	}
}

size_t tip_controls_check(const tip_node *root, const char *file, tip_finding_fn fn,
	void *ctx)
{
	struct walk w = { file, fn, ctx, 0, TIP_BUF_INIT };
	if (root)
		walk_node(&w, root);
	tip_buf_dispose(&w.path);
	return w.count;
}
