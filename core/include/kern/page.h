/**
 * @file kern/page.h
 * @brief The `page` role: physical page frames, zones and the page daemon.
 * @ingroup page
 *
 * The core's bootstrap allocator (kern/bootmem.h) serves frames until a
 * `page` provider registers; page_register() then calls the provider's
 * `takeover`, which manages every usable frame from that moment: the free
 * ones become free, the ones bootmem handed out are accounted as reserved.
 * Frames are physical addresses; the kernel reaches them through the direct
 * map (page_virt()).
 *
 * Reclaim: holders of reclaimable pages (the buffer cache) register a
 * page_reclaimer and mark their pages; the page daemon runs a clock
 * (second-chance) scan over them when free memory falls below the low
 * water mark, until it is back above the high one.
 *
 * Single frames: each CPU keeps a list of free frames of the NORMAL zone
 * (up to PAGE_PCP_HIGH), filled from the provider and given back to it
 * PAGE_PCP_BATCH at a time through its alloc_batch/free_batch, so an
 * order-0 page_alloc()/page_free() is a pop or a push under that CPU's own
 * lock, outside the role lock. The provider counts those frames as in use;
 * page_stats() counts them as free. An allocation the provider cannot
 * serve first has every CPU's list given back, then is retried.
 */
#ifndef KERN_PAGE_H_
#define KERN_PAGE_H_

#include <stdbool.h>
#include <stdint.h>

#include <kern/bootmem.h>

/**
 * The version of struct page_ops this core speaks. Version 2 added
 * alloc_batch and free_batch; version-1 tables still load (those members
 * then count as NULL: no per-CPU lists).
 */
#define PAGE_OPS_VERSION 2
/** The oldest version of struct page_ops this core still loads. */
#define PAGE_OPS_VERSION_MIN 1

/** Frames a per-CPU list takes from, or gives back to, the provider at a time. */
#define PAGE_PCP_BATCH 32
/** Most frames on one CPU's list: a free that finds it full gives a batch back first. */
#define PAGE_PCP_HIGH 64
/** CPUs with a list of their own (a CPU beyond them calls the provider every time). */
#define PAGE_PCP_CPUS 8

#define PAGE_ZONE_DMA	 0 /**< Zone of frames below PAGE_DMA_LIMIT (old ISA DMA). */
#define PAGE_ZONE_NORMAL 1 /**< Zone of all other frames. */
#define PAGE_NZONES	 2 /**< Number of zones. */
/** End of the DMA zone: ISA DMA reaches only the first 16 MiB. */
#define PAGE_DMA_LIMIT (16ULL << 20)
/** Largest allocation order: blocks of 2^PAGE_MAX_ORDER frames (4 MiB). */
#define PAGE_MAX_ORDER 10

#define PAGE_ZERO 0x1 /**< page_alloc() flag: fill the frames with zeros. */
#define PAGE_DMA  0x2 /**< page_alloc() flag: take frames from the DMA zone only. */
/**
 * page_alloc() flag: a frame that can wait or do without: user memory (a
 * demand-zero or copy-on-write fault) and the growth of caches (the buffer
 * cache). Refused (0) while free memory is below the low water mark, which
 * stays for the kernel's own allocations (a journal commit's copies, the
 * page daemon's write-back); a fault then waits for the page daemon
 * (page_wait_reclaim()) and tries again, the buffer cache reuses a buffer.
 */
#define PAGE_NORESERVE 0x4

/** Counters of one zone, in frames. */
struct page_zone_stats {
	uint64_t total; /**< Frames the zone manages (free + in use). */
	uint64_t free;	/**< Frames free now. */
};

/** What page_stats() reports. */
struct page_stats {
	struct page_zone_stats zone[PAGE_NZONES]; /**< Per zone. */
	uint64_t boot_reserved; /**< Frames bootmem had handed out at the takeover. */
	uint64_t low_water;	/**< The daemon starts below this many free frames. */
	uint64_t high_water;	/**< ...and stops above this many. */
	uint64_t reclaimable;	/**< Frames marked reclaimable now. */
	uint64_t reclaimed;	/**< Frames the daemon has reclaimed so far. */
	uint64_t daemon_runs;	/**< Times the daemon ran. */
	uint64_t alloc_fails;	/**< Allocations that found nothing. */
};

/** A holder of reclaimable pages (the buffer cache, later the page cache). */
struct page_reclaimer {
	const char *name; /**< For statistics and messages. */
	/**
	 * @brief Give up a page the daemon chose.
	 * @param pa frame the holder marked reclaimable.
	 * @return true if the holder dropped it (the daemon then frees it),
	 *         false if it is busy (the clock passes over it).
	 */
	bool (*evict)(uint64_t pa);
};

