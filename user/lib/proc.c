/* The process calls under their POSIX names: fork, exec, wait, ids. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

pid_t fork(void)
{
	return (pid_t)__ret(__sys_fork(FORK_COW));
}

pid_t vfork(void)
{
	return (pid_t)__ret(__sys_fork(FORK_VFORK));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return (int)__ret(__sys_exec(path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* Try file in each directory of PATH (default /bin:/usr/bin). */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *path = getenv("PATH"), *p;
	char buf[4096];
	int err = ENOENT;

	if (strchr(file, '/'))
		return execve(file, argv, envp);
	for (p = path ? path : "/bin:/usr/bin";; p++) {
		const char *end = strchrnul(p, ':');
		size_t dl = (size_t)(end - p), fl = strlen(file);
		if (dl + fl + 2 <= sizeof(buf)) {
			memcpy(buf, p, dl);
			buf[dl] = '/';
			memcpy(buf + dl + 1, file, fl + 1);
			execve(dl ? buf : file, argv, envp);
			if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
		}
		if (!*end)
			break;
		p = end;
	}
	errno = err;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

#define EXECL_MAX 64

/* Gather the NULL-terminated list after arg into argv; then *envp if asked. */
static int gather(char **argv, const char *arg, va_list ap, char ***envp)
{
	int n = 0;

	argv[n++] = (char *)arg;
	while (arg && n < EXECL_MAX) {
		arg = va_arg(ap, char *);
		argv[n++] = (char *)arg;
	}
	if (arg) {
		errno = E2BIG;
		return -1;
	}
	if (envp)
		*envp = va_arg(ap, char **);
	return 0;
}

int execl(const char *path, const char *arg, ...)
{
	char *argv[EXECL_MAX + 1];
	va_list ap;
	int r;

	va_start(ap, arg);
	r = gather(argv, arg, ap, NULL);
	va_end(ap);
	return r < 0 ? r : execv(path, argv);
}

int execlp(const char *file, const char *arg, ...)
{
	char *argv[EXECL_MAX + 1];
	va_list ap;
	int r;

	va_start(ap, arg);
	r = gather(argv, arg, ap, NULL);
	va_end(ap);
	return r < 0 ? r : execvp(file, argv);
}

int execle(const char *path, const char *arg, ...)
{
	char *argv[EXECL_MAX + 1], **envp;
	va_list ap;
	int r;

	va_start(ap, arg);
	r = gather(argv, arg, ap, &envp);
	va_end(ap);
	return r < 0 ? r : execve(path, argv, envp);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return (pid_t)__ret(__sys_wait(pid, status, options, NULL));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
	return (pid_t)__sys_getpid();
}

pid_t getppid(void)
{
	return (pid_t)__sys_getppid();
}

pid_t getpgrp(void)
{
	return (pid_t)__ret(__sys_pctl(PROC_GETPGRP, 0, NULL));
}

uid_t getuid(void)
{
	return (uid_t)__sys_getuid();
}

uid_t geteuid(void)
{
	return (uid_t)__sys_geteuid();
}

gid_t getgid(void)
{
	return (gid_t)__sys_getgid();
}

gid_t getegid(void)
{
	return (gid_t)__sys_getegid();
}

int system(const char *cmd)
{
	pid_t pid;
	int st;

	if (!cmd)
		return access("/bin/sh", X_OK) == 0;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return st;
}
