/*
 * Signals: posting, delivery on the way back to user mode, the signal
 * frame and sigreturn, user faults. Dispositions are per process
 * (p->sig[]), masks per thread (t->sigmask), pending sets per process.
 *
 * The signal frame, pushed below the interrupted stack pointer (past the
 * 128-byte red zone) or on the alternate stack:
 *   sp ->  restorer (the handler returns into libc's sigreturn trampoline)
 *          struct siginfo   (the handler's second argument)
 *          the mask to restore, and whether the alternate stack was in use
 *          the interrupted frame (the third argument), arch_trap_frame_size() bytes
 * sp is 8 modulo 16 at the handler's entry, as after a call.
 *
 * Locking: pending sets change with atomic operations; a disposition or a
 * mask is changed only by the threads of its process in sigop(), and read
 * by the same thread when it returns to user mode.
 */
#include <stddef.h>
#include <stdint.h>

#include <arch/arch.h>
#include <arch/trap.h>
#include <arch/user.h>
#include <core/job.h>
#include <core/proc.h>
#include <core/signal.h>
#include <core/thr_priv.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/tmr.h>
#include <kern/uaccess.h>
#include <kern/vm.h>
#include <uapi/errno.h>
#include <uapi/signal.h>

#define SIGBIT(s)	(1ULL << ((s)-1))
#define SIG_UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIG_FRAME_BYTES 512
#define SIG_REDZONE	128

struct signal_frame {
	uint64_t restorer;
	struct siginfo info;
	uint64_t mask;
	uint64_t on_alt;
};

