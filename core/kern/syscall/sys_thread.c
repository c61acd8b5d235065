/*
 * Threads of a process (throp, the Zero book's 6.2.7) and futex, the wait
 * and wake on a user address that libc's mutexes and condition variables
 * are built on.
 *
 * futex: a waiter checks *addr == val and sleeps under futex_lock; a waker
 * (which changed *addr before) takes futex_lock to wake, so no wakeup is
 * lost. The channel is the address mixed with the address space, so two
 * processes' futexes at the same address do not meet (a collision would
 * only wake a sleeper early, which futex callers allow).
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/user.h>
#include <core/proc.h>
#include <core/thr_priv.h>
#include <kern/assert.h>
#include <kern/lock.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/proc.h>
#include <uapi/time.h>

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1

static struct mutex futex_lock = MUTEX_INIT("futex");

static void thread_start(void *frame)
{
	arch_user_return(frame);
}

static long thread_new(struct proc *p, uint64_t uarg)
{
	_Alignas(16) unsigned char tf[512];
	struct thr *t, *me = thr_current();
	struct thrarg a;
	int rc;

	KASSERT(arch_trap_frame_size() <= sizeof(tf));
	if (copyin(&a, uarg, sizeof(a)) != 0)
		return -EFAULT;
	if (!uaccess_ok(a.entry, 1) || !uaccess_ok(a.stack - 16, 16) ||
	    (a.tls && !uaccess_ok(a.tls, 1)))
		return -EINVAL;
	memcpy(tf, me->utf, arch_trap_frame_size());
	arch_trap_set_call((struct trap_frame *)tf, a.entry, a.stack, a.arg, 0, 0);
	t = thr_create_user(p->name, p, (struct trap_frame *)tf, thread_start);
	if (t == NULL)
		return -EAGAIN;
	t->tls = a.tls;
	t->sigmask = me->sigmask;
	rc = proc_thread_add(p, t);
	if (rc)
		return rc; /* the record is lost with its stack: PROC_THREADS is the limit */
	thr_run(t);
	return t->id;
}

static struct proc_thread *thread_find(struct proc *p, long id)
{
	for (unsigned i = 0; i < PROC_THREADS; i++)
		if (p->threads[i].id == id && id != 0)
			return &p->threads[i];
	return NULL;
}

static long thread_join(struct proc *p, long id, uint64_t uval)
{
	struct proc_thread *s;
	uint64_t v;
	long rc = 0;

	if (id == thr_current()->id)
		return -EDEADLK;
	mutex_lock(&p->thr_lock);
	s = thread_find(p, id);
	if (s == NULL || s->detached)
		rc = s ? -EINVAL : -ESRCH;
	while (rc == 0 && !s->exited)
		if (thr_sleep_mutex(s, &p->thr_lock, 0) == -EINTR && p->exiting)
			rc = -EINTR;
	if (rc == 0) {
		v = s->value;
		*s = (struct proc_thread){ 0 };
	}
	mutex_unlock(&p->thr_lock);
	if (rc == 0 && uval && copyout(uval, &v, sizeof(v)) != 0)
		return -EFAULT;
	return rc;
}

static long thread_detach(struct proc *p, long id)
{
	struct proc_thread *s;
	long rc = 0;

	mutex_lock(&p->thr_lock);
	s = thread_find(p, id ? id : thr_current()->id);
	if (s == NULL)
		rc = -ESRCH;
	else if (s->exited)
		*s = (struct proc_thread){ 0 };
	else
		s->detached = 1;
	mutex_unlock(&p->thr_lock);
	return rc;
}

long sys_throp(long cmd, long parm, long arg, long a3, long a4, long a5)
{
	struct proc *p = proc_current();

	(void)a3, (void)a4, (void)a5;
	switch (cmd) {
	case THR_NEW:
		return thread_new(p, (uint64_t)arg);
	case THR_JOIN:
		return thread_join(p, parm, (uint64_t)arg);
	case THR_DETACH:
		return thread_detach(p, parm);
	case THR_EXIT:
		proc_thread_exit(p, (uint64_t)parm);
	case THR_SELF:
		return thr_current()->id;
	default:
		return -EINVAL;
	}
}

static const void *futex_chan(const struct proc *p, uint64_t addr)
{
	return (const void *)(uintptr_t)(addr ^ ((uintptr_t)p->vm << 1));
}

static long futex_wait(struct proc *p, uint64_t addr, int val, uint64_t uts)
{
	struct timespec ts = { 0, 0 };
	uint64_t ns = 0;
	int cur;
	long rc;

	if (uts) {
		if (copyin(&ts, uts, sizeof(ts)) != 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
		ns += ns == 0;
	}
	mutex_lock(&futex_lock);
	rc = copyin(&cur, addr, sizeof(cur));
	if (rc == 0 && cur != val)
		rc = -EAGAIN;
	if (rc == 0)
		rc = thr_sleep_sig(futex_chan(p, addr), &futex_lock, ns);
	mutex_unlock(&futex_lock);
	return rc;
}

long sys_futex(long uaddr, long op, long val, long uts, long a4, long a5)
{
	struct proc *p = proc_current();
	long n;

	(void)a4, (void)a5;
	if ((uaddr & 3) || !uaccess_ok((uint64_t)uaddr, 4))
		return -EINVAL;
	if (op == FUTEX_WAIT)
		return futex_wait(p, (uint64_t)uaddr, (int)val, (uint64_t)uts);
	if (op != FUTEX_WAKE)
		return -EINVAL;
	mutex_lock(&futex_lock);
	n = thr_wakeup(futex_chan(p, (uint64_t)uaddr));
	mutex_unlock(&futex_lock);
	return n;
}
