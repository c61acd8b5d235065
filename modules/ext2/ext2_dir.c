/*
 * Directories: a directory's blocks are lists of entries (inode, rec_len,
 * name_len, file_type, name), each rec_len bytes long (a multiple of 4,
 * at least what its name needs, never across a block), the last running
 * to the end of its block; inode 0 is an unused entry. Lookup, add,
 * remove, readdir and the emptiness test read them linearly: a dir_index
 * (hash tree) directory reads the same way, its index blocks looking like
 * unused entries, and loses EXT2_INDEX_FL when we change it, so that no
 * stale index is trusted.
 *
 * Every directory operation runs under vfs_ns_lock; a change also takes
 * the directory's vnode lock (its size and block map), one buffer at a
 * time. A bad entry is corruption (EUCLEAN, logged with the inode and
 * block), never a loop: each walk moves forward by at least 8 bytes.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "ext2.h"

/* The entry at @p o of a block, or NULL (and a log line) if it breaks the rules. */
static inline struct ext2_dirent *ext2_de_at(struct vnode *dvp, uint8_t *blk, uint32_t o)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_dirent *de = (struct ext2_dirent *)(blk + o);

	if (o + 8 > fs->bsize || de->rec_len < 8 || (de->rec_len & 3) ||
	    de->rec_len > fs->bsize - o || (uint32_t)de->name_len + 8 > de->rec_len ||
	    de->inode > fs->sb.s_inodes_count) {
		ext2_corrupt(fs, "bad directory entry in inode", EXT2_NODE(dvp)->ino);
		return NULL;
	}
	return de;
}

/* Is @p de (in use) named @p name? The last byte first: names in one
 * directory tend to differ there (file1, file2...), and it is one load. */
static inline int ext2_de_named(const struct ext2_dirent *de, const char *name, size_t len)
{
	return de->inode && de->name_len == len && len && de->name[len - 1] == name[len - 1] &&
	       memcmp(de->name, name, len) == 0;
}

/* Read block @p lblk of directory @p dvp (a hole in a directory is corruption). */
static int ext2_dir_block(struct vnode *dvp, uint64_t lblk, struct buf **bp)
{
	struct ext2_node *n = EXT2_NODE(dvp);
	uint32_t blk;
	int rc = ext2_bmap(dvp, lblk, 0, &blk, NULL);

	*bp = NULL;
	if (rc)
		return rc;
	if (blk == 0)
		return ext2_corrupt(n->fs, "hole in directory", n->ino);
	return ext2_bread(n->fs, blk, bp);
}

static uint64_t ext2_dir_nblocks(struct vnode *dvp)
{
	return dvp->size / EXT2_NODE(dvp)->fs->bsize;
}

/*
 * Look for name in block l of dvp from offset o on: 1 found (the hint now
 * points at it), 0 not there, or a negative errno. A walk that starts at
 * the hint (from_hint) and meets a bad entry answers 0, and the caller
 * scans the directory from its start, where a bad entry is corruption.
 */
static int ext2_dir_scan(struct vnode *dvp, uint64_t l, uint32_t o, const char *name, size_t len,
			 uint32_t *ino, int from_hint)
{
	struct ext2_node *n = EXT2_NODE(dvp);
	uint32_t bs = n->fs->bsize;
	struct ext2_dirent *de;
	struct buf *b;
	int rc = ext2_dir_block(dvp, l, &b);

	if (rc)
		return rc;
	for (; o < bs; o += de->rec_len) {
		de = ext2_de_at(dvp, b->data, o);
		if (de == NULL) {
			buf_release(b);
			return from_hint ? 0 : -EUCLEAN;
		}
		if (ext2_de_named(de, name, len)) {
			*ino = de->inode;
			n->hint_gen = n->dir_gen;
			n->hint_lblk = (uint32_t)l;
			n->hint_off = o;
			buf_release(b);
			return 1;
		}
	}
	buf_release(b);
	return 0;
}

/*
 * Entries are looked up again and again (every path through a directory)
 * or in the order readdir gives them (ls -l, a walk), so the search starts
 * at the last entry found, if the directory has not changed since: one or
 * two entries read, not half the directory. Then, on a miss, the whole
 * directory from its start.
 */
int ext2_dir_find(struct vnode *dvp, const char *name, size_t len, uint32_t *ino)
{
	struct ext2_node *n = EXT2_NODE(dvp);
	int rc;

	if (n->hint_gen == n->dir_gen && (n->hint_lblk | n->hint_off) != 0 &&
	    n->hint_lblk < ext2_dir_nblocks(dvp) && n->hint_off < n->fs->bsize) {
		rc = ext2_dir_scan(dvp, n->hint_lblk, n->hint_off, name, len, ino, 1);
		if (rc)
			return rc < 0 ? rc : 0;
	}
	for (uint64_t l = 0; l < ext2_dir_nblocks(dvp); l++) {
		rc = ext2_dir_scan(dvp, l, 0, name, len, ino, 0);
		if (rc)
			return rc < 0 ? rc : 0;
	}
	return -ENOENT;
}

