/**
 * @file kern/bootmem.h
 * @brief The bootstrap frame allocator: physical pages before `page` runs.
 * @ingroup core
 *
 * Built from the multiboot2 memory map minus the kernel image, the boot
 * modules, the boot information and the first megabyte. It hands out
 * page frames from the top of each free range downwards, so what it handed
 * out is, per range, one contiguous block: the `page` module takes over
 * with bootmem_ranges() and knows exactly which frames are in use.
 */
#ifndef KERN_BOOTMEM_H_
#define KERN_BOOTMEM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>

/** Maximum number of distinct free ranges kept. */
#define BOOTMEM_MAX_RANGES 64

/** One range of usable RAM: [start, top) is free, [top, end) handed out. */
struct bootmem_range {
	uint64_t start; /**< First byte (page-aligned). */
	uint64_t top;	/**< End of the part still free (page-aligned). */
	uint64_t end;	/**< End of the range, exclusive (page-aligned). */
};

/** Allocator state; zero it with bootmem_init(). */
struct bootmem {
	struct bootmem_range r[BOOTMEM_MAX_RANGES]; /**< Ranges sorted by address. */
	unsigned n;				    /**< Ranges in use. */
	unsigned dropped;			    /**< Ranges lost to a full table. */
};

/**
 * @brief Start with no memory.
 * @param bm allocator to reset.
 */
void bootmem_init(struct bootmem *bm);

/**
 * @brief Add usable RAM; the range is shrunk inwards to whole frames.
 *
 * Frame 0 is never added, so that 0 can mean failure.
 * Overlaps with ranges already added are merged.
 * @param bm allocator.
 * @param start first byte.
 * @param end one past the last byte.
 * @retval 0 added (or nothing left after rounding).
 * @retval -ENOSPC the range table is full; the range is counted in `dropped`.
 */
int bootmem_add(struct bootmem *bm, uint64_t start, uint64_t end);

/**
 * @brief Remove a range from the free memory (kernel, modules, boot info).
 *
 * Call before the first allocation. The range is widened outwards to whole
 * frames; a range may be split in two.
 * @param bm allocator.
 * @param start first byte.
 * @param end one past the last byte.
 * @retval 0 done.
 * @retval -ENOSPC a split needed a slot and the table is full (the upper
 *         part of the split range is dropped, which loses memory but never
 *         hands out a reserved frame).
 */
int bootmem_reserve(struct bootmem *bm, uint64_t start, uint64_t end);

/**
 * @brief Allocate contiguous frames below an address limit.
 * @param bm allocator.
 * @param nframes number of frames, at least 1.
 * @param limit the frames must end at or below this physical address.
 * @return physical address of the first frame, or 0 if none fit.
 */
uint64_t bootmem_alloc(struct bootmem *bm, uint64_t nframes, uint64_t limit);

/**
 * @brief Count free bytes.
 * @param bm allocator.
 * @return bytes not yet handed out.
 */
uint64_t bootmem_free_bytes(const struct bootmem *bm);

/**
 * @brief Count bytes handed out.
 * @param bm allocator.
 * @return bytes allocated since bootmem_init().
 */
uint64_t bootmem_used_bytes(const struct bootmem *bm);

/**
 * @brief Highest address of usable RAM.
 * @param bm allocator.
 * @return end of the last range, or 0 with no memory.
 */
uint64_t bootmem_max_addr(const struct bootmem *bm);

#endif /* KERN_BOOTMEM_H_ */
