/*
 * GPT partitions (UEFI specification, chapter 5): the header at LBA 1
 * ("EFI PART", its CRC32 over header_size bytes with the CRC field zero),
 * the entry array it points to (its own CRC32), entries of entry_size
 * bytes whose type GUID is not zero, first and last LBA inclusive. Entry i
 * becomes "<disk><i+1>". A header or array that fails its checks is
 * reported and no partition is registered: never a misread table. The
 * backup header is not read.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>

#include "blkdev_priv.h"

#define GPT_MAX_ENTRIES 128 /* entries read (the usual array size) */

static uint32_t gpt_le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t gpt_le64(const uint8_t *p)
{
	return gpt_le32(p) | (uint64_t)gpt_le32(p + 4) << 32;
}

/* CRC-32 (IEEE 802.3, reflected, as GPT uses), bit by bit: tables are tiny. */
static uint32_t gpt_crc32(const uint8_t *p, size_t len)
{
	uint32_t crc = 0xffffffffu;

	while (len--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

/* Check the header in @p h; on success the array's place and shape in the out values. */
static const char *gpt_check_header(struct blkdev *disk, uint8_t *h, uint64_t *lba, uint32_t *n,
				    uint32_t *esize)
{
	uint32_t hsize = gpt_le32(h + 12), crc = gpt_le32(h + 16);

	if (memcmp(h, "EFI PART", 8) != 0)
		return "no GPT signature";
	if (hsize < 92 || hsize > disk->sector_size)
		return "bad header size";
	memset(h + 16, 0, 4);
	if (gpt_crc32(h, hsize) != crc)
		return "bad header CRC";
	*lba = gpt_le64(h + 72);
	*n = gpt_le32(h + 80);
	*esize = gpt_le32(h + 84);
	if (*esize < 128 || *esize % 8 || *esize > 1024 || *n == 0)
		return "bad entry array shape";
	if (*lba < 2 || *lba >= disk->sectors)
		return "entry array outside the disk";
	return NULL;
}

static void gpt_add_entries(struct blkdev *disk, const uint8_t *a, uint32_t n, uint32_t esize)
{
	static const uint8_t zero[16];

	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = a + (size_t)i * esize;
		uint64_t first = gpt_le64(e + 32), last = gpt_le64(e + 40);

		if (memcmp(e, zero, 16) == 0)
			continue;
		if (last < first) {
			pr_warn("blkdev: %s: GPT entry %u ends before it starts, ignored\n",
				disk->name, i + 1);
			continue;
		}
		blkdev_add_part(disk, i + 1, first, last - first + 1, "GPT");
	}
}

/* Read the entry array and check its CRC (over every entry the header counts). */
static const char *gpt_read_entries(struct blkdev *disk, const uint8_t *h, uint64_t lba, uint32_t n,
				    uint32_t esize)
{
	uint64_t bytes = (uint64_t)n * esize;
	uint32_t secs = (uint32_t)((bytes + disk->sector_size - 1) / disk->sector_size);
	uint8_t *a;
	const char *why = NULL;

	if (bytes > 1024 * 1024 || secs > disk->sectors - lba)
		return "entry array too large";
	a = mem_alloc((size_t)secs * disk->sector_size);
	if (a == NULL)
		return "no memory for the entry array";
	if (blkdev_rw(disk, lba, a, secs, 0) != 0)
		why = "cannot read the entry array";
	else if (gpt_crc32(a, bytes) != gpt_le32(h + 88))
		why = "bad entry array CRC";
	else
		gpt_add_entries(disk, a, n < GPT_MAX_ENTRIES ? n : GPT_MAX_ENTRIES, esize);
	mem_free(a);
	return why;
}

void blkdev_scan_gpt(struct blkdev *disk)
{
	uint8_t *h = mem_alloc(disk->sector_size);
	uint64_t lba = 0;
	uint32_t n = 0, esize = 0;
	const char *why;

	if (h == NULL)
		return;
	if (disk->sectors < 3 || blkdev_rw(disk, 1, h, 1, 0) != 0)
		why = "cannot read the header";
	else
		why = gpt_check_header(disk, h, &lba, &n, &esize);
	if (why == NULL)
		why = gpt_read_entries(disk, h, lba, n, esize);
	if (why)
		pr_warn("blkdev: %s: protective MBR but no usable GPT (%s): no partitions\n",
			disk->name, why);
	mem_free(h);
}
