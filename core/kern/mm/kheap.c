/*
 * The kernel heap area. A block is npages frames, each from `page`, mapped
 * read-write no-execute at consecutive addresses of the heap area's kva
 * arena, which puts an unmapped guard page after it and reuses the
 * addresses of freed blocks. The caller gives the size back at free (as
 * with page_free()), so no table of live blocks is kept.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <core/kheap.h>
#include <core/kva.h>
#include <kern/page.h>

#define KHEAP_MAX_PAGES 65536

static struct kva_arena kheap_area =
    KVA_ARENA_INIT("kheap", KERN_HEAP_BASE, KERN_HEAP_END - KERN_HEAP_BASE, PAGE_SIZE);
static size_t kheap_bytes;

static uint64_t kheap_frame(void)
{
	return page_alloc(0, PAGE_ZERO);
}

static void kheap_frame_free(uint64_t pa)
{
	page_free(pa, 0);
}

void *kheap_alloc(size_t npages)
{
	uint64_t va;

	if (npages == 0 || npages > KHEAP_MAX_PAGES)
		return NULL;
	if (kva_alloc(&kheap_area, npages * PAGE_SIZE, &va) != 0)
		return NULL;
	if (kva_map(va, npages, kheap_frame, kheap_frame_free) != 0) {
		kva_free(&kheap_area, va, npages * PAGE_SIZE);
		return NULL;
	}
	__atomic_add_fetch(&kheap_bytes, npages * PAGE_SIZE, __ATOMIC_RELAXED);
	return (void *)va;
}

void kheap_free(void *p, size_t npages)
{
	if (p == NULL || npages == 0 || npages > KHEAP_MAX_PAGES)
		return;
	kva_unmap((uint64_t)p, npages, kheap_frame_free);
	kva_free(&kheap_area, (uint64_t)p, npages * PAGE_SIZE);
	__atomic_sub_fetch(&kheap_bytes, npages * PAGE_SIZE, __ATOMIC_RELAXED);
}

size_t kheap_used(void)
{
	return __atomic_load_n(&kheap_bytes, __ATOMIC_RELAXED);
}
