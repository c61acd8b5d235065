/*
 * stat: show file status, in GNU's default layout or by -c FORMAT.
 *   -L follow symbolic links, -t terse, -c FORMAT (a newline is added).
 *   FORMAT: %n name, %N quoted name (-> target), %s size, %b blocks, %B
 *   block unit, %o I/O block, %f raw mode (hex), %a mode (octal), %A mode
 *   string, %F type, %h links, %i inode, %u %U uid/name, %g %G gid/name,
 *   %d %D device (decimal, hex), %Hd %Ld its major/minor, %t %T device
 *   type major/minor (hex), %Hr %Lr (decimal), %x %y %z access, modify,
 *   change time, %X %Y %Z as seconds, %w %W birth (unknown: - and 0), %%;
 *   printf flags and width ("%-10s", "%04a"). Exit 1 if a file failed.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct stat_val {
	int num; /* numeric: use @v and @base */
	unsigned long long v;
	char base; /* 'd', 'o', 'x' */
	char s[4200];
};

static int stat_deref;

static unsigned int stat_major(uint64_t d)
{
	return (unsigned int)(((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffull));
}

static unsigned int stat_minor(uint64_t d)
{
	return (unsigned int)((d & 0xff) | ((d >> 12) & ~0xffull));
}

static void stat_modestr(unsigned int m, char *s)
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

static const char *stat_type(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG:
		return st->st_size ? "regular file" : "regular empty file";
	case S_IFDIR:
		return "directory";
	case S_IFLNK:
		return "symbolic link";
	case S_IFCHR:
		return "character special file";
	case S_IFBLK:
		return "block special file";
	case S_IFIFO:
		return "fifo";
	case S_IFSOCK:
		return "socket";
	}
	return "weird file";
}

