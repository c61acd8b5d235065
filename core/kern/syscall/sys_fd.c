/*
 * Descriptor calls: close, dup, dup2, fcntl, ioctl, fstat, and umask (the
 * other per-process file state). Verify halves (sys_*) check the raw
 * arguments and copy out; implement halves (kern_*) work on the process's
 * descriptor table (core/fdtab.h), which locks itself.
 *
 * Locking: none here. A file's status flags change with an atomic
 * compare-and-swap (F_SETFL), so no update is lost to a thread doing the
 * same; the umask is exchanged atomically.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <kern/file.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

/* The status flags F_SETFL may change; the access mode and the rest stay. */
#define SYS_SETFL_MASK (O_APPEND | O_NONBLOCK)

long kern_close(struct proc *p, int fd)
{
	return fdtab_close(p->fds, fd);
}

long kern_dup(struct proc *p, int fd)
{
	return fdtab_dup(p->fds, fd, 0, 0);
}

long kern_dup2(struct proc *p, int fd, int fd2)
{
	return fdtab_dup2(p->fds, fd, fd2, 0);
}

static long sys_fcntl_fl(struct proc *p, int fd, int cmd, long arg)
{
	struct file *f;
	unsigned old, new;
	int rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	old = __atomic_load_n(&f->flags, __ATOMIC_RELAXED);
	if (cmd == F_SETFL) {
		do {
			new = (old & ~SYS_SETFL_MASK) | ((unsigned)arg & SYS_SETFL_MASK);
		} while (!__atomic_compare_exchange_n(&f->flags, &old, new, 0, __ATOMIC_RELAXED,
						      __ATOMIC_RELAXED));
		old = 0;
	}
	file_unref(f);
	return (long)old;
}

long kern_fcntl(struct proc *p, int fd, int cmd, long arg)
{
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= FDTAB_MAX)
			return fdtab_getfd(p->fds, fd) < 0 ? -EBADF : -EINVAL;
		return fdtab_dup(p->fds, fd, (int)arg, cmd == F_DUPFD_CLOEXEC ? FD_CLOEXEC : 0);
	case F_GETFD:
		return fdtab_getfd(p->fds, fd);
	case F_SETFD:
		return fdtab_setfd(p->fds, fd, (unsigned)arg);
	case F_GETFL:
	case F_SETFL:
		return sys_fcntl_fl(p, fd, cmd, arg);
	default:
		return fdtab_getfd(p->fds, fd) < 0 ? -EBADF : -EINVAL;
	}
}

long kern_ioctl(struct proc *p, int fd, unsigned long req, uint64_t arg)
{
	struct file *f;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	rc = fo_ioctl(f, req, arg);
	file_unref(f);
	return rc;
}

long kern_fstat(struct proc *p, int fd, struct stat *st)
{
	struct file *f;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	rc = fo_stat(f, st);
	file_unref(f);
	return rc;
}

long kern_umask(struct proc *p, unsigned mask)
{
	return (long)__atomic_exchange_n(&p->umask, mask & 0777, __ATOMIC_RELAXED);
}

long sys_close(SYS_HANDLER_ARGS)
{
	return kern_close(sys_proc(), sys_fd_arg(a0));
}

long sys_dup(SYS_HANDLER_ARGS)
{
	return kern_dup(sys_proc(), sys_fd_arg(a0));
}

long sys_dup2(SYS_HANDLER_ARGS)
{
	return kern_dup2(sys_proc(), sys_fd_arg(a0), sys_fd_arg(a1));
}

long sys_fcntl(SYS_HANDLER_ARGS)
{
	if (a1 < 0 || a1 > 0x7fffffffL)
		return -EINVAL;
	return kern_fcntl(sys_proc(), sys_fd_arg(a0), (int)a1, a2);
}

long sys_ioctl(SYS_HANDLER_ARGS)
{
	return kern_ioctl(sys_proc(), sys_fd_arg(a0), (unsigned long)a1, (uint64_t)a2);
}

long sys_fstat(SYS_HANDLER_ARGS)
{
	struct stat st;
	long rc;

	if (!uaccess_ok((uint64_t)a1, sizeof(st)))
		return -EFAULT;
	rc = kern_fstat(sys_proc(), sys_fd_arg(a0), &st);
	if (rc == 0)
		rc = copyout((uint64_t)a1, &st, sizeof(st));
	return rc;
}

long sys_umask(SYS_HANDLER_ARGS)
{
	return kern_umask(sys_proc(), (unsigned)a0);
}
