/*
 * The superblock and the group descriptors: reading and checking them at
 * mount, the feature policy, and writing the superblock back.
 *
 * Feature policy (the specification's meaning of the three masks):
 *   - INCOMPAT: only filetype and flex_bg (which only moves bitmaps and
 *     inode tables, read from the descriptors anyway) are understood;
 *     any other bit refuses the mount, naming the feature. RECOVER (a
 *     journal that needs replaying) is replayed at mount (ext2_journal.c).
 *   - RO_COMPAT: sparse_super and large_file are understood; any other
 *     bit (metadata_csum, gdt_csum, huge_file, dir_nlink, extra_isize...)
 *     means we could write what that feature's readers misread: the file
 *     system is mounted read-only, and the log says why.
 *   - COMPAT: fine. dir_index directories are read linearly (their index
 *     blocks look like empty entries) and lose EXT2_INDEX_FL when we change
 *     them; resize_inode's reserved blocks are in use in the bitmaps and
 *     inode 7 is never touched; has_journal: every metadata change goes
 *     through the journal (ext2_journal.c, ext2_tx.c, jbd.h).
 * The superblock must add up (sizes, counts, group layout) and every
 * descriptor must point inside the disk, or the mount fails with EUCLEAN.
 * A read-write mount without a journal clears EXT2_VALID_FS and counts the
 * mount; unmount puts the state back (ext2_super_unload), as e2fsck
 * expects. With a journal the state stays valid and needs_recovery marks
 * the mount instead.
 * Lock: the superblock copy and the descriptors change under ext2_fs::lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/buf.h>
#include <kern/fmt.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#include "ext2.h"

struct ext2_feature {
	uint32_t bit;
	const char *name;
};

static const struct ext2_feature ext2_incompat_names[] = {
	{ 0x0001, "compression" }, { 0x0008, "journal_dev" }, { 0x0010, "meta_bg" },
	{ 0x0040, "extents" },	   { 0x0080, "64bit" },	      { 0x0100, "mmp" },
	{ 0x0400, "ea_inode" },	   { 0x1000, "dirdata" },     { 0x2000, "metadata_csum_seed" },
	{ 0x4000, "large_dir" },   { 0x8000, "inline_data" }, { 0x10000, "encrypt" },
	{ 0x20000, "casefold" },
};

static const struct ext2_feature ext2_ro_names[] = {
	{ 0x0004, "btree_dir" }, { 0x0008, "huge_file" },     { 0x0010, "uninit_bg" },
	{ 0x0020, "dir_nlink" }, { 0x0040, "extra_isize" },   { 0x0100, "quota" },
	{ 0x0200, "bigalloc" },	 { 0x0400, "metadata_csum" }, { 0x0800, "replica" },
	{ 0x1000, "read-only" }, { 0x2000, "project" },	      { 0x4000, "shared_blocks" },
	{ 0x8000, "verity" },
};

#define EXT2_INCOMPAT_OK (EXT2_FEATURE_INCOMPAT_FILETYPE | EXT4_FEATURE_INCOMPAT_FLEX_BG)
#define EXT2_RO_OK	 (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

static const char *ext2_feature_name(const struct ext2_feature *t, size_t n, uint32_t bits)
{
	for (size_t i = 0; i < n; i++)
		if (bits & t[i].bit)
			return t[i].name;
	return "unknown";
}

int ext2_corrupt(struct ext2_fs *fs, const char *what, uint64_t n)
{
	pr_err("ext2: %s: corrupt file system: %s %llu\n", fs->name, what, (unsigned long long)n);
	return -EUCLEAN;
}

int ext2_bread(struct ext2_fs *fs, uint32_t blk, struct buf **bp)
{
	*bp = NULL;
	if (blk < fs->sb.s_first_data_block || blk >= fs->sb.s_blocks_count)
		return ext2_corrupt(fs, "block number out of range:", blk);
	return buf_read(&fs->dev, blk, bp) ? -EIO : 0;
}

int ext2_bzero(struct ext2_fs *fs, uint32_t blk, struct buf **bp)
{
	*bp = NULL;
	if (blk < fs->sb.s_first_data_block || blk >= fs->sb.s_blocks_count)
		return ext2_corrupt(fs, "block number out of range:", blk);
	if (buf_get(&fs->dev, blk, bp))
		return -EIO;
	memset((*bp)->data, 0, fs->bsize);
	return 0;
}

/* The block and offset of group @p g's descriptor. */
static uint32_t ext2_gd_where(struct ext2_fs *fs, uint32_t g, uint32_t *off)
{
	uint32_t per = fs->bsize / sizeof(struct ext2_group_desc);

	*off = (g % per) * (uint32_t)sizeof(struct ext2_group_desc);
	return fs->gdt_block + g / per;
}

