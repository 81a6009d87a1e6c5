/* Editing a record's text in the user's editor until it is valid, never losing their text. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "editor.h"
#include "fmt.h"

static const char marker[] = "# tip: ";

extern char **environ;

/* $VISUAL, else $EDITOR, else vi. */
static const char *editor_command(void)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	return editor && *editor ? editor : "vi";
}

/* As git runs its editor: a command with blanks or shell metacharacters (options, a quoted
 * path with spaces) is run by sh as `COMMAND "$@"`, any other is the program itself. Either
 * way the file's path is its own argument, never part of the shell's text. */
static tip_error *editor_argv(const char *argv[6], tip_buf *script, const char *command,
	const char *path)
{
	if (command[strcspn(command, "|&;<>()$`\\\"' \t\n*?[#~=%")] == '\0') {
		argv[0] = command;
		argv[1] = path;
		argv[2] = NULL;
		return NULL;
	}
	tip_error *err = tip_buf_addf(script, "%s \"$@\"", command);
	argv[0] = "/bin/sh";
	argv[1] = "-c";
	argv[2] = tip_buf_str(script);
	argv[3] = command;
	argv[4] = path;
	argv[5] = NULL;
	return err;
}

/* Starts the editor and waits for it. As git does, Ctrl-C while it runs is the editor's to
 * act on (it is started with the signal's default action), not tip's: how the editor ended
 * says whether it was interrupted. Returns 0 or an errno. */
static int spawn_and_wait(const char *const argv[], int *wstatus)
{
	posix_spawnattr_t attr;
	sigset_t defaults;
	sigemptyset(&defaults);
	sigaddset(&defaults, SIGINT);
	sigaddset(&defaults, SIGQUIT);
	int rc = posix_spawnattr_init(&attr);
	if (rc)
		return rc;
	posix_spawnattr_setsigdefault(&attr, &defaults);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid_t pid;
	rc = posix_spawnp(&pid, argv[0], NULL, &attr, (char *const *)argv, environ);
	while (rc == 0 && waitpid(pid, wstatus, 0) < 0)
		if (errno != EINTR)
			rc = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	posix_spawnattr_destroy(&attr);
	return rc;
}

/* Runs the editor on path and waits for it. *started is false when it could not be started
 * at all (no such program, or not one that can run): then nothing was edited. */
static int run_editor(const char *path, bool *started)
{
	const char *command = editor_command();
	const char *argv[6];
	tip_buf script = TIP_BUF_INIT;
	tip_error *err = editor_argv(argv, &script, command, path);
	*started = false;
	if (err)
		return cmd_fail(err);
	fflush(NULL);
	int wstatus = 0;
	int rc = spawn_and_wait(argv, &wstatus);
	tip_buf_dispose(&script);
	/* sh says 127 for a program not found, 126 for one that cannot run; so does a
	 * posix_spawnp that reports the failed exec only in the child's status. */
	bool not_run = rc == 0 && WIFEXITED(wstatus) &&
		(WEXITSTATUS(wstatus) == 127 || WEXITSTATUS(wstatus) == 126);
	if (rc != 0 || not_run) {
		cmd_error("cannot start the editor '%s'%s%s: set VISUAL or EDITOR to the command "
			  "that starts your editor (for example: export EDITOR=nano)",
			command, rc ? ": " : "", rc ? strerror(rc) : "");
		return EXIT_TROUBLE;
	}
	*started = true;
	if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGINT) {
		cmd_error("interrupted: nothing was written");
		return EXIT_INTERRUPTED;
	}
	if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
		cmd_error("the editor '%s' did not exit cleanly", command);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

static int write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
		cmd_error("cannot write '%s': %s", path, strerror(errno));
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

static int read_file(tip_buf *out, const char *path)
{
	tip_buf_reset(out);
	FILE *f = fopen(path, "rb");
	if (!f) {
		cmd_error("cannot read '%s': %s", path, strerror(errno));
		return EXIT_TROUBLE;
	}
	tip_error *err = tip_buf_add_stream(out, f, path, TIP_YAML_MAX_BYTES);
	fclose(f);
	return err ? cmd_fail(err) : EXIT_OK;
}

