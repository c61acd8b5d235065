/*
 * Self-tests of the block-device switch on the disk tests/qemu/blk_virtio.t
 * attaches (4096 sectors; sector 0 starts "zero-disk:sector0" and holds an
 * MBR with partition 1 at sectors 2048-4095, whose first sector starts
 * "zero-part1:sector0"). The disk is "vda", or the one the word
 * ktest.disk= names (ktest.disk=hda: the same tests through the ATA
 * driver, tests/qemu/blk_ata.t); its partition 1 is the name with a "1".
 * They skip in a boot without that disk.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <core/boot.h>
#include <core/cmdline.h>
#include <core/ktest.h>
#include <kern/blkdev.h>
#include <kern/mem.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#define BLK_KTEST_SCRATCH 100 /* sectors 100-131 of the disk are free for writes */

/* The disk under test (ktest.disk=, default vda) and, with part set, its partition 1. */
static struct blkdev *blk_ktest_disk(int part)
{
	const char *name = cmdline_get(boot_cmdline(), "ktest.disk");
	char buf[BLKDEV_NAME_MAX];
	size_t n;

	if (name == NULL || name[0] == '\0')
		name = "vda";
	n = strlen(name);
	if (n + 2 > sizeof(buf))
		return NULL;
	memcpy(buf, name, n);
	buf[n] = '1';
	buf[n + part] = '\0';
	return blkdev_find(buf);
}

KTEST(blkdev_read)
{
	struct blkdev *vda = blk_ktest_disk(0), *p1 = blk_ktest_disk(1);
	uint8_t *s = mem_alloc(512);
	int ok;

	KTEST_REQUIRE(vda != NULL);
	KTEST_CHECK(s != NULL);
	printk("ktest: %s has %llu sectors\n", vda->name, (unsigned long long)vda->sectors);
	KTEST_CHECK(vda->sectors == 4096 && vda->sector_size == 512);
	KTEST_CHECK(p1 != NULL && p1->parent == vda && p1->start == 2048 && p1->sectors == 2048);
	ok = blkdev_rw(vda, 0, s, 1, 0) == 0 && memcmp(s, "zero-disk:sector0", 17) == 0 &&
	     s[510] == 0x55 && s[511] == 0xaa;
	ok = ok && blkdev_rw(p1, 0, s, 1, 0) == 0 && memcmp(s, "zero-part1:sector0", 18) == 0;
	ok = ok && blkdev_rw(vda, 2048, s, 1, 0) == 0 && memcmp(s, "zero-part1:sector0", 18) == 0;
	ok = ok && blkdev_rw(p1, 2048, s, 1, 0) == -EINVAL &&
	     blkdev_rw(vda, 4095, s, 2, 0) == -EINVAL;
	mem_free(s);
	KTEST_CHECK(ok);
	return 0;
}

/* Write 32 sectors from the heap (bounced), read them back into a frame (direct). */
KTEST(blkdev_write)
{
	struct blkdev *vda = blk_ktest_disk(0);
	size_t len = 32 * 512;
	uint8_t *w = mem_alloc(len);
	uint64_t pa = page_alloc(2, PAGE_ZERO);
	uint8_t *r = pa ? page_virt(pa) : NULL;
	int ok;

	KTEST_REQUIRE(vda != NULL);
	KTEST_CHECK(w != NULL && r != NULL);
	for (size_t i = 0; i < len; i++)
		w[i] = (uint8_t)(i * 7 + i / 512);
	ok = blkdev_rw(vda, BLK_KTEST_SCRATCH, w, 32, 1) == 0;
	ok = ok && blkdev_rw(vda, BLK_KTEST_SCRATCH, r, 32, 0) == 0 && memcmp(w, r, len) == 0;
	mem_free(w);
	page_free(pa, 2);
	KTEST_CHECK(ok);
	return 0;
}

/*
 * blkdev_rwv(): 32 sectors written from three kinds of memory in one call
 * (2 on this thread's stack, 24 on the heap, 6 in a frame at an odd
 * offset), read back whole into a frame, then into 32 one-sector pieces
 * of the heap in reverse order of address: every byte where it belongs.
 */
