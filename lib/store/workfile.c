#include "workfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

struct staged {
	tip_buf path; /* absolute */
	tip_buf temp; /* the temporary file beside it, empty when none was made */
};

/* Creates the folders of path (absolute) below its first skip bytes, which exist. */
static tip_error *make_parents(char *path, size_t skip, const char *rel)
{
	for (char *slash = strchr(path + skip + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		int rc = mkdir(path, 0777), saved = errno;
		*slash = '/';
		if (rc != 0 && saved != EEXIST) {
			errno = saved;
			return tip_error_from_errno("cannot create the folder for '%s'", rel);
		}
	}
	return NULL;
}

static bool write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Opens a new temporary file ".<name>.tip-<pid>-<n>" beside s->path, named in s->temp. */
static tip_error *open_temp(int *fd, struct staged *s, const char *rel)
{
	static unsigned counter;
	const char *path = tip_buf_str(&s->path);
	const char *name = strrchr(path, '/') + 1;
	for (int tries = 0; tries < 100; tries++) {
		tip_buf_reset(&s->temp);
		tip_error *err = tip_buf_add(&s->temp, path, (size_t)(name - path));
		if (!err)
			err = tip_buf_addf(&s->temp, ".%s.tip-%ld-%u", name, (long)getpid(), counter++);
		if (err)
			return err;
		*fd = open(tip_buf_str(&s->temp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (*fd >= 0)
			return NULL;
		if (errno != EEXIST)
			break;
	}
	tip_error *err = tip_error_from_errno("cannot write '%s'", rel);
	tip_buf_reset(&s->temp);
	return err;
}

static tip_error *stage(struct staged *s, const char *root, const tip_file_change *c)
{
	tip_error *err = tip_buf_add_path(&s->path, root, c->path);
	if (err || !c->content)
		return err;
	if ((err = make_parents(s->path.data, strlen(root), c->path)))
		return err;
	int fd;
	if ((err = open_temp(&fd, s, c->path)))
		return err;
	/* The file keeps its permissions (0600 stays 0600, 0755 stays 0755). */
	struct stat st;
	bool written = (stat(tip_buf_str(&s->path), &st) != 0 ||
			       fchmod(fd, st.st_mode & 07777) == 0) &&
		       write_all(fd, c->content, c->len);
	int saved = errno;
	if (close(fd) != 0 && written) {
		written = false;
		saved = errno;
	}
	if (!written) {
		errno = saved;
		return tip_error_from_errno("cannot write '%s'", c->path);
	}
	return NULL;
}

static tip_error *put_in_place(const struct staged *s, const tip_file_change *c)
{
	if (c->content) {
		if (rename(tip_buf_str(&s->temp), tip_buf_str(&s->path)) != 0)
			return tip_error_from_errno("cannot put '%s' in place", c->path);
	} else if (unlink(tip_buf_str(&s->path)) != 0 && errno != ENOENT) {
		return tip_error_from_errno("cannot remove '%s'", c->path);
	}
	return NULL;
}

static void free_staged(struct staged *staged, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (staged[i].temp.len)
			unlink(tip_buf_str(&staged[i].temp));
		tip_buf_dispose(&staged[i].path);
		tip_buf_dispose(&staged[i].temp);
	}
	free(staged);
}

tip_error *tip_workfile_link_error(const char *path, bool file)
{
	return tip_error_invalid("'%s' is a symbolic link: tip reads and writes only the "
				 "repository's own files, and a link may lead outside it; replace "
				 "the link with the %s itself", path, file ? "file" : "folder");
}

/* One part of a path (full, cut short after it; rel_start where the relative path begins):
 * refused when a link, or, for the whole path, a folder. A TIP_ENOTFOUND error when it is
 * not there. */
static tip_error *check_part(tip_buf *full, size_t rel_start, bool whole, bool file)
{
	struct stat st;
	const char *rel = tip_buf_str(full) + rel_start;
	if (lstat(tip_buf_str(full), &st) != 0)
		return errno == ENOENT || errno == ENOTDIR
			? tip_error_not_found("'%s' is not there", rel)
			: tip_error_from_errno("cannot look at '%s'", rel);
	if (S_ISLNK(st.st_mode))
		return tip_workfile_link_error(rel, whole && file);
	if (whole && file && S_ISDIR(st.st_mode))
		return tip_error_invalid("'%s' is a folder, not a record file: records are files "
					 "records/<collection>/<id>.yaml; move what it holds and "
					 "remove the folder", rel);
	return NULL;
}

tip_error *tip_workfile_check_path(const char *root, const char *rel, bool file)
{
	tip_buf full = TIP_BUF_INIT;
	tip_error *err = tip_buf_add_path(&full, root, rel);
	size_t end = full.len, rel_start = end - strlen(rel);
	for (size_t i = rel_start + 1; !err && i <= end; i++) {
		if (i < end && full.data[i] != '/')
			continue;
		full.data[i] = '\0';
		err = check_part(&full, rel_start, i == end, file);
		if (i < end)
			full.data[i] = '/';
	}
	tip_error_catch(&err, TIP_ENOTFOUND); /* what is not there yet holds no link */
	tip_buf_dispose(&full);
	return err;
}

tip_error *tip_workfiles_write(const char *root, const tip_file_change *changes, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		tip_error *err = tip_workfile_check_path(root, changes[i].path, true);
		if (err)
			return err;
	}
	struct staged *staged = calloc(count ? count : 1, sizeof(*staged));
	if (!staged)
		return tip_error_nomem();
	tip_error *err = NULL;
	for (size_t i = 0; !err && i < count; i++)
		err = stage(&staged[i], root, &changes[i]);
	for (size_t i = 0; !err && i < count; i++) {
		err = put_in_place(&staged[i], &changes[i]);
		if (!err)
			tip_buf_reset(&staged[i].temp);
	}
	free_staged(staged, count);
	return err;
}
