/*
 * A block device seen by the buffer cache: a struct buf_dev of a chosen
 * block size (a power of two from 512 to 4096, and at least the sector
 * size) over a struct blkdev, whose rw() turns blocks into sectors and
 * their memory into segments (adjacent blocks' memory one segment) and
 * calls blkdev_rwv(). The blocks are counted from the start of the device
 * (a partition's own sector 0); a last partial block is left out.
 * No lock: the record is filled once and only read afterwards; blkdev_rwv()
 * may run for several blocks at once on several CPUs.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

/* Segments on the stack for this many blocks; longer runs go in pieces. */
#define BLKDEV_BUF_SEGS 64

static int blkdev_buf_rw(struct buf_dev *d, uint64_t blkno, void *const *data, unsigned nblocks,
			 int write)
{
	struct blkdev *bd = d->priv;
	uint64_t per = d->block_size / bd->sector_size;
	struct blkseg seg[BLKDEV_BUF_SEGS];

	if (blkno >= d->nblocks || nblocks > d->nblocks - blkno)
		return -EIO;
	while (nblocks) {
		unsigned n = 0, k = 0;
		int rc;

		for (; k < nblocks && n < BLKDEV_BUF_SEGS; k++) {
			if (n && (char *)seg[n - 1].buf + seg[n - 1].len == (char *)data[k] &&
			    seg[n - 1].len <= UINT32_MAX - d->block_size) {
				seg[n - 1].len += d->block_size; /* adjacent: one segment */
				continue;
			}
			seg[n].buf = data[k];
			seg[n++].len = d->block_size;
		}
		rc = blkdev_rwv(bd, blkno * per, seg, n, write);
		if (rc)
			return rc == -EINVAL ? -EINVAL : -EIO;
		blkno += k;
		data += k;
		nblocks -= k;
	}
	return 0;
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
