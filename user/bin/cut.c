/*
 * cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [--complement]
 * [--output-delimiter=S] [file...]: the selected bytes (-b, -c: the same
 * in the "C" locale) or fields (-f, separated by DELIM, a tab by default)
 * of each line. LIST is N, N-M, N- and -M, separated by commas. With -f a
 * line without DELIM is printed whole unless -s.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned char *ct_sel; /* ct_sel[i]: position i + 1 chosen */
static size_t ct_nsel;
static int ct_open_from; /* "N-": every position from N on (0: none) */
static int ct_fields, ct_only_delim, ct_complement;
static char ct_delim = '\t';
static const char *ct_outdelim;

static void ct_bad(const char *list, const char *why)
{
	fprintf(stderr, "cut: %s: '%s'\n", why, list);
	exit(1);
}

static void ct_mark(size_t lo, size_t hi)
{
	if (hi > ct_nsel) {
		ct_sel = realloc(ct_sel, hi);
		memset(ct_sel + ct_nsel, 0, hi - ct_nsel);
		ct_nsel = hi;
	}
	for (size_t i = lo; i <= hi; i++)
		ct_sel[i - 1] = 1;
}

static void ct_list(const char *list)
{
	const char *p = list;

	while (*p) {
		char *end;
		unsigned long lo = 1, hi;
		if (*p != '-') {
			lo = strtoul(p, &end, 10);
			if (end == p || lo == 0)
				ct_bad(list, "invalid field value");
			p = end;
		}
		hi = lo;
		if (*p == '-') {
			p++;
			hi = *p >= '0' && *p <= '9' ? strtoul(p, &end, 10) : 0;
			if (hi) {
				p = end;
			} else if (!ct_open_from || (int)lo < ct_open_from) {
				ct_open_from = (int)lo;
				hi = lo;
			}
		}
		if (hi < lo)
			ct_bad(list, "invalid decreasing range");
		ct_mark(lo, hi);
		if (*p == ',')
			p++;
		else if (*p)
			ct_bad(list, "invalid byte, character or field list");
	}
}

static int ct_chosen(size_t pos)
{
	int in =
	    (ct_open_from && pos >= (size_t)ct_open_from) || (pos <= ct_nsel && ct_sel[pos - 1]);

	return in != ct_complement;
}

static void ct_bytes(const char *s, size_t n)
{
	int first = 1;
	size_t last = 0;

	for (size_t i = 0; i < n; i++) {
		if (!ct_chosen(i + 1))
			continue;
		if (ct_outdelim && !first && last != i)
			fputs(ct_outdelim, stdout);
		putchar(s[i]);
		first = 0, last = i + 1;
	}
	putchar('\n');
}

static void ct_fields_line(const char *s, size_t n)
{
	const char *end = s + n, *p = s;
	size_t field = 1;
	int first = 1;

	if (!memchr(s, ct_delim, n)) {
		if (!ct_only_delim) {
			fwrite(s, 1, n, stdout);
			putchar('\n');
		}
		return;
	}
	while (p <= end) {
		const char *d = memchr(p, ct_delim, (size_t)(end - p));
		const char *fe = d ? d : end;
		if (ct_chosen(field)) {
			if (!first)
				ct_outdelim ? fputs(ct_outdelim, stdout) : putchar(ct_delim);
			fwrite(p, 1, (size_t)(fe - p), stdout);
			first = 0;
		}
		if (!d)
			break;
		p = d + 1, field++;
	}
	putchar('\n');
}

static int ct_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		fprintf(stderr, "cut: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		if (n && line[n - 1] == '\n')
			n--;
		if (ct_fields)
			ct_fields_line(line, (size_t)n);
		else
			ct_bytes(line, (size_t)n);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

/* The long options (getopt has none): taken out of argv. */
static int ct_long_options(int argc, char **argv)
{
	int k = 1;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--complement"))
			ct_complement = 1;
		else if (!strncmp(argv[i], "--output-delimiter=", 19))
			ct_outdelim = argv[i] + 19;
		else if (!strcmp(argv[i], "--"))
			while (i < argc)
				argv[k++] = argv[i++];
		else
			argv[k++] = argv[i];
	}
	argv[k] = NULL;
	return k;
}

int main(int argc, char **argv)
{
	int c, status = 0, mode = 0;

	argc = ct_long_options(argc, argv);
	while ((c = getopt(argc, argv, "b:c:f:d:sn")) != -1) {
		if (c == 'b' || c == 'c' || c == 'f') {
			if (mode) {
				fprintf(stderr, "cut: only one type of list may be specified\n");
				return 1;
			}
			mode = c, ct_fields = c == 'f';
			ct_list(optarg);
		} else if (c == 'd') {
			if (strlen(optarg) > 1) {
				fprintf(stderr, "cut: the delimiter must be a single character\n");
				return 1;
			}
			ct_delim = optarg[0];
		} else if (c == 's') {
			ct_only_delim = 1;
		} else if (c != 'n') {
			return 1;
		}
	}
	if (!mode) {
		fprintf(stderr, "cut: you must specify a list of bytes, characters, or fields\n");
		return 1;
	}
	if (optind == argc)
		status = ct_file("-");
	for (int i = optind; i < argc; i++)
		status |= ct_file(argv[i]);
	return fflush(stdout) ? 1 : status;
}
