/*
 * ls: list directory contents, as GNU ls does in the C locale.
 *   -l long format (mode, links, owner, group, size, date, name)
 *   -g / -o long format without the owner / the group; -n numeric ids
 *   -a all names, -A all but . and .., -d directories themselves
 *   -R recursive, -1 one per line, -C columns, -F type indicators
 *   -i inode numbers, -s sizes in 1K blocks, -h human-readable sizes
 *   -t by time, -S by size, -r reverse, -U unsorted, -q control
 *   characters of names as '?' (the default on a terminal)
 * Columns when stdout is a terminal (TIOCGWINSZ width, else 80), one name
 * per line otherwise. Exit 0; 1 for a problem in a subdirectory; 2 for a
 * bad operand or usage.
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct ls_ent {
	char *name;   /* as shown */
	char *path;   /* to stat and to descend into */
	char *target; /* symbolic link's target, or NULL */
	struct stat st;
	int tmode; /* the target's mode (0: dangling or not a link) */
};

struct ls_list {
	struct ls_ent *v;
	size_t n, cap;
};

struct ls_widths {
	int ino, blocks, nlink, owner, group, size, major, minor;
};

static struct {
	int all, almost, dirs, recursive, lng, noown, nogrp, numeric, one, cols;
	int classify, inode, blocks, human, sort, reverse, hide;
} ls_opt;

static int ls_status;
static int ls_first = 1; /* nothing printed yet: no blank line first */
static time_t ls_now;

static void *ls_alloc(size_t n)
{
	void *p = malloc(n);

	if (!p) {
		fprintf(stderr, "ls: out of memory\n");
		exit(2);
	}
	return p;
}

static char *ls_join(const char *dir, const char *name)
{
	size_t l = strlen(dir);
	char *p = ls_alloc(l + strlen(name) + 2);

	if (l && dir[l - 1] == '/')
		sprintf(p, "%s%s", dir, name);
	else
		sprintf(p, "%s/%s", dir, name);
	return p;
}

static void ls_readlink(struct ls_ent *e)
{
	char buf[4096];
	struct stat t;
	ssize_t n = readlink(e->path, buf, sizeof(buf) - 1);

	if (n < 0)
		return;
	buf[n] = 0;
	e->target = strdup(buf);
	if (stat(e->path, &t) == 0)
		e->tmode = (int)t.st_mode;
}

/* Fill in @e for @path; follow: stat through a symbolic link. */
static int ls_fill(struct ls_ent *e, const char *name, char *path, int follow)
{
	e->name = strdup(name);
	e->path = path;
	e->target = NULL;
	e->tmode = 0;
	if ((follow ? stat(path, &e->st) : lstat(path, &e->st)) != 0) {
		if (!follow || lstat(path, &e->st) != 0)
			return -1;
	}
	if (S_ISLNK(e->st.st_mode) && ls_opt.lng)
		ls_readlink(e);
	return 0;
}

static struct ls_ent *ls_push(struct ls_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v) {
			fprintf(stderr, "ls: out of memory\n");
			exit(2);
		}
	}
	return &l->v[l->n++];
}

static void ls_free(struct ls_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].path);
		free(l->v[i].target);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int ls_cmp(const void *pa, const void *pb)
{
	const struct ls_ent *a = pa, *b = pb;
	int r = 0;

	if (ls_opt.sort == 't') {
		if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
			r = a->st.st_mtim.tv_sec > b->st.st_mtim.tv_sec ? -1 : 1;
		else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
			r = a->st.st_mtim.tv_nsec > b->st.st_mtim.tv_nsec ? -1 : 1;
	} else if (ls_opt.sort == 'S' && a->st.st_size != b->st.st_size) {
		r = a->st.st_size > b->st.st_size ? -1 : 1;
	}
	if (!r)
		r = strcmp(a->name, b->name);
	return ls_opt.reverse ? -r : r;
}

static void ls_sort(struct ls_list *l)
{
	if (ls_opt.sort != 'U' && l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), ls_cmp);
}

