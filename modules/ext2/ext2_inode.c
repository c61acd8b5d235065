/*
 * Inodes in memory: the hash of vnodes by inode number (one inode, one
 * vnode), reading an inode into a vnode and writing a vnode back, and the
 * end of a file (reclaim: its blocks and its inode freed at the last
 * close of a file without names).
 *
 * The vnode is the in-memory truth of the attributes; an inode is written
 * when ext2 changes it (create, link, unlink, block map) and for the rest
 * (the times the VFS sets on read and write, chmod...) at setattr, fsync,
 * sync and unmount. A write that would change nothing leaves the buffer
 * clean. Unreferenced vnodes stay cached until unmount (no shrinking yet).
 *
 * Locks: the hash under ext2_fs::lock; an inode's fields under its vnode's
 * lock (a new vnode nobody else sees needs none). Every lookup of the hash
 * runs under vfs_ns_lock (lookup, create, parent), and a vnode being
 * reclaimed has no name, so no lookup can find it while reclaim runs;
 * sync (also under vfs_ns_lock) skips such vnodes for the same reason.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "ext2.h"

#define EXT2_NS 1000000000ULL

/* The block and offset of inode @p ino. */
static int ext2_iloc(struct ext2_fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
	uint32_t idx, g, table;
	struct ext2_group_desc gd;

	if (ino == 0 || ino > fs->sb.s_inodes_count)
		return ext2_corrupt(fs, "inode number out of range:", ino);
	idx = (ino - 1) % fs->sb.s_inodes_per_group;
	g = (ino - 1) / fs->sb.s_inodes_per_group;
	if (fs->itable != NULL) { /* the inode tables do not move: read (and checked) at mount */
		table = fs->itable[g];
	} else { /* the journal's inode, read before the descriptors are loaded */
		int rc = ext2_gd_get(fs, g, &gd);

		if (rc)
			return rc;
		table = gd.bg_inode_table;
	}
	*blk = table + (uint32_t)((uint64_t)idx * fs->isize / fs->bsize);
	*off = (uint32_t)((uint64_t)idx * fs->isize % fs->bsize);
	return 0;
}

/* Bytes of the inode past 128 we read and write (the extra times). */
static size_t ext2_extra_len(struct ext2_fs *fs)
{
	return fs->isize > EXT2_GOOD_OLD_INODE_SIZE ? sizeof(struct ext2_inode_extra) : 0;
}

static uint64_t ext2_time_in(uint32_t s, const struct ext2_inode_extra *x, size_t fld)
{
	uint64_t t = (uint64_t)s, extra;

	if (x == NULL || x->i_extra_isize < fld + 4)
		return t * EXT2_NS;
	extra = fld == 4 ? x->i_ctime_extra : fld == 8 ? x->i_mtime_extra : x->i_atime_extra;
	t = (uint64_t)(int64_t)(int32_t)s + ((extra & 3) << 32);
	return t * EXT2_NS + ((extra >> 2) % EXT2_NS);
}

static uint64_t ext2_rdev_in(const uint32_t *blk)
{
	uint32_t ma, mi, d;

	if (blk[0]) {
		ma = (blk[0] >> 8) & 0xff;
		mi = blk[0] & 0xff;
	} else {
		d = blk[1];
		ma = (d & 0xfff00) >> 8;
		mi = (d & 0xff) | ((d >> 12) & 0xfff00);
	}
	return (((uint64_t)ma & 0xfffff000u) << 32) | (((uint64_t)ma & 0xfffu) << 8) |
	       (((uint64_t)mi & 0xffffff00u) << 12) | ((uint64_t)mi & 0xffu);
}

static void ext2_rdev_out(uint64_t rdev, uint32_t *blk)
{
	uint32_t ma = (uint32_t)(((rdev >> 8) & 0xfff) | ((rdev >> 32) & ~0xfffULL));
	uint32_t mi = (uint32_t)((rdev & 0xff) | ((rdev >> 12) & ~0xffULL));

	if (ma < 256 && mi < 256) {
		blk[0] = (ma << 8) | mi;
		blk[1] = 0;
	} else {
		blk[0] = 0;
		blk[1] = (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
	}
	blk[2] = 0;
}

static int ext2_mode_ok(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
	case S_IFDIR:
	case S_IFLNK:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 1;
	default:
		return 0;
	}
}

