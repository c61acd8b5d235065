/* The raw-call helpers, and the Zero calls without a POSIX name. */
#include <errno.h>
#include <stdarg.h>
#include <sys/zero.h>

#include "libc.h"

long __ret(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

long syscall(long nr, ...)
{
	va_list ap;
	long a[6];

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return __ret(__syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]));
}

int halt(int flg)
{
	return (int)__ret(__sys_halt(flg));
}

long sysctl(int cmd, long parm, void *arg)
{
	return __ret(__sys_sysctl(cmd, parm, arg));
}

long pctl(int cmd, long parm, void *arg)
{
	return __ret(__sys_pctl(cmd, parm, arg));
}
