/**
 * @file kern/vm_walk.h
 * @brief An optional walk of a space's regions that a `vm` provider offers,
 *        for /proc/\<pid\>/maps.
 * @ingroup vm
 *
 * struct vm_ops has no member to list regions; a provider that can list
 * them registers a walker here from its init (vm_walk_register()). Without
 * one, vm_walk() says -ENOSYS and the core finds regions by probing with
 * vm_describe() (kern/procinfo.h says how). A provider that backs regions
 * with named objects (a shared-memory object, a file) gives the name in
 * vm_region_desc::name ("[shm:/name]", "/path"), with the device and inode
 * of a file. It also gives each region's memory object (vm_region_desc::
 * object), which the core asks the `ipc` role to name (kern/ipc.h,
 * ipc_obj_name()): "[shm:/name]", "[sysv-shm:...]".
 */
#ifndef KERN_VM_WALK_H_
#define KERN_VM_WALK_H_

#include <stdint.h>

struct vm_space;
struct vm_object;

/** Room for a region's name. */
#define VM_REGION_NAME 128

/** @name vm_region_desc flags
 * @{ */
#define VM_DESC_SHARED 0x1 /**< Shared (else private copy-on-write). */
#define VM_DESC_GUARD  0x2 /**< A guard region. */
#define VM_DESC_STACK  0x4 /**< The provider knows it is a stack. */
/** @} */

/** One region, as a walker describes it. */
struct vm_region_desc {
	uint64_t start;		   /**< First byte. */
	uint64_t end;		   /**< One past the last. */
	unsigned prot;		   /**< VM_READ | VM_WRITE | VM_EXEC. */
	unsigned flags;		   /**< VM_DESC_* bits. */
	uint64_t offset;	   /**< Offset of @c start in its object (0: anonymous). */
	uint64_t dev;		   /**< Device of a file object (0: none). */
	uint64_t ino;		   /**< Inode of a file object (0: none). */
	char name[VM_REGION_NAME]; /**< Its name, or "" (the core names it). */
	/** The memory object behind it, or NULL (anonymous). Valid only during
	 *  the walk: after it, compare it (ipc_obj_name()), never dereference it. */
	const struct vm_object *object;
};

/**
 * @brief Called for each region, in address order, under the vm role's
 *        mutex: it must not call a vm wrapper; it may not sleep.
 * @param arg the caller's. @param d the region (valid during the call).
 * @return 0 to go on, nonzero to stop.
 */
typedef int vm_walk_fn(void *arg, const struct vm_region_desc *d);

/**
 * @brief A provider's walker: call @p fn for every region of @p s.
 * @param s the space. @param fn the callback. @param arg for @p fn.
 * @return 0, or what @p fn returned.
 */
typedef int vm_walker_fn(struct vm_space *s, vm_walk_fn *fn, void *arg);

/**
 * @brief Register the running `vm` provider's walker (its init only).
 * @param w the walker (in the provider's text).
 * @retval 0 registered. @retval -EINVAL @p w is NULL.
 */
int vm_walk_register(vm_walker_fn *w);

/**
 * @brief Walk the regions of a space (under the vm role's mutex).
 * @param s the space. @param fn the callback. @param arg for @p fn.
 * @return 0, what @p fn returned, -ENOSYS (no walker), -ENOENT (@p s NULL).
 */
int vm_walk(struct vm_space *s, vm_walk_fn *fn, void *arg);

#endif /* KERN_VM_WALK_H_ */
