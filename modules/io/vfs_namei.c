/*
 * namei: from a path to a vnode, one component at a time.
 *
 * The walk runs under vfs_ns_lock (the caller holds it), so no directory
 * changes under it. It holds one reference on the directory it is in.
 * Rules: a path starting with '/' starts at the root, any other at cwd;
 * repeated slashes are one; "." is the directory itself and ".." its
 * parent, crossing a mount point upwards (the root's ".." is the root); a
 * directory with a mount on it stands for the mounted root; a symbolic
 * link in the middle of a path, or at its end when asked (NAMEI_FOLLOW) or
 * when a slash follows, is replaced by its target, at most VFS_SYMLINK_MAX
 * times (ELOOP). Every directory walked through needs search permission.
 * A path of IO_PATH_MAX bytes or more, or a name longer than VFS_NAME_MAX,
 * is ENAMETOOLONG; so is a path that grows too long by a link's target.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "vfs.h"

struct namei_walk {
	char *path;	   /* IO_PATH_MAX: what is left, from @c pos */
	char *link;	   /* IO_PATH_MAX: a symbolic link's target */
	size_t pos;	   /* start of the next component */
	unsigned links;	   /* symbolic links followed */
	struct vnode *dir; /* where the walk is, referenced */
};

/* The parent of @p dir, crossing mounts upwards. */
static int namei_dotdot(struct vnode *dir, struct vnode **out)
{
	struct vnode *root = vfs_root(), *p;

	while (dir != root && dir->mount && dir->mount->root == dir && dir->mount->covered)
		dir = dir->mount->covered;
	if (dir == root) {
		*out = root;
		return 0;
	}
	vfs_vrele(root);
	p = dir->ops->parent(dir);
	if (p == NULL)
		return -ENOENT;
	*out = p;
	return 0;
}

/* The vnode @p name names in @p dir, with mounts on it crossed downwards. */
static int namei_step(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct vnode *vp;
	int rc;

	if (len == 1 && name[0] == '.') {
		vp = vfs_vref(dir);
	} else if (len == 2 && name[0] == '.' && name[1] == '.') {
		rc = namei_dotdot(dir, &vp);
		if (rc)
			return rc;
	} else {
		rc = dir->ops->lookup(dir, name, len, &vp);
		if (rc)
			return rc;
	}
	while (vp->covered_by) {
		struct vnode *r = vfs_vref(vp->covered_by->root);

		vfs_vrele(vp);
		vp = r;
	}
	*out = vp;
	return 0;
}

/* Replace the component that named @p lnk (ending at @p end) by its target. */
static int namei_follow(struct namei_walk *w, struct vnode *lnk, size_t end)
{
	size_t rest = strlen(w->path + end);
	long n;

	if (++w->links > VFS_SYMLINK_MAX)
		return -ELOOP;
	mutex_lock(&lnk->lock);
	n = lnk->ops->readlink(lnk, w->link, IO_PATH_MAX);
	mutex_unlock(&lnk->lock);
	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ENOENT;
	if ((size_t)n + rest >= IO_PATH_MAX)
		return -ENAMETOOLONG;
	memmove(w->path + n, w->path + end, rest + 1);
	memcpy(w->path, w->link, (size_t)n);
	w->pos = 0;
	if (w->link[0] == '/') {
		vfs_vrele(w->dir);
		w->dir = vfs_root();
	}
	return 0;
}

/* The last component in NAMEI_PARENT mode: keep the parent and the name. */
static int namei_parent(struct namei_walk *w, const char *name, size_t len, struct nameidata *nd)
{
	int rc = namei_step(w->dir, name, len, &nd->vp);

	if (rc == -ENOENT)
		nd->vp = NULL;
	else if (rc)
		return rc;
	nd->dvp = w->dir;
	w->dir = NULL;
	memcpy(nd->last, name, len);
	nd->last[len] = '\0';
	nd->lastlen = len;
	nd->dot = (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
	return 0;
}

/* One component; 1 when the walk is over (nd filled), 0 to go on. */
static int namei_component(struct namei_walk *w, unsigned flags, const struct cred *cred,
			   struct nameidata *nd)
{
	char *name = w->path + w->pos;
	size_t len = 0, end;
	struct vnode *vp;
	int rc, last;

	while (name[len] && name[len] != '/')
		len++;
	end = w->pos + len;
	while (w->path[end] == '/')
		end++;
	last = w->path[end] == '\0';
	nd->slash = last && end > w->pos + len;
	if (!S_ISDIR(w->dir->mode))
		return -ENOTDIR;
	if ((rc = vfs_access(w->dir, cred, VFS_X)) != 0)
		return rc;
	if (len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (last && (flags & NAMEI_PARENT)) {
		rc = namei_parent(w, name, len, nd);
		if (rc || nd->vp == NULL || !S_ISLNK(nd->vp->mode) || !(flags & NAMEI_FOLLOW))
			return rc ? rc : 1;
		w->dir = nd->dvp; /* a link to follow after all: back to walking */
		vp = nd->vp;
		nd->dvp = nd->vp = NULL;
	} else if ((rc = namei_step(w->dir, name, len, &vp)) != 0) {
		return rc;
	}
	if (S_ISLNK(vp->mode) && (!last || (flags & NAMEI_FOLLOW) || nd->slash)) {
		rc = namei_follow(w, vp, w->pos + len);
		vfs_vrele(vp);
		return rc;
	}
	w->pos = end;
	if (last) {
		nd->vp = vp;
		return (nd->slash && !S_ISDIR(vp->mode)) ? -ENOTDIR : 1;
	}
	vfs_vrele(w->dir);
	w->dir = vp;
	return 0;
}

/* A path of slashes only: the directory itself. */
static int namei_root_only(struct namei_walk *w, unsigned flags, struct nameidata *nd)
{
	nd->vp = vfs_vref(w->dir);
	nd->dot = 1;
	nd->slash = 1;
	if (flags & NAMEI_PARENT) {
		nd->dvp = w->dir;
		w->dir = NULL;
	}
	return 1;
}

static int namei_start(struct namei_walk *w, struct vnode *cwd, const char *path)
{
	size_t len = strnlen(path, IO_PATH_MAX);

	if (len >= IO_PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	w->path = mem_alloc(2 * IO_PATH_MAX);
	if (w->path == NULL)
		return -ENOMEM;
	w->link = w->path + IO_PATH_MAX;
	memcpy(w->path, path, len + 1);
	w->dir = (path[0] == '/' || cwd == NULL) ? vfs_root() : vfs_vref(cwd);
	return w->dir ? 0 : -ENOENT;
}

int vfs_namei(struct vnode *cwd, const char *path, unsigned flags, const struct cred *cred,
	      struct nameidata *nd)
{
	struct namei_walk w = { 0 };
	int rc;

	memset(nd, 0, sizeof(*nd));
	rc = namei_start(&w, cwd, path);
	while (rc == 0) {
		while (w.path[w.pos] == '/') {
			w.pos++;
			if (w.path[w.pos] == '\0')
				rc = namei_root_only(&w, flags, nd);
		}
		if (rc == 0)
			rc = namei_component(&w, flags, cred, nd);
	}
	vfs_vrele(w.dir);
	mem_free(w.path);
	if (rc < 0) {
		vfs_namei_done(nd);
		return rc;
	}
	return 0;
}

void vfs_namei_done(struct nameidata *nd)
{
	vfs_vrele(nd->vp);
	vfs_vrele(nd->dvp);
	nd->vp = nd->dvp = NULL;
}
