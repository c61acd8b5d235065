/*
 * builtin_test.c: test and [ (POSIX XCU test): file checks, string and
 * integer comparisons, ! ( ) -a -o by recursive descent. Status 0 true,
 * 1 false, 2 a bad expression.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"

struct tst {
	char **v;
	int n, i;
	int err;
};

static int tst_expr(struct tst *t);

static int tst_file(char op, const char *path)
{
	struct stat st;

	if (op == 'h' || op == 'L')
		return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (op == 't')
		return isatty(atoi(path));
	if (stat(path, &st) < 0)
		return 0;
	switch (op) {
	case 'e':
		return 1;
	case 'f':
		return S_ISREG(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'p':
		return S_ISFIFO(st.st_mode);
	case 'S':
		return (st.st_mode & S_IFMT) == S_IFSOCK;
	case 's':
		return st.st_size > 0;
	case 'g':
		return (st.st_mode & S_ISGID) != 0;
	case 'u':
		return (st.st_mode & S_ISUID) != 0;
	case 'k':
		return (st.st_mode & S_ISVTX) != 0;
	case 'r':
		return sh_access(path, R_OK) == 0;
	case 'w':
		return sh_access(path, W_OK) == 0;
	case 'x':
		return sh_access(path, X_OK) == 0;
	}
	return 0;
}

static int tst_is_unary(const char *s)
{
	return s[0] == '-' && s[1] && !s[2] && strchr("bcdefghLnprsStuwxzk", s[1]);
}

static const char *const tst_binops[] = { "=",	 "!=",	"==",  "<",   ">",   "-eq", "-ne",
					  "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef" };

static int tst_binop(const char *s)
{
	for (size_t k = 0; k < sizeof(tst_binops) / sizeof(tst_binops[0]); k++)
		if (!strcmp(s, tst_binops[k]))
			return (int)k;
	return -1;
}

static long tst_num(struct tst *t, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	while (*end == ' ')
		end++;
	if (!*s || *end) {
		sh_err("test: %s: integer expression expected", s);
		t->err = 1;
	}
	return v;
}

static int tst_times(const char *a, const char *b, int op)
{
	struct stat sa, sb;
	int ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;

	if (op == 13)
		return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	if (op == 11)
		return ha && (!hb || sa.st_mtime > sb.st_mtime);
	return hb && (!ha || sa.st_mtime < sb.st_mtime);
}

static int tst_binary(struct tst *t, const char *a, int op, const char *b)
{
	long x, y;

	switch (op) {
	case 0:
	case 2:
		return !strcmp(a, b);
	case 1:
		return strcmp(a, b) != 0;
	case 3:
		return strcmp(a, b) < 0;
	case 4:
		return strcmp(a, b) > 0;
	case 11:
	case 12:
	case 13:
		return tst_times(a, b, op);
	}
	x = tst_num(t, a);
	y = tst_num(t, b);
	switch (op) {
	case 5:
		return x == y;
	case 6:
		return x != y;
	case 7:
		return x < y;
	case 8:
		return x <= y;
	case 9:
		return x > y;
	}
	return x >= y;
}

static int tst_primary(struct tst *t)
{
	const char *a;
	int op;

	if (t->i >= t->n) {
		t->err = 1;
		return 0;
	}
	a = t->v[t->i];
	if (t->i + 2 < t->n && (op = tst_binop(t->v[t->i + 1])) >= 0) {
		t->i += 3;
		return tst_binary(t, a, op, t->v[t->i - 1]);
	}
	if (!strcmp(a, "(") && t->i + 1 < t->n) {
		int r;

		t->i++;
		r = tst_expr(t);
		if (t->i >= t->n || strcmp(t->v[t->i], ")"))
			t->err = 1;
		t->i++;
		return r;
	}
	if (tst_is_unary(a) && t->i + 1 < t->n) {
		const char *arg = t->v[t->i + 1];

		t->i += 2;
		if (a[1] == 'n')
			return *arg != 0;
		if (a[1] == 'z')
			return *arg == 0;
		return tst_file(a[1], arg);
	}
	t->i++;
	return *a != 0;
}

static int tst_not(struct tst *t)
{
	if (t->i < t->n && !strcmp(t->v[t->i], "!") && t->i + 1 < t->n) {
		t->i++;
		return !tst_not(t);
	}
	return tst_primary(t);
}

static int tst_and(struct tst *t)
{
	int r = tst_not(t);

	while (t->i < t->n && !strcmp(t->v[t->i], "-a")) {
		t->i++;
		r = tst_not(t) && r;
	}
	return r;
}

static int tst_expr(struct tst *t)
{
	int r = tst_and(t);

	while (t->i < t->n && !strcmp(t->v[t->i], "-o")) {
		t->i++;
		r = tst_and(t) || r;
	}
	return r;
}

int bi_test(int argc, char **argv)
{
	struct tst t = { .v = argv + 1, .n = argc - 1 };
	int r;

	if (!strcmp(argv[0], "[")) {
		if (argc < 2 || strcmp(argv[argc - 1], "]")) {
			sh_err("[: missing ]");
			return 2;
		}
		t.n--;
	}
	if (t.n == 0)
		return 1;
	r = tst_expr(&t);
	if (!t.err && t.i < t.n) {
		sh_err("test: %s: unexpected operator", t.v[t.i]);
		return 2;
	}
	return t.err ? 2 : !r;
}