int ext2_gd_get(struct ext2_fs *fs, uint32_t g, struct ext2_group_desc *gd)
{
	struct buf *b;
	uint32_t off, blk = ext2_gd_where(fs, g, &off);
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	memcpy(gd, (char *)b->data + off, sizeof(*gd));
	buf_release(b);
	return 0;
}

int ext2_gd_put(struct ext2_fs *fs, uint32_t g, const struct ext2_group_desc *gd)
{
	struct buf *b;
	uint32_t off, blk = ext2_gd_where(fs, g, &off);
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	memcpy((char *)b->data + off, gd, sizeof(*gd));
	ext2_meta_dirty(fs, b);
	buf_release(b);
	return 0;
}

int ext2_sb_write(struct ext2_fs *fs)
{
	uint32_t blk = EXT2_SB_OFFSET / fs->bsize, off = EXT2_SB_OFFSET % fs->bsize;
	struct buf *b;

	if (buf_read(&fs->dev, blk, &b))
		return -EIO;
	memcpy((char *)b->data + off, &fs->sb, sizeof(fs->sb));
	ext2_meta_dirty(fs, b);
	buf_release(b);
	return 0;
}

/* Read the superblock with the device layer (the block size is not known yet). */
static int ext2_sb_read_raw(struct blkdev *bd, struct ext2_super *sb)
{
	static uint8_t raw[4096]; /* under ext2_raw_lock */
	static struct mutex ext2_raw_lock = MUTEX_INIT("ext2 raw");
	uint32_t ss = bd->sector_size;
	int rc;

	if (ss == 0 || ss > 1024 || 1024 % ss != 0 || bd->sectors < (2048 + ss - 1) / ss)
		return -EINVAL;
	mutex_lock(&ext2_raw_lock);
	rc = blkdev_rw(bd, EXT2_SB_OFFSET / ss, raw, 1024 / ss, 0);
	if (rc == 0)
		memcpy(sb, raw, sizeof(*sb));
	mutex_unlock(&ext2_raw_lock);
	if (rc)
		return -EIO;
	return sb->s_magic == EXT2_MAGIC ? 0 : -EINVAL;
}

/* Feature policy (see the top); sets fs->ro for an unknown read-only-compatible feature. */
static int ext2_features(struct ext2_fs *fs)
{
	const struct ext2_super *sb = &fs->sb;
	uint32_t inc, ro;

	if (sb->s_rev_level == 0)
		return 0;
	inc =
	    sb->s_feature_incompat & ~(uint32_t)(EXT2_INCOMPAT_OK | EXT3_FEATURE_INCOMPAT_RECOVER);
	if (inc) {
		pr_err("ext2: %s: unsupported feature '%s'; not mounted\n", fs->name,
		       ext2_feature_name(
			   ext2_incompat_names,
			   sizeof(ext2_incompat_names) / sizeof(ext2_incompat_names[0]), inc));
		return -EINVAL;
	}
	if ((sb->s_feature_incompat & EXT3_FEATURE_INCOMPAT_RECOVER) &&
	    !(sb->s_feature_compat & EXT3_FEATURE_COMPAT_HAS_JOURNAL)) {
		pr_err("ext2: %s: needs recovery but has no journal; run e2fsck\n", fs->name);
		return -EUCLEAN;
	}
	ro = sb->s_feature_ro_compat & ~(uint32_t)EXT2_RO_OK;
	if (ro && !fs->ro) {
		printk("ext2: %s: feature '%s' is not supported for writing; mounted read-only\n",
		       fs->name,
		       ext2_feature_name(ext2_ro_names,
					 sizeof(ext2_ro_names) / sizeof(ext2_ro_names[0]), ro));
		fs->ro = 1;
	}
	return 0;
}

