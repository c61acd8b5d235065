/*
 * The x86-64 side of threads: the initial stack frame of a new thread.
 * Kernel stacks come from the generic kva arena of KERN_STACK_BASE (see
 * core/kern/proc/thr.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/thread.h>

extern void arch_thread_start(void);

/* Frame popped by arch_switch: r15 r14 r13 r12 rbx rbp, then the return address. */
uint64_t arch_thread_stack(uint64_t top, void (*entry)(void *), void *arg)
{
	uint64_t *sp = (uint64_t *)(top & ~0xfULL);

	*--sp = 0;			     /* alignment: entry sees rsp % 16 == 8 */
	*--sp = (uint64_t)arch_thread_start; /* return address of arch_switch */
	*--sp = 0;			     /* rbp */
	*--sp = (uint64_t)entry;	     /* rbx */
	*--sp = (uint64_t)arg;		     /* r12 */
	*--sp = 0;			     /* r13 */
	*--sp = 0;			     /* r14 */
	*--sp = 0;			     /* r15 */
	return (uint64_t)sp;
}

/* The frame arch_switch() pushed: r15 r14 r13 r12 rbx rbp, return address. */
int arch_thread_saved(uint64_t ksp, uint64_t *fp, uint64_t *pc)
{
	const uint64_t *sp = (const uint64_t *)ksp;

	*fp = sp[5];
	*pc = sp[6];
	return 0;
}
