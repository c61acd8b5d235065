/*
 * The path operations of the io role: open, stat, mknod, symlink, remove
 * and link (rename is in vfs_rename.c; lookup_dir, getcwd and open_exec
 * in vfs_dir.c).
 *
 * Lock order of the io module, outermost first:
 *   1. vfs_ns_lock (mutex): the name space — directory entries, parent
 *      links, link counts, the mount table. Every operation here takes it
 *      once around its lookups and changes, so a lookup and the change it
 *      leads to are atomic (O_EXCL, rename) and namei never sees a
 *      directory half changed.
 *   2. vnode::lock (mutex): one file's contents and attributes; at most
 *      one at a time, taken under vfs_ns_lock or alone (read/write).
 *   3. vfs_ref_lock (spinlock, vfs_vnode.c): reference counts.
 *   The console's spinlock (cons.c) and the device switch's are leaves,
 *   taken with none of these or under them, never around them.
 * File data moves (read, write, truncate) under the vnode lock alone, so
 * reads and writes of different files, or of one file and the name space,
 * run in parallel on several CPUs.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "ev.h"
#include "vfs.h"

#define VFS_LINK_MAX 65000

struct mutex vfs_ns_lock = MUTEX_INIT("vfs names");

/* Make a file in the parent namei left (nd->vp NULL). */
static int vfs_create_in(struct nameidata *nd, const struct vfs_new *nw, const struct cred *cred,
			 struct vnode **out)
{
	int rc;

	if (nd->dvp->nlink == 0)
		return -ENOENT;
	rc = vfs_rofs(nd->dvp);
	if (rc == 0)
		rc = vfs_access(nd->dvp, cred, VFS_W | VFS_X);
	if (rc == 0)
		rc = nd->dvp->ops->create(nd->dvp, nd->last, nd->lastlen, nw, out);
	ev_vfs_entry(rc, nd, EV_CREATE, rc ? NULL : *out);
	return rc;
}

static int vfs_open_check(struct vnode *vp, int flags, int created, const struct cred *cred)
{
	int acc = flags & O_ACCMODE;
	unsigned want = 0;

	if (S_ISLNK(vp->mode))
		return -ELOOP;
	if ((flags & O_DIRECTORY) && !S_ISDIR(vp->mode))
		return -ENOTDIR;
	if (S_ISDIR(vp->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if (created)
		return 0;
	if (S_ISREG(vp->mode) && (acc != O_RDONLY || (flags & O_TRUNC)) && vfs_rofs(vp))
		return -EROFS;
	if (acc == O_RDONLY || acc == O_RDWR)
		want |= VFS_R;
	if (acc == O_WRONLY || acc == O_RDWR || (flags & O_TRUNC))
		want |= VFS_W;
	return vfs_access(vp, cred, want);
}

/* Resolve for open: the file, maybe made (O_CREAT), referenced in *vpp. */
static int vfs_open_lookup(struct vnode *cwd, const char *path, int flags, unsigned mode,
			   const struct cred *cred, struct vnode **vpp)
{
	unsigned nf = (flags & (O_NOFOLLOW | O_EXCL)) ? 0 : NAMEI_FOLLOW;
	struct vfs_new nw = { .mode = S_IFREG | (mode & 07777),
			      .uid = cred->euid,
			      .gid = cred->egid };
	struct nameidata nd;
	int created = 0, rc;

	rc = vfs_namei(cwd, path, nf | ((flags & O_CREAT) ? NAMEI_PARENT : 0), cred, &nd);
	if (rc)
		return rc;
	if ((flags & O_CREAT) && nd.vp == NULL) {
		rc = nd.slash ? -EISDIR : vfs_create_in(&nd, &nw, cred, &nd.vp);
		created = 1;
	} else if ((flags & O_CREAT) && (flags & O_EXCL)) {
		rc = -EEXIST;
	} else if (nd.slash && !S_ISDIR(nd.vp->mode)) {
		rc = -ENOTDIR;
	}
	if (rc == 0)
		rc = vfs_open_check(nd.vp, flags, created, cred);
	if (rc == 0) {
		*vpp = nd.vp;
		nd.vp = NULL;
	}
	vfs_namei_done(&nd);
	return rc;
}

int vfs_open(struct vnode *cwd, const char *path, int flags, unsigned mode, const struct cred *cred,
	     struct file **out)
{
	struct vnode *vp;
	int rc;

	*out = NULL;
	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	mutex_lock(&vfs_ns_lock);
	rc = vfs_open_lookup(cwd, path, flags, mode, cred, &vp);
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	/* Open first: a running program's file is refused (ETXTBSY) before
	 * O_TRUNC could cut it. */
	rc = vfs_open_vnode(vp, flags, out);
	if (rc == 0 && (flags & O_TRUNC) && S_ISREG(vp->mode)) {
		mutex_lock(&vp->lock);
		rc = vp->text_refs ? -ETXTBSY : vfs_page_truncate(vp, 0);
		if (rc == 0)
			rc = vp->ops->truncate(vp, 0);
		if (rc == 0)
			vp->mtime = vp->ctime = vfs_now();
		mutex_unlock(&vp->lock);
		if (rc) {
			file_unref(*out);
			*out = NULL;
		}
	}
	vfs_vrele(vp);
	return rc;
}

int vfs_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	     struct stat *st)
{
	struct nameidata nd;
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : NAMEI_FOLLOW, cred, &nd);
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	vfs_getattr(nd.vp, st);
	vfs_namei_done(&nd);
	return 0;
}

