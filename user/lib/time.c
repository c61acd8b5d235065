/* time.h and the sleeps: clock_gettime, nanosleep, gmtime. */
#include <errno.h>
#include <sys/time.h>
#include <sys/zero.h>
#include <time.h>
#include <unistd.h>

#include "libc.h"

int clock_gettime(clockid_t clk, struct timespec *ts)
{
	return (int)__ret(__sys_clock_gettime(clk, ts));
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	(void)tz;
	return (int)__ret(__sys_gettimeofday(tv, NULL));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return -1;
	return ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / 1000;
}

double difftime(time_t a, time_t b)
{
	return (double)(a - b);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__ret(__sys_nanosleep(req, rem));
}

unsigned int sleep(unsigned int secs)
{
	struct timespec ts = { secs, 0 }, rem = { 0, 0 };

	if (nanosleep(&ts, &rem) < 0)
		return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usecs)
{
	struct timespec ts = { usecs / 1000000, (long)(usecs % 1000000) * 1000 };

	return nanosleep(&ts, NULL);
}

static int leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static const short mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = *t / 86400, secs = *t % 86400, y = 1970;

	if (secs < 0)
		secs += 86400, days--;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)(((days + 4) % 7 + 7) % 7);
	while (days < 0)
		days += 365 + leap(--y);
	while (days >= 365 + leap(y))
		days -= 365 + leap(y++);
	tm->tm_year = (int)(y - 1900);
	tm->tm_yday = (int)days;
	tm->tm_mon = 0;
	while (days >= mdays[tm->tm_mon] + (tm->tm_mon == 1 && leap(y)))
		days -= mdays[tm->tm_mon] + (tm->tm_mon == 1 && leap(y)), tm->tm_mon++;
	tm->tm_mday = (int)days + 1;
	tm->tm_isdst = 0;
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

/* No time zones yet: local time is UTC. */
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime(t);
}

time_t timegm(struct tm *tm)
{
	long y = 1900L + tm->tm_year, days = 0;

	for (long i = 1970; i < y; i++)
		days += 365 + leap(i);
	for (long i = y; i < 1970; i++)
		days -= 365 + leap(i);
	for (int m = 0; m < tm->tm_mon && m < 12; m++)
		days += mdays[m] + (m == 1 && leap(y));
	days += tm->tm_mday - 1;
	return ((days * 24 + tm->tm_hour) * 60 + tm->tm_min) * 60 + tm->tm_sec;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}
