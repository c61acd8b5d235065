/*
 * The request queue of a virtio-blk disk. With indirect descriptors (what
 * QEMU offers) each slot's ring descriptor points to the slot's own table:
 * header, one entry per physically contiguous piece of the request's
 * segments (the direct map is contiguous, other kernel areas page by page,
 * each found by pmap_kextract()), status; the memory goes to the device
 * as it is. Without them each slot owns three chained descriptors
 * (header, data, status) and a buffer outside the direct map goes through
 * the slot's bounce buffer. The interrupt
 * handler (vblk.c) calls vblk_complete(), which finishes every request the
 * used ring returned.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/mmu.h>
#include <kern/blkdev.h>
#include <kern/lock.h>
#include <kern/page.h>
#include <kern/pmap.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "vblk.h"

#define VBLK_RECHECK_NS 10000000ULL

int vblk_ring_alloc(struct vblk *vb, int indirect)
{
	uint64_t ring = page_alloc(0, PAGE_ZERO), hdr = page_alloc(0, PAGE_ZERO);
	uint8_t *r;

	if (ring == 0 || hdr == 0)
		return -ENOMEM;
	r = page_virt(ring);
	vb->ring_pa = ring;
	vb->hdr_pa = hdr;
	vb->desc = (volatile struct vring_desc *)r;
	vb->avail = (volatile struct vring_avail *)(r + 16 * VBLK_QSIZE);
	vb->used = (volatile struct vring_used *)(r + 2048);
	vb->hdr = page_virt(hdr);
	vb->status = (volatile uint8_t *)page_virt(hdr) + 1024;
	for (unsigned i = 0; i < VBLK_SLOTS; i++) {
		uint64_t b = page_alloc(indirect ? 0 : VBLK_BOUNCE_ORDER, 0);

		if (b == 0)
			return -ENOMEM;
		if (indirect) {
			vb->slot[i].ind = page_virt(b);
			vb->slot[i].ind_pa = b;
		} else {
			vb->slot[i].bounce = page_virt(b);
		}
	}
	return 0;
}

static int vblk_direct(const void *buf, size_t len)
{
	uint64_t va = (uint64_t)buf;

	return va >= KERN_DIRECT_BASE && va + len <= KERN_STACK_BASE && va + len > va;
}

static void vblk_desc(volatile struct vring_desc *d, uint64_t pa, uint32_t len, uint16_t flags,
		      uint16_t next)
{
	d->addr = pa;
	d->len = len;
	d->flags = flags;
	d->next = next;
}

/* The header of slot @p s for @p r. */
static void vblk_header(struct vblk *vb, unsigned s, const struct blkreq *r)
{
	vb->hdr[s].type = r->write == BLKREQ_FLUSH ? VBLK_T_FLUSH
			  : r->write		   ? VBLK_T_OUT
						   : VBLK_T_IN;
	vb->hdr[s].reserved = 0;
	vb->hdr[s].sector = r->write == BLKREQ_FLUSH ? 0 : r->sector;
	vb->status[s] = 0xff;
}

/* Add the memory [va, va + len) to table @p t from entry *n on: one entry
 * per physically contiguous piece (the direct map is; other areas are
 * page by page), merged with the entry before when they touch. */
static int vblk_add_mem(struct vblk *vb, volatile struct vring_desc *t, unsigned *n,
			const uint8_t *va, uint32_t len, uint16_t flags)
{
	while (len) {
		uint32_t piece =
		    vblk_direct(va, len) ? len : PAGE_SIZE - (uint32_t)((uint64_t)va % PAGE_SIZE);
		uint64_t pa = pmap_kextract(va);

		if (piece > len)
			piece = len;
		if (pa == PMAP_NONE)
			return -EINVAL;
		if (*n > 1 && t[*n - 1].addr + t[*n - 1].len == pa &&
		    t[*n - 1].len <= UINT32_MAX - piece) {
			t[*n - 1].len += piece;
		} else {
			if (*n >= 1 + vb->max_desc)
				return -EINVAL;
			vblk_desc(&t[*n], pa, piece, flags, (uint16_t)(*n + 1));
			(*n)++;
		}
		va += piece;
		len -= piece;
	}
	return 0;
}

/* Fill slot @p s's indirect table for @p r and point its ring descriptor at it. */
static int vblk_fill_indirect(struct vblk *vb, unsigned s, struct blkreq *r)
{
	volatile struct vring_desc *t = vb->slot[s].ind;
	uint16_t flags = VRING_DESC_NEXT | (r->write ? 0 : VRING_DESC_WRITE);
	unsigned n = 1;

	vblk_desc(&t[0], vb->hdr_pa + s * sizeof(struct vblk_hdr), sizeof(struct vblk_hdr),
		  VRING_DESC_NEXT, 1);
	for (unsigned i = 0; r->write != BLKREQ_FLUSH && i < r->nseg; i++)
		if (vblk_add_mem(vb, t, &n, r->seg[i].buf, r->seg[i].len, flags) != 0)
			return -EINVAL;
	vblk_desc(&t[n], vb->hdr_pa + 1024 + s, 1, VRING_DESC_WRITE, 0);
	vblk_desc(&vb->desc[3 * s], vb->slot[s].ind_pa, (n + 1) * sizeof(struct vring_desc),
		  VRING_DESC_INDIRECT, 0);
	return 0;
}

