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
#include <kern/vm_walk.h>

#include "vm_region.h"

struct vm_obj_link;

/** An address space: regions over page tables. */
struct vm_space {
	uint64_t root; /**< Page-table root (kern/pmap.h). */
	struct vm_obj_link
	    *objs; /**< The objects its regions map, one link (and reference) each. */
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

/**
 * @brief How an object gets the frame of a page it does not hold yet.
 *
 * The anonymous pager gives a zeroed frame; a vnode pager (the page
 * cache, file mappings, msync) will read the page from its file, and add
 * a "put page" member to write one back.
 */
struct vm_pager_ops {
	/**
	 * @brief Fill a new page of an object.
	 * @param o the object (locked).
	 * @param pgoff the page's index in the object.
	 * @return the frame (one reference, the object's), or 0 when memory is short.
	 */
	uint64_t (*get_page)(struct vm_object *o, uint64_t pgoff);
};

/** A space maps an object: on the object's list and on the space's. */
struct vm_obj_link {
	struct vm_object *obj;		/**< The object (one reference held by the link). */
	struct vm_space *space;		/**< The space. */
	struct vm_obj_link *next_obj;	/**< Next link of the same object. */
	struct vm_obj_link *next_space; /**< Next link of the same space. */
};

/**
 * @brief The frame of an object's page, allocated by its pager on first use.
 * @param o the object.
 * @param pgoff the page index.
 * @param[out] pa the frame (the object keeps its reference).
 * @retval 0 found or made.
 * @retval -ENXIO @p pgoff is at or past the object's end.
 * @retval -ENOMEM no memory.
 */
int vm_obj_page(struct vm_object *o, uint64_t pgoff, uint64_t *pa);

/**
 * @brief Record that @p s maps @p o (once per space: takes a reference the first time).
 * @param s the space.
 * @param o the object.
 * @return 0 or -ENOMEM.
 */
int vm_obj_link(struct vm_space *s, struct vm_object *o);

/**
 * @brief Drop the links of objects no region of @p s maps any more.
 * @param s the space.
 * @param all drop every link (the space is being destroyed).
 */
void vm_obj_prune(struct vm_space *s, int all);

/**
 * @brief Give the child of a fork the parent's object links.
 * @param child the new space.
 * @param parent the space copied.
 * @return 0 or -ENOMEM.
 */
int vm_obj_fork_links(struct vm_space *child, const struct vm_space *parent);

/* The object members of region_vm_ops (vm_obj.c). */
/** @brief See vm_ops::obj_create. @param size bytes. @return the object, or NULL. */
struct vm_object *vm_obj_new(uint64_t size);
/** @brief See vm_ops::obj_resize. @param o object. @param size bytes. @return 0 or -EFBIG. */
int vm_obj_set_size(struct vm_object *o, uint64_t size);
/** @brief See vm_ops::obj_ref. @param o object. */
void vm_obj_hold(struct vm_object *o);
/** @brief See vm_ops::obj_unref. @param o object. */
void vm_obj_release(struct vm_object *o);
/** @brief See vm_ops::obj_info. @param o object. @param info out. */
void vm_obj_get_info(struct vm_object *o, struct vm_obj_info *info);

/**
 * @brief The region walker of kern/vm_walk.h (vm_walk.c).
 * @param s the space. @param fn called per region. @param arg for @p fn.
 * @return 0 or what @p fn returned.
 */
int vm_walk_regions(struct vm_space *s, vm_walk_fn *fn, void *arg);

#endif /* VM_VM_PRIV_H_ */
