/*
 * sigop (the Zero book's signal call, uapi/signal.h) and sigreturn.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <core/proc.h>
#include <core/signal.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define SIGBIT(s)	(1ULL << ((s)-1))
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/** struct sigarg handler value that only reads the action back. */
#define SIGARG_QUERY UINT64_MAX

static long sig_setfunc(struct proc *p, long sig, uint64_t uarg)
{
	struct sigarg a;
	struct proc_sigaction *s;

	if (sig <= 0 || sig >= NSIG)
		return -EINVAL;
	if (copyin(&a, uarg, sizeof(a)) != 0)
		return -EFAULT;
	s = &p->sig[sig];
	a.old_handler = s->handler;
	a.old_flags = s->flags;
	a.old_mask = s->mask;
	if (a.handler != SIGARG_QUERY) {
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (a.handler > SIG_IGN_HANDLER && !uaccess_ok(a.handler, 1))
			return -EFAULT;
		*s = (struct proc_sigaction){ .handler = a.handler,
					      .flags = a.flags,
					      .mask = a.mask & ~SIG_UNBLOCKABLE,
					      .restorer = a.restorer };
		if (a.handler == SIG_IGN_HANDLER)
			__atomic_and_fetch(&p->sig_pending, ~SIGBIT(sig), __ATOMIC_ACQ_REL);
	}
	return copyout(uarg, &a, sizeof(a)) ? -EFAULT : 0;
}

static long sig_setmask(struct thr *t, long how, uint64_t uarg)
{
	struct sigmask m;

	if (copyin(&m, uarg, sizeof(m)) != 0)
		return -EFAULT;
	m.old = t->sigmask;
	if (how == SIG_BLOCK)
		t->sigmask |= m.set;
	else if (how == SIG_UNBLOCK)
		t->sigmask &= ~m.set;
	else if (how == SIG_SETMASK_SET)
		t->sigmask = m.set;
	else
		return -EINVAL;
	t->sigmask &= ~SIG_UNBLOCKABLE;
	return copyout(uarg, &m, sizeof(m)) ? -EFAULT : 0;
}

/* Sleep until a signal is deliverable: pause() and sigsuspend(). */
static long sig_wait(void)
{
	uint64_t flags = arch_irq_save();

	while (!signal_pending())
		thr_sleep(&thr_current()->sigmask, 0);
	arch_irq_restore(flags);
	return -EINTR;
}

static long sig_setstk(struct thr *t, uint64_t uarg)
{
	struct sigstk s;

	if (copyin(&s, uarg, sizeof(s)) != 0)
		return -EFAULT;
	s.old_sp = t->sigalt_sp;
	s.old_size = t->sigalt_size;
	s.old_flags = t->on_sigalt ? SS_ONSTACK : t->sigalt_sp ? 0 : SS_DISABLE;
	if (s.flags == UINT64_MAX) /* only read it back */
		return copyout(uarg, &s, sizeof(s)) ? -EFAULT : 0;
	if (t->on_sigalt && (s.flags & SS_DISABLE || s.sp))
		return -EPERM;
	if (s.flags & SS_DISABLE) {
		t->sigalt_sp = t->sigalt_size = 0;
	} else if (s.sp) {
		if (s.size < 2048 || !uaccess_ok(s.sp, s.size))
			return s.size < 2048 ? -ENOMEM : -EFAULT;
		t->sigalt_sp = s.sp;
		t->sigalt_size = s.size;
	}
	return copyout(uarg, &s, sizeof(s)) ? -EFAULT : 0;
}

long sys_sigop(long cmd, long parm, long arg, long a3, long a4, long a5)
{
	struct thr *t = thr_current();
	struct proc *p = t->proc;
	uint64_t set;

	(void)a3, (void)a4, (void)a5;
	switch (cmd) {
	case SIG_WAIT:
		return sig_wait();
	case SIG_SETFUNC:
		return sig_setfunc(p, parm, (uint64_t)arg);
	case SIG_SETMASK:
		return sig_setmask(t, parm, (uint64_t)arg);
	case SIG_SEND:
		if (parm <= 0 || parm >= NSIG)
			return -EINVAL;
		signal_post(p, (int)parm);
		return 0;
	case SIG_SETSTK:
		return sig_setstk(t, (uint64_t)arg);
	case SIG_SUSPEND:
		if (copyin(&set, (uint64_t)arg, sizeof(set)) != 0)
			return -EFAULT;
		t->sigmask_suspended = t->sigmask;
		t->sigmask = set & ~SIG_UNBLOCKABLE;
		t->in_sigsuspend = 1;
		return sig_wait();
	case SIG_PENDING:
		set = __atomic_load_n(&p->sig_pending, __ATOMIC_ACQUIRE);
		return copyout((uint64_t)arg, &set, sizeof(set)) ? -EFAULT : 0;
	case SIG_ALARM:
		return parm < 0 ? -EINVAL : signal_alarm(p, (uint64_t)parm);
	default:
		return -EINVAL;
	}
}

long sys_sigreturn(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return signal_return(thr_current()->utf);
}
