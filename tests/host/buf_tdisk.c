/* The buffer cache's host tests' disk and helpers: buf_tdisk.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <kern/buf.h>
#include <uapi/errno.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "buf_tdisk.h"

struct tdisk disk;

uint8_t pattern(uint64_t off)
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

void file_block(uint64_t blkno, uint8_t *out)
{
	assert_int_equal(bfake_disk_read(disk.fd, out, BS, blkno * BS), 0);
}

void expect_pattern(const struct buf *b)
{
	const uint8_t *p = b->data;

	for (size_t i = 0; i < BS; i++)
		assert_int_equal(p[i], pattern(b->blkno * BS + i));
}

struct buf_stats stats(void)
{
	struct buf_stats st;

	bcache_stats(&st);
	return st;
}

struct buf *rd(uint64_t blkno)
{
	struct buf *b = (struct buf *)1;

	assert_int_equal(bcache_read(&disk.dev, blkno, &b), 0);
	assert_non_null(b);
	assert_ptr_equal(b->dev, &disk.dev);
	assert_int_equal(b->blkno, blkno);
	return b;
}

void setup_cache(uint64_t max, unsigned ra)
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

int setup(void **state)
{
	(void)state;
	setup_cache(16, 0);
	return 0;
}

int teardown(void **state)
{
	(void)state;
	bcache_fini();
	assert_int_equal(bfake_pages, 0);
	assert_int_equal(bfake_reclaimable, 0);
	bfake_disk_close(disk.fd);
	return 0;
}

uint64_t pa_of(const struct buf *b)
{
	return (uint64_t)(uintptr_t)b->data; /* the fake page_virt is the identity */
}
