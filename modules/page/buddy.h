/**
 * @file page/buddy.h
 * @brief Private interface of the buddy `page` provider: frame records,
 *        zones, free lists, reclaim state.
 * @ingroup page
 *
 * Every function takes the allocator state explicitly, so the host tests
 * can build as many allocators as they like; the module itself has one
 * instance, behind buddy_page_ops (buddy_ops.c).
 *
 * Frames are named three ways: by physical address (pa), by page frame
 * number (pfn = pa / PAGE_SIZE) and by index into the record array
 * (idx = pfn - base_pfn). Blocks are naturally aligned in pfn space.
 */
#ifndef PAGE_BUDDY_H_
#define PAGE_BUDDY_H_

#include <stdbool.h>
#include <stdint.h>

#include <kern/bootmem.h>
#include <kern/page.h>

#define BUDDY_FREE	  0x01 /**< Frame flag: part of a free block. */
#define BUDDY_HEAD	  0x02 /**< Frame flag: first frame of a block (free or in use). */
#define BUDDY_RECLAIMABLE 0x04 /**< Frame flag: block head a reclaimer may give up. */
#define BUDDY_REFERENCED  0x08 /**< Frame flag: used since the clock hand last passed. */
#define BUDDY_RESERVED	  0x10 /**< Frame flag: never allocated or freed (hole, records). */

/** Index meaning "no frame" in the free-list links. */
#define BUDDY_NIL UINT32_MAX
/** Largest number of frames one allocator manages (indexes are 32-bit). */
#define BUDDY_MAX_FRAMES (UINT32_MAX - 1ULL)
/** Number of reclaimers that can register. */
#define BUDDY_MAX_RECLAIMERS 8
/** Number of allocation orders (0 to PAGE_MAX_ORDER). */
#define BUDDY_NORDERS (PAGE_MAX_ORDER + 1)

/**
 * @brief The record of one physical frame.
 *
 * A block of 2^order frames in use: the head has BUDDY_HEAD, the reference
 * count and the reclaim state; every frame of it has the block's order, so
 * the head of any frame is its pfn rounded down to that order. A free
 * block: every frame has BUDDY_FREE, the head also BUDDY_HEAD, its order
 * and the list links.
 *
 * The free lists link frames by 32-bit index into the record array, not
 * through a struct list_node (kern/list.h): there is one record per 4 KiB
 * frame, and two pointers would make it 24 bytes instead of 16.
 */
struct page_frame {
	uint32_t refcount; /**< References to the block (head only); 0 when free. */
	uint8_t order;	   /**< Order of the block the frame belongs to. */
	uint8_t zone;	   /**< PAGE_ZONE_DMA or PAGE_ZONE_NORMAL, by address. */
	uint8_t flags;	   /**< BUDDY_FREE, BUDDY_HEAD... */
	int8_t reclaimer;  /**< Reclaimer id of a reclaimable head, else -1. */
	uint32_t next;	   /**< Next free block of the same order and zone, or BUDDY_NIL. */
	uint32_t prev;	   /**< Previous one, or BUDDY_NIL. */
};

/** The free lists and counts of one zone. */
struct buddy_zone {
	uint32_t head[BUDDY_NORDERS];	 /**< First free block per order, or BUDDY_NIL. */
	uint64_t nblocks[BUDDY_NORDERS]; /**< Free blocks per order. */
	uint64_t total;			 /**< Frames managed (free + in use). */
	uint64_t free;			 /**< Frames free now. */
};

/** The whole allocator state. */
struct buddy {
	struct page_frame *frames;	     /**< Record array (in memory taken from bootmem). */
	uint64_t base_pfn;		     /**< pfn of frames[0]: the lowest managed frame. */
	uint32_t nframes;		     /**< Records: lowest to highest managed frame. */
	void *(*virt)(uint64_t pa);	     /**< Kernel address of a physical address. */
	struct buddy_zone zone[PAGE_NZONES]; /**< Per zone. */
	uint64_t managed;		     /**< Frames in usable RAM (not holes). */
	uint64_t boot_reserved; /**< Frames bootmem had handed out before the takeover. */
	uint64_t meta_pa;	/**< Physical address of the record array. */
	uint64_t meta_frames;	/**< Frames the record array occupies. */
	uint64_t low_water;	/**< The daemon is kicked below this many free frames. */
	uint64_t high_water;	/**< It stops above this many. */
	uint64_t reclaimable;	/**< Frames in blocks marked reclaimable. */
	uint64_t reclaimed;	/**< Frames the daemon has freed so far. */
	uint64_t daemon_runs;	/**< Times the daemon ran. */
	uint64_t alloc_fails;	/**< Allocations that found nothing, even after reclaim. */
	uint64_t bad_frees;	/**< Refused frees and unrefs (a caller's bug). */
	const struct page_reclaimer *reclaimers[BUDDY_MAX_RECLAIMERS]; /**< By id. */
	unsigned nreclaimers; /**< Reclaimers registered. */
	uint32_t hand;	      /**< Clock hand: next record index the daemon visits. */
	bool in_daemon;	      /**< The daemon is running (no nested runs). */
};

