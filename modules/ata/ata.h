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

#define ATA_CMD_READ_DMA      0xC8 /**< READ DMA (LBA28). */
#define ATA_CMD_READ_DMA_EXT  0x25 /**< READ DMA EXT (LBA48). */
#define ATA_CMD_WRITE_DMA     0xCA /**< WRITE DMA. */
#define ATA_CMD_WRITE_DMA_EXT 0x35 /**< WRITE DMA EXT. */

/* The bus-master IDE registers of a channel (BAR 4, 8 ports a channel). */
#define ATA_BM_CMD	0    /**< Command: start/stop, direction. */
#define ATA_BM_STATUS	2    /**< Status: active, error, interrupt (write 1 to clear). */
#define ATA_BM_PRDT	4    /**< Physical address of the descriptor table (32 bits). */
#define ATA_BM_START	0x01 /**< Command: run the transfer. */
#define ATA_BM_TO_MEM	0x08 /**< Command: the device writes memory (a disk read). */
#define ATA_BM_ERR	0x02 /**< Status: the transfer failed. */
#define ATA_BM_IRQ	0x04 /**< Status: the device raised its interrupt. */
#define ATA_DMA_SECTORS 128  /**< Sectors one DMA moves: the 64 KiB bounce buffer. */

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
	uint16_t bm;		   /**< Bus-master ports, 0: PIO only. */
	uint32_t *prdt;		   /**< The one-entry descriptor table (a frame). */
	uint64_t prdt_pa;	   /**< Its physical address. */
	uint8_t *bounce;	   /**< 64 KiB that DMA moves to and from (64 KiB-aligned). */
	uint64_t bounce_pa;	   /**< Its physical address. */
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

/** @brief Load a transfer's registers and issue its command (the channel's mutex held).
 * @param d the drive. @param lba first sector. @param count sectors (256 is 0).
 * @param lba48 use the 48-bit registers. @param cmd the command. */
void ata_command(struct ata_drive *d, uint64_t lba, uint32_t count, int lba48, uint8_t cmd);

/** @brief Sleep until the channel's interrupt. @param ch the channel.
 * @return the status its handler read, or -1 (none came in time). */
int ata_irq_wait(struct ata_chan *ch);

/** @brief Log a failed transfer (device, what, sector, status and error).
 * @param d the drive. @param what "read", "write"... @param sector where.
 * @param st the status, or -1 (no interrupt). @return -EIO. */
int ata_fail(struct ata_drive *d, const char *what, uint64_t sector, int st);

/** @brief Flush the drive's write cache after a write (the channel's mutex held).
 * @param d the drive. @param lba for the message. @param lba48 the EXT command.
 * @return 0 or -EIO. */
int ata_flush(struct ata_drive *d, uint64_t lba, int lba48);

/** @brief Give a channel bus-master DMA (ata_dma.c): its descriptor table and bounce buffer.
 * @param ch the channel. @param bm its bus-master ports.
 * @return 0, or -ENOMEM (the channel stays PIO). */
int ata_dma_setup(struct ata_chan *ch, uint16_t bm);

/** @brief Read or write by DMA, in 64 KiB pieces through the bounce buffer.
 * @param d the drive. @param lba first sector. @param count sectors.
 * @param buf the data. @param lba48 EXT commands. @param write 1: to the disk.
 * @return 0 or -EIO. */
int ata_dma_rw(struct ata_drive *d, uint64_t lba, uint32_t count, uint8_t *buf, int lba48,
	       int write);

/** @brief DMA is off (the module word dma=0): every transfer is PIO. */
extern int ata_no_dma;

/** @brief Transfer every request with LBA48 commands (the module word lba48=1). */
extern int ata_force_lba48;

/** @brief The channels with disks (the interrupt handler's list). */
extern struct ata_chan *ata_chans[];
/** @brief How many ata_chans holds. */
extern unsigned ata_nchans;

#endif /* ATA_H_ */
