/*
 * modules/buf: the `buf` provider, the block buffer cache (bcache*.c), and
 * its flush thread, which writes dirty buffers back every few seconds.
 *
 * Arguments (module line or `buf.<word>` on the command line):
 *   flush=N  seconds between write-back passes (default 5; 0: no thread,
 *            dirty buffers reach the disk at sync and eviction only);
 *   max=N    buffers before a miss evicts (16 or more; default: a quarter of memory, which
 *            the page daemon takes back under pressure);
 *   ra=N     blocks read ahead of a sequential reader (default 32, 0: none).
 */
#include <stdint.h>

#include <kern/buf.h>
#include <kern/kmod.h>
#include <kern/page.h>
#include <kern/printk.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "bcache.h"

#define BUF_FLUSH_DEFAULT 5
#define BUF_RA_DEFAULT	  32
#define BUF_MAX_MIN	  16

static uint64_t buf_flush_secs = BUF_FLUSH_DEFAULT;

static const struct buf_ops buf_module_ops = {
	.version = BUF_OPS_VERSION,
	.read = bcache_read,
	.get = bcache_get,
	.write = bcache_write,
	.dirty = bcache_dirty,
	.release = bcache_release,
	.sync = bcache_sync,
	.invalidate = bcache_invalidate,
	.shrink = bcache_shrink,
	.stats = bcache_stats,
	.pin = bcache_pin,
	.unpin = bcache_unpin,
	.flush_block = bcache_flush_block,
	.flush_blocks = bcache_flush_blocks,
};

static void buf_flush_thread(void *arg)
{
	uint64_t errors = 0;

	(void)arg;
	for (;;) {
		struct buf_stats st;

		thr_sleep_ns(buf_flush_secs * 1000000000ULL);
		bcache_sync(NULL);
		bcache_trim_spares();
		bcache_stats(&st);
		if (st.write_errors != errors)
			printk(
			    "buf: write-back failed: %llu errors so far, %llu dirty buffers kept\n",
			    (unsigned long long)st.write_errors, (unsigned long long)st.dirty);
		errors = st.write_errors;
	}
}

/* Read one numeric argument; out of range: warn, keep the default. */
static uint64_t buf_arg(const char *args, const char *key, uint64_t min, uint64_t max, uint64_t def)
{
	uint64_t v = def;
	int rc = kmod_arg_u64(args, key, min, max, &v);

	if (rc != 0 && rc != -ENOENT) {
		printk("buf: %s: %s %llu to %llu; using %llu\n", key,
		       rc == -ERANGE ? "out of the range" : "not a number from",
		       (unsigned long long)min, (unsigned long long)max, (unsigned long long)def);
		v = def;
	}
	return v;
}

static uint64_t buf_default_max(void)
{
	struct page_stats st;
	uint64_t frames;

	page_stats(&st);
	frames = st.zone[PAGE_ZONE_DMA].total + st.zone[PAGE_ZONE_NORMAL].total;
	return frames / 4 > BUF_MAX_MIN ? frames / 4 : BUF_MAX_MIN;
}

static int buf_init(const char *args)
{
	uint64_t max, ra;
	int rc;

	buf_flush_secs = buf_arg(args, "flush", 0, 3600, BUF_FLUSH_DEFAULT);
	max = buf_arg(args, "max", BUF_MAX_MIN, 1ULL << 24, buf_default_max());
	ra = buf_arg(args, "ra", 0, 32, BUF_RA_DEFAULT);
	bcache_init(max, (unsigned)ra);
	rc = buf_register(&buf_module_ops);
	if (rc != 0)
		return rc;
	if (buf_flush_secs != 0 &&
	    thr_create("bufflush", buf_flush_thread, NULL, THR_CLASS_USER, 0) == NULL)
		printk("buf: no memory for the flush thread: dirty buffers wait for sync\n");
	printk("buf: up to %llu buffers, read-ahead %llu, flush every %llu s, %s\n",
	       (unsigned long long)max, (unsigned long long)ra, (unsigned long long)buf_flush_secs,
	       bcache.reclaim_id >= 0 ? "reclaimable by the page daemon" : "no page reclaim");
	return 0;
}

KMOD(.name = "buf", .version = "1.0.0", .role = "buf", .deps = { "page", "mem", "tmr" },
     .init = buf_init);
