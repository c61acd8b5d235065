/*
 * date [-uR] [-I[date|hours|minutes|seconds]] [-d @SECONDS | -d 'Y-M-D[ H:M[:S]]']
 * [-r FILE] [+FORMAT]: print the time (now, or the one given) with
 * strftime's FORMAT; the default is GNU's "C" locale one, "%a %b %e
 * %H:%M:%S %Z %Y". -R is RFC 5322's form, -I ISO 8601's. zero keeps
 * UTC, so -u changes nothing. "%:z" is "+00:00".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *dt_iso(const char *what)
{
	if (!*what || !strcmp(what, "date"))
		return "%Y-%m-%d";
	if (!strcmp(what, "hours"))
		return "%Y-%m-%dT%H%:z";
	if (!strcmp(what, "minutes"))
		return "%Y-%m-%dT%H:%M%:z";
	if (!strcmp(what, "seconds"))
		return "%Y-%m-%dT%H:%M:%S%:z";
	fprintf(stderr, "date: invalid argument '%s' for '--iso-8601'\n", what);
	exit(1);
}

/* "@N", or "YYYY-MM-DD[ HH:MM[:SS]]" (also with a 'T'). */
static time_t dt_parse(const char *s)
{
	struct tm tm = { 0 };
	char *end;
	int n, k = 0;

	if (*s == '@') {
		long long v = strtoll(s + 1, &end, 10);
		if (end != s + 1 && !*end)
			return (time_t)v;
	} else if (sscanf(s, "%d-%d-%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &n) == 3) {
		s += n;
		if ((*s == ' ' || *s == 'T') &&
		    sscanf(s + 1, "%d:%d%n:%d%n", &tm.tm_hour, &tm.tm_min, &k, &tm.tm_sec, &k) >= 2)
			s += 1 + k;
		if (!*s) {
			tm.tm_year -= 1900, tm.tm_mon -= 1;
			return timegm(&tm);
		}
	}
	fprintf(stderr, "date: invalid date '%s'\n", s);
	exit(1);
}

/* FORMAT with "%:z" replaced (strftime has no such conversion). */
static char *dt_fix(const char *fmt)
{
	char *out = malloc(strlen(fmt) * 3 + 1), *d = out;

	if (!out)
		exit(1);
	while (*fmt) {
		if (!strncmp(fmt, "%:z", 3))
			d = strcpy(d, "+00:00") + 6, fmt += 3;
		else if (fmt[0] == '%' && fmt[1] == '%')
			*d++ = *fmt++, *d++ = *fmt++;
		else
			*d++ = *fmt++;
	}
	*d = 0;
	return out;
}

static const char *dt_options(int argc, char **argv, time_t *t)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	struct stat st;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '+')
			fmt = a + 1;
		else if (!strcmp(a, "-u"))
			continue;
		else if (!strcmp(a, "-R"))
			fmt = "%a, %d %b %Y %H:%M:%S %z";
		else if (!strncmp(a, "-I", 2))
			fmt = dt_iso(a + 2);
		else if ((!strcmp(a, "-d") || !strcmp(a, "-r")) && i + 1 < argc) {
			if (a[1] == 'd')
				*t = dt_parse(argv[++i]);
			else if (stat(argv[++i], &st) == 0)
				*t = st.st_mtim.tv_sec;
			else {
				fprintf(stderr, "date: %s: %s\n", argv[i], strerror(errno));
				exit(1);
			}
		} else {
			fprintf(stderr, "date: invalid option or operand '%s'\n", a);
			exit(1);
		}
	}
	return fmt;
}

int main(int argc, char **argv)
{
	time_t t = time(NULL);
	const char *fmt = dt_options(argc, argv, &t);
	char *f = dt_fix(fmt), *buf;
	size_t cap = 256 + strlen(f) * 16;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !(buf = malloc(cap))) {
		fprintf(stderr, "date: time out of range\n");
		return 1;
	}
	buf[0] = 0;
	if (!strftime(buf, cap, f, &tm) && *f) {
		fprintf(stderr, "date: format too long\n");
		return 1;
	}
	puts(buf);
	return fflush(stdout) ? 1 : 0;
}
