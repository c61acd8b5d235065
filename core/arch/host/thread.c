/*
 * The fake architecture's threads: no context switch on the host (host
 * tests simulate scheduling without switching stacks), kernel stacks from
 * malloc.
 */
#include <stdint.h>
#include <stdlib.h>

#include <arch/thread.h>
#include <uapi/errno.h>

void arch_switch(uint64_t *save_ksp, uint64_t load_ksp)
{
	(void)save_ksp;
	(void)load_ksp;
	abort();
}

uint64_t arch_thread_stack(uint64_t top, void (*entry)(void *), void *arg)
{
	(void)entry;
	(void)arg;
	return top;
}

int arch_thread_saved(uint64_t ksp, uint64_t *fp, uint64_t *pc)
{
	(void)ksp;
	*fp = 0;
	*pc = 0;
	return -1;
}

void arch_set_kstack(uint64_t top)
{
	(void)top;
}
