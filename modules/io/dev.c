/*
 * The device switch: device number -> driver. Drivers register at the
 * module's init (and later from driver modules); the table only grows, an
 * entry is filled before it is counted, so lookups take no lock.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/file.h>
#include <kern/lock.h>
#include <uapi/errno.h>

#include "dev.h"
#include "vfs.h"

struct dev_entry {
	uint64_t dev;
	const struct cdev_ops *ops;
};

static struct dev_entry dev_table[DEV_MAX];
static unsigned dev_count;
static struct spinlock dev_lock = SPINLOCK_INIT("devsw");

static const struct cdev_ops *dev_find(uint64_t dev)
{
	unsigned n = __atomic_load_n(&dev_count, __ATOMIC_ACQUIRE);

	for (unsigned i = 0; i < n; i++)
		if (dev_table[i].dev == dev)
			return dev_table[i].ops;
	return NULL;
}

int dev_register(uint64_t dev, const struct cdev_ops *ops)
{
	int rc = 0;

	if (ops == NULL || ops->version != CDEV_OPS_VERSION)
		return -EINVAL;
	spin_lock(&dev_lock);
	if (dev_find(dev))
		rc = -EEXIST;
	else if (dev_count == DEV_MAX)
		rc = -ENOSPC;
	if (rc == 0) {
		dev_table[dev_count].dev = dev;
		dev_table[dev_count].ops = ops;
		__atomic_store_n(&dev_count, dev_count + 1, __ATOMIC_RELEASE);
	}
	spin_unlock(&dev_lock);
	return rc;
}

void dev_reset(void)
{
	spin_lock(&dev_lock);
	dev_count = 0;
	spin_unlock(&dev_lock);
}

static const struct cdev_ops *dev_of(struct file *f)
{
	return dev_find(((struct vnode *)f->priv)->rdev);
}

static long dev_read(struct file *f, struct uio *uio, uint64_t off)
{
	const struct cdev_ops *d = dev_of(f);

	if (d == NULL)
		return -ENXIO;
	return d->read ? d->read(f, uio, off) : 0;
}

static long dev_write(struct file *f, struct uio *uio, uint64_t off)
{
	const struct cdev_ops *d = dev_of(f);

	if (d == NULL)
		return -ENXIO;
	return d->write ? d->write(f, uio, off) : -EINVAL;
}

static long dev_ioctl(struct file *f, unsigned long cmd, uint64_t arg)
{
	const struct cdev_ops *d = dev_of(f);

	if (d == NULL)
		return -ENXIO;
	return d->ioctl ? d->ioctl(f, cmd, arg) : -ENOTTY;
}

static int dev_stat(struct file *f, struct stat *st)
{
	vfs_getattr(f->priv, st);
	return 0;
}

static void dev_close(struct file *f)
{
	vfs_vrele(f->priv);
}

static const struct fileops dev_char_fileops = {
	.version = FILEOPS_VERSION,
	.read = dev_read,
	.write = dev_write,
	.stat = dev_stat,
	.ioctl = dev_ioctl,
	.close = dev_close,
};

const struct fileops *dev_fileops(uint64_t dev)
{
	const struct cdev_ops *d = dev_find(dev);

	if (d == NULL || (d->present && !d->present()))
		return NULL;
	return &dev_char_fileops;
}