static void ls_mode(unsigned int m, char *s)
{
	static const char types[] = "?pc?d?b?-?l?s???";
	static const char rwx[] = "rwxrwxrwx";

	s[0] = types[(m >> 12) & 15];
	for (int i = 0; i < 9; i++)
		s[i + 1] = (m & (0400u >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & 010) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & 01) ? 't' : 'T';
	s[10] = 0;
}

/* GNU's -h: powers of 1024, rounded up, one decimal below 10. */
static void ls_human(long long v, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	long long div = 1;
	int u = -1;

	if (v < 1024) {
		snprintf(buf, len, "%lld", v);
		return;
	}
	while (u < 5 && v > div * 1024 - 1 && (v + div - 1) / div >= 1024) {
		div *= 1024;
		u++;
	}
	long long tenths = (v * 10 + div - 1) / div;
	if (tenths < 100) {
		snprintf(buf, len, "%lld.%lld%c", tenths / 10, tenths % 10, units[u]);
		return;
	}
	long long whole = (v + div - 1) / div;
	if (whole >= 1024 && u < 5) {
		snprintf(buf, len, "1.0%c", units[u + 1]);
		return;
	}
	snprintf(buf, len, "%lld%c", whole, units[u]);
}

static void ls_blockstr(const struct stat *st, char *buf, size_t len)
{
	long long k = ((long long)st->st_blocks + 1) / 2;

	if (ls_opt.human)
		ls_human(k * 1024, buf, len);
	else
		snprintf(buf, len, "%lld", k);
}

static const char ls_months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* "%b %e %H:%M" within the last six months, else "%b %e  %Y". */
static void ls_date(time_t t, char *buf, size_t len)
{
	struct tm tm;
	const time_t half = 31556952 / 2;

	if (!localtime_r(&t, &tm)) {
		snprintf(buf, len, "%ld", (long)t);
		return;
	}
	if (t > ls_now - half && t <= ls_now)
		snprintf(buf, len, "%s %2d %02d:%02d", ls_months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
			 tm.tm_min);
	else
		snprintf(buf, len, "%s %2d  %d", ls_months[tm.tm_mon], tm.tm_mday,
			 tm.tm_year + 1900);
}

/* The name of a uid or gid (the last one asked for is kept: ls asks often). */
static void ls_idname(int group, unsigned int id, char *buf, size_t len)
{
	static char name[2][64];
	static unsigned int last[2];
	static int known[2];
	struct passwd *pw;
	struct group *gr;

	if (ls_opt.numeric) {
		snprintf(buf, len, "%u", id);
		return;
	}
	if (!known[group] || last[group] != id) {
		pw = group ? NULL : getpwuid(id);
		gr = group ? getgrgid(id) : NULL;
		if (pw || gr)
			snprintf(name[group], sizeof(name[group]), "%s",
				 pw ? pw->pw_name : gr->gr_name);
		else
			snprintf(name[group], sizeof(name[group]), "%u", id);
		last[group] = id;
		known[group] = 1;
	}
	snprintf(buf, len, "%s", name[group]);
}

static void ls_owner(unsigned int uid, char *buf, size_t len)
{
	ls_idname(0, uid, buf, len);
}

static void ls_group(unsigned int gid, char *buf, size_t len)
{
	ls_idname(1, gid, buf, len);
}

static int ls_width(long long v)
{
	char b[32];

	return snprintf(b, sizeof(b), "%lld", v);
}

/* The Linux encoding of device numbers (modules/io/dev.h DEV_MAKE). */
static unsigned int ls_major(uint64_t d)
{
	return (unsigned int)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
}

static unsigned int ls_minor(uint64_t d)
{
	return (unsigned int)((d & 0xff) | ((d >> 12) & ~0xffull));
}

static int ls_isdev(const struct stat *st)
{
	return S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);
}

static void ls_sizestr(const struct stat *st, char *buf, size_t len)
{
	if (ls_opt.human)
		ls_human(st->st_size, buf, len);
	else
		snprintf(buf, len, "%lld", (long long)st->st_size);
}

