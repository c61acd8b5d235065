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
 */
#ifndef KERN_VM_H_
#define KERN_VM_H_

#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/prot.h>

/** The version of struct vm_ops this core speaks. */
#define VM_OPS_VERSION 1

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

/** Counters of one address space. */
struct vm_space_info {
	unsigned regions;     /**< Regions in the set. */
	uint64_t mapped;      /**< Bytes covered by regions. */
	uint64_t resident;    /**< Bytes of pages present. */
	uint64_t cow_faults;  /**< Copy-on-write faults handled. */
	uint64_t zero_faults; /**< Demand-zero faults handled. */
};

/** Operations of a `vm` provider. Members marked optional may be NULL. */
struct vm_ops {
	uint32_t version; /**< Must be VM_OPS_VERSION. */
	/**
	 * @brief Create an empty address space.
	 * @return the space, or NULL.
	 */
	struct vm_space *(*space_create)(void);
	/**
	 * @brief Destroy a space: unmap everything, free its page tables.
	 * @param s the space.
	 */
	void (*space_destroy)(struct vm_space *s);
	/**
	 * @brief Map a region.
	 * @param s the space.
	 * @param addr in: wanted address (VM_FIXED) or hint; out: the address used.
	 * @param len bytes, rounded up to pages.
	 * @param prot VM_READ | VM_WRITE | VM_EXEC.
	 * @param flags VM_SHARED or VM_PRIVATE, optionally VM_FIXED, VM_GUARD.
	 * @return 0, -EINVAL, -ENOMEM.
	 */
	int (*map)(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags);
	/**
	 * @brief Unmap a range (partly covered regions are split).
	 * @param s the space.
	 * @param addr page-aligned start.
	 * @param len bytes.
	 * @return 0 or -EINVAL.
	 */
	int (*unmap)(struct vm_space *s, uint64_t addr, uint64_t len);
	/**
	 * @brief Change the protection of a mapped range.
	 * @param s the space.
	 * @param addr page-aligned start.
	 * @param len bytes.
	 * @param prot new protection.
	 * @return 0, -EINVAL, -ENOMEM (part of the range is unmapped), -EACCES (a guard).
	 */
	int (*protect)(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot);
	/**
	 * @brief Copy a space for fork: private pages become copy-on-write in both.
	 * @param parent the space to copy.
	 * @return the child, or NULL.
	 */
	struct vm_space *(*fork)(struct vm_space *parent);
	/**
	 * @brief Resolve a page fault.
	 * @param s the space.
	 * @param addr faulting address.
	 * @param access VM_READ, VM_WRITE or VM_EXEC, plus VM_FAULT_USER.
	 * @return 0 (retry the access), -EFAULT (no region or a guard), -EACCES (protection).
	 */
	int (*fault)(struct vm_space *s, uint64_t addr, unsigned access);
	/**
	 * @brief Make a space the current one on this CPU.
	 * @param s the space.
	 */
	void (*activate)(struct vm_space *s);
	/**
	 * @brief Describe the region at an address, for fault reports (optional).
	 * @param s the space.
	 * @param addr the address.
	 * @param buf out: one line such as "[0x400000-0x402000) rw- private anon".
	 * @param len size of @p buf.
	 * @return 0, or -ENOENT when no region contains @p addr.
	 */
	int (*describe)(struct vm_space *s, uint64_t addr, char *buf, size_t len);
	/**
	 * @brief Report counters of a space (optional).
	 * @param s the space.
	 * @param info out.
	 */
	void (*info)(struct vm_space *s, struct vm_space_info *info);
};

/**
 * @brief Make the running module's table the `vm` provider.
 * @param ops the provider's table; must stay valid (providers are pinned).
 * @retval 0 registered.
 * @retval -EINVAL wrong version or a mandatory member is NULL.
 * @retval -EEXIST the role already has a provider.
 * @retval -EPERM called outside a module's init.
 */
int vm_register(const struct vm_ops *ops);

/**
 * @brief Create an address space.
 * @return the space, or NULL (also without a provider).
 */
struct vm_space *vm_space_create(void);

/**
 * @brief Destroy an address space.
 * @param s the space (NULL is ignored).
 */
void vm_space_destroy(struct vm_space *s);

/**
 * @brief Map a region (see struct vm_ops::map).
 * @param s the space.
 * @param addr in: hint or fixed address; out: address used.
 * @param len bytes.
 * @param prot VM_READ | VM_WRITE | VM_EXEC.
 * @param flags VM_SHARED or VM_PRIVATE, optionally VM_FIXED, VM_GUARD.
 * @return 0 or a negative errno (-ENODEV without a provider).
 */
int vm_map(struct vm_space *s, uint64_t *addr, uint64_t len, unsigned prot, unsigned flags);

/**
 * @brief Unmap a range.
 * @param s the space.
 * @param addr page-aligned start.
 * @param len bytes.
 * @return 0 or a negative errno.
 */
int vm_unmap(struct vm_space *s, uint64_t addr, uint64_t len);

/**
 * @brief Change the protection of a range.
 * @param s the space.
 * @param addr page-aligned start.
 * @param len bytes.
 * @param prot new protection.
 * @return 0 or a negative errno.
 */
int vm_protect(struct vm_space *s, uint64_t addr, uint64_t len, unsigned prot);

/**
 * @brief Copy a space for fork (copy-on-write).
 * @param parent the space.
 * @return the child, or NULL.
 */
struct vm_space *vm_fork(struct vm_space *parent);

/**
 * @brief Resolve a fault in a space.
 * @param s the space.
 * @param addr faulting address.
 * @param access VM_READ / VM_WRITE / VM_EXEC, plus VM_FAULT_USER.
 * @return 0, -EFAULT or -EACCES.
 */
int vm_fault(struct vm_space *s, uint64_t addr, unsigned access);

/**
 * @brief Switch this CPU to a space (NULL: the kernel's tables only).
 * @param s the space, or NULL.
 */
void vm_activate(struct vm_space *s);

/**
 * @brief Return the space active on this CPU.
 * @return the space, or NULL when only the kernel is mapped.
 */
struct vm_space *vm_current(void);

/**
 * @brief Describe the region containing an address.
 * @param s the space.
 * @param addr the address.
 * @param buf out: one line.
 * @param len size of @p buf.
 * @return 0, or -ENOENT.
 */
int vm_describe(struct vm_space *s, uint64_t addr, char *buf, size_t len);

/**
 * @brief Report counters of a space.
 * @param s the space.
 * @param info out (zeros if the provider has no counters).
 */
void vm_space_info(struct vm_space *s, struct vm_space_info *info);

/**
 * @brief Handle a page fault trap; called by the architecture's trap code.
 * @param addr faulting address (CR2 on x86).
 * @param access VM_READ / VM_WRITE / VM_EXEC, plus VM_FAULT_USER.
 * @return 0 if resolved (retry), else a negative errno (the caller reports
 *         a kernel-mode fault as a panic naming the address and region).
 */
int vm_trap_fault(uint64_t addr, unsigned access);

#endif /* KERN_VM_H_ */