/* Sizes and counts that must add up; fills the derived fields. */
static int ext2_geometry(struct ext2_fs *fs, uint64_t dev_bytes)
{
	struct ext2_super *sb = &fs->sb;
	uint64_t groups;

	if (sb->s_log_block_size > 2 || sb->s_rev_level > 1)
		return ext2_corrupt(fs, "block size or revision", sb->s_log_block_size);
	fs->bsize = 1024u << sb->s_log_block_size;
	fs->apb = fs->bsize / 4;
	fs->isize = sb->s_rev_level ? sb->s_inode_size : EXT2_GOOD_OLD_INODE_SIZE;
	fs->first_ino = sb->s_rev_level ? sb->s_first_ino : 11;
	if (fs->isize < EXT2_GOOD_OLD_INODE_SIZE || fs->isize > fs->bsize ||
	    (fs->isize & (fs->isize - 1)))
		return ext2_corrupt(fs, "inode size", fs->isize);
	if (sb->s_first_data_block != (fs->bsize == 1024 ? 1u : 0u) ||
	    sb->s_blocks_per_group == 0 || sb->s_blocks_per_group > 8 * fs->bsize ||
	    sb->s_inodes_per_group == 0 || sb->s_inodes_per_group > 8 * fs->bsize ||
	    sb->s_blocks_count <= sb->s_first_data_block ||
	    (uint64_t)sb->s_blocks_count * fs->bsize > dev_bytes)
		return ext2_corrupt(fs, "superblock geometry, blocks", sb->s_blocks_count);
	groups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) /
		 sb->s_blocks_per_group;
	if (groups * sb->s_inodes_per_group != sb->s_inodes_count ||
	    fs->first_ino <= EXT2_ROOT_INO || fs->first_ino >= sb->s_inodes_count)
		return ext2_corrupt(fs, "superblock inode count", sb->s_inodes_count);
	fs->ngroups = (uint32_t)groups;
	fs->gdt_block = sb->s_first_data_block + 1;
	if (fs->gdt_block + (groups * 32 + fs->bsize - 1) / fs->bsize > sb->s_blocks_count)
		return ext2_corrupt(fs, "group descriptor table size", groups);
	return 0;
}

/* One descriptor: its blocks inside the disk, its counts possible. */
static int ext2_gd_check(struct ext2_fs *fs, uint32_t g, const struct ext2_group_desc *gd)
{
	const struct ext2_super *sb = &fs->sb;
	uint32_t itb = (sb->s_inodes_per_group * fs->isize + fs->bsize - 1) / fs->bsize;
	uint32_t lo = sb->s_first_data_block, hi = sb->s_blocks_count;

	if (gd->bg_block_bitmap < lo || gd->bg_block_bitmap >= hi || gd->bg_inode_bitmap < lo ||
	    gd->bg_inode_bitmap >= hi || gd->bg_inode_table < lo || gd->bg_inode_table >= hi ||
	    itb > hi - gd->bg_inode_table || gd->bg_free_blocks_count > sb->s_blocks_per_group ||
	    gd->bg_free_inodes_count > sb->s_inodes_per_group)
		return ext2_corrupt(fs, "bad group descriptor", g);
	return 0;
}

/* Check every descriptor and take the free counts from them (as e2fsck counts). */
static int ext2_gd_load(struct ext2_fs *fs)
{
	uint64_t fb = 0, fi = 0;
	struct ext2_group_desc gd;
	int rc;

	mem_free(fs->itable);
	fs->itable = mem_alloc((size_t)fs->ngroups * sizeof(uint32_t));
	if (fs->itable == NULL)
		return -ENOMEM;
	for (uint32_t g = 0; g < fs->ngroups; g++) {
		rc = ext2_gd_get(fs, g, &gd);
		if (rc == 0)
			rc = ext2_gd_check(fs, g, &gd);
		if (rc)
			return rc;
		fs->itable[g] = gd.bg_inode_table;
		fb += gd.bg_free_blocks_count;
		fi += gd.bg_free_inodes_count;
	}
	if (fb > fs->sb.s_blocks_count || fi > fs->sb.s_inodes_count)
		return ext2_corrupt(fs, "free counts of the groups", fb);
	fs->sb.s_free_blocks_count = (uint32_t)fb;
	fs->sb.s_free_inodes_count = (uint32_t)fi;
	return 0;
}