static void ls_maxw(int *w, int v)
{
	if (v > *w)
		*w = v;
}

static void ls_measure(const struct ls_list *l, struct ls_widths *w)
{
	char b[64];

	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < l->n; i++) {
		const struct stat *st = &l->v[i].st;

		ls_maxw(&w->ino, ls_width((long long)st->st_ino));
		ls_blockstr(st, b, sizeof(b));
		ls_maxw(&w->blocks, (int)strlen(b));
		ls_maxw(&w->nlink, ls_width(st->st_nlink));
		ls_owner(st->st_uid, b, sizeof(b));
		ls_maxw(&w->owner, (int)strlen(b));
		ls_group(st->st_gid, b, sizeof(b));
		ls_maxw(&w->group, (int)strlen(b));
		if (ls_isdev(st)) {
			ls_maxw(&w->major, ls_width(ls_major(st->st_rdev)));
			ls_maxw(&w->minor, ls_width(ls_minor(st->st_rdev)));
		} else {
			ls_sizestr(st, b, sizeof(b));
			ls_maxw(&w->size, (int)strlen(b));
		}
	}
	if (w->major && w->size < w->major + 2 + w->minor)
		w->size = w->major + 2 + w->minor;
	else if (w->major)
		w->major = w->size - 2 - w->minor;
}

static char ls_indicator(unsigned int m)
{
	if (S_ISDIR(m))
		return '/';
	if (S_ISLNK(m))
		return '@';
	if (S_ISFIFO(m))
		return '|';
	if ((m & S_IFMT) == S_IFSOCK)
		return '=';
	if (S_ISREG(m) && (m & 0111))
		return '*';
	return 0;
}

/* The name, with its -F indicator; the number of characters written. */
static int ls_name(const struct ls_ent *e)
{
	char c = ls_opt.classify ? ls_indicator(e->st.st_mode) : 0;

	if (c == '@' && ls_opt.lng)
		c = 0;
	for (const char *s = e->name; *s; s++)
		putchar(ls_opt.hide && ((unsigned char)*s < 0x20 || *s == 0x7f) ? '?' : *s);
	if (c)
		putchar(c);
	return (int)strlen(e->name) + (c != 0);
}

static void ls_prefix(const struct ls_ent *e, const struct ls_widths *w)
{
	char b[64];

	if (ls_opt.inode)
		printf("%*llu ", w->ino, (unsigned long long)e->st.st_ino);
	if (ls_opt.blocks) {
		ls_blockstr(&e->st, b, sizeof(b));
		printf("%*s ", w->blocks, b);
	}
}

static void ls_long(const struct ls_ent *e, const struct ls_widths *w)
{
	char mode[12], b[64];
	const struct stat *st = &e->st;

	ls_prefix(e, w);
	ls_mode(st->st_mode, mode);
	printf("%s %*u ", mode, w->nlink, (unsigned int)st->st_nlink);
	if (!ls_opt.noown) {
		ls_owner(st->st_uid, b, sizeof(b));
		printf("%-*s ", w->owner, b);
	}
	if (!ls_opt.nogrp) {
		ls_group(st->st_gid, b, sizeof(b));
		printf("%-*s ", w->group, b);
	}
	if (ls_isdev(st))
		printf("%*u, %*u ", w->major, ls_major(st->st_rdev), w->minor,
		       ls_minor(st->st_rdev));
	else {
		ls_sizestr(st, b, sizeof(b));
		printf("%*s ", w->size, b);
	}
	ls_date(st->st_mtim.tv_sec, b, sizeof(b));
	printf("%s ", b);
	ls_name(e);
	if (e->target) {
		printf(" -> %s", e->target);
		if (ls_opt.classify && e->tmode && ls_indicator((unsigned int)e->tmode))
			putchar(ls_indicator((unsigned int)e->tmode));
	}
	putchar('\n');
}

