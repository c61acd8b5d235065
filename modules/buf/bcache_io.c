/*
 * The buffer cache's I/O: reading a block (with read-ahead of the blocks
 * after a sequential reader's), writing one through, delayed writes and
 * syncing a device. Locking: bcache.h; the device's rw runs with the
 * buffers concerned locked and the cache's spinlock free.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/string.h>
#include <uapi/errno.h>

#include "bcache.h"

static int bcache_dev_ok(const struct buf_dev *d, uint64_t blkno)
{
	uint32_t bs = d->block_size;

	return bs >= BUF_BLOCK_MIN && bs <= BUF_BLOCK_MAX && (bs & (bs - 1)) == 0 &&
	       blkno < d->nblocks && d->rw != NULL;
}

/* Set and clear flags of a held buffer, keeping the dirty list and count. */
void bcache_set_flags(struct bcache_buf *b, unsigned set, unsigned clear)
{
	unsigned old;

	spin_lock(&bcache.lock);
	old = b->flags;
	b->flags = (old | set) & ~clear;
	if (!(old & BCACHE_DIRTY) && (b->flags & BCACHE_DIRTY)) {
		list_add_tail(&bcache.dirty, &b->dirty);
		bcache.st.dirty++;
	} else if ((old & BCACHE_DIRTY) && !(b->flags & BCACHE_DIRTY)) {
		list_del(&b->dirty);
		bcache.st.dirty--;
	}
	spin_unlock(&bcache.lock);
}

/* A held buffer's flags: VALID changes only under the buffer's lock. */
static unsigned bcache_flags(const struct bcache_buf *b)
{
	return __atomic_load_n(&b->flags, __ATOMIC_RELAXED);
}

/* Count device transfers (reads, writes, errors). */
void bcache_count(uint64_t *counter, uint64_t n)
{
	spin_lock(&bcache.lock);
	*counter += n;
	spin_unlock(&bcache.lock);
}

int bcache_writeback(struct bcache_buf *b)
{
	struct buf_dev *d = b->pub.dev;

	if (d->rw(d, &b->pub.blkno, &b->pub.data, 1, 1) != 0) {
		bcache_count(&bcache.st.write_errors, 1);
		bcache_set_flags(b, BCACHE_DIRTY | BCACHE_VALID, 0);
		return -EIO;
	}
	bcache_count(&bcache.st.writes, 1);
	bcache_set_flags(b, BCACHE_VALID, BCACHE_DIRTY);
	return 0;
}

int bcache_read(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	struct bcache_buf *b;
	unsigned f;
	int rc, seq;

	*bp = NULL;
	if (!bcache_dev_ok(d, blkno))
		return -EINVAL;
	rc = bcache_acquire(d, blkno, 0, &b, &seq);
	if (rc != 0)
		return rc;
	f = bcache_flags(b);
	if (!(f & BCACHE_VALID)) {
		if (d->rw(d, &blkno, &b->pub.data, 1, 0) != 0) {
			bcache_count(&bcache.st.read_errors, 1);
			bcache_release(&b->pub); /* invalid: off the hash at its last release */
			return -EIO;
		}
		bcache_count(&bcache.st.reads, 1);
		bcache_set_flags(b, BCACHE_VALID, 0);
	}
	if (seq)
		bcache_readahead(d, blkno);
	*bp = &b->pub;
	return 0;
}

int bcache_get(struct buf_dev *d, uint64_t blkno, struct buf **bp)
{
	struct bcache_buf *b;
	int rc;

	*bp = NULL;
	if (!bcache_dev_ok(d, blkno))
		return -EINVAL;
	rc = bcache_acquire(d, blkno, 0, &b, NULL);
	if (rc != 0)
		return rc;
	if (!(bcache_flags(b) & BCACHE_VALID))
		memset(b->pub.data, 0, d->block_size);
	*bp = &b->pub;
	return 0;
}

int bcache_write(struct buf *pb)
{
	return bcache_writeback((struct bcache_buf *)pb);
}

void bcache_dirty(struct buf *pb)
{
	bcache_set_flags((struct bcache_buf *)pb, BCACHE_DIRTY | BCACHE_VALID, 0);
}

/* Most blocks one read-ahead asks for. */
#define BCACHE_RA_MAX 32

/* Read @p n held new buffers of consecutive blocks from @p first in one
 * transfer, straight into their pages. */
static int bcache_fill(struct buf_dev *d, uint64_t first, struct bcache_buf **run, unsigned n)
{
	void *data[BCACHE_RA_MAX];
	uint64_t blk[BCACHE_RA_MAX];

	for (unsigned i = 0; i < n; i++) {
		data[i] = run[i]->pub.data;
		blk[i] = first + i;
	}
	return d->rw(d, blk, data, n, 0);
}

void bcache_readahead(struct buf_dev *d, uint64_t blkno)
{
	struct bcache_buf *run[BCACHE_RA_MAX];
	unsigned n = 0, ra = bcache.ra;
	uint64_t first = blkno + 1;
	int rc;

	if (ra > BCACHE_RA_MAX)
		ra = BCACHE_RA_MAX;
	if (ra > bcache.st.max / 4)
		ra = (unsigned)(bcache.st.max / 4);
	while (n < ra && first + n < d->nblocks &&
	       bcache_acquire(d, first + n, 1, &run[n], NULL) == 0)
		n++;
	if (n == 0)
		return;
	rc = bcache_fill(d, first, run, n);
	if (rc == 0) {
		spin_lock(&bcache.lock);
		bcache.st.reads += n;
		bcache.st.readahead += n;
		spin_unlock(&bcache.lock);
	} else if (rc == -EIO) {
		bcache_count(&bcache.st.read_errors, 1);
	}
	for (unsigned i = 0; i < n; i++) {
		if (rc == 0)
			bcache_set_flags(run[i], BCACHE_VALID, 0);
		bcache_release(&run[i]->pub);
	}
}
