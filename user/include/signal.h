/*
 * signal.h for zero's libc: POSIX signals over sigop() (uapi/signal.h).
 * A set holds signal n in bit n-1.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <stddef.h>
#include <sys/types.h>
#include <uapi/signal.h>

typedef unsigned long sigset_t;
typedef struct siginfo siginfo_t;
typedef int sig_atomic_t;
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)SIG_DFL_HANDLER)
#define SIG_IGN ((sighandler_t)SIG_IGN_HANDLER)
#define SIG_ERR ((sighandler_t)-1)
/* sigprocmask() how: the uapi names SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK_SET. */
#define SIG_SETMASK SIG_SETMASK_SET
#define SIGIOT	    SIGABRT

struct sigaction {
	union {
		void (*__handler)(int);
		void (*__sigaction)(int, siginfo_t *, void *);
	} __u;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler   __u.__handler
#define sa_sigaction __u.__sigaction

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

sighandler_t signal(int sig, sighandler_t fn);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int kill(pid_t pid, int sig);
int raise(int sig);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

#endif
