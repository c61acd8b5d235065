/*
 * The block map of a file: 12 direct blocks, then a single, a double and a
 * triple indirect block (i_block[12..14]), each indirect block holding
 * bsize / 4 block numbers. ext2_bmap() finds (and may allocate) the disk
 * block of a file block; ext2_bfree_from() frees the blocks of a file
 * from one block on, and the indirect blocks left empty.
 *
 * Called under the file's vnode lock. One buffer at a time: an indirect
 * block is read, its entry taken, released; to allocate a child the
 * block is released, the allocator runs (it takes its own buffers), and
 * the block is read again to store the new number (nobody else changes
 * the map: we hold the vnode). vnode::blocks counts every block held, in
 * 512-byte units, as i_blocks does. A walk is at most four blocks deep and
 * a free at most three levels of recursion, whatever the disk says.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include <uapi/stat.h>

#include "ext2.h"

/* The path to file block @p lblk: depth (0 direct .. 3 triple), the i_block slot, the indices. */
static int ext2_path(struct ext2_fs *fs, uint64_t lblk, unsigned *slot, uint32_t idx[3])
{
	uint64_t a = fs->apb;

	if (lblk < EXT2_NDIR_BLOCKS) {
		*slot = (unsigned)lblk;
		return 0;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < a) {
		*slot = EXT2_IND_BLOCK;
		idx[0] = (uint32_t)lblk;
		return 1;
	}
	lblk -= a;
	if (lblk < a * a) {
		*slot = EXT2_DIND_BLOCK;
		idx[0] = (uint32_t)(lblk / a);
		idx[1] = (uint32_t)(lblk % a);
		return 2;
	}
	lblk -= a * a;
	if (lblk < a * a * a) {
		*slot = EXT2_TIND_BLOCK;
		idx[0] = (uint32_t)(lblk / (a * a));
		idx[1] = (uint32_t)(lblk / a % a);
		idx[2] = (uint32_t)(lblk % a);
		return 3;
	}
	return -EFBIG;
}

/* A new block for @p vp: zeroed metadata when @p meta, else left for the caller. */
static int ext2_balloc(struct vnode *vp, int meta, uint32_t *out)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	uint32_t goal = n->goal;
	struct buf *b;
	int rc;

	if (goal == 0)
		goal = fs->sb.s_first_data_block +
		       (n->ino - 1) / fs->sb.s_inodes_per_group * fs->sb.s_blocks_per_group;
	rc = ext2_block_alloc(fs, goal, out);
	if (rc)
		return rc;
	n->goal = *out + 1;
	vp->blocks += fs->bsize / 512;
	if (!meta)
		return 0;
	rc = ext2_bzero(fs, *out, &b);
	if (rc)
		return rc;
	ext2_meta_dirty(fs, b);
	buf_release(b);
	return 0;
}

/* Entry @p i of indirect block @p blk; with @p set, store *@p val there instead. */
static int ext2_ind_entry(struct ext2_fs *fs, uint32_t blk, uint32_t i, uint32_t *val, int set)
{
	struct buf *b;
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	if (set) {
		((uint32_t *)b->data)[i] = *val;
		ext2_meta_dirty(fs, b);
	} else {
		*val = ((uint32_t *)b->data)[i];
	}
	buf_release(b);
	return 0;
}

int ext2_bmap(struct vnode *vp, uint64_t lblk, int alloc, uint32_t *out, int *fresh)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	uint32_t idx[3], cur, next;
	unsigned slot;
	int depth = ext2_path(fs, lblk, &slot, idx), rc;

	*out = 0;
	if (fresh)
		*fresh = 0;
	if (depth < 0)
		return depth;
	cur = n->block[slot];
	if (cur == 0 && alloc) {
		rc = ext2_balloc(vp, depth > 0, &cur);
		if (rc)
			return rc;
		n->block[slot] = cur;
		if (depth == 0 && fresh)
			*fresh = 1;
	}
	for (int i = 0; i < depth && cur; i++) {
		rc = ext2_ind_entry(fs, cur, idx[i], &next, 0);
		if (rc)
			return rc;
		if (next == 0 && alloc) {
			rc = ext2_balloc(vp, i + 1 < depth, &next);
			if (rc == 0)
				rc = ext2_ind_entry(fs, cur, idx[i], &next, 1);
			if (rc)
				return rc;
			if (i + 1 == depth && fresh)
				*fresh = 1;
		}
		cur = next;
	}
	if (cur && (cur < fs->sb.s_first_data_block || cur >= fs->sb.s_blocks_count))
		return ext2_corrupt(fs, "block number out of range in a block map:", cur);
	*out = cur;
	return 0;
}

