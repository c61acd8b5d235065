/*
 * env: run a command in a changed environment, or print the environment.
 *   -i (or -) start from an empty environment, -u NAME remove NAME,
 *   -0 end printed lines with NUL; then NAME=value words, then the command.
 * Exit 125 for env's own errors, 126 when the command cannot be run, 127
 * when it is not found; else the command's status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static int env_usage(void)
{
	fprintf(stderr, "usage: env [-i0] [-u name] [name=value]... [command [arg...]]\n");
	return 125;
}

static int env_print(char end)
{
	for (char **e = environ; e && *e; e++) {
		fputs(*e, stdout);
		putchar(end);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int clear = 0, c, i;
	char end = '\n';

	while ((c = getopt(argc, argv, "+iu:0")) != -1) {
		if (c == 'i')
			clear = 1;
		else if (c == '0')
			end = 0;
		else if (c == 'u') {
			if (unsetenv(optarg) != 0) {
				fprintf(stderr, "env: cannot unset '%s': %s\n", optarg,
					strerror(errno));
				return 125;
			}
		} else
			return env_usage();
	}
	i = optind;
	if (i < argc && !strcmp(argv[i], "-"))
		clear = 1, i++;
	if (clear)
		clearenv();
	for (; i < argc && strchr(argv[i], '='); i++) {
		if (putenv(argv[i]) != 0) {
			fprintf(stderr, "env: cannot set '%s': %s\n", argv[i], strerror(errno));
			return 125;
		}
	}
	if (i >= argc)
		return env_print(end);
	if (end == 0) {
		fprintf(stderr, "env: cannot specify -0 with a command\n");
		return env_usage();
	}
	execvp(argv[i], argv + i);
	c = errno;
	fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(c));
	return c == ENOENT ? 127 : 126;
}
