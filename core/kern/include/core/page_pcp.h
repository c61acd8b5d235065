/**
 * @file core/page_pcp.h
 * @brief The per-CPU lists of single frames in front of the `page` provider.
 * @ingroup page
 *
 * Private to the core's page wrappers (core/kern/mm/page.c) and their host
 * test. Each CPU has a stack of free NORMAL frames that only it pushes to
 * and pops from, under its own spinlock (interrupts masked, so neither an
 * interrupt handler nor a preemption comes between); the lock exists for
 * the one remote user, page_pcp_drain_all(), which gives a short system
 * every CPU's frames back. Lists refill from the provider's alloc_batch and
 * give back to its free_batch, PAGE_PCP_BATCH frames at a time, under the
 * role's lock.
 *
 * Lock order: a CPU's list lock, then the page role's lock. Code that
 * already holds the role lock (a provider, a reclaimer's evict) therefore
 * never takes a list lock: the calls below see it and decline, and the
 * wrapper goes to the provider directly.
 */
#ifndef CORE_PAGE_PCP_H_
#define CORE_PAGE_PCP_H_

#include <stdbool.h>
#include <stdint.h>

#include <arch/arch.h>
#include <core/cpu.h>
#include <kern/lock.h>
#include <kern/page.h>

/** One CPU's list: a stack of frames, the most recently freed on top. */
struct page_pcp {
	struct spinlock lock;	    /**< Taken by its CPU, and by a drain of all lists. */
	unsigned count;		    /**< Frames on the list. */
	uint64_t pa[PAGE_PCP_HIGH]; /**< The frames, oldest first. */
};

/** The lists of every CPU, and what they refill from. */
struct page_pcp_set {
	struct page_pcp cpu[PAGE_PCP_CPUS]; /**< By CPU number. */
	struct rspinlock *role_lock;	    /**< The page role's lock. */
	const struct page_ops *const *ops;  /**< The role's pointer to the table in force. */
	bool on;			    /**< The provider has batch members: lists in use. */
	uint64_t bad_frees; /**< Frees of the frame on top of the list (double frees) refused. */
};

/**
 * @brief Refill an empty list from the provider, then pop (out of line: the rare case).
 * @param s the lists. @param p this CPU's list, locked, empty.
 * @return a frame, or 0 if the provider gave none.
 */
uint64_t page_pcp_refill_pop(struct page_pcp_set *s, struct page_pcp *p);

/**
 * @brief Give a batch of a full list back to the provider, then push (out of line).
 * @param s the lists. @param p this CPU's list, locked, full. @param pa the frame to push.
 */
void page_pcp_spill_push(struct page_pcp_set *s, struct page_pcp *p, uint64_t pa);

/**
 * @brief This CPU's list, or NULL when it must not be used from here.
 *
 * Called with interrupts masked, so the CPU number cannot change under
 * the caller. NULL for a CPU beyond PAGE_PCP_CPUS and under the role lock
 * (the list lock comes first in the lock order).
 * @param s the lists. @param me this CPU's record.
 * @return the list.
 */
static inline struct page_pcp *page_pcp_self(struct page_pcp_set *s, struct cpu *me)
{
	if (me->id >= PAGE_PCP_CPUS ||
	    __atomic_load_n(&s->role_lock->owner, __ATOMIC_RELAXED) == me)
		return NULL;
	return &s->cpu[me->id];
}

/**
 * @brief Take a list's lock; interrupts are already masked by the caller.
 * @param p the list. @param me this CPU's record.
 */
static inline void page_pcp_lock(struct page_pcp *p, struct cpu *me)
{
	while (__atomic_exchange_n(&p->lock.locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&p->lock.locked, __ATOMIC_RELAXED))
			arch_cpu_relax();
	me->spin_depth++;
}

/**
 * @brief Release a list's lock (interrupts stay masked).
 * @param p the list. @param me this CPU's record.
 */
static inline void page_pcp_unlock(struct page_pcp *p, struct cpu *me)
{
	me->spin_depth--;
	__atomic_store_n(&p->lock.locked, 0, __ATOMIC_RELEASE);
}

/**
 * @brief Pop a frame off this CPU's list, refilling it first if it is empty.
 * @param s the lists.
 * @return a frame (one reference, not zeroed), or 0: the list could not
 *         serve (no list for this CPU, called under the role lock, or the
 *         provider had no batch to give); the caller then asks the provider.
 */
static inline uint64_t page_pcp_alloc(struct page_pcp_set *s)
{
	uint64_t irq = arch_irq_save();
	struct cpu *me = cpu_self();
	struct page_pcp *p = page_pcp_self(s, me);
	uint64_t pa = 0;

	if (p != NULL) {
		page_pcp_lock(p, me);
		if (__builtin_expect(p->count > 0, 1))
			pa = p->pa[--p->count];
		else
			pa = page_pcp_refill_pop(s, p);
		page_pcp_unlock(p, me);
	}
	arch_irq_restore(irq);
	return pa;
}

/**
 * @brief Tell whether this CPU's list holds a frame now (a hint: no lock).
 * @param s the lists.
 * @return true if a page_pcp_alloc() would not refill first.
 */
static inline bool page_pcp_has(struct page_pcp_set *s)
{
	struct page_pcp *p = page_pcp_self(s, cpu_self());

	return p != NULL && __atomic_load_n(&p->count, __ATOMIC_RELAXED) > 0;
}

/**
 * @brief Push a single frame onto this CPU's list (a full list gives a batch back first).
 * @param s the lists.
 * @param pa an order-0 block from page_alloc().
 * @return true if the list took it (or refused it as a double free),
 *         false if the caller must free it through the provider (a DMA
 *         frame, a misaligned address, no list, or under the role lock).
 */
static inline bool page_pcp_free(struct page_pcp_set *s, uint64_t pa)
{
	uint64_t irq;
	struct cpu *me;
	struct page_pcp *p;

	if (pa < PAGE_DMA_LIMIT || pa % PAGE_SIZE != 0)
		return false;
	irq = arch_irq_save();
	me = cpu_self();
	p = page_pcp_self(s, me);
	if (p != NULL) {
		page_pcp_lock(p, me);
		if (__builtin_expect(p->count - 1 < PAGE_PCP_HIGH - 1, 1) &&
		    p->pa[p->count - 1] != pa)
			p->pa[p->count++] = pa;
		else
			page_pcp_spill_push(s, p, pa);
		page_pcp_unlock(p, me);
	}
	arch_irq_restore(irq);
	return p != NULL;
}

/**
 * @brief Give every CPU's frames back to the provider.
 * @param s the lists.
 * @return frames given back; 0 also when called under the role lock.
 */
uint64_t page_pcp_drain_all(struct page_pcp_set *s);

/**
 * @brief Count the frames on all lists (a snapshot: other CPUs go on).
 * @param s the lists.
 * @return frames.
 */
uint64_t page_pcp_count(const struct page_pcp_set *s);

#endif /* CORE_PAGE_PCP_H_ */
