/*
 * The vnode operations of ext2: names (lookup, create, link, unlink,
 * rename, parent) on top of ext2_dir.c and ext2_inode.c, and the file
 * operations of ext2_file.c. The directory operations run under
 * vfs_ns_lock (the VFS has checked permissions, types and emptiness);
 * each takes the vnode lock of one file at a time to write its inode.
 * Link counts follow ext2's rule: a directory has 2 + its subdirectories.
 * A change is added before the old name goes (rename, create), so that a
 * crash between the two leaves an extra name rather than a lost file.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/buf.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "ext2.h"

/* ext2 keeps a link count in 16 bits. */
#define EXT2_LINK_MAX 65000

/*
 * The vnodes a directory operation changes, locked together before its
 * journal handle starts (ext2_tx.c: inside a handle no vnode lock is
 * waited for, so a thread holding a vnode lock and waiting for a commit
 * never waits on a handle that waits for it). Under vfs_ns_lock, so only
 * one thread at a time holds several; they are taken by address.
 */
struct ext2_lockset {
	struct vnode *vp[4];
	unsigned n;
};

static void ext2_lock_all(struct ext2_lockset *ls, struct vnode *a, struct vnode *b,
			  struct vnode *c, struct vnode *d)
{
	struct vnode *in[4] = { a, b, c, d };

	ls->n = 0;
	for (unsigned i = 0; i < 4; i++) {
		unsigned k = 0;

		if (in[i] == NULL)
			continue;
		while (k < ls->n && ls->vp[k] != in[i])
			k++;
		if (k == ls->n)
			ls->vp[ls->n++] = in[i];
	}
	for (unsigned i = 1; i < ls->n; i++) /* insertion sort by address */
		for (unsigned k = i; k > 0 && ls->vp[k - 1] > ls->vp[k]; k--) {
			struct vnode *t = ls->vp[k];

			ls->vp[k] = ls->vp[k - 1];
			ls->vp[k - 1] = t;
		}
	for (unsigned i = 0; i < ls->n; i++)
		mutex_lock(&ls->vp[i]->lock);
}

static void ext2_unlock_all(struct ext2_lockset *ls)
{
	for (unsigned i = ls->n; i-- > 0;)
		mutex_unlock(&ls->vp[i]->lock);
}

static int ext2_lookup(struct vnode *dvp, const char *name, size_t len, struct vnode **out)
{
	uint32_t ino;
	int rc = ext2_dir_find(dvp, name, len, &ino);

	if (rc)
		return rc;
	return ext2_iget(EXT2_NODE(dvp)->fs, ino, out);
}

/* A symbolic link's target: in i_block below 60 bytes (fast), else in a block. */
static int ext2_set_target(struct vnode *vp, const struct vfs_new *nw)
{
	struct ext2_node *n = EXT2_NODE(vp);
	uint32_t blk;
	struct buf *b;
	int rc;

	if (nw->tlen >= n->fs->bsize)
		return -ENAMETOOLONG;
	vp->size = nw->tlen;
	if (nw->tlen < sizeof(n->block)) {
		memcpy(n->block, nw->target, nw->tlen);
		return 0;
	}
	rc = ext2_bmap(vp, 0, 1, &blk, NULL);
	if (rc == 0)
		rc = ext2_bzero(n->fs, blk, &b);
	if (rc)
		return rc;
	memcpy(b->data, nw->target, nw->tlen);
	ext2_meta_dirty(n->fs, b);
	buf_release(b);
	return 0;
}

