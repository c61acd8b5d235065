/*
 * Open files on vnodes: the fileops of regular files and directories, and
 * vfs_open_vnode(), which picks the fileops for a vnode's type (device
 * files get theirs from the device switch, dev.c).
 *
 * A struct file on a vnode keeps one reference to it in f->priv, dropped
 * by close. Regular files of a disk file system read and write through
 * the page cache (vfs_page.c); a store's (ramfs) goes there by itself. Data moves under the vnode's
 * lock, so a read never sees half a write of another CPU and O_APPEND writes do not interleave; a
 * directory is read under vfs_ns_lock, like every other look at names.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "dev.h"
#include "ev.h"
#include "vfs.h"
#include "vfs_fifo.h"
#include "vfs_page.h"

static long vfs_file_read(struct file *f, struct uio *uio, uint64_t off)
{
	struct vnode *vp = f->priv;
	long n;

	mutex_lock(&vp->lock);
	n = vfs_pc_mode(vp) == VFS_PC_CACHE ? vfs_page_read(vp, uio, off)
					    : vp->ops->read(vp, uio, off);
	vp->atime = vfs_now();
	mutex_unlock(&vp->lock);
	return n;
}

/*
 * With O_APPEND the write goes to the end of the file as it is under the
 * lock, and f->off is left at the new end (the caller's offset is moot).
 */
static long vfs_file_write(struct file *f, struct uio *uio, uint64_t off)
{
	struct vnode *vp = f->priv;
	long n;

	mutex_lock(&vp->lock);
	if (f->flags & O_APPEND)
		off = vp->size;
	n = vfs_pc_mode(vp) == VFS_PC_CACHE ? vfs_page_write(vp, uio, off)
					    : vp->ops->write(vp, uio, off);
	if (n > 0) {
		vp->mtime = vp->ctime = vfs_now();
		if (f->flags & O_APPEND)
			f->off = off + (uint64_t)n;
	}
	mutex_unlock(&vp->lock);
	ev_vfs_write(f, n);
	return n;
}

static int vfs_file_stat(struct file *f, struct stat *st)
{
	vfs_getattr(f->priv, st);
	return 0;
}

static int vfs_file_seekable(struct file *f, uint64_t *size)
{
	struct vnode *vp = f->priv;

	mutex_lock(&vp->lock);
	*size = vp->size;
	mutex_unlock(&vp->lock);
	return 0;
}

/* Count an open for writing (count: write_opens) unless the file is a
 * running program's, or a program's (text_refs) unless it is open for
 * writing: -ETXTBSY then. */
static int vfs_count_open(struct vnode *vp, unsigned *count)
{
	int busy;

	mutex_lock(&vp->lock);
	busy = (count == &vp->write_opens ? vp->text_refs : vp->write_opens) != 0;
	if (!busy)
		(*count)++;
	mutex_unlock(&vp->lock);
	return busy ? -ETXTBSY : 0;
}

static void vfs_uncount_open(struct vnode *vp, unsigned *count)
{
	mutex_lock(&vp->lock);
	(*count)--;
	mutex_unlock(&vp->lock);
}

/* A regular file opened for writing counts in write_opens while open: a
 * program's file cannot be opened so (ETXTBSY), nor exec'd while it is. */
