/*
 * virtio-blk over PCI (virtio 1.x, "modern"): the driver of the disks
 * QEMU's `-device virtio-blk-pci` gives. Each disk gets one virtqueue of
 * VBLK_QSIZE entries with VBLK_SLOTS requests in flight, its capacity from
 * the device configuration, the legacy INTx line of its function (the ISR
 * read acknowledges it; disks on one line share the handler), and
 * registers with the block-device switch as vda, vdb...
 *
 * Lock order: vblk::lock is a leaf spinlock (the interrupt handler takes
 * it); nothing is called under it but memcpy and the device's registers.
 * Probes run under the PCI registry's mutex (kern/pci.h).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/fmt.h>
#include <kern/irq.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/pci.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "vblk.h"

#define VBLK_MAX_DISKS	  8
#define VBLK_F_RO	  5 /* feature: the disk is read-only */
#define VBLK_F_FLUSH	  9 /* feature: a write cache, flushed by VBLK_T_FLUSH */
#define VBLK_F_SEG_MAX	  2 /* feature: seg_max says how many data buffers a request may have */
#define VBLK_CFG_CAPACITY 0
#define VBLK_CFG_SEG_MAX  12
#define VIRTIO_F_INDIRECT 28 /* feature: descriptors may point to tables of descriptors */

static struct vblk *vblk_disks[VBLK_MAX_DISKS];
static unsigned vblk_ndisks;
static uint16_t vblk_lines; /* interrupt lines whose handler is installed */

static const struct blkdev_ops vblk_ops = {
	.version = BLKDEV_OPS_VERSION,
	.submit = vblk_submit,
};

static void vblk_intr(unsigned irq)
{
	unsigned n = __atomic_load_n(&vblk_ndisks, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++) {
		struct vblk *vb = vblk_disks[i];

		if (vb->irq == irq && (virtio_pci_isr(&vb->vp) & 1))
			vblk_complete(vb);
	}
}

static int vblk_irq(struct vblk *vb)
{
	int rc;

	vb->irq = vb->vp.pd->irq_line;
	if (vb->vp.pd->irq_pin == 0 || vb->irq >= IRQ_LINES)
		return -ENODEV;
	if (vblk_lines & (1u << vb->irq))
		return 0;
	rc = irq_register(vb->irq, vblk_intr);
	if (rc == 0)
		vblk_lines |= 1u << vb->irq;
	return rc;
}

/*
 * How large a request may be. Without indirect tables: one segment of
 * VBLK_MAX_SEC sectors (the bounce buffer). With them: a request of
 * max_count sectors in max_segs segments needs at most max_count / 8 +
 * 2 * max_segs data descriptors (a page each outside the direct map, one
 * more per segment for its unaligned ends), kept within the table and the
 * device's seg_max.
 */
static void vblk_limits(struct vblk *vb, uint64_t feat)
{
	unsigned max = VBLK_IND - 2, segs, count;

	if (vb->slot[0].ind == NULL) {
		vb->bd.max_segs = 1;
		return;
	}
	if (feat & (1ULL << VBLK_F_SEG_MAX)) {
		uint32_t sm = virtio_pci_cfg32(&vb->vp, VBLK_CFG_SEG_MAX);

		if (sm >= 3 && sm < max)
			max = sm;
	}
	segs = max / 6;
	count = (max - 2 * segs) * 8;
	vb->max_desc = max;
	vb->bd.max_segs = segs;
	vb->bd.max_count = count < VBLK_IND_SEC ? count : VBLK_IND_SEC;
}

