/* Process groups, sessions and priorities: setpgid() and friends, nice(). */
#include <errno.h>
#include <sys/resource.h>
#include <sys/zero.h>
#include <unistd.h>

#include "libc.h"

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__ret(__sys_setpgid(pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__ret(__sys_getpgid(pid));
}

pid_t setsid(void)
{
	return (pid_t)__ret(__sys_setsid());
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__ret(__sys_getsid(pid));
}

/* The kernel answers 20 - nice (1..40), as Linux's system call does, so that
 * no priority looks like an error. */
int getpriority(int which, id_t who)
{
	long r = __sys_getpriority(which, who);

	if (r < 0)
		return (int)__ret(r);
	return 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
	return (int)__ret(__sys_setpriority(which, who, prio));
}

int nice(int inc)
{
	int old, now;

	errno = 0;
	old = getpriority(PRIO_PROCESS, 0);
	if (old == -1 && errno)
		return -1;
	now = old + inc;
	now = now < -20 ? -20 : now > 19 ? 19 : now;
	if (setpriority(PRIO_PROCESS, 0, now) != 0)
		return -1;
	return now;
}
