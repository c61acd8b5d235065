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

#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "vfs.h"

/* umount2()'s MNT_FORCE: accepted, but a busy ramfs stays (its files would be lost). */
#define VFS_UMOUNT_FORCE 0x1

/* The types mount() knows by name. */
static const struct fs_type_ops *const vfs_fs_types[] = { &ramfs_fs_type, &tmpfs_fs_type };

static const struct fs_type_ops *vfs_fs_find(const char *name)
{
	for (size_t i = 0; i < sizeof(vfs_fs_types) / sizeof(vfs_fs_types[0]); i++)
		if (strcmp(vfs_fs_types[i]->name, name) == 0)
			return vfs_fs_types[i];
	return NULL;
}

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

static int vfs_mount_locked(struct vnode *cwd, const char *source, const char *target,
			    const struct fs_type_ops *fs, unsigned flags, const struct cred *cred)
{
	struct vfs_mount *mp;
	struct nameidata nd;
	size_t n;
	int rc = vfs_namei(cwd, target, NAMEI_FOLLOW, cred, &nd);

	if (rc)
		return rc;
	if (!S_ISDIR(nd.vp->mode))
		rc = -ENOTDIR;
	else if (fs == NULL)
		rc = -ENODEV;
	else
		rc = vfs_mount(fs, nd.vp, &mp);
	if (rc == 0) {
		mp->flags = flags;
		n = strnlen(source, sizeof(mp->source) - 1);
		memcpy(mp->source, source, n);
		mp->source[n] = '\0';
	}
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
	rc = vfs_mount_locked(cwd, source, target, vfs_fs_find(fstype), (unsigned)flags, cred);
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
