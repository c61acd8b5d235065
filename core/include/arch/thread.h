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
 * @brief Allocate a kernel stack of ARCH_KSTACK_PAGES pages below a guard page.
 * @param frame_alloc returns a free frame, or 0.
 * @param bottom out: lowest address of the stack (the guard page is just below).
 * @retval 0 done.
 * @retval -ENOMEM out of frames or of stack slots.
 */
int arch_kstack_alloc(uint64_t (*frame_alloc)(void), uint64_t *bottom);

/**
 * @brief Free a kernel stack.
 * @param bottom what arch_kstack_alloc() returned.
 * @param frame_free takes back each frame; may be NULL.
 */
void arch_kstack_free(uint64_t bottom, void (*frame_free)(uint64_t pa));

/**
 * @brief Set the stack the CPU switches to on a trap from user mode.
 * @param top top (highest address) of the current thread's kernel stack.
 */
void arch_set_kstack(uint64_t top);

#endif /* ARCH_THREAD_H_ */
