/*
 * The handoff from the bootstrap allocator.
 *
 * bootmem hands frames out from the bottom of each range upwards, so each
 * range is "in use below base, free above": [base, end) becomes free
 * blocks and [start, base) in-use order-0 frames with one reference each
 * (the kernel may page_free() them one by one later, as the module area
 * does). The record array is the last thing bootmem hands out; its frames
 * are marked reserved so they can never be freed.
 *
 * The free part is cut greedily into the largest naturally aligned blocks
 * that fit. That is the very shape the buddy rules converge to once every
 * frame is free again (two equal neighbours that are buddies would have
 * been taken as one block by the greedy cut), so after the takeover no two
 * free buddies are left unmerged.
 *
 * bootmem itself is left as it is: after the takeover the core must not
 * allocate from it any more.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "buddy.h"

/* Largest order of an aligned block starting at @pfn that fits in @count frames. */
static unsigned buddy_fit_order(uint64_t pfn, uint64_t count)
{
	unsigned order = 0;

	while (order < PAGE_MAX_ORDER && (pfn & (1ULL << order)) == 0 && (2ULL << order) <= count)
		order++;
	return order;
}

static void buddy_take_free(struct buddy *b, uint64_t start, uint64_t end)
{
	uint64_t pfn = start / PAGE_SIZE;
	uint64_t last = end / PAGE_SIZE;

	while (pfn < last) {
		unsigned order = buddy_fit_order(pfn, last - pfn);
		uint32_t idx = (uint32_t)(pfn - b->base_pfn);

		buddy_mark_free(b, idx, order);
		buddy_list_insert(b, idx, order);
		b->zone[b->frames[idx].zone].free += 1ULL << order;
		pfn += 1ULL << order;
	}
}

static void buddy_take_used(struct buddy *b, uint64_t start, uint64_t end)
{
	uint64_t meta_end = b->meta_pa + b->meta_frames * PAGE_SIZE;

	for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
		uint32_t idx = (uint32_t)(pa / PAGE_SIZE - b->base_pfn);

		buddy_mark_used(b, idx, 0);
		if (pa >= b->meta_pa && pa < meta_end)
			b->frames[idx].flags |= BUDDY_RESERVED;
	}
}

/* Records are written once each: the ranges' by buddy_take_free() and
 * buddy_take_used(), the holes between ranges here, as reserved. */
static void buddy_init_records(struct buddy *b, const struct bootmem *bm)
{
	uint64_t pfn = b->base_pfn;

	for (unsigned i = 0; i < bm->n; i++) {
		uint64_t start = bm->r[i].start / PAGE_SIZE;

		if (start > pfn)
			buddy_mark_reserved(b, (uint32_t)(pfn - b->base_pfn),
					    (uint32_t)(start - pfn));
		pfn = bm->r[i].end / PAGE_SIZE;
	}
	for (unsigned z = 0; z < PAGE_NZONES; z++)
		for (unsigned o = 0; o < BUDDY_NORDERS; o++)
			b->zone[z].head[o] = BUDDY_NIL;
}

/* Count a range's frames into the zones' totals (a range may cross the DMA limit). */
static void buddy_count_range(struct buddy *b, uint64_t start, uint64_t end)
{
	uint64_t split =
	    start < PAGE_DMA_LIMIT ? (end < PAGE_DMA_LIMIT ? end : PAGE_DMA_LIMIT) : start;

	b->zone[PAGE_ZONE_DMA].total += (split - start) / PAGE_SIZE;
	b->zone[PAGE_ZONE_NORMAL].total += (end - split) / PAGE_SIZE;
	b->managed += (end - start) / PAGE_SIZE;
}

/* Size the record array and take it from bootmem. */
static int buddy_take_records(struct buddy *b, struct bootmem *bm)
{
	uint64_t lo = bm->r[0].start / PAGE_SIZE;
	uint64_t hi = bm->r[bm->n - 1].end / PAGE_SIZE;
	uint64_t bytes;

	if (hi - lo > BUDDY_MAX_FRAMES)
		return -EOVERFLOW;
	bytes = (hi - lo) * sizeof(struct page_frame);
	b->meta_frames = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
	b->meta_pa = bootmem_alloc(bm, b->meta_frames, UINT64_MAX);
	if (b->meta_pa == 0)
		return -ENOMEM;
	b->base_pfn = lo;
	b->nframes = (uint32_t)(hi - lo);
	b->frames = b->virt(b->meta_pa);
	return 0;
}

int buddy_takeover(struct buddy *b, struct bootmem *bm, void *(*virt)(uint64_t pa))
{
	int rc;

	if (virt == NULL)
		return -EINVAL;
	memset(b, 0, sizeof(*b));
	b->virt = virt;
	if (bm->n == 0)
		return -ENOMEM;
	b->boot_reserved = bootmem_used_bytes(bm) / PAGE_SIZE;
	rc = buddy_take_records(b, bm);
	if (rc) {
		memset(b, 0, sizeof(*b));
		return rc;
	}
	buddy_init_records(b, bm);
	for (unsigned i = 0; i < bm->n; i++) {
		const struct bootmem_range *r = &bm->r[i];

		buddy_take_free(b, r->base, r->end);
		buddy_take_used(b, r->start, r->base);
		buddy_count_range(b, r->start, r->end);
	}
	buddy_set_watermarks(b);
	return 0;
}