/* The text after the block of "# tip: " lines written above the user's own. */
static const char *after_tip_lines(const char *p)
{
	while (strncmp(p, marker, sizeof(marker) - 1) == 0 || strncmp(p, "#tip:", 5) == 0) {
		const char *nl = strchr(p, '\n');
		if (!nl)
			return p + strlen(p);
		p = nl + 1;
	}
	return p;
}

static const char *without_findings(const tip_buf *text)
{
	return after_tip_lines(tip_buf_str(text));
}

/* The findings as comment lines above the user's own text. */
static tip_error *with_findings(tip_buf *out, const tip_diag_list *findings, const char *text)
{
	tip_buf rendered = TIP_BUF_INIT;
	tip_error *err = tip_diag_list_render(&rendered, findings, TIP_DIAG_TEXT);
	tip_buf_reset(out);
	for (const char *p = tip_buf_str(&rendered); !err && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		err = tip_buf_adds(out, marker);
		if (!err)
			err = tip_buf_add(out, p, n);
		if (!err)
			err = tip_buf_addc(out, '\n');
		p += n + (nl != NULL);
	}
	if (!err)
		err = tip_buf_addf(out, "%sfix the record below (lines count from its first "
					"line) and save; to stop, save it unchanged or empty\n",
			marker);
	if (!err)
		err = tip_buf_adds(out, text);
	tip_buf_dispose(&rendered);
	return err;
}

/* The record's checks, and comments: the canonical form keeps none, so they would be lost
 * without a word. */
static int check_text(tip_store *store, const tip_record *record, const char *text,
	tip_diag_list **findings)
{
	tip_diag_list_free(*findings);
	*findings = NULL;
	tip_buf canonical = TIP_BUF_INIT;
	bool formatted = false;
	tip_error *err = tip_diag_list_new(findings);
	if (!err)
		err = tip_fmt_text(&canonical, &formatted, text, strlen(text), record->path,
			tip_schema_root(record->type->schema), *findings);
	if (!err && formatted)
		err = tip_record_check(store, record, text, strlen(text), *findings);
	tip_buf_dispose(&canonical);
	return err ? cmd_fail(err) : EXIT_OK;
}

enum { TEMP_DIR_MAX = 64, TEMP_PATH_MAX = 128 };

struct session {
	char dir[TEMP_DIR_MAX];
	char path[TEMP_PATH_MAX];
	tip_buf file;      /* what is in the file now */
	tip_buf last_text; /* the user's text as last written for them */
	tip_diag_list *findings;
	bool edited; /* the editor was started at least once: the file may hold the user's text */
};

/* A file called name in a new temporary folder, for the editor. */
static int temp_file(char dir[TEMP_DIR_MAX], char path[TEMP_PATH_MAX], const char *name)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, TEMP_DIR_MAX, "%s/tip-edit-XXXXXX",
		tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		cmd_error("cannot make a temporary folder: %s", strerror(errno));
		return EXIT_TROUBLE;
	}
	snprintf(path, TEMP_PATH_MAX, "%s/%.40s", dir, name);
	return EXIT_OK;
}

static int start_session(struct session *s, const char *id, const char *text)
{
	char name[64];
	snprintf(name, sizeof(name), "%.40s.yaml", id);
	int status = temp_file(s->dir, s->path, name);
	if (status != EXIT_OK)
		return status;
	/* a conflicted record comes with "# tip: " lines of its own, which are not the text */
	tip_error *err = tip_buf_adds(&s->last_text, after_tip_lines(text));
	if (err)
		return cmd_fail(err);
	return write_file(s->path, text, strlen(text));
}

/* Keeps the user's text when the editor ran and did not end well, and says where. */
static void remove_temp_file(const char *dir, const char *path, bool keep)
{
	if (keep) {
		cmd_error("your text is kept in %s", path);
	} else {
		unlink(path);
		rmdir(dir);
	}
}

