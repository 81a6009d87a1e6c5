#include "jsonw.h"

#include <inttypes.h>
#include <string.h>

void tip_jsonw_begin(tip_jsonw *w, tip_buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
}

void tip_jsonw_drain_to(tip_jsonw *w, tip_jsonw_drain_fn drain, void *ctx)
{
	w->drain = drain;
	w->drain_ctx = ctx;
}

static void add(tip_jsonw *w, tip_error *err)
{
	if (err && !w->err)
		w->err = err;
	else if (err)
		tip_error_free(err);
}

/* out's text handed to the drain, when there is one and out holds some text and no less than
 * least bytes of it. */
static void drain(tip_jsonw *w, size_t least)
{
	if (!w->drain || w->err || w->out->len < least || !w->out->len)
		return;
	add(w, w->drain(w->drain_ctx, w->out->data, w->out->len));
	tip_buf_truncate(w->out, 0);
}

tip_error *tip_jsonw_end(tip_jsonw *w)
{
	if (!w->err && w->depth != 0)
		w->err = tip_error_new("JSON left with %d open objects or arrays", w->depth);
	if (!w->err)
		w->err = tip_buf_addc(w->out, '\n');
	drain(w, 0);
	return w->err;
}

static void indent(tip_jsonw *w)
{
	add(w, tip_buf_addc(w->out, '\n'));
	for (int i = 0; i < w->depth && !w->err; i++)
		add(w, tip_buf_adds(w->out, "  "));
}

/* The separator, the indentation and the key before a value. */
static void member(tip_jsonw *w, const char *key)
{
	drain(w, TIP_JSONW_DRAIN_BYTES);
	if (w->err || w->depth == 0)
		return;
	if (w->has_items[w->depth])
		add(w, tip_buf_addc(w->out, ','));
	w->has_items[w->depth] = true;
	indent(w);
	if (key && !w->err) {
		add(w, tip_buf_add_json_string(w->out, key, strlen(key)));
		add(w, tip_buf_adds(w->out, ": "));
	}
}

static void open_nested(tip_jsonw *w, const char *key, char bracket)
{
	member(w, key);
	if (w->err)
		return;
	if (w->depth + 1 >= TIP_JSONW_MAX_DEPTH) {
		add(w, tip_error_limit("JSON nested too deeply"));
		return;
	}
	add(w, tip_buf_addc(w->out, bracket));
	w->has_items[++w->depth] = false;
}

void tip_jsonw_object(tip_jsonw *w, const char *key)
{
	open_nested(w, key, '{');
}

void tip_jsonw_array(tip_jsonw *w, const char *key)
{
	open_nested(w, key, '[');
}

void tip_jsonw_close(tip_jsonw *w, char bracket)
{
	if (w->err || w->depth == 0)
		return;
	bool had = w->has_items[w->depth--];
	if (had)
		indent(w);
	add(w, tip_buf_addc(w->out, bracket));
}

void tip_jsonw_string(tip_jsonw *w, const char *key, const char *s)
{
	member(w, key);
	if (!w->err)
		add(w, s ? tip_buf_add_json_string(w->out, s, strlen(s))
			 : tip_buf_adds(w->out, "null"));
}

void tip_jsonw_number(tip_jsonw *w, const char *key, int64_t n)
{
	member(w, key);
	if (!w->err)
		add(w, tip_buf_addf(w->out, "%" PRId64, n));
}

void tip_jsonw_bool(tip_jsonw *w, const char *key, bool b)
{
	member(w, key);
	if (!w->err)
		add(w, tip_buf_adds(w->out, b ? "true" : "false"));
}

void tip_jsonw_null(tip_jsonw *w, const char *key)
{
	member(w, key);
	if (!w->err)
		add(w, tip_buf_adds(w->out, "null"));
}

/* ---- one-line members ---- */

tip_error *tip_json_add_key(tip_buf *b, const char *key, bool first)
{
	tip_error *err = first ? NULL : tip_buf_addc(b, ',');
	if (!err)
		err = tip_buf_add_json_string(b, key, strlen(key));
	return err ? err : tip_buf_addc(b, ':');
}

tip_error *tip_json_begin_output(tip_buf *b, const char *key)
{
	tip_error *err = tip_buf_addf(b, "{\"format\":%d", TIP_JSON_FORMAT);
	return err || !key ? err : tip_json_add_key(b, key, false);
}

tip_error *tip_json_add_string(tip_buf *b, const char *key, const char *value, bool first)
{
	tip_error *err = tip_json_add_key(b, key, first);
	if (!err && !value)
		return tip_buf_adds(b, "null");
	return err ? err : tip_buf_add_json_string(b, value, strlen(value));
}