static uint8_t ext2_ftype(struct ext2_fs *fs, unsigned mode)
{
	static const uint8_t ft[16] = {
		[S_IFREG >> 12] = EXT2_FT_REG_FILE, [S_IFDIR >> 12] = EXT2_FT_DIR,
		[S_IFCHR >> 12] = EXT2_FT_CHRDEV,   [S_IFBLK >> 12] = EXT2_FT_BLKDEV,
		[S_IFIFO >> 12] = EXT2_FT_FIFO,	    [S_IFSOCK >> 12] = EXT2_FT_SOCK,
		[S_IFLNK >> 12] = EXT2_FT_SYMLINK,
	};

	if (!(fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE))
		return 0;
	return ft[(mode & S_IFMT) >> 12];
}

static void ext2_de_fill(struct ext2_fs *fs, struct ext2_dirent *de, const char *name, size_t len,
			 uint32_t ino, unsigned mode)
{
	de->inode = ino;
	de->name_len = (uint8_t)len;
	de->file_type = ext2_ftype(fs, mode);
	memcpy(de->name, name, len);
}

/* Room for an entry of @p need bytes in a block: 1 and filled, 0 none, -EUCLEAN. */
static int ext2_dir_fit(struct vnode *dvp, uint8_t *blk, uint32_t need, const char *name,
			size_t len, uint32_t ino, unsigned mode)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_dirent *de;

	for (uint32_t o = 0; o < fs->bsize; o += de->rec_len) {
		uint32_t used;

		de = ext2_de_at(dvp, blk, o);
		if (de == NULL)
			return -EUCLEAN;
		used = de->inode ? EXT2_DIRENT_LEN(de->name_len) : 0;
		if (de->rec_len < used + need)
			continue;
		if (used) {
			struct ext2_dirent *nd = (struct ext2_dirent *)(blk + o + used);

			nd->rec_len = (uint16_t)(de->rec_len - used);
			de->rec_len = (uint16_t)used;
			de = nd;
		}
		ext2_de_fill(fs, de, name, len, ino, mode);
		EXT2_NODE(dvp)->dir_gen++;
		return 1;
	}
	return 0;
}

/* A directory changed: its times, no more index, its inode (vnode lock held). */
static int ext2_dir_touched(struct vnode *dvp)
{
	EXT2_NODE(dvp)->dir_gen++;
	EXT2_NODE(dvp)->flags &= ~(uint32_t)EXT2_INDEX_FL;
	dvp->mtime = dvp->ctime = vfs_now();
	return ext2_iwrite(dvp);
}

/* Add a block holding only this entry at the end of the directory. */
static int ext2_dir_grow(struct vnode *dvp, const char *name, size_t len, uint32_t ino,
			 unsigned mode)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_dirent *de;
	uint32_t blk;
	struct buf *b;
	int rc = ext2_bmap(dvp, ext2_dir_nblocks(dvp), 1, &blk, NULL);

	if (rc == 0)
		rc = ext2_bzero(fs, blk, &b);
	if (rc)
		return rc;
	de = b->data;
	de->rec_len = (uint16_t)fs->bsize;
	ext2_de_fill(fs, de, name, len, ino, mode);
	ext2_meta_dirty(fs, b);
	buf_release(b);
	dvp->size += fs->bsize;
	EXT2_NODE(dvp)->dir_gen++;
	return 0;
}

static int ext2_dir_add_locked(struct vnode *dvp, const char *name, size_t len, uint32_t ino,
			       unsigned mode)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_node *n = EXT2_NODE(dvp);
	uint64_t nb = ext2_dir_nblocks(dvp), first = n->add_lblk < nb ? n->add_lblk : 0;
	uint32_t need = EXT2_DIRENT_LEN(len);
	int rc = 0;

	/* The block the last entry went into first (entries made one after
	 * another: the last block), then every block from the start. */
	for (uint64_t k = 0; k <= nb && rc == 0; k++) {
		uint64_t l = k == 0 ? first : k - 1;
		struct buf *b;

		if (l >= nb || (k > 0 && l == first))
			continue;
		rc = ext2_dir_block(dvp, l, &b);
		if (rc)
			return rc;
		rc = ext2_dir_fit(dvp, b->data, need, name, len, ino, mode);
		if (rc > 0) {
			ext2_meta_dirty(fs, b);
			n->add_lblk = (uint32_t)l;
		}
		buf_release(b);
	}
	if (rc < 0)
		return rc;
	if (rc)
		return 0;
	n->add_lblk = (uint32_t)nb;
	return ext2_dir_grow(dvp, name, len, ino, mode);
}

int ext2_dir_add(struct vnode *dvp, const char *name, size_t len, uint32_t ino, unsigned mode)
{
	int rc = ext2_dir_add_locked(dvp, name, len, ino, mode), r = ext2_dir_touched(dvp);

	return rc ? rc : r;
}

