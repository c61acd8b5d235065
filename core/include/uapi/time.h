/**
 * @file uapi/time.h
 * @brief Time values shared with user space.
 * @ingroup uapi
 */
#ifndef UAPI_TIME_H_
#define UAPI_TIME_H_

#include <stdint.h>

/** Seconds and nanoseconds. */
struct timespec {
	int64_t tv_sec;	 /**< Seconds. */
	int64_t tv_nsec; /**< Nanoseconds, 0 to 999999999. */
};

/** Seconds and microseconds (gettimeofday()). */
struct timeval {
	int64_t tv_sec;	 /**< Seconds. */
	int64_t tv_usec; /**< Microseconds, 0 to 999999. */
};

#define CLOCK_REALTIME	0 /**< clock_gettime(): wall-clock time since 1970. */
#define CLOCK_MONOTONIC 1 /**< clock_gettime(): time since boot, never goes back. */

#endif /* UAPI_TIME_H_ */
