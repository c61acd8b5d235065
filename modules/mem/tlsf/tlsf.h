/**
 * @file mem/tlsf/tlsf.h
 * @brief Private interface of the TLSF allocator, the alternate `mem` provider.
 * @ingroup mem
 *
 * TLSF (Masmano, Ripoll, Crespo, Real, ECRTS 2004): a two-level segregated
 * fit. Free blocks sit on lists indexed by (first level = the power of two
 * of the size, second level = one of TLSF_SL_COUNT subdivisions of it);
 * two levels of bitmaps find a non-empty list that is large enough with two
 * find-first-set instructions, so malloc and free run in constant time.
 * Boundary tags (a pointer to the physically previous block, and flags in
 * the size word) give immediate coalescing on free.
 *
 * The heap grows by taking areas of 2^order pages from the backend and
 * gives wholly free areas back when trimmed. The heap core (tlsf.c) has no
 * locks: the caller (tlsf_ops.c) holds one lock around it, which also
 * covers the object caches and the counters.
 */
#ifndef MEM_TLSF_TLSF_H_
#define MEM_TLSF_TLSF_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>

#include <kern/mem.h>

/** Largest order the backend gives (2^10 pages, 4 MiB). */
#define TLSF_MAX_ORDER 10
/** Order of the smallest area the heap takes (64 KiB). */
#define TLSF_AREA_ORDER 4
/** Granularity and minimum alignment of payloads, in bytes. */
#define TLSF_ALIGN 16
/** Largest payload the heap can ever hand out, in bytes. */
#define TLSF_MAX_SIZE ((PAGE_SIZE << TLSF_MAX_ORDER) - 2 * PAGE_SIZE)
/** Value of the bytes of free blocks in poison mode. */
#define TLSF_POISON 0x6b
/**
 * Poison mode: bytes at the start of a free payload that are not poison
 * (the free-list links and the tag of the last free).
 */
#define TLSF_POISON_SKIP 24

/** How the allocator locks; the kernel's or a test's. */
struct tlsf_sync {
	/**
	 * @brief Take the lock.
	 * @param lk the lock object (64 bytes, all zero when first used).
	 */
	void (*lock)(void *lk);
	/**
	 * @brief Release the lock.
	 * @param lk the lock object.
	 */
	void (*unlock)(void *lk);
};

/** The table of the TLSF allocator. */
extern const struct mem_ops tlsf_mem_ops;

/**
 * @brief Initialise the allocator; forgets any previous state.
 * @param be page source and fatal hook; must stay valid.
 * @param sync lock hooks; must stay valid.
 * @param debug turn on red zones, poisoning and free checks.
 * @retval 0 ready; tlsf_mem_ops may be used.
 * @retval -EINVAL a pointer or a member is NULL.
 */
int tlsf_setup(const struct mem_backend *be, const struct tlsf_sync *sync, bool debug);

/** @brief Give every wholly free area back to the backend. */
void tlsf_reap(void);

/* The heap core (tlsf.c); every call is made with the lock held. */

/** Where an address lies in the heap (tlsf_heap_locate()). */
enum tlsf_where {
	TLSF_OUTSIDE, /**< Not in any block's payload. */
	TLSF_IN_FREE, /**< In the payload of a free block. */
	TLSF_IN_USED, /**< In the payload of a used block. */
};

/**
 * @brief Reset the heap (forgets areas without giving them back).
 * @param be page source.
 * @param poison keep free payloads filled with TLSF_POISON.
 */
void tlsf_heap_init(const struct mem_backend *be, bool poison);

/**
 * @brief Allocate a payload.
 * @param size bytes, at most TLSF_MAX_SIZE.
 * @param align power of two from TLSF_ALIGN to PAGE_SIZE.
 * @param off the address payload + @p off is aligned to @p align (a multiple of 16).
 * @return the payload, or NULL when the backend is out of pages.
 */
void *tlsf_heap_alloc(size_t size, size_t align, size_t off);

/**
 * @brief Free a payload, coalescing with free neighbours.
 * @param payload from tlsf_heap_alloc(), not free.
 * @param tag poison mode: stored after the links of the resulting free block.
 */
void tlsf_heap_free(void *payload, uintptr_t tag);

/**
 * @brief Return the usable size of a payload.
 * @param payload a used payload.
 * @return bytes (at least what was asked).
 */
size_t tlsf_heap_usable(const void *payload);

/**
 * @brief Tell whether the block of a payload is marked free.
 * @param payload a payload pointer (its header is read).
 * @return true if free.
 */
bool tlsf_heap_is_free(const void *payload);

/**
 * @brief Return the tag a free stored at the start of a payload (poison mode).
 * @param payload a payload of at least TLSF_POISON_SKIP bytes.
 * @return the tag.
 */
uintptr_t tlsf_heap_tag(const void *payload);

/**
 * @brief Find the block whose payload holds an address (walks one area).
 * @param addr any address.
 * @param payload out: that block's payload, if not TLSF_OUTSIDE.
 * @return where @p addr lies.
 */
enum tlsf_where tlsf_heap_locate(const void *addr, void **payload);

/**
 * @brief Give every wholly free area back to the backend.
 * @return pages given back.
 */
size_t tlsf_heap_trim(void);

/**
 * @brief Return the bytes taken from the backend.
 * @return bytes.
 */
uint64_t tlsf_heap_held(void);

#endif /* MEM_TLSF_TLSF_H_ */
