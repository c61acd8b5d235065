/*
 * File data: read, write and truncate, block by block through the buffer
 * cache, under the file's vnode lock. A hole (a block the map does not
 * have) reads as zeros and gets a zeroed block when written; truncating
 * down frees the blocks past the new end and zeroes the rest of the last
 * block, so that growing the file again shows zeros; truncating up only
 * moves the size (a hole). A file past 2 GiB sets large_file.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <kern/buf.h>
#include <kern/file.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "ext2.h"

static uint8_t ext2_zeros[BUF_BLOCK_MAX];

uint64_t ext2_max_size(struct ext2_fs *fs)
{
	uint64_t a = fs->apb, blocks = EXT2_NDIR_BLOCKS + a + a * a + a * a * a;
	uint64_t max = blocks * fs->bsize, cap = (1ULL << 32) * 512 - (1ULL << 30);

	return max < cap ? max : cap; /* i_blocks is 32 bits of 512-byte units */
}

long ext2_read(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint64_t end = vp->size;
	long done = 0;

	while (uio->resid && off < end) {
		uint32_t boff = (uint32_t)(off % fs->bsize), blk;
		size_t chunk = fs->bsize - boff;
		struct buf *b = NULL;
		long m;
		int rc;

		if (chunk > end - off)
			chunk = (size_t)(end - off);
		rc = ext2_bmap(vp, off / fs->bsize, 0, &blk, NULL);
		if (rc == 0 && blk)
			rc = ext2_bread(fs, blk, &b);
		if (rc)
			return done ? done : rc;
		m = uio_move(b ? (uint8_t *)b->data + boff : ext2_zeros, chunk, uio, 1);
		if (b)
			buf_release(b);
		if (m < 0)
			return done ? done : m;
		done += m;
		off += (uint64_t)m;
		if ((size_t)m < chunk)
			break;
	}
	return done;
}

/*
 * Fill a page of the VFS's page cache: the blocks that make it, zeros for
 * holes and past the end. Called without the vnode's lock (kern/vfs.h):
 * the block map is read as it is; a write or truncate racing with it is
 * made coherent by the VFS (it updates or cuts the page afterwards).
 */
int ext2_readpage(struct vnode *vp, uint64_t pgoff, void *page)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint64_t off = pgoff * PAGE_SIZE, size = vp->size;
	uint8_t *p = page;

	for (uint32_t done = 0; done < PAGE_SIZE; done += fs->bsize) {
		struct buf *b = NULL;
		uint32_t blk = 0;
		int rc = 0;

		if (off + done < size)
			rc = ext2_bmap(vp, (off + done) / fs->bsize, 0, &blk, NULL);
		if (rc == 0 && blk)
			rc = ext2_bread(fs, blk, &b);
		if (rc)
			return rc;
		memcpy(p + done, b ? (const uint8_t *)b->data : ext2_zeros, fs->bsize);
		if (b)
			buf_release(b);
	}
	if (size < off + PAGE_SIZE)
		memset(p + (size > off ? size - off : 0), 0,
		       off + PAGE_SIZE - (size > off ? size : off));
	return 0;
}

/* Mark large_file when a file passes 2 GiB. */
static void ext2_large_file(struct ext2_fs *fs, uint64_t size)
{
	if (size <= 0x7fffffffULL ||
	    (fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE))
		return;
	mutex_lock(&fs->lock);
	if (fs->sb.s_rev_level == 0)
		fs->sb.s_rev_level = 1; /* features need revision 1 */
	fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
	ext2_sb_write(fs);
	mutex_unlock(&fs->lock);
}

/* Write one block's part of the uio at @p off. @return bytes moved or -errno. */
static long ext2_write_block(struct vnode *vp, struct uio *uio, uint64_t off, size_t chunk)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint32_t boff = (uint32_t)(off % fs->bsize), blk;
	struct buf *b;
	int fresh, rc = ext2_bmap(vp, off / fs->bsize, 1, &blk, &fresh);
	long m;

	if (rc)
		return rc;
	if (fresh)
		rc = ext2_bzero(fs, blk, &b);
	else if (boff == 0 && chunk == fs->bsize)
		rc = buf_get(&fs->dev, blk, &b) ? -EIO : 0;
	else
		rc = ext2_bread(fs, blk, &b);
	if (rc)
		return rc;
	m = uio_move((uint8_t *)b->data + boff, chunk, uio, 0);
	if (m > 0 || fresh)
		ext2_data_dirty(fs, b);
	buf_release(b);
	return m;
}

long ext2_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint64_t max = ext2_max_size(fs);
	long done = 0, m = 0;
	unsigned steps = 0;
	int rc;

	if (fs->ro)
		return -EROFS;
	if (off >= max)
		return uio->resid ? -EFBIG : 0;
	ext2_tx_begin(fs);
	while (uio->resid && off < max) {
		if (++steps % EXT2_TX_STEP == 0) { /* the inode as it is now, then a new handle */
			ext2_large_file(fs, vp->size);
			ext2_iwrite(vp);
			ext2_tx_restart(fs);
		}
		size_t chunk = fs->bsize - (size_t)(off % fs->bsize);

		if (chunk > uio->resid)
			chunk = uio->resid;
		if (chunk > max - off)
			chunk = (size_t)(max - off);
		m = ext2_write_block(vp, uio, off, chunk);
		if (m <= 0)
			break;
		done += m;
		off += (uint64_t)m;
		if (off > vp->size)
			vp->size = off;
		if ((size_t)m < chunk)
			break;
	}
	ext2_large_file(fs, vp->size);
	rc = ext2_iwrite(vp);
	ext2_tx_end(fs);
	if (done)
		return done;
	return m < 0 ? m : rc;
}

int ext2_bfree_steps(struct vnode *vp, uint64_t from)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint64_t end = (vp->size + fs->bsize - 1) / fs->bsize;
	int rc;

	while (end > from + EXT2_TX_STEP * 16) {
		end -= EXT2_TX_STEP * 16;
		rc = ext2_bfree_from(vp, end);
		if (rc)
			return rc;
		rc = ext2_iwrite(vp);
		if (rc)
			return rc;
		ext2_tx_restart(fs);
	}
	return ext2_bfree_from(vp, from);
}

/* Zero the bytes of the last block past a new end @p size. */
static int ext2_zero_tail(struct vnode *vp, uint64_t size)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint32_t boff = (uint32_t)(size % fs->bsize), blk;
	struct buf *b;
	int rc;

	if (boff == 0)
		return 0;
	rc = ext2_bmap(vp, size / fs->bsize, 0, &blk, NULL);
	if (rc || blk == 0)
		return rc;
	rc = ext2_bread(fs, blk, &b);
	if (rc)
		return rc;
	memset((uint8_t *)b->data + boff, 0, fs->bsize - boff);
	ext2_data_dirty(fs, b);
	buf_release(b);
	return 0;
}

int ext2_truncate(struct vnode *vp, uint64_t size)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	int rc = 0;

	if (fs->ro)
		return -EROFS;
	if (size > ext2_max_size(fs))
		return -EFBIG;
	ext2_tx_begin(fs);
	if (size < vp->size) {
		rc = ext2_bfree_steps(vp, (size + fs->bsize - 1) / fs->bsize);
		if (rc == 0)
			rc = ext2_zero_tail(vp, size);
	}
	if (rc == 0) {
		vp->size = size;
		ext2_large_file(fs, size);
	}
	if (rc == 0)
		rc = ext2_iwrite(vp);
	else
		ext2_iwrite(vp);
	ext2_tx_end(fs);
	return rc;
}
