/*
 * mkdir: make directories.
 *   -p make missing parents, no error if it exists; -m MODE the mode (octal
 *   or symbolic, from a=rwx); -v say what was made. Exit 1 on an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int mkdir_verbose;
static unsigned int mkdir_mask; /* the umask */

/* A symbolic or octal mode applied to @base; -1 if it is not valid. */
static long mkdir_mode(const char *s, unsigned int base)
{
	unsigned int m = base, who, perm;
	char *end;
	long v = strtol(s, &end, 8);

	if (*s >= '0' && *s <= '7')
		return *end || v > 07777 ? -1 : v;
	for (;;) {
		for (who = 0; strchr("ugoa", *s) && *s; s++)
			who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
		if (!who)
			who = 07777 & ~mkdir_mask;
		char op = *s++;
		if (op != '+' && op != '-' && op != '=')
			return -1;
		for (perm = 0; *s && strchr("rwxst", *s); s++)
			perm |= *s == 'r'   ? 0444
				: *s == 'w' ? 0222
				: *s == 'x' ? 0111
				: *s == 's' ? 06000
					    : 01000;
		perm &= who;
		m = op == '+' ? m | perm : op == '-' ? m & ~perm : (m & ~who) | perm;
		if (!*s)
			return m;
		if (*s++ != ',')
			return -1;
	}
}

static int mkdir_one(const char *path, unsigned int mode, int explicit)
{
	if (mkdir(path, mode) != 0)
		return -1;
	if (explicit && (mode & (07000 | mkdir_mask)) && chmod(path, mode) != 0)
		return -1;
	if (mkdir_verbose)
		printf("mkdir: created directory '%s'\n", path);
	return 0;
}

static int mkdir_parents(char *path, unsigned int mode, int explicit)
{
	struct stat st;

	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = 0;
		if (stat(path, &st) != 0 && mkdir_one(path, 0777, 0) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir_one(path, mode, explicit) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}

int main(int argc, char **argv)
{
	int parents = 0, status = 0, c, explicit = 0;
	long mode = 0777;

	mkdir_mask = (unsigned int)umask(0);
	umask(mkdir_mask);

	while ((c = getopt(argc, argv, "pm:v")) != -1) {
		if (c == 'p')
			parents = 1;
		else if (c == 'v')
			mkdir_verbose = 1;
		else if (c == 'm') {
			mode = mkdir_mode(optarg, 0777);
			explicit = 1;
			if (mode < 0) {
				fprintf(stderr, "mkdir: invalid mode '%s'\n", optarg);
				return 1;
			}
		} else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++) {
		int r = parents ? mkdir_parents(argv[i], (unsigned int)mode, explicit)
				: mkdir_one(argv[i], (unsigned int)mode, explicit);
		if (r != 0) {
			fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i],
				strerror(errno));
			status = 1;
		}
	}
	return status;
usage:
	fprintf(stderr, "usage: mkdir [-pv] [-m mode] dir...\n");
	return 1;
}