static const char *const signal_names[NSIG] = {
	[SIGHUP] = "SIGHUP",	 [SIGINT] = "SIGINT",	[SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL",	 [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",	 [SIGFPE] = "SIGFPE",	[SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1",	 [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",	 [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGCHLD] = "SIGCHLD",	 [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
	[SIGTSTP] = "SIGTSTP",	 [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
	[SIGWINCH] = "SIGWINCH",
};

static const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIG && signal_names[sig] ? signal_names[sig] : "signal";
}

static int signal_dumps_core(int sig)
{
	return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT ||
	       sig == SIGBUS || sig == SIGFPE || sig == SIGSEGV;
}

/* Default actions that do nothing (SIGCONT's continuing is done when it is sent). */
static int signal_default_ignores(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGWINCH;
}

static int signal_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

#define SIG_STOPS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

/*
 * Job control acts when a signal is sent, not when it is delivered: SIGCONT
 * continues a stopped process even when it is blocked or ignored and throws
 * away pending stops; a stop throws away a pending SIGCONT; SIGKILL wakes a
 * stopped process so that it can die.
 */
void signal_post(struct proc *p, int sig)
{
	const struct proc_sigaction *act = &p->sig[sig];

	if (sig == SIGCONT) {
		__atomic_and_fetch(&p->sig_pending, ~SIG_STOPS, __ATOMIC_ACQ_REL);
		job_continue(p, 1);
	} else if (signal_stops(sig)) {
		__atomic_and_fetch(&p->sig_pending, ~SIGBIT(SIGCONT), __ATOMIC_ACQ_REL);
	}
	/* Discarded at once: ignored, or ignored by default (SIGCHLD...). */
	if (sig != SIGKILL && (act->handler == SIG_IGN_HANDLER ||
			       (act->handler == SIG_DFL_HANDLER && signal_default_ignores(sig))))
		return;
	__atomic_or_fetch(&p->sig_pending, SIGBIT(sig), __ATOMIC_ACQ_REL);
	if (sig == SIGKILL)
		job_continue(p, 0);
	if (p->thr)
		thr_interrupt(p->thr);
}

static int signal_allowed(const struct proc *from, const struct proc *to)
{
	return from->cred.euid == 0 || from->cred.euid == to->cred.uid ||
	       from->cred.uid == to->cred.uid;
}

struct signal_kill_ctx {
	struct proc *from;
	long pid;
	int sig;
	int found, denied;
};

static int signal_kill_one(struct proc *p, void *arg)
{
	struct signal_kill_ctx *k = arg;
	int match = k->pid > 0	   ? p->pid == k->pid
		    : k->pid == 0  ? p->pgid == k->from->pgid
		    : k->pid == -1 ? p->pid != 1
				   : p->pgid == -k->pid;

	if (!match)
		return 0;
	if (!signal_allowed(k->from, p)) {
		k->denied++;
		return 0;
	}
	k->found++;
	if (k->sig)
		signal_post(p, k->sig);
	return 0;
}

long signal_kill(struct proc *from, long pid, int sig)
{
	struct signal_kill_ctx k = { .from = from, .pid = pid, .sig = sig };

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	proc_foreach(signal_kill_one, &k);
	if (k.found)
		return 0;
	return k.denied ? -EPERM : -ESRCH;
}

static uint64_t signal_deliverable(const struct proc *p, const struct thr *t)
{
	return __atomic_load_n(&p->sig_pending, __ATOMIC_ACQUIRE) &
	       ~(t->sigmask & ~SIG_UNBLOCKABLE);
}

/* A sleep ends early for a deliverable signal, and also when the thread's
 * process is ending or another of its threads execs: the thread leaves on
 * its way back to user mode. */
int signal_pending(void)
{
	struct thr *t = thr_current();
	struct proc *p = t ? t->proc : NULL;
	struct thr *ex;

	if (p == NULL)
		return 0;
	ex = __atomic_load_n(&p->exec_thr, __ATOMIC_ACQUIRE);
	return signal_deliverable(p, t) != 0 || p->exiting || (ex && ex != t);
}

/* Push a signal frame and point the user frame at the handler. */
static int signal_frame(struct trap_frame *tf, int sig, const struct proc_sigaction *act,
			struct thr *t)
{
	_Alignas(16) unsigned char saved[SIG_FRAME_BYTES];
	size_t fsz = arch_trap_frame_size();
	struct signal_frame h = { .restorer = act->restorer,
				  .info = { .si_signo = sig },
				  .mask = t->in_sigsuspend ? t->sigmask_suspended : t->sigmask,
				  .on_alt = (uint64_t)t->on_sigalt };
	uint64_t sp = arch_trap_sp(tf) - SIG_REDZONE;

	if ((act->flags & SA_ONSTACK) && t->sigalt_sp && !t->on_sigalt) {
		sp = t->sigalt_sp + t->sigalt_size;
		t->on_sigalt = 1;
	}
	sp = ((sp - sizeof(h) - fsz) & ~15ULL) - 8;
	memcpy(saved, tf, fsz);
	if (copyout(sp, &h, sizeof(h)) != 0 || copyout(sp + sizeof(h), saved, fsz) != 0)
		return -EFAULT;
	arch_trap_set_call(tf, act->handler, sp, (uint64_t)sig, sp + 8, sp + sizeof(h));
	if (t->in_sigsuspend) {
		t->sigmask = t->sigmask_suspended;
		t->in_sigsuspend = 0;
	}
	t->sigmask |= act->mask | ((act->flags & SA_NODEFER) ? 0 : SIGBIT(sig));
	return 0;
}

static __attribute__((noreturn)) void signal_terminate(struct proc *p, int sig)
{
	proc_exit(p, sig | (signal_dumps_core(sig) ? 0x80 : 0));
}

/* A default action: nothing, stop (unless the group is orphaned: POSIX
 * says a terminal's stop signals are then discarded), or the end. */
static void signal_default(struct proc *p, int sig)
{
	if (sig != SIGKILL && signal_default_ignores(sig))
		return;
	if (sig != SIGKILL && signal_stops(sig)) {
		if (sig == SIGSTOP || !job_pgrp_orphaned(p->pgid))
			job_stop(p, sig);
		return;
	}
	signal_terminate(p, sig);
}

/*
 * On the way back to user mode. A system call that said EINTR
 * (t->sys_restart) runs again unless a handler without SA_RESTART is
 * what interrupted it: after a stop and continue, an ignored signal or an
 * SA_RESTART handler (the handler runs first, then the call again).
 */
void signal_deliver(struct trap_frame *tf)
{
	struct thr *t = thr_current();
	struct proc *p = t->proc;
	long restart = arch_trap_kind(tf) == TRAP_KIND_SYSCALL ? t->sys_restart : 0;
	uint64_t pend;
	int acted = 0;

	t->sys_restart = 0;
	if (p && p->exiting)
		proc_exit(p, p->status);
	if (p && __atomic_load_n(&p->exec_thr, __ATOMIC_ACQUIRE) &&
	    __atomic_load_n(&p->exec_thr, __ATOMIC_ACQUIRE) != t)
		proc_exec_leave(p);
	if (p && __atomic_load_n(&p->stopped, __ATOMIC_ACQUIRE)) {
		job_park(p);
		acted = 1;
	}
	while (p && (pend = signal_deliverable(p, t)) != 0) {
		int sig = __builtin_ctzll(pend) + 1;
		struct proc_sigaction act = p->sig[sig];

		__atomic_and_fetch(&p->sig_pending, ~SIGBIT(sig), __ATOMIC_ACQ_REL);
		acted = 1;
		if (sig == SIGKILL || act.handler == SIG_DFL_HANDLER) {
			signal_default(p, sig);
			continue;
		}
		if (act.handler == SIG_IGN_HANDLER)
			continue;
		if (act.flags & SA_RESETHAND)
			p->sig[sig] = (struct proc_sigaction){ 0 };
		if (restart && (act.flags & SA_RESTART))
			arch_syscall_restart(tf, restart - 1);
		if (signal_frame(tf, sig, &act, t) != 0) {
			pr_info("zero: pid %ld (%s): bad stack for a %s handler\n", p->pid, p->name,
				signal_name(sig));
			signal_terminate(p, SIGSEGV);
		}
		return;
	}
	if (restart && acted)
		arch_syscall_restart(tf, restart - 1);
	if (t->in_sigsuspend) {
		t->sigmask = t->sigmask_suspended;
		t->in_sigsuspend = 0;
	}
}

/* alarm(): SIGALRM after @seconds (0 cancels); returns the seconds left of the old one. */
static void signal_alarm_fire(struct tmr_callout *c, void *arg)
{
	struct proc *p = arg;

	(void)c;
	p->alarm_at = 0;
	signal_post(p, SIGALRM);
}

long signal_alarm(struct proc *p, uint64_t seconds)
{
	uint64_t now = tmr_now_ns(), left = 0;

	if (p->alarm_at > now)
		left = (p->alarm_at - now + 999999999) / 1000000000;
	tmr_cancel(&p->alarm);
	p->alarm_at = 0;
	if (seconds) {
		p->alarm_at = now + seconds * 1000000000;
		if (tmr_arm(&p->alarm, p->alarm_at, 0, signal_alarm_fire, p) != 0)
			return -ENODEV;
	}
	return (long)left;
}

long signal_return(struct trap_frame *tf)
{
	_Alignas(16) unsigned char saved[SIG_FRAME_BYTES];
	struct thr *t = thr_current();
	uint64_t sp = arch_trap_sp(tf) - 8;
	struct signal_frame h;

	if (copyin(&h, sp, sizeof(h)) != 0 ||
	    copyin(saved, sp + sizeof(h), arch_trap_frame_size()) != 0)
		signal_terminate(t->proc, SIGSEGV);
	arch_trap_restore_user(tf, saved);
	t->sigmask = h.mask & ~SIG_UNBLOCKABLE;
	t->on_sigalt = h.on_alt != 0;
	return SYSCALL_KEEP_FRAME;
}

void signal_fault(struct trap_frame *tf)
{
	signal_fault_as(tf, 0);
}

void signal_fault_as(struct trap_frame *tf, int sig)
{
	struct thr *t = thr_current();
	struct proc *p = t->proc;
	const struct proc_sigaction *act;
	char region[96] = "";

	if (sig == 0)
		sig = arch_trap_signal(tf);
	act = &p->sig[sig];
	if (act->handler > SIG_IGN_HANDLER && !(t->sigmask & SIGBIT(sig))) {
		signal_post(p, sig);
		return;
	}
	if (arch_trap_kind(tf) == TRAP_KIND_PAGE_FAULT &&
	    vm_describe(p->vm, arch_trap_fault_addr(tf), region, sizeof(region)) != 0)
		memcpy(region, "no region", 10);
	if (arch_trap_kind(tf) == TRAP_KIND_PAGE_FAULT)
		printk("zero: pid %ld (%s) killed by %s: %s at rip %#lx, address %#lx (%s)\n",
		       p->pid, p->name, signal_name(sig), arch_trap_desc(arch_trap_vector(tf)),
		       arch_trap_pc(tf), arch_trap_fault_addr(tf), region);
	else
		printk("zero: pid %ld (%s) killed by %s: %s at rip %#lx\n", p->pid, p->name,
		       signal_name(sig), arch_trap_desc(arch_trap_vector(tf)), arch_trap_pc(tf));
	signal_terminate(p, sig);
}

long signal_sleep_ns(uint64_t ns)
{
	struct thr *t = thr_current();
	uint64_t flags = arch_irq_save();
	int r = signal_pending() ? -EINTR : thr_sleep(&t->timeout, ns);

	arch_irq_restore(flags);
	return r == -ETIMEDOUT ? 0 : r == -EINTR || signal_pending() ? -EINTR : 0;
}
