/**
 * @file machine/syscall.h
 * @brief x86-64: the system call's registers in the trap frame, inline (the
 *        gate's fast path: arch/user.h declares these).
 * @ingroup arch
 */
#ifndef MACHINE_SYSCALL_H_
#define MACHINE_SYSCALL_H_

#include <stdint.h>

#include <machine/trap.h>

#define MACHINE_RFLAGS_CF 0x0001 /**< The carry flag: the call failed. */

/** @brief arch_syscall_args() of arch/user.h. @param tf the frame. @param args out: the six
 * arguments. @return the call number. */
static inline long arch_syscall_args(const struct trap_frame *tf, long args[6])
{
	args[0] = (long)tf->rdi;
	args[1] = (long)tf->rsi;
	args[2] = (long)tf->rdx;
	args[3] = (long)tf->r10;
	args[4] = (long)tf->r8;
	args[5] = (long)tf->r9;
	return (long)tf->rax;
}

/** @brief arch_syscall_return() of arch/user.h. @param tf the frame. @param value the result or
 * -errno. */
static inline void arch_syscall_return(struct trap_frame *tf, long value)
{
	if (value < 0 && value >= -4095) {
		tf->rax = (uint64_t)-value;
		tf->rflags |= MACHINE_RFLAGS_CF;
	} else {
		tf->rax = (uint64_t)value;
		tf->rflags &= ~(uint64_t)MACHINE_RFLAGS_CF;
	}
}

#endif /* MACHINE_SYSCALL_H_ */
