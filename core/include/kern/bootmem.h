/**
 * @file kern/bootmem.h
 * @brief The bootstrap frame allocator: physical pages before `page` runs.
 * @ingroup core
 *
 * Built from the multiboot2 memory map minus the kernel image, the boot
 * modules, the boot information and the first megabyte. It hands out
 * page frames from the bottom of each free range upwards, the lowest range
 * first, so what it handed out is, per range, one contiguous block: the
 * `page` module takes over and knows exactly which frames are in use.
 * Bottom-up keeps the boot structures (frame records, module area, page
 * tables) away from the top of memory, where GRUB's heap and code were:
 * under QEMU's TCG every store to a page that still holds translated code
 * takes a slow path.
 */
#ifndef KERN_BOOTMEM_H_
#define KERN_BOOTMEM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>

/** Maximum number of distinct free ranges kept. */
#define BOOTMEM_MAX_RANGES 64

/** One range of usable RAM: [start, base) handed out, [base, end) free. */
struct bootmem_range {
	uint64_t start; /**< First byte (page-aligned). */
	uint64_t base;	/**< Start of the part still free (page-aligned). */
	uint64_t end;	/**< End of the range, exclusive (page-aligned). */
};

/** Allocator state; zero it with bootmem_init(). */
struct bootmem {
	struct bootmem_range r[BOOTMEM_MAX_RANGES]; /**< Ranges sorted by address. */
	unsigned n;				    /**< Ranges in use. */
	unsigned dropped;			    /**< Ranges lost to a full table. */
};

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
