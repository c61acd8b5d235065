/**
 * @file virtio_pci.h
 * @brief The virtio 1.x PCI transport ("modern" device) of modules/virtio_blk.
 * @ingroup modules
 *
 * The vendor capabilities locate the common, notify, ISR and device
 * configuration structures in the BARs; this file covers the status
 * handshake, feature negotiation and the setup of a split virtqueue.
 * Private to the module. Context: probe (a thread that may sleep), but for
 * virtio_pci_isr(), which the interrupt handler calls.
 */
#ifndef VIRTIO_PCI_H_
#define VIRTIO_PCI_H_

#include <stdint.h>

#include <kern/pci.h>

/** @name Device status bits (virtio 1.x section 2.1)
 * @{ */
#define VIRTIO_ACK	   1   /**< The driver saw the device. */
#define VIRTIO_DRIVER	   2   /**< The driver can drive it. */
#define VIRTIO_DRIVER_OK   4   /**< The driver is ready. */
#define VIRTIO_FEATURES_OK 8   /**< Feature negotiation is over. */
#define VIRTIO_FAILED	   128 /**< The driver gave up. */
/** @} */

/** Feature bit every modern driver must accept. */
#define VIRTIO_F_VERSION_1 32

/** A modern virtio function, its structures mapped. */
struct virtio_pci {
	struct pci_dev *pd;	  /**< The function. */
	volatile uint8_t *common; /**< struct virtio_pci_common_cfg. */
	volatile uint8_t *notify; /**< The notify area. */
	uint32_t notify_mult;	  /**< notify_off_multiplier. */
	volatile uint8_t *isr;	  /**< The ISR status byte. */
	volatile uint8_t *device; /**< Device-specific configuration. */
};

/**
 * @brief Find and map the structures; enable memory decoding and bus mastering.
 * @param vp out. @param pd the function.
 * @return 0, -ENODEV for a device without the modern structures, -ENOMEM.
 */
int virtio_pci_map(struct virtio_pci *vp, struct pci_dev *pd);

/**
 * @brief Reset, ACK, DRIVER, negotiate features, FEATURES_OK.
 * @param vp the device. @param want features wanted besides VERSION_1.
 * @param got out: the accepted features.
 * @return 0, -ENODEV (no VERSION_1), -EIO (the device refused).
 */
int virtio_pci_start(struct virtio_pci *vp, uint64_t want, uint64_t *got);

/**
 * @brief Set up and enable a split virtqueue.
 * @param vp the device. @param q queue index. @param size entries.
 * @param desc physical address of the descriptor table.
 * @param avail physical address of the available ring.
 * @param used physical address of the used ring.
 * @return where to write the queue index to notify the device.
 */
volatile uint16_t *virtio_pci_queue(struct virtio_pci *vp, unsigned q, unsigned size, uint64_t desc,
				    uint64_t avail, uint64_t used);

/** @brief The largest size of a queue. @param vp the device. @param q index.
 * @return entries (0: no such queue). */
unsigned virtio_pci_queue_max(struct virtio_pci *vp, unsigned q);

/** @brief Add status bits. @param vp the device. @param bits VIRTIO_DRIVER_OK or VIRTIO_FAILED. */
void virtio_pci_status(struct virtio_pci *vp, uint8_t bits);

/** @brief Read (and so acknowledge) the ISR status. @param vp the device.
 * @return bit 0: a queue has used buffers; bit 1: configuration changed. */
uint8_t virtio_pci_isr(struct virtio_pci *vp);

/** @brief A 64-bit field of the device configuration, read consistently
 * (config generation). @param vp the device. @param off offset. @return the value. */
uint64_t virtio_pci_cfg64(struct virtio_pci *vp, unsigned off);

/** @brief A 32-bit field of the device configuration. @param vp the device.
 * @param off offset. @return the value. */
uint32_t virtio_pci_cfg32(struct virtio_pci *vp, unsigned off);

#endif /* VIRTIO_PCI_H_ */
