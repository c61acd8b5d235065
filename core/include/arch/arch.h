/**
 * @file arch/arch.h
 * @brief What generic core code asks of the architecture.
 * @ingroup arch
 *
 * Every architecture implements these; generic code includes only this
 * header and never names x86 registers or instructions.
 */
#ifndef ARCH_ARCH_H_
#define ARCH_ARCH_H_

#include <stddef.h>
#include <stdint.h>

/** Exit status an emulator run reports when every check passed. */
#define ARCH_EXIT_PASS 0x10
/** Exit status an emulator run reports when a check failed. */
#define ARCH_EXIT_FAIL 0x11
/** Exit status an emulator run reports after a panic. */
#define ARCH_EXIT_PANIC 0x12

/** @brief Set up the early consoles (serial and screen). */
void arch_console_init(void);

/**
 * @brief Write bytes to every early console.
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_console_write(const char *s, size_t n);

/** @brief Set up descriptor tables, trap vectors and the interrupt controller. */
void arch_cpu_init(void);

/**
 * @brief Leave the emulator with a status (QEMU isa-debug-exit).
 *
 * Returns only if no such device exists, as on real hardware.
 * @param code ARCH_EXIT_PASS, ARCH_EXIT_FAIL or ARCH_EXIT_PANIC.
 */
void arch_emu_exit(unsigned code);

/** @brief Stop this CPU for good, interrupts off. */
__attribute__((noreturn)) void arch_halt(void);

/**
 * @brief Call @p fn for each return address on the current kernel stack.
 *
 * The walk follows saved frame pointers and stops at the first frame
 * outside the stack, out of order, or after @p max frames, so a corrupt
 * stack cannot fault the walker.
 * @param fp frame pointer to start from; 0 means the caller's frame.
 * @param max maximum number of frames.
 * @param fn called with each return address and @p arg.
 * @param arg passed to @p fn.
 */
void arch_backtrace(uint64_t fp, unsigned max, void (*fn)(uint64_t pc, void *arg), void *arg);

/** @brief Execute a breakpoint instruction (a debugger trap). */
void arch_breakpoint(void);

/**
 * @brief Read a cycle counter for coarse boot timing.
 * @return a monotonically increasing count.
 */
uint64_t arch_cycles(void);

#endif /* ARCH_ARCH_H_ */
