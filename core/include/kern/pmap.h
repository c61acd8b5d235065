/**
 * @file kern/pmap.h
 * @brief Machine-independent page-table operations for the `vm` module.
 * @ingroup vm
 *
 * The name follows BSD's pmap layer: the vm module decides what is mapped
 * where; pmap (the core over `arch_*` hooks) edits the page tables. Roots
 * are physical addresses of top-level tables.
 */
#ifndef KERN_PMAP_H_
#define KERN_PMAP_H_

#include <stdint.h>

#define PMAP_READ  0x1 /**< Protection: readable. */
#define PMAP_WRITE 0x2 /**< Protection: writable. */
#define PMAP_EXEC  0x4 /**< Protection: executable. */
/** First address above user space (the canonical hole starts here). */
#define PMAP_USER_TOP 0x0000800000000000ULL
/** Size of a page in bytes. */
#define PMAP_PAGE 4096ULL
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
 * @param prot PMAP_* bits.
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
 * @param prot PMAP_* bits.
 * @retval 0 done.
 * @retval -ENOENT not mapped.
 */
int pmap_protect(uint64_t root, uint64_t va, unsigned prot);

/**
 * @brief Look up a user address.
 * @param root space root.
 * @param va user address.
 * @param prot if not NULL, receives PMAP_* bits.
 * @return the physical address, or PMAP_NONE.
 */
uint64_t pmap_extract(uint64_t root, uint64_t va, unsigned *prot);

/**
 * @brief Switch this CPU to a space.
 * @param root space root, or pmap_kernel().
 */
void pmap_activate(uint64_t root);

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
