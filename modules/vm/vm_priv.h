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

#include <arch/mmu.h>
#include <kern/lock.h>
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

/** @name Marks in an object's page slot (the frame is page-aligned)
 * @{ */
#define VM_SLOT_BUSY  0x1ULL /**< Being filled (no frame yet): wait on the object. */
#define VM_SLOT_DIRTY 0x2ULL /**< A mapping wrote it; the owner has not taken it. */
#define VM_SLOT_FRAME (~(uint64_t)(PAGE_SIZE - 1)) /**< The frame's bits. */
/** @} */

/** A memory object (kern/vm.h), private to the vm module. */
struct vm_object {
	struct mutex lock;	      /**< Guards everything below. */
	unsigned refs;		      /**< Holders + linked spaces. */
	unsigned spaces;	      /**< Links on @c maps. */
	uint64_t size;		      /**< Bytes. */
	uint64_t resident;	      /**< Pages held. */
	uint64_t ndirty;	      /**< Slots marked VM_SLOT_DIRTY. */
	uint64_t dir;		      /**< Frame of the directory, 0: none yet. */
	const struct vm_pager *pager; /**< The owner's pager, NULL: anonymous. */
	void *owner;		      /**< Passed to @c pager. */
	struct vm_obj_link *maps;     /**< The spaces that map it. */
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
 * @brief The slot of page @p pgoff (object locked).
 * @param o the object. @param pgoff the page. @param make allocate the tables.
 * @return the slot, or NULL (no table and @p make is 0, or no memory).
 */
uint64_t *vm_obj_slot(struct vm_object *o, uint64_t pgoff, int make);

/**
 * @brief Find or fill a page (vm_obj_page.c).
 * @param o the object (unlocked). @param pgoff the page. @param flags VM_GET_*.
 * @param[out] pa the frame. @param ref give the caller a frame reference.
 * @return 0, -ENXIO, -ENOENT, -ENOMEM or -EIO.
 */
int vm_obj_fill(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa, int ref);

/**
 * @brief The resident pages of a run, each with a frame reference (fault-around).
 * @param o the object. @param pgoff first page. @param n pages, at most 64.
 * @param[out] pas their frames, 0 for a page not resident. @return how many were.
 */
unsigned vm_obj_resident(struct vm_object *o, uint64_t pgoff, unsigned n, uint64_t *pas);

/**
 * @brief Note that a shared mapping wrote page @p pgoff of @p o (its entry goes).
 * @param o the object. @param pgoff the page.
 */
void vm_obj_note_dirty(struct vm_object *o, uint64_t pgoff);

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
/** @brief See vm_ops::obj_create_pager. @param size bytes. @param pg pager. @param owner its
 * owner. @return the object, or NULL. */
struct vm_object *vm_obj_new_paged(uint64_t size, const struct vm_pager *pg, void *owner);
/** @brief See vm_ops::obj_get_page. @param o object. @param pgoff page. @param flags VM_GET_*.
 * @param pa out. @return 0 or -errno. */
int vm_obj_get(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa);
/** @brief See vm_ops::obj_take_dirty. @param o object. @param pgoffs out. @param pas out.
 * @param max room. @return how many. */
unsigned vm_obj_take(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max);
/** @brief See vm_ops::sync. @param s space. @param addr start. @param len bytes. @return 0 or
 * -ENOMEM. */
int vm_space_sync(struct vm_space *s, uint64_t addr, uint64_t len);
/** @brief See vm_ops::advise (vm_advise.c). @param s space. @param addr start. @param len bytes.
 * @param advice MEM_*. @return 0, -EINVAL or -ENOMEM. */
int vm_space_advise(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice);
/**
 * @brief Tell whether regions cover [addr, addr + len) without a hole.
 * @param s the space. @param addr start. @param len bytes. @return 1 covered, 0 not.
 */
int vm_space_covers(struct vm_space *s, uint64_t addr, uint64_t len);
/** @brief See vm_ops::obj_shrink. @param o object. @param n most pages. @return dropped. */
uint64_t vm_obj_drop_clean(struct vm_object *o, uint64_t n);
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
