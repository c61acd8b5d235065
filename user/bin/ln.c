/*
 * ln: make links.
 *   ln [-sfnv] TARGET [LINK]; ln [-sfnv] TARGET... DIR
 *   -s symbolic links, -f remove an existing destination first, -n do not
 *   follow a LINK that is a symbolic link to a directory, -v say what was
 *   made. Exit 1 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
	int sym, force, nofollow, verbose;
} ln_opt;

static const char *ln_base(const char *p)
{
	static char buf[4096];
	size_t n;
	char *b;

	snprintf(buf, sizeof(buf), "%s", p);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '/')
		buf[--n] = 0;
	b = strrchr(buf, '/');
	return b && b[1] ? b + 1 : buf;
}

static int ln_one(const char *target, const char *name)
{
	struct stat st;

	if (ln_opt.force && lstat(name, &st) == 0 && !S_ISDIR(st.st_mode) && unlink(name) != 0) {
		fprintf(stderr, "ln: cannot remove '%s': %s\n", name, strerror(errno));
		return 1;
	}
	if ((ln_opt.sym ? symlink(target, name) : link(target, name)) != 0) {
		if (errno == EEXIST || ln_opt.sym)
			fprintf(stderr, "ln: failed to create %slink '%s': %s\n",
				ln_opt.sym ? "symbolic " : "hard ", name, strerror(errno));
		else
			fprintf(stderr, "ln: failed to create hard link '%s' => '%s': %s\n", name,
				target, strerror(errno));
		return 1;
	}
	if (ln_opt.verbose)
		printf("'%s' %s '%s'\n", name, ln_opt.sym ? "->" : "=>", target);
	return 0;
}

static int ln_isdir(const char *p)
{
	struct stat st;

	if (ln_opt.nofollow && lstat(p, &st) == 0 && S_ISLNK(st.st_mode))
		return 0;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int ln_into(char **targets, int n, const char *dir)
{
	int status = 0;
	char path[4096];

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			 ln_base(targets[i]));
		status |= ln_one(targets[i], path);
	}
	return status;
}

int main(int argc, char **argv)
{
	int c, n;

	while ((c = getopt(argc, argv, "sfnv")) != -1) {
		switch (c) {
		case 's':
			ln_opt.sym = 1;
			break;
		case 'f':
			ln_opt.force = 1;
			break;
		case 'n':
			ln_opt.nofollow = 1;
			break;
		case 'v':
			ln_opt.verbose = 1;
			break;
		default:
			goto usage;
		}
	}
	n = argc - optind;
	if (n < 1)
		goto usage;
	if (n == 1)
		return ln_one(argv[optind], ln_base(argv[optind]));
	if (ln_isdir(argv[argc - 1]))
		return ln_into(argv + optind, n - 1, argv[argc - 1]);
	if (n > 2) {
		fprintf(stderr, "ln: target '%s' is not a directory\n", argv[argc - 1]);
		return 1;
	}
	return ln_one(argv[optind], argv[optind + 1]);
usage:
	fprintf(stderr, "usage: ln [-sfnv] target [link] | ln [-sfnv] target... dir\n");
	return 1;
}