/* A new inode with its contents ("." and "..", a target), not named yet. */
static int ext2_make(struct vnode *dvp, const struct vfs_new *nw, struct vnode **out)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct vnode *vp;
	uint32_t ino;
	int rc = ext2_inode_alloc(fs, EXT2_NODE(dvp)->ino, S_ISDIR(nw->mode), &ino);

	if (rc)
		return rc;
	rc = ext2_inew(fs, ino, nw->mode, &vp);
	if (rc) {
		ext2_inode_free(fs, ino, S_ISDIR(nw->mode));
		return rc;
	}
	vp->uid = nw->uid;
	vp->gid = nw->gid;
	vp->rdev = nw->rdev;
	vfs_nlink_add(vp, S_ISDIR(nw->mode) ? 2 : 1);
	mutex_lock(&vp->lock);
	if (S_ISDIR(nw->mode))
		rc = ext2_dir_init(vp, EXT2_NODE(dvp)->ino);
	else if (S_ISLNK(nw->mode))
		rc = ext2_set_target(vp, nw);
	if (rc == 0)
		rc = ext2_iwrite(vp);
	mutex_unlock(&vp->lock);
	if (rc) {
		vfs_nlink_add(vp, -(int)vp->nlink);
		vfs_vrele(vp); /* reclaim frees what it got */
		return rc;
	}
	*out = vp;
	return 0;
}

static int ext2_create(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
		       struct vnode **out)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct vnode *vp = NULL;
	struct ext2_lockset ls;
	int rc;

	if (fs->ro)
		return -EROFS;
	if (S_ISDIR(nw->mode) && dvp->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock_all(&ls, dvp, NULL, NULL, NULL);
	ext2_tx_begin(fs);
	rc = ext2_make(dvp, nw, &vp);
	if (rc == 0 && S_ISDIR(nw->mode))
		vfs_nlink_add(dvp, 1);
	if (rc == 0)
		rc = ext2_dir_add(dvp, name, len, EXT2_NODE(vp)->ino, nw->mode);
	if (rc && vp) {
		if (S_ISDIR(nw->mode)) {
			vfs_nlink_add(dvp, -1);
			ext2_iwrite(dvp);
		}
		vfs_nlink_add(vp, -(int)vp->nlink);
		vfs_vrele(vp);
	}
	ext2_tx_end(fs);
	ext2_unlock_all(&ls);
	if (rc == 0)
		*out = vp;
	return rc;
}

static int ext2_link(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_lockset ls;
	int rc;

	if (vp->nlink >= EXT2_LINK_MAX)
		return -EMLINK;
	ext2_lock_all(&ls, dvp, vp, NULL, NULL);
	ext2_tx_begin(fs);
	rc = ext2_dir_add(dvp, name, len, EXT2_NODE(vp)->ino, vp->mode);
	if (rc == 0) {
		vfs_nlink_add(vp, 1);
		rc = ext2_iwrite(vp);
	}
	ext2_tx_end(fs);
	ext2_unlock_all(&ls);
	return rc;
}

/* Drop one name of @p vp in @p dvp from the link counts (the entry is gone). */
static int ext2_unlinked(struct vnode *dvp, struct vnode *vp)
{
	int rc;

	if (S_ISDIR(vp->mode)) {
		vfs_nlink_add(dvp, -1);
		vfs_nlink_add(vp, -(int)vp->nlink);
	} else {
		vfs_nlink_add(vp, -1);
	}
	rc = ext2_iwrite(dvp);
	if (rc == 0 && vp->nlink == 0) /* freed later: a cut in between must not lose it */
		rc = ext2_orphan_add(vp);
	return rc ? rc : ext2_iwrite(vp);
}

static int ext2_unlink(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	struct ext2_fs *fs = EXT2_NODE(dvp)->fs;
	struct ext2_lockset ls;
	int rc;

	ext2_lock_all(&ls, dvp, vp, NULL, NULL);
	ext2_tx_begin(fs);
	rc = ext2_dir_remove(dvp, name, len, EXT2_NODE(vp)->ino);
	if (rc == 0)
		rc = ext2_unlinked(dvp, vp);
	ext2_tx_end(fs);
	ext2_unlock_all(&ls);
	return rc;
}

static int ext2_rename_dir(struct vnode *fdvp, struct vnode *vp, struct vnode *tdvp)
{
	int rc = ext2_dir_set_parent(vp, EXT2_NODE(tdvp)->ino);

	if (rc)
		return rc;
	vfs_nlink_add(fdvp, -1);
	vfs_nlink_add(tdvp, 1);
	rc = ext2_iwrite(fdvp);
	return rc ? rc : ext2_iwrite(tdvp);
}

