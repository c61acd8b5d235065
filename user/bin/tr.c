/*
 * tr [-cds] SET1 [SET2]: copy standard input to standard output,
 * translating the bytes of SET1 to those of SET2 (padded with its last
 * byte), deleting those of SET1 (-d), squeezing runs of a byte of the last
 * set into one (-s); -c (-C) takes the complement of SET1. A set has
 * bytes, escapes (\n \t \\ \NNN...), ranges a-z, classes [:alpha:]...,
 * [=c=], and in SET2 [c*N] (N copies) or [c*] (as many as needed).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct tr_set {
	unsigned char b[4096];
	int n, star; /* star: index where [c*] fills, -1 none */
};

static void tr_die(const char *msg, const char *arg)
{
	fprintf(stderr, "tr: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	exit(1);
}

static void tr_put(struct tr_set *s, int c)
{
	if (s->n >= (int)sizeof(s->b))
		tr_die("set too large", NULL);
	s->b[s->n++] = (unsigned char)c;
}

/* One byte of the set text at *p (an escape or a plain byte). */
static int tr_char(const char **p)
{
	static const char from[] = "abfnrtv", to[] = "\a\b\f\n\r\t\v";
	const char *s = *p, *e;
	int v = 0, k = 0;

	if (*s != '\\' || !s[1]) {
		*p = s + 1;
		return (unsigned char)*s;
	}
	s++;
	if (*s >= '0' && *s <= '7') {
		while (k < 3 && *s >= '0' && *s <= '7' && v * 8 + (*s - '0') < 256)
			v = v * 8 + (*s++ - '0'), k++;
		*p = s;
		return v;
	}
	*p = s + 1;
	return (e = strchr(from, *s)) && *s ? to[e - from] : (unsigned char)*s;
}

static int tr_class(struct tr_set *s, const char **p)
{
	static const char *const names[] = {
		"alpha", "digit", "upper", "lower", "space", "alnum",
		"punct", "print", "graph", "cntrl", "blank", "xdigit"
	};
	static int (*const fns[])(int) = { isalpha, isdigit, isupper, islower, isspace, isalnum,
					   ispunct, isprint, isgraph, iscntrl, isblank, isxdigit };
	const char *end = strstr(*p + 2, ":]");

	for (size_t i = 0; end && i < sizeof(names) / sizeof(names[0]); i++) {
		if (strlen(names[i]) == (size_t)(end - *p - 2) &&
		    !strncmp(*p + 2, names[i], strlen(names[i]))) {
			for (int c = 0; c < 256; c++)
				if (fns[i](c))
					tr_put(s, c);
			*p = end + 2;
			return 1;
		}
	}
	return 0;
}

/* [c*N] or [c*]: 1 if it was one. */
static int tr_repeat(struct tr_set *s, const char **p, int set2)
{
	const char *q = *p + 1;
	int c = tr_char(&q);
	char *end;
	long n;

	if (!set2 || *q != '*')
		return 0;
	n = q[1] == ']' ? -1 : strtol(q + 1, &end, q[1] == '0' ? 8 : 10);
	if (n == -1)
		end = (char *)q + 1;
	if (*end != ']')
		return 0;
	if (n <= 0) {
		s->star = s->n;
		tr_put(s, c);
	} else {
		while (n--)
			tr_put(s, c);
	}
	*p = end + 1;
	return 1;
}

static void tr_parse(struct tr_set *s, const char *p, int set2)
{
	s->n = 0, s->star = -1;
	while (*p) {
		int c, hi;
		if (p[0] == '[' && p[1] == ':' && tr_class(s, &p))
			continue;
		if (p[0] == '[' && p[1] == '=' && p[2] && p[3] == '=' && p[4] == ']') {
			tr_put(s, (unsigned char)p[2]);
			p += 5;
			continue;
		}
		if (p[0] == '[' && tr_repeat(s, &p, set2))
			continue;
		c = tr_char(&p);
		if (p[0] == '-' && p[1]) {
			p++;
			if ((hi = tr_char(&p)) < c)
				tr_die("range-endpoints are in reverse collating sequence order",
				       NULL);
			for (; c <= hi; c++)
				tr_put(s, c);
			continue;
		}
		tr_put(s, c);
	}
}

static void tr_complement(struct tr_set *s)
{
	unsigned char in[256] = { 0 };
	int n = s->n;

	for (int i = 0; i < n; i++)
		in[s->b[i]] = 1;
	s->n = 0;
	for (int c = 0; c < 256; c++)
		if (!in[c])
			tr_put(s, c);
}

/* SET2 as long as SET1: [c*] fills, the last byte pads. */
static void tr_fit(struct tr_set *s2, int n1)
{
	if (s2->star >= 0 && s2->n < n1) {
		int extra = n1 - s2->n;
		memmove(s2->b + s2->star + 1 + extra, s2->b + s2->star + 1,
			(size_t)(s2->n - s2->star - 1));
		memset(s2->b + s2->star + 1, s2->b[s2->star], (size_t)extra);
		s2->n += extra;
	}
	while (s2->n && s2->n < n1)
		tr_put(s2, s2->b[s2->n - 1]);
}

static void tr_run(const int *map, const unsigned char *squeeze)
{
	unsigned char in[8192], out[8192];
	ssize_t n;
	int last = -1;

	while ((n = read(0, in, sizeof(in))) > 0) {
		size_t k = 0;
		for (ssize_t i = 0; i < n; i++) {
			int c = map[in[i]];
			if (c < 0)
				continue;
			if (squeeze[c] && c == last)
				continue;
			out[k++] = (unsigned char)c;
			last = c;
		}
		if (fwrite(out, 1, k, stdout) != k)
			break;
	}
}

int main(int argc, char **argv)
{
	static struct tr_set s1, s2;
	int map[256], c, comp = 0, del = 0, sq = 0, nsets;
	unsigned char squeeze[256] = { 0 };

	while ((c = getopt(argc, argv, "cCds")) != -1) {
		if (c == 'c' || c == 'C')
			comp = 1;
		else if (c == 'd')
			del = 1;
		else if (c == 's')
			sq = 1;
		else
			return 1;
	}
	nsets = argc - optind;
	if (nsets < 1 || nsets > 2 || (!del && !sq && nsets != 2) || (del && !sq && nsets != 1))
		tr_die(nsets < 1 ? "missing operand" : "wrong number of operands", NULL);
	tr_parse(&s1, argv[optind], 0);
	if (comp)
		tr_complement(&s1);
	if (nsets == 2)
		tr_parse(&s2, argv[optind + 1], 1);
	for (int i = 0; i < 256; i++)
		map[i] = i;
	if (del) {
		for (int i = 0; i < s1.n; i++)
			map[s1.b[i]] = -1;
	} else if (nsets == 2) {
		if (!s2.n)
			tr_die("when not truncating set1, string2 must be non-empty", NULL);
		tr_fit(&s2, s1.n);
		for (int i = 0; i < s1.n; i++)
			map[s1.b[i]] = s2.b[i];
	}
	const struct tr_set *last = nsets == 2 ? &s2 : &s1;
	for (int i = 0; sq && i < last->n; i++)
		squeeze[last->b[i]] = 1;
	tr_run(map, squeeze);
	return fflush(stdout) ? 1 : 0;
}
