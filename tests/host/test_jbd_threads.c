/*
 * Host tests of the journal with threads (test_jbd.c has the rest): the
 * handles of several threads racing a thread that commits and checkpoints
 * leave, after a crash, an image in which every replayed transaction is
 * whole; the commit thread commits and checkpoints by itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <kern/buf.h>
#include <uapi/errno.h>

#include "buf/bcache.h"
#include "buf_fakes.h"
#include "file_fakes.h"
#include "host_threads.h"
#include "ext2/jbd.h"
#include "ext2/jbd_format.h"
#include "ext2/jbd_int.h"
#include "jbd_fakes.h"
#include "jbd_test.h"

/* Threads: handles that each write a pair of blocks and add to a shared counter, while
 * another thread commits and checkpoints; the crash image must replay to a consistent state. */
#define MT_WORKERS 3
#define MT_ROUNDS  150
static struct jbd *mt_j;
static int mt_errors, mt_done;

static int mt_sleep(const void *wchan)
{
	(void)wchan;
	bfake_usleep(20);
	return 0;
}

static void mt_bump(struct jbd_handle *h, uint64_t blk, uint32_t set, int add)
{
	struct buf *b;
	uint32_t v;

	if (buf_read(&im.dev, blk, &b) != 0 || jbd_get_write(h, b) != 0) {
		__atomic_add_fetch(&mt_errors, 1, __ATOMIC_RELAXED);
		if (b != NULL)
			buf_release(b);
		return;
	}
	memcpy(&v, b->data, 4);
	v = add ? v + set : set;
	for (unsigned off = 0; off < im.bs; off += 4) /* the whole block: a torn copy shows */
		memcpy((uint8_t *)b->data + off, &v, 4);
	if (jbd_dirty_meta(h, b) != 0)
		__atomic_add_fetch(&mt_errors, 1, __ATOMIC_RELAXED);
	buf_release(b);
}

static void mt_thread(int i)
{
	struct jbd_handle h;

	if (i == MT_WORKERS) { /* the commit thread's work, often */
		for (int k = 0; __atomic_load_n(&mt_done, __ATOMIC_ACQUIRE) < MT_WORKERS; k++) {
			if (jbd_commit(mt_j, 1) != 0 || (k % 4 == 0 && jbd_checkpoint(mt_j) != 0))
				__atomic_add_fetch(&mt_errors, 1, __ATOMIC_RELAXED);
			bfake_usleep(100);
		}
		return;
	}
	for (uint32_t r = 1; r <= MT_ROUNDS; r++) {
		if (jbd_start(mt_j, 3, &h) != 0) {
			__atomic_add_fetch(&mt_errors, 1, __ATOMIC_RELAXED);
			continue;
		}
		mt_bump(&h, im.fb[0], 1, 1); /* increasing block order, as the cache asks */
		mt_bump(&h, im.fb[1 + 2 * i], r, 0);
		mt_bump(&h, im.fb[2 + 2 * i], r, 0);
		if (jbd_stop(&h) != 0)
			__atomic_add_fetch(&mt_errors, 1, __ATOMIC_RELAXED);
		bfake_usleep(20); /* let the commits fall between handles */
	}
	__atomic_add_fetch(&mt_done, 1, __ATOMIC_RELEASE);
}

static uint32_t disk_u32(uint64_t blk, unsigned off)
{
	uint32_t v;

	assert_int_equal(bfake_disk_read(im.fd, &v, 4, blk * im.bs + off), 0);
	return v;
}

void test_threads_consistent(void **state)
{
	char b_path[96];
	uint32_t sum = 0;
	int n;

	(void)state;
	img_make(1024, "mt");
	img_open(im.path, 256);
	mt_j = jopen();
	mt_errors = 0;
	mt_done = 0;
	fake_sleep_hook = mt_sleep;
	assert_int_equal(host_run_threads(MT_WORKERS + 1, mt_thread), 0);
	assert_int_equal(mt_errors, 0);
	jbd_abandon(mt_j); /* a crash with the last transaction uncommitted */
	fake_sleep_hook = NULL;
	set_recover(1);
	img_close();
	jfake_tmpname(b_path, sizeof(b_path), "B");
	assert_int_equal(jfake_copy(im.path, b_path), 0);
	img_open(b_path, 64);
	mt_j = jopen();
	n = jbd_recover(mt_j); /* whatever was committed since the last checkpoint */
	assert_true(n >= 0);
	assert_int_equal(jbd_close(mt_j), 0);
	for (int i = 0; i < MT_WORKERS; i++) {
		uint32_t a = disk_u32(im.fb[1 + 2 * i], 0);

		for (unsigned off = 0; off < im.bs; off += 4) { /* both blocks whole, same round */
			assert_int_equal(disk_u32(im.fb[1 + 2 * i], off), a);
			assert_int_equal(disk_u32(im.fb[2 + 2 * i], off), a);
		}
		sum += a;
	}
	assert_int_equal(disk_u32(im.fb[0], 0), sum); /* every replayed handle whole */
	assert_int_equal(disk_u32(im.fb[0], im.bs - 4), sum);
	img_close();
	assert_int_equal(jfake_run("e2fsck -fn %s", b_path), 0);
	jfake_unlink(b_path);
	jfake_unlink(im.path);
}

/* The commit thread commits and checkpoints on its own; jbd_close() stops it. */
void test_commit_thread(void **state)
{
	struct jbd_params p;
	struct jbd_stats st;
	struct jbd_handle h;
	struct jbd *j = NULL;

	(void)state;
	img_make(1024, "thread");
	img_open(im.path, 64);
	p = (struct jbd_params){ .name = "img",
				 .dev = &im.dev,
				 .nblocks = im.jlen,
				 .bmap = img_bmap,
				 .commit_secs = 1 };
	fake_sleep_hook = mt_sleep; /* a timed sleep is a short poll here */
	jfake_threads = 1;
	assert_int_equal(jbd_load(&p, &j), 0);
	jfake_threads = 0;
	assert_int_equal(jbd_start(j, 2, &h), 0);
	put_block(&h, im.fb[0], 0x5a, 0);
	assert_int_equal(jbd_stop(&h), 0);
	assert_int_equal(jbd_commit(j, 0), 0); /* a kick */
	for (int t = 0; t < 2000; t++) {
		jbd_stats(j, &st);
		if (st.commits > 0 && st.pinned == 0)
			break;
		bfake_usleep(1000);
	}
	assert_int_equal(st.commits, 1);
	assert_int_equal(st.pinned, 0); /* checkpointed too */
	expect_fill(im.fb[0], 0x5a);
	assert_int_equal(jbd_close(j), 0);
	fake_sleep_hook = NULL;
	img_close();
	assert_int_equal(jfake_run("e2fsck -fn %s", im.path), 0);
	jfake_unlink(im.path);
}

/* After a failed test: drop its cache and file so the next one starts afresh. */
