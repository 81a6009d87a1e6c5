/* The HTML writer of the site and the chrome every page shares: head, skip link, header,
 * navigation, breadcrumbs, footer. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "matrix.h"
#include "schema.h"
#include "site_data.h"
#include "site_int.h"

void h_raw(site_html *h, const char *markup)
{
	if (!h->err)
		h->err = tip_buf_adds(&h->buf, markup);
}

void h_rawf(site_html *h, const char *fmt, ...)
{
	if (h->err)
		return;
	va_list ap;
	va_start(ap, fmt);
	h->err = tip_buf_vaddf(&h->buf, fmt, ap);
	va_end(ap);
}

void h_text(site_html *h, const char *text)
{
	if (!h->err && text)
		h->err = tip_buf_add_markup_text(&h->buf, text);
}

void h_elem(site_html *h, const char *tag, const char *attrs, const char *text)
{
	h_rawf(h, "<%s%s%s>", tag, attrs ? " " : "", attrs ? attrs : "");
	h_text(h, text);
	h_rawf(h, "</%s>", tag);
}

void h_link(site_html *h, const char *prefix, const char *href, const char *text)
{
	h_raw(h, "<a href=\"");
	h_text(h, prefix);
	h_text(h, href);
	h_raw(h, "\">");
	h_text(h, text);
	h_raw(h, "</a>");
}

void h_record_link(site_html *h, const char *prefix, const char *folder, const char *id,
	const char *text)
{
	h_raw(h, "<a href=\"");
	h_text(h, prefix);
	h_text(h, folder);
	h_raw(h, "/");
	h_text(h, id);
	h_raw(h, ".html\">");
	h_text(h, text);
	h_raw(h, "</a>");
}

void h_value(site_html *h, const tip_type *type, const char *field, const char *value)
{
	h_text(h, type && type->schema ? tip_schema_value_title(type->schema, field, value)
				       : value);
}

void h_values(site_html *h, const tip_type *type, const char *field, const tip_node *list)
{
	size_t shown = 0;
	for (size_t i = 0; list && list->type == TIP_NODE_SEQ && i < list->count; i++) {
		if (list->items[i]->type != TIP_NODE_STR)
			continue;
		if (shown++)
			h_raw(h, ", ");
		h_value(h, type, field, list->items[i]->str);
	}
}

void h_date(site_html *h, tip_date date)
{
	char iso[TIP_DATE_LEN], words[32];
	tip_date_format(iso, date);
	tip_date_format_long(words, sizeof words, date);
	h_rawf(h, "<time datetime=\"%s\">%s</time>", iso, words);
}

void h_date_node(site_html *h, const tip_node *node)
{
	tip_date date;
	if (tip_date_of_node(&date, node))
		h_date(h, date);
	else if (node && node->type == TIP_NODE_STR)
		h_text(h, node->str);
}

void h_dt(site_html *h, const char *term)
{
	h_elem(h, "dt", NULL, term);
	h_raw(h, "<dd>");
}

void h_fact_text(site_html *h, const tip_snapshot_record *r, const char *term,
	const char *field)
{
	const char *value = site_str(r, field);
	if (!value)
		return;
	h_dt(h, term);
	h_text(h, value);
	h_raw(h, "</dd>\n");
}

void h_fact_value(site_html *h, const tip_snapshot_record *r, const char *term,
	const char *field)
{
	const char *value = site_str(r, field);
	if (!value)
		return;
	h_dt(h, term);
	h_value(h, r->type, field, value);
	h_raw(h, "</dd>\n");
}

void h_table_open(site_html *h, const char *caption)
{
	h_raw(h, "<div class=\"table-box\" tabindex=\"0\" role=\"region\" aria-label=\"");
	h_text(h, caption);
	h_raw(h, " (scrolls sideways on a narrow screen)\">\n<table>\n");
	h_elem(h, "caption", NULL, caption);
	h_raw(h, "\n");
}

void h_table_close(site_html *h)
{
	h_raw(h, "</table>\n</div>\n");
}

void h_dispose(site_html *h)
{
	tip_buf_dispose(&h->buf);
	tip_error_free(h->err);
	h->err = NULL;
}

const char *site_prefix(const site_page *page)
{
	return strchr(page->path, '/') ? "../" : "";
}

static const struct {
	const char *section, *href, *text;
} nav[] = {
	{ "home", "index.html", "Home" },
	{ "courses", "courses/index.html", "Courses" },
	{ "glossary", "glossary/index.html", "Glossary" },
	{ "matrix", "matrix.html", "Learning needs" },
	{ "strategy", "strategy.html", "Strategy" },
	{ "champions", "champions.html", "Champions" },
	{ "downloads", "downloads.html", "Downloads" },
};

static void page_head(site_html *h, const site *s, const site_page *page)
{
	const char *prefix = site_prefix(page);
	h_raw(h, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>");
	h_text(h, page->tab ? page->tab : page->title);
	h_raw(h, " \xe2\x80\x93 ");
	h_text(h, s->name);
	h_raw(h, "</title>\n<link rel=\"stylesheet\" href=\"");
	h_text(h, prefix);
	h_raw(h, "site.css\">\n");
	if (s->base_url) {
		tip_buf url = TIP_BUF_INIT;
		h->err = h->err ? h->err : tip_site_url(&url, s->base_url, page->path);
		h_raw(h, "<link rel=\"canonical\" href=\"");
		h_text(h, tip_buf_str(&url));
		h_raw(h, "\">\n");
		tip_buf_dispose(&url);
	}
	if (page->jsonld && *page->jsonld) {
		/* The JSON-LD functions write "</" as "<\/": the text cannot end the script. */
		h_raw(h, "<script type=\"application/ld+json\">\n");
		h_raw(h, page->jsonld);
		h_raw(h, "\n</script>\n");
	}
	h_raw(h, "</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n"
		 "<header class=\"site-header\">\n<div class=\"width\">\n"
		 "<a class=\"site-name\" href=\"");
	h_text(h, prefix);
	h_raw(h, "index.html\">");
	h_text(h, s->name);
	h_raw(h, "</a>\n</div>\n</header>\n");
}

