/*
 * printf FORMAT [ARGUMENT...]: print the arguments under the control of
 * FORMAT, as printf(3) does: flags, widths and precisions (also *),
 * conversions d i o u x X c s e E f F g G, %b (an argument with
 * backslash escapes, \c stopping all output) and %%; the escapes \\ \a \b
 * \c \e \f \n \r \t \v \NNN \xHH in FORMAT. A numeric argument may be a
 * character: 'c or "c. The format is reused while arguments remain;
 * missing ones are 0 or empty. Exit status 1 if an argument was bad.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **pf_args;
static int pf_nargs, pf_status;

/*
 * The escape at s (just past the backslash) into *out (*olen bytes: 0 or
 * 1); returns how many bytes of s it used. %b (in_b) reads \0NNN.
 */
static int pf_escape(const char *s, int in_b, char *out, int *olen, int *stop)
{
	static const char from[] = "\\\"'abefnrtv", to[] = "\\\"'\a\b\033\f\n\r\t\v";
	const char *p = s, *e;
	int v = 0, k = 0;

	*olen = 1;
	if (*p == 'c') {
		*stop = 1, *olen = 0;
		return 1;
	}
	if (*p == 'x' && isxdigit((unsigned char)p[1])) {
		for (p++; k < 2 && isxdigit((unsigned char)*p); k++, p++)
			v = v * 16 +
			    (isdigit((unsigned char)*p) ? *p - '0' : tolower(*p) - 'a' + 10);
		*out = (char)v;
		return (int)(p - s);
	}
	if (*p >= '0' && *p <= '7') {
		if (in_b && *p == '0')
			p++;
		for (; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
			v = v * 8 + (*p - '0');
		*out = (char)v;
		return (int)(p - s);
	}
	if (*p && (e = strchr(from, *p))) {
		*out = to[e - from];
		return 1;
	}
	*out = '\\';
	return 0;
}

static const char *pf_next(void)
{
	if (!pf_nargs)
		return NULL;
	pf_nargs--;
	return *pf_args++;
}

static void pf_bad(const char *arg, const char *what)
{
	fprintf(stderr, "printf: '%s': %s\n", arg, what);
	pf_status = 1;
}

/* A numeric argument: 'c, or a number in C syntax (0x.., 0..). */
static long long pf_int(const char *a, int is_unsigned)
{
	char *end;
	long long v;

	if (!a)
		return 0;
	if (a[0] == '\'' || a[0] == '"')
		return (unsigned char)a[1];
	errno = 0;
	v = is_unsigned ? (long long)strtoull(a, &end, 0) : strtoll(a, &end, 0);
	if (end == a)
		pf_bad(a, "expected a numeric value");
	else if (*end)
		pf_bad(a, "value not completely converted");
	else if (errno == ERANGE)
		pf_bad(a, strerror(errno));
	return v;
}

static double pf_float(const char *a)
{
	char *end;
	double v;

	if (!a)
		return 0;
	if (a[0] == '\'' || a[0] == '"')
		return (unsigned char)a[1];
	v = strtod(a, &end);
	if (end == a)
		pf_bad(a, "expected a numeric value");
	else if (*end)
		pf_bad(a, "value not completely converted");
	return v;
}

/* %b: the argument with its escapes, in a field; 1 if \c said to stop. */
static int pf_b(const char *a, int left, int width, int prec)
{
	size_t len = 0, cap = a ? strlen(a) + 1 : 1;
	char *buf = malloc(cap);
	int stop = 0, n;

	for (const char *p = a ? a : ""; buf && *p && !stop; p++) {
		if (*p != '\\') {
			buf[len++] = *p;
			continue;
		}
		p += pf_escape(p + 1, 1, &buf[len], &n, &stop);
		len += (size_t)n;
	}
	if (!buf)
		return 1;
	if (prec >= 0 && (size_t)prec < len)
		len = (size_t)prec;
	for (int i = (int)len; !left && i < width; i++)
		putchar(' ');
	fwrite(buf, 1, len, stdout);
	for (int i = (int)len; left && i < width; i++)
		putchar(' ');
	free(buf);
	return stop;
}

struct pf_spec {
	char flags[8];
	int width, prec; /* -1: none */
	char conv;
};

/* Parse the conversion after '%' at *fp; 0, or -1 if it is invalid. */
static int pf_parse(const char **fp, struct pf_spec *sp)
{
	const char *f = *fp;
	size_t nf = 0;

	sp->width = sp->prec = -1;
	while (*f && strchr("-+ #0'", *f)) {
		if (nf < sizeof(sp->flags) - 1 && *f != '\'')
			sp->flags[nf++] = *f;
		f++;
	}
	sp->flags[nf] = 0;
	if (*f == '*')
		sp->width = (int)pf_int(pf_next(), 0), f++;
	else if (isdigit((unsigned char)*f))
		sp->width = (int)strtol(f, (char **)&f, 10);
	if (*f == '.') {
		f++;
		if (*f == '*')
			sp->prec = (int)pf_int(pf_next(), 0), f++;
		else
			sp->prec = (int)strtol(f, (char **)&f, 10);
	}
	while (*f && strchr("hlLqjzt", *f))
		f++;
	sp->conv = *f;
	*fp = *f ? f + 1 : f;
	return sp->conv && strchr("diouxXcsbeEfFgG%", sp->conv) ? 0 : -1;
}

/* The printf(3) format for sp, with 'len' before the conversion. */
static void pf_cformat(char *out, size_t n, const struct pf_spec *sp, const char *len)
{
	char w[16] = "", p[16] = "";

	if (sp->width >= 0)
		snprintf(w, sizeof(w), "%d", sp->width);
	if (sp->prec >= 0)
		snprintf(p, sizeof(p), ".%d", sp->prec);
	snprintf(out, n, "%%%s%s%s%s%c", sp->flags, w, p, len, sp->conv);
}

/* One conversion; returns 1 when %b's \c stops all output. */
static int pf_convert(const struct pf_spec *sp)
{
	char f[64];
	const char *a;

	if (sp->conv == '%') {
		putchar('%');
		return 0;
	}
	a = pf_next();
	switch (sp->conv) {
	case 'b':
		return pf_b(a, strchr(sp->flags, '-') != NULL, sp->width, sp->prec);
	case 's':
		pf_cformat(f, sizeof(f), sp, "");
		printf(f, a ? a : "");
		return 0;
	case 'c':
		pf_cformat(f, sizeof(f), sp, "");
		printf(f, a && *a ? *a : 0);
		return 0;
	case 'd':
	case 'i':
		pf_cformat(f, sizeof(f), sp, "ll");
		printf(f, pf_int(a, 0));
		return 0;
	case 'o':
	case 'u':
	case 'x':
	case 'X':
		pf_cformat(f, sizeof(f), sp, "ll");
		printf(f, (unsigned long long)pf_int(a, 1));
		return 0;
	default:
		pf_cformat(f, sizeof(f), sp, "");
		printf(f, pf_float(a));
		return 0;
	}
}

/* One pass over the format; 1 if output must stop. */
static int pf_pass(const char *f)
{
	while (*f) {
		struct pf_spec sp;
		const char *start = f;
		char c;
		int n, stop = 0;
		if (*f == '\\') {
			f += 1 + pf_escape(f + 1, 0, &c, &n, &stop);
			if (n)
				putchar(c);
			if (stop)
				return 1;
			continue;
		}
		if (*f++ != '%') {
			putchar(f[-1]);
			continue;
		}
		if (pf_parse(&f, &sp) < 0) {
			fprintf(stderr, "printf: %.*s: invalid conversion specification\n",
				(int)(f - start), start);
			exit(1);
		}
		if (pf_convert(&sp))
			return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int left;

	if (argc > 1 && !strcmp(argv[1], "--"))
		argv++, argc--;
	if (argc < 2) {
		fprintf(stderr, "printf: missing operand\n");
		return 1;
	}
	pf_args = argv + 2, pf_nargs = argc - 2;
	do {
		left = pf_nargs;
		if (pf_pass(argv[1]))
			break;
	} while (pf_nargs > 0 && pf_nargs < left);
	return fflush(stdout) ? 1 : pf_status;
}
