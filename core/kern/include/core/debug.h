/**
 * @file core/debug.h
 * @brief Panic internals and the kernel log, for the core's trap, boot and log code.
 * @ingroup core
 */
#ifndef CORE_DEBUG_H_
#define CORE_DEBUG_H_

#include <stdint.h>
#include <stddef.h>
#include <kern/panic.h>
#include <kern/printk.h>

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

/**
 * @brief Set the most verbose level shown on the console.
 * @param level 0-7; messages with a level above it only reach the log buffer.
 */
void printk_set_console_level(int level);

struct trap_frame;

/**
 * @brief Print every thread: state, wait channel, where it stopped.
 *
 * What a non-maskable interrupt does (QEMU's monitor command `nmi`): it
 * takes no lock, so it works in a hung kernel, and the system goes on
 * afterwards.
 * @param tf the interrupted state (its thread's backtrace), or NULL.
 */
void thr_report(const struct trap_frame *tf);

#endif /* CORE_DEBUG_H_ */
