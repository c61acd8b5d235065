/*
 * Reclaim: the page daemon's clock.
 *
 * Holders of pages they can drop (the buffer cache) register a reclaimer
 * and mark those blocks reclaimable; each use of such a block sets its
 * REFERENCED bit (touch). The daemon sweeps a clock hand over the frame
 * records: a reclaimable block whose bit is set gets a second chance (the
 * bit is cleared and the hand moves on); one whose bit is clear is offered
 * to its holder, and if the holder lets go the daemon frees it. The sweep
 * stops as soon as free frames exceed the high water mark, after two full
 * turns (by then every bit has been cleared once, so anything still there
 * was refused), or when nothing is reclaimable.
 *
 * The daemon runs when an allocation finds nothing (then the allocation is
 * retried once) and after an allocation that leaves free frames below the
 * low water mark. A block with more than one reference (mapped or shared
 * elsewhere) is never offered: dropping it would need the vm to unmap it.
 *
 * Not done yet:
 * - swap: anonymous memory has no backing store, so only holders that can
 *   re-read their data (clean cached blocks) can give pages back;
 * - a daemon thread: there are no kernel threads yet, so the daemon runs
 *   synchronously in the allocating context; an evict callback must not
 *   allocate in the expectation of reclaim (nested runs do nothing);
 * - the hand walks every record, holes included: O(frames) per full turn,
 *   simple and bounded; a list of reclaimable blocks would scale better.
 */
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "buddy.h"

/* Water marks: 1/64 and 1/32 of memory, and never less than a few frames. */
#define BUDDY_LOW_MIN	 16
#define BUDDY_LOW_SHIFT	 6
#define BUDDY_HIGH_SHIFT 5

void buddy_set_watermarks(struct buddy *b)
{
	uint64_t low = b->managed >> BUDDY_LOW_SHIFT;
	uint64_t high = b->managed >> BUDDY_HIGH_SHIFT;

	if (low < BUDDY_LOW_MIN)
		low = BUDDY_LOW_MIN;
	if (high < 2 * low)
		high = 2 * low;
	b->low_water = low;
	b->high_water = high;
}

int buddy_reclaimer_add(struct buddy *b, const struct page_reclaimer *r)
{
	if (r == NULL || r->evict == NULL)
		return -EINVAL;
	if (b->nreclaimers == BUDDY_MAX_RECLAIMERS)
		return -ENOSPC;
	b->reclaimers[b->nreclaimers] = r;
	return (int)b->nreclaimers++;
}

void buddy_reclaim_forget(struct buddy *b, struct page_frame *f)
{
	if (f->flags & BUDDY_RECLAIMABLE)
		b->reclaimable -= 1ULL << f->order;
	f->flags &= (uint8_t) ~(BUDDY_RECLAIMABLE | BUDDY_REFERENCED);
	f->reclaimer = -1;
}

void buddy_set_reclaimable(struct buddy *b, uint64_t pa, int id)
{
	struct page_frame *f = buddy_frame(b, pa);

	if (f == NULL || (f->flags & (BUDDY_HEAD | BUDDY_FREE | BUDDY_RESERVED)) != BUDDY_HEAD)
		return;
	if (id < -1 || id >= (int)b->nreclaimers)
		return;
	buddy_reclaim_forget(b, f);
	if (id < 0)
		return;
	f->flags |= BUDDY_RECLAIMABLE;
	f->reclaimer = (int8_t)id;
	b->reclaimable += 1ULL << f->order;
}

void buddy_touch(struct buddy *b, uint64_t pa)
{
	struct page_frame *f = buddy_frame(b, pa);

	if (f != NULL && (f->flags & BUDDY_RECLAIMABLE))
		f->flags |= BUDDY_REFERENCED;
}

/* Visit the record under the hand; return the frames it gave back. */
static uint64_t buddy_clock_visit(struct buddy *b, uint32_t idx)
{
	struct page_frame *f = &b->frames[idx];
	const struct page_reclaimer *r;
	uint64_t n;

	if (!(f->flags & BUDDY_RECLAIMABLE) || f->refcount != 1)
		return 0;
	if (f->flags & BUDDY_REFERENCED) {
		f->flags &= (uint8_t)~BUDDY_REFERENCED;
		return 0;
	}
	r = b->reclaimers[f->reclaimer];
	if (!r->evict(buddy_idx_pa(b, idx)))
		return 0;
	/* The holder may have unmarked or even freed it from its callback. */
	if ((f->flags & (BUDDY_HEAD | BUDDY_FREE)) != BUDDY_HEAD)
		return 0;
	n = 1ULL << f->order;
	buddy_free_block(b, idx);
	return n;
}

uint64_t buddy_daemon_run(struct buddy *b)
{
	uint64_t reclaimed = 0;
	uint64_t steps = 2ULL * b->nframes;

	if (b->in_daemon || b->frames == NULL)
		return 0;
	b->in_daemon = true;
	b->daemon_runs++;
	while (steps-- > 0 && b->reclaimable > 0 && buddy_free_frames(b) <= b->high_water) {
		uint32_t idx = b->hand;

		b->hand = idx + 1 == b->nframes ? 0 : idx + 1;
		reclaimed += buddy_clock_visit(b, idx);
	}
	b->reclaimed += reclaimed;
	b->in_daemon = false;
	return reclaimed;
}

void buddy_daemon_kick(struct buddy *b)
{
	if (b->reclaimable > 0 && buddy_free_frames(b) < b->low_water)
		buddy_daemon_run(b);
}
