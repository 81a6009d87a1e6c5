/* tip compare: this repository's glossary, training and strategy against the other
 * authorities' (the peers of tip.yaml, as last fetched), and what does not align. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "reading.h"
#include "compare.h"
#include "comparing.h"
#include "peers.h"
#include "records.h"
#include "settings.h"
#include "snapshot.h"

struct compare_options {
	int format; /* a tip_compare_format: the choices are in its order */
};

static const struct cmd_option compare_options[] = {
	CMD_CHOICE("format", "F", "text|md|html|json", struct compare_options, format,
		"text (default), md (Markdown), html (one accessible page) or\n"
		"json (docs/compare.md)"),
	CMD_OPT_TABLE_END,
};

const struct cmd_usage usage_compare = {
	.name = "compare",
	.synopses = (const struct cmd_synopsis[]){
		{ "[PEER...] [--format text|md|html|json]", { "PEER" }, true },
		{ NULL } },
	.about = "Compares this repository (the records of its working tree) with the other\n"
		 "authorities' repositories, the peers of tip.yaml as last fetched (tip peers\n"
		 "fetch): glossary terms matched by any label, case and accents aside (a term one\n"
		 "authority uses and another says to avoid is a cross-boundary misunderstanding),\n"
		 "courses by provider and title, the learning-needs matrix, and the actions that\n"
		 "serve the HIPS strategy. What a peer's schemas do not let us compare is said.\n"
		 "Every peer when none is named. Personal data is never shown.\n\n",
	.options = compare_options,
	.column = 16,
	.after = "\nThis repository is named by tip.yaml's `name:`, else \"this repository\".\n\n"
		 "Exit status: 0 no cross-boundary misunderstanding, 1 at least one, 2 usage, I/O\n"
		 "or repository errors, or no peer to compare with.\n",
	.in_order = false,
};

/* Whether names[i] was named before it: a peer named twice is compared once, or it would
 * stand as two authorities and hide the terms only it has. */
static bool named_before(char *const *names, int i)
{
	for (int j = 0; j < i; j++)
		if (strcmp(names[j], names[i]) == 0)
			return true;
	return false;
}

/* The peers named, each once (all when none), or an error naming those there are. */
static int choose_peers(const tip_peer_setting ***out, size_t *count,
	const tip_peer_settings *settings, char **names, int n)
{
	if (!settings->count)
		return cmd_fail(tip_error_invalid("tip.yaml names no peers to compare with: add "
			"them under peers: (name and url of each), then run tip peers fetch"));
	int status = cmd_check_peer_names(settings, names, n);
	if (status != EXIT_OK)
		return status;
	*out = calloc(n ? (size_t)n : settings->count, sizeof(**out));
	if (!*out)
		return cmd_fail(tip_error_nomem());
	*count = 0;
	for (int i = 0; i < (n ? n : (int)settings->count); i++)
		if (!n || !named_before(names, i))
			(*out)[(*count)++] = n ? tip_peer_setting_named(settings, names[i])
					       : &settings->peers[i];
	return -1;
}

/* What is being built: the comparison and, for tip summary --peers, each authority's summary
 * of the period. */
struct building {
	tip_compare *c;
	const tip_period *period; /* NULL: no summaries */
	tip_date today;
	tip_report **reports;     /* one per authority added, NULL for a peer not read */
	tip_store **stores;       /* the peers' stores, which the reports' labels point into */
	size_t read;              /* peers read */
};

/* The summary of the period for the authority just added, history walked from tip. */
static tip_error *add_report(struct building *b, tip_store *store, const char *tip)
{
	size_t a = tip_compare_authority_count(b->c) - 1;
	return b->period ? tip_report_build_from(&b->reports[a], store, b->period, b->today, tip)
		: NULL;
}

/* The fields tip_compare_read reads of a definition, a course (with the matrix's level,
 * audience and status) and an action: each record is reduced to these as it is read. Whether
 * the authority's schema marks one personal is its schema's to say, not the record's, so a
 * field kept here is still left out where it is personal. */
static const char *const compared_fields[] = { "term", "definition", "alt_labels",
	"hidden_labels", "avoid", "title", "provider", "level", "level_status", "audience",
	"status", "drivers" };

/* The authority of source: the records compare reads, a type at a time (each read on every
 * processor, checked against the authority's own schema, reduced to compared_fields, and
 * freed before the next), at commit rev, or in the working tree when rev is NULL. */
static tip_error *add_records(tip_compare *c, const tip_compare_source *source,
	tip_store *store, const char *rev)
{
	tip_snapshot_keep keep = { .fields = compared_fields,
		.field_count = sizeof(compared_fields) / sizeof(*compared_fields),
		.check_schema = true };
	tip_error *err = tip_compare_begin(c, source, store);
	for (size_t i = 0; !err && tip_compare_types[i]; i++) {
		const char *type = tip_compare_types[i];
		tip_snapshot *records = NULL;
		if (!tip_store_type_named(store, type))
			continue;
		err = rev ? tip_snapshot_at_rev_kept(&records, store, rev, type, &keep, NULL, NULL)
			: tip_snapshot_worktree_kept(&records, store, type, &keep, NULL);
		if (!err)
			err = tip_compare_read(c, records, type);
		tip_snapshot_free(records);
	}
	return err;
}

