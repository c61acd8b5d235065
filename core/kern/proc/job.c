/*
 * Job control: process groups and sessions (setpgid, setsid, getpgid,
 * getsid), stopping and continuing processes, orphaned process groups,
 * and what the tty layer asks of processes (kern/job.h).
 *
 * State: p->pgid, p->sid and p->ctty change under the process table's lock
 * (proc_table_lock()); p->stopped and p->wait_report are atomics, changed
 * together under job_state_lock, a spinlock, so that signal_post() can
 * continue a process from under any lock and from an interrupt handler
 * (^C and ^Z come from the terminal's receive path).
 * A stopped process's threads park in job_park() on their way back to
 * user mode; SIGCONT and SIGKILL wake them.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <core/job.h>
#include <core/proc.h>
#include <core/signal.h>
#include <core/thr_priv.h>
#include <kern/job.h>
#include <kern/lock.h>
#include <kern/thr.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define SIGBIT(s) (1ULL << ((s)-1))

/* A stop or a continue changes p->stopped and p->wait_report together
 * under this leaf spinlock: otherwise a continued process that stopped
 * again before the continue had written its report (the continuer
 * preempted between the two) had its stop report overwritten by the
 * continue's, and a parent waiting for the stop waited for ever. */
static struct spinlock job_state_lock = SPINLOCK_INIT("job state");

/* Tell @p's parent that it stopped or continued: SIGCHLD unless it asked
 * for none (SA_NOCLDSTOP), and a wakeup for a waiting wait(). */
static void job_notify_parent(struct proc *p)
{
	struct proc *parent = __atomic_load_n(&p->parent, __ATOMIC_ACQUIRE);

	if (parent == NULL)
		return;
	if (!(parent->sig[SIGCHLD].flags & SA_NOCLDSTOP))
		signal_post(parent, SIGCHLD);
	thr_wakeup(parent);
}

static void job_interrupt_threads(struct proc *p)
{
	mutex_lock(&p->thr_lock);
	for (unsigned i = 0; i < PROC_THREADS; i++)
		if (p->threads[i].t && p->threads[i].t != thr_current())
			thr_interrupt(p->threads[i].t);
	mutex_unlock(&p->thr_lock);
}

void job_park(struct proc *p)
{
	uint64_t flags = arch_irq_save();

	while (__atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE) &&
	       !(__atomic_load_n(&p->sig_pending, __ATOMIC_ACQUIRE) & SIGBIT(SIGKILL)))
		thr_sleep(&p->stopped, 0);
	arch_irq_restore(flags);
}

void job_stop(struct proc *p, int sig)
{
	int first;

	spin_lock(&job_state_lock);
	first = __atomic_exchange_n(&p->stopped, 1, __ATOMIC_ACQ_REL) == 0;
	if (first) {
		__atomic_or_fetch(&p->attn, PROC_ATTN_STOP, __ATOMIC_ACQ_REL);
		__atomic_store_n(&p->wait_report, (sig << 8) | 0x7f, __ATOMIC_RELEASE);
	}
	spin_unlock(&job_state_lock);
	if (first) {
		job_interrupt_threads(p);
		job_notify_parent(p);
	}
	job_park(p);
}

void job_continue(struct proc *p, int report)
{
	int was;

	spin_lock(&job_state_lock);
	was = __atomic_exchange_n(&p->stopped, 0, __ATOMIC_ACQ_REL);
	if (was) {
		__atomic_and_fetch(&p->attn, ~(uint32_t)PROC_ATTN_STOP, __ATOMIC_ACQ_REL);
		__atomic_store_n(&p->wait_report, report ? JOB_CONTINUED : 0, __ATOMIC_RELEASE);
	}
	spin_unlock(&job_state_lock);
	if (!was)
		return;
	thr_wakeup(&p->stopped);
	if (report)
		job_notify_parent(p);
}

/* Under proc_table_lock(). */
static int job_orphaned_locked(long pgid)
{
	for (unsigned i = 0; i < PROC_MAX; i++) {
		const struct proc *q = proc_slot(i);

		if (q->state != PROC_LIVE || q->pgid != pgid || q->parent == NULL)
			continue;
		if (q->parent->pgid != pgid && q->parent->sid == q->sid)
			return 0;
	}
	return 1;
}

int job_pgrp_orphaned(long pgid)
{
	int r;

	proc_table_lock();
	r = job_orphaned_locked(pgid);
	proc_table_unlock();
	return r;
}

/* Under proc_table_lock(): does group @pgid hold a stopped process? */
static int job_has_stopped_locked(long pgid)
{
	for (unsigned i = 0; i < PROC_MAX; i++) {
		const struct proc *q = proc_slot(i);

		if (q->state == PROC_LIVE && q->pgid == pgid &&
		    __atomic_load_n(&q->stopped, __ATOMIC_ACQUIRE))
			return 1;
	}
	return 0;
}

int job_signal_pgrp(long pgid, int sig)
{
	int n = 0;

	if (pgid <= 0 || sig <= 0 || sig >= NSIG)
		return 0;
	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *q = proc_slot(i);

		if (q->state == PROC_LIVE && q->pgid == pgid) {
			signal_post(q, sig);
			n++;
		}
	}
	proc_table_unlock();
	return n;
}

/* POSIX: a group that an exit orphans and that has a stopped member gets
 * SIGHUP then SIGCONT, so that nobody stays stopped with no one to care. */
static void job_orphan_check(long pgid)
{
	int hup;

	proc_table_lock();
	hup = job_has_stopped_locked(pgid) && job_orphaned_locked(pgid);
	proc_table_unlock();
	if (hup) {
		job_signal_pgrp(pgid, SIGHUP);
		job_signal_pgrp(pgid, SIGCONT);
	}
}

void job_exit(struct proc *p, const long *pgids, int n)
{
	void *tty = p->ctty;

	if (tty && p->pid == p->sid) {
		job_hangup(tty);
		job_clear_ctty(tty);
	}
	p->ctty = NULL;
	job_orphan_check(p->pgid);
	for (int i = 0; i < n; i++)
		if (pgids[i] != p->pgid)
			job_orphan_check(pgids[i]);
}
