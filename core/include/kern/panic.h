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

/**
 * @brief Stop the system after the caller printed its own report and backtrace.
 * @param fmt printf-style one-line reason.
 */
__attribute__((noreturn, format(printf, 1, 2))) void panic_reported(const char *fmt, ...);

/**
 * @brief Print a symbolised backtrace starting at a saved frame.
 * @param fp frame pointer of the frame to start from (0: the caller's).
 * @param pcs exact addresses printed first (the trapping instruction, a
 *        frameless caller), or NULL.
 * @param npcs number of entries in @p pcs.
 */
void panic_backtrace_from(uint64_t fp, const uint64_t *pcs, unsigned npcs);

/**
 * @brief Format an address as "0x... name+off/size".
 * @param addr a kernel address.
 * @return a static buffer, valid until the next call.
 */
const char *panic_symbol(uint64_t addr);

/**
 * @brief Choose what a panic does at its end.
 * @param exit_emulator true: leave the emulator with a failure code; false: halt.
 */
void panic_set_exit(int exit_emulator);

#endif /* KERN_PANIC_H_ */
