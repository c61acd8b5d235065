/*
 * Moving data: read, write, lseek, getdents. The verify halves check the
 * descriptor and that the user's buffer lies in user space, and hand the
 * file a uio over that buffer (user = 1): the bytes move once, between the
 * user's pages and the file, under the copy fixup.
 *
 * Locking: a seekable file's pos_lock (a mutex) is held around the
 * operation and the offset update, so threads sharing one open file each
 * get their own range (POSIX 2.9.7); it is taken after the descriptor
 * table's spinlock is dropped. Pipes and terminals take no lock here: a
 * blocking read must not stall an lseek that would fail anyway.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/signal.h>
#include <core/sys_file.h>
#include <kern/file.h>
#include <kern/lock.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/fcntl.h>

/* After a write of rc bytes at f->off: where the offset goes. pos_lock held. */
static void sys_rw_advance(struct file *f, long rc, int append)
{
	uint64_t size;

	if (append && fo_seekable(f, &size) == 0)
		f->off = size;
	else if (rc > 0)
		f->off += (uint64_t)rc;
}

static long sys_rw(struct proc *p, int fd, struct uio *uio, int write)
{
	struct file *f;
	uint64_t size;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	if (fo_seekable(f, &size) != 0) {
		rc = write ? fo_write(f, uio, 0) : fo_read(f, uio, 0);
	} else {
		mutex_lock(&f->pos_lock);
		if (write) {
			rc = fo_write(f, uio, f->off);
			sys_rw_advance(f, rc, (f->flags & O_APPEND) != 0);
		} else {
			rc = fo_read(f, uio, f->off);
			sys_rw_advance(f, rc, 0);
		}
		mutex_unlock(&f->pos_lock);
	}
	file_unref(f);
	return rc;
}

long kern_read(struct proc *p, int fd, struct uio *uio)
{
	return sys_rw(p, fd, uio, 0);
}

long kern_write(struct proc *p, int fd, struct uio *uio)
{
	return sys_rw(p, fd, uio, 1);
}

static long sys_seek_to(struct file *f, int64_t off, int whence, uint64_t size)
{
	int64_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->off;
		break;
	case SEEK_END:
		base = (int64_t)size;
		break;
	default:
		return -EINVAL;
	}
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	f->off = (uint64_t)(base + off);
	return (long)f->off;
}

long kern_lseek(struct proc *p, int fd, int64_t off, int whence)
{
	struct file *f;
	uint64_t size;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	mutex_lock(&f->pos_lock);
	rc = fo_seekable(f, &size);
	if (rc == 0)
		rc = sys_seek_to(f, off, whence, size);
	mutex_unlock(&f->pos_lock);
	file_unref(f);
	return rc;
}

long kern_getdents(struct proc *p, int fd, struct uio *uio)
{
	struct file *f;
	long rc = fdtab_get(p->fds, fd, &f);

	if (rc)
		return rc;
	mutex_lock(&f->pos_lock);
	rc = fo_getdents(f, uio, &f->off);
	mutex_unlock(&f->pos_lock);
	file_unref(f);
	return rc;
}

/* A user buffer argument as a uio: -EINVAL for a negative length, -EFAULT outside user space. */
static long sys_uio_arg(struct uio *uio, long buf, long len)
{
	if (len < 0)
		return -EINVAL;
	if (len > SYS_IO_MAX)
		len = SYS_IO_MAX;
	if (len && !uaccess_ok((uint64_t)buf, (size_t)len))
		return -EFAULT;
	*uio = (struct uio){ .base = (uint64_t)buf, .resid = (size_t)len, .user = 1 };
	return 0;
}

long sys_read(SYS_HANDLER_ARGS)
{
	struct uio uio;
	long rc = sys_uio_arg(&uio, a1, a2);

	return rc ? rc : kern_read(sys_proc(), sys_fd_arg(a0), &uio);
}

/*
 * SIGPIPE hook: a write to a pipe with no reader gives -EPIPE, and POSIX
 * also sends SIGPIPE to the writer (delivered on its way back to user
 * mode; by default it ends the process, ignored it leaves just EPIPE).
 */
static void sys_write_sigpipe(struct proc *p)
{
	signal_post(p, SIGPIPE);
}

long sys_write(SYS_HANDLER_ARGS)
{
	struct proc *p;
	struct uio uio;
	long rc = sys_uio_arg(&uio, a1, a2);

	if (rc)
		return rc;
	p = sys_proc();
	rc = kern_write(p, sys_fd_arg(a0), &uio);
	if (rc == -EPIPE)
		sys_write_sigpipe(p);
	return rc;
}

long sys_lseek(SYS_HANDLER_ARGS)
{
	if (a2 < 0 || a2 > 0x7fffffffL)
		return -EINVAL;
	return kern_lseek(sys_proc(), sys_fd_arg(a0), (int64_t)a1, (int)a2);
}

long sys_getdents(SYS_HANDLER_ARGS)
{
	struct uio uio;
	long rc = sys_uio_arg(&uio, a1, a2);

	return rc ? rc : kern_getdents(sys_proc(), sys_fd_arg(a0), &uio);
}
