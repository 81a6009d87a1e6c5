#include "merge_lines.h"

#include <git2.h>

#include "git_int.h"

static git_merge_file_input input_of(tip_text text, const char *label)
{
	git_merge_file_input in;
	git_merge_file_input_init(&in, GIT_MERGE_FILE_INPUT_VERSION);
	in.ptr = text.data ? text.data : "";
	in.size = text.len;
	in.path = label;
	return in;
}

tip_error *tip_merge_lines(tip_buf *out, bool *clean, tip_text base, tip_text ours,
	tip_text theirs)
{
	*clean = false;
	if (git_libgit2_init() < 0)
		return tip_git_error("cannot start libgit2");
	git_merge_file_input b = input_of(base, "base"), o = input_of(ours, "ours"),
			     t = input_of(theirs, "theirs");
	git_merge_file_options opts;
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.ancestor_label = "base";
	opts.our_label = "ours";
	opts.their_label = "theirs";
	git_merge_file_result result = { 0 };
	tip_error *err = NULL;
	if (git_merge_file(&result, &b, &o, &t, &opts) < 0)
		err = tip_git_error("cannot merge the lines of the two versions");
	if (!err)
		err = tip_buf_add(out, result.ptr, result.len);
	*clean = !err && result.automergeable;
	git_merge_file_result_free(&result);
	git_libgit2_shutdown();
	return err;
}
