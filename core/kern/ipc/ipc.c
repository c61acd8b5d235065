/*
 * The core side of the `ipc` role: its descriptor, registration and the
 * wrappers the system calls use. Without a provider there are no pipes:
 * pipe() says -ENOSYS. The role is pinned: open pipes hold the provider's
 * fileops, so it never unloads.
 *
 * Locking: none here. ipc operations may sleep and run on several CPUs at
 * once; the provider locks its objects itself.
 */
#include <stddef.h>
#include <stdint.h>

#include <core/role.h>
#include <kern/assert.h>
#include <kern/ipc.h>
#include <kern/kmod.h>
#include <uapi/errno.h>

static int ipc_null_pipe(struct file **rd, struct file **wr, int flags)
{
	(void)flags;
	*rd = NULL;
	*wr = NULL;
	return -ENOSYS;
}

static const struct ipc_ops ipc_null_ops = {
	.version = IPC_OPS_VERSION,
	.pipe = ipc_null_pipe,
};

static const struct ipc_ops *ipc_ops = &ipc_null_ops;
static struct ipc_ops ipc_resolved;

ROLE_DEFINE(ipc_role, .name = "ipc", .version = IPC_OPS_VERSION, .ops_size = sizeof(struct ipc_ops),
	    .null_ops = &ipc_null_ops, .resolved = &ipc_resolved,
	    .current = (const void **)&ipc_ops, .pinned = true);

int ipc_register(const struct ipc_ops *ops)
{
	return role_register(&ipc_role, ops);
}
KERN_EXPORT(ipc_register);

int ipc_pipe(struct file **rd, struct file **wr, int flags)
{
	KASSERT_MAY_SLEEP();
	return ipc_ops->pipe(rd, wr, flags);
}
KERN_EXPORT(ipc_pipe);
