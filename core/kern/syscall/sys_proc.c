/*
 * The process calls: fork, exit, abort, exec, wait, kill, the IDs, pctl.
 * Each handler checks and copies its user arguments (the verify half) and
 * then calls the implementation in core/kern/proc/, which trusts them.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/exec.h>
#include <core/proc.h>
#include <core/signal.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/string.h>
#include <kern/thr.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/proc.h>
#include <uapi/signal.h>
#include <uapi/wait.h>

long sys_fork(long flags, long a1, long a2, long a3, long a4, long a5)
{
	(void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	if (flags & ~(long)(FORK_COW | FORK_VFORK))
		return -EINVAL;
	return proc_fork(proc_current(), flags, thr_current()->utf);
}

long sys_exit(long val, long flg, long a2, long a3, long a4, long a5)
{
	(void)flg, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_exit(proc_current(), (int)((val & 0xff) << 8));
}

long sys_abort(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	proc_exit(proc_current(), SIGABRT | 0x80);
}

long sys_exec(long upath, long uargv, long uenvp, long a3, long a4, long a5)
{
	char *path = mem_alloc(IO_PATH_MAX);
	struct exec_args a = { 0 };
	long rc = path ? copyinstr(path, (uint64_t)upath, IO_PATH_MAX) : -ENOMEM;

	(void)a3, (void)a4, (void)a5;
	if (rc >= 0)
		rc = exec_args_init(&a);
	if (rc == 0)
		rc = exec_args_copyin(&a, (uint64_t)uargv, 0);
	if (rc == 0)
		rc = exec_args_copyin(&a, (uint64_t)uenvp, 1);
	if (rc == 0)
		rc = exec_run(proc_current(), path, &a, thr_current()->utf);
	exec_args_free(&a);
	mem_free(path);
	return rc;
}

long sys_wait(long pid, long ustatus, long options, long urusage, long a4, long a5)
{
	int status = 0;
	long r;

	(void)urusage, (void)a4, (void)a5;
	if (options & ~(long)(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	if (ustatus && !uaccess_ok((uint64_t)ustatus, sizeof(int)))
		return -EFAULT;
	r = proc_wait(proc_current(), pid, (int)options, &status);
	if (r > 0 && ustatus && copyout((uint64_t)ustatus, &status, sizeof(status)) != 0)
		return -EFAULT;
	return r;
}

long sys_kill(long pid, long sig, long a2, long a3, long a4, long a5)
{
	(void)a2, (void)a3, (void)a4, (void)a5;
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	return signal_kill(proc_current(), pid, (int)sig);
}

long sys_getpid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_self()->pid;
}

long sys_getppid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	struct proc *p = proc_self();

	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return p->parent ? p->parent->pid : 0;
}

long sys_getuid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_self()->cred.uid;
}

long sys_geteuid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_self()->cred.euid;
}

long sys_getgid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_self()->cred.gid;
}

long sys_getegid(long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)a0, (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
	return proc_self()->cred.egid;
}

/* pctl: the Zero book's process operations (uapi/proc.h). */
long sys_pctl(long cmd, long parm, long arg, long a3, long a4, long a5)
{
	struct proc *p = proc_current();
	char name[sizeof(p->name)];
	long n;

	(void)a3, (void)a4, (void)a5;
	switch (cmd) {
	case PROC_GETPID:
		return p->pid;
	case PROC_GETPGRP:
		return p->pgid;
	case PROC_WAIT:
		return sys_wait(parm, arg, 0, 0, 0, 0);
	case PROC_USLEEP:
		return parm < 0 ? -EINVAL : signal_sleep_ns((uint64_t)parm * 1000);
	case PROC_NANOSLEEP:
		return parm < 0 ? -EINVAL : signal_sleep_ns((uint64_t)parm);
	case PROC_SETNAME:
		n = copyinstr(name, (uint64_t)arg, sizeof(name));
		if (n == -ENAMETOOLONG)
			n = (long)sizeof(name) - 1, name[n] = '\0';
		if (n < 0)
			return n;
		memset(p->name, 0, sizeof(p->name));
		memcpy(p->name, name, (size_t)n);
		return 0;
	default:
		return -EINVAL;
	}
}
