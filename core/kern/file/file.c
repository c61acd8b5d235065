/*
 * Open files: reference counting and the fo_*() wrappers, the only callers
 * of a struct fileops. A member a kind of file leaves NULL gets the POSIX
 * answer for that kind here, so no caller tests for NULL.
 *
 * Locking: the reference count is atomic; the offset is the caller's (the
 * system-call layer moves it under the file's pos_lock after a read or
 * write of a seekable file). A file's kind locks its own state.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

struct file *file_alloc(const struct fileops *ops, void *priv, unsigned flags)
{
	struct file *f = mem_zalloc(sizeof(*f));

	if (f == NULL)
		return NULL;
	f->ops = ops;
	f->priv = priv;
	f->flags = flags;
	f->refs = 1;
	f->pos_lock.name = "file pos";
	return f;
}
KERN_EXPORT(file_alloc);

struct file *file_ref(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
	return f;
}
KERN_EXPORT(file_ref);

void file_unref(struct file *f)
{
	if (f == NULL || __atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (f->ops->close)
		f->ops->close(f);
	mem_free(f->path);
	mem_free(f);
}
KERN_EXPORT(file_unref);

long fo_read(struct file *f, struct uio *uio, uint64_t off)
{
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (f->ops->read == NULL)
		return f->ops->getdents ? -EISDIR : -EINVAL;
	return f->ops->read(f, uio, off);
}
KERN_EXPORT(fo_read);

long fo_write(struct file *f, struct uio *uio, uint64_t off)
{
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (f->ops->write == NULL)
		return f->ops->getdents ? -EISDIR : -EINVAL;
	return f->ops->write(f, uio, off);
}
KERN_EXPORT(fo_write);

int fo_stat(struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	return f->ops->stat ? f->ops->stat(f, st) : 0;
}
KERN_EXPORT(fo_stat);

long fo_getdents(struct file *f, struct uio *uio, uint64_t *off)
{
	return f->ops->getdents ? f->ops->getdents(f, uio, off) : -ENOTDIR;
}
KERN_EXPORT(fo_getdents);

long fo_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}
KERN_EXPORT(fo_ioctl);

int fo_seekable(struct file *f, uint64_t *size)
{
	*size = 0;
	return f->ops->seekable ? f->ops->seekable(f, size) : -ESPIPE;
}
KERN_EXPORT(fo_seekable);

long uio_move(void *kbuf, size_t n, struct uio *uio, int to_uio)
{
	size_t len = n < uio->resid ? n : uio->resid;
	int rc = 0;

	if (len == 0)
		return 0;
	if (!uio->user) {
		if (to_uio)
			memcpy((void *)uio->base, kbuf, len);
		else
			memcpy(kbuf, (const void *)uio->base, len);
	} else {
		rc = to_uio ? copyout(uio->base, kbuf, len) : copyin(kbuf, uio->base, len);
	}
	if (rc)
		return rc;
	uio->base += len;
	uio->resid -= len;
	return (long)len;
}
KERN_EXPORT(uio_move);
