/*
 * POSIX signals over sigop(): every handler returns through libc's
 * __sigrestore trampoline (asm.S), given to the kernel as sigarg.restorer.
 */
#include <uapi/signal.h>
/* The sigop() command; <signal.h> then names SIG_SETMASK the POSIX "how". */
static const int sigop_setmask = SIG_SETMASK;

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

extern void __sigrestore(void);

void __sigsetup(void)
{
}

static int bad_sig(int sig)
{
	if (sig <= 0 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
	struct sigarg a;
	long r;

	if (bad_sig(sig))
		return -1;
	memset(&a, 0, sizeof(a));
	if (!act) {
		/* Read the action: set it to what it is, which SIG_SETFUNC reports back. */
		a.handler = (uint64_t)-1;
	} else {
		a.handler = (uint64_t)act->sa_handler;
		a.flags = (uint64_t)(unsigned)act->sa_flags;
		a.mask = act->sa_mask;
		a.restorer = (uint64_t)__sigrestore;
	}
	r = __sys_sigop(SIG_SETFUNC, sig, &a);
	if (r < 0)
		return (int)__ret(r);
	if (old) {
		memset(old, 0, sizeof(*old));
		old->sa_handler = (sighandler_t)a.old_handler;
		old->sa_flags = (int)a.old_flags;
		old->sa_mask = a.old_mask;
		old->sa_restorer = __sigrestore;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t fn)
{
	struct sigaction sa, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	struct sigmask m = { set ? *set : 0, 0 };
	long r;

	if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK_SET) {
		errno = EINVAL;
		return -1;
	}
	if (!set)
		how = SIG_BLOCK; /* add nothing: read the mask */
	r = __sys_sigop(sigop_setmask, how, &m);
	if (r < 0)
		return (int)__ret(r);
	if (old)
		*old = m.old;
	return 0;
}

int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sigprocmask(how, set, old) < 0 ? errno : 0;
}

int sigpending(sigset_t *set)
{
	uint64_t s = 0;
	long r = __sys_sigop(SIG_PENDING, 0, &s);

	if (r < 0)
		return (int)__ret(r);
	*set = s;
	return 0;
}

int sigsuspend(const sigset_t *mask)
{
	uint64_t m = *mask;

	return (int)__ret(__sys_sigop(SIG_SUSPEND, 0, &m));
}

int pause(void)
{
	return (int)__ret(__sys_sigop(SIG_WAIT, 0, NULL));
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	struct sigstk k;
	long r;

	memset(&k, 0, sizeof(k));
	if (ss) {
		k.sp = (uint64_t)ss->ss_sp;
		k.size = ss->ss_size;
		k.flags = (uint64_t)ss->ss_flags;
	} else {
		k.flags = (uint64_t)-1; /* only read it */
	}
	r = __sys_sigop(SIG_SETSTK, 0, &k);
	if (r < 0)
		return (int)__ret(r);
	if (old) {
		old->ss_sp = (void *)k.old_sp;
		old->ss_size = k.old_size;
		old->ss_flags = (int)k.old_flags;
	}
	return 0;
}

unsigned int alarm(unsigned int secs)
{
	long r = __sys_sigop(SIG_ALARM, secs, NULL);

	return r < 0 ? 0 : (unsigned int)r;
}

int kill(pid_t pid, int sig)
{
	return (int)__ret(__sys_kill(pid, sig));
}

int raise(int sig)
{
	return (int)__ret(__sys_sigop(SIG_SEND, sig, NULL));
}

int sigemptyset(sigset_t *set)
{
	*set = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	*set = ~0ul;
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_sig(sig))
		return -1;
	*set |= 1ul << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_sig(sig))
		return -1;
	*set &= ~(1ul << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_sig(sig))
		return -1;
	return (int)((*set >> (sig - 1)) & 1);
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env[8])
		sigprocmask(SIG_SETMASK_SET, &env[9], NULL);
	longjmp(env, val);
}
