/*
 * Writing back: buf_sync() of one device or all, which the flush thread
 * runs every few seconds (pinned buffers are left alone), buf_flush_block()
 * of one block, pinning, and buf_invalidate() at umount. Locking:
 * bcache.h. A sync pass marks each buffer it visits with the pass number,
 * so a buffer whose write fails (it stays dirty) is tried once per pass.
 */
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "bcache.h"

/* The next dirty buffer of @p d this pass has not visited, referenced; or NULL. */
static struct bcache_buf *bcache_next_dirty(struct buf_dev *d, uint64_t gen)
{
	struct list_node *n, *tmp;

	list_for_each_safe(n, tmp, &bcache.dirty)
	{
		struct bcache_buf *b = list_entry(n, struct bcache_buf, dirty);

		if ((d != NULL && b->pub.dev != d) || b->sync_gen == gen || b->pins != 0)
			continue;
		b->sync_gen = gen;
		if (b->ref++ == 0)
			list_del(&b->lru);
		return b;
	}
	return NULL;
}

int bcache_sync(struct buf_dev *d)
{
	struct bcache_buf *b;
	uint64_t gen;
	int err = 0;

	spin_lock(&bcache.lock);
	gen = ++bcache.sync_gen;
	for (;;) {
		b = bcache_next_dirty(d, gen);
		spin_unlock(&bcache.lock);
		if (b == NULL)
			return err;
		mutex_lock(&b->lock);
		/* Pinned while this pass waited for the lock: not ours to write. */
		if ((b->flags & BCACHE_DIRTY) && b->pins == 0 && bcache_writeback(b) != 0)
			err = -EIO;
		mutex_unlock(&b->lock);
		spin_lock(&bcache.lock);
		bcache_unref(b, 0);
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
