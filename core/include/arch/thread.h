/**
 * @file arch/thread.h
 * @brief The arch contract for threads: context switch and kernel stacks.
 * @ingroup arch
 */
#ifndef ARCH_THREAD_H_
#define ARCH_THREAD_H_

#include <stdint.h>

#include <machine/layout.h>

/**
 * @brief Switch from the running thread to another.
 * @param save_ksp where to store the running thread's stack pointer.
 * @param load_ksp the other thread's saved stack pointer.
 */
void arch_switch(uint64_t *save_ksp, uint64_t load_ksp);

/**
 * @brief Prepare a new thread's stack so that arch_switch() starts it.
 * @param top top of its kernel stack.
 * @param entry function the thread runs; must not return.
 * @param arg its argument.
 * @return the stack pointer to give arch_switch().
 */
uint64_t arch_thread_stack(uint64_t top, void (*entry)(void *), void *arg);

/**
 * @brief Where a switched-out thread stopped, for reports of sleeping threads.
 * @param ksp the stack pointer arch_switch() saved for it.
 * @param fp set to its frame pointer (the start of a backtrace).
 * @param pc set to the address arch_switch() returns to.
 * @return 0, or -1 where the arch cannot say (the host's fake arch).
 */
int arch_thread_saved(uint64_t ksp, uint64_t *fp, uint64_t *pc);

/**
 * @brief Set the stack the CPU switches to on a trap from user mode.
 * @param top top (highest address) of the current thread's kernel stack.
 */
void arch_set_kstack(uint64_t top);

#endif /* ARCH_THREAD_H_ */
