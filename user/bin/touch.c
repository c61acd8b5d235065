/*
 * touch: change file times, making missing files.
 *   -a only the access time, -m only the modification time, -c do not
 *   make missing files, -h change a symbolic link itself, -r REF the times
 *   of REF, -d DATE ("YYYY-MM-DD[ HH:MM[:SS[.frac]]]", "@SECONDS"), -t
 *   [[CC]YY]MMDDhhmm[.ss]; dates are local time. Exit 1 on an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int touch_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

/* The time in @tm (local) as seconds since the epoch. */
static time_t touch_local(struct tm *tm)
{
	tm->tm_isdst = -1;
	return mktime(tm);
}

static int touch_date(const char *s, struct timespec *ts)
{
	struct tm tm = { 0 };
	char *end;
	int n = 0;

	if (*s == '@') {
		ts->tv_sec = strtol(s + 1, &end, 10);
		ts->tv_nsec = 0;
		return *end ? -1 : 0;
	}
	if (sscanf(s, "%d-%d-%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) != 3)
		return -1;
	s += n;
	if (*s == ' ' || *s == 'T') {
		if (sscanf(s + 1, "%d:%d%n", &tm.tm_hour, &tm.tm_min, &n) != 2)
			return -1;
		s += 1 + n;
		if (*s == ':' && sscanf(s + 1, "%d%n", &tm.tm_sec, &n) == 1)
			s += 1 + n;
	}
	ts->tv_nsec = 0;
	if (*s == '.') {
		long mul = 100000000;
		for (s++; *s >= '0' && *s <= '9'; s++, mul /= 10)
			ts->tv_nsec += (*s - '0') * mul;
	}
	if (*s)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	ts->tv_sec = touch_local(&tm);
	return 0;
}

static int touch_stamp(const char *s, struct timespec *ts)
{
	struct tm tm = { 0 };
	const char *dot = strchr(s, '.');
	int len = dot ? (int)(dot - s) : (int)strlen(s), y;
	time_t now = time(NULL);

	if (len != 8 && len != 10 && len != 12)
		return -1;
	localtime_r(&now, &tm);
	if (len == 12)
		y = touch_digits(s, 4), s += 4;
	else if (len == 10)
		y = touch_digits(s, 2), y += y < 69 ? 2000 : 1900, s += 2;
	else
		y = tm.tm_year + 1900;
	tm.tm_year = y - 1900;
	tm.tm_mon = touch_digits(s, 2) - 1;
	tm.tm_mday = touch_digits(s + 2, 2);
	tm.tm_hour = touch_digits(s + 4, 2);
	tm.tm_min = touch_digits(s + 6, 2);
	tm.tm_sec = dot ? touch_digits(dot + 1, 2) : 0;
	if (y < 0 || tm.tm_mon < 0 || tm.tm_mday < 0 || tm.tm_hour < 0 || tm.tm_min < 0 ||
	    tm.tm_sec < 0 || (dot && strlen(dot) != 3))
		return -1;
	ts->tv_sec = touch_local(&tm);
	ts->tv_nsec = 0;
	return 0;
}

struct touch_opts {
	int access, modify, nocreate, nofollow, given;
	struct timespec ts[2];
};

static int touch_one(const char *path, const struct touch_opts *o)
{
	struct timespec ts[2];
	struct stat st;

	if (stat(path, &st) != 0 && errno == ENOENT && !o->nofollow) {
		if (o->nocreate)
			return 0;
		int fd = open(path, O_WRONLY | O_CREAT, 0666);
		if (fd < 0) {
			fprintf(stderr, "touch: cannot touch '%s': %s\n", path, strerror(errno));
			return 1;
		}
		close(fd);
		if (!o->given && o->access && o->modify)
			return 0;
	}
	for (int i = 0; i < 2; i++) {
		ts[i] = o->given ? o->ts[i] : (struct timespec){ 0, UTIME_NOW };
		if ((i == 0 && !o->access) || (i == 1 && !o->modify))
			ts[i].tv_nsec = UTIME_OMIT;
	}
	if (utimensat(AT_FDCWD, path, ts, o->nofollow ? AT_SYMLINK_NOFOLLOW : 0) != 0) {
		if (o->nocreate && errno == ENOENT)
			return 0;
		fprintf(stderr, "touch: setting times of '%s': %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int touch_ref(const char *ref, struct touch_opts *o)
{
	struct stat st;

	if (stat(ref, &st) != 0) {
		fprintf(stderr, "touch: failed to get attributes of '%s': %s\n", ref,
			strerror(errno));
		return -1;
	}
	o->ts[0] = st.st_atim;
	o->ts[1] = st.st_mtim;
	o->given = 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct touch_opts o = { 0 };
	int status = 0, c;

	while ((c = getopt(argc, argv, "acmhr:d:t:f")) != -1) {
		switch (c) {
		case 'a':
			o.access = 1;
			break;
		case 'm':
			o.modify = 1;
			break;
		case 'c':
			o.nocreate = 1;
			break;
		case 'h':
			o.nofollow = 1;
			break;
		case 'f':
			break;
		case 'r':
			if (touch_ref(optarg, &o) != 0)
				return 1;
			break;
		case 'd':
		case 't':
			if ((c == 'd' ? touch_date : touch_stamp)(optarg, &o.ts[0]) != 0) {
				fprintf(stderr, "touch: invalid date format '%s'\n", optarg);
				return 1;
			}
			o.ts[1] = o.ts[0];
			o.given = 1;
			break;
		default:
			goto usage;
		}
	}
	if (!o.access && !o.modify)
		o.access = o.modify = 1;
	if (optind >= argc)
		goto usage;
	for (int i = optind; i < argc; i++)
		status |= touch_one(argv[i], &o);
	return status;
usage:
	fprintf(stderr, "usage: touch [-acmh] [-r ref | -d date | -t stamp] file...\n");
	return 1;
}
