/**
 * @file kern/panic.h
 * @brief Fatal errors: panic, backtraces and address symbolisation.
 * @ingroup core
 *
 * With the command-line word `panic=exit` a panic leaves the emulator with
 * ARCH_EXIT_PANIC, so that tests see it at once instead of timing out.
 */
#ifndef KERN_PANIC_H_
#define KERN_PANIC_H_

#include <stdint.h>

/**
 * @brief Report a fatal error with a backtrace and stop the system.
 * @param fmt printf-style reason.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

#endif /* KERN_PANIC_H_ */