static int ls_entwidth(const struct ls_ent *e, const struct ls_widths *w)
{
	int n = (int)strlen(e->name);

	if (ls_opt.classify && ls_indicator(e->st.st_mode))
		n++;
	if (ls_opt.inode)
		n += w->ino + 1;
	if (ls_opt.blocks)
		n += w->blocks + 1;
	return n;
}

static int ls_termwidth(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (c && atoi(c) > 0)
		return atoi(c);
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Do @cols columns fit in @width? Fills @cw with each column's width. */
static int ls_fits(const struct ls_list *l, const struct ls_widths *w, int cols, int width, int *cw)
{
	size_t rows = (l->n + (size_t)cols - 1) / (size_t)cols;
	int total = 0;

	for (int c = 0; c < cols; c++) {
		cw[c] = 0;
		for (size_t r = 0; r < rows; r++) {
			size_t i = (size_t)c * rows + r;
			if (i < l->n)
				ls_maxw(&cw[c], ls_entwidth(&l->v[i], w) + (c < cols - 1 ? 2 : 0));
		}
		total += cw[c];
	}
	return total < width;
}

/* Pad from column @from to @to with tabs (stops of 8) and spaces, as GNU does. */
static void ls_indent(int from, int to)
{
	while (from < to) {
		if (to / 8 > (from + 1) / 8) {
			putchar('\t');
			from += 8 - from % 8;
		} else {
			putchar(' ');
			from++;
		}
	}
}

static void ls_columns(const struct ls_list *l, const struct ls_widths *w)
{
	int width = ls_termwidth(), cols = (int)l->n, *cw = ls_alloc(l->n * sizeof(int) + 1);
	size_t rows;

	while (cols > 1 && !ls_fits(l, w, cols, width, cw))
		cols--;
	ls_fits(l, w, cols, width, cw);
	rows = (l->n + (size_t)cols - 1) / (size_t)cols;
	for (size_t r = 0; r < rows; r++) {
		int at = 0;
		for (int c = 0; c < cols; c++) {
			size_t i = (size_t)c * rows + r;
			if (i >= l->n)
				break;
			ls_prefix(&l->v[i], w);
			ls_name(&l->v[i]);
			if (i + rows < l->n)
				ls_indent(at + ls_entwidth(&l->v[i], w), at + cw[c]);
			at += cw[c];
		}
		putchar('\n');
	}
	free(cw);
}

static void ls_print(const struct ls_list *l)
{
	struct ls_widths w;

	ls_measure(l, &w);
	if (ls_opt.lng) {
		for (size_t i = 0; i < l->n; i++)
			ls_long(&l->v[i], &w);
	} else if (ls_opt.cols) {
		ls_columns(l, &w);
	} else {
		for (size_t i = 0; i < l->n; i++) {
			ls_prefix(&l->v[i], &w);
			ls_name(&l->v[i]);
			putchar('\n');
		}
	}
}

static void ls_total(const struct ls_list *l)
{
	long long b = 0;
	char buf[32];

	for (size_t i = 0; i < l->n; i++)
		b += (long long)l->v[i].st.st_blocks;
	if (ls_opt.human)
		ls_human((b + 1) / 2 * 1024, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "%lld", (b + 1) / 2);
	printf("total %s\n", buf);
}

static int ls_shown(const char *name)
{
	if (name[0] != '.')
		return 1;
	if (ls_opt.all)
		return 1;
	return ls_opt.almost && strcmp(name, ".") && strcmp(name, "..");
}

static int ls_read(const char *path, struct ls_list *l)
{
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!ls_shown(de->d_name))
			continue;
		struct ls_ent *e = ls_push(l);
		if (ls_fill(e, de->d_name, ls_join(path, de->d_name), 0) != 0) {
			fprintf(stderr, "ls: %s: %s\n", e->path, strerror(errno));
			ls_status = 1;
			free(e->name);
			free(e->path);
			l->n--;
		}
	}
	closedir(d);
	return 0;
}

