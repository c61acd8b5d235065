/*
 * Self-tests of the buffer cache, run with ktest= in a boot that loaded
 * the buf module: through the core's buf wrappers over a RAM disk, with
 * the real locks, threads and page allocator. Reads return the disk's
 * bytes and hit the second time; delayed writes reach the disk at sync;
 * read and write errors; kernel threads serialise on one buffer's sleep
 * lock; the flush thread writes a dirty buffer back without a sync;
 * a pinned buffer is held back from it until unpinned; shrinking gives
 * the pages back.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/ktest.h>
#include <core/role.h>
#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#define BKT_BS	    1024
#define BKT_NBLOCKS 32
#define BKT_NONE    UINT64_MAX

static uint8_t *bkt_disk;
static uint64_t bkt_fail = BKT_NONE; /* a transfer touching this block fails */

static int bkt_rw(struct buf_dev *d, const uint64_t *blknos, void *const *data, unsigned n,
		  int write)
{
	thr_yield(); /* a device sleeps: let the other threads run into the locks */
	for (unsigned i = 0; i < n; i++)
		if (bkt_fail != BKT_NONE && bkt_fail == blknos[i])
			return -EIO;
	for (unsigned i = 0; i < n; i++) {
		uint8_t *at = bkt_disk + (size_t)blknos[i] * d->block_size;

		if (write)
			memcpy(at, data[i], d->block_size);
		else
			memcpy(data[i], at, d->block_size);
	}
	return 0;
}

static struct buf_dev bkt_dev = {
	.name = "ktestram", .block_size = BKT_BS, .nblocks = BKT_NBLOCKS, .rw = bkt_rw
};

/* A fresh RAM disk (block i filled with i + 1) and no buffers of it cached. */
static int bkt_setup(void)
{
	if (bkt_disk == NULL)
		bkt_disk = mem_alloc(BKT_BS * BKT_NBLOCKS);
	if (bkt_disk == NULL)
		return -1;
	for (size_t i = 0; i < BKT_BS * BKT_NBLOCKS; i++)
		bkt_disk[i] = (uint8_t)(i / BKT_BS + 1);
	bkt_fail = BKT_NONE;
	return buf_sync(&bkt_dev) == 0 && buf_invalidate(&bkt_dev) == 0 ? 0 : -1;
}

KTEST(buf_read_write_sync)
{
	struct buf_stats before, after;
	struct buf *b;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	buf_stats(&before);
	KTEST_CHECK(buf_read(&bkt_dev, 3, &b) == 0 && ((uint8_t *)b->data)[100] == 4);
	buf_release(b);
	KTEST_CHECK(buf_read(&bkt_dev, 3, &b) == 0);
	memset(b->data, 0xee, BKT_BS);
	buf_dirty(b);
	buf_release(b);
	KTEST_CHECK(bkt_disk[3 * BKT_BS] == 4);
	KTEST_CHECK(buf_sync(&bkt_dev) == 0 && bkt_disk[3 * BKT_BS + 5] == 0xee);
	buf_stats(&after);
	KTEST_CHECK(after.hits == before.hits + 1 && after.misses == before.misses + 1);
	KTEST_CHECK(after.writes >= before.writes + 1);
	KTEST_CHECK(buf_read(&bkt_dev, BKT_NBLOCKS, &b) == -EINVAL && b == NULL);
	return 0;
}

KTEST(buf_errors)
{
	struct buf *b;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	bkt_fail = 7;
	KTEST_CHECK(buf_read(&bkt_dev, 7, &b) == -EIO && b == NULL);
	KTEST_CHECK(buf_get(&bkt_dev, 7, &b) == 0);
	memset(b->data, 0x77, BKT_BS);
	KTEST_CHECK(buf_write(b) == -EIO);
	buf_release(b);
	KTEST_CHECK(buf_sync(&bkt_dev) == -EIO);
	KTEST_CHECK(buf_invalidate(&bkt_dev) == 1); /* still dirty */
	bkt_fail = BKT_NONE;
	KTEST_CHECK(buf_sync(&bkt_dev) == 0 && bkt_disk[7 * BKT_BS] == 0x77);
	return 0;
}

