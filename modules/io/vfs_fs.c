/*
 * File systems as the system calls see them: statfs, sync, mount and
 * umount by path. The mount table itself is in vfs_mount.c.
 *
 * mount puts a fresh instance of a type on an existing directory that
 * nothing is mounted on yet (nor is it the root of a mount: "/mnt" after a
 * mount names the mounted root, and a second mount there is EBUSY);
 * umount takes the instance mounted at a mount point away with its files,
 * when nothing uses it (vfs_unmount()). Both are root's alone.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "vfs.h"

/* umount2()'s MNT_FORCE: accepted, but a busy ramfs stays (its files would be lost). */
#define VFS_UMOUNT_FORCE 0x1

/* The types mount() knows by name: io's own, then those modules registered. */
#define VFS_FS_MAX 16
static const struct fs_type_ops *vfs_fs_types[VFS_FS_MAX] = { &ramfs_fs_type, &tmpfs_fs_type };
static unsigned vfs_fs_ntypes = 2;
static struct spinlock vfs_fs_lock = SPINLOCK_INIT("vfs types");

const struct fs_type_ops *vfs_fs_find(const char *name)
{
	const struct fs_type_ops *fs = NULL;

	spin_lock(&vfs_fs_lock);
	for (unsigned i = 0; i < vfs_fs_ntypes && fs == NULL; i++)
		if (strcmp(vfs_fs_types[i]->name, name) == 0)
			fs = vfs_fs_types[i];
	spin_unlock(&vfs_fs_lock);
	return fs;
}

const struct fs_type_ops *vfs_fs_disk_type(unsigned i)
{
	const struct fs_type_ops *fs = NULL;

	spin_lock(&vfs_fs_lock);
	for (unsigned k = 0; k < vfs_fs_ntypes && fs == NULL; k++)
		if (vfs_fs_types[k]->probe && i-- == 0)
			fs = vfs_fs_types[k];
	spin_unlock(&vfs_fs_lock);
	return fs;
}

int vfs_fs_register(const struct fs_type_ops *fs)
{
	int rc = 0;

	if (fs == NULL || fs->version != VNODE_OPS_VERSION || fs->name == NULL ||
	    fs->mount == NULL || fs->unmount == NULL || fs->statfs == NULL || fs->sync == NULL)
		return -EINVAL;
	if (vfs_fs_find(fs->name))
		return -EEXIST;
	spin_lock(&vfs_fs_lock);
	if (vfs_fs_ntypes == VFS_FS_MAX)
		rc = -ENOSPC;
	else
		vfs_fs_types[vfs_fs_ntypes++] = fs;
	spin_unlock(&vfs_fs_lock);
	return rc;
}
KERN_EXPORT(vfs_fs_register);

int vfs_statfs(struct vnode *vp, struct statfs *st)
{
	struct vfs_mount *mp = vp->mount;

	memset(st, 0, sizeof(*st));
	if (mp == NULL)
		return -ENOSYS;
	mp->fs->statfs(mp, st);
	st->f_type = mp->fs->magic;
	st->f_fsid = mp->dev;
	st->f_flags = mp->flags;
	return 0;
}

/* Mount @p fstype, or ("auto", "" or NULL) the first disk type that takes @p source. */
static int vfs_mount_type(const char *fstype, struct vnode *dir, const char *source, unsigned flags,
			  struct vfs_mount **mp)
{
	const struct fs_type_ops *fs;
	int rc = -ENODEV, r;

	if (fstype && fstype[0] && strcmp(fstype, "auto") != 0) {
		fs = vfs_fs_find(fstype);
		return fs ? vfs_mount_src(fs, dir, source, flags, mp) : -ENODEV;
	}
	for (unsigned i = 0; (fs = vfs_fs_disk_type(i)) != NULL; i++) {
		r = vfs_mount_src(fs, dir, source, flags, mp);
		if (r == 0)
			return 0;
		if (rc == -ENODEV || r != -EINVAL)
			rc = r;
	}
	return rc;
}

static int vfs_mount_locked(struct vnode *cwd, const char *source, const char *target,
			    const char *fstype, unsigned flags, const struct cred *cred)
{
	struct vfs_mount *mp;
	struct nameidata nd;
	int rc = vfs_namei(cwd, target, NAMEI_FOLLOW, cred, &nd);

	if (rc)
		return rc;
	if (!S_ISDIR(nd.vp->mode))
		rc = -ENOTDIR;
	else
		rc = vfs_mount_type(fstype, nd.vp, source, flags, &mp);
	vfs_namei_done(&nd);
	return rc;
}

int vfs_mount_at(struct vnode *cwd, const char *source, const char *target, const char *fstype,
		 unsigned long flags, const struct cred *cred)
{
	int rc;

	if (cred->euid != 0)
		return -EPERM;
	if (flags & ~(unsigned long)MS_RDONLY)
		return -EINVAL;
	mutex_lock(&vfs_ns_lock);
	rc = vfs_mount_locked(cwd, source, target, fstype, (unsigned)flags, cred);
	mutex_unlock(&vfs_ns_lock);
	return rc;
}

int vfs_umount_at(struct vnode *cwd, const char *target, int flags, const struct cred *cred)
{
	struct nameidata nd;
	struct vfs_mount *mp;
	int rc;

	if (cred->euid != 0)
		return -EPERM;
	if (flags & ~VFS_UMOUNT_FORCE)
		return -EINVAL;
	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, target, NAMEI_FOLLOW, cred, &nd);
	if (rc == 0) {
		mp = nd.vp->mount;
		if (mp == NULL || mp->root != nd.vp || mp->covered == NULL) {
			rc = -EINVAL;
			vfs_namei_done(&nd);
		} else {
			vfs_namei_done(&nd); /* the mount still holds its root */
			rc = vfs_unmount(mp);
		}
	}
	mutex_unlock(&vfs_ns_lock);
	return rc;
}
