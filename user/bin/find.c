/*
 * find: walk directory trees and evaluate an expression on every file.
 *   find [-H|-L|-P] [path...] [expression]
 * Options (always true): -maxdepth N, -mindepth N, -depth.
 * Tests: -name PAT, -iname PAT, -path PAT, -type [fdlcbps], -newer FILE,
 *   -size [+-]N[cwbkMG], -perm [-/]OCTAL, -empty, -links [+-]N, -true, -false.
 * Actions: -print, -print0, -prune, -exec CMD {} ; and -exec CMD {} +.
 * Operators: ( EXPR ), ! EXPR, -not, EXPR [-a|-and] EXPR, EXPR -o|-or EXPR.
 * With no action, -print. Files are visited in directory order (as GNU
 * find does). Exit 1 if a file could not be visited or an -exec ... +
 * command failed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<fnmatch.h>)
#include <fnmatch.h>
#define find_match(p, s, icase) fnmatch(p, s, (icase) ? FNM_CASEFOLD : 0)
#else
/*
 * Until libc has fnmatch() (user/lib/fnmatch.c is being written): a small
 * matcher of *, ? and [...] (with ! or ^ and ranges) and backslash.
 */
static int find_lower(int c, int icase)
{
	return icase && c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static const char *find_class(const char *p, int c, int icase, int *hit)
{
	int neg = *p == '!' || *p == '^';

	*hit = 0;
	p += neg;
	do {
		int lo = find_lower((unsigned char)*p, icase), hi = lo;
		if (!*p)
			return NULL;
		if (p[1] == '-' && p[2] && p[2] != ']') {
			hi = find_lower((unsigned char)p[2], icase);
			p += 2;
		}
		if (c >= lo && c <= hi)
			*hit = 1;
		p++;
	} while (*p != ']');
	*hit ^= neg;
	return p + 1;
}

static int find_match(const char *p, const char *s, int icase)
{
	const char *q;
	int hit;

	for (; *p; p++, s++) {
		if (*p == '*') {
			for (; *s; s++)
				if (!find_match(p + 1, s, icase))
					return 0;
			return find_match(p + 1, s, icase);
		}
		if (!*s)
			return 1;
		if (*p == '?')
			continue;
		if (*p == '[' &&
		    (q = find_class(p + 1, find_lower((unsigned char)*s, icase), icase, &hit))) {
			if (!hit)
				return 1;
			p = q - 1;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		if (find_lower((unsigned char)*p, icase) != find_lower((unsigned char)*s, icase))
			return 1;
	}
	return *s != 0;
}
#endif

enum find_kind {
	FIND_AND,
	FIND_OR,
	FIND_NOT,
	FIND_TRUE,
	FIND_FALSE,
	FIND_NAME,
	FIND_INAME,
	FIND_PATH,
	FIND_TYPE,
	FIND_NEWER,
	FIND_SIZE,
	FIND_PERM,
	FIND_EMPTY,
	FIND_LINKS,
	FIND_PRINT,
	FIND_PRINT0,
	FIND_PRUNE,
	FIND_EXEC
};

struct find_node {
	enum find_kind kind;
	struct find_node *l, *r;
	const char *arg;
	long long n;	/* -size (in units), -links, -perm mode */
	long long unit; /* -size unit in bytes */
	int cmp;	/* -1 less, 0 exactly, 1 more; -perm: 0 exact, '-' all, '/' any */
	char **argv;	/* -exec: the command */
	int argc, plus;
	char **batch; /* -exec ... +: the collected names */
	int nbatch;
};

static struct {
	int maxdepth, mindepth, depthfirst, follow;
} find_opt = { -1, 0, 0, 0 };

static char **find_args;
static int find_nargs, find_pos, find_status, find_pruned;
static struct find_node *find_execs[32];
static int find_nexecs;

static void find_die(const char *fmt, const char *arg)
{
	fprintf(stderr, "find: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static struct find_node *find_new(enum find_kind k, struct find_node *l, struct find_node *r)
{
	struct find_node *n = calloc(1, sizeof(*n));

	if (!n)
		find_die("%s", "out of memory");
	n->kind = k;
	n->l = l;
	n->r = r;
	return n;
}

static const char *find_next(const char *opt)
{
	if (find_pos >= find_nargs)
		find_die("missing argument to '%s'", opt);
	return find_args[find_pos++];
}

static long long find_number(const char *s, int *cmp, const char *opt)
{
	char *end;
	long long v;

	*cmp = *s == '+' ? 1 : *s == '-' ? -1 : 0;
	s += *cmp != 0;
	v = strtoll(s, &end, 10);
	if (end == s || v < 0)
		find_die("invalid argument to '%s'", opt);
	return v;
}

static void find_size(struct find_node *n, const char *s)
{
	char *end;
	size_t l = strlen(s);
	char u = l ? s[l - 1] : 0;

	n->unit = u == 'c'   ? 1
		  : u == 'w' ? 2
		  : u == 'k' ? 1024
		  : u == 'M' ? 1048576
		  : u == 'G' ? 1073741824
			     : 512;
	n->n = find_number(s, &n->cmp, "-size");
	strtoll(s + (n->cmp != 0), &end, 10);
	if (*end && (end[1] || !strchr("cwbkMG", *end)))
		find_die("invalid -size '%s'", s);
}

static void find_perm(struct find_node *n, const char *s)
{
	char *end;

	n->cmp = *s == '-' || *s == '/' ? *s++ : 0;
	n->n = strtoll(s, &end, 8);
	if (end == s || *end || n->n > 07777)
		find_die("invalid mode '%s' (octal modes only)", s);
}

static void find_exec(struct find_node *n)
{
	n->argv = &find_args[find_pos];
	for (; find_pos < find_nargs; find_pos++) {
		const char *a = find_args[find_pos];
		if (!strcmp(a, ";") ||
		    (!strcmp(a, "+") && n->argc && !strcmp(n->argv[n->argc - 1], "{}"))) {
			n->plus = a[0] == '+';
			find_args[find_pos++] = NULL; /* ends the command's argv */
			if (!n->argc)
				find_die("%s", "-exec without a command");
			if (n->plus && find_nexecs < 32)
				find_execs[find_nexecs++] = n;
			return;
		}
		n->argc++;
	}
	find_die("%s", "missing argument to '-exec'");
}

static int find_global(const char *a)
{
	int cmp;

	if (!strcmp(a, "-maxdepth"))
		find_opt.maxdepth = (int)find_number(find_next(a), &cmp, a);
	else if (!strcmp(a, "-mindepth"))
		find_opt.mindepth = (int)find_number(find_next(a), &cmp, a);
	else if (!strcmp(a, "-depth"))
		find_opt.depthfirst = 1;
	else
		return 0;
	return 1;
}

static struct find_node *find_or(void);

static struct find_node *find_test(const char *a)
{
	static const struct {
		const char *name;
		enum find_kind kind;
	} simple[] = { { "-true", FIND_TRUE },	 { "-false", FIND_FALSE },
		       { "-print", FIND_PRINT }, { "-print0", FIND_PRINT0 },
		       { "-prune", FIND_PRUNE }, { "-empty", FIND_EMPTY } };
	static const struct {
		const char *name;
		enum find_kind kind;
	} witharg[] = { { "-name", FIND_NAME }, { "-iname", FIND_INAME },
			{ "-path", FIND_PATH }, { "-wholename", FIND_PATH },
			{ "-type", FIND_TYPE }, { "-newer", FIND_NEWER } };
	struct find_node *n;

	for (size_t i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		if (!strcmp(a, simple[i].name))
			return find_new(simple[i].kind, NULL, NULL);
	for (size_t i = 0; i < sizeof(witharg) / sizeof(witharg[0]); i++) {
		if (strcmp(a, witharg[i].name))
			continue;
		n = find_new(witharg[i].kind, NULL, NULL);
		n->arg = find_next(a);
		if (n->kind == FIND_TYPE && (strlen(n->arg) != 1 || !strchr("fdlcbps", n->arg[0])))
			find_die("unknown argument to -type: %s", n->arg);
		return n;
	}
	n = find_new(FIND_TRUE, NULL, NULL);
	if (!strcmp(a, "-size"))
		n->kind = FIND_SIZE, find_size(n, find_next(a));
	else if (!strcmp(a, "-perm"))
		n->kind = FIND_PERM, find_perm(n, find_next(a));
	else if (!strcmp(a, "-links"))
		n->kind = FIND_LINKS, n->n = find_number(find_next(a), &n->cmp, a);
	else if (!strcmp(a, "-exec"))
		n->kind = FIND_EXEC, find_exec(n);
	else if (!find_global(a))
		find_die("unknown predicate '%s'", a);
	return n;
}

static struct find_node *find_primary(void)
{
	const char *a;
	struct find_node *n;

	if (find_pos >= find_nargs)
		find_die("%s", "expected an expression");
	a = find_args[find_pos++];
	if (!strcmp(a, "!") || !strcmp(a, "-not"))
		return find_new(FIND_NOT, find_primary(), NULL);
	if (!strcmp(a, "(")) {
		n = find_or();
		if (find_pos >= find_nargs || strcmp(find_args[find_pos], ")"))
			find_die("%s", "expected ')'");
		find_pos++;
		return n;
	}
	return find_test(a);
}

static int find_at(const char *a, const char *b)
{
	return find_pos < find_nargs &&
	       (!strcmp(find_args[find_pos], a) || !strcmp(find_args[find_pos], b));
}

static struct find_node *find_and(void)
{
	struct find_node *n = find_primary();

	while (find_pos < find_nargs && !find_at("-o", "-or") && !find_at(")", ")")) {
		if (find_at("-a", "-and"))
			find_pos++;
		n = find_new(FIND_AND, n, find_primary());
	}
	return n;
}

static struct find_node *find_or(void)
{
	struct find_node *n = find_and();

	while (find_at("-o", "-or")) {
		find_pos++;
		n = find_new(FIND_OR, n, find_and());
	}
	return n;
}

/* Does the tree hold an action (then no -print is added)? */
static int find_acts(const struct find_node *n)
{
	if (!n)
		return 0;
	if (n->kind == FIND_PRINT || n->kind == FIND_PRINT0 || n->kind == FIND_EXEC)
		return 1;
	return find_acts(n->l) || find_acts(n->r);
}

/* Run @argv; its exit status, or -1 if it could not be run. */
static int find_run(char **argv)
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "find: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "find: '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Replace every "{}" inside an argument by @path. */
static char *find_subst(const char *arg, const char *path)
{
	size_t n = strlen(arg) + 1, pl = strlen(path);
	char *out, *o;

	for (const char *s = strstr(arg, "{}"); s; s = strstr(s + 2, "{}"))
		n += pl;
	out = o = malloc(n);
	if (!out)
		find_die("%s", "out of memory");
	while (*arg) {
		if (arg[0] == '{' && arg[1] == '}') {
			memcpy(o, path, pl);
			o += pl;
			arg += 2;
		} else {
			*o++ = *arg++;
		}
	}
	*o = 0;
	return out;
}

static void find_flush(struct find_node *n)
{
	char **argv;

	if (!n->nbatch)
		return;
	argv = malloc(sizeof(char *) * (size_t)(n->argc + n->nbatch + 1));
	if (!argv)
		find_die("%s", "out of memory");
	memcpy(argv, n->argv, sizeof(char *) * (size_t)(n->argc - 1));
	memcpy(argv + n->argc - 1, n->batch, sizeof(char *) * (size_t)n->nbatch);
	argv[n->argc - 1 + n->nbatch] = NULL;
	if (find_run(argv) != 0)
		find_status = 1;
	for (int i = 0; i < n->nbatch; i++)
		free(n->batch[i]);
	n->nbatch = 0;
	free(argv);
}

static int find_doexec(struct find_node *n, const char *path)
{
	char **argv;
	int r;

	if (n->plus) {
		if (n->nbatch == 256)
			find_flush(n);
		if (!n->batch && !(n->batch = malloc(sizeof(char *) * 256)))
			find_die("%s", "out of memory");
		n->batch[n->nbatch++] = strdup(path);
		return 1;
	}
	argv = malloc(sizeof(char *) * (size_t)(n->argc + 1));
	if (!argv)
		find_die("%s", "out of memory");
	for (int i = 0; i < n->argc; i++)
		argv[i] = find_subst(n->argv[i], path);
	argv[n->argc] = NULL;
	r = find_run(argv);
	for (int i = 0; i < n->argc; i++)
		free(argv[i]);
	free(argv);
	return r == 0;
}

static int find_isempty(const char *path, const struct stat *st)
{
	struct dirent *de;
	DIR *d;
	int empty = 1;

	if (S_ISREG(st->st_mode))
		return st->st_size == 0;
	if (!S_ISDIR(st->st_mode) || !(d = opendir(path)))
		return 0;
	while (empty && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

static int find_cmp(long long have, long long want, int cmp)
{
	return cmp > 0 ? have > want : cmp < 0 ? have < want : have == want;
}

static int find_type(const struct stat *st, char t)
{
	unsigned int m = st->st_mode & S_IFMT;

	return (t == 'f' && m == S_IFREG) || (t == 'd' && m == S_IFDIR) ||
	       (t == 'l' && m == S_IFLNK) || (t == 'c' && m == S_IFCHR) ||
	       (t == 'b' && m == S_IFBLK) || (t == 'p' && m == S_IFIFO) ||
	       (t == 's' && m == S_IFSOCK);
}

static int find_newer(const char *ref, const struct stat *st)
{
	struct stat r;

	if (stat(ref, &r) != 0)
		find_die("'%s': No such file or directory", ref);
	return st->st_mtim.tv_sec > r.st_mtim.tv_sec ||
	       (st->st_mtim.tv_sec == r.st_mtim.tv_sec && st->st_mtim.tv_nsec > r.st_mtim.tv_nsec);
}

static int find_eval(struct find_node *n, const char *path, const char *name, const struct stat *st)
{
	unsigned int perm = st->st_mode & 07777;

	switch (n->kind) {
	case FIND_AND:
		return find_eval(n->l, path, name, st) && find_eval(n->r, path, name, st);
	case FIND_OR:
		return find_eval(n->l, path, name, st) || find_eval(n->r, path, name, st);
	case FIND_NOT:
		return !find_eval(n->l, path, name, st);
	case FIND_TRUE:
		return 1;
	case FIND_FALSE:
		return 0;
	case FIND_NAME:
		return !find_match(n->arg, name, 0);
	case FIND_INAME:
		return !find_match(n->arg, name, 1);
	case FIND_PATH:
		return !find_match(n->arg, path, 0);
	case FIND_TYPE:
		return find_type(st, n->arg[0]);
	case FIND_NEWER:
		return find_newer(n->arg, st);
	case FIND_SIZE:
		return find_cmp((st->st_size + n->unit - 1) / n->unit, n->n, n->cmp);
	case FIND_PERM:
		return n->cmp == '-'   ? (perm & n->n) == n->n
		       : n->cmp == '/' ? (n->n == 0 || (perm & n->n) != 0)
				       : perm == n->n;
	case FIND_EMPTY:
		return find_isempty(path, st);
	case FIND_LINKS:
		return find_cmp(st->st_nlink, n->n, n->cmp);
	case FIND_PRINT:
		printf("%s\n", path);
		return 1;
	case FIND_PRINT0:
		printf("%s%c", path, 0);
		return 1;
	case FIND_PRUNE:
		find_pruned = 1;
		return 1;
	case FIND_EXEC:
		return find_doexec(n, path);
	}
	return 0;
}

static void find_walk(const char *path, int depth, struct find_node *expr);

static void find_children(const char *path, int depth, struct find_node *expr)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, l = strlen(path);
	DIR *d = opendir(path);

	if (!d) {
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		find_status = 1;
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char **nv = realloc(names, (n + 1) * sizeof(*names));
		char *sub = malloc(l + strlen(de->d_name) + 2);
		if (!nv || !sub)
			find_die("%s", "out of memory");
		names = nv;
		sprintf(sub, "%s%s%s", path, l && path[l - 1] == '/' ? "" : "/", de->d_name);
		names[n++] = sub;
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		find_walk(names[i], depth + 1, expr);
		free(names[i]);
	}
	free(names);
}

static void find_walk(const char *path, int depth, struct find_node *expr)
{
	struct stat st;
	char base[4096];
	size_t l;
	int r;

	r = find_opt.follow ? stat(path, &st) : lstat(path, &st);
	if (r != 0 && find_opt.follow)
		r = lstat(path, &st);
	if (r != 0) {
		fprintf(stderr, "find: '%s': %s\n", path, strerror(errno));
		find_status = 1;
		return;
	}
	snprintf(base, sizeof(base), "%s", path);
	for (l = strlen(base); l > 1 && base[l - 1] == '/';)
		base[--l] = 0;
	const char *name = strrchr(base, '/') && l > 1 ? strrchr(base, '/') + 1 : base;
	find_pruned = 0;
	if (!find_opt.depthfirst && depth >= find_opt.mindepth)
		find_eval(expr, path, name, &st);
	if (S_ISDIR(st.st_mode) && !find_pruned &&
	    (find_opt.maxdepth < 0 || depth < find_opt.maxdepth))
		find_children(path, depth, expr);
	if (find_opt.depthfirst && depth >= find_opt.mindepth)
		find_eval(expr, path, name, &st);
}

int main(int argc, char **argv)
{
	struct find_node *expr;
	int i = 1, first;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && !argv[i][2] &&
	       strchr("HLP", argv[i][1]);
	     i++)
		find_opt.follow = argv[i][1] == 'L';
	first = i;
	while (i < argc && !(argv[i][0] == '-' && argv[i][1]) && strcmp(argv[i], "(") &&
	       strcmp(argv[i], "!"))
		i++;
	find_args = argv + i;
	find_nargs = argc - i;
	find_pos = 0;
	expr = find_nargs ? find_or() : find_new(FIND_TRUE, NULL, NULL);
	if (find_pos < find_nargs)
		find_die("unexpected '%s'", find_args[find_pos]);
	if (!find_acts(expr))
		expr = find_new(FIND_AND, expr, find_new(FIND_PRINT, NULL, NULL));
	if (first == i)
		find_walk(".", 0, expr);
	for (int k = first; k < i; k++)
		find_walk(argv[k], 0, expr);
	for (int k = 0; k < find_nexecs; k++)
		find_flush(find_execs[k]);
	fflush(stdout);
	return find_status;
}
