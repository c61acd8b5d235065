/**
 * @file vm_region.h
 * @brief The region set of an address space: what is mapped where, and how.
 * @ingroup vm
 *
 * Private to the `vm` module. An address space is a set of regions, each a
 * page-aligned range [start, end) with one protection, one kind (private or
 * shared, anonymous or backed by an object) and, when backed, the offset in
 * the object of its first byte. The vm module keeps one set per process and
 * consults it for mmap, munmap, mprotect, fork and every page fault.
 *
 * The set is an AVL tree keyed by address: find() is O(log n) and a region
 * never moves in memory while it exists, so the pointer find() returns stays
 * valid until an operation on the set removes or merges that region.
 *
 * Regions are kept sorted, disjoint and maximally merged: after an insert or
 * a protect, two adjacent regions with the same protection, flags and object
 * whose offsets are contiguous become one (the offsets are compared only when
 * the object is not NULL: pure anonymous memory has no offset to keep). So
 * repeated anonymous mmaps side by side grow one region, as on other Unixes.
 *
 * The set does no locking; its owner (the address space) serialises calls.
 * It never touches page tables either: remove and destroy hand every piece
 * they drop to a callback so that the caller can unmap its pages.
 */
#ifndef VM_VM_REGION_H_
#define VM_VM_REGION_H_

#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/prot.h>

/** Every protection bit a region may carry (VM_* of <kern/prot.h>). */
#define VM_PROT_ALL (VM_READ | VM_WRITE | VM_EXEC)

#define VM_REGION_SHARED   0x1	/**< Writes are shared with other mappings (else private). */
#define VM_REGION_GUARD	   0x2	/**< Guard region: no access ever; prot is 0 and cannot change. */
#define VM_REGION_STACK	   0x4	/**< Informational: the region is a stack. */
#define VM_REGION_ANON	   0x8	/**< Zero-filled memory (else backed by `object`). */
#define VM_REGION_SEQ	   0x10 /**< Advice: read sequentially (a fault reads pages ahead). */
#define VM_REGION_DONTFORK 0x20 /**< Advice: a fork's child does not get the region. */
/** The flags advice sets and clears (vm_regions_mark()). */
#define VM_REGION_HINTS (VM_REGION_SEQ | VM_REGION_DONTFORK)
/** Every valid region flag. */
#define VM_REGION_FLAGS_ALL                                                                        \
	(VM_REGION_SHARED | VM_REGION_GUARD | VM_REGION_STACK | VM_REGION_ANON | VM_REGION_HINTS)

/** One mapped range of an address space. */
struct vm_region {
	uint64_t start;		  /**< First byte (page-aligned). */
	uint64_t end;		  /**< One past the last byte (page-aligned, > start). */
	unsigned prot;		  /**< VM_* bits of <kern/prot.h>. */
	unsigned flags;		  /**< VM_REGION_* bits. */
	void *object;		  /**< Backing object (not owned by the set), or NULL. */
	uint64_t offset;	  /**< Offset in @c object of @c start, in bytes (page-aligned). */
	struct vm_region *left;	  /**< Tree link (vm_region_tree.c only): lower regions. */
	struct vm_region *right;  /**< Tree link (vm_region_tree.c only): higher regions. */
	struct vm_region *parent; /**< Tree link (vm_region_tree.c only): NULL at the root. */
	int height;		  /**< Tree link (vm_region_tree.c only): subtree height, >= 1. */
};

/** A set of regions; set it up with vm_regions_init(). */
struct vm_regions {
	struct vm_region *root; /**< Root of the AVL tree, NULL when empty. */
	size_t count;		/**< Number of regions in the set. */
	/**
	 * @brief Allocate memory for one region.
	 * @param size bytes, sizeof(struct vm_region).
	 * @return the memory, or NULL (the operation then fails with -ENOMEM).
	 */
	void *(*alloc)(size_t size);
	/**
	 * @brief Give back memory that @c alloc returned.
	 * @param p the memory, never NULL.
	 */
	void (*free)(void *p);
};

/**
 * @brief Called with each piece of a region that is removed.
 *
 * For a region removed whole, @p piece is the region itself; for a part,
 * a temporary copy describing just that part (its @c offset adjusted).
 * It must not call back into the set.
 * @param arg the caller's argument, passed through.
 * @param piece the removed range; valid only during the call.
 */
typedef void vm_region_drop_fn(void *arg, const struct vm_region *piece);

/**
 * @brief Called with each region in address order by vm_regions_walk().
 *
 * It must not change the set.
 * @param arg the caller's argument, passed through.
 * @param r the region.
 * @return 0 to go on, anything else to stop the walk and return it.
 */
typedef int vm_region_walk_fn(void *arg, const struct vm_region *r);

/**
 * @brief Make @p rs an empty set that gets its memory from @p alloc.
 * @param rs the set (its old contents, if any, are forgotten, not freed).
 * @param alloc allocator for regions (mem_alloc in the kernel).
 * @param free releases what @p alloc returned (mem_free in the kernel).
 */
void vm_regions_init(struct vm_regions *rs, void *(*alloc)(size_t), void (*free)(void *));

