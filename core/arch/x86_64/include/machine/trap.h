/**
 * @file machine/trap.h
 * @brief The x86-64 trap frame (the contract's struct trap_frame) and trap numbers.
 * @ingroup arch
 *
 * Trap names follow the Zero book's table (section 5.1.2); the legacy
 * IRQs are remapped to vectors 0x20-0x2f as the book does.
 */
#ifndef MACHINE_TRAP_H_
#define MACHINE_TRAP_H_

#include <stdint.h>

#define TRAPDE	 0x00 /**< Divide error (fault). */
#define TRAPDB	 0x01 /**< Debug (fault/trap). */
#define TRAPNMI	 0x02 /**< Non-maskable interrupt. */
#define TRAPBP	 0x03 /**< Breakpoint (trap). */
#define TRAPOF	 0x04 /**< Overflow (trap). */
#define TRAPBR	 0x05 /**< Bound range exceeded (fault). */
#define TRAPUD	 0x06 /**< Invalid opcode (fault). */
#define TRAPNM	 0x07 /**< No FPU (fault). */
#define TRAPDF	 0x08 /**< Double fault (abort, error 0). */
#define TRAPRES1 0x09 /**< Reserved (coprocessor segment overrun). */
#define TRAPTS	 0x0a /**< Invalid TSS (fault + error). */
#define TRAPNP	 0x0b /**< Segment not present (fault + error). */
#define TRAPSS	 0x0c /**< Stack-segment fault (fault + error). */
#define TRAPGP	 0x0d /**< General protection (fault + error). */
#define TRAPPF	 0x0e /**< Page fault (fault + error). */
#define TRAPRES2 0x0f /**< Reserved. */
#define TRAPMF	 0x10 /**< x87 FPU error (fault). */
#define TRAPAC	 0x11 /**< Alignment check (fault, error 0). */
#define TRAPMC	 0x12 /**< Machine check (abort). */
#define TRAPXF	 0x13 /**< SIMD floating-point exception (fault). */
#define TRAPNEXC 0x20 /**< Number of vectors the CPU reserves for exceptions. */

#define TRAPIRQ0     0x20 /**< Vector of legacy IRQ 0 after remapping. */
#define IRQTIMER     0	  /**< IRQ: timer. */
#define IRQKBD	     1	  /**< IRQ: keyboard. */
#define IRQCOM2AND4  3	  /**< IRQ: serial ports 2 and 4. */
#define IRQCOM1AND3  4	  /**< IRQ: serial ports 1 and 3. */
#define IRQLPT	     5	  /**< IRQ: parallel port. */
#define IRQFD	     6	  /**< IRQ: floppy disk drive. */
#define IRQRTC	     8	  /**< IRQ: real-time clock. */
#define IRQMOUSE     12	  /**< IRQ: mouse. */
#define IRQFPU	     13	  /**< IRQ: floating point unit. */
#define IRQIDE0	     14	  /**< IRQ: IDE controller 1. */
#define IRQIDE1	     15	  /**< IRQ: IDE controller 2. */
#define TRAPSYSCALL  0x80 /**< Vector of the `int 0x80` system call gate. */
#define TRAPSPURIOUS 0xff /**< Vector of local APIC spurious interrupts. */

/** Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT 0x01 /**< The page was present (protection violation). */
#define PF_WRITE   0x02 /**< The access was a write. */
#define PF_USER	   0x04 /**< The access came from user mode. */
#define PF_RSVD	   0x08 /**< A reserved bit was set in a paging entry. */
#define PF_INSTR   0x10 /**< The access was an instruction fetch. */

/**
 * @brief Registers saved on the kernel stack by the trap entry stubs.
 *
 * The layout matches trap_entry.S: general registers pushed by the common
 * stub, then the vector and error code pushed by the per-vector stub, then
 * the frame the CPU pushes.
 */
struct trap_frame {
	uint64_t r15;	 /**< Saved R15. */
	uint64_t r14;	 /**< Saved R14. */
	uint64_t r13;	 /**< Saved R13. */
	uint64_t r12;	 /**< Saved R12. */
	uint64_t r11;	 /**< Saved R11. */
	uint64_t r10;	 /**< Saved R10. */
	uint64_t r9;	 /**< Saved R9. */
	uint64_t r8;	 /**< Saved R8. */
	uint64_t rbp;	 /**< Saved RBP. */
	uint64_t rdi;	 /**< Saved RDI. */
	uint64_t rsi;	 /**< Saved RSI. */
	uint64_t rdx;	 /**< Saved RDX. */
	uint64_t rcx;	 /**< Saved RCX. */
	uint64_t rbx;	 /**< Saved RBX. */
	uint64_t rax;	 /**< Saved RAX. */
	uint64_t vector; /**< Interrupt vector, 0-255. */
	uint64_t error;	 /**< Error code (0 when the CPU pushes none). */
	uint64_t rip;	 /**< Interrupted instruction pointer. */
	uint64_t cs;	 /**< Interrupted code segment. */
	uint64_t rflags; /**< Interrupted RFLAGS. */
	uint64_t rsp;	 /**< Interrupted stack pointer. */
	uint64_t ss;	 /**< Interrupted stack segment. */
};

#endif /* MACHINE_TRAP_H_ */
