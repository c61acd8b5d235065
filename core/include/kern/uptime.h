/**
 * @file kern/uptime.h
 * @brief Time since the kernel started (boot reports) and the wall clock
 *        (file times).
 * @ingroup core
 */
#ifndef KERN_UPTIME_H_
#define KERN_UPTIME_H_

#include <stdint.h>

/**
 * @brief Milliseconds since kmain() began, from the cycle counter (0 until
 *        the clock hardware's rate is known).
 *
 * Context: any; never sleeps.
 * @return the time in milliseconds.
 */
uint64_t kern_uptime_ms(void);

/**
 * @brief The wall-clock time: nanoseconds since 1970-01-01 UTC (the RTC read
 *        once, then the monotonic clock since), as CLOCK_REALTIME reads it.
 *
 * Context: any; never sleeps.
 * @return the time in nanoseconds.
 */
uint64_t kern_realtime_ns(void);

/**
 * @brief The wall clock in whole seconds as of the last clock tick, for
 *        the time stamps of IPC objects (System V's sem_otime, msg_stime,
 *        ...), as Linux's ktime_get_real_seconds() gives them: one load,
 *        no clock read. It lags kern_realtime_ns() by at most the time
 *        since the last tick was handled; before the first tick it reads
 *        the clock.
 *
 * Context: any; never sleeps.
 * @return seconds since 1970-01-01 UTC.
 */
uint64_t kern_realtime_sec(void);

#endif /* KERN_UPTIME_H_ */
