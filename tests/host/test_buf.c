/*
 * Host tests of the buffer cache (modules/buf/bcache*.c) against a
 * file-backed disk with injectable errors: reads return the file's bytes,
 * hits, delayed writes reaching the file at sync, eviction in LRU order
 * writing dirty victims back, two threads serialising on one buffer, read
 * read errors, read-ahead, shrinking and the page daemon's reclaimer, and
 * invalidation. Writing back (write-through, write errors, pinning,
 * flushes, sync batches) is in test_buf_writeback.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/buf.h>
#include <kern/page.h>
#include <uapi/errno.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "buf_tdisk.h"
#include "host_threads.h"

static void test_read_returns_file_bytes(void **state)
{
	struct buf *b;

	(void)state;
	b = rd(3);
	expect_pattern(b);
	bcache_release(b);
	b = rd(NBLOCKS - 1);
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().misses, 2);
	assert_int_equal(stats().reads, 2);
	assert_int_equal(stats().nbuf, 2);
}

static void test_hit_after_first_read(void **state)
{
	struct buf *b;

	(void)state;
	bcache_release(rd(9));
	b = rd(9);
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().hits, 1);
	assert_int_equal(stats().misses, 1);
	assert_int_equal(disk.rd_calls, 1);
	assert_int_equal(bfake_touches, 0); /* no call into the page provider per hit */
}

static void test_bad_arguments(void **state)
{
	struct buf_dev odd = disk.dev;
	struct buf *b = (struct buf *)1;

	(void)state;
	assert_int_equal(bcache_read(&disk.dev, NBLOCKS, &b), -EINVAL);
	assert_null(b);
	odd.block_size = 1000;
	assert_int_equal(bcache_read(&odd, 0, &b), -EINVAL);
	odd.block_size = 8192;
	assert_int_equal(bcache_get(&odd, 0, &b), -EINVAL);
	assert_int_equal(disk.rd_calls, 0);
}

static void test_dirty_release_sync(void **state)
{
	uint8_t f[BS];
	struct buf *b;

	(void)state;
	assert_int_equal(bcache_get(&disk.dev, 2, &b), 0);
	assert_int_equal(disk.rd_calls, 0); /* get does not read */
	memset(b->data, 0xab, BS);
	bcache_dirty(b);
	bcache_release(b);
	assert_int_equal(stats().dirty, 1);
	file_block(2, f);
	assert_int_equal(f[0], pattern(2 * BS)); /* delayed: not there yet */
	assert_int_equal(bcache_sync(&disk.dev), 0);
	file_block(2, f);
	for (int i = 0; i < BS; i++)
		assert_int_equal(f[i], 0xab);
	assert_int_equal(stats().dirty, 0);
	assert_int_equal(stats().writes, 1);
	assert_int_equal(bcache_sync(NULL), 0); /* nothing left to write */
	assert_int_equal(disk.wr_calls, 1);
	b = rd(2); /* the written data is what the cache holds */
	assert_int_equal(((uint8_t *)b->data)[7], 0xab);
	bcache_release(b);
	assert_int_equal(stats().hits, 1);
}

/* A cache of 3: the least recently used idle buffer goes, written back first if dirty. */
static void test_eviction_lru_order(void **state)
{
	uint8_t f[BS];
	struct buf *b;

	(void)state;
	teardown(NULL);
	setup_cache(3, 0);
	bcache_release(rd(0));
	b = rd(1);
	memset(b->data, 0x11, BS);
	bcache_dirty(b);
	bcache_release(b);
	bcache_release(rd(2));
	bcache_release(rd(0)); /* a hit: 0 is now the most recent; LRU order 1 2 0 */
	bcache_release(rd(3)); /* evicts 1, dirty: written back first */
	assert_int_equal(stats().evictions, 1);
	assert_int_equal(stats().writes, 1);
	assert_int_equal(stats().dirty, 0);
	assert_int_equal(stats().nbuf, 3);
	file_block(1, f);
	assert_int_equal(f[0], 0x11);
	assert_int_equal(f[BS - 1], 0x11);
	bcache_release(rd(4)); /* evicts 2 */
	assert_int_equal(stats().hits, 1);
	bcache_release(rd(0)); /* still cached */
	bcache_release(rd(3));
	assert_int_equal(stats().hits, 3);
	b = rd(2); /* was evicted: read again */
	expect_pattern(b);
	bcache_release(b);
	b = rd(1); /* evicted too; its new data came back from the disk */
	assert_int_equal(((uint8_t *)b->data)[5], 0x11);
	bcache_release(b);
	assert_int_equal(stats().misses, 7);
	assert_int_equal(stats().evictions, 4);
}

