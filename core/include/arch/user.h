/**
 * @file arch/user.h
 * @brief The arch contract for user mode: system-call frames, entering and
 *        leaving user mode, copies of user memory, the TLS base.
 * @ingroup arch
 *
 * A system call (x86-64: `syscall` or `int 0x80`) arrives at trap_dispatch()
 * as a trap of kind TRAP_KIND_SYSCALL with a struct trap_frame like any
 * other; these accessors read its number and arguments and set its result.
 * A thread enters user mode for the first time, or after exec, through a
 * frame made by arch_trap_user_init().
 */
#ifndef ARCH_USER_H_
#define ARCH_USER_H_

#include <stddef.h>
#include <stdint.h>

struct trap_frame;

/**
 * @brief Read a system call's number and its six arguments.
 * @param tf a TRAP_KIND_SYSCALL trap.
 * @param args out: the arguments, in order.
 * @return the call number.
 */
static inline long arch_syscall_args(const struct trap_frame *tf, long args[6]);

/**
 * @brief Set a system call's result: @p value >= 0 is returned as is; a
 *        negative errno is returned positive with the error flag set (CF).
 * @param tf the trap frame the call returns through.
 * @param value the result, or -errno.
 */
static inline void arch_syscall_return(struct trap_frame *tf, long value);

/**
 * @brief Make the interrupted system call run again when the frame returns
 *        to user mode: the pc goes back over the call instruction and the
 *        call number is put back (the argument registers are untouched).
 * @param tf the call's trap frame.
 * @param nr the call's number.
 */
void arch_syscall_restart(struct trap_frame *tf, long nr);

/**
 * @brief Restore a user frame saved on a signal frame, never trusting it:
 *        only general registers, pc, sp and the flags user code may change
 *        are taken; the privilege of the return stays user mode.
 * @param tf the frame to return through.
 * @param saved a frame as user memory handed it back (arch_trap_frame_size() bytes).
 */
void arch_trap_restore_user(struct trap_frame *tf, const void *saved);

/**
 * @brief Tell which signal a user-mode fault means.
 * @param tf a fault or page-fault trap from user mode.
 * @return SIGSEGV, SIGBUS, SIGILL, SIGFPE or SIGTRAP.
 */
int arch_trap_signal(const struct trap_frame *tf);

/**
 * @brief Make a frame that starts user code afresh (a new program).
 * @param tf the frame to fill (every register cleared).
 * @param pc user entry point.
 * @param sp user stack pointer (as the ABI wants it at the entry).
 */
void arch_trap_user_init(struct trap_frame *tf, uint64_t pc, uint64_t sp);

/**
 * @brief Return the size of a trap frame in bytes (to copy one).
 * @return sizeof(struct trap_frame).
 */
size_t arch_trap_frame_size(void);

/**
 * @brief Set a frame's stack pointer and first argument register
 *        (signal delivery, a new user thread).
 * @param tf the frame.
 * @param pc where user code resumes.
 * @param sp its stack pointer.
 * @param arg0 its first argument (RDI on x86-64).
 * @param arg1 its second argument.
 * @param arg2 its third argument.
 */
void arch_trap_set_call(struct trap_frame *tf, uint64_t pc, uint64_t sp, uint64_t arg0,
			uint64_t arg1, uint64_t arg2);

/**
 * @brief Leave the kernel through a frame: copy it to the top of the
 *        running thread's kernel stack and return to user mode with it.
 * @param tf the frame (may be anywhere in kernel memory).
 */
__attribute__((noreturn)) void arch_user_return(const struct trap_frame *tf);

/**
 * @brief Copy between kernel and user memory under the exception fixup.
 *
 * The caller has checked that the user side lies in user space; a fault
 * the vm module cannot resolve ends the copy.
 * @param dst destination.
 * @param src source.
 * @param n bytes.
 * @retval 0 copied.
 * @retval -EFAULT a fault stopped the copy.
 */
int arch_copy_user(void *dst, const void *src, size_t n);

/**
 * @brief Copy a NUL-terminated string from user memory under the fixup.
 * @param dst kernel destination, @p max bytes.
 * @param src user source.
 * @param max size of @p dst, > 0.
 * @return the length without the NUL; -EFAULT on a fault; -ENAMETOOLONG
 *         when no NUL is in the first @p max bytes.
 */
long arch_copy_user_str(char *dst, const char *src, size_t max);

/**
 * @brief Resume a faulting user copy at its fixup, if the fault is in one.
 * @param tf a page-fault (or general-protection) trap from kernel mode.
 * @return 1 if @p tf now resumes at the fixup, 0 if the pc is in no copy.
 */
int arch_trap_fixup(struct trap_frame *tf);

/**
 * @brief Tell whether a kernel-mode fault is in a user copy (has a fixup).
 *
 * A kernel-mode fault at a user address anywhere else is a kernel bug (with
 * SMAP, the CPU's own refusal), reported and fatal, never resolved.
 * @param tf a trap from kernel mode.
 * @return 1 if the pc is a user-copy instruction, else 0.
 */
int arch_trap_usercopy(const struct trap_frame *tf);

/** Bytes of a thread's saved floating-point and vector state (FXSAVE area). */
#define ARCH_FPU_SIZE 512

/**
 * @brief Fill @p area with the state a new program starts with.
 * @param area ARCH_FPU_SIZE bytes, 16-byte aligned.
 */
void arch_fpu_init(void *area);

/**
 * @brief Save this CPU's floating-point and vector registers.
 * @param area ARCH_FPU_SIZE bytes, 16-byte aligned.
 */
void arch_fpu_save(void *area);

/**
 * @brief Load this CPU's floating-point and vector registers.
 * @param area what arch_fpu_save() or arch_fpu_init() wrote.
 */
void arch_fpu_restore(const void *area);

/**
 * @brief Set the thread-local-storage base of user code (FS on x86-64).
 * @param base user address (0 for none).
 */
void arch_set_tls(uint64_t base);

/**
 * @brief Fill @p buf with random bytes from the CPU where it has a source
 *        (RDRAND), else from the cycle counter mixed.
 * @param buf destination.
 * @param len bytes.
 */
void arch_random(void *buf, size_t len);

#include <machine/syscall.h>

#endif /* ARCH_USER_H_ */
