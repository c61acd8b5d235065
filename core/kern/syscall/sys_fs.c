/*
 * Symbolic links and file systems: symlink, readlink, sync, fsync, statfs,
 * fstatfs, mount, umount and sysctl(SYSCTL_MOUNTS). Paths and names are
 * copied into kernel buffers of IO_PATH_MAX bytes (sys_path_copy());
 * readlink's and statfs's results are made in kernel memory and copied
 * out whole, so a bad buffer is -EFAULT and never a half-done call.
 *
 * Locking: none here (see sys_attr.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <core/sys_fs.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include <uapi/statfs.h>

long kern_symlink(struct proc *p, const char *target, const char *path)
{
	struct vnode *cwd = kern_cwd_hold(p);
	long rc = io_symlink(cwd, target, path, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_readlink(struct proc *p, const char *path, char *buf, size_t len)
{
	struct vnode *cwd = kern_cwd_hold(p), *vp;
	long rc = io_lookup(cwd, path, AT_SYMLINK_NOFOLLOW, &p->cred, &vp);

	io_vrele(cwd);
	if (rc)
		return rc;
	rc = io_readlink(vp, buf, len);
	io_vrele(vp);
	return rc;
}

long kern_statfs(struct proc *p, const char *path, struct statfs *st)
{
	struct vnode *cwd = kern_cwd_hold(p), *vp;
	long rc = io_lookup(cwd, path, 0, &p->cred, &vp);

	io_vrele(cwd);
	if (rc)
		return rc;
	rc = io_statfs(vp, st);
	io_vrele(vp);
	return rc;
}

/* The name-space file of descriptor @p fd, referenced through *fp. */
static long sys_fd_vnode(struct proc *p, int fd, struct file **fp)
{
	long rc = fdtab_get(p->fds, fd, fp);

	if (rc == 0 && (*fp)->vnode == NULL) {
		file_unref(*fp);
		*fp = NULL;
		rc = -EINVAL;
	}
	return rc;
}

long kern_fstatfs(struct proc *p, int fd, struct statfs *st)
{
	struct file *f;
	long rc = sys_fd_vnode(p, fd, &f);

	if (rc == 0) {
		rc = io_statfs(f->vnode, st);
		file_unref(f);
	}
	return rc;
}

long kern_fsync(struct proc *p, int fd)
{
	struct file *f;
	long rc = sys_fd_vnode(p, fd, &f);

	if (rc == 0) {
		rc = io_sync(f->vnode);
		file_unref(f);
	}
	return rc;
}

long kern_mount(struct proc *p, const char *source, const char *target, const char *fstype,
		unsigned long flags)
{
	struct vnode *cwd = kern_cwd_hold(p);
	long rc = io_mount(cwd, source, target, fstype, flags, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_umount(struct proc *p, const char *target, int flags)
{
	struct vnode *cwd = kern_cwd_hold(p);
	long rc = io_umount(cwd, target, flags, &p->cred);

	io_vrele(cwd);
	return rc;
}

long sys_symlink(SYS_HANDLER_ARGS)
{
	return sys_two_paths(a0, a1, kern_symlink);
}

long sys_readlink(SYS_HANDLER_ARGS)
{
	size_t len = a2 < IO_PATH_MAX ? (size_t)a2 : IO_PATH_MAX;
	char *path, *buf;
	long rc;

	if (a2 <= 0)
		return -EINVAL;
	if (!uaccess_ok((uint64_t)a1, len))
		return -EFAULT;
	rc = sys_path_copy(a0, &path);
	if (rc)
		return rc;
	buf = mem_alloc(len);
	rc = buf ? kern_readlink(sys_proc(), path, buf, len) : -ENOMEM;
	if (rc > 0 && copyout((uint64_t)a1, buf, (size_t)rc) != 0)
		rc = -EFAULT;
	mem_free(buf);
	mem_free(path);
	return rc;
}

long sys_sync(SYS_HANDLER_ARGS)
{
	io_sync(NULL);
	return 0;
}

long sys_fsync(SYS_HANDLER_ARGS)
{
	return kern_fsync(sys_proc(), sys_fd_arg(a0));
}

/* fdatasync: the file's data and what finds it again; fsync's work does it. */
long sys_fdatasync(SYS_HANDLER_ARGS)
{
	return kern_fsync(sys_proc(), sys_fd_arg(a0));
}

long sys_statfs(SYS_HANDLER_ARGS)
{
	struct statfs st;
	char *path;
	long rc;

	if (!uaccess_ok((uint64_t)a1, sizeof(st)))
		return -EFAULT;
	rc = sys_path_copy(a0, &path);
	if (rc == 0)
		rc = kern_statfs(sys_proc(), path, &st);
	mem_free(path);
	if (rc == 0)
		rc = copyout((uint64_t)a1, &st, sizeof(st));
	return rc;
}

long sys_fstatfs(SYS_HANDLER_ARGS)
{
	struct statfs st;
	long rc;

	if (!uaccess_ok((uint64_t)a1, sizeof(st)))
		return -EFAULT;
	rc = kern_fstatfs(sys_proc(), sys_fd_arg(a0), &st);
	if (rc == 0)
		rc = copyout((uint64_t)a1, &st, sizeof(st));
	return rc;
}

/* mount(source, target, fstype, flags): a NULL source is "none". */
long sys_mount(SYS_HANDLER_ARGS)
{
	char *source = NULL, *target = NULL, *fstype = NULL;
	long rc = a0 ? sys_path_copy(a0, &source) : 0;

	if (rc == 0)
		rc = sys_path_copy(a1, &target);
	if (rc == 0)
		rc = sys_path_copy(a2, &fstype);
	if (rc == 0)
		rc = kern_mount(sys_proc(), source ? source : "none", target, fstype,
				(unsigned long)a3);
	mem_free(source);
	mem_free(target);
	mem_free(fstype);
	return rc;
}

long sys_umount(SYS_HANDLER_ARGS)
{
	char *target;
	long rc = sys_path_copy(a0, &target);

	if (rc == 0)
		rc = kern_umount(sys_proc(), target, (int)a1);
	mem_free(target);
	return rc;
}

long sys_sysctl_mounts(long room, uint64_t uarg)
{
	struct mntinfo *buf;
	long n, rc;
	size_t k;

	if (room < 0)
		return -EINVAL;
	n = io_mounts(NULL, 0);
	if (n <= 0 || room == 0)
		return n;
	k = (size_t)(room < n ? room : n);
	if (!uaccess_ok(uarg, k * sizeof(*buf)))
		return -EFAULT;
	buf = mem_zalloc(k * sizeof(*buf));
	if (buf == NULL)
		return -ENOMEM;
	n = io_mounts(buf, k);
	rc = n < 0
		 ? n
		 : (copyout(uarg, buf, (n < (long)k ? (size_t)n : k) * sizeof(*buf)) ? -EFAULT : n);
	mem_free(buf);
	return rc;
}
