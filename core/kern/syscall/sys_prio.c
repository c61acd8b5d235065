/*
 * getpriority(which, who) and setpriority(which, who, prio): nice values
 * of processes, process groups and users' processes (POSIX <sys/resource.h>).
 *
 * A process's nice value is its threads': setpriority sets every thread
 * through thr_set_nice(), so the running scheduler re-places each one (the
 * Zero scheduler's priority, the stride scheduler's tickets follow), and
 * new threads inherit it (fork, THR_NEW: thr.c). getpriority reports the
 * process's first thread. Like Linux's system call, getpriority answers
 * 20 - nice (1 to 40), so that no priority looks like an error; libc turns
 * it back (user/lib/job.c).
 *
 * Permission (as Linux): the caller's effective uid is 0, or equals the
 * target's real or effective uid; only root may lower a nice value
 * (EACCES). The walk runs under the process table's lock (proc_foreach);
 * thr_set_nice takes the scheduler's spinlock under it, the order
 * signal_kill() already uses (proc_lock, then the scheduler's).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <core/sysctl.h>
#include <kern/thr.h>
#include <uapi/errno.h>

/* The `which` values of <sys/resource.h> (user/include/sys/resource.h). */
#define PRIO_WHICH_PROCESS 0
#define PRIO_WHICH_PGRP	   1
#define PRIO_WHICH_USER	   2

struct prio_walk {
	struct proc *self;
	long which;
	long who;
	long nice;   /* setpriority: the new value */
	int set;     /* 0: getpriority, 1: setpriority */
	long best;   /* getpriority: the lowest nice found */
	int found;   /* processes matched and allowed (set: changed) */
	int denied;  /* set: not the caller's to change (EPERM) */
	int lowered; /* set: a decrease without root (EACCES) */
};

static int prio_match(const struct prio_walk *w, const struct proc *p)
{
	switch (w->which) {
	case PRIO_WHICH_PROCESS:
		return p->pid == w->who;
	case PRIO_WHICH_PGRP:
		return p->pgid == w->who;
	default:
		return p->cred.uid == (uint32_t)w->who;
	}
}

/* The nice value of a process: its first live thread's (NULL: none left). */
static struct thr *prio_first(struct proc *p)
{
	for (unsigned i = 0; i < PROC_THREADS; i++) {
		struct thr *t = procs_thread_at(p, i);

		if (t)
			return t;
	}
	return NULL;
}

static void prio_set_one(struct prio_walk *w, struct proc *p, long now)
{
	const struct cred *c = &w->self->cred;

	if (c->euid != 0 && c->euid != p->cred.uid && c->euid != p->cred.euid) {
		w->denied++;
		return;
	}
	if (w->nice < now && c->euid != 0) {
		w->lowered++;
		return;
	}
	for (unsigned i = 0; i < PROC_THREADS; i++) {
		struct thr *t = procs_thread_at(p, i);

		if (t)
			thr_set_nice(t, w->nice);
	}
	w->found++;
}

/* proc_foreach's callback: under the table's lock, never sleeps. */
static int prio_visit(struct proc *p, void *arg)
{
	struct prio_walk *w = arg;
	struct thr *first;

	if (!prio_match(w, p) || (first = prio_first(p)) == NULL)
		return 0;
	if (w->set) {
		prio_set_one(w, p, first->nice);
	} else {
		if (w->found == 0 || first->nice < w->best)
			w->best = first->nice;
		w->found++;
	}
	return 0;
}

/* Check which and who; who 0 names the caller (its pid, group, uid). */
static long prio_start(struct prio_walk *w, long which, long who)
{
	struct proc *self = proc_current();

	if (self == NULL)
		return -ESRCH;
	if (which != PRIO_WHICH_PROCESS && which != PRIO_WHICH_PGRP && which != PRIO_WHICH_USER)
		return -EINVAL;
	if (who < 0)
		return -ESRCH;
	w->self = self;
	w->which = which;
	w->who = who			       ? who
		 : which == PRIO_WHICH_PROCESS ? self->pid
		 : which == PRIO_WHICH_PGRP    ? self->pgid
					       : (long)self->cred.uid;
	return 0;
}

long sys_getpriority(long which, long who, long a2, long a3, long a4, long a5)
{
	struct prio_walk w = { 0 };
	long rc;

	(void)a2, (void)a3, (void)a4, (void)a5;
	rc = prio_start(&w, which, who);
	if (rc)
		return rc;
	proc_foreach(prio_visit, &w);
	return w.found ? 20 - w.best : -ESRCH;
}

long sys_setpriority(long which, long who, long prio, long a3, long a4, long a5)
{
	struct prio_walk w = { .set = 1 };
	long rc;

	(void)a3, (void)a4, (void)a5;
	rc = prio_start(&w, which, who);
	if (rc)
		return rc;
	w.nice = prio < THR_NICE_MIN ? THR_NICE_MIN : prio > THR_NICE_MAX ? THR_NICE_MAX : prio;
	proc_foreach(prio_visit, &w);
	if (w.lowered)
		return -EACCES;
	if (w.denied)
		return -EPERM;
	return w.found ? 0 : -ESRCH;
}
