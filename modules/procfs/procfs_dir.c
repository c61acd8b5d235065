/*
 * proc's directories: the root (self, meminfo, modules, uptime, mounts
 * and one directory per live process), /proc/<pid> (cmdline, fd, maps,
 * status) and /proc/<pid>/fd (one link per open descriptor). Everything
 * here runs under vfs_ns_lock.
 *
 * Positions in a directory: 0 ".", 1 "..", then fixed entries from 2; a
 * process's directory is at PROCFS_POS_PID + pid and a descriptor's link
 * at 2 + fd, so a listing that goes on after processes came or went
 * neither repeats nor skips one that stayed.
 */
#include <stddef.h>
#include <stdint.h>

#include <kern/fmt.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

#include "procfs.h"

#define PROCFS_POS_PID 16
#define PROCFS_PIDS    256 /* PROC_MAX: the core's table */
#define PROCFS_FDS     256 /* FDTAB_MAX */
#define PROCFS_PID_MAX 99999

struct procfs_ent {
	const char *name;
	enum procfs_kind kind;
	unsigned type;
};

static const struct procfs_ent procfs_root_ents[] = {
	{ "self", PROCFS_SELF, DT_LNK },       { "meminfo", PROCFS_MEMINFO, DT_REG },
	{ "modules", PROCFS_MODULES, DT_REG }, { "uptime", PROCFS_UPTIME, DT_REG },
	{ "mounts", PROCFS_MOUNTS, DT_REG },
};

static const struct procfs_ent procfs_pid_ents[] = {
	{ "cmdline", PROCFS_CMDLINE, DT_REG },
	{ "fd", PROCFS_FDDIR, DT_DIR },
	{ "maps", PROCFS_MAPS, DT_REG },
	{ "status", PROCFS_STATUS, DT_REG },
};

#define PROCFS_NENTS(a) (sizeof(a) / sizeof((a)[0]))

static int procfs_alive(long pid)
{
	return proc_cmdline(pid, NULL, 0) >= 0;
}

struct vnode *procfs_dir_get(struct vfs_mount *mp, enum procfs_kind kind, long pid)
{
	struct procfs_mount *pm = mp->data;
	struct list_node *pos, *tmp;
	struct procfs_node *n;
	struct vnode *vp;

	list_for_each_safe(pos, tmp, &pm->dirs)
	{
		n = list_entry(pos, struct procfs_node, link);
		if (n->kind == kind && n->pid == pid)
			return vfs_vref(n->vp);
	}
	vp = procfs_node_new(mp, kind, pid, 0);
	if (vp == NULL)
		return NULL;
	n = vp->data;
	vfs_nlink_add(vp, 2); /* a directory is listed only with a name */
	list_add_tail(&pm->dirs, &n->link);
	n->cached = 1;
	return vp;
}

void procfs_dir_prune(struct vfs_mount *mp, int all)
{
	struct procfs_mount *pm = mp->data;
	struct list_node *pos, *tmp;

	list_for_each_safe(pos, tmp, &pm->dirs)
	{
		struct procfs_node *n = list_entry(pos, struct procfs_node, link);
		struct vnode *vp = n->vp;

		/* Under vfs_ns_lock, an unreferenced one can only be found here. */
		if (!all && __atomic_load_n(&vp->refs, __ATOMIC_ACQUIRE) != 0)
			continue;
		list_del(&n->link);
		n->cached = 0;
		vfs_vref(vp);
		vfs_nlink_add(vp, -(int)vp->nlink);
		vfs_vrele(vp); /* frees it (unless still referenced) */
	}
}

static int procfs_fixed(struct vnode *dvp, const struct procfs_ent *e, size_t ne, long pid,
			const char *name, size_t len, struct vnode **out)
{
	for (size_t i = 0; i < ne; i++) {
		if (strlen(e[i].name) != len || memcmp(e[i].name, name, len) != 0)
			continue;
		if (e[i].kind == PROCFS_FDDIR)
			*out = procfs_dir_get(dvp->mount, PROCFS_FDDIR, pid);
		else
			*out = procfs_node_new(dvp->mount, e[i].kind, pid, 0);
		return *out ? 0 : -ENOMEM;
	}
	return -ENOENT;
}

struct procfs_fdset {
	uint8_t open[PROCFS_FDS];
};

static int procfs_fd_mark(void *arg, int fd, const char *target)
{
	struct procfs_fdset *s = arg;

	(void)target;
	if (fd >= 0 && fd < PROCFS_FDS)
		s->open[fd] = 1;
	return 0;
}

static int procfs_fdset_get(long pid, struct procfs_fdset *s)
{
	memset(s, 0, sizeof(*s));
	return proc_fds(pid, procfs_fd_mark, s);
}