/**
 * @brief Operations of a `page` provider.
 *
 * Calling context of every member: any, interrupt handlers included; no
 * member may sleep. The core's wrapper holds the page role's recursive
 * spinlock (interrupts masked on this CPU), so members never run
 * concurrently; a reclaimer's evict(), called from daemon_run(), runs under
 * it too and may call page wrappers again (the lock is recursive) but must
 * not sleep or call mem or vm. Members marked optional may be NULL: the
 * core then supplies its default.
 */
struct page_ops {
	uint32_t version; /**< Must be PAGE_OPS_VERSION. */
	/**
	 * @brief Take over all usable frames from the bootstrap allocator.
	 * @param bm bootmem; its free frames become free, its handed-out
	 *        frames in use. The provider may allocate its own bookkeeping
	 *        from @p bm first.
	 * @return 0, or a negative errno (registration then fails).
	 */
	int (*takeover)(struct bootmem *bm);
	/**
	 * @brief Allocate 2^order contiguous, naturally aligned frames.
	 * @param order 0 to PAGE_MAX_ORDER.
	 * @param flags PAGE_ZERO, PAGE_DMA.
	 * @return physical address, or 0 when none is free.
	 */
	uint64_t (*alloc)(unsigned order, unsigned flags);
	/**
	 * @brief Free a block from alloc (its reference count must be 1 or 0).
	 * @param pa physical address alloc returned.
	 * @param order the order it was allocated with.
	 */
	void (*free)(uint64_t pa, unsigned order);
	/**
	 * @brief Add a reference to a frame (sharing, copy-on-write).
	 * @param pa frame address.
	 * @return the new count.
	 */
	unsigned (*ref)(uint64_t pa);
	/**
	 * @brief Drop a reference; the frame (order 0) is freed at zero.
	 * @param pa frame address.
	 * @return the new count.
	 */
	unsigned (*unref)(uint64_t pa);
	/**
	 * @brief Read a frame's reference count.
	 * @param pa frame address.
	 * @return references (1 after alloc, 0 if free or not managed).
	 */
	unsigned (*refcount)(uint64_t pa);
	/**
	 * @brief Fill in statistics.
	 * @param st out.
	 */
	void (*stats)(struct page_stats *st);
	/**
	 * @brief Register a holder of reclaimable pages (optional).
	 * @param r the holder; must stay valid.
	 * @return an id (>= 0) for set_reclaimable, or a negative errno.
	 */
	int (*reclaimer_add)(const struct page_reclaimer *r);
	/**
	 * @brief Mark an allocated frame reclaimable by holder @p id, or not (-1) (optional).
	 * @param pa frame address.
	 * @param id reclaimer id, or -1 to unmark.
	 */
	void (*set_reclaimable)(uint64_t pa, int id);
	/**
	 * @brief Note a use of a reclaimable frame: the clock gives it a second chance (optional).
	 * @param pa frame address.
	 */
	void (*touch)(uint64_t pa);
	/**
	 * @brief Run the page daemon once: reclaim until above the high water mark (optional).
	 * @return frames reclaimed.
	 */
	uint64_t (*daemon_run)(void);
	/**
	 * @brief Allocate up to @p n single frames for a CPU's list (optional, version 2).
	 *
	 * Each frame is an order-0 block in use (one reference), as alloc(0, 0)
	 * returns it; all of the NORMAL zone (at or above PAGE_DMA_LIMIT). The
	 * provider need not reclaim to fill the batch. Left NULL (or in a
	 * version-1 table), together with free_batch: the core keeps no
	 * per-CPU lists and calls alloc/free for every frame.
	 * @param n frames wanted, 1 to PAGE_PCP_BATCH.
	 * @param pas out: their physical addresses.
	 * @return frames allocated (0 to @p n).
	 */
	unsigned (*alloc_batch)(unsigned n, uint64_t *pas);
	/**
	 * @brief Free single frames from a CPU's list, as free(pa, 0) would each (optional, version
	 * 2).
	 * @param pas physical addresses of order-0 blocks.
	 * @param n how many.
	 */
	void (*free_batch)(const uint64_t *pas, unsigned n);
};

/**
 * @brief Make the running module's table the `page` provider and hand it all memory.
 * @param ops the provider's table; must stay valid (providers are pinned).
 * @retval 0 registered; page_alloc() now serves every frame.
 * @retval -EINVAL wrong version or a mandatory member is NULL.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 * @return or the error of the provider's takeover.
 */
int page_register(const struct page_ops *ops);

/**
 * @brief Allocate 2^order contiguous frames (before `page` registers: from bootmem).
 * @param order 0 to PAGE_MAX_ORDER.
 * @param flags PAGE_ZERO, PAGE_DMA.
 * @return physical address, or 0 when memory is exhausted.
 */
uint64_t page_alloc(unsigned order, unsigned flags);

/**
 * @brief Free frames from page_alloc().
 *
 * A single NORMAL frame goes onto this CPU's list; the provider's checks
 * (a frame already free, or still shared) run when a batch reaches it.
 * @param pa physical address.
 * @param order the order allocated.
 */
