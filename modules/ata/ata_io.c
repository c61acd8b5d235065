/*
 * The transfers: programmed I/O, interrupt driven. The thread of a request
 * takes its channel's mutex, writes the command, and for each sector
 * sleeps until the channel's interrupt (the handler reads the status
 * register, which acknowledges it, and wakes the sleeper), then moves the
 * sector through the data port. Writes end with a FLUSH CACHE, so that
 * what blkdev_rw() reports written is on the medium. An error bit (ERR,
 * DF), a missing data request or a lost interrupt end the request with
 * -EIO (logged here with the status and error registers; blkdev logs the
 * device and the sector).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/pio.h>
#include <kern/blkdev.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <kern/uptime.h>
#include <uapi/errno.h>

#include "ata.h"

#define ATA_IRQ_MS	 5000	   /* a command that raises no interrupt by then failed */
#define ATA_RECHECK_NS	 10000000u /* a sleeper re-checks this often (a wakeup lost between CPUs) */
#define ATA_SECTOR_WORDS 256

int ata_force_lba48;

int ata_wait_idle(struct ata_chan *ch, unsigned ms)
{
	uint64_t end = kern_uptime_ms() + ms;
	uint8_t st;

	for (;;) {
		st = arch_pio_in8(ch->ctl);
		if (!(st & ATA_SR_BSY))
			return st;
		if (kern_uptime_ms() > end)
			return -1;
	}
}

void ata_select(struct ata_chan *ch, unsigned slave, unsigned head)
{
	arch_pio_out8(ch->cmd + ATA_DRIVE, (uint8_t)(0xE0 | slave << 4 | (head & 0xF)));
	for (int i = 0; i < 4; i++) /* 400 ns for the drive to answer */
		(void)arch_pio_in8(ch->ctl);
	ch->selected = (uint8_t)slave;
}

void ata_intr(unsigned irq)
{
	unsigned n = __atomic_load_n(&ata_nchans, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++) {
		struct ata_chan *ch = ata_chans[i];

		if (ch->irq != irq)
			continue;
		spin_lock(&ch->lock);
		ch->irq_status = arch_pio_in8(ch->cmd + ATA_STATUS);
		ch->irq_pending = 1;
		spin_unlock(&ch->lock);
		thr_wakeup(ch);
	}
}

static void ata_irq_clear(struct ata_chan *ch)
{
	uint64_t flags = arch_irq_save();

	spin_lock(&ch->lock);
	ch->irq_pending = 0;
	spin_unlock(&ch->lock);
	arch_irq_restore(flags);
}

/* Sleep until the channel's interrupt: the status it read, or -1 (none came). */
int ata_irq_wait(struct ata_chan *ch)
{
	uint64_t end = kern_uptime_ms() + ATA_IRQ_MS, flags = arch_irq_save();
	int st = -1;

	for (;;) {
		spin_lock(&ch->lock);
		if (ch->irq_pending) {
			ch->irq_pending = 0;
			st = ch->irq_status;
		}
		spin_unlock(&ch->lock);
		if (st >= 0 || kern_uptime_ms() > end)
			break;
		thr_sleep(ch, ATA_RECHECK_NS);
	}
	arch_irq_restore(flags);
	return st;
}

/* Registers and command of a transfer (the channel's mutex held). */
void ata_command(struct ata_drive *d, uint64_t lba, uint32_t count, int lba48, uint8_t cmd)
{
	struct ata_chan *ch = d->chan;
	uint16_t p = ch->cmd;

	if (lba48) {
		ata_select(ch, d->slave, 0);
		arch_pio_out8(p + ATA_COUNT, (uint8_t)(count >> 8));
		arch_pio_out8(p + ATA_LBA0, (uint8_t)(lba >> 24));
		arch_pio_out8(p + ATA_LBA1, (uint8_t)(lba >> 32));
		arch_pio_out8(p + ATA_LBA2, (uint8_t)(lba >> 40));
	} else {
		ata_select(ch, d->slave, (unsigned)(lba >> 24));
	}
	arch_pio_out8(p + ATA_COUNT, (uint8_t)count); /* 256 is 0 */
	arch_pio_out8(p + ATA_LBA0, (uint8_t)lba);
	arch_pio_out8(p + ATA_LBA1, (uint8_t)(lba >> 8));
	arch_pio_out8(p + ATA_LBA2, (uint8_t)(lba >> 16));
	ata_irq_clear(ch);
	arch_pio_out8(p + ATA_COMMAND, cmd);
}

