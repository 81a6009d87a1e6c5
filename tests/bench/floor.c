/* bench-floor: the lower bound for `tip validate` -- the work no validator of YAML records can
 * avoid. Walks DIR/records recursively, reads each .yaml file whole into memory (open, fstat,
 * read, as tip does) and runs libyaml's event parser over it to the end of the stream, deleting
 * each event. No DOM, no schema, no references; one thread.
 *
 * Usage: bench-floor DIR     prints the number of files parsed; exit 0, or 2 on any error
 * (an unreadable file, a YAML syntax error) so that a broken corpus is not timed as fast. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

enum { MAX_DEPTH = 32 };

static unsigned long parsed;

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "bench-floor: %s '%s': %s\n", what, path, strerror(errno));
	return -1;
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Reads the whole file into a malloc'ed buffer, as tip's loader does. */
static int read_file(const char *path, unsigned char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("cannot open", path);
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return fail("cannot stat", path);
	}
	size_t cap = (size_t)st.st_size + 1, got = 0;
	unsigned char *data = malloc(cap);
	if (!data) {
		close(fd);
		return fail("out of memory reading", path);
	}
	while (got < cap) {
		ssize_t n = read(fd, data + got, cap - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(data);
			close(fd);
			return fail("cannot read", path);
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	*out = data;
	*len = got;
	return 0;
}

static int parse_file(const char *path)
{
	unsigned char *text = NULL;
	size_t len = 0;
	if (read_file(path, &text, &len) != 0)
		return -1;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		free(text);
		fprintf(stderr, "bench-floor: cannot initialise libyaml\n");
		return -1;
	}
	yaml_parser_set_input_string(&parser, text, len);
	int rc = 0;
	for (;;) {
		yaml_event_t event;
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "bench-floor: %s:%lu:%lu: %s\n", path,
				(unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "YAML error");
			rc = -1;
			break;
		}
		yaml_event_type_t type = event.type;
		yaml_event_delete(&event);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);
	free(text);
	if (rc == 0)
		parsed++;
	return rc;
}

static int walk(const char *dir, int depth)
{
	if (depth > MAX_DEPTH) {
		fprintf(stderr, "bench-floor: folders nested too deep at '%s'\n", dir);
		return -1;
	}
	DIR *d = opendir(dir);
	if (!d)
		return fail("cannot open folder", dir);
	size_t dir_len = strlen(dir);
	int rc = 0;
	struct dirent *entry;
	while (rc == 0 && (entry = readdir(d))) {
		const char *name = entry->d_name;
		if (name[0] == '.')
			continue; /* ".", ".." and hidden files, which tip skips too */
		size_t name_len = strlen(name);
		char *path = malloc(dir_len + name_len + 2);
		if (!path) {
			rc = fail("out of memory in", dir);
			break;
		}
		memcpy(path, dir, dir_len);
		path[dir_len] = '/';
		memcpy(path + dir_len + 1, name, name_len + 1);
		int is_dir = entry->d_type == DT_DIR, is_reg = entry->d_type == DT_REG;
		if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
			struct stat st;
			if (stat(path, &st) == 0) {
				is_dir = S_ISDIR(st.st_mode);
				is_reg = S_ISREG(st.st_mode);
			}
		}
		if (is_dir)
			rc = walk(path, depth + 1);
		else if (is_reg && has_yaml_suffix(name))
			rc = parse_file(path);
		free(path);
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: bench-floor DIR\n");
		return 2;
	}
	size_t n = strlen(argv[1]);
	char *records = malloc(n + sizeof("/records"));
	if (!records)
		return 2;
	memcpy(records, argv[1], n);
	memcpy(records + n, "/records", sizeof("/records"));
	int rc = walk(records, 0);
	free(records);
	if (rc != 0)
		return 2;
	printf("%lu\n", parsed);
	return 0;
}
