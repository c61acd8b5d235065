/*
 * cmp [-l | -s] [-n LIMIT] FILE1 [FILE2 [SKIP1 [SKIP2]]]: compare two
 * files byte by byte (FILE2 or "-": standard input). The first difference
 * is reported as POSIX and GNU in the "C" locale do, "F1 F2 differ:
 * char N, line M"; -l lists every differing byte (its number, both values
 * in octal), -s says nothing.
 * A shorter file gets "cmp: EOF on F after byte N" on standard error.
 * Exit 0: the same, 1: different, 2: trouble.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cm_list, cm_silent;
static long long cm_limit = -1;

static FILE *cm_open(const char *path, long long skip)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;

	if (!f) {
		fprintf(stderr, "cmp: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	while (skip-- > 0 && getc(f) != EOF)
		;
	return f;
}

/* The -l column width: the digits of the smaller regular file's size. */
static int cm_width(FILE *a, FILE *b)
{
	struct stat x, y;
	long long n;
	int w = 1;

	if (fstat(fileno(a), &x) || fstat(fileno(b), &y) || !S_ISREG(x.st_mode) ||
	    !S_ISREG(y.st_mode))
		return 1;
	for (n = x.st_size < y.st_size ? x.st_size : y.st_size; n >= 10; n /= 10)
		w++;
	return w;
}

static void cm_eof(const char *name, long long bytes, long long lines, int last)
{
	if (cm_silent)
		return;
	if (!bytes)
		fprintf(stderr, "cmp: EOF on %s which is empty\n", name);
	else if (cm_list)
		fprintf(stderr, "cmp: EOF on %s after byte %lld\n", name, bytes);
	else if (last == '\n')
		fprintf(stderr, "cmp: EOF on %s after byte %lld, line %lld\n", name, bytes, lines);
	else
		fprintf(stderr, "cmp: EOF on %s after byte %lld, in line %lld\n", name, bytes,
			lines + 1);
}

static int cm_compare(FILE *a, FILE *b, const char *na, const char *nb)
{
	long long byte = 0, lines = 0;
	int width = cm_width(a, b), differ = 0, last = 0;

	for (; cm_limit < 0 || byte < cm_limit; byte++) {
		int x = getc(a), y = getc(b);
		if (x == EOF || y == EOF) {
			if (x != y)
				cm_eof(x == EOF ? na : nb, byte, lines, last);
			return differ || x != y;
		}
		if (x != y) {
			if (!cm_list) {
				if (!cm_silent)
					printf("%s %s differ: char %lld, line %lld\n", na, nb,
					       byte + 1, lines + 1);
				return 1;
			}
			printf("%*lld %3o %3o\n", width, byte + 1, x, y);
			differ = 1;
		}
		lines += x == '\n';
		last = x;
	}
	return differ;
}

static long long cm_number(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 0);

	if (end == s || *end || v < 0) {
		fprintf(stderr, "cmp: invalid number '%s'\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	int c, r;
	const char *na, *nb;
	FILE *a, *b;

	while ((c = getopt(argc, argv, "lsn:")) != -1) {
		if (c == 'l')
			cm_list = 1;
		else if (c == 's')
			cm_silent = 1;
		else if (c == 'n')
			cm_limit = cm_number(optarg);
		else
			return 2;
	}
	if (optind >= argc || argc - optind > 4) {
		fprintf(stderr, "cmp: %s operand\n", optind >= argc ? "missing" : "extra");
		return 2;
	}
	na = argv[optind], nb = optind + 1 < argc ? argv[optind + 1] : "-";
	a = cm_open(na, optind + 2 < argc ? cm_number(argv[optind + 2]) : 0);
	b = cm_open(nb, optind + 3 < argc ? cm_number(argv[optind + 3]) : 0);
	r = cm_compare(a, b, na, nb);
	return fflush(stdout) ? 2 : r;
}
