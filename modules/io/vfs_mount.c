/*
 * The mount table: which file system instance sits on which directory.
 *
 * The first mount is the root ("/", covering nothing). Each further mount
 * covers a directory: namei, reaching that directory, goes on in the
 * mounted root instead, and ".." of the mounted root goes back to the
 * covered directory's parent. The table changes under vfs_ns_lock; the
 * root pointer is set once by the first mount and read without it.
 *
 * umount takes a file system away with everything in it (ramfs has no
 * other copy: its files are gone), but only an idle one: every reference
 * to one of its vnodes — an open file, a working directory, the directory
 * a mount inside it covers — counts in vfs_mount::vrefs, and only the
 * mount's own reference to its root may be left. A reference taken
 * without vfs_ns_lock is always a second one to a vnode already held, so
 * the count read under the lock cannot grow from 1 behind our back.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/errno.h>

#include "vfs.h"
#include "vfs_page.h"

static struct list_node vfs_mount_list = LIST_HEAD_INIT(vfs_mount_list);
static struct vnode *volatile vfs_rootvp;
static uint64_t vfs_next_dev = 1;

struct vnode *vfs_root(void)
{
	struct vnode *r = vfs_rootvp;

	return r ? vfs_vref(r) : NULL;
}

static int vfs_mount_check(struct vnode *covered)
{
	if (covered == NULL)
		return vfs_rootvp ? -EBUSY : 0;
	if (!S_ISDIR(covered->mode))
		return -ENOTDIR;
	if (covered->covered_by || covered == vfs_rootvp ||
	    (covered->mount && covered->mount->root == covered))
		return -EBUSY;
	return 0;
}

/* Copy at most @p room - 1 bytes of @p s and a NUL. */
static void vfs_strlcpy(char *dst, const char *s, size_t room)
{
	size_t n = strnlen(s, room - 1);

	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void vfs_mount_free(struct vfs_mount *mp);

/* A new instance of @p fs in the table, attached nowhere yet (call with vfs_ns_lock held). */
static int vfs_mount_new(const struct fs_type_ops *fs, const char *source, unsigned flags,
			 struct vfs_mount **out)
{
	struct vfs_mount *mp = mem_zalloc(sizeof(*mp));
	int rc;

	if (mp == NULL)
		return -ENOMEM;
	mp->dev = vfs_next_dev++;
	mp->fstype = fs->name;
	mp->fs = fs;
	mp->flags = flags;
	vfs_strlcpy(mp->source, source, sizeof(mp->source));
	rc = fs->mount(mp, source, flags, &mp->root);
	if (rc) {
		mem_free(mp);
		return rc;
	}
	*out = mp;
	return 0;
}

/* Call with vfs_ns_lock held. */
int vfs_mount_src(const struct fs_type_ops *fs, struct vnode *covered, const char *source,
		  unsigned flags, struct vfs_mount **out)
{
	struct vfs_mount *mp;
	int rc = vfs_mount_check(covered);

	if (out)
		*out = NULL;
	if (rc == 0)
		rc = vfs_mount_new(fs, source, flags, &mp);
	if (rc)
		return rc;
	list_add_tail(&vfs_mount_list, &mp->link);
	if (covered) {
		mp->covered = vfs_vref(covered);
		covered->covered_by = mp;
	} else {
		__atomic_store_n(&vfs_rootvp, mp->root, __ATOMIC_RELEASE);
	}
	if (out)
		*out = mp;
	return 0;
}

/* Call with vfs_ns_lock held. */
int vfs_mount_spare_root(const struct fs_type_ops *fs, const char *source, unsigned flags,
			 struct vfs_mount **out)
{
	int rc = vfs_mount_new(fs, source, flags, out);

	if (rc == 0)
		list_add_head(&vfs_mount_list, &(*out)->link);
	return rc;
}

int vfs_mount(const struct fs_type_ops *fs, struct vnode *covered, struct vfs_mount **out)
{
	return vfs_mount_src(fs, covered, "none", 0, out);
}

/*
 * Make @p mp (from vfs_mount_spare_root()) the root of the
 * name space in place of the old root's mount, which goes out of the
 * table with its files if nothing uses it (else it stays, reachable by
 * those who hold its vnodes). Mounts on the old root's directories stay
 * where they are; the caller moves /dev (vfs_mount_move()).
 */
void vfs_root_replace(struct vfs_mount *mp)
{
	struct vnode *old = vfs_rootvp;

	__atomic_store_n(&vfs_rootvp, mp->root, __ATOMIC_RELEASE);
	if (old && old->mount && old->mount->covered == NULL &&
	    __atomic_load_n(&old->mount->vrefs, __ATOMIC_RELAXED) <= 1) {
		struct list_node *pos, *tmp;

		list_for_each_safe(pos, tmp, &vfs_mount_list)
		{
			struct vfs_mount *m = list_entry(pos, struct vfs_mount, link);

			if (m->covered && m->covered->mount == old->mount)
				return; /* something is mounted in it still */
		}
		vfs_mount_free(old->mount);
	}
}

/* Move mount @p mp (covering a directory) onto directory @p dir. */
int vfs_mount_move(struct vfs_mount *mp, struct vnode *dir)
{
	int rc = vfs_mount_check(dir);

	if (rc)
		return rc;
	mp->covered->covered_by = NULL;
	vfs_vrele(mp->covered);
	mp->covered = vfs_vref(dir);
	dir->covered_by = mp;
	return 0;
}

/* Drop the files of @p mp, its root and the mount itself (nothing else holds them). */
static void vfs_mount_free(struct vfs_mount *mp)
{
	struct vnode *root = mp->root;

	mp->fs->unmount(mp);
	list_del(&mp->link);
	if (mp->covered) {
		mp->covered->covered_by = NULL;
		vfs_vrele(mp->covered);
	}
	vfs_nlink_add(root, -(int)root->nlink);
	vfs_vrele(root);
	mem_free(mp);
}

/* Call with vfs_ns_lock held. */
int vfs_unmount(struct vfs_mount *mp)
{
	vfs_pc_flush_dirty(0); /* the written list holds references */
	if (mp->covered == NULL || __atomic_load_n(&mp->vrefs, __ATOMIC_RELAXED) > 1)
		return -EBUSY;
	vfs_mount_free(mp);
	return 0;
}

/* io_ops::shutdown: finish every instance, newest first (a mount on a
 * directory of another is newer than it), nothing unmounted. */
int vfs_shutdown(void)
{
	struct list_node *pos;
	int rc = vfs_pc_flush_mapped();

	if (vfs_pc_flush_dirty(0) && rc == 0)
		rc = -EIO;
	mutex_lock(&vfs_ns_lock);
	for (pos = vfs_mount_list.prev; pos != &vfs_mount_list; pos = pos->prev) {
		struct vfs_mount *mp = list_entry(pos, struct vfs_mount, link);
		int r = mp->fs->shutdown ? mp->fs->shutdown(mp) : mp->fs->sync(mp);

		if (r && rc == 0)
			rc = r;
	}
	mutex_unlock(&vfs_ns_lock);
	return rc;
}

/* For host tests: drop every mount, newest first, with whatever is in it. */
void vfs_reset(void)
{
	struct list_node *pos;

	while ((pos = vfs_mount_list.prev) != &vfs_mount_list)
		vfs_mount_free(list_entry(pos, struct vfs_mount, link));
	vfs_rootvp = NULL;
}

static void vfs_mount_info(struct vfs_mount *mp, struct mntinfo *mi)
{
	memset(mi, 0, sizeof(*mi));
	vfs_strlcpy(mi->source, mp->source, sizeof(mi->source));
	vfs_strlcpy(mi->fstype, mp->fstype, sizeof(mi->fstype));
	if (mp->covered == NULL || vfs_path_locked(mp->covered, mi->target, sizeof(mi->target)) < 0)
		vfs_strlcpy(mi->target, mp->covered ? "?" : "/", sizeof(mi->target));
	mi->flags = mp->flags;
	mi->dev = mp->dev;
}

long vfs_mounts(struct mntinfo *buf, size_t room)
{
	struct list_node *pos, *tmp;
	long n = 0;

	mutex_lock(&vfs_ns_lock);
	list_for_each_safe(pos, tmp, &vfs_mount_list)
	{
		if ((size_t)n < room)
			vfs_mount_info(list_entry(pos, struct vfs_mount, link), &buf[n]);
		n++;
	}
	mutex_unlock(&vfs_ns_lock);
	return n;
}

int vfs_sync(struct vnode *vp)
{
	struct list_node *pos, *tmp;
	int rc = 0, r;

	if (vp) {
		mutex_lock(&vp->lock);
		rc = vfs_page_flush(vp);
		if (rc == 0)
			rc = vp->ops->fsync(vp);
		mutex_unlock(&vp->lock);
		return rc;
	}
	rc = vfs_pc_flush_mapped();
	r = vfs_pc_flush_dirty(0);
	if (rc == 0)
		rc = r;
	mutex_lock(&vfs_ns_lock);
	list_for_each_safe(pos, tmp, &vfs_mount_list)
	{
		struct vfs_mount *mp = list_entry(pos, struct vfs_mount, link);

		r = mp->fs->sync(mp);
		if (rc == 0)
			rc = r;
	}
	mutex_unlock(&vfs_ns_lock);
	return rc;
}
