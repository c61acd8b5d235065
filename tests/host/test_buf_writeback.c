/*
 * Host tests of the buffer cache's write-back (modules/buf/bcache_io.c,
 * bcache_sync.c, bcache_run.c) on the disk of buf_tdisk.c: write-through,
 * write errors (the buffer stays dirty), pinned buffers held back from
 * sync, eviction, shrink and the page daemon, buf_flush_block(), and
 * buf_flush_blocks() and buf_sync() writing their runs in one transfer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <kern/buf.h>
#include <kern/page.h>
#include <uapi/errno.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "buf_tdisk.h"

static void test_write_through(void **state)
{
	uint8_t f[BS];
	struct buf *b = rd(11);

	(void)state;
	((uint8_t *)b->data)[0] = 0x42;
	assert_int_equal(bcache_write(b), 0);
	file_block(11, f);
	assert_int_equal(f[0], 0x42);
	assert_int_equal(stats().dirty, 0);
	bcache_release(b);
}

static void test_write_error(void **state)
{
	uint8_t f[BS];
	struct buf *b;

	(void)state;
	disk.fail_write = 6;
	b = rd(6);
	memset(b->data, 0x66, BS);
	assert_int_equal(bcache_write(b), -EIO); /* write-through fails: stays dirty */
	bcache_release(b);
	assert_int_equal(stats().dirty, 1);
	assert_int_equal(bcache_sync(&disk.dev), -EIO);
	assert_int_equal(bcache_sync(NULL), -EIO);
	assert_int_equal(stats().dirty, 1);
	assert_int_equal(stats().write_errors, 3);
	assert_int_equal(bcache_shrink(100), 0); /* a dirty buffer is never dropped */
	assert_int_equal(bcache_invalidate(&disk.dev), 1);
	file_block(6, f);
	assert_int_equal(f[0], pattern(6 * BS));
	disk.fail_write = NO_FAULT;
	assert_int_equal(bcache_sync(&disk.dev), 0);
	assert_int_equal(stats().dirty, 0);
	file_block(6, f);
	assert_int_equal(f[0], 0x66);
	assert_int_equal(bcache_invalidate(&disk.dev), 0);
}

/* A pinned dirty buffer: sync, eviction, shrink and the page daemon leave it; unpinned, it goes. */
static void test_pin_holds_back(void **state)
{
	uint8_t f[BS];
	struct buf *b;
	uint64_t pa;

	(void)state;
	teardown(NULL);
	setup_cache(3, 0);
	b = rd(5);
	pa = pa_of(b);
	memset(b->data, 0x77, BS);
	bcache_pin(b);
	bcache_dirty(b);
	bcache_release(b);
	assert_int_equal(stats().pinned, 1);
	assert_int_equal(bcache_sync(NULL), 0); /* skipped, not an error */
	for (uint64_t i = 10; i < 20; i++)	/* pressure: every other buffer is evicted */
		bcache_release(rd(i));
	assert_int_equal(bcache_shrink(100), 2);
	assert_false(bfake_reclaimer->evict(pa));
	assert_int_equal(bcache_invalidate(&disk.dev), 1);
	file_block(5, f);
	assert_int_equal(f[0], pattern(5 * BS)); /* never written */
	assert_int_equal(stats().writes, 0);
	assert_int_equal(stats().dirty, 1);
	b = rd(5); /* still cached, with the new data */
	assert_int_equal(((uint8_t *)b->data)[3], 0x77);
	bcache_pin(b); /* pins nest */
	bcache_release(b);
	bcache_unpin(b);
	assert_int_equal(bcache_sync(NULL), 0);
	assert_int_equal(stats().writes, 0);
	bcache_unpin(b);
	assert_int_equal(stats().pinned, 0);
	assert_int_equal(bcache_sync(NULL), 0);
	file_block(5, f);
	assert_int_equal(f[0], 0x77);
	assert_int_equal(stats().writes, 1);
}

/* buf_flush_block: a dirty cached block is written (pinned or not); clean or uncached: nothing. */
static void test_flush_block(void **state)
{
	uint8_t f[BS];
	struct buf *b = rd(6);

	(void)state;
	memset(b->data, 0x31, BS);
	bcache_dirty(b);
	bcache_release(b);
	assert_int_equal(bcache_flush_block(&disk.dev, 6), 0);
	file_block(6, f);
	assert_int_equal(f[0], 0x31);
	assert_int_equal(stats().dirty, 0);
	assert_int_equal(bcache_flush_block(&disk.dev, 6), 0);	/* clean now */
	assert_int_equal(bcache_flush_block(&disk.dev, 40), 0); /* not cached */
	assert_int_equal(disk.wr_calls, 1);
	b = rd(6);
	memset(b->data, 0x32, BS);
	bcache_dirty(b);
	bcache_release(b);
	disk.fail_write = 6;
	assert_int_equal(bcache_flush_block(&disk.dev, 6), -EIO);
	assert_int_equal(stats().dirty, 1);
	disk.fail_write = NO_FAULT;
}

