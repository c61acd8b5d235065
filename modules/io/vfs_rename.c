/*
 * rename(), with the POSIX rules: the new name is replaced atomically (one
 * hold of vfs_ns_lock covers both lookups and the change); a directory
 * replaces only an empty directory and a file only a non-directory; a
 * directory may not move below itself; both names in one mount; renaming
 * a file onto itself (another name of it) does nothing.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <uapi/errno.h>

#include "ev.h"
#include "vfs.h"

/* Is @p dir @p vp or below it? Walks parents up to the mount's root. */
static int vfs_is_below(struct vnode *dir, struct vnode *vp)
{
	struct vnode *cur = vfs_vref(dir);
	int below = 0;

	while (cur) {
		struct vnode *up;

		if (cur == vp) {
			below = 1;
			break;
		}
		if (cur->mount->root == cur)
			break;
		up = cur->ops->parent(cur);
		vfs_vrele(cur);
		cur = up;
	}
	vfs_vrele(cur);
	return below;
}

static int vfs_rename_types(struct nameidata *f, struct nameidata *t)
{
	struct vnode *vp = f->vp, *tvp = t->vp;

	if (f->dot || t->dot)
		return (f->lastlen == 0 || t->lastlen == 0) ? -EBUSY : -EINVAL;
	if (vp->mount != f->dvp->mount || vp->covered_by || (tvp && tvp->covered_by) ||
	    (tvp && tvp->mount != t->dvp->mount))
		return -EBUSY;
	if (f->dvp->mount != t->dvp->mount)
		return -EXDEV;
	if (!S_ISDIR(vp->mode) && (f->slash || t->slash))
		return -ENOTDIR;
	if (tvp == NULL || tvp == vp)
		return 0;
	if (S_ISDIR(vp->mode) && !S_ISDIR(tvp->mode))
		return -ENOTDIR;
	if (!S_ISDIR(vp->mode) && S_ISDIR(tvp->mode))
		return -EISDIR;
	if (S_ISDIR(tvp->mode) && !tvp->ops->empty(tvp))
		return -ENOTEMPTY;
	return 0;
}

static int vfs_rename_check(struct nameidata *f, struct nameidata *t, const struct cred *cred)
{
	int rc;

	if (f->vp == NULL)
		return -ENOENT;
	if ((rc = vfs_rename_types(f, t)) != 0)
		return rc;
	if (t->dvp->nlink == 0)
		return -ENOENT;
	if (S_ISDIR(f->vp->mode) && vfs_is_below(t->dvp, f->vp))
		return -EINVAL;
	if ((rc = vfs_rofs(f->dvp)) != 0)
		return rc;
	if ((rc = vfs_access(f->dvp, cred, VFS_W | VFS_X)) != 0)
		return rc;
	return vfs_access(t->dvp, cred, VFS_W | VFS_X);
}

static int vfs_rename_locked(struct vnode *cwd, const char *from, const char *to,
			     const struct cred *cred)
{
	struct nameidata f, t;
	int rc = vfs_namei(cwd, from, NAMEI_PARENT, cred, &f);

	if (rc)
		return rc;
	rc = vfs_namei(cwd, to, NAMEI_PARENT, cred, &t);
	if (rc) {
		vfs_namei_done(&f);
		return rc;
	}
	rc = vfs_rename_check(&f, &t, cred);
	if (rc == 0 && f.vp != t.vp)
		rc = f.dvp->ops->rename(f.dvp, f.last, f.lastlen, f.vp, t.dvp, t.last, t.lastlen,
					t.vp);
	ev_vfs_rename(rc, &f, &t);
	vfs_namei_done(&t);
	vfs_namei_done(&f);
	return rc;
}

int vfs_rename(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_rename_locked(cwd, from, to, cred);
	mutex_unlock(&vfs_ns_lock);
	return rc;
}