/* buddy_frames.c: records and free lists */

/**
 * @brief Find the record of a physical address.
 * @param b allocator.
 * @param pa any address inside the frame.
 * @return the record, or NULL if the frame is outside the managed range.
 */
struct page_frame *buddy_frame(struct buddy *b, uint64_t pa);

/**
 * @brief Return the physical address of a record index.
 * @param b allocator.
 * @param idx index, below b->nframes.
 * @return the frame's physical address.
 */
uint64_t buddy_idx_pa(const struct buddy *b, uint32_t idx);

/**
 * @brief Return the zone a physical address belongs to.
 * @param pa physical address.
 * @return PAGE_ZONE_DMA below PAGE_DMA_LIMIT, else PAGE_ZONE_NORMAL.
 */
unsigned buddy_zone_of(uint64_t pa);

/**
 * @brief Put a block whose frames are marked free on its free list.
 *
 * Makes the first frame the head (BUDDY_FREE | BUDDY_HEAD, @p order);
 * the zone's free count is the caller's business.
 * @param b allocator.
 * @param idx index of the first frame; naturally aligned in pfn space.
 * @param order 0 to PAGE_MAX_ORDER.
 */
void buddy_list_insert(struct buddy *b, uint32_t idx, unsigned order);

/**
 * @brief Mark every frame of a block free (no head, no list, no counts).
 * @param b allocator.
 * @param idx index of the first frame.
 * @param order the block's order.
 */
void buddy_mark_free(struct buddy *b, uint32_t idx, unsigned order);

/**
 * @brief Take a free block off its free list (its frames stay marked free;
 *        the zone's free count is the caller's business).
 * @param b allocator.
 * @param idx index of the block's head.
 */
void buddy_list_unlink(struct buddy *b, uint32_t idx);

/**
 * @brief Mark a block in use: one reference, no reclaim state.
 * @param b allocator.
 * @param idx index of the first frame.
 * @param order the block's order.
 */
void buddy_mark_used(struct buddy *b, uint32_t idx, unsigned order);
/**
 * @brief Mark each of @p n frames a single-frame block in use (one
 *        reference) and list their addresses (a batch for the core).
 * @param b allocator.
 * @param idx index of the first frame; the n frames lie in one zone.
 * @param n frames.
 * @param pas out: their physical addresses, in order.
 */
void buddy_mark_singles(struct buddy *b, uint32_t idx, uint32_t n, uint64_t *pas);
/**
 * @brief Mark frames that are no RAM the allocator manages (holes between
 *        ranges): reserved, never free, never freed.
 * @param b the allocator. @param idx first record. @param n records.
 */
void buddy_mark_reserved(struct buddy *b, uint32_t idx, uint32_t n);

/**
 * @brief Find the head of the in-use block holding a frame.
 * @param b allocator.
 * @param pa any address inside the block.
 * @return the head's record, or NULL if the frame is free, reserved or not managed.
 */
struct page_frame *buddy_used_head(struct buddy *b, uint64_t pa);

/**
 * @brief Return the record index of a record.
 * @param b allocator.
 * @param f a record of @p b.
 * @return its index.
 */
uint32_t buddy_frame_idx(const struct buddy *b, const struct page_frame *f);

/* buddy_alloc.c: allocation, freeing, references, statistics */

/**
 * @brief Allocate without reclaiming: split the smallest fitting free block.
 * @param b allocator.
 * @param order 0 to PAGE_MAX_ORDER.
 * @param flags PAGE_DMA restricts to the DMA zone; otherwise NORMAL, then DMA.
 * @return physical address, or 0 if no zone has a large enough block.
 */
uint64_t buddy_alloc_block(struct buddy *b, unsigned order, unsigned flags);

/**
 * @brief Free an in-use block and merge it with its free buddies.
 * @param b allocator.
 * @param idx index of the block's head.
 */
void buddy_free_block(struct buddy *b, uint32_t idx);

/**
 * @brief Allocate 2^order naturally aligned frames; reclaim once if none is free.
 * @param b allocator.
 * @param order 0 to PAGE_MAX_ORDER.
 * @param flags PAGE_ZERO, PAGE_DMA.
 * @return physical address, or 0 when memory is exhausted.
 */
uint64_t buddy_alloc(struct buddy *b, unsigned order, unsigned flags);

/**
 * @brief Free a block from buddy_alloc().
 * @param b allocator.
 * @param pa the address buddy_alloc() returned.
 * @param order the order it was allocated with.
 * @retval 0 freed.
 * @retval -EINVAL not the head of an in-use block of that order (nothing done).
 * @retval -EBUSY the block has more than one reference (nothing done).
 */
int buddy_free(struct buddy *b, uint64_t pa, unsigned order);

/**
 * @brief Allocate up to @p n single frames of the NORMAL zone, for the core's per-CPU lists.
 *
 * Takes the largest blocks that fit (one block of 32 frames when there is
 * one) and cuts them into order-0 blocks in use; no reclaim, but the
 * daemon is kicked as after any allocation.
 * @param b allocator.
 * @param n frames wanted.
 * @param pas out: their addresses.
 * @return frames allocated (0 to @p n).
 */
