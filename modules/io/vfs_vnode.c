/*
 * Vnodes: allocation, references, link counts, permission checks and
 * attributes.
 *
 * A vnode lives while it has a reference or a name. References are
 * counted under vfs_ref_lock; names (nlink) change under vfs_ns_lock, and
 * whoever drops the last name holds a reference of its own (it looked the
 * file up), so the decision to free is always taken by the last
 * vfs_vrele(), which sees refs 0 and nlink 0 together under vfs_ref_lock.
 * An unlinked file that is still open thus stays readable until closed.
 * Each mount sums the references to its vnodes (vfs_mount::vrefs, under
 * the same lock), so umount can tell in one look whether anything — an
 * open file, a working directory, a mount on one of its directories —
 * still uses it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/kmod.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/tmr.h>
#include <kern/uptime.h>
#include <uapi/errno.h>

#include "vfs.h"
#include "vfs_page.h"

static struct spinlock vfs_ref_lock = SPINLOCK_INIT("vfs refs");
static uint64_t vfs_next_ino = 1;

/* File times are wall-clock times, as stat() and utimens() give them. */
uint64_t vfs_now(void)
{
	return kern_realtime_ns();
}
KERN_EXPORT(vfs_now);

struct vnode *vfs_vnode_alloc(struct vfs_mount *mp, const struct vnode_ops *ops, unsigned mode)
{
	struct vnode *vp = mem_zalloc(sizeof(*vp));
	uint64_t now = vfs_now();

	if (vp == NULL)
		return NULL;
	vp->ops = ops;
	vp->mount = mp;
	vp->lock = (struct mutex)MUTEX_INIT("vnode");
	vp->refs = 1;
	vp->mode = mode;
	vp->ino = __atomic_fetch_add(&vfs_next_ino, 1, __ATOMIC_RELAXED);
	vp->atime = vp->mtime = vp->ctime = now;
	if (mp) {
		spin_lock(&vfs_ref_lock);
		mp->vrefs++;
		spin_unlock(&vfs_ref_lock);
	}
	return vp;
}
KERN_EXPORT(vfs_vnode_alloc);

struct vnode *vfs_vref(struct vnode *vp)
{
	spin_lock(&vfs_ref_lock);
	vp->refs++;
	if (vp->mount)
		vp->mount->vrefs++;
	spin_unlock(&vfs_ref_lock);
	return vp;
}
KERN_EXPORT(vfs_vref);

void vfs_vrele(struct vnode *vp)
{
	int dead;

	if (vp == NULL)
		return;
	spin_lock(&vfs_ref_lock);
	vp->refs--;
	if (vp->mount)
		vp->mount->vrefs--;
	dead = vp->refs == 0 && vp->nlink == 0;
	spin_unlock(&vfs_ref_lock);
	if (!dead)
		return;
	vp->ops->reclaim(vp);
	vfs_page_forget(vp);
	mem_free(vp);
}
KERN_EXPORT(vfs_vrele);

struct vnode *vfs_vref_live(struct vnode *vp)
{
	struct vnode *got = NULL;

	spin_lock(&vfs_ref_lock);
	if (vp->refs || vp->nlink) { /* else its last vfs_vrele() is freeing it */
		vp->refs++;
		if (vp->mount)
			vp->mount->vrefs++;
		got = vp;
	}
	spin_unlock(&vfs_ref_lock);
	return got;
}

void vfs_nlink_add(struct vnode *vp, int delta)
{
	spin_lock(&vfs_ref_lock);
	vp->nlink = (unsigned)((int)vp->nlink + delta);
	spin_unlock(&vfs_ref_lock);
	vp->ctime = vfs_now();
}
KERN_EXPORT(vfs_nlink_add);

/*
 * The owner's bits if the caller owns the file, else the group's if it is
 * in the group, else the others'. euid 0 may read and write anything, and
 * execute a directory or a file with any x bit.
 */
int vfs_access(struct vnode *vp, const struct cred *cred, unsigned want)
{
	unsigned mode = vp->mode, bits;

	if (cred->euid == 0) {
		if ((want & VFS_X) && !S_ISDIR(mode) && !(mode & 0111))
			return -EACCES;
		return 0;
	}
	if (cred->euid == vp->uid)
		bits = (mode >> 6) & 7;
	else if (cred->egid == vp->gid)
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return (bits & want) == want ? 0 : -EACCES;
}

static void vfs_ts(struct timespec *ts, uint64_t ns)
{
	ts->tv_sec = (int64_t)(ns / 1000000000ULL);
	ts->tv_nsec = (long)(ns % 1000000000ULL);
}

void vfs_getattr(struct vnode *vp, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	mutex_lock(&vp->lock);
	st->st_dev = vp->mount ? vp->mount->dev : 0;
	st->st_ino = vp->ino;
	st->st_mode = vp->mode;
	st->st_nlink = vp->nlink;
	st->st_uid = vp->uid;
	st->st_gid = vp->gid;
	st->st_rdev = vp->rdev;
	st->st_size = (int64_t)vp->size;
	st->st_blksize = 4096;
	st->st_blocks = (int64_t)vp->blocks;
	vfs_ts(&st->st_atim, vp->atime);
	vfs_ts(&st->st_mtim, vp->mtime);
	vfs_ts(&st->st_ctim, vp->ctime);
	mutex_unlock(&vp->lock);
}

int vfs_rofs(struct vnode *vp)
{
	return (vp->mount && (vp->mount->flags & MS_RDONLY)) ? -EROFS : 0;
}