/* This repository: its working tree's records, under tip.yaml's name. */
static tip_error *add_home(struct building *b, tip_store *store)
{
	char *name = NULL;
	tip_error *err = tip_name_setting(&name, tip_store_root(store));
	if (!err) {
		tip_compare_source source = { name ? name : "this repository", NULL, NULL, NULL, false };
		err = add_records(b->c, &source, store, NULL);
	}
	free(name);
	return err ? err : add_report(b, store, "");
}

/* A peer at its fetched commit, or a note that it was never fetched (also on stderr). */
static tip_error *add_peer(struct building *b, tip_store *home, const char *name)
{
	tip_peer_state state;
	tip_store *store = NULL;
	tip_error *err = tip_peer_open(&store, &state, home, name);
	if (tip_error_catch(&err, TIP_ENOTFOUND)) {
		cmd_error("peer '%s' was never fetched: run tip peers fetch %s", name, name);
		char why[256];
		snprintf(why, sizeof(why), "never fetched: run tip peers fetch %s", name);
		tip_compare_source source = { name, NULL, NULL, NULL, true };
		return tip_compare_add_missing(b->c, &source, why);
	}
	char day[TIP_DATE_LEN] = "";
	if (!err)
		err = tip_store_commit_day(day, store, state.commit);
	if (!err) {
		tip_compare_source source = { name, state.commit, day,
			state.fetched_on[0] ? state.fetched_on : NULL, false };
		err = add_records(b->c, &source, store, state.commit);
		b->read++;
	}
	if (!err)
		err = add_report(b, store, state.commit);
	if (b->period && store) /* kept as long as the report */
		b->stores[tip_compare_authority_count(b->c) - 1] = store;
	else
		tip_store_free(store);
	return err;
}

static tip_error *build(struct building *b, tip_store *store,
	const tip_peer_setting *const *peers, size_t count)
{
	tip_error *err = tip_compare_new(&b->c);
	if (!err && b->period && (!(b->reports = calloc(count + 1, sizeof(*b->reports))) ||
		!(b->stores = calloc(count + 1, sizeof(*b->stores)))))
		err = tip_error_nomem();
	if (!err)
		err = add_home(b, store);
	for (size_t i = 0; !err && i < count; i++)
		err = add_peer(b, store, peers[i]->name);
	if (!err && !b->read)
		err = tip_error_not_found("no peer has been fetched yet, so there is nothing to "
			"compare with: run tip peers fetch");
	return err ? err : tip_compare_run(b->c);
}

void cmd_compare_dispose(struct cmd_comparison *out)
{
	for (size_t i = 0; out->reports && i < tip_compare_authority_count(out->compare); i++)
		tip_report_free(out->reports[i]);
	for (size_t i = 0; out->stores && i < tip_compare_authority_count(out->compare); i++)
		tip_store_free(out->stores[i]);
	free(out->reports);
	free(out->stores);
	tip_compare_free(out->compare);
}

int cmd_compare_build(struct cmd_comparison *out, tip_store *store, char **names, int n,
	const tip_period *period, tip_date today)
{
	memset(out, 0, sizeof(*out));
	tip_peer_settings settings = { NULL, 0 };
	const tip_peer_setting **peers = NULL;
	size_t count = 0;
	tip_error *err = tip_peer_settings_read(&settings, tip_store_root(store));
	if (err)
		return cmd_fail(err);
	int status = choose_peers(&peers, &count, &settings, names, n);
	if (status < 0) {
		struct building b = { .period = period, .today = today };
		err = build(&b, store, peers, count);
		out->compare = b.c;
		out->reports = b.reports;
		out->stores = b.stores;
		status = err ? cmd_fail(err) : EXIT_OK;
		if (err)
			cmd_compare_dispose(out);
	}
	free(peers);
	tip_peer_settings_dispose(&settings);
	return status;
}

static int run_compare(tip_store *store, const struct compare_options *o, char **names, int n)
{
	struct cmd_comparison cmp;
	int status = cmd_compare_build(&cmp, store, names, n, NULL, 0);
	if (status != EXIT_OK)
		return status;
	tip_buf text = TIP_BUF_INIT;
	tip_error *err = tip_compare_render(&text, cmp.compare, (tip_compare_format)o->format);
	status = err ? cmd_fail(err) : cmd_print_text(&text);
	if (status == EXIT_OK && tip_compare_count(cmp.compare, TIP_COMPARE_MISUNDERSTANDING))
		status = EXIT_FINDINGS;
	tip_buf_dispose(&text);
	cmd_compare_dispose(&cmp);
	return status;
}

int cmd_compare(int argc, char **argv)
{
	struct compare_options o = { TIP_COMPARE_TEXT };
	int n = 0;
	int status = cmd_parse_options(&usage_compare, &o, argc, argv, &n);
	if (status >= 0)
		return status;
	tip_store *store;
	if ((status = cmd_open_store(&store)) != EXIT_OK)
		return status;
	status = run_compare(store, &o, argv, n);
	tip_store_free(store);
	return status;
}