/* Fill the three chained descriptors of slot @p s for @p r (no indirect
 * tables: one segment, bounced unless in the direct map). */
static int vblk_fill_chain(struct vblk *vb, unsigned s, struct blkreq *r)
{
	size_t len = (size_t)r->count * vb->bd.sector_size;
	volatile struct vring_desc *d = &vb->desc[3 * s];
	struct vblk_slot *sl = &vb->slot[s];
	void *buf = r->nseg ? r->seg[0].buf : NULL;

	sl->bounced = 0;
	if (r->write == BLKREQ_FLUSH) { /* header and status only */
		vblk_desc(&d[0], vb->hdr_pa + s * sizeof(struct vblk_hdr), sizeof(struct vblk_hdr),
			  VRING_DESC_NEXT, (uint16_t)(3 * s + 2));
		vblk_desc(&d[2], vb->hdr_pa + 1024 + s, 1, VRING_DESC_WRITE, 0);
		return 0;
	}
	if (r->nseg != 1 || len > (size_t)VBLK_MAX_SEC * vb->bd.sector_size)
		return -EINVAL;
	sl->bounced = !vblk_direct(buf, len);
	if (sl->bounced && r->write)
		memcpy(sl->bounce, buf, len);
	vblk_desc(&d[0], vb->hdr_pa + s * sizeof(struct vblk_hdr), sizeof(struct vblk_hdr),
		  VRING_DESC_NEXT, (uint16_t)(3 * s + 1));
	vblk_desc(&d[1], page_phys(sl->bounced ? sl->bounce : buf), (uint32_t)len,
		  VRING_DESC_NEXT | (r->write ? 0 : VRING_DESC_WRITE), (uint16_t)(3 * s + 2));
	vblk_desc(&d[2], vb->hdr_pa + 1024 + s, 1, VRING_DESC_WRITE, 0);
	return 0;
}

/* Fill slot @p s for @p r. Called with vb->lock held. */
static int vblk_fill(struct vblk *vb, unsigned s, struct blkreq *r)
{
	vblk_header(vb, s, r);
	return vb->slot[s].ind ? vblk_fill_indirect(vb, s, r) : vblk_fill_chain(vb, s, r);
}

/* A free slot, taken with vb->lock held (the lock stays held), or -1. */
static int vblk_slot_get(struct vblk *vb)
{
	for (unsigned i = 0; i < VBLK_SLOTS; i++)
		if (vb->slot[i].req == NULL)
			return (int)i;
	return -1;
}

int vblk_submit(struct blkdev *bd, struct blkreq *r)
{
	struct vblk *vb = bd->priv;
	uint64_t flags;
	int s;

	if (r->count > vb->bd.max_count)
		return -EINVAL;
	for (;;) {
		spin_lock(&vb->lock);
		s = vblk_slot_get(vb);
		if (s >= 0)
			break;
		spin_unlock(&vb->lock);
		flags = arch_irq_save();
		thr_sleep(vb, VBLK_RECHECK_NS); /* woken when a slot frees */
		arch_irq_restore(flags);
	}
	if (vblk_fill(vb, (unsigned)s, r) != 0) {
		spin_unlock(&vb->lock);
		return -EINVAL;
	}
	vb->slot[s].req = r;
	vb->avail->ring[vb->avail->idx % VBLK_QSIZE] = 3 * s;
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* descriptors before the index */
	vb->avail->idx = vb->avail->idx + 1;
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the index before the notify */
	*vb->notify = 0;
	spin_unlock(&vb->lock);
	return 0;
}

/* Take one finished request off the used ring, or NULL. Called with vb->lock held. */
static struct blkreq *vblk_take(struct vblk *vb)
{
	struct vblk_slot *sl;
	struct blkreq *r;
	unsigned s;

	if (vb->last_used == vb->used->idx)
		return NULL;
	__atomic_thread_fence(__ATOMIC_SEQ_CST); /* the index before the element */
	s = vb->used->ring[vb->last_used % VBLK_QSIZE].id / 3;
	vb->last_used++;
	if (s >= VBLK_SLOTS || vb->slot[s].req == NULL)
		return vblk_take(vb); /* not ours: the device misbehaves; skip it */
	sl = &vb->slot[s];
	r = sl->req;
	r->status = vb->status[s] == 0 ? 0 : -EIO;
	if (r->status == 0 && sl->bounced && !r->write)
		memcpy(r->seg[0].buf, sl->bounce, (size_t)r->count * vb->bd.sector_size);
	vb->errors += r->status != 0;
	vb->completed++;
	sl->req = NULL;
	return r;
}

void vblk_complete(struct vblk *vb)
{
	struct blkreq *r;

	for (;;) {
		spin_lock(&vb->lock);
		r = vblk_take(vb);
		spin_unlock(&vb->lock);
		if (r == NULL)
			break;
		thr_wakeup(vb);
		r->done(r);
	}
}
