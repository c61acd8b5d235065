/*
 * sysctl(cmd, parm, arg): kernel state for tools (the Zero book's call,
 * section 6.2.2). One case per command; each command's half lives in a
 * file of its own (sysctl_*.c), so adding a command is one case line and
 * one file.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/meminfo.h>
#include <core/sys_fs.h>
#include <core/sys_event.h>
#include <core/sys_ipc.h>
#include <core/sysctl.h>
#include <kern/mem.h>
#include <kern/printk.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/meminfo.h>
#include <uapi/sysctl.h>

long sysctl_meminfo(uint64_t uarg)
{
	struct meminfo *mi = mem_zalloc(sizeof(*mi));
	long rc;

	if (mi == NULL)
		return -ENOMEM;
	meminfo_get(mi);
	rc = copyout(uarg, mi, sizeof(*mi)) ? -EFAULT : 0;
	mem_free(mi);
	return rc;
}

long sysctl_log(long room, uint64_t ubuf)
{
	size_t n;
	char *buf;
	long rc;

	if (room < 0)
		return -EINVAL;
	if (room == 0)
		return (long)printk_log_held();
	n = (size_t)room < PRINTK_LOG_SIZE ? (size_t)room : PRINTK_LOG_SIZE;
	buf = mem_alloc(n);
	if (buf == NULL)
		return -ENOMEM;
	n = printk_log_tail(buf, n);
	rc = copyout(ubuf, buf, n) ? -EFAULT : (long)n;
	mem_free(buf);
	return rc;
}

long sys_sysctl(long cmd, long parm, long arg, long a3, long a4, long a5)
{
	(void)a3, (void)a4, (void)a5;
	switch (cmd) {
	case SYSCTL_MEMINFO:
		return sysctl_meminfo((uint64_t)arg);
	case SYSCTL_PROCS:
		return sysctl_procs(parm, (uint64_t)arg);
	case SYSCTL_MODULES:
		return sysctl_modules(parm, (uint64_t)arg);
	case SYSCTL_LOG:
		return sysctl_log(parm, (uint64_t)arg);
	case SYSCTL_MOUNTS:
		return sys_sysctl_mounts(parm, (uint64_t)arg);
	case SYSCTL_IPC:
		return sysctl_ipc((uint64_t)arg);
	case SYSCTL_EVENT:
		return sysctl_event((uint64_t)arg);
	default:
		return -EINVAL;
	}
}
