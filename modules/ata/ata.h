/**
 * @file ata.h
 * @brief modules/ata: the channels and drives of a PCI IDE controller.
 *        Private to the module.
 * @ingroup modules
 *
 * Locking: ata_chan::mutex (a sleep lock) makes one request at a time own
 * a channel's registers, from the command to the last status; the
 * interrupt handler touches only ata_chan::irq_pending and irq_status,
 * under ata_chan::lock (a spinlock). A request's done callback is called
 * with neither held.
 */
#ifndef ATA_H_
#define ATA_H_

#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/lock.h>

/* The command block (offsets from ata_chan::cmd) and the control block. */
#define ATA_DATA     0	  /**< 16-bit data port. */
#define ATA_ERROR    1	  /**< Read: error register. */
#define ATA_FEATURE  1	  /**< Write: features. */
#define ATA_COUNT    2	  /**< Sector count. */
#define ATA_LBA0     3	  /**< LBA bits 0-7 (then 24-31 in LBA48). */
#define ATA_LBA1     4	  /**< LBA bits 8-15 (then 32-39); ATAPI signature 0x14. */
#define ATA_LBA2     5	  /**< LBA bits 16-23 (then 40-47); ATAPI signature 0xEB. */
#define ATA_DRIVE    6	  /**< Drive select, LBA mode, LBA28 bits 24-27. */
#define ATA_STATUS   7	  /**< Read: status (reading it acknowledges the interrupt). */
#define ATA_COMMAND  7	  /**< Write: command. */
#define ATA_CTL_NIEN 0x02 /**< Device control: interrupts off. */

#define ATA_SR_BSY  0x80 /**< Busy. */
#define ATA_SR_DRDY 0x40 /**< Ready. */
#define ATA_SR_DF   0x20 /**< Device fault. */
#define ATA_SR_DRQ  0x08 /**< Data request: the data port has a sector to move. */
#define ATA_SR_ERR  0x01 /**< Error (details in ATA_ERROR). */

#define ATA_CMD_READ	  0x20 /**< READ SECTORS (LBA28). */
#define ATA_CMD_READ_EXT  0x24 /**< READ SECTORS EXT (LBA48). */
#define ATA_CMD_WRITE	  0x30 /**< WRITE SECTORS. */
#define ATA_CMD_WRITE_EXT 0x34 /**< WRITE SECTORS EXT. */
#define ATA_CMD_FLUSH	  0xE7 /**< FLUSH CACHE. */
#define ATA_CMD_FLUSH_EXT 0xEA /**< FLUSH CACHE EXT. */
#define ATA_CMD_IDENTIFY  0xEC /**< IDENTIFY DEVICE. */

#define ATA_MAX_SEC   256	  /**< Sectors per request (an LBA28 count). */
#define ATA_LBA28_END 0x10000000u /**< First sector LBA28 cannot address. */

struct ata_chan;

/** A drive (master or slave) of a channel. */
struct ata_drive {
	struct blkdev bd;      /**< Its entry in the block-device switch. */
	struct ata_chan *chan; /**< Its channel. */
	uint8_t slave;	       /**< 0: master, 1: slave. */
	uint8_t lba48;	       /**< Supports LBA48 (IDENTIFY word 83 bit 10). */
	uint8_t present;       /**< An ATA disk answered IDENTIFY. */
	char model[41];	       /**< IDENTIFY words 27-46, trimmed. */
};

/** A channel: two drives behind one command block and one interrupt line. */
struct ata_chan {
	uint16_t cmd;		   /**< Command block ports (0x1F0, 0x170). */
	uint16_t ctl;		   /**< Control port (0x3F6, 0x376). */
	unsigned irq;		   /**< Interrupt line (14, 15). */
	struct mutex mutex;	   /**< Held by the request using the channel. */
	struct spinlock lock;	   /**< Guards irq_pending and irq_status. */
	int irq_pending;	   /**< The handler ran since the last clear. */
	uint8_t irq_status;	   /**< The status it read. */
	uint8_t selected;	   /**< Drive last selected (0xff: none yet). */
	struct ata_drive drive[2]; /**< Master, slave. */
};

/** @brief The blkdev_ops submit member: does the transfer, then calls done.
 * @param bd a drive. @param r the request. @return 0 (done called). */
int ata_submit(struct blkdev *bd, struct blkreq *r);

/** @brief The interrupt handler of a line (every channel on it).
 * @param irq the line. */
void ata_intr(unsigned irq);

/** @brief Wait, polling the alternate status, until BSY clears.
 * @param ch the channel. @param ms how long at most.
 * @return the status, or -1 after @p ms. */
int ata_wait_idle(struct ata_chan *ch, unsigned ms);

/** @brief Select a drive (and LBA mode with bits 24-27 of an LBA28 sector).
 * @param ch the channel. @param slave 0 or 1. @param head ATA_DRIVE's low four bits. */
void ata_select(struct ata_chan *ch, unsigned slave, unsigned head);

/** @brief Transfer every request with LBA48 commands (the module word lba48=1). */
extern int ata_force_lba48;

/** @brief The channels with disks (the interrupt handler's list). */
extern struct ata_chan *ata_chans[];
/** @brief How many ata_chans holds. */
extern unsigned ata_nchans;

#endif /* ATA_H_ */
