/* tip peers: the other authorities' repositories named in tip.yaml, listed (what was fetched
 * and when) and fetched. Nothing of a peer's records is printed: they are theirs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "comparing.h"
#include "jsonw.h"
#include "peers.h"
#include "records.h"
#include "settings.h"
#include "store.h"

enum { FORMAT_TEXT, FORMAT_JSON };

struct peers_options {
	int format;
};

static const struct cmd_option peers_options[] = {
	{ .kind = CMD_OPT_CHOICE, .name = "format", .arg = "F", .takes = "text|json",
	  .offset = offsetof(struct peers_options, format), .synopses = 0x2,
	  .help = "text (the default) or json (\"format\": 1)" },
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_peers = {
	.name = "peers",
	.synopses = (const struct cmd_synopsis[]){
		{ "fetch [PEER]...", { "fetch", "PEER" }, true },
		{ "[--format text|json]", { NULL }, false },
		{ NULL } },
	.about = "The other authorities' tip repositories, the peers of tip.yaml (name, url and\n"
		 "branch, docs/peers.md). tip peers lists them: the commit fetched and when.\n"
		 "tip peers fetch fetches each (or each PEER named) by git, with your own keys,\n"
		 "credential helpers and proxies, into refs/tip/peers/NAME: never into your\n"
		 "files, branches or remotes. A peer that rewrote its history is followed. One\n"
		 "that cannot be reached is reported, after the others are fetched, and what was\n"
		 "fetched from it before is kept and still used.\n\n",
	.options = peers_options,
	.column = 22,
	.after = "\nExit status: 0 done, 1 a peer could not be fetched, 2 usage, tip.yaml,\n"
		 "repository or I/O errors.\n",
};

enum { SHORT_LEN = 12 }; /* the length of the commit ids shown */

