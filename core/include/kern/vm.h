/**
 * @file kern/vm.h
 * @brief The `vm` role: address spaces, mappings, copy-on-write and page faults.
 * @ingroup vm
 *
 * An address space is an ordered set of regions (start, length,
 * protection, backing object and offset, shared or private: the model of
 * `mmap`) over page tables edited through kern/pmap.h. Pages are filled on
 * demand: a first touch of anonymous memory maps a zeroed frame; a write to
 * a private page shared after vm_fork() copies it (copy-on-write).
 *
 * A **memory object** (struct vm_object, version 2) is a reference-counted
 * set of pages indexed by page offset, with a size in bytes, that several
 * spaces map at once (System V segments and POSIX shm objects are made of
 * one). Its pages are allocated on first touch, zero-filled, and freed when
 * its last reference goes; every holder (a segment, an open shm file, a
 * name) holds a reference with vm_obj_ref(), and every space that maps it
 * holds one more while any of its regions does. A fault past the object's
 * end returns -ENXIO (the core sends SIGBUS).
 *
 * **Paged objects** (version 3) are the page cache of a file: made with
 * vm_obj_create_pager(), they fill a missing page through their owner's
 * struct vm_pager (the VFS reads it from the file) instead of zeroing it.
 * read() and write() move file data through vm_obj_get_page(), and a
 * shared mapping of the file maps the same frames, so there is one copy of
 * the data in memory. The vm tracks which pages shared mappings wrote (the
 * page tables' dirty bits, gathered when a mapping goes and when
 * vm_obj_take_dirty() asks) and tells the owner (vm_pager::dirtied); the
 * owner writes them back.
 *
 * Lock order: the vm role's lock (every space) before an object's lock;
 * a pager's read_page runs with neither held for the object (the page is
 * marked busy meanwhile), so it may take the file system's locks.
 */
#ifndef KERN_VM_H_
#define KERN_VM_H_

#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/prot.h>

/** The version of struct vm_ops this core speaks. */
#define VM_OPS_VERSION 3

/* VM_READ, VM_WRITE, VM_EXEC: <kern/prot.h>, shared with pmap and the arch. */

#define VM_SHARED  0x10 /**< vm_map() flag: writes are seen by every sharer, also after fork. */
#define VM_PRIVATE 0x20 /**< vm_map() flag: private copy-on-write memory. */
#define VM_FIXED   0x40 /**< vm_map() flag: map exactly at *addr (replacing what was there). */
#define VM_GUARD   0x80 /**< vm_map() flag: a guard region: every access faults. */

#define VM_FAULT_USER 0x100 /**< vm_fault() access flag: the access came from user mode. */

/** Lowest address vm_map() hands out without VM_FIXED (keeps page 0 unmapped). */
#define VM_USER_MIN 0x0000000000400000ULL
/** First address above user space (the arch's USER_TOP). */
#define VM_USER_MAX USER_TOP

struct vm_space;
struct vm_region_desc;
/** A memory object: pages by page offset, shared by every space mapping it (opaque). */
struct vm_object;

/** Largest memory object, in bytes (1 GiB). */
#define VM_OBJ_MAX (1ULL << 30)

/** What a memory object holds (vm_obj_info()). */
struct vm_obj_info {
	uint64_t size;	   /**< Its size in bytes. */
	uint64_t resident; /**< Bytes of pages allocated. */
	unsigned refs;	   /**< References: holders plus the spaces that map it. */
	unsigned spaces;   /**< Spaces that map it now. */
};

/**
 * @brief The owner of a paged object: how its pages are filled, and what
 *        it is told (the VFS for a file's page cache).
 *
 * Every member is optional (NULL: pages fill with zeros; no callback).
 */
