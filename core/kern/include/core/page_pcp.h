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

#include <kern/lock.h>
#include <kern/page.h>

/** One CPU's list: a stack of frames, the most recently freed on top. */
struct page_pcp {
	struct spinlock lock;	     /**< Taken by its CPU, and by a drain of all lists. */
	unsigned count;		     /**< Frames on the list. */
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
 * @brief Pop a frame off this CPU's list, refilling it first if it is empty.
 * @param s the lists.
 * @return a frame (one reference, not zeroed), or 0: the list could not
 *         serve (no list for this CPU, called under the role lock, or the
 *         provider had no batch to give); the caller then asks the provider.
 */
uint64_t page_pcp_alloc(struct page_pcp_set *s);

/**
 * @brief Push a single frame onto this CPU's list (a full list gives a batch back first).
 * @param s the lists.
 * @param pa an order-0 block from page_alloc().
 * @return true if the list took it (or refused it as a double free),
 *         false if the caller must free it through the provider (a DMA
 *         frame, a misaligned address, no list, or under the role lock).
 */
bool page_pcp_free(struct page_pcp_set *s, uint64_t pa);

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
