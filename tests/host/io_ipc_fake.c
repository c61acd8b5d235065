/*
 * The ipc role as the io host tests see it: no provider, as in the core's
 * null table (core/kern/ipc/ipc.c), so a FIFO vnode opens with ENXIO.
 * The FIFO ring itself is tested in the guest (user/tests/t_ipc.c).
 */
#include <stddef.h>

#include <kern/ipc.h>
#include <uapi/errno.h>

int ipc_fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out)
{
	(void)vp, (void)flags;
	*out = NULL;
	return -ENXIO;
}

long ipc_fifo_read(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	(void)ff, (void)uio, (void)flags;
	return -EIO;
}

long ipc_fifo_write(struct ipc_fifo *ff, struct uio *uio, int flags)
{
	(void)ff, (void)uio, (void)flags;
	return -EIO;
}

void ipc_fifo_close(struct ipc_fifo *ff, int flags)
{
	(void)ff, (void)flags;
}