struct vm_pager {
	/**
	 * @brief Fill a new page: PAGE_SIZE bytes of the object from
	 *        @p pgoff * PAGE_SIZE (zeros past the file's end).
	 *
	 * Context: a thread that may sleep; no vm lock of this object held
	 * (the page is busy: other users of it wait), the vm role's lock
	 * possibly held (a page fault), so it must not touch user memory.
	 * @param owner the object's owner. @param pgoff the page index.
	 * @param page the frame, through the direct map.
	 * @return 0, or -EIO (the fault or read fails; nothing is kept).
	 */
	int (*read_page)(void *owner, uint64_t pgoff, void *page);
	/**
	 * @brief A mapping wrote pages of the object that the owner has not
	 *        taken yet (vm_obj_take_dirty()). Called under the vm locks:
	 *        it must only record the fact (no sleep, no vm call).
	 * @param owner the object's owner.
	 */
	void (*dirtied)(void *owner);
	/**
	 * @brief The first space maps the object (the owner should stay alive).
	 *        Called under the vm role's lock; it may not call vm wrappers.
	 * @param owner the object's owner.
	 */
	void (*hold)(void *owner);
	/**
	 * @brief The last space stopped mapping it. Called under the vm
	 *        role's lock (which is recursive: it may drop the owner's
	 *        reference on the object).
	 * @param owner the object's owner.
	 */
	void (*release)(void *owner);
	/**
	 * @brief Name the object for a region's description (/proc/\<pid\>/maps):
	 *        fill vm_region_desc::name, dev and ino. Called under the vm
	 *        role's lock: no sleep, no vm call.
	 * @param owner the object's owner. @param d the description being made.
	 */
	void (*describe)(void *owner, struct vm_region_desc *d);
};

/** @name vm_obj_get_page() flags
 * @{ */
#define VM_GET_NOFILL 0x1 /**< A missing page is zeroed, not read: the caller fills it whole. */
#define VM_GET_CACHED 0x2 /**< Only a resident page: -ENOENT if missing. */
/** @} */

/** Counters of one address space. */
struct vm_space_info {
	unsigned regions;     /**< Regions in the set. */
	uint64_t mapped;      /**< Bytes covered by regions. */
	uint64_t resident;    /**< Bytes of pages present. */
	uint64_t cow_faults;  /**< Copy-on-write faults handled. */
	uint64_t zero_faults; /**< Demand-zero faults handled. */
};

/**
 * @brief Operations of a `vm` provider.
 *
 * Calling context of every member: a thread that may sleep (the page-fault
 * trap runs on the faulting thread), never an interrupt handler, with the
 * vm role's mutex held by the core's wrapper (so members never run
 * concurrently with each other); no spinlock held. Members may call the
 * page and mem wrappers (lock order vm, mem, page), never a vm wrapper of
 * another space. Members marked optional may be NULL: the core then
 * supplies its default.
 */
