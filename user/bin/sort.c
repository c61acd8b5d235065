/*
 * sort [-bfnrsu] [-k POS1[,POS2]]... [-t SEP] [-o FILE] [FILE...]: the
 * lines of the files (or standard input) in order, bytes compared as
 * unsigned ("C" locale), by a stable merge sort. A key POS is F[.C][bfnr]
 * (field F, character C, from 1; C 0 or missing in POS2: the field's
 * end); fields are separated by SEP, or else each starts at a run of
 * blanks. -n numeric, -f fold case, -b skip leading blanks, -r reverse,
 * -u one of each run of equal lines, -s no last-resort whole-line compare.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SO_B 1
#define SO_F 2
#define SO_N 4
#define SO_R 8

struct so_key {
	int sfield, schar, efield, echar; /* efield 0: the end of the line */
	int flags, eblank;
};

struct so_line {
	const char *s;
	size_t n;
};

static struct so_key *so_keys;
static int so_nkeys, so_global, so_stable, so_unique;
static int so_tab = -1;

static void so_die(const char *what)
{
	fprintf(stderr, "sort: %s: %s\n", what, strerror(errno));
	exit(2);
}

static int so_flag(int c)
{
	switch (c) {
	case 'b':
		return SO_B;
	case 'f':
		return SO_F;
	case 'n':
		return SO_N;
	case 'r':
		return SO_R;
	default:
		return 0;
	}
}

/* F[.C][flags] from s; returns the end, NULL if malformed. */
static const char *so_pos(const char *s, int *field, int *chr, int *flags)
{
	char *end;

	*field = (int)strtol(s, &end, 10), *chr = -1;
	if (end == s)
		return NULL;
	if (*end == '.') {
		s = end + 1;
		*chr = (int)strtol(s, &end, 10);
		if (end == s)
			return NULL;
	}
	while (*end && so_flag(*end))
		*flags |= so_flag(*end++);
	return end;
}

static void so_add_key(const char *spec)
{
	struct so_key k = { 0, 0, 0, 0, 0, 0 };
	const char *p = so_pos(spec, &k.sfield, &k.schar, &k.flags);
	int eflags = 0;

	if (p && *p == ',') {
		p = so_pos(p + 1, &k.efield, &k.echar, &eflags);
		k.eblank = eflags & SO_B;
		k.flags |= eflags & ~SO_B;
	}
	if (!p || *p || k.sfield < 1 || k.schar == 0 || k.efield < 0 ||
	    (k.efield && k.echar < -1)) {
		fprintf(stderr, "sort: invalid key: '%s'\n", spec);
		exit(2);
	}
	if (k.schar < 0)
		k.schar = 1;
	if (k.echar < 0)
		k.echar = 0;
	so_keys = realloc(so_keys, (size_t)(so_nkeys + 1) * sizeof(k));
	if (!so_keys)
		so_die("keys");
	so_keys[so_nkeys++] = k;
}

/* Past field separators: the start of field number 'skip' + 1. */
static const char *so_skip_fields(const char *p, const char *lim, int skip)
{
	for (; skip > 0 && p < lim; skip--) {
		if (so_tab >= 0) {
			const char *t = memchr(p, so_tab, (size_t)(lim - p));
			p = t ? t + 1 : lim;
		} else {
			while (p < lim && isblank((unsigned char)*p))
				p++;
			while (p < lim && !isblank((unsigned char)*p))
				p++;
		}
	}
	return p;
}

static const char *so_skip_blanks(const char *p, const char *lim)
{
	while (p < lim && isblank((unsigned char)*p))
		p++;
	return p;
}

/* The key's bytes [*b, *e) in line l. */
static void so_key_span(const struct so_key *k, const struct so_line *l, const char **b,
			const char **e)
{
	const char *lim = l->s + l->n, *p = so_skip_fields(l->s, lim, k->sfield - 1);

	if (k->flags & SO_B)
		p = so_skip_blanks(p, lim);
	p += k->schar - 1;
	*b = p < lim ? p : lim;
	if (!k->efield) {
		*e = lim;
	} else if (!k->echar) {
		p = so_skip_fields(l->s, lim, k->efield - 1);
		if (so_tab >= 0) {
			const char *t = memchr(p, so_tab, (size_t)(lim - p));
			p = t ? t : lim;
		} else {
			p = so_skip_fields(p, lim, 1);
		}
		*e = p;
	} else {
		p = so_skip_fields(l->s, lim, k->efield - 1);
		if (k->eblank || (k->flags & SO_B && so_global & SO_B))
			p = so_skip_blanks(p, lim);
		p += k->echar;
		*e = p < lim ? p : lim;
	}
	if (*e < *b)
		*e = *b;
}

/* The parts of a number: sign, integer digits (no leading zeros), fraction. */
struct so_num {
	int neg;
	const char *i, *f;
	size_t ni, nf;
};

static void so_num_parse(const char *p, const char *lim, struct so_num *n)
{
	p = so_skip_blanks(p, lim);
	n->neg = p < lim && *p == '-';
	p += n->neg;
	while (p < lim && *p == '0')
		p++;
	for (n->i = p; p < lim && isdigit((unsigned char)*p); p++)
		;
	n->ni = (size_t)(p - n->i);
	n->f = p, n->nf = 0;
	if (p < lim && *p == '.') {
		for (n->f = ++p; p < lim && isdigit((unsigned char)*p); p++)
			;
		n->nf = (size_t)(p - n->f);
		while (n->nf && n->f[n->nf - 1] == '0')
			n->nf--;
	}
	if (!n->ni && !n->nf)
		n->neg = 0; /* -0 is 0 */
}

