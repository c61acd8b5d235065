/*
 * Process groups and sessions: setpgid, getpgid, setsid, getsid (POSIX).
 * Groups and sessions change under the process table's lock, so that a
 * check and its change are one step against a concurrent fork or exit.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/proc.h>
#include <uapi/errno.h>

/* Under proc_table_lock(): a live process with this pid, or NULL. */
static struct proc *job_find_locked(long pid)
{
	for (unsigned i = 0; i < PROC_MAX; i++) {
		struct proc *q = proc_slot(i);

		if (q->state == PROC_LIVE && q->pid == pid)
			return q;
	}
	return NULL;
}

/* Under proc_table_lock(): is there a process of group @pgid in session @sid? */
static int job_group_exists_locked(long pgid, long sid)
{
	for (unsigned i = 0; i < PROC_MAX; i++) {
		const struct proc *q = proc_slot(i);

		if (q->state == PROC_LIVE && q->pgid == pgid && q->sid == sid)
			return 1;
	}
	return 0;
}

/* The checks of setpgid(): the caller or its child, same session, no
 * session leader, and an existing group of the session or a new one. */
static long job_setpgid_locked(struct proc *me, long pid, long pgid)
{
	struct proc *t = job_find_locked(pid);

	if (t == NULL || (t != me && t->parent != me))
		return -ESRCH;
	if (t->sid != me->sid || t->pid == t->sid)
		return -EPERM;
	if (pgid != t->pid && !job_group_exists_locked(pgid, me->sid))
		return -EPERM;
	t->pgid = pgid;
	return 0;
}

long sys_setpgid(long pid, long pgid, long a2, long a3, long a4, long a5)
{
	struct proc *me = proc_current();
	long r;

	(void)a2, (void)a3, (void)a4, (void)a5;
	if (pid < 0 || pgid < 0)
		return -EINVAL;
	if (pid == 0)
		pid = me->pid;
	if (pgid == 0)
		pgid = pid;
	proc_table_lock();
	r = job_setpgid_locked(me, pid, pgid);
	proc_table_unlock();
	return r;
}

/* getpgid (@want_sid 0) and getsid (1) of @pid, 0 meaning the caller. */
static long job_get(long pid, int want_sid)
{
	struct proc *me = proc_current(), *t;
	long r = -ESRCH;

	if (pid < 0)
		return -EINVAL;
	if (pid == 0)
		return want_sid ? me->sid : me->pgid;
	proc_table_lock();
	t = job_find_locked(pid);
	if (t)
		r = want_sid ? t->sid : t->pgid;
	proc_table_unlock();
	return r;
}

long sys_getpgid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return job_get(pid, 0);
}

long sys_getsid(long pid, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return job_get(pid, 1);
}

/* A new session and group led by the caller, without a terminal; not for a
 * group leader (its group would be split between two sessions). */
long sys_setsid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *me = proc_current();
	long r = -EPERM;

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_table_lock();
	if (me->pgid != me->pid && !job_group_exists_locked(me->pid, me->sid)) {
		me->pgid = me->sid = me->pid;
		me->ctty = NULL;
		r = me->pid;
	}
	proc_table_unlock();
	return r;
}
