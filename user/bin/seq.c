/*
 * seq [-w] [-s SEP] [-f FORMAT] [FIRST [INC]] LAST: the numbers from FIRST
 * (1) to LAST by INC (1), one a line (or separated by SEP). With -w they
 * are padded with zeros to the same width; -f prints each with a printf
 * floating-point FORMAT. Without -f the numbers get as many decimals as
 * FIRST and INC have (GNU's rule).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sq_decimals(const char *s)
{
	const char *dot = strchr(s, '.');
	int n = 0;

	if (!dot || strpbrk(s, "eE"))
		return 0;
	while (dot[1 + n] >= '0' && dot[1 + n] <= '9')
		n++;
	return n;
}

static double sq_number(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end) {
		fprintf(stderr, "seq: invalid floating point argument: '%s'\n", s);
		exit(1);
	}
	return v;
}

/* A negative number is an operand, not options. */
static int sq_is_number(const char *a)
{
	return a && a[0] == '-' && ((a[1] >= '0' && a[1] <= '9') || a[1] == '.');
}

/* The text of one value (into buf). */
static void sq_format(char *buf, size_t len, const char *fmt, int prec, double v)
{
	if (fmt) {
		snprintf(buf, len, fmt, v);
		return;
	}
	snprintf(buf, len, "%.*f", prec, v);
	if (!strcmp(buf, "-0"))
		strcpy(buf, "0");
}

static int sq_width(const char *fmt, int prec, double first, double last)
{
	char a[128], b[128];
	int wa, wb;

	sq_format(a, sizeof(a), fmt, prec, first);
	sq_format(b, sizeof(b), fmt, prec, last);
	wa = (int)strlen(a), wb = (int)strlen(b);
	return wa > wb ? wa : wb;
}

static void sq_print(const char *text, int width)
{
	int len = (int)strlen(text), neg = text[0] == '-';

	if (neg)
		putchar('-');
	for (int i = len; i < width; i++)
		putchar('0');
	fputs(text + neg, stdout);
}

int main(int argc, char **argv)
{
	const char *sep = "\n", *fmt = NULL;
	int c, equal = 0, n, prec, width = 0;
	double first = 1, inc = 1, last;

	while (!sq_is_number(argv[optind]) && (c = getopt(argc, argv, "ws:f:")) != -1) {
		if (c == 'w')
			equal = 1;
		else if (c == 's')
			sep = optarg;
		else if (c == 'f')
			fmt = optarg;
		else
			return 1;
	}
	n = argc - optind;
	if (n < 1 || n > 3) {
		fprintf(stderr, "seq: %s operand\n", n < 1 ? "missing" : "extra");
		return 1;
	}
	last = sq_number(argv[argc - 1]);
	if (n > 1)
		first = sq_number(argv[optind]);
	if (n > 2 && (inc = sq_number(argv[optind + 1])) == 0) {
		fprintf(stderr, "seq: invalid Zero increment value: '%s'\n", argv[optind + 1]);
		return 1;
	}
	prec = n > 1 ? sq_decimals(argv[optind]) : 0;
	if (n > 2 && sq_decimals(argv[optind + 1]) > prec)
		prec = sq_decimals(argv[optind + 1]);
	if (equal)
		width = sq_width(fmt, prec, first, last);
	for (long i = 0;; i++) {
		double v = first + (double)i * inc;
		char buf[128];
		if (inc > 0 ? v > last + 1e-9 * (inc < 1 ? inc : 1)
			    : v < last - 1e-9 * (-inc < 1 ? -inc : 1))
			break;
		if (i)
			fputs(sep, stdout);
		sq_format(buf, sizeof(buf), fmt, prec, v);
		sq_print(buf, width);
	}
	if (!(inc > 0 ? first > last : first < last))
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}
