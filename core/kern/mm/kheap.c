/*
 * The kernel heap area. A block is npages frames, each from `page`, mapped
 * read-write no-execute at consecutive addresses, then one unmapped guard
 * page. Addresses come first-fit from the holes freed blocks left (merged
 * with their neighbours), else from the top of what was used so far; each
 * live block's size is kept in a table rather than in a header page.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <core/kheap.h>
#include <kern/kmod.h>
#include <kern/page.h>
#include <kern/string.h>

#define KHEAP_MAX_BLOCKS 256
#define KHEAP_MAX_PAGES	 65536
#define KHEAP_MAX_HOLES	 64

struct kheap_block {
	uint64_t va;
	uint64_t npages; /* 0: slot unused */
};

static struct kheap_block kheap_blocks[KHEAP_MAX_BLOCKS];
static uint64_t kheap_next = KERN_HEAP_BASE;
static size_t kheap_bytes;

struct kheap_range {
	uint64_t va;
	uint64_t len; /* 0: slot unused */
};

static struct kheap_range kheap_holes[KHEAP_MAX_HOLES];

/* First fit among the holes freed blocks left, else fresh area at the top. */
static uint64_t kheap_range(uint64_t span)
{
	for (unsigned i = 0; i < KHEAP_MAX_HOLES; i++) {
		struct kheap_range *h = &kheap_holes[i];

		if (h->len >= span) {
			uint64_t va = h->va;

			h->va += span;
			h->len -= span;
			return va;
		}
	}
	if (span > KERN_HEAP_END - kheap_next)
		return 0;
	kheap_next += span;
	return kheap_next - span;
}

/* Give a range back, merged with the holes it touches. A full hole table
 * loses the range: the area is large, and nothing breaks. */
static void kheap_hole(uint64_t va, uint64_t len)
{
	struct kheap_range *empty = NULL;

	for (unsigned i = 0; i < KHEAP_MAX_HOLES; i++) {
		struct kheap_range *h = &kheap_holes[i];

		if (h->len && h->va + h->len == va) {
			va = h->va;
			len += h->len;
			h->len = 0;
		} else if (h->len && va + len == h->va) {
			len += h->len;
			h->len = 0;
		}
	}
	for (unsigned i = 0; i < KHEAP_MAX_HOLES && !empty; i++)
		if (kheap_holes[i].len == 0)
			empty = &kheap_holes[i];
	if (empty)
		*empty = (struct kheap_range){ .va = va, .len = len };
}

static void kheap_unmap(uint64_t va, uint64_t npages)
{
	for (uint64_t i = 0; i < npages; i++) {
		uint64_t pa = arch_unmap_page(va + i * PAGE_SIZE);

		if (pa)
			page_free(pa, 0);
	}
}

void *kheap_alloc(size_t npages)
{
	uint64_t flags, va;
	struct kheap_block *slot = NULL;

	if (npages == 0 || npages > KHEAP_MAX_PAGES)
		return NULL;
	flags = arch_irq_save();
	for (unsigned i = 0; i < KHEAP_MAX_BLOCKS && !slot; i++)
		if (kheap_blocks[i].npages == 0)
			slot = &kheap_blocks[i];
	va = slot ? kheap_range((npages + 1) * PAGE_SIZE) : 0;
	for (uint64_t i = 0; va && i < npages; i++) {
		uint64_t pa = page_alloc(0, PAGE_ZERO);

		if (pa == 0 || arch_map_page(va + i * PAGE_SIZE, pa, VM_READ | VM_WRITE) != 0) {
			if (pa)
				page_free(pa, 0);
			kheap_unmap(va, i);
			kheap_hole(va, (npages + 1) * PAGE_SIZE);
			va = 0;
		}
	}
	if (va) {
		*slot = (struct kheap_block){ .va = va, .npages = npages };
		kheap_bytes += npages * PAGE_SIZE;
	}
	arch_irq_restore(flags);
	return (void *)va;
}
KERN_EXPORT(kheap_alloc);

void kheap_free(void *p)
{
	uint64_t flags = arch_irq_save();

	for (unsigned i = 0; p && i < KHEAP_MAX_BLOCKS; i++) {
		struct kheap_block *b = &kheap_blocks[i];

		if (b->npages && b->va == (uint64_t)p) {
			kheap_unmap(b->va, b->npages);
			kheap_hole(b->va, (b->npages + 1) * PAGE_SIZE);
			kheap_bytes -= b->npages * PAGE_SIZE;
			b->npages = 0;
			break;
		}
	}
	arch_irq_restore(flags);
}
KERN_EXPORT(kheap_free);

size_t kheap_used(void)
{
	return kheap_bytes;
}
KERN_EXPORT(kheap_used);