int procfs_lookup(struct vnode *dvp, const char *name, size_t len, struct vnode **out)
{
	struct procfs_node *d = dvp->data;
	struct procfs_fdset fds;
	long num;
	int rc;

	if (d->kind == PROCFS_ROOT) {
		procfs_dir_prune(dvp->mount, 0);
		rc = procfs_fixed(dvp, procfs_root_ents, PROCFS_NENTS(procfs_root_ents), 0, name,
				  len, out);
		num = procfs_number(name, len, PROCFS_PID_MAX);
		if (rc != -ENOENT || num <= 0 || !procfs_alive(num))
			return rc;
		*out = procfs_dir_get(dvp->mount, PROCFS_PID, num);
		return *out ? 0 : -ENOMEM;
	}
	if (!procfs_alive(d->pid))
		return -ENOENT;
	if (d->kind == PROCFS_PID)
		return procfs_fixed(dvp, procfs_pid_ents, PROCFS_NENTS(procfs_pid_ents), d->pid,
				    name, len, out);
	num = procfs_number(name, len, PROCFS_FDS - 1);
	if (d->kind != PROCFS_FDDIR || num < 0)
		return -ENOENT;
	rc = procfs_fdset_get(d->pid, &fds);
	if (rc)
		return rc == -ESRCH ? -ENOENT : rc;
	if (!fds.open[num])
		return -ENOENT;
	*out = procfs_node_new(dvp->mount, PROCFS_FD, d->pid, (int)num);
	return *out ? 0 : -ENOMEM;
}

/* ".", "..", then the fixed entries from position 2; 1 when @p fn stopped. */
static int procfs_dots(struct vnode *dvp, uint64_t *off, const struct procfs_ent *e, size_t ne,
		       vfs_dirent_fn *fn, void *arg)
{
	long pid = ((struct procfs_node *)dvp->data)->pid;

	for (; *off < 2 + ne; (*off)++) {
		const char *name = *off == 0 ? "." : *off == 1 ? ".." : e[*off - 2].name;
		unsigned type = *off < 2 ? DT_DIR : e[*off - 2].type;
		uint64_t ino = dvp->ino;

		if (*off >= 2)
			ino = pid ? ((uint64_t)pid << 16) | ((uint64_t)e[*off - 2].kind << 8)
				  : (uint64_t)e[*off - 2].kind;
		if (fn(arg, name, strlen(name), ino, type, *off + 1))
			return 1;
	}
	return 0;
}

static int procfs_readdir_root(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	long *pids = mem_alloc(PROCFS_PIDS * sizeof(long)), n;
	char name[16];

	if (pids == NULL)
		return -ENOMEM;
	if (procfs_dots(dvp, off, procfs_root_ents, PROCFS_NENTS(procfs_root_ents), fn, arg)) {
		mem_free(pids);
		return 0;
	}
	n = proc_pids(pids, PROCFS_PIDS);
	for (long i = 0; i < n && i < PROCFS_PIDS; i++) {
		uint64_t pos = PROCFS_POS_PID + (uint64_t)pids[i];
		int len;

		if (pos < *off)
			continue;
		len = fmt_snprintf(name, sizeof(name), "%ld", pids[i]);
		if (fn(arg, name, (size_t)len, ((uint64_t)pids[i] << 16) | (PROCFS_PID << 8),
		       DT_DIR, pos + 1))
			break;
		*off = pos + 1;
	}
	mem_free(pids);
	return 0;
}

static int procfs_readdir_fds(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	struct procfs_node *d = dvp->data;
	struct procfs_fdset *fds = mem_alloc(sizeof(*fds));
	char name[8];
	int rc;

	if (fds == NULL)
		return -ENOMEM;
	rc = procfs_fdset_get(d->pid, fds);
	if (rc == 0 && !procfs_dots(dvp, off, NULL, 0, fn, arg)) {
		for (int fd = 0; fd < PROCFS_FDS; fd++) {
			int len;

			if (!fds->open[fd] || 2 + (uint64_t)fd < *off)
				continue;
			len = fmt_snprintf(name, sizeof(name), "%d", fd);
			if (fn(arg, name, (size_t)len, dvp->ino + 1 + (uint64_t)fd, DT_LNK,
			       3 + (uint64_t)fd))
				break;
			*off = 3 + (uint64_t)fd;
		}
	}
	mem_free(fds);
	return rc == -ESRCH ? -ENOENT : rc;
}

int procfs_readdir(struct vnode *dvp, uint64_t *off, vfs_dirent_fn *fn, void *arg)
{
	struct procfs_node *d = dvp->data;

	if (d->kind == PROCFS_ROOT)
		return procfs_readdir_root(dvp, off, fn, arg);
	if (!procfs_alive(d->pid))
		return -ENOENT;
	if (d->kind == PROCFS_FDDIR)
		return procfs_readdir_fds(dvp, off, fn, arg);
	procfs_dots(dvp, off, procfs_pid_ents, PROCFS_NENTS(procfs_pid_ents), fn, arg);
	return 0;
}