struct vm_ops {
	uint32_t version; /**< Must be VM_OPS_VERSION. */
	/**
	 * @brief Create an empty address space (kernel half shared, user half empty).
	 * @return the space, owned by the caller until vm_space_destroy(); NULL
	 *         when memory is short.
	 */
	struct vm_space *(*space_create)(void);
	/**
	 * @brief Destroy a space: unmap everything, free its pages and page tables.
	 * @param s the space; not NULL and not active on any CPU (the wrapper
	 *        switches away first); invalid afterwards.
	 */
	void (*space_destroy)(struct vm_space *s);
	/**
	 * @brief Map a region of anonymous memory.
	 * @param s the space; not NULL.
	 * @param addr in: the wanted address (with VM_FIXED; page-aligned) or a
	 *        hint (0: the provider picks, at or above VM_USER_MIN); out:
	 *        the address used. Not NULL.
	 * @param len length in bytes, > 0; rounded up to whole pages.
	 * @param prot VM_READ | VM_WRITE | VM_EXEC, any combination.
	 * @param flags exactly one of VM_SHARED, VM_PRIVATE; optionally
	 *        VM_FIXED, VM_GUARD.
	 * @retval 0 mapped; pages appear on first touch.
	 * @retval -EINVAL @p len is 0, a fixed @p addr is unaligned, or the
	 *         range leaves user space.
	 * @retval -ENOMEM no free range of that size, or no memory for the region.
	 */
	int (*map)(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags);
	/**
	 * @brief Unmap a range; regions partly inside it are split.
	 * @param s the space; not NULL.
	 * @param addr page-aligned start, in user space.
	 * @param len length in bytes, rounded up to whole pages.
	 * @retval 0 unmapped (also when nothing was mapped there).
	 * @retval -EINVAL @p addr unaligned or the range leaves user space.
	 */
	int (*unmap)(struct vm_space *s, uint64_t addr, uint64_t len);
	/**
	 * @brief Change the protection of a mapped range.
	 * @param s the space; not NULL.
	 * @param addr page-aligned start.
	 * @param len length in bytes, rounded up to whole pages.
	 * @param prot the new VM_READ | VM_WRITE | VM_EXEC.
	 * @retval 0 changed, present pages included.
	 * @retval -EINVAL @p addr unaligned or the range leaves user space.
	 * @retval -ENOMEM part of the range is not mapped.
	 * @retval -EACCES part of the range is a guard region.
	 */
	int (*protect)(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot);
	/**
	 * @brief Copy a space for fork: shared regions stay shared, private
	 *        pages become copy-on-write in both spaces.
	 * @param parent the space to copy; not NULL.
	 * @return the child, owned by the caller; NULL when memory is short
	 *         (the parent is then unchanged).
	 */
	struct vm_space *(*fork)(struct vm_space *parent);
	/**
	 * @brief Resolve a page fault.
	 * @param s the space; not NULL.
	 * @param addr the faulting address (any value: checked here).
	 * @param access one of VM_READ, VM_WRITE, VM_EXEC, plus VM_FAULT_USER
	 *        when the access came from user mode.
	 * @retval 0 resolved: retry the access.
	 * @retval -EFAULT no region contains @p addr, or it is a guard region.
	 * @retval -EACCES the region's protection forbids the access.
	 * @retval -ENOMEM no frame for the page.
	 */
	int (*fault)(struct vm_space *s, uint64_t addr, unsigned access);
	/**
	 * @brief Make a space the current one on this CPU (load its page tables).
	 *
	 * Unlike the other members it is called from the context switch:
	 * interrupts off, without the vm lock; it must not sleep or take locks.
	 * @param s the space; not NULL.
	 */
	void (*activate)(struct vm_space *s);
	/**
	 * @brief Describe the region at an address, for fault reports (optional;
	 *        the default says -ENOENT).
	 * @param s the space; not NULL.
	 * @param addr the address.
	 * @param buf out: one NUL-terminated line such as
	 *        "[0x400000-0x402000) rw- private anon"; not NULL.
	 * @param len size of @p buf in bytes, > 0.
	 * @retval 0 described.
	 * @retval -ENOENT no region contains @p addr (@p buf is then "").
	 */
	int (*describe)(struct vm_space *s, uint64_t addr, char *buf, size_t len);
	/**
	 * @brief Report the counters of a space (optional; the default reports zeros).
	 * @param s the space; not NULL.
	 * @param info out; not NULL.
	 */
	void (*info)(struct vm_space *s, struct vm_space_info *info);
	/* Version 2: memory objects. */
	/**
	 * @brief Create an anonymous memory object (version 2).
	 * @param size its size in bytes, at most VM_OBJ_MAX (0 is fine).
	 * @return the object with one reference (the caller's), or NULL when
	 *         memory is short or @p size is too big.
	 */
	struct vm_object *(*obj_create)(uint64_t size);
	/**
	 * @brief Change an object's size. Growing adds zero pages (on first touch);
	 *        shrinking frees the pages past the end and unmaps them from every
	 *        space that maps them (a later touch there faults with -ENXIO).
	 * @param o the object; not NULL.
	 * @param size the new size in bytes.
	 * @retval 0 done.
	 * @retval -EFBIG @p size is above VM_OBJ_MAX.
	 */
	int (*obj_resize)(struct vm_object *o, uint64_t size);
	/**
	 * @brief Map an object into a space (as vm_ops::map maps anonymous memory).
	 *
	 * The space takes its own reference on @p o while a region maps it.
	 * @param s the space; not NULL.
	 * @param addr in: the fixed address (VM_FIXED) or a hint (0: anywhere);
	 *        out: the address used. Not NULL.
	 * @param len bytes, > 0, rounded up to pages (may go past the object's
	 *        end: touching there gives -ENXIO).
	 * @param prot VM_READ | VM_WRITE | VM_EXEC.
	 * @param flags VM_SHARED (writes reach the object) or VM_PRIVATE (copy
	 *        on write over it), optionally VM_FIXED.
	 * @param o the object; not NULL.
	 * @param off offset in the object of the first byte, page-aligned.
	 * @retval 0 mapped.
	 * @retval -EINVAL bad length, alignment, offset, flags or range.
	 * @retval -ENOMEM no room or no memory.
	 */
	int (*obj_map)(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot,
		       unsigned flags, struct vm_object *o, uint64_t off);
	/**
	 * @brief Take a reference on an object.
	 * @param o the object; not NULL.
	 */
	void (*obj_ref)(struct vm_object *o);
	/**
	 * @brief Drop a reference; the last one frees the object and its pages.
	 * @param o the object; not NULL.
	 */
	void (*obj_unref)(struct vm_object *o);
	/**
	 * @brief Describe an object.
	 * @param o the object; not NULL.
	 * @param info out; not NULL.
	 */
	void (*obj_info)(struct vm_object *o, struct vm_obj_info *info);
	/* Version 3: paged objects (the page cache). */
	/**
	 * @brief Create a paged object (version 3): as obj_create, with pages
	 *        filled by @p pg's read_page.
	 * @param size bytes, at most VM_OBJ_MAX.
	 * @param pg the owner's pager (must stay valid); not NULL.
	 * @param owner passed to every member of @p pg.
	 * @return the object with one reference, or NULL.
	 */
	struct vm_object *(*obj_create_pager)(uint64_t size, const struct vm_pager *pg,
					      void *owner);
	/**
	 * @brief The frame of a page, filled on first use, with a reference for
	 *        the caller (page_unref() it when done).
	 *
	 * Unlike the other members it runs **without** the vm role's lock
	 * (the object's own lock guards it), so read() and write() of files do
	 * not serialise on the vm.
	 * @param o the object. @param pgoff the page index.
	 * @param flags VM_GET_* bits. @param[out] pa the frame.
	 * @retval 0 done. @retval -ENXIO @p pgoff is past the end.
	 * @retval -ENOENT VM_GET_CACHED and not resident.
	 * @retval -ENOMEM no frame. @retval -EIO the pager failed.
	 */
	int (*obj_get_page)(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa);
	/**
	 * @brief Gather the pages shared mappings wrote (their page-table
	 *        dirty bits, cleared) and hand out up to @p max of them, each
	 *        with a frame reference for the caller, their dirty mark cleared.
	 * @param o the object.
	 * @param[out] pgoffs page indexes, @p max entries.
	 * @param[out] pas their frames, @p max entries.
	 * @param max room in the arrays, > 0.
	 * @return how many were handed out (0: the object is clean).
	 */
	unsigned (*obj_take_dirty)(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas,
				   unsigned max);
	/**
	 * @brief Gather the dirty bits of a space's shared mappings of paged
	 *        objects in a range (msync), telling the owner of each object
	 *        mapped there (vm_pager::dirtied), written or not, so that it
	 *        writes back and syncs them all.
	 * @param s the space. @param addr page-aligned start. @param len bytes.
	 * @retval 0 done. @retval -ENOMEM part of the range is not mapped.
	 */
	int (*sync)(struct vm_space *s, uint64_t addr, uint64_t len);
	/**
	 * @brief Drop up to @p n resident pages that no space maps and that are
	 *        not dirty (memory pressure; they fill again on next use).
	 *        Runs without the vm role's lock, as obj_get_page.
	 * @param o the object. @param n most pages to drop.
	 * @return pages dropped.
	 */
	uint64_t (*obj_shrink)(struct vm_object *o, uint64_t n);
	/**
	 * @brief Act on advice about a range (mhint, madvise): MEM_NORMAL and
	 *        MEM_RANDOM drop MEM_SEQUENTIAL, which makes a fault on a file
	 *        mapping read the next pages ahead; MEM_WILLNEED reads a file
	 *        mapping's pages in now; MEM_DONTNEED drops the range's pages
	 *        (private ones refill with zeros or from the file, a shared
	 *        file mapping's come back from the page cache; shared anonymous
	 *        memory is kept); MEM_DONTFORK keeps the range out of a fork's
	 *        child, MEM_DOFORK undoes it (values of <uapi/mman.h>).
	 * @param s the space. @param addr page-aligned. @param len bytes.
	 * @param advice one MEM_* value.
	 * @retval 0 done. @retval -EINVAL bad range or advice.
	 * @retval -ENOMEM part of the range is not mapped.
	 */
	int (*advise)(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice);
};

