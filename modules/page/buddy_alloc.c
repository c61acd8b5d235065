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
 * Single frames have a fast path: each CPU keeps a short list of free
 * NORMAL frames (struct buddy_pcp), so an order-0 allocation or free is a
 * push or a pop, with no split through ten orders and no merge back. A
 * list refills with one block of BUDDY_PCP_ORDER cut into single frames
 * and, past BUDDY_PCP_HIGH, gives the same number back to the buddy lists;
 * an allocation the lists cannot serve drains every list first, so cached
 * frames never make a larger allocation fail. The lists are indexed by the
 * CPU number b->cpu() returns.
 *
 * There is no lock here: the core's wrapper (core/kern/mm/page.c) holds
 * the page role's spinlock around every call. With several CPUs the
 * per-CPU lists are what can leave that lock (each CPU touches only its
 * own, with interrupts masked), and the buddy lists keep one.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "buddy.h"

_Static_assert(PAGE_DMA_LIMIT % (PAGE_SIZE << PAGE_MAX_ORDER) == 0,
	       "a block of the largest order must not straddle the DMA limit");
_Static_assert(sizeof(struct page_frame) == 16, "frame records are 16 bytes");

/* Take a block of order >= @order from zone @zi, split it down to @order. */
static uint32_t buddy_zone_take(struct buddy *b, unsigned zi, unsigned order)
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

static struct buddy_pcp *buddy_pcp_self(struct buddy *b)
{
	unsigned cpu = b->cpu ? b->cpu() : 0;

	return cpu < BUDDY_PCP_CPUS ? &b->pcp[cpu] : NULL;
}

static void buddy_pcp_push(struct buddy *b, struct buddy_pcp *p, uint32_t idx)
{
	struct page_frame *f = &b->frames[idx];

	f->refcount = 0;
	f->order = 0;
	f->flags = BUDDY_FREE | BUDDY_CACHED;
	f->reclaimer = -1;
	f->next = p->count ? p->head : BUDDY_NIL;
	f->prev = BUDDY_NIL;
	p->head = idx;
	p->count++;
}

static uint32_t buddy_pcp_pop(struct buddy *b, struct buddy_pcp *p)
{
	uint32_t idx = p->head;
	struct page_frame *f = &b->frames[idx];

	p->head = f->next;
	p->count--;
	f->next = BUDDY_NIL;
	return idx;
}

/* One block of BUDDY_PCP_ORDER, cut into single frames (they stay free). */
static void buddy_pcp_refill(struct buddy *b, struct buddy_pcp *p)
{
	uint32_t idx = buddy_zone_take(b, PAGE_ZONE_NORMAL, BUDDY_PCP_ORDER);

	if (idx == BUDDY_NIL)
		return;
	b->zone[PAGE_ZONE_NORMAL].free += 1U << BUDDY_PCP_ORDER;
	for (uint32_t i = 1U << BUDDY_PCP_ORDER; i-- > 0;)
		buddy_pcp_push(b, p, idx + i);
}

/* Give the n frames at the head of a list back to the buddy lists. */
static uint64_t buddy_pcp_give_back(struct buddy *b, struct buddy_pcp *p, uint32_t n)
{
	uint64_t given = 0;

	while (n-- > 0 && p->count > 0) {
		uint32_t idx = buddy_pcp_pop(b, p);

		b->frames[idx].flags = BUDDY_HEAD;
		b->zone[PAGE_ZONE_NORMAL].free--;
		buddy_free_block(b, idx);
		given++;
	}
	return given;
}

uint64_t buddy_pcp_drain(struct buddy *b)
{
	uint64_t n = 0;

	for (unsigned c = 0; c < BUDDY_PCP_CPUS; c++)
		n += buddy_pcp_give_back(b, &b->pcp[c], b->pcp[c].count);
	return n;
}

/* The fast path of an order-0 NORMAL allocation: BUDDY_NIL if it cannot serve. */
static uint32_t buddy_pcp_take(struct buddy *b)
{
	struct buddy_pcp *p = buddy_pcp_self(b);
	uint32_t idx;

	if (p == NULL || b->frames == NULL)
		return BUDDY_NIL;
	if (p->count == 0)
		buddy_pcp_refill(b, p);
	if (p->count == 0)
		return BUDDY_NIL;
	idx = buddy_pcp_pop(b, p);
	b->zone[PAGE_ZONE_NORMAL].free--;
	b->frames[idx].flags = BUDDY_HEAD;
	b->frames[idx].refcount = 1;
	return idx;
}

