/*
 * A block device seen by the buffer cache: a struct buf_dev of a chosen
 * block size (a power of two from 512 to 4096, and at least the sector
 * size) over a struct blkdev, whose rw() turns runs of blocks into ranges
 * of sectors and their memory into segments (adjacent blocks' memory one
 * segment) and moves them all with one blkdev_rw_runs(). The blocks are counted from the start of
 * the device (a partition's own sector 0); a last partial block is left out. No lock: the record is
 * filled once and only read afterwards; blkdev_rw_runs() may run for several blocks at once on
 * several CPUs.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <uapi/errno.h>

/* Segments and runs for this many blocks per call of blkdev_rw_runs()
 * (from the heap); more go in pieces. Short of memory, the table of
 * BLKDEV_BUF_SMALL on the stack (the page daemon writes back through
 * here). */
#define BLKDEV_BUF_SEGS	 64
#define BLKDEV_BUF_SMALL 8

struct blkdev_buf_table {
	struct blkseg seg[BLKDEV_BUF_SEGS];
	struct blkdev_run runs[BLKDEV_BUF_SEGS];
};

/* Add block i (memory @p data) to the runs being built: a new run when it
 * does not follow the last block, a new segment when its memory does not
 * follow the last segment's. */
static void blkdev_buf_add(struct blkdev_run *runs, unsigned *nrun, struct blkseg *seg,
			   unsigned *nseg, uint64_t sector, int follows, void *data, uint32_t bs)
{
	struct blkseg *last = *nseg ? &seg[*nseg - 1] : NULL;

	if (follows && (char *)last->buf + last->len == (char *)data &&
	    last->len <= UINT32_MAX - bs) {
		last->len += bs;
		return;
	}
	seg[*nseg] = (struct blkseg){ .buf = data, .len = bs };
	if (follows) {
		runs[*nrun - 1].nseg++;
	} else {
		runs[*nrun] =
		    (struct blkdev_run){ .sector = sector, .seg = &seg[*nseg], .nseg = 1 };
		(*nrun)++;
	}
	(*nseg)++;
}

static int blkdev_buf_move(struct buf_dev *d, const uint64_t *blknos, void *const *data,
			   unsigned nblocks, int write, struct blkseg *seg, struct blkdev_run *runs,
			   unsigned max)
{
	struct blkdev *bd = d->priv;
	uint64_t per = d->block_size / bd->sector_size;

	while (nblocks) {
		unsigned nseg = 0, nrun = 0, k = 0;
		int rc;

		for (; k < nblocks && nseg < max; k++) {
			if (blknos[k] >= d->nblocks || (k && blknos[k] <= blknos[k - 1]))
				return -EIO;
			blkdev_buf_add(runs, &nrun, seg, &nseg, blknos[k] * per,
				       k && blknos[k] == blknos[k - 1] + 1, data[k], d->block_size);
		}
		rc = blkdev_rw_runs(bd, runs, nrun, write);
		if (rc)
			return rc == -EINVAL ? -EINVAL : -EIO;
		blknos += k;
		data += k;
		nblocks -= k;
	}
	return 0;
}

static int blkdev_buf_rw(struct buf_dev *d, const uint64_t *blknos, void *const *data,
			 unsigned nblocks, int write)
{
	struct blkdev_buf_table *t = nblocks > BLKDEV_BUF_SMALL ? mem_alloc(sizeof(*t)) : NULL;
	struct blkseg seg[BLKDEV_BUF_SMALL];
	struct blkdev_run runs[BLKDEV_BUF_SMALL];
	int rc;

	if (t == NULL)
		return blkdev_buf_move(d, blknos, data, nblocks, write, seg, runs,
				       BLKDEV_BUF_SMALL);
	rc = blkdev_buf_move(d, blknos, data, nblocks, write, t->seg, t->runs, BLKDEV_BUF_SEGS);
	mem_free(t);
	return rc;
}

static int blkdev_buf_flush(struct buf_dev *d)
{
	return blkdev_flush(d->priv);
}

int blkdev_buf_init(struct buf_dev *d, struct blkdev *bd, uint32_t block_size)
{
	if (d == NULL || bd == NULL || bd->sector_size == 0 || block_size < BUF_BLOCK_MIN ||
	    block_size > BUF_BLOCK_MAX || (block_size & (block_size - 1)) != 0 ||
	    block_size < bd->sector_size || block_size % bd->sector_size != 0)
		return -EINVAL;
	d->name = bd->name;
	d->block_size = block_size;
	d->nblocks = bd->sectors / (block_size / bd->sector_size);
	d->rw = blkdev_buf_rw;
	d->flush = blkdev_buf_flush;
	d->priv = bd;
	return 0;
}
KERN_EXPORT(blkdev_buf_init);
