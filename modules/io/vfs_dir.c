/*
 * Directories as the process sees them: chdir's lookup, getcwd (the path
 * rebuilt by walking ".." and finding each directory's name in its
 * parent, across mounts), and exec's open.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "vfs.h"

/* Resolve @path (following a final symlink) under the name-space lock. */
static int vfs_dir_resolve(struct vnode *cwd, const char *path, const struct cred *cred,
			   struct nameidata *nd)
{
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_namei(cwd, path, NAMEI_FOLLOW, cred, nd);
	mutex_unlock(&vfs_ns_lock);
	return rc;
}

int vfs_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred, struct vnode **out)
{
	struct nameidata nd;
	int rc;

	*out = NULL;
	rc = vfs_dir_resolve(cwd, path, cred, &nd);
	if (rc)
		return rc;
	if (!S_ISDIR(nd.vp->mode))
		rc = -ENOTDIR;
	else
		rc = vfs_access(nd.vp, cred, VFS_X);
	if (rc == 0) {
		*out = nd.vp;
		nd.vp = NULL;
	}
	vfs_namei_done(&nd);
	return rc;
}

struct vfs_name_find {
	uint64_t ino;
	char *name;
	size_t len;
};

static int vfs_name_match(void *arg, const char *name, size_t len, uint64_t ino, unsigned type,
			  uint64_t next)
{
	struct vfs_name_find *nf = arg;

	(void)type;
	(void)next;
	if (ino != nf->ino || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	memcpy(nf->name, name, len);
	nf->len = len;
	return 1;
}

/* Prepend "/name-of-cur" to buf[*pos..]; move *cur to its parent. */
static int vfs_getcwd_step(struct vnode **cur, char *buf, size_t *pos)
{
	char name[VFS_NAME_MAX + 1];
	struct vfs_name_find nf = { .ino = (*cur)->ino, .name = name };
	struct vnode *up = (*cur)->ops->parent(*cur);
	uint64_t off = 0;

	if (up == NULL)
		return -ENOENT;
	up->ops->readdir(up, &off, vfs_name_match, &nf);
	vfs_vrele(*cur);
	*cur = up;
	if (nf.len == 0)
		return -ENOENT;
	if (nf.len + 1 > *pos)
		return -ERANGE;
	*pos -= nf.len;
	memcpy(buf + *pos, name, nf.len);
	buf[--*pos] = '/';
	return 0;
}

static long vfs_getcwd_locked(struct vnode *dir, char *tmp, size_t *pos)
{
	struct vnode *root = vfs_root(), *cur = vfs_vref(dir);
	int rc = dir->nlink ? 0 : -ENOENT;

	while (rc == 0) {
		while (cur != root && cur->mount->root == cur && cur->mount->covered) {
			struct vnode *c = vfs_vref(cur->mount->covered);

			vfs_vrele(cur);
			cur = c;
		}
		if (cur == root)
			break;
		rc = vfs_getcwd_step(&cur, tmp, pos);
	}
	vfs_vrele(cur);
	vfs_vrele(root);
	return rc;
}

long vfs_path_locked(struct vnode *dir, char *buf, size_t len)
{
	char *tmp = mem_alloc(IO_PATH_MAX);
	size_t pos = IO_PATH_MAX - 1;
	long rc;

	if (tmp == NULL)
		return -ENOMEM;
	tmp[pos] = '\0';
	rc = vfs_getcwd_locked(dir, tmp, &pos);
	if (rc == 0 && pos == IO_PATH_MAX - 1)
		tmp[--pos] = '/';
	if (rc == 0 && IO_PATH_MAX - pos > len)
		rc = -ERANGE;
	if (rc == 0) {
		rc = (long)(IO_PATH_MAX - pos);
		memcpy(buf, tmp + pos, (size_t)rc);
	}
	mem_free(tmp);
	return rc;
}

long vfs_getcwd(struct vnode *dir, char *buf, size_t len)
{
	long rc;

	mutex_lock(&vfs_ns_lock);
	rc = vfs_path_locked(dir, buf, len);
	mutex_unlock(&vfs_ns_lock);
	return rc;
}

int vfs_open_exec(struct vnode *cwd, const char *path, const struct cred *cred, struct file **out)
{
	struct nameidata nd;
	int rc;

	*out = NULL;
	rc = vfs_dir_resolve(cwd, path, cred, &nd);
	if (rc)
		return rc;
	if (!S_ISREG(nd.vp->mode))
		rc = -EACCES;
	else
		rc = vfs_access(nd.vp, cred, VFS_X);
	if (rc == 0)
		rc = vfs_open_text(nd.vp, out);
	vfs_namei_done(&nd);
	return rc;
}