/* Free an in-use block: a single NORMAL frame goes on this CPU's list. */
static void buddy_release(struct buddy *b, uint32_t idx)
{
	struct page_frame *f = &b->frames[idx];
	struct buddy_pcp *p;

	if (f->order != 0 || f->zone != PAGE_ZONE_NORMAL || (p = buddy_pcp_self(b)) == NULL) {
		buddy_free_block(b, idx);
		return;
	}
	buddy_reclaim_forget(b, f);
	buddy_pcp_push(b, p, idx);
	b->zone[PAGE_ZONE_NORMAL].free++;
	if (p->count > BUDDY_PCP_HIGH)
		buddy_pcp_give_back(b, p, 1U << BUDDY_PCP_ORDER);
}

/* Everything but the fast path: split, then reclaim, then the CPUs' lists. */
static uint64_t buddy_alloc_slow(struct buddy *b, unsigned order, unsigned flags)
{
	uint64_t pa = buddy_alloc_block(b, order, flags);

	if (pa == 0) {
		buddy_daemon_run(b);
		pa = buddy_alloc_block(b, order, flags);
	}
	if (pa == 0 && buddy_pcp_drain(b) > 0)
		pa = buddy_alloc_block(b, order, flags);
	return pa;
}

__attribute__((noinline)) static uint64_t buddy_alloc_any(struct buddy *b, unsigned order,
							  unsigned flags)
{
	uint64_t pa = 0;

	if (order > PAGE_MAX_ORDER)
		return 0;
	if (order == 0 && !(flags & PAGE_DMA)) {
		uint32_t idx = buddy_pcp_take(b);

		if (idx != BUDDY_NIL)
			pa = buddy_idx_pa(b, idx);
	}
	if (pa == 0)
		pa = buddy_alloc_slow(b, order, flags);
	if (pa == 0) {
		b->alloc_fails++;
		return 0;
	}
	if (flags & PAGE_ZERO)
		buddy_zero(b, pa, order);
	buddy_daemon_kick(b);
	return pa;
}

/*
 * The fast path: a single NORMAL frame off this CPU's list, when nothing
 * else is asked of the allocation (no zeroing, no DMA) and no page is
 * reclaimable (so there is no daemon to kick).
 */
uint64_t buddy_alloc(struct buddy *b, unsigned order, unsigned flags)
{
	struct buddy_pcp *p;

	if (order == 0 && !(flags & (PAGE_DMA | PAGE_ZERO)) && b->reclaimable == 0 &&
	    (p = buddy_pcp_self(b)) != NULL && p->count > 0) {
		uint32_t idx = buddy_pcp_pop(b, p);

		b->zone[PAGE_ZONE_NORMAL].free--;
		b->frames[idx].flags = BUDDY_HEAD;
		b->frames[idx].refcount = 1;
		return (b->base_pfn + idx) * PAGE_SIZE;
	}
	return buddy_alloc_any(b, order, flags);
}

__attribute__((noinline)) static int buddy_free_checked(struct buddy *b, uint64_t pa,
							unsigned order)
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
	buddy_release(b, buddy_frame_idx(b, f));
	return 0;
}

/* The fast path: an in-use single NORMAL frame, not reclaimable, onto a
 * list with room. Everything else (and every refusal) is checked below. */
int buddy_free(struct buddy *b, uint64_t pa, unsigned order)
{
	uint64_t idx = pa / PAGE_SIZE - b->base_pfn; /* huge when below base_pfn */
	struct buddy_pcp *p;

	if (order == 0 && pa % PAGE_SIZE == 0 && b->frames != NULL && idx < b->nframes) {
		struct page_frame *f = &b->frames[idx];

		if (f->flags == BUDDY_HEAD && f->order == 0 && f->refcount <= 1 &&
		    f->zone == PAGE_ZONE_NORMAL && (p = buddy_pcp_self(b)) != NULL &&
		    p->count < BUDDY_PCP_HIGH) {
			buddy_pcp_push(b, p, (uint32_t)idx);
			b->zone[PAGE_ZONE_NORMAL].free++;
			return 0;
		}
	}
	return buddy_free_checked(b, pa, order);
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
		buddy_release(b, buddy_frame_idx(b, f));
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
