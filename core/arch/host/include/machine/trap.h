/**
 * @file core/arch/host/include/machine/trap.h
 * @brief The fake architecture's trap frame: what a host test fills in.
 * @ingroup arch
 */
#ifndef MACHINE_HOST_TRAP_H_
#define MACHINE_HOST_TRAP_H_

#include <stdint.h>

#include <arch/trap.h>

/** A fake trap: the test sets the fields the accessors return. */
struct trap_frame {
	enum trap_kind kind; /**< What arch_trap_kind() returns. */
	unsigned vector;     /**< Trap number. */
	unsigned irq;	     /**< Interrupt line of a TRAP_KIND_IRQ trap. */
	uint64_t error;	     /**< Error code. */
	uint64_t pc;	     /**< Interrupted program counter. */
	uint64_t sp;	     /**< Interrupted stack pointer. */
	uint64_t fp;	     /**< Interrupted frame pointer. */
	int user;	     /**< 1 if user mode was interrupted. */
	uint64_t fault_addr; /**< Faulting address of a page fault. */
	int fault_access;    /**< VM_READ/VM_WRITE/VM_EXEC, or -1. */
	int fault_user;	     /**< 1 if the faulting access came from user mode. */
	long sysnr;	     /**< System call number (TRAP_KIND_SYSCALL). */
	long args[6];	     /**< System call arguments. */
	long ret;	     /**< System call result as the gate returns it (errno positive). */
	int err;	     /**< 1 when the call failed (the carry flag on x86-64). */
	uint64_t fixup;	     /**< Where a faulting user copy resumes (0: none). */
};

#endif /* MACHINE_HOST_TRAP_H_ */
