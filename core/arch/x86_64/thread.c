/*
 * The x86-64 side of threads: the initial stack frame of a new thread, and
 * kernel stacks with guard pages in their own area of the kernel half.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <arch/thread.h>
#include <uapi/errno.h>

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

/*
 * Stacks live in [KERN_STACK_BASE, KERN_STACK_END) in slots of
 * ARCH_KSTACK_PAGES + 1 pages: the lowest page of each slot stays unmapped,
 * so running off the bottom of a stack faults instead of corrupting
 * whatever lies below. Freed slots are reused.
 */
#define KSTACK_SLOT	((ARCH_KSTACK_PAGES + 1) * PAGE_SIZE)
#define KSTACK_MAX_FREE 256

static uint64_t kstack_next = KERN_STACK_BASE;
static uint64_t kstack_free[KSTACK_MAX_FREE];
static unsigned kstack_nfree;

int arch_kstack_alloc(uint64_t (*frame_alloc)(void), uint64_t *bottom)
{
	uint64_t slot;

	if (kstack_nfree)
		slot = kstack_free[--kstack_nfree];
	else if (kstack_next + KSTACK_SLOT <= KERN_STACK_END)
		slot = (kstack_next += KSTACK_SLOT) - KSTACK_SLOT;
	else
		return -ENOMEM;
	for (unsigned i = 1; i <= ARCH_KSTACK_PAGES; i++) {
		uint64_t pa = frame_alloc();

		if (pa == 0 || arch_map_page(slot + i * PAGE_SIZE, pa, VM_READ | VM_WRITE) != 0) {
			arch_kstack_free(slot + PAGE_SIZE, NULL);
			return -ENOMEM;
		}
	}
	*bottom = slot + PAGE_SIZE;
	return 0;
}

void arch_kstack_free(uint64_t bottom, void (*frame_free)(uint64_t pa))
{
	uint64_t slot = bottom - PAGE_SIZE;

	for (unsigned i = 1; i <= ARCH_KSTACK_PAGES; i++) {
		uint64_t pa = arch_unmap_page(slot + i * PAGE_SIZE);

		if (pa && frame_free)
			frame_free(pa);
	}
	if (kstack_nfree < KSTACK_MAX_FREE)
		kstack_free[kstack_nfree++] = slot;
}
