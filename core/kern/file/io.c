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

static int io_null_lookup(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
			  struct vnode **out)
{
	(void)flags;
	return io_null_lookup_dir(cwd, path, cred, out);
}

static int io_null_setattr(struct vnode *vp, const struct io_attr *attr, const struct cred *cred)
{
	(void)vp;
	(void)attr;
	(void)cred;
	return -ENODEV;
}

static int io_null_access(struct vnode *vp, int mode, const struct cred *cred)
{
	(void)vp;
	(void)mode;
	(void)cred;
	return -ENODEV;
}

static int io_null_symlink(struct vnode *cwd, const char *target, const char *path,
			   const struct cred *cred)
{
	return io_null_two(cwd, target, path, cred);
}

static int io_null_statfs(struct vnode *vp, struct statfs *st)
{
	(void)vp;
	(void)st;
	return -ENODEV;
}

/* Nothing to write without a provider. */
static int io_null_sync(struct vnode *vp)
{
	(void)vp;
	return 0;
}

static int io_null_mount(struct vnode *cwd, const char *source, const char *target,
			 const char *fstype, unsigned long flags, const struct cred *cred)
{
	(void)source;
	(void)fstype;
	(void)flags;
	return io_null_remove(cwd, target, 0, cred);
}

static int io_null_umount(struct vnode *cwd, const char *target, int flags, const struct cred *cred)
{
	return io_null_remove(cwd, target, flags, cred);
}

static long io_null_mounts(struct mntinfo *buf, size_t room)
{
	(void)buf;
	(void)room;
	return -ENODEV;
}

static int io_null_shutdown(void)
{
	return 0;
}

static int io_null_mount_disk_root(const char *spec)
{
	(void)spec;
	return -ENODEV;
}

static int io_null_file_object(struct vnode *vp, const char *path, struct vm_object **out)
{
	(void)vp, (void)path, (void)out;
	return -ENODEV;
}

static int io_null_msync(int flags)
{
	(void)flags;
	return 0;
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
	.lookup = io_null_lookup,
	.setattr = io_null_setattr,
	.access = io_null_access,
	.readlink = io_null_getcwd,
	.symlink = io_null_symlink,
	.statfs = io_null_statfs,
	.sync = io_null_sync,
	.mount = io_null_mount,
	.umount = io_null_umount,
	.mounts = io_null_mounts,
	.mount_disk_root = io_null_mount_disk_root,
	.shutdown = io_null_shutdown,
	.file_object = io_null_file_object,
	.msync = io_null_msync,
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

int io_mount_disk_root(const char *spec)
{
	return io_ops->mount_disk_root(spec);
}
KERN_EXPORT(io_mount_disk_root);

int io_shutdown(void)
{
	return io_ops->shutdown();
}
KERN_EXPORT(io_shutdown);

int io_file_object(struct vnode *vp, const char *path, struct vm_object **out)
{
	return io_ops->file_object(vp, path, out);
}
KERN_EXPORT(io_file_object);

int io_msync(int flags)
{
	return io_ops->msync(flags);
}
KERN_EXPORT(io_msync);

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

int io_lookup(struct vnode *cwd, const char *path, int flags, const struct cred *cred,
	      struct vnode **out)
{
	return io_ops->lookup(cwd, path, flags, cred, out);
}
KERN_EXPORT(io_lookup);

int io_setattr(struct vnode *vp, const struct io_attr *attr, const struct cred *cred)
{
	return io_ops->setattr(vp, attr, cred);
}
KERN_EXPORT(io_setattr);

int io_access(struct vnode *vp, int mode, const struct cred *cred)
{
	return io_ops->access(vp, mode, cred);
}
KERN_EXPORT(io_access);

long io_readlink(struct vnode *vp, char *buf, size_t len)
{
	return io_ops->readlink(vp, buf, len);
}
KERN_EXPORT(io_readlink);

int io_symlink(struct vnode *cwd, const char *target, const char *path, const struct cred *cred)
{
	return io_ops->symlink(cwd, target, path, cred);
}
KERN_EXPORT(io_symlink);

int io_statfs(struct vnode *vp, struct statfs *st)
{
	return io_ops->statfs(vp, st);
}
KERN_EXPORT(io_statfs);

int io_sync(struct vnode *vp)
{
	return io_ops->sync(vp);
}
KERN_EXPORT(io_sync);

int io_mount(struct vnode *cwd, const char *source, const char *target, const char *fstype,
	     unsigned long flags, const struct cred *cred)
{
	return io_ops->mount(cwd, source, target, fstype, flags, cred);
}
KERN_EXPORT(io_mount);

int io_umount(struct vnode *cwd, const char *target, int flags, const struct cred *cred)
{
	return io_ops->umount(cwd, target, flags, cred);
}
KERN_EXPORT(io_umount);

long io_mounts(struct mntinfo *buf, size_t room)
{
	return io_ops->mounts(buf, room);
}
KERN_EXPORT(io_mounts);
