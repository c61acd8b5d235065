/*
 * diff [-q] [-u | -U N] [-L LABEL]... [-r] FILE1 FILE2: the differences
 * between two files, found by Myers' O(ND) algorithm (a shortest edit
 * script). Output is the normal format ("2,3c2", "< old", "---", "> new")
 * by default, unified with 3 (or N) lines of context with -u; -q only says
 * whether they differ. With -r two directories are compared entry by
 * entry. Exit 0: no differences, 1: some, 2: trouble.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct df_file {
	const char *name, *label;
	char *buf;
	size_t len;
	const char **line; /* line[i]: start of line i */
	size_t *llen;	   /* its length without the newline */
	unsigned *hash;
	long n;
	int no_eol; /* the last line has no newline */
	struct stat st;
};

static int df_quiet, df_unified, df_recurse, df_context = 3;
static const char *df_labels[2];
static int df_nlabels;

static int df_load(struct df_file *f)
{
	FILE *fp = strcmp(f->name, "-") ? fopen(f->name, "r") : stdin;
	size_t cap = 4096, k;

	if (!fp || fstat(fileno(fp), &f->st)) {
		fprintf(stderr, "diff: %s: %s\n", f->name, strerror(errno));
		return -1;
	}
	f->buf = malloc(cap), f->len = 0;
	while (f->buf && (k = fread(f->buf + f->len, 1, cap - f->len, fp)) > 0)
		if ((f->len += k) == cap)
			f->buf = realloc(f->buf, cap *= 2);
	if (fp != stdin)
		fclose(fp);
	if (!f->buf) {
		fprintf(stderr, "diff: %s\n", strerror(ENOMEM));
		return -1;
	}
	return 0;
}

static unsigned df_hash(const char *s, size_t n)
{
	unsigned h = 2166136261u;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int df_split(struct df_file *f)
{
	long n = 0, i = 0;

	for (size_t k = 0; k < f->len; k++)
		n += f->buf[k] == '\n';
	f->no_eol = f->len && f->buf[f->len - 1] != '\n';
	n += f->no_eol;
	f->line = malloc(sizeof(char *) * (size_t)(n + 1));
	f->llen = malloc(sizeof(size_t) * (size_t)(n + 1));
	f->hash = malloc(sizeof(unsigned) * (size_t)(n + 1));
	if (!f->line || !f->llen || !f->hash)
		return -1;
	for (const char *p = f->buf, *end = f->buf + f->len; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		f->line[i] = p, f->llen[i] = (size_t)(e - p);
		f->hash[i] = df_hash(p, f->llen[i]);
		p = nl ? nl + 1 : end;
	}
	f->n = n;
	return 0;
}

static int df_same(const struct df_file *a, long i, const struct df_file *b, long j)
{
	return a->hash[i] == b->hash[j] && a->llen[i] == b->llen[j] &&
	       !memcmp(a->line[i], b->line[j], a->llen[i]);
}

/* V arrays of every step d: vs[d][k + d] is the furthest x on diagonal k. */
static long **df_vs;

static int df_down(const long *prev, long d, long k)
{
	return k == -d || (k != d && prev[k - 1 + d - 1] < prev[k + 1 + d - 1]);
}

/* Myers' forward pass over a[0, n) and b[0, m); returns D or -1. */
static long df_forward(const struct df_file *a, long ao, long n, const struct df_file *b, long bo,
		       long m)
{
	df_vs = calloc((size_t)(n + m + 1), sizeof(long *));
	for (long d = 0; df_vs && d <= n + m; d++) {
		long *v = df_vs[d] = malloc(sizeof(long) * (size_t)(2 * d + 1));
		if (!v)
			return -1;
		for (long k = -d; k <= d; k += 2) {
			long x, y;
			if (d == 0)
				x = 0;
			else if (df_down(df_vs[d - 1], d, k))
				x = df_vs[d - 1][k + 1 + d - 1];
			else
				x = df_vs[d - 1][k - 1 + d - 1] + 1;
			for (y = x - k; x < n && y < m && df_same(a, ao + x, b, bo + y); x++, y++)
				;
			v[k + d] = x;
			if (x >= n && y >= m)
				return d;
		}
	}
	return -1;
}

/* Back from (n, m): mark the deleted lines of a and the inserted ones of b. */
static void df_backtrack(long D, long n, long m, char *dela, char *insb)
{
	long x = n, y = m;

	for (long d = D; d > 0; d--) {
		const long *prev = df_vs[d - 1];
		long k = x - y, pk = df_down(prev, d, k) ? k + 1 : k - 1;
		long px = prev[pk + d - 1], py = px - pk;
		if (pk == k + 1)
			insb[py] = 1;
		else
			dela[px] = 1;
		x = px, y = py;
	}
	for (long d = 0; d <= D; d++)
		free(df_vs[d]);
	free(df_vs);
}

/* The edit script: dela[i] (a's line i deleted), insb[j] (b's j inserted). */
static int df_script(const struct df_file *a, const struct df_file *b, char *dela, char *insb)
{
	long pre = 0, suf = 0, n, m, D;

	while (pre < a->n && pre < b->n && df_same(a, pre, b, pre))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre &&
	       df_same(a, a->n - 1 - suf, b, b->n - 1 - suf))
		suf++;
	n = a->n - pre - suf, m = b->n - pre - suf;
	if ((D = df_forward(a, pre, n, b, pre, m)) < 0) {
		fprintf(stderr, "diff: %s\n", strerror(ENOMEM));
		return -1;
	}
	df_backtrack(D, n, m, dela + pre, insb + pre);
	return 0;
}

