/*
 * The block-device switch: a table of disks and partitions (filled under a
 * spinlock; an entry is complete before it is counted, so lookups take no
 * lock) and request submission with partition translation and range and
 * segment checks (the synchronous forms are in blkdev_rw.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <kern/blkdev.h>
#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

#include "blkdev_priv.h"

static struct blkdev *blkdev_table[BLKDEV_MAX];
static unsigned blkdev_count;
static struct spinlock blkdev_lock = SPINLOCK_INIT("blkdev");
static blkdev_watch_fn blkdev_watcher; /* under blkdev_lock */

struct blkdev *blkdev_get(unsigned i)
{
	return i < __atomic_load_n(&blkdev_count, __ATOMIC_ACQUIRE) ? blkdev_table[i] : NULL;
}
KERN_EXPORT(blkdev_get);

struct blkdev *blkdev_find(const char *name)
{
	struct blkdev *bd;

	for (unsigned i = 0; (bd = blkdev_get(i)) != NULL; i++)
		if (strcmp(bd->name, name) == 0)
			return bd;
	return NULL;
}
KERN_EXPORT(blkdev_find);

int blkdev_add(struct blkdev *bd)
{
	blkdev_watch_fn watch = NULL;
	int rc = 0;

	if (bd->name[0] == '\0' || bd->sector_size == 0 || (bd->sector_size & 511) != 0)
		return -EINVAL;
	spin_lock(&blkdev_lock);
	if (blkdev_find(bd->name))
		rc = -EEXIST;
	else if (blkdev_count == BLKDEV_MAX)
		rc = -ENOSPC;
	if (rc == 0) {
		bd->index = blkdev_count;
		blkdev_table[blkdev_count] = bd;
		__atomic_store_n(&blkdev_count, blkdev_count + 1, __ATOMIC_RELEASE);
		watch = blkdev_watcher;
	}
	spin_unlock(&blkdev_lock);
	if (watch)
		watch(bd);
	return rc;
}

void blkdev_watch(blkdev_watch_fn fn)
{
	struct blkdev *bd;
	unsigned n;

	spin_lock(&blkdev_lock);
	blkdev_watcher = fn;
	n = blkdev_count;
	spin_unlock(&blkdev_lock);
	for (unsigned i = 0; i < n && fn; i++)
		if ((bd = blkdev_get(i)) != NULL)
			fn(bd);
}
KERN_EXPORT(blkdev_watch);

struct blkdev *blkdev_by_rdev(uint64_t rdev)
{
	uint64_t major = ((rdev >> 8) & 0xfffu) | ((rdev >> 32) & 0xfffff000u);
	uint64_t minor = (rdev & 0xffu) | ((rdev >> 12) & 0xffffff00u);

	return major == BLKDEV_MAJOR ? blkdev_get((unsigned)minor) : NULL;
}
KERN_EXPORT(blkdev_by_rdev);

int blkdev_register(struct blkdev *bd)
{
	int rc;

	if (bd == NULL || bd->ops == NULL || bd->ops->version != BLKDEV_OPS_VERSION ||
	    bd->ops->submit == NULL || bd->parent != NULL)
		return -EINVAL;
	rc = blkdev_add(bd);
	if (rc != 0)
		return rc;
	printk("blkdev: %s: %llu sectors of %u bytes (%llu MiB)\n", bd->name,
	       (unsigned long long)bd->sectors, bd->sector_size,
	       (unsigned long long)(bd->sectors * bd->sector_size >> 20));
	blkdev_scan_mbr(bd);
	return 0;
}
KERN_EXPORT(blkdev_register);

/* Do the request's segments hold exactly its sectors, within the limit? */
static int blkdev_segs_ok(const struct blkdev *disk, struct blkreq *r)
{
	uint64_t bytes = 0, want = (uint64_t)r->count * disk->sector_size;
	unsigned max = disk->max_segs ? disk->max_segs : 1;

	if (r->nseg == 0) {
		r->one.buf = r->buf;
		r->one.len = (uint32_t)want;
		r->seg = &r->one;
		r->nseg = 1;
		return want <= UINT32_MAX;
	}
	if (r->seg == NULL || r->nseg > max)
		return 0;
	for (unsigned i = 0; i < r->nseg; i++) {
		if (r->seg[i].len == 0 || r->seg[i].len % disk->sector_size)
			return 0;
		bytes += r->seg[i].len;
	}
	return bytes == want;
}

int blkdev_submit(struct blkdev *bd, struct blkreq *r)
{
	if (r->write == BLKREQ_FLUSH) {
		struct blkdev *disk = bd->parent ? bd->parent : bd;

		if (r->count != 0 || !(disk->flags & BLKDEV_F_FLUSH))
			return -EINVAL;
		r->bd = disk;
		r->sector = 0;
		r->status = 0;
		return disk->ops->submit(disk, r);
	}
	if (r->count == 0 || r->sector >= bd->sectors || r->count > bd->sectors - r->sector)
		return -EINVAL;
	if (bd->parent) {
		r->sector += bd->start;
		bd = bd->parent;
	}
	if ((bd->max_count && r->count > bd->max_count) || !blkdev_segs_ok(bd, r))
		return -EINVAL;
	r->bd = bd;
	r->status = 0;
	return bd->ops->submit(bd, r);
}
KERN_EXPORT(blkdev_submit);
