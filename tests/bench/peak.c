/* bench-peak: runs a command and prints the peak memory (resident set) it used, so that the
 * benchmark can report it without GNU time, which a fresh Debian does not have.
 *
 * Usage: bench-peak COMMAND [ARG]...   runs COMMAND with its output as it is, then prints
 * "peak KiB" on stderr as its last line. Exit status: the command's, or 2 when it cannot be
 * run or is killed by a signal. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: bench-peak COMMAND [ARG]...\n", stderr);
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench-peak: cannot fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "bench-peak: cannot run '%s': %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (wait4(pid, &status, 0, &usage) < 0) {
		fprintf(stderr, "bench-peak: cannot wait for '%s': %s\n", argv[1], strerror(errno));
		return 2;
	}
	/* Linux gives ru_maxrss in KiB. */
	fprintf(stderr, "peak %ld KiB\n", usage.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 2;
}
