/*
 * buf_flush_blocks(): many blocks written back together. The blocks are
 * sorted; a batch of up to BCACHE_BATCH of them that are cached and dirty
 * is referenced under the cache's lock, locked in increasing block order
 * (the cache's rule for holding several) and written from their pages by
 * one rw() call, whose runs of consecutive blocks go to the disk at once
 * (one wait for all). A block that is not cached or clean is on the
 * device already. Pinned buffers are
 * written too, as buf_flush_block() writes them: a block the journal still
 * holds for its checkpoint may be ordered data by now (freed, committed,
 * used again), and revokes keep replay off it. A sync (bcache_sync.c)
 * writes its dirty buffers the same way but leaves the pinned ones.
 * Locking: bcache.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "bcache.h"

/* Heapsort: no recursion, no allocation, O(n log n) for any input. */
static void bcache_sift(uint64_t *a, unsigned i, unsigned n)
{
	for (;;) {
		unsigned c = 2 * i + 1;
		uint64_t t;

		if (c >= n)
			return;
		if (c + 1 < n && a[c + 1] > a[c])
			c++;
		if (a[i] >= a[c])
			return;
		t = a[i], a[i] = a[c], a[c] = t;
		i = c;
	}
}

static void bcache_sort(uint64_t *a, unsigned n)
{
	for (unsigned i = n / 2; i-- > 0;)
		bcache_sift(a, i, n);
	for (unsigned end = n; end-- > 1;) {
		uint64_t t = a[0];

		a[0] = a[end], a[end] = t;
		bcache_sift(a, 0, end);
	}
}

/* Blocks one rw() call of a flush takes (its runs written together). */
#define BCACHE_BATCH BUF_FLUSH_RUN

/* Blocks of a batch on the stack, when there is no memory for a large one. */
#define BCACHE_BATCH_MIN 8

/* A batch: the buffers taken, and the blocks and memory of those written. */
struct bcache_batch {
	unsigned cap; /* room in the three arrays */
	struct bcache_buf **b;
	uint64_t *blkno;
	void **data;
};

/* The three arrays of a batch of BCACHE_BATCH blocks, allocated together. */
struct bcache_batch_mem {
	struct bcache_buf *b[BCACHE_BATCH];
	uint64_t blkno[BCACHE_BATCH];
	void *data[BCACHE_BATCH];
};

/* May this pass write @p b? Dirty, and unpinned unless pinned ones are written too. */
static int bcache_run_ok(const struct bcache_buf *b, int pinned_too)
{
	return (b->flags & BCACHE_DIRTY) && (pinned_too || b->pins == 0);
}

/* Reference the cached buffers of blknos[*i] on that this pass may write. */
static unsigned bcache_batch_take(struct buf_dev *d, const uint64_t *blknos, unsigned n,
				  unsigned *i, struct bcache_batch *w, int pinned_too)
{
	unsigned k = 0;

	spin_lock(&bcache.lock);
	for (; *i < n && k < w->cap; (*i)++) {
		struct bcache_buf *b;

		if (*i && blknos[*i] == blknos[*i - 1])
			continue; /* a duplicate */
		b = bcache_find(d, blknos[*i]);
		if (b == NULL || !bcache_run_ok(b, pinned_too))
			continue; /* on the device already (or not this pass's) */
		if (b->ref++ == 0)
			list_del(&b->lru);
		w->b[k++] = b;
	}
	spin_unlock(&bcache.lock);
	return k;
}

/* Lock the taken buffers in increasing block order (the cache's rule for
 * holding several); those still to write (not written meanwhile nor, for a
 * sync, pinned meanwhile by a holder of their lock) into the batch's
 * blkno/data. @return how many. */
static unsigned bcache_batch_lock(struct bcache_batch *w, unsigned k, int pinned_too)
{
	unsigned m = 0;

	for (unsigned i = 0; i < k; i++) {
		int ok;

		mutex_lock(&w->b[i]->lock);
		spin_lock(&bcache.lock);
		ok = bcache_run_ok(w->b[i], pinned_too);
		spin_unlock(&bcache.lock);
		if (ok) {
			w->blkno[m] = w->b[i]->pub.blkno;
			w->data[m++] = w->b[i]->pub.data;
		}
	}
	return m;
}

/* Write the batch's @p m blocks in one call; on failure one by one, so
 * only the bad ones stay dirty. @return 0 or -EIO. */
static int bcache_batch_write(struct buf_dev *d, struct bcache_batch *w, unsigned k, unsigned m,
			      int pinned_too)
{
	int rc = 0;

	if (m > 1 && d->rw(d, w->blkno, w->data, m, 1) == 0) {
		bcache_count(&bcache.st.writes, m);
		for (unsigned i = 0; i < k; i++)
			if (bcache_run_ok(w->b[i], pinned_too))
				bcache_set_flags(w->b[i], BCACHE_VALID, BCACHE_DIRTY);
		return 0;
	}
	for (unsigned i = 0; m > 0 && i < k; i++)
		if (bcache_run_ok(w->b[i], pinned_too) && bcache_writeback(w->b[i]) != 0)
			rc = -EIO;
	return rc;
}

/* The batches of the sorted @p blknos. */
static int bcache_batches(struct buf_dev *d, const uint64_t *blknos, unsigned n,
			  struct bcache_batch *w, int pinned_too)
{
	unsigned i = 0;
	int rc = 0;

	while (i < n) {
		unsigned k = bcache_batch_take(d, blknos, n, &i, w, pinned_too), m;

		if (k == 0)
			continue;
		m = bcache_batch_lock(w, k, pinned_too);
		if (bcache_batch_write(d, w, k, m, pinned_too) != 0)
			rc = -EIO;
		for (unsigned j = 0; j < k; j++) {
			mutex_unlock(&w->b[j]->lock);
			spin_lock(&bcache.lock);
			bcache_unref(w->b[j], 0);
			spin_unlock(&bcache.lock);
		}
	}
	return rc;
}

int bcache_write_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n, int pinned_too)
{
	struct bcache_batch_mem *big = mem_alloc(sizeof(*big));
	struct bcache_buf *sb[BCACHE_BATCH_MIN];
	uint64_t sn[BCACHE_BATCH_MIN];
	void *sd[BCACHE_BATCH_MIN];
	struct bcache_batch w = { BCACHE_BATCH_MIN, sb, sn, sd }; /* no memory: small batches */
	int rc;

	if (big != NULL)
		w = (struct bcache_batch){ BCACHE_BATCH, big->b, big->blkno, big->data };
	bcache_sort(blknos, n);
	rc = bcache_batches(d, blknos, n, &w, pinned_too);
	mem_free(big);
	return rc;
}

int bcache_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n)
{
	return bcache_write_blocks(d, blknos, n, 1);
}
