/*
 * The core side of the `io` role: its descriptor, registration and the
 * wrappers the system calls use. Without a provider there is no file name
 * space: every path operation says -ENODEV and there is no root.
 *
 * Locking: none here. io operations may sleep and may run on several CPUs
 * at once; the provider locks its name space and vnodes itself.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/io.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

static int io_null_mount_root(const void *image, size_t len)
{
	(void)image;
	(void)len;
	return -ENODEV;
}

static struct vnode *io_null_root(void)
{
	return NULL;
}

static void io_null_vnode(struct vnode *vp)
{
	(void)vp;
}

static int io_null_open(struct vnode *cwd, const char *path, int flags, unsigned mode,
			const struct cred *cred, struct file **out)
{
	(void)cwd;
	(void)path;
	(void)flags;
	(void)mode;
	(void)cred;
	*out = NULL;
	return -ENODEV;
}

static int io_null_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
			struct stat *st)
{
	(void)cwd;
	(void)path;
	(void)flags;
	(void)cred;
	(void)st;
	return -ENODEV;
}

static int io_null_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
			 const struct cred *cred)
{
	(void)cwd;
	(void)path;
	(void)mode;
	(void)dev;
	(void)cred;
	return -ENODEV;
}

static int io_null_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred)
{
	(void)cwd;
	(void)path;
	(void)dir;
	(void)cred;
	return -ENODEV;
}

static int io_null_two(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	(void)cwd;
	(void)from;
	(void)to;
	(void)cred;
	return -ENODEV;
}

static int io_null_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred,
			      struct vnode **out)
{
	(void)cwd;
	(void)path;
	(void)cred;
	*out = NULL;
	return -ENODEV;
}

static long io_null_getcwd(struct vnode *dir, char *buf, size_t len)
{
	(void)dir;
	(void)buf;
	(void)len;
	return -ENODEV;
}

static int io_null_open_exec(struct vnode *cwd, const char *path, const struct cred *cred,
			     struct file **out)
{
	return io_null_open(cwd, path, 0, 0, cred, out);
}

static const struct io_ops io_null_ops = {
	.version = IO_OPS_VERSION,
	.mount_root = io_null_mount_root,
	.root = io_null_root,
	.vref = io_null_vnode,
	.vrele = io_null_vnode,
	.open = io_null_open,
	.stat = io_null_stat,
	.mknod = io_null_mknod,
	.remove = io_null_remove,
	.link = io_null_two,
	.rename = io_null_two,
	.lookup_dir = io_null_lookup_dir,
	.getcwd = io_null_getcwd,
	.open_exec = io_null_open_exec,
};

static const struct io_ops *io_ops = &io_null_ops;
static struct io_ops io_resolved;

ROLE_DEFINE(io_role, .name = "io", .version = IO_OPS_VERSION, .ops_size = sizeof(struct io_ops),
	    .null_ops = &io_null_ops, .resolved = &io_resolved, .current = (const void **)&io_ops,
	    .pinned = true);

int io_register(const struct io_ops *ops)
{
	return role_register(&io_role, ops);
}
KERN_EXPORT(io_register);

int io_mount_root(const void *image, size_t len)
{
	return io_ops->mount_root(image, len);
}
KERN_EXPORT(io_mount_root);

struct vnode *io_root(void)
{
	return io_ops->root();
}
KERN_EXPORT(io_root);

void io_vref(struct vnode *vp)
{
	io_ops->vref(vp);
}
KERN_EXPORT(io_vref);

void io_vrele(struct vnode *vp)
{
	if (vp)
		io_ops->vrele(vp);
}
KERN_EXPORT(io_vrele);

int io_open(struct vnode *cwd, const char *path, int flags, unsigned mode, const struct cred *cred,
	    struct file **out)
{
	return io_ops->open(cwd, path, flags, mode, cred, out);
}
KERN_EXPORT(io_open);

int io_stat(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	    struct stat *st)
{
	return io_ops->stat(cwd, path, flags, cred, st);
}
KERN_EXPORT(io_stat);

int io_mknod(struct vnode *cwd, const char *path, unsigned mode, uint64_t dev,
	     const struct cred *cred)
{
	return io_ops->mknod(cwd, path, mode, dev, cred);
}
KERN_EXPORT(io_mknod);

int io_remove(struct vnode *cwd, const char *path, int dir, const struct cred *cred)
{
	return io_ops->remove(cwd, path, dir, cred);
}
KERN_EXPORT(io_remove);

int io_link(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	return io_ops->link(cwd, from, to, cred);
}
KERN_EXPORT(io_link);

int io_rename(struct vnode *cwd, const char *from, const char *to, const struct cred *cred)
{
	return io_ops->rename(cwd, from, to, cred);
}
KERN_EXPORT(io_rename);

int io_lookup_dir(struct vnode *cwd, const char *path, const struct cred *cred, struct vnode **out)
{
	return io_ops->lookup_dir(cwd, path, cred, out);
}
KERN_EXPORT(io_lookup_dir);

long io_getcwd(struct vnode *dir, char *buf, size_t len)
{
	return io_ops->getcwd(dir, buf, len);
}
KERN_EXPORT(io_getcwd);

int io_open_exec(struct vnode *cwd, const char *path, const struct cred *cred, struct file **out)
{
	return io_ops->open_exec(cwd, path, cred, out);
}
KERN_EXPORT(io_open_exec);
