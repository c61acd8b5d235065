/* Zero event queues: evopen evwatch evunwatch evsend (sys/zevent.h). */
#include <errno.h>
#include <sys/zevent.h>

#include "libc.h"

long __sys_evopen(long flags);
long __sys_evwatch(long fd, const char *path, long mask);
long __sys_evunwatch(long fd, long wd);
long __sys_evsend(long pid, long type, const void *data, long len);

int evopen(int flags)
{
	return (int)__ret(__sys_evopen(flags));
}

int evwatch(int fd, const char *path, unsigned mask)
{
	return (int)__ret(__sys_evwatch(fd, path, mask));
}

int evunwatch(int fd, int wd)
{
	return (int)__ret(__sys_evunwatch(fd, wd));
}

int evsend(pid_t pid, unsigned type, const void *data, size_t len)
{
	return (int)__ret(__sys_evsend(pid, type, data, (long)len));
}
