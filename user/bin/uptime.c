/*
 * uptime [-p] [-s]: the time, how long the system has run, the users and
 * the load average, in procps' format:
 *   " 12:34:56 up  1:02,  0 users,  load average: 0.00, 0.00, 0.00"
 * -p prints only the pretty form ("up 1 hour, 2 minutes"), -s the time
 * the system started. zero keeps no login records (utmp), so users is 0,
 * and its scheduler keeps no load average yet, so the three figures are
 * 0.00: both are reported honestly, not invented.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void uptime_pretty(long s)
{
	long d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
	const char *sep = "";

	printf("up");
	if (d) {
		printf(" %ld day%s", d, d == 1 ? "" : "s");
		sep = ",";
	}
	if (h) {
		printf("%s %ld hour%s", sep, h, h == 1 ? "" : "s");
		sep = ",";
	}
	if (m || (!d && !h))
		printf("%s %ld minute%s", sep, m, m == 1 ? "" : "s");
	putchar('\n');
}

static void uptime_classic(long s)
{
	time_t now = time(NULL);
	struct tm tm;
	long d = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;

	localtime_r(&now, &tm);
	printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (d)
		printf("%ld day%s, ", d, d == 1 ? "" : "s");
	if (h)
		printf("%2ld:%02ld, ", h, m);
	else
		printf("%ld min, ", m);
	printf(" 0 users,  load average: 0.00, 0.00, 0.00\n");
}

int main(int argc, char **argv)
{
	struct timespec ts;
	int c, pretty = 0, since = 0;

	while ((c = getopt(argc, argv, "ps")) != -1) {
		if (c == 'p')
			pretty = 1;
		else if (c == 's')
			since = 1;
		else {
			fprintf(stderr, "usage: uptime [-p] [-s]\n");
			return 1;
		}
	}
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		fprintf(stderr, "uptime: clock_gettime: %s\n", strerror(errno));
		return 1;
	}
	if (since) {
		time_t boot = time(NULL) - ts.tv_sec;
		struct tm tm;

		localtime_r(&boot, &tm);
		printf("%04d-%02d-%02d %02d:%02d:%02d\n", tm.tm_year + 1900, tm.tm_mon + 1,
		       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	} else if (pretty) {
		uptime_pretty((long)ts.tv_sec);
	} else {
		uptime_classic((long)ts.tv_sec);
	}
	return 0;
}