static int ext2_rename(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
		       struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp)
{
	struct ext2_fs *fs = EXT2_NODE(fdvp)->fs;
	uint32_t ino = EXT2_NODE(vp)->ino;
	struct ext2_lockset ls;
	int rc = 0;

	ext2_lock_all(&ls, fdvp, tdvp, vp, tvp);
	ext2_tx_begin(fs);
	if (tvp) {
		rc = ext2_dir_remove(tdvp, tname, tlen, EXT2_NODE(tvp)->ino);
		if (rc == 0)
			rc = ext2_unlinked(tdvp, tvp);
	}
	if (rc == 0)
		rc = ext2_dir_add(tdvp, tname, tlen, ino, vp->mode);
	if (rc == 0)
		rc = ext2_dir_remove(fdvp, fname, flen, ino);
	if (rc == 0 && S_ISDIR(vp->mode) && fdvp != tdvp)
		rc = ext2_rename_dir(fdvp, vp, tdvp);
	if (rc == 0) {
		vp->ctime = vfs_now();
		rc = ext2_iwrite(vp);
	}
	ext2_tx_end(fs);
	ext2_unlock_all(&ls);
	return rc;
}

static struct vnode *ext2_parent(struct vnode *dvp)
{
	struct vnode *vp;
	uint32_t ino;

	if (dvp->nlink == 0 || ext2_dir_parent(dvp, &ino) != 0)
		return NULL;
	if (ino == EXT2_NODE(dvp)->ino)
		return vfs_vref(dvp);
	return ext2_iget(EXT2_NODE(dvp)->fs, ino, &vp) == 0 ? vp : NULL;
}

static long ext2_readlink(struct vnode *vp, char *buf, size_t len)
{
	struct ext2_node *n = EXT2_NODE(vp);
	uint64_t acl = n->file_acl ? n->fs->bsize / 512 : 0;
	size_t sz = (size_t)vp->size;
	uint32_t blk;
	struct buf *b;
	int rc;

	if (sz > len)
		sz = len;
	if (vp->blocks <= acl) {
		if (vp->size >= sizeof(n->block))
			return ext2_corrupt(n->fs, "fast symbolic link too long in inode", n->ino);
		memcpy(buf, n->block, sz);
		return (long)sz;
	}
	if (vp->size >= n->fs->bsize)
		return ext2_corrupt(n->fs, "symbolic link too long in inode", n->ino);
	rc = ext2_bmap(vp, 0, 0, &blk, NULL);
	if (rc == 0 && blk == 0)
		rc = ext2_corrupt(n->fs, "symbolic link without a block in inode", n->ino);
	if (rc == 0)
		rc = ext2_bread(n->fs, blk, &b);
	if (rc)
		return rc;
	memcpy(buf, b->data, sz);
	buf_release(b);
	return (long)sz;
}

static int ext2_fsync(struct vnode *vp)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	int rc;

	ext2_tx_begin(fs);
	rc = ext2_iwrite(vp);
	if (ext2_tx_end(fs) && rc == 0)
		rc = -EIO;
	if (fs->jbd) { /* the commit writes the file's data first (ordered mode) */
		if (ext2_journal_commit(fs))
			rc = -EIO;
	} else if (buf_sync(&fs->dev) || buf_dev_flush(&fs->dev)) {
		rc = -EIO;
	}
	return rc;
}

static int ext2_setattr(struct vnode *vp, unsigned what)
{
	struct ext2_fs *fs = EXT2_NODE(vp)->fs;
	int rc;

	(void)what;
	ext2_tx_begin(fs);
	rc = ext2_iwrite(vp);
	ext2_tx_end(fs);
	return rc;
}

const struct vnode_ops ext2_vnode_ops = {
	.version = VNODE_OPS_VERSION,
	.lookup = ext2_lookup,
	.create = ext2_create,
	.link = ext2_link,
	.unlink = ext2_unlink,
	.rename = ext2_rename,
	.parent = ext2_parent,
	.readdir = ext2_readdir,
	.empty = ext2_dir_empty,
	.read = ext2_read,
	.write = ext2_write,
	.truncate = ext2_truncate,
	.readlink = ext2_readlink,
	.fsync = ext2_fsync,
	.reclaim = ext2_reclaim,
	.setattr = ext2_setattr,
	.readpage = ext2_readpage,
};
