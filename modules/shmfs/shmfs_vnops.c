/*
 * The vnode operations of shmfs: the root lists the ipc provider's POSIX
 * shm names; an entry's vnode is a snapshot of its object's attributes
 * (mode, owner, size, inode number, times), made at each lookup.
 *
 * What an entry allows: stat (ls -l), unlink (= shm_unlink; the VFS has
 * checked write on the root and its sticky bit, so a user removes only
 * their own objects), open. read and write of an entry are refused with
 * ENOTSUP, as on a shm_open descriptor; making, linking, renaming,
 * truncating, chmod and chown are refused with EPERM: shm_open,
 * ftruncate, fchmod and fchown of a descriptor do those.
 *
 * Locks: directory operations run under vfs_ns_lock and call the ipc
 * provider, which takes its own mutexes after it.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/cred.h>
#include <kern/ipc.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "shmfs.h"

/* Most bytes of names one listing reads (the syscall's own limit). */
#define SHMFS_LIST_MAX 65536

/* "/" + name, NUL-ended, into buf (SHM_NAME_MAX + 1 bytes); 0 or -ENAMETOOLONG. */
static int shmfs_path(const char *name, size_t len, char *buf)
{
	if (len + 1 > SHM_NAME_MAX)
		return -ENAMETOOLONG;
	buf[0] = '/';
	memcpy(buf + 1, name, len);
	buf[len + 1] = '\0';
	return 0;
}

static uint64_t shmfs_ns(int64_t sec)
{
	return sec > 0 ? (uint64_t)sec * 1000000000ull : 0;
}

static int shmfs_lookup(struct vnode *dvp, const char *name, size_t len, struct vnode **out)
{
	char path[SHM_NAME_MAX + 1];
	struct stat st;
	struct vnode *vp;
	int rc = shmfs_path(name, len, path);

	if (rc == 0)
		rc = ipc_shm_stat(path, &st);
	if (rc)
		return rc == -ENAMETOOLONG ? rc : -ENOENT;
	vp = vfs_vnode_alloc(dvp->mount, &shmfs_vnops, S_IFREG | (st.st_mode & 07777));
	if (vp == NULL)
		return -ENOMEM;
	vp->uid = st.st_uid;
	vp->gid = st.st_gid;
	vp->size = (uint64_t)st.st_size;
	vp->blocks = (uint64_t)st.st_blocks;
	vp->ino = 1 + st.st_ino; /* 1 is the root */
	vp->mtime = shmfs_ns(st.st_mtim.tv_sec);
	vp->ctime = shmfs_ns(st.st_ctim.tv_sec);
	vp->atime = shmfs_ns(st.st_atim.tv_sec);
	*out = vp;
	return 0;
}

/* Positions: 0 ".", 1 "..", then 2 + the name's index in the listing. */
static int shmfs_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	char *buf, path[SHM_NAME_MAX + 1];
	long got;
	uint64_t pos = 2;

	for (; *off < 2; (*off)++)
		if (fn(arg, *off ? ".." : ".", *off + 1, dvp->ino, DT_DIR, *off + 1))
			return 0;
	buf = mem_alloc(SHMFS_LIST_MAX);
	if (buf == NULL)
		return -ENOMEM;
	got = ipc_shm_list(buf, SHMFS_LIST_MAX);
	for (long i = 0; i < got; pos++) {
		size_t n = strnlen(buf + i, (size_t)(got - i));
		struct stat st;
		uint64_t ino = 0;

		if (pos >= *off) {
			if (shmfs_path(buf + i, n, path) == 0 && ipc_shm_stat(path, &st) == 0)
				ino = 1 + st.st_ino;
			if (ino && fn(arg, buf + i, n, ino, DT_REG, pos + 1))
				break;
			*off = pos + 1;
		}
		i += (long)n + 1;
	}
	mem_free(buf);
	return 0;
}

static int shmfs_unlink(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	static const struct cred root = { 0, 0, 0, 0 };
	struct ipc_who who = { .cred = &root, .pid = proc_self_pid() };
	char path[SHM_NAME_MAX + 1];
	int rc = shmfs_path(name, len, path);

	(void)dvp, (void)vp;
	return rc ? rc : ipc_shm_unlink(path, &who);
}

static int shmfs_create(struct vnode *dvp, const char *name, size_t len, const struct vfs_new *nw,
			struct vnode **out)
{
	(void)dvp, (void)name, (void)len, (void)nw, (void)out;
	return -EPERM; /* shm_open(O_CREAT) makes objects */
}

static int shmfs_link(struct vnode *dvp, const char *name, size_t len, struct vnode *vp)
{
	(void)dvp, (void)name, (void)len, (void)vp;
	return -EPERM;
}

static int shmfs_rename(struct vnode *fdvp, const char *fname, size_t flen, struct vnode *vp,
			struct vnode *tdvp, const char *tname, size_t tlen, struct vnode *tvp)
{
	(void)fdvp, (void)fname, (void)flen, (void)vp, (void)tdvp, (void)tname, (void)tlen;
	(void)tvp;
	return -EPERM;
}

static struct vnode *shmfs_parent(struct vnode *dvp)
{
	return vfs_vref(dvp->mount->root);
}

static int shmfs_empty(struct vnode *dvp)
{
	char buf[SHM_NAME_MAX + 1]; /* room for any one name: none listed means none */

	(void)dvp;
	return ipc_shm_list(buf, sizeof(buf)) == 0;
}

static long shmfs_rw(struct vnode *vp, struct uio *uio, uint64_t off)
{
	(void)uio, (void)off;
	return S_ISDIR(vp->mode) ? -EISDIR : -ENOTSUP;
}

static int shmfs_truncate(struct vnode *vp, uint64_t size)
{
	(void)vp, (void)size;
	return -EPERM;
}

static long shmfs_readlink(struct vnode *vp, char *buf, size_t len)
{
	(void)vp, (void)buf, (void)len;
	return -EINVAL;
}

static int shmfs_fsync(struct vnode *vp)
{
	(void)vp;
	return 0;
}

static void shmfs_reclaim(struct vnode *vp)
{
	vp->data = NULL;
}

static int shmfs_setattr(struct vnode *vp, unsigned what)
{
	(void)vp, (void)what;
	return -EPERM; /* fchmod/fchown of a shm_open descriptor change the object */
}

const struct vnode_ops shmfs_vnops = {
	.version = VNODE_OPS_VERSION,
	.lookup = shmfs_lookup,
	.create = shmfs_create,
	.link = shmfs_link,
	.unlink = shmfs_unlink,
	.rename = shmfs_rename,
	.parent = shmfs_parent,
	.readdir = shmfs_readdir,
	.empty = shmfs_empty,
	.read = shmfs_rw,
	.write = shmfs_rw,
	.truncate = shmfs_truncate,
	.readlink = shmfs_readlink,
	.fsync = shmfs_fsync,
	.reclaim = shmfs_reclaim,
	.setattr = shmfs_setattr,
};
