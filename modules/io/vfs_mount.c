/*
 * The mount table: which file system instance sits on which directory.
 *
 * The first mount is the root ("/", covering nothing). Each further mount
 * covers a directory: namei, reaching that directory, goes on in the
 * mounted root instead, and ".." of the mounted root goes back to the
 * covered directory's parent. The table changes under vfs_ns_lock; the
 * root pointer is set once by the first mount and read without it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/lock.h>
#include <kern/mem.h>
#include <uapi/errno.h>

#include "vfs.h"

static struct list_node vfs_mounts = LIST_HEAD_INIT(vfs_mounts);
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
	if (covered->covered_by || covered == vfs_rootvp)
		return -EBUSY;
	return 0;
}

/* Call with vfs_ns_lock held. */
int vfs_mount(const struct fs_type_ops *fs, struct vnode *covered, struct vfs_mount **out)
{
	struct vfs_mount *mp;
	int rc = vfs_mount_check(covered);

	if (out)
		*out = NULL;
	if (rc)
		return rc;
	mp = mem_zalloc(sizeof(*mp));
	if (mp == NULL)
		return -ENOMEM;
	mp->dev = vfs_next_dev++;
	mp->fstype = fs->name;
	rc = fs->mount(mp, &mp->root);
	if (rc) {
		mem_free(mp);
		return rc;
	}
	list_add_tail(&vfs_mounts, &mp->link);
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

/*
 * Call with vfs_ns_lock held. Only an idle, empty mount goes: nobody may
 * hold its root (a working directory, an open directory) and, since no
 * file system here writes back, it must hold no files.
 */
int vfs_unmount(struct vfs_mount *mp)
{
	struct vnode *root = mp->root;

	if (mp->covered == NULL || root->refs > 1 || !root->ops->empty(root))
		return -EBUSY;
	list_del(&mp->link);
	mp->covered->covered_by = NULL;
	vfs_vrele(mp->covered);
	vfs_nlink_add(root, -(int)root->nlink);
	vfs_vrele(root);
	mem_free(mp);
	return 0;
}

/*
 * For host tests: drop every mount, newest first. The test empties them
 * first; each root then loses its names and its last reference here.
 */
void vfs_reset(void)
{
	struct list_node *pos;

	while ((pos = vfs_mounts.prev) != &vfs_mounts) {
		struct vfs_mount *mp = list_entry(pos, struct vfs_mount, link);

		list_del(&mp->link);
		if (mp->covered) {
			mp->covered->covered_by = NULL;
			vfs_vrele(mp->covered);
		}
		vfs_nlink_add(mp->root, -(int)mp->root->nlink);
		vfs_vrele(mp->root);
		mem_free(mp);
	}
	vfs_rootvp = NULL;
}
