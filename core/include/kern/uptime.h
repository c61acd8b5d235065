/**
 * @file kern/uptime.h
 * @brief Time since the kernel started, for boot-time reports.
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

#endif /* KERN_UPTIME_H_ */
