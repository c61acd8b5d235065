/*
 * The frame-record array and the free lists threaded through it.
 *
 * One 16-byte record per frame, from the lowest to the highest managed
 * frame; holes between RAM ranges get records too (marked reserved) so a
 * frame's record is found by subtraction. The free lists are doubly linked
 * by 32-bit record indexes rather than pointers: half the size, and the
 * links stay valid whatever address the array is reached through.
 *
 * Every frame of a block carries the block's state (free, or in use with
 * the block's order), not only the head: freeing and allocating cost
 * O(2^order) writes, and in exchange any frame answers "is it free?" and
 * "where is my head?" in O(1), which the reference counts, the page daemon
 * and the double-free checks need.
 */
#include <stddef.h>
#include <stdint.h>

#include "buddy.h"

struct page_frame *buddy_frame(struct buddy *b, uint64_t pa)
{
	uint64_t pfn = pa / PAGE_SIZE;

	if (b->frames == NULL || pfn < b->base_pfn || pfn - b->base_pfn >= b->nframes)
		return NULL;
	return &b->frames[pfn - b->base_pfn];
}

uint64_t buddy_idx_pa(const struct buddy *b, uint32_t idx)
{
	return (b->base_pfn + idx) * PAGE_SIZE;
}

uint32_t buddy_frame_idx(const struct buddy *b, const struct page_frame *f)
{
	return (uint32_t)(f - b->frames);
}

unsigned buddy_zone_of(uint64_t pa)
{
	return pa < PAGE_DMA_LIMIT ? PAGE_ZONE_DMA : PAGE_ZONE_NORMAL;
}

static void buddy_list_push(struct buddy *b, uint32_t idx)
{
	struct page_frame *f = &b->frames[idx];
	struct buddy_zone *z = &b->zone[f->zone];
	uint32_t old = z->head[f->order];

	f->prev = BUDDY_NIL;
	f->next = old;
	if (old != BUDDY_NIL)
		b->frames[old].prev = idx;
	z->head[f->order] = idx;
	z->nblocks[f->order]++;
}

void buddy_list_unlink(struct buddy *b, uint32_t idx)
{
	struct page_frame *f = &b->frames[idx];
	struct buddy_zone *z = &b->zone[f->zone];

	if (f->prev != BUDDY_NIL)
		b->frames[f->prev].next = f->next;
	else
		z->head[f->order] = f->next;
	if (f->next != BUDDY_NIL)
		b->frames[f->next].prev = f->prev;
	f->next = f->prev = BUDDY_NIL;
	z->nblocks[f->order]--;
}

void buddy_list_insert(struct buddy *b, uint32_t idx, unsigned order)
{
	struct page_frame *f = &b->frames[idx];

	f->order = (uint8_t)order;
	f->flags = BUDDY_FREE | BUDDY_HEAD;
	buddy_list_push(b, idx);
}

/* Write one record over n frames: two stores each (a block never crosses
 * the DMA limit, so one zone serves all of them). */
static void buddy_fill(struct buddy *b, uint32_t idx, uint32_t n, struct page_frame rec)
{
	struct page_frame *f = &b->frames[idx];

	rec.zone = (uint8_t)buddy_zone_of(buddy_idx_pa(b, idx));
	for (uint32_t i = 0; i < n; i++)
		f[i] = rec;
}

void buddy_mark_free(struct buddy *b, uint32_t idx, unsigned order)
{
	buddy_fill(
	    b, idx, 1U << order,
	    (struct page_frame){
		.flags = BUDDY_FREE, .reclaimer = -1, .next = BUDDY_NIL, .prev = BUDDY_NIL });
}

void buddy_mark_used(struct buddy *b, uint32_t idx, unsigned order)
{
	buddy_fill(
	    b, idx, 1U << order,
	    (struct page_frame){
		.order = (uint8_t)order, .reclaimer = -1, .next = BUDDY_NIL, .prev = BUDDY_NIL });
	b->frames[idx].refcount = 1;
	b->frames[idx].flags = BUDDY_HEAD;
}

void buddy_mark_singles(struct buddy *b, uint32_t idx, uint32_t n, uint64_t *pas)
{
	struct page_frame *f = &b->frames[idx];
	const struct page_frame rec = { .refcount = 1,
					.zone = (uint8_t)buddy_zone_of(buddy_idx_pa(b, idx)),
					.flags = BUDDY_HEAD,
					.reclaimer = -1,
					.next = BUDDY_NIL,
					.prev = BUDDY_NIL };
	uint64_t pa = buddy_idx_pa(b, idx);

	for (uint32_t i = 0; i < n; i++, pa += PAGE_SIZE) {
		f[i] = rec;
		pas[i] = pa;
	}
}

void buddy_mark_reserved(struct buddy *b, uint32_t idx, uint32_t n)
{
	const struct page_frame rec = {
		.flags = BUDDY_RESERVED, .reclaimer = -1, .next = BUDDY_NIL, .prev = BUDDY_NIL
	};

	for (uint32_t i = 0; i < n; i++) {
		b->frames[idx + i] = rec;
		b->frames[idx + i].zone = (uint8_t)buddy_zone_of(buddy_idx_pa(b, idx + i));
	}
}

struct page_frame *buddy_used_head(struct buddy *b, uint64_t pa)
{
	struct page_frame *f = buddy_frame(b, pa);
	uint64_t pfn = pa / PAGE_SIZE;

	if (f == NULL || (f->flags & (BUDDY_FREE | BUDDY_RESERVED)))
		return NULL;
	if (f->flags & BUDDY_HEAD)
		return f;
	pfn &= ~((1ULL << f->order) - 1);
	f = buddy_frame(b, pfn * PAGE_SIZE);
	return f != NULL && (f->flags & BUDDY_HEAD) ? f : NULL;
}
