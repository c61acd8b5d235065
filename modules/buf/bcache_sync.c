/*
 * Writing back: buf_sync() of one device or all, which the flush thread
 * runs every few seconds (pinned buffers are left alone; the dirty ones
 * are taken a batch at a time and written in runs of consecutive blocks), buf_flush_block()
 * of one block, pinning, and buf_invalidate() at umount. Locking:
 * bcache.h. A sync pass marks each buffer it visits with the pass number,
 * so a buffer whose write fails (it stays dirty) is tried once per pass.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <uapi/errno.h>

#include "bcache.h"

/* Dirty blocks a sync pass takes at once (written in runs of consecutive
 * ones): the batch's block numbers come from the heap; short of memory
 * (the page daemon syncs through here), a small batch on the stack. */
#define BCACHE_SYNC_BATCH 256
#define BCACHE_SYNC_SMALL 16

/*
 * Up to @p max dirty, unpinned buffers this pass has not
 * visited, of @p d (or, with NULL, of the device of the first one found,
 * stored in *dp), marked visited: their block numbers into @p blk.
 */
static unsigned bcache_next_dirty(struct buf_dev *d, struct buf_dev **dp, uint64_t gen,
				  uint64_t *blk, unsigned max)
{
	struct list_node *n, *tmp;
	unsigned k = 0;

	list_for_each_safe(n, tmp, &bcache.dirty)
	{
		struct bcache_buf *b = list_entry(n, struct bcache_buf, dirty);

		if (d == NULL && k == 0 && b->sync_gen != gen && b->pins == 0)
			*dp = b->pub.dev;
		if (b->pub.dev != *dp || b->sync_gen == gen || b->pins != 0)
			continue;
		b->sync_gen = gen;
		blk[k++] = b->pub.blkno;
		if (k == max)
			break;
	}
	return k;
}

int bcache_sync(struct buf_dev *d)
{
	uint64_t small[BCACHE_SYNC_SMALL], gen;
	uint64_t *blk = mem_alloc(BCACHE_SYNC_BATCH * sizeof(*blk));
	unsigned max = blk ? BCACHE_SYNC_BATCH : BCACHE_SYNC_SMALL;
	int err = 0;

	if (blk == NULL)
		blk = small;
	spin_lock(&bcache.lock);
	gen = ++bcache.sync_gen;
	for (;;) {
		struct buf_dev *dev = d;
		unsigned k = bcache_next_dirty(d, &dev, gen, blk, max);

		spin_unlock(&bcache.lock);
		if (k == 0) {
			if (blk != small)
				mem_free(blk);
			return err;
		}
		/* Pinned meanwhile (by a holder of its lock): left, as above. */
		if (bcache_write_blocks(dev, blk, k, 0) != 0)
			err = -EIO;
		spin_lock(&bcache.lock);
	}
}

unsigned bcache_invalidate(struct buf_dev *d)
{
	struct list_node *n, *tmp;
	unsigned kept = 0;

	spin_lock(&bcache.lock);
	list_for_each_safe(n, tmp, &bcache.all)
	{
		struct bcache_buf *b = list_entry(n, struct bcache_buf, all);

		if (b->pub.dev != d)
			continue;
		if (b->ref != 0 || (b->flags & BCACHE_DIRTY)) {
			kept++;
			continue;
		}
		bcache_unhash(b);
		list_del(&b->lru);
		list_add_head(&bcache.lru, &b->lru);
	}
	spin_unlock(&bcache.lock);
	return kept;
}

void bcache_pin(struct buf *pb)
{
	struct bcache_buf *b = (struct bcache_buf *)pb;

	spin_lock(&bcache.lock);
	b->ref++; /* held: not on the LRU list */
	if (b->pins++ == 0)
		bcache.st.pinned++;
	spin_unlock(&bcache.lock);
}

void bcache_unpin(struct buf *pb)
{
	struct bcache_buf *b = (struct bcache_buf *)pb;

	spin_lock(&bcache.lock);
	if (--b->pins == 0)
		bcache.st.pinned--;
	bcache_unref(b, 0);
	spin_unlock(&bcache.lock);
}

int bcache_flush_block(struct buf_dev *d, uint64_t blkno)
{
	struct bcache_buf *b;
	int rc = 0;

	spin_lock(&bcache.lock);
	b = bcache_find(d, blkno);
	if (b == NULL || !(b->flags & BCACHE_DIRTY)) {
		spin_unlock(&bcache.lock);
		return 0;
	}
	if (b->ref++ == 0)
		list_del(&b->lru);
	spin_unlock(&bcache.lock);
	mutex_lock(&b->lock);
	if ((b->flags & BCACHE_DIRTY) && bcache_writeback(b) != 0)
		rc = -EIO;
	mutex_unlock(&b->lock);
	spin_lock(&bcache.lock);
	bcache_unref(b, 0);
	spin_unlock(&bcache.lock);
	return rc;
}
