/*
 * head [-n [-]N] [-c [-]N] [-qv] [file...]: the first N (10) lines, or
 * bytes with -c; a negative N prints all but the last N. With several
 * files each gets a "==> name <==" header (-q: never, -v: always).
 * The old form -N is -n N.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int hd_bytes, hd_allbut;
static long long hd_count = 10;

static int hd_number(const char *s)
{
	char *end;

	hd_allbut = *s == '-';
	hd_count = strtoll(s + (*s == '-' || *s == '+'), &end, 10);
	if (end == s || *end || hd_count < 0) {
		fprintf(stderr, "head: invalid number of %s: '%s'\n", hd_bytes ? "bytes" : "lines",
			s);
		exit(1);
	}
	return 0;
}

/* Whole input in memory (for the "all but the last N" forms). */
static char *hd_slurp(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, k;
	char *buf = malloc(cap);

	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			break;
	}
	if (!buf) {
		fprintf(stderr, "head: %s\n", strerror(ENOMEM));
		exit(1);
	}
	*len = n;
	return buf;
}

static void hd_allbut_copy(FILE *f)
{
	size_t n, end;
	char *buf = hd_slurp(f, &n);
	long long k = hd_count;

	end = n;
	if (hd_bytes) {
		end = (size_t)k >= n ? 0 : n - (size_t)k;
	} else {
		for (; k > 0 && end > 0; k--) {
			end--; /* the line's last byte: its newline or not */
			while (end > 0 && buf[end - 1] != '\n')
				end--;
		}
	}
	fwrite(buf, 1, end, stdout);
	free(buf);
}

static void hd_copy(FILE *f)
{
	long long left = hd_count;
	int c;

	if (hd_allbut) {
		hd_allbut_copy(f);
		return;
	}
	while (left > 0 && (c = getc(f)) != EOF) {
		putchar(c);
		if (hd_bytes || c == '\n')
			left--;
	}
}

int main(int argc, char **argv)
{
	int c, headers = -1, status = 0, nfiles;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		hd_number(argv[1] + 1);
		argv[1] = argv[0], argv++, argc--;
	}
	while ((c = getopt(argc, argv, "n:c:qv")) != -1) {
		if (c == 'n' || c == 'c') {
			hd_bytes = c == 'c';
			hd_number(optarg);
		} else if (c == 'q' || c == 'v') {
			headers = c == 'v';
		} else {
			return 1;
		}
	}
	nfiles = argc - optind;
	if (headers < 0)
		headers = nfiles > 1;
	for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
		const char *p = nfiles ? argv[optind + i] : "-";
		FILE *f = strcmp(p, "-") ? fopen(p, "r") : stdin;
		if (!f) {
			fprintf(stderr, "head: cannot open '%s' for reading: %s\n", p,
				strerror(errno));
			status = 1;
			continue;
		}
		if (headers)
			printf("%s==> %s <==\n", i ? "\n" : "",
			       strcmp(p, "-") ? p : "standard input");
		hd_copy(f);
		if (f != stdin)
			fclose(f);
	}
	return fflush(stdout) ? 1 : status;
}