/* Every buffer held: the cache grows past its size rather than fail; out of memory, -ENOMEM. */
static void test_all_held_then_no_memory(void **state)
{
	struct buf *b[3], *x = (struct buf *)1;

	(void)state;
	teardown(NULL);
	setup_cache(2, 0);
	b[0] = rd(0);
	b[1] = rd(1);
	b[2] = rd(2);
	assert_int_equal(stats().nbuf, 3);
	bfake_page_fail = 1;
	assert_int_equal(bcache_read(&disk.dev, 3, &x), -ENOMEM);
	assert_null(x);
	bcache_release(b[0]); /* now one is idle: it is reused without memory */
	x = rd(3);
	expect_pattern(x);
	bcache_release(x);
	bfake_page_fail = 0;
	bcache_release(b[1]);
	bcache_release(b[2]);
}

#define RACE_ROUNDS 2000
static unsigned race_errors;

/* Each thread increments a counter in block 5's data, non-atomically, under the buffer's lock. */
static void race_body(int i)
{
	(void)i;
	for (int n = 0; n < RACE_ROUNDS; n++) {
		struct buf *b;
		uint32_t *c;
		uint32_t v;

		if (bcache_read(&disk.dev, 5, &b) != 0) {
			__atomic_add_fetch(&race_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		c = b->data;
		v = *c;
		if (n % 500 == 0)
			bfake_usleep(1000); /* hold it while the other thread wants it */
		*c = v + 1;
		bcache_dirty(b);
		bcache_release(b);
	}
}

static void test_two_threads_serialise(void **state)
{
	struct buf *b;
	uint32_t start;

	(void)state;
	b = rd(5);
	start = *(uint32_t *)b->data;
	bcache_release(b);
	race_errors = 0;
	assert_int_equal(host_run_threads(2, race_body), 0);
	assert_int_equal(race_errors, 0);
	b = rd(5);
	assert_int_equal(*(uint32_t *)b->data, start + 2 * RACE_ROUNDS);
	bcache_release(b);
	assert_int_equal(stats().misses, 1);
	assert_int_equal(stats().dirty, 1);
	assert_int_equal(bcache_sync(&disk.dev), 0);
}

#define STRESS_THREADS 4
#define STRESS_BLOCKS  32
#define STRESS_ROUNDS  1500
static uint32_t stress_count[STRESS_BLOCKS];

/* Thread i owns blocks i, i + 4, ...: it bumps a counter in them through a cache of 4. */
static void stress_body(int i)
{
	uint32_t seed = (uint32_t)i * 2654435761u + 1;

	for (int n = 0; n < STRESS_ROUNDS; n++) {
		uint64_t blk;
		struct buf *b;

		seed = seed * 1103515245u + 12345u;
		blk = (uint64_t)i +
		      STRESS_THREADS * ((seed >> 16) % (STRESS_BLOCKS / STRESS_THREADS));
		if (bcache_read(&disk.dev, blk, &b) != 0) {
			__atomic_add_fetch(&race_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		(*(uint32_t *)b->data)++;
		stress_count[blk]++;
		if (n % 7 == 0) {
			if (bcache_write(b) != 0)
				__atomic_add_fetch(&race_errors, 1, __ATOMIC_RELAXED);
		} else {
			bcache_dirty(b);
		}
		bcache_release(b);
	}
}

/* Four threads through a cache of four buffers: constant eviction of dirty victims, no lost update.
 */
static void test_threads_evict_stress(void **state)
{
	uint8_t f[BS];

	(void)state;
	teardown(NULL);
	setup_cache(4, 0);
	memset(stress_count, 0, sizeof(stress_count));
	race_errors = 0;
	assert_int_equal(host_run_threads(STRESS_THREADS, stress_body), 0);
	assert_int_equal(race_errors, 0);
	assert_int_equal(bcache_sync(NULL), 0);
	assert_true(stats().evictions > 100);
	assert_true(stats().nbuf <= 4 + STRESS_THREADS);
	for (uint64_t blk = 0; blk < STRESS_BLOCKS; blk++) {
		uint32_t v, start = 0;

		for (int k = 0; k < 4; k++)
			start |= (uint32_t)pattern(blk * BS + (uint64_t)k) << (8 * k);
		file_block(blk, f);
		memcpy(&v, f, sizeof(v));
		assert_int_equal(v, start + stress_count[blk]);
	}
}

static void test_read_error(void **state)
{
	struct buf *b = (struct buf *)1;

	(void)state;
	disk.fail_read = 4;
	assert_int_equal(bcache_read(&disk.dev, 4, &b), -EIO);
	assert_null(b);
	assert_int_equal(stats().read_errors, 1);
	assert_int_equal(bcache_read(&disk.dev, 4, &b), -EIO); /* nothing was cached */
	assert_int_equal(disk.rd_calls, 2);
	assert_int_equal(stats().hits, 0);
	disk.fail_read = NO_FAULT;
	b = rd(4);
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(disk.rd_calls, 3);
	assert_int_equal(stats().hits, 0);
}

static void test_readahead(void **state)
{
	unsigned calls;
	struct buf *b;

	(void)state;
	teardown(NULL);
	setup_cache(32, 4);
	bcache_release(rd(10)); /* a first read: not sequential yet */
	assert_int_equal(stats().readahead, 0);
	assert_int_equal(disk.rd_calls, 1);
	bcache_release(rd(11)); /* sequential: 12..15 come with it, in one transfer */
	assert_int_equal(stats().readahead, 4);
	assert_int_equal(disk.rd_calls, 3);
	assert_int_equal(disk.last_n, 4);
	calls = disk.rd_calls;
	for (uint64_t i = 12; i <= 14; i++) {
		b = rd(i);
		expect_pattern(b);
		bcache_release(b);
	}
	assert_int_equal(disk.rd_calls, calls); /* hits, and 15 still cached */
	assert_int_equal(stats().hits, 3);
	bcache_release(rd(15)); /* the reader reaches the window's end: the next one */
	assert_int_equal(stats().hits, 4);
	assert_int_equal(stats().readahead, 8);
	b = rd(19);
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().hits, 5);
	/* A failing read-ahead costs the reader nothing and caches nothing. */
	disk.fail_read = 21;
	bcache_release(rd(20));
	assert_int_equal(stats().readahead, 8);
	disk.fail_read = NO_FAULT;
	b = rd(22);
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().hits, 5);
}

/* Near the end of the device, read-ahead stops at the last block. */
static void test_readahead_at_end(void **state)
{
	(void)state;
	teardown(NULL);
	setup_cache(32, 8);
	bcache_release(rd(NBLOCKS - 4));
	bcache_release(rd(NBLOCKS - 3));
	assert_int_equal(stats().readahead, 2);
	bcache_release(rd(NBLOCKS - 1));
	assert_int_equal(stats().hits, 1);
}

/* Shrinking frees idle clean buffers only, oldest first, and gives their pages back. */
static void test_shrink_idle_only(void **state)
{
	struct buf *held, *b;

	(void)state;
	bcache_release(rd(0));
	held = rd(1);
	b = rd(2);
	bcache_dirty(b);
	bcache_release(b);
	bcache_release(rd(3));
	bcache_release(rd(8));
	assert_int_equal(bfake_pages, 5);
	assert_int_equal(bcache_shrink(2), 2); /* 0 and 3: the oldest clean idle ones */
	assert_int_equal(bfake_pages, 3);
	assert_int_equal(stats().nbuf, 3);
	assert_int_equal(stats().reclaimed, 2);
	bcache_release(rd(8));
	assert_int_equal(stats().hits, 1);
	assert_int_equal(bcache_shrink(100), 1); /* 8; not the held 1 nor the dirty 2 */
	expect_pattern(held);
	bcache_release(held);
	b = rd(2);
	assert_int_equal(stats().hits, 2);
	bcache_release(b);
	assert_int_equal(bcache_sync(NULL), 0);
	assert_int_equal(bcache_shrink(100), 2);
	assert_int_equal(bfake_pages, 0);
	assert_int_equal(stats().nbuf, 0);
	b = rd(0); /* gone: read again */
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().misses, 6);
}

/* The page daemon's reclaimer: it takes an idle clean buffer's page, never a held or dirty one. */
static void test_page_daemon_reclaims(void **state)
{
	struct buf *b;
	uint64_t pa, dpa;

	(void)state;
	assert_int_equal(bfake_reclaimable, 0);
	b = rd(7);
	pa = pa_of(b);
	assert_int_equal(bfake_reclaimable, 1);
	assert_false(bfake_reclaimer->evict(pa)); /* held */
	bcache_release(b);
	b = rd(9);
	dpa = pa_of(b);
	bcache_dirty(b);
	bcache_release(b);
	assert_false(bfake_reclaimer->evict(dpa));    /* dirty */
	assert_false(bfake_reclaimer->evict(0x1000)); /* not ours */
	assert_true(bfake_reclaimer->evict(pa));
	/* The daemon frees the page itself (and unmarks it). */
	page_set_reclaimable(pa, -1);
	page_free(pa, 0);
	assert_int_equal(stats().nbuf, 1);
	assert_int_equal(stats().reclaimed, 1);
	b = rd(7); /* read again, in a record the reclaim left spare */
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().misses, 3);
	assert_int_equal(bcache_sync(NULL), 0);
}

