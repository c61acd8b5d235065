/*
 * modules/ipc: the `ipc` provider. Pipes (pipe.c over pipe_ring.c) for
 * now; FIFOs, System V message queues, semaphores and shared memory, and
 * POSIX shm objects come here next (DESIGN.md section 12).
 */
#include <kern/ipc.h>
#include <kern/kmod.h>
#include <kern/printk.h>

#include "pipe.h"

static const struct ipc_ops ipc_module_ops = {
	.version = IPC_OPS_VERSION,
	.pipe = pipe_create,
};

static int ipc_init(const char *args)
{
	int rc;

	(void)args;
	rc = ipc_register(&ipc_module_ops);
	if (rc == 0)
		printk("ipc: pipes of %u KiB, writes of up to %u bytes atomic\n", PIPE_SIZE / 1024,
		       PIPE_BUF);
	return rc;
}

KMOD(.name = "ipc", .version = "1.0.0", .role = "ipc", .init = ipc_init);
