/*
 * Calls that name files: open, chdir, mkdir, mknod, stat, link, unlink,
 * rmdir, rename, getcwd. The verify halves copy each path into a kernel
 * buffer of IO_PATH_MAX bytes (copyinstr(): -EFAULT, -ENAMETOOLONG; an
 * empty path is -ENOENT, as POSIX says); the implement halves resolve it
 * through the io role from the working directory, with the process's
 * credentials and its umask applied to new files' modes.
 *
 * Locking: sys_cwd_lock (a mutex) guards every process's p->cwd while it
 * is read and referenced or replaced, so a chdir() in one thread never
 * frees the directory another thread is starting a lookup from; the old
 * directory is released after the lock is dropped. io calls run with no
 * lock of this layer held. Lock order: sys_cwd_lock, then a descriptor
 * table's lock (it is never held across a table call now).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <kern/file.h>
#include <kern/io.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

static struct mutex sys_cwd_lock = MUTEX_INIT("cwd");

struct vnode *kern_cwd_hold(struct proc *p)
{
	struct vnode *vp;

	mutex_lock(&sys_cwd_lock);
	vp = p->cwd;
	if (vp)
		io_vref(vp);
	mutex_unlock(&sys_cwd_lock);
	return vp;
}

/* Permission bits of a new file: the caller's, less the umask. */
static unsigned sys_newmode(struct proc *p, unsigned mode)
{
	return mode & 07777 & ~__atomic_load_n(&p->umask, __ATOMIC_RELAXED);
}

long kern_open(struct proc *p, const char *path, int flags, unsigned mode)
{
	struct vnode *cwd;
	struct file *f;
	int fd, rc;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	cwd = kern_cwd_hold(p);
	rc = io_open(cwd, path, flags & ~O_CLOEXEC, sys_newmode(p, mode), &p->cred, &f);
	if (rc == 0)
		file_set_path(f, cwd, path);
	io_vrele(cwd);
	if (rc)
		return rc;
	rc = fdtab_install(p->fds, &f, 1, 0, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0, &fd);
	if (rc) {
		file_unref(f);
		return rc;
	}
	return fd;
}

long kern_chdir(struct proc *p, const char *path)
{
	struct vnode *cwd = kern_cwd_hold(p), *dir, *old;
	int rc = io_lookup_dir(cwd, path, &p->cred, &dir);

	io_vrele(cwd);
	if (rc)
		return rc;
	mutex_lock(&sys_cwd_lock);
	old = p->cwd;
	p->cwd = dir;
	mutex_unlock(&sys_cwd_lock);
	io_vrele(old);
	return 0;
}

long kern_mkdir(struct proc *p, const char *path, unsigned mode)
{
	struct vnode *cwd = kern_cwd_hold(p);
	int rc = io_mknod(cwd, path, S_IFDIR | sys_newmode(p, mode), 0, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_mknod(struct proc *p, const char *path, unsigned mode, uint64_t dev)
{
	unsigned type = (mode & S_IFMT) ? (mode & S_IFMT) : S_IFREG;
	struct vnode *cwd;
	int rc;

	if (type != S_IFREG && type != S_IFIFO && type != S_IFCHR && type != S_IFBLK)
		return -EINVAL;
	if ((type == S_IFCHR || type == S_IFBLK) && p->cred.euid != 0)
		return -EPERM;
	cwd = kern_cwd_hold(p);
	rc = io_mknod(cwd, path, type | sys_newmode(p, mode), dev, &p->cred);
	io_vrele(cwd);
	return rc;
}

long kern_stat(struct proc *p, const char *path, int flags, struct stat *st)
{
	struct vnode *cwd;
	int rc;

	if (flags & ~AT_SYMLINK_NOFOLLOW)
		return -EINVAL;
	cwd = kern_cwd_hold(p);
	rc = io_stat(cwd, path, flags, &p->cred, st);
	io_vrele(cwd);
	return rc;
}

long kern_link(struct proc *p, const char *from, const char *to)
{
	struct vnode *cwd = kern_cwd_hold(p);
	int rc = io_link(cwd, from, to, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_rename(struct proc *p, const char *from, const char *to)
{
	struct vnode *cwd = kern_cwd_hold(p);
	int rc = io_rename(cwd, from, to, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_remove(struct proc *p, const char *path, int dir)
{
	struct vnode *cwd = kern_cwd_hold(p);
	int rc = io_remove(cwd, path, dir, &p->cred);

	io_vrele(cwd);
	return rc;
}

long kern_getcwd(struct proc *p, char *buf, size_t len)
{
	struct vnode *cwd = kern_cwd_hold(p);
	long rc = cwd ? io_getcwd(cwd, buf, len) : -ENOENT;

	io_vrele(cwd);
	return rc;
}
