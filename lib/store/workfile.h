/* Working files written whole or not at all: new bytes go to a temporary file in the same
 * folder, which is then renamed over the old file. */
#ifndef TIP_WORKFILE_H
#define TIP_WORKFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "write.h"

/* Writes the working files of changes under the folder root: first every new content to a
 * temporary file beside its file (creating folders as needed), then renames them all over
 * their files and removes the files whose content is NULL (a file already gone is fine;
 * folders stay). When a temporary file cannot be written, the ones made are removed and the
 * error returned with no file changed. */
tip_error *tip_workfiles_write(const char *root, const tip_file_change *changes, size_t count);

/* Refuses a path (relative to root) that tip would read or write through a symbolic link:
 * any of its folders, or the file itself, a link (a link may lead outside the repository,
 * whose files would then be read into records or overwritten); and, when rel names a file
 * (file true), a folder there. What does not exist yet is fine. The error names the part and
 * says what to do. */
tip_error *tip_workfile_check_path(const char *root, const char *rel, bool file);

/* "'<path>' is a symbolic link: ...", what tip_workfile_check_path says of one. */
tip_error *tip_workfile_link_error(const char *path, bool file);

#endif
