/*
 * nice [-n N | -N] [command [arg...]]: run a command with its nice value
 * raised by N (default 10; a negative N lowers it and needs root). With no
 * command, print the current nice value. Exit status: the command's, 125
 * when nice itself fails, 126 when the command cannot run, 127 when it is
 * not found (as GNU nice).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int nice_number(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0')
		return -1;
	*out = v < -40 ? -40 : v > 40 ? 40 : (int)v;
	return 0;
}

/* Options by hand: "-N" (old style, N may be negative) is not getopt's. */
static int nice_args(int argc, char **argv, int *adj, int *first)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		if (i + 1 >= argc || nice_number(argv[i + 1], adj) != 0)
			return -1;
		i += 2;
	} else if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
		if (nice_number(argv[i] + 2, adj) != 0)
			return -1;
		i++;
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] != '\0' && argv[i][1] != '-') {
		if (nice_number(argv[i] + 1, adj) != 0)
			return -1;
		i++;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	*first = i;
	return 0;
}

int main(int argc, char **argv)
{
	int adj = 10, first, now;

	if (nice_args(argc, argv, &adj, &first) != 0) {
		fprintf(stderr, "usage: nice [-n N] [command [arg...]]\n");
		return 125;
	}
	errno = 0;
	now = getpriority(PRIO_PROCESS, 0);
	if (now == -1 && errno) {
		fprintf(stderr, "nice: cannot get niceness: %s\n", strerror(errno));
		return 125;
	}
	if (first >= argc) {
		printf("%d\n", now);
		return 0;
	}
	now += adj;
	now = now < -20 ? -20 : now > 19 ? 19 : now;
	if (setpriority(PRIO_PROCESS, 0, now) != 0)
		fprintf(stderr, "nice: cannot set niceness: %s\n", strerror(errno));
	execvp(argv[first], argv + first);
	fprintf(stderr, "nice: %s: %s\n", argv[first], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