static int vfs_file_writes(const struct file *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

static void vfs_file_close(struct file *f)
{
	vfs_vrele(f->priv);
}

static void vfs_reg_close(struct file *f)
{
	struct vnode *vp = f->priv;

	if (vfs_file_writes(f))
		vfs_uncount_open(vp, &vp->write_opens);
	vfs_vrele(vp);
}

/* The file exec keeps open while the program runs (its image). */
static void vfs_text_close(struct file *f)
{
	struct vnode *vp = f->priv;

	vfs_uncount_open(vp, &vp->text_refs);
	vfs_vrele(vp);
}

struct vfs_dents {
	struct uio *uio;
	long moved;
	int rc;
	int full; /* a record did not fit */
};

/* One struct dirent record into the caller's buffer, if it fits whole. */
static int vfs_dent_put(void *arg, const char *name, size_t len, uint64_t ino, unsigned type,
			uint64_t next)
{
	struct vfs_dents *d = arg;
	union {
		struct dirent de;
		char raw[sizeof(struct dirent) + VFS_NAME_MAX + 8];
	} rec;
	size_t reclen = (offsetof(struct dirent, d_name) + len + 1 + 7) & ~(size_t)7;
	long m;

	if (reclen > d->uio->resid) {
		d->full = 1;
		return 1;
	}
	memset(&rec, 0, reclen);
	rec.de.d_ino = ino;
	rec.de.d_off = (int64_t)next;
	rec.de.d_reclen = (uint16_t)reclen;
	rec.de.d_type = (uint8_t)type;
	memcpy(rec.de.d_name, name, len);
	m = uio_move(&rec, reclen, d->uio, 1);
	if (m < 0) {
		d->rc = (int)m;
		return 1;
	}
	d->moved += m;
	return 0;
}

static long vfs_dir_getdents(struct file *f, struct uio *uio, uint64_t *off)
{
	struct vnode *vp = f->priv;
	struct vfs_dents d = { .uio = uio };
	int rc;

	mutex_lock(&vfs_ns_lock);
	rc = vp->nlink ? vp->ops->readdir(vp, off, vfs_dent_put, &d) : 0;
	mutex_unlock(&vfs_ns_lock);
	if (rc)
		return rc;
	if (d.moved == 0 && d.rc)
		return d.rc;
	if (d.moved == 0 && d.full)
		return -EINVAL;
	return d.moved;
}

static const struct fileops vfs_reg_fileops = {
	.version = FILEOPS_VERSION,
	.read = vfs_file_read,
	.write = vfs_file_write,
	.stat = vfs_file_stat,
	.close = vfs_reg_close,
	.seekable = vfs_file_seekable,
};

static const struct fileops vfs_text_fileops = {
	.version = FILEOPS_VERSION,
	.read = vfs_file_read,
	.stat = vfs_file_stat,
	.close = vfs_text_close,
	.seekable = vfs_file_seekable,
};

static const struct fileops vfs_dir_fileops = {
	.version = FILEOPS_VERSION,
	.stat = vfs_file_stat,
	.getdents = vfs_dir_getdents,
	.close = vfs_file_close,
	.seekable = vfs_file_seekable,
};

int vfs_open_vnode(struct vnode *vp, int flags, struct file **out)
{
	const struct fileops *ops;
	struct file *f;
	int writes;

	switch (vp->mode & S_IFMT) {
	case S_IFREG:
		ops = &vfs_reg_fileops;
		break;
	case S_IFDIR:
		ops = &vfs_dir_fileops;
		break;
	case S_IFIFO:
		return vfs_fifo_open(vp, flags, out);
	case S_IFCHR:
		ops = dev_fileops(vp->rdev);
		if (ops == NULL)
			return -ENXIO;
		break;
	case S_IFBLK:
		ops = blk_dev_fileops(vp->rdev);
		if (ops == NULL)
			return -ENXIO;
		break;
	default:
		return -ENXIO;
	}
	writes = ops == &vfs_reg_fileops && (flags & O_ACCMODE) != O_RDONLY;
	if (writes && vfs_count_open(vp, &vp->write_opens) != 0)
		return -ETXTBSY; /* a running program's file */
	f = file_alloc(ops, vfs_vref(vp), (unsigned)flags & ~(unsigned)O_CLOEXEC);
	if (f == NULL) {
		if (writes)
			vfs_uncount_open(vp, &vp->write_opens);
		vfs_vrele(vp);
		return -ENOMEM;
	}
	f->vnode = vp;
	*out = f;
	return 0;
}

int vfs_open_text(struct vnode *vp, struct file **out)
{
	struct file *f;

	if (vfs_count_open(vp, &vp->text_refs) != 0)
		return -ETXTBSY; /* open for writing */
	f = file_alloc(&vfs_text_fileops, vfs_vref(vp), O_RDONLY);
	if (f == NULL) {
		vfs_uncount_open(vp, &vp->text_refs);
		vfs_vrele(vp);
		return -ENOMEM;
	}
	f->vnode = vp;
	*out = f;
	return 0;
}
