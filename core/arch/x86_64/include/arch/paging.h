/**
 * @file arch/paging.h
 * @brief Kernel page tables: the direct map, the image with W^X, and
 *        page-granular mappings in the kernel half.
 * @ingroup arch
 */
#ifndef ARCH_PAGING_H_
#define ARCH_PAGING_H_

#include <stdint.h>

/** Mapping protection: readable (always implied). */
#define ARCH_PROT_READ 0x1
/** Mapping protection: writable (never together with ARCH_PROT_EXEC). */
#define ARCH_PROT_WRITE 0x2
/** Mapping protection: executable (never together with ARCH_PROT_WRITE). */
#define ARCH_PROT_EXEC 0x4
/** Mapping protection: uncached device memory. */
#define ARCH_PROT_DEVICE 0x8

/**
 * @brief Build the kernel's final page tables and switch to them.
 *
 * Maps physical memory [0, @p phys_max) at KERN_DIRECT_BASE (read-write,
 * no-execute), the kernel text read-execute, rodata read-only and data/bss
 * read-write no-execute, and drops the boot tables' identity map.
 * @param frame_alloc returns the physical address of a free frame, or 0.
 * @param phys_max end of the physical memory to direct-map (bytes).
 * @retval 0 done.
 * @retval -ENOMEM @p frame_alloc ran out; the boot tables stay in use.
 */
int arch_paging_init(uint64_t (*frame_alloc)(void), uint64_t phys_max);

/**
 * @brief Map one 4 KiB page in the kernel half.
 * @param va page-aligned kernel virtual address.
 * @param pa page-aligned physical address.
 * @param prot ARCH_PROT_* bits; WRITE together with EXEC is refused.
 * @retval 0 mapped.
 * @retval -EINVAL unaligned, user-half or W+X.
 * @retval -EEXIST something is already mapped at @p va.
 * @retval -ENOMEM no frame for a page table.
 */
int arch_map_page(uint64_t va, uint64_t pa, unsigned prot);

/**
 * @brief Remove the mapping of one kernel page.
 * @param va page-aligned kernel virtual address.
 * @return the physical address that was mapped, or 0 if none.
 */
uint64_t arch_unmap_page(uint64_t va);

/**
 * @brief Change the protection of one mapped kernel page.
 * @param va page-aligned kernel virtual address.
 * @param prot ARCH_PROT_* bits; WRITE together with EXEC is refused.
 * @retval 0 done.
 * @retval -EINVAL W+X requested.
 * @retval -ENOENT nothing is mapped at @p va.
 */
int arch_protect_page(uint64_t va, unsigned prot);

/**
 * @brief Look up the mapping of a kernel address.
 * @param va kernel virtual address.
 * @param prot if not NULL, receives the ARCH_PROT_* bits of the mapping.
 * @return the physical address, or ~0 if @p va is not mapped.
 */
uint64_t arch_translate(uint64_t va, unsigned *prot);

/**
 * @brief Change where page-table frames come from (after the `page` takeover).
 * @param frame_alloc returns a free frame's physical address, or 0.
 * @param frame_free takes back a frame from @p frame_alloc.
 */
void arch_paging_set_frames(uint64_t (*frame_alloc)(void), void (*frame_free)(uint64_t pa));

/**
 * @brief Return the root of the kernel's own page tables.
 * @return physical address of the kernel PML4.
 */
uint64_t arch_kernel_space(void);

/**
 * @brief Create page tables for a new user address space (kernel half shared).
 * @return physical address of its root, or 0 when out of memory.
 */
uint64_t arch_space_create(void);

/**
 * @brief Free the page tables of a user space (not the frames it mapped).
 * @param root a root from arch_space_create(); switches away if it is active.
 */
void arch_space_destroy(uint64_t root);

/**
 * @brief Map a user page.
 * @param root space root.
 * @param va page-aligned user address (below the canonical hole).
 * @param pa page-aligned physical address.
 * @param prot ARCH_PROT_* bits.
 * @retval 0 mapped.
 * @retval -EINVAL unaligned or not a user address.
 * @retval -EEXIST already mapped.
 * @retval -ENOMEM no frame for a page table.
 */
int arch_space_map(uint64_t root, uint64_t va, uint64_t pa, unsigned prot);

/**
 * @brief Unmap a user page.
 * @param root space root.
 * @param va page-aligned user address.
 * @return the physical address that was mapped, or 0.
 */
uint64_t arch_space_unmap(uint64_t root, uint64_t va);

/**
 * @brief Change the protection of a mapped user page.
 * @param root space root.
 * @param va page-aligned user address.
 * @param prot ARCH_PROT_* bits.
 * @retval 0 done.
 * @retval -ENOENT not mapped.
 */
int arch_space_protect(uint64_t root, uint64_t va, unsigned prot);

/**
 * @brief Look up a user address.
 * @param root space root.
 * @param va user address.
 * @param prot if not NULL, receives the ARCH_PROT_* bits.
 * @return the physical address, or ~0 if not mapped.
 */
uint64_t arch_space_lookup(uint64_t root, uint64_t va, unsigned *prot);

/**
 * @brief Switch this CPU to an address space.
 * @param root space root (arch_kernel_space() for none).
 */
void arch_space_activate(uint64_t root);

#endif /* ARCH_PAGING_H_ */
