/**
 * @file arch/thread.h
 * @brief Context switch and the initial frame of a thread.
 * @ingroup arch
 */
#ifndef ARCH_THREAD_H_
#define ARCH_THREAD_H_

#include <stdint.h>

/** Pages of a kernel stack (16 KiB), not counting its guard page. */
#define ARCH_KSTACK_PAGES 4

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

#endif /* ARCH_THREAD_H_ */
