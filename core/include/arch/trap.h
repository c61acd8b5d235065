/**
 * @file arch/trap.h
 * @brief The arch contract for traps: the frame the arch hands to generic
 *        code and what generic code may ask about it.
 * @ingroup arch
 *
 * On every trap (exception, interrupt, system call) the arch's entry code
 * saves the interrupted state in a struct trap_frame and calls
 * trap_dispatch(), which is generic and decides what happens. The frame's
 * layout is machine-specific (<machine/trap.h>); generic code reads it
 * only through the arch_trap_*() accessors below.
 */
#ifndef ARCH_TRAP_H_
#define ARCH_TRAP_H_

#include <stdint.h>

/** Saved machine state of a trap; defined by the arch, opaque to generic code. */
struct trap_frame;

/** What kind of event a trap is, as far as generic code cares. */
enum trap_kind {
	TRAP_KIND_IRQ,	      /**< A device interrupt; arch_trap_irq() gives the line. */
	TRAP_KIND_CLOCK,      /**< The periodic tick (arch_clock_interrupt() handles it). */
	TRAP_KIND_SPURIOUS,   /**< An interrupt to ignore. */
	TRAP_KIND_PAGE_FAULT, /**< A page fault; see arch_trap_fault_addr(). */
	TRAP_KIND_BREAKPOINT, /**< A breakpoint instruction. */
	TRAP_KIND_SYSCALL,    /**< A system call from user mode. */
	TRAP_KIND_FAULT,      /**< Any other exception. */
	TRAP_KIND_NMI,	      /**< A non-maskable interrupt: the thread report (thr_report()). */
};

/**
 * @brief Handle a trap: the one generic entry the arch's trap code calls.
 *
 * Implemented by generic code (core/kern/intr/trap.c), not by the arch.
 * @param tf the saved state; handlers may change it to alter the return.
 */
void trap_dispatch(struct trap_frame *tf);

/**
 * @brief Handle a system call made with the arch's fast instruction.
 *
 * What trap_dispatch() does for a system call from user mode, without
 * classifying the trap first. Implemented by generic code.
 * @param tf the saved state, built as the system-call gate would.
 */
void trap_syscall(struct trap_frame *tf);

/**
 * @brief Classify a trap.
 * @param tf the trap.
 * @return its kind.
 */
enum trap_kind arch_trap_kind(const struct trap_frame *tf);

/**
 * @brief Return the machine's number for a trap (x86: the vector).
 * @param tf the trap.
 * @return the number, as arch_trap_name() takes it.
 */
unsigned arch_trap_vector(const struct trap_frame *tf);

/**
 * @brief Return the interrupt line of a TRAP_KIND_IRQ trap.
 * @param tf the trap.
 * @return the line, as arch_irq_ack() and the irq table take it.
 */
unsigned arch_trap_irq(const struct trap_frame *tf);

/**
 * @brief Return the error code the machine pushed (0 when none).
 * @param tf the trap.
 * @return the error code.
 */
uint64_t arch_trap_error(const struct trap_frame *tf);

/**
 * @brief Return the interrupted program counter.
 * @param tf the trap.
 * @return the address of the interrupted instruction.
 */
uint64_t arch_trap_pc(const struct trap_frame *tf);

/**
 * @brief Return the interrupted stack pointer.
 * @param tf the trap.
 * @return the stack pointer at the time of the trap.
 */
uint64_t arch_trap_sp(const struct trap_frame *tf);

/**
 * @brief Return the interrupted frame pointer, for a backtrace.
 * @param tf the trap.
 * @return the frame pointer at the time of the trap.
 */
uint64_t arch_trap_fp(const struct trap_frame *tf);

/**
 * @brief Tell whether the trap interrupted user mode.
 * @param tf the trap.
 * @return 1 for user mode, 0 for kernel mode.
 */
int arch_trap_from_user(const struct trap_frame *tf);

/**
 * @brief Return the faulting address of a page fault (x86: CR2).
 * @param tf the trap.
 * @return the virtual address whose access faulted.
 */
uint64_t arch_trap_fault_addr(const struct trap_frame *tf);

/**
 * @brief Return the access a page fault made.
 * @param tf a TRAP_KIND_PAGE_FAULT trap.
 * @return VM_READ, VM_WRITE or VM_EXEC (<kern/prot.h>), or -1 if the fault
 *         cannot be resolved by mapping a page (a corrupt page table).
 */
int arch_trap_fault_access(const struct trap_frame *tf);

/**
 * @brief Tell whether a page fault's access was made by user mode.
 * @param tf a TRAP_KIND_PAGE_FAULT trap.
 * @return 1 for a user access, 0 for a kernel one.
 */
int arch_trap_fault_user(const struct trap_frame *tf);

/**
 * @brief Return the caller of a function that faulted before setting up
 *        its frame (or that has none), which a frame-pointer walk misses.
 * @param tf the trap.
 * @return the caller's return address, or 0 if the walk misses nothing.
 */
uint64_t arch_trap_frameless_caller(const struct trap_frame *tf);

/**
 * @brief Return the Zero book's name of a trap number ("TRAPPF").
 * @param vector trap number, as arch_trap_vector() returns it.
 * @return a static string; "IRQ" for device interrupts, "TRAP?" for others.
 */
const char *arch_trap_name(unsigned vector);

/**
 * @brief Return a short description of a trap number ("page fault").
 * @param vector trap number, as arch_trap_vector() returns it.
 * @return a static string.
 */
const char *arch_trap_desc(unsigned vector);

/**
 * @brief Print the machine's details of a page fault (address, access, cause).
 * @param tf a TRAP_KIND_PAGE_FAULT trap.
 */
void arch_trap_print_fault(const struct trap_frame *tf);

/**
 * @brief Print every saved register of a trap, for a fault report.
 * @param tf the trap.
 */
void arch_trap_print_regs(const struct trap_frame *tf);

#endif /* ARCH_TRAP_H_ */
