/*
 * Per-CPU lists of single frames (core/page_pcp.h): an order-0 allocation
 * or free is a pop or a push on the running CPU's stack (the inline fast
 * paths in the header; the rare cases are here), under that list's
 * lock with interrupts masked, and the page role's lock is taken only to
 * refill an empty list or to give back part of a full one, PAGE_PCP_BATCH
 * frames at a time. The CPU number is read after interrupts are masked, so
 * the thread cannot move to another CPU between choosing the list and
 * using it.
 *
 * Lock order: list lock, then the role lock (see the header).
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <core/page_pcp.h>
#include <core/spin.h>
#include <kern/string.h>

/* An empty list takes a batch from the provider. */
static void page_pcp_refill(struct page_pcp_set *s, struct page_pcp *p)
{
	unsigned n;

	rspin_enter(s->role_lock);
	n = (*s->ops)->alloc_batch(PAGE_PCP_BATCH, p->pa);
	rspin_exit(s->role_lock);
	p->count = n < PAGE_PCP_BATCH ? n : PAGE_PCP_BATCH;
}

/* Give the @n oldest frames of a list back to the provider. */
static unsigned page_pcp_spill(struct page_pcp_set *s, struct page_pcp *p, unsigned n)
{
	if (n > p->count)
		n = p->count;
	if (n == 0)
		return 0;
	rspin_enter(s->role_lock);
	(*s->ops)->free_batch(p->pa, n);
	rspin_exit(s->role_lock);
	p->count -= n;
	memmove(p->pa, p->pa + n, p->count * sizeof(p->pa[0]));
	return n;
}

uint64_t page_pcp_refill_pop(struct page_pcp_set *s, struct page_pcp *p)
{
	page_pcp_refill(s, p);
	return p->count > 0 ? p->pa[--p->count] : 0;
}

/* Reached with an empty list, a full one, or a frame equal to the one on top. */
void page_pcp_spill_push(struct page_pcp_set *s, struct page_pcp *p, uint64_t pa)
{
	if (p->count > 0 && p->pa[p->count - 1] == pa) {
		s->bad_frees++; /* freed twice in a row: keep it listed once */
		return;
	}
	if (p->count == PAGE_PCP_HIGH)
		page_pcp_spill(s, p, PAGE_PCP_BATCH);
	p->pa[p->count++] = pa;
}

uint64_t page_pcp_drain_all(struct page_pcp_set *s)
{
	uint64_t n = 0;

	for (unsigned c = 0; c < PAGE_PCP_CPUS; c++) {
		uint64_t irq = arch_irq_save();
		struct cpu *me = cpu_self();

		if (__atomic_load_n(&s->role_lock->owner, __ATOMIC_RELAXED) == me) {
			arch_irq_restore(irq);
			return n;
		}
		spin_acquire(&s->cpu[c].lock, me);
		n += page_pcp_spill(s, &s->cpu[c], s->cpu[c].count);
		spin_release(&s->cpu[c].lock, me);
		arch_irq_restore(irq);
	}
	return n;
}

uint64_t page_pcp_count(const struct page_pcp_set *s)
{
	uint64_t n = 0;

	for (unsigned c = 0; c < PAGE_PCP_CPUS; c++)
		n += __atomic_load_n(&s->cpu[c].count, __ATOMIC_RELAXED);
	return n;
}
