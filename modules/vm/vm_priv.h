/**
 * @file vm/vm_priv.h
 * @brief Private to the vm module: the address-space record, the pool its
 *        bookkeeping comes from, and the functions its files share.
 * @ingroup vm
 *
 * vm loads before mem (the roles load in the order page, vm, mem), so its
 * records come from a small pool of its own (vm_pool.c), not mem_alloc().
 */
#ifndef VM_VM_PRIV_H_
#define VM_VM_PRIV_H_

#include <stddef.h>
#include <stdint.h>

#include <kern/vm.h>

#include "vm_region.h"

/** An address space: regions over page tables. */
struct vm_space {
	uint64_t root;		   /**< Page-table root (kern/pmap.h). */
	struct vm_regions regions; /**< Ordered set of regions. */
	uint64_t cow_faults;	   /**< Copy-on-write faults resolved. */
	uint64_t zero_faults;	   /**< Demand-zero faults resolved. */
};

/** The vm module's struct vm_ops (vm_space.c). */
extern const struct vm_ops region_vm_ops;

/**
 * @brief Take a slot of the record pool.
 * @param size bytes, at most 128.
 * @return the slot, or NULL when out of memory or too big.
 */
void *vm_pool_alloc(size_t size);

/**
 * @brief Give a slot back.
 * @param p a slot from vm_pool_alloc(), or NULL.
 */
void vm_pool_free(void *p);

/**
 * @brief Return the pmap protection of a region's pages.
 * @param r the region.
 * @return PMAP_* bits.
 */
unsigned vm_pmap_prot(const struct vm_region *r);

/**
 * @brief Unmap the pages of a removed piece of region and drop their frames.
 * @param arg the struct vm_space.
 * @param piece the piece the region set removes.
 */
void vm_drop_pages(void *arg, const struct vm_region *piece);

/**
 * @brief Resolve a page fault (vm_fault.c).
 * @param s the space.
 * @param addr faulting address.
 * @param access VM_READ / VM_WRITE / VM_EXEC, plus VM_FAULT_USER.
 * @return 0, -EFAULT, -EACCES or -ENOMEM.
 */
int vm_space_fault(struct vm_space *s, uint64_t addr, unsigned access);

/**
 * @brief Copy a space for fork, sharing pages copy-on-write (vm_fault.c).
 * @param parent the space.
 * @return the child, or NULL.
 */
struct vm_space *vm_space_fork(struct vm_space *parent);

#endif /* VM_VM_PRIV_H_ */
