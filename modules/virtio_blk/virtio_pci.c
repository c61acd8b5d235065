/*
 * The virtio 1.x PCI transport: vendor capabilities (cfg_type 1 common,
 * 2 notify, 3 ISR, 4 device) each name a BAR, an offset and a length; the
 * common configuration holds the feature words, the status and the queue
 * registers (virtio 1.x section 4.1.4.3). All fields are little endian,
 * as x86 is.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/pci.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "virtio_pci.h"

/* struct virtio_pci_common_cfg */
#define VC_DFSELECT    0x00
#define VC_DF	       0x04
#define VC_GFSELECT    0x08
#define VC_GF	       0x0c
#define VC_STATUS      0x14
#define VC_CFGGEN      0x15
#define VC_QSELECT     0x16
#define VC_QSIZE       0x18
#define VC_QMSIX       0x1a
#define VC_QENABLE     0x1c
#define VC_QNOTIFY     0x1e
#define VC_QDESC       0x20
#define VC_QDRIVER     0x28
#define VC_QDEVICE     0x30
#define VIRTIO_NO_MSIX 0xffff

#define VCAP_COMMON 1
#define VCAP_NOTIFY 2
#define VCAP_ISR    3
#define VCAP_DEVICE 4

#define REG8(p, o)  (*(volatile uint8_t *)((p) + (o)))
#define REG16(p, o) (*(volatile uint16_t *)((p) + (o)))
#define REG32(p, o) (*(volatile uint32_t *)((p) + (o)))

/* Map the structure of one capability at @p cap. */
static volatile uint8_t *virtio_pci_cap_map(struct pci_dev *pd, unsigned cap)
{
	unsigned bar = pci_read8(pd, cap + 4);
	uint32_t off = pci_read32(pd, cap + 8), len = pci_read32(pd, cap + 12);

	if (len == 0)
		return NULL;
	return (volatile uint8_t *)pci_bar_map(pd, bar, off, len);
}

int virtio_pci_map(struct virtio_pci *vp, struct pci_dev *pd)
{
	vp->pd = pd;
	for (unsigned cap = pci_cap_find(pd, PCI_CAP_VENDOR, 0); cap;
	     cap = pci_cap_find(pd, PCI_CAP_VENDOR, cap)) {
		uint8_t type = pci_read8(pd, cap + 3);
		volatile uint8_t **slot = type == VCAP_COMMON	? &vp->common
					  : type == VCAP_NOTIFY ? &vp->notify
					  : type == VCAP_ISR	? &vp->isr
					  : type == VCAP_DEVICE ? &vp->device
								: NULL;

		if (slot == NULL || *slot != NULL)
			continue; /* another type, or a second copy of one */
		*slot = virtio_pci_cap_map(pd, cap);
		if (*slot == NULL)
			return -ENOMEM;
		if (type == VCAP_NOTIFY)
			vp->notify_mult = pci_read32(pd, cap + 16);
	}
	if (!vp->common || !vp->notify || !vp->isr || !vp->device)
		return -ENODEV;
	pci_enable(pd, PCI_CMD_MEM | PCI_CMD_MASTER);
	pci_write16(pd, PCI_COMMAND, pci_read16(pd, PCI_COMMAND) & ~PCI_CMD_INTX_OFF);
	return 0;
}

static uint64_t virtio_pci_features(struct virtio_pci *vp)
{
	uint64_t f;

	REG32(vp->common, VC_DFSELECT) = 0;
	f = REG32(vp->common, VC_DF);
	REG32(vp->common, VC_DFSELECT) = 1;
	return f | (uint64_t)REG32(vp->common, VC_DF) << 32;
}

int virtio_pci_start(struct virtio_pci *vp, uint64_t want, uint64_t *got)
{
	uint64_t f;
	unsigned spins = 1000000;

	REG8(vp->common, VC_STATUS) = 0; /* reset; it reads 0 when done */
	while (REG8(vp->common, VC_STATUS) != 0 && --spins)
		;
	if (spins == 0)
		return -EIO;
	REG8(vp->common, VC_STATUS) = VIRTIO_ACK;
	REG8(vp->common, VC_STATUS) = VIRTIO_ACK | VIRTIO_DRIVER;
	f = virtio_pci_features(vp) & (want | 1ULL << VIRTIO_F_VERSION_1);
	if (!(f & 1ULL << VIRTIO_F_VERSION_1))
		return -ENODEV;
	REG32(vp->common, VC_GFSELECT) = 0;
	REG32(vp->common, VC_GF) = (uint32_t)f;
	REG32(vp->common, VC_GFSELECT) = 1;
	REG32(vp->common, VC_GF) = (uint32_t)(f >> 32);
	REG8(vp->common, VC_STATUS) = VIRTIO_ACK | VIRTIO_DRIVER | VIRTIO_FEATURES_OK;
	if (!(REG8(vp->common, VC_STATUS) & VIRTIO_FEATURES_OK))
		return -EIO;
	*got = f;
	return 0;
}

unsigned virtio_pci_queue_max(struct virtio_pci *vp, unsigned q)
{
	REG16(vp->common, VC_QSELECT) = (uint16_t)q;
	return REG16(vp->common, VC_QSIZE);
}

volatile uint16_t *virtio_pci_queue(struct virtio_pci *vp, unsigned q, unsigned size, uint64_t desc,
				    uint64_t avail, uint64_t used)
{
	volatile uint8_t *c = vp->common;
	unsigned noff;

	REG16(c, VC_QSELECT) = (uint16_t)q;
	REG16(c, VC_QSIZE) = (uint16_t)size;
	REG16(c, VC_QMSIX) = VIRTIO_NO_MSIX;
	REG32(c, VC_QDESC) = (uint32_t)desc;
	REG32(c, VC_QDESC + 4) = (uint32_t)(desc >> 32);
	REG32(c, VC_QDRIVER) = (uint32_t)avail;
	REG32(c, VC_QDRIVER + 4) = (uint32_t)(avail >> 32);
	REG32(c, VC_QDEVICE) = (uint32_t)used;
	REG32(c, VC_QDEVICE + 4) = (uint32_t)(used >> 32);
	noff = REG16(c, VC_QNOTIFY);
	REG16(c, VC_QENABLE) = 1;
	return (volatile uint16_t *)(vp->notify + (uint64_t)noff * vp->notify_mult);
}

void virtio_pci_status(struct virtio_pci *vp, uint8_t bits)
{
	REG8(vp->common, VC_STATUS) = REG8(vp->common, VC_STATUS) | bits;
}

uint8_t virtio_pci_isr(struct virtio_pci *vp)
{
	return *vp->isr;
}

uint32_t virtio_pci_cfg32(struct virtio_pci *vp, unsigned off)
{
	return REG32(vp->device, off);
}

uint64_t virtio_pci_cfg64(struct virtio_pci *vp, unsigned off)
{
	uint8_t gen;
	uint64_t v;

	do {
		gen = REG8(vp->common, VC_CFGGEN);
		v = REG32(vp->device, off) | (uint64_t)REG32(vp->device, off + 4) << 32;
	} while (gen != REG8(vp->common, VC_CFGGEN));
	return v;
}
