/* What the commands that read records share: reading them, saying which do not load,
 * printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "reading.h"

int cmd_warn_unreadable(const tip_snapshot *snapshot, tip_diag_list *findings)
{
	return cmd_warn_unloaded(tip_snapshot_unloaded(snapshot), findings);
}

int cmd_warn_unloaded(size_t unloaded, tip_diag_list *findings)
{
	if (!unloaded)
		return EXIT_OK;
	int status = cmd_print_diag(stderr, findings, TIP_DIAG_TEXT);
	cmd_error("%zu record%s could not be read and %s left out", unloaded,
		unloaded == 1 ? "" : "s", unloaded == 1 ? "is" : "are");
	return status == EXIT_OK ? EXIT_FINDINGS : status;
}

/* Reads the records whole (keep NULL) or as keep says. */
static int read_records(struct reading *r, tip_store *store, const char *type_name,
	const tip_snapshot_keep *keep)
{
	r->snapshot = NULL;
	r->status = EXIT_OK;
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err && keep)
		err = tip_snapshot_worktree_kept(&r->snapshot, store, type_name, keep, findings);
	else if (!err)
		err = tip_snapshot_worktree(&r->snapshot, store, type_name, findings);
	if (!err)
		r->status = cmd_warn_unreadable(r->snapshot, findings);
	tip_diag_list_free(findings);
	if (err)
		return cmd_fail(err);
	return r->status == EXIT_TROUBLE ? EXIT_TROUBLE : EXIT_OK;
}

int cmd_read_records(struct reading *r, tip_store *store, const char *type_name)
{
	return read_records(r, store, type_name, NULL);
}

int cmd_read_kept(struct reading *r, tip_store *store, const char *type_name,
	const tip_snapshot_keep *keep)
{
	return read_records(r, store, type_name, keep);
}

void cmd_reading_dispose(struct reading *r)
{
	tip_snapshot_free(r->snapshot);
	r->snapshot = NULL;
}

int cmd_records_of(const tip_snapshot_record ***out, size_t *count, const struct reading *r,
	const tip_type *type)
{
	size_t n = tip_snapshot_count(r->snapshot);
	*count = 0;
	*out = malloc((n ? n : 1) * sizeof(**out));
	if (!*out)
		return cmd_fail(tip_error_nomem());
	for (size_t i = 0; i < n; i++) {
		const tip_snapshot_record *rec = tip_snapshot_get(r->snapshot, i);
		if ((!type || rec->type == type) && rec->root)
			(*out)[(*count)++] = rec;
	}
	return EXIT_OK;
}

int cmd_print_text(const tip_buf *text)
{
	if (cmd_write(stdout, tip_buf_str(text), text->len) != 0 || fflush(stdout) != 0) {
		cmd_error("cannot write to standard output");
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

size_t cmd_terminal_width(void)
{
	const char *columns = getenv("COLUMNS");
	if (columns && *columns) {
		char *end;
		long n = strtol(columns, &end, 10);
		if (*end == '\0' && n > 0)
			return (size_t)n;
	}
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

void cmd_print_record_types(FILE *out)
{
	tip_store *store = NULL;
	tip_diag_list *findings = NULL;
	/* Outside a repository, or one tip cannot read, the help goes without the types. */
	tip_error *err = tip_store_open(&store, NULL);
	if (!err)
		err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_store_load_types(store, findings);
	size_t n = err ? 0 : tip_store_type_count(store);
	for (size_t i = 0; i < n; i++)
		cmd_printf(out, "%s%s", i ? ", " : "\nRecord types here: ",
			tip_store_type_at(store, i)->name);
	if (n)
		fputc('\n', out);
	tip_error_free(err);
	tip_diag_list_free(findings);
	tip_store_free(store);
}
