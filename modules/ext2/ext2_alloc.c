/*
 * Block and inode allocation: the bitmaps, the free counts of the group
 * descriptors and of the superblock. Everything here runs under
 * ext2_fs::lock, holding one buffer at a time (descriptor, then bitmap,
 * then descriptor again, then the superblock).
 *
 * A block goes near a goal (the file's last block, or its inode's group),
 * searching its group's bitmap from there, then the following groups; an
 * inode goes into its parent's group or the first one after it with a
 * free inode. A bit the bitmap says is free but that holds a bitmap or the
 * inode table, a block freed twice or an inode out of range are
 * corruption (EUCLEAN), never a silent overwrite.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/cred.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "ext2.h"

/* Bits of group @p g's block bitmap that are blocks (the last group is short). */
static uint32_t ext2_group_blocks(struct ext2_fs *fs, uint32_t g)
{
	uint32_t first = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - first;

	return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* A clear bit below @p nbits, from @p start on, then from 0; -1 if none. */
static long ext2_bit_find(const uint8_t *map, uint32_t nbits, uint32_t start)
{
	for (int pass = 0; pass < 2; pass++) {
		uint32_t from = pass ? 0 : start, to = pass ? start : nbits;

		for (uint32_t i = from; i < to;) {
			uint64_t w;

			if ((i & 63) == 0 && i + 64 <= to) {
				memcpy(&w, map + (i >> 3), 8);
				if (w == UINT64_MAX) { /* 64 taken at once */
					i += 64;
					continue;
				}
			}
			if ((i & 7) == 0 && i + 8 <= to && map[i >> 3] == 0xff) {
				i += 8;
				continue;
			}
			if (!(map[i >> 3] & (1u << (i & 7))))
				return i;
			i++;
		}
	}
	return -1;
}

/* A clear bit from @p start on (wrapping) whose block (@p base + bit) was not
 * freed by a transaction still uncommitted; -1 if none. No base: EXT2_NO_BASE. */
#define EXT2_NO_BASE UINT32_MAX
static long ext2_bit_find_usable(struct ext2_fs *fs, const uint8_t *map, uint32_t nbits,
				 uint32_t start, uint32_t base)
{
	long bit = ext2_bit_find(map, nbits, start);

	for (uint32_t tries = 0; bit >= 0 && base != EXT2_NO_BASE; tries++) {
		if (!ext2_pend_busy(fs, base + (uint32_t)bit))
			break;
		if (tries >= nbits)
			return -1;
		bit = ext2_bit_find(map, nbits, (uint32_t)bit + 1 < nbits ? (uint32_t)bit + 1 : 0);
	}
	return bit;
}

/* Take a clear bit of the bitmap in block @p blk (of blocks from @p base, or
 * inodes: EXT2_NO_BASE). @return the bit, -ENOSPC, -EIO... */
static long ext2_bitmap_take(struct ext2_fs *fs, uint32_t blk, uint32_t nbits, uint32_t start,
			     uint32_t base)
{
	struct buf *b;
	long bit;
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	bit = ext2_bit_find_usable(fs, b->data, nbits, start < nbits ? start : 0, base);
	if (bit >= 0) {
		((uint8_t *)b->data)[bit >> 3] |= (uint8_t)(1u << (bit & 7));
		ext2_meta_dirty(fs, b);
	}
	buf_release(b);
	return bit >= 0 ? bit : -ENOSPC;
}

/* Clear bit @p bit of the bitmap in @p blk; -EUCLEAN if it was clear. */
static int ext2_bitmap_clear(struct ext2_fs *fs, uint32_t blk, uint32_t bit, const char *what,
			     uint64_t n)
{
	struct buf *b;
	uint8_t *p;
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	p = (uint8_t *)b->data + (bit >> 3);
	if (!(*p & (1u << (bit & 7)))) {
		buf_release(b);
		return ext2_corrupt(fs, what, n);
	}
	*p &= (uint8_t) ~(1u << (bit & 7));
	ext2_meta_dirty(fs, b);
	buf_release(b);
	return 0;
}

static int ext2_is_group_meta(struct ext2_fs *fs, const struct ext2_group_desc *gd, uint32_t blk)
{
	uint32_t itb = (fs->sb.s_inodes_per_group * fs->isize + fs->bsize - 1) / fs->bsize;

	return blk == gd->bg_block_bitmap || blk == gd->bg_inode_bitmap ||
	       (blk >= gd->bg_inode_table && blk - gd->bg_inode_table < itb);
}

/* Try group @p g for a block; 0 with *out, -ENOSPC for a full group, another error. */
static int ext2_block_alloc_in(struct ext2_fs *fs, uint32_t g, uint32_t start, uint32_t *out)
{
	struct ext2_group_desc gd;
	uint32_t blk;
	long bit;
	int rc = ext2_gd_get(fs, g, &gd);

	if (rc)
		return rc;
	if (gd.bg_free_blocks_count == 0)
		return -ENOSPC;
	bit = ext2_bitmap_take(fs, gd.bg_block_bitmap, ext2_group_blocks(fs, g), start,
			       fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group);
	if (bit < 0)
		return (int)bit;
	blk = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group + (uint32_t)bit;
	if (ext2_is_group_meta(fs, &gd, blk))
		return ext2_corrupt(fs, "block bitmap says free a metadata block", blk);
	gd.bg_free_blocks_count--;
	rc = ext2_gd_put(fs, g, &gd);
	if (rc)
		return rc;
	fs->sb.s_free_blocks_count--;
	*out = blk;
	return ext2_sb_write(fs);
}

/* May the caller take the blocks reserved for root (s_r_blocks_count)?
 * Root, the reserved uid or gid (s_def_resuid/resgid), and the kernel's
 * own threads (the journal, the page flusher) may. fs locked. */
static int ext2_may_use_reserve(const struct ext2_fs *fs)
{
	const struct cred *c = kern_cred_current();

	return c == NULL || c->euid == 0 || c->euid == fs->sb.s_def_resuid ||
	       c->egid == fs->sb.s_def_resgid;
}

int ext2_block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out)
{
	uint32_t bpg = fs->sb.s_blocks_per_group, g0 = 0, start = 0;
	int rc = -ENOSPC;

	if (goal >= fs->sb.s_first_data_block && goal < fs->sb.s_blocks_count) {
		g0 = (goal - fs->sb.s_first_data_block) / bpg;
		start = (goal - fs->sb.s_first_data_block) % bpg;
	}
	mutex_lock(&fs->lock);
	if (fs->sb.s_free_blocks_count <= fs->sb.s_r_blocks_count && !ext2_may_use_reserve(fs)) {
		mutex_unlock(&fs->lock);
		return -ENOSPC; /* what is left is root's */
	}
	for (uint32_t i = 0; i < fs->ngroups && fs->sb.s_free_blocks_count; i++) {
		rc = ext2_block_alloc_in(fs, (g0 + i) % fs->ngroups, i ? 0 : start, out);
		if (rc != -ENOSPC)
			break;
	}
	mutex_unlock(&fs->lock);
	return rc;
}