/* Bring the device up: features, queue 0, interrupt; 0 or -errno. */
static int vblk_setup(struct vblk *vb, struct pci_dev *pd)
{
	uint64_t feat = 0;
	int rc = virtio_pci_map(&vb->vp, pd);

	if (rc == 0)
		rc = virtio_pci_start(&vb->vp,
				      1ULL << VBLK_F_RO | 1ULL << VBLK_F_FLUSH |
					  1ULL << VBLK_F_SEG_MAX | 1ULL << VIRTIO_F_INDIRECT,
				      &feat);
	if (rc == 0 && virtio_pci_queue_max(&vb->vp, 0) < VBLK_QSIZE)
		rc = -ENODEV;
	if (rc == 0)
		rc = vblk_ring_alloc(vb, (feat >> VIRTIO_F_INDIRECT) & 1);
	if (rc == 0) {
		vb->notify = virtio_pci_queue(&vb->vp, 0, VBLK_QSIZE, vb->ring_pa,
					      vb->ring_pa + 16 * VBLK_QSIZE, vb->ring_pa + 2048);
		rc = vblk_irq(vb);
	}
	if (rc != 0) {
		if (vb->vp.common)
			virtio_pci_status(&vb->vp, VIRTIO_FAILED);
		return rc;
	}
	vb->bd.sectors = virtio_pci_cfg64(&vb->vp, VBLK_CFG_CAPACITY);
	vblk_limits(vb, feat);
	virtio_pci_status(&vb->vp, VIRTIO_DRIVER_OK);
	if (feat & (1ULL << VBLK_F_RO))
		printk("virtio-blk: %s is read-only\n", vb->bd.name);
	if (feat & (1ULL << VBLK_F_FLUSH))
		vb->bd.flags |= BLKDEV_F_FLUSH;
	return 0;
}

static int vblk_probe(struct pci_dev *pd)
{
	struct vblk *vb;
	int rc;

	if (vblk_ndisks == VBLK_MAX_DISKS)
		return -ENOSPC;
	vb = mem_zalloc(sizeof(*vb));
	if (vb == NULL)
		return -ENOMEM;
	vb->lock.name = "vblk";
	fmt_snprintf(vb->bd.name, sizeof(vb->bd.name), "vd%c", 'a' + vblk_ndisks);
	vb->bd.sector_size = 512;
	vb->bd.max_count = VBLK_MAX_SEC;
	vb->bd.ops = &vblk_ops;
	vb->bd.priv = vb;
	rc = vblk_setup(vb, pd);
	if (rc != 0)
		return rc; /* vb and its frames stay: the device may still own them */
	vblk_disks[vblk_ndisks] = vb;
	__atomic_store_n(&vblk_ndisks, vblk_ndisks + 1, __ATOMIC_RELEASE);
	printk("virtio-blk: %s: %02x:%02x.%u, %llu sectors, irq %u, %u requests in flight, "
	       "up to %u KiB in %u segment%s each\n",
	       vb->bd.name, pd->bus, pd->dev, pd->fn, (unsigned long long)vb->bd.sectors, vb->irq,
	       VBLK_SLOTS, vb->bd.max_count / 2, vb->bd.max_segs, vb->bd.max_segs == 1 ? "" : "s");
	return blkdev_register(&vb->bd);
}

/* Transitional (0x1001) and modern-only (0x1042) virtio-blk functions. */
static const struct pci_driver vblk_drv_transitional = {
	.name = "virtio-blk",
	.vendor = 0x1af4,
	.device = 0x1001,
	.class = PCI_ANY_CLASS,
	.subclass = PCI_ANY_CLASS,
	.probe = vblk_probe,
};
static const struct pci_driver vblk_drv_modern = {
	.name = "virtio-blk",
	.vendor = 0x1af4,
	.device = 0x1042,
	.class = PCI_ANY_CLASS,
	.subclass = PCI_ANY_CLASS,
	.probe = vblk_probe,
};

static int vblk_init(const char *args)
{
	int a, b;

	(void)args;
	a = pci_driver_register(&vblk_drv_transitional);
	b = pci_driver_register(&vblk_drv_modern);
	if (a < 0 || b < 0)
		return a < 0 ? a : b;
	printk("virtio-blk: %d disk%s\n", a + b, a + b == 1 ? "" : "s");
	return 0;
}

KMOD(.name = "virtio_blk", .version = "1.0.0", .role = "virtio_blk", .init = vblk_init);