/* A read-write mount: not clean until unmount, one more mount. */
static int ext2_mark_mounted(struct ext2_fs *fs)
{
	struct ext2_super *sb = &fs->sb;

	if (!(sb->s_state & EXT2_VALID_FS))
		printk("ext2: %s: was not cleanly unmounted; running e2fsck is recommended\n",
		       fs->name);
	if (sb->s_max_mnt_count > 0 && sb->s_mnt_count >= (uint16_t)sb->s_max_mnt_count)
		printk("ext2: %s: maximal mount count reached; running e2fsck is recommended\n",
		       fs->name);
	if (fs->jbd == NULL)
		sb->s_state &= (uint16_t)~EXT2_VALID_FS;
	sb->s_mnt_count++;
	sb->s_mtime = (uint32_t)(vfs_now() / 1000000000ULL);
	ext2_tx_begin(fs);
	ext2_sb_write(fs);
	ext2_tx_end(fs);
	return buf_sync(&fs->dev) ? -EIO : 0;
}

/* The superblock again after a replay, checked as at first (the device stays). */
static int ext2_sb_reread(struct ext2_fs *fs, struct blkdev *bd)
{
	int ro = fs->ro;
	int rc = ext2_sb_read_raw(bd, &fs->sb);

	if (rc == 0)
		rc = ext2_geometry(fs, bd->sectors * bd->sector_size);
	if (rc == 0)
		rc = ext2_features(fs);
	if (rc == 0 && fs->bsize != fs->dev.block_size)
		rc = ext2_corrupt(fs, "block size changed by the journal replay", fs->bsize);
	fs->ro |= ro;
	return rc;
}

int ext2_super_load(struct ext2_fs *fs, const char *dev, unsigned flags)
{
	struct blkdev *bd;
	int rc;

	if (strncmp(dev, "/dev/", 5) == 0)
		dev += 5;
	memcpy(fs->name, dev, strnlen(dev, sizeof(fs->name) - 1));
	bd = blkdev_find(dev);
	if (bd == NULL)
		return -ENODEV;
	rc = ext2_sb_read_raw(bd, &fs->sb);
	if (rc)
		return rc;
	fs->ro = (flags & MS_RDONLY) != 0;
	rc = ext2_geometry(fs, bd->sectors * bd->sector_size);
	if (rc == 0)
		rc = ext2_features(fs);
	if (rc == 0)
		rc = blkdev_buf_init(&fs->dev, bd, fs->bsize);
	if (rc == 0)
		rc = ext2_journal_open(fs);
	if (rc > 0) /* replayed: the superblock may have changed with the rest */
		rc = ext2_sb_reread(fs, bd);
	if (rc == 0)
		rc = ext2_gd_load(fs);
	fs->state = fs->sb.s_state;
	if (rc == 0 && (fs->sb.s_state & EXT2_ERROR_FS) && !fs->ro) {
		printk("ext2: %s: has errors; mounted read-only (run e2fsck)\n", fs->name);
		fs->ro = 1;
	}
	if (rc == 0)
		rc = ext2_journal_start(fs);
	if (rc == 0 && !fs->ro)
		rc = ext2_mark_mounted(fs);
	if (rc && fs->jbd)
		ext2_journal_close(fs);
	if (rc && fs->dev.rw) {
		buf_invalidate(&fs->dev);
		fs->dev.rw = NULL;
	}
	return rc;
}

int ext2_probe(const char *dev, struct vfs_probe *out)
{
	struct ext2_super sb;
	struct blkdev *bd = blkdev_find(dev);
	int rc;

	if (bd == NULL)
		return -ENODEV;
	rc = ext2_sb_read_raw(bd, &sb);
	if (rc)
		return rc;
	memcpy(out->uuid, sb.s_uuid, sizeof(out->uuid));
	memcpy(out->label, sb.s_volume_name, sizeof(sb.s_volume_name));
	out->label[sizeof(sb.s_volume_name)] = '\0';
	fmt_snprintf(out->desc, sizeof(out->desc), "ext2, %u-byte blocks",
		     sb.s_log_block_size <= 2 ? 1024u << sb.s_log_block_size : 0);
	return 0;
}