static int so_numcmp(const char *a, const char *al, const char *b, const char *bl)
{
	struct so_num x, y;
	int r;
	size_t k;

	so_num_parse(a, al, &x);
	so_num_parse(b, bl, &y);
	if (x.neg != y.neg)
		return x.neg ? -1 : 1;
	if (x.ni != y.ni)
		r = x.ni < y.ni ? -1 : 1;
	else if (!(r = memcmp(x.i, y.i, x.ni))) {
		k = x.nf < y.nf ? x.nf : y.nf;
		if (!(r = memcmp(x.f, y.f, k)))
			r = x.nf < y.nf ? -1 : x.nf > y.nf;
	}
	return x.neg ? -r : r;
}

static int so_textcmp(const char *a, size_t na, const char *b, size_t nb, int fold)
{
	size_t n = na < nb ? na : nb;

	for (size_t i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (fold)
			x = toupper(x), y = toupper(y);
		if (x != y)
			return x - y;
	}
	return na < nb ? -1 : na > nb;
}

static int so_keycmp(const struct so_key *k, const struct so_line *a, const struct so_line *b)
{
	const char *ab, *ae, *bb, *be;
	int r;

	so_key_span(k, a, &ab, &ae);
	so_key_span(k, b, &bb, &be);
	if (k->flags & SO_N)
		r = so_numcmp(ab, ae, bb, be);
	else
		r = so_textcmp(ab, (size_t)(ae - ab), bb, (size_t)(be - bb), k->flags & SO_F);
	return k->flags & SO_R ? -r : r;
}

/* Keys first; then, unless -s or -u, the whole lines' bytes. */
static int so_cmp(const struct so_line *a, const struct so_line *b)
{
	int r;

	for (int i = 0; i < so_nkeys; i++)
		if ((r = so_keycmp(&so_keys[i], a, b)))
			return r;
	if (so_stable || so_unique)
		return 0;
	r = so_textcmp(a->s, a->n, b->s, b->n, 0);
	return so_global & SO_R ? -r : r;
}

static void so_merge_sort(struct so_line *v, struct so_line *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	so_merge_sort(v, tmp, h);
	so_merge_sort(v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = so_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

static char *so_buf;
static size_t so_len, so_cap;

static void so_read(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t n;

	if (!f)
		so_die(path);
	do {
		if (so_cap - so_len < 4096) {
			so_cap = so_cap ? so_cap * 2 : 65536;
			if (!(so_buf = realloc(so_buf, so_cap)))
				so_die("memory");
		}
		n = fread(so_buf + so_len, 1, so_cap - so_len, f);
		so_len += n;
	} while (n > 0);
	if (ferror(f))
		so_die(path);
	if (so_len && so_buf[so_len - 1] != '\n')
		so_buf[so_len++] = '\n';
	if (f != stdin)
		fclose(f);
}

static struct so_line *so_split(size_t *count)
{
	size_t n = 0, i = 0;
	struct so_line *v;

	for (size_t k = 0; k < so_len; k++)
		n += so_buf[k] == '\n';
	if (!(v = malloc((n ? n : 1) * sizeof(*v))))
		so_die("memory");
	for (const char *p = so_buf, *end = so_buf + so_len; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		v[i] = (struct so_line){ p, (size_t)(nl - p) };
		p = nl + 1;
	}
	*count = n;
	return v;
}

static void so_output(const struct so_line *v, size_t n, const char *out)
{
	FILE *f = out ? fopen(out, "w") : stdout;

	if (!f)
		so_die(out);
	for (size_t i = 0; i < n; i++) {
		if (so_unique && i && !so_cmp(&v[i - 1], &v[i]))
			continue;
		fwrite(v[i].s, 1, v[i].n, f);
		putc('\n', f);
	}
	if (fflush(f) || ferror(f))
		so_die(out ? out : "write error");
}

static const char *so_options(int argc, char **argv)
{
	const char *out = NULL;
	int c;

	while ((c = getopt(argc, argv, "bfnrsuk:t:o:")) != -1) {
		if (so_flag(c))
			so_global |= so_flag(c);
		else if (c == 's')
			so_stable = 1;
		else if (c == 'u')
			so_unique = 1;
		else if (c == 'k')
			so_add_key(optarg);
		else if (c == 't') {
			if (strlen(optarg) != 1 && strcmp(optarg, "\\0")) {
				fprintf(stderr, "sort: multi-character tab '%s'\n", optarg);
				exit(2);
			}
			so_tab = optarg[1] ? 0 : (unsigned char)optarg[0];
		} else if (c == 'o')
			out = optarg;
		else
			exit(2);
	}
	return out;
}

int main(int argc, char **argv)
{
	const char *out = so_options(argc, argv);
	struct so_line *v, *tmp;
	size_t n;

	if (!so_nkeys)
		so_add_key("1");
	for (int i = 0; i < so_nkeys; i++) {
		if (!so_keys[i].flags && !so_keys[i].eblank) {
			so_keys[i].flags = so_global;
			so_keys[i].eblank = so_global & SO_B;
		}
	}
	if (optind == argc)
		so_read("-");
	for (int i = optind; i < argc; i++)
		so_read(argv[i]);
	v = so_split(&n);
	if (!(tmp = malloc((n ? n : 1) * sizeof(*tmp))))
		so_die("memory");
	so_merge_sort(v, tmp, n);
	so_output(v, n, out);
	return 0;
}
