/*
 * SYSCTL_PROCS: one struct procinfo per thread of every live process
 * (uapi/procinfo.h), for ps and top.
 *
 * The process table is walked with proc_foreach(), under the table's
 * spinlock: nothing here sleeps or allocates there. Records go into a
 * kernel buffer of PROCS_CHUNK records; after each walk the lock is gone
 * and the chunk is copied out, then the next walk fills the next chunk.
 * So the kernel never holds more than one chunk whatever the user's room,
 * and copyout (which may fault and sleep) never runs under the lock.
 *
 * A process's thread list is guarded by its thr_lock, a mutex that cannot
 * be taken under a spinlock; the walk reads the slots without it. That is
 * safe because thread records are never freed, only reused (thr.c keeps
 * them), and each record is checked to still belong to the slot (same id,
 * same process, alive) before it is reported. What comes out is a
 * snapshot: a thread may end or start while it is taken.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/mmu.h>
#include <core/job.h>
#include <core/proc.h>
#include <core/sysctl.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/procinfo.h>

#define PROCS_CHUNK 64 /* records per walk (about 12 KiB of kernel buffer) */

struct procs_walk {
	struct procinfo *buf; /* the chunk: records [skip, skip + cap) of the walk */
	long skip;
	long cap;
	long n;		   /* records seen in this walk */
	struct proc *self; /* the caller's process: its space is measured before */
	struct vm_space_info self_vm;
	/* the threads' times as the process record summed them, so that each
	 * thread record shows the same snapshot (its cpu_ns is their sum) */
	struct thr_stats tst[PROC_THREADS];
	uint32_t tmask; /* the slots tst holds */
};

_Static_assert(PROC_THREADS <= 32, "procs_walk::tmask has a bit a thread slot");

/* A slot's thread, if the record still is that thread of @p p. */
struct thr *procs_thread_at(struct proc *p, unsigned i)
{
	struct proc_thread *s = &p->threads[i];
	struct thr *t = s->t;

	if (s->id == 0 || t == NULL || t->proc != p || t->id != s->id)
		return NULL;
	if (t->state == THR_FREE || t->state == THR_ZOMBIE)
		return NULL;
	return t;
}

static char procs_state(const struct thr *t)
{
	return t->state == THR_RUNNING || t->state == THR_READY ? PROCINFO_RUN : PROCINFO_SLEEP;
}

/* The process's fields, shared by its records; also counts its threads. */
static void procs_fill_proc(struct procs_walk *w, struct proc *p, struct procinfo *r)
{
	uint64_t cpu = 0;

	memset(r, 0, sizeof(*r));
	r->pid = (int32_t)p->pid;
	r->ppid = p->parent ? (int32_t)p->parent->pid : 0;
	r->pgid = (int32_t)p->pgid;
	r->sid = (int32_t)p->sid;
	r->uid = p->cred.uid;
	r->gid = p->cred.gid;
	r->euid = p->cred.euid;
	r->egid = p->cred.egid;
	r->tty = (int32_t)job_ttydev(p->ctty);
	r->state = PROCINFO_SLEEP;
	memcpy(r->comm, p->name, strnlen(p->name, sizeof(r->comm) - 1));
	r->start_ns = p->start_ns;
	for (unsigned i = 0; i < PROC_THREADS; i++) {
		struct thr *t = procs_thread_at(p, i);

		if (t == NULL)
			continue;
		r->nthreads++;
		if (procs_state(t) == PROCINFO_RUN)
			r->state = PROCINFO_RUN;
		sched_stats(t, &w->tst[i]);
		w->tmask |= 1u << i;
		cpu += w->tst[i].run_ns;
	}
	if (__atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE))
		r->state = PROCINFO_STOP;
	r->cpu_ns = cpu + sched_cycles_ns(__atomic_load_n(&p->dead_cycles, __ATOMIC_RELAXED));
	if (p == w->self) {
		r->vsize = w->self_vm.mapped;
		r->rss_pages = w->self_vm.resident / PAGE_SIZE;
	}
}

static void procs_fill_thr(struct procinfo *r, const struct thr *t, unsigned index,
			   const struct thr_stats *st)
{
	r->thread_index = (uint16_t)index;
	r->tstate = t->proc && __atomic_load_n(&t->proc->stopped, __ATOMIC_ACQUIRE)
			? PROCINFO_STOP
			: procs_state(t);
	r->tid = t->id;
	r->cls = (int32_t)t->class;
	r->prio = (int32_t)t->prio;
	r->nice = (int32_t)t->nice;
	r->run_ns = st->run_ns;
	r->wait_ns = st->wait_ns;
	r->nvcsw = st->nvcsw;
	r->nivcsw = st->nivcsw;
}

/* proc_foreach's callback: under the table's lock, never sleeps. */
static int procs_visit(struct proc *p, void *arg)
{
	struct procs_walk *w = arg;
	struct procinfo base;
	unsigned index = 0;

	w->tmask = 0;
	procs_fill_proc(w, p, &base);
	for (unsigned i = 0; i < PROC_THREADS && index < base.nthreads; i++) {
		struct thr *t = procs_thread_at(p, i);

		if (t == NULL)
			continue;
		if (w->n >= w->skip && w->n < w->skip + w->cap) {
			struct procinfo *r = &w->buf[w->n - w->skip];

			*r = base;
			if (!(w->tmask & (1u << i))) /* a thread the process record missed */
				sched_stats(t, &w->tst[i]);
			procs_fill_thr(r, t, index, &w->tst[i]);
		}
		index++;
		w->n++;
	}
	return 0;
}

long sysctl_procs(long room, uint64_t uarr)
{
	struct procs_walk w = { .self = proc_current() };
	long got;

	if (room < 0)
		return -EINVAL;
	w.buf = mem_alloc(PROCS_CHUNK * sizeof(*w.buf));
	if (w.buf == NULL)
		return -ENOMEM;
	if (w.self)
		vm_space_info(w.self->vm, &w.self_vm); /* may sleep: before the walk */
	do {
		w.n = 0;
		w.cap = room - w.skip < PROCS_CHUNK ? room - w.skip : PROCS_CHUNK;
		proc_foreach(procs_visit, &w);
		got = w.n - w.skip < w.cap ? w.n - w.skip : w.cap;
		if (got > 0 && copyout(uarr + (uint64_t)w.skip * sizeof(*w.buf), w.buf,
				       got * sizeof(*w.buf))) {
			mem_free(w.buf);
			return -EFAULT;
		}
		w.skip += got > 0 ? got : 0;
	} while (got == PROCS_CHUNK && w.skip < room);
	mem_free(w.buf);
	return w.n;
}
