/* The peers: fetched by the git program into refs/tip/peers/NAME, read with libgit2 at the
 * fetched commit with their own schemas. */
#include "peers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "git_int.h"
#include "workfile.h"

static const char ref_prefix[] = "refs/tip/peers/";

static tip_error *refuse_bad_name(const char *name)
{
	const char *why;
	if (tip_record_id_valid(name, &why))
		return NULL;
	return tip_error_invalid("'%s' cannot name a peer: %s", name, why);
}

/* ---- when each was fetched: <git folder>/tip/peers/NAME, one number of seconds ---- */

/* The file, in the git folder that every worktree of the repository shares, as the refs. */
static tip_error *stamp_path(tip_buf *out, git_repository *repo, const char *name)
{
	return tip_buf_addf(out, "%stip/peers/%s", git_repository_commondir(repo), name);
}

static long long read_stamp(git_repository *repo, const char *name)
{
	tip_buf path = TIP_BUF_INIT;
	long long when = 0;
	FILE *f = stamp_path(&path, repo, name) ? NULL : fopen(tip_buf_str(&path), "r");
	if (f && fscanf(f, "%lld", &when) != 1)
		when = 0;
	if (f)
		fclose(f);
	tip_buf_dispose(&path);
	return when > 0 ? when : 0;
}

/* Written whole (tip_workfiles_write), so that an error leaves the time written before. */
static tip_error *write_stamp(git_repository *repo, const char *name, long long when)
{
	char rel[128], text[32];
	snprintf(rel, sizeof(rel), "tip/peers/%s", name);
	int len = snprintf(text, sizeof(text), "%lld\n", when);
	const char *common = git_repository_commondir(repo);
	tip_file_change stamp = { rel, text, (size_t)len };
	tip_error *err = tip_workfiles_write(common, &stamp, 1);
	if (!err)
		return NULL;
	tip_error *said = tip_error_coded(tip_error_get_code(err),
		"peer %s was fetched, but when cannot be kept in '%s%s' (%s): make sure that "
		"folder can be written, then fetch again", name, common, rel, tip_error_message(err));
	tip_error_free(err);
	return said;
}

/* ---- the state ---- */

static void day_of(char out[TIP_DATE_LEN], long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	out[0] = '\0';
	if (when > 0 && gmtime_r(&t, &tm))
		strftime(out, TIP_DATE_LEN, "%Y-%m-%d", &tm);
}

tip_error *tip_peer_state_read(tip_peer_state *out, tip_store *home, const char *name)
{
	memset(out, 0, sizeof(*out));
	tip_error *err = refuse_bad_name(name);
	if (err)
		return err;
	git_repository *repo = tip_store_repository(home);
	char ref[128];
	git_oid id;
	snprintf(ref, sizeof(ref), "%s%s", ref_prefix, name);
	int rc = git_reference_name_to_id(&id, repo, ref);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
		return NULL;
	}
	if (rc < 0)
		return tip_git_error("cannot read %s", ref);
	git_oid_tostr(out->commit, sizeof(out->commit), &id);
	out->fetched_at = read_stamp(repo, name);
	day_of(out->fetched_on, out->fetched_at);
	return NULL;
}

/* ---- reading a peer ---- */

/* The first finding of the peer's schemas as an error naming the peer and the file. */
static tip_error *schema_error(const char *name, const tip_peer_state *state,
	const tip_diag_list *findings)
{
	const tip_finding *f = tip_diag_list_get(findings, 0);
	tip_buf where = TIP_BUF_INIT;
	tip_error *err = tip_buf_adds(&where, f->file);
	if (!err && f->line)
		err = tip_buf_addf(&where, ":%u:%u", f->line, f->col);
	if (!err)
		err = tip_error_invalid("peer '%s': %s in its fetched commit %.12s: %s; its records "
					"cannot be read until they correct it (then tip peers fetch "
					"%s)", name, tip_buf_str(&where), state->commit, f->message,
			name);
	tip_buf_dispose(&where);
	return err;
}

static tip_error *load_peer_types(tip_store *store, const char *name,
	const tip_peer_state *state)
{
	tip_diag_list *findings = NULL;
	tip_error *err = tip_diag_list_new(&findings);
	if (!err)
		err = tip_store_load_types(store, findings);
	if (!err)
		err = tip_diag_list_error(findings);
	if (!err && tip_diag_list_count(findings)) {
		tip_diag_list_sort(findings);
		err = schema_error(name, state, findings);
	}
	tip_diag_list_free(findings);
	return err;
}

tip_error *tip_peer_open(tip_store **out, tip_peer_state *state, tip_store *home,
	const char *name)
{
	*out = NULL;
	tip_error *err = tip_peer_state_read(state, home, name);
	if (err)
		return err;
	if (!state->commit[0])
		return tip_error_not_found("peer '%s' was never fetched: run tip peers fetch %s",
			name, name);
	tip_store *store = NULL;
	err = tip_store_open_commit(&store, home, state->commit);
	if (tip_error_catch(&err, TIP_ENOTFOUND))
		err = tip_error_invalid("peer '%s' has no schemas/ folder in its fetched commit "
					"%.12s: is its url in tip.yaml the address of a tip "
					"repository?", name, state->commit);
	if (!err)
		err = load_peer_types(store, name, state);
	if (err) {
		tip_store_free(store);
		return err;
	}
	*out = store;
	return NULL;
}

/* ---- fetching ---- */