/* A buffer found again since the daemon's last look gets a second chance. */
static void test_hit_second_chance(void **state)
{
	struct buf *b;
	uint64_t pa;

	(void)state;
	b = rd(11);
	pa = pa_of(b);
	bcache_release(b);
	bcache_release(rd(11));			  /* a hit */
	assert_false(bfake_reclaimer->evict(pa)); /* used: passed over once */
	assert_true(bfake_reclaimer->evict(pa));  /* not used since: given back */
	page_set_reclaimable(pa, -1);
	page_free(pa, 0);
	assert_int_equal(stats().reclaimed, 1);
}

/* buf_get of an uncached block: zeros, and dropped if released unwritten. */
static void test_get_uncached(void **state)
{
	struct buf *b;

	(void)state;
	assert_int_equal(bcache_get(&disk.dev, 12, &b), 0);
	for (int i = 0; i < BS; i++)
		assert_int_equal(((uint8_t *)b->data)[i], 0);
	bcache_release(b);
	b = rd(12); /* the zeros were never believed: read from the disk */
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(disk.rd_calls, 1);
	assert_int_equal(bcache_get(&disk.dev, 12, &b), 0); /* cached now: a hit with the data */
	expect_pattern(b);
	bcache_release(b);
	assert_int_equal(stats().hits, 1);
}

static void test_invalidate(void **state)
{
	struct buf *held;

	(void)state;
	bcache_release(rd(1));
	bcache_release(rd(2));
	held = rd(3);
	assert_int_equal(bcache_invalidate(&disk.dev), 1);
	bcache_release(held);
	bcache_release(rd(1)); /* dropped: a miss */
	assert_int_equal(stats().hits, 0);
	assert_int_equal(stats().misses, 4);
	assert_int_equal(stats().nbuf, 3); /* the records are kept for reuse */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_returns_file_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_after_first_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_release_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eviction_lru_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_held_then_no_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_serialise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads_evict_stress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readahead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readahead_at_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shrink_idle_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_daemon_reclaims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_uncached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalidate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_second_chance, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