/* Fill a fresh vnode and its node from the disk inode. */
static int ext2_iload(struct ext2_fs *fs, struct vnode *vp, const struct ext2_inode *di,
		      const struct ext2_inode_extra *x)
{
	struct ext2_node *n = EXT2_NODE(vp);

	if (!ext2_mode_ok(di->i_mode) || (di->i_links_count == 0 && !fs->orphan_scan) ||
	    (di->i_flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL)))
		return ext2_corrupt(fs, "bad inode (mode, links or flags):", n->ino);
	if (di->i_links_count == 0) { /* an orphan: i_dtime links the list */
		n->orphan = 1;
		n->orphan_next = di->i_dtime;
	}
	vp->mode = di->i_mode;
	vp->uid = di->i_uid | ((uint32_t)di->i_uid_high << 16);
	vp->gid = di->i_gid | ((uint32_t)di->i_gid_high << 16);
	vp->size = di->i_size;
	if (S_ISREG(vp->mode))
		vp->size |= (uint64_t)di->i_size_high << 32;
	vp->nlink = di->i_links_count;
	vp->blocks = di->i_blocks;
	vp->atime = ext2_time_in(di->i_atime, x, 12);
	vp->mtime = ext2_time_in(di->i_mtime, x, 8);
	vp->ctime = ext2_time_in(di->i_ctime, x, 4);
	memcpy(n->block, di->i_block, sizeof(n->block));
	n->flags = di->i_flags;
	n->file_acl = di->i_file_acl;
	if (S_ISCHR(vp->mode) || S_ISBLK(vp->mode))
		vp->rdev = ext2_rdev_in(di->i_block);
	if ((uint64_t)di->i_blocks * 512 > (uint64_t)fs->sb.s_blocks_count * fs->bsize)
		return ext2_corrupt(fs, "inode holds more blocks than the disk has:", n->ino);
	/* A directory has no holes: its size is bounded by the blocks it holds. */
	if (S_ISDIR(vp->mode) && (vp->size % fs->bsize || vp->size > (uint64_t)di->i_blocks * 512))
		return ext2_corrupt(fs, "bad directory size in inode", n->ino);
	return 0;
}

static struct vnode *ext2_hash_find(struct ext2_fs *fs, uint32_t ino)
{
	struct list_node *pos, *tmp;

	list_for_each_safe(pos, tmp, &fs->hash[ino % EXT2_HASH])
	{
		struct ext2_node *n = list_entry(pos, struct ext2_node, hash);

		if (n->ino == ino)
			return n->vp;
	}
	return NULL;
}

/* A vnode for inode @p ino with its node, not in the hash yet. */
static struct vnode *ext2_vnode_new(struct ext2_fs *fs, uint32_t ino, unsigned mode)
{
	struct ext2_node *n = mem_zalloc(sizeof(*n));
	struct vnode *vp = n ? vfs_vnode_alloc(fs->mp, &ext2_vnode_ops, mode) : NULL;

	if (vp == NULL) {
		mem_free(n);
		return NULL;
	}
	n->vp = vp;
	n->fs = fs;
	n->ino = ino;
	list_init(&n->hash);
	vp->data = n;
	vp->ino = ino;
	return vp;
}

/* Free a vnode that never had a name and is not in the hash. */
static void ext2_vnode_drop(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);

	vp->nlink = 0;
	n->fs = NULL; /* reclaim: nothing on the disk */
	vfs_vrele(vp);
}

/* Put @p vp in the hash unless another thread put that inode there first. */
static struct vnode *ext2_hash_add(struct ext2_fs *fs, struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct vnode *old;

	mutex_lock(&fs->lock);
	old = ext2_hash_find(fs, n->ino);
	if (old)
		vfs_vref(old);
	else
		list_add_tail(&fs->hash[n->ino % EXT2_HASH], &n->hash);
	mutex_unlock(&fs->lock);
	if (old)
		ext2_vnode_drop(vp);
	return old ? old : vp;
}

int ext2_iget(struct ext2_fs *fs, uint32_t ino, struct vnode **out)
{
	uint8_t raw[sizeof(struct ext2_inode) + sizeof(struct ext2_inode_extra)] = { 0 };
	struct vnode *vp;
	struct buf *b;
	uint32_t blk, off;
	int rc;

	*out = NULL;
	mutex_lock(&fs->lock);
	vp = ext2_hash_find(fs, ino);
	if (vp)
		vfs_vref(vp);
	mutex_unlock(&fs->lock);
	if (vp) {
		*out = vp;
		return 0;
	}
	if (ino < fs->first_ino && ino != EXT2_ROOT_INO && ino != fs->sb.s_journal_inum)
		return ext2_corrupt(fs, "a directory names a reserved inode:", ino);
	rc = ext2_iloc(fs, ino, &blk, &off);
	if (rc == 0)
		rc = ext2_bread(fs, blk, &b);
	if (rc)
		return rc;
	memcpy(raw, (char *)b->data + off, sizeof(struct ext2_inode) + ext2_extra_len(fs));
	buf_release(b);
	vp = ext2_vnode_new(fs, ino, 0);
	if (vp == NULL)
		return -ENOMEM;
	rc = ext2_iload(fs, vp, (struct ext2_inode *)raw,
			ext2_extra_len(fs) ? (struct ext2_inode_extra *)(raw + 128) : NULL);
	if (rc) {
		ext2_vnode_drop(vp);
		return rc;
	}
	*out = ext2_hash_add(fs, vp);
	return 0;
}