/* Take the entry (@p name -> @p ino) out of a block: 1 done, 0 not there, -EUCLEAN. */
static int ext2_dir_cut(struct vnode *dvp, uint8_t *blk, const char *name, size_t len, uint32_t ino)
{
	struct ext2_dirent *de, *prev = NULL;
	uint32_t bs = EXT2_NODE(dvp)->fs->bsize;

	for (uint32_t o = 0; o < bs; prev = de, o += de->rec_len) {
		de = ext2_de_at(dvp, blk, o);
		if (de == NULL)
			return -EUCLEAN;
		if (de->inode != ino || !ext2_de_named(de, name, len))
			continue;
		if (prev)
			prev->rec_len = (uint16_t)(prev->rec_len + de->rec_len);
		else
			de->inode = 0;
		EXT2_NODE(dvp)->dir_gen++;
		return 1;
	}
	return 0;
}

int ext2_dir_remove(struct vnode *dvp, const char *name, size_t len, uint32_t ino)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	uint64_t nb = ext2_dir_nblocks(dvp), first = EXT2_NODE(dvp)->hint_lblk;
	int rc = 0, r;

	/* The block of the last entry found first: a remove follows its lookup. */
	first = first < nb ? first : 0;
	for (uint64_t k = 0; k <= nb && rc == 0; k++) {
		uint64_t l = k == 0 ? first : k - 1;
		struct buf *b;

		if (l >= nb || (k > 0 && l == first))
			continue;
		rc = ext2_dir_block(dvp, l, &b);
		if (rc)
			break;
		rc = ext2_dir_cut(dvp, b->data, name, len, ino);
		if (rc > 0)
			ext2_meta_dirty(fs, b);
		buf_release(b);
	}
	r = ext2_dir_touched(dvp);
	if (rc < 0)
		return rc;
	return rc ? r : -ENOENT;
}

/* The ".." entry of block 0 (checked: "." first); the buffer stays held. */
static int ext2_dotdot(struct vnode *dvp, struct buf **bp, struct ext2_dirent **out)
{
	struct ext2_dirent *dot, *dd = NULL;
	int rc = ext2_dir_block(dvp, 0, bp);

	if (rc)
		return rc;
	dot = ext2_de_at(dvp, (*bp)->data, 0);
	if (dot && dot->name_len == 1 && dot->name[0] == '.')
		dd = ext2_de_at(dvp, (*bp)->data, dot->rec_len);
	if (dd == NULL || dd->name_len != 2 || dd->name[0] != '.' || dd->name[1] != '.') {
		buf_release(*bp);
		*bp = NULL;
		return ext2_corrupt(EXT2_NODE(dvp)->fs, "no . and .. in directory",
				    EXT2_NODE(dvp)->ino);
	}
	*out = dd;
	return 0;
}

int ext2_dir_parent(struct vnode *dvp, uint32_t *ino)
{
	struct ext2_dirent *dd;
	struct buf *b;
	int rc = ext2_dotdot(dvp, &b, &dd);

	if (rc)
		return rc;
	*ino = dd->inode;
	buf_release(b);
	return 0;
}

int ext2_dir_set_parent(struct vnode *vp, uint32_t parent)
{
	struct ext2_dirent *dd;
	struct buf *b;
	int rc = ext2_dotdot(vp, &b, &dd);

	if (rc == 0) {
		dd->inode = parent;
		ext2_meta_dirty(EXT2_NODE(vp)->fs, b);
		buf_release(b);
		rc = ext2_dir_touched(vp);
	}
	return rc;
}

int ext2_dir_init(struct vnode *vp, uint32_t parent)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	struct ext2_dirent *de;
	uint32_t blk;
	struct buf *b;
	int rc = ext2_bmap(vp, 0, 1, &blk, NULL);

	if (rc == 0)
		rc = ext2_bzero(fs, blk, &b);
	if (rc)
		return rc;
	de = b->data;
	de->rec_len = 12;
	ext2_de_fill(fs, de, ".", 1, n->ino, S_IFDIR);
	de = (struct ext2_dirent *)((uint8_t *)b->data + 12);
	de->rec_len = (uint16_t)(fs->bsize - 12);
	ext2_de_fill(fs, de, "..", 2, parent, S_IFDIR);
	ext2_meta_dirty(fs, b);
	buf_release(b);
	vp->size = fs->bsize;
	n->dir_gen++;
	return 0;
}

int ext2_dir_empty(struct vnode *dvp)
{
	uint32_t bs = EXT2_NODE(dvp)->fs->bsize;

	for (uint64_t l = 0; l < ext2_dir_nblocks(dvp); l++) {
		struct ext2_dirent *de;
		struct buf *b;

		if (ext2_dir_block(dvp, l, &b))
			return 0; /* unreadable: not provably empty */
		for (uint32_t o = 0; o < bs; o += de->rec_len) {
			de = ext2_de_at(dvp, b->data, o);
			if (de == NULL) {
				buf_release(b);
				return 0;
			}
			if (de->inode && !(de->name_len == 1 && de->name[0] == '.') &&
			    !(de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.')) {
				buf_release(b);
				return 0;
			}
		}
		buf_release(b);
	}
	return 1;
}