/**
 * @brief Make the running module's table the `vm` provider.
 *
 * Context: the module's init only.
 * @param ops the provider's table; must stay valid (vm providers are pinned).
 * @retval 0 registered.
 * @retval -EINVAL NULL table, wrong version, a mandatory member NULL, or a
 *         member outside the module's text.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int vm_register(const struct vm_ops *ops);

/**
 * @brief Create an address space.
 *
 * Context: thread, may sleep (as every vm wrapper below).
 * @return the space, owned by the caller; NULL when memory is short or
 *         there is no vm provider.
 */
struct vm_space *vm_space_create(void);

/**
 * @brief Destroy an address space (switching this CPU away from it first).
 * @param s the space; NULL is ignored. Invalid afterwards.
 */
void vm_space_destroy(struct vm_space *s);

/**
 * @brief Map a region (see vm_ops::map for the arguments).
 * @param s the space; not NULL.
 * @param addr in: hint or fixed address; out: the address used. Not NULL.
 * @param len length in bytes, > 0.
 * @param prot VM_READ | VM_WRITE | VM_EXEC.
 * @param flags VM_SHARED or VM_PRIVATE, optionally VM_FIXED, VM_GUARD.
 * @retval 0 mapped.
 * @retval -EINVAL bad length, alignment or range.
 * @retval -ENOMEM no room or no memory.
 * @retval -ENODEV no vm provider.
 */
