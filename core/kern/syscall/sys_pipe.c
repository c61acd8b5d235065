/*
 * pipe(int fds[2], flags): the ipc role makes the two ends, the descriptor
 * table installs both or neither, and the descriptors are copied out. If
 * that copy faults, both descriptors are taken back (fdtab_uninstall(),
 * which leaves a descriptor alone if another thread already reused it).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_file.h>
#include <kern/file.h>
#include <kern/ipc.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

long kern_pipe(struct proc *p, int flags, int fds[2], struct file *ends[2])
{
	int rc = ipc_pipe(&ends[0], &ends[1], flags & O_NONBLOCK);

	if (rc)
		return rc;
	rc = fdtab_install(p->fds, ends, 2, 0, (flags & O_CLOEXEC) ? FD_CLOEXEC : 0, fds);
	if (rc) {
		file_unref(ends[0]);
		file_unref(ends[1]);
	}
	return rc;
}

long sys_pipe(SYS_HANDLER_ARGS)
{
	struct file *ends[2];
	struct proc *p;
	int fds[2];
	long rc;

	if (a1 & ~(long)(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	if (!uaccess_ok((uint64_t)a0, sizeof(fds)))
		return -EFAULT;
	p = sys_proc();
	rc = kern_pipe(p, (int)a1, fds, ends);
	if (rc == 0 && copyout((uint64_t)a0, fds, sizeof(fds)) != 0) {
		fdtab_uninstall(p->fds, fds[0], ends[0]);
		fdtab_uninstall(p->fds, fds[1], ends[1]);
		rc = -EFAULT;
	}
	return rc;
}
