/*
 * proc_fds() (kern/procinfo.h): what each open descriptor of a process
 * refers to. Under the process's info lock the descriptor table is walked
 * under its own spinlock: a file's recorded path is copied there; a file
 * without a path or vnode (a pipe) is referenced and described by its
 * stat after both locks are gone.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <kern/fmt.h>
#include <kern/kmod.h>
#include <kern/mem.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/vfs.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

struct proc_fd_ent {
	int fd;
	struct file *ref; /* to stat after the walk, or NULL */
	char target[PROC_FD_TARGET];
};

struct proc_fd_walk {
	struct proc_fd_ent *ent;
	unsigned n;
};

/* Under the table's spinlock: nothing that sleeps. */
static int proc_fds_visit(void *arg, int fd, struct file *f)
{
	struct proc_fd_walk *w = arg;
	struct proc_fd_ent *e = &w->ent[w->n++];

	e->fd = fd;
	e->ref = NULL;
	e->target[0] = '\0';
	if (f->path)
		memcpy(e->target, f->path, strnlen(f->path, PROC_FD_TARGET - 1) + 1);
	else if (f->vnode)
		fmt_snprintf(e->target, PROC_FD_TARGET, "anon_inode:[%lu]",
			     (unsigned long)f->vnode->ino);
	else
		e->ref = file_ref(f);
	e->target[PROC_FD_TARGET - 1] = '\0';
	return 0;
}

/* A file without a name: what its stat says it is. */
static void proc_fds_describe(struct proc_fd_ent *e)
{
	struct stat st;
	const char *kind = "anon_inode";

	memset(&st, 0, sizeof(st));
	fo_stat(e->ref, &st);
	if (S_ISFIFO(st.st_mode))
		kind = "pipe";
	else if (S_ISSOCK(st.st_mode))
		kind = "socket";
	/* Without an inode number, one that tells the ends of two pipes apart. */
	if (st.st_ino == 0)
		st.st_ino = ((uintptr_t)e->ref->priv >> 4) & 0xffffffffu;
	fmt_snprintf(e->target, PROC_FD_TARGET, "%s:[%lu]", kind, (unsigned long)st.st_ino);
	file_unref(e->ref);
	e->ref = NULL;
}

int proc_fds(long pid, proc_fd_fn *fn, void *arg)
{
	struct proc_fd_walk w = { .ent = mem_alloc(FDTAB_MAX * sizeof(struct proc_fd_ent)) };
	struct proc *p;
	int rc = 0;

	if (w.ent == NULL)
		return -ENOMEM;
	p = proc_info_hold(pid);
	if (p == NULL) {
		mem_free(w.ent);
		return -ESRCH;
	}
	if (p->fds)
		fdtab_walk(p->fds, proc_fds_visit, &w);
	proc_info_unlock(p);
	for (unsigned i = 0; i < w.n; i++)
		if (w.ent[i].ref)
			proc_fds_describe(&w.ent[i]);
	for (unsigned i = 0; i < w.n && rc == 0; i++)
		rc = fn(arg, w.ent[i].fd, w.ent[i].target);
	mem_free(w.ent);
	return rc;
}
KERN_EXPORT(proc_fds);