static void end_session(struct session *s, bool keep)
{
	remove_temp_file(s->dir, s->path, keep);
	tip_buf_dispose(&s->file);
	tip_buf_dispose(&s->last_text);
	tip_diag_list_free(s->findings);
}

/* One round: the editor, then the verdict. Returns -1 to go round again. */
static int edit_round(struct session *s, tip_store *store, const tip_record *record,
	bool *changed, int round)
{
	bool started;
	int status = run_editor(s->path, &started);
	s->edited |= started;
	if (status == EXIT_OK)
		status = read_file(&s->file, s->path);
	if (status != EXIT_OK)
		return status;
	const char *text = without_findings(&s->file);
	bool same = strcmp(text, tip_buf_str(&s->last_text)) == 0;
	if (same && round == 0) {
		*changed = false;
		return EXIT_OK;
	}
	if (same || !*text) {
		/* the user stopping: the status of aborting at one of tip add's prompts; what
		 * is still wrong with the text kept is said here too, not only in the editor */
		if (same && s->findings && tip_diag_list_count(s->findings))
			cmd_print_findings(s->findings);
		cmd_error("stopped: %s %s was not changed", record->type->name, record->id);
		return EXIT_TROUBLE;
	}
	status = check_text(store, record, text, &s->findings);
	if (status != EXIT_OK || tip_diag_list_count(s->findings) == 0) {
		*changed = true;
		return status;
	}
	tip_diag_list_sort(s->findings);
	tip_buf_reset(&s->last_text);
	tip_buf reopened = TIP_BUF_INIT;
	tip_error *err = tip_buf_adds(&s->last_text, text);
	if (!err)
		err = with_findings(&reopened, s->findings, text);
	status = err ? cmd_fail(err) : write_file(s->path, reopened.data, reopened.len);
	tip_buf_dispose(&reopened);
	return status == EXIT_OK ? -1 : status;
}

int cmd_edit_until_valid(tip_store *store, const tip_record *record, tip_buf *text,
	bool *changed)
{
	struct session s = { .file = TIP_BUF_INIT, .last_text = TIP_BUF_INIT };
	*changed = false;
	int status = start_session(&s, record->id, tip_buf_str(text));
	for (int round = 0; status == EXIT_OK; round++) {
		status = edit_round(&s, store, record, changed, round);
		if (status == EXIT_OK)
			break;
		if (status < 0)
			status = EXIT_OK;
		else
			break;
	}
	if (status == EXIT_OK && *changed) {
		tip_buf_reset(text);
		tip_error *err = tip_buf_adds(text, without_findings(&s.file));
		if (err)
			status = cmd_fail(err);
	}
	end_session(&s, status != EXIT_OK && s.edited && access(s.path, F_OK) == 0);
	return status;
}

int cmd_edit_text(tip_buf *text, const char *name)
{
	char dir[TEMP_DIR_MAX], path[TEMP_PATH_MAX], file[64];
	snprintf(file, sizeof(file), "%.40s.txt", name);
	bool started = false;
	int status = temp_file(dir, path, file);
	if (status != EXIT_OK)
		return status;
	status = write_file(path, tip_buf_str(text), text->len);
	if (status == EXIT_OK)
		status = run_editor(path, &started);
	if (status == EXIT_OK)
		status = read_file(text, path);
	remove_temp_file(dir, path, status != EXIT_OK && started && access(path, F_OK) == 0);
	return status;
}

int cmd_keep_draft(const char *name, const tip_buf *text, const char *add_type)
{
	struct session s = { .file = TIP_BUF_INIT, .last_text = TIP_BUF_INIT };
	int status = start_session(&s, name, tip_buf_str(text));
	end_session(&s, status == EXIT_OK);
	if (status == EXIT_OK && add_type)
		cmd_error("go on from it with: tip add %s --resume %s", add_type, s.path);
	return status;
}
