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

int arch_kstack_alloc(uint64_t (*frame_alloc)(void), uint64_t *bottom)
{
	void *p = malloc(ARCH_KSTACK_PAGES * PAGE_SIZE);

	(void)frame_alloc;
	if (p == NULL)
		return -ENOMEM;
	*bottom = (uint64_t)(uintptr_t)p;
	return 0;
}

void arch_kstack_free(uint64_t bottom, void (*frame_free)(uint64_t pa))
{
	(void)frame_free;
	free((void *)(uintptr_t)bottom);
}

void arch_set_kstack(uint64_t top)
{
	(void)top;
}
