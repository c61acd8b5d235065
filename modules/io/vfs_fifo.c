/*
 * The open file of a FIFO vnode: the name space's half. The ring, the
 * open rules and the blocking are the ipc role's (ipc_fifo_open() and the
 * rest, modules/ipc/fifo.c), which keys its state by the vnode, so every
 * file system's S_IFIFO files work alike. Here: the struct file, its
 * vnode reference, and fstat from the vnode's attributes.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/ipc.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "vfs.h"
#include "vfs_fifo.h"

static int vfs_fifo_flags(const struct file *f)
{
	return (int)__atomic_load_n(&f->flags, __ATOMIC_RELAXED);
}

static long vfs_fifo_read(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	return ipc_fifo_read(f->priv, uio, vfs_fifo_flags(f));
}

static long vfs_fifo_write(struct file *f, struct uio *uio, uint64_t off)
{
	(void)off;
	return ipc_fifo_write(f->priv, uio, vfs_fifo_flags(f));
}

static int vfs_fifo_stat(struct file *f, struct stat *st)
{
	vfs_getattr(f->vnode, st);
	st->st_size = 0;
	return 0;
}

static void vfs_fifo_close(struct file *f)
{
	ipc_fifo_close(f->priv, (int)f->flags);
	vfs_vrele(f->vnode);
}

static const struct fileops vfs_fifo_fileops = {
	.version = FILEOPS_VERSION,
	.read = vfs_fifo_read,
	.write = vfs_fifo_write,
	.stat = vfs_fifo_stat,
	.close = vfs_fifo_close,
};

int vfs_fifo_open(struct vnode *vp, int flags, struct file **out)
{
	unsigned fl = (unsigned)flags & (O_ACCMODE | O_NONBLOCK | O_APPEND);
	struct ipc_fifo *ff;
	struct file *f;
	int rc;

	*out = NULL;
	rc = ipc_fifo_open(vp, (int)fl, &ff);
	if (rc)
		return rc;
	f = file_alloc(&vfs_fifo_fileops, ff, fl);
	if (f == NULL) {
		ipc_fifo_close(ff, (int)fl);
		return -ENOMEM;
	}
	f->vnode = vfs_vref(vp);
	*out = f;
	return 0;
}