unsigned buddy_alloc_batch(struct buddy *b, unsigned n, uint64_t *pas);

/**
 * @brief Free single frames, each as buddy_free(b, pa, 0) (refusals are counted).
 * @param b allocator.
 * @param pas addresses of order-0 blocks.
 * @param n how many.
 */
void buddy_free_batch(struct buddy *b, const uint64_t *pas, unsigned n);

/**
 * @brief Add a reference to the block holding a frame.
 * @param b allocator.
 * @param pa any address in an in-use block.
 * @return the new count; 0 if the frame is not in use.
 */
unsigned buddy_ref(struct buddy *b, uint64_t pa);

/**
 * @brief Drop a reference; free the whole block at zero.
 * @param b allocator.
 * @param pa any address in an in-use block.
 * @return the new count; 0 also if the frame was not in use.
 */
unsigned buddy_unref(struct buddy *b, uint64_t pa);

/**
 * @brief Read the reference count of the block holding a frame.
 * @param b allocator.
 * @param pa any address.
 * @return references; 0 if the frame is free or not managed.
 */
unsigned buddy_refcount(struct buddy *b, uint64_t pa);

/**
 * @brief Count free frames in all zones.
 * @param b allocator.
 * @return frames.
 */
uint64_t buddy_free_frames(const struct buddy *b);

/**
 * @brief Fill in statistics.
 * @param b allocator.
 * @param st out.
 */
void buddy_stats(const struct buddy *b, struct page_stats *st);

/* buddy_takeover.c */

/**
 * @brief Build the allocator from the bootstrap allocator.
 *
 * Takes the record array from @p bm, then frees every frame of each
 * range's free part [start, top) in the largest aligned blocks and counts
 * the part bootmem handed out, [top, end), as in use (one reference each,
 * freeable one frame at a time).
 * @param b allocator to (re)initialise; its previous state is forgotten.
 * @param bm the bootstrap allocator; one allocation is made from it.
 * @param virt kernel address of a physical address (the direct map).
 * @retval 0 done.
 * @retval -EINVAL @p virt is NULL.
 * @retval -ENOMEM @p bm has no memory, or none for the record array.
 * @retval -EOVERFLOW the frame range exceeds BUDDY_MAX_FRAMES.
 */
int buddy_takeover(struct buddy *b, struct bootmem *bm, void *(*virt)(uint64_t pa));

/* buddy_reclaim.c */

/**
 * @brief Set the water marks from the number of managed frames.
 * @param b allocator with b->managed set.
 */
void buddy_set_watermarks(struct buddy *b);

/**
 * @brief Register a holder of reclaimable pages.
 * @param b allocator.
 * @param r the holder; must stay valid.
 * @return its id (0 to BUDDY_MAX_RECLAIMERS - 1).
 * @retval -EINVAL @p r or its evict is NULL.
 * @retval -ENOSPC BUDDY_MAX_RECLAIMERS are registered.
 */
int buddy_reclaimer_add(struct buddy *b, const struct page_reclaimer *r);

/**
 * @brief Mark the in-use block at @p pa reclaimable by holder @p id, or not.
 * @param b allocator.
 * @param pa head of an in-use block (other frames are ignored).
 * @param id a registered reclaimer id, or -1 to unmark.
 */
void buddy_set_reclaimable(struct buddy *b, uint64_t pa, int id);

/**
 * @brief Give a reclaimable block a second chance at the next clock pass.
 * @param b allocator.
 * @param pa head of a block marked reclaimable.
 */
void buddy_touch(struct buddy *b, uint64_t pa);

/**
 * @brief Forget a block's reclaim state (before it is freed).
 * @param b allocator.
 * @param f the block's head.
 */
void buddy_reclaim_forget(struct buddy *b, struct page_frame *f);

/**
 * @brief Run the clock until free frames exceed the high water mark.
 *
 * Stops early after two full turns of the hand or when nothing is
 * reclaimable. Nested calls (from an evict callback) return 0.
 * @param b allocator.
 * @return frames reclaimed.
 */
uint64_t buddy_daemon_run(struct buddy *b);

/**
 * @brief Run the daemon if free frames fell below the low water mark.
 * @param b allocator.
 */
void buddy_daemon_kick(struct buddy *b);

/* buddy_ops.c */

/** The `page` role table of this provider (uses one static allocator). */
extern const struct page_ops buddy_page_ops;

/**
 * @brief Set the direct-map hook buddy_page_ops's takeover will use.
 * @param virt kernel address of a physical address (page_virt() in the kernel).
 */
void buddy_page_set_virt(void *(*virt)(uint64_t pa));

/**
 * @brief Return the allocator behind buddy_page_ops (for statistics and tests).
 * @return the static instance.
 */
struct buddy *buddy_page_state(void);

#endif /* PAGE_BUDDY_H_ */
