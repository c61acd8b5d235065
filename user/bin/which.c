/*
 * which: the path of each command as PATH finds it.
 *   -a every match, not just the first. Exit 1 if one was not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int which_exec(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	if (access(path, X_OK) == 0)
		return 1;
	/* Until the kernel has access(): any execute bit. */
	return errno == ENOSYS && (st.st_mode & 0111);
}

static int which_one(const char *name, int all)
{
	const char *path = getenv("PATH"), *p, *e;
	char buf[4096];
	int found = 0;

	if (strchr(name, '/')) {
		if (!which_exec(name))
			return 0;
		puts(name);
		return 1;
	}
	for (p = path ? path : "/bin:/usr/bin"; p; p = *e ? e + 1 : NULL) {
		e = strchrnul(p, ':');
		int n = (int)(e - p);
		snprintf(buf, sizeof(buf), "%.*s%s%s", n, n ? p : ".", "/", name);
		if (which_exec(buf)) {
			puts(buf);
			found = 1;
			if (!all)
				break;
		}
	}
	return found;
}

int main(int argc, char **argv)
{
	int all = 0, status = 0, c;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a') {
			fprintf(stderr, "usage: which [-a] name...\n");
			return 2;
		}
		all = 1;
	}
	if (optind >= argc)
		return 1;
	for (int i = optind; i < argc; i++)
		if (!which_one(argv[i], all))
			status = 1;
	return status;
}