static void page_nav(site_html *h, const site_page *page)
{
	const char *prefix = site_prefix(page);
	h_raw(h, "<nav class=\"site-nav\" aria-label=\"Main\">\n<ul class=\"width\">\n");
	for (size_t i = 0; i < sizeof nav / sizeof nav[0]; i++) {
		/* The section's own page is the current page; a page under it, in it. */
		bool in = page->section && strcmp(page->section, nav[i].section) == 0;
		bool current = in && strcmp(page->path, nav[i].href) == 0;
		h_raw(h, "<li><a href=\"");
		h_text(h, prefix);
		h_text(h, nav[i].href);
		const char *mark = current ? "\" aria-current=\"page\">"
				   : in ? "\" aria-current=\"true\">" : "\">";
		h_raw(h, mark);
		h_text(h, nav[i].text);
		h_raw(h, "</a></li>\n");
	}
	h_raw(h, "</ul>\n</nav>\n");
}

static void page_crumbs(site_html *h, const site_page *page)
{
	if (!page->crumb_count)
		return;
	h_raw(h, "<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\">\n<ol>\n");
	for (size_t i = 0; i < page->crumb_count; i++) {
		h_raw(h, "<li>");
		h_link(h, site_prefix(page), page->crumbs[i].href, page->crumbs[i].text);
		h_raw(h, "</li>\n");
	}
	h_raw(h, "<li aria-current=\"page\">");
	h_text(h, page->title);
	h_raw(h, "</li>\n</ol>\n</nav>\n");
}

static void page_footer(site_html *h, const site *s, const site_page *page)
{
	char short_commit[13];
	snprintf(short_commit, sizeof short_commit, "%.12s", s->commit);
	h_raw(h, "<footer class=\"site-footer\">\n<div class=\"width\">\n<p>Built from the "
		 "programme's records as of ");
	h_text(h, s->records_on);
	h_raw(h, " (commit <code>");
	h_text(h, short_commit);
	h_raw(h, "</code>).</p>\n<p>The data behind these pages: ");
	h_link(h, site_prefix(page), "downloads.html", "downloads");
	h_raw(h, ".</p>\n</div>\n</footer>\n");
}

