/*
 * rmdir: remove empty directories.
 *   -p remove each parent named in the path too; -v say what was removed.
 * Exit 1 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int rmdir_verbose;

static int rmdir_one(const char *path)
{
	if (rmdir(path) != 0) {
		fprintf(stderr, "rmdir: failed to remove '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (rmdir_verbose)
		printf("rmdir: removing directory, '%s'\n", path);
	return 0;
}

/* Remove @path, then each of its parents (a/b/c, a/b, a). */
static int rmdir_parents(char *path)
{
	char *slash;

	if (rmdir_one(path))
		return 1;
	for (;;) {
		size_t n = strlen(path);
		while (n > 1 && path[n - 1] == '/')
			path[--n] = 0;
		slash = strrchr(path, '/');
		if (!slash || slash == path)
			return 0;
		while (slash > path && slash[-1] == '/')
			slash--;
		*slash = 0;
		if (rmdir_one(path))
			return 1;
	}
}

int main(int argc, char **argv)
{
	int parents = 0, status = 0, c;

	while ((c = getopt(argc, argv, "pv")) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c == 'v')
			rmdir_verbose = 1;
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= parents ? rmdir_parents(argv[i]) : rmdir_one(argv[i]);
	return status;
usage:
	fprintf(stderr, "usage: rmdir [-pv] dir...\n");
	return 1;
}
