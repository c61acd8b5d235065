/*
 * The system-call gate's generic half: the arch hands over the caller's
 * trap frame (trap_dispatch(), TRAP_KIND_SYSCALL); this reads the number
 * and arguments, runs the handler from the generated table with interrupts
 * enabled, and sets the result (the arch turns -errno into errno + CF).
 * Signals are delivered on the way out (proc/signal.c).
 *
 * strace=<pid> or strace=<name> (the kernel command line) logs every call
 * of the matching processes: name, arguments as the table's format says,
 * and the result.
 */
#include <stdint.h>

#include <arch/arch.h>
#include <arch/user.h>
#include <core/boot.h>
#include <core/cmdline.h>
#include <core/proc.h>
#include <core/signal.h>
#include <core/syscall.h>
#include <kern/fmt.h>
#include <kern/printk.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <uapi/errno.h>

long sys_nosys(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0;
	(void)a1;
	(void)a2;
	(void)a3;
	(void)a4;
	(void)a5;
	return -ENOSYS;
}

/* 0: not looked yet, 1: no strace= word, 2: tracing (the fast path tests
 * one byte; the command line does not change after boot). */
static unsigned char syscall_tracing;

/* The strace= word, looked up once: the command line does not change after boot. */
static const char *syscall_strace_word(void)
{
	static const char *word;
	static int looked;

	if (!looked) {
		word = cmdline_get(boot_cmdline(), "strace");
		looked = 1;
	}
	return word;
}

static int syscall_traced(const struct proc *p)
{
	const char *w = syscall_strace_word();
	char pid[24];

	if (w == NULL || p == NULL)
		return 0;
	syscall_tracing = 2;
	fmt_snprintf(pid, sizeof(pid), "%ld", p->pid);
	return strcmp(w, pid) == 0 || strcmp(w, p->name) == 0 || strcmp(w, "all") == 0;
}

static void syscall_log(const struct proc *p, long nr, const long *a, long ret)
{
	const struct syscall_desc *d = nr >= 0 && nr < SYS_NR ? &syscall_table[nr] : NULL;
	char line[256];
	size_t len;

	len = fmt_snprintf(line, sizeof(line), "strace: %ld %s: %s(", p->pid, p->name,
			   d && d->fn ? d->name : "?");
	for (unsigned i = 0; d && d->fn && i < d->nargs && len < sizeof(line); i++) {
		const char *f = d->format[i] == 'd'   ? "%s%ld"
				: d->format[i] == 'o' ? "%s0%lo"
						      : "%s%#lx";
		len += fmt_snprintf(line + len, sizeof(line) - len, f, i ? ", " : "", a[i]);
	}
	if (len < sizeof(line))
		fmt_snprintf(line + len, sizeof(line) - len, ") = %ld", ret);
	printk("%s\n", line);
}

/* Look for strace= once; log the call if it names this process. */
static void syscall_trace(const struct proc *p, long nr, const long *a, long ret)
{
	if (syscall_tracing == 0)
		syscall_tracing = syscall_strace_word() ? 2 : 1;
	if (syscall_tracing == 2 && syscall_traced(p))
		syscall_log(p, nr, a, ret);
}

static int syscall_restartable(long nr)
{
	/* System V IPC waits are never restarted (as on Linux: EINTR always). */
	return nr != SYS_nanosleep && nr != SYS_sigop && nr != SYS_msgsnd && nr != SYS_msgrcv &&
	       nr != SYS_semop && nr != SYS_semtimedop;
}

/* A call while strace= may be in force, or with no handler: kept out of the
 * fast path, which then needs no copy of the arguments in memory. */
__attribute__((noinline)) static long syscall_call_slow(struct thr *t, struct trap_frame *tf,
							syscall_fn *fn)
{
	long a[6], nr = arch_syscall_args(tf, a);
	long ret = fn ? fn(a[0], a[1], a[2], a[3], a[4], a[5]) : -ENOSYS;

	syscall_trace(t->proc, nr, a, ret);
	return ret;
}

void syscall_trap(struct thr *t, struct trap_frame *tf)
{
	long a[6], nr = arch_syscall_args(tf, a), ret;
	syscall_fn *fn = (unsigned long)nr < SYS_NR ? syscall_table[nr].fn : NULL;

	arch_irq_enable();
	if (__builtin_expect(syscall_tracing == 1 && fn != NULL, 1))
		ret = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
	else
		ret = syscall_call_slow(t, tf, fn);
	if (ret != SYSCALL_KEEP_FRAME) /* sigreturn restored the whole frame */
		arch_syscall_return(tf, ret);
	/* Interrupted by a signal: signal_deliver() may run it again. Not a
	 * sleep (it would sleep its whole time again), nor pause() and
	 * sigsuspend() (sigop), which exist to return after a handler. */
	t->sys_restart = __builtin_expect(ret == -EINTR, 0) && syscall_restartable(nr) ? nr + 1 : 0;
	arch_irq_disable();
}