/* "2026-12-07 14:05" in local time, as tip status gives its last fetch. */
static void when_text(char *out, size_t cap, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	if (!when || !localtime_r(&t, &tm) || !strftime(out, cap, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, cap, "at a time not recorded");
}

/* ---- the list ---- */

static void print_peer(const tip_peer_setting *p, const tip_peer_state *st)
{
	char when[64];
	cmd_printf(stdout, "%s: %s (", p->name, p->url);
	if (p->branch)
		cmd_printf(stdout, "branch %s), ", p->branch);
	else
		cmd_printf(stdout, "its default branch), ");
	if (!st->commit[0]) {
		cmd_printf(stdout, "never fetched\n");
		return;
	}
	when_text(when, sizeof(when), st->fetched_at);
	cmd_printf(stdout, "at %.*s fetched %s\n", SHORT_LEN, st->commit, when);
}

static void json_peer(tip_jsonw *w, const tip_peer_setting *p, const tip_peer_state *st)
{
	char when[32] = "";
	time_t t = (time_t)st->fetched_at;
	struct tm tm;
	if (st->fetched_at && gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	tip_jsonw_object(w, NULL);
	tip_jsonw_string(w, "name", p->name);
	tip_jsonw_string(w, "url", p->url);
	tip_jsonw_string(w, "branch", p->branch);
	tip_jsonw_string(w, "commit", st->commit[0] ? st->commit : NULL);
	tip_jsonw_string(w, "fetched", when[0] ? when : NULL);
	tip_jsonw_close(w, '}');
}

static tip_error *list_peers(tip_store *store, const tip_peer_settings *s, int format)
{
	tip_buf out = TIP_BUF_INIT;
	tip_jsonw w;
	tip_error *err = NULL;
	tip_jsonw_begin(&w, &out);
	tip_jsonw_object(&w, NULL);
	tip_jsonw_number(&w, "format", TIP_JSON_FORMAT);
	tip_jsonw_array(&w, "peers");
	for (size_t i = 0; !err && i < s->count; i++) {
		tip_peer_state st;
		err = tip_peer_state_read(&st, store, s->peers[i].name);
		if (!err && format == FORMAT_JSON)
			json_peer(&w, &s->peers[i], &st);
		else if (!err)
			print_peer(&s->peers[i], &st);
	}
	tip_jsonw_close(&w, ']');
	tip_jsonw_close(&w, '}');
	tip_error *json_err = tip_jsonw_end(&w);
	if (!err)
		err = json_err;
	else
		tip_error_free(json_err);
	if (!err && format == FORMAT_JSON)
		cmd_puts(stdout, tip_buf_str(&out));
	else if (!err && !s->count)
		cmd_printf(stdout, "no peers in tip.yaml: add them under peers: (docs/peers.md)\n");
	tip_buf_dispose(&out);
	return err;
}

/* ---- fetching ---- */

static void show_git_line(void *ctx, const char *line)
{
	if (*(const bool *)ctx)
		cmd_printf(stderr, "  %s\r", line);
}

static void print_fetched(const char *name, const tip_peer_fetched *f)
{
	const char *now = f->after.commit;
	if (!f->before.commit[0])
		cmd_printf(stdout, "%s: fetched, at %.*s\n", name, SHORT_LEN, now);
	else if (f->rewritten)
		cmd_printf(stdout, "%s: history rewritten, now at %.*s (was %.*s)\n", name,
			SHORT_LEN, now, SHORT_LEN, f->before.commit);
	else if (f->changed)
		cmd_printf(stdout, "%s: new commits, now at %.*s\n", name, SHORT_LEN, now);
	else
		cmd_printf(stdout, "%s: up to date, at %.*s\n", name, SHORT_LEN, now);
}

/* A peer not fetched: what is still used of it. */
static void print_kept(const char *name, const tip_peer_state *st)
{
	char when[64];
	when_text(when, sizeof(when), st->fetched_at);
	if (st->commit[0])
		cmd_printf(stdout, "%s: not fetched; still at %.*s, fetched %s\n", name, SHORT_LEN,
			st->commit, when);
	else
		cmd_printf(stdout, "%s: not fetched; never fetched before\n", name);
}

/* Fetches one peer; false when it could not be (said on stderr, after the progress). */
static bool fetch_one(tip_store *store, const tip_peer_setting *p, bool terminal)
{
	tip_peer_fetched f;
	cmd_printf(stderr, "fetching %s...\n", p->name);
	tip_error *err = tip_peer_fetch(&f, store, p, show_git_line, &terminal);
	if (terminal)
		fputs("\033[K", stderr);
	if (f.fetched)
		print_fetched(p->name, &f);
	if (!err)
		return true;
	fflush(stdout);
	cmd_fail(err);
	if (!f.fetched)
		print_kept(p->name, &f.before);
	return false;
}

int cmd_check_peer_names(const tip_peer_settings *s, char *const *names, int count)
{
	for (int i = 0; i < count; i++) {
		if (tip_peer_setting_named(s, names[i]))
			continue;
		tip_buf known = TIP_BUF_INIT;
		for (size_t j = 0; j < s->count; j++)
			tip_error_free(tip_buf_addf(&known, "%s%s", j ? ", " : "", s->peers[j].name));
		if (s->count)
			cmd_error("no peer '%s' in tip.yaml: the peers are %s", names[i],
				tip_buf_str(&known));
		else
			cmd_error("no peer '%s': tip.yaml names no peers (docs/peers.md)", names[i]);
		tip_buf_dispose(&known);
		return EXIT_TROUBLE;
	}
	return EXIT_OK;
}

static int fetch_peers(tip_store *store, const tip_peer_settings *s, char **names, int count)
{
	int status = cmd_check_peer_names(s, names, count);
	bool terminal = isatty(STDERR_FILENO);
	if (status != EXIT_OK)
		return status;
	if (!s->count)
		cmd_printf(stdout, "no peers in tip.yaml: add them under peers: (docs/peers.md)\n");
	for (size_t i = 0; i < s->count; i++) {
		bool named = count == 0;
		for (int j = 0; !named && j < count; j++)
			named = strcmp(names[j], s->peers[i].name) == 0;
		if (named && !fetch_one(store, &s->peers[i], terminal))
			status = EXIT_FINDINGS;
	}
	return status;
}

int cmd_peers(int argc, char **argv)
{
	struct peers_options o = { .format = FORMAT_TEXT };
	int count = 0;
	int status = cmd_parse_options(&usage_peers, &o, argc, argv, &count);
	if (status >= 0)
		return status;
	bool fetch = count > 0 && strcmp(argv[0], "fetch") == 0;
	if (count > 0 && !fetch)
		return cmd_usage_error(&usage_peers, "tip peers takes fetch or nothing, not '%s'",
			argv[0]);
	if (fetch && o.format != FORMAT_TEXT)
		return cmd_usage_error(&usage_peers, "--format is for the list: tip peers "
						     "--format json");
	tip_store *store = NULL;
	tip_peer_settings s;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	tip_error *err = tip_peer_settings_read(&s, tip_store_root(store));
	if (!err && fetch)
		status = fetch_peers(store, &s, argv + 1, count - 1);
	else if (!err)
		err = list_peers(store, &s, o.format);
	tip_peer_settings_dispose(&s);
	tip_store_free(store);
	if (err)
		return cmd_fail(err);
	return fflush(stdout) == 0 ? status : EXIT_TROUBLE;
}
