/**
 * @file arch/mmu.h
 * @brief The arch contract for memory: page size, address-space layout and
 *        the kernel's page tables.
 * @ingroup arch
 *
 * The constants come from the arch's <machine/layout.h>: PAGE_SHIFT and
 * PAGE_SIZE, the direct map of physical memory (KERN_DIRECT_BASE,
 * KERN_BOOT_MAPPED) and the kernel areas (KERN_STACK_BASE/END,
 * KERN_HEAP_BASE/END, KERN_MMIO_BASE, KERN_MODULE_BASE/END). User address
 * spaces are the pmap interface of <kern/pmap.h>, which the arch implements
 * too. Protection bits are those of <kern/prot.h>.
 */
#ifndef ARCH_MMU_H_
#define ARCH_MMU_H_

#include <stdint.h>

#include <kern/prot.h>
#include <machine/layout.h>

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
 * @brief Map one page in the kernel half.
 * @param va page-aligned kernel virtual address.
 * @param pa page-aligned physical address.
 * @param prot VM_* bits of <kern/prot.h>; VM_WRITE together with VM_EXEC is refused.
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
 * @param prot VM_* bits; VM_WRITE together with VM_EXEC is refused.
 * @retval 0 done.
 * @retval -EINVAL W+X requested.
 * @retval -ENOENT nothing is mapped at @p va.
 */
int arch_protect_page(uint64_t va, unsigned prot);

/**
 * @brief Look up the mapping of a kernel address.
 * @param va kernel virtual address.
 * @param prot if not NULL, receives the VM_* bits of the mapping.
 * @return the physical address, or ~0 if @p va is not mapped.
 */
uint64_t arch_translate(uint64_t va, unsigned *prot);

/**
 * @brief Change where page-table frames come from (after the `page` takeover).
 * @param frame_alloc returns a free frame's physical address, or 0.
 * @param frame_free takes back a frame from @p frame_alloc.
 */
void arch_paging_set_frames(uint64_t (*frame_alloc)(void), void (*frame_free)(uint64_t pa));

#endif /* ARCH_MMU_H_ */
