/**
 * @file core/kva.h
 * @brief Kernel virtual ranges with guard pages: one arena per area of the
 *        kernel half (module area, kernel stacks, kernel heap).
 * @ingroup vm
 *
 * An arena hands out page-aligned ranges of its area first-fit from a
 * sorted table of free ranges; a freed range is merged with the free
 * ranges it touches and reused. Each range is followed by one unmapped
 * guard page, and the area's first page is a guard too, so every range has
 * an unmapped page on both sides: a stack that overflows downwards and a
 * buffer overrun upwards both fault at once. The arena only manages
 * addresses; kva_map() and kva_unmap() put frames behind them.
 *
 * Arithmetic never forms an end address, so an area may end at the very
 * top of the address space, and a range that ends exactly at the area's end
 * leaves no room above it. Each arena has a spinlock; mapping happens
 * outside it, on a range the caller owns.
 */
#ifndef CORE_KVA_H_
#define CORE_KVA_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>

/** Free ranges an arena can keep apart (freeing into a full table loses the range). */
#define KVA_MAX_FREE 128

/** A free range: @c len bytes from @c base. */
struct kva_range {
	uint64_t base; /**< First address. */
	uint64_t len;  /**< Bytes; 0 for none. */
};

/** An arena; define one with KVA_ARENA_INIT. */
struct kva_arena {
	struct spinlock lock;		     /**< Protects everything below. */
	uint64_t base;			     /**< First address of the area. */
	uint64_t size;			     /**< Bytes of the area. */
	uint64_t page;			     /**< Page size: the unit and the guard. */
	uint64_t used;			     /**< Bytes handed out, guards included. */
	uint64_t lost;			     /**< Bytes freed into a full table (never reused). */
	unsigned nfree;			     /**< Entries of free[] in use. */
	struct kva_range free[KVA_MAX_FREE]; /**< Free ranges by address, never adjacent. */
};

/**
 * @brief Static initialiser of an arena over [@p b, @p b + @p sz).
 * @param n name of the arena (for its lock).
 * @param b first address, a multiple of @p pg.
 * @param sz bytes, a multiple of @p pg, at least two pages.
 * @param pg page size in bytes (a power of two).
 */
#define KVA_ARENA_INIT(n, b, sz, pg)                                                               \
	{                                                                                          \
		.lock = SPINLOCK_INIT(n), .base = (b), .size = (sz), .page = (pg), .nfree = 1,     \
		.free = { { .base = (b) + (pg), .len = (sz) - (pg) } },                            \
	}

/**
 * @brief Take a range of an arena, followed by its guard page.
 * @param a the arena.
 * @param size bytes, a non-zero multiple of the arena's page size.
 * @param va out: first address of the range (@p size bytes, then the guard).
 * @retval 0 done.
 * @retval -EINVAL @p size is 0 or not a multiple of the page size.
 * @retval -ENOMEM no free range is large enough.
 */
int kva_alloc(struct kva_arena *a, uint64_t size, uint64_t *va);

/**
 * @brief Give a range back to its arena.
 * @param a the arena it came from.
 * @param va what kva_alloc() returned.
 * @param size the size given to kva_alloc(); the range must be unmapped.
 */
void kva_free(struct kva_arena *a, uint64_t va, uint64_t size);

/**
 * @brief Map fresh frames read-write (never executable) over a range.
 * @param va first address, page-aligned, in a range from kva_alloc().
 * @param npages pages to map.
 * @param frame_alloc returns a frame's physical address, or 0 when out of frames.
 * @param frame_free takes back a frame from @p frame_alloc.
 * @retval 0 mapped.
 * @retval -ENOMEM out of frames or page tables; nothing stays mapped.
 */
int kva_map(uint64_t va, size_t npages, uint64_t (*frame_alloc)(void),
	    void (*frame_free)(uint64_t pa));

/**
 * @brief Unmap a range and give its frames back.
 * @param va first address, page-aligned.
 * @param npages pages (unmapped ones are skipped).
 * @param frame_free takes back each frame that was mapped.
 */
void kva_unmap(uint64_t va, size_t npages, void (*frame_free)(uint64_t pa));

#endif /* CORE_KVA_H_ */
