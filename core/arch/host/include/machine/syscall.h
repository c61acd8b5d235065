/**
 * @file machine/syscall.h
 * @brief Host arch: the system call's number, arguments and result in the
 *        fake trap frame, inline (arch/user.h declares these).
 * @ingroup arch
 */
#ifndef MACHINE_SYSCALL_H_
#define MACHINE_SYSCALL_H_

#include <string.h>

#include <machine/trap.h>

/** @brief arch_syscall_args() of arch/user.h. @param tf the frame. @param args out: the six
 * arguments. @return the call number. */
static inline long arch_syscall_args(const struct trap_frame *tf, long args[6])
{
	memcpy(args, tf->args, sizeof(tf->args));
	return tf->sysnr;
}

/** @brief arch_syscall_return() of arch/user.h. @param tf the frame. @param value the result or
 * -errno. */
static inline void arch_syscall_return(struct trap_frame *tf, long value)
{
	tf->err = value < 0 && value >= -4095;
	tf->ret = tf->err ? -value : value;
}

#endif /* MACHINE_SYSCALL_H_ */