static void ls_dir(const char *path, int header)
{
	struct ls_list l = { 0 };

	if (!ls_first)
		putchar('\n');
	ls_first = 0;
	if (header)
		printf("%s:\n", path);
	if (ls_read(path, &l) != 0) {
		fflush(stdout);
		fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
		ls_status = ls_status > 1 ? ls_status : (header ? 1 : 2);
		return;
	}
	ls_sort(&l);
	if (ls_opt.lng || ls_opt.blocks)
		ls_total(&l);
	ls_print(&l);
	for (size_t i = 0; ls_opt.recursive && i < l.n; i++) {
		const struct ls_ent *e = &l.v[i];
		if (S_ISDIR(e->st.st_mode) && strcmp(e->name, ".") && strcmp(e->name, ".."))
			ls_dir(e->path, 1);
	}
	ls_free(&l);
}

static void ls_usage(void)
{
	fprintf(stderr, "usage: ls [-1aACdFghilnoqrRsStU] [file...]\n");
	exit(2);
}

/* The flags that only switch a member on. */
static int ls_flag(int c)
{
	static const char letters[] = "aAdFhiqrRs";
	int *const flags[] = { &ls_opt.all,	  &ls_opt.almost, &ls_opt.dirs, &ls_opt.classify,
			       &ls_opt.human,	  &ls_opt.inode,  &ls_opt.hide, &ls_opt.reverse,
			       &ls_opt.recursive, &ls_opt.blocks };
	const char *p = c ? strchr(letters, c) : NULL;

	if (!p)
		return 0;
	*flags[p - letters] = 1;
	return 1;
}

static void ls_options(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "1aACdFghilnoqrRsStU")) != -1) {
		if (ls_flag(c))
			continue;
		switch (c) {
		case '1':
			ls_opt.one = 1, ls_opt.lng = 0, ls_opt.cols = 0;
			break;
		case 'C':
			ls_opt.cols = 1, ls_opt.lng = 0;
			break;
		case 'g':
			ls_opt.lng = 1, ls_opt.noown = 1;
			break;
		case 'o':
			ls_opt.lng = 1, ls_opt.nogrp = 1;
			break;
		case 'n':
			ls_opt.lng = 1, ls_opt.numeric = 1;
			break;
		case 'l':
			ls_opt.lng = 1;
			break;
		case 'S':
		case 't':
		case 'U':
			ls_opt.sort = c;
			break;
		default:
			ls_usage();
		}
	}
	if (isatty(1)) {
		ls_opt.hide = 1;
		if (!ls_opt.one && !ls_opt.lng && !ls_opt.cols)
			ls_opt.cols = 1;
	}
}

/* Sort the operands into files and directories; report those that do not exist. */
static void ls_operands(char **args, int n, struct ls_list *files, struct ls_list *dirs)
{
	int follow = !(ls_opt.lng || ls_opt.dirs || ls_opt.classify);

	for (int i = 0; i < n; i++) {
		struct ls_ent e;
		if (ls_fill(&e, args[i], strdup(args[i]), follow) != 0) {
			fprintf(stderr, "ls: cannot access '%s': %s\n", args[i], strerror(errno));
			ls_status = 2;
			free(e.name);
			free(e.path);
			continue;
		}
		*ls_push(S_ISDIR(e.st.st_mode) && !ls_opt.dirs ? dirs : files) = e;
	}
}

int main(int argc, char **argv)
{
	struct ls_list files = { 0 }, dirs = { 0 };
	char *dot[] = { "." };

	ls_now = time(NULL);
	ls_options(argc, argv);
	if (optind < argc)
		ls_operands(argv + optind, argc - optind, &files, &dirs);
	else
		ls_operands(dot, 1, &files, &dirs);
	ls_sort(&files);
	ls_sort(&dirs);
	if (files.n) {
		ls_print(&files);
		ls_first = 0;
	}
	for (size_t i = 0; i < dirs.n; i++)
		ls_dir(dirs.v[i].path, files.n + dirs.n > 1 || ls_opt.recursive || ls_status);
	ls_free(&files);
	ls_free(&dirs);
	fflush(stdout);
	return ls_status;
}