/* Make a new name of any type; the common part of mknod and symlink. */
static int vfs_make(struct vnode *cwd, const char *path, struct vfs_new *nw,
		    const struct cred *cred)
{
	struct nameidata nd;
	struct vnode *vp = NULL;
	int rc;

	nw->uid = cred->euid;
	nw->gid = cred->egid;
	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, path, NAMEI_PARENT, cred, &nd);
	if (rc == 0) {
		if (nd.vp)
			rc = -EEXIST;
		else if (nd.slash && !S_ISDIR(nw->mode))
			rc = -ENOENT;
		else
			rc = vfs_create_in(&nd, nw, cred, &vp);
		vfs_namei_done(&nd);
	}
	mutex_unlock(&vfs_ns_lock);
	vfs_vrele(vp);
	return rc;
}

int vfs_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
	      const struct cred *cred)
{
	struct vfs_new nw = { .mode = mode, .rdev = dev };

	switch (mode & S_IFMT) {
	case 0:
		nw.mode |= S_IFREG;
		break;
	case S_IFREG:
	case S_IFDIR:
	case S_IFIFO:
		break;
	case S_IFCHR:
	case S_IFBLK:
		if (cred->euid != 0)
			return -EPERM;
		break;
	default:
		return -EINVAL;
	}
	if ((nw.mode & S_IFMT) != S_IFCHR && (nw.mode & S_IFMT) != S_IFBLK)
		nw.rdev = 0;
	return vfs_make(cwd, path, &nw, cred);
}

int vfs_symlink(struct vnode *cwd, const char *target, const char *path, const struct cred *cred)
{
	struct vfs_new nw = { .mode = S_IFLNK | 0777, .target = target };

	nw.tlen = strnlen(target, IO_PATH_MAX);
	if (nw.tlen == 0)
		return -ENOENT;
	if (nw.tlen >= IO_PATH_MAX)
		return -ENAMETOOLONG;
	return vfs_make(cwd, path, &nw, cred);
}

/* May @p cred remove @p vp from @p dvp? (write and search, and the sticky bit) */
static int vfs_may_delete(struct vnode *dvp, struct vnode *vp, const struct cred *cred)
{
	int rc = vfs_access(dvp, cred, VFS_W | VFS_X);

	if (rc == 0 && (dvp->mode & S_ISVTX) && cred->euid != 0 && cred->euid != dvp->uid &&
	    cred->euid != vp->uid)
		rc = -EACCES;
	return rc;
}

static int vfs_remove_check(struct nameidata *nd, int dir, const struct cred *cred)
{
	struct vnode *vp = nd->vp;

	if (vp == NULL)
		return -ENOENT;
	if (nd->dot)
		return nd->lastlen == 0 ? -EBUSY : nd->lastlen == 1 ? -EINVAL : -ENOTEMPTY;
	if (vp->mount != nd->dvp->mount || vp->covered_by)
		return -EBUSY;
	if (!dir && S_ISDIR(vp->mode))
		return -EISDIR;
	if ((dir || nd->slash) && !S_ISDIR(vp->mode))
		return -ENOTDIR;
	if (dir && !vp->ops->empty(vp))
		return -ENOTEMPTY;
	if (vfs_rofs(nd->dvp))
		return -EROFS;
	return vfs_may_delete(nd->dvp, vp, cred);
}

int vfs_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred)
{
	struct nameidata nd;
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, path, NAMEI_PARENT, cred, &nd);
	if (rc == 0) {
		rc = vfs_remove_check(&nd, dir, cred);
		if (rc == 0)
			rc = nd.dvp->ops->unlink(nd.dvp, nd.last, nd.lastlen, nd.vp);
		ev_vfs_entry(rc, &nd, EV_REMOVE, nd.vp);
		vfs_namei_done(&nd);
	}
	mutex_unlock(&vfs_ns_lock);
	return rc;
}

static int vfs_link_locked(struct vnode *cwd, const char *from, const char *to,
			   const struct cred *cred)
{
	struct nameidata fnd, tnd;
	int rc = vfs_namei(cwd, from, 0, cred, &fnd);

	if (rc)
		return rc;
	rc = vfs_namei(cwd, to, NAMEI_PARENT, cred, &tnd);
	if (rc) {
		vfs_namei_done(&fnd);
		return rc;
	}
	if (S_ISDIR(fnd.vp->mode))
		rc = -EPERM;
	else if (tnd.vp)
		rc = -EEXIST;
	else if (tnd.dvp->mount != fnd.vp->mount)
		rc = -EXDEV;
	else if (fnd.vp->nlink >= VFS_LINK_MAX)
		rc = -EMLINK;
	else if (tnd.dvp->nlink == 0 || fnd.vp->nlink == 0)
		rc = -ENOENT;
	else if ((rc = vfs_rofs(tnd.dvp)) == 0 &&
		 (rc = vfs_access(tnd.dvp, cred, VFS_W | VFS_X)) == 0)
		rc = tnd.dvp->ops->link(tnd.dvp, tnd.last, tnd.lastlen, fnd.vp);
	ev_vfs_entry(rc, &tnd, EV_CREATE, fnd.vp);
	vfs_namei_done(&tnd);
	vfs_namei_done(&fnd);
	return rc;
}

int vfs_link(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_link_locked(cwd, from, to, cred);
	mutex_unlock(&vfs_ns_lock);
	return rc;
}