int vm_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags);

/**
 * @brief Unmap a range.
 * @param s the space; not NULL.
 * @param addr page-aligned start.
 * @param len length in bytes.
 * @retval 0 unmapped.
 * @retval -EINVAL @p addr unaligned or the range leaves user space.
 * @retval -ENODEV no vm provider.
 */
int vm_unmap(struct vm_space *s, uint64_t addr, uint64_t len);

/**
 * @brief Change the protection of a range.
 * @param s the space; not NULL.
 * @param addr page-aligned start.
 * @param len length in bytes.
 * @param prot the new VM_READ | VM_WRITE | VM_EXEC.
 * @retval 0 changed.
 * @retval -EINVAL @p addr unaligned or the range leaves user space.
 * @retval -ENOMEM part of the range is not mapped.
 * @retval -EACCES part of the range is a guard region.
 * @retval -ENODEV no vm provider.
 */
int vm_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot);

/**
 * @brief Copy a space for fork (copy-on-write).
 * @param parent the space; not NULL.
 * @return the child, owned by the caller; NULL when memory is short or
 *         there is no vm provider.
 */
struct vm_space *vm_fork(struct vm_space *parent);

/**
 * @brief Resolve a fault in a space.
 * @param s the space; NULL gives -EFAULT.
 * @param addr the faulting address.
 * @param access VM_READ / VM_WRITE / VM_EXEC, plus VM_FAULT_USER.
 * @retval 0 resolved: retry the access.
 * @retval -EFAULT no region, a guard region, no space or no vm provider.
 * @retval -EACCES the protection forbids the access.
 * @retval -ENOMEM no frame for the page.
 */
int vm_fault(struct vm_space *s, uint64_t addr, unsigned access);

/**
 * @brief Switch this CPU to a space.
 *
 * Context: any, the context switch included; never sleeps.
 * @param s the space, or NULL for the kernel's page tables only.
 */
void vm_activate(struct vm_space *s);

/**
 * @brief Return the space active on this CPU.
 *
 * Context: any.
 * @return the space, or NULL when only the kernel is mapped.
 */
struct vm_space *vm_current(void);

/**
 * @brief Describe the region containing an address, in one line.
 * @param s the space; NULL gives -ENOENT.
 * @param addr the address.
 * @param buf out: a NUL-terminated line; not NULL.
 * @param len size of @p buf in bytes, > 0.
 * @retval 0 described.
 * @retval -ENOENT no region contains @p addr (or no space, no provider).
 */