struct df_change {
	long i0, i1, j0, j1;
};

/* The changes (runs of deleted and inserted lines between kept ones). */
static long df_changes(const struct df_file *a, const struct df_file *b, const char *dela,
		       const char *insb, struct df_change *out)
{
	long i = 0, j = 0, n = 0;

	while (i < a->n || j < b->n) {
		if (i < a->n && j < b->n && !dela[i] && !insb[j]) {
			i++, j++;
			continue;
		}
		out[n].i0 = i, out[n].j0 = j;
		while (i < a->n && dela[i])
			i++;
		while (j < b->n && insb[j])
			j++;
		out[n].i1 = i, out[n].j1 = j;
		n++;
	}
	return n;
}

static void df_put_line(const struct df_file *f, long i, const char *prefix)
{
	fputs(prefix, stdout);
	fwrite(f->line[i], 1, f->llen[i], stdout);
	putchar('\n');
	if (i == f->n - 1 && f->no_eol)
		puts("\\ No newline at end of file");
}

static void df_range(long s, long e)
{
	if (e - s <= 1)
		printf("%ld", e - s == 1 ? e : s);
	else
		printf("%ld,%ld", s + 1, e);
}

static void df_normal(const struct df_file *a, const struct df_file *b, const struct df_change *c,
		      long n)
{
	for (long k = 0; k < n; k++, c++) {
		char op = c->i0 == c->i1 ? 'a' : c->j0 == c->j1 ? 'd' : 'c';
		df_range(c->i0, c->i1);
		putchar(op);
		df_range(c->j0, c->j1);
		putchar('\n');
		for (long i = c->i0; i < c->i1; i++)
			df_put_line(a, i, "< ");
		if (op == 'c')
			puts("---");
		for (long j = c->j0; j < c->j1; j++)
			df_put_line(b, j, "> ");
	}
}

static char df_cmdline[256];

static void df_header(const char *mark, const struct df_file *f)
{
	struct tm tm;
	time_t t = f->st.st_mtim.tv_sec;

	if (f->label) {
		printf("%s %s\n", mark, f->label);
		return;
	}
	gmtime_r(&t, &tm);
	printf("%s %s\t%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000\n", mark, f->name,
	       tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
	       (long)f->st.st_mtim.tv_nsec);
}

static void df_urange(long s, long e)
{
	if (e - s == 1)
		printf("%ld", s + 1);
	else
		printf("%ld,%ld", e == s ? s : s + 1, e - s);
}