static void dirty_fill(uint64_t blkno, uint8_t v)
{
	struct buf *b = rd(blkno);

	memset(b->data, v, BS);
	bcache_dirty(b);
	bcache_release(b);
}

/* buf_flush_blocks: unsorted, with duplicates, holes, a clean block and a
 * pinned one (written too: it may be data the journal still holds for a
 * checkpoint); the runs of consecutive dirty blocks go in one transfer. */
static void test_flush_blocks_runs(void **state)
{
	uint64_t list[] = { 12, 3, 11, 4, 10, 5, 11, 20, 30, 31 };
	uint8_t f[BS];
	struct buf *pinned;

	(void)state;
	for (uint64_t b = 3; b <= 5; b++)
		dirty_fill(b, (uint8_t)(0x40 + b));
	for (uint64_t b = 10; b <= 12; b++)
		dirty_fill(b, (uint8_t)(0x40 + b));
	bcache_release(rd(20)); /* cached, clean */
	dirty_fill(30, 0x70);
	pinned = rd(31);
	memset(pinned->data, 0x71, BS);
	bcache_dirty(pinned);
	bcache_pin(pinned);
	bcache_release(pinned);
	disk.wr_calls = disk.wr_runs = 0;
	assert_int_equal(bcache_flush_blocks(&disk.dev, list, 10), 0);
	assert_int_equal(disk.wr_calls, 1); /* one transfer */
	assert_int_equal(disk.wr_runs, 3);  /* of 3-5, 10-12, 30-31 */
	for (uint64_t i = 0; i + 1 < 10; i++)
		assert_true(list[i] <= list[i + 1]);
	for (uint64_t b = 3; b <= 12; b += (b == 5 ? 5 : 1)) {
		file_block(b, f);
		assert_int_equal(f[0], 0x40 + b);
		assert_int_equal(f[BS - 1], 0x40 + b);
	}
	file_block(31, f);
	assert_int_equal(f[0], 0x71);
	assert_int_equal(stats().dirty, 0);
	bcache_unpin(pinned);
	disk.fail_write = 11;
	dirty_fill(11, 0x55);
	list[0] = 11;
	assert_int_equal(bcache_flush_blocks(&disk.dev, list, 1), -EIO);
	disk.fail_write = NO_FAULT;
	assert_int_equal(stats().dirty, 1); /* 11 stays dirty */
	assert_int_equal(bcache_sync(&disk.dev), 0);
}

/* buf_sync: the dirty blocks go in one transfer of runs of consecutive
 * ones, a pinned one stays dirty and cuts its run, a failed write stays
 * dirty and the pass still writes the rest. */
static void test_sync_runs(void **state)
{
	uint8_t f[BS];
	struct buf *pinned;

	(void)state;
	for (uint64_t b = 40; b <= 47; b++)
		dirty_fill(b, (uint8_t)(0x20 + b));
	dirty_fill(6, 0x16);
	pinned = rd(44);
	bcache_pin(pinned);
	bcache_release(pinned);
	disk.wr_calls = disk.wr_runs = 0;
	assert_int_equal(bcache_sync(&disk.dev), 0);
	assert_int_equal(disk.wr_calls, 1); /* one transfer */
	assert_int_equal(disk.wr_runs, 3);  /* of 6, 40-43, 45-47 */
	assert_int_equal(stats().dirty, 1); /* 44, pinned */
	for (uint64_t b = 40; b <= 47; b++) {
		file_block(b, f);
		if (b == 44)
			assert_int_equal(f[0], pattern(44 * BS)); /* not written */
		else
			assert_int_equal(f[BS - 1], 0x20 + b);
	}
	bcache_unpin(pinned);
	dirty_fill(45, 0x99);
	disk.fail_write = 45;
	assert_int_equal(bcache_sync(NULL), -EIO);
	assert_int_equal(stats().dirty, 1); /* 45 failed; 44 written, in its own run */
	file_block(44, f);
	assert_int_equal(f[0], 0x20 + 44);
	disk.fail_write = NO_FAULT;
	assert_int_equal(bcache_sync(NULL), 0);
	assert_int_equal(stats().dirty, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_write_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_holds_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush_block, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush_blocks_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_runs, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
