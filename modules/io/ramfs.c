/*
 * ramfs: directories and names. File data is in ramfs_data.c, the
 * file-system types (ramfs, tmpfs, devfs) in ramfs_fs.c. Directory operations run under vfs_ns_lock
 * (the VFS takes it), so the entry lists need no lock of their own; the lists are searched
 * linearly, which is fine for the initial root and /dev.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/list.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

#include "ramfs.h"

static struct ramfs_dirent *ramfs_find(struct vnode *dvp, const char *name, size_t len)
{
	struct ramfs_node *d = dvp->data;
	struct list_node *pos, *tmp;

	list_for_each_safe(pos, tmp, &d->entries)
	{
		struct ramfs_dirent *de = list_entry(pos, struct ramfs_dirent, link);

		if (de->len == len && memcmp(de->name, name, len) == 0)
			return de;
	}
	return NULL;
}

static struct ramfs_dirent *ramfs_dirent_new(const char *name, size_t len, struct vnode *vp)
{
	struct ramfs_dirent *de = mem_alloc(sizeof(*de) + len + 1);

	if (de == NULL)
		return NULL;
	memcpy(de->name, name, len);
	de->name[len] = '\0';
	de->len = len;
	de->vp = vp;
	list_init(&de->link);
	return de;
}

static void ramfs_dirent_add(struct vnode *dvp, struct ramfs_dirent *de)
{
	struct ramfs_node *d = dvp->data;

	de->cookie = d->next_cookie++;
	list_add_tail(&d->entries, &de->link);
	dvp->mtime = dvp->ctime = vfs_now();
}

static int ramfs_lookup(struct vnode *dvp, const char *name, size_t len, struct vnode **out)
{
	struct ramfs_dirent *de = ramfs_find(dvp, name, len);

	if (de == NULL)
		return -ENOENT;
	*out = vfs_vref(de->vp);
	return 0;
}

struct vnode *ramfs_node_new(struct vfs_mount *mp, unsigned mode)
{
	struct ramfs_node *n = mem_zalloc(sizeof(*n));
	struct vnode *vp = n ? vfs_vnode_alloc(mp, &ramfs_vnode_ops, mode) : NULL;

	if (vp == NULL) {
		mem_free(n);
		return NULL;
	}
	list_init(&n->entries);
	n->next_cookie = 2; /* 0 is ".", 1 is ".." */
	vp->data = n;
	return vp;
}

static void ramfs_reclaim(struct vnode *vp)
{
	struct ramfs_node *n = vp->data;

	mem_free(n->target);
	mem_free(n);
}

static int ramfs_set_target(struct vnode *vp, const struct vfs_new *nw)
{
	struct ramfs_node *n = vp->data;

	n->target = mem_alloc(nw->tlen + 1);
	if (n->target == NULL)
		return -ENOSPC;
	memcpy(n->target, nw->target, nw->tlen);
	n->target[nw->tlen] = '\0';
	vp->size = nw->tlen;
	return 0;
}

static int ramfs_create(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
			struct vnode **out)
{
	struct vnode *vp = ramfs_node_new(dvp->mount, nw->mode);
	struct ramfs_dirent *de = vp ? ramfs_dirent_new(name, len, vp) : NULL;

	if (de == NULL || (S_ISLNK(nw->mode) && ramfs_set_target(vp, nw))) {
		mem_free(de);
		if (vp)
			vfs_vrele(vp); /* no name: reclaimed */
		return -ENOSPC;
	}
	vp->uid = nw->uid;
	vp->gid = nw->gid;
	vp->rdev = nw->rdev;
	if (S_ISDIR(nw->mode)) {
		((struct ramfs_node *)vp->data)->parent = dvp;
		vfs_nlink_add(vp, 2);
		vfs_nlink_add(dvp, 1);
	} else {
		vfs_nlink_add(vp, 1);
	}
	ramfs_dirent_add(dvp, de);
	*out = vp;
	return 0;
}

static int ramfs_link(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	struct ramfs_dirent *de = ramfs_dirent_new(name, len, vp);

	if (de == NULL)
		return -ENOSPC;
	vfs_nlink_add(vp, 1);
	ramfs_dirent_add(dvp, de);
	return 0;
}

