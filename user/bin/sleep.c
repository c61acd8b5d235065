/*
 * sleep NUMBER[SUFFIX]...: wait for the sum of the times; a NUMBER may
 * have a fraction, a SUFFIX is s (seconds, the default), m, h or d.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double sl_parse(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0 || (*end && (end[1] || !strchr("smhd", *end)))) {
		fprintf(stderr, "sleep: invalid time interval '%s'\n", s);
		exit(1);
	}
	switch (*end) {
	case 'm':
		return v * 60;
	case 'h':
		return v * 3600;
	case 'd':
		return v * 86400;
	default:
		return v;
	}
}

int main(int argc, char **argv)
{
	double total = 0;
	struct timespec ts, rem;
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "sleep: missing operand\n");
		return 1;
	}
	for (; i < argc; i++)
		total += sl_parse(argv[i]);
	ts.tv_sec = (time_t)total;
	ts.tv_nsec = (long)((total - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &rem) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "sleep: %s\n", strerror(errno));
			return 1;
		}
		ts = rem;
	}
	return 0;
}