/* One unified hunk: changes c[0, n), with context around them. */
static void df_hunk(const struct df_file *a, const struct df_file *b, const struct df_change *c,
		    long n)
{
	long as = c[0].i0 - df_context, ae = c[n - 1].i1 + df_context, pos;

	as = as < 0 ? 0 : as;
	ae = ae > a->n ? a->n : ae;
	printf("@@ -");
	df_urange(as, ae);
	printf(" +");
	df_urange(c[0].j0 - (c[0].i0 - as), c[n - 1].j1 + (ae - c[n - 1].i1));
	printf(" @@\n");
	for (pos = as; n > 0; c++, n--) {
		for (; pos < c->i0; pos++)
			df_put_line(a, pos, " ");
		for (long i = c->i0; i < c->i1; i++)
			df_put_line(a, i, "-");
		for (long j = c->j0; j < c->j1; j++)
			df_put_line(b, j, "+");
		pos = c->i1;
	}
	for (; pos < ae; pos++)
		df_put_line(a, pos, " ");
}

static void df_unified_out(const struct df_file *a, const struct df_file *b,
			   const struct df_change *c, long n)
{
	df_header("---", a);
	df_header("+++", b);
	for (long k = 0; k < n;) {
		long e = k + 1;
		while (e < n && c[e].i0 - c[e - 1].i1 <= 2 * df_context)
			e++;
		df_hunk(a, b, c + k, e - k);
		k = e;
	}
}

static int df_binary(const struct df_file *f)
{
	return memchr(f->buf, 0, f->len < 8192 ? f->len : 8192) != NULL;
}

/* Compare two loaded files; 0 same, 1 different, 2 trouble. */
static int df_compare(struct df_file *a, struct df_file *b, int top)
{
	char *dela, *insb;
	struct df_change *c;
	long n;

	if (a->len == b->len && !memcmp(a->buf, b->buf, a->len))
		return 0;
	if (df_quiet || df_binary(a) || df_binary(b)) {
		printf(df_quiet ? "Files %s and %s differ\n" : "Binary files %s and %s differ\n",
		       a->name, b->name);
		return 1;
	}
	if (df_split(a) || df_split(b))
		return 2;
	if (!top)
		printf("%s %s %s\n", df_cmdline, a->name, b->name);
	dela = calloc((size_t)a->n + 1, 1), insb = calloc((size_t)b->n + 1, 1);
	c = malloc(sizeof(*c) * (size_t)(a->n + b->n + 1));
	if (!dela || !insb || !c || df_script(a, b, dela, insb))
		return 2;
	n = df_changes(a, b, dela, insb, c);
	if (df_unified)
		df_unified_out(a, b, c, n);
	else
		df_normal(a, b, c, n);
	free(dela), free(insb), free(c);
	return 1;
}

/* top: given as operands (else found by -r: the "diff -r a b" line first). */
static int df_files(const char *p1, const char *p2, int top)
{
	struct df_file a = { 0 }, b = { 0 };
	int r;

	a.name = p1, b.name = p2;
	a.label = df_labels[0], b.label = df_labels[1];
	if (df_load(&a) || df_load(&b))
		return 2;
	r = df_compare(&a, &b, top);
	free(a.buf), free(b.buf);
	free(a.line), free(a.llen), free(a.hash);
	free(b.line), free(b.llen), free(b.hash);
	return r;
}

static int df_namecmp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The sorted names in a directory (NULL-terminated), or NULL. */
static char **df_list(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0;

	if (!d) {
		fprintf(stderr, "diff: %s: %s\n", dir, strerror(errno));
		return NULL;
	}
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (!(v = realloc(v, sizeof(char *) * (n + 2))) || !(v[n++] = strdup(e->d_name)))
			return NULL;
	}
	closedir(d);
	if (!v && !(v = malloc(sizeof(char *))))
		return NULL;
	qsort(v, n, sizeof(char *), df_namecmp);
	v[n] = NULL;
	return v;
}

