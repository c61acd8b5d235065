/*
 * basename: strip the directory and an optional suffix from names.
 *   basename NAME [SUFFIX]; basename -a NAME...; -s SUFFIX (implies -a);
 *   -z ends each line with NUL. Exit 1 on a missing operand.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void basename_one(char *name, const char *suffix, char end)
{
	size_t n = strlen(name);
	char *b;

	while (n > 1 && name[n - 1] == '/')
		name[--n] = 0;
	b = strrchr(name, '/');
	if (b && b[1])
		b++;
	else if (!b)
		b = name;
	n = strlen(b);
	if (suffix && strcmp(b, "/")) {
		size_t s = strlen(suffix);
		if (s && s < n && !strcmp(b + n - s, suffix))
			b[n - s] = 0;
	}
	fputs(b, stdout);
	putchar(end);
}

int main(int argc, char **argv)
{
	const char *suffix = NULL;
	int all = 0, c;
	char end = '\n';

	while ((c = getopt(argc, argv, "as:z")) != -1) {
		if (c == 'a')
			all = 1;
		else if (c == 's')
			suffix = optarg, all = 1;
		else if (c == 'z')
			end = 0;
		else
			goto usage;
	}
	if (optind >= argc)
		goto usage;
	if (!all) {
		if (argc - optind > 2) {
			fprintf(stderr, "basename: extra operand '%s'\n", argv[optind + 2]);
			goto usage;
		}
		basename_one(argv[optind], argc - optind == 2 ? argv[optind + 1] : NULL, end);
		return 0;
	}
	for (int i = optind; i < argc; i++)
		basename_one(argv[i], suffix, end);
	return 0;
usage:
	fprintf(stderr, "usage: basename NAME [SUFFIX] | basename [-az] [-s SUFFIX] NAME...\n");
	return 1;
}
