/*
 * Buddy allocation per zone.
 *
 * Each zone keeps one free list per order. An allocation of order k takes
 * the smallest free block of order j >= k and splits it, putting the upper
 * halves back on the lists of orders j-1 ... k. A free looks at the
 * buddy (pfn XOR 2^k): if it is the head of a free block of the same order
 * the two merge, and so on upwards. Blocks are aligned in physical frame
 * numbers, so a block of order k starts at a multiple of 2^k frames; the
 * DMA limit (16 MiB) is a multiple of the largest block, so no block ever
 * straddles two zones.
 *
 * Without PAGE_DMA the NORMAL zone is tried first, so the scarce frames
 * that ISA DMA can reach are used only when nothing else is left.
 *
 * Single frames for the core's per-CPU lists (core/kern/mm/page_pcp.c)
 * come in batches: buddy_alloc_batch() cuts one block of up to 32 frames
 * into order-0 blocks in use, instead of 32 splits through ten orders.
 *
 * There is no lock here: the core's wrapper (core/kern/mm/page.c) holds
 * the page role's spinlock around every call.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "buddy.h"

_Static_assert(PAGE_DMA_LIMIT % (PAGE_SIZE << PAGE_MAX_ORDER) == 0,
	       "a block of the largest order must not straddle the DMA limit");
_Static_assert(sizeof(struct page_frame) == 16, "frame records are 16 bytes");

/* Take a block of order >= @order from zone @zi and split it down to
 * @order; its records are the caller's to mark. */
static uint32_t buddy_zone_cut(struct buddy *b, unsigned zi, unsigned order)
{
	struct buddy_zone *z = &b->zone[zi];
	unsigned j = order;
	uint32_t idx;

	while (j < BUDDY_NORDERS && z->head[j] == BUDDY_NIL)
		j++;
	if (j == BUDDY_NORDERS)
		return BUDDY_NIL;
	idx = z->head[j];
	buddy_list_unlink(b, idx);
	while (j > order) {
		j--;
		buddy_list_insert(b, idx + (1U << j), j);
	}
	z->free -= 1ULL << order;
	return idx;
}

/* ...and mark it one block in use. */
static uint32_t buddy_zone_take(struct buddy *b, unsigned zi, unsigned order)
{
	uint32_t idx = buddy_zone_cut(b, zi, order);

	if (idx != BUDDY_NIL)
		buddy_mark_used(b, idx, order);
	return idx;
}

uint64_t buddy_alloc_block(struct buddy *b, unsigned order, unsigned flags)
{
	uint32_t idx;

	if (order > PAGE_MAX_ORDER || b->frames == NULL)
		return 0;
	if (flags & PAGE_DMA) {
		idx = buddy_zone_take(b, PAGE_ZONE_DMA, order);
	} else {
		idx = buddy_zone_take(b, PAGE_ZONE_NORMAL, order);
		if (idx == BUDDY_NIL)
			idx = buddy_zone_take(b, PAGE_ZONE_DMA, order);
	}
	return idx == BUDDY_NIL ? 0 : buddy_idx_pa(b, idx);
}

/* Is the record at pfn @pfn the head of a free block of order @order in zone @zone? */
static bool buddy_is_free_head(struct buddy *b, uint64_t pfn, unsigned order, unsigned zone)
{
	struct page_frame *f;

	if (pfn < b->base_pfn || pfn - b->base_pfn >= b->nframes)
		return false;
	f = &b->frames[pfn - b->base_pfn];
	return (f->flags & (BUDDY_FREE | BUDDY_HEAD)) == (BUDDY_FREE | BUDDY_HEAD) &&
	       f->order == order && f->zone == zone;
}

void buddy_free_block(struct buddy *b, uint32_t idx)
{
	struct page_frame *head = &b->frames[idx];
	unsigned order = head->order;
	unsigned zone = head->zone;
	uint64_t pfn = b->base_pfn + idx;

	buddy_reclaim_forget(b, head);
	buddy_mark_free(b, idx, order);
	b->zone[zone].free += 1ULL << order;
	while (order < PAGE_MAX_ORDER) {
		uint64_t bpfn = pfn ^ (1ULL << order);

		if (!buddy_is_free_head(b, bpfn, order, zone))
			break;
		buddy_list_unlink(b, (uint32_t)(bpfn - b->base_pfn));
		b->frames[bpfn - b->base_pfn].flags = BUDDY_FREE;
		b->frames[bpfn - b->base_pfn].order = 0;
		pfn &= ~(1ULL << order);
		order++;
	}
	buddy_list_insert(b, (uint32_t)(pfn - b->base_pfn), order);
}

static void buddy_zero(struct buddy *b, uint64_t pa, unsigned order)
{
	for (uint64_t i = 0; i < (1ULL << order); i++)
		memset(b->virt(pa + i * PAGE_SIZE), 0, PAGE_SIZE);
}

/* Split, then reclaim once. */
uint64_t buddy_alloc(struct buddy *b, unsigned order, unsigned flags)
{
	uint64_t pa;

	if (order > PAGE_MAX_ORDER)
		return 0;
	pa = buddy_alloc_block(b, order, flags);
	if (pa == 0) {
		buddy_daemon_run(b);
		pa = buddy_alloc_block(b, order, flags);
	}
	if (pa == 0) {
		b->alloc_fails++;
		return 0;
	}
	if (flags & PAGE_ZERO)
		buddy_zero(b, pa, order);
	buddy_daemon_kick(b);
	return pa;
}

