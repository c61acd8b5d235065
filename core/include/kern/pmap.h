/**
 * @file kern/pmap.h
 * @brief Machine-independent page-table operations for the `vm` module.
 * @ingroup vm
 *
 * The name follows BSD's pmap layer: the vm module decides what is mapped
 * where; pmap edits the page tables. Like FreeBSD's machine-dependent
 * pmap.c, each arch implements these functions itself (x86-64 in
 * core/arch/x86_64/paging.c); they are part of the arch contract and
 * exported to modules. Roots are physical addresses of top-level tables;
 * protections are the VM_* bits of <kern/prot.h>; pages are PAGE_SIZE
 * bytes and user space ends at USER_TOP (<arch/mmu.h>).
 */
#ifndef KERN_PMAP_H_
#define KERN_PMAP_H_

#include <stdint.h>

#include <arch/mmu.h>
#include <kern/prot.h>

/** What pmap_extract() returns for an unmapped address. */
#define PMAP_NONE (~0ULL)

/**
 * @brief Create an empty user address space (the kernel half is shared).
 * @return its root, or 0 when out of memory.
 */
uint64_t pmap_create(void);

/**
 * @brief Free a space's page tables (not the frames it maps).
 * @param root a root from pmap_create().
 */
void pmap_destroy(uint64_t root);

/**
 * @brief Map one user page.
 * @param root space root.
 * @param va page-aligned user address.
 * @param pa page-aligned frame address.
 * @param prot VM_* bits.
 * @retval 0 mapped.
 * @retval -EINVAL bad address.
 * @retval -EEXIST already mapped.
 * @retval -ENOMEM no frame for a page table.
 */
int pmap_enter(uint64_t root, uint64_t va, uint64_t pa, unsigned prot);

/**
 * @brief Unmap one user page.
 * @param root space root.
 * @param va page-aligned user address.
 * @return the frame that was mapped, or 0.
 */
uint64_t pmap_remove(uint64_t root, uint64_t va);

/**
 * @brief Change the protection of one mapped page.
 * @param root space root.
 * @param va page-aligned user address.
 * @param prot VM_* bits.
 * @retval 0 done.
 * @retval -ENOENT not mapped.
 */
int pmap_protect(uint64_t root, uint64_t va, unsigned prot);

/**
 * @brief Test and clear the dirty bit of one mapped page (the CPU sets it
 *        on the first write through the entry).
 *
 * pmap_protect() keeps the bit; pmap_remove() drops it with the entry, so
 * callers that track written pages ask here first.
 * @param root space root.
 * @param va page-aligned user address.
 * @retval 1 the page was written since the bit was last cleared (now clear).
 * @retval 0 not written, or not mapped.
 */
int pmap_clear_dirty(uint64_t root, uint64_t va);

/**
 * @brief Look up a user address.
 * @param root space root.
 * @param va user address.
 * @param prot if not NULL, receives VM_* bits.
 * @return the physical address, or PMAP_NONE.
 */
uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot);

/**
 * @brief Find the first mapped user page in [@p va, @p end).
 *
 * Absent page-table levels are skipped whole, so a walk over a range costs
 * what its page tables hold, not its size: callers that visit every
 * mapped page of a region loop `for (va = pmap_next(root, start, end); va
 * < end; va = pmap_next(root, va + PAGE_SIZE, end))`.
 * @param root space root.
 * @param va where to start (rounded down to a page).
 * @param end where to stop, exclusive (at most USER_TOP is looked at).
 * @return the page's address, or @p end when no page in the range is mapped.
 */
uint64_t pmap_next(uint64_t root, uint64_t va, uint64_t end);

/**
 * @brief What pmap_remove_range() calls for each page it unmapped.
 * @param arg the caller's argument.
 * @param va the page's user address.
 * @param pa the frame that was mapped there.
 * @param dirty 1 if the page was written through the entry (its dirty bit).
 */
typedef void pmap_removed_fn(void *arg, uint64_t va, uint64_t pa, int dirty);

/**
 * @brief Unmap every mapped user page in [@p va, @p end), in address order.
 *
 * One walk of the page tables that exist (as pmap_next() does), not one
 * per page: each entry is cleared and its TLB entry dropped before @p fn
 * sees the frame, so @p fn may free it. @p fn must not change this space's
 * page tables.
 * @param root space root.
 * @param va start (rounded down to a page).
 * @param end end, exclusive (at most USER_TOP is looked at).
 * @param fn called once per page unmapped.
 * @param arg passed to @p fn.
 * @return the number of pages unmapped.
 */
uint64_t pmap_remove_range(uint64_t root, uint64_t va, uint64_t end, pmap_removed_fn *fn,
			   void *arg);

/**
 * @brief Switch this CPU to a space.
 * @param root space root, or pmap_kernel().
 */
void pmap_activate(uint64_t root);

/**
 * @brief The physical address of a kernel address: the direct map, or an
 *        area mapped page by page (heap, stacks, modules).
 *
 * What a driver handing kernel memory to a device needs. The answer holds
 * while the memory stays allocated.
 * @param va a kernel address.
 * @return the physical address, or PMAP_NONE (not mapped, or a user address).
 */
uint64_t pmap_kextract(const void *va);

/**
 * @brief Return the kernel's root (no user mappings).
 * @return the root.
 */
uint64_t pmap_kernel(void);

/**
 * @brief Copy bytes between frames through the direct map.
 * @param dst_pa destination frame.
 * @param src_pa source frame.
 */
void pmap_copy_page(uint64_t dst_pa, uint64_t src_pa);

#endif /* KERN_PMAP_H_ */
