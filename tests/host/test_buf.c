/*
 * Host tests of the buffer cache (modules/buf/bcache*.c) against a
 * file-backed disk with injectable errors: reads return the file's bytes,
 * hits, delayed writes reaching the file at sync, eviction in LRU order
 * writing dirty victims back, two threads serialising on one buffer, read
 * and write errors, read-ahead, shrinking and the page daemon's reclaimer,
 * and pinning (a journal's hold on its buffers) and flushing one block.
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
#include "host_threads.h"

#define BS	 1024
#define NBLOCKS	 64
#define NO_FAULT UINT64_MAX

/* The disk: a buf_dev over a temporary file. */
struct tdisk {
	struct buf_dev dev;
	int fd;
	uint64_t fail_read; /* a transfer touching this block fails (NO_FAULT: none) */
	uint64_t fail_write;
	unsigned rd_calls, wr_calls; /* transfers */
	unsigned wr_runs;	     /* runs of consecutive blocks written */
	unsigned last_n;	     /* blocks in the last read transfer */
};

static struct tdisk disk;

static uint8_t pattern(uint64_t off)
{
	return (uint8_t)(off / BS * 7 + off % BS);
}

static int touches(uint64_t bad, uint64_t blkno, unsigned n)
{
	return bad != NO_FAULT && bad >= blkno && bad < blkno + n;
}

/* One transfer of n blocks (runs of consecutive ones), each in memory of its own. */
static int tdisk_rw(struct buf_dev *d, const uint64_t *blknos, void *const *data, unsigned n,
		    int write)
{
	struct tdisk *t = d->priv;
	int rc = 0;

	__atomic_add_fetch(write ? &t->wr_calls : &t->rd_calls, 1, __ATOMIC_RELAXED);
	if (!write)
		t->last_n = n;
	for (unsigned i = 0; i < n; i++) {
		assert_true(i == 0 || blknos[i] > blknos[i - 1]); /* increasing */
		if (touches(write ? t->fail_write : t->fail_read, blknos[i], 1))
			return -EIO;
		if (write && (i == 0 || blknos[i] != blknos[i - 1] + 1))
			t->wr_runs++;
	}
	for (unsigned i = 0; rc == 0 && i < n; i++) {
		uint64_t off = blknos[i] * d->block_size;

		rc = write ? bfake_disk_write(t->fd, data[i], d->block_size, off)
			   : bfake_disk_read(t->fd, data[i], d->block_size, off);
	}
	return rc == 0 ? 0 : -EIO;
}

static void file_block(uint64_t blkno, uint8_t *out)
{
	assert_int_equal(bfake_disk_read(disk.fd, out, BS, blkno * BS), 0);
}

static void expect_pattern(const struct buf *b)
{
	const uint8_t *p = b->data;

	for (size_t i = 0; i < BS; i++)
		assert_int_equal(p[i], pattern(b->blkno * BS + i));
}

static struct buf_stats stats(void)
{
	struct buf_stats st;

	bcache_stats(&st);
	return st;
}

static struct buf *rd(uint64_t blkno)
{
	struct buf *b = (struct buf *)1;

	assert_int_equal(bcache_read(&disk.dev, blkno, &b), 0);
	assert_non_null(b);
	assert_ptr_equal(b->dev, &disk.dev);
	assert_int_equal(b->blkno, blkno);
	return b;
}

static void setup_cache(uint64_t max, unsigned ra)
{
	disk = (struct tdisk){ .fail_read = NO_FAULT, .fail_write = NO_FAULT };
	disk.fd = bfake_disk_create((size_t)NBLOCKS * BS, pattern);
	assert_true(disk.fd >= 0);
	disk.dev = (struct buf_dev){
		.name = "tdisk", .block_size = BS, .nblocks = NBLOCKS, .rw = tdisk_rw, .priv = &disk
	};
	bfake_page_fail = 0;
	bfake_touches = 0;
	assert_int_equal(bcache_init(max, ra), 0);
	assert_non_null(bfake_reclaimer);
}

static int setup(void **state)
{
	(void)state;
	setup_cache(16, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bcache_fini();
	assert_int_equal(bfake_pages, 0);
	assert_int_equal(bfake_reclaimable, 0);
	bfake_disk_close(disk.fd);
	return 0;
}

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

static uint64_t pa_of(const struct buf *b)
{
	return (uint64_t)(uintptr_t)b->data; /* the fake page_virt is the identity */
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
		cmocka_unit_test_setup_teardown(test_flush_blocks_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_after_first_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dirty_release_sync, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_through, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eviction_lru_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_held_then_no_memory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_threads_serialise, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads_evict_stress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readahead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readahead_at_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shrink_idle_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page_daemon_reclaims, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_uncached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalidate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pin_holds_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_second_chance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sync_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flush_block, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