KTEST(blkdev_segments)
{
	struct blkdev *vda = blk_ktest_disk(0);
	uint8_t st[2 * 512], *heap = mem_alloc(24 * 512), *pieces = mem_alloc(32 * 512);
	uint64_t pa = page_alloc(2, PAGE_ZERO), pb = page_alloc(0, PAGE_ZERO);
	uint8_t *whole = pa ? page_virt(pa) : NULL,
		*fr = pb ? (uint8_t *)page_virt(pb) + 512 : NULL;
	static struct blkseg seg[32];
	int ok;

	KTEST_REQUIRE(vda != NULL);
	KTEST_CHECK(heap != NULL && pieces != NULL && whole != NULL && fr != NULL);
	for (unsigned i = 0; i < 32 * 512; i++) {
		uint8_t v = (uint8_t)(i * 13 + i / 512 + 5);

		if (i < sizeof(st))
			st[i] = v;
		else if (i < 26 * 512)
			heap[i - sizeof(st)] = v;
		else
			fr[i - 26 * 512] = v;
	}
	seg[0] = (struct blkseg){ st, sizeof(st) };
	seg[1] = (struct blkseg){ heap, 24 * 512 };
	seg[2] = (struct blkseg){ fr, 6 * 512 };
	ok = blkdev_rwv(vda, BLK_KTEST_SCRATCH, seg, 3, 1) == 0;
	ok = ok && blkdev_rw(vda, BLK_KTEST_SCRATCH, whole, 32, 0) == 0 &&
	     memcmp(whole, st, sizeof(st)) == 0 &&
	     memcmp(whole + sizeof(st), heap, 24 * 512) == 0 &&
	     memcmp(whole + 26 * 512, fr, 6 * 512) == 0;
	for (unsigned i = 0; i < 32; i++)
		seg[i] = (struct blkseg){ pieces + 512 * (31 - i), 512 };
	ok = ok && blkdev_rwv(vda, BLK_KTEST_SCRATCH, seg, 32, 0) == 0;
	for (unsigned i = 0; ok && i < 32; i++)
		ok = memcmp(pieces + 512 * (31 - i), whole + 512 * i, 512) == 0;
	seg[0].len = 100;
	ok = ok && blkdev_rwv(vda, BLK_KTEST_SCRATCH, seg, 1, 0) == -EINVAL;
	mem_free(heap);
	mem_free(pieces);
	page_free(pa, 2);
	page_free(pb, 0);
	KTEST_CHECK(ok);
	return 0;
}

struct blk_ktest_wait {
	int left;
	int errors;
};

static void blk_ktest_done(struct blkreq *r)
{
	struct blk_ktest_wait *w = r->priv;

	if (r->status != 0)
		__atomic_add_fetch(&w->errors, 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&w->left, 1, __ATOMIC_RELEASE);
	thr_wakeup(w);
}

/* Thirty-two one-sector reads submitted at once (more than the driver's slots). */
KTEST(blkdev_inflight)
{
	struct blkdev *vda = blk_ktest_disk(0);
	uint64_t pa = page_alloc(2, PAGE_ZERO);
	uint8_t *buf = pa ? page_virt(pa) : NULL, *ref = mem_alloc(32 * 512);
	static struct blkreq req[32];
	struct blk_ktest_wait w = { .left = 32 };
	uint64_t flags;
	int ok;

	KTEST_REQUIRE(vda != NULL);
	KTEST_CHECK(buf != NULL && ref != NULL && blkdev_rw(vda, 0, ref, 32, 0) == 0);
	for (unsigned i = 0; i < 32; i++) {
		req[i] =
		    (struct blkreq){ .sector = 31 - i, .count = 1, .buf = buf + 512 * (31 - i) };
		req[i].done = blk_ktest_done;
		req[i].priv = &w;
		KTEST_CHECK(blkdev_submit(vda, &req[i]) == 0);
	}
	flags = arch_irq_save();
	while (__atomic_load_n(&w.left, __ATOMIC_ACQUIRE) > 0)
		thr_sleep(&w, 10000000);
	arch_irq_restore(flags);
	ok = w.errors == 0 && memcmp(buf, ref, 32 * 512) == 0;
	mem_free(ref);
	page_free(pa, 2);
	KTEST_CHECK(ok);
	return 0;
}

/*
 * Under tests/qemu/blk_eio.t, whose disk (QEMU's blkdebug) fails every read
 * of sector 3000 and every write of sector 3001: both give -EIO, the
 * sectors around them still work.
 */
KTEST(blkdev_eio)
{
	struct blkdev *vda = blk_ktest_disk(0);
	uint8_t *s = mem_alloc(512);
	int ok;

	KTEST_REQUIRE(vda != NULL);
	KTEST_CHECK(s != NULL);
	ok = blkdev_rw(vda, 3000, s, 1, 0) == -EIO && blkdev_rw(vda, 2999, s, 1, 0) == 0;
	ok = ok && blkdev_rw(vda, 3001, s, 1, 1) == -EIO && blkdev_rw(vda, 3002, s, 1, 1) == 0;
	ok = ok && blkdev_rw(vda, 2990, s, 1, 0) == 0;
	mem_free(s);
	KTEST_CHECK(ok);
	return 0;
}

/*
 * A cache flush: a disk whose driver says it has a write cache (virtio-blk
 * with VIRTIO_BLK_F_FLUSH) takes a flush request, through its partition
 * too, and counts it; a flush request on a disk without one is refused,
 * and blkdev_flush() then does nothing. The word ktest.flush=0 says the
 * disk has no cache to flush (ATA: the driver flushes after every write).
 */
KTEST(blkdev_flush)
{
	struct blkdev *disk = blk_ktest_disk(0), *p1 = blk_ktest_disk(1);
	const char *want = cmdline_get(boot_cmdline(), "ktest.flush");
	int cache = !(want && strcmp(want, "0") == 0);
	uint64_t before;

	KTEST_REQUIRE(disk != NULL);
	before = disk->flushes;
	KTEST_CHECK(!!(disk->flags & BLKDEV_F_FLUSH) == cache);
	KTEST_CHECK(blkdev_flush(disk) == 0);
	KTEST_CHECK(p1 == NULL || blkdev_flush(p1) == 0);
	if (cache)
		KTEST_CHECK(disk->flushes == before + 1 + (p1 != NULL));
	else
		KTEST_CHECK(disk->flushes == before);
	return 0;
}
