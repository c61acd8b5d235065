/* exit, atexit, _exit, _Exit, abort, assert. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

#define ATEXIT_MAX 32

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
	if (nhandlers == ATEXIT_MAX)
		return -1;
	handlers[nhandlers++] = fn;
	return 0;
}

void __run_atexit(void)
{
	while (nhandlers > 0)
		handlers[--nhandlers]();
	__stdio_flushall();
}

void exit(int status)
{
	__run_atexit();
	__sys_exit(status, 0);
}

void _exit(int status)
{
	__sys_exit(status, 0);
}

void _Exit(int status)
{
	__sys_exit(status, 0);
}

/* SIGABRT first (a handler may run); if the process survives, abort(). */
void abort(void)
{
	sigset_t set = 1ul << (SIGABRT - 1);

	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	__sys_abort();
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	fprintf(stderr, "%s:%d: %s: assertion '%s' failed\n", file, line, func, expr);
	abort();
}