int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len);

/**
 * @brief Report the counters of a space.
 * @param s the space; NULL reports zeros.
 * @param info out (zeros if the provider keeps no counters); not NULL.
 */
void vm_space_info(struct vm_space *s, struct vm_space_info *info);

/**
 * @brief Create an anonymous memory object (see vm_ops::obj_create).
 * @param size bytes, at most VM_OBJ_MAX.
 * @return the object with the caller's reference, or NULL.
 */
struct vm_object *vm_obj_create(uint64_t size);

/**
 * @brief Resize an object (see vm_ops::obj_resize).
 * @param o the object; not NULL.
 * @param size the new size in bytes.
 * @retval 0 done.
 * @retval -EFBIG too big.
 * @retval -ENODEV no vm provider.
 */
int vm_obj_resize(struct vm_object *o, uint64_t size);

/**
 * @brief Map an object (see vm_ops::obj_map).
 * @param s the space; not NULL.
 * @param addr in: fixed address or hint; out: the address used.
 * @param len bytes, > 0.
 * @param prot VM_READ | VM_WRITE | VM_EXEC.
 * @param flags VM_SHARED or VM_PRIVATE, optionally VM_FIXED.
 * @param o the object.
 * @param off page-aligned offset in @p o.
 * @retval 0 mapped.
 * @retval -EINVAL bad arguments.
 * @retval -ENOMEM no room or no memory.
 * @retval -ENODEV no vm provider.
 */
int vm_obj_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags,
	       struct vm_object *o, uint64_t off);

/**
 * @brief Take a reference on an object.
 * @param o the object; NULL is ignored.
 */
void vm_obj_ref(struct vm_object *o);

/**
 * @brief Drop a reference on an object (the last frees it).
 * @param o the object; NULL is ignored.
 */
void vm_obj_unref(struct vm_object *o);

/**
 * @brief Describe an object.
 * @param o the object; NULL reports zeros.
 * @param info out; not NULL.
 */
void vm_obj_info(struct vm_object *o, struct vm_obj_info *info);

/**
 * @brief Create a paged object (see vm_ops::obj_create_pager).
 * @param size bytes. @param pg its pager; not NULL. @param owner for @p pg.
 * @return the object with the caller's reference, or NULL.
 */
struct vm_object *vm_obj_create_pager(uint64_t size, const struct vm_pager *pg, void *owner);

/**
 * @brief A page's frame with a reference (see vm_ops::obj_get_page; no vm lock taken).
 * @param o the object. @param pgoff page index. @param flags VM_GET_*. @param[out] pa the frame.
 * @return 0, -ENXIO, -ENOENT, -ENOMEM, -EIO or -ENODEV (no provider).
 */
int vm_obj_get_page(struct vm_object *o, uint64_t pgoff, unsigned flags, uint64_t *pa);

/**
 * @brief Take the pages mappings wrote (see vm_ops::obj_take_dirty).
 * @param o the object. @param[out] pgoffs indexes. @param[out] pas frames (referenced).
 * @param max room. @return how many.
 */
unsigned vm_obj_take_dirty(struct vm_object *o, uint64_t *pgoffs, uint64_t *pas, unsigned max);

/**
 * @brief Gather the written pages of a range's file mappings (see vm_ops::sync).
 * @param s the space. @param addr page-aligned. @param len bytes.
 * @return 0, -ENOMEM (a hole in the range) or -ENODEV.
 */
int vm_sync(struct vm_space *s, uint64_t addr, uint64_t len);

/**
 * @brief Act on advice about a range (see vm_ops::advise).
 * @param s the space. @param addr page-aligned. @param len bytes. @param advice MEM_*.
 * @return 0, -EINVAL, -ENOMEM or -ENODEV.
 */
int vm_advise(struct vm_space *s, uint64_t addr, uint64_t len, unsigned advice);

/**
 * @brief Drop clean unmapped pages of an object (see vm_ops::obj_shrink).
 * @param o the object. @param n most pages. @return pages dropped.
 */
uint64_t vm_obj_shrink(struct vm_object *o, uint64_t n);

#endif /* KERN_VM_H_ */