int ext2_iset_dtime(struct ext2_fs *fs, uint32_t ino, uint32_t dtime)
{
	uint32_t blk, off;
	struct buf *b;
	int rc = ext2_iloc(fs, ino, &blk, &off);

	if (rc == 0)
		rc = ext2_bread(fs, blk, &b);
	if (rc)
		return rc;
	((struct ext2_inode *)((char *)b->data + off))->i_dtime = dtime;
	ext2_meta_dirty(fs, b);
	buf_release(b);
	return 0;
}

int ext2_inew(struct ext2_fs *fs, uint32_t ino, unsigned mode, struct vnode **out)
{
	struct vnode *vp = ext2_vnode_new(fs, ino, mode);
	uint32_t blk, off;
	struct buf *b;
	int rc;

	*out = NULL;
	if (vp == NULL)
		return -ENOMEM;
	rc = ext2_iloc(fs, ino, &blk, &off);
	if (rc == 0)
		rc = ext2_bread(fs, blk, &b);
	if (rc) {
		ext2_vnode_drop(vp);
		return rc;
	}
	memset((char *)b->data + off, 0, fs->isize);
	ext2_meta_dirty(fs, b);
	buf_release(b);
	EXT2_NODE(vp)->goal = 0;
	*out = ext2_hash_add(fs, vp);
	return 0;
}

static void ext2_time_out(uint64_t ns, uint32_t *s, uint32_t *extra)
{
	uint64_t sec = ns / EXT2_NS;

	*s = (uint32_t)sec;
	*extra = (uint32_t)(((ns % EXT2_NS) << 2) |
			    (((sec - (uint64_t)(int64_t)(int32_t)*s) >> 32) & 3));
}

/* The disk inode @p di from the vnode (fields not ours stay as they are). */
static void ext2_istore(struct vnode *vp, struct ext2_inode *di, struct ext2_inode_extra *x)
{
	struct ext2_node *n = EXT2_NODE(vp);
	uint32_t ce, me, ae;

	di->i_mode = (uint16_t)vp->mode;
	di->i_uid = (uint16_t)vp->uid;
	di->i_uid_high = (uint16_t)(vp->uid >> 16);
	di->i_gid = (uint16_t)vp->gid;
	di->i_gid_high = (uint16_t)(vp->gid >> 16);
	di->i_size = (uint32_t)vp->size;
	if (S_ISREG(vp->mode))
		di->i_size_high = (uint32_t)(vp->size >> 32);
	di->i_links_count = (uint16_t)vp->nlink;
	di->i_blocks = (uint32_t)vp->blocks;
	ext2_time_out(vp->atime, &di->i_atime, &ae);
	ext2_time_out(vp->mtime, &di->i_mtime, &me);
	ext2_time_out(vp->ctime, &di->i_ctime, &ce);
	if (x && x->i_extra_isize >= 16) {
		x->i_ctime_extra = ce;
		x->i_mtime_extra = me;
		x->i_atime_extra = ae;
	}
	memcpy(di->i_block, n->block, sizeof(n->block));
	if (S_ISCHR(vp->mode) || S_ISBLK(vp->mode))
		ext2_rdev_out(vp->rdev, di->i_block);
	di->i_flags = n->flags;
	di->i_file_acl = n->file_acl;
	di->i_dtime = 0;
	if (n->orphan) {
		di->i_dtime = n->orphan_next; /* the orphan list's link */
	} else if (vp->nlink == 0) {
		/* A deleted inode has a time; one below the inode count would read as an
		 * orphan-list link (a machine whose clock is not set). */
		di->i_dtime = (uint32_t)(vfs_now() / EXT2_NS);
		if (di->i_dtime <= n->fs->sb.s_inodes_count)
			di->i_dtime = n->fs->sb.s_inodes_count + 1;
	}
}

int ext2_iwrite(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	uint8_t raw[sizeof(struct ext2_inode) + sizeof(struct ext2_inode_extra)];
	size_t len = sizeof(struct ext2_inode) + ext2_extra_len(fs);
	uint32_t blk, off;
	struct buf *b;
	int rc;

	if (fs->ro)
		return 0;
	rc = ext2_iloc(fs, n->ino, &blk, &off);
	if (rc == 0)
		rc = ext2_bread(fs, blk, &b);
	if (rc)
		return rc;
	memcpy(raw, (char *)b->data + off, len);
	ext2_istore(vp, (struct ext2_inode *)raw,
		    ext2_extra_len(fs) ? (struct ext2_inode_extra *)(raw + 128) : NULL);
	if (memcmp(raw, (char *)b->data + off, len) != 0) {
		memcpy((char *)b->data + off, raw, len);
		ext2_meta_dirty(fs, b);
	}
	buf_release(b);
	return 0;
}