void ramfs_drop(struct vnode *dvp, struct ramfs_dirent *de)
{
	struct vnode *vp = de->vp;

	list_del(&de->link);
	mem_free(de);
	dvp->mtime = dvp->ctime = vfs_now();
	if (S_ISDIR(vp->mode)) {
		((struct ramfs_node *)vp->data)->parent = NULL;
		vfs_nlink_add(dvp, -1);
		vfs_nlink_add(vp, -(int)vp->nlink);
	} else {
		vfs_nlink_add(vp, -1);
	}
}

static int ramfs_unlink(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	struct ramfs_dirent *de = ramfs_find(dvp, name, len);

	if (de == NULL || de->vp != vp)
		return -ENOENT;
	ramfs_drop(dvp, de);
	return 0;
}

static int ramfs_rename(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
			struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp)
{
	struct ramfs_dirent *from = ramfs_find(fdvp, fname, flen);
	struct ramfs_dirent *to = tvp ? ramfs_find(tdvp, tname, tlen) : NULL;
	struct ramfs_dirent *de;

	if (from == NULL || from->vp != vp || (tvp && (to == NULL || to->vp != tvp)))
		return -ENOENT;
	de = ramfs_dirent_new(tname, tlen, vp);
	if (de == NULL)
		return -ENOSPC;
	if (to)
		ramfs_drop(tdvp, to);
	list_del(&from->link);
	mem_free(from);
	fdvp->mtime = fdvp->ctime = vfs_now();
	if (S_ISDIR(vp->mode) && fdvp != tdvp) {
		((struct ramfs_node *)vp->data)->parent = tdvp;
		vfs_nlink_add(fdvp, -1);
		vfs_nlink_add(tdvp, 1);
	}
	ramfs_dirent_add(tdvp, de);
	vp->ctime = vfs_now();
	return 0;
}

static struct vnode *ramfs_parent(struct vnode *dvp)
{
	struct ramfs_node *d = dvp->data;

	return d->parent ? vfs_vref(d->parent) : NULL;
}

static unsigned ramfs_dtype(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFDIR:
		return DT_DIR;
	case S_IFREG:
		return DT_REG;
	case S_IFLNK:
		return DT_LNK;
	case S_IFCHR:
		return DT_CHR;
	case S_IFBLK:
		return DT_BLK;
	case S_IFIFO:
		return DT_FIFO;
	default:
		return DT_UNKNOWN;
	}
}

static int ramfs_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	struct ramfs_node *d = dvp->data;
	struct list_node *pos, *tmp;

	if (*off == 0) {
		if (fn(arg, ".", 1, dvp->ino, DT_DIR, 1))
			return 0;
		*off = 1;
	}
	if (*off == 1) {
		if (fn(arg, "..", 2, d->parent ? d->parent->ino : dvp->ino, DT_DIR, 2))
			return 0;
		*off = 2;
	}
	list_for_each_safe(pos, tmp, &d->entries)
	{
		struct ramfs_dirent *de = list_entry(pos, struct ramfs_dirent, link);

		if (de->cookie < *off)
			continue;
		if (fn(arg, de->name, de->len, de->vp->ino, ramfs_dtype(de->vp->mode),
		       de->cookie + 1))
			return 0;
		*off = de->cookie + 1;
	}
	return 0;
}

static int ramfs_empty(struct vnode *dvp)
{
	return list_empty(&((struct ramfs_node *)dvp->data)->entries);
}

static long ramfs_readlink(struct vnode *vp, char *buf, size_t len)
{
	struct ramfs_node *n = vp->data;
	size_t tl = n->target ? strlen(n->target) : 0;

	if (tl > len)
		tl = len;
	memcpy(buf, n->target, tl);
	return (long)tl;
}

/* Memory is the backing store: nothing to write. */
static int ramfs_fsync(struct vnode *vp)
{
	(void)vp;
	return 0;
}

/* The vnode is the only copy of the attributes: nothing to record. */
static int ramfs_setattr(struct vnode *vp, unsigned what)
{
	(void)vp;
	(void)what;
	return 0;
}

const struct vnode_ops ramfs_vnode_ops = {
	.version = VNODE_OPS_VERSION,
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rename = ramfs_rename,
	.parent = ramfs_parent,
	.readdir = ramfs_readdir,
	.empty = ramfs_empty,
	.read = vfs_page_read,
	.write = vfs_page_write,
	.truncate = ramfs_truncate,
	.readlink = ramfs_readlink,
	.fsync = ramfs_fsync,
	.reclaim = ramfs_reclaim,
	.setattr = ramfs_setattr,
	.flags = VNODE_F_PAGESTORE,
};