tip_error *site_note_page(site *s, const char *path)
{
	char **more = realloc(s->pages, (s->page_count + 1) * sizeof *more);
	if (!more)
		return tip_error_nomem();
	s->pages = more;
	if (!(s->pages[s->page_count] = strdup(path)))
		return tip_error_nomem();
	s->page_count++;
	return NULL;
}

tip_error *site_page_write(site *s, site_page *page)
{
	site_html h = { TIP_BUF_INIT, NULL };
	page_head(&h, s, page);
	page_nav(&h, page);
	h_raw(&h, "<div class=\"width\">\n");
	page_crumbs(&h, page);
	h_raw(&h, "<main id=\"main\" tabindex=\"-1\">\n");
	h_elem(&h, "h1", NULL, page->title);
	h_raw(&h, "\n");
	if (page->body.err) {
		h.err = page->body.err;
		page->body.err = NULL;
	}
	h_raw(&h, tip_buf_str(&page->body.buf));
	h_raw(&h, "</main>\n</div>\n");
	page_footer(&h, s, page);
	h_raw(&h, "</body>\n</html>\n");
	tip_error *err = h.err;
	if (!err)
		err = site_write_file(s, page->path, tip_buf_str(&h.buf), h.buf.len);
	if (!err)
		err = site_note_page(s, page->path);
	h.err = NULL;
	h_dispose(&h);
	h_dispose(&page->body);
	return err;
}

static tip_error *make_parents(const char *path)
{
	char *copy = strdup(path);
	if (!copy)
		return tip_error_nomem();
	tip_error *err = NULL;
	for (char *p = strchr(copy + 1, '/'); p && !err; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(copy, 0777) != 0 && errno != EEXIST)
			err = tip_error_from_errno("cannot make the folder '%s'", copy);
		*p = '/';
	}
	free(copy);
	return err;
}

tip_error *site_write_file(const site *s, const char *path, const char *data, size_t len)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&full, s->dir, path);
	if (!err)
		err = make_parents(tip_buf_str(&full));
	int fd = err ? -1 : open(tip_buf_str(&full), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		0666);
	if (!err && fd < 0)
		err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&full));
	for (size_t done = 0; !err && done < len;) {
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&full));
		else
			done += (size_t)n;
	}
	if (fd >= 0 && close(fd) != 0 && !err)
		err = tip_error_from_errno("cannot write '%s'", tip_buf_str(&full));
	tip_buf_dispose(&full);
	return err;
}

bool site_has_value(const tip_node *list, const char *value)
{
	for (size_t i = 0; list && list->type == TIP_NODE_SEQ && i < list->count; i++)
		if (list->items[i]->type == TIP_NODE_STR && strcmp(list->items[i]->str, value) == 0)
			return true;
	return false;
}

const tip_node *site_field(const tip_snapshot_record *r, const char *field)
{
	if (!r->root || tip_schema_is_personal(r->type->schema, field))
		return NULL;
	return tip_node_get(r->root, field);
}

const char *site_str(const tip_snapshot_record *r, const char *field)
{
	const tip_node *v = site_field(r, field);
	return v && v->type == TIP_NODE_STR ? v->str : NULL;
}

tip_error *site_records(const tip_snapshot_record ***out, size_t *count, const site *s,
	const tip_type *type)
{
	size_t n = tip_snapshot_count(s->snap);
	*count = 0;
	*out = malloc((n ? n : 1) * sizeof(**out));
	if (!*out)
		return tip_error_nomem();
	for (size_t i = 0; type && i < n; i++) {
		const tip_snapshot_record *r = tip_snapshot_get(s->snap, i);
		if (r->type == type && r->root)
			(*out)[(*count)++] = r;
	}
	return NULL;
}

const tip_snapshot_record *site_find(const site *s, const tip_type *type, const char *id)
{
	return type ? tip_snapshot_find(s->snap, type->name, id) : NULL;
}

const char *site_record_name(const tip_snapshot_record *r)
{
	const char *name = site_str(r, "title");
	if (!name)
		name = site_str(r, "term");
	return name ? name : r->id;
}

void site_enum(const char *const **values, size_t *count, const tip_type *type,
	const char *field)
{
	*values = NULL;
	*count = 0;
	if (type) {
		tip_error *err = tip_matrix_field_values(values, count, type, field);
		if (err) {
			tip_error_free(err);
			*values = NULL;
			*count = 0;
		}
	}
}