#define BKT_THREADS 4
#define BKT_ROUNDS  200
static unsigned bkt_done, bkt_errors;

static void bkt_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < BKT_ROUNDS; i++) {
		struct buf *b;
		uint32_t v;

		if (buf_read(&bkt_dev, 9, &b) != 0) {
			__atomic_add_fetch(&bkt_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		v = *(uint32_t *)b->data;
		thr_yield(); /* holding the buffer: the others must sleep on it */
		*(uint32_t *)b->data = v + 1;
		buf_dirty(b);
		buf_release(b);
	}
	__atomic_add_fetch(&bkt_done, 1, __ATOMIC_RELEASE);
}

KTEST(buf_threads_serialise)
{
	struct buf *b;
	uint32_t start;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	memcpy(&start, bkt_disk + 9 * BKT_BS, sizeof(start));
	bkt_done = bkt_errors = 0;
	for (int i = 0; i < BKT_THREADS; i++)
		KTEST_CHECK(thr_create("bufkt", bkt_worker, NULL, THR_CLASS_USER, 0) != NULL);
	for (int t = 0; t < 1000 && __atomic_load_n(&bkt_done, __ATOMIC_ACQUIRE) < BKT_THREADS; t++)
		thr_sleep_ns(10000000ULL);
	KTEST_CHECK(bkt_done == BKT_THREADS && bkt_errors == 0);
	KTEST_CHECK(buf_read(&bkt_dev, 9, &b) == 0);
	KTEST_CHECK(*(uint32_t *)b->data == start + BKT_THREADS * BKT_ROUNDS);
	buf_release(b);
	KTEST_CHECK(buf_sync(&bkt_dev) == 0);
	printk("ktest: %u threads x %u increments of one buffer, none lost\n", BKT_THREADS,
	       BKT_ROUNDS);
	return 0;
}

/* A dirty buffer reaches the disk by the flush thread alone (buf.flush=N, N < 10). */
KTEST(buf_flush_thread)
{
	struct buf *b;
	int t;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	KTEST_CHECK(buf_read(&bkt_dev, 12, &b) == 0);
	memset(b->data, 0xf1, BKT_BS);
	buf_dirty(b);
	buf_release(b);
	for (t = 0; t < 100 && bkt_disk[12 * BKT_BS] != 0xf1; t++)
		thr_sleep_ns(100000000ULL);
	KTEST_CHECK(bkt_disk[12 * BKT_BS] == 0xf1);
	printk("ktest: flushed after about %d00 ms\n", t);
	return 0;
}

/* A pinned dirty buffer outlives two flush passes unwritten; unpinned, the next pass writes it. */
KTEST(buf_pin_flush_thread)
{
	struct buf *b;
	int t;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	KTEST_CHECK(buf_read(&bkt_dev, 13, &b) == 0);
	memset(b->data, 0xf2, BKT_BS);
	buf_pin(b);
	buf_dirty(b);
	buf_release(b);
	thr_sleep_ns(2500000000ULL); /* buf.flush=1: two passes or more */
	KTEST_CHECK(bkt_disk[13 * BKT_BS] == 14);
	KTEST_CHECK(buf_sync(&bkt_dev) == 0 && bkt_disk[13 * BKT_BS] == 14);
	buf_unpin(b);
	for (t = 0; t < 100 && bkt_disk[13 * BKT_BS] != 0xf2; t++)
		thr_sleep_ns(100000000ULL);
	KTEST_CHECK(bkt_disk[13 * BKT_BS] == 0xf2);
	printk("ktest: pinned buffer held back, written after its unpin\n");
	return 0;
}

KTEST(buf_shrink_frees)
{
	struct buf_stats st;
	struct buf *b;

	KTEST_REQUIRE(role_module("buf"));
	KTEST_CHECK(bkt_setup() == 0);
	for (uint64_t i = 0; i < BKT_NBLOCKS; i++) {
		KTEST_CHECK(buf_read(&bkt_dev, i, &b) == 0);
		buf_release(b);
	}
	KTEST_CHECK(buf_shrink(~0ULL) >= 1);
	buf_stats(&st);
	KTEST_CHECK(st.nbuf == 0);
	return 0;
}
