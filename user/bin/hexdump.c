/*
 * hexdump [-C] [-v] [-n LENGTH] [-s SKIP] [file...]: the input in hex, 16
 * bytes a line. -C is the canonical layout: the offset, the bytes in two
 * groups of eight, and the printable characters between bars; without it
 * the bytes are shown as 16-bit little-endian words. Repeated lines are
 * shown as one '*' unless -v.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hx_canonical, hx_verbose, hx_status;
static long long hx_length = -1;

static void hx_line(long long off, const unsigned char *b, size_t n)
{
	if (!hx_canonical) {
		printf("%07llx", off);
		for (size_t i = 0; i < n; i += 2)
			printf(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
		printf("%*s\n", (int)(16 - n) / 2 * 5, "");
		return;
	}
	printf("%08llx ", off);
	for (size_t i = 0; i < 16; i++) {
		if (i == 8)
			putchar(' ');
		if (i < n)
			printf(" %02x", b[i]);
		else
			fputs("   ", stdout);
	}
	fputs("  |", stdout);
	for (size_t i = 0; i < n; i++)
		putchar(isprint(b[i]) ? b[i] : '.');
	puts("|");
}

static FILE *hx_next(char ***files, int *nfiles)
{
	while (*nfiles > 0) {
		const char *p = *(*files)++;
		FILE *f;
		(*nfiles)--;
		if ((f = strcmp(p, "-") ? fopen(p, "r") : stdin))
			return f;
		fprintf(stderr, "hexdump: %s: %s\n", p, strerror(errno));
		hx_status = 1;
	}
	return NULL;
}

static void hx_dump(char **files, int nfiles, long long skip)
{
	unsigned char b[16], prev[16];
	FILE *f = hx_next(&files, &nfiles);
	long long off = 0, left = hx_length;
	int have_prev = 0, starred = 0, c = 0;

	for (;;) {
		size_t n = 0;
		while (n < 16 && f && left != 0) {
			if ((c = getc(f)) == EOF) {
				if (f != stdin)
					fclose(f);
				f = hx_next(&files, &nfiles);
				continue;
			}
			if (skip > 0) {
				skip--, off++;
				continue;
			}
			b[n++] = (unsigned char)c;
			left -= left > 0;
		}
		if (!n)
			break;
		if (!hx_verbose && n == 16 && have_prev && !memcmp(b, prev, 16)) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			hx_line(off, b, n);
			starred = 0;
		}
		memcpy(prev, b, n);
		have_prev = n == 16;
		off += (long long)n;
	}
	if (off)
		printf(hx_canonical ? "%08llx\n" : "%07llx\n", off);
}

int main(int argc, char **argv)
{
	static char *dash[] = { "-" };
	long long skip = 0;
	int c;

	while ((c = getopt(argc, argv, "Cvn:s:")) != -1) {
		if (c == 'C')
			hx_canonical = 1;
		else if (c == 'v')
			hx_verbose = 1;
		else if (c == 'n')
			hx_length = strtoll(optarg, NULL, 0);
		else if (c == 's')
			skip = strtoll(optarg, NULL, 0);
		else
			return 1;
	}
	if (optind < argc)
		hx_dump(argv + optind, argc - optind, skip);
	else
		hx_dump(dash, 1, skip);
	return fflush(stdout) ? 1 : hx_status;
}
