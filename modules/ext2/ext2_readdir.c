/*
 * readdir: the entries of a directory from a byte position on. The
 * position of an entry is its byte offset in the directory; a position
 * that no longer starts an entry (the directory changed between calls)
 * resumes at the first entry after it in its block. Each block is copied
 * out of its buffer before the callback runs, so no buffer is held while
 * the callback copies to user memory. Under vfs_ns_lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

#include "ext2.h"

static unsigned ext2_dtype(uint8_t ft)
{
	static const unsigned dt[8] = {
		DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR, DT_BLK, DT_FIFO, DT_SOCK, DT_LNK,
	};

	return ft < 8 ? dt[ft] : DT_UNKNOWN;
}

/* Copy block @p l of @p dvp into @p copy. */
static int ext2_rd_block(struct vnode *dvp, uint64_t l, uint8_t *copy)
{
	struct ext2_node *n = EXT2_NODE(dvp);
	uint32_t blk;
	struct buf *b;
	int rc = ext2_bmap(dvp, l, 0, &blk, NULL);

	if (rc)
		return rc;
	if (blk == 0)
		return ext2_corrupt(n->fs, "hole in directory", n->ino);
	rc = ext2_bread(n->fs, blk, &b);
	if (rc)
		return rc;
	memcpy(copy, b->data, n->fs->bsize);
	buf_release(b);
	return 0;
}

/* The entries of one block copy from *@p off on: 1 when @p fn said stop. */
static int ext2_rd_entries(struct vnode *dvp, uint64_t base, const uint8_t *blk, uint64_t *off,
			   vfs_dirent_fn *fn, void *arg)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	const struct ext2_dirent *de;

	for (uint32_t o = 0; o < fs->bsize; o += de->rec_len) {
		de = (const struct ext2_dirent *)(blk + o);
		if (o + 8 > fs->bsize || de->rec_len < 8 || (de->rec_len & 3) ||
		    de->rec_len > fs->bsize - o || (uint32_t)de->name_len + 8 > de->rec_len)
			return ext2_corrupt(fs, "bad directory entry in inode",
					    EXT2_NODE(dvp)->ino);
		if (base + o < *off || de->inode == 0)
			continue;
		if (fn(arg, de->name, de->name_len, de->inode, ext2_dtype(de->file_type),
		       base + o + de->rec_len))
			return 1;
		*off = base + o + de->rec_len;
	}
	*off = base + fs->bsize;
	return 0;
}

int ext2_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	uint8_t *copy = mem_alloc(fs->bsize);
	int rc = 0;

	if (copy == NULL)
		return -ENOMEM;
	while (*off < dvp->size && rc == 0) {
		uint64_t l = *off / fs->bsize;

		rc = ext2_rd_block(dvp, l, copy);
		if (rc == 0)
			rc = ext2_rd_entries(dvp, l * fs->bsize, copy, off, fn, arg);
	}
	mem_free(copy);
	return rc < 0 ? rc : 0;
}
