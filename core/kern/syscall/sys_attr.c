/*
 * File attributes: chmod, fchmod, chown (lchown with AT_SYMLINK_NOFOLLOW),
 * fchown, utimens, access, truncate and ftruncate. Each verify half turns
 * its arguments into one struct io_attr (a mask of what changes) and the
 * implement halves hand it to the io role, which checks the permission
 * rules (POSIX's; see modules/io/vfs_attr.c) and changes the file under
 * its own lock. An ID of -1 leaves the owner or the group as it is; a
 * time of UTIME_OMIT leaves that time, UTIME_NOW (or no array at all)
 * sets it to now.
 *
 * Locking: none here; the working directory is held through
 * kern_cwd_hold() and a descriptor's file through fdtab_get().
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <core/sys_fs.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/ipc.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include <uapi/time.h>

#define SYS_NS 1000000000LL

long kern_setattr_path(struct proc *p, const char *path, int flags, const struct io_attr *a)
{
	struct vnode *cwd = kern_cwd_hold(p), *vp;
	long rc = io_lookup(cwd, path, flags, &p->cred, &vp);

	io_vrele(cwd);
	if (rc)
		return rc;
	rc = a->mask ? io_setattr(vp, a, &p->cred) : 0;
	io_vrele(vp);
	return rc;
}

long kern_setattr_fd(struct proc *p, int fd, const struct io_attr *a)
{
	struct io_attr opened = *a;
	struct file *f;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	if (f->vnode == NULL)
		rc = ipc_shm_setattr(f, a, &p->cred); /* a POSIX shm object, or -EINVAL */
	else if ((a->mask & IO_ATTR_SIZE) && (f->flags & O_ACCMODE) == O_RDONLY)
		rc = -EINVAL;
	else {
		if (a->mask & IO_ATTR_SIZE)
			opened.mask |= IO_ATTR_OPENED;
		rc = io_setattr(f->vnode, &opened, &p->cred);
	}
	file_unref(f);
	return rc;
}

long kern_access(struct proc *p, const char *path, int mode)
{
	struct cred real = { p->cred.uid, p->cred.gid, p->cred.uid, p->cred.gid };
	struct vnode *cwd, *vp;
	long rc;

	if (mode & ~7)
		return -EINVAL;
	cwd = kern_cwd_hold(p);
	rc = io_lookup(cwd, path, 0, &real, &vp);
	io_vrele(cwd);
	if (rc)
		return rc;
	rc = io_access(vp, mode, &real);
	io_vrele(vp);
	return rc;
}

/* A path call: copy the path in, then kern_setattr_path(). */
static long sys_attr_path(long upath, int flags, const struct io_attr *a)
{
	char *path;
	long rc = sys_path_copy(upath, &path);

	if (rc == 0)
		rc = kern_setattr_path(sys_proc(), path, flags, a);
	mem_free(path);
	return rc;
}

long sys_chmod(SYS_HANDLER_ARGS)
{
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = (unsigned)a1 & 07777 };

	return sys_attr_path(a0, 0, &a);
}

long sys_fchmod(SYS_HANDLER_ARGS)
{
	struct io_attr a = { .mask = IO_ATTR_MODE, .mode = (unsigned)a1 & 07777 };

	return kern_setattr_fd(sys_proc(), sys_fd_arg(a0), &a);
}

/* The owner part of chown: -1 leaves an ID alone. */
static struct io_attr sys_owner_attr(long uid, long gid)
{
	struct io_attr a = { .uid = (uint32_t)uid, .gid = (uint32_t)gid };

	if ((int)uid != -1)
		a.mask |= IO_ATTR_UID;
	if ((int)gid != -1)
		a.mask |= IO_ATTR_GID;
	return a;
}

long sys_chown(SYS_HANDLER_ARGS)
{
	struct io_attr a = sys_owner_attr(a1, a2);

	if (a3 & ~(long)AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	return sys_attr_path(a0, (int)a3, &a);
}

long sys_fchown(SYS_HANDLER_ARGS)
{
	struct io_attr a = sys_owner_attr(a1, a2);

	return kern_setattr_fd(sys_proc(), sys_fd_arg(a0), &a);
}

/* One timespec of utimens into the mask: @p set / @p now are its bits. */
static int sys_time_attr(const struct timespec *ts, struct io_attr *a, unsigned set, unsigned now,
			 uint64_t *ns)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return 0;
	if (ts->tv_nsec == UTIME_NOW) {
		a->mask |= now;
		return 0;
	}
	if (ts->tv_nsec < 0 || ts->tv_nsec >= SYS_NS || ts->tv_sec < 0)
		return -EINVAL;
	*ns = (uint64_t)ts->tv_sec * (uint64_t)SYS_NS + (uint64_t)ts->tv_nsec;
	a->mask |= set;
	return 0;
}

long sys_utimens(SYS_HANDLER_ARGS)
{
	struct timespec ts[2];
	struct io_attr a = { 0 };
	long rc;

	if (a2 & ~(long)AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	if (a1 == 0) {
		a.mask = IO_ATTR_ATIME_NOW | IO_ATTR_MTIME_NOW;
	} else {
		if (copyin(ts, (uint64_t)a1, sizeof(ts)) != 0)
			return -EFAULT;
		rc = sys_time_attr(&ts[0], &a, IO_ATTR_ATIME, IO_ATTR_ATIME_NOW, &a.atime);
		if (rc == 0)
			rc = sys_time_attr(&ts[1], &a, IO_ATTR_MTIME, IO_ATTR_MTIME_NOW, &a.mtime);
		if (rc)
			return rc;
	}
	return sys_attr_path(a0, (int)a2, &a);
}

long sys_access(SYS_HANDLER_ARGS)
{
	char *path;
	long rc = sys_path_copy(a0, &path);

	if (rc == 0)
		rc = kern_access(sys_proc(), path, (int)a1);
	mem_free(path);
	return rc;
}

long sys_truncate(SYS_HANDLER_ARGS)
{
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = (uint64_t)a1 };

	if (a1 < 0)
		return -EINVAL;
	return sys_attr_path(a0, 0, &a);
}

long sys_ftruncate(SYS_HANDLER_ARGS)
{
	struct io_attr a = { .mask = IO_ATTR_SIZE, .size = (uint64_t)a1 };

	if (a1 < 0)
		return -EINVAL;
	return kern_setattr_fd(sys_proc(), sys_fd_arg(a0), &a);
}
