/**
 * @file vblk.h
 * @brief modules/virtio_blk: one virtio-blk disk, its split virtqueue and
 *        its request slots. Private to the module.
 * @ingroup modules
 *
 * Locking: vblk::lock (a spinlock, so that the interrupt handler may take
 * it) guards the slots, the available ring and the last used index. A
 * request's done callback is called with no lock held.
 */
#ifndef VBLK_H_
#define VBLK_H_

#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/lock.h>

#include "virtio_pci.h"

#define VBLK_QSIZE	  64   /**< Virtqueue entries (a power of 2). */
#define VBLK_SLOTS	  16   /**< Requests in flight; slot i heads at descriptor 3i. */
#define VBLK_IND	  256  /**< Entries of a slot's indirect table (one page). */
#define VBLK_IND_SEC	  1024 /**< Sectors per request with indirect tables (512 KiB). */
#define VBLK_MAX_SEC	  64   /**< Sectors per request without: a slot's bounce buffer (32 KiB). */
#define VBLK_BOUNCE_ORDER 3    /**< page_alloc() order of a bounce buffer. */

/** A descriptor of the split virtqueue (virtio 1.x section 2.7.5). */
struct vring_desc {
	uint64_t addr;	/**< Physical address of the buffer. */
	uint32_t len;	/**< Its length. */
	uint16_t flags; /**< VRING_DESC_*. */
	uint16_t next;	/**< The next descriptor when VRING_DESC_NEXT. */
};
#define VRING_DESC_NEXT	    1 /**< The chain goes on at vring_desc::next. */
#define VRING_DESC_WRITE    2 /**< The device writes this buffer. */
#define VRING_DESC_INDIRECT 4 /**< The buffer is a table of descriptors (the chain). */

/** The available ring (driver to device). */
struct vring_avail {
	uint16_t flags;		   /**< 0: interrupts wanted. */
	uint16_t idx;		   /**< Where the driver puts the next entry. */
	uint16_t ring[VBLK_QSIZE]; /**< Heads of descriptor chains. */
};

/** One entry of the used ring. */
struct vring_used_elem {
	uint32_t id;  /**< Head of the chain the device finished. */
	uint32_t len; /**< Bytes it wrote. */
};

/** The used ring (device to driver). */
struct vring_used {
	uint16_t flags;				 /**< The device's. */
	uint16_t idx;				 /**< Where the device puts the next entry. */
	struct vring_used_elem ring[VBLK_QSIZE]; /**< Finished chains. */
};

/** The request header the device reads. */
struct vblk_hdr {
	uint32_t type;	   /**< VBLK_T_IN, VBLK_T_OUT or VBLK_T_FLUSH. */
	uint32_t reserved; /**< 0. */
	uint64_t sector;   /**< First sector (512 bytes). */
};
#define VBLK_T_IN    0 /**< Read. */
#define VBLK_T_OUT   1 /**< Write. */
#define VBLK_T_FLUSH 4 /**< Flush the write cache (VIRTIO_BLK_F_FLUSH). */

/** A request slot. */
struct vblk_slot {
	struct blkreq *req; /**< The request in flight, NULL: free. */
	void *bounce;	    /**< Without indirect tables: VBLK_MAX_SEC sectors. */
	int bounced;	    /**< The request's buffer goes through the bounce buffer. */
	volatile struct vring_desc *ind; /**< Its indirect table (direct map), or NULL. */
	uint64_t ind_pa;		 /**< Physical address of the table. */
};

/** A virtio-blk disk. */
struct vblk {
	struct blkdev bd;		    /**< Its entry in the block-device switch. */
	struct virtio_pci vp;		    /**< The transport. */
	struct spinlock lock;		    /**< Guards the slots and the rings. */
	volatile struct vring_desc *desc;   /**< Descriptor table. */
	volatile struct vring_avail *avail; /**< Available ring. */
	volatile struct vring_used *used;   /**< Used ring. */
	volatile uint16_t *notify;	    /**< The queue's notify register. */
	volatile struct vblk_hdr *hdr;	    /**< One header per slot. */
	volatile uint8_t *status;	    /**< One status byte per slot. */
	uint64_t ring_pa;		    /**< Physical address of the ring page. */
	uint64_t hdr_pa;		    /**< Physical address of the header page. */
	uint16_t last_used;		    /**< Used entries taken so far. */
	unsigned max_desc;		    /**< Data descriptors a request may use (indirect). */
	unsigned irq;			    /**< Interrupt line. */
	unsigned long completed;	    /**< Requests finished. */
	unsigned long errors;		    /**< Of which failed. */
	struct vblk_slot slot[VBLK_SLOTS];  /**< The slots. */
};

/**
 * @brief The blkdev_ops submit member: sleeps while every slot is busy.
 * @param bd the disk. @param r the request.
 * @return 0 or -EINVAL (too long, too many descriptors, memory not mapped).
 */
int vblk_submit(struct blkdev *bd, struct blkreq *r);

/** @brief Take the finished requests off the used ring and call their done.
 * @param vb the disk. Context: its interrupt handler. */
void vblk_complete(struct vblk *vb);

/** @brief Lay out the ring, the headers and each slot's indirect table (or
 *        bounce buffer) in fresh frames.
 * @param vb the disk. @param indirect 1: the device takes indirect tables.
 * @return 0 or -ENOMEM. */
int vblk_ring_alloc(struct vblk *vb, int indirect);

#endif /* VBLK_H_ */
