/*
 * The request queue of a virtio-blk disk: each slot owns three chained
 * descriptors (header, data, status). A buffer in the direct map is handed
 * to the device as it is (physically contiguous); any other kernel buffer
 * (heap, stack) goes through the slot's bounce buffer. The interrupt
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
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "vblk.h"

#define VBLK_RECHECK_NS 10000000ULL

int vblk_ring_alloc(struct vblk *vb)
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
		uint64_t b = page_alloc(VBLK_BOUNCE_ORDER, 0);

		if (b == 0)
			return -ENOMEM;
		vb->slot[i].bounce = page_virt(b);
	}
	return 0;
}

static int vblk_direct(const void *buf, size_t len)
{
	uint64_t va = (uint64_t)buf;

	return va >= KERN_DIRECT_BASE && va + len <= KERN_STACK_BASE && va + len > va;
}

/* Fill the descriptors of slot @p s for @p r. Called with vb->lock held. */
static void vblk_fill(struct vblk *vb, unsigned s, struct blkreq *r)
{
	size_t len = (size_t)r->count * vb->bd.sector_size;
	volatile struct vring_desc *d = &vb->desc[3 * s];
	struct vblk_slot *sl = &vb->slot[s];

	sl->req = r;
	if (r->write == BLKREQ_FLUSH) { /* header and status only */
		sl->bounced = 0;
		vb->hdr[s].type = VBLK_T_FLUSH;
		vb->hdr[s].reserved = 0;
		vb->hdr[s].sector = 0;
		vb->status[s] = 0xff;
		d[0].addr = vb->hdr_pa + s * sizeof(struct vblk_hdr);
		d[0].len = sizeof(struct vblk_hdr);
		d[0].flags = VRING_DESC_NEXT;
		d[0].next = 3 * s + 2;
		d[2].addr = vb->hdr_pa + 1024 + s;
		d[2].len = 1;
		d[2].flags = VRING_DESC_WRITE;
		d[2].next = 0;
		return;
	}
	sl->bounced = !vblk_direct(r->buf, len);
	if (sl->bounced && r->write)
		memcpy(sl->bounce, r->buf, len);
	vb->hdr[s].type = r->write ? VBLK_T_OUT : VBLK_T_IN;
	vb->hdr[s].reserved = 0;
	vb->hdr[s].sector = r->sector;
	vb->status[s] = 0xff;
	d[0].addr = vb->hdr_pa + s * sizeof(struct vblk_hdr);
	d[0].len = sizeof(struct vblk_hdr);
	d[0].flags = VRING_DESC_NEXT;
	d[0].next = 3 * s + 1;
	d[1].addr = page_phys(sl->bounced ? sl->bounce : r->buf);
	d[1].len = len;
	d[1].flags = VRING_DESC_NEXT | (r->write ? 0 : VRING_DESC_WRITE);
	d[1].next = 3 * s + 2;
	d[2].addr = vb->hdr_pa + 1024 + s;
	d[2].len = 1;
	d[2].flags = VRING_DESC_WRITE;
	d[2].next = 0;
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

	if (r->count > VBLK_MAX_SEC)
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
	vblk_fill(vb, (unsigned)s, r);
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
		memcpy(r->buf, sl->bounce, (size_t)r->count * vb->bd.sector_size);
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
