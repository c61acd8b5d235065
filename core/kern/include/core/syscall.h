/**
 * @file core/syscall.h
 * @brief The system-call table and the gate's entry into it.
 * @ingroup core
 *
 * The table is generated from core/kern/syscall/syscalls.tbl (see
 * doc/syscalls.md); every handler has the same signature and returns a
 * value >= 0 or a negative errno.
 */
#ifndef CORE_SYSCALL_H_
#define CORE_SYSCALL_H_

#include <uapi/syscall.h>

struct thr;
struct trap_frame;

/** A system-call handler: six raw arguments in, a value or -errno out. */
typedef long syscall_fn(long a0, long a1, long a2, long a3, long a4, long a5);

/** One entry of the table. */
struct syscall_desc {
	syscall_fn *fn;	    /**< The handler, sys_<name>. */
	const char *name;   /**< The call's name (for strace=). */
	unsigned nargs;	    /**< How many arguments it takes. */
	const char *format; /**< One letter per argument: d x o s p (strace=). */
};

/** The table, indexed by call number; entries without a handler are zero. */
extern const struct syscall_desc syscall_table[SYS_NR];

/**
 * @brief Run the system call a trap frame carries and set its result.
 *
 * Context: the trap handler of a TRAP_KIND_SYSCALL trap, on the calling
 * thread; interrupts are enabled while the handler runs.
 * @param t the calling thread (its utf already @p tf).
 * @param tf the caller's frame.
 */
void syscall_trap(struct thr *t, struct trap_frame *tf);

/**
 * @brief The handler of numbers the table has no call for.
 * @param a0 unused. @param a1 unused. @param a2 unused.
 * @param a3 unused. @param a4 unused. @param a5 unused.
 * @retval -ENOSYS always.
 */
long sys_nosys(long a0, long a1, long a2, long a3, long a4, long a5);

#endif /* CORE_SYSCALL_H_ */
