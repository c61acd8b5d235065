/*
 * The event-queue calls (Zero events, doc/events.md): evopen, evwatch,
 * evunwatch, evsend. The verify halves: descriptors are looked up, paths
 * and messages copied in here; the queues, watches, their locks and the
 * permission of a message are the event provider's (modules/io/ev_*.c).
 */
#include <stddef.h>
#include <stdint.h>

#include <core/fdtab.h>
#include <core/proc.h>
#include <core/sys_event.h>
#include <core/sys_fs.h>
#include <kern/event.h>
#include <kern/io.h>
#include <kern/mem.h>
#include <kern/uaccess.h>
#include <uapi/errno.h>
#include <uapi/event.h>
#include <uapi/fcntl.h>

static struct ev_who sys_ev_who(struct proc *p)
{
	return (struct ev_who){ .cred = &p->cred, .pid = p->pid };
}

long sys_evopen(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();
	struct ev_who who = sys_ev_who(p);
	struct file *f;
	long rc;
	int fd;

	if ((unsigned long)a0 & ~(unsigned long)(EV_NONBLOCK | EV_CLOEXEC))
		return -EINVAL;
	rc = ev_open((int)(a0 & EV_NONBLOCK), &who, &f);
	if (rc)
		return rc;
	rc = fdtab_install(p->fds, &f, 1, 0, (a0 & EV_CLOEXEC) ? FD_CLOEXEC : 0, &fd);
	if (rc) {
		file_unref(f);
		return rc;
	}
	return fd;
}

long sys_evwatch(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();
	struct ev_who who = sys_ev_who(p);
	char *path = NULL;
	struct file *f;
	long rc = fdtab_get(p->fds, (int)a0, &f);

	if (rc)
		return rc;
	if (a1)
		rc = sys_path_copy(a1, &path);
	if (rc == 0) {
		struct vnode *cwd = kern_cwd_hold(p);

		rc = ev_watch(f, cwd, path, (unsigned)a2, &who);
		io_vrele(cwd);
	}
	mem_free(path);
	file_unref(f);
	return rc;
}

long sys_evunwatch(SYS_HANDLER_ARGS)
{
	struct proc *p = sys_proc();
	struct file *f;
	long rc = fdtab_get(p->fds, (int)a0, &f);

	if (rc)
		return rc;
	rc = ev_unwatch(f, (int)a1);
	file_unref(f);
	return rc;
}

long sys_evsend(SYS_HANDLER_ARGS)
{
	struct ev_who who = sys_ev_who(sys_proc());
	size_t len = (size_t)a3;
	void *buf;
	long rc;

	if (a0 <= 0 || len > EV_MSG_MAX)
		return -EINVAL;
	buf = mem_alloc(len ? len : 1);
	if (buf == NULL)
		return -ENOMEM;
	rc = len && copyin(buf, (uint64_t)a2, len) ? -EFAULT : 0;
	if (rc == 0)
		rc = ev_send(a0, (uint32_t)a1, buf, len, &who);
	mem_free(buf);
	return rc;
}

long sysctl_event(uint64_t uarg)
{
	struct ev_limits lim = { 0 };

	ev_limits(&lim);
	return copyout(uarg, &lim, sizeof(lim)) ? -EFAULT : 0;
}
