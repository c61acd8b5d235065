/*
 * MBR partitions: the four primary entries of sector 0 (at byte 446, 16
 * bytes each: status, CHS, type, CHS, first LBA and sector count, little
 * endian) when the sector ends with 0x55 0xAA. Each used entry that fits
 * on the disk becomes a child device "<disk><n>". A protective entry
 * (type 0xEE) sends the disk to the GPT reader (blkdev_gpt.c) instead.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/fmt.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <uapi/errno.h>

#include "blkdev_priv.h"

#define MBR_TABLE 446
#define MBR_GPT	  0xee

static uint32_t mbr_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int blkdev_add_part(struct blkdev *disk, unsigned n, uint64_t start, uint64_t count,
		    const char *what)
{
	struct blkdev *p;

	if (count == 0 || start >= disk->sectors || count > disk->sectors - start) {
		pr_warn("blkdev: %s: partition %u (%llu+%llu) passes the end, ignored\n",
			disk->name, n, (unsigned long long)start, (unsigned long long)count);
		return -EINVAL;
	}
	p = mem_zalloc(sizeof(*p));
	if (p == NULL)
		return -ENOMEM;
	fmt_snprintf(p->name, sizeof(p->name), "%s%u", disk->name, n);
	p->sector_size = disk->sector_size;
	p->sectors = count;
	p->parent = disk;
	p->start = start;
	if (blkdev_add(p) != 0) {
		mem_free(p);
		return -ENOSPC;
	}
	printk("blkdev: %s: sectors %llu-%llu, %s\n", p->name, (unsigned long long)start,
	       (unsigned long long)(start + count - 1), what);
	return 0;
}

/* One primary entry; returns 1 for a protective (GPT) entry. */
static int mbr_add(struct blkdev *disk, unsigned n, const uint8_t *e)
{
	char what[16];

	if (e[4] == 0 || mbr_le32(e + 12) == 0)
		return 0;
	if (e[4] == MBR_GPT)
		return 1;
	fmt_snprintf(what, sizeof(what), "type %#x", e[4]);
	blkdev_add_part(disk, n, mbr_le32(e + 8), mbr_le32(e + 12), what);
	return 0;
}

void blkdev_scan_mbr(struct blkdev *disk)
{
	uint8_t *s = mem_alloc(disk->sector_size);
	int gpt = 0;

	if (s == NULL)
		return;
	if (blkdev_rw(disk, 0, s, 1, 0) == 0 && s[510] == 0x55 && s[511] == 0xaa)
		for (unsigned i = 0; i < 4; i++)
			gpt |= mbr_add(disk, i + 1, s + MBR_TABLE + 16 * i);
	mem_free(s);
	if (gpt)
		blkdev_scan_gpt(disk);
}
