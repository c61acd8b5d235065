/*
 * ATA/IDE disks behind a PCI IDE controller (class 01, subclass 01): the
 * alternate disk driver (virtio_blk is the default). Each channel's ports
 * and interrupt line come from the programming interface: compatibility
 * mode uses the legacy ports 0x1F0/0x3F6 (IRQ 14) and 0x170/0x376 (IRQ
 * 15), native mode the BARs 0-3 and the function's interrupt line. Each
 * drive is asked IDENTIFY DEVICE (polled, interrupts off); ATAPI devices
 * (QEMU's CD-ROM) and empty positions are skipped; an ATA disk registers
 * with the block-device switch as hda, hdb (primary master, slave), hdc,
 * hdd (secondary), whose partitions follow (hda1...). Transfers are
 * ata_io.c's: bus-master DMA (ata_dma.c) when the controller has BAR 4,
 * else PIO. The module word lba48=1 makes every transfer use the LBA48
 * commands (a test of that path on a small disk); dma=0 keeps to PIO.
 *
 * Probes run under the PCI registry's mutex (kern/pci.h).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/pio.h>
#include <kern/blkdev.h>
#include <kern/fmt.h>
#include <kern/irq.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/pci.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "ata.h"

#define ATA_MAX_CTRL	   2
#define ATA_IDENTIFY_MS	   1000
#define ATA_ID_MODEL	   27  /* IDENTIFY words 27-46: the model, two bytes a word */
#define ATA_ID_LBA28	   60  /* words 60-61: LBA28 sectors */
#define ATA_ID_CMDSET2	   83  /* bit 10: LBA48 */
#define ATA_ID_LBA48	   100 /* words 100-103: LBA48 sectors */
#define ATA_PROGIF_NATIVE0 0x01
#define ATA_PROGIF_NATIVE1 0x04

struct ata_chan *ata_chans[2 * ATA_MAX_CTRL];
unsigned ata_nchans;
static unsigned ata_nctrl, ata_ndisks;
static uint16_t ata_lines; /* interrupt lines whose handler is installed */

static const struct blkdev_ops ata_ops = {
	.version = BLKDEV_OPS_VERSION,
	.submit = ata_submit,
};

static void ata_model(struct ata_drive *d, const uint16_t *id)
{
	int n = 40;

	for (int i = 0; i < 20; i++) {
		d->model[2 * i] = (char)(id[ATA_ID_MODEL + i] >> 8);
		d->model[2 * i + 1] = (char)id[ATA_ID_MODEL + i];
	}
	while (n > 0 && (d->model[n - 1] == ' ' || d->model[n - 1] == '\0'))
		n--;
	d->model[n] = '\0';
}

/* IDENTIFY DEVICE into @p id: 1 an ATA disk, 0 nothing or not ATA (ATAPI). */
static int ata_identify(struct ata_chan *ch, unsigned slave, uint16_t *id)
{
	uint16_t p = ch->cmd;
	int st;

	ata_select(ch, slave, 0);
	if (arch_pio_in8(p + ATA_STATUS) == 0xff) /* a floating bus: no drive */
		return 0;
	arch_pio_out8(p + ATA_COUNT, 0);
	arch_pio_out8(p + ATA_LBA0, 0);
	arch_pio_out8(p + ATA_LBA1, 0);
	arch_pio_out8(p + ATA_LBA2, 0);
	arch_pio_out8(p + ATA_COMMAND, ATA_CMD_IDENTIFY);
	if (arch_pio_in8(p + ATA_STATUS) == 0)
		return 0;
	st = ata_wait_idle(ch, ATA_IDENTIFY_MS);
	if (st < 0 || arch_pio_in8(p + ATA_LBA1) != 0 || arch_pio_in8(p + ATA_LBA2) != 0)
		return 0; /* ATAPI (0x14, 0xEB) or SATA signatures abort IDENTIFY */
	st = arch_pio_in8(p + ATA_STATUS);
	if ((st & (ATA_SR_ERR | ATA_SR_DRQ)) != ATA_SR_DRQ)
		return 0;
	arch_pio_in16_rep(p + ATA_DATA, id, 256);
	return 1;
}

/* A disk found at a position: fill its entry from IDENTIFY. */
static void ata_drive_init(struct ata_chan *ch, unsigned slave, const uint16_t *id, char letter)
{
	struct ata_drive *d = &ch->drive[slave];
	uint64_t n28 = id[ATA_ID_LBA28] | (uint32_t)id[ATA_ID_LBA28 + 1] << 16, n48 = 0;

	d->chan = ch;
	d->slave = (uint8_t)slave;
	d->lba48 = (id[ATA_ID_CMDSET2] & (1u << 10)) != 0;
	for (int i = 3; i >= 0 && d->lba48; i--)
		n48 = n48 << 16 | id[ATA_ID_LBA48 + i];
	ata_model(d, id);
	fmt_snprintf(d->bd.name, sizeof(d->bd.name), "hd%c", letter);
	d->bd.sector_size = 512;
	d->bd.sectors = d->lba48 && n48 ? n48 : n28;
	d->bd.max_count = ATA_MAX_SEC;
	d->bd.ops = &ata_ops;
	d->bd.priv = d;
	d->present = d->bd.sectors != 0;
}