/* A url as git should be given it: a relative path is made relative to the root (git runs
 * there, but the url should not name a remote of the user's by chance either). */
static tip_error *peer_address(tip_buf *out, const char *root, const char *url)
{
	size_t to_colon = strcspn(url, ":"), to_slash = strcspn(url, "/");
	bool local = !strstr(url, "://") && !(url[to_colon] && to_colon < to_slash);
	if (!local || url[0] == '/' || !root)
		return tip_buf_adds(out, url);
	return tip_buf_add_path(out, root, url);
}

static tip_error *no_branch(const tip_peer_setting *peer)
{
	if (peer->branch)
		return tip_error_git("peer %s has no branch '%s': check its branch in tip.yaml (or "
				     "leave it out to follow the peer's default branch)", peer->name,
			peer->branch);
	return tip_error_git("peer %s has no commits on its default branch yet: name the branch "
			     "to follow in tip.yaml (branch: NAME)", peer->name);
}

/* A url whose transport git was told not to use (ext::, fd::): git's words, then what to do. */
static tip_error *transport_refused(const tip_peer_setting *peer, const char *err_text)
{
	const char *said = strstr(err_text, "transport '");
	size_t len = said ? strcspn(said, "\r\n") : 0;
	return tip_error_git("peer %s has a url git would not fetch from here (%.*s): check its url "
			     "in tip.yaml (an https://, ssh://, git:// or file:// address, git@host:path, "
			     "or a folder)", peer->name, (int)len, said ? said : "");
}

/* Fetches peer; fetched_before says whether a failure leaves an earlier fetch to go on with. */
static tip_error *run_fetch(tip_store *home, const tip_peer_setting *peer, bool fetched_before,
	tip_git_line_fn progress, void *ctx)
{
	const char *root = tip_store_root(home);
	tip_buf url = TIP_BUF_INIT, refspec = TIP_BUF_INIT, err_text = TIP_BUF_INIT;
	tip_error *err = peer_address(&url, root, peer->url);
	if (!err && peer->branch)
		err = tip_buf_addf(&refspec, "+refs/heads/%s:%s%s", peer->branch, ref_prefix,
			peer->name);
	else if (!err)
		err = tip_buf_addf(&refspec, "+HEAD:%s%s", ref_prefix, peer->name);
	/* ext:: would run a command that a tip.yaml from anyone could name, and fd:: would talk
	 * to whatever file descriptor tip was started with */
	const char *args[] = { "git", "-c", "protocol.ext.allow=never", "-c",
		"protocol.fd.allow=never", "-c", "gc.auto=0", "-c",
		"maintenance.auto=false", "fetch", "--no-tags", "--no-write-fetch-head",
		"--no-recurse-submodules", "--force", "--progress", "--", tip_buf_str(&url),
		tip_buf_str(&refspec), NULL };
	tip_git_call call = { .dir = root ? root : git_repository_path(tip_store_repository(home)),
			      .on_line = progress, .ctx = ctx };
	int status = 0;
	if (!err)
		err = tip_git_program(&status, &err_text, &call, args);
	if (!err && status != 0 && strstr(tip_buf_str(&err_text), "couldn't find remote ref"))
		err = no_branch(peer);
	else if (!err && status != 0 && strstr(tip_buf_str(&err_text), "' not allowed"))
		err = transport_refused(peer, tip_buf_str(&err_text));
	else if (!err && status != 0) {
		const tip_git_advice advice = {
			.again = "run tip peers fetch again",
			.address = "check its url in tip.yaml",
			.kept = fetched_before ? "what was fetched from it before is kept and still used"
				: "nothing has been fetched from it yet",
		};
		char what[128], who[128];
		snprintf(what, sizeof(what), "fetching peer %s", peer->name);
		snprintf(who, sizeof(who), "peer %s", peer->name);
		tip_git_failure kind = tip_git_classify(tip_buf_str(&err_text));
		err = tip_git_failure_advised(kind, what, who, tip_buf_str(&err_text), &advice);
	}
	tip_buf_dispose(&url);
	tip_buf_dispose(&refspec);
	tip_buf_dispose(&err_text);
	return err;
}

/* True when the commit before is not in after's history (or is gone). */
static bool history_rewritten(git_repository *repo, const char *before, const char *after)
{
	git_oid a, b;
	if (git_oid_fromstr(&b, before) < 0 || git_oid_fromstr(&a, after) < 0)
		return true;
	int rc = git_graph_descendant_of(repo, &a, &b);
	git_error_clear();
	return rc != 1;
}

tip_error *tip_peer_fetch(tip_peer_fetched *out, tip_store *home, const tip_peer_setting *peer,
	tip_git_line_fn progress, void *ctx)
{
	memset(out, 0, sizeof(*out));
	git_repository *repo = tip_store_repository(home);
	tip_error *err = tip_peer_state_read(&out->before, home, peer->name);
	if (!err)
		err = run_fetch(home, peer, out->before.commit[0] != '\0', progress, ctx);
	if (err)
		return err;
	tip_error *unkept = write_stamp(repo, peer->name, (long long)time(NULL));
	err = tip_peer_state_read(&out->after, home, peer->name);
	if (err) {
		tip_error_free(unkept);
		return err;
	}
	out->fetched = true;
	out->changed = strcmp(out->before.commit, out->after.commit) != 0;
	out->rewritten = out->changed && out->before.commit[0] &&
			 history_rewritten(repo, out->before.commit, out->after.commit);
	return unkept;
}
