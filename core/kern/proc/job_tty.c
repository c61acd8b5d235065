/*
 * What the tty layer asks of processes (kern/job.h): who the caller is,
 * the controlling terminal, foreground checks, signals to a group.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/job.h>
#include <core/proc.h>
#include <kern/job.h>
#include <kern/kmod.h>
#include <kern/thr.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define SIGBIT(s) (1ULL << ((s)-1))

static void (*job_hangup_hook)(void *tty);

long job_pgrp(void)
{
	struct proc *p = proc_current();

	return p ? p->pgid : 0;
}
KERN_EXPORT(job_pgrp);

long job_session(void)
{
	struct proc *p = proc_current();

	return p ? p->sid : 0;
}
KERN_EXPORT(job_session);

void *job_ctty(void)
{
	struct proc *p = proc_current();

	return p ? p->ctty : NULL;
}
KERN_EXPORT(job_ctty);

int job_set_ctty(void *tty, long owner_sid)
{
	struct proc *p = proc_current();

	if (p == NULL || p->pid != p->sid || (p->ctty && p->ctty != tty) ||
	    (owner_sid && owner_sid != p->sid))
		return -EPERM;
	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *q = proc_slot(i);

		if (q->state == PROC_LIVE && q->sid == p->sid)
			q->ctty = tty;
	}
	proc_table_unlock();
	return 0;
}
KERN_EXPORT(job_set_ctty);

void job_clear_ctty(void *tty)
{
	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *q = proc_slot(i);

		if (q->ctty == tty)
			q->ctty = NULL;
	}
	proc_table_unlock();
}
KERN_EXPORT(job_clear_ctty);

void job_drop_ctty(void)
{
	struct proc *p = proc_current();

	if (p == NULL)
		return;
	proc_table_lock();
	p->ctty = NULL;
	proc_table_unlock();
}
KERN_EXPORT(job_drop_ctty);

int job_session_leader(void)
{
	struct proc *p = proc_current();

	return p && p->pid == p->sid;
}
KERN_EXPORT(job_session_leader);

int job_pgrp_in_session(long pgid, long sid)
{
	int found = 0;

	proc_table_lock();
	for (unsigned i = 0; i < PROC_MAX && !found; i++) {
		const struct proc *q = proc_slot(i);

		found = q->state == PROC_LIVE && q->pgid == pgid && q->sid == sid;
	}
	proc_table_unlock();
	return found;
}
KERN_EXPORT(job_pgrp_in_session);
KERN_EXPORT(job_signal_pgrp);

/* Does the calling thread ignore or block @sig? */
static int job_sig_ignored(const struct proc *p, int sig)
{
	return p->sig[sig].handler == SIG_IGN_HANDLER || (thr_current()->sigmask & SIGBIT(sig));
}

int job_tty_check(void *tty, long fg_pgid, int sig)
{
	struct proc *p = proc_current();

	if (p == NULL || p->ctty != tty || fg_pgid == 0 || p->pgid == fg_pgid)
		return 0;
	if (job_sig_ignored(p, sig))
		return sig == SIGTTOU ? 0 : -EIO;
	if (job_pgrp_orphaned(p->pgid))
		return -EIO;
	job_signal_pgrp(p->pgid, sig);
	return -EINTR;
}
KERN_EXPORT(job_tty_check);

void job_set_hangup(void (*fn)(void *tty))
{
	__atomic_store_n(&job_hangup_hook, fn, __ATOMIC_RELEASE);
}
KERN_EXPORT(job_set_hangup);

static long (*job_ttydev_hook)(const void *tty);

void job_set_ttydev(long (*fn)(const void *tty))
{
	__atomic_store_n(&job_ttydev_hook, fn, __ATOMIC_RELEASE);
}
KERN_EXPORT(job_set_ttydev);

long job_ttydev(const void *tty)
{
	long (*fn)(const void *) = __atomic_load_n(&job_ttydev_hook, __ATOMIC_ACQUIRE);

	return tty && fn ? fn(tty) : -1;
}

void job_hangup(void *tty)
{
	void (*fn)(void *) = __atomic_load_n(&job_hangup_hook, __ATOMIC_ACQUIRE);

	if (fn)
		fn(tty);
}
