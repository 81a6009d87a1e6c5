/* Settling a conflicted record: each conflicted field takes this clone's value, the other
 * side's or a new one, and the rest stays between markers for later. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "assign.h"

static tip_error *id_of_path(char **id, const char *path)
{
	const char *name = strrchr(path, '/');
	size_t stem = 0;
	name = name ? name + 1 : path;
	if (!tip_record_is_yaml_name(name, &stem))
		return tip_error_invalid("'%s' is not a record file", path);
	*id = strndup(name, stem);
	return *id ? NULL : tip_error_nomem();
}

static const tip_type *type_of_path(tip_store *store, const char *path)
{
	const char *start = strncmp(path, "records/", 8) == 0 ? path + 8 : NULL;
	const char *end = start ? strchr(start, '/') : NULL;
	char collection[128];
	if (!end || (size_t)(end - start) >= sizeof(collection))
		return NULL;
	memcpy(collection, start, (size_t)(end - start));
	collection[end - start] = '\0';
	return tip_store_type_for_collection(store, collection);
}

static tip_error *read_file(tip_buf *out, tip_store *store, const char *path)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_store_check_path(store, path, true);
	if (!err)
		err = tip_buf_add_path(&full, tip_store_root(store), path);
	FILE *f = err ? NULL : fopen(tip_buf_str(&full), "rb");
	if (!err && !f)
		err = tip_error_from_errno("cannot read '%s'", path);
	if (f) {
		err = tip_buf_add_stream(out, f, path, 4u * 1024 * 1024);
		fclose(f);
	}
	tip_buf_dispose(&full);
	return err;
}

tip_error *tip_record_conflicts_read(tip_record_conflicts *out, tip_store *store,
	const char *path, bool ours_is_other)
{
	memset(out, 0, sizeof(*out));
	out->ours_is_other = ours_is_other;
	out->type = type_of_path(store, path);
	if (!out->type)
		return tip_error_not_found("'%s' is not a record of any type", path);
	tip_error *err = id_of_path(&out->id, path);
	if (!err && !(out->path = strdup(path)))
		err = tip_error_nomem();
	if (!err)
		err = read_file(&out->text, store, path);
	if (!err)
		err = tip_merge_read_conflicts(&out->read, tip_buf_str(&out->text), out->text.len,
			path);
	return err;
}

void tip_record_conflicts_dispose(tip_record_conflicts *c)
{
	free(c->id);
	free(c->path);
	tip_buf_dispose(&c->text);
	tip_conflicted_dispose(&c->read);
	memset(c, 0, sizeof(*c));
}

const tip_node *tip_conflict_here(const tip_record_conflicts *c, size_t i)
{
	const tip_merge_conflict *m = &c->read.conflicts[i];
	return c->ours_is_other ? m->theirs : m->ours;
}

const tip_node *tip_conflict_there(const tip_record_conflicts *c, size_t i)
{
	const tip_merge_conflict *m = &c->read.conflicts[i];
	return c->ours_is_other ? m->ours : m->theirs;
}

/* The conflict named field, or count. */
static size_t conflict_named(const tip_record_conflicts *c, const char *field, size_t len)
{
	size_t i = 0;
	while (i < c->read.conflict_count && (strlen(c->read.conflicts[i].field) != len ||
					       memcmp(c->read.conflicts[i].field, field, len)))
		i++;
	return i;
}

static tip_error *not_in_conflict(const tip_record_conflicts *c, const char *choice, size_t len)
{
	tip_buf names = TIP_BUF_INIT;
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < c->read.conflict_count; i++)
		err = tip_buf_addf(&names, "%s%s", i ? ", " : "", c->read.conflicts[i].field);
	if (!err)
		err = c->read.conflict_count ?
			      tip_error_usage("%s %s has no conflict in '%.*s': the conflicts are in %s",
				      c->type->name, c->id, (int)len, choice, tip_buf_str(&names)) :
			      tip_error_usage("%s %s has no conflicts left to choose between: run "
				      "tip resolve %s %s alone to mark it resolved", c->type->name,
				      c->id, c->type->name, c->id);
	tip_buf_dispose(&names);
	return err;
}

/* Puts one side's value of the field into the record (removing the field for a side that
 * has none). */
static tip_error *take_side(tip_node *root, tip_doc *doc, const char *field, const tip_node *v)
{
	if (!v) {
		tip_doc_map_remove(root, field);
		return NULL;
	}
	return tip_doc_map_set(doc, root, field, (tip_node *)v);
}

static tip_error *take_value(tip_doc *doc, const tip_type *type, const char *choice)
{
	tip_field *fields = NULL;
	size_t count = 0;
	tip_assignment a;
	tip_error *err = tip_subschema_fields(&fields, &count, tip_schema_root(type->schema));
	if (!err && !(err = tip_assignment_parse(&a, choice))) {
		err = tip_assign(doc, fields, count, &a);
		tip_assignment_dispose(&a);
	}
	free(fields);
	return err;
}

/* Applies one choice; done[i] marks conflict i settled. */
static tip_error *settle_one(tip_record_conflicts *c, bool *done, const char *choice)
{
	size_t len = strcspn(choice, "=");
	size_t i = conflict_named(c, choice, len);
	if (!choice[len] || !len)
		return tip_error_usage("'%s' is not FIELD=ours, FIELD=theirs or FIELD=VALUE", choice);
	if (i == c->read.conflict_count)
		return not_in_conflict(c, choice, len);
	if (done[i])
		return tip_error_usage("'%.*s' is chosen twice", (int)len, choice);
	done[i] = true;
	tip_doc *doc = c->read.common;
	const char *value = choice + len + 1;
	if (strcmp(value, "ours") == 0)
		return take_side(doc->root, doc, c->read.conflicts[i].field, tip_conflict_here(c, i));
	if (strcmp(value, "theirs") == 0)
		return take_side(doc->root, doc, c->read.conflicts[i].field,
			tip_conflict_there(c, i));
	if (!c->type->schema)
		return tip_error_invalid("the schema of %s does not compile: choose ours or theirs",
			c->type->name);
	return take_value(doc, c->type, choice);
}

tip_error *tip_record_conflicts_settle(tip_buf *out, size_t *left, tip_record_conflicts *c,
	char *const *choices, size_t count)
{
	size_t n = c->read.conflict_count;
	bool *done = calloc(n + 1, sizeof(*done));
	tip_merge_conflict *rest = calloc(n + 1, sizeof(*rest));
	tip_error *err = done && rest ? NULL : tip_error_nomem();
	for (size_t i = 0; !err && i < count; i++)
		err = settle_one(c, done, choices[i]);
	*left = 0;
	tip_doc *doc = c->read.common;
	for (size_t i = 0; !err && i < n; i++) {
		const tip_merge_conflict *m = &c->read.conflicts[i];
		if (done[i])
			continue;
		rest[(*left)++] = *m;
		err = tip_doc_map_set(doc, doc->root, m->field,
			(tip_node *)(m->ours ? m->ours : m->theirs));
	}
	const tip_subschema *schema = c->type->schema ? tip_schema_root(c->type->schema) : NULL;
	tip_merge_result result = { .doc = doc, .conflicts = rest, .conflict_count = *left };
	if (!err)
		err = tip_merge_render(out, &result, schema, NULL);
	free(done);
	free(rest);
	return err;
}
