/*
 * Bus-master DMA of a PCI IDE channel (the controller's BAR 4; the
 * "Programming Interface for Bus Master IDE Controller" of the PIIX family):
 * the drive moves the sectors itself, to or from memory that a physical
 * region descriptor table names, and raises its interrupt once at the end,
 * instead of one interrupt and one 512-byte port copy a sector.
 *
 * Each channel has a one-entry table and a 64 KiB bounce buffer (an
 * order-4 block: physically contiguous and 64 KiB-aligned, so it crosses
 * no 64 KiB boundary, as a descriptor must not), so the caller's buffer
 * may be anywhere in kernel memory; a request moves in pieces of 128
 * sectors. Everything runs under the channel's mutex, as PIO does.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/pio.h>
#include <kern/page.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "ata.h"

#define ATA_DMA_ORDER 4		  /* 16 frames: the bounce buffer */
#define ATA_PRD_EOT   0x80000000u /* the table's last entry */

int ata_no_dma;

int ata_dma_setup(struct ata_chan *ch, uint16_t bm)
{
	uint64_t prdt = page_alloc(0, PAGE_ZERO), bounce = page_alloc(ATA_DMA_ORDER, 0);

	if (prdt == 0 || bounce == 0 || prdt >> 32 || (bounce + (64u << 10)) >> 32) {
		if (prdt)
			page_free(prdt, 0);
		if (bounce)
			page_free(bounce, ATA_DMA_ORDER);
		return -ENOMEM;
	}
	ch->prdt = page_virt(prdt);
	ch->prdt_pa = prdt;
	ch->bounce = page_virt(bounce);
	ch->bounce_pa = bounce;
	ch->bm = bm;
	return 0;
}

/* One piece, at most ATA_DMA_SECTORS, between the drive and the bounce buffer. */
static int ata_dma_piece(struct ata_drive *d, uint64_t lba, uint32_t count, int lba48, int write)
{
	struct ata_chan *ch = d->chan;
	uint8_t dir = write ? 0 : ATA_BM_TO_MEM, bms;
	uint8_t cmd = write ? (lba48 ? ATA_CMD_WRITE_DMA_EXT : ATA_CMD_WRITE_DMA)
			    : (lba48 ? ATA_CMD_READ_DMA_EXT : ATA_CMD_READ_DMA);
	int st;

	ch->prdt[0] = (uint32_t)ch->bounce_pa;
	ch->prdt[1] = (count * 512u & 0xffffu) | ATA_PRD_EOT; /* 65536 is 0 */
	arch_pio_out32(ch->bm + ATA_BM_PRDT, (uint32_t)ch->prdt_pa);
	arch_pio_out8(ch->bm + ATA_BM_CMD, dir);
	arch_pio_out8(ch->bm + ATA_BM_STATUS, ATA_BM_ERR | ATA_BM_IRQ); /* clear both */
	ata_command(d, lba, count, lba48, cmd);
	arch_pio_out8(ch->bm + ATA_BM_CMD, dir | ATA_BM_START);
	st = ata_irq_wait(ch);
	bms = arch_pio_in8(ch->bm + ATA_BM_STATUS);
	arch_pio_out8(ch->bm + ATA_BM_CMD, dir); /* stop the engine */
	arch_pio_out8(ch->bm + ATA_BM_STATUS, ATA_BM_ERR | ATA_BM_IRQ);
	if (st < 0 || (st & (ATA_SR_ERR | ATA_SR_DF)) || (bms & ATA_BM_ERR))
		return ata_fail(d, write ? "write" : "read", lba,
				st); /* the piece's first sector */
	return 0;
}

int ata_dma_rw(struct ata_drive *d, uint64_t lba, uint32_t count, uint8_t *buf, int lba48,
	       int write)
{
	struct ata_chan *ch = d->chan;

	for (uint32_t done = 0; done < count;) {
		uint32_t n = count - done < ATA_DMA_SECTORS ? count - done : ATA_DMA_SECTORS;
		int rc;

		if (write)
			memcpy(ch->bounce, buf + (size_t)done * 512, (size_t)n * 512);
		rc = ata_dma_piece(d, lba + done, n, lba48, write);
		if (rc)
			return rc;
		if (!write)
			memcpy(buf + (size_t)done * 512, ch->bounce, (size_t)n * 512);
		done += n;
	}
	return write ? ata_flush(d, lba, lba48) : 0;
}
