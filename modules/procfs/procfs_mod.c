/*
 * modules/procfs: the proc file-system type (role "procfs"), registered
 * with the VFS as "proc". The core mounts it on /proc once the root is
 * final (core/kern/init/main.c); `mount -t proc proc /dir` makes more.
 * Every instance is read-only and shows the same processes.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/list.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#include "procfs.h"

static int procfs_mount(struct vfs_mount *mp, const char *source, unsigned flags,
			struct vnode **rootp)
{
	struct procfs_mount *pm = mem_zalloc(sizeof(*pm));
	struct vnode *root;

	(void)source;
	(void)flags;
	if (pm == NULL)
		return -ENOMEM;
	list_init(&pm->dirs);
	mp->data = pm;
	root = procfs_node_new(mp, PROCFS_ROOT, 0, 0);
	if (root == NULL) {
		mem_free(pm);
		mp->data = NULL;
		return -ENOMEM;
	}
	vfs_nlink_add(root, 2);
	mp->flags |= MS_RDONLY;
	*rootp = root;
	return 0;
}

static void procfs_unmount(struct vfs_mount *mp)
{
	procfs_dir_prune(mp, 1);
	mem_free(mp->data);
	mp->data = NULL;
}

static void procfs_statfs(struct vfs_mount *mp, struct statfs *st)
{
	(void)mp;
	st->f_bsize = 4096;
	st->f_frsize = 4096;
	st->f_namelen = VFS_NAME_MAX;
}

static int procfs_sync(struct vfs_mount *mp)
{
	(void)mp;
	return 0;
}

static const struct fs_type_ops procfs_fs_type = {
	.version = VNODE_OPS_VERSION,
	.name = "proc",
	.magic = PROCFS_MAGIC,
	.mount = procfs_mount,
	.unmount = procfs_unmount,
	.statfs = procfs_statfs,
	.sync = procfs_sync,
};

static int procfs_init(const char *args)
{
	int rc;

	(void)args;
	rc = vfs_fs_register(&procfs_fs_type);
	if (rc)
		pr_err("procfs: cannot register the file-system type: error %d\n", rc);
	return rc;
}

KMOD(.name = "procfs", .version = "0.1.0", .role = "procfs", .deps = { "io" }, .init = procfs_init);