static int ata_irq(struct ata_chan *ch)
{
	int rc;

	if (ch->irq >= IRQ_LINES)
		return -ENODEV;
	if (ata_lines & (1u << ch->irq))
		return 0;
	rc = irq_register(ch->irq, ata_intr);
	if (rc == 0)
		ata_lines |= 1u << ch->irq;
	return rc;
}

/* Find the disks of a channel; with at least one, hook its interrupt and register them. */
static int ata_chan_probe(struct ata_chan *ch, char first, uint16_t *id, uint16_t bm)
{
	unsigned found = 0;
	int rc;

	ch->lock.name = "ata";
	ch->mutex = (struct mutex)MUTEX_INIT("ata");
	ch->selected = 0xff;
	arch_pio_out8(ch->ctl, ATA_CTL_NIEN);
	for (unsigned s = 0; s < 2; s++)
		if (ata_identify(ch, s, id)) {
			ata_drive_init(ch, s, id, (char)(first + s));
			found += ch->drive[s].present;
		}
	if (found == 0)
		return 0;
	if (bm && ata_dma_setup(ch, bm) != 0)
		printk("ata: channel 0x%x: no memory for DMA: PIO\n", ch->cmd);
	ata_chans[ata_nchans] = ch;
	__atomic_store_n(&ata_nchans, ata_nchans + 1, __ATOMIC_RELEASE);
	rc = ata_irq(ch);
	(void)arch_pio_in8(ch->cmd + ATA_STATUS); /* nothing pending */
	arch_pio_out8(ch->ctl, 0);		  /* interrupts on */
	for (unsigned s = 0; s < 2 && rc == 0; s++) {
		struct ata_drive *d = &ch->drive[s];

		if (!d->present)
			continue;
		printk("ata: %s: %s, %llu sectors, LBA%s, ports 0x%x/0x%x, irq %u\n", d->bd.name,
		       d->model[0] ? d->model : "(no model)", (unsigned long long)d->bd.sectors,
		       d->lba48 ? "48" : "28", ch->cmd, ch->ctl, ch->irq);
		rc = blkdev_register(&d->bd);
		ata_ndisks += rc == 0;
	}
	printk("ata: channel 0x%x: %s\n", ch->cmd, ch->bm ? "bus-master DMA" : "PIO");
	return rc;
}

/* The ports of channel @p c (0 primary, 1 secondary) of a controller. */
static void ata_chan_ports(struct pci_dev *pd, unsigned c, struct ata_chan *ch)
{
	static const uint16_t legacy_cmd[2] = { 0x1F0, 0x170 }, legacy_ctl[2] = { 0x3F6, 0x376 };
	unsigned native = pd->progif & (c == 0 ? ATA_PROGIF_NATIVE0 : ATA_PROGIF_NATIVE1);

	if (native && pd->bar[2 * c].io && pd->bar[2 * c + 1].io) {
		ch->cmd = (uint16_t)pd->bar[2 * c].base;
		ch->ctl = (uint16_t)(pd->bar[2 * c + 1].base + 2);
		ch->irq = pd->irq_line;
	} else {
		ch->cmd = legacy_cmd[c];
		ch->ctl = legacy_ctl[c];
		ch->irq = 14 + c;
	}
}

static int ata_probe(struct pci_dev *pd)
{
	struct ata_chan *ch;
	uint16_t *id, bm;
	int rc = 0;

	if (ata_nctrl == ATA_MAX_CTRL)
		return -ENOSPC;
	ch = mem_zalloc(2 * sizeof(*ch));
	id = mem_alloc(512);
	if (ch == NULL || id == NULL) {
		mem_free(ch);
		mem_free(id);
		return -ENOMEM;
	}
	bm = !ata_no_dma && pd->bar[4].io && pd->bar[4].base ? (uint16_t)pd->bar[4].base : 0;
	pci_write16(pd, PCI_COMMAND,
		    pci_read16(pd, PCI_COMMAND) | PCI_CMD_IO | (bm ? PCI_CMD_MASTER : 0));
	for (unsigned c = 0; c < 2 && rc == 0; c++) {
		ata_chan_ports(pd, c, &ch[c]);
		rc = ata_chan_probe(&ch[c], (char)('a' + 4 * ata_nctrl + 2 * c), id,
				    bm ? (uint16_t)(bm + 8 * c) : 0);
	}
	mem_free(id);
	ata_nctrl++; /* the channels stay: the handler may see them */
	return rc;
}

static const struct pci_driver ata_drv = {
	.name = "ata",
	.vendor = PCI_ANY_ID,
	.device = PCI_ANY_ID,
	.class = 0x01,
	.subclass = 0x01,
	.probe = ata_probe,
};

static int ata_init(const char *args)
{
	uint64_t v = 0;
	int n;

	if (kmod_arg_u64(args, "lba48", 0, 1, &v) == 0)
		ata_force_lba48 = (int)v;
	if (kmod_arg_u64(args, "dma", 0, 1, &v) == 0)
		ata_no_dma = v == 0;
	n = pci_driver_register(&ata_drv);
	if (n < 0)
		return n;
	printk("ata: %u disk%s on %d controller%s%s\n", ata_ndisks, ata_ndisks == 1 ? "" : "s", n,
	       n == 1 ? "" : "s", ata_force_lba48 ? " (LBA48 commands only)" : "");
	return 0;
}

KMOD(.name = "ata", .version = "1.0.0", .role = "ata", .init = ata_init);
