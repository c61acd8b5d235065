/**
 * @file arch/arch.h
 * @brief The arch contract: CPU, interrupts, consoles, halting, stack walks.
 * @ingroup arch
 *
 * Generic code (core/kern, modules, the loader) reaches the machine only
 * through the headers in core/include/arch/: this one, <arch/mmu.h>,
 * <arch/thread.h>, <arch/trap.h> and <arch/clock.h>. Each architecture
 * (core/arch/NAME/) implements every function they declare, and provides
 * the constants and inline functions they take from its machine headers
 * (core/arch/NAME/include/machine/), which only these headers include.
 * `tools/archcheck.sh` fails the tests when an arch lacks a function.
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

/**
 * @brief Disable maskable interrupts on this CPU (inline, machine/cpu.h).
 */
static inline void arch_irq_disable(void);

/** @brief Enable maskable interrupts on this CPU (inline, machine/cpu.h). */
static inline void arch_irq_enable(void);

/**
 * @brief Disable interrupts and return the previous interrupt state.
 * @return an opaque state to pass to arch_irq_restore().
 */
static inline uint64_t arch_irq_save(void);

/**
 * @brief Restore the interrupt state arch_irq_save() returned.
 * @param flags the value arch_irq_save() returned.
 */
static inline void arch_irq_restore(uint64_t flags);

/** @brief Tell the CPU this is a spin-wait loop. */
static inline void arch_cpu_relax(void);

/**
 * @brief Enable interrupts and wait for one, atomically (no wakeup is lost
 *        between the two), then disable them again.
 */
static inline void arch_idle(void);

/**
 * @brief Let an interrupt line through the interrupt controller.
 * @param irq line number, 0-15; other values are ignored.
 */
void arch_irq_unmask(unsigned irq);

/**
 * @brief Block an interrupt line (lines the controller needs stay open).
 * @param irq line number, 0-15; other values are ignored.
 */
void arch_irq_mask(unsigned irq);

/**
 * @brief Acknowledge an interrupt at the controller.
 * @param irq line number, 0-15.
 * @return 1 if the interrupt was real, 0 if it was spurious (no handler must run).
 */
int arch_irq_ack(unsigned irq);

/** @brief Set up the early consoles (serial and screen). */
void arch_console_init(void);

/**
 * @brief Write bytes to every early console.
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_console_write(const char *s, size_t n);

/**
 * @brief Write bytes to every early console as they are: no "\n" to
 *        "\r\n" (the tty layer's output processing did what the
 *        terminal's settings ask); the screen interprets them as a VT100.
 * @param s bytes to write.
 * @param n number of bytes.
 */
void arch_console_write_raw(const char *s, size_t n);

/**
 * @brief Turn on the interrupt of the keyboard of the screen console.
 * @return the interrupt line (PS/2: 1), or -1 when there is no keyboard.
 */
int arch_console_kbd_enable(void);

/**
 * @brief Take one byte from the keyboard without waiting.
 *
 * Context: any (its interrupt handler, typically).
 * @return a scancode byte (PC scancode set 1), or -1 when none waits.
 */
int arch_console_kbd_getc(void);

/**
 * @brief Turn on the receive interrupt of the serial console.
 *
 * After this the console's line raises an interrupt whenever input is
 * waiting; its handler drains it with arch_console_getc().
 * @return the interrupt line (0-15) it raises (COM1: 4), or -1 when there
 *         is no serial console to read from.
 */
int arch_console_rx_enable(void);

/**
 * @brief Read one byte of console input without waiting.
 *
 * Context: any (an interrupt handler, typically).
 * @return the byte (0-255), or -1 if none is waiting or there is no input.
 */
int arch_console_getc(void);

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

/** @brief Restart the machine (x86: the keyboard controller's reset line, then a triple fault). */
__attribute__((noreturn)) void arch_reboot(void);

/**
 * @brief Read the battery-backed real-time clock.
 * @return seconds since 1970-01-01 00:00 UTC, or 0 when the machine has no clock.
 */
uint64_t arch_rtc_seconds(void);

#include <machine/cpu.h>

#endif /* ARCH_ARCH_H_ */
