/*
 * The vnode operations of proc: reads of generated text, the two kinds of
 * symbolic link (/proc/self, /proc/<pid>/fd/<n>), and refusals of every
 * change (the mount is read-only, so the VFS says EROFS before most of
 * these are reached; they say it too).
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "procfs.h"

static unsigned procfs_mode(enum procfs_kind kind)
{
	switch (kind) {
	case PROCFS_ROOT:
	case PROCFS_PID:
		return S_IFDIR | 0555;
	case PROCFS_FDDIR:
		return S_IFDIR | 0500;
	case PROCFS_SELF:
		return S_IFLNK | 0777;
	case PROCFS_FD:
		return S_IFLNK | 0700;
	default:
		return S_IFREG | 0444;
	}
}

struct vnode *procfs_node_new(struct vfs_mount *mp, enum procfs_kind kind, long pid, int fd)
{
	struct procfs_node *n = mem_zalloc(sizeof(*n));
	struct vnode *vp;
	struct proc_info pi;

	if (n == NULL)
		return NULL;
	vp = vfs_vnode_alloc(mp, &procfs_vnops, procfs_mode(kind));
	if (vp == NULL) {
		mem_free(n);
		return NULL;
	}
	n->kind = kind;
	n->pid = pid;
	n->fd = fd;
	n->vp = vp;
	list_init(&n->link);
	vp->data = n;
	vp->ino = pid ? ((uint64_t)pid << 16) | ((uint64_t)kind << 8) | ((uint64_t)fd & 0xff)
		      : (uint64_t)kind;
	if (pid && proc_info_get(pid, &pi) == 0) { /* owned by the process's user */
		vp->uid = pi.euid;
		vp->gid = pi.egid;
	}
	return vp;
}

static long procfs_read(struct vnode *vp, struct uio *uio, uint64_t off)
{
	struct procfs_node *n = vp->data;
	size_t left;
	int rc;

	if (S_ISDIR(vp->mode))
		return -EISDIR;
	if (off == 0 || !n->have) { /* a new snapshot */
		procfs_sbuf_free(&n->text);
		n->have = 0;
		rc = procfs_generate(n, &n->text);
		if (rc) {
			procfs_sbuf_free(&n->text);
			return rc;
		}
		n->have = 1;
	}
	if (off >= n->text.len)
		return 0;
	left = n->text.len - (size_t)off;
	return uio_move(n->text.p + off, left < uio->resid ? left : uio->resid, uio, 1);
}

/* The target of an fd link: found by walking the process's descriptors. */
struct procfs_fd_find {
	int fd;
	char *buf;
	size_t len;
	long got;
};

static int procfs_fd_match(void *arg, int fd, const char *target)
{
	struct procfs_fd_find *f = arg;
	size_t n = strlen(target);

	if (fd != f->fd)
		return 0;
	f->got = (long)(n < f->len ? n : f->len);
	memcpy(f->buf, target, (size_t)f->got);
	return 1;
}

static long procfs_readlink(struct vnode *vp, char *buf, size_t len)
{
	struct procfs_node *n = vp->data;
	struct procfs_fd_find f = { .fd = n->fd, .buf = buf, .len = len, .got = -ENOENT };
	char num[24];
	int rc, k;

	if (n->kind == PROCFS_SELF) {
		k = fmt_snprintf(num, sizeof(num), "%ld", proc_self_pid());
		if ((size_t)k > len)
			k = (int)len;
		memcpy(buf, num, (size_t)k);
		return k;
	}
	if (n->kind != PROCFS_FD)
		return -EINVAL;
	rc = proc_fds(n->pid, procfs_fd_match, &f);
	return rc < 0 ? rc : f.got;
}

static int procfs_create(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
			 struct vnode **out)
{
	(void)dvp, (void)name, (void)len, (void)nw, (void)out;
	return -EROFS;
}

static int procfs_link(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	(void)dvp, (void)name, (void)len, (void)vp;
	return -EROFS;
}

static int procfs_rename(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
			 struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp)
{
	(void)fdvp, (void)fname, (void)flen, (void)vp, (void)tdvp, (void)tname, (void)tlen;
	(void)tvp;
	return -EROFS;
}

static long procfs_write(struct vnode *vp, struct uio *uio, uint64_t off)
{
	(void)vp, (void)uio, (void)off;
	return -EROFS;
}

static int procfs_truncate(struct vnode *vp, uint64_t size)
{
	(void)vp, (void)size;
	return -EROFS;
}

static int procfs_fsync(struct vnode *vp)
{
	(void)vp;
	return 0;
}

static int procfs_setattr(struct vnode *vp, unsigned what)
{
	(void)vp, (void)what;
	return -EROFS;
}

static void procfs_reclaim(struct vnode *vp)
{
	struct procfs_node *n = vp->data;

	if (n) {
		procfs_sbuf_free(&n->text);
		mem_free(n);
	}
	vp->data = NULL;
}

static struct vnode *procfs_parent(struct vnode *dvp)
{
	struct procfs_node *n = dvp->data;

	if (n->kind == PROCFS_FDDIR)
		return procfs_dir_get(dvp->mount, PROCFS_PID, n->pid);
	return vfs_vref(dvp->mount->root);
}

static int procfs_empty(struct vnode *dvp)
{
	(void)dvp;
	return 0;
}

const struct vnode_ops procfs_vnops = {
	.version = VNODE_OPS_VERSION,
	.lookup = procfs_lookup,
	.create = procfs_create,
	.link = procfs_link,
	.unlink = procfs_link,
	.rename = procfs_rename,
	.parent = procfs_parent,
	.readdir = procfs_readdir,
	.empty = procfs_empty,
	.read = procfs_read,
	.write = procfs_write,
	.truncate = procfs_truncate,
	.readlink = procfs_readlink,
	.fsync = procfs_fsync,
	.reclaim = procfs_reclaim,
	.setattr = procfs_setattr,
};
