/*
 * Attributes of one file, found by name or reached through an open file:
 * chmod, chown, utimens and truncate (one setattr with a mask), access()
 * and readlink. The permission rules are POSIX's:
 *   - the mode: the owner or root; a caller not in the file's group loses
 *     S_ISGID (it could otherwise give itself a group it is not in);
 *   - the owner: root only; the group: root, or the owner to its own
 *     group; a chown by anyone but root clears S_ISUID and S_ISGID of a
 *     regular file;
 *   - explicit times: the owner or root; "now": also anyone who may write;
 *   - the size: a regular file (a directory is EISDIR, anything else
 *     EINVAL) the caller may write, or one it opened for writing;
 *   - nothing on a read-only mount (EROFS).
 * The check and the change happen under the vnode's lock, so no chown of
 * another CPU slips between them. The inode change time moves on every
 * change, the modification time also on a size change.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "ev.h"
#include "vfs.h"

/* access() bits: F_OK 0, R_OK 4, W_OK 2, X_OK 1, the same as VFS_R/W/X. */
#define VFS_ACCESS_MASK (VFS_R | VFS_W | VFS_X)

int vfs_lookup(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	       struct vnode **out)
{
	struct nameidata nd;
	int rc;

	*out = NULL;
	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : NAMEI_FOLLOW, cred, &nd);
	mutex_unlock(&vfs_ns_lock);
	if (rc == 0)
		*out = nd.vp;
	return rc;
}

static int vfs_attr_owner_check(struct vnode *vp, const struct io_attr *a, const struct cred *c)
{
	int owner = c->euid == 0 || c->euid == vp->uid;

	if ((a->mask & IO_ATTR_MODE) && !owner)
		return -EPERM;
	if ((a->mask & (IO_ATTR_UID | IO_ATTR_GID)) && c->euid != 0) {
		if (c->euid != vp->uid || ((a->mask & IO_ATTR_UID) && a->uid != vp->uid))
			return -EPERM;
		if ((a->mask & IO_ATTR_GID) && a->gid != vp->gid && a->gid != c->egid)
			return -EPERM;
	}
	if ((a->mask & (IO_ATTR_ATIME | IO_ATTR_MTIME)) && !owner)
		return -EPERM;
	if ((a->mask & (IO_ATTR_ATIME_NOW | IO_ATTR_MTIME_NOW)) && !owner &&
	    vfs_access(vp, c, VFS_W) != 0)
		return -EACCES;
	return 0;
}

static int vfs_attr_check(struct vnode *vp, const struct io_attr *a, const struct cred *c)
{
	int rc = vfs_rofs(vp);

	if (rc == 0)
		rc = vfs_attr_owner_check(vp, a, c);
	if (rc || !(a->mask & IO_ATTR_SIZE))
		return rc;
	if (S_ISDIR(vp->mode))
		return -EISDIR;
	if (!S_ISREG(vp->mode))
		return -EINVAL;
	return (a->mask & IO_ATTR_OPENED) ? 0 : vfs_access(vp, c, VFS_W);
}

/* What vnode_ops::setattr hears of a change (the time of the change moves always). */
static unsigned vfs_attr_what(unsigned mask)
{
	unsigned what = VFS_SET_TIMES;

	if (mask & IO_ATTR_MODE)
		what |= VFS_SET_MODE;
	if (mask & (IO_ATTR_UID | IO_ATTR_GID))
		what |= VFS_SET_OWNER | VFS_SET_MODE;
	if (mask & IO_ATTR_SIZE)
		what |= VFS_SET_SIZE;
	return what;
}

/* Apply a checked change (vnode lock held). */
static int vfs_attr_apply(struct vnode *vp, const struct io_attr *a, const struct cred *c)
{
	uint64_t now = vfs_now();
	int rc = 0;

	if (a->mask & IO_ATTR_SIZE) {
		if (vp->text_refs)
			return -ETXTBSY; /* a running program's file */
		rc = vfs_page_truncate(vp, a->size);
		if (rc == 0)
			rc = vp->ops->truncate(vp, a->size);
		if (rc)
			return rc;
		vp->mtime = now;
	}
	if (a->mask & IO_ATTR_MODE) {
		vp->mode = (vp->mode & S_IFMT) | (a->mode & 07777);
		if (c->euid != 0 && c->egid != vp->gid)
			vp->mode &= ~(unsigned)S_ISGID;
	}
	if (a->mask & IO_ATTR_UID)
		vp->uid = a->uid;
	if (a->mask & IO_ATTR_GID)
		vp->gid = a->gid;
	if ((a->mask & (IO_ATTR_UID | IO_ATTR_GID)) && c->euid != 0 && S_ISREG(vp->mode))
		vp->mode &= ~(unsigned)(S_ISUID | S_ISGID);
	if (a->mask & (IO_ATTR_ATIME | IO_ATTR_ATIME_NOW))
		vp->atime = (a->mask & IO_ATTR_ATIME_NOW) ? now : a->atime;
	if (a->mask & (IO_ATTR_MTIME | IO_ATTR_MTIME_NOW))
		vp->mtime = (a->mask & IO_ATTR_MTIME_NOW) ? now : a->mtime;
	vp->ctime = now;
	return vp->ops->setattr(vp, vfs_attr_what(a->mask));
}

int vfs_setattr(struct vnode *vp, const struct io_attr *a, const struct cred *cred)
{
	int rc;

	mutex_lock(&vp->lock);
	rc = vfs_attr_check(vp, a, cred);
	if (rc == 0)
		rc = vfs_attr_apply(vp, a, cred);
	mutex_unlock(&vp->lock);
	ev_vfs_attrib(rc, vp);
	return rc;
}

int vfs_access_check(struct vnode *vp, int mode, const struct cred *cred)
{
	unsigned want = (unsigned)mode & VFS_ACCESS_MASK;

	if ((want & VFS_W) && !S_ISCHR(vp->mode) && !S_ISBLK(vp->mode) && !S_ISFIFO(vp->mode) &&
	    vfs_rofs(vp))
		return -EROFS;
	return want ? vfs_access(vp, cred, want) : 0;
}

long vfs_readlink(struct vnode *vp, char *buf, size_t len)
{
	long n;

	if (!S_ISLNK(vp->mode))
		return -EINVAL;
	mutex_lock(&vp->lock);
	n = vp->ops->readlink(vp, buf, len);
	vp->atime = vfs_now();
	mutex_unlock(&vp->lock);
	return n;
}
