/*
 * ramfs as a file-system type: making an instance, dropping every file of
 * one (umount), describing it (statfs) and syncing it (nothing to write:
 * memory is its backing store). The same instance code is mounted under
 * three names: "ramfs", "tmpfs" (what scripts expect for /tmp) and
 * "devfs" (/dev), each with the statfs magic number tools know it by.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/page.h>
#include <uapi/errno.h>

#include "ramfs.h"

#define RAMFS_MAGIC 0x858458f6ULL
#define TMPFS_MAGIC 0x01021994ULL
#define DEVFS_MAGIC 0x1373ULL

static int ramfs_mount(struct vfs_mount *mp, const char *source, unsigned flags,
		       struct vnode **rootp)
{
	struct vnode *root = ramfs_node_new(mp, S_IFDIR | 0755);

	(void)source;
	(void)flags;
	if (root == NULL)
		return -ENOMEM;
	((struct ramfs_node *)root->data)->parent = root;
	vfs_nlink_add(root, 2);
	*rootp = root;
	return 0;
}

static int ramfs_dir_empty(struct vnode *vp)
{
	return !S_ISDIR(vp->mode) || list_empty(&((struct ramfs_node *)vp->data)->entries);
}

/*
 * Under vfs_ns_lock, with nothing of the instance referenced but its root:
 * drop the first name of the directory we are in, going down into a
 * directory that still has entries and back up when one is empty, so the
 * walk needs no stack however deep the tree is.
 */
static void ramfs_unmount(struct vfs_mount *mp)
{
	struct vnode *cur = mp->root;

	for (;;) {
		struct ramfs_node *d = cur->data;
		struct ramfs_dirent *de;
		struct vnode *vp;

		if (list_empty(&d->entries)) {
			if (cur == mp->root)
				return;
			cur = d->parent;
			continue;
		}
		de = list_entry(list_first(&d->entries), struct ramfs_dirent, link);
		if (!ramfs_dir_empty(de->vp)) {
			cur = de->vp;
			continue;
		}
		vp = vfs_vref(de->vp);
		ramfs_drop(cur, de);
		vfs_vrele(vp);
	}
}

static void ramfs_statfs(struct vfs_mount *mp, struct statfs *st)
{
	struct page_stats ps;
	uint64_t free = 0;

	page_stats(&ps);
	for (unsigned i = 0; i < PAGE_NZONES; i++)
		free += ps.zone[i].free;
	st->f_bsize = RAMFS_PAGE;
	st->f_frsize = RAMFS_PAGE;
	st->f_blocks = __atomic_load_n(&mp->pages, __ATOMIC_RELAXED) + free;
	st->f_bfree = free;
	st->f_bavail = free;
	st->f_namelen = VFS_NAME_MAX;
}

static int ramfs_sync(struct vfs_mount *mp)
{
	(void)mp;
	return 0;
}

const struct fs_type_ops ramfs_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "ramfs",
	.magic = RAMFS_MAGIC,
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
	.sync = ramfs_sync,
};

const struct fs_type_ops tmpfs_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "tmpfs",
	.magic = TMPFS_MAGIC,
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
	.sync = ramfs_sync,
};

const struct fs_type_ops devfs_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "devfs",
	.magic = DEVFS_MAGIC,
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
	.sync = ramfs_sync,
};
