/*
 * The core side of the event queues (kern/event.h): the registration of
 * their provider's table and the wrappers the event system calls use.
 * Without a provider there are no event queues: every call says -ENOSYS.
 *
 * Locking: none here; the provider locks its queues and watches.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/module.h>
#include <kern/event.h>
#include <kern/kmod.h>
#include <kern/printk.h>
#include <uapi/errno.h>

static int ev_null_open(int flags, const struct ev_who *who, struct file **out)
{
	(void)flags;
	(void)who;
	*out = NULL;
	return -ENOSYS;
}

static int ev_null_watch(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
			 const struct ev_who *who)
{
	(void)q;
	(void)cwd;
	(void)path;
	(void)mask;
	(void)who;
	return -ENOSYS;
}

static int ev_null_unwatch(struct file *q, int wd)
{
	(void)q;
	(void)wd;
	return -ENOSYS;
}

static int ev_null_send(long pid, uint32_t type, const void *data, size_t len,
			const struct ev_who *who)
{
	(void)pid;
	(void)type;
	(void)data;
	(void)len;
	(void)who;
	return -ENOSYS;
}

static void ev_null_limits(struct ev_limits *out)
{
	*out = (struct ev_limits){ .queue_max = EV_QUEUE_MAX,
				   .queue_bytes = EV_QUEUE_BYTES,
				   .msg_max = EV_MSG_MAX,
				   .watch_max = EV_WATCH_MAX };
}

static const struct ev_ops ev_null_ops = {
	.version = EV_OPS_VERSION,
	.open = ev_null_open,
	.watch = ev_null_watch,
	.unwatch = ev_null_unwatch,
	.send = ev_null_send,
	.limits = ev_null_limits,
};

static const struct ev_ops *ev_ops = &ev_null_ops;

/*
 * Not a role of its own: the event table is the io provider's second
 * table (the queues report the VFS's changes and the console's input, so
 * they live beside them), registered once from io's init and never
 * dropped (io is pinned). The checks are the ones role_register() makes
 * that matter here: a module's init, the right version, no NULL member.
 */
int ev_register(const struct ev_ops *ops)
{
	const struct ev_ops *none = &ev_null_ops;
	const struct module *m = module_current();

	if (m == NULL)
		return -EPERM;
	if (ops == NULL || ops->version != EV_OPS_VERSION || ops->open == NULL ||
	    ops->watch == NULL || ops->unwatch == NULL || ops->send == NULL ||
	    ops->limits == NULL) {
		pr_err("module %s: event ops table is NULL, of the wrong version or has a NULL "
		       "member (this core speaks version %u)\n",
		       m->name, EV_OPS_VERSION);
		return -EINVAL;
	}
	if (!__atomic_compare_exchange_n(&ev_ops, &none, ops, 0, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		return -EEXIST;
	return 0;
}
KERN_EXPORT(ev_register);

int ev_open(int flags, const struct ev_who *who, struct file **out)
{
	return ev_ops->open(flags, who, out);
}
KERN_EXPORT(ev_open);

int ev_watch(struct file *q, struct vnode *cwd, const char *path, unsigned mask,
	     const struct ev_who *who)
{
	return ev_ops->watch(q, cwd, path, mask, who);
}
KERN_EXPORT(ev_watch);

int ev_unwatch(struct file *q, int wd)
{
	return ev_ops->unwatch(q, wd);
}
KERN_EXPORT(ev_unwatch);

int ev_send(long pid, uint32_t type, const void *data, size_t len, const struct ev_who *who)
{
	return ev_ops->send(pid, type, data, len, who);
}
KERN_EXPORT(ev_send);

void ev_limits(struct ev_limits *out)
{
	ev_ops->limits(out);
}
KERN_EXPORT(ev_limits);
