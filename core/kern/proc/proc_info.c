/*
 * The accessors of kern/procinfo.h that copy a process's fields: its
 * identity and state under the process table's lock, its space's counters
 * and its argument strings under its info lock (core/proc_image.h).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/meminfo.h>
#include <core/proc.h>
#include <core/proc_image.h>
#include <core/sysctl.h>
#include <kern/kmod.h>
#include <kern/procinfo.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/procinfo.h>

struct proc *proc_info_hold(long pid)
{
	struct proc *p = NULL;

	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX && !p; i++)
		if (proc_slot(i)->state == PROC_LIVE && proc_slot(i)->pid == pid)
			p = proc_slot(i);
	proc_table_unlock();
	if (p == NULL)
		return NULL;
	proc_info_lock(p);
	proc_table_lock();
	if (p->state != PROC_LIVE || p->pid != pid) { /* it ended or the slot was reused */
		proc_table_unlock();
		proc_info_unlock(p);
		return NULL;
	}
	proc_table_unlock();
	return p;
}

/* Under the table's lock: the fields that need no sleep. */
static void proc_info_fields(struct proc *p, struct proc_info *out)
{
	memset(out, 0, sizeof(*out));
	out->pid = p->pid;
	out->ppid = p->parent ? p->parent->pid : 0;
	out->pgid = p->pgid;
	out->sid = p->sid;
	out->uid = p->cred.uid;
	out->euid = p->cred.euid;
	out->gid = p->cred.gid;
	out->egid = p->cred.egid;
	out->umask = p->umask;
	memcpy(out->name, p->name, strnlen(p->name, sizeof(out->name) - 1));
	out->start_ns = p->start_ns;
	out->brk_base = p->brk_base;
	out->brk = p->brk;
	out->sig_pending = __atomic_load_n(&p->sig_pending, __ATOMIC_RELAXED);
	out->state = PROCINFO_SLEEP;
	for (unsigned i = 0; i < PROC_THREADS; i++) {
		struct thr *t = procs_thread_at(p, i);

		if (t == NULL)
			continue;
		out->threads++;
		if (t->state == THR_RUNNING || t->state == THR_READY)
			out->state = PROCINFO_RUN;
	}
	if (__atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE))
		out->state = PROCINFO_STOP;
}

int proc_info_get(long pid, struct proc_info *out)
{
	struct proc *p = proc_info_hold(pid);
	struct vm_space_info vi = { 0 };

	if (p == NULL)
		return -ESRCH;
	proc_table_lock();
	proc_info_fields(p, out);
	proc_table_unlock();
	if (p->vm)
		vm_space_info(p->vm, &vi);
	out->vsize = vi.mapped;
	out->rss = vi.resident;
	proc_info_unlock(p);
	return 0;
}
KERN_EXPORT(proc_info_get);

long proc_pids(long *pids, long room)
{
	long n = 0;

	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *p = proc_slot(i);
		long j;

		if (p->state != PROC_LIVE)
			continue;
		if (n < room) { /* insertion, ascending */
			for (j = n; j > 0 && pids[j - 1] > p->pid; j--)
				pids[j] = pids[j - 1];
			pids[j] = p->pid;
		} else if (room > 0 && p->pid < pids[room - 1]) {
			for (j = room - 1; j > 0 && pids[j - 1] > p->pid; j--)
				pids[j] = pids[j - 1];
			pids[j] = p->pid;
		}
		n++;
	}
	proc_table_unlock();
	return n;
}
KERN_EXPORT(proc_pids);

long proc_self_pid(void)
{
	struct proc *p = proc_current();

	return p ? p->pid : 0;
}
KERN_EXPORT(proc_self_pid);

long proc_cmdline(long pid, char *buf, size_t len)
{
	struct proc *p = proc_info_hold(pid);
	size_t n = 0;

	if (p == NULL)
		return -ESRCH;
	if (p->image) {
		n = p->image->args_len < len ? p->image->args_len : len;
		memcpy(buf, p->image->args, n);
	}
	proc_info_unlock(p);
	return (long)n;
}
KERN_EXPORT(proc_cmdline);

void proc_meminfo(struct meminfo *mi)
{
	meminfo_get(mi);
}
KERN_EXPORT(proc_meminfo);
