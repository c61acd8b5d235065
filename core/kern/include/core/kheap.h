/**
 * @file core/kheap.h
 * @brief The kernel heap area: large blocks that are contiguous in virtual
 *        memory only.
 * @ingroup vm
 *
 * For buffers and tables too big to ask `page` for in one physically
 * contiguous piece. Each block is followed by an unmapped guard page, so an
 * overrun faults at once (the addresses come from a kva arena, core/kva.h).
 * Small objects belong to mem_alloc().
 */
#ifndef CORE_KHEAP_H_
#define CORE_KHEAP_H_

#include <stddef.h>

/**
 * @brief Allocate a block of whole pages, zeroed.
 * @param npages number of pages, 1 to 65536.
 * @return its address in the heap area, or NULL when out of frames or of area.
 */
void *kheap_alloc(size_t npages);

/**
 * @brief Free a block from kheap_alloc().
 * @param p the block (NULL is ignored).
 * @param npages the number of pages given to kheap_alloc().
 */
void kheap_free(void *p, size_t npages);

/**
 * @brief Count the bytes mapped in the heap area.
 * @return bytes (guard pages not counted).
 */
size_t kheap_used(void);

#endif /* CORE_KHEAP_H_ */