/* "2019-11-30 23:59:59.000000000 +0000" in local time. */
static void stat_time(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm, g;
	time_t t = ts->tv_sec;
	long off;

	if (!localtime_r(&t, &tm) || !gmtime_r(&t, &g)) {
		snprintf(buf, len, "%ld", (long)t);
		return;
	}
	off = (long)(timegm(&tm) - t) / 60;
	snprintf(buf, len, "%04d-%02d-%02d %02d:%02d:%02d.%09ld %c%02ld%02ld", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (long)ts->tv_nsec,
		 off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

static void stat_quoted(const char *name, const struct stat *st, char *buf, size_t len)
{
	char target[4096];
	ssize_t n;

	if (S_ISLNK(st->st_mode) && (n = readlink(name, target, sizeof(target) - 1)) >= 0) {
		target[n] = 0;
		snprintf(buf, len, "'%s' -> '%s'", name, target);
	} else {
		snprintf(buf, len, "'%s'", name);
	}
}

static void stat_num(struct stat_val *v, unsigned long long n, char base)
{
	v->num = 1;
	v->v = n;
	v->base = base;
}

static void stat_names(char c, const struct stat *st, struct stat_val *v)
{
	struct passwd *pw;
	struct group *gr;

	if (c == 'U') {
		pw = getpwuid(st->st_uid);
		snprintf(v->s, sizeof(v->s), "%s", pw ? pw->pw_name : "UNKNOWN");
	} else {
		gr = getgrgid(st->st_gid);
		snprintf(v->s, sizeof(v->s), "%s", gr ? gr->gr_name : "UNKNOWN");
	}
}

static int stat_devtime(char c, char hl, const struct stat *st, struct stat_val *v);

/* The value of one conversion; 0 if @c is not one. @hl: 'H', 'L' or 0. */
static int stat_value(char c, char hl, const char *name, const struct stat *st, struct stat_val *v)
{
	v->num = 0;
	v->s[0] = 0;
	switch (c) {
	case 'n':
		snprintf(v->s, sizeof(v->s), "%s", name);
		break;
	case 'N':
		stat_quoted(name, st, v->s, sizeof(v->s));
		break;
	case 's':
		stat_num(v, (unsigned long long)st->st_size, 'd');
		break;
	case 'b':
		stat_num(v, (unsigned long long)st->st_blocks, 'd');
		break;
	case 'B':
		stat_num(v, 512, 'd');
		break;
	case 'o':
		stat_num(v, (unsigned long long)st->st_blksize, 'd');
		break;
	case 'f':
		stat_num(v, st->st_mode, 'x');
		break;
	case 'a':
		stat_num(v, st->st_mode & 07777, 'o');
		break;
	case 'A':
		stat_modestr(st->st_mode, v->s);
		break;
	case 'F':
		snprintf(v->s, sizeof(v->s), "%s", stat_type(st));
		break;
	case 'h':
		stat_num(v, st->st_nlink, 'd');
		break;
	case 'i':
		stat_num(v, st->st_ino, 'd');
		break;
	case 'u':
		stat_num(v, st->st_uid, 'd');
		break;
	case 'g':
		stat_num(v, st->st_gid, 'd');
		break;
	case 'U':
	case 'G':
		stat_names(c, st, v);
		break;
	default:
		return stat_devtime(c, hl, st, v);
	}
	return 1;
}

/* The device and time conversions of stat_value(). */
static int stat_devtime(char c, char hl, const struct stat *st, struct stat_val *v)
{
	switch (c) {
	case 'd':
		stat_num(v,
			 hl == 'H'   ? stat_major(st->st_dev)
			 : hl == 'L' ? stat_minor(st->st_dev)
				     : (unsigned long long)st->st_dev,
			 'd');
		break;
	case 'D':
		stat_num(v, st->st_dev, 'x');
		break;
	case 'r':
		stat_num(v, hl == 'L' ? stat_minor(st->st_rdev) : stat_major(st->st_rdev), 'd');
		break;
	case 't':
		stat_num(v, stat_major(st->st_rdev), 'x');
		break;
	case 'T':
		stat_num(v, stat_minor(st->st_rdev), 'x');
		break;
	case 'x':
		stat_time(&st->st_atim, v->s, sizeof(v->s));
		break;
	case 'y':
		stat_time(&st->st_mtim, v->s, sizeof(v->s));
		break;
	case 'z':
		stat_time(&st->st_ctim, v->s, sizeof(v->s));
		break;
	case 'X':
		stat_num(v, (unsigned long long)st->st_atim.tv_sec, 'd');
		break;
	case 'Y':
		stat_num(v, (unsigned long long)st->st_mtim.tv_sec, 'd');
		break;
	case 'Z':
		stat_num(v, (unsigned long long)st->st_ctim.tv_sec, 'd');
		break;
	case 'w':
		snprintf(v->s, sizeof(v->s), "-");
		break;
	case 'W':
		stat_num(v, 0, 'd');
		break;
	default:
		return 0;
	}
	return 1;
}

/* Print @v with the printf flags, width and precision in @spec ("-10", "04"). */
static void stat_emit(const char *spec, const struct stat_val *v)
{
	char fmt[64];

	if (v->num) {
		snprintf(fmt, sizeof(fmt), "%%%sll%c", spec, v->base == 'd' ? 'u' : v->base);
		printf(fmt, v->v);
		return;
	}
	/* A string takes only '-' of the flags, then the width and precision. */
	char clean[32], *c = clean;
	const char *w = spec;
	for (; *w && strchr("-+ #0'", *w); w++)
		if (*w == '-' && c == clean)
			*c++ = '-';
	snprintf(c, sizeof(clean) - (size_t)(c - clean), "%s", w);
	snprintf(fmt, sizeof(fmt), "%%%ss", clean);
	printf(fmt, v->s);
}

static void stat_format(const char *f, const char *name, const struct stat *st)
{
	struct stat_val v;
	char spec[32];

	for (; *f; f++) {
		if (*f != '%') {
			putchar(*f);
			continue;
		}
		const char *s = ++f;
		while (*f && strchr("-+ #0'", *f))
			f++;
		while (*f && strchr("0123456789.", *f))
			f++;
		snprintf(spec, sizeof(spec), "%.*s", (int)(f - s) < 31 ? (int)(f - s) : 31, s);
		char hl = (*f == 'H' || *f == 'L') && f[1] && strchr("dr", f[1]) ? *f++ : 0;
		if (*f == '%')
			putchar('%');
		else if (*f && stat_value(*f, hl, name, st, &v))
			stat_emit(spec, &v);
		else if (*f)
			putchar('?');
		else
			break;
	}
}

static void stat_default(const char *name, const struct stat *st)
{
	int dev = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);

	char target[4096];
	ssize_t n = S_ISLNK(st->st_mode) ? readlink(name, target, sizeof(target) - 1) : -1;

	if (n >= 0)
		printf("  File: %s -> %.*s", name, (int)n, target);
	else
		printf("  File: %s", name);
	stat_format("\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n"
		    "Device: %Hd,%Ld\tInode: %-11i Links: ",
		    name, st);
	stat_format(dev ? "%-5h Device type: %Hr,%Lr\n" : "%h\n", name, st);
	stat_format("Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n"
		    "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n",
		    name, st);
}

static void stat_usage(void)
{
	fprintf(stderr, "usage: stat [-Lt] [-c format] file...\n");
	exit(1);
}

int main(int argc, char **argv)
{
	const char *fmt = NULL;
	struct stat st;
	int status = 0, terse = 0, c;

	while ((c = getopt(argc, argv, "Lc:t")) != -1) {
		if (c == 'L')
			stat_deref = 1;
		else if (c == 'c')
			fmt = optarg;
		else if (c == 't')
			terse = 1;
		else
			stat_usage();
	}
	if (optind >= argc) {
		fprintf(stderr, "stat: missing operand\n");
		stat_usage();
	}
	if (terse && !fmt)
		fmt = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o";
	for (int i = optind; i < argc; i++) {
		if ((stat_deref ? stat(argv[i], &st) : lstat(argv[i], &st)) != 0) {
			fprintf(stderr, "stat: cannot stat '%s': %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		if (fmt) {
			stat_format(fmt, argv[i], &st);
			putchar('\n');
		} else {
			stat_default(argv[i], &st);
		}
	}
	return status;
}
