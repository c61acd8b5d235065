/*
 * Block device files: /dev/vda, /dev/vda1... (S_IFBLK, major BLKDEV_MAJOR,
 * minor the device's index in the core's switch). Reads and writes reach
 * the raw device at any byte offset and length: whole sectors go through a
 * bounce buffer, a partial sector at either end of a write is read first
 * and merged (read-modify-write, under a lock per disk so that two writers
 * of one sector do not lose each other's bytes). Reads past the end give
 * 0, writes there -ENOSPC. The nodes are made when the root is mounted
 * for the devices the switch has, and later for each one it gains.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/blkdev.h>
#include <kern/file.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>

#include "dev.h"
#include "vfs.h"

#define BLK_DEV_BOUNCE 32768u /* bytes moved per device request */

static struct mutex blk_dev_rmw[BLKDEV_MAX]; /* by the disk's index */
static const struct cred blk_dev_cred = { 0, 0, 0, 0 };

static struct blkdev *blk_dev_of(struct file *f)
{
	return blkdev_by_rdev(((struct vnode *)f->priv)->rdev);
}

static uint64_t blk_dev_size(const struct blkdev *bd)
{
	return bd->sectors * bd->sector_size;
}

/* One piece of a transfer: sectors [sec, sec + n) of which the bytes from
 * @p skip on, @p len of them, are the caller's. */
struct blk_dev_span {
	uint64_t sec;
	uint32_t n;
	size_t skip;
	size_t len;
};

static void blk_dev_span(const struct blkdev *bd, uint64_t off, uint64_t left,
			 struct blk_dev_span *s)
{
	uint32_t ss = bd->sector_size;

	s->sec = off / ss;
	s->skip = (size_t)(off % ss);
	s->len = BLK_DEV_BOUNCE - s->skip;
	if (s->len > left)
		s->len = (size_t)left;
	s->n = (uint32_t)((s->skip + s->len + ss - 1) / ss);
}

static long blk_dev_read(struct file *f, struct uio *uio, uint64_t off)
{
	struct blkdev *bd = blk_dev_of(f);
	uint64_t size, left;
	struct blk_dev_span s;
	long done = 0, m = 0;
	uint8_t *b;

	if (bd == NULL)
		return -ENXIO;
	size = blk_dev_size(bd);
	if (off >= size || uio->resid == 0)
		return 0;
	left = size - off < uio->resid ? size - off : uio->resid;
	b = mem_alloc(BLK_DEV_BOUNCE);
	if (b == NULL)
		return -ENOMEM;
	while (left > 0) {
		blk_dev_span(bd, off, left, &s);
		m = blkdev_rw(bd, s.sec, b, s.n, 0);
		if (m == 0)
			m = uio_move(b + s.skip, s.len, uio, 1);
		if (m <= 0)
			break;
		done += m;
		off += (uint64_t)m;
		left -= (uint64_t)m;
	}
	mem_free(b);
	return done ? done : m;
}

/* Fill the sectors of a span that the caller's bytes cover only in part. */
static int blk_dev_merge(struct blkdev *bd, const struct blk_dev_span *s, uint8_t *b)
{
	uint32_t ss = bd->sector_size;
	int rc = 0;

	if (s->skip != 0)
		rc = blkdev_rw(bd, s->sec, b, 1, 0);
	if (rc == 0 && (s->skip + s->len) % ss != 0 && (s->n > 1 || s->skip == 0))
		rc = blkdev_rw(bd, s->sec + s->n - 1, b + (size_t)(s->n - 1) * ss, 1, 0);
	return rc;
}

static long blk_dev_write_span(struct blkdev *bd, struct blk_dev_span *s, struct uio *uio,
			       uint8_t *b)
{
	struct blkdev *disk = bd->parent ? bd->parent : bd;
	long m;

	mutex_lock(&blk_dev_rmw[disk->index]);
	m = blk_dev_merge(bd, s, b);
	if (m == 0)
		m = uio_move(b + s->skip, s->len, uio, 0);
	if (m >= 0 && (size_t)m != s->len) /* a fault in the caller's buffer */
		m = -EFAULT;
	if (m > 0 && blkdev_rw(bd, s->sec, b, s->n, 1) != 0)
		m = -EIO;
	mutex_unlock(&blk_dev_rmw[disk->index]);
	return m;
}

static long blk_dev_write(struct file *f, struct uio *uio, uint64_t off)
{
	struct blkdev *bd = blk_dev_of(f);
	uint64_t size, left;
	struct blk_dev_span s;
	long done = 0, m = 0;
	uint8_t *b;

	if (bd == NULL)
		return -ENXIO;
	if (uio->resid == 0)
		return 0;
	size = blk_dev_size(bd);
	if (off >= size)
		return -ENOSPC;
	left = size - off < uio->resid ? size - off : uio->resid;
	b = mem_alloc(BLK_DEV_BOUNCE);
	if (b == NULL)
		return -ENOMEM;
	while (left > 0) {
		blk_dev_span(bd, off, left, &s);
		m = blk_dev_write_span(bd, &s, uio, b);
		if (m <= 0)
			break;
		done += m;
		off += (uint64_t)m;
		left -= (uint64_t)m;
	}
	mem_free(b);
	return done ? done : m;
}

static long blk_dev_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	struct blkdev *bd = blk_dev_of(f);
	uint64_t v64;
	int vi;

	if (bd == NULL)
		return -ENXIO;
	switch (cmd) {
	case BLKGETSIZE64:
		v64 = blk_dev_size(bd);
		return copyout(arg, &v64, sizeof(v64));
	case BLKGETSIZE:
		v64 = blk_dev_size(bd) / 512;
		return copyout(arg, &v64, sizeof(v64));
	case BLKSSZGET:
		vi = (int)bd->sector_size;
		return copyout(arg, &vi, sizeof(vi));
	default:
		return -ENOTTY;
	}
}

static int blk_dev_seekable(struct file *f, uint64_t *size)
{
	struct blkdev *bd = blk_dev_of(f);

	*size = bd ? blk_dev_size(bd) : 0;
	return 0;
}

static int blk_dev_stat(struct file *f, struct stat *st)
{
	vfs_getattr(f->priv, st);
	return 0;
}

static void blk_dev_close(struct file *f)
{
	vfs_vrele(f->priv);
}

static const struct fileops blk_dev_fops = {
	.version = FILEOPS_VERSION,
	.read = blk_dev_read,
	.write = blk_dev_write,
	.stat = blk_dev_stat,
	.ioctl = blk_dev_ioctl,
	.close = blk_dev_close,
	.seekable = blk_dev_seekable,
};

const struct fileops *blk_dev_fileops(uint64_t rdev)
{
	return blkdev_by_rdev(rdev) ? &blk_dev_fops : NULL;
}

static void blk_dev_node(struct blkdev *bd)
{
	char path[5 + BLKDEV_NAME_MAX] = "/dev/";
	int rc;

	memcpy(path + 5, bd->name, strlen(bd->name) + 1);
	rc =
	    vfs_mknod(NULL, path, S_IFBLK | 0600, DEV_MAKE(BLKDEV_MAJOR, bd->index), &blk_dev_cred);
	if (rc != 0 && rc != -EEXIST)
		pr_warn("io: %s: error %d\n", path, rc);
}

void blk_dev_start(void)
{
	blkdev_watch(blk_dev_node);
}