/* The largest order whose block does not exceed @n frames (n >= 1). */
static unsigned buddy_fit_order(unsigned n)
{
	unsigned o = 0;

	while (o < PAGE_MAX_ORDER && (2U << o) <= n)
		o++;
	return o;
}

unsigned buddy_alloc_batch(struct buddy *b, unsigned n, uint64_t *pas)
{
	unsigned got = 0, o;

	if (b->frames == NULL || n == 0)
		return 0;
	o = buddy_fit_order(n);
	while (got < n) {
		uint32_t idx;

		while ((1U << o) > n - got)
			o--;
		idx = buddy_zone_cut(b, PAGE_ZONE_NORMAL, o);
		if (idx == BUDDY_NIL) {
			if (o == 0)
				break;
			o--;
			continue;
		}
		buddy_mark_singles(b, idx, 1U << o, pas + got);
		got += 1U << o;
	}
	if (got > 0)
		buddy_daemon_kick(b);
	return got;
}

int buddy_free(struct buddy *b, uint64_t pa, unsigned order)
{
	struct page_frame *f = buddy_frame(b, pa);

	if (f == NULL || pa % PAGE_SIZE != 0 || order > PAGE_MAX_ORDER ||
	    (f->flags & (BUDDY_HEAD | BUDDY_FREE | BUDDY_RESERVED)) != BUDDY_HEAD ||
	    f->order != order) {
		b->bad_frees++;
		return -EINVAL;
	}
	if (f->refcount > 1) {
		b->bad_frees++;
		return -EBUSY;
	}
	buddy_free_block(b, buddy_frame_idx(b, f));
	return 0;
}

/*
 * Are the @p n frames at @p pas (n a power of two, at most 64) exactly one
 * naturally aligned block, in any order, each a single frame in use that
 * buddy_free(b, pa, 0) would accept? Then *idx is its first record.
 */
static bool buddy_batch_block(struct buddy *b, const uint64_t *pas, unsigned n, uint32_t *idx)
{
	uint64_t lo = UINT64_MAX, seen = 0;
	struct page_frame *f0;

	if (n < 2 || n > 64 || (n & (n - 1)) != 0)
		return false;
	for (unsigned i = 0; i < n; i++)
		lo = pas[i] < lo ? pas[i] : lo;
	f0 = buddy_frame(b, lo);
	if (f0 == NULL || lo % (n * PAGE_SIZE) != 0 ||
	    buddy_frame(b, lo + (n - 1) * PAGE_SIZE) == NULL)
		return false;
	for (unsigned i = 0; i < n; i++) {
		uint64_t d = (pas[i] - lo) / PAGE_SIZE;
		const struct page_frame *f = &f0[d];

		if (d >= n || (seen & (1ULL << d)) || pas[i] % PAGE_SIZE != 0 ||
		    (f->flags & (BUDDY_HEAD | BUDDY_FREE | BUDDY_RESERVED | BUDDY_RECLAIMABLE)) !=
			BUDDY_HEAD ||
		    f->order != 0 || f->refcount > 1)
			return false;
		seen |= 1ULL << d;
	}
	*idx = buddy_frame_idx(b, f0);
	return true;
}

/* A batch that is one whole block (a refill given back, in any order) is
 * freed as that block: one merge instead of one per frame. Anything else
 * (a reclaimable frame included) is freed, and checked, frame by frame. */
void buddy_free_batch(struct buddy *b, const uint64_t *pas, unsigned n)
{
	uint32_t idx;

	if (buddy_batch_block(b, pas, n, &idx)) {
		b->frames[idx].order = (uint8_t)__builtin_ctz(n); /* the head of the whole block */
		buddy_free_block(b, idx);
		return;
	}
	for (unsigned i = 0; i < n; i++)
		(void)buddy_free(b, pas[i], 0);
}

unsigned buddy_ref(struct buddy *b, uint64_t pa)
{
	struct page_frame *f = buddy_used_head(b, pa);

	if (f == NULL)
		return 0;
	if (f->refcount < UINT32_MAX)
		f->refcount++;
	return f->refcount;
}

unsigned buddy_unref(struct buddy *b, uint64_t pa)
{
	struct page_frame *f = buddy_used_head(b, pa);

	if (f == NULL || f->refcount == 0) {
		b->bad_frees++;
		return 0;
	}
	if (--f->refcount == 0)
		buddy_free_block(b, buddy_frame_idx(b, f));
	return f->refcount;
}

unsigned buddy_refcount(struct buddy *b, uint64_t pa)
{
	struct page_frame *f = buddy_frame(b, pa);

	if (f != NULL && (f->flags & BUDDY_RESERVED))
		return f->refcount;
	f = buddy_used_head(b, pa);
	return f ? f->refcount : 0;
}

uint64_t buddy_free_frames(const struct buddy *b)
{
	uint64_t n = 0;

	for (unsigned z = 0; z < PAGE_NZONES; z++)
		n += b->zone[z].free;
	return n;
}

void buddy_stats(const struct buddy *b, struct page_stats *st)
{
	memset(st, 0, sizeof(*st));
	for (unsigned z = 0; z < PAGE_NZONES; z++) {
		st->zone[z].total = b->zone[z].total;
		st->zone[z].free = b->zone[z].free;
	}
	st->boot_reserved = b->boot_reserved;
	st->low_water = b->low_water;
	st->high_water = b->high_water;
	st->reclaimable = b->reclaimable;
	st->reclaimed = b->reclaimed;
	st->daemon_runs = b->daemon_runs;
	st->alloc_fails = b->alloc_fails;
}
