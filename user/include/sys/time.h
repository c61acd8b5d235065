/* sys/time.h for zero's libc. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <uapi/time.h>

struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int utimes(const char *path, const struct timeval times[2]);

#endif