/* A file's own blocks are metadata (journaled, so revoked when freed) for a
 * directory and a slow symbolic link, data for everything else. */
static int ext2_leaf_meta(const struct vnode *vp)
{
	return S_ISDIR(vp->mode) || S_ISLNK(vp->mode);
}

/* Give a block back and take it off the file's count. */
static int ext2_bput(struct vnode *vp, uint32_t blk, int meta)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	int rc = ext2_block_free(fs, blk, meta);

	if (rc == 0 && vp->blocks >= fs->bsize / 512)
		vp->blocks -= fs->bsize / 512;
	return rc;
}

/*
 * In the tree under indirect block @p blk (its entries are data blocks at
 * depth 1), covering file blocks from @p base, free the blocks from file
 * block @p from on; *@p gone says whether @p blk itself was freed.
 */
static int ext2_free_tree(struct vnode *vp, uint32_t blk, int depth, uint64_t base, uint64_t from,
			  int *gone)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	uint64_t span = 1;
	uint32_t *e = mem_alloc(fs->bsize);
	int rc, changed = 0, kept = 0, cg;
	struct buf *b;

	*gone = 0;
	if (e == NULL)
		return -ENOMEM;
	for (int i = 1; i < depth; i++)
		span *= fs->apb;
	rc = ext2_bread(fs, blk, &b);
	if (rc == 0) {
		memcpy(e, b->data, fs->bsize);
		buf_release(b);
	}
	for (uint32_t i = 0; rc == 0 && i < fs->apb; i++) {
		uint64_t cb = base + i * span;

		if (e[i] == 0)
			continue;
		if (cb + span <= from) {
			kept = 1;
			continue;
		}
		cg = 1;
		if (depth == 1)
			rc = ext2_bput(vp, e[i], ext2_leaf_meta(vp));
		else
			rc = ext2_free_tree(vp, e[i], depth - 1, cb, from, &cg);
		if (rc == 0 && cg) {
			e[i] = 0;
			changed = 1;
		} else {
			kept = 1;
		}
	}
	if (rc == 0 && !kept) {
		rc = ext2_bput(vp, blk, 1);
		*gone = rc == 0;
	} else if (rc == 0 && changed) {
		rc = ext2_bread(fs, blk, &b);
		if (rc == 0) {
			memcpy(b->data, e, fs->bsize);
			ext2_meta_dirty(fs, b);
			buf_release(b);
		}
	}
	mem_free(e);
	return rc;
}

int ext2_bfree_from(struct vnode *vp, uint64_t from)
{
	struct ext2_node *n = EXT2_NODE(vp);
	uint64_t a = n->fs->apb, base = EXT2_NDIR_BLOCKS, span = a;
	int rc = 0, gone;

	for (uint64_t i = from; i < EXT2_NDIR_BLOCKS && rc == 0; i++) {
		if (n->block[i]) {
			rc = ext2_bput(vp, n->block[i], ext2_leaf_meta(vp));
			if (rc == 0)
				n->block[i] = 0;
		}
	}
	for (int d = 1; d <= 3 && rc == 0; d++) {
		uint32_t *slot = &n->block[EXT2_IND_BLOCK + d - 1];

		if (*slot && from < base + span) {
			rc = ext2_free_tree(vp, *slot, d, base, from, &gone);
			if (rc == 0 && gone)
				*slot = 0;
		}
		base += span;
		span *= a;
	}
	return rc;
}