/**
 * @brief Add the region [start, end), merging it with equal neighbours.
 * @param rs the set.
 * @param start first byte, page-aligned.
 * @param end one past the last byte, page-aligned, greater than @p start.
 * @param prot VM_* bits of <kern/prot.h>; must be 0 for a guard region.
 * @param flags VM_REGION_* bits.
 * @param object backing object or NULL; the set keeps the pointer only.
 * @param offset offset in @p object of @p start in bytes, page-aligned.
 * @retval 0 added (possibly by growing a neighbour).
 * @retval -EINVAL a bound or the offset is unaligned, the range is empty or
 *         wraps, or @p prot / @p flags hold unknown bits.
 * @retval -EEXIST part of the range is already in a region.
 * @retval -ENOMEM no memory for the region; the set is unchanged.
 */
int vm_regions_insert(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned prot,
		      unsigned flags, void *object, uint64_t offset);

/**
 * @brief Find the region that contains an address, in O(log n).
 * @param rs the set.
 * @param addr any byte address.
 * @return the region, valid until the set next changes, or NULL if @p addr
 *         is in no region.
 */
struct vm_region *vm_regions_find(struct vm_regions *rs, uint64_t addr);

/**
 * @brief Find the lowest free range of @p len bytes inside [lo, hi) (first fit).
 *
 * Takes time linear in the number of regions between @p lo and the gap.
 * @param rs the set.
 * @param len length in bytes, page-aligned, not 0.
 * @param lo lowest acceptable start, page-aligned.
 * @param hi bound the range must end at or below, page-aligned.
 * @param[out] addr the start of the free range, set only on success.
 * @retval 0 found.
 * @retval -EINVAL @p len is 0 or an argument is unaligned.
 * @retval -ENOMEM no free range of @p len bytes in [lo, hi).
 */
int vm_regions_find_free(const struct vm_regions *rs, uint64_t len, uint64_t lo, uint64_t hi,
			 uint64_t *addr);

/**
 * @brief Remove [start, end) from every region it overlaps (munmap).
 *
 * Regions partly covered are cut, the offset of a right-hand part moves by
 * what was cut off. Parts of the range that are in no region are fine.
 * @p drop sees each removed piece in address order, before it goes.
 * @param rs the set.
 * @param start first byte, page-aligned.
 * @param end one past the last byte, page-aligned, greater than @p start.
 * @param drop called per removed piece, or NULL.
 * @param arg passed to @p drop.
 * @retval 0 removed (or nothing was mapped there).
 * @retval -EINVAL unaligned or empty range.
 * @retval -ENOMEM the range punches a hole in one region and there is no
 *         memory for its right part; nothing was removed, @p drop not called.
 */
int vm_regions_remove(struct vm_regions *rs, uint64_t start, uint64_t end, vm_region_drop_fn *drop,
		      void *arg);

/**
 * @brief Set the protection of [start, end) (mprotect).
 *
 * Regions are split where the range starts or ends inside them (unless
 * they already have @p prot) and merged again with equal neighbours.
 * On any error the set is unchanged.
 * @param rs the set.
 * @param start first byte, page-aligned.
 * @param end one past the last byte, page-aligned, greater than @p start.
 * @param prot new VM_* bits of <kern/prot.h>.
 * @retval 0 done.
 * @retval -EINVAL unaligned or empty range, or unknown @p prot bits.
 * @retval -ENOMEM part of the range is in no region (checked first), or no
 *         memory to split a region.
 * @retval -EACCES the range includes a guard region.
 */
int vm_regions_protect(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned prot);

/**
 * @brief Set and clear advice flags (VM_REGION_HINTS) over a range, as
 *        vm_regions_protect() changes protections (splitting, merging).
 * @param rs the set.
 * @param start first byte, page-aligned.
 * @param end one past the last byte, page-aligned, greater than @p start.
 * @param set flags to set. @param clear flags to clear.
 * @retval 0 changed.
 * @retval -EINVAL bad range, or a flag outside VM_REGION_HINTS.
 * @retval -ENOMEM part of the range is not mapped, or no memory for a split.
 * @retval -EACCES part of the range is a guard region.
 */
int vm_regions_mark(struct vm_regions *rs, uint64_t start, uint64_t end, unsigned set,
		    unsigned clear);

/**
 * @brief Copy every region of @p src into the empty set @p dst (fork).
 *
 * The copy has the same shape as @p src, in O(n); objects are shared, not
 * copied (taking references on them is the caller's business).
 * @param dst an initialised, empty set; it keeps its own allocator.
 * @param src the set to copy; unchanged.
 * @retval 0 copied.
 * @retval -EINVAL @p dst is not empty.
 * @retval -ENOMEM out of memory; @p dst is left empty.
 */
int vm_regions_clone(struct vm_regions *dst, const struct vm_regions *src);

/**
 * @brief Remove every region, leaving @p rs empty and ready for reuse.
 * @param rs the set.
 * @param drop called with each region in address order before any is
 *        freed, or NULL.
 * @param arg passed to @p drop.
 */
void vm_regions_destroy(struct vm_regions *rs, vm_region_drop_fn *drop, void *arg);

/**
 * @brief Call @p fn for each region in address order.
 * @param rs the set; @p fn must not change it.
 * @param fn the function.
 * @param arg passed to @p fn.
 * @return 0 after the last region, or the first nonzero value @p fn returned.
 */
int vm_regions_walk(const struct vm_regions *rs, vm_region_walk_fn *fn, void *arg);

#endif /* VM_VM_REGION_H_ */
