/*
 * The orphan list (ext3's layout): inodes that lost their last name but
 * are not freed yet, because the file is still open or because freeing it
 * takes several journal handles. The superblock's s_last_orphan is the
 * first, each orphan's i_dtime the next. An unlink that drops the last name
 * puts the inode on the list in its own handle, so a power cut after it
 * never leaves an inode without a name that nobody will free; the deletion
 * takes it off in its last handle, with the inode and bitmap changes. A
 * read-write mount (after the journal is replayed) frees what is left on
 * it. e2fsck understands the same list.
 *
 * Under ext2_fs::lock (list, superblock). The in-memory list (fs->orphans)
 * holds every node on the on-disk list, newest first, so a node in the
 * middle finds its predecessor without reading the disk.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/vfs.h>
#include <uapi/errno.h>

#include "ext2.h"

int ext2_orphan_add(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp);
	struct ext2_fs *fs = n->fs;
	int rc;

	if (n->orphan || fs->ro)
		return 0;
	mutex_lock(&fs->lock);
	n->orphan_next = fs->sb.s_last_orphan;
	n->orphan = 1;
	fs->sb.s_last_orphan = n->ino;
	list_add_head(&fs->orphans, &n->olink);
	rc = ext2_sb_write(fs);
	mutex_unlock(&fs->lock);
	return rc;
}

/* The node whose link is @p ino, or NULL (fs->lock held). */
static struct ext2_node *ext2_orphan_before(struct ext2_fs *fs, uint32_t ino)
{
	struct list_node *pos, *tmp;

	list_for_each_safe(pos, tmp, &fs->orphans)
	{
		struct ext2_node *o = list_entry(pos, struct ext2_node, olink);

		if (o->orphan_next == ino)
			return o;
	}
	return NULL;
}

int ext2_orphan_del(struct vnode *vp)
{
	struct ext2_node *n = EXT2_NODE(vp), *prev;
	struct ext2_fs *fs = n->fs;
	int rc = 0;

	if (!n->orphan)
		return 0;
	mutex_lock(&fs->lock);
	if (fs->sb.s_last_orphan == n->ino) {
		fs->sb.s_last_orphan = n->orphan_next;
		rc = ext2_sb_write(fs);
	} else if ((prev = ext2_orphan_before(fs, n->ino)) != NULL) {
		prev->orphan_next = n->orphan_next;
		rc = ext2_iset_dtime(fs, prev->ino, prev->orphan_next);
	} else {
		rc = ext2_corrupt(fs, "an orphan inode is not on the orphan list:", n->ino);
	}
	list_del(&n->olink);
	n->orphan = 0;
	mutex_unlock(&fs->lock);
	return rc;
}

int ext2_orphan_scan(struct ext2_fs *fs)
{
	uint32_t ino = fs->sb.s_last_orphan;
	int freed = 0;

	while (ino != 0 && (uint32_t)freed < fs->sb.s_inodes_count) {
		struct vnode *vp;
		int rc;

		if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
			return ext2_corrupt(fs, "bad inode on the orphan list:", ino);
		fs->orphan_scan = 1;
		rc = ext2_iget(fs, ino, &vp);
		fs->orphan_scan = 0;
		if (rc)
			return rc;
		if (vp->nlink != 0 || !EXT2_NODE(vp)->orphan) {
			vfs_vrele(vp);
			return ext2_corrupt(fs, "a named inode on the orphan list:", ino);
		}
		mutex_lock(&fs->lock);
		list_add_head(&fs->orphans, &EXT2_NODE(vp)->olink);
		mutex_unlock(&fs->lock);
		ino = EXT2_NODE(vp)->orphan_next;
		vfs_vrele(vp); /* no name, no reference: reclaim frees it and takes it off */
		freed++;
	}
	if (freed)
		printk("ext2: %s: freed %d orphan inode%s\n", fs->name, freed,
		       freed == 1 ? "" : "s");
	return freed;
}
