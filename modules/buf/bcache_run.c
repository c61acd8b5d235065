/*
 * buf_flush_blocks(): many blocks written back in runs. The blocks are
 * sorted; each run of consecutive blocks that are cached, dirty and not
 * (at most BUF_FLUSH_RUN) is referenced under the cache's lock,
 * locked in increasing block order (the cache's rule for holding several)
 * and written from their pages by one rw() call. A block that
 * is not cached or clean is on the device already. Pinned buffers are
 * written too, as buf_flush_block() writes them: a block the journal still
 * holds for its checkpoint may be ordered data by now (freed, committed,
 * used again), and revokes keep replay off it. A sync (bcache_sync.c)
 * writes its dirty buffers the same way but leaves the pinned ones.
 * Locking: bcache.h.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
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

/* May this pass write @p b? Dirty, and unpinned unless pinned ones are written too. */
static int bcache_run_ok(const struct bcache_buf *b, int pinned_too)
{
	return (b->flags & BCACHE_DIRTY) && (pinned_too || b->pins == 0);
}

/* Reference the cached, dirty buffers of the run from blknos[*i] on. */
static unsigned bcache_run_take(struct buf_dev *d, const uint64_t *blknos, unsigned n, unsigned *i,
				struct bcache_buf **run, int pinned_too)
{
	unsigned k = 0;

	spin_lock(&bcache.lock);
	for (; *i < n && k < BUF_FLUSH_RUN; (*i)++) {
		struct bcache_buf *b;

		if (k && blknos[*i] == run[k - 1]->pub.blkno)
			continue; /* a duplicate */
		if (k && blknos[*i] != run[k - 1]->pub.blkno + 1)
			break;
		b = bcache_find(d, blknos[*i]);
		if (b == NULL || !bcache_run_ok(b, pinned_too)) {
			if (k)
				break;
			continue; /* on the device already (or not this pass's) */
		}
		if (b->ref++ == 0)
			list_del(&b->lru);
		run[k++] = b;
	}
	spin_unlock(&bcache.lock);
	return k;
}

/* Write a run of locked buffers, straight from their pages. */
static int bcache_run_write(struct buf_dev *d, struct bcache_buf **run, unsigned k)
{
	void *data[BUF_FLUSH_RUN];
	int rc = 0;

	for (unsigned i = 0; i < k; i++)
		data[i] = run[i]->pub.data;
	if (d->rw(d, run[0]->pub.blkno, data, k, 1) != 0) {
		rc = -EIO; /* the caller writes them one by one, counting the errors */
	} else {
		bcache_count(&bcache.st.writes, k);
		for (unsigned i = 0; i < k; i++)
			bcache_set_flags(run[i], BCACHE_VALID, BCACHE_DIRTY);
	}
	return rc;
}

/* Lock a taken run; cut it at the first buffer no longer dirty (written
 * meanwhile) or, for a sync, pinned meanwhile (by a holder of its lock). */
static unsigned bcache_run_lock(struct bcache_buf **run, unsigned k, int pinned_too)
{
	unsigned ok = k;

	for (unsigned i = 0; i < k; i++) {
		mutex_lock(&run[i]->lock);
		spin_lock(&bcache.lock);
		if (ok == k && !bcache_run_ok(run[i], pinned_too))
			ok = i;
		spin_unlock(&bcache.lock);
	}
	return ok;
}

int bcache_write_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n, int pinned_too)
{
	struct bcache_buf *run[BUF_FLUSH_RUN];
	unsigned i = 0;
	int rc = 0;

	bcache_sort(blknos, n);
	while (i < n) {
		unsigned k = bcache_run_take(d, blknos, n, &i, run, pinned_too), w;

		if (k == 0)
			continue;
		w = bcache_run_lock(run, k, pinned_too);
		if (w > 1 && bcache_run_write(d, run, w) != 0)
			w = 0; /* block by block below: only the bad ones stay dirty */
		for (unsigned j = 0; j < k; j++) {
			if (j >= (w > 1 ? w : 0) && bcache_run_ok(run[j], pinned_too) &&
			    bcache_writeback(run[j]) != 0)
				rc = -EIO; /* a failed run, or the rest of a cut one */
			mutex_unlock(&run[j]->lock);
			spin_lock(&bcache.lock);
			bcache_unref(run[j], 0);
			spin_unlock(&bcache.lock);
		}
	}
	return rc;
}

int bcache_flush_blocks(struct buf_dev *d, uint64_t *blknos, unsigned n)
{
	return bcache_write_blocks(d, blknos, n, 1);
}
