/*
 * FIFOs of the ipc module (fifo.c): ipc_ops::fifo_open, fifo_read,
 * fifo_write and fifo_close.
 */
#ifndef IPC_FIFO_H_
#define IPC_FIFO_H_

#include <kern/file.h>
#include <kern/ipc.h>

int fifo_open(struct vnode *vp, int flags, struct ipc_fifo **out);
long fifo_read(struct ipc_fifo *ff, struct uio *uio, int flags);
long fifo_write(struct ipc_fifo *ff, struct uio *uio, int flags);
void fifo_close(struct ipc_fifo *ff, int flags);

/* FIFO vnodes open now (for the leak checks). */
unsigned fifo_in_use(void);

#endif /* IPC_FIFO_H_ */
