/*
 * uniq [-cdui] [-f N] [-s N] [input [output]]: one line of each run of
 * equal adjacent lines. -c prefixes the run's length, -d prints only
 * repeated lines, -u only unique ones, -i ignores case, -f skips N fields
 * (blanks then non-blanks) and -s N bytes before comparing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int uq_count, uq_dups, uq_uniques, uq_icase;
static long uq_fields, uq_chars;

static const char *uq_key(const char *s, size_t n, size_t *klen)
{
	const char *p = s, *end = s + n;

	for (long f = 0; f < uq_fields; f++) {
		while (p < end && isblank((unsigned char)*p))
			p++;
		while (p < end && !isblank((unsigned char)*p))
			p++;
	}
	for (long c = 0; c < uq_chars && p < end; c++)
		p++;
	*klen = (size_t)(end - p);
	return p;
}

static int uq_same(const char *a, size_t na, const char *b, size_t nb)
{
	size_t ka, kb;
	const char *x = uq_key(a, na, &ka), *y = uq_key(b, nb, &kb);

	if (ka != kb)
		return 0;
	return uq_icase ? !strncasecmp(x, y, ka) : !memcmp(x, y, ka);
}

static void uq_emit(FILE *out, const char *s, size_t n, long run)
{
	if ((uq_dups && run < 2) || (uq_uniques && run > 1))
		return;
	if (uq_count)
		fprintf(out, "%7ld ", run);
	fwrite(s, 1, n, out);
	putc('\n', out);
}

static void uq_run(FILE *in, FILE *out)
{
	char *prev = NULL, *line = NULL;
	size_t pcap = 0, cap = 0, plen = 0;
	ssize_t n;
	long run = 0;

	while ((n = getline(&line, &cap, in)) >= 0) {
		if (n && line[n - 1] == '\n')
			n--;
		if (run && uq_same(prev, plen, line, (size_t)n)) {
			run++;
			continue;
		}
		if (run)
			uq_emit(out, prev, plen, run);
		if (pcap < (size_t)n + 1 && !(prev = realloc(prev, pcap = (size_t)n + 1))) {
			fprintf(stderr, "uniq: %s\n", strerror(ENOMEM));
			exit(1);
		}
		memcpy(prev, line, (size_t)n);
		plen = (size_t)n, run = 1;
	}
	if (run)
		uq_emit(out, prev, plen, run);
	free(prev);
	free(line);
}

int main(int argc, char **argv)
{
	FILE *in = stdin, *out = stdout;
	int c;

	while ((c = getopt(argc, argv, "cduif:s:")) != -1) {
		switch (c) {
		case 'c':
			uq_count = 1;
			break;
		case 'd':
			uq_dups = 1;
			break;
		case 'u':
			uq_uniques = 1;
			break;
		case 'i':
			uq_icase = 1;
			break;
		case 'f':
			uq_fields = atol(optarg);
			break;
		case 's':
			uq_chars = atol(optarg);
			break;
		default:
			return 1;
		}
	}
	if (optind < argc && strcmp(argv[optind], "-") && !(in = fopen(argv[optind], "r"))) {
		fprintf(stderr, "uniq: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	if (optind + 1 < argc && !(out = fopen(argv[optind + 1], "w"))) {
		fprintf(stderr, "uniq: %s: %s\n", argv[optind + 1], strerror(errno));
		return 1;
	}
	uq_run(in, out);
	return fflush(out) ? 1 : 0;
}
