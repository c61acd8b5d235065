/**
 * @file core/bootmem.h
 * @brief The bootstrap frame allocator's setup, for the core's boot code (kern/bootmem.h has what
 * the page provider uses).
 * @ingroup core
 */
#ifndef CORE_BOOTMEM_H_
#define CORE_BOOTMEM_H_

#include <stdint.h>
#include <kern/bootmem.h>

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

#endif /* CORE_BOOTMEM_H_ */
