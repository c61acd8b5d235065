/**
 * @file kern/pci.h
 * @brief PCI devices: enumeration, configuration space, BARs, capabilities
 *        and the driver registry.
 * @ingroup core
 *
 * The core enumerates every bus at boot (before modules start) through the
 * arch's configuration access (arch/pci.h), sizes each function's BARs,
 * and logs one line per function. A driver module registers a struct
 * pci_driver; every enumerated function that matches its ids and that no
 * driver claimed yet is handed to its probe, at once. See
 * doc/storage-devices.md.
 *
 * Context: probes and every call here run in a thread that may sleep
 * (pci_bar_map() allocates page tables); configuration access takes the
 * arch's lock and may be called from any context.
 */
#ifndef KERN_PCI_H_
#define KERN_PCI_H_

#include <stddef.h>
#include <stdint.h>

/** Functions the core remembers. */
#define PCI_MAX_DEVS 64
/** Drivers the registry holds. */
#define PCI_MAX_DRIVERS 16
/** A wildcard vendor or device id in struct pci_driver. */
#define PCI_ANY_ID 0xffff
/** A wildcard class in struct pci_driver. */
#define PCI_ANY_CLASS (-1)

/** @name Configuration space offsets (type 0 header)
 * @{ */
#define PCI_VENDOR   0x00 /**< Vendor id (16 bits). */
#define PCI_DEVICE   0x02 /**< Device id (16 bits). */
#define PCI_COMMAND  0x04 /**< Command register (16 bits). */
#define PCI_STATUS   0x06 /**< Status register (16 bits). */
#define PCI_CLASS    0x08 /**< Revision, prog-if, subclass, class (32 bits). */
#define PCI_HEADER   0x0e /**< Header type (8 bits; bit 7: multi-function). */
#define PCI_BAR0     0x10 /**< First base address register. */
#define PCI_SUBSYS   0x2e /**< Subsystem id (16 bits). */
#define PCI_CAP_PTR  0x34 /**< First capability (8 bits). */
#define PCI_IRQ_LINE 0x3c /**< Interrupt line (8 bits). */
#define PCI_IRQ_PIN  0x3d /**< Interrupt pin (8 bits, 0: none, 1: INTA#...). */
/** @} */

/** @name Command register bits (pci_enable())
 * @{ */
#define PCI_CMD_IO	 0x001 /**< Decode I/O BARs. */
#define PCI_CMD_MEM	 0x002 /**< Decode memory BARs. */
#define PCI_CMD_MASTER	 0x004 /**< Bus master (DMA). */
#define PCI_CMD_INTX_OFF 0x400 /**< Legacy INTx disabled. */
#define PCI_STATUS_CAPS	 0x010 /**< Status: the capability list exists. */
/** @} */

/** @name Capability ids (pci_cap_find())
 * @{ */
#define PCI_CAP_MSI    0x05 /**< Message signalled interrupts. */
#define PCI_CAP_VENDOR 0x09 /**< Vendor specific (virtio structures). */
#define PCI_CAP_MSIX   0x11 /**< MSI-X. */
/** @} */

/** A base address register, sized at enumeration. */
struct pci_bar {
	uint64_t base;	  /**< Bus address (0: BAR unused). */
	uint64_t size;	  /**< Bytes it decodes (write-ones method). */
	uint8_t io;	  /**< 1: I/O ports, 0: memory. */
	uint8_t is64;	  /**< Memory BAR of 64 bits (takes the next BAR too). */
	uint8_t prefetch; /**< Prefetchable memory. */
};

struct pci_driver;

/** One PCI function, as enumerated. */
struct pci_dev {
	uint8_t bus;			 /**< Bus number. */
	uint8_t dev;			 /**< Device number. */
	uint8_t fn;			 /**< Function number. */
	uint8_t class;			 /**< Class code. */
	uint8_t subclass;		 /**< Subclass. */
	uint8_t progif;			 /**< Programming interface. */
	uint8_t irq_line;		 /**< Legacy interrupt line (the firmware's routing). */
	uint8_t irq_pin;		 /**< Interrupt pin, 0: none. */
	uint16_t vendor;		 /**< Vendor id. */
	uint16_t device;		 /**< Device id. */
	uint16_t subsys;		 /**< Subsystem id (virtio legacy: device type). */
	uint32_t caps;			 /**< Bit i: capability id i present (ids below 32). */
	struct pci_bar bar[6];		 /**< The BARs. */
	const struct pci_driver *driver; /**< Who claimed it, or NULL. */
};

/** A driver: the ids it handles and its probe. */
struct pci_driver {
	const char *name; /**< For the log ("virtio-blk"). */
	uint16_t vendor;  /**< Vendor id or PCI_ANY_ID. */
	uint16_t device;  /**< Device id or PCI_ANY_ID. */
	int class;	  /**< Class code or PCI_ANY_CLASS. */
	int subclass;	  /**< Subclass or PCI_ANY_CLASS. */
	/**
	 * @brief Take a matching function.
	 * @param pd the function (stays valid).
	 * @return 0 claimed, or a negative errno (logged; the function stays free).
	 */
	int (*probe)(struct pci_dev *pd);
};

/**
 * @brief Register a driver and probe every free matching function.
 * @param drv the driver (stays valid).
 * @return functions claimed (0 or more), -EINVAL for a driver without a
 *         probe, -ENOSPC when the registry is full.
 */
int pci_driver_register(const struct pci_driver *drv);

/**
 * @brief The @p i-th enumerated function.
 * @param i index from 0.
 * @return the function, or NULL past the last.
 */
struct pci_dev *pci_get(unsigned i);

/** @brief Read 32 bits of configuration space. @param pd function. @param off offset (4-aligned).
 * @return the value. */
uint32_t pci_read32(const struct pci_dev *pd, unsigned off);
/** @brief Read 16 bits. @param pd function. @param off offset (2-aligned). @return the value. */
uint16_t pci_read16(const struct pci_dev *pd, unsigned off);
/** @brief Read 8 bits. @param pd function. @param off offset. @return the value. */
uint8_t pci_read8(const struct pci_dev *pd, unsigned off);
/** @brief Write 32 bits. @param pd function. @param off offset (4-aligned). @param v value. */
void pci_write32(const struct pci_dev *pd, unsigned off, uint32_t v);
/** @brief Write 16 bits (read-modify-write of the word). @param pd function.
 * @param off offset (2-aligned). @param v value. */
void pci_write16(const struct pci_dev *pd, unsigned off, uint16_t v);

/**
 * @brief Find a capability in the function's list.
 * @param pd the function.
 * @param id capability id (PCI_CAP_*).
 * @param after 0 to search from the start, else the offset of a capability
 *        found before (to find the next one of the same id).
 * @return its offset in configuration space, or 0 if there is none.
 */
unsigned pci_cap_find(const struct pci_dev *pd, uint8_t id, unsigned after);

/**
 * @brief Set command register bits.
 * @param pd the function. @param bits PCI_CMD_* to set.
 */
void pci_enable(const struct pci_dev *pd, uint16_t bits);

/**
 * @brief Map part of a memory BAR uncached into kernel space.
 * @param pd the function.
 * @param bar BAR index, 0-5.
 * @param off byte offset in the BAR.
 * @param len bytes.
 * @return the kernel address of byte @p off, or NULL (not a memory BAR,
 *         outside it, or no memory for page tables).
 */
volatile void *pci_bar_map(const struct pci_dev *pd, unsigned bar, uint64_t off, size_t len);

#endif /* KERN_PCI_H_ */