/* A status that lets a sector move: DRQ without ERR, DF or BSY. */
static int ata_status_ok(int st)
{
	return st >= 0 && (st & (ATA_SR_ERR | ATA_SR_DF | ATA_SR_BSY | ATA_SR_DRQ)) == ATA_SR_DRQ;
}

int ata_fail(struct ata_drive *d, const char *what, uint64_t sector, int st)
{
	uint8_t err = arch_pio_in8(d->chan->cmd + ATA_ERROR);

	if (st < 0)
		pr_err("ata: %s: %s at sector %llu: no interrupt\n", d->bd.name, what,
		       (unsigned long long)sector);
	else
		pr_err("ata: %s: %s at sector %llu: status 0x%02x, error 0x%02x\n", d->bd.name,
		       what, (unsigned long long)sector, (unsigned)st, err);
	return -EIO;
}

static int ata_read(struct ata_drive *d, uint64_t lba, uint32_t count, uint8_t *buf, int lba48)
{
	struct ata_chan *ch = d->chan;

	ata_command(d, lba, count, lba48, lba48 ? ATA_CMD_READ_EXT : ATA_CMD_READ);
	for (uint32_t i = 0; i < count; i++) {
		int st = ata_irq_wait(ch);

		if (!ata_status_ok(st))
			return ata_fail(d, "read", lba + i, st);
		ata_irq_clear(ch);
		arch_pio_in16_rep(ch->cmd + ATA_DATA, buf + (size_t)i * 512, ATA_SECTOR_WORDS);
	}
	return 0;
}

static int ata_write(struct ata_drive *d, uint64_t lba, uint32_t count, const uint8_t *buf,
		     int lba48)
{
	struct ata_chan *ch = d->chan;
	int st;

	ata_command(d, lba, count, lba48, lba48 ? ATA_CMD_WRITE_EXT : ATA_CMD_WRITE);
	st = ata_wait_idle(ch, ATA_IRQ_MS); /* the first sector is asked for without interrupt */
	for (uint32_t i = 0; i < count; i++) {
		if (!ata_status_ok(st))
			return ata_fail(d, "write", lba + i, st);
		ata_irq_clear(ch);
		arch_pio_out16_rep(ch->cmd + ATA_DATA, buf + (size_t)i * 512, ATA_SECTOR_WORDS);
		st = ata_irq_wait(ch);
	}
	if (st < 0 || (st & (ATA_SR_ERR | ATA_SR_DF)))
		return ata_fail(d, "write", lba + count - 1, st);
	return ata_flush(d, lba, lba48);
}

int ata_flush(struct ata_drive *d, uint64_t lba, int lba48)
{
	struct ata_chan *ch = d->chan;
	int st;

	ata_irq_clear(ch);
	arch_pio_out8(ch->cmd + ATA_COMMAND, lba48 ? ATA_CMD_FLUSH_EXT : ATA_CMD_FLUSH);
	st = ata_irq_wait(ch);
	if (st < 0 || (st & (ATA_SR_ERR | ATA_SR_DF)))
		return ata_fail(d, "cache flush", lba, st);
	return 0;
}

int ata_submit(struct blkdev *bd, struct blkreq *r)
{
	struct ata_drive *d = bd->priv;
	struct ata_chan *ch = d->chan;
	int lba48, rc;

	if (r->count > ATA_MAX_SEC || r->nseg != 1) /* one segment (blkdev::max_segs 0) */
		return -EINVAL;
	lba48 = d->lba48 && (ata_force_lba48 || r->sector + r->count > ATA_LBA28_END);
	if (!lba48 && r->sector + r->count > ATA_LBA28_END)
		return -EINVAL;
	mutex_lock(&ch->mutex);
	if (ata_wait_idle(ch, ATA_IRQ_MS) < 0)
		rc = ata_fail(d, r->write ? "write" : "read", r->sector, -1);
	else if (ch->bm)
		rc = ata_dma_rw(d, r->sector, r->count, r->seg[0].buf, lba48, r->write);
	else if (r->write)
		rc = ata_write(d, r->sector, r->count, r->seg[0].buf, lba48);
	else
		rc = ata_read(d, r->sector, r->count, r->seg[0].buf, lba48);
	mutex_unlock(&ch->mutex);
	r->status = rc;
	r->done(r);
	return 0;
}
