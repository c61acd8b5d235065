/*
 * The end of inodes in memory and on the disk: sync writes every cached
 * inode back, reclaim frees a file without names at its last close
 * (blocks, extended-attribute block, inode), unmount drops the cache.
 * Locks as in ext2_inode.c; reclaim runs with no lock held (the last
 * vfs_vrele()), on a vnode nobody else can reach.
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

/* Reference every cached vnode that has a name into a new array (call under vfs_ns_lock). */
static struct vnode **ext2_icollect(struct ext2_fs *fs, size_t *count)
{
	struct vnode **v = NULL;
	size_t n = 0, room = 0;

	for (;;) {
		n = 0;
		mutex_lock(&fs->lock);
		for (unsigned h = 0; h < EXT2_HASH; h++) {
			struct list_node *pos, *tmp;

			list_for_each_safe(pos, tmp, &fs->hash[h])
			{
				struct ext2_node *en = list_entry(pos, struct ext2_node, hash);

				if (en->vp->nlink == 0)
					continue;
				if (n < room)
					v[n] = vfs_vref(en->vp);
				n++;
			}
		}
		mutex_unlock(&fs->lock);
		if (n <= room)
			break;
		for (size_t i = 0; i < room; i++)
			vfs_vrele(v[i]);
		mem_free(v);
		room = n + 16;
		v = mem_alloc(room * sizeof(*v));
		if (v == NULL)
			return NULL;
	}
	*count = n;
	return v;
}

int ext2_iflush_all(struct ext2_fs *fs)
{
	size_t n = 0;
	struct vnode **v = ext2_icollect(fs, &n);
	int rc = 0, r;

	if (v == NULL && n)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) { /* the vnode's lock, then its handle (ext2_tx.c) */
		mutex_lock(&v[i]->lock);
		ext2_tx_begin(fs);
		r = ext2_iwrite(v[i]);
		if (ext2_tx_end(fs) && r == 0)
			r = -EIO;
		mutex_unlock(&v[i]->lock);
		if (rc == 0)
			rc = r;
		vfs_vrele(v[i]);
	}
	mem_free(v);
	return rc;
}

/* Drop the extended-attribute block of a dying inode (one reference less). */
static int ext2_ea_drop(struct ext2_fs *fs, uint32_t blk)
{
	struct buf *b;
	uint32_t *h;
	int rc = ext2_bread(fs, blk, &b);

	if (rc)
		return rc;
	h = b->data;
	if (h[0] != 0xEA020000u) {
		buf_release(b);
		return ext2_corrupt(fs, "bad extended attribute block", blk);
	}
	if (h[1] > 1) {
		h[1]--;
		ext2_meta_dirty(fs, b);
		buf_release(b);
		return 0;
	}
	buf_release(b);
	return ext2_block_free(fs, blk, 1);
}

/* Free a dead file's blocks and inode on the disk. */
static void ext2_idelete(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	int has_blocks = S_ISREG(vp->mode) || S_ISDIR(vp->mode) ||
			 (S_ISLNK(vp->mode) && vp->blocks > (n->file_acl ? fs->bsize / 512 : 0));

	ext2_tx_begin(fs);
	if (has_blocks)
		ext2_bfree_steps(vp, 0);
	else
		memset(n->block, 0, sizeof(n->block));
	if (n->file_acl && ext2_ea_drop(fs, n->file_acl) == 0) {
		n->file_acl = 0;
		vp->blocks = vp->blocks > fs->bsize / 512 ? vp->blocks - fs->bsize / 512 : 0;
	}
	vp->size = 0;
	ext2_orphan_del(vp); /* in the handle that frees it: the list never names a free inode */
	ext2_iwrite(vp);
	ext2_inode_free(fs, n->ino, S_ISDIR(vp->mode));
	ext2_tx_end(fs);
}

void ext2_reclaim(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;

	if (fs) {
		mutex_lock(&fs->lock);
		list_del(&n->hash);
		mutex_unlock(&fs->lock);
		if (!fs->unmounting && !fs->ro)
			ext2_idelete(vp);
		if (fs->unmounting && fs->mp->root == vp) {
			mem_free(fs->itable);
			mem_free(fs); /* the last vnode of the instance */
		}
	}
	mem_free(n);
}

void ext2_idrop_all(struct ext2_fs *fs)
{
	fs->unmounting = 1;
	for (unsigned h = 0; h < EXT2_HASH; h++) {
		for (;;) {
			struct ext2_node *en = NULL;
			struct list_node *pos, *tmp;
			struct vnode *vp;

			mutex_lock(&fs->lock);
			list_for_each_safe(pos, tmp, &fs->hash[h])
			{
				struct ext2_node *c = list_entry(pos, struct ext2_node, hash);

				/* a vnode still referenced (a bug of the caller's) is left
				 * alone rather than dropped for ever */
				if (c->vp != fs->mp->root && en == NULL &&
				    __atomic_load_n(&c->vp->refs, __ATOMIC_RELAXED) == 0)
					en = c;
			}
			mutex_unlock(&fs->lock);
			if (en == NULL)
				break;
			vp = vfs_vref(en->vp);
			vfs_nlink_add(vp, -(int)vp->nlink);
			vfs_vrele(vp);
		}
	}
}