static int df_paths(const char *p1, const char *p2, int top);

static int df_entry(const char *d1, const char *d2, const char *name)
{
	char *p1, *p2;
	int r;

	if (asprintf(&p1, "%s/%s", d1, name) < 0 || asprintf(&p2, "%s/%s", d2, name) < 0)
		return 2;
	r = df_paths(p1, p2, 0);
	free(p1), free(p2);
	return r;
}

static int df_dirs(const char *d1, const char *d2)
{
	char **a = df_list(d1), **b = df_list(d2);
	int r = 0;
	size_t i = 0, j = 0;

	if (!a || !b)
		return 2;
	while (a[i] || b[j]) {
		int c = !a[i] ? 1 : !b[j] ? -1 : strcmp(a[i], b[j]);
		int k;
		if (c < 0)
			printf("Only in %s: %s\n", d1, a[i++]), k = 1;
		else if (c > 0)
			printf("Only in %s: %s\n", d2, b[j++]), k = 1;
		else
			k = df_entry(d1, d2, a[i]), i++, j++;
		r = k > r ? k : r;
	}
	return r;
}

static int df_paths(const char *p1, const char *p2, int top)
{
	struct stat s1, s2;

	if (stat(p1, &s1) || stat(p2, &s2)) {
		fprintf(stderr, "diff: %s: %s\n", stat(p1, &s1) ? p1 : p2, strerror(errno));
		return 2;
	}
	if (S_ISDIR(s1.st_mode) && S_ISDIR(s2.st_mode)) {
		if (!top && !df_recurse) {
			printf("Common subdirectories: %s and %s\n", p1, p2);
			return 0;
		}
		return df_dirs(p1, p2);
	}
	if (S_ISDIR(s1.st_mode) != S_ISDIR(s2.st_mode)) {
		printf("File %s is a %s while file %s is a %s\n", p1,
		       S_ISDIR(s1.st_mode) ? "directory" : "regular file", p2,
		       S_ISDIR(s2.st_mode) ? "directory" : "regular file");
		return 1;
	}
	return df_files(p1, p2, top);
}

static void df_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "quU:L:rN")) != -1) {
		if (c == 'q')
			df_quiet = 1;
		else if (c == 'u')
			df_unified = 1;
		else if (c == 'U')
			df_unified = 1, df_context = atoi(optarg);
		else if (c == 'L' && df_nlabels < 2)
			df_labels[df_nlabels++] = optarg;
		else if (c == 'r')
			df_recurse = 1;
		else
			exit(2);
	}
	strcpy(df_cmdline, "diff");
	for (int i = 1; i < optind; i++)
		if (strlen(df_cmdline) + strlen(argv[i]) + 2 < sizeof(df_cmdline))
			strcat(strcat(df_cmdline, " "), argv[i]);
}

int main(int argc, char **argv)
{
	const char *p1, *p2;
	char *joined = NULL;
	struct stat st;
	int r;

	df_options(argc, argv);
	if (argc - optind != 2) {
		fprintf(stderr, "diff: %s operand after '%s'\n",
			argc - optind < 2 ? "missing" : "extra", argv[argc - 1]);
		return 2;
	}
	p1 = argv[optind], p2 = argv[optind + 1];
	/* a file against a directory: the file of the same name in it */
	if (strcmp(p1, "-") && strcmp(p2, "-") && !stat(p1, &st)) {
		int d1 = S_ISDIR(st.st_mode), d2 = !stat(p2, &st) && S_ISDIR(st.st_mode);
		if (d1 != d2) {
			const char *f = d1 ? p2 : p1, *base = strrchr(f, '/');
			if (asprintf(&joined, "%s/%s", d1 ? p1 : p2, base ? base + 1 : f) < 0)
				return 2;
			*(d1 ? &p1 : &p2) = joined;
		}
	}
	r = strcmp(p1, "-") && strcmp(p2, "-") ? df_paths(p1, p2, 1) : df_files(p1, p2, 1);
	free(joined);
	return fflush(stdout) ? 2 : r;
}
