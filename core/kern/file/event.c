/*
 * The core side of the `event` role (kern/event.h): its descriptor,
 * registration and the wrappers the event system calls use. Without a
 * provider there are no event queues: every call says -ENOSYS.
 *
 * Locking: none here; the provider locks its queues and watches.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/event.h>
#include <kern/kmod.h>
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

static const struct ev_ops ev_null_ops = {
	.version = EV_OPS_VERSION,
	.open = ev_null_open,
	.watch = ev_null_watch,
	.unwatch = ev_null_unwatch,
	.send = ev_null_send,
};

static const struct ev_ops *ev_ops = &ev_null_ops;
static struct ev_ops ev_resolved;

ROLE_DEFINE(ev_role, .name = "event", .version = EV_OPS_VERSION, .ops_size = sizeof(struct ev_ops),
	    .null_ops = &ev_null_ops, .resolved = &ev_resolved, .current = (const void **)&ev_ops,
	    .pinned = true);

int ev_register(const struct ev_ops *ops)
{
	return role_register(&ev_role, ops);
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
