/*
 * pwd: print the working directory.
 *   -P the physical directory, no symbolic links (the default, as GNU's);
 *   -L $PWD when it is absolute, has no . or .. and names the same directory.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int pwd_logical_ok(const char *p)
{
	struct stat a, b;

	if (!p || p[0] != '/' || strstr(p, "/./") || strstr(p, "/../"))
		return 0;
	size_t n = strlen(p);
	if ((n >= 2 && !strcmp(p + n - 2, "/.")) || (n >= 3 && !strcmp(p + n - 3, "/..")))
		return 0;
	return stat(p, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

int main(int argc, char **argv)
{
	char buf[4096];
	int logical = 0, c;

	while ((c = getopt(argc, argv, "LP")) != -1) {
		if (c == 'L')
			logical = 1;
		else if (c == 'P')
			logical = 0;
		else {
			fprintf(stderr, "usage: pwd [-LP]\n");
			return 1;
		}
	}
	if (logical && pwd_logical_ok(getenv("PWD"))) {
		puts(getenv("PWD"));
		return 0;
	}
	if (!getcwd(buf, sizeof(buf))) {
		fprintf(stderr, "pwd: %s\n", strerror(errno));
		return 1;
	}
	puts(buf);
	return 0;
}