int ext2_block_free(struct ext2_fs *fs, uint32_t blk, int meta)
{
	struct ext2_group_desc gd;
	uint32_t g, bit;
	int rc;

	if (blk < fs->sb.s_first_data_block || blk >= fs->sb.s_blocks_count)
		return ext2_corrupt(fs, "freeing a block out of range:", blk);
	g = (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
	bit = (blk - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
	mutex_lock(&fs->lock);
	rc = ext2_gd_get(fs, g, &gd);
	if (rc == 0 && ext2_is_group_meta(fs, &gd, blk))
		rc = ext2_corrupt(fs, "freeing a metadata block:", blk);
	if (rc == 0)
		rc = ext2_bitmap_clear(fs, gd.bg_block_bitmap, bit, "freeing a free block:", blk);
	if (rc == 0) {
		gd.bg_free_blocks_count++;
		rc = ext2_gd_put(fs, g, &gd);
	}
	if (rc == 0) {
		fs->sb.s_free_blocks_count++;
		ext2_pend_add(fs, blk); /* not to be used again before this commits */
		rc = ext2_sb_write(fs);
	}
	mutex_unlock(&fs->lock);
	if (rc == 0 && meta)
		ext2_meta_forget(fs, blk);
	return rc;
}

static int ext2_inode_alloc_in(struct ext2_fs *fs, uint32_t g, int dir, uint32_t *out)
{
	struct ext2_group_desc gd;
	uint32_t ino;
	long bit;
	int rc = ext2_gd_get(fs, g, &gd);

	if (rc)
		return rc;
	if (gd.bg_free_inodes_count == 0)
		return -ENOSPC;
	bit = ext2_bitmap_take(fs, gd.bg_inode_bitmap, fs->sb.s_inodes_per_group, 0, EXT2_NO_BASE);
	if (bit < 0)
		return (int)bit;
	ino = g * fs->sb.s_inodes_per_group + (uint32_t)bit + 1;
	if (ino < fs->first_ino)
		return ext2_corrupt(fs, "inode bitmap says free a reserved inode", ino);
	gd.bg_free_inodes_count--;
	if (dir)
		gd.bg_used_dirs_count++;
	rc = ext2_gd_put(fs, g, &gd);
	if (rc)
		return rc;
	fs->sb.s_free_inodes_count--;
	*out = ino;
	return ext2_sb_write(fs);
}

int ext2_inode_alloc(struct ext2_fs *fs, uint32_t parent, int dir, uint32_t *out)
{
	uint32_t g0 = parent ? (parent - 1) / fs->sb.s_inodes_per_group : 0;
	int rc = -ENOSPC;

	if (g0 >= fs->ngroups)
		g0 = 0;
	mutex_lock(&fs->lock);
	for (uint32_t i = 0; i < fs->ngroups && fs->sb.s_free_inodes_count; i++) {
		rc = ext2_inode_alloc_in(fs, (g0 + i) % fs->ngroups, dir, out);
		if (rc != -ENOSPC)
			break;
	}
	mutex_unlock(&fs->lock);
	return rc;
}

int ext2_inode_free(struct ext2_fs *fs, uint32_t ino, int dir)
{
	struct ext2_group_desc gd;
	uint32_t g, bit;
	int rc;

	if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
		return ext2_corrupt(fs, "freeing an inode out of range:", ino);
	g = (ino - 1) / fs->sb.s_inodes_per_group;
	bit = (ino - 1) % fs->sb.s_inodes_per_group;
	mutex_lock(&fs->lock);
	rc = ext2_gd_get(fs, g, &gd);
	if (rc == 0)
		rc = ext2_bitmap_clear(fs, gd.bg_inode_bitmap, bit, "freeing a free inode:", ino);
	if (rc == 0) {
		gd.bg_free_inodes_count++;
		if (dir && gd.bg_used_dirs_count)
			gd.bg_used_dirs_count--;
		rc = ext2_gd_put(fs, g, &gd);
	}
	if (rc == 0) {
		fs->sb.s_free_inodes_count++;
		rc = ext2_sb_write(fs);
	}
	mutex_unlock(&fs->lock);
	return rc;
}
