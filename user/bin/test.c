/*
 * test EXPRESSION, [ EXPRESSION ]: exit 0 if the expression is true, 1 if
 * false, 2 on error. The POSIX primaries: files -b -c -d -e -f -g -h -L
 * -k -p -r -s -S -t -u -w -x, strings -n -z = != (and < >), integers -eq
 * -ne -lt -le -gt -ge, files -nt -ot -ef; ! -a -o ( ). One to four
 * arguments follow POSIX's rules by count; longer ones are parsed with
 * -a binding tighter than -o. Installed as /bin/test and /bin/[.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char **ts_av;
static int ts_n, ts_pos;
static const char *ts_prog = "test";

__attribute__((noreturn)) static void ts_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", ts_prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static long long ts_int(const char *s)
{
	const char *p = s;
	char *end;
	long long v;

	while (*p == ' ' || *p == '\t')
		p++;
	errno = 0;
	v = strtoll(p, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (end == p || *end || errno || !(*p == '-' || *p == '+' || (*p >= '0' && *p <= '9')))
		ts_error("invalid integer '%s'", s);
	return v;
}

static int ts_is_binary(const char *op)
{
	static const char *const ops[] = { "=",	  "==",	 "!=",	"<",   ">",   "-eq", "-ne", "-lt",
					   "-le", "-gt", "-ge", "-nt", "-ot", "-ef", NULL };

	for (int i = 0; ops[i]; i++)
		if (!strcmp(op, ops[i]))
			return 1;
	return 0;
}

static int ts_is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghkLnprsStuwxzGO", op[1]);
}

/* access(), or the mode bits where the kernel has no access call yet. */
static int ts_access(const char *path, int op)
{
	int mode = op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK, shift;
	struct stat st;

	if (access(path, mode) == 0)
		return 1;
	if (errno != ENOSYS || stat(path, &st))
		return 0;
	if (geteuid() == 0) /* root: anything but executing a file without x bits */
		return op != 'x' || S_ISDIR(st.st_mode) || (st.st_mode & 0111);
	shift = st.st_uid == geteuid() ? 6 : st.st_gid == getegid() ? 3 : 0;
	return (st.st_mode >> shift & (unsigned)mode) != 0;
}

static int ts_file(int op, const char *path)
{
	struct stat st;
	int r = op == 'h' || op == 'L' ? lstat(path, &st) : stat(path, &st);

	if (op == 'r' || op == 'w' || op == 'x')
		return ts_access(path, op);
	if (r)
		return 0;
	switch (op) {
	case 'b':
		return S_ISBLK(st.st_mode);
	case 'c':
		return S_ISCHR(st.st_mode);
	case 'd':
		return S_ISDIR(st.st_mode);
	case 'f':
		return S_ISREG(st.st_mode);
	case 'h':
	case 'L':
		return S_ISLNK(st.st_mode);
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
	case 'G':
		return st.st_gid == getegid();
	case 'O':
		return st.st_uid == geteuid();
	default:
		return 1; /* -e */
	}
}

static int ts_unary(const char *op, const char *arg)
{
	if (op[1] == 'n')
		return arg[0] != 0;
	if (op[1] == 'z')
		return arg[0] == 0;
	if (op[1] == 't')
		return isatty((int)ts_int(arg));
	return ts_file(op[1], arg);
}

/* a's modification time against b's (a missing file is the oldest). */
static int ts_time_cmp(const char *a, const char *b)
{
	struct stat x, y;
	int ea = stat(a, &x), eb = stat(b, &y);

	if (ea || eb)
		return ea && eb ? 0 : ea ? -1 : 1;
	if (x.st_mtim.tv_sec != y.st_mtim.tv_sec)
		return x.st_mtim.tv_sec < y.st_mtim.tv_sec ? -1 : 1;
	return (x.st_mtim.tv_nsec > y.st_mtim.tv_nsec) - (x.st_mtim.tv_nsec < y.st_mtim.tv_nsec);
}

