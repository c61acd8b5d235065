/*
 * rm: remove files.
 *   -r/-R directories and what they hold, -f no questions and no error for
 *   a missing file, -i ask before each removal, -v say what was removed,
 *   -d remove empty directories. Refuses "/", "." and "..". Exit 1 on an
 *   error.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int recursive, force, interactive, verbose, dirs;
} rm_opt;

static int rm_ask(const char *what, const char *path)
{
	char buf[64];

	fprintf(stderr, "rm: %s '%s'? ", what, path);
	if (!fgets(buf, sizeof(buf), stdin))
		return 0;
	return buf[0] == 'y' || buf[0] == 'Y';
}

static int rm_fail(const char *path)
{
	fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
	return 1;
}

static int rm_path(const char *path);

/* The names in directory @path but . and .. (read before anything is removed). */
static char **rm_names(const char *path, size_t *count)
{
	struct dirent *de;
	char **v = NULL;
	size_t n = 0;
	DIR *d = opendir(path);

	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char **nv = realloc(v, (n + 1) * sizeof(*v));
		char *sub = malloc(strlen(path) + strlen(de->d_name) + 2);
		if (!nv || !sub) {
			fprintf(stderr, "rm: out of memory\n");
			exit(1);
		}
		v = nv;
		sprintf(sub, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		v[n++] = sub;
	}
	closedir(d);
	*count = n;
	return v ? v : malloc(1);
}

static int rm_tree(const char *path)
{
	int status = 0;
	size_t n = 0;
	char **names;

	if (rm_opt.interactive && !rm_ask("descend into directory", path))
		return 0;
	names = rm_names(path, &n);
	if (!names)
		return rm_fail(path);
	for (size_t i = 0; i < n; i++) {
		status |= rm_path(names[i]);
		free(names[i]);
	}
	free(names);
	if (rm_opt.interactive && !rm_ask("remove directory", path))
		return status;
	if (rmdir(path) != 0)
		return rm_fail(path);
	if (rm_opt.verbose)
		printf("removed directory '%s'\n", path);
	return status;
}

static int rm_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (rm_opt.force && errno == ENOENT)
			return 0;
		return rm_fail(path);
	}
	if (S_ISDIR(st.st_mode)) {
		if (rm_opt.recursive)
			return rm_tree(path);
		if (!rm_opt.dirs) {
			fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
			return 1;
		}
		if (rm_opt.interactive && !rm_ask("remove directory", path))
			return 0;
		if (rmdir(path) != 0)
			return rm_fail(path);
		if (rm_opt.verbose)
			printf("removed directory '%s'\n", path);
		return 0;
	}
	if (rm_opt.interactive && !rm_ask("remove", path))
		return 0;
	if (unlink(path) != 0)
		return rm_fail(path);
	if (rm_opt.verbose)
		printf("removed '%s'\n", path);
	return 0;
}

/* "/", and any path whose last component is "." or "..". */
static int rm_refused(const char *path)
{
	size_t n = strlen(path);
	const char *b;

	while (n > 1 && path[n - 1] == '/')
		n--;
	if (n == 1 && path[0] == '/') {
		fprintf(stderr, "rm: it is dangerous to operate recursively on '/'\n");
		return 1;
	}
	for (b = path + n; b > path && b[-1] != '/'; b--)
		;
	if ((path + n - b == 1 && b[0] == '.') || (path + n - b == 2 && !strncmp(b, "..", 2))) {
		fprintf(stderr, "rm: refusing to remove '.' or '..' directory: skipping '%s'\n",
			path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0, c;

	while ((c = getopt(argc, argv, "rRfivd")) != -1) {
		switch (c) {
		case 'r':
		case 'R':
			rm_opt.recursive = 1;
			break;
		case 'f':
			rm_opt.force = 1, rm_opt.interactive = 0;
			break;
		case 'i':
			rm_opt.interactive = 1, rm_opt.force = 0;
			break;
		case 'v':
			rm_opt.verbose = 1;
			break;
		case 'd':
			rm_opt.dirs = 1;
			break;
		default:
			fprintf(stderr, "usage: rm [-rRfivd] file...\n");
			return 1;
		}
	}
	if (optind >= argc && !rm_opt.force) {
		fprintf(stderr, "rm: missing operand\n");
		return 1;
	}
	for (int i = optind; i < argc; i++)
		status |= rm_refused(argv[i]) ? 1 : rm_path(argv[i]);
	return status;
}