void page_free(uint64_t pa, unsigned order);

/**
 * @brief Add a reference to a frame.
 * @param pa frame address.
 * @return the new count.
 */
unsigned page_ref(uint64_t pa);

/**
 * @brief Drop a reference to a frame, freeing it at zero.
 * @param pa frame address.
 * @return the new count.
 */
unsigned page_unref(uint64_t pa);

/**
 * @brief Read a frame's reference count.
 * @param pa frame address.
 * @return the count (a frame on a CPU's list of single frames reads 1:
 *         the provider counts it in use).
 */
unsigned page_refcount(uint64_t pa);

/**
 * @brief Fill in page statistics (zeros before `page` registers).
 * @param st out.
 */
void page_stats(struct page_stats *st);

/**
 * @brief A cache that gives memory back when it is short, from thread
 *        context (the page cache of files): unlike a page_reclaimer, whose
 *        evict() runs under the page role's spinlock, it may sleep and take
 *        its own locks.
 */
struct page_shrinker {
	const char *name; /**< For messages. */
	/**
	 * @brief Free up to @p want frames the holder can do without.
	 *
	 * Context: a thread that may sleep, holding no page or mem lock;
	 * possibly under the vm role's lock (a page fault short of memory).
	 * @param want frames wanted.
	 * @return frames freed.
	 */
	uint64_t (*shrink)(uint64_t want);
	/**
	 * @brief Optional: write back dirty pages (a file's pages written
	 *        through mappings), so that a later shrink can free them.
	 *
	 * Context: the page daemon's own thread only, holding no lock.
	 * @param want frames the daemon is short of.
	 * @return pages written (0 when nothing was dirty).
	 */
	uint64_t (*writeback)(uint64_t want);
};

/**
 * @brief Register a shrinker (called by the page daemon below the low
 *        water mark, and by page_shrink()).
 * @param s the shrinker; must stay valid.
 * @retval 0 registered. @retval -ENOSPC the table (8) is full.
 * @retval -EINVAL @p s or its member is NULL.
 */
int page_shrinker_add(const struct page_shrinker *s);

/**
 * @brief Ask every shrinker for frames, in order, until @p want came back.
 *
 * Context: a thread that may sleep (a page fault's retry, the daemon).
 * @param want frames wanted.
 * @return frames the shrinkers freed.
 */
uint64_t page_shrink(uint64_t want);

/**
 * @brief Pages the page daemon has written back so far (page_writeback()).
 * @return the count since boot.
 */
uint64_t page_written_back(void);

/**
 * @brief Wake the page daemon and wait for its next pass (at most 5 s),
 *        for an allocation that found nothing (a page fault short of memory
 *        retries after it).
 *
 * Context: a thread that may sleep, holding no lock the daemon's
 * shrinkers take (a fault's caller holds none once the vm's lock is let go).
 * @retval 1 the pass freed or wrote back pages, or free memory is above
 *         the low water mark now (others freed some meanwhile): trying
 *         again may succeed.
 * @retval 0 memory is still short and the pass found nothing to give back.
 */
int page_wait_reclaim(void);

/**
 * @brief Register a holder of reclaimable pages.
 * @param r the holder; must stay valid.
 * @return an id, or -ENOSYS if the provider has no reclaim.
 */
int page_reclaimer_add(const struct page_reclaimer *r);

/**
 * @brief Mark a frame reclaimable by a holder, or not.
 * @param pa frame address.
 * @param id reclaimer id from page_reclaimer_add(), or -1.
 */
void page_set_reclaimable(uint64_t pa, int id);

/**
 * @brief Note a use of a reclaimable frame.
 * @param pa frame address.
 */
void page_touch(uint64_t pa);

/**
 * @brief Run the page daemon's scan once.
 * @return frames reclaimed.
 */
uint64_t page_daemon_run(void);

/**
 * @brief Give every CPU's list of single frames back to the provider.
 *
 * page_alloc() does it when the provider finds nothing, before failing.
 * Does nothing when called under the page role's lock (from a provider
 * or a reclaimer's evict): the lists' locks come before that one.
 * @return frames given back.
 */
uint64_t page_pcp_drain(void);

/**
 * @brief Count the frames on the CPUs' lists of single frames.
 * @return frames (free, and counted as free by page_stats()).
 */
uint64_t page_pcp_cached(void);

/**
 * @brief Return the kernel address of a frame (through the direct map).
 * @param pa physical address.
 * @return the virtual address.
 */
void *page_virt(uint64_t pa);

/**
 * @brief Return the physical address of a direct-map address.
 * @param va an address page_virt() returned.
 * @return the physical address.
 */
uint64_t page_phys(const void *va);

/**
 * @brief Name the provider running.
 * @return the module name, or "bootmem" before the takeover.
 */
const char *page_provider(void);

#endif /* KERN_PAGE_H_ */