static int ts_same_file(const char *a, const char *b)
{
	struct stat x, y;

	return !stat(a, &x) && !stat(b, &y) && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int ts_binary(const char *a, const char *op, const char *b)
{
	int c;

	if (!strcmp(op, "=") || !strcmp(op, "=="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	if (!strcmp(op, "<") || !strcmp(op, ">"))
		return op[0] == '<' ? strcmp(a, b) < 0 : strcmp(a, b) > 0;
	if (!strcmp(op, "-nt") || !strcmp(op, "-ot"))
		return ts_time_cmp(a, b) == (op[1] == 'n' ? 1 : -1);
	if (!strcmp(op, "-ef"))
		return ts_same_file(a, b);
	long long x = ts_int(a), y = ts_int(b);
	c = (x > y) - (x < y);
	switch (op[1] == 'e' ? op[2] : op[1] + op[2]) {
	case 'q':
		return c == 0;
	case 'n' + 'e':
		return c != 0;
	case 'l' + 't':
		return c < 0;
	case 'l' + 'e':
		return c <= 0;
	case 'g' + 't':
		return c > 0;
	default:
		return c >= 0;
	}
}

static int ts_or(void);

static const char *ts_next(void)
{
	if (ts_pos >= ts_n)
		ts_error("missing argument after '%s'", ts_av[ts_n - 1]);
	return ts_av[ts_pos++];
}

static int ts_primary(void)
{
	const char *a = ts_next();
	int v;

	if (!strcmp(a, "!"))
		return !ts_primary();
	if (ts_pos + 1 < ts_n && ts_is_binary(ts_av[ts_pos])) {
		const char *op = ts_av[ts_pos++];
		return ts_binary(a, op, ts_next());
	}
	if (!strcmp(a, "(") && ts_pos < ts_n) {
		v = ts_or();
		if (ts_pos >= ts_n || strcmp(ts_av[ts_pos], ")"))
			ts_error("%s", "')' expected");
		ts_pos++;
		return v;
	}
	if (ts_is_unary(a) && ts_pos < ts_n)
		return ts_unary(a, ts_next());
	return a[0] != 0;
}

static int ts_and(void)
{
	int v = ts_primary();

	while (ts_pos < ts_n && !strcmp(ts_av[ts_pos], "-a")) {
		ts_pos++;
		v = ts_primary() && v;
	}
	return v;
}

static int ts_or(void)
{
	int v = ts_and();

	while (ts_pos < ts_n && !strcmp(ts_av[ts_pos], "-o")) {
		ts_pos++;
		v = ts_and() || v;
	}
	return v;
}

/* POSIX's rules for 0 to 4 arguments; -1: use the parser. */
static int ts_by_count(char **a, int n)
{
	switch (n) {
	case 0:
		return 0;
	case 1:
		return a[0][0] != 0;
	case 2:
		if (!strcmp(a[0], "!"))
			return a[1][0] == 0;
		if (ts_is_unary(a[0]))
			return ts_unary(a[0], a[1]);
		ts_error("'%s': unary operator expected", a[0]);
	case 3:
		if (ts_is_binary(a[1]))
			return ts_binary(a[0], a[1], a[2]);
		if (!strcmp(a[0], "!"))
			return !ts_by_count(a + 1, 2);
		if (!strcmp(a[0], "(") && !strcmp(a[2], ")"))
			return a[1][0] != 0;
		if (!strcmp(a[1], "-a") || !strcmp(a[1], "-o"))
			return -1;
		ts_error("'%s': binary operator expected", a[1]);
	case 4:
		if (!strcmp(a[0], "!"))
			return !ts_by_count(a + 1, 3);
		if (!strcmp(a[0], "(") && !strcmp(a[3], ")"))
			return ts_by_count(a + 1, 2);
		return -1;
	default:
		return -1;
	}
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	int v;

	base = base ? base + 1 : argv[0];
	if (!strcmp(base, "[")) {
		ts_prog = "[";
		if (argc < 2 || strcmp(argv[argc - 1], "]"))
			ts_error("%s", "missing ']'");
		argc--;
	}
	ts_av = argv + 1, ts_n = argc - 1;
	if ((v = ts_by_count(ts_av, ts_n)) >= 0)
		return !v;
	v = ts_or();
	if (ts_pos < ts_n)
		ts_error("extra argument '%s'", ts_av[ts_pos]);
	return !v;
}
