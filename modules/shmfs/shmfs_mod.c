/*
 * modules/shmfs: the "shmfs" file-system type, /dev/shm. The core mounts
 * it there once the root is final (core/kern/init/main.c); `mount -t
 * shmfs none /dir` makes another view of the same names. It needs the io
 * role (the VFS) and the ipc role (the names); its own role is "shmfs".
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/printk.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

#include "shmfs.h"

static int shmfs_mount(struct vfs_mount *mp, const char *source, unsigned flags,
		       struct vnode **rootp)
{
	struct vnode *root = vfs_vnode_alloc(mp, &shmfs_vnops, S_IFDIR | SHMFS_ROOT_MODE);

	(void)source, (void)flags;
	if (root == NULL)
		return -ENOMEM;
	root->ino = 1;
	root->mtime = root->ctime = root->atime = vfs_now();
	vfs_nlink_add(root, 2);
	*rootp = root;
	return 0;
}

static void shmfs_unmount(struct vfs_mount *mp)
{
	(void)mp; /* no cached vnode: the root is the VFS's to drop */
}

static void shmfs_statfs(struct vfs_mount *mp, struct statfs *st)
{
	(void)mp;
	st->f_bsize = 4096;
	st->f_frsize = 4096;
	st->f_namelen = VFS_NAME_MAX;
}

static int shmfs_sync(struct vfs_mount *mp)
{
	(void)mp;
	return 0;
}

static const struct fs_type_ops shmfs_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "shmfs",
	.magic = SHMFS_MAGIC,
	.mount = shmfs_mount,
	.unmount = shmfs_unmount,
	.statfs = shmfs_statfs,
	.sync = shmfs_sync,
};

static int shmfs_init(const char *args)
{
	int rc;

	(void)args;
	rc = vfs_fs_register(&shmfs_fs_type);
	if (rc)
		pr_err("shmfs: cannot register the file-system type: error %d\n", rc);
	return rc;
}

KMOD(.name = "shmfs", .version = "0.1.0", .role = "shmfs", .deps = { "io", "ipc" },
     .init = shmfs_init);
